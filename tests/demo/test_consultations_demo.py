"""The demo's consultations come from the papers, follow the rules, and read plainly."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from consultations.models import Commitment, Consultation
from consultations.readability import PLAIN_READING_AGE, readability

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_once, db):
    """The demo (seeded once for the module)."""


def test_2018_consultation_reached_the_groups_and_numbers_in_the_cabinet_report(seeded):
    consultation = Consultation.objects.get(slug="our-plan-consultation-2018")
    assert consultation.plan.slug == "2019-22"
    assert consultation.children_reached == 200
    assert set(consultation.groups.values_list("name", flat=True)) == {
        "Somerset UK Youth Parliament Advisory Group",
        "The Unstoppables (SEND)",
        "CAMHS Participation Group",
        "Somerset In Care Council",
        "Somerset Leaving Care Council",
        "Somerset Parent Carer Forum",
        "Voluntary sector children and young people's organisations",
        "The Voluntary and Community Sector Forum",
    }
    assert consultation.documents.filter(title__contains="'Our Plan'").exists()


def test_2021_consultation_reached_young_people_subgroups_and_the_forum(seeded):
    consultation = Consultation.objects.get(slug="cypp-2022-25-consultation")
    assert consultation.plan.slug == "2022-25"
    assert consultation.children_reached == 2500
    assert set(consultation.groups.values_list("name", flat=True)) == {
        "Somerset Youth Forum",
        "SSCP subgroups and the SEND Board",
        "SSCP Safeguarding Forum",
    }
    chart = consultation.documents.get(title__startswith="Structure chart")
    assert chart.url.endswith(
        "Structure-Chart-Childrens-safeguarding-Arrangements-in-Somerset-Sept-2021.pdf"
    )
    assert consultation.documents.count() == 4


def test_the_executive_made_its_commitments_to_the_youth_forum(seeded):
    conversation = Consultation.objects.get(slug="youth-forum-annual-conversation-2020")
    promises = {c.promise: c for c in conversation.commitments.all()}
    assert set(promises) == {
        "Work more closely with schools to create safe environments.",
        "Address mental health and well-being support.",
        "Use the Youth Forum's views to write the next plan, to start in April 2022.",
    }
    refreshed = promises[
        "Use the Youth Forum's views to write the next plan, to start in April 2022."
    ]
    assert refreshed.status == Commitment.Status.DONE
    assert refreshed.updates.exists()


def test_demo_follows_the_rules_the_forms_enforce(seeded):
    for commitment in Commitment.objects.prefetch_related("updates"):
        if commitment.status == Commitment.Status.DONE:
            assert commitment.updates.all(), commitment
        if commitment.feedback_id:
            assert commitment.feedback.consultation_id == commitment.consultation_id
    for consultation in Consultation.objects.prefetch_related("feedback__priorities", "documents"):
        assert consultation.end_date >= consultation.start_date
        for item in consultation.feedback.all():
            assert item.not_linked != bool(item.priorities.all()), item
        for document in consultation.documents.all():
            assert document.url or document.note, document


class _YoungReaderText(HTMLParser):
    """The visible words inside ``<div class="young-reader">``, one block per line."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1 if tag not in ("br",) else 0
            if tag in ("p", "li", "h1", "h2", "h3"):
                self.parts.append("\n")
        elif tag == "div" and "young-reader" in (dict(attrs).get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"[ \t]+", " ", "".join(self.parts))


@pytest.mark.parametrize("plan", ["2019-22", "2022-25"])
def test_you_said_we_did_reads_plainly_for_young_people(seeded, client_for, scrutiny, plan):
    response = client_for(scrutiny).get(reverse("consultations:you_said_we_did", args=[plan]))
    parser = _YoungReaderText()
    parser.feed(response.content.decode())
    score = readability(parser.text)
    assert score.words > 150, "the page should tell the story, not be empty"
    assert score.reading_age <= PLAIN_READING_AGE, (score.reading_age, score.reading_ease)
    assert score.reading_ease >= 60, "plain English scores 60 or more"
