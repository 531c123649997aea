"""The charts in the Word paper: a RAG summary and each measure's trend as PNG pictures with
alternative text, each followed by its figures in a table, drawn from the paper alone."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from reports import figures
from reports.word import paper_docx

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n"


def pictures(document) -> list[str]:
    """The alternative text (``descr``) of every picture in the body, in order."""
    return [doc_pr.get("descr") for doc_pr in document.element.body.iter(qn("wp:docPr"))]


def table_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_word_paper_has_the_rag_chart_and_each_measures_trend_with_alt_text(published):
    document = Document(io.BytesIO(paper_docx(published.snapshot)))
    alts = pictures(document)
    assert alts[0] == (
        "Bar chart of the measures at each RAG rating, by priority. Priority 1: 1 green, "
        "0 amber, 1 red, 0 not rated, 0 not yet approved; Priority 2: 0 green, 1 amber, 0 red, "
        "0 not rated, 1 not yet approved. The same counts are in the table after the chart."
    )
    trends = [alt for alt in alts if alt.startswith("Line chart of ")]
    # every measure under its priority, then the two exceptions again in section 5
    assert [alt.split(" against")[0] for alt in trends] == [
        "Line chart of Early help plans",
        "Line chart of Exploitation plans",
        "Line chart of Health assessments",
        "Line chart of Mental health waits",
        "Line chart of Exploitation plans",
        "Line chart of Mental health waits",
    ]
    assert trends[1] == (
        "Line chart of Exploitation plans against its target (60%): 2 quarters from "
        "Q1 2024-25 to Q2 2024-25; latest figure 40% (Q2 2024-25). "
        "The figures are in the table after the chart."
    )


def test_each_chart_is_followed_by_its_figures_in_a_table(published):
    document = Document(io.BytesIO(paper_docx(published.snapshot)))
    texts = [p.text for p in document.paragraphs]
    caption = "Figures in the chart of Early help plans, oldest quarter first (target 60%)"
    assert texts.index("Chart: trend of Early help plans") < texts.index(caption)
    rows = table_rows(document)
    assert ["Q1 2024-25", "55%", "▲ Amber"] in rows
    assert ["Q2 2024-25", "65%", "● Green"] in rows


def test_word_charts_are_drawn_from_the_paper_alone(published, django_assert_num_queries):
    with django_assert_num_queries(0):
        paper_docx(published.snapshot)


def test_trend_chart_is_a_png_and_leaves_a_gap_where_no_figure():
    item = {
        "title": "Plans reviewed on time",
        "unit": "percentage",
        "target": "80",
        "target_text": "80%",
        "history": [
            {"label": "Q1 2024-25", "value": "70", "not_available": False, "rag": "red"},
            {"label": "Q2 2024-25", "value": None, "not_available": True, "rag": "not_rated"},
            {"label": "Q3 2024-25", "value": "85", "not_available": False, "rag": "green"},
        ],
    }
    assert figures.trend_png(item).startswith(PNG)
    assert [p["text"] for p in figures.trend_points(item)] == ["70%", "Not available", "85%"]
    assert figures.trend_alt(item).endswith(
        "3 quarters from Q1 2024-25 to Q3 2024-25; latest figure 85% (Q3 2024-25). "
        "The figures are in the table after the chart."
    )


def test_a_paper_published_before_measures_kept_their_trend_has_no_trend_charts(published):
    paper = published.snapshot
    for priority in paper["priorities"]:
        for measure in priority["measures"]:
            del measure["history"]
    alts = pictures(Document(io.BytesIO(paper_docx(paper))))
    assert [alt.split(" against")[0] for alt in alts if alt.startswith("Line")] == [
        "Line chart of Exploitation plans",
        "Line chart of Mental health waits",
    ]
