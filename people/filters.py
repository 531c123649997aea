"""Filters for the people page and the people audit."""

import django_filters
from django import forms
from django.db.models import Q

from people.models import PeopleEvent
from people.selectors import STATES
from plans.models import GovernanceBody, Membership, Partner
from plans.roles import BUSINESS_MANAGERS, SCRUTINY_MEMBERS

ROLE_CHOICES = [
    ("manager", "Business manager"),
    ("scrutiny", "Scrutiny member"),
    *[(f"body:{value}", label) for value, label in Membership.Role.choices],
]


class PeopleFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(label="Name or e-mail", method="filter_search")
    state = django_filters.ChoiceFilter(label="State", choices=STATES, empty_label="Any state")
    role = django_filters.ChoiceFilter(
        label="Role", choices=ROLE_CHOICES, method="filter_role", empty_label="Any role"
    )
    organisation = django_filters.ModelChoiceFilter(
        label="Organisation",
        field_name="profile__partner",
        queryset=Partner.objects.all(),
        empty_label="Any organisation",
    )
    body = django_filters.ModelChoiceFilter(
        label="Body",
        field_name="memberships__body",
        queryset=GovernanceBody.objects.all(),
        to_field_name="slug",
        empty_label="Any body",
        distinct=True,
    )

    def filter_search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset

    def filter_role(self, queryset, name, value):
        if value == "manager":
            return queryset.filter(groups__name=BUSINESS_MANAGERS)
        if value == "scrutiny":
            return queryset.filter(groups__name=SCRUTINY_MEMBERS)
        return queryset.filter(memberships__role=value.removeprefix("body:")).distinct()


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label="What happened", choices=PeopleEvent.Kind.choices, empty_label="Anything"
    )
    account = django_filters.CharFilter(label="Person (name or e-mail)", method="filter_account")
    since = django_filters.DateFilter(
        label="From",
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label="To",
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def filter_account(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(account__icontains=value)
            | Q(person__first_name__icontains=value)
            | Q(person__last_name__icontains=value)
        )
