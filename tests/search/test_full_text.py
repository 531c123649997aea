"""PostgreSQL's full-text search: stems, ranking and the search-engine syntax. CI runs the whole
suite on PostgreSQL too; on SQLite these are skipped (the simpler path is tested beside them)."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import StrategyFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search is PostgreSQL's"
)

URL = reverse("search:results")


def hits(client, q: str):
    groups = client.get(URL, {"q": q}).context["groups"]
    return groups[0].hits if groups else []


def test_a_title_match_ranks_above_a_match_in_the_text(client_for, manager, chair_body):
    StrategyFactory(title="Early help", summary="Work on neglect with families.")
    StrategyFactory(title="Neglect", summary="The toolkit.", owner_body=chair_body)
    assert [hit.url for hit in hits(client_for(manager), "neglect")] == [
        "/strategies/neglect/",
        "/strategies/early-help/",
    ]


def test_more_of_the_words_rank_higher(client_for, manager, chair_body):
    StrategyFactory(title="Missing", summary="Children missing from home.")
    StrategyFactory(title="Missing children", summary="Missing children and exploitation: "
                    "missing episodes, missing from care.", owner_body=chair_body)  # fmt: skip
    assert hits(client_for(manager), "missing")[0].url == "/strategies/missing-children/"


def test_words_are_found_by_their_stem_and_marked_in_the_excerpt(client_for, manager):
    StrategyFactory(title="Exploitation", summary="Children who are exploited by adults.")
    (hit,) = hits(client_for(manager), "exploiting")
    assert "<mark>exploited</mark>" in hit.excerpt


def test_a_word_after_a_minus_is_left_out(client_for, manager, chair_body):
    StrategyFactory(title="Neglect toolkit", summary="")
    StrategyFactory(title="Neglect strategy", summary="", owner_body=chair_body)
    assert [hit.url for hit in hits(client_for(manager), "neglect -toolkit")] == [
        "/strategies/neglect-strategy/"
    ]


def test_stored_markup_never_reaches_the_page_from_the_databases_excerpt(client_for, manager):
    """ts_headline leaves out what looks like a tag; whatever it keeps is escaped."""
    StrategyFactory(title="Safe", summary='<script>alert("quokka")</script> 1 < 2 & quokka')
    (hit,) = hits(client_for(manager), "quokka")
    assert "<script" not in hit.excerpt
    assert "&lt; 2 &amp; <mark>quokka</mark>" in hit.excerpt
