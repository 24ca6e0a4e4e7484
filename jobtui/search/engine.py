"""Search: parse a query, match each term against the word index, rank, and hand back results.

Every term becomes a score per posting (a numpy array): field matches score by field weight times
match quality, body matches score low. Terms are ANDed by requiring a score for each, ranked by
total and then by recency. A keystroke touches no disk and no per-posting Python loop.
"""

from __future__ import annotations

import bisect
from array import array
from collections import OrderedDict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from jobtui.postings import vocab
from jobtui.postings.model import Posting, Salary
from jobtui.postings.money import SalarySettings, comparable
from jobtui.postings.order import company_name_key, newest_first_keys
from jobtui.postings.stored import bodies as read_bodies
from jobtui.postings.stored import columns
from jobtui.postings.text import fold, words
from jobtui.search.arrays import np
from jobtui.search.highlight import spans
from jobtui.search.ids import IdNumbers
from jobtui.search.index import ALIAS, EXACT, FIELDS, PREFIX, TYPO1, WordIndex, saved_key

if TYPE_CHECKING:
    from pathlib import Path

    from jobtui.postings.duplicates import Groups
    from jobtui.search.batch import Batch
    from jobtui.search.bulk import Tokenized
    from jobtui.search.query import Clause, Query, Term
    from jobtui.search.snapshot import Snapshot

WEIGHTS = {"title": 10.0, "tags": 6.0, "company": 4.0, "location": 3.0, "body": 1.0}
"""Title > tags > company > location > body: a title match always beats a body match."""
VALUE_FIELDS = ("title", "company", "location")
"""The fields whose phrases are looked for in each distinct value, not in the word index."""
VALUES_AT_ONCE = 10_000
"""Postings whose fields are read together for the arrays and values (then let go)."""
VALUE_COLUMNS = ("tags", *VALUE_FIELDS)
"""What `_field_values` reads of each posting."""
ARRAY_COLUMNS = ("posted", "salary", "hybrid", "remote")
"""What `_prepare` reads of each posting for its arrays."""
REMOTE_CODES: dict[bool | str | None, int] = {True: 1, False: 0, None: -1, "hybrid": 2}
"""How each posting's policy is held for the `remote:` filter (unknown is neither hybrid)."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    posting: Posting
    """The posting that matched."""
    score: float
    """Higher is better; comparable only within one search."""


@dataclass(slots=True)
class _Match:
    """A term's result: a score per posting (None for pure filters) and which postings match."""

    mask: np.ndarray
    scores: np.ndarray | None
    words: frozenset[str]


class SearchResult:
    """All matches of a query, best first; Hits are built only for the rows asked for."""

    __slots__ = ("_id_to_idx", "_postings", "errors", "ids", "left_out", "scores", "terms")

    def __init__(
        self,
        postings: list[Posting],
        ids: np.ndarray,
        scores: np.ndarray | None,
        terms: tuple[str, ...],
        errors: list[str],
        id_to_idx: IdNumbers,
    ) -> None:
        self._postings = postings
        self._id_to_idx = id_to_idx
        self.ids = ids
        """Posting numbers in result order."""
        self.scores = scores
        """Score of each result, aligned with ids (None when the query had no scored words)."""
        self.terms = terms
        """Folded words and phrases to highlight."""
        self.errors = errors
        """What in the query could not be understood (the rest still ran)."""
        self.left_out: dict[str, int] = {}
        """Matches left out because they are hidden or blocked, by which (`{"blocked": 312}`)."""

    def __len__(self) -> int:
        return len(self.ids)

    def posting(self, i: int) -> Posting:
        return self._postings[int(self.ids[i])]

    def containing(self, posting_ids: Iterable[str]) -> set[str]:
        """Which of these postings are in the result."""
        wanted = self._id_to_idx.found(posting_ids)
        if not wanted:
            return set()
        if isinstance(self.ids, list):
            present = set(self.ids).intersection(wanted)
        else:
            keys = np.fromiter(wanted, dtype=np.int64, count=len(wanted))
            present = set(keys[np.isin(keys, self.ids)].tolist())
        return {wanted[i] for i in present}

    def get(self, posting_id: str) -> Posting | None:
        """A posting of the index by id (also one this result does not hold)."""
        idx = self._id_to_idx.get(posting_id)
        return None if idx is None else self._postings[idx]

    def position(self, posting_id: str) -> int | None:
        """Where a posting is in the result, or None."""
        idx = self._id_to_idx.get(posting_id)
        if idx is None:
            return None
        if isinstance(self.ids, list):
            return self.ids.index(idx) if idx in self.ids else None
        found = np.flatnonzero(self.ids == idx)
        return int(found[0]) if len(found) else None

    def score(self, i: int) -> float:
        return float(self.scores[i]) if self.scores is not None else 0.0

    def hit(self, i: int) -> Hit:
        return Hit(self.posting(i), self.score(i))

    def hits(self, limit: int | None = None) -> list[Hit]:
        n = len(self.ids) if limit is None else min(limit, len(self.ids))
        return [self.hit(i) for i in range(n)]


class SearchIndex:
    """Search over a list of postings; `add` more as they load."""

    def __init__(
        self, postings: Iterable[Posting] = (), salary: SalarySettings | None = None
    ) -> None:
        """`salary`: the currency and rates salary filters and the salary sort work in (the
        defaults: US dollars at the shipped rates)."""
        self.salary_settings = salary or SalarySettings()
        self._index = WordIndex()
        self.postings = self._index.postings
        self._cache: OrderedDict[tuple[str | None, str], _Match] = OrderedDict()
        self._id_to_idx = IdNumbers(self.postings)
        self._triage: Mapping[str, Collection[str]] = {}
        """The seen, hidden and blocked ids of the run in progress (see `run`)."""
        self._parsed: Query | None = None
        """The parsed query of the run in progress."""
        self._masks: dict[str, tuple[Any, np.ndarray]] = {}
        self.groups: Groups | None = None
        """Copies of one posting (see `postings.duplicates`): a result shows one row for each."""
        self._group_of: tuple[int, np.ndarray] | None = None
        self._copied: np.ndarray = np.zeros(0, dtype=bool)
        """Postings that have copies: the only ones folding compares."""
        self._folded_recency: tuple[int, np.ndarray] | None = None
        """The empty query's rows, folded (kept until postings or groups change)."""
        self._order: Any = []
        self._recency_order: Sequence[int] = []
        """Posting numbers newest first: a list, or an int32 array (adopted from a saved
        index, and then kept one: see `_recency`)."""
        self._recency_keys: list[tuple[int, str, str]] = []
        self._shared_keys: dict[str, str] = {}
        """(minus the posting day, title folded, source) of every posting, in posting order."""
        self._rank: Any = []
        self._company_rank: Any = []
        self._company_for = -1
        self._days: Any = None
        self._salary: Any = None
        self._remote: Any = None
        self._values: dict[str, dict[str, array[int]]] = {name: {} for name in VALUE_FIELDS}
        self._tags: set[str] = set()
        """Every distinct tag (kept with `_values`, by `_field_values`)."""
        self._values_for = 0
        """How many postings `_values` and `_tags` hold."""
        self._parts: frozenset[str] = frozenset()
        self._parts_for = -1
        self.add(postings)

    def __len__(self) -> int:
        return len(self.postings)

    def ids(self) -> Mapping[str, int]:
        """Every indexed posting id (to its number): a view, not a copy."""
        return self._id_to_idx

    def get(self, posting_id: str) -> Posting | None:
        """The indexed posting with this id, if any."""
        idx = self._id_to_idx.get(posting_id)
        return None if idx is None else self.postings[idx]

    def add(self, postings: Iterable[Posting], bodies: list[Tokenized] | None = None) -> None:
        """Index more postings; the next search sees them. `bodies`: their bodies already
        tokenised by a `jobtui.search.bulk.Stream` (see `WordIndex.add`)."""
        start = len(self.postings)
        self._index.add(postings, meanwhile=lambda: self._note(start), bodies=bodies)

    def adopt(self, snapshot: Snapshot, keep: Any, postings: Sequence[Posting]) -> None:
        """Start this empty index from a saved one rather than tokenising (`WordIndex.adopt`:
        `keep` says which saved postings are unchanged, `postings` are those); `add` the
        changed and new ones after."""
        kept = self._index.adopt(snapshot, keep, postings)
        self._note(0)
        if kept.recency is not None:  # the empty query lists them without reading them
            # As saved (int32, mapped when every posting is kept): as a list of ints it held
            # ~40 bytes a posting.
            self._recency_order = kept.recency

    def save(self, path: Path, spelled: Sequence[str] = ()) -> None:
        """Save the word index for the next open to adopt (`jobtui.search.persist`), with the
        postings' order newest first, for the folders as `spelled`; OSError when it can not be
        written."""
        from jobtui.search import persist

        self._prepare()  # the engine's own arrays too, not only the word index's
        ids = list(map(saved_key, self.postings))
        persist.save(self._index, ids, path, self._order, spelled)

    def add_batches(self, batches: Sequence[Batch]) -> None:
        """Index the postings of batches a `Feed` made, with their bodies tokenised (or, for
        a batch of a saved index's postings, from that index). A batch marked `replace`
        starts the index again: what it held is dropped."""
        last = max((i for i, b in enumerate(batches) if b.replace), default=None)
        if last is not None:  # the files differ from the store's list shown until now
            batches = batches[last:]
            SearchIndex.__init__(self, (), self.salary_settings)
        batches = [b for b in batches if b.result.postings]
        if batches and batches[0].saved is not None and not self.postings:
            first = batches.pop(0)
            snapshot, keep = first.saved  # type: ignore[misc]
            self.adopt(snapshot, keep, first.result.postings)
        if not batches:
            return
        postings = [p for b in batches for p in b.result.postings]
        bodies = [b.bodies for b in batches if b.bodies is not None]
        self.add(postings, bodies=bodies if len(bodies) == len(batches) else None)

    def _note(self, start: int) -> None:
        """Map the ids of the postings from `start` on to their numbers."""
        self._id_to_idx.note(start)

    def _field_values(self) -> dict[str, dict[str, array[int]]]:
        """Each field's distinct values, folded, to the numbers of the postings with them:
        brought up to date when a field phrase first needs them (or `warm`), not as postings
        arrive (at 100,000 postings, a reopen's list waited half a second for them)."""
        start = self._values_for
        if start < len(self.postings):
            for at in range(start, len(self.postings), VALUES_AT_ONCE):
                # Read a part at a time: a stored posting's fields are not kept (`columns`).
                part = self.postings[at : at + VALUES_AT_ONCE]
                self._add_values(at, columns(part, VALUE_COLUMNS))
            self._values_for = len(self.postings)
        return self._values

    def _add_values(self, at: int, found: list[list[Any]]) -> None:
        """Hold the `VALUE_COLUMNS` of the postings numbered from `at` on."""
        tags, *fields = found
        self._tags.update(t for listed in tags for t in listed)
        for name, values in zip(VALUE_FIELDS, fields, strict=True):
            # Values repeat: fold each distinct one once.
            normal = {v: " ".join(fold(v).split()) for v in dict.fromkeys(values) if v}
            target = self._values[name]
            for idx, value in enumerate(values, at):
                if value:  # (numbers as 4 bytes each: a list of ints took ~10 times that)
                    numbers = target.get(normal[value])
                    if numbers is None:
                        numbers = target[normal[value]] = array("i")
                    numbers.append(idx)

    def _recency(self) -> Sequence[int]:
        """Posting numbers newest first (then by title): the order of an empty query.

        Plain Python, so the first screen can list postings before numpy is even imported
        (but for an order adopted from a saved index: an int32 array, kept one). Postings
        added later are sorted among themselves and put in place, so a folder that loads in
        batches is not sorted again whole each time.
        """
        keys, order = self._recency_keys, self._recency_order
        start = len(order)
        if start == len(self.postings):
            return order
        shared = self._shared_keys
        if len(keys) < start:  # an order adopted from a saved index: its keys are made now
            keys.extend(newest_first_keys(self.postings[len(keys) : start], shared))
        keys.extend(newest_first_keys(self.postings[start:], shared))
        key = keys.__getitem__
        new = sorted(range(start, len(keys)), key=key)
        if len(new) * 8 > len(order):
            self._recency_order = sorted(range(len(keys)), key=key)  # few old ones: all again
            return self._recency_order
        # Equal keys keep posting order: a new posting goes after the old ones like it.
        if not isinstance(order, list):  # an adopted array: kept one, the new ones put in
            ats, done = [], 0
            for i in new:
                done = bisect.bisect_right(order, keys[i], lo=done, key=key)
                ats.append(done)
            self._recency_order = np.insert(order, ats, new).astype(np.int32)
            return self._recency_order
        merged: list[int] = []
        done = 0
        for i in new:
            at = bisect.bisect_right(order, keys[i], lo=done, key=key)
            merged.extend(order[done:at])
            merged.append(i)
            done = at
        merged.extend(order[done:])
        self._recency_order = merged
        return merged

    def warm(self) -> None:
        """Build everything a query needs now, rather than on the first keystroke."""
        self._prepare(values=True)
        self._field_values()

    def _prepare(self, values: bool = False) -> None:
        """Make the arrays a query and a sort need, when postings came since; with `values`,
        each field's values too when they are as far behind (their postings read once)."""
        if not self._index.prepare():
            return
        self._cache.clear()
        n = len(self.postings)
        # Per-posting values: only the postings added since the last time are read.
        done = 0 if self._days is None else len(self._days)
        both = values and self._values_for == done
        names = ARRAY_COLUMNS + VALUE_COLUMNS if both else ARRAY_COLUMNS
        code, parts = REMOTE_CODES, [] if not done else [(self._days, self._salary, self._remote)]
        for at in range(done, n, VALUES_AT_ONCE):
            # Read as columns, a part at a time: a stored posting keeps none of these fields.
            found = columns(self.postings[at : at + VALUES_AT_ONCE], names)
            posted, salary, hybrid, remote = found[: len(ARRAY_COLUMNS)]
            count = len(posted)
            parts.append(
                (
                    np.fromiter((day.toordinal() if day else 0 for day in posted), np.int64, count),
                    np.fromiter(map(self._yearly, salary), np.float64, count),
                    np.fromiter(
                        (code["hybrid" if h else r] for h, r in zip(hybrid, remote, strict=True)),
                        np.int8,
                        count,
                    ),
                )
            )
            if both:
                self._add_values(at, found[len(ARRAY_COLUMNS) :])
        if both:
            self._values_for = n
        if len(parts) == 1:
            self._days, self._salary, self._remote = parts[0]
        elif parts:
            self._days, self._salary, self._remote = (
                np.concatenate(a) for a in zip(*parts, strict=True)
            )
        else:  # no postings
            self._days = np.zeros(0, np.int64)
            self._salary = np.zeros(0, np.float64)
            self._remote = np.zeros(0, np.int8)
        self._order = np.array(self._recency(), dtype=np.int32)
        self._rank = np.empty(n, dtype=np.int64)
        self._rank[self._order] = np.arange(n)

    def _yearly(self, salary: Salary | None) -> float:
        """A posting's salary as a year's pay in the user's currency; NaN when it cannot be
        told (no salary, currency or period): NaN passes no salary filter and sorts last."""
        settings = self.salary_settings
        value = comparable(salary, settings.currency, settings.rates)
        return float("nan") if value is None else value

    def _company_ranks(self) -> np.ndarray:
        """Each posting's place in company order (A to Z, unnamed last, newest first within);
        made when that order is first asked for."""
        self._prepare()
        n = len(self.postings)
        if self._company_for != n:
            names = list(map(company_name_key, columns(self.postings, ("company",))[0]))
            place = {name: i for i, name in enumerate(sorted(set(names)))}  # few distinct names
            codes = np.fromiter(map(place.__getitem__, names), np.int64, n)
            by_company = np.lexsort((self._rank, codes))
            self._company_rank = np.empty(n, dtype=np.int64)
            self._company_rank[by_company] = np.arange(n)
            self._company_for = n
        return self._company_rank

    def word_bytes(self) -> int:
        """Approximate size of the word index alone (vocabulary and posting lists, mapped or
        in memory), made ready for no query: for the benchmark, at any time."""
        return self._index.nbytes()

    def nbytes(self) -> int:
        """Approximate size of the index (not the postings), for the benchmark."""
        self._prepare()
        return self._index.nbytes() + self._order.nbytes + self._rank.nbytes + self._salary.nbytes

    # --- terms --------------------------------------------------------------------------------

    def _word(self, word: str, only: str | None) -> _Match:
        """Cached: typing extends the last word, earlier words are looked up again."""
        key = (only, word)
        hit = self._cache.get(key)
        if hit is not None:
            self._cache.move_to_end(key)
            return hit
        n = len(self.postings)
        scores = np.zeros(n, dtype=np.float32)
        expansion = self._index.expand(word)
        if only is not None:
            # `title:go` means the word go (or its aliases) in titles, not Google, when titles
            # have it; completions are for a word still being typed.
            exact = {
                w: q for w, q in expansion.items() if q >= ALIAS and len(self._index.get(only, w))
            }
            expansion = exact or expansion
        for field in FIELDS if only is None else (only,):
            for w, q in expansion.items():
                docs = self._index.get(field, w)
                if not len(docs):
                    continue
                if field == "body":
                    s = WEIGHTS["body"] * (EXACT if q >= PREFIX else min(q, TYPO1))
                else:
                    s = WEIGHTS[field] * q
                _scatter_max(scores, docs, s)
        match = _Match(scores > 0, scores, frozenset(expansion))
        self._cache[key] = match
        if len(self._cache) > 128:
            self._cache.popitem(last=False)
        return match

    def _words(self, term: Term) -> _Match:
        parts = [self._word(t, term.field) for t in term.tokens]
        if len(parts) == 1:
            match = parts[0]
        else:
            mask = np.logical_and.reduce([p.mask for p in parts])
            total = np.add.reduce([p.scores for p in parts]) / len(parts)  # type: ignore[misc]
            match = _Match(
                mask,
                np.where(mask, total, 0).astype(np.float32),
                frozenset().union(*(p.words for p in parts)),
            )
        # `node.js`, `ci/cd`, `react native`, `.net` typed whole: the tag itself matches too.
        whole = len(parts) > 1 or term.tokens != (term.text,)
        canonical = vocab.alias_map().get(term.text) if whole else None
        if canonical and term.field in (None, "tags"):
            if len(parts) == 1:  # `.net` is the tag or the word net, never `network`
                parts = [self._exact(term.tokens[0], term.field)]
                match = parts[0]
            match = _either([match, self._tag(canonical)])
        return match

    def containing(self, words: Iterable[str], fields: Iterable[str] = FIELDS) -> list[int]:
        """Numbers of the postings holding any of `words` (folded, as the index splits text)
        as a whole word in one of `fields`, in order: what a word filter has to read."""
        self._prepare()
        fields = tuple(fields)
        found = [self._index.get(f, w) for w in dict.fromkeys(words) for f in fields]
        found = [docs for docs in found if len(docs)]
        if not found:
            return []
        result: list[int] = np.unique(np.concatenate(found)).tolist()
        return result

    def _exact(self, word: str, only: str | None) -> _Match:
        """The word itself, in one field or any: no alias, prefix or typo."""
        scores = np.zeros(len(self.postings), dtype=np.float32)
        for field in FIELDS if only is None else (only,):
            docs = self._index.get(field, word)
            if len(docs):
                _scatter_max(scores, docs, WEIGHTS[field] * EXACT)
        return _Match(scores > 0, scores, frozenset({word}))

    def _tag(self, name: str) -> _Match:
        """Postings with the tag itself: `c` is not `objective-c`, `java` not `javascript`."""
        canonical = vocab.canonical(name)
        scores = np.zeros(len(self.postings), dtype=np.float32)
        scores[self._with_tag(canonical)] = WEIGHTS["tags"]
        return _Match(scores > 0, scores, frozenset({canonical}))

    def _with_tag(self, tag: str) -> np.ndarray:
        """Numbers of the postings whose tags hold `tag` whole."""
        docs = self._index.get("tags", tag)
        if tag not in self._tag_parts():  # no longer tag has it as a word: all are whole
            return docs
        return np.array([i for i in docs.tolist() if tag in self.postings[i].tags], np.int64)

    def _tag_parts(self) -> frozenset[str]:
        """Words that stand inside longer tags (`c` in `objective-c`, `native` in
        `react native`): only for these does a tag's word list need checking."""
        self._field_values()
        if self._parts_for != len(self._tags):
            self._parts = frozenset(w for t in self._tags for w in words(t) if w != t)
            self._parts_for = len(self._tags)
        return self._parts

    def _tag_filter(self, term: Term) -> np.ndarray:
        mask = self._tag(term.text).mask
        if mask.any():
            return mask  # the tag exists: `tag:java` is java (and its aliases) only
        for w in self._index.completions(term.text):  # `tag:kube` while typing
            if w != term.text:
                mask[self._with_tag(w)] = True
        return mask

    def _phrase(self, term: Term) -> _Match:
        """Cached like words: typing after a quoted phrase looks it up again."""
        key = (term.field, '"' + term.text)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._find_phrase(term)
            if len(self._cache) > 128:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return hit

    def _find_phrase(self, term: Term) -> _Match:
        n = len(self.postings)
        scores = np.zeros(n, dtype=np.float32)
        if term.tokens == (term.text,) and term.field not in VALUE_FIELDS:
            return self._exact(term.text, term.field)  # `"java"`: the word itself, from the index
        if term.field in VALUE_FIELDS:
            # Field phrases (`company:"Acme Corp"`) scan distinct values, not postings.
            for value, idxs in self._field_values()[term.field].items():
                if term.text in value and _has_phrase(value, term.text):
                    scores[idxs] = WEIGHTS[term.field]
            return _Match(scores > 0, scores, frozenset({term.text}))
        fields = (term.field,) if term.field else FIELDS
        candidates: np.ndarray | None = None
        for token in term.tokens:
            found = np.zeros(n, dtype=bool)
            for field in fields:
                found[self._index.get(field, token)] = True
            candidates = found if candidates is None else candidates & found
        found_at = np.flatnonzero(candidates).tolist() if candidates is not None else []
        # Bodies kept in the store are read together, not one query a posting.
        texts = read_bodies([self.postings[i] for i in found_at]) if "body" in fields else []
        for k, idx in enumerate(found_at):
            p = self.postings[idx]
            for field in fields:
                if field == "body":
                    text = texts[k]
                else:
                    text = " ; ".join(p.tags) if field == "tags" else getattr(p, field)
                if text and _contains(text, term.text) and _has_phrase(text, term.text):
                    scores[idx] = WEIGHTS[field]
                    break
        return _Match(scores > 0, scores, frozenset({term.text}))

    def _filter(self, term: Term, marks: Mapping[str, str]) -> np.ndarray:
        n = len(self.postings)
        if term.kind == "tag":
            return self._tag_filter(term)
        if term.kind == "remote":
            return self._remote == REMOTE_CODES[term.flag]
        if term.kind == "salary":
            with np.errstate(invalid="ignore"):
                return _compare(self._salary, term.op, term.number)
        if term.kind == "posted":
            assert term.day is not None
            start = term.day.toordinal()
            known = self._days > 0
            if term.op == "range":
                assert term.until is not None
                return known & (self._days >= start) & (self._days < term.until.toordinal())
            return known & _compare(self._days, term.op, start)
        if term.kind == "is" and term.text in ("new", "seen", "hidden", "blocked"):
            seen = self._set_mask("seen")
            return ~seen if term.text == "new" else self._set_mask(term.text)
        mask = np.zeros(n, dtype=bool)
        wanted = marks if term.kind == "is" else [k for k, s in marks.items() if s == term.text]
        mask[self._id_to_idx.numbers(wanted)] = True
        return mask

    def _set_mask(self, name: str) -> np.ndarray:
        """The postings in one of the triage sets, as a mask. Kept while the set is the same
        (a frozenset caches its hash), so typing does not rebuild it on every key."""
        ids = self._triage.get(name, ())
        key = (
            name,
            len(self.postings),
            len(ids),
            hash(ids) if isinstance(ids, frozenset) else None,
        )
        cached = self._masks.get(name)
        if cached is not None and cached[0] == key and key[3] is not None:
            return cached[1]
        mask = np.zeros(len(self.postings), dtype=bool)
        mask[self._id_to_idx.numbers(ids)] = True
        if self.groups is not None and name in ("seen", "hidden") and mask.any():
            group_of = self._groups_array()  # seeing or hiding one copy does it to all
            mask = np.isin(group_of, np.unique(group_of[mask]))
        self._masks[name] = (key, mask)
        return mask

    def _leave_out(self, result: SearchResult, parsed: Query | None) -> SearchResult:
        """The result without the hidden and blocked postings, unless the query asks for them
        (`is:hidden`, `is:blocked`), with how many of each were left out."""
        asked = set()
        if parsed is not None:
            asked = {t.text for c in parsed.positive for t in c.terms if t.kind == "is"}
        ids = np.asarray(result.ids, dtype=np.int64)
        keep = np.ones(len(ids), dtype=bool)
        left: dict[str, int] = {}
        for name in ("hidden", "blocked"):
            if name in asked or not self._triage.get(name):
                continue
            out = self._set_mask(name)[ids] & keep
            if out.any():
                # Counted as the rows they would be: copies of one posting are one.
                counted = ids[out] if self.groups is None else self._groups_array()[ids[out]]
                left[name] = len(np.unique(counted))
                keep &= ~out
        if not left:
            return result
        scores = result.scores[keep] if result.scores is not None else None
        trimmed = self._result(ids[keep].astype(np.int32), scores, result.terms, result.errors)
        trimmed.left_out = left
        return trimmed

    def _term(self, term: Term, marks: Mapping[str, str]) -> _Match:
        if term.kind == "word":
            return self._words(term)
        if term.kind == "phrase":
            return self._phrase(term)
        return _Match(self._filter(term, marks), None, frozenset())

    def _clause(self, clause: Clause, marks: Mapping[str, str]) -> _Match:
        matches = [self._term(t, marks) for t in clause.terms]
        return matches[0] if len(matches) == 1 else _either(matches)

    # --- searching ----------------------------------------------------------------------------

    def run(
        self,
        query: str | Query,
        marks: Mapping[str, str] | None = None,
        today: date | None = None,
        triage: Mapping[str, Collection[str]] | None = None,
    ) -> SearchResult:
        """Every match of the query, best first. `marks` maps bookmarked posting ids to status;
        `today` is the day ages (`posted:<30d`) count from (default: the machine's); `triage`
        holds the ids that are `seen`, `hidden` and `blocked`: hidden and blocked postings are
        left out (and counted in `left_out`) unless the query asks for them."""
        self._triage = triage or {}
        self._parsed = None
        result = self._run(query, marks, today)
        if self._triage:
            result = self._leave_out(result, self._parsed)
        return self._fold(result) if self.groups is not None else result

    def _groups_array(self) -> np.ndarray:
        """The group number of each posting (copies share one), rebuilt when postings come."""
        n = len(self.postings)
        if self._group_of is None or self._group_of[0] != n:
            assert self.groups is not None
            numbers: dict[str, int] = {}
            group_of = np.empty(n, dtype=np.int64)
            groups = self.groups
            for i, p in enumerate(self.postings):
                head = groups.head(p.id) if p.id in groups else p.id
                group_of[i] = numbers.setdefault(head, len(numbers))
            self._group_of = (n, group_of)
            self._copied = np.bincount(group_of)[group_of] > 1
            self._folded_recency = None
            self._masks.clear()
        return self._group_of[1]

    def set_groups(self, groups: Groups | None) -> None:
        """Fold copies of one posting into one row in every result from now on."""
        self.groups = groups
        self._group_of = None
        self._folded_recency = None
        self._masks.clear()

    def _fold(self, result: SearchResult) -> SearchResult:
        """The result with one row per group of copies: the first of each, in result order
        (the best match, or the newest, stands for its group). Only postings that have copies
        are compared, and the empty query's fold is kept, so typing does not pay for it."""
        group_of = self._groups_array()
        recency = result.ids is self._recency_order  # the empty query, nothing left out
        cached = self._folded_recency
        if recency and cached is not None and cached[0] == len(result.ids):
            return self._with_ids(result, cached[1], None)
        ids = np.asarray(result.ids, dtype=np.int64)
        inside = self._copied[ids] if len(ids) else np.zeros(0, dtype=bool)
        if not inside.any():
            return result
        where = np.flatnonzero(inside)
        _, first = np.unique(group_of[ids[where]], return_index=True)
        keep = ~inside
        keep[where[first]] = True
        folded_ids = ids[keep].astype(np.int32)
        if recency:
            self._folded_recency = (len(ids), folded_ids)
        scores = result.scores[keep] if result.scores is not None else None
        return self._with_ids(result, folded_ids, scores)

    def _with_ids(
        self, result: SearchResult, ids: np.ndarray, scores: np.ndarray | None
    ) -> SearchResult:
        folded = self._result(ids, scores, result.terms, result.errors)
        folded.left_out = result.left_out
        return folded

    def _run(
        self, query: str | Query, marks: Mapping[str, str] | None, today: date | None
    ) -> SearchResult:
        if isinstance(query, str) and not query.strip():
            return self._result(self._recency(), None, (), [])
        from jobtui.search.query import parse

        parsed = parse(query, today) if isinstance(query, str) else query
        self._parsed = parsed
        if not parsed.clauses:
            return self._result(self._recency(), None, (), parsed.errors)
        self._prepare()
        marks = marks or {}
        positive = [self._clause(c, marks) for c in parsed.positive]
        negative = [self._clause(c, marks) for c in parsed.negative]
        terms = sorted(frozenset().union(*(m.words for m in positive))) if positive else []
        if not positive and not negative:
            return self._result(self._order, None, (), parsed.errors)
        mask = np.ones(len(self.postings), dtype=bool)
        for m in positive:
            mask &= m.mask
        for m in negative:
            mask &= ~m.mask
        scored = [m.scores for m in positive if m.scores is not None]
        if not scored:
            ids = self._order[mask[self._order]]
            return self._result(ids, None, tuple(terms), parsed.errors)
        selected = np.flatnonzero(mask)
        total = np.add.reduce([s[selected] for s in scored])
        # Best score first, ties newest first: one integer key, one sort.
        key = (
            -np.round(total * 100).astype(np.int64) * (len(self.postings) + 1)
            + self._rank[selected]
        )
        order = np.argsort(key, kind="stable")
        return self._result(
            selected[order].astype(np.int32), total[order], tuple(terms), parsed.errors
        )

    def _result(
        self, ids: Any, scores: np.ndarray | None, terms: tuple[str, ...], errors: list[str]
    ) -> SearchResult:
        return SearchResult(self.postings, ids, scores, terms, errors, self._id_to_idx)

    def sort(self, result: SearchResult, mode: str) -> SearchResult:
        """The same matches in another order: relevance, newest, salary or company."""
        if mode == "relevance" or not len(result.ids):
            return result
        self._prepare()
        ids = np.asarray(result.ids, dtype=np.int32)
        if mode == "newest":
            key = self._rank[ids]
        elif mode == "salary":
            key = np.nan_to_num(-self._salary[ids], nan=np.inf)
        elif mode == "company":
            key = self._company_ranks()[ids]
        else:
            raise ValueError(f"unknown sort {mode!r}")
        order = np.argsort(key, kind="stable")
        scores = result.scores[order] if result.scores is not None else None
        return self._result(ids[order], scores, result.terms, result.errors)

    def search(
        self, query: str, limit: int | None = None, marks: Mapping[str, str] | None = None
    ) -> list[Hit]:
        """The best `limit` hits (all when None)."""
        return self.run(query, marks).hits(limit)


def _contains(text: str, phrase: str) -> bool:
    """The cheap test first: the folded phrase is somewhere in the folded text."""
    return phrase in " ".join(fold(text).split())


def _has_phrase(text: str, phrase: str) -> bool:
    """The phrase stands in the text as whole words (`"java"` is not in JavaScript)."""
    return bool(spans(" ".join(text.split()), frozenset({phrase})))


def _scatter_max(scores: np.ndarray, docs: np.ndarray, s: float) -> None:
    """scores[docs] = max(scores[docs], s); a posting appears once per list, so no conflicts."""
    current = scores[docs]
    np.maximum(current, s, out=current)
    scores[docs] = current


def _either(matches: list[_Match]) -> _Match:
    """OR of alternatives: a posting keeps its best score."""
    mask = np.logical_or.reduce([m.mask for m in matches])
    scored = [m.scores for m in matches if m.scores is not None]
    scores = np.maximum.reduce(scored) if scored else None
    if scores is not None and len(scored) < len(matches):
        scores = np.where(mask & (scores == 0), np.float32(EXACT), scores).astype(np.float32)
    return _Match(mask, scores, frozenset().union(*(m.words for m in matches)))


def _compare(values: np.ndarray, op: str, threshold: float) -> np.ndarray:
    if op == ">=":
        return values >= threshold
    if op == ">":
        return values > threshold
    if op == "<=":
        return values <= threshold
    if op == "<":
        return values < threshold
    return values == threshold
