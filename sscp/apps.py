from django.apps import AppConfig


class SscpConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sscp"
    verbose_name = "SSCP Plans"

    def ready(self):
        from sscp import (
            cache,
            idle,  # noqa: F401 - stamps the session at sign-in
            security,  # noqa: F401 - connects the failed sign-in logger
        )

        cache.connect_signals()
