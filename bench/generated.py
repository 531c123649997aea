"""The generated partnership's sizes at each scale, the record of what was generated, and the
small helpers every part of the generator uses."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import models

LONDON = ZoneInfo("Europe/London")
ACTIVE_PLAN_START = 2022  # the active plan is 2022-25, as in the demo
OPEN_QUARTER = (2024, 4)  # its last quarter is open for returns, as in the demo
ROLE_ACCOUNTS = ("manager", "chair", "datalead", "scrutiny")
BATCH = 2000


@dataclass(frozen=True)
class Sizes:
    """How many of each thing a generated partnership has."""

    plans: int
    priorities_per_plan: int
    partners: int
    bodies: int
    users: int
    strategies: int
    measures: int
    consultations: int
    engagement_groups: int
    risks: int
    reviews: int

    @classmethod
    def for_scale(cls, scale: int) -> Sizes:
        if scale < 1:
            raise ValueError(f"The scale is a whole number from 1, not {scale}.")
        return cls(
            plans=min(6, 2 + scale),
            priorities_per_plan=3 + scale // 10,
            partners=6 + scale // 10,
            bodies=10 + 2 * scale,
            users=10 * scale,
            strategies=3 * scale,
            measures=50 * scale,
            consultations=2 * scale,
            engagement_groups=6 + scale // 5,
            risks=3 * scale,
            reviews=4 * scale,
        )


@dataclass
class Generated:
    """What ``generate_partnership`` wrote, model by model, and how long it took."""

    scale: int
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def count(self, model: type[models.Model], rows: int) -> None:
        self.counts[str(model._meta.verbose_name_plural)] += rows

    def summary(self) -> str:
        shown = ("plans", "strategies", "measures", "returns", "users", "consultations")
        return ", ".join(f"{self.counts[name]:,} {name}" for name in shown)


def bulk_create_rows(generated: Generated, model: type[models.Model], rows: list) -> list:
    created = model._default_manager.bulk_create(rows, batch_size=BATCH)
    generated.count(model, len(created))
    return created


def london_time(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


WORDS = (  # noqa: SIM905 - one readable string
    "children families partners early help referrals assessment school health police "
    "safeguarding practice neglect exploitation outcomes quarter target improved steady "
    "training audit pathway plan review demand capacity timeliness voice young people"
).split()


def filler_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
