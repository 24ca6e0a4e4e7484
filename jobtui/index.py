"""The inverted index: distinct folded words, and for each word the postings that contain it.

Posting lists are numpy arrays in compressed-sparse-row form (one array of posting numbers per
field, sliced by word), so a look-up is a slice and combining lists is vectorised. Postings added
after a build land in a new segment; segments are merged when there are too many.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
from array import array
from collections.abc import Callable, Collection, Iterable
from itertools import chain
from typing import TYPE_CHECKING, Any

from jobtui import vocab
from jobtui.model import Posting
from jobtui.text import fold, text_words, words

if TYPE_CHECKING:
    from jobtui import bulk

FIELDS = ("title", "tags", "company", "location", "body")
EXACT, ALIAS, PREFIX, ABBREV, TYPO1, TYPO2, SUBSEQ = 1.0, 0.95, 0.85, 0.8, 0.7, 0.6, 0.55
BODY_PREFIX_LIMIT = 48
"""Most completions of a prefix looked up in bodies (the most frequent ones)."""
SHORT_PREFIX_LIMIT = 64
"""Most field completions of a one- or two-letter prefix."""
MAX_SEGMENTS = 6
QUICK_MERGE = 2_000_000
"""Posting entries that are merged at once; more are merged in a thread."""
BULK_MIN = 2_000
"""Bodies in one batch from which they are tokenised with array operations (jobtui.bulk)."""

ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "eng": "engineer",
    "engr": "engineer", "dev": "developer", "devs": "developers", "mgr": "manager",
    "mngr": "manager", "swe": "software", "sw": "software", "fe": "frontend", "be": "backend",
    "bknd": "backend", "fs": "fullstack", "pm": "product", "ops": "operations",
    "admin": "administrator", "infra": "infrastructure", "ml": "machine",
}  # fmt: skip

np: Any = None
"""numpy, imported on first use (start-up shows the first screen without waiting for it)."""
_EMPTY: Any = None


def load_numpy() -> Any:
    """Import numpy once; safe to call from a loading thread to get it out of the way early."""
    global np, _EMPTY
    if np is None:
        import numpy

        _EMPTY = numpy.zeros(0, dtype=numpy.int32)
        np = numpy
    return np


class _Segment:
    """Posting lists of one batch: `docs[offsets[r]:offsets[r + 1]]` holds the postings of the
    word in row r. Row r is word r, or, for lists made against another vocabulary (a bulk
    tokenizer's), word `remap[r]`, found through `rows`."""

    __slots__ = ("docs", "offsets", "remap", "rows")

    def __init__(self, word_ids: np.ndarray, docs: np.ndarray, vocab_size: int) -> None:
        from jobtui import bulk

        order = bulk.stable_argsort(np, word_ids, vocab_size)
        self.docs = docs[order]
        counts = np.bincount(word_ids, minlength=vocab_size)
        self.offsets = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(counts, out=self.offsets[1:])
        self.remap = self.rows = None

    @classmethod
    def from_local(
        cls, remap: np.ndarray, offsets: np.ndarray, docs: np.ndarray, base: int
    ) -> _Segment:
        """A segment of lists made against another vocabulary, kept as they are: its word r
        is word `remap[r]` here (distinct), and its posting numbers start at `base`."""
        segment = cls.__new__(cls)
        segment.offsets, segment.docs, segment.remap = offsets, docs, remap
        if base:
            segment.docs += base
        segment.rows = np.full(int(remap.max()) + 1 if len(remap) else 0, -1, dtype=np.int32)
        segment.rows[remap] = np.arange(len(remap), dtype=np.int32)
        return segment

    def row(self, wid: int) -> int:
        """The row of word `wid`, or -1 when this segment has no list for it."""
        if self.rows is None:
            return wid if wid + 1 < len(self.offsets) else -1
        return int(self.rows[wid]) if wid < len(self.rows) else -1

    def get(self, wid: int) -> np.ndarray:
        r = self.row(wid)
        return _EMPTY if r < 0 else self.docs[self.offsets[r] : self.offsets[r + 1]]

    def count(self, wid: int) -> int:
        r = self.row(wid)
        return 0 if r < 0 else int(self.offsets[r + 1] - self.offsets[r])

    @classmethod
    def merge(cls, segments: list[_Segment], vocab_size: int) -> _Segment:
        """One segment with the lists of `segments` (in posting order) one after another."""
        from jobtui import bulk

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


class _Merge:
    """Segments being merged in a thread of its own."""

    def __init__(self, parts: list[_Segment], vocab_size: int) -> None:
        import threading

        self.parts = parts
        self._merged: _Segment | None = None
        self._thread = threading.Thread(
            target=self._run, args=(vocab_size,), name="jobtui-merge", daemon=True
        )
        self._thread.start()

    def _run(self, vocab_size: int) -> None:
        with contextlib.suppress(MemoryError):  # then the segments stay as they are
            self._merged = _Segment.merge(self.parts, vocab_size)

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> _Segment | None:
        self._thread.join()
        return self._merged


class _FieldIndex:
    """One field's posting lists: pending Python lists, then frozen numpy segments."""

    __slots__ = ("merging", "pending_counts", "pending_start", "pending_words", "segments")

    def __init__(self) -> None:
        self.pending_words = array("i")
        self.pending_counts = array("i")
        self.pending_start = 0
        self.segments: list[_Segment] = []
        self.merging: _Merge | None = None

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
            self.segments.append(_Segment(words, docs, vocab_size))
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
                self.segments = [*segments[:first], _Segment.merge(segments[first:], vocab_size)]
            else:  # a big merge (~10 ns a posting entry) is made in a thread, not in a keystroke
                self.merging = _Merge(segments[first:], vocab_size)

    def collect(self) -> None:
        """Put a merge made in the background in place of the segments it merged."""
        if self.merging is not None and self.merging.done():
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
        return np.concatenate(parts) if parts else _EMPTY

    def count(self, wid: int) -> int:
        return sum(s.count(wid) for s in self.segments)

    def nbytes(self) -> int:
        return sum(s.nbytes() for s in self.segments)


class WordIndex:
    """Vocabulary and posting lists of every field; `expand` turns a query word into index words."""

    def __init__(self) -> None:
        self.postings: list[Posting] = []
        self.word_id: dict[str, int] = {}
        self.words: list[str] = []
        self.fields = {f: _FieldIndex() for f in FIELDS}
        self.field_word_ids: set[int] = set()
        self._ready = False
        self._sorted_words: list[str] = []
        self._by_length: dict[int, list[str]] = {}
        self._field_by_length: dict[int, list[str]] = {}
        self._field_by_initial: dict[str, list[str]] = {}
        self._stream: tuple[Any, Any] | None = None
        """The tokenizer of the last `bulk.Stream` and its words' ids here."""

    def _ids(self, distinct: Collection[str]) -> list[int]:
        """Word ids of distinct words, adding new words to the vocabulary."""
        return _word_ids(self.word_id, distinct, self.words)

    def add(
        self,
        postings: Iterable[Posting],
        meanwhile: Callable[[], None] | None = None,
        bodies: list[bulk.Tokenized] | None = None,
    ) -> None:
        """Tokenise and collect; the numpy lists are built on the next `prepare`.
        `meanwhile` is called once the postings are listed, while bodies may still be
        tokenised in other threads. `bodies`, when given, are the postings' bodies already
        tokenised (by a `bulk.Stream`, in the loading thread), in order."""
        batch = list(postings)
        tokenized = bodies if bodies and sum(b.count for b in bodies) == len(batch) else None
        body = self.fields["body"]
        frozen = gc.isenabled()
        gc.disable()  # millions of short-lived strings: the cyclic collector only slows this down
        try:
            # Bodies are nine tenths of the work: a big batch is tokenised with array
            # operations in worker threads while this one indexes the short fields.
            texts = [p.body for p in batch]
            job = None
            if tokenized is None and len(batch) >= BULK_MIN:
                from jobtui import bulk  # only big batches: start-up does not wait for it

                job = bulk.Job(texts)
            self.postings.extend(batch)
            # Titles, companies, places and tags repeat: each distinct one is split once.
            for name in ("title", "company", "location"):
                self._add_field(name, [getattr(p, name) for p in batch], _distinct_words)

            per_tag: dict[str, tuple[str, ...]] = {}

            def tag_words(tags: tuple[str, ...]) -> set[str]:
                found: set[str] = set()
                for tag in tags:  # each tag whole, and its words
                    if tag not in per_tag:
                        per_tag[tag] = (tag, *words(tag))
                    found.update(per_tag[tag])
                return found

            self._add_field("tags", [p.tags for p in batch], tag_words)
            if meanwhile is not None:
                meanwhile()
            if tokenized is not None:
                self._add_streamed(tokenized)
            elif job is None:
                body.extend([self._ids(text_words(text)) for text in texts])
            else:
                shares = job.result()
                body.freeze(len(self.words))  # earlier postings first, numbered in order
                numpy = load_numpy()
                for local_words, offsets, docs, count in shares:
                    remap = numpy.array(self._ids(local_words), dtype=numpy.int64)
                    body.segments.append(
                        _Segment.from_local(remap, offsets, docs, body.pending_start)
                    )
                    body.pending_start += count
        finally:
            if frozen:
                gc.enable()
        self._ready = False

    def _add_streamed(self, batches: list[bulk.Tokenized]) -> None:
        """Body lists a stream made: its words mapped to ours (only the new ones looked up)."""
        from jobtui import bulk

        tokenizer, known, offsets, docs, count = bulk.join(batches)
        numpy = load_numpy()
        stream, remap = self._stream if self._stream else (None, numpy.zeros(0, numpy.int64))
        if stream is not tokenizer:
            remap = numpy.zeros(0, dtype=numpy.int64)
        if len(remap) < known:
            new = self._ids(tokenizer.words[len(remap) : known])
            remap = numpy.concatenate([remap, numpy.array(new, dtype=numpy.int64)])
        self._stream = (tokenizer, remap)
        body = self.fields["body"]
        body.freeze(len(self.words))  # earlier postings first, numbered in order
        body.segments.append(_Segment.from_local(remap[:known], offsets, docs, body.pending_start))
        body.pending_start += count

    def _add_field(self, name: str, values: list[Any], split: Callable[[Any], set[str]]) -> None:
        """Add one field of each posting; `split` gives the words of a value."""
        known = {}
        for value in dict.fromkeys(values):
            known[value] = ids = self._ids(split(value) if value else ())
            self.field_word_ids.update(ids)
        self.fields[name].extend(list(map(known.__getitem__, values)))

    def prepare(self) -> bool:
        """Build what changed since the last call; True when anything was rebuilt."""
        if self._ready:
            for fi in self.fields.values():
                fi.collect()  # a merge that finished meanwhile: the same lists, fewer pieces
            return False
        load_numpy()
        size = len(self.words)
        for fi in self.fields.values():
            fi.freeze(size)
        self._sorted_words = sorted(self.words)
        self._by_length = {}
        for w in self.words:
            self._by_length.setdefault(len(w), []).append(w)
        self._field_by_length, self._field_by_initial = {}, {}
        for wid in self.field_word_ids:
            w = self.words[wid]
            self._field_by_length.setdefault(len(w), []).append(w)
            self._field_by_initial.setdefault(w[:1], []).append(w)
        self._ready = True
        return True

    def get(self, field: str, word: str) -> np.ndarray:
        wid = self.word_id.get(word)
        return _EMPTY if wid is None else self.fields[field].get(wid)

    def completions(self, prefix: str) -> list[str]:
        lo = bisect.bisect_left(self._sorted_words, prefix)
        hi = bisect.bisect_left(self._sorted_words, prefix + "\uffff")
        return self._sorted_words[lo:hi]

    def nbytes(self) -> int:
        import sys

        total = sys.getsizeof(self.word_id) + sys.getsizeof(self.words)
        total += sum(sys.getsizeof(w) for w in self.words)
        return total + sum(fi.nbytes() for fi in self.fields.values())

    def expand(self, word: str) -> dict[str, float]:
        """Index words a query word stands for, each with how well it matches (1.0 exact)."""
        found: dict[str, float] = {}
        word_id = self.word_id

        def put(w: str, q: float) -> None:
            if w in word_id and q > found.get(w, 0.0):
                found[w] = q

        put(word, EXACT)
        aliases = vocab.alias_map()
        canonical = aliases.get(word)
        if canonical:
            put(canonical, ALIAS)
            for alias in vocab.aliases_of(canonical):
                put(alias, ALIAS)
        if word in ABBREVIATIONS:
            put(ABBREVIATIONS[word], ABBREV)
        # Prefixes: the person is still typing. Short ones only complete field words.
        body_completions, field_completions = [], []
        for w in self.completions(word):
            if w == word:
                continue
            if word_id[w] in self.field_word_ids:
                field_completions.append(w)
            elif len(word) >= 3:
                body_completions.append(w)
        if len(word) <= 2 and len(field_completions) > SHORT_PREFIX_LIMIT:
            # One or two letters complete to thousands of words: keep the commonest.
            fields = [self.fields[f] for f in FIELDS[:-1]]
            field_completions.sort(key=lambda w: -sum(f.count(word_id[w]) for f in fields))
            field_completions = field_completions[:SHORT_PREFIX_LIMIT]
        for w in field_completions:
            put(w, PREFIX)
        if body_completions:
            body = self.fields["body"]
            body_completions.sort(key=lambda w: -body.count(word_id[w]))
            for w in body_completions[:BODY_PREFIX_LIMIT]:
                put(w, PREFIX)
        # Typos: one edit from four letters, two from eight; a swap counts as one (OSA).
        # A word that titles, companies, places or tags already use is taken as meant (`rust`
        # is not a typo of `rest`); a word known only from bodies may be a typo of a field word.
        known_in_fields = word in word_id and word_id[word] in self.field_word_ids
        if len(word) >= 4 and word.isalpha() and not known_in_fields:
            from rapidfuzz import process
            from rapidfuzz.distance import OSA

            k = 1 if len(word) < 8 else 2
            pool = self._field_by_length if word in word_id else self._by_length
            choices = [w for n in range(len(word) - k, len(word) + k + 1) for w in pool.get(n, ())]
            for w, dist, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=k, limit=None
            ):
                put(w, TYPO1 if dist <= 1 else TYPO2)
        # Abbreviations written as a subsequence of a field word: `snr` senior, `bknd` backend.
        if 3 <= len(word) <= 6 and word.isalpha() and word not in word_id:
            for w in self._field_by_initial.get(word[0], ()):
                if len(word) < len(w) <= 4 * len(word) and w not in found and _subsequence(word, w):
                    put(w, SUBSEQ)
        return found


def _distinct_words(text: str) -> set[str]:
    return set(words(fold(text)))


def _word_ids(
    table: dict[str, int], distinct: Collection[str], vocabulary: list[str] | None = None
) -> list[int]:
    """Ids of distinct words in `table`, giving new words the next ids (and listing them).

    One dictionary probe per word in the common case (every word known): the probes are
    memory-bound at 100,000 postings, so a second pass over known words costs real time.
    """
    ids = list(map(table.get, distinct))
    if None in ids:
        for i, w in enumerate(distinct):
            if ids[i] is None:
                ids[i] = table[w] = len(table)
                if vocabulary is not None:
                    vocabulary.append(w)
    return ids  # type: ignore[return-value]


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
