"""View mixins for pages about one plan, shared by the apps whose pages stand under a plan."""

from django.urls import reverse

from plans.models import Plan


class PlanObjectMixin:
    """Pages about one plan, found by its slug, under Plans."""

    queryset = Plan.objects.select_related("predecessor")
    context_object_name = "plan"

    def parent_breadcrumbs(self):
        return [("Plans", reverse("plans:plan_list"))]
