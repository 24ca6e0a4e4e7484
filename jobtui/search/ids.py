"""Each indexed posting's id to its number, without a dict entry per posting.

A dict of every id took ~70 bytes a posting (an entry and an integer object), 70 MB at
1,000,000. Here the ids of all but the postings added last are held as their hashes, sorted,
beside each one's number (16 bytes a posting); an id is found by bisection (many at once by
numpy) and checked against the posting's own id, so two ids of one hash are told apart. The postings added since the last
sort are in a dict, sorted in with the others once they are a quarter as many.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from jobtui.hashed import HashOrder
from jobtui.postings.model import Posting
from jobtui.search.arrays import np

SORTED_AT_LEAST = 4096
"""Postings held in the dict before they are first sorted in (a small index never sorts)."""


class IdNumbers(Mapping[str, int]):
    """The ids of an index's postings (the list itself, which only grows) to their numbers;
    an id held twice is the later posting's, as a dict updated in order would say."""

    def __init__(self, postings: Sequence[Posting]) -> None:
        self._postings = postings
        self._hashed: HashOrder | None = None
        """The hashes of the ids of the first `_held` postings (their places: numbers); made
        at the first sort (numpy is not imported before: see `arrays`)."""
        self._held = 0
        self._recent: dict[str, int] = {}
        """The ids of the postings from `_held` on."""
        self._distinct = 0
        """How many distinct ids the first `_held` postings have."""
        self._noted = 0
        """How many postings are mapped."""

    def note(self, start: int) -> None:
        """Map the ids of the postings from `start` on (those added since the last `note`)."""
        many = max(SORTED_AT_LEAST, self._held // 4)
        if start != self._noted or len(self._postings) - start + len(self._recent) >= many:
            self._sort()  # (noted before, or many: sorted in with the others now)
            return
        recent = self._recent
        for i in range(start, len(self._postings)):
            recent[self._postings[i].id] = i
        self._noted = len(self._postings)
        if len(recent) >= many:
            self._sort()

    def _sort(self) -> None:
        postings = self._postings
        n = len(postings)
        self._hashed = HashOrder(
            np.fromiter((hash(p.id) for p in postings), dtype=np.int64, count=n)
        )
        self._held = self._noted = n
        self._recent = {}
        # A hash shared (by one id held twice, or by two ids): each id counted once.
        shared = self._hashed.shared()
        self._distinct = n - sum(len(run) - len({postings[i].id for i in run}) for run in shared)

    def found(self, keys: Iterable[Any]) -> dict[int, str]:
        """The number of each of these ids held, to the id (many looked up at once)."""
        out: dict[int, str] = {}
        asked: list[str] = []
        recent = self._recent
        for key in keys:
            if type(key) is str:
                i = recent.get(key)
                if i is None:
                    asked.append(key)
                else:
                    out[i] = key
        if asked and self._hashed is not None:
            hashes = np.fromiter(map(hash, asked), dtype=np.int64, count=len(asked))
            firsts = self._hashed.firsts(hashes)[0]
            for key, h, first in zip(asked, hashes.tolist(), firsts, strict=True):
                if first >= 0 and (i := self._in_sorted(key, h, first)) is not None:
                    out[i] = key
        return out

    def numbers(self, keys: Iterable[Any]) -> list[int]:
        """The numbers of those of these ids that are held."""
        return list(self.found(keys))

    def _in_sorted(self, key: str, h: int | None = None, at: int | None = None) -> int | None:
        """The number of an id among the sorted ones (`h`: its hash, `at`: where that is first,
        when known)."""
        postings, found = self._postings, None
        if self._hashed is None:
            return None
        for i in self._hashed.places(hash(key) if h is None else h, at):
            if postings[i].id == key:
                found = i  # (in posting order: the last one found is the later posting)
        return found

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._recent.get(key) if type(key) is str else None
        if found is None and type(key) is str:
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
