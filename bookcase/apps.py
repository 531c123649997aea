from django.apps import AppConfig


class BookcaseConfig(AppConfig):
    """The whole plan: pages and changes that put plans, priorities, strategies, measures and
    consultations together. No models of its own."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bookcase"
    verbose_name = "Plan on a Page"
