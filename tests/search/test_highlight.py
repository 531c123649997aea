"""Marking the matching words: stored text is escaped, only the marks are markup."""

from search.highlight import START, STOP, excerpt, highlight, marked


def test_highlight_escapes_the_text_and_marks_every_occurrence():
    html = highlight('<b onclick="x">Neglect</b> & neglect', ("neglect",))
    assert html == (
        "&lt;b onclick=&quot;x&quot;&gt;<mark>Neglect</mark>&lt;/b&gt; &amp; <mark>neglect</mark>"
    )


def test_a_word_that_looks_like_markup_is_escaped_inside_its_mark():
    assert highlight("a <script> b", ("<script>",)) == "a <mark>&lt;script&gt;</mark> b"


def test_marks_from_the_database_are_paired_whatever_stray_markers_the_text_holds():
    text = f"{STOP}start {START}word{STOP} {START}{START}open"
    assert marked(text) == "start <mark>word</mark> <mark>open</mark>"


def test_markers_typed_into_stored_text_never_become_marks_in_python():
    assert highlight(f"{START}<i>{STOP} quokka", ("quokka",)) == "&lt;i&gt; <mark>quokka</mark>"


def test_excerpt_starts_near_the_first_match_and_says_what_was_cut():
    words = [f"w{n}" for n in range(100)]
    words[60] = "Quokka"
    cut = excerpt(" ".join(words), ("quokka",), length=30)
    assert cut.startswith("… w50 ")
    assert "<mark>Quokka</mark>" in cut
    assert cut.endswith(" …")


def test_excerpt_without_a_match_is_the_start_of_the_text():
    assert excerpt("one two three", ("quokka",)) == "one two three"
