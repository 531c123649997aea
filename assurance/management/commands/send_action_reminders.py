"""python manage.py send_action_reminders [--days 14] [--dry-run]: run daily from cron."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from assurance.reminders import send_action_reminders


class Command(BaseCommand):
    help = (
        "Tell each body owning actions from reviews that fall due within N days, or are "
        "overdue, listing them: once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Days ahead to look.")
        parser.add_argument("--dry-run", action="store_true", help="Say who; send nothing.")

    def handle(self, *args, days: int, dry_run: bool, **options):
        sent = send_action_reminders(today=timezone.localdate(), within_days=days, dry_run=dry_run)
        for body, count, people in sent:
            actions = f"{count} action{'s' if count != 1 else ''}"
            if people:
                verb = "Would tell" if dry_run else "Told"
                who = f"{people} {'person' if people == 1 else 'people'}"
                self.stdout.write(f"{verb} {body} ({who}): {actions}")
            else:
                self.stdout.write(f"Nobody to tell at {body}: {actions}")
        self.stdout.write(f"{sum(1 for _, _, p in sent if p)} bodies reminded.")
