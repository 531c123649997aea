"""Adding, changing and deleting measures' definitions (unit, polarity, target ...)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from measures.models import Measure
from sscp.editing import ensure_unchanged_since, save_checked

_FIGURES = ("baseline", "target", "tolerance")


def measure_save_refusals(measure: Measure) -> dict[str, str]:
    """Why a measure's definition cannot be saved, by field (empty when it can): a percentage
    lies between 0 and 100, a count is a whole number, a target matches the polarity, and the
    strategy stands under the measure's priority."""
    refusals: dict[str, str] = {}
    values = {name: getattr(measure, name) for name in _FIGURES}
    if measure.unit == Measure.Unit.PERCENTAGE:
        for name in ("baseline", "target"):
            value = values[name]
            if value is not None and not Decimal(0) <= value <= Decimal(100):
                refusals[name] = "A percentage lies between 0 and 100."
        if values["tolerance"] is not None and values["tolerance"] > 100:
            refusals["tolerance"] = "A tolerance on a percentage is at most 100 points."
    if measure.unit == Measure.Unit.COUNT:
        for name, value in values.items():
            if value is not None and value != value.to_integral_value():
                refusals[name] = "A count is a whole number."
    if values["tolerance"] is not None and values["tolerance"] < 0:
        refusals["tolerance"] = "The tolerance cannot be negative."

    if measure.polarity == Measure.Polarity.NONE:
        if values["target"] is not None:
            refusals["target"] = (
                "A measure with no target (monitored only) cannot have a target: leave it "
                "empty, or choose whether higher or lower is better."
            )
        if values["tolerance"]:
            refusals["tolerance"] = "A tolerance only applies to a measure with a target."
    elif measure.polarity and values["target"] is None:
        better = "higher" if measure.polarity == Measure.Polarity.HIGHER else "lower"
        refusals["target"] = f"Give the target: {better} is better for this measure."

    strategy = measure.strategy
    priority = measure.priority if measure.priority_id else None
    if (
        strategy is not None
        and priority is not None
        and not strategy.priorities.filter(pk=priority.pk).exists()
    ):
        refusals["strategy"] = (
            f"{strategy.title} does not stand under “{priority.long_label}”. Choose another "
            "strategy, or add the priority to the strategy first."
        )
    return refusals


def _save_measure(measure: Measure) -> Measure:
    if measure.tolerance is None:
        measure.tolerance = Decimal(0)
    return save_checked(measure, measure_save_refusals(measure))


@transaction.atomic
def measure_create(*, measure: Measure) -> Measure:
    """Add a measure to a priority (and a strategy under it)."""
    return _save_measure(measure)


@transaction.atomic
def measure_update(*, measure: Measure, seen_change: int | None) -> Measure:
    """Change a measure's definition; refuses a stale edit. Returns already made keep the
    RAG they were given."""
    ensure_unchanged_since(measure, seen_change)
    return _save_measure(measure)


def measure_delete_refusals(measure: Measure) -> list[str]:
    """Why the measure cannot be deleted (empty when it can): its returns are on record."""
    returns = measure.returns.count()
    if not returns:
        return []
    return [
        f"{returns} return{'s have' if returns != 1 else ' has'} been made for this "
        "measure, so it cannot be deleted. Make it inactive instead: it stops being "
        "collected and its returns stay on record."
    ]


@transaction.atomic
def measure_delete(*, measure: Measure) -> None:
    """Delete a measure no return has been made for."""
    refusals = measure_delete_refusals(measure)
    if refusals:
        raise ValidationError(refusals)
    measure.delete()
