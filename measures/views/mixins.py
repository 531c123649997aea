"""What several of the measures app's views share."""


class LoadsAfterRoleCheck:
    """Calls ``load(request, **kwargs)`` after RoleRequiredMixin (listed before it) has checked
    the role, so a refused user learns nothing about the object; ``load`` may answer instead of
    the view (a redirect) by returning a response."""

    def load(self, request, *args, **kwargs):
        return None

    def dispatch(self, request, *args, **kwargs):
        response = self.load(request, *args, **kwargs)
        return response or super().dispatch(request, *args, **kwargs)
