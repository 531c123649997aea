from django.apps import AppConfig


class YearlyConfig(AppConfig):
    """The partnership's yearly report: assembled from the product's data and the business
    manager's text, signed off by the three statutory partners, published frozen."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "yearly"
    verbose_name = "Yearly reports"
