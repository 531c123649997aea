"""The return pages run the same number of SQL queries however many measures there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import Return
from tests.factories import MeasureFactory, ReturnFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(collection, chair_body, datalead_body):
    """``grow(n)``: n more measures for each body, each with returns in both quarters."""

    def add(times: int) -> None:
        for _ in range(times):
            for body in (chair_body, datalead_body):
                measure = MeasureFactory(priority=collection["priority"], reporting_body=body)
                ReturnFactory(measure=measure, period=collection["period"], submitted=True)
                ReturnFactory(measure=measure, period=collection["previous"], approved=True)
                MeasureFactory(priority=collection["priority"], reporting_body=body)

    return add


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


PAGES = {
    "collection status": ("manager", lambda c: c["period"].get_absolute_url()),
    "collection status filtered and sorted": (
        "manager",
        lambda c: c["period"].get_absolute_url() + "?status=submitted&rag=amber&sort=-return_value",
    ),
    "collection export": ("manager", lambda c: c["period"].get_absolute_url() + "?export=xlsx"),
    "my returns (chair)": ("chair", lambda c: reverse("measures:my_returns")),
    "my returns (data lead)": ("datalead", lambda c: reverse("measures:my_returns")),
    "return form": (
        "chair",
        lambda c: reverse(
            "measures:return_edit",
            kwargs={"measure_pk": c["chair_measure"].pk, "period_pk": c["period"].pk},
        ),
    ),
    "return detail": (
        "manager",
        lambda c: reverse("measures:return_detail", args=[c["chair_measure"].returns.get().pk]),
    ),
    "measure page": ("chair", lambda c: c["chair_measure"].get_absolute_url()),
    "upload": ("manager", lambda c: reverse("measures:upload")),
    "review queue": ("manager", lambda c: reverse("measures:review_queue")),
    "review queue filtered and sorted": (
        "manager",
        lambda c: reverse("measures:review_queue") + f"?period={c['period'].pk}&sort=-measure",
    ),
    # Every submitted return chosen: the list grows with the data, the queries do not.
    "bulk approve confirmation": (
        "manager",
        lambda c: (
            reverse("measures:review_bulk_approve")
            + "?"
            + "&".join(
                f"returns={pk}"
                for pk in Return.objects.filter(status=Return.Status.SUBMITTED).values_list(
                    "pk", flat=True
                )
            )
        ),
    ),
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_return_page_runs_fixed_queries(collection, grow, client_for, request, page):
    role, url_of = PAGES[page]
    client = client_for(request.getfixturevalue(role))
    ReturnFactory(measure=collection["chair_measure"], period=collection["period"])
    grow(1)
    small = count_queries(client, url_of(collection))
    grow(8)
    large = count_queries(client, url_of(collection))
    assert large == small, f"{page}: {small} queries with little data, {large} with more"
    assert small <= 16, f"{page} runs {small} queries"
    print(f"{page}: {small} queries")  # noqa: T201 - shown with pytest -s, for the report


# The session, the user, the measure, the quarter, the return, the roles; BEGIN, the locked
# return (with whether the quarter collects its measure), the write, its history row, the data
# version, COMMIT. Counted as make bench counts them; 37 before the save was made lean.
SAVE_QUERIES = 12
# Submitting also reads the quarters before (is the figure far outside them?) and asks who
# reviews it, to tell them (nobody here: tests/notifications counts the notifications' own writes).
SUBMIT_QUERIES = 14


@pytest.mark.django_db(transaction=True)  # the save's own transaction, as in production
@pytest.mark.parametrize("action", ["draft", "submit"])
def test_saving_a_return_runs_fixed_queries(collection, client_for, chair, action):
    """The same queries as ``make bench``'s "return save": nothing the database enforces
    anyway (its keys, the one return per quarter, the CHECK constraints) is read again first."""
    ret = ReturnFactory(measure=collection["chair_measure"], period=collection["period"])
    client = client_for(chair)
    url = reverse(
        "measures:return_edit", kwargs={"measure_pk": ret.measure_id, "period_pk": ret.period_id}
    )
    figures = {"value": "58", "commentary": "Steady.", "version": ret.version, "action": action}
    with CaptureQueriesContext(connection) as context:
        response = client.post(url, figures)
    assert response.status_code == 302
    expected = SUBMIT_QUERIES if action == "submit" else SAVE_QUERIES
    assert len(context.captured_queries) == expected, [
        q["sql"][:40] for q in context.captured_queries
    ]
    ret.refresh_from_db()
    assert ret.version == 2
