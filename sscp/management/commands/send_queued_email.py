"""Send the e-mail waiting in the outbox (``sscp.mail``): once, or every N seconds."""

import time

from django.core.management.base import BaseCommand

from sscp.mail import send_due


class Command(BaseCommand):
    help = "Send the e-mail waiting in the outbox, retrying messages whose mail server failed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            help="Keep running, sending what is due every this many seconds (0: once).",
        )

    def handle(self, *args, every: int, **options):
        while True:
            sent = send_due()
            if sent or not every:
                self.stdout.write(f"Sent {sent} e-mail(s).")
            if not every:
                return
            time.sleep(every)
