"""Where a query's words are in a text: the one highlighter of the list and the detail pane.

A highlight only ever marks characters that are there: the ranges never overlap, so a word
that is both a query word and part of a matched phrase (`node` in `Node.js`) is marked once.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from jobtui.postings.text import fold, word_spans

Spans = tuple[tuple[int, int], ...]
"""Character ranges (start, end), in order, never overlapping."""


def spans(text: str, terms: Iterable[str]) -> Spans:
    """Ranges of `text` whose words, or phrases, are among the folded query terms."""
    if not text:
        return ()
    terms = terms if isinstance(terms, frozenset) else frozenset(terms)
    if not terms:
        return ()
    folded = fold(text)
    found = [(start, end) for start, end, word in word_spans(folded) if word in terms]
    for term in _phrases(terms):
        pos = folded.find(term)
        while pos >= 0:
            end = pos + len(term)
            if _bounded(folded, pos, end):
                found.append((pos, end))
            pos = folded.find(term, pos + 1)
    return _merged(found)


@lru_cache(maxsize=64)
def _phrases(terms: frozenset[str]) -> tuple[str, ...]:
    """Terms that are not single words (`machine learning`, `node.js`): found as text."""
    return tuple(t for t in terms if t and (" " in t or not t.isalnum()))


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "+#"


def _bounded(folded: str, start: int, end: int) -> bool:
    """The phrase at start:end is not the middle of a longer word."""
    before = folded[start - 1] if start else " "
    after = folded[end] if end < len(folded) else " "
    first, last = folded[start], folded[end - 1]
    return not (_is_word_char(before) and _is_word_char(first)) and not (
        _is_word_char(after) and _is_word_char(last)
    )


def _merged(found: list[tuple[int, int]]) -> Spans:
    """Overlapping ranges joined into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
