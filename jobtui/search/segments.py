"""Posting lists in segments: for each word, the numbers of the postings that hold it.

A segment holds the lists of one batch in compressed-sparse-row form (one array of posting
numbers, sliced by word), so a look-up is a slice and combining lists is vectorised. Postings
added later land in new segments; the newest are merged when there are too many, a big merge
in a thread of its own.
"""

from __future__ import annotations

import contextlib
import threading
from array import array
from collections.abc import Iterator
from itertools import chain

from jobtui.search.arrays import np

BLOCK = 1 << 18
"""Posting entries a save writes at a time (1 MB; merging them takes ~8 MB more a moment)."""
MAX_SEGMENTS = 6
QUICK_MERGE = 2_000_000
"""Posting entries that are merged at once; more are merged in a thread."""


def empty() -> np.ndarray:
    """A posting list of no posting."""
    return np.zeros(0, dtype=np.int32)


class Segment:
    """Posting lists of one batch: `docs[offsets[r]:offsets[r + 1]]` holds the postings of the
    word in row r. Row r is word r, or, for lists made against another vocabulary (a bulk
    tokenizer's), word `remap[r]`, found through `rows`."""

    __slots__ = ("docs", "offsets", "remap", "rows")

    def __init__(self, word_ids: np.ndarray, docs: np.ndarray, vocab_size: int) -> None:
        from jobtui.search import bulk

        order = bulk.stable_argsort(np, word_ids, vocab_size)
        self.docs = docs[order]
        counts = np.bincount(word_ids, minlength=vocab_size)
        self.offsets = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(counts, out=self.offsets[1:])
        self.remap = self.rows = None

    @classmethod
    def from_local(
        cls, remap: np.ndarray, offsets: np.ndarray, docs: np.ndarray, base: int
    ) -> Segment:
        """A segment of lists made against another vocabulary, kept as they are: its word r
        is word `remap[r]` here (distinct), and its posting numbers start at `base`."""
        segment = cls.__new__(cls)
        segment.offsets, segment.docs, segment.remap = offsets, docs, remap
        if base:
            segment.docs += base
        rows = np.full(int(remap.max()) + 1 if len(remap) else 0, -1, dtype=np.int32)
        rows[remap] = np.arange(len(remap), dtype=np.int32)
        segment.rows = rows
        return segment

    @classmethod
    def of(cls, offsets: np.ndarray, docs: np.ndarray) -> Segment:
        """A segment of lists made elsewhere, row r for word r, its arrays used as they are (a
        saved index's, mapped read-only: nothing writes to a segment's arrays)."""
        segment = cls.__new__(cls)
        segment.offsets, segment.docs = offsets, docs
        segment.remap = segment.rows = None
        return segment

    def row(self, wid: int) -> int:
        """The row of word `wid`, or -1 when this segment has no list for it."""
        if self.rows is None:
            return wid if wid + 1 < len(self.offsets) else -1
        return int(self.rows[wid]) if wid < len(self.rows) else -1

    def get(self, wid: int) -> np.ndarray:
        r = self.row(wid)
        return empty() if r < 0 else self.docs[self.offsets[r] : self.offsets[r + 1]]

    def count(self, wid: int) -> int:
        r = self.row(wid)
        return 0 if r < 0 else int(self.offsets[r + 1] - self.offsets[r])

    @classmethod
    def merge(cls, segments: list[Segment], vocab_size: int) -> Segment:
        """One segment with the lists of `segments` (in posting order) one after another."""
        from jobtui.search import bulk

        segment = cls.__new__(cls)
        segment.offsets, segment.docs = bulk.concatenate(
            [
                (
                    np.arange(len(s.offsets) - 1) if s.remap is None else s.remap,
                    np.diff(s.offsets),
                    s.docs,
                )
                for s in segments
            ],
            vocab_size,
        )
        segment.remap = segment.rows = None
        return segment

    def size(self) -> int:
        return len(self.docs)

    def nbytes(self) -> int:
        extra = 0 if self.rows is None else self.rows.nbytes + self.remap.nbytes
        return self.docs.nbytes + self.offsets.nbytes + extra


def _add_counts(segments: list[Segment], counts: np.ndarray) -> None:
    """Add to `counts[wid]` the length of each word's list in the segments."""
    for s in segments:
        lengths = np.diff(s.offsets)
        if s.remap is None:
            counts[: len(lengths)] += lengths
        else:
            counts[s.remap] += lengths  # distinct ids within a segment


def _blocks(parts: list[Segment], offsets: np.ndarray, size: int) -> Iterator[np.ndarray]:
    """The posting numbers of the merged lists (`offsets`: theirs), a range of words at a time."""
    from jobtui.search import bulk

    vocab_size = len(offsets) - 1
    # One segment numbered as the field is (an index adopted from a saved one): its own lists,
    # in slices, are those of the merge.
    alone = parts[0].docs if len(parts) == 1 and parts[0].remap is None else None
    a = 0
    while a < vocab_size:
        # The words whose lists start within `size` entries of the first's: at least one.
        b = int(np.searchsorted(offsets, offsets[a] + size, side="right")) - 1
        b = min(max(b, a + 1), vocab_size)
        if alone is not None:
            yield alone[offsets[a] : offsets[b]]
        else:
            yield bulk.concatenate([_span(s, a, b) for s in parts], b - a)[1]
        a = b


def _span(s: Segment, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A segment's lists of words `a` to `b` (not included), as `bulk.concatenate` takes a
    part: (word ids from `a`, the lists' lengths, the lists one after another)."""
    if s.remap is None:
        last = len(s.offsets) - 1
        lo, hi = min(a, last), min(b, last)
        lengths = np.diff(s.offsets[lo : hi + 1])
        ids = np.arange(lo - a, hi - a)
        return ids, lengths, s.docs[s.offsets[lo] : s.offsets[hi]]
    rows = s.rows[min(a, len(s.rows)) : min(b, len(s.rows))]
    held = np.flatnonzero(rows >= 0)  # words of the range this segment has a list for
    rows = rows[held]
    starts = s.offsets[rows]
    lengths = s.offsets[rows + 1] - starts
    ends = np.cumsum(lengths)
    positions = np.repeat(starts - (ends - lengths), lengths) + np.arange(
        int(ends[-1]) if len(ends) else 0, dtype=np.int64
    )
    return held, lengths, s.docs[positions]


class _Merge:
    """Segments being merged in a thread of its own."""

    def __init__(self, parts: list[Segment], vocab_size: int) -> None:
        self.parts = parts
        self._merged: Segment | None = None
        self._thread = threading.Thread(
            target=self._run, args=(vocab_size,), name="jobtui-merge", daemon=True
        )
        self._thread.start()

    def _run(self, vocab_size: int) -> None:
        with contextlib.suppress(MemoryError):  # then the segments stay as they are
            self._merged = Segment.merge(self.parts, vocab_size)

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> Segment | None:
        self._thread.join()
        return self._merged


class FieldIndex:
    """One field's posting lists: pending Python lists, then frozen numpy segments."""

    __slots__ = (
        "lock", "merging", "pending_counts", "pending_start", "pending_words", "segments"
    )  # fmt: skip

    def __init__(self) -> None:
        self.pending_words = array("i")
        self.pending_counts = array("i")
        self.pending_start = 0
        self.segments: list[Segment] = []
        self.merging: _Merge | None = None
        self.lock = threading.Lock()
        """Held while a finished merge is put in place: the index is saved from a thread."""

    def extend(self, id_lists: list[list[int]]) -> None:
        """The distinct word ids of each of the next postings."""
        self.pending_words.extend(chain.from_iterable(id_lists))
        self.pending_counts.extend(map(len, id_lists))

    def freeze(self, vocab_size: int) -> None:
        if self.pending_counts:
            counts = np.frombuffer(self.pending_counts, dtype=np.int32)
            docs = np.repeat(
                np.arange(self.pending_start, self.pending_start + len(counts), dtype=np.int32),
                counts,
            )
            words = np.frombuffer(self.pending_words, dtype=np.int32).copy()
            self.segments.append(Segment(words, docs, vocab_size))
            self.pending_start += len(counts)
            self.pending_words, self.pending_counts = array("i"), array("i")
        self.collect()
        if len(self.segments) > MAX_SEGMENTS and self.merging is None:
            # Merge the newest segments, as many as together outweigh the one before them:
            # old big segments are seldom copied again, and there stay few segments.
            segments = self.segments
            first = len(segments) - 2
            tail = segments[-1].size() + segments[-2].size()
            while first > 0 and tail >= segments[first - 1].size():
                first -= 1
                tail += segments[first].size()
            if tail <= QUICK_MERGE:
                self.segments = [*segments[:first], Segment.merge(segments[first:], vocab_size)]
            else:  # a big merge (~10 ns a posting entry) is made in a thread, not in a keystroke
                self.merging = _Merge(segments[first:], vocab_size)

    def add_lists(
        self, remap: np.ndarray, offsets: np.ndarray, docs: np.ndarray, count: int, vocab_size: int
    ) -> None:
        """The lists of the next `count` postings, made against another vocabulary (its word r
        is word `remap[r]` here) and numbered from 0."""
        self.freeze(vocab_size)  # pending postings came first: they keep the lower numbers
        self.segments.append(Segment.from_local(remap, offsets, docs, self.pending_start))
        self.pending_start += count

    def start(self, offsets: np.ndarray, docs: np.ndarray, count: int) -> None:
        """Begin this empty field with the lists of `count` postings made elsewhere."""
        assert not self.segments and not self.pending_counts and not self.pending_start
        self.segments = [Segment.of(offsets, docs)]
        self.pending_start = count

    def blocks(
        self, vocab_size: int, size: int | None = None
    ) -> tuple[np.ndarray, Iterator[np.ndarray]]:
        """All the frozen lists as one segment would hold them, without making that copy of
        the field: the offsets (one per word and one more), and the posting numbers in blocks
        of whole words' lists, about `size` entries each (`BLOCK`; one word's list may be
        longer). A save writes the blocks as they come: a merged copy of the body field
        beside its segments was the peak of a first open's memory. The lists are those of
        the segments at this call (merges and lists added later change nothing: segments are
        never written to)."""
        parts = list(self.segments)
        counts = np.zeros(vocab_size, dtype=np.int64)
        _add_counts(parts, counts)
        offsets = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return offsets, _blocks(parts, offsets, size or BLOCK)

    def collect(self) -> None:
        """Put a merge made in the background in place of the segments it merged."""
        with self.lock:
            if self.merging is None or not self.merging.done():
                return
            merged, parts = self.merging.result(), self.merging.parts
            self.merging = None
            if merged is None:
                return
            first = next(i for i, s in enumerate(self.segments) if s is parts[0])
            # Only new segments come after: the merged ones are still there, in order.
            self.segments = [*self.segments[:first], merged, *self.segments[first + len(parts) :]]

    def get(self, wid: int) -> np.ndarray:
        if len(self.segments) == 1:
            return self.segments[0].get(wid)
        parts = [s.get(wid) for s in self.segments]
        return np.concatenate(parts) if parts else empty()

    def count(self, wid: int) -> int:
        return sum(s.count(wid) for s in self.segments)

    def add_counts(self, counts: np.ndarray) -> None:
        """Add to `counts[wid]` the length of each word's list here, in one pass a segment."""
        _add_counts(self.segments, counts)

    def nbytes(self) -> int:
        return sum(s.nbytes() for s in self.segments)
