"""A saved word index as read back (`jobtui.search.persist`): its vocabulary and posting lists,
the big arrays mapped from the file, and the part of it a reopen keeps."""

from __future__ import annotations

import contextlib
import mmap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any, overload

from jobtui.hashed import HashOrder
from jobtui.search.arrays import np

HASHED_AT_ONCE = 65_536
"""Keys made strings and hashed in one go (`SavedKeys`): a bound on what that holds at once."""


class SavedKeys(Sequence[str]):
    """The keys of a saved index's postings (`index.saved_key`), in posting order: one text and
    where each key starts and ends in it, found by hash (`HashOrder`) and checked against the
    text. A reopen held each as a string and a dict entry before: about 250 bytes a posting,
    against about 30 here (the text) and 24 to 32 (the arrays: a selection copies the spans)."""

    __slots__ = ("_ends", "_hashed", "_starts", "_text")

    def __init__(self, text: str, starts: Any, ends: Any, hashes: Any = None) -> None:
        """`starts`, `ends`: each key's span of `text` (int64 arrays); `hashes`: each key's
        `hash`, when known (`select`)."""
        self._text = text
        self._starts = starts
        self._ends = ends
        n = len(starts)
        if hashes is None:
            hashes = np.empty(n, dtype=np.int64)
            for lo in range(0, n, HASHED_AT_ONCE):
                keys = self._slice(lo, min(n, lo + HASHED_AT_ONCE))
                hashes[lo : lo + len(keys)] = np.fromiter(
                    map(hash, keys), dtype=np.int64, count=len(keys)
                )
        self._hashed = HashOrder(hashes)

    def _slice(self, lo: int, hi: int) -> list[str]:
        spans = map(slice, self._starts[lo:hi].tolist(), self._ends[lo:hi].tolist())
        return list(map(self._text.__getitem__, spans))

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._text[int(self._starts[i]) : int(self._ends[i])]

    def __iter__(self) -> Iterator[str]:
        for lo in range(0, len(self), HASHED_AT_ONCE):
            yield from self._slice(lo, lo + HASHED_AT_ONCE)

    def unique(self) -> bool:
        """Whether no key stands twice."""
        return all(len({self[i] for i in run}) == len(run) for run in self._hashed.shared())

    def find(self, keys: Sequence[str]) -> list[int]:
        """Each key's position among these, or -1 where it is not one of them."""
        if not len(self):
            return [-1] * len(keys)
        hashes = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
        firsts, places = self._hashed.firsts(hashes)
        text = self._text
        # The first key of each hash found: the one asked for, but for a collision.
        at = np.maximum(np.array(places, dtype=np.int64), 0)
        starts, ends = self._starts[at].tolist(), self._ends[at].tolist()
        out = []
        for key, h, first, place, start, end in zip(
            keys, hashes.tolist(), firsts, places, starts, ends, strict=True
        ):
            if place < 0 or (end - start == len(key) and text.startswith(key, start)):
                out.append(place)
            else:  # another key of the same hash: each key of it, checked against the text
                out.append(next((i for i in self._hashed.places(h, first) if self[i] == key), -1))
        return out

    def same(self, keys: Iterable[str]) -> bool:
        """Whether these are the keys, in order."""
        given = iter(keys)
        text = self._text
        for lo in range(0, len(self), HASHED_AT_ONCE):
            hi = lo + HASHED_AT_ONCE
            ends = self._ends[lo:hi].tolist()
            for start, end in zip(self._starts[lo:hi].tolist(), ends, strict=True):
                key = next(given, None)
                if key is None or end - start != len(key) or not text.startswith(key, start):
                    return False
        return next(given, None) is None

    def select(self, keep: Any) -> SavedKeys:
        """The keys kept (`keep`: a bool per key), in order."""
        hashes = self._hashed.hashes()[keep]
        return SavedKeys(self._text, self._starts[keep], self._ends[keep], hashes)


@dataclass(slots=True)
class Snapshot:
    """A saved word index, its big arrays mapped from the file (read-only)."""

    ids: SavedKeys
    """Posting ids, in posting-number order."""
    words: list[str]
    """The vocabulary: word id to word."""
    word_id: dict[str, int]
    """Word to word id."""
    sorted_order: Any
    """Word ids in the alphabetical order of their words (int32)."""
    field_word_ids: Any
    """Ids of the words that stand in a short field (title, tags, company, location), int32."""
    fields: dict[str, tuple[Any, Any]]
    """Per field, offsets (int64, one per word and one more) and posting numbers (int32): word
    w's postings are `docs[offsets[w]:offsets[w + 1]]`, ascending."""
    mapping: mmap.mmap | None = None
    """The mapped file the arrays are views of (None for arrays in memory)."""
    recency: Any = None
    """Posting numbers newest first (int32), as the empty query lists them; None when not
    saved, or saved for the folders spelled otherwise (see `spelled`)."""
    spelled: list[str] | None = None
    """The folders as given to the load that saved `recency` (ties in that order are broken
    by the source, which spells them)."""

    def select(self, keep: Any) -> Snapshot:
        """The snapshot of the kept postings only (`keep`: a bool per posting), numbered
        0, 1, ... in order. When all are kept, this one (its mapped arrays as they are);
        otherwise the lists are renumbered into memory, and words no kept posting holds are
        left out, so nothing completes or corrects to a word that matches nothing."""
        keep = np.asarray(keep, dtype=bool)
        if keep.shape != (len(self.ids),):
            raise ValueError(f"keep has {keep.shape} values for {len(self.ids)} postings")
        if keep.all():
            return self
        number = (np.cumsum(keep) - 1).astype(np.int32)
        size = len(self.words)
        live = np.zeros(size, dtype=bool)
        in_short = np.zeros(size, dtype=bool)
        fields = {}
        for name, (offsets, docs) in self.fields.items():
            at = np.flatnonzero(keep[docs])  # where the kept entries are
            # A row's new start is how many kept entries come before its old start.
            fields[name] = (np.searchsorted(at, offsets).astype(np.int64), number[docs[at]])
            held = np.diff(fields[name][0]) > 0
            live |= held
            if name != "body":
                in_short |= held
        # A word in no kept posting has empty lists everywhere: dropping its row leaves every
        # other list where it was, so each field's offsets are those of the rows that stay.
        rows = np.append(np.flatnonzero(live), size)
        new_id = (np.cumsum(live) - 1).astype(np.int32)
        words = list(compress(self.words, live.tolist()))
        order = self.sorted_order
        recency = None if self.recency is None else number[self.recency[keep[self.recency]]]
        return Snapshot(
            ids=self.ids.select(keep),
            words=words,
            word_id=dict(zip(words, range(len(words)), strict=True)),
            sorted_order=new_id[order[live[order]]],
            field_word_ids=new_id[np.flatnonzero(in_short)],
            fields={name: (offsets[rows], docs) for name, (offsets, docs) in fields.items()},
            recency=recency,
            spelled=self.spelled,
        )

    def close(self) -> None:
        """Let go of the mapping; an index that adopted the arrays keeps them mapped."""
        mapping, self.mapping = self.mapping, None
        self.sorted_order = self.field_word_ids = self.recency = None
        self.fields = {}
        if mapping is not None:
            with contextlib.suppress(BufferError):  # arrays still in use: unmapped with them
                mapping.close()
