"""The PDF download: a tagged PDF in British English with the paper's title, every numbered
section the paper has (read back with pdftotext), its charts with alternative text; a draft's
marked draft; a published paper's drawn from the HTML stored at publication."""

import os
import re
import shutil
import subprocess
import zlib

import pytest
from django.urls import reverse

from plans.models import ProgressReport
from reports.paper import SECTIONS
from reports.pdf import CONTENT_TYPE

# CI installs poppler-utils (.ci/run, make install as root): there a missing pdftotext fails.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None and not os.environ.get("CI"),
        reason="pdftotext (poppler-utils) is not installed: apt-get install poppler-utils",
    ),
]


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def streams(content: bytes) -> bytes:
    """The PDF's objects with their compressed streams unpacked, to look for tags in."""
    unpacked = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", content, re.DOTALL):
        try:
            unpacked.append(zlib.decompressobj().decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(unpacked)


def download(client, report):
    return client.get(reverse("plans:report_pdf", kwargs={"pk": report.pk}))


def test_published_pdf_has_every_section_heading_the_title_and_tags(
    published, client_for, scrutiny
):
    response = download(client_for(scrutiny), published)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="progress-report-2022-25-q2-2024-25-v1.pdf"'
    )
    text = " ".join(pdf_text(response.content).split())
    for number, (_, title) in enumerate(SECTIONS, start=1):
        assert f"{number}. {title}" in text
    assert "4.2 Priority 1: Keeping children and young people safe" in text
    assert "5.1 Exploitation plans" in text
    assert "Draft" not in text
    assert "<section" not in text and "&lt;" not in text  # the HTML drawn, not printed
    body = streams(response.content)
    assert b"/StructTreeRoot" in body and b"/MarkInfo" in body
    assert b"/Lang (en-GB)" in body
    title = "Progress report on the Children and Young People's Plan 2022-25: Q2 2024-25"
    assert f"/Title ({title})".encode() in body.replace(b"\\'", b"'")


def test_pdf_charts_carry_alternative_text(published, client_for, scrutiny):
    body = streams(download(client_for(scrutiny), published).content)
    alts = re.findall(rb"/Alt \(([^)]*)\)", body)
    assert b"Measures at each RAG rating, by priority" in alts
    assert b"Trend of Exploitation plans against its target" in alts
    assert b"Trend of Early help plans against its target" in alts  # each measure's trend


def test_draft_pdf_says_draft(report_world, client_for, manager):
    response = download(client_for(manager), report_world["report"])
    assert response["Content-Disposition"].endswith('-v1-draft.pdf"')
    text = pdf_text(response.content)
    assert "Draft – not published" in text
    assert "Draft: Progress report on the" in " ".join(text.split())


def test_published_pdf_is_drawn_from_the_stored_paper(published, client_for, scrutiny):
    ProgressReport.objects.filter(pk=published.pk).update(
        paper_html="<h2>1. Stored heading only</h2>"
    )
    text = pdf_text(download(client_for(scrutiny), published).content)
    assert "1. Stored heading only" in text and "<h2>" not in text
    assert "2. Issues for consideration" not in text


def test_draft_pdf_is_refused_to_scrutiny(report_world, client_for, scrutiny):
    assert download(client_for(scrutiny), report_world["report"]).status_code == 403
