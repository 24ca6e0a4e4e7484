"""Where words start in a posting's text: every word the readers look for, found in one pass.

A posting's readers (remote, hybrid, salary, dates, apply links) each look for a few words in
its body: some sixty words in all, each a `str.find` scan of the whole body, most of them
finding nothing. An Aho-Corasick automaton (ahocorasick_rs, compiled Rust) finds every one of
them in one pass, about a tenth of the time. The words are learned as they are asked: the
first postings pay a scan a word, every later one a pass and dictionary lookups. Whether a
body holds a word at all (`holds`: `word in body`, ~2 µs a word for a 4 KB body) is answered
the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from ahocorasick_rs import AhoCorasick

SCAN_AT_LEAST = 256
"""Characters a text holds, at least, for one pass to find every word at once: a shorter
text (a line) is searched for the word asked, as the pass costs more than a few finds."""
MOST_WORDS = 512
"""Words learned at most: any more (none of jobtui's readers asks so many) are found with
`str.find`, so nothing a text holds can grow the automaton without bound."""
TEXTS_KEPT = 4
"""Texts whose places are kept: a posting's readers look in its body, the body lowercased
and its title; a few entries keep them all while the next posting's replace them."""

FOUND_FIRST = 2
"""Words a text is searched for one by one before a pass finds all the others: the body as
written is asked only for a colon or two, and a title for a few words."""

_learned: list[str] = []
"""Every word asked so far, in the order asked (a word's index in the automaton's list)."""
_known: dict[str, int] = {}
"""Each learned word's index in `_learned`."""
_finder: tuple[int, AhoCorasick | None] = (0, None)
"""(how many of the learned words the automaton finds, the automaton), replaced whole."""


class _Entry:
    """A text, the places found in it so far, and how many learned words one pass found in it
    (0 before a pass, -1 when none can be made): a learned word below that count and not
    found is not in the text."""

    __slots__ = ("found", "passed", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[str, tuple[int, ...]] = {}
        self.passed = 0


_memo: tuple[_Entry, ...] = ()
"""The texts asked about last, newest first. Each text is held, so no other can take its
identity; one assignment replaces the tuple, so a thread reading it while another replaces it
sees one or the other."""


def places(text: str, word: str) -> tuple[int, ...]:
    """Every place `word` starts in `text`, overlapping ones too (as `str.find` from each place
    plus one finds them), in order. The places of the texts last asked about are kept."""
    entry = _entry(text)
    found = entry.found.get(word)
    if found is not None:
        return found
    at = _known.get(word)
    if (
        at is not None
        and not entry.passed
        and len(entry.found) >= FOUND_FIRST
        and len(text) >= SCAN_AT_LEAST
    ):
        _pass(entry)
        found = entry.found.get(word)
        if found is not None:
            return found
    if at is not None and at < entry.passed:
        return ()  # the pass looked for it and it is not there
    if at is None and len(_learned) < MOST_WORDS and word:
        _known[word] = len(_learned)
        _learned.append(word)  # the automaton learns it before the next pass
    starts: list[int] = []
    at = text.find(word)
    while at >= 0:
        starts.append(at)
        at = text.find(word, at + 1)
    found = entry.found[word] = tuple(starts)
    return found


def holds(text: str, words: Iterable[str]) -> bool:
    """Whether any of the words is in the text, as `word in text` says: a long text (a body)
    from its places, where after one pass a word is a lookup; a short one (a line) as
    written, so that lines do not take the places of the texts kept."""
    if len(text) < SCAN_AT_LEAST:
        return any(word in text for word in words)
    return any(places(text, word) for word in words)


def _entry(text: str) -> _Entry:
    """The kept entry of the text, made if new."""
    global _memo
    memo = _memo
    for entry in memo:
        if entry.text is text:
            return entry
    entry = _Entry(text)
    _memo = (entry, *memo[: TEXTS_KEPT - 1])
    return entry


def _pass(entry: _Entry) -> None:
    """Every learned word's places in the entry's text, found in one pass."""
    global _finder
    count, finder = _finder
    if count != len(_learned) or finder is None:
        words = list(_learned)
        count, finder = len(words), AhoCorasick(words)
        _finder = (count, finder)
    try:
        found = starts(finder, entry.text)
    except UnicodeEncodeError:  # halves of characters (a name not in UTF-8): word by word
        entry.passed = -1
        return
    entry.found.update({_learned[i]: tuple(at) for i, at in found.items()})
    entry.passed = count  # after the places: a reader in another thread never sees less


def starts(finder: AhoCorasick, text: str) -> dict[int, list[int]]:
    """Where each word of the automaton starts in the text, overlapping places too, in order,
    by the word's index (words not in the text are not keys). Raises UnicodeEncodeError for
    a text with halves of characters."""
    found: dict[int, list[int]] = {}
    for i, start, _end in finder.find_matches_as_indexes(text, overlapping=True):
        if i in found:  # matches come in order of their ends: a word's places in order
            found[i].append(start)
        else:
            found[i] = [start]
    return found
