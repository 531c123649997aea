from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from plans.models import Plan, plan_visibility
from plans.rules import can_edit_plan, can_view_draft_plans, can_view_history
from priorities import selectors, services
from priorities.forms import PriorityForm, PriorityRetireForm, StrategyForm
from priorities.models import Priority, Strategy
from priorities.rules import can_edit_strategy, can_view_strategy, priority_hidden_from
from sscp import cache
from sscp.cache import CachedPageMixin
from sscp.editing import (
    ConfirmView,
    FormPageMixin,
    ObjectPageMixin,
    ServiceCreateView,
    ServiceUpdateView,
    add_service_errors,
)
from sscp.history import ObjectHistoryView, change_history
from sscp.mixins import RoleRequiredMixin
from sscp.pagination import page_of, query_without


class StrategyListView(RoleRequiredMixin, CachedPageMixin, TemplateView):
    permission = can_view_strategy
    template_name = "priorities/strategy_list.html"
    per_page = 25
    page_cache_params = ("page", "per_page")
    page_cache_areas = (cache.PLANS, cache.MEASURES)
    page_cache_by_kind = True

    def get_context_data(self, **kwargs):
        strategies = selectors.strategy_list(draft_plans=can_view_draft_plans(self.request.user))
        return super().get_context_data(
            page=page_of(self.request, strategies, per_page=self.per_page),
            filter_query=query_without(self.request),
            can_edit=can_edit_strategy(self.request.user),
            **kwargs,
        )


# --- strategies: editing and history ----------------------------------------------------------


class StrategyObjectMixin:
    queryset = Strategy.objects.select_related("owner_body")
    context_object_name = "strategy"

    def parent_breadcrumbs(self):
        return [("Strategies", reverse("priorities:strategy_list"))]


class StrategyCreateView(ServiceCreateView):
    permission = can_edit_strategy
    form_class = StrategyForm
    list_page = ("Strategies", "priorities:strategy_list")
    page_title = "New strategy"
    submit_label = "Create strategy"
    success_message = "{object} has been added."

    def perform(self, form):
        return services.strategy_create(
            strategy=form.instance, priorities=form.cleaned_data["priorities"]
        )


class StrategyUpdateView(StrategyObjectMixin, ServiceUpdateView):
    permission = can_edit_strategy
    object_permission = can_edit_strategy
    form_class = StrategyForm
    submit_label = "Save strategy"
    success_message = "{object} has been saved."

    def get_page_title(self):
        return f"Edit {self.object.title}"

    def perform(self, form):
        return services.strategy_update(
            strategy=form.instance,
            priorities=form.cleaned_data["priorities"],
            seen_change=form.seen_change,
        )


class StrategyHistoryView(StrategyObjectMixin, ObjectHistoryView):
    permission = can_view_history

    def history_entries(self):
        # Its changes of priorities would name a draft plan's priority it serves: a reader who
        # may not see drafts gets the strategy's other changes only.
        exclude = self.history_exclude
        if (
            not can_view_draft_plans(self.request.user)
            and self.object.priorities.exclude(plan_visibility("plan", drafts=False)).exists()
        ):
            exclude = (*exclude, "priorities")
        return change_history(self.object, exclude=exclude)


# --- priorities: the shelves of a plan --------------------------------------------------------


class PriorityObjectMixin:
    """Pages about one priority, under its plan's Plan on a Page."""

    queryset = Priority.objects.select_related("plan")
    context_object_name = "priority"

    def parent_breadcrumbs(self):
        plan = self.object.plan
        return [("Plans", reverse("plans:plan_list")), (str(plan), plan.get_absolute_url())]

    def object_label(self):
        return self.object.title


class PriorityCreateView(ServiceCreateView):
    permission = can_edit_plan
    form_class = PriorityForm
    intro = "The new priority goes at the end of the plan's shelves; move it up from there."
    submit_label = "Add priority"
    success_message = "“{object.title}” has been added as priority {object.order}."

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(Plan, slug=kwargs["plan_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.plan}

    def get_page_title(self):
        return f"Add a priority to {self.plan}"

    def get_cancel_url(self):
        return self.plan.get_absolute_url()

    def get_breadcrumbs(self):
        return [
            ("Plans", reverse("plans:plan_list")),
            (str(self.plan), self.plan.get_absolute_url()),
            ("Add a priority", None),
        ]

    def perform(self, form):
        form.instance.plan = self.plan
        return services.priority_create(
            priority=form.instance, continues=form.cleaned_data["continues"]
        )


class PriorityUpdateView(PriorityObjectMixin, ServiceUpdateView):
    permission = can_edit_plan
    form_class = PriorityForm
    submit_label = "Save priority"
    success_message = "Priority {object.order}, “{object.title}”, has been saved."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan": self.object.plan}

    def get_page_title(self):
        return f"Edit priority {self.object.order} of {self.object.plan}"

    def perform(self, form):
        return services.priority_update(
            priority=form.instance,
            continues=form.cleaned_data["continues"],
            seen_change=form.seen_change,
        )


class PriorityMoveView(RoleRequiredMixin, View):
    """POST only: move a priority one place up or down the plan's shelves."""

    permission = can_edit_plan
    http_method_names = ["post"]

    def post(self, request, pk):
        priority = get_object_or_404(Priority.objects.select_related("plan"), pk=pk)
        try:
            priority = services.priority_move(
                priority=priority, direction=request.POST.get("direction", "")
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, f"“{priority.title}” is now priority {priority.order} of {priority.plan}."
            )
        return redirect(priority.get_absolute_url())


class PriorityRetireView(
    PriorityObjectMixin, RoleRequiredMixin, ObjectPageMixin, FormPageMixin, FormView
):
    """GET asks when and why; POST retires the priority."""

    permission = can_edit_plan
    form_class = PriorityRetireForm
    template_name = "edit/confirm.html"
    submit_label = "Retire priority"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.queryset, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_page_title(self):
        return f"Retire priority {self.object.order}: {self.object.title}"

    def get_context_data(self, **kwargs):
        if self.object.is_retired:
            kwargs["refusal"] = "This priority is already retired."
        return super().get_context_data(
            consequences=[
                f"take “{self.object.title}” off the shelves of {self.object.plan}; the "
                "priorities after it move up one place;",
                "keep the priority, its measures and their returns on record, listed under "
                "Retired priorities on the Plan on a Page.",
            ],
            **kwargs,
        )

    def form_valid(self, form):
        try:
            priority = services.priority_retire(
                priority=self.object,
                retired_on=form.cleaned_data["retired_on"],
                reason=form.cleaned_data["retired_reason"],
                seen_change=form.seen_change,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"“{priority.title}” has been retired.")
        return redirect(priority.plan.get_absolute_url())


class PriorityDeleteView(PriorityObjectMixin, ConfirmView):
    """A priority nothing has been reported against can be deleted; others can be retired."""

    permission = can_edit_plan
    submit_label = "Delete priority"

    def get_page_title(self):
        return f"Delete priority {self.object.order}: {self.object.title}"

    def get_context_data(self, **kwargs):
        refusals = services.priority_delete_refusals(self.object)
        if refusals:
            return super().get_context_data(
                refusal=" ".join(
                    ["This priority cannot be deleted, but it can be retired.", *refusals]
                ),
                alternative_url=reverse(
                    "priorities:priority_retire", kwargs={"pk": self.object.pk}
                ),
                alternative_label="Retire it instead",
                **kwargs,
            )
        measures = self.object.measures.count()
        return super().get_context_data(
            consequences=[
                f"delete “{self.object.title}” from {self.object.plan}, with its {measures} "
                f"measure{'' if measures == 1 else 's'} (none has any returns);",
                "take it off the strategies that stand under it (the strategies stay);",
                "move the priorities after it up one place.",
            ],
            **kwargs,
        )

    def perform(self):
        priority = self.object
        services.priority_delete(priority=priority)
        return f"“{priority.title}” has been deleted.", priority.plan.get_absolute_url()


class PriorityHistoryView(PriorityObjectMixin, ObjectHistoryView):
    permission = can_view_history
    object_hidden = priority_hidden_from
