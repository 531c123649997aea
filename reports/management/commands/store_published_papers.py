"""``manage.py store_published_papers``: store the HTML and Word file of every published or
superseded report that does not have them yet (reports published before papers were stored
with them). Safe to run again: a report that has its copies is left alone."""

from django.core.management.base import BaseCommand

from reports.selectors import reports_without_stored_paper
from reports.services import report_store_paper


class Command(BaseCommand):
    help = (
        "Render and store the paper (HTML and Word file) of each published or superseded "
        "progress report that lacks it, from its frozen snapshot. Run once after upgrading."
    )

    def handle(self, *args, **options):
        stored = 0
        for report in reports_without_stored_paper():
            report_store_paper(report=report)
            stored += 1
        self.stdout.write(f"Stored the paper of {stored} published report{'s' * (stored != 1)}.")
