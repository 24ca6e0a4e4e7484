"""The word index: the distinct folded words of every field, each field's posting lists
(`jobtui.search.segments`), and `expand`, which turns a query word into the index words it stands for
(exact, alias, prefix, abbreviation, typo).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from jobtui import collector
from jobtui.postings import vocab
from jobtui.postings.model import Posting
from jobtui.postings.stored import bodies as read_bodies
from jobtui.postings.text import fold, text_words, words
from jobtui.search import segments
from jobtui.search.arrays import load_numpy
from jobtui.search.segments import FieldIndex

if TYPE_CHECKING:
    from jobtui.search import bulk
    from jobtui.search.snapshot import Snapshot

FIELDS = ("title", "tags", "company", "location", "body")
EXACT, ALIAS, PREFIX, ABBREV, TYPO1, TYPO2, SUBSEQ = 1.0, 0.95, 0.85, 0.8, 0.7, 0.6, 0.55
CORRECTION = 0.09
"""A common word read for a rare one: low enough that a title match (10 x 0.09) still ranks
below a body match of the word as typed (1 x 1.0)."""
RARE, RARE_SHARE = 3, 500
"""A word is rare in at most 3 postings, or one in 500 of a bigger folder."""
COMMON, MORE_COMMON = 3, 4
"""A correction stands in at least 3 postings and 4 times as many as the rare word (a small
folder: Python in 6 postings, `pyhton` in 1)."""
CORRECTION_MIN = 5
"""Shorter words are not corrected: one edit turns them into too many others (dart: part)."""
BODY_PREFIX_LIMIT = 48
"""Most completions of a prefix looked up in bodies (the most frequent ones)."""
SHORT_PREFIX_LIMIT = 64
"""Most field completions of a one- or two-letter prefix."""
BULK_MIN = 2_000
"""Bodies in one batch from which they are tokenised with array operations (jobtui.search.bulk)."""

ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "eng": "engineer",
    "engr": "engineer", "dev": "developer", "devs": "developers", "mgr": "manager",
    "mngr": "manager", "swe": "software", "sw": "software", "fe": "frontend", "be": "backend",
    "bknd": "backend", "fs": "fullstack", "pm": "product", "ops": "operations",
    "admin": "administrator", "infra": "infrastructure", "ml": "machine",
}  # fmt: skip


class WordIndex:
    """Vocabulary and posting lists of every field; `expand` turns a query word into index words."""

    def __init__(self) -> None:
        self.postings: list[Posting] = []
        self.word_id: dict[str, int] = {}
        self.words: list[str] = []
        self.fields = {f: FieldIndex() for f in FIELDS}
        self.field_word_ids: set[int] = set()
        self._ready = False
        self._sorted_words: list[str] = []
        self._sorted_count = 0
        """How many of `words` (the first ones) `_sorted_words` holds."""
        self._by_length: dict[int, list[str]] = {}
        self._field_by_initial: dict[str, list[str]] = {}
        self._common: tuple[Any, dict[int, list[str]]] | None = None
        """Word counts and common words by length (see `_counts`)."""
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
        # Millions of short-lived strings: the cyclic collector would only slow this down.
        with collector.paused():
            # Bodies are nine tenths of the work: a big batch is tokenised with array
            # operations in worker threads while this one indexes the short fields.
            texts = read_bodies(batch) if tokenized is None else []  # else read: tokenised
            job = None
            if tokenized is None and len(batch) >= BULK_MIN:
                from jobtui.search import bulk  # only big batches: start-up does not wait for it

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
                numpy = load_numpy()
                for local_words, offsets, docs, count in job.result():
                    remap = numpy.array(self._ids(local_words), dtype=numpy.int64)
                    body.add_lists(remap, offsets, docs, count, len(self.words))
        self._ready = False

    def _add_streamed(self, batches: list[bulk.Tokenized]) -> None:
        """Body lists a stream made: its words mapped to ours (only the new ones looked up)."""
        from jobtui.search import bulk

        tokenizer, known, offsets, docs, count = bulk.join(batches)
        numpy = load_numpy()
        last = self._stream
        remap = last[1] if last is not None and last[0] is tokenizer else numpy.zeros(0, "int64")
        if len(remap) < known:
            new = self._ids(tokenizer.words[len(remap) : known])
            remap = numpy.concatenate([remap, numpy.array(new, dtype=numpy.int64)])
        self._stream = (tokenizer, remap)
        self.fields["body"].add_lists(remap[:known], offsets, docs, count, len(self.words))

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
        done = self._sorted_count
        if done < size:  # only new words are sorted, then merged in (two runs: a linear merge)
            new = sorted(self.words[done:])
            self._sorted_words = sorted(self._sorted_words + new) if done else new
            self._sorted_count = size
        self._by_length = {}
        for w in self.words:
            self._by_length.setdefault(len(w), []).append(w)
        self._field_by_initial = {}
        for wid in self.field_word_ids:
            w = self.words[wid]
            self._field_by_initial.setdefault(w[:1], []).append(w)
        self._common = None  # made again when a correction first needs it
        self._ready = True
        return True

    def adopt(self, snapshot: Snapshot, keep: Any, postings: Sequence[Posting]) -> Snapshot:
        """Start this empty index from a saved one (`jobtui.search.persist`) instead of
        tokenising: `keep` tells which of its postings are still there unchanged (a bool per
        posting), `postings` are those, in order. Postings added after get the next numbers.
        Returns the snapshot of the kept postings (`Snapshot.select`)."""
        if self.postings or self.words:
            raise ValueError("only an empty index adopts a saved one")
        kept = snapshot.select(keep)  # all kept: the mapped arrays as they are
        if not kept.ids.same(map(saved_key, postings)):
            raise ValueError("the postings are not the saved index's kept ones, in order")
        self.postings.extend(postings)
        self.words.extend(kept.words)
        self.word_id.update(kept.word_id)
        self.field_word_ids.update(kept.field_word_ids.tolist())
        for name, fi in self.fields.items():
            offsets, docs = kept.fields[name]
            fi.start(offsets, docs, len(postings))
        self._sorted_words = list(map(self.words.__getitem__, kept.sorted_order.tolist()))
        self._sorted_count = len(self.words)
        self._ready = False
        return kept

    def sorted_ids(self) -> Any:
        """Word ids in the order of their words (int32), as of the last `prepare`."""
        np = load_numpy()
        found = map(self.word_id.__getitem__, self._sorted_words)
        return np.fromiter(found, dtype=np.int32, count=len(self._sorted_words))

    def _counts(self) -> Any:
        """In how many postings each word stands (per word id, each field counted), and the
        common words by length: what corrections are chosen from. Made once per `prepare`."""
        if self._common is None:
            np = load_numpy()
            counts = np.zeros(len(self.words), dtype=np.int64)
            for fi in self.fields.values():
                fi.add_counts(counts)
            pool: dict[int, list[str]] = {}
            for wid in np.flatnonzero(counts >= COMMON).tolist():
                w = self.words[wid]
                pool.setdefault(len(w), []).append(w)
            self._common = (counts, pool)
        return self._common

    def get(self, field: str, word: str) -> Any:
        wid = self.word_id.get(word)
        return segments.empty() if wid is None else self.fields[field].get(wid)

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
        self._typos(word, put)
        # Abbreviations written as a subsequence of a field word: `snr` senior, `bknd` backend.
        if 3 <= len(word) <= 6 and word.isalpha() and word not in word_id:
            for w in self._field_by_initial.get(word[0], ()):
                if len(word) < len(w) <= 4 * len(word) and w not in found and _subsequence(word, w):
                    put(w, SUBSEQ)
        return found

    def frequency(self, word: str) -> int:
        """In how many postings the word stands, counting each field it is in."""
        wid = self.word_id.get(word)
        counts = self._counts()[0]
        return 0 if wid is None or wid >= len(counts) else int(counts[wid])

    def _typos(self, word: str, put: Callable[[str, float], None]) -> None:
        """Words the query word may be a misspelling of, the way a spelling corrector weighs
        frequency:
        - a word found nowhere may be a typo of any word;
        - a word that is rare in the folder (`kubernets` in three postings) is also read as a
          word one or two edits away that is far more common (`kubernetes` in three hundred),
          ranked below its exact matches (CORRECTION). Two common words are both meant:
          `rust` is not a typo of `rest`.
        """
        if len(word) < 4 or not word.isalpha():
            return
        seen = self.frequency(word)
        if not seen:
            for w, dist in _near(word, self._by_length):
                put(w, TYPO1 if dist <= 1 else TYPO2)
            return
        if self._meant(word) or len(word) < CORRECTION_MIN:
            return
        if seen <= max(RARE, len(self.postings) // RARE_SHARE):
            for w, _dist in _near(word, self._counts()[1]):  # only common words qualify
                if self.frequency(w) >= max(COMMON, MORE_COMMON * seen):
                    put(w, CORRECTION)

    def _meant(self, word: str) -> bool:
        """A word taken as written, never corrected: a technology the vocabulary knows (`dart`,
        `helm`), or a word in the titles or tags of two postings or more."""
        if word in vocab.alias_map():
            return True
        wid = self.word_id.get(word)
        if wid is None:
            return False
        return sum(self.fields[f].count(wid) for f in ("title", "tags")) >= 2


def saved_key(posting: Posting) -> str:
    """What a saved index knows a posting by: its id and its content's digest (a posting in a
    board's file keeps its id when its text changes)."""
    return f"{posting.id}/{posting.digest}"


def _near(word: str, pool: dict[int, list[str]]) -> list[tuple[str, int]]:
    """Words of the pool one edit from `word` (four letters or more), or two (eight or
    more); a swap counts as one edit (OSA)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    k = 1 if len(word) < 8 else 2
    choices = [w for n in range(len(word) - k, len(word) + k + 1) for w in pool.get(n, ())]
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=k, limit=None)
    return [(w, int(dist)) for w, dist, _ in found if w != word]


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
