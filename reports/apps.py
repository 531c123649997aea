from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Progress reports to the scrutiny committee: drafting, publishing, the frozen paper and its
    Word file. The models stay in ``plans.models`` (their tables and migrations live there)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Progress reports"
