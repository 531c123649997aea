"""Nothing served to a signed-in person stays in a browser's or a proxy's cache
(``Cache-Control: private, no-store``), so a shared browser shows no unapproved figures from its
history after sign-out: every URL of the access matrix, whatever the answer, and pages and
downloads served whole from the page cache."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.security.test_access_matrix import CACHED_PAGES, MATRIX, ROUTES


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def is_private_and_not_stored(response) -> bool:
    return {"private", "no-store"} <= directives(response)


@pytest.mark.parametrize("role", ["manager", "chair", "no_role"])
def test_every_answer_to_a_signed_in_person_is_private_and_not_stored(world, client_as, role):
    client = client_as(role)
    missing = []
    for name, route in ROUTES.items():
        response = client.get(reverse(name, kwargs=route.kwargs(world)))
        if not is_private_and_not_stored(response):
            missing.append(f"{name} ({response.status_code}): {response.get('Cache-Control')}")
    assert not missing, "\n".join(missing)


def test_pages_and_downloads_from_the_page_cache_are_private_and_not_stored(
    world, client_as, settings
):
    settings.SSCP_PAGE_CACHE = True
    cache.clear()
    readable = {
        name: next(
            role for role, n, m, expected in MATRIX if n == name and m == "GET" and expected == 200
        )
        for name in CACHED_PAGES
    }
    missing = []
    for name, role in readable.items():
        client = client_as(role)
        url = reverse(name, kwargs=ROUTES[name].kwargs(world))
        client.get(url)
        response = client.get(url)
        assert response.context is None, f"{name}: built again, not served from the cache"
        if not is_private_and_not_stored(response):
            missing.append(f"{name}: {response.get('Cache-Control')}")
    cache.clear()
    assert not missing, "\n".join(missing)
