"""Partner leads from a person's page (business managers): making someone the lead of a
statutory partner, who then signs the yearly report for it, and taking that away again. The
rest of a person's roles are in ``people.views``."""

from __future__ import annotations

from django.urls import reverse

from people import services
from people.forms import PartnerLeadForm
from people.rules import can_manage_people
from people.views import PEOPLE_CRUMB, PeopleFormView, person_url
from plans.models import PartnerLead
from sscp.editing import ConfirmView
from sscp.people import person_name


class AddPartnerLeadView(PeopleFormView):
    form_class = PartnerLeadForm
    submit_label = "Make them lead"
    intro = (
        "The lead of a statutory partner signs the partnership's yearly report for it. A partner "
        "may have more than one lead (a deputy); any one of them signs."
    )

    def get_page_title(self):
        return f"Make {person_name(self.person)} lead of a statutory partner"

    def perform(self, form):
        self.lead = services.add_partner_lead(
            request=self.request, person=self.person, partner=form.cleaned_data["partner"]
        )
        return self.person

    def get_success_message(self):
        return f"{person_name(self.person)} is now a lead of {self.lead.partner}."


class RemovePartnerLeadView(ConfirmView):
    permission = can_manage_people
    model = PartnerLead
    page_crumb = "Remove partner lead"
    submit_label = "Remove as lead"

    def get_queryset(self):
        return PartnerLead.objects.select_related("user", "partner").filter(
            user__is_superuser=False
        )

    def get_page_title(self):
        return f"Remove {person_name(self.object.user)} as lead of {self.object.partner}"

    def object_label(self):
        return person_name(self.object.user)

    def object_url(self):
        return person_url(self.object.user)

    def parent_breadcrumbs(self):
        return [(PEOPLE_CRUMB[0], reverse(PEOPLE_CRUMB[1]))]

    def get_context_data(self, **kwargs):
        name, partner = person_name(self.object.user), self.object.partner
        return super().get_context_data(
            consequences=[
                f"stop {name} signing the yearly report for {partner};",
                "keep the sign-offs they already made, with their name on them.",
            ],
            **kwargs,
        )

    def perform(self):
        services.remove_partner_lead(request=self.request, lead=self.object)
        return (
            f"{person_name(self.object.user)} is no longer a lead of {self.object.partner}.",
            person_url(self.object.user),
        )
