"""The Word template: the shipped default, a business manager's replacement (checked before it
is kept, kept through the storage API) used by Word downloads, published papers untouched by
it, and restoring the default."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from reports import word_template
from reports.selectors import paper_for
from reports.word import paper_docx

pytestmark = pytest.mark.django_db

PAGE = reverse("plans:report_word_template")
RESTORE = reverse("plans:report_word_template_restore")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def custom_template(header: str = "Custom partnership header", font: str = "Georgia") -> bytes:
    document = Document(io.BytesIO(word_template.DEFAULT_PATH.read_bytes()))
    document.styles["Heading 1"].font.name = font
    document.sections[0].header.paragraphs[0].add_run(header)
    document.add_paragraph("Text in the template's body is not used.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, content: bytes, name: str = "template.docx"):
    return client.post(PAGE, {"file": SimpleUploadedFile(name, content)}, follow=True)


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def opened(content: bytes):
    return Document(io.BytesIO(content))


def header_text(document) -> str:
    return " ".join(p.text for p in document.sections[0].header.paragraphs)


def test_the_default_template_has_the_styles_and_a_described_logo():
    document = opened(word_template.DEFAULT_PATH.read_bytes())
    names = {style.name for style in document.styles}
    assert set(word_template.REQUIRED_STYLES) <= names
    assert document.styles["Normal"].font.name == "Arial"
    header = document.sections[0].header
    logos = [pr.get("descr") for pr in header._element.iter(qn("wp:docPr"))]
    assert logos == ["Safeguarding Children Partnership logo"]
    assert "Safeguarding Children Partnership" in header_text(document)


def test_the_default_template_is_made_by_its_builder():
    built = opened(word_template.build_default_template())
    shipped = opened(word_template.DEFAULT_PATH.read_bytes())
    assert header_text(built) == header_text(shipped)
    assert [s.name for s in built.styles] == [s.name for s in shipped.styles]


def test_word_download_uses_the_uploaded_template(report_world, client_for, manager):
    client = client_for(manager)
    response = upload(client, custom_template())
    assert word_template.is_replaced()
    assert "The Word template was replaced by template.docx." in response.content.decode()
    docx = client.get(reverse("plans:report_docx", kwargs={"pk": report_world["report"].pk}))
    document = opened(docx.content)
    assert "Custom partnership header" in header_text(document)
    assert document.styles["Heading 1"].font.name == "Georgia"
    texts = [p.text for p in document.paragraphs]
    assert "Text in the template's body is not used." not in texts
    assert texts[0].startswith("DRAFT – not published")


def test_published_papers_keep_their_word_file_when_the_template_changes(
    published, client_for, manager
):
    stored = bytes(published.paper_docx)
    upload(client_for(manager), custom_template())
    response = client_for(manager).get(reverse("plans:report_docx", kwargs={"pk": published.pk}))
    assert response.content == stored
    assert "Custom partnership header" not in header_text(opened(response.content))
    assert "Custom partnership header" in header_text(opened(paper_docx(published.snapshot)))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.docx", b"MZ\x90\x00" + b"\x00" * 500, "This file is not a Word document"),
        ("template.exe", b"MZ\x90\x00", "Choose a Word document ending in .docx."),
        ("notes.docx", zipped({"notes.txt": b"hello"}), "This file is not a Word document"),
        (
            "bomb.docx",
            zipped(
                {
                    "[Content_Types].xml": b"<x/>",
                    "word/document.xml": b"<x/>",
                    "word/media/big.bin": b"\x00" * (word_template.MAX_UNPACKED_BYTES + 1),
                }
            ),
            "This file unpacks to far more than a Word template needs",
        ),
        (
            "macros.docx",
            zipped(
                {
                    "[Content_Types].xml": b"<x/>",
                    "word/document.xml": b"<x/>",
                    "word/vbaProject.bin": b"macro",
                }
            ),
            "This document contains macros.",
        ),
        (
            "broken.docx",
            zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}),
            "Word could not read this file as a document.",
        ),
    ],
)
def test_uploads_that_are_not_a_usable_template_are_refused(
    client_for, manager, name, content, message
):
    response = upload(client_for(manager), content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not word_template.is_replaced()


def test_a_template_without_the_papers_styles_is_refused(client_for, manager):
    document = opened(word_template.DEFAULT_PATH.read_bytes())
    styles = document.styles.element
    for style in list(styles.iter(qn("w:style"))):
        if style.get(qn("w:styleId")) == "TableGrid":
            styles.remove(style)
    out = io.BytesIO()
    document.save(out)
    response = upload(client_for(manager), out.getvalue())
    assert "The template lacks the styles the paper is written with: Table Grid." in (
        response.content.decode()
    )
    assert not word_template.is_replaced()


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(client_for, manager):
    big = custom_template() + b"\x00" * word_template.MAX_BYTES
    response = upload(client_for(manager), big)
    assert "The file is larger than 5 MB." in response.content.decode()
    assert not word_template.is_replaced()


def test_restoring_the_default_asks_first_then_deletes_the_upload(client_for, manager, media):
    client = client_for(manager)
    upload(client, custom_template())
    assert "Restore the default Word template?" in client.get(RESTORE).content.decode()
    assert word_template.is_replaced()
    response = client.post(RESTORE, follow=True)
    assert "The default Word template is in use again." in response.content.decode()
    assert not word_template.is_replaced()
    assert not (media / word_template.STORED_NAME).exists()
    assert "the default template that comes with the system" in response.content.decode()
    again = client.post(RESTORE, follow=True)
    assert "The default Word template was already in use." in again.content.decode()


def test_the_manager_downloads_the_template_in_use(client_for, manager):
    client = client_for(manager)
    default = client.get(reverse("plans:report_word_template_download"))
    assert default.content == word_template.DEFAULT_PATH.read_bytes()
    content = custom_template()
    upload(client, content)
    assert client.get(reverse("plans:report_word_template_download")).content == content


def test_only_managers_see_the_template(client_for, scrutiny, chair):
    for user in (scrutiny, chair):
        assert client_for(user).get(PAGE).status_code == 403
        assert upload(client_for(user), custom_template()).status_code == 403
    assert not word_template.is_replaced()


def test_a_kept_template_that_no_longer_opens_gives_way_to_the_default(report_world, media):
    (media / "reports").mkdir()
    (media / word_template.STORED_NAME).write_bytes(b"not a zip any more")
    assert word_template.is_replaced()
    document = opened(paper_docx(paper_for(report_world["report"]), draft=True))
    assert "Safeguarding Children Partnership" in header_text(document)
