"""Object level: a chair or data lead who edits an id in a URL or in the posted data to reach
another body's measure or return is refused, and nothing changes."""

import pytest
from django.urls import reverse

from measures.models import Return


@pytest.fixture
def chair_client(client_for, chair):
    return client_for(chair)


@pytest.fixture
def datalead_client(client_for, datalead):
    return client_for(datalead)


def figures(version=0, **extra):
    return {"value": "12", "commentary": "Ours", "action": "submit", "version": version} | extra


def test_chair_cannot_open_or_save_another_bodys_return_form(world, chair_client, snapshot):
    url = reverse(
        "measures:return_edit",
        kwargs={"measure_pk": world["datalead_measure"].pk, "period_pk": world["open_period"].pk},
    )
    before = snapshot()
    assert chair_client.get(url).status_code == 403
    assert chair_client.post(url, figures()).status_code == 403
    assert snapshot() == before
    assert not Return.objects.filter(
        measure=world["datalead_measure"], period=world["open_period"]
    ).exists()


def test_datalead_cannot_overwrite_the_chairs_submitted_return(world, datalead_client, snapshot):
    ret = world["chair_submitted"]
    url = reverse(
        "measures:return_edit", kwargs={"measure_pk": ret.measure_id, "period_pk": ret.period_id}
    )
    before = snapshot()
    response = datalead_client.post(url, figures(version=ret.version, value="99"))
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("name", ["measures:return_detail", "measures:return_reopen"])
def test_reporter_cannot_read_another_bodys_unapproved_return(world, datalead_client, name):
    response = datalead_client.get(reverse(name, args=[world["chair_submitted"].pk]))
    assert response.status_code == 403


def test_chair_cannot_read_the_data_leads_unapproved_return(world, chair_client):
    url = reverse("measures:return_detail", args=[world["datalead_submitted"].pk])
    assert chair_client.get(url).status_code == 403


@pytest.mark.parametrize("action", ["measures:return_approve", "measures:return_send_back"])
def test_reporter_cannot_review_any_return(world, chair_client, snapshot, action):
    ret = world["chair_submitted"]
    before = snapshot()
    response = chair_client.post(
        reverse(action, args=[ret.pk]), {"version": ret.version, "feedback": "No"}
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_rag_preview_of_another_bodys_measure_is_refused(world, chair_client):
    url = reverse("measures:rag_preview", args=[world["datalead_measure"].pk])
    assert chair_client.get(url, {"value": "3"}).status_code == 403


def test_extra_ids_in_posted_data_do_not_redirect_the_save(world, chair_client, datalead_client):
    """The measure and quarter come from the URL and the access check on them; ids smuggled in
    the form data are ignored, so the chair's save cannot land on the data lead's measure."""
    url = reverse(
        "measures:return_edit",
        kwargs={"measure_pk": world["datalead_measure"].pk, "period_pk": world["open_period"].pk},
    )
    data = figures(
        measure=world["chair_measure"].pk,
        measure_pk=world["chair_measure"].pk,
        period=world["closed_period"].pk,
        action="draft",
    )
    response = datalead_client.post(url, data)
    assert response.status_code == 302
    saved = Return.objects.get(measure=world["datalead_measure"], period=world["open_period"])
    assert saved.value == 12
    assert (
        not Return.objects.filter(measure=world["chair_measure"], period=world["closed_period"])
        .exclude(pk=world["chair_approved"].pk)
        .exists()
    )
    world["chair_submitted"].refresh_from_db()
    assert world["chair_submitted"].commentary == "Chair figures"


def test_missing_ids_are_404_not_500(world, chair_client):
    url = reverse("measures:return_edit", kwargs={"measure_pk": 999999, "period_pk": 999999})
    assert chair_client.get(url).status_code == 404
    assert chair_client.get(reverse("measures:return_detail", args=[999999])).status_code == 404
