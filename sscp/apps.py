from django.apps import AppConfig


class SscpConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sscp"
    verbose_name = "SSCP Plans"

    def ready(self):
        from sscp import security  # noqa: F401 - connects the failed sign-in logger
