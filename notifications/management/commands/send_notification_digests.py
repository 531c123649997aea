"""python manage.py send_notification_digests: run daily from cron (README, "Notifications")."""

from django.core.management.base import BaseCommand

from notifications.services import send_digests
from sscp.mail import send_due


class Command(BaseCommand):
    help = (
        "E-mail each person who chose a daily digest one e-mail listing the notifications "
        "they have not had by e-mail yet."
    )

    def handle(self, *args, **options):
        queued = send_digests()
        sent = send_due()
        self.stdout.write(
            f"{queued} digest{'s' if queued != 1 else ''} written; {sent} e-mail"
            f"{'s' if sent != 1 else ''} sent."
        )
