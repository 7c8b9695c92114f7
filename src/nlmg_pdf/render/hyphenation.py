"""Where a word may break at a line end, as a careful typesetter allows: never a name or
another capitalised word, never a short word, and never leaving fewer than three letters
on either side. reportlab calls the hyphenator for each word that would overflow a line."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

import pyphen

LEAST_WORD = 7  # letters in the shortest word that may be broken
LEAST_PART = 3  # letters on each side of the break

Hyphenator = Callable[[str], Iterable[tuple[str, str]]]


@cache
def hyphenator(language: str) -> Hyphenator:
    """The breaks a word may take, as (head, tail) pairs, for reportlab's `hyphenationLang`."""
    return Breaks(language)


class Breaks:
    """One language's hyphenator, shared by the whole build (and pickled as its language, so a
    laid-out story can cross to another process)."""

    def __init__(self, language: str):
        self.language = language
        self._dictionary = pyphen.Pyphen(lang=language, left=LEAST_PART, right=LEAST_PART)

    def __call__(self, word: str) -> Iterable[tuple[str, str]]:
        letters = word.strip(".,;:!?\u2019\u201d)")
        if len(letters) < LEAST_WORD or not letters[:1].islower() or not letters.isalpha():
            return ()  # a name, a capitalised word, a short word, or one with a hyphen or digits
        return self._dictionary.iterate(word)

    def __reduce__(self):
        return hyphenator, (self.language,)
