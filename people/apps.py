from django.apps import AppConfig


class PeopleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "people"
    verbose_name = "People and sign-in"

    def ready(self):
        from people import audit  # noqa: F401 - records sign-ins and account changes
