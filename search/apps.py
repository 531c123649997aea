from django.apps import AppConfig


class SearchConfig(AppConfig):
    """One search box over plans, measures, returns, consultations and papers. No models of its
    own: it reads every app through the rules that say who may see what."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Search"
