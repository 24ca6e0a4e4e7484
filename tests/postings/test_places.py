"""Where words start in a text: one pass over a long text finds every word learned so far, and
answers exactly as a scan per word does, whatever was asked before and in whatever order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import places as module
from jobtui.postings.places import SCAN_AT_LEAST, holds, places


def _scan(text: str, word: str) -> tuple[int, ...]:
    return tuple(i for i in range(len(text)) if text.startswith(word, i))


_WORDS = ["a", "aa", "ab", "ba", "remote", "remotely", "mote", "\n", "İ", "é", "日本", ": ", "ß"]
_PIECES = st.sampled_from(
    [*_WORDS, "x", " ", "REMOTE", "on-site", "日本語", "\ud800", "aaa", "abab", "-" * 60]
)
_TEXTS = st.tuples(st.lists(_PIECES, max_size=40).map("".join), st.booleans()).map(
    lambda made: made[0] * (SCAN_AT_LEAST // max(1, len(made[0])) + 1) if made[1] else made[0]
)
"""Short texts and long ones (one pass finds their words)."""


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with nothing learned and nothing kept."""
    monkeypatch.setattr(module, "_learned", [])
    monkeypatch.setattr(module, "_known", {})
    monkeypatch.setattr(module, "_finder", (0, None))
    monkeypatch.setattr(module, "_memo", ())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_TEXTS, st.lists(st.sampled_from(_WORDS), max_size=6)), max_size=8))
def test_places_are_a_scans_whatever_was_asked_before(asked: list[tuple[str, list[str]]]) -> None:
    module._memo = ()  # hypothesis runs examples in one test: the texts' ids may repeat
    for text, words in asked:  # texts one after another, words learned along the way
        for word in [*words, *reversed(words)]:  # each asked twice
            assert places(text, word) == _scan(text, word), (text, word)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_TEXTS, st.lists(st.lists(st.sampled_from(_WORDS), max_size=4))), max_size=8)
)
def test_holds_answers_as_in_whatever_was_asked_before(
    asked: list[tuple[str, list[list[str]]]],
) -> None:
    module._memo = ()
    for text, groups in asked:
        for words in [*groups, *reversed(groups)]:
            assert holds(text, words) == any(word in text for word in words), (text, words)


def test_holds_asks_a_long_texts_places_and_leaves_lines_out_of_them() -> None:
    body = "Hybrid: two days in the office, the others from home.\n" * 6
    for word in ("days", "office", "week", "home"):
        places("x" * 400, word)  # learned
    for word in ("days", "office", "week"):
        places(body, word)  # the third asked makes a pass over the body
    assert module._entry(body).passed == 4
    line = "to apply, write to jobs@example.com"
    assert holds(body, ("week", "home")) and not holds(body, ("week", "weekly"))
    assert holds(line, ("appl", "postul")) and not holds(line, ("bewerb",))
    kept = [entry.text for entry in module._memo]
    assert kept[0] is body and line not in kept  # the line took no place


def test_one_pass_over_a_long_text_finds_every_learned_word() -> None:
    first = "We work remote. " * 20
    for word in ("remote", "hybrid", "work"):
        assert places(first, word) == _scan(first, word)  # learned by scans
    second = ("Hybrid: two days in the office, work from home on the others.\n" * 6).lower()
    assert len(second) >= SCAN_AT_LEAST
    module._learned.append("never asked")  # a word only the automaton can know of
    module._known["never asked"] = len(module._learned) - 1
    assert places(second, "days") == _scan(second, "days")  # learned, by a scan
    assert places(second, "office") == _scan(second, "office")  # a scan again
    entry = module._entry(second)
    assert not entry.passed and set(entry.found) == {"days", "office"}
    assert places(second, "hybrid") == _scan(second, "hybrid")  # the third word: a pass
    assert entry.passed == len(module._learned)  # it looked for every learned word
    assert entry.found["work"] == _scan(second, "work")
    assert "remote" not in entry.found and places(second, "remote") == ()


def test_a_short_text_is_scanned_for_the_word_asked_only() -> None:
    places("x" * 400, "remote")  # learned
    line = "Remote: yes, remote"
    for word in ("yes", "Remote", ": ", "remote"):
        assert places(line, word) == _scan(line, word)
    entry = module._entry(line)
    assert entry.passed == 0 and set(entry.found) == {"yes", "Remote", ": ", "remote"}


def test_a_text_with_halves_of_characters_is_still_searched() -> None:
    places("y" * 400, "remote")
    text = "remote \udcff" * 60  # a name that was not UTF-8: the automaton refuses it
    for word in ("a", "b", "remote", "mote", "\udcff"):
        assert places(text, word) == _scan(text, word)
    assert module._entry(text).passed == -1


def test_the_words_learned_stop_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "MOST_WORDS", 3)
    long = "abcdef " * 60
    for word in ("ab", "cd", "ef", "de", "fa"):
        assert places(long, word) == _scan(long, word)
    assert module._learned == ["ab", "cd", "ef"]
    other = "defabc " * 60
    for word in ("ab", "cd", "ef", "de", "fa"):
        assert places(other, word) == _scan(other, word)
