"""View glue for access: views name the rule (a ``can_*`` function from an app's ``rules.py``),
the rule decides."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied


class RoleRequiredMixin:
    """Refuse with 403 unless ``permission(user)`` allows; object checks via ``object_permission``.

    Login itself is enforced for every view by ``LoginRequiredMiddleware``.
    """

    permission: Callable | None = None
    object_permission: Callable | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.permission is not None and not type(self).permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.object_permission is not None and not type(self).object_permission(
            self.request.user, obj
        ):
            raise PermissionDenied
        return obj


class BreadcrumbsMixin:
    """Adds ``breadcrumbs`` (label, url) pairs to the context; base.html shows them."""

    def get_breadcrumbs(self) -> list[tuple[str, str | None]]:
        return []

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", self.get_breadcrumbs())
        return super().get_context_data(**kwargs)
