"""The search page: what each person finds, how results are shown, and bad queries."""

import pytest
from django.db import connection
from django.urls import reverse

from measures.models import Return
from measures.rules import can_view_return, readable_returns
from plans.models import Plan
from tests.factories import (
    CommitmentFactory,
    ConsultationFactory,
    FeedbackFactory,
    GovernanceBodyFactory,
    MeasureFactory,
    PlanFactory,
    PriorityFactory,
    ProgressReportFactory,
    ReturnFactory,
    StrategyFactory,
)

URL = reverse("search:results")


def found(client, q: str, **params) -> str:
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def unmarked(html: str) -> str:
    return html.replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def active_plan(db):
    return PlanFactory(active=True, slug="2022-25")


def measure_of(body, plan, title="A measure"):
    return MeasureFactory(priority=PriorityFactory(plan=plan), reporting_body=body, title=title)


def test_chair_never_finds_another_bodys_unapproved_commentary(
    client_for, chair, chair_body, datalead_body, active_plan
):
    theirs = measure_of(datalead_body, active_plan, "Their measure")
    ours = measure_of(chair_body, active_plan, "Our measure")
    ReturnFactory(measure=theirs, commentary="Quokka sightings fell (their draft).")
    ReturnFactory(measure=theirs, commentary="Quokka count (their submission).", submitted=True)
    ReturnFactory(measure=ours, commentary="Quokka plan for our body.")
    ReturnFactory(measure=theirs, commentary="Quokka approved figure.", approved=True)
    html = unmarked(found(client_for(chair), "quokka"))
    assert "Our measure" in html
    assert "Quokka approved figure" in html
    assert "their draft" not in html
    assert "their submission" not in html


def test_readable_returns_agrees_with_can_view_return(
    manager, scrutiny, chair, datalead, chair_body, datalead_body, active_plan, no_role_user
):
    draft_plan = PlanFactory()
    for plan in (active_plan, draft_plan):
        for body in (chair_body, datalead_body):
            measure = measure_of(body, plan)
            ReturnFactory(measure=measure)
            ReturnFactory(measure=measure, submitted=True)
            ReturnFactory(measure=measure, approved=True)
    for user in (manager, scrutiny, chair, datalead, no_role_user):
        expected = {
            ret.pk
            for ret in Return.objects.select_related("measure__priority__plan")
            if can_view_return(user, ret)
            and (ret.measure.priority.plan.status != Plan.Status.DRAFT or user == manager)
        }
        found_pks = set(Return.objects.filter(readable_returns(user)).values_list("pk", flat=True))
        assert found_pks == expected, user


def test_scrutiny_never_finds_a_draft_plan_or_a_draft_paper(client_for, scrutiny, active_plan):
    draft = PlanFactory(title="Quokka plan in draft", slug="quokka-draft")
    PriorityFactory(plan=draft, title="Quokka priority of the draft")
    ConsultationFactory(plan=draft, title="Quokka consultation of the draft")
    ProgressReportFactory(plan=active_plan, summary="Quokka paper still in draft")
    ProgressReportFactory(plan=active_plan, summary="Quokka paper as published", published=True)
    html = unmarked(found(client_for(scrutiny), "quokka"))
    for draft_text in ("plan in draft", "of the draft", "paper still in draft"):
        assert draft_text not in html
    assert "paper as published" in html


def test_the_manager_finds_drafts(client_for, manager, active_plan):
    PlanFactory(title="Quokka plan in draft", slug="quokka-draft")
    ProgressReportFactory(plan=active_plan, summary="Quokka paper still in draft")
    html = found(client_for(manager), "quokka")
    assert "Quokka</mark> plan in draft" in html
    assert "paper still in draft" in html


def test_every_kind_is_found_and_linked(client_for, manager, chair_body, active_plan):
    consultation = ConsultationFactory(plan=active_plan, summary="Quokka workshop.")
    feedback = FeedbackFactory(consultation=consultation, said="More quokka clubs.")
    CommitmentFactory(consultation=consultation, feedback=feedback, promise="Quokka clubs open.")
    StrategyFactory(summary="Quokka strategy", owner_body=chair_body)
    GovernanceBodyFactory(name="Quokka Board", remit="Quokka matters.")
    priority = PriorityFactory(plan=active_plan, description="Quokka priority.")
    measure = MeasureFactory(priority=priority, definition="Quokka definition.")
    ReturnFactory(measure=measure, commentary="Quokka commentary.", approved=True)
    ProgressReportFactory(plan=active_plan, background="Quokka background.", published=True)
    Plan.objects.filter(pk=active_plan.pk).update(vision="Every quokka safe.")
    response = client_for(manager).get(URL, {"q": "quokka"})
    kinds = {group.kind.key: group for group in response.context["groups"]}
    assert set(kinds) == {
        "plans", "priorities", "strategies", "measures", "bodies", "consultations",
        "feedback", "commitments", "reports", "returns",
    }  # fmt: skip
    assert all(group.total == 1 for group in kinds.values())
    assert kinds["consultations"].hits[0].url == consultation.get_absolute_url()
    assert kinds["measures"].hits[0].url == measure.get_absolute_url()
    assert "<mark>" in kinds["feedback"].hits[0].excerpt.lower()


def test_stored_html_is_escaped_and_only_the_words_are_marked(client_for, manager, chair_body):
    StrategyFactory(
        title="<img src=x onerror=alert(1)> Quokka",
        summary='<script>alert("quokka")</script> quokka',
        owner_body=chair_body,
    )
    html = found(client_for(manager), "quokka")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Quokka</mark>" in html
    if connection.vendor == "sqlite":  # PostgreSQL's excerpt: tests/search/test_full_text.py
        assert "&lt;script&gt;alert(&quot;<mark>quokka</mark>&quot;)&lt;/script&gt;" in html


def test_each_kind_shows_a_few_with_its_count_and_a_link_to_the_rest(
    client_for, manager, chair_body
):
    for n in range(23):
        StrategyFactory(title=f"Quokka strategy {n:02}", owner_body=chair_body)
    client = client_for(manager)
    response = client.get(URL, {"q": "quokka"})
    (group,) = response.context["groups"]
    assert group.total == 23 and len(group.hits) == 5
    assert f'href="{URL}?q=quokka&amp;kind=strategies"' in response.content.decode()
    first = client.get(URL, {"q": "quokka", "kind": "strategies"}).context
    second = client.get(URL, {"q": "quokka", "kind": "strategies", "page": 2}).context
    assert len(first["groups"][0].hits) == 20 and len(second["groups"][0].hits) == 3
    assert first["last_page"] == 2 and "previous_url" in second and "next_url" not in second
    titles = {hit.title for hit in first["groups"][0].hits + second["groups"][0].hits}
    assert len(titles) == 23


def test_all_the_words_must_match(client_for, manager, chair_body):
    StrategyFactory(title="Quokka neglect", owner_body=chair_body)
    StrategyFactory(title="Quokka only", owner_body=chair_body)
    groups = client_for(manager).get(URL, {"q": "neglect quokka"}).context["groups"]
    assert [hit.url for hit in groups[0].hits] == ["/strategies/quokka-neglect/"]


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Enter the words to search for."),
        ("   ", "Enter the words to search for."),
        ("?!", "not only punctuation"),
        ("a" * 201, "Search for 200 characters or fewer (you entered 201)."),
    ],
)
def test_a_query_that_cannot_be_searched_says_why(client_for, manager, q, message):
    response = client_for(manager).get(URL, {"q": q})
    assert message in response.content.decode()
    assert "groups" not in response.context


def test_no_match_says_so(client_for, manager):
    assert "Nothing matched “quokka”" in found(client_for(manager), "quokka")


def test_the_page_without_a_query_invites_one(client_for, manager):
    response = client_for(manager).get(URL)
    assert "Type a few words" in response.content.decode()
    assert not response.context["form"].errors


def test_the_header_has_the_search_box_for_people_with_a_role(client_for, scrutiny, no_role_user):
    assert 'role="search"' in client_for(scrutiny).get(reverse("home")).content.decode()
    assert 'role="search"' not in client_for(no_role_user).get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    ("params", "kinds", "page"),
    [
        ({"kind": "nonsense"}, 2, 1),
        ({"kind": "strategies", "page": "x"}, 1, 1),
        ({"kind": "strategies", "page": "-3"}, 1, 1),
    ],
)
def test_an_unknown_kind_or_page_is_read_as_the_default(
    client_for, manager, chair_body, params, kinds, page
):
    StrategyFactory(title="Quokka strategy", owner_body=chair_body)
    GovernanceBodyFactory(name="Quokka Board")
    context = client_for(manager).get(URL, {"q": "quokka", **params}).context
    assert len(context["groups"]) == kinds and context["page"] == page


def test_a_page_past_the_last_says_there_are_no_more(client_for, manager, chair_body):
    StrategyFactory(title="Quokka strategy", owner_body=chair_body)
    html = found(client_for(manager), "quokka", kind="strategies", page=3)
    assert "There are no more strategies for “quokka”" in html


def test_beyond_the_most_counted_the_count_says_more_than(
    client_for, manager, chair_body, monkeypatch
):
    monkeypatch.setattr("search.selectors.MOST", 3)
    for n in range(5):
        StrategyFactory(title=f"Quokka {n}", owner_body=chair_body)
    StrategyFactory(title="Quokka alone", owner_body=GovernanceBodyFactory())
    client = client_for(manager)
    (group,) = client.get(URL, {"q": "quokka"}).context["groups"]
    assert group.more_than_most and group.count_label == "more than 3"
    (exact,) = client.get(URL, {"q": "quokka alone"}).context["groups"]
    assert exact.total == 1 and exact.count_label == "1"
    assert "See more results in strategies" in found(client, "quokka")
