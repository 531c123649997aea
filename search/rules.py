"""Who may search: anyone who reads the plans. What each person finds is narrowed kind by kind
by the rules of the app that owns it (``search.kinds``)."""

from plans.rules import can_view_plans


def can_search(user) -> bool:
    return can_view_plans(user)
