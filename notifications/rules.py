"""Who may read what of notifications: everyone signed in reads and manages their own; the
log of e-mail sent (to everyone) is the business managers'."""

from __future__ import annotations

from plans.roles import roles_of


def can_view_own_notifications(user) -> bool:
    return user.is_authenticated


def can_view_email_log(user) -> bool:
    return roles_of(user).is_manager
