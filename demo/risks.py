"""The demo's risk register (``demo/data/risks.py``): each risk with its reviews, created when
missing, never changed when present."""

from __future__ import annotations

from assurance.models import Risk, RiskReview
from demo.data.common import CHANGE_REASON
from demo.data.people import REVIEWER
from demo.data.risks import PLAN, RISKS
from demo.reviews import load_reviews
from demo.yearly import load_yearly


def load_risks(count, *, plans, priorities, bodies, users) -> None:
    """Create the demo's risks that are missing, calling ``count(model, created=...)`` for each
    (the loader's report). ``priorities`` maps (plan slug, order) to each priority."""
    plan, reviewer = plans[PLAN], users[REVIEWER]
    for row in RISKS:
        existing = Risk.objects.filter(plan=plan, reference=row["reference"]).first()
        if existing is not None:
            count(Risk, created=False)
            continue
        *_, (_, likelihood, impact, _) = row["reviews"]
        target_likelihood, target_impact = row["target"]
        risk = Risk(
            plan=plan,
            priority=priorities[PLAN, row["priority"]] if row["priority"] else None,
            reference=row["reference"],
            title=row["title"],
            cause=row["cause"],
            consequence=row["consequence"],
            owner_role=row["owner_role"],
            owner_body=bodies[row["owner_body"]],
            likelihood=likelihood,
            impact=impact,
            target_likelihood=target_likelihood,
            target_impact=target_impact,
            existing_controls=row["existing_controls"],
            further_actions=row["further_actions"],
            review_date=row["review_date"],
        )
        risk._change_reason = CHANGE_REASON
        risk.full_clean()
        risk.save()
        count(Risk, created=True)
        for reviewed_on, review_likelihood, review_impact, note in row["reviews"]:
            RiskReview.objects.create(
                risk=risk,
                reviewed_on=reviewed_on,
                likelihood=review_likelihood,
                impact=review_impact,
                note=note,
                reviewed_by=reviewer,
            )
            count(RiskReview, created=True)


def load_assurance(count, *, plans, priorities, bodies, users) -> None:
    """The risk register, then the reviews and audits with their actions, then the partner
    leads and the yearly report drawn from those reviews (and the consultations before)."""
    load_risks(count, plans=plans, priorities=priorities, bodies=bodies, users=users)
    load_reviews(count, priorities=priorities, bodies=bodies, users=users)
    load_yearly(count, users=users)
