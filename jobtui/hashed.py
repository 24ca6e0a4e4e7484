"""Keys found by their hashes, for tables too big for a dict entry each.

A dict of 1,000,000 keys costs ~70 bytes a key beyond the keys. A `HashOrder` holds each key's
64-bit hash, sorted, beside the key's place in its table: 16 bytes a key. A key is looked up
by bisection (many at once by numpy), and every place of its hash is a candidate that the
owner checks against the key itself: two keys of one hash are told apart, never confused.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any


class HashOrder:
    """The hashes of a table's keys (an int64 array, in place order), sorted with each one's
    place; places of equal hashes stay in place order."""

    __slots__ = ("_places", "_sorted")

    def __init__(self, hashes: Any) -> None:
        import numpy as np

        order = np.argsort(hashes, kind="stable")
        self._sorted = array("q", np.asarray(hashes, dtype=np.int64)[order].tobytes())
        self._places = array("q", order.astype(np.int64).tobytes())

    def __len__(self) -> int:
        return len(self._sorted)

    def places(self, h: int, first: int | None = None) -> Iterator[int]:
        """The places of the keys of hash `h`, in place order (`first`: where `firsts` says
        the hash is first, when known)."""
        ordered = self._sorted
        at = bisect_left(ordered, h) if first is None else first
        while at < len(ordered) and ordered[at] == h:
            yield self._places[at]
            at += 1

    def first(self, h: int) -> tuple[int, int]:
        """Where hash `h` is first among the sorted ones and the place there; -1 and -1 where
        no key has it (one key looked up: most often the only one of its hash)."""
        at = bisect_left(self._sorted, h)
        if at < len(self._sorted) and self._sorted[at] == h:
            return at, self._places[at]
        return -1, -1

    def firsts(self, hashes: Any) -> tuple[list[int], list[int]]:
        """For each of these hashes, where it is first among the sorted ones (what `places`
        starts from) and the place there; -1 and -1 where no key has it."""
        import numpy as np

        if not len(self._sorted):
            return [-1] * len(hashes), [-1] * len(hashes)
        ordered = np.frombuffer(self._sorted, dtype=np.int64)
        at = np.minimum(np.searchsorted(ordered, hashes), len(ordered) - 1)
        hit = ordered[at] == hashes
        places = np.frombuffer(self._places, dtype=np.int64)[at]
        return np.where(hit, at, -1).tolist(), np.where(hit, places, -1).tolist()

    def shared(self) -> list[list[int]]:
        """The places of each hash that two keys or more have (few: equal keys, or a
        collision), in place order."""
        import numpy as np

        ordered = np.frombuffer(self._sorted, dtype=np.int64)
        same = np.flatnonzero(ordered[1:] == ordered[:-1])
        runs: list[list[int]] = []
        for at in same.tolist():
            if runs and runs[-1][-1] == self._places[at]:
                runs[-1].append(self._places[at + 1])
            else:
                runs.append([self._places[at], self._places[at + 1]])
        return runs

    def hashes(self) -> Any:
        """The hashes again, in place order (int64)."""
        import numpy as np

        found = np.empty(len(self._sorted), dtype=np.int64)
        found[np.frombuffer(self._places, dtype=np.int64)] = np.frombuffer(
            self._sorted, dtype=np.int64
        )
        return found
