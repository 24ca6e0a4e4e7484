"""Bulk tokenising: the posting lists of many texts at once, with numpy array operations
instead of a Python object per word.

A big folder's bodies hold tens of millions of words; making a Python string and a set entry
for each costs ~150 ns a word. Here a chunk of texts is joined into one byte buffer, split
with array operations, each word read as one or two 64-bit integers (its bytes), given an id
by a vectorised hash table, and grouped into sorted posting lists by a radix sort. Only the
distinct words ever become strings. The result is exactly `set(words(fold(text)))` for each
text (property tests hold the two to it), and a batch is shared across worker threads.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from jobtui.text import SPLIT_TABLE, fold

CHUNK = 512
"""Texts tokenised together: their arrays stay in the processor's cache."""
_SHORT = 16
"""Words up to this many bytes are two integers; longer ones (rare) go through a dict."""

_LOWER_SPLIT = bytes(SPLIT_TABLE[b + 32 if 65 <= b <= 90 else b] for b in range(256))
"""The split table, lowercasing ASCII letters on the way."""

MAX_THREADS = 4
"""Threads that tokenise one batch (at most one a core)."""


def _numpy() -> Any:
    import numpy  # imported on first use: the app's first screen does not wait for it

    return numpy


class BulkTokenizer:
    """Word ids and posting lists for batches of texts; `words[i]` is the word of id i."""

    def __init__(self) -> None:
        self.np = np = _numpy()
        self.words: list[str] = []
        self._long: dict[bytes, int] = {}
        self._bits = 0
        self._placed = False
        self._grow(16)
        self._mark = np.zeros(0, dtype=bool)
        self._local = np.zeros(0, dtype=np.int32)
        self._seen = np.zeros(0, dtype=np.int64)
        """Texts each word was seen in so far (to place common words first)."""

    # --- the hash table: (first 8 bytes, next 8 bytes) -> id, open addressing ---------------

    def _grow(self, bits: int) -> None:
        np = self.np
        old = (self._ids, self._k1, self._k2) if self._bits else None
        self._bits = bits
        size = 1 << bits
        self._ids = np.full(size, -1, dtype=np.int32)
        self._k1 = np.zeros(size, dtype=np.uint64)
        self._k2 = np.zeros(size, dtype=np.uint64)
        self._owner = np.zeros(size, dtype=np.int64)
        if old is not None:
            live = np.flatnonzero(old[0] >= 0)
            # Put the words in commonest last: of several wanting one slot the last one wins,
            # so the common words sit where a look finds them first time.
            seen = np.zeros(len(self.words), dtype=np.int64)
            known = min(len(seen), len(self._seen))
            seen[:known] = self._seen[:known]
            live = live[np.argsort(seen[old[0][live]], kind="stable")]
            ids = old[0][live]
            self._lookup(old[1][live], old[2][live], lambda positions: ids[positions])

    def _slots(self, k1: Any, k2: Any) -> Any:
        np = self.np
        h = k1 * np.uint64(0xBF58476D1CE4E5B9)
        h += k2 * np.uint64(0x9E3779B97F4A7C15)
        h >>= np.uint64(64 - self._bits)
        return h.view(np.int64)

    def _lookup(self, k1: Any, k2: Any, new_ids: Callable[[Any], Any]) -> Any:
        """The id of every key (k1[i], k2[i]); keys not yet in the table go in, with the ids
        `new_ids(positions)` gives for the positions of their first comers."""
        np = self.np
        slots = self._slots(k1, k2)
        # Most words are known: one look each (an empty slot has key 0, which no word has).
        ids = self._ids[slots]
        pending = np.flatnonzero((self._k1[slots] != k1) | (self._k2[slots] != k2))
        while len(pending):
            if len(self.words) * 2 > 1 << self._bits:  # never more than half full
                self._grow(self._bits + 1)
                slots[pending] = self._slots(k1[pending], k2[pending])
            s = slots[pending]
            found = self._ids[s]
            hit = (self._k1[s] == k1[pending]) & (self._k2[s] == k2[pending])
            ids[pending[hit]] = found[hit]
            free = np.flatnonzero(found < 0)
            done = hit
            probe = ~hit
            if len(free):
                fp, fs = pending[free], s[free]
                self._owner[fs] = fp  # of several keys wanting one slot, one wins
                won = self._owner[fs] == fp
                wp, ws = fp[won], fs[won]
                ids[wp] = self._ids[ws] = new_ids(wp)
                self._k1[ws], self._k2[ws] = k1[wp], k2[wp]
                done = hit.copy()
                done[free] = won
                probe[free] = False  # the losers look at the same slot again: it may be theirs
            slots[pending[probe]] = (s[probe] + 1) & ((1 << self._bits) - 1)
            pending = pending[~done]
        return ids

    def _new_words(self, buf: bytes, starts: Any, lengths: Any) -> Any:
        """Ids for words met for the first time, at `buf[starts[i]:starts[i] + lengths[i]]`."""
        first = len(self.words)
        self.words.extend(
            buf[i : i + j].decode("utf-8", "ignore")
            for i, j in zip(starts.tolist(), lengths.tolist(), strict=True)
        )
        return self.np.arange(first, len(self.words), dtype=self.np.int32)

    # --- texts to posting lists -------------------------------------------------------------

    def postings(self, texts: list[str]) -> tuple[Any, Any]:
        """Posting lists of `texts` in compressed-sparse-row form over this tokenizer's ids:
        `docs[offsets[w]:offsets[w + 1]]` are the numbers (ascending) of the texts holding
        word w. Ids of words not in these texts have empty lists."""
        np = self.np
        parts = [self._chunk(texts[a : a + CHUNK], a) for a in range(0, len(texts), CHUNK)]
        size = len(self.words)
        counts = np.zeros(size, dtype=np.int64)
        for ids, lengths, _ in parts:
            counts[ids] += lengths  # ids are distinct within a chunk
        offsets = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        out = np.empty(int(offsets[-1]), dtype=np.int32)
        cursor = offsets[:-1].copy()
        for ids, lengths, docs in parts:  # chunks in order: each word's texts come out ascending
            scatter_blocks(out, cursor[ids], lengths, docs)
            cursor[ids] += lengths
        return offsets, out

    def _chunk(self, texts: list[str], base: int) -> tuple[Any, Any, Any]:
        """(distinct ids ascending, list lengths, texts holding them) for up to CHUNK texts."""
        np = self.np
        # fold() of ASCII text is lower(): the byte table does that as it splits.
        parts = [
            t.encode("ascii") if t.isascii() else fold(t).encode("utf-8", "surrogatepass")
            for t in texts
        ]
        buf = (b" " + b" ".join(parts) + b" " * (_SHORT + 8)).translate(_LOWER_SPLIT)
        raw = np.frombuffer(buf, dtype=np.uint8)
        spaces = np.flatnonzero(raw == 0x20)
        gaps = np.diff(spaces)
        is_word = gaps > 1
        starts = spaces[:-1][is_word] + 1
        lengths = gaps[is_word] - 1
        # Text i ends where text i + 1 starts: count the words before each end.
        ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1)
        per_text = np.diff(np.searchsorted(starts, ends), prepend=0)
        doc = np.repeat(np.arange(base, base + len(parts), dtype=np.int32), per_text)
        # Each word as little-endian integers of its bytes, zero past its end: words hold no
        # zero byte, so the pair is the word, exactly, up to 16 bytes.
        view = np.ndarray((len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
        k1 = _keep_bytes(np, view[starts], lengths)
        k2 = np.zeros(len(k1), dtype=np.uint64)
        mid = np.flatnonzero(lengths > 8)
        if len(mid):
            k2[mid] = _keep_bytes(np, view[starts[mid] + 8], lengths[mid] - 8)
        short = lengths <= _SHORT
        if short.all():
            ids = self._lookup(k1, k2, lambda at: self._new_words(buf, starts[at], lengths[at]))
        else:  # a few words of over 16 bytes: their ids come from a dict
            ids = np.empty(len(k1), dtype=np.int32)
            at_long = np.flatnonzero(~short)
            ids[at_long] = [
                self._long_id(buf[i : i + j])
                for i, j in zip(starts[at_long].tolist(), lengths[at_long].tolist(), strict=True)
            ]
            at_short = np.flatnonzero(short)
            s_starts, s_lengths = starts[at_short], lengths[at_short]
            ids[at_short] = self._lookup(
                k1[at_short],
                k2[at_short],
                lambda at: self._new_words(buf, s_starts[at], s_lengths[at]),
            )
        return self._group(ids, doc)

    def _long_id(self, word: bytes) -> int:
        wid = self._long.get(word)
        if wid is None:
            wid = self._long[word] = len(self.words)
            self.words.append(word.decode("utf-8", "ignore"))
        return wid

    def _group(self, ids: Any, doc: Any) -> tuple[Any, Any, Any]:
        """Sort a chunk's (id, text) pairs by id, drop repeats, count each id's texts."""
        np = self.np
        size = len(self.words)
        if len(self._mark) < size:
            room = max(size, 2 * len(self._mark))
            self._mark = np.zeros(room, dtype=bool)
            self._local = np.zeros(room, dtype=np.int32)
            self._seen = np.concatenate([self._seen, np.zeros(room - len(self._seen), np.int64)])
        # Number the chunk's distinct ids 0..k in id order, so a 16-bit radix sort does.
        self._mark[ids] = True
        distinct = np.flatnonzero(self._mark[:size]).astype(np.int32)
        self._mark[distinct] = False
        self._local[distinct] = np.arange(len(distinct), dtype=np.int32)
        local = self._local[ids]
        order = stable_argsort(np, local, len(distinct))
        local, doc = local[order], doc[order]
        keep = np.ones(len(local), dtype=bool)
        keep[1:] = (local[1:] != local[:-1]) | (doc[1:] != doc[:-1])
        local, doc = local[keep], doc[keep]
        counts = np.bincount(local, minlength=len(distinct))
        self._seen[distinct] += counts
        if not self._placed:  # the first chunk tells which words are common: place them
            self._placed = True
            self._grow(self._bits)
        return distinct, counts, doc


_MASKS: Any = None


def _keep_bytes(np: Any, values: Any, lengths: Any) -> Any:
    """Zero all but the first `lengths` bytes of each little-endian 64-bit value."""
    global _MASKS
    if _MASKS is None:
        _MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
    values &= _MASKS[np.minimum(lengths, 8)]
    return values


def stable_argsort(np: Any, keys: Any, size: int) -> Any:
    """Stable argsort of small non-negative ints: numpy radix-sorts 16-bit keys, so sort by
    halves (least significant first) when they do not fit."""
    if size <= 1 << 16:
        return np.argsort(keys.astype(np.uint16), kind="stable")
    low = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    high = np.argsort((keys[low] >> 16).astype(np.uint16), kind="stable")
    return low[high]


def scatter_blocks(out: Any, dest: Any, lengths: Any, docs: Any) -> None:
    """Copy consecutive blocks of `docs` (block i is `lengths[i]` long) to `out[dest[i]:]`,
    a slice of blocks at a time, so the index arrays stay small."""
    np = _numpy()
    ends = np.cumsum(lengths)
    step = 1 << 17
    first = 0
    while first < len(lengths):
        last = int(np.searchsorted(ends, ends[first] - lengths[first] + step, side="right"))
        last = max(last, first + 1)
        lo = int(ends[first] - lengths[first])
        hi = int(ends[last - 1])
        block_lengths = lengths[first:last]
        shift = dest[first:last] - (ends[first:last] - block_lengths)
        positions = np.repeat(shift, block_lengths) + np.arange(lo, hi, dtype=np.int64)
        out[positions] = docs[lo:hi]
        first = last


# --- sharing a batch across threads ---------------------------------------------------------


class Job:
    """The posting lists of a batch of texts, made by worker threads while the caller goes on
    with other work; `result()` gives one (vocabulary, offsets, docs, count) per share, in order.

    Most of the work is numpy array operations, which let go of the interpreter lock, so two
    or more threads use two or more cores (about 1.5 times as fast on two).
    """

    def __init__(self, texts: list[str]) -> None:
        from concurrent.futures import ThreadPoolExecutor

        _numpy()  # imported before the threads start
        threads = max(1, min(os.cpu_count() or 1, MAX_THREADS))
        step = max(-(-len(texts) // threads), 1)
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="jobtui-tokenise")
        self._futures = [
            self._pool.submit(_share, texts[a : a + step]) for a in range(0, len(texts), step)
        ]
        self._pool.shutdown(wait=False)  # the threads end with their shares

    def result(self) -> list[tuple[list[str], Any, Any, int]]:
        return [f.result() for f in self._futures]


def _share(texts: list[str]) -> tuple[list[str], Any, Any, int]:
    tokenizer = BulkTokenizer()
    offsets, docs = tokenizer.postings(texts)
    return tokenizer.words, offsets, docs, len(texts)
