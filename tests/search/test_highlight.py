"""The one highlighter: ranges of a text that a query matched, never overlapping."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from jobtui.search.highlight import spans


def marked(text: str, terms: list[str]) -> list[str]:
    return [text[a:b] for a, b in spans(text, terms)]


def test_a_word_inside_a_matched_phrase_is_marked_once():
    # `nodejs` expands to the word `node` and the tag `node.js`: one mark, not two.
    assert marked("Senior Node.js Developer", ["node", "node.js", "js"]) == ["Node.js"]
    assert marked("React Native Engineer", ["react", "native", "react native"]) == ["React Native"]


def test_whole_words_only_and_accents_ignored():
    assert marked("Java and JavaScript in Jülich", ["java", "julich"]) == ["Java", "Jülich"]


def test_phrases_do_not_match_inside_longer_words():
    assert marked("abc++ and c++", ["c++"]) == ["c++"]
    assert marked("Machine learningish, machine learning", ["machine learning"]) == [
        "machine learning"
    ]


def test_no_terms_or_no_text():
    assert spans("", ["x"]) == ()
    assert spans("Python", []) == ()


@given(st.text(max_size=60), st.lists(st.text(min_size=1, max_size=8), max_size=6))
def test_ranges_are_in_order_inside_the_text_and_never_overlap(text, terms):
    found = spans(text, terms)
    for (_a, b), (c, _d) in itertools.pairwise(found):
        assert b <= c
    assert all(0 <= a < b <= len(text) for a, b in found)
