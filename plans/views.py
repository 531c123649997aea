from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import (
    CreateView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
)

from plans import selectors, services
from plans.forms import BodyForm, MembershipForm, MembershipRoleForm, PlanForm
from plans.models import GovernanceBody, Membership, Plan, ProgressReport
from sscp import roles
from sscp.editing import FormPageMixin, ServiceFormMixin
from sscp.history import ObjectHistoryView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class PlanListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_plans
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return selectors.plan_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=roles.can_edit_plan(self.request.user), **kwargs)


class PlanDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
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
        return super().get_context_data(
            bookcase=selectors.plan_on_a_page(
                self.object, quarter=self.request.GET.get("quarter"), today=timezone.localdate()
            ),
            can_edit=roles.can_edit_plan(self.request.user, self.object),
            **kwargs,
        )


class GovernanceView(RoleRequiredMixin, TemplateView):
    permission = roles.can_view_body
    template_name = "plans/governance.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            partners=selectors.partner_list(),
            tree=selectors.governance_tree(),
            can_manage=roles.can_manage_governance(self.request.user),
            **kwargs,
        )


class BodyDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
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


class ReportListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_reports
    template_name = "plans/report_list.html"
    context_object_name = "reports"

    def get_queryset(self):
        include_drafts = roles.can_edit_report(self.request.user)
        return selectors.reports_for(self.request.user, include_drafts=include_drafts)


class ReportDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_reports
    object_permission = roles.can_view_report
    template_name = "plans/report_detail.html"
    context_object_name = "report"
    queryset = ProgressReport.objects.select_related("plan", "period", "published_by")

    def get_breadcrumbs(self):
        return [("Progress reports", reverse("plans:report_list")), (str(self.object), None)]


# --- timeline, editing and history of plans ---------------------------------------------------


class TimelineView(RoleRequiredMixin, BreadcrumbsMixin, TemplateView):
    permission = roles.can_view_plans
    template_name = "plans/timeline.html"

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), ("Timeline across plans", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(timeline=selectors.timeline(), **kwargs)


class PlanCreateView(
    RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, ServiceFormMixin, CreateView
):
    permission = roles.can_edit_plan
    form_class = PlanForm
    page_title = "New plan"
    intro = (
        "Record a Children and Young People's Plan. To carry an existing plan's priorities, "
        "strategies and measures forward, start the next plan from that plan's page instead."
    )
    submit_label = "Create plan"
    success_message = "{object} has been created."

    def get_cancel_url(self):
        return reverse("plans:plan_list")

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), ("New plan", None)]

    def perform(self, form):
        return services.plan_create(plan=form.instance)


class PlanObjectMixin:
    """Views of one plan, found by its slug; breadcrumbs lead back through the plan."""

    context_object_name = "plan"
    queryset = Plan.objects.select_related("predecessor")

    def get_breadcrumbs(self):
        return [
            ("Plans", reverse("plans:plan_list")),
            (str(self.object), self.object.get_absolute_url()),
            (self.get_page_title(), None),
        ]

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class PlanUpdateView(
    PlanObjectMixin,
    RoleRequiredMixin,
    BreadcrumbsMixin,
    FormPageMixin,
    ServiceFormMixin,
    UpdateView,
):
    permission = roles.can_edit_plan
    object_permission = roles.can_edit_plan
    form_class = PlanForm
    page_title = "Edit plan"
    submit_label = "Save plan"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object}"

    def perform(self, form):
        return services.plan_update(plan=form.instance, seen_change=form.seen_change)


class PlanStartNextView(
    PlanObjectMixin, RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, DetailView
):
    """GET says what starting the next plan will do; POST does it."""

    permission = roles.can_edit_plan
    object_permission = roles.can_edit_plan
    template_name = "edit/confirm.html"
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
                f"building on {plan}, with the "
                "same vision;",
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

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            successor = services.plan_start_next(plan=self.object)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.object.get_absolute_url())
        messages.success(
            request,
            f"{successor} has been started as a draft from {self.object}. Edit its vision, "
            "priorities, strategies and measures, then take it to consultation.",
        )
        return redirect(successor.get_absolute_url())


class PlanDeleteView(
    PlanObjectMixin, RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, DetailView
):
    """GET says what deleting a draft plan removes (or why it cannot be); POST does it."""

    permission = roles.can_edit_plan
    object_permission = roles.can_edit_plan
    template_name = "edit/confirm.html"
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

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            services.plan_delete(plan=self.object)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.object.get_absolute_url())
        messages.success(request, f"The draft plan {self.object} has been deleted.")
        return redirect("plans:plan_list")


class PlanHistoryView(ObjectHistoryView):
    queryset = Plan.objects.all()

    def parent_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list"))]


# --- governance bodies and memberships ----------------------------------------------------------


class BodyObjectMixin:
    context_object_name = "body"
    queryset = GovernanceBody.objects.select_related("parent")

    def get_breadcrumbs(self):
        return [
            ("Governance", reverse("plans:governance")),
            (self.object.name, self.object.get_absolute_url()),
            (self.get_page_title(), None),
        ]

    def get_cancel_url(self):
        return self.object.get_absolute_url()


class BodyCreateView(
    RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, ServiceFormMixin, CreateView
):
    permission = roles.can_manage_governance
    form_class = BodyForm
    page_title = "New governance body"
    submit_label = "Create body"
    success_message = "{object} has been added to the governance."

    def get_cancel_url(self):
        return reverse("plans:governance")

    def get_breadcrumbs(self):
        return [("Governance", reverse("plans:governance")), (self.page_title, None)]

    def perform(self, form):
        return services.body_save(body=form.instance)


class BodyUpdateView(
    BodyObjectMixin,
    RoleRequiredMixin,
    BreadcrumbsMixin,
    FormPageMixin,
    ServiceFormMixin,
    UpdateView,
):
    permission = roles.can_manage_governance
    form_class = BodyForm
    submit_label = "Save body"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object.name}"

    def perform(self, form):
        return services.body_save(body=form.instance, seen_change=form.seen_change)


class BodyHistoryView(ObjectHistoryView):
    queryset = GovernanceBody.objects.all()

    def parent_breadcrumbs(self):
        return [("Governance", reverse("plans:governance"))]


class MembershipCreateView(
    RoleRequiredMixin, BreadcrumbsMixin, FormPageMixin, ServiceFormMixin, CreateView
):
    permission = roles.can_manage_governance
    form_class = MembershipForm
    submit_label = "Add"

    def dispatch(self, request, *args, **kwargs):
        self.body = get_object_or_404(GovernanceBody, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

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

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.body}

    def perform(self, form):
        return services.membership_save(membership=form.instance)


class MembershipObjectMixin:
    context_object_name = "membership"
    queryset = Membership.objects.select_related("user", "body")

    def get_breadcrumbs(self):
        body = self.object.body
        return [
            ("Governance", reverse("plans:governance")),
            (body.name, body.get_absolute_url()),
            (self.get_page_title(), None),
        ]

    def get_cancel_url(self):
        return self.object.body.get_absolute_url()


class MembershipUpdateView(
    MembershipObjectMixin,
    RoleRequiredMixin,
    BreadcrumbsMixin,
    FormPageMixin,
    ServiceFormMixin,
    UpdateView,
):
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

    def get_success_url(self):
        return self.object.body.get_absolute_url()

    def perform(self, form):
        return services.membership_save(membership=form.instance)


class MembershipDeleteView(
    MembershipObjectMixin,
    RoleRequiredMixin,
    BreadcrumbsMixin,
    FormPageMixin,
    DetailView,
):
    permission = roles.can_manage_governance
    template_name = "edit/confirm.html"
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

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        body = membership.body
        services.membership_delete(membership=membership)
        messages.success(request, f"{membership.user} no longer has a role in {body.name}.")
        return redirect(body.get_absolute_url())
