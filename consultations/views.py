from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import DetailView, ListView

from consultations import selectors
from sscp import roles
from sscp.mixins import BreadcrumbsMixin, RoleRequiredMixin


class ConsultationListView(RoleRequiredMixin, ListView):
    permission = roles.can_view_consultations
    template_name = "consultations/consultation_list.html"
    context_object_name = "consultations"

    def get_queryset(self):
        return selectors.consultation_list()


class ConsultationDetailView(RoleRequiredMixin, BreadcrumbsMixin, DetailView):
    permission = roles.can_view_consultations
    template_name = "consultations/consultation_detail.html"
    context_object_name = "consultation"

    def get_object(self, queryset=None):
        return get_object_or_404(selectors.consultation_detail(self.kwargs["slug"]))

    def get_breadcrumbs(self):
        return [
            ("Consultations", reverse("consultations:consultation_list")),
            (self.object.title, None),
        ]
