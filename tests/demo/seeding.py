"""Seeding the demo in the demo's tests."""

from io import StringIO

from django.core.management import call_command


def seed(*args: str) -> str:
    """Run ``manage.py seed_demo`` with ``args``; what it printed."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()
