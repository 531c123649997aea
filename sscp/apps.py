from django.apps import AppConfig


class SscpConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sscp"
    verbose_name = "SSCP Plans"
