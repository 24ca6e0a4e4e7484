"""The inverted index: distinct folded words, and for each word the postings that contain it.

Posting lists are numpy arrays in compressed-sparse-row form (one array of posting numbers per
field, sliced by word), so a look-up is a slice and combining lists is vectorised. Postings added
after a build land in a new segment; segments are merged when there are too many.
"""

from __future__ import annotations

import bisect
import gc
from array import array
from collections.abc import Collection, Iterable
from typing import Any

from jobtui import vocab
from jobtui.model import Posting
from jobtui.text import fold, words

FIELDS = ("title", "tags", "company", "location", "body")
EXACT, ALIAS, PREFIX, ABBREV, TYPO1, TYPO2, SUBSEQ = 1.0, 0.95, 0.85, 0.8, 0.7, 0.6, 0.55
BODY_PREFIX_LIMIT = 48
"""Most completions of a prefix looked up in bodies (the most frequent ones)."""
SHORT_PREFIX_LIMIT = 64
"""Most field completions of a one- or two-letter prefix."""
MAX_SEGMENTS = 6

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
    """Posting lists of one batch: `docs[offsets[w]:offsets[w + 1]]` holds word w's postings."""

    __slots__ = ("docs", "offsets")

    def __init__(self, word_ids: np.ndarray, docs: np.ndarray, vocab_size: int) -> None:
        order = _stable_argsort(word_ids, vocab_size)
        self.docs = docs[order]
        counts = np.bincount(word_ids, minlength=vocab_size)
        self.offsets = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(counts, out=self.offsets[1:])

    @classmethod
    def from_local(
        cls, remap: np.ndarray, offsets: np.ndarray, docs: np.ndarray, base: int
    ) -> _Segment:
        """A segment built by a worker with its own word ids: regroup by global id, no sort
        of the postings themselves (only of the worker's vocabulary)."""
        order = np.argsort(remap, kind="stable")
        lengths = np.diff(offsets)[order]
        starts = offsets[:-1][order]
        out_starts = np.cumsum(lengths) - lengths
        index = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(
            out_starts - starts, lengths
        )
        segment = cls.__new__(cls)
        segment.docs = (docs[index] + base).astype(np.int32)
        counts = np.zeros(int(remap.max()) + 1 if len(remap) else 0, dtype=np.int64)
        counts[remap[order]] = lengths
        segment.offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=segment.offsets[1:])
        return segment

    def get(self, wid: int) -> np.ndarray:
        if wid + 1 >= len(self.offsets):
            return _EMPTY
        return self.docs[self.offsets[wid] : self.offsets[wid + 1]]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(word ids, docs) flat, for merging."""
        counts = np.diff(self.offsets)
        return np.repeat(np.arange(len(counts), dtype=np.int32), counts), self.docs


class _FieldIndex:
    """One field's posting lists: pending Python lists, then frozen numpy segments."""

    __slots__ = ("pending_counts", "pending_start", "pending_words", "segments")

    def __init__(self) -> None:
        self.pending_words = array("i")
        self.pending_counts = array("i")
        self.pending_start = 0
        self.segments: list[_Segment] = []

    def append(self, ids: list[int]) -> None:
        """The distinct word ids of the next posting."""
        self.pending_words.extend(ids)
        self.pending_counts.append(len(ids))

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
        if len(self.segments) > MAX_SEGMENTS:
            pairs = [s.pairs() for s in self.segments]
            self.segments = [
                _Segment(
                    np.concatenate([p[0] for p in pairs]),
                    np.concatenate([p[1] for p in pairs]),
                    vocab_size,
                )
            ]

    def get(self, wid: int) -> np.ndarray:
        if len(self.segments) == 1:
            return self.segments[0].get(wid)
        parts = [s.get(wid) for s in self.segments]
        return np.concatenate(parts) if parts else _EMPTY

    def count(self, wid: int) -> int:
        return sum(
            int(s.offsets[wid + 1] - s.offsets[wid])
            for s in self.segments
            if wid + 1 < len(s.offsets)
        )

    def nbytes(self) -> int:
        return sum(s.docs.nbytes + s.offsets.nbytes for s in self.segments)


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

    def _ids(self, distinct: Collection[str]) -> list[int]:
        """Word ids of distinct words, adding new words to the vocabulary."""
        return _word_ids(self.word_id, distinct, self.words)

    def add(self, postings: Iterable[Posting]) -> None:
        """Tokenise and collect; the numpy lists are built on the next `prepare`."""
        batch = list(postings)
        body = self.fields["body"]
        frozen = gc.isenabled()
        gc.disable()  # millions of short-lived strings: the cyclic collector only slows this down
        try:
            # Bodies are nine tenths of the work: on a big batch, share them across cores
            # while this process indexes the short fields.
            parallel = _ParallelBodies([p.body for p in batch])
            for posting in batch:
                self.postings.append(posting)
                for name, text in (
                    ("title", posting.title),
                    ("company", posting.company),
                    ("location", posting.location),
                ):
                    self._add_field(name, _distinct_words(text) if text else set())
                tag_words: set[str] = set()
                for tag in posting.tags:
                    tag_words.add(tag)
                    tag_words.update(words(tag))
                self._add_field("tags", tag_words)
            chunks = parallel.result()  # None when not shared, or when a worker failed
            if chunks is None:
                for posting in batch:
                    body.append(self._ids(_distinct_words(posting.body)))
            else:
                body.freeze(len(self.words))  # earlier postings first, numbered in order
                numpy = load_numpy()
                for local_words, offsets, docs, count in chunks:
                    remap = numpy.array(self._ids(local_words), dtype=numpy.int64)
                    local_docs = numpy.frombuffer(docs, dtype=numpy.int32)
                    body.segments.append(
                        _Segment.from_local(
                            remap,
                            numpy.frombuffer(offsets, dtype=numpy.int64),
                            local_docs,
                            body.pending_start,
                        )
                    )
                    body.pending_start += count
        finally:
            if frozen:
                gc.enable()
        self._ready = False

    def _add_field(self, name: str, uniq: set[str]) -> None:
        ids = self._ids(uniq)
        self.field_word_ids.update(ids)
        self.fields[name].append(ids)

    def prepare(self) -> bool:
        """Build what changed since the last call; True when anything was rebuilt."""
        if self._ready:
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


PARALLEL_MIN = 20_000
"""Bodies in one batch from which tokenising is shared across processes."""
_FORK_BODIES: list[str] = []


def _body_chunk(bounds: tuple[int, int]) -> tuple[list[str], bytes, bytes, int]:
    """In a forked worker: the chunk's posting lists against a vocabulary of its own.

    Returns the vocabulary, and the lists as (offsets, chunk-relative posting numbers): the
    worker also does the sort, so the parent only regroups.
    """
    local: dict[str, int] = {}
    ids, counts = array("i"), array("i")
    for text in _FORK_BODIES[bounds[0] : bounds[1]]:
        got = _word_ids(local, _distinct_words(text))
        ids.extend(got)
        counts.append(len(got))
    numpy = load_numpy()
    word_ids = numpy.frombuffer(ids, dtype=numpy.int32)
    docs = numpy.repeat(
        numpy.arange(len(counts), dtype=numpy.int32), numpy.frombuffer(counts, dtype=numpy.int32)
    )
    segment = _Segment(word_ids, docs, len(local))
    return list(local), segment.offsets.tobytes(), segment.docs.tobytes(), len(counts)


class _ParallelBodies:
    """Tokenise bodies in forked processes while the caller indexes the short fields.

    Only for big batches, on Linux (fork shares the bodies without copying them), and only from
    a process with no other threads, which is when forking is safe. `result()` is None when the
    work was not shared, and the caller does it itself.
    """

    def __init__(self, bodies: list[str]) -> None:
        import os
        import sys
        import threading

        self._futures: list[Any] = []
        self._pool: Any = None
        cores = os.cpu_count() or 1
        if (
            len(bodies) < PARALLEL_MIN
            or cores < 2
            or not sys.platform.startswith("linux")
            or threading.active_count() > 1
        ):
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _FORK_BODIES
        _FORK_BODIES = bodies
        load_numpy()  # imported once here, inherited by every worker
        step = -(-len(bodies) // (cores * 2))
        try:
            self._pool = ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("fork"))
            self._futures = [
                self._pool.submit(_body_chunk, (a, min(a + step, len(bodies))))
                for a in range(0, len(bodies), step)
            ]
        except (OSError, RuntimeError):  # no processes to be had: the caller does the work
            self.close()

    def result(self) -> list[tuple[list[str], bytes, bytes, int]] | None:
        try:
            return [f.result() for f in self._futures] if self._futures else None
        except Exception:  # a worker died: the caller does the work instead
            return None
        finally:
            self.close()

    def close(self) -> None:
        global _FORK_BODIES
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        _FORK_BODIES = []


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


def _stable_argsort(keys: np.ndarray, size: int) -> np.ndarray:
    """Stable argsort of word ids: numpy radix-sorts 16-bit keys, so sort by halves (LSD)."""
    if size <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    low = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    high = np.argsort((keys[low] >> 16).astype(np.uint16), kind="stable")
    return low[high]


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
