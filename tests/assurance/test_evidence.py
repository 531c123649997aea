"""Evidence files on an action's updates: the type is read from the content (the name must
agree), empty, oversized, executable, zip-bomb and mistyped files are refused with nothing
saved and no file left in storage; good PDF, Word, Excel and PNG files are kept under a random
name and downloaded only by the action's body and business managers, as an attachment."""

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from assurance import services
from assurance.forms import EVIDENCE_MAX_BYTES
from assurance.models import ActionUpdate
from sscp.editing import last_change_id
from sscp.uploads import PDF, PNG_SIGNATURE, CheckedFile, kept_if_saved
from tests.factories import ActionFactory, GovernanceBodyFactory, chair_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def png() -> bytes:
    return PNG_SIGNATURE + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def docx() -> bytes:
    document = Document()
    document.add_paragraph("The new assessment form is in use.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Month", "Assessments with fathers"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb() -> bytes:
    """One part of 200 MB of zeros: about 200 KB once packed."""
    out = io.BytesIO()
    block = b"\x00" * (1024 * 1024)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("xl/worksheets/sheet1.xml", "w") as part,
    ):
        for _ in range(200):
            part.write(block)
    return out.getvalue()


def many_parts() -> bytes:
    """A Word package of over a thousand parts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name in ("[Content_Types].xml", "word/document.xml"):
            package.writestr(name, b"<x/>")
        for number in range(1000):
            package.writestr(f"word/media/{number}.xml", b"<x/>")
    return out.getvalue()


def post_update(client, action, name: str | None, content: bytes = b"", **overrides):
    """Post an update with the file ``name`` holding ``content`` (no file when ``name`` is
    None); the browser claims every file is a PDF, which must not matter."""
    data = {
        "status": "on_track",
        "text": "The new form is in use.",
        "evidence_url": "",
        "done": "",
        "last_change": last_change_id(action),
        **overrides,
    }
    if name is not None:
        data["evidence_file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("assurance:action_update", args=[action.pk]), data)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("empty.pdf", lambda: b"", "The file is empty."),
        ("big.pdf", lambda: b"%PDF-" + b"0" * (EVIDENCE_MAX_BYTES + 1 - 5), "larger than 10 MB"),
        (
            "x.pdf",
            lambda: b"MZ\x90\x00\x03" + b"\x00" * 200,
            "This file is a program, not a document",
        ),
        ("x.pdf", lambda: b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "This file is a program"),
        ("x.xlsx", zip_bomb, "This file unpacks to far more than a document needs"),
        ("many.docx", many_parts, "This file unpacks to far more than a document needs"),
        ("x.docx", png, "The file's name ends in .docx but it is a PNG image"),
        ("x.xlsx", docx, "The file's name ends in .xlsx but it is a Word document"),
        ("notes.txt", lambda: b"Just some notes.", "This file is not a type that can be added"),
        (
            "notes.docx",
            lambda: b"PK\x03\x04 not really a zip",
            "This file is not a type that can be added",
        ),
    ],
    ids=[
        "empty",
        "10MB+1",
        "windows-program",
        "linux-program",
        "zip-bomb",
        "too-many-parts",
        "png-as-docx",
        "docx-as-xlsx",
        "text",
        "broken-zip",
    ],
)
def test_a_bad_evidence_file_is_refused_and_nothing_is_kept(
    chair, chair_body, client_for, media, name, make, message
):
    action = ActionFactory(owner_body=chair_body)
    response = post_update(client_for(chair), action, name, make())
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["evidence_file"])
    assert "Nothing was saved" in response.content.decode()
    assert not ActionUpdate.objects.exists()
    assert stored_files(media) == []
    action.refresh_from_db()
    assert action.status == "not_started"


@pytest.mark.parametrize(
    ("name", "content", "label", "content_type"),
    [
        ("Minutes.pdf", pdf(), "PDF", "application/pdf"),
        ("Screenshot.PNG", png(), "PNG image", "image/png"),
        (
            "Form.docx",
            docx(),
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "Audit figures.xlsx",
            xlsx(),
            "Excel workbook",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_a_good_evidence_file_is_kept_listed_and_downloaded(
    chair, chair_body, client_for, media, name, content, label, content_type
):
    action = ActionFactory(owner_body=chair_body)
    client = client_for(chair)
    response = post_update(client, action, name, content)
    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert (update.evidence_name, update.evidence_size) == (name, len(content))
    assert update.evidence_kind.label == label
    stored = stored_files(media)
    assert len(stored) == 1 and stored[0].read_bytes() == content
    assert name not in update.evidence_file.name  # a random name, not the uploaded one
    page = client.get(action.get_absolute_url()).content.decode()
    download = reverse("assurance:action_evidence", args=[update.pk])
    assert download in page and name in page and label in page
    assert "/media/" not in page and update.evidence_file.name not in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert name.replace(" ", "") in response["Content-Disposition"].replace(" ", "")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_update_form_says_which_files_it_takes(chair, chair_body, client_for):
    action = ActionFactory(owner_body=chair_body)
    page = client_for(chair).get(reverse("assurance:action_update", args=[action.pk]))
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "A PDF, Word (.docx), Excel (.xlsx) or PNG file of at most 10 MB" in html


def test_evidence_is_downloaded_only_by_the_bodys_reporters_and_managers(
    chair, chair_body, manager, scrutiny, datalead, client_for, client
):
    action = ActionFactory(owner_body=chair_body)
    post_update(client_for(chair), action, "Minutes.pdf", pdf())
    url = reverse("assurance:action_evidence", args=[ActionUpdate.objects.get().pk])
    assert client_for(chair).get(url).status_code == 200
    assert client_for(manager).get(url).status_code == 200
    assert client_for(scrutiny).get(url).status_code == 403
    assert client_for(datalead).get(url).status_code == 404  # another body's data lead
    other_chair = chair_of(GovernanceBodyFactory())
    assert client_for(other_chair).get(url).status_code == 404
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]


def test_an_update_without_a_file_has_no_download(chair, chair_body, client_for):
    action = ActionFactory(owner_body=chair_body)
    post_update(client_for(chair), action, None)
    update = ActionUpdate.objects.get()
    assert not update.evidence_file
    url = reverse("assurance:action_evidence", args=[update.pk])
    assert client_for(chair).get(url).status_code == 404


def test_a_stale_update_with_a_file_keeps_no_file(chair, datalead, chair_body, client_for, media):
    action = ActionFactory(owner_body=chair_body)
    seen = last_change_id(action)
    services.action_update(
        action=action,
        status="at_risk",
        text="Short of staff.",
        evidence_url="",
        done=False,
        user=chair,
        seen_change=seen,
    )
    response = post_update(client_for(chair), action, "Minutes.pdf", pdf(), last_change=seen)
    assert "after you opened this form" in str(response.context["form"].non_field_errors())
    assert list(ActionUpdate.objects.values_list("text", flat=True)) == ["Short of staff."]
    assert stored_files(media) == []


def test_an_update_failing_after_the_file_is_stored_removes_the_file(
    chair, chair_body, media, monkeypatch
):
    action = ActionFactory(owner_body=chair_body)

    def failing_note(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_note", failing_note)
    with pytest.raises(RuntimeError):
        services.action_update(
            action=action,
            status="on_track",
            text="Done.",
            evidence_url="",
            done=False,
            user=chair,
            seen_change=last_change_id(action),
            evidence_file=CheckedFile(name="Minutes.pdf", content=pdf(), kind=PDF),
        )
    assert stored_files(media) == []
    action.refresh_from_db()
    assert action.status == "not_started"


def test_files_kept_in_a_block_that_fails_are_deleted(media):
    with pytest.raises(ValueError), kept_if_saved() as keep:
        keep("assurance/evidence/a.pdf", pdf())
        assert len(stored_files(media)) == 1
        raise ValueError
    assert stored_files(media) == []
