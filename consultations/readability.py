"""How easy a text is to read: the Flesch reading ease score and a reading age.

The "You said, we did" page is written for children and young people. These measures let the
business manager (and the tests) check that its words stay plain. They are estimates from
sentence length and syllables per word, good enough to flag a long sentence or a hard word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|[\n;:]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")

# Texts at or below this reading age are fine for most young people we consult (10 to 18).
PLAIN_READING_AGE = 12


# Endings that add one syllable and often follow a silent e: safe-ty, late-ly, care-ful.
_SUFFIXES = ("ment", "ness", "less", "ful", "ly", "ty")


def syllables(word: str) -> int:
    """An estimate of the syllables in one English word (at least one)."""
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return syllables(word[: -len(suffix)]) + 1
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        word = word[:-1]
    if word.endswith(("ed", "es")) and not word.endswith(("ted", "ded", "ses", "zes", "ces")):
        word = word[:-2]
    return max(1, len(_VOWEL_GROUP.findall(word)))


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: 60 to 70 is plain English, 80 and above easy for children."""
        if not self.words:
            return 100.0
        return 206.835 - 1.015 * self.words_per_sentence - 84.6 * self.syllables_per_word

    @property
    def reading_age(self) -> int:
        """The Flesch-Kincaid grade as a UK reading age (grade + 5), at least 5."""
        if not self.words:
            return 5
        grade = 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59
        return max(5, round(grade + 5))

    @property
    def is_plain(self) -> bool:
        return self.reading_age <= PLAIN_READING_AGE


def readability(text: str) -> Readability:
    """Words, sentences and syllables of ``text``; a text with no full stop is one sentence."""
    words = _WORD.findall(text)
    pieces = [piece for piece in _SENTENCE_END.split(text) if _WORD.search(piece)]
    return Readability(
        words=len(words),
        sentences=max(1, len(pieces)) if words else 0,
        syllables=sum(syllables(word) for word in words),
    )
