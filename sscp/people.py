"""How one person is named to everyone else: by the full name recorded for them, never by
their login name, which is half of what signing in takes.

Pages, downloads, history and the messages that refuse a stale edit all name people through
``person_name`` (in templates, the ``person_name`` filter: ``{% load people %}``). A person with
no name recorded is ``UNNAMED``: true of anyone who can sign in, whatever their role, where a
role-based guess ("a member of <body>") would misname a manager who entered a body's return.
"""

from __future__ import annotations

UNNAMED = "a member of the partnership"


def named(full_name: str | None) -> str:
    """A full name already read (a query's annotation), or ``UNNAMED``."""
    return (full_name or "").strip() or UNNAMED


def person_name(user) -> str:
    """``user``'s full name; ``UNNAMED`` when none is recorded or there is no user."""
    return named(user.get_full_name() if user is not None else "")
