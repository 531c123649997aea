"""What a progress report shows, built from the quarter's data (reports.paper)."""

import json
from decimal import Decimal

import pytest

from measures.charts import rag_distribution_chart
from measures.models import Rag
from reports.paper import background_papers, build_paper, with_charts
from reports.selectors import paper_for, report_data
from tests.factories import (
    CommitmentFactory,
    ConsultationFactory,
    MeasureFactory,
    PlanFactory,
    ReturnFactory,
)


def paper_of(world):
    return build_paper(report_data(world["report"]))


def measure_row(paper, title):
    return next(m for p in paper["priorities"] for m in p["measures"] if m["title"] == title)


def counts(rows):
    return {row["rag"]: (row["count"], row["previous"], row["change"]) for row in rows}


def test_paper_is_plain_json(report_world):
    paper = paper_of(report_world)
    assert json.loads(json.dumps(paper)) == paper


def test_figures_come_from_approved_returns_only(report_world):
    paper = paper_of(report_world)
    row = measure_row(paper, "Health assessments")
    assert row["value_text"] == "Received, not yet approved"  # submitted, so not "not received"
    assert row["rag_label"] == "Received, not yet approved"
    assert row["rag"] == "not_received"
    assert row["received"] is False
    assert [r["title"] for r in paper["not_received"]] == ["Health assessments"]
    assert paper["not_received"][0]["stage"] == "Submitted, awaiting review"
    assert paper["not_received"][0]["marked"] is False


def test_each_measure_has_value_target_rag_trend_and_commentary(report_world):
    paper = paper_of(report_world)
    row = measure_row(paper, "Early help plans")
    assert row["value_text"] == "65%"
    assert row["target_text"] == "60%"
    assert (row["rag"], row["rag_label"]) == ("green", "Green")
    assert row["trend"] == "better"
    assert row["trend_text"] == "Better: up from 55%"
    assert row["previous_text"] == "55%"
    assert row["commentary"] == "Families say the plans helped."


def test_trend_follows_polarity_when_lower_is_better(report_world):
    measure = MeasureFactory(priority=report_world["priorities"][0], lower_is_better=True)
    ReturnFactory(measure=measure, period=report_world["q1"], value=Decimal("25"), approved=True)
    ReturnFactory(measure=measure, period=report_world["q2"], value=Decimal("21"), approved=True)
    row = measure_row(paper_of(report_world), measure.title)
    assert (row["trend"], row["trend_text"]) == ("better", "Better: down from 25 days")


def test_monitored_measure_trend_has_no_judgement(report_world):
    measure = MeasureFactory(priority=report_world["priorities"][1], monitored=True)
    ReturnFactory(measure=measure, period=report_world["q1"], value=Decimal("4"), approved=True)
    ReturnFactory(measure=measure, period=report_world["q2"], value=Decimal("3"), approved=True)
    row = measure_row(paper_of(report_world), measure.title)
    assert (row["trend"], row["trend_text"]) == ("down", "Down from 4")
    assert row["target_text"] == "No target (monitored)"


def test_rag_counts_overall_and_per_priority_with_change_since_previous_quarter(report_world):
    paper = paper_of(report_world)
    assert paper["previous_period"]["label"] == "Q1 2024-25"
    assert counts(paper["overall"]["rag_counts"]) == {
        "green": (1, 1, "No change"),
        "amber": (1, 2, "Down 1"),
        "red": (1, 1, "No change"),
        "not_rated": (0, 0, "No change"),
        "not_received": (1, 0, "Up 1"),
    }
    safe, health = paper["priorities"]
    assert counts(safe["rag_counts"])["green"] == (1, 0, "Up 1")
    assert counts(health["rag_counts"])["not_received"] == (1, 0, "Up 1")
    assert paper["overall"]["sentence"] == (
        "Of 4 measures: 1 green, 1 amber, 1 red and 1 not yet approved."
    )


def test_exceptions_are_red_and_deteriorating_measures(report_world):
    paper = paper_of(report_world)
    reasons = {e["title"]: e["reasons"] for e in paper["exceptions"]}
    assert reasons == {
        "Exploitation plans": "Rated red; Figure worse than last quarter",
        "Mental health waits": "Figure worse than last quarter",
    }
    exploitation = paper["exceptions"][0]
    assert exploitation["next_steps"] == "Agree one multi-agency pathway."
    assert [(p["label"], p["value"]) for p in exploitation["history"]] == [
        ("Q1 2024-25", "50.00"),
        ("Q2 2024-25", "40.00"),
    ]


def test_a_rating_that_fell_is_an_exception_even_when_the_figure_is_amber(report_world):
    measure = MeasureFactory(priority=report_world["priorities"][0], title="Fell to amber")
    ReturnFactory(measure=measure, period=report_world["q1"], value=Decimal("61"), approved=True)
    ReturnFactory(measure=measure, period=report_world["q2"], value=Decimal("58"), approved=True)
    reasons = {e["title"]: e["reasons"] for e in paper_of(report_world)["exceptions"]}
    assert reasons["Fell to amber"] == "Rating fell from Green to Amber"


def test_marked_not_received_measure_carries_the_note(report_world):
    from reports.services import report_mark_not_received

    report_mark_not_received(
        report=report_world["report"],
        measure=report_world["assessments"],
        user=report_world["manager"],
        note="Will be reported next quarter.",
    )
    row = paper_of(report_world)["not_received"][0]
    assert (row["marked"], row["note"]) == (True, "Will be reported next quarter.")


def test_no_previous_quarter_figures_means_no_change_column(report_world):
    from measures.models import Return

    Return.objects.filter(period=report_world["q1"]).delete()
    paper = paper_of(report_world)
    assert paper["previous_period"] is None
    assert all(row["previous"] is None for row in paper["overall"]["rag_counts"])
    assert measure_row(paper, "Early help plans")["trend_text"] == (
        "No figure last quarter to compare"
    )


def test_consultations_and_commitments_to_children_and_young_people(report_world):
    other_plan = PlanFactory(
        closed=True, slug="2019-22", start_date=report_world["plan"].start_date.replace(2019)
    )
    old = ConsultationFactory(plan=other_plan, title="Old consultation", children_reached=200)
    old.start_date = old.end_date = report_world["plan"].start_date.replace(2018)
    old.save()
    CommitmentFactory(
        consultation=old, promise="Done long ago", done=True, due_date=old.end_date.replace(2019)
    )
    CommitmentFactory(consultation=old, promise="Still open from the old plan")
    paper = paper_of(report_world)
    assert [c["title"] for c in paper["consultations"]] == ["Consultation on the plan"]
    consultation = paper["consultations"][0]
    assert consultation["children_reached"] == "2,500"
    assert consultation["groups"] == "Somerset Youth Forum"
    promises = {c["promise"]: c for c in paper["commitments"]}
    assert set(promises) == {
        "Report back to the Youth Forum every year.",
        "Still open from the old plan",
    }
    kept = promises["Report back to the Youth Forum every year."]
    assert kept["status_label"] == "Planned"
    assert kept["latest_update"]["text"] == "Progress shared with the forum."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Structure chart https://example.org/a.pdf",
            [{"title": "Structure chart", "url": "https://example.org/a.pdf"}],
        ),
        (
            "Plan on a Page – https://x.org/p",
            [{"title": "Plan on a Page", "url": "https://x.org/p"}],
        ),
        ("https://x.org/only", [{"title": "https://x.org/only", "url": "https://x.org/only"}]),
        ("See javascript:alert(1)", [{"title": "See javascript:alert(1)", "url": ""}]),
        (
            "A paper\n\n  Another  ",
            [{"title": "A paper", "url": ""}, {"title": "Another", "url": ""}],
        ),
        (
            "Link https://x.org/a then text",
            [{"title": "Link https://x.org/a then text", "url": ""}],
        ),
    ],
)
def test_background_papers_link_only_a_web_address_ending_the_line(text, expected):
    assert background_papers(text) == expected


def test_published_paper_is_the_snapshot_and_a_draft_is_rebuilt(report_world):
    report = report_world["report"]
    assert paper_for(report)["title"] == (
        "Progress report on the Children and Young People's Plan 2022-25: Q2 2024-25"
    )
    report.status = report.Status.PUBLISHED
    report.snapshot = {"schema": 1, "title": "Frozen title", "priorities": []}
    assert paper_for(report)["title"] == "Frozen title"
    assert paper_for(report)["exceptions"] == []  # missing parts read as empty
    report.snapshot = {"plan": "2022-25", "period": "Q2 2024-25", "measures": []}
    assert paper_for(report)["plan"]["name"] == ""  # another shape: an empty paper


def test_charts_are_laid_out_from_the_paper_alone(report_world, django_assert_num_queries):
    paper = paper_of(report_world)
    with django_assert_num_queries(0):
        with_charts(paper)
    assert [group.title for group in paper["rag_chart"].groups] == ["Priority 1", "Priority 2"]
    chart = paper["exceptions"][0]["chart"]
    assert [point.label for point in chart.points] == ["Q1 2024-25", "Q2 2024-25"]
    assert chart.points[-1].rag == Rag.RED


def test_rag_distribution_chart_scales_bars_to_the_largest_count():
    chart = rag_distribution_chart(
        [("Priority 1", [("green", "Green", 4), ("red", "Red", 2), ("amber", "Amber", 0)])]
    )
    green, red, amber = chart.groups[0].bars
    assert red.width * 2 == green.width
    assert amber.width == 0
    assert "Priority 1: 4 green, 2 red, 0 amber." in chart.summary
    assert rag_distribution_chart([]) is None
