"""sscp.text: what XML cannot hold never reaches a stored row nor a downloaded file."""

import io

import docx
import pytest
from django.test import RequestFactory
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sscp.text import ControlCharacterMiddleware, xml_safe

CONTROLS = "".join(chr(code) for code in range(0x20))


def test_xml_safe_keeps_tabs_and_line_breaks_and_drops_what_xml_cannot_hold():
    assert xml_safe(CONTROLS) == "\t\n\n\n\r"  # tab, line feed, vertical tab, form feed, CR
    assert xml_safe("Line one\x0bline two") == "Line one\nline two"
    assert xml_safe("bell\x07 \ufffe\uffff\ud800end") == "bell end"
    assert xml_safe("Ünïcødé – “quotes” · emoji 🙂") == "Ünïcødé – “quotes” · emoji 🙂"


def test_xml_safe_text_goes_into_a_spreadsheet_and_a_word_file():
    text = xml_safe("".join(chr(code) for code in range(0x80)) + "\ufffe")
    assert not ILLEGAL_CHARACTERS_RE.search(text)
    document = docx.Document()
    document.add_paragraph(text)  # python-docx refuses what XML cannot hold
    document.save(io.BytesIO())


def posted(data, **kwargs):
    request = RequestFactory().post("/somewhere/", data, **kwargs)
    ControlCharacterMiddleware(lambda r: None).process_view(request, None, (), {})
    return request.POST


@pytest.mark.parametrize("multipart", [True, False])
def test_every_posted_value_is_made_safe_but_a_password(multipart):
    data = {"commentary": "Up\x0bagain\x01", "title": ["a\x02", "b"], "password": "p\x01ss"}
    if multipart:
        values = posted(data)
    else:
        values = posted(
            "commentary=Up%0Bagain%01&title=a%02&title=b&password=p%01ss",
            content_type="application/x-www-form-urlencoded",
        )
    assert values["commentary"] == "Up\nagain"
    assert values.getlist("title") == ["a", "b"]
    assert values["password"] == "p\x01ss"
    assert not values._mutable


def test_clean_posts_are_left_as_they_are():
    request = RequestFactory().post("/somewhere/", {"commentary": "Plain\r\ntext\twith a tab"})
    before = request.POST
    ControlCharacterMiddleware(lambda r: None).process_view(request, None, (), {})
    assert request.POST is before
