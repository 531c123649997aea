"""``{% load consultations_tags %}``: what other apps' pages need to show consultation data."""

from django import template

register = template.Library()


@register.filter
def count_for(counts, priority) -> int:
    """``feedback_counts|count_for:priority``: the count for one priority (0 when missing),
    from ``consultations.selectors.priority_feedback_counts``."""
    if not counts:
        return 0
    return counts.get(getattr(priority, "pk", priority), 0)
