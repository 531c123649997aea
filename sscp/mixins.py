"""View glue for access: views name the rule (a ``can_*`` function from an app's ``rules.py``),
the rule decides."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404


class RoleRequiredMixin:
    """Refuse with 403 unless ``permission(user)`` allows; object checks via ``object_permission``.
    An object the user may not even know exists (``object_hidden(user, obj)`` true, e.g. a
    draft plan and everything under it) is answered 404, before ``object_permission`` is asked.

    Login itself is enforced for every view by ``LoginRequiredMiddleware``.
    """

    permission: Callable | None = None
    object_permission: Callable | None = None
    object_hidden: Callable | None = None

    def dispatch(self, request, *args, **kwargs):
        if self.permission is not None and not type(self).permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        obj = self.unless_hidden(super().get_object(queryset))
        if self.object_permission is not None and not type(self).object_permission(
            self.request.user, obj
        ):
            raise PermissionDenied
        return obj

    def unless_hidden(self, obj):
        """``obj``, unless ``object_hidden`` hides it from this user: then 404."""
        if self.object_hidden is not None and type(self).object_hidden(self.request.user, obj):
            raise Http404
        return obj


class BreadcrumbsMixin:
    """Adds ``breadcrumbs`` (label, url) pairs to the context; base.html shows them."""

    def get_breadcrumbs(self) -> list[tuple[str, str | None]]:
        return []

    def get_context_data(self, **kwargs):
        kwargs.setdefault("breadcrumbs", self.get_breadcrumbs())
        return super().get_context_data(**kwargs)
