"""The Markdown subset of narrative fields: the HTML it makes is safe whatever is typed."""

from sscp.markdown import blocks, to_html


def test_lists_bold_italic_and_links_become_html():
    html = to_html(
        "Intro **bold** *it* [plan](https://example.org/plan)\n\n- one\n- two\n\n1. a\n2. b"
    )
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert '<a href="https://example.org/plan" rel="noopener noreferrer">plan</a>' in html
    assert "<ul>\n<li>one</li>" in html and "<ol>\n<li>a</li>" in html
    assert "- one" not in html


def test_script_raw_html_and_javascript_links_are_stripped():
    html = to_html(
        '<script>alert(1)</script> <img src=x onerror="alert(1)"> <b>raw</b>\n\n'
        "[click](javascript:alert(1)) <javascript:alert(2)> [data](data:text/html,hi)"
    )
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html  # raw HTML stays visible as text
    assert "href" not in html  # none of those addresses is linked
    assert "javascript:alert(1)" in html


def test_only_http_https_and_mailto_are_linked():
    html = to_html("[a](https://x.org) [b](mailto:sscp@example.org) [c](ftp://x.org)")
    assert 'href="https://x.org"' in html and 'href="mailto:sscp@example.org"' in html
    assert 'href="ftp' not in html


def test_blocks_give_paragraphs_and_nested_list_items_with_their_runs():
    found = blocks("Para with **bold**\n\n- one\n  - inner\n- [two](https://x.org)\n\n3. c")
    assert [block["kind"] for block in found] == ["paragraph", "bullet", "number"]
    assert found[0]["runs"][1] == {"text": "bold", "bold": True, "italic": False, "href": ""}
    assert [item["level"] for item in found[1]["items"]] == [0, 1, 0]
    assert found[1]["items"][2]["runs"][0]["href"] == "https://x.org"
    assert found[2]["start"] == 3
    assert blocks("  ") == []
