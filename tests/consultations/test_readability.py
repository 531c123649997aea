"""The reading-age estimate behind the "You said, we did" reading check."""

import pytest

from consultations.readability import PLAIN_READING_AGE, readability, syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("safe", 1),
        ("school", 1),
        ("safety", 2),
        ("online", 2),
        ("started", 2),
        ("family", 3),
        ("conversation", 4),
        ("we’re", 1),
    ],
)
def test_syllables_are_estimated_for_everyday_words(word, expected):
    assert syllables(word) == expected


def test_short_everyday_sentences_are_plain():
    text = "You told us you want to feel safe. We asked schools to help. They said yes."
    score = readability(text)
    assert (score.words, score.sentences) == (16, 3)
    assert score.is_plain
    assert score.reading_ease > 80


def test_long_sentences_of_long_words_are_not_plain():
    text = (
        "Multi-agency safeguarding arrangements operationalised comprehensive interdisciplinary "
        "educational interventions across constituent organisations."
    )
    score = readability(text)
    assert score.reading_age > PLAIN_READING_AGE
    assert not score.is_plain
    assert score.reading_ease < 30


def test_empty_text_counts_as_plain():
    score = readability("")
    assert (score.words, score.sentences, score.reading_age) == (0, 0, 5)
    assert score.is_plain
