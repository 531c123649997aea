"""The demo's reviews and audits: the annual report's two rapid reviews inside 15 working days
that did not lead to an LCSPR, an LCSPR with its learning briefing, the Section 11 audit with 21
agencies, and the six learning themes."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assurance.models import Action, LearningTheme, Review


@pytest.fixture
def seeded(seeded_once, db):
    """The demo (seeded once for the module)."""


def test_the_demo_holds_the_reviews_of_2020_21(seeded):
    rapid = Review.objects.filter(kind=Review.Kind.RAPID)
    assert rapid.count() == 2
    for review in rapid:
        assert review.days_taken <= 15 and not review.is_late
        assert review.decision == Review.Decision.NO_LCSPR
    assert Review.objects.filter(kind=Review.Kind.LCSPR).exclude(briefing_url="").count() == 2
    audit = Review.objects.get(kind=Review.Kind.SECTION_11)
    assert audit.partners.count() + len(audit.other_agency_list) == 21
    assert LearningTheme.objects.count() == 6


def test_the_demo_has_actions_for_two_bodies_one_overdue(seeded):
    actions = Action.objects.select_related("owner_body")
    assert len({action.owner_body.slug for action in actions}) == 2
    assert Action.objects.overdue(timezone.localdate()).count() == 1


def test_seeding_twice_adds_no_review(seeded):
    before = (Review.objects.count(), Action.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Review.objects.count(), Action.objects.count()) == before
