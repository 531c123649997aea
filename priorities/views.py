from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from priorities import selectors
from sscp import roles
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class StrategyListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_strategy
    template_name = "priorities/strategy_list.html"
    context_object_name = "strategies"

    def get_queryset(self):
        return selectors.strategy_list()


class StrategyDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_strategy
    template_name = "priorities/strategy_detail.html"
    context_object_name = "strategy"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.strategy_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [("Strategies", reverse("priorities:strategy_list")), (self.object.title, None)]
