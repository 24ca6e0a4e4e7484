"""Bulk tokenising: the posting lists of many texts at once, with numpy array operations
instead of a Python object per word.

A big folder's bodies hold tens of millions of words; making a Python string and a set entry
for each costs ~150 ns a word. Here a chunk of texts is joined into one byte buffer and split
at ASCII separators with array operations; each piece is read as two 64-bit integers (its
bytes), given an id by a vectorised hash table, and folded into words once, the first time it
is met; (word, text) pairs are grouped into sorted posting lists by a radix sort. Only
distinct pieces ever become strings. The words of each text are exactly
`jobtui.postings.text.text_words(text)` (property tests hold the two to it), and a batch is shared
across worker threads, since numpy lets go of the interpreter lock.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jobtui.postings.text import LOWER_SPLIT_TABLE, fold_piece
from jobtui.search.arrays import load_numpy

CHUNK = 512
"""Texts tokenised together: their arrays stay in the processor's cache."""
_SHORT = 16
"""Pieces up to this many bytes are two integers; longer ones (rare) go through a dict."""
_LONG_KEY = (1 << 64) - 1

MAX_THREADS = 4
"""Threads that tokenise one batch (at most one a core)."""


class BulkTokenizer:
    """Word ids and posting lists for batches of texts; `words[i]` is the word of id i.

    Texts are split at ASCII separators into pieces (lowercased in ASCII); each distinct piece
    gets a piece id from the hash table and is folded once into its words (most pieces are
    ASCII and are their own word; "Jülich" is "julich", "don’t" is "don" and "t").
    """

    def __init__(self) -> None:
        self.np = np = load_numpy()
        self.words: list[str] = []
        self._word_id: dict[str, int] = {}
        self._pieces = 0
        self._long: dict[bytes, int] = {}
        # Piece id -> its first word id (-1: no word at all, "—"), and how many more words it
        # folds into, found at `_more_words[_more_start[piece]:]`.
        self._first_word = np.zeros(0, dtype=np.int32)
        self._more = np.zeros(0, dtype=np.int32)
        self._more_start = np.zeros(0, dtype=np.int64)
        self._more_words: list[int] = []
        self._more_array = np.zeros(0, dtype=np.int32)
        self._odd_pieces = False
        """Whether any piece folds into other than one word."""
        self._bits = 0
        self._ids: Any = None
        self._k1: Any = None
        self._k2: Any = None
        """The hash table (made by `_grow`): piece ids and their two keys, by slot."""
        self._placed = False
        self._grow(16)
        # The key that stands for every long piece: 0xff is in no UTF-8 text.
        long_key = np.array([_LONG_KEY], dtype=np.uint64)
        self._lookup(long_key, np.zeros(1, dtype=np.uint64), lambda at: self._new_pieces([None]))
        self._odd_pieces = False  # that piece never reaches `_words_of`
        self._mark = np.zeros(0, dtype=bool)
        self._local = np.zeros(0, dtype=np.int32)
        self._seen = np.zeros(0, dtype=np.int64)
        """Texts each word was seen in so far (to place common pieces first)."""

    # --- the hash table: a piece's (first 8 bytes, next 8 bytes) -> piece id ----------------

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
            # Put the pieces in commonest last: of several wanting one slot the last one
            # wins, so the common pieces sit where a look finds them first time.
            ids = old[0][live]
            seen = np.zeros(len(self.words) + 1, dtype=np.int64)
            known = min(len(seen) - 1, len(self._seen))
            seen[:known] = self._seen[:known]
            order = np.argsort(seen[self._first_word[ids]], kind="stable")  # -1: the 0 at end
            ids = ids[order]
            self._lookup(old[1][live][order], old[2][live][order], lambda at: ids[at])

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
        # Most pieces are known: one look each (an empty slot has key 0, which none has).
        ids = self._ids[slots]
        pending = np.flatnonzero((self._k1[slots] != k1) | (self._k2[slots] != k2))
        while len(pending):
            if self._pieces * 2 > 1 << self._bits:  # never more than half full
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

    # --- pieces to words --------------------------------------------------------------------

    def _new_pieces(self, pieces: list[bytes | None]) -> Any:
        """Piece ids for pieces met for the first time, each folded into its words (None: a
        piece of no words)."""
        np = self.np
        first_word, more, more_start = [], [], []
        word_id, words_list, more_words = self._word_id, self.words, self._more_words
        for piece in pieces:
            folded = [] if piece is None else fold_piece(piece)
            ids = []
            for w in folded:
                wid = word_id.get(w)
                if wid is None:
                    wid = word_id[w] = len(words_list)
                    words_list.append(w)
                ids.append(wid)
            if len(folded) > 1:
                ids = list(dict.fromkeys(ids))
            first_word.append(ids[0] if ids else -1)
            more.append(len(ids) - 1 if ids else 0)
            more_start.append(len(more_words))
            if len(ids) != 1:
                self._odd_pieces = True
                more_words.extend(ids[1:])
        start, self._pieces = self._pieces, self._pieces + len(pieces)
        if len(self._first_word) < self._pieces:
            room = max(self._pieces, 2 * len(self._first_word))
            self._first_word = np.resize(self._first_word, room)
            self._more = np.resize(self._more, room)
            self._more_start = np.resize(self._more_start, room)
        self._first_word[start : self._pieces] = first_word
        self._more[start : self._pieces] = more
        self._more_start[start : self._pieces] = more_start
        return np.arange(start, self._pieces, dtype=np.int32)

    def _long_piece(self, piece: bytes) -> int:
        pid = self._long.get(piece)
        if pid is None:
            pid = self._long[piece] = int(self._new_pieces([piece])[0])
        return pid

    def _words_of(self, pieces: Any, doc: Any) -> tuple[Any, Any]:
        """(word id, text) pairs of (piece id, text) pairs, in the same order."""
        np = self.np
        ids = self._first_word[pieces]
        if not self._odd_pieces:
            return ids, doc
        more = self._more[pieces]
        at = np.flatnonzero(more)
        if len(at):  # a piece of several words: its other words go right after it
            counts = more[at]
            at = np.repeat(at, counts)
            nth = np.arange(len(at)) - np.repeat(np.cumsum(counts) - counts, counts)
            if len(self._more_array) != len(self._more_words):
                self._more_array = np.array(self._more_words, dtype=np.int32)
            extra = self._more_array[self._more_start[pieces[at]] + nth]
            ids = np.insert(ids, at + 1, extra)
            doc = np.insert(doc, at + 1, doc[at])
        if (ids < 0).any():  # pieces with no word at all
            keep = ids >= 0
            ids, doc = ids[keep], doc[keep]
        return ids, doc

    # --- texts to posting lists -------------------------------------------------------------

    def postings(self, texts: list[str]) -> tuple[Any, Any]:
        """Posting lists of `texts` in compressed-sparse-row form over this tokenizer's ids:
        `docs[offsets[w]:offsets[w + 1]]` are the numbers (ascending) of the texts holding
        word w. Ids of words not in these texts have empty lists."""
        parts = [self._chunk(texts[a : a + CHUNK], a) for a in range(0, len(texts), CHUNK)]
        return concatenate(parts, len(self.words))

    def _chunk(self, texts: list[str], base: int) -> tuple[Any, Any, Any]:
        """(distinct ids ascending, list lengths, texts holding them) for up to CHUNK texts."""
        np = self.np
        parts = [t.encode("utf-8", "surrogatepass") for t in texts]
        buf = (b" " + b" ".join(parts) + b" " * (_SHORT + 8)).translate(LOWER_SPLIT_TABLE)
        raw = np.frombuffer(buf, dtype=np.uint8)
        spaces = np.flatnonzero(raw == 0x20)
        gaps = np.diff(spaces)
        is_piece = gaps > 1
        starts = spaces[:-1][is_piece] + 1
        lengths = gaps[is_piece] - 1
        # Text i ends where text i + 1 starts: count the pieces before each end.
        ends = np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1)
        per_text = np.diff(np.searchsorted(starts, ends), prepend=0)
        doc = np.repeat(np.arange(base, base + len(parts), dtype=np.int32), per_text)
        # Each piece as little-endian integers of its bytes, zero past its end: pieces hold
        # no zero byte, so the pair is the piece, exactly, up to 16 bytes.
        view = np.ndarray((len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
        k1 = _keep_bytes(np, view[starts], lengths)
        k2 = np.zeros(len(k1), dtype=np.uint64)
        mid = np.flatnonzero(lengths > 8)
        if len(mid):
            k2[mid] = _keep_bytes(np, view[starts[mid] + 8], lengths[mid] - 8)

        def new(at: Any) -> Any:
            return self._new_pieces(
                [
                    buf[i : i + j]
                    for i, j in zip(starts[at].tolist(), lengths[at].tolist(), strict=True)
                ]
            )

        # Pieces of over 16 bytes (few) look up a key no piece has, then get ids from a dict.
        at_long = np.flatnonzero(lengths > _SHORT)
        k1[at_long], k2[at_long] = _LONG_KEY, 0
        pieces = self._lookup(k1, k2, new)
        if len(at_long):
            pieces[at_long] = [
                self._long_piece(buf[i : i + j])
                for i, j in zip(starts[at_long].tolist(), lengths[at_long].tolist(), strict=True)
            ]
        return self._group(*self._words_of(pieces, doc))

    def _group(self, ids: Any, doc: Any) -> tuple[Any, Any, Any]:
        """Sort a chunk's (word id, text) pairs by word, drop repeats, count each word's texts."""
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


def concatenate(parts: list[tuple[Any, Any, Any]], size: int) -> tuple[Any, Any]:
    """Posting lists in compressed-sparse-row form from parts, each (distinct word ids, their
    list lengths, the lists one after another): each word's lists end up in part order."""
    np = load_numpy()
    counts = np.zeros(size, dtype=np.int64)
    for ids, lengths, _ in parts:
        counts[ids] += lengths  # ids are distinct within a part
    offsets = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    out = np.empty(int(offsets[-1]), dtype=np.int32)
    cursor = offsets[:-1].copy()
    for ids, lengths, docs in parts:
        scatter_blocks(out, cursor[ids], lengths, docs)
        cursor[ids] += lengths
    return offsets, out


def scatter_blocks(out: Any, dest: Any, lengths: Any, docs: Any) -> None:
    """Copy consecutive blocks of `docs` (block i is `lengths[i]` long) to `out[dest[i]:]`,
    a slice of blocks at a time, so the index arrays stay small."""
    np = load_numpy()
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

        load_numpy()  # imported before the threads start
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


class Stream:
    """Bodies tokenised as they load, in the loading thread, by one tokenizer that keeps its
    vocabulary from batch to batch: `tokenize` gives what `WordIndex.add` takes instead of
    tokenising the bodies itself, so the thread that adds them does not wait for it."""

    def __init__(self) -> None:
        self.tokenizer = BulkTokenizer()

    def tokenize(self, bodies: list[str]) -> Tokenized:
        offsets, docs = self.tokenizer.postings(bodies)
        return Tokenized(self.tokenizer, len(self.tokenizer.words), offsets, docs, len(bodies))


@dataclass(frozen=True, slots=True)
class Tokenized:
    """The posting lists of a few bodies against a stream's tokenizer."""

    tokenizer: BulkTokenizer
    known: int
    """How many of the tokenizer's words (its first ones) these lists can hold."""
    offsets: Any
    docs: Any
    count: int
    """Bodies."""


def join(batches: list[Tokenized]) -> tuple[BulkTokenizer, int, Any, Any, int]:
    """Batches of one stream, in order, as one set of lists: (tokenizer, words they can hold,
    offsets, docs, bodies)."""
    np = load_numpy()
    parts, base = [], 0
    for b in batches:
        lengths = np.diff(b.offsets)
        ids = np.flatnonzero(lengths)
        parts.append((ids, lengths[ids], b.docs + base))
        base += b.count
    known = max(b.known for b in batches)
    offsets, docs = concatenate(parts, known)
    return batches[0].tokenizer, known, offsets, docs, base
