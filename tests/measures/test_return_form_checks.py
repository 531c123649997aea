"""The return form's checks a new user met: no earlier RAG beside a wrong value, limits on every
text whichever way it arrives, a figure far outside the measure's history asked about before it
is submitted, and the problems listed above the form, each linked to its field."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from measures import services
from measures.models import Measure, Rag, Return
from measures.services import RETURN_TEXT_LIMITS, ReturnFigures
from tests.factories import ReturnFactory

pytestmark = pytest.mark.django_db


def edit_url(measure, period):
    return reverse(
        "measures:return_edit", kwargs={"measure_pk": measure.pk, "period_pk": period.pk}
    )


def posted(**overrides):
    data = {
        "value": "58",
        "not_available_reason": "",
        "rag_override": "",
        "rag_override_reason": "",
        "commentary": "Two posts are vacant.",
        "next_steps": "",
        "version": "0",
        "action": "draft",
    }
    return {**data, **overrides}


@pytest.fixture
def saved_green(collection, datalead):
    """The data lead's draft for the open quarter, saved at 70%: it earns green."""
    return services.return_save_draft(
        measure=collection["datalead_measure"],
        period=collection["period"],
        user=datalead,
        figures=ReturnFigures(value=Decimal("70")),
        expected_version=0,
    )


@pytest.mark.parametrize("action", ["draft", "preview", "submit"])
def test_a_wrong_value_shows_no_rag_beside_its_error(collection, saved_green, client_as, action):
    measure, period = collection["datalead_measure"], collection["period"]
    response = client_as("datalead").post(
        edit_url(measure, period),
        posted(value="150", version=str(saved_green.version), action=action),
    )
    page = response.content.decode()
    assert "between 0 and 100" in " ".join(response.context["form"].errors["value"])
    assert response.context["preview_rag"] is None
    assert "The figure earns" not in page
    assert "Correct the value to see the RAG it earns." in page
    saved_green.refresh_from_db()
    assert saved_green.value == Decimal("70")


def test_a_refused_save_shows_the_rag_of_the_typed_value_not_the_saved_one(
    collection, saved_green, client_as
):
    """Submitting 40% without commentary is refused (red needs it): the page rates the 40%."""
    measure, period = collection["datalead_measure"], collection["period"]
    response = client_as("datalead").post(
        edit_url(measure, period),
        posted(value="40", commentary="", action="submit", version=str(saved_green.version)),
    )
    assert response.status_code == 400
    assert response.context["preview_rag"] == Rag.RED
    assert "(not saved yet)" in response.content.decode()


def test_the_saved_rag_shows_when_the_form_opens(collection, saved_green, client_as):
    response = client_as("datalead").get(
        edit_url(collection["datalead_measure"], collection["period"])
    )
    assert response.context["preview_rag"] == Rag.GREEN
    assert "(not saved yet)" not in response.content.decode()


@pytest.mark.parametrize("name", sorted(RETURN_TEXT_LIMITS))
def test_every_text_of_a_return_has_a_limit_the_service_keeps(collection, datalead, name):
    """The upload reaches the service without the form, so the service keeps the limits."""
    limit = RETURN_TEXT_LIMITS[name]
    figures = {
        "value": Decimal("70"),
        "rag_override": Rag.RED if name == "rag_override_reason" else "",
        name: "x" * (limit + 1),
    }
    if name == "not_available_reason":
        figures.update(value=None, not_available=True)
    with pytest.raises(ValidationError) as refused:
        services.return_save_draft(
            measure=collection["datalead_measure"],
            period=collection["period"],
            user=datalead,
            figures=ReturnFigures(**figures),
            expected_version=0,
        )
    assert f"at most {limit} characters (it has {limit + 1})" in refused.value.message_dict[name][0]
    assert not Return.objects.filter(measure=collection["datalead_measure"]).exists()


def test_a_22800_character_commentary_is_refused_on_the_form(collection, client_as):
    measure, period = collection["datalead_measure"], collection["period"]
    response = client_as("datalead").post(
        edit_url(measure, period), posted(commentary="x" * 22_800)
    )
    assert response.status_code == 400
    assert "at most 5000 characters (it has 22800)" in response.content.decode()
    assert 'maxlength="5000"' in response.content.decode()
    assert not Return.objects.filter(measure=measure).exists()


@pytest.fixture
def counted(collection):
    """The data lead's measure as a count with a history: baseline 10, earlier quarters 12."""
    measure = collection["datalead_measure"]
    Measure.objects.filter(pk=measure.pk).update(
        unit=Measure.Unit.COUNT, polarity=Measure.Polarity.NONE, target=None, baseline=10
    )
    ReturnFactory(
        measure=measure, period=collection["previous"], value=Decimal("12"), approved=True
    )
    measure.refresh_from_db()
    return measure


def test_a_figure_ten_times_the_largest_is_asked_about_before_it_is_submitted(
    collection, counted, client_as
):
    client = client_as("datalead")
    url = edit_url(counted, collection["period"])

    asked = client.post(url, posted(value="1200", action="submit"))
    page = asked.content.decode()
    assert asked.status_code == 400
    assert "Is this right? 1,200 is more than 10 times the largest figure" in page
    assert "(12)" in page
    assert 'name="figure_is_right"' in page
    assert not Return.objects.filter(measure=counted, period=collection["period"]).exists()

    client.post(url, posted(value="1200", action="submit", figure_is_right="on"))
    ret = Return.objects.get(measure=counted, period=collection["period"])
    assert (ret.status, ret.value) == (Return.Status.SUBMITTED, Decimal("1200"))


@pytest.mark.parametrize(
    ("value", "action", "asked"),
    [("120", "submit", False), ("121", "submit", True), ("1200", "draft", False)],
    ids=["ten times is fine", "over ten times", "a draft is not asked"],
)
def test_only_a_submitted_figure_over_ten_times_the_largest_is_asked_about(
    collection, counted, client_as, value, action, asked
):
    response = client_as("datalead").post(
        edit_url(counted, collection["period"]), posted(value=value, action=action)
    )
    assert ("Is this right?" in response.content.decode()) is asked
    assert Return.objects.filter(measure=counted, period=collection["period"]).exists() is not asked


def test_the_form_opens_without_the_question(collection, counted, client_as):
    response = client_as("datalead").get(edit_url(counted, collection["period"]))
    assert 'name="figure_is_right"' not in response.content.decode()


def test_problems_are_listed_above_the_form_each_linked_to_its_field(collection, client_as):
    response = client_as("datalead").post(
        edit_url(collection["datalead_measure"], collection["period"]),
        posted(value="150", rag_override="green", rag_override_reason="x" * 2_001),
    )
    page = response.content.decode()
    summary = page[
        page.index('id="error-summary"') : page.index("</ul>", page.index('id="error-summary"'))
    ]
    assert "Nothing was saved: there are problems" in summary
    assert 'href="#id_value"' in summary
    assert 'href="#id_rag_override_reason"' in summary
    assert summary.index("#id_value") < summary.index("#id_rag_override_reason")
