"""python manage.py send_return_reminders [--days 7] [--dry-run]: run daily from cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from measures.reminders import send_return_reminders


class Command(BaseCommand):
    help = (
        "E-mail each body's chairs, deputy chairs and data leads about returns due within N "
        "days and overdue ones: one e-mail per person, at most one a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=7, help="Remind about deadlines this many days ahead."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be e-mailed; send nothing."
        )

    def handle(self, *args, days: int, dry_run: bool, **options):
        run = send_return_reminders(today=timezone.localdate(), within_days=days, dry_run=dry_run)
        verb = "Would e-mail" if dry_run else "E-mailed"
        for email, items in run.sent:
            self.stdout.write(f"{verb} {email}: {items} return{'s' if items != 1 else ''}")
        for email in run.already_sent:
            self.stdout.write(f"Already reminded today: {email}")
        for username in run.without_email:
            self.stdout.write(f"No e-mail address for {username}: not reminded")
        self.stdout.write(
            f"{len(run.sent)} reminder{'s' if len(run.sent) != 1 else ''} "
            f"{'to send' if dry_run else 'sent'}, {len(run.already_sent)} already sent today."
        )
