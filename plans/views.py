from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.views.generic import (
    DetailView,
    ListView,
    TemplateView,
)

from consultations import selectors as consultation_selectors
from plans import selectors, services
from plans.forms import BodyForm, MembershipForm, MembershipRoleForm, PlanForm
from plans.models import GovernanceBody, Membership, Plan
from sscp import cache_versions, roles
from sscp.editing import ConfirmView, ServiceCreateView, ServiceUpdateView
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin
from sscp.page_cache import CachedPageMixin


class PlanListView(RoleRequiredMixin, CachedPageMixin, ListView):
    permission = roles.can_view_plans
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return selectors.plan_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=roles.can_edit_plan(self.request.user), **kwargs)


class PlanDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    """The Plan on a Page: the vision, then the bookcase of priorities and strategies with
    their RAG for the chosen quarter."""

    permission = roles.can_view_plans
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.plan_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        plan, today = self.object, timezone.localdate()
        # The bookcase is read only when its cached HTML is missing (or a test looks at it).
        _, period = selectors.plan_quarters(
            plan, quarter=self.request.GET.get("quarter"), today=today
        )
        quarter = str(period.pk) if period else None
        can_edit = roles.can_edit_plan(self.request.user, plan)
        fragment_context = {
            "plan": plan,
            "bookcase": SimpleLazyObject(
                lambda: selectors.plan_on_a_page(plan, quarter=quarter, today=today)
            ),
            "can_edit": can_edit,
            "feedback_counts": SimpleLazyObject(
                lambda: consultation_selectors.priority_feedback_counts(plan)
            ),
        }
        bookcase_html = cache_versions.fragment(
            self.request,
            "plans/includes/_bookcase.html",
            fragment_context,
            # Editors see edit controls (and a CSRF token, swapped per request); readers not.
            key=("bookcase", plan.pk, quarter, "edit" if can_edit else "read"),
            areas=(cache_versions.PLANS, cache_versions.MEASURES, cache_versions.CONSULTATIONS),
        )
        return super().get_context_data(**fragment_context, bookcase_html=bookcase_html, **kwargs)


class GovernanceView(RoleRequiredMixin, CachedPageMixin, TemplateView):
    permission = roles.can_view_body
    template_name = "plans/governance.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=selectors.partner_list(),
            tree=selectors.governance_tree(),
            can_manage=roles.can_manage_governance(self.request.user),
            **kwargs,
        )


class BodyDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_body
    template_name = "plans/body_detail.html"
    context_object_name = "body"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.body_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [("Governance", reverse("plans:governance")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=roles.can_manage_governance(self.request.user), **kwargs
        )


# --- timeline, editing and history of plans ---------------------------------------------------


class TimelineView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, TemplateView):
    permission = roles.can_view_plans
    template_name = "plans/timeline.html"

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), ("Timeline across plans", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(timeline=selectors.timeline(), **kwargs)


class PlanCreateView(ServiceCreateView):
    permission = roles.can_edit_plan
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


class PlanObjectMixin:
    """Pages about one plan, found by its slug, under Plans."""

    queryset = Plan.objects.select_related("predecessor")
    context_object_name = "plan"

    def parent_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list"))]


class PlanUpdateView(PlanObjectMixin, ServiceUpdateView):
    permission = roles.can_edit_plan
    object_permission = roles.can_edit_plan
    form_class = PlanForm
    submit_label = "Save plan"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object}"

    def perform(self, form):
        return services.plan_update(plan=form.instance, seen_change=form.seen_change)


class PlanStartNextView(PlanObjectMixin, ConfirmView):
    permission = roles.can_edit_plan
    object_permission = roles.can_edit_plan
    submit_label = "Start the next plan"

    def get_page_title(self):
        return f"Start the plan after {self.object}"

    def get_context_data(self, **kwargs):
        plan = self.object
        refusal = services.plan_start_next_refusal(plan)
        if refusal:
            return super().get_context_data(refusal=refusal, **kwargs)
        start, end = services.successor_dates(plan)
        priorities = list(plan.priorities.current().prefetch_related("strategies", "measures"))
        links = sum(
            1 for p in priorities for s in p.strategies.all() if s.status != s.Status.RETIRED
        )
        measures = sum(1 for p in priorities for m in p.measures.all() if m.active)
        slug = services.plan_slug_for(start, end)
        return super().get_context_data(
            consequences_intro=f"This creates a draft plan for {slug}, for you to edit. It will:",
            consequences=[
                f"run from {date_format(start, 'j F Y')} to {date_format(end, 'j F Y')}, "
                f"building on {plan}, with the same vision;",
                f"have {len(priorities)} priorit{'y' if len(priorities) == 1 else 'ies'}, "
                f"copies of {plan.slug}'s current ones, each marked as carrying the old one "
                "forward;",
                f"keep {links} link{'' if links == 1 else 's'} between those priorities and "
                "their strategies (retired strategies are left behind);",
                f"carry over {measures} active measure{'' if measures == 1 else 's'}, with no "
                "returns.",
            ],
            submit_class="btn-primary",
            **kwargs,
        )

    def perform(self):
        successor = services.plan_start_next(plan=self.object)
        return (
            f"{successor} has been started as a draft from {self.object}. Edit its vision, "
            "priorities, strategies and measures, then take it to consultation.",
            successor.get_absolute_url(),
        )


class PlanDeleteView(PlanObjectMixin, ConfirmView):
    """Only a draft plan nothing depends on can be deleted."""

    permission = roles.can_edit_plan
    object_permission = roles.can_edit_plan
    submit_label = "Delete this draft plan"

    def get_page_title(self):
        return f"Delete {self.object}"

    def get_context_data(self, **kwargs):
        blockers = services.plan_delete_blockers(self.object)
        if blockers:
            return super().get_context_data(
                refusal="This plan cannot be deleted: " + " ".join(blockers), **kwargs
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
    pass


# --- governance bodies and memberships ----------------------------------------------------------


class BodyObjectMixin:
    queryset = GovernanceBody.objects.select_related("parent")
    context_object_name = "body"

    def parent_breadcrumbs(self):
        return [("Governance", reverse("plans:governance"))]


class BodyCreateView(ServiceCreateView):
    permission = roles.can_manage_governance
    form_class = BodyForm
    list_page = ("Governance", "plans:governance")
    page_title = "New governance body"
    submit_label = "Create body"
    success_message = "{object} has been added to the governance."

    def perform(self, form):
        return services.body_save(body=form.instance)


class BodyUpdateView(BodyObjectMixin, ServiceUpdateView):
    permission = roles.can_manage_governance
    form_class = BodyForm
    submit_label = "Save body"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object.name}"

    def perform(self, form):
        return services.body_save(body=form.instance, seen_change=form.seen_change)


class BodyHistoryView(BodyObjectMixin, ObjectHistoryView):
    pass


class MembershipCreateView(ServiceCreateView):
    permission = roles.can_manage_governance
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
    permission = roles.can_manage_governance
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
    permission = roles.can_manage_governance
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
