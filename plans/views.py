from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import (
    ListView,
    TemplateView,
)

from plans import selectors, services
from plans.forms import BodyForm, MembershipForm, MembershipRoleForm, PlanForm
from plans.mixins import PlanObjectMixin
from plans.models import GovernanceBody, Membership
from plans.rules import (
    can_edit_plan,
    can_manage_governance,
    can_view_body,
    can_view_draft_plans,
    can_view_history,
    can_view_plans,
    plan_hidden_from,
)
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.editing import ConfirmView, ServiceCreateView, ServiceUpdateView
from sscp.history import ObjectHistoryView
from sscp.mixins import RoleRequiredMixin
from sscp.pagination import page_of, query_without


class PlanListView(RoleRequiredMixin, CachedPageMixin, ListView):
    permission = can_view_plans
    template_name = "plans/plan_list.html"
    context_object_name = "plans"
    page_cache_params = ()
    page_cache_areas = (cache.PLANS,)
    page_cache_by_kind = True

    def get_queryset(self):
        return selectors.plan_list(draft_plans=can_view_draft_plans(self.request.user))

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=can_edit_plan(self.request.user), **kwargs)


class GovernanceView(RoleRequiredMixin, CachedPageMixin, TemplateView):
    permission = can_view_body
    template_name = "plans/governance.html"
    per_page = 25
    page_cache_params = ("page", "per_page")
    page_cache_areas = (cache.PLANS,)
    page_cache_by_kind = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=selectors.partner_list(),
            page=page_of(self.request, selectors.governance_bodies(), per_page=self.per_page),
            filter_query=query_without(self.request),
            can_manage=can_manage_governance(self.request.user),
            **kwargs,
        )


# --- editing and history of plans -------------------------------------------------------------


class PlanCreateView(ServiceCreateView):
    permission = can_edit_plan
    form_class = PlanForm
    page_title = "New plan"
    intro = (
        "Record a Children and Young People's Plan. To carry an existing plan's priorities, "
        "strategies and measures forward, start the next plan from that plan's page instead."
    )
    submit_label = "Create plan"
    success_message = "{object} has been created."

    def perform(self, form):
        return services.plan_create(plan=form.instance)


class PlanUpdateView(PlanObjectMixin, ServiceUpdateView):
    permission = can_edit_plan
    object_permission = can_edit_plan
    form_class = PlanForm
    submit_label = "Save plan"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object}"

    def perform(self, form):
        return services.plan_update(plan=form.instance, seen_change=form.seen_change)


class PlanDeleteView(PlanObjectMixin, ConfirmView):
    """Only a draft plan nothing depends on can be deleted."""

    permission = can_edit_plan
    object_permission = can_edit_plan
    submit_label = "Delete this draft plan"

    def get_page_title(self):
        return f"Delete {self.object}"

    def get_context_data(self, **kwargs):
        refusals = services.plan_delete_refusals(self.object)
        if refusals:
            return super().get_context_data(
                refusal="This plan cannot be deleted: " + " ".join(refusals), **kwargs
            )
        priorities = self.object.priorities.count()
        return super().get_context_data(
            consequences=[
                f"delete the draft plan {self.object} and its {priorities} "
                f"priorit{'y' if priorities == 1 else 'ies'} with their measures;",
                "leave its strategies in place, no longer standing under those priorities.",
            ],
            **kwargs,
        )

    def perform(self):
        services.plan_delete(plan=self.object)
        return f"The draft plan {self.object} has been deleted.", reverse("plans:plan_list")


class PlanHistoryView(PlanObjectMixin, ObjectHistoryView):
    permission = can_view_history
    object_hidden = plan_hidden_from


# --- governance bodies and memberships ----------------------------------------------------------


class BodyObjectMixin:
    queryset = GovernanceBody.objects.select_related("parent")
    context_object_name = "body"

    def parent_breadcrumbs(self):
        return [("Governance", reverse("plans:governance"))]


class BodyCreateView(ServiceCreateView):
    permission = can_manage_governance
    form_class = BodyForm
    list_page = ("Governance", "plans:governance")
    page_title = "New governance body"
    submit_label = "Create body"
    success_message = "{object} has been added to the governance."

    def perform(self, form):
        return services.body_save(body=form.instance)


class BodyUpdateView(BodyObjectMixin, ServiceUpdateView):
    permission = can_manage_governance
    form_class = BodyForm
    submit_label = "Save body"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object.name}"

    def perform(self, form):
        return services.body_save(body=form.instance, seen_change=form.seen_change)


class BodyHistoryView(BodyObjectMixin, ObjectHistoryView):
    permission = can_view_history


class MembershipCreateView(ServiceCreateView):
    permission = can_manage_governance
    form_class = MembershipForm
    submit_label = "Add the role"

    def dispatch(self, request, *args, **kwargs):
        self.body = get_object_or_404(GovernanceBody, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.body}

    def get_page_title(self):
        return f"Give someone a role in {self.body.name}"

    def get_cancel_url(self):
        return self.body.get_absolute_url()

    def get_breadcrumbs(self):
        return [
            ("Governance", reverse("plans:governance")),
            (self.body.name, self.body.get_absolute_url()),
            ("Add a role", None),
        ]

    def get_success_message(self):
        return f"{self.object.user} is now {self.object.get_role_display().lower()} of {self.body}."

    def perform(self, form):
        return services.membership_save(membership=form.instance)


class MembershipObjectMixin:
    """Pages about one person's role in a body, shown under the body."""

    queryset = Membership.objects.select_related("user", "body")
    context_object_name = "membership"

    def parent_breadcrumbs(self):
        return [("Governance", reverse("plans:governance"))]

    def object_label(self):
        return self.object.body.name


class MembershipUpdateView(MembershipObjectMixin, ServiceUpdateView):
    permission = can_manage_governance
    form_class = MembershipRoleForm
    submit_label = "Save role"

    def get_page_title(self):
        return f"Change the role of {self.object.user} in {self.object.body.name}"

    def get_success_message(self):
        return (
            f"{self.object.user} is now {self.object.get_role_display().lower()} of "
            f"{self.object.body}."
        )

    def perform(self, form):
        return services.membership_save(membership=form.instance)


class MembershipDeleteView(MembershipObjectMixin, ConfirmView):
    permission = can_manage_governance
    submit_label = "Remove the role"

    def get_page_title(self):
        return f"Remove {self.object.user} from {self.object.body.name}"

    def get_context_data(self, **kwargs):
        membership = self.object
        return super().get_context_data(
            consequences=[
                f"take away the role of {membership.get_role_display().lower()} of "
                f"{membership.body.name} from {membership.user};",
                "stop them seeing and submitting the body's returns, unless they hold "
                "another role that allows it."
                if membership.role in Membership.REPORTING_ROLES
                else "leave the body's returns and history as they are.",
            ],
            **kwargs,
        )

    def perform(self):
        membership, body = self.object, self.object.body
        services.membership_delete(membership=membership)
        return f"{membership.user} no longer has a role in {body.name}.", body.get_absolute_url()
