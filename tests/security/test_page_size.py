"""Whatever page size the address asks for, every list answers with a sane one: a bad number
gives the list's own default, a huge one the most any list shows (sscp.pagination)."""

import pytest
from django.urls import reverse

from sscp.pagination import MAXIMUM, MINIMUM, page_size

LISTS = {
    # URL name: (role, kwargs from the world, where the page is in the context, default size)
    "consultations:commitment_list": ("scrutiny", lambda w: {}, "table", 25),
    "consultations:group_list": ("scrutiny", lambda w: {}, "table", 25),
    "measures:my_returns": ("chair", lambda w: {}, "past", 25),
    "measures:period_detail": ("manager", lambda w: {"pk": w["open_period"].pk}, "page", 50),
    "plans:body_history": ("scrutiny", lambda w: {"slug": w["chair_body"].slug}, "page_obj", 20),
}


def shown_per_page(response, name) -> int:
    found = response.context[name]
    return (found.paginator if hasattr(found, "paginator") else found).per_page


@pytest.mark.parametrize(
    ("asked", "expected"),
    [("-1", "default"), ("0", "default"), ("abc", "default"), ("1000000", MAXIMUM)],
)
@pytest.mark.parametrize("url_name", sorted(LISTS))
def test_every_list_answers_any_page_size_with_a_sane_one(
    world, client_as, url_name, asked, expected
):
    role, kwargs, name, default = LISTS[url_name]
    url = reverse(url_name, kwargs=kwargs(world))
    response = client_as(role).get(url, {"per_page": asked, "page": "2"})
    assert response.status_code == 200
    assert shown_per_page(response, name) == (default if expected == "default" else expected)


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (None, 25),
        ("", 25),
        ("abc", 25),
        ("2.5", 25),
        ("-1", 25),
        ("0", 25),
        ("1", MINIMUM),
        ("40", 40),
        (" 40 ", 40),
        (40, 40),
        ("1000000", MAXIMUM),
        ("9" * 400, MAXIMUM),
    ],
)
def test_page_size_reads_the_address_within_bounds(asked, expected):
    assert page_size(asked, default=25) == expected
