"""Load a ``dumpdata`` backup into an empty database without writing new history.

``loaddata`` alone would let django-simple-history record the restored many-to-many links as
fresh changes, doubling those history rows; the backup already holds the real history.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings


class Command(BaseCommand):
    help = "Restore a dumpdata backup (docs/backup.md) without recording it as new history."

    def add_arguments(self, parser):
        parser.add_argument("fixture", help="the JSON file written by dumpdata")

    def handle(self, *args, fixture, **options):
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            call_command("loaddata", fixture, verbosity=options["verbosity"])
