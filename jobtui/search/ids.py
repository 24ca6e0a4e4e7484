"""Each indexed posting's id to its number, without a dict entry per posting.

A dict of every id took ~70 bytes a posting (an entry and an integer object), 70 MB at
1,000,000. Here the ids of all but the postings added last are held as their hashes, sorted,
beside each one's number (12 bytes a posting); an id is found by bisection and checked against
the posting's own id, so two ids of one hash are told apart. The postings added since the last
sort are in a dict, sorted in with the others once they are a quarter as many.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from jobtui.postings.model import Posting
from jobtui.search.arrays import np

SORTED_AT_LEAST = 4096
"""Postings held in the dict before they are first sorted in (a small index never sorts)."""


class IdNumbers(Mapping[str, int]):
    """The ids of an index's postings (the list itself, which only grows) to their numbers;
    an id held twice is the later posting's, as a dict updated in order would say."""

    def __init__(self, postings: Sequence[Posting]) -> None:
        self._postings = postings
        self._sorted = array("q")
        """Hashes of the ids of the first `_held` postings, sorted."""
        self._numbers = array("q")
        """The number of the posting of each hash."""
        self._held = 0
        self._recent: dict[str, int] = {}
        """The ids of the postings from `_held` on."""
        self._distinct = 0
        """How many distinct ids the first `_held` postings have."""
        self._noted = 0
        """How many postings are mapped."""

    def note(self, start: int) -> None:
        """Map the ids of the postings from `start` on (those added since the last `note`)."""
        if start != self._noted:  # (not the postings added since: all sorted again)
            self._sort()
            return
        recent = self._recent
        for i in range(start, len(self._postings)):
            recent[self._postings[i].id] = i
        self._noted = len(self._postings)
        if len(recent) >= max(SORTED_AT_LEAST, self._held // 4):
            self._sort()

    def _sort(self) -> None:
        postings = self._postings
        n = len(postings)
        hashes = np.fromiter((hash(p.id) for p in postings), dtype=np.int64, count=n)
        order = np.argsort(hashes, kind="stable")  # (equal hashes: in posting order)
        ordered = hashes[order]
        del hashes
        self._sorted = array("q", ordered.tobytes())
        self._numbers = array("q", order.astype(np.int64).tobytes())
        self._held = self._noted = n
        self._recent = {}
        repeats = 0  # postings whose id a later posting has
        for at in np.flatnonzero(ordered[1:] == ordered[:-1]).tolist():
            # A hash shared (by one id held twice, or two ids): count an id once.
            if postings[self._numbers[at]].id in self._later_ids(at):
                repeats += 1
        self._distinct = n - repeats

    def _later_ids(self, at: int) -> set[str]:
        """The ids of the postings after place `at` of the sorted hashes, of the same hash."""
        h, found = self._sorted[at], set()
        at += 1
        while at < len(self._sorted) and self._sorted[at] == h:
            found.add(self._postings[self._numbers[at]].id)
            at += 1
        return found

    def _in_sorted(self, key: str) -> int | None:
        ordered, numbers, postings = self._sorted, self._numbers, self._postings
        h = hash(key)
        at = bisect_left(ordered, h)
        found = None
        while at < len(ordered) and ordered[at] == h:
            i = numbers[at]
            if postings[i].id == key:
                found = i  # (in posting order: the last one found is the later posting)
            at += 1
        return found

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._recent.get(key) if type(key) is str else None
        if found is None and type(key) is str and self._held:
            found = self._in_sorted(key)
        return default if found is None else found

    def __getitem__(self, key: str) -> int:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return int(found)

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        if not self._recent:
            return self._distinct
        return self._distinct + sum(self._in_sorted(k) is None for k in self._recent)

    def __iter__(self) -> Iterator[str]:
        """Each id once, in the order of its posting's number."""
        for i in range(self._noted):
            key = self._postings[i].id
            if self.get(key) == i:
                yield key
