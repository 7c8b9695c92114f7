"""Where a word may break at a line end: never a name or a capitalised word, never a short
word, never fewer than three letters either side. (The built guides are checked by
test_layout.py; this is the rule itself.)"""
from __future__ import annotations

import pytest

from nlmg_pdf.render.hyphenation import LEAST_PART, LEAST_WORD, hyphenator


@pytest.mark.parametrize("word", ["Geraldine", "Cottages", "Marie-Claude", "Literature", "Hailsham", "donor",
                                  "well-known", "1990s", "carers"])
def test_names_capitalised_short_and_hyphenated_words_are_never_broken(word):
    assert list(hyphenator("en_GB")(word)) == []


@pytest.mark.parametrize("word", ["understand", "donations", "collection", "considerable", "expectations,"])
def test_long_words_break_with_three_letters_either_side(word):
    breaks = list(hyphenator("en_GB")(word))
    assert breaks, word
    for head, tail in breaks:
        assert head + tail == word
        assert len(head.strip("-")) >= LEAST_PART and len(tail.strip(".,;:")) >= LEAST_PART


def test_the_rule_can_refuse_and_allow():
    assert LEAST_WORD == 7 and list(hyphenator("en_GB")("understand")) and not list(hyphenator("en_GB")("Understand"))
