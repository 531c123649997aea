"""Values every part of the demo data shares."""

import datetime
from zoneinfo import ZoneInfo

DEMO_PASSWORD = "sscp-demo"  # the documented password of the local demo accounts, never prod
DEMO_EMAIL_DOMAIN = "example.org"
CHANGE_REASON = "Demo data (seed_demo)"
LONDON = ZoneInfo("Europe/London")

_d = datetime.date


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)
