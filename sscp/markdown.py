"""The small Markdown subset people may use in narrative fields, and the one way to turn it
into HTML or into a structure other writers (the Word download) can lay out.

The subset: paragraphs, bullet lists ("- "), numbered lists ("1. "), **bold**, *italic*, links
(``[title](https://...)`` or ``<https://...>``) and line breaks. Nothing else is parsed:
headings, images, tables, code and raw HTML stay text. The parser is markdown-it's "zero"
preset with only those rules switched on, and its HTML goes through nh3 allowing only the tags
the subset makes, links only to http, https and mailto addresses, each with
``rel="noopener noreferrer"``. So whatever is typed, the HTML holds no script, style, event
handler or other address scheme.

``blocks`` gives the same text as a list of paragraphs and lists, each with its sanitised HTML
and its runs (text with bold, italic and link), so a page can number paragraphs and Word can
make real lists from the one parse.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li"}
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}
# What to tell people a narrative field accepts (form hint text).
HINT = (
    "You can format this text: leave a blank line between paragraphs; start lines with "
    '"- " for a bullet list or "1. " for a numbered list; **bold**, *italic*; '
    "[link text](https://...)."
)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("zero", {"breaks": True, "html": False}).enable(
        ["list", "emphasis", "link", "autolink", "newline"]
    )


def clean_html(html: str) -> str:
    """``html`` with only the tags, attributes and link schemes of the subset kept."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def to_html(text: str | None) -> str:
    """``text`` (Markdown of the subset) as safe HTML: paragraphs, lists, bold, italic, links."""
    if not text or not text.strip():
        return ""
    return clean_html(_parser().render(text)).strip()


def _runs(children: list[Token]) -> list[dict[str, Any]]:
    """An inline token's content as runs of text, each bold, italic and linked or not."""
    runs: list[dict[str, Any]] = []
    bold = italic = 0
    href = ""
    for token in children:
        if token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.type == "link_open":
            found = str(token.attrGet("href") or "")
            # the same schemes as the HTML; another address leaves the words unlinked
            href = found if found.split(":", 1)[0].lower() in SCHEMES else ""
        elif token.type == "link_close":
            href = ""
        elif token.type in ("softbreak", "hardbreak"):
            runs.append({"text": "\n", "bold": False, "italic": False, "href": ""})
        elif token.content:
            runs.append(
                {"text": token.content, "bold": bold > 0, "italic": italic > 0, "href": href}
            )
    return runs


def _close_of(tokens: list[Token], start: int) -> int:
    """The index of the token closing the one opened at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def blocks(text: str | None) -> list[dict[str, Any]]:
    """``text`` as its top-level blocks, in order. A paragraph is ``{"kind": "paragraph",
    "html", "runs"}``; a list is ``{"kind": "bullet" | "number", "html", "items"}``, each item
    ``{"level", "runs"}`` (level 0 for the outer list, 1 for a list inside it, ...)."""
    if not text or not text.strip():
        return []
    parser = _parser()
    tokens = parser.parse(text)
    found: list[dict[str, Any]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _close_of(tokens, index)
        if token.type == "paragraph_open":
            inline = tokens[index + 1]
            found.append(
                {
                    "kind": "paragraph",
                    "html": clean_html(
                        parser.renderer.renderInline(inline.children or [], parser.options, {})
                    ),
                    "runs": _runs(inline.children or []),
                }
            )
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            found.append(
                {
                    "kind": "bullet" if token.type == "bullet_list_open" else "number",
                    "html": clean_html(
                        parser.renderer.render(tokens[index : end + 1], parser.options, {})
                    ),
                    "items": _items(tokens[index : end + 1]),
                    "start": int(token.attrGet("start") or 1),
                }
            )
        index = end + 1
    return found


def _items(tokens: list[Token]) -> list[dict[str, Any]]:
    """The items of one list, nested lists' items after their parent with a deeper level."""
    items: list[dict[str, Any]] = []
    depth = -1
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            items.append({"level": depth, "runs": []})
        elif token.type == "inline" and items:
            runs = items[-1]["runs"]
            if runs:
                runs.append({"text": "\n", "bold": False, "italic": False, "href": ""})
            runs += _runs(token.children or [])
    return items
