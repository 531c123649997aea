"""Text every file the partnership's words go into can hold.

XLSX and Word files are XML inside, and XML 1.0 cannot hold most C0 control characters: openpyxl
and python-docx refuse them, so one pasted character would stop a download until the row
changed. They arrive by pasting: a vertical tab is what Word's soft line break pastes as, a form
feed its page break.

``xml_safe`` is the one rule, applied at both ends: every spreadsheet cell and every Word run
goes through it on the way out (rows stored before input was cleaned may still hold such
characters), and ``ControlCharacterMiddleware`` passes every posted form value through it on the
way in, so every form, whatever its base class, stores none of them.
"""

from __future__ import annotations

import re

from django.http import QueryDict

# What XML 1.0 cannot hold: the C0 controls other than tab, line feed and carriage return (as
# openpyxl's ILLEGAL_CHARACTERS_RE), lone surrogates, and the non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's soft line break and page break: line breaks to whoever reads the text.
_BREAKS = re.compile("[\x0b\x0c]")

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def xml_safe(text: str) -> str:
    """``text`` as XML (so XLSX and Word) can hold it: a vertical tab or form feed becomes a line
    break, and every other character XML 1.0 forbids is dropped. Tabs and line breaks stay."""
    return _NOT_XML.sub("", _BREAKS.sub("\n", text))


def _xml_safe_form(data: QueryDict) -> QueryDict:
    """``data`` with every value made ``xml_safe``; a password is left exactly as typed, since
    it is compared, never shown or exported."""
    if not any(_NOT_XML.search(value) for _, values in data.lists() for value in values):
        return data
    cleaned = data.copy()
    for name, values in data.lists():
        if "password" not in name:
            cleaned.setlist(name, [xml_safe(value) for value in values])
    cleaned._mutable = False
    return cleaned


class ControlCharacterMiddleware:
    """Every value posted to a form is made ``xml_safe`` before a view reads it: one place for
    every form, whether it derives from the edit framework's forms, Django's own, or the admin's.
    Runs after the CSRF check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            request.POST = _xml_safe_form(request.POST)
        return None
