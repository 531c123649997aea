"""Chasing late bodies from a quarter's page: choose the bodies, preview the reminder, send it
(``services.chasing``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from measures import selectors
from measures.models import ReportingPeriod
from measures.rules import can_manage_periods
from measures.services.chasing import AGAIN_AFTER, chase_bodies, chase_message
from measures.views.mixins import LoadsAfterRoleCheck
from notifications import recipients
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class ChaseForm(forms.Form):
    bodies = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Bodies to remind",
        error_messages={"required": "Choose at least one body to remind."},
    )

    def __init__(self, *args, outstanding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].choices = [
            (body_id, body.name) for body_id, body in outstanding.items()
        ]


class ChaseView(RoleRequiredMixin, BreadcrumbsMixin, LoadsAfterRoleCheck, TemplateView):
    """GET: the bodies with outstanding returns to choose from. POST ``step=preview``: the
    reminder each chosen body would get. POST ``step=send``: send them."""

    permission = can_manage_periods
    template_name = "measures/chase.html"

    def load(self, request, *args, **kwargs):
        self.period = get_object_or_404(ReportingPeriod, pk=kwargs["pk"])
        self.outstanding = selectors.outstanding_by_body(self.period)
        return None

    def get_breadcrumbs(self):
        return [
            ("Quarters", reverse("measures:period_list")),
            (str(self.period), self.period.get_absolute_url()),
            ("Chase late returns", None),
        ]

    def get_context_data(self, **kwargs):
        now = timezone.now()
        people = recipients.reporters_by_body(self.outstanding)
        bodies = [
            {
                "id": body_id,
                "body": body,
                "people": len(people.get(body_id, [])),
                "recently": body.last_chased is not None and body.last_chased > now - AGAIN_AFTER,
            }
            for body_id, body in self.outstanding.items()
        ]
        return super().get_context_data(
            period=self.period,
            bodies=bodies,
            late=timezone.localdate() > self.period.deadline,
            chases=selectors.chases_of(self.period),
            form=kwargs.pop("form", None) or ChaseForm(outstanding=self.outstanding),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ChaseForm(request.POST, outstanding=self.outstanding)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        chosen = form.cleaned_data["bodies"]
        if request.POST.get("step") != "send":
            previews = [
                (self.outstanding[body_id].name, *self._message(body_id)) for body_id in chosen
            ]
            return self.render_to_response(
                self.get_context_data(form=form, previews=previews, chosen=chosen)
            )
        result = chase_bodies(period=self.period, body_ids=chosen, user=request.user)
        if result.chased:
            people = sum(count for _, count in result.chased)
            messages.success(
                request,
                f"Reminded {len(result.chased)} bod{'y' if len(result.chased) == 1 else 'ies'} "
                f"({people} {'person' if people == 1 else 'people'}): "
                + ", ".join(name for name, _ in result.chased)
                + ".",
            )
        for name, why in result.skipped:
            messages.warning(request, f"{name} was not reminded: {why}.")
        return redirect("measures:period_chase", pk=self.period.pk)

    def _message(self, body_id: int) -> tuple[str, str]:
        body = self.outstanding[body_id]
        return chase_message(self.period, body.name, body.titles)
