"""Pages that put plans, priorities, strategies, measures and consultations together: the Plan
on a Page (the bookcase), the timeline across plans, a strategy's and a governance body's pages,
and starting the next plan from one. They live above every app they read (see README, "Where
things live"); their URLs keep the names they always had (``plans:plan_detail`` ...)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.views.generic import DetailView, TemplateView

from assurance import selectors as assurance_selectors
from assurance.rules import can_view_actions_of
from bookcase import selectors, services
from consultations import selectors as consultation_selectors
from measures.rules import can_edit_measure
from measures.selectors import latest_figure
from plans import selectors as plan_selectors
from plans import services as plan_services
from plans.mixins import PlanObjectMixin
from plans.rules import (
    can_edit_plan,
    can_manage_governance,
    can_view_body,
    can_view_draft_plans,
    can_view_plan,
    can_view_plans,
    plan_hidden_from,
)
from priorities.rules import can_edit_strategy, can_view_strategy
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.editing import ConfirmView
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class PlanDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    """The Plan on a Page: the vision, then the bookcase of priorities and strategies with
    their RAG for the chosen quarter."""

    permission = can_view_plans
    template_name = "bookcase/plan_detail.html"
    context_object_name = "plan"
    page_cache_params = ("quarter",)
    # approved figures only: saving or submitting a draft return leaves it in the cache
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.FIGURES, cache.CONSULTATIONS)
    page_cache_by_kind = True

    def get_object(self, queryset=None):
        plan = get_object_or_404(plan_selectors.plan_detail(self.kwargs["slug"]))
        if plan_hidden_from(self.request.user, plan):
            raise Http404
        return plan

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), (str(self.object), None)]

    def get_context_data(self, **kwargs):
        plan, today = self.object, timezone.localdate()
        user = self.request.user
        # The plans either side are named only when the reader may see them: the next plan is
        # usually a draft while this one runs.
        neighbours = {
            name: other
            for name in ("predecessor", "successor")
            if (other := getattr(plan, name, None)) is not None and can_view_plan(user, other)
        }
        return super().get_context_data(
            predecessor=neighbours.get("predecessor"),
            successor=neighbours.get("successor"),
            bookcase=selectors.plan_on_a_page(
                plan, quarter=self.request.GET.get("quarter"), today=today
            ),
            can_edit=can_edit_plan(self.request.user, plan),
            feedback_counts=consultation_selectors.priority_feedback_counts(plan),
            **kwargs,
        )


class TimelineView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, TemplateView):
    permission = can_view_plans
    template_name = "bookcase/timeline.html"
    page_cache_params = ()
    page_cache_areas = (cache.PLANS,)
    page_cache_by_kind = True

    def get_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list")), ("Timeline across plans", None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            timeline=selectors.timeline(draft_plans=can_view_draft_plans(self.request.user)),
            **kwargs,
        )


class StrategyDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    permission = can_view_strategy
    template_name = "bookcase/strategy_detail.html"
    context_object_name = "strategy"
    page_cache_params = ()
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.FIGURES)
    page_cache_by_kind = True

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.strategy_detail(
                self.kwargs["slug"], draft_plans=can_view_draft_plans(self.request.user)
            )
        )

    def get_breadcrumbs(self):
        return [("Strategies", reverse("priorities:strategy_list")), (self.object.title, None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=[latest_figure(measure) for measure in self.object.measures.all()],
            can_edit=can_edit_strategy(self.request.user, self.object),
            can_edit_measures=can_edit_measure(self.request.user),
            **kwargs,
        )


class BodyDetailView(RoleRequiredMixin, CachedPageMixin, BreadcrumbsMixin, DetailView):
    permission = can_view_body
    template_name = "bookcase/body_detail.html"
    context_object_name = "body"
    page_cache_params = ()
    page_cache_areas = (cache.PLANS, cache.MEASURES, cache.ASSURANCE)
    # not by kind: the body's open actions show to its own reporters, not other bodies'
    page_cache_by_kind = False
    shown_actions = 20

    def get_object(self, queryset=None):
        return get_object_or_404(
            selectors.body_detail(
                self.kwargs["slug"], draft_plans=can_view_draft_plans(self.request.user)
            )
        )

    def get_breadcrumbs(self):
        return [("Governance", reverse("plans:governance")), (self.object.name, None)]

    def get_context_data(self, **kwargs):
        body = self.object
        actions = None
        if can_view_actions_of(self.request.user, body):
            actions = assurance_selectors.open_actions_of([body.pk], shown=self.shown_actions)
        return super().get_context_data(
            can_manage=can_manage_governance(self.request.user),
            open_actions=actions,
            actions_query=urlencode({"owner_body": body.pk, "status": "open"}),
            **kwargs,
        )


class PlanStartNextView(PlanObjectMixin, ConfirmView):
    permission = can_edit_plan
    object_permission = can_edit_plan
    submit_label = "Start the next plan"

    def get_page_title(self):
        return f"Start the plan after {self.object}"

    def get_context_data(self, **kwargs):
        plan = self.object
        refusals = services.plan_start_next_refusals(plan)
        if refusals:
            return super().get_context_data(refusal=" ".join(refusals), **kwargs)
        start, end = plan_services.successor_dates(plan)
        priorities = list(plan.priorities.current().prefetch_related("strategies", "measures"))
        links = sum(
            1 for p in priorities for s in p.strategies.all() if s.status != s.Status.RETIRED
        )
        measures = sum(1 for p in priorities for m in p.measures.all() if m.active)
        slug = plan_services.plan_slug_for(start, end)
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
