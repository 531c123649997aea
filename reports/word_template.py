"""The Word template: the .docx whose styles, page set-up and header (the partnership's logo)
every Word download of a paper is written into (``reports.word``).

The default ships with the code (``DEFAULT_PATH``, made by ``build_default_template`` through
``manage.py build_word_template``). A business manager can replace it from the browser; the
replacement is kept through Django's storage API (``default_storage``), so a bucket holds it in
production, and restoring the default deletes it. Papers already published keep the Word file
stored when they were published: a new template changes drafts and papers published after.

An upload is checked before it is kept (``sscp.uploads`` reads its type from its content): a
real .docx of at most ``MAX_BYTES``, whose unpacked size and number of parts are capped (no zip
bomb), without macros, that python-docx opens and that has the styles the paper is written
with.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from sscp.uploads import DOCX, kind_of, read_within

logger = logging.getLogger(__name__)

DEFAULT_PATH = Path(__file__).resolve().parent / "assets" / "word-template.docx"
STORED_NAME = "reports/word-template.docx"
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_PARTS = 400
# The styles ``reports.word`` writes with: a template must have them all.
REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid")


def is_replaced() -> bool:
    """Whether a business manager's template is in use rather than the default."""
    return default_storage.exists(STORED_NAME)


def template_bytes() -> bytes:
    """The template in use: the uploaded one if there is one, else the default."""
    if is_replaced():
        with default_storage.open(STORED_NAME, "rb") as stored:
            return stored.read()
    return DEFAULT_PATH.read_bytes()


def template_document():
    """A python-docx document of the template in use, its body emptied (its styles, page
    set-up, headers and footers kept) for a paper to be written into. A kept template that no
    longer opens or lacks a style (checked under older rules, or changed in the bucket) gives
    way to the default, so a paper can always be downloaded and published."""
    try:
        document = Document(io.BytesIO(template_bytes()))
        missing = set(REQUIRED_STYLES) - {style.name for style in document.styles}
    except Exception:  # python-docx raises several kinds for a broken package
        missing = {"the whole document"}
    if missing:
        logger.warning("The Word template in use cannot be used (%s): using the default", missing)
        document = Document(io.BytesIO(DEFAULT_PATH.read_bytes()))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last section's page set-up and headers stay
            body.remove(child)
    return document


def check_template(upload) -> bytes:
    """The uploaded file's bytes if it can serve as the Word template; otherwise a
    ``ValidationError`` saying what is wrong with it."""
    if not upload.name.lower().endswith(".docx"):
        raise ValidationError("Choose a Word document ending in .docx.", code="extension")
    content = read_within(
        upload,
        max_bytes=MAX_BYTES,
        advice="Remove large pictures from the template and try again.",
    )
    limits = {"max_unpacked_bytes": MAX_UNPACKED_BYTES, "max_parts": MAX_PARTS}
    if kind_of(content, purpose="a Word template", **limits) is not DOCX:
        raise ValidationError(
            "This file is not a Word document (.docx). Save it from Word as a Word Document.",
            code="not_docx",
        )
    try:
        document = Document(io.BytesIO(content))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise ValidationError(
            "Word could not read this file as a document. Save it from Word as a Word "
            "Document (.docx), not a template (.dotx), and try again.",
            code="unreadable",
        ) from error
    names = {style.name for style in document.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise ValidationError(
            "The template lacks the styles the paper is written with: "
            f"{', '.join(missing)}. Start from the current template and change its styles.",
            code="styles",
        )
    return content


def replace_template(content: bytes) -> None:
    """Keep ``content`` (checked by ``check_template``) as the Word template."""
    if is_replaced():
        default_storage.delete(STORED_NAME)
    default_storage.save(STORED_NAME, ContentFile(content))


def restore_default() -> bool:
    """Go back to the default template; False when it was already in use."""
    if not is_replaced():
        return False
    default_storage.delete(STORED_NAME)
    return True


# --- the default ------------------------------------------------------------------------------


def _logo_png() -> bytes:
    """A placeholder logo: the letters SSCP on a dark block (no council's real logo)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(1.4, 0.5), dpi=200)
    figure.patch.set_facecolor("#1d3557")
    figure.text(0.5, 0.5, "SSCP", color="white", ha="center", va="center", fontsize=20,
                fontweight="bold", fontfamily="DejaVu Sans")  # fmt: skip
    out = io.BytesIO()
    FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


def build_default_template() -> bytes:
    """The default template: A4 portrait with 20 mm margins, Arial body text, navy headings,
    a table style, and the placeholder logo in the header."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x1D, 0x35, 0x57)
    styles["Table Grid"].font.size = Pt(10)
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(_logo_png()), height=Mm(12))
    header.runs[0]._r.xpath(".//wp:docPr")[0].set("descr", "Safeguarding Children Partnership logo")
    header.add_run("   Safeguarding Children Partnership")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
