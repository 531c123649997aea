from decimal import Decimal

import pytest

from measures.formatting import in_unit
from measures.models import Measure


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("97.10"), Measure.Unit.PERCENTAGE, "97.1%"),
        (Decimal("96.00"), Measure.Unit.PERCENTAGE, "96%"),
        (Decimal("1142.00"), Measure.Unit.COUNT, "1,142"),
        (Decimal("15.00"), Measure.Unit.DAYS, "15 days"),
        (Decimal("1.00"), Measure.Unit.DAYS, "1 day"),
        (Decimal("3.25"), Measure.Unit.RATE, "3.25"),
        (Decimal("0.00"), Measure.Unit.COUNT, "0"),
        (None, Measure.Unit.COUNT, "—"),
        ("", Measure.Unit.COUNT, "—"),
        (7, Measure.Unit.COUNT, "7"),
    ],
)
def test_values_are_shown_in_their_unit(value, unit, shown):
    assert in_unit(value, unit) == shown
