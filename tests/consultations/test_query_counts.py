"""Every consultations page runs the same number of SQL queries however much data there is."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations import selectors
from consultations.models import Commitment
from tests.factories import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    ConsultationDocumentFactory,
    ConsultationFactory,
    EngagementGroupFactory,
    FeedbackFactory,
    GovernanceBodyFactory,
    PlanFactory,
    PriorityFactory,
)


@pytest.fixture
def partnership(db, manager):
    """A plan with a consultation and a ``grow()`` that adds a slice of everything pages show."""
    earlier_plan = PlanFactory(closed=True, slug="2019-22")
    plan = PlanFactory(active=True, slug="2022-25")
    earlier = PriorityFactory(plan=earlier_plan)
    priority = PriorityFactory(plan=plan, continues=[earlier])
    group = EngagementGroupFactory()
    consultation = ConsultationFactory(plan=plan, groups=[group])
    feedback = FeedbackFactory(consultation=consultation, priorities=[priority])
    commitment = CommitmentFactory(consultation=consultation, feedback=feedback)

    def grow(times: int) -> None:
        for _ in range(times):
            other_group = EngagementGroupFactory()
            consultation.groups.add(other_group)
            new_priority = PriorityFactory(
                plan=plan, continues=[PriorityFactory(plan=earlier_plan)]
            )
            priority.continues.add(PriorityFactory(plan=earlier_plan))
            item = FeedbackFactory(consultation=consultation, priorities=[priority, new_priority])
            FeedbackFactory(consultation=consultation, priorities=[earlier])
            answer = CommitmentFactory(
                consultation=consultation, feedback=item, owner_body=GovernanceBodyFactory()
            )
            CommitmentUpdateFactory.create_batch(2, commitment=answer)
            CommitmentFactory(consultation=consultation, feedback=None, done=True)
            ConsultationDocumentFactory(consultation=consultation)
            other = ConsultationFactory(plan=plan, groups=[group, other_group])
            CommitmentUpdateFactory(
                commitment=CommitmentFactory(consultation=other, status="in_progress")
            )
            # changes that the history pages list
            answer.status = Commitment.Status.IN_PROGRESS
            answer._history_user = manager
            answer.save()
            group.description = f"Changed {other.pk}"
            group.save()

    return {
        "plan": plan,
        "priority": priority,
        "group": group,
        "consultation": consultation,
        "feedback": feedback,
        "commitment": commitment,
        "grow": grow,
    }


PAGES = {
    "consultation list": lambda p: reverse("consultations:consultation_list"),
    "consultation detail": lambda p: p["consultation"].get_absolute_url(),
    "consultation history": lambda p: reverse(
        "consultations:consultation_history", args=[p["consultation"].slug]
    ),
    "commitment list": lambda p: reverse("consultations:commitment_list"),
    "commitment list filtered": lambda p: (
        reverse("consultations:commitment_list") + "?status=open&plan=2022-25&sort=-due_date"
    ),
    "group list": lambda p: reverse("consultations:group_list"),
    "group detail": lambda p: p["group"].get_absolute_url(),
    "group history": lambda p: reverse("consultations:group_history", args=[p["group"].pk]),
    "you said, we did": lambda p: reverse("consultations:you_said_we_did", args=["2022-25"]),
    "priority feedback": lambda p: reverse(
        "consultations:priority_feedback", args=[p["priority"].pk]
    ),
    "consultation edit": lambda p: reverse(
        "consultations:consultation_edit", args=[p["consultation"].slug]
    ),
    "feedback edit": lambda p: reverse("consultations:feedback_edit", args=[p["feedback"].pk]),
    "commitment edit": lambda p: reverse(
        "consultations:commitment_edit", args=[p["commitment"].pk]
    ),
    "consultation delete": lambda p: reverse(
        "consultations:consultation_delete", args=[p["consultation"].slug]
    ),
}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_runs_fixed_queries(partnership, client_for, manager, page):
    client = client_for(manager)
    partnership["grow"](1)
    small = count_queries(client, PAGES[page](partnership))
    partnership["grow"](6)
    large = count_queries(client, PAGES[page](partnership))
    assert large == small, f"{page}: {small} queries with little data, {large} with more"
    assert small <= 15, f"{page} runs {small} queries"


@pytest.mark.parametrize("role", ["scrutiny", "chair"])
@pytest.mark.parametrize("page", ["consultation detail", "you said, we did"])
def test_reader_pages_run_fixed_queries(partnership, client_for, request, role, page):
    client = client_for(request.getfixturevalue(role))
    partnership["grow"](1)
    small = count_queries(client, PAGES[page](partnership))
    partnership["grow"](6)
    assert count_queries(client, PAGES[page](partnership)) == small


# --- the count of feedback per priority, for the Plan on a Page -------------------------------


def test_feedback_counts_per_priority_come_in_one_query(partnership, django_assert_num_queries):
    partnership["grow"](3)
    plan, priority = partnership["plan"], partnership["priority"]
    with django_assert_num_queries(1):
        counts = selectors.priority_feedback_counts(plan)
    assert counts[priority.pk] == 4  # the first item and one per slice
    assert all(count == 1 for pk, count in counts.items() if pk != priority.pk)
    assert len(counts) == 4
    assert selectors.priority_feedback_counts(plan.pk) == counts


def test_feedback_counts_leave_out_other_plans(partnership):
    earlier_plan_priority = partnership["priority"].continues.first()
    counts = selectors.priority_feedback_counts(partnership["plan"])
    assert earlier_plan_priority.pk not in counts


def test_priority_count_include_links_to_the_items(partnership):
    priority = partnership["priority"]
    counts = selectors.priority_feedback_counts(partnership["plan"])
    html = render_to_string(
        "consultations/includes/_priority_feedback_count.html",
        {"priority": priority, "count": counts.get(priority.pk, 0)},
    )
    assert reverse("consultations:priority_feedback", args=[priority.pk]) in html
    assert "Informed by 1 thing we were told" in html
    assert f"about {priority.title}" in html


def test_priority_count_include_says_when_nothing_is_linked(partnership):
    html = render_to_string(
        "consultations/includes/_priority_feedback_count.html",
        {"priority": partnership["priority"], "count": 0},
    )
    assert "No consultation items linked yet" in html
    assert "<a " not in html


def test_count_for_filter_reads_the_counts_in_a_template(partnership):
    priority = partnership["priority"]
    template = Template(
        "{% load consultations_tags %}"
        '{% include "consultations/includes/_priority_feedback_count.html" '
        "with priority=priority count=feedback_counts|count_for:priority %}"
    )
    counts = selectors.priority_feedback_counts(partnership["plan"])
    html = template.render(Context({"priority": priority, "feedback_counts": counts}))
    assert "Informed by 1 thing we were told" in html
    missing = PriorityFactory(plan=partnership["plan"])
    html = template.render(Context({"priority": missing, "feedback_counts": counts}))
    assert "No consultation items linked yet" in html
