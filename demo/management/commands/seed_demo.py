"""``manage.py seed_demo``: load the demo partnership, plans, returns and consultations."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from demo.loader import DEMO_PASSWORD, load_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo data (partners, governance, the 2016-19, 2019-22 and 2022-25 plans, "
        "strategies, measures, quarterly returns, consultations). Safe to run again: it only "
        "adds what is missing. Demo accounts get the password "
        f"'{DEMO_PASSWORD}' only when DEBUG is on or --with-demo-users is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-users",
            action="store_true",
            help=f"Give the demo accounts the password '{DEMO_PASSWORD}' even when DEBUG is off.",
        )

    def handle(self, *args, with_demo_users: bool = False, **options):
        with_passwords = with_demo_users or settings.DEBUG
        try:
            report = load_demo_data(with_passwords=with_passwords)
        except ValidationError as exc:
            raise CommandError(f"Demo data not loaded, nothing was saved: {exc}") from exc

        self.stdout.write("Demo data:" if report.total_created else "Demo data already loaded:")
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.accounts:
            self.stdout.write("Demo accounts:")
            width = max(len(username) for username, _, _ in report.accounts)
            for username, role, password in report.accounts:
                self.stdout.write(f"  {username:{width}}  {password:10}  {role}")
        else:
            self.stdout.write(
                "Demo accounts have no usable password "
                "(run with --with-demo-users, or with DEBUG on, to set one)."
            )
        self.stdout.write(self.style.SUCCESS("Done."))
