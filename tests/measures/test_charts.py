"""The trend chart's layout: oldest quarter first, gaps where a figure was not available."""

from decimal import Decimal

import pytest

from measures.charts import trend_chart
from tests.factories import MeasureFactory, ReportingPeriodFactory, ReturnFactory

pytestmark = pytest.mark.django_db


def test_chart_runs_oldest_first_and_breaks_the_line_at_a_missing_figure():
    measure = MeasureFactory()
    periods = [ReportingPeriodFactory() for _ in range(3)]
    returns = [
        ReturnFactory(measure=measure, period=periods[2], value=Decimal("70")),
        ReturnFactory(measure=measure, period=periods[1], not_available=True),
        ReturnFactory(measure=measure, period=periods[0], value=Decimal("40")),
    ]
    chart = trend_chart(measure, returns)
    assert [p.label for p in chart.points] == [p.label for p in periods]
    assert [p.text for p in chart.points] == ["40%", "Not available", "70%"]
    assert len(chart.segments) == 2
    assert chart.target_text == "60%"
    # a higher value is drawn higher up (smaller y)
    assert chart.points[2].y < chart.target_y < chart.points[0].y
    assert "latest figure 70%" in chart.summary


def test_no_chart_without_returns():
    assert trend_chart(MeasureFactory(), []) is None
