"""The matching words of a result marked with ``<mark>``, everything else escaped.

Stored text is never trusted: it is escaped piece by piece and only the marks this module adds
are markup. PostgreSQL finds the words itself (``ts_headline``, which knows the stems: a search
for "exploited" marks "exploitation"); it marks them with two characters stored text does not
use, and ``marked`` turns each pair into a ``<mark>`` element, pairing them so that a stray one
in the text can never leave an element open. On SQLite, ``excerpt`` cuts the text around the
first matching word and marks every occurrence of each word, as the database matched them
(anywhere in a word, whatever the case).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"  # Unicode private use: not text anyone types
EXCERPT_WORDS = 30


def marked(text: str) -> SafeString:
    """``text`` escaped, with each START ... STOP pair made a ``<mark>`` element."""
    out, open_mark = [], False
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START:
            if not open_mark:
                out.append("<mark>")
            open_mark = True
        elif piece == STOP:
            if open_mark:
                out.append("</mark>")
            open_mark = False
        else:
            out.append(escape(piece))
    if open_mark:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alternatives = sorted((re.escape(word) for word in words), key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _with_stops(text: str, pattern: re.Pattern | None) -> str:
    clean = text.replace(START, "").replace(STOP, "")
    if pattern is None:
        return clean
    return pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", clean)


def highlight(text: str, words: tuple[str, ...]) -> SafeString:
    """The whole of ``text`` (a title), every occurrence of each word marked."""
    return marked(_with_stops(text, _pattern(words)))


def excerpt(text: str, words: tuple[str, ...], *, length: int = EXCERPT_WORDS) -> SafeString:
    """About ``length`` words of ``text`` around the first matching word, marked; the start of
    the text when no word is in it (the match was in the title)."""
    pattern = _pattern(words)
    tokens = text.split()
    first = next(
        (n for n, token in enumerate(tokens) if pattern and pattern.search(token)),
        0,
    )
    start = max(0, first - length // 3)
    chosen = tokens[start : start + length]
    cut = " ".join(chosen)
    before = "… " if start > 0 else ""
    after = " …" if start + length < len(tokens) else ""
    return marked(before + _with_stops(cut, pattern) + after)
