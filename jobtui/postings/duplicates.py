"""Duplicate postings folded into groups: the same posting filed twice, edited a little,
reposted under a new id, or listed once per city.

Two postings are in one group when they are exact copies (the same title, company and body
once case, whitespace and Markdown or HTML markup are set aside) or near copies (the same named
company, the same title, and bodies that differ by a few words). A posting without a company
only groups with its exact copies; a shared title alone never groups anything.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from jobtui.postings.model import Posting
from jobtui.postings.text import LOWER_SPLIT_TABLE, fold, words

Match = Literal["exact", "near"]
"""How a posting matched the head of its group: an exact copy, or a near copy."""

NEAR_SCORE = 95.0
"""How alike two bodies must be to be near copies: rapidfuzz's ratio (0 to 100) over their
words, so a changed city, date or salary line passes and another team or stack does not
(on real postings, different roles sharing a company's boilerplate scored up to ~93)."""
MIN_WORDS = 10
"""Bodies shorter than this say too little to tell two roles apart: only exact copies group."""

_TAG_RE = re.compile(rb"<[^<>\n]{0,200}>")
_SPACES_RE = re.compile(rb" {2,}")
_MAX_CODE = 0x10FFFF - 0x800
"""Words become characters for rapidfuzz; past this many distinct words they share some."""


@dataclass(frozen=True, slots=True)
class Groups:
    """Postings folded into groups of duplicates; every id given belongs to exactly one group
    (most to a group of one)."""

    _head: dict[str, str]
    """For each id, the id of its group's head."""
    _members: dict[str, tuple[str, ...]]
    """For each head, the ids of its group, head first, then newest first."""
    _how: dict[str, Match]
    """For each id that is not a head, how it matched its head."""
    _order: tuple[str, ...]
    """The heads in the order the postings were given."""

    def __len__(self) -> int:
        """The number of groups, each group of one included."""
        return len(self._members)

    def __contains__(self, pid: object) -> bool:
        return pid in self._head

    def head(self, pid: str) -> str:
        """The id that stands for the group of `pid` (its newest posting); KeyError if unknown."""
        return self._head[pid]

    def members(self, pid: str) -> tuple[str, ...]:
        """Every id of the group of `pid`, head first, then newest first."""
        return self._members[self._head[pid]]

    def others(self, pid: str) -> tuple[str, ...]:
        """The other copies of `pid`, for a detail pane: its group without itself."""
        return tuple(m for m in self.members(pid) if m != pid)

    def size(self, pid: str) -> int:
        """How many postings the group of `pid` holds (1 for a posting without copies)."""
        return len(self.members(pid))

    def how(self, pid: str) -> Match | None:
        """How `pid` matched its head: `exact` or `near`; None for a head itself."""
        self._head[pid]  # an unknown id is an error, not a head
        return self._how.get(pid)

    def heads(self) -> tuple[str, ...]:
        """One id per group, its head, in the order the postings were given."""
        return self._order

    def duplicates(self) -> int:
        """How many postings are copies of another: all minus the number of groups."""
        return len(self._head) - len(self._members)

    def fold(self, ids: Iterable[str]) -> list[str]:
        """One id per group among `ids`, in their order: the first of each group to appear (so a
        sorted or searched list shows the best match of each group, not a hidden head). Unknown
        ids are kept as they are."""
        seen: set[str] = set()
        kept: list[str] = []
        for pid in ids:
            key = self._head.get(pid, pid)
            if key not in seen:
                seen.add(key)
                kept.append(pid)
        return kept


def head_key(p: Posting) -> tuple[int, int, str, str]:
    """Which posting of a group stands for it: the newest, then the shortest, then the first
    source path, then id; the same whatever order the postings come in."""
    return (-p.posted.toordinal() if p.posted else 1, len(p.source), p.source, p.id)


def normal_words(text: str) -> list[str]:
    """The words of `text` without case, accents, markup or punctuation."""
    return words(fold(_untag(text)))


def exact_key(p: Posting) -> bytes:
    """A hash of title, company and body with case, whitespace and markup set aside: equal for
    exact copies."""
    h = hashlib.blake2b(digest_size=16)
    for part in (p.title, p.company or "", p.body):
        h.update(_squeeze(part))
        h.update(b"\x00")
    return h.digest()


def group(postings: Sequence[Posting]) -> Groups:
    """Fold `postings` into groups of exact and near copies. Ids are unique; a repeated id
    counts once."""
    unique: dict[str, Posting] = {}
    for p in postings:
        unique.setdefault(p.id, p)
    items = list(unique.values())

    # Exact copies: one hash per posting, no comparing.
    exact: dict[bytes, list[Posting]] = defaultdict(list)
    for p in items:
        exact[exact_key(p)].append(p)
    classes = [sorted(ps, key=head_key) for ps in exact.values()]

    # Near copies: only classes with the same named company and title are compared, and each
    # only against the leaders of the near groups found so far in its block.
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, cls in enumerate(classes):
        key = _block_key(cls[0])
        if key is not None:
            blocks[key].append(i)
    parent = list(range(len(classes)))
    codes: dict[str, str] = {}
    for block in blocks.values():
        if len(block) > 1:
            for i, leader in _near_pairs(block, classes, codes):
                parent[i] = leader

    merged: dict[int, list[Posting]] = defaultdict(list)
    for i, cls in enumerate(classes):
        merged[parent[i]].extend(cls)
    head_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    how: dict[str, Match] = {}
    key_of = {p.id: k for k, ps in exact.items() for p in ps} if len(exact) < len(items) else {}
    for ps in merged.values():
        ps.sort(key=head_key)
        first = ps[0]
        members[first.id] = tuple(p.id for p in ps)
        first_key = key_of.get(first.id)
        for p in ps:
            head_of[p.id] = first.id
            if p is not first:
                how[p.id] = "exact" if first_key and key_of.get(p.id) == first_key else "near"
    order = tuple(p.id for p in items if head_of[p.id] == p.id)
    return Groups(head_of, members, how, order)


def _near_pairs(
    block: list[int], classes: list[list[Posting]], codes: dict[str, str]
) -> Iterable[tuple[int, int]]:
    """(class, leader) for each class of `block` that is a near copy of an earlier leader."""
    block = sorted(block, key=lambda i: head_key(classes[i][0]))
    leaders: list[int] = []
    texts: list[str] = []
    for i in block:
        text = _coded_body(classes[i][0], codes)
        if len(text) < MIN_WORDS:
            continue
        found = process.extractOne(
            text, texts, scorer=fuzz.ratio, processor=None, score_cutoff=NEAR_SCORE
        )
        if found is None:
            leaders.append(i)
            texts.append(text)
        else:
            yield i, leaders[found[2]]


def _block_key(p: Posting) -> tuple[str, str] | None:
    """Company and title, normalised, the title without the posting's own place (`Engineer -
    Berlin`); None without a company, so unnamed postings are never compared."""
    company = " ".join(normal_words(p.company or ""))
    if not company:
        return None
    title = normal_words(p.title)
    place = set(normal_words(p.location or ""))
    kept = [w for w in title if w not in place] if place else title
    return company, " ".join(kept or title)


def _coded_body(p: Posting, codes: dict[str, str]) -> str:
    """The body's words without the posting's own place, one character per distinct word, so
    rapidfuzz compares words at the speed of characters."""
    place = set(normal_words(p.location or ""))
    out = []
    for w in normal_words(p.body):
        if w in place:
            continue
        code = codes.get(w)
        if code is None:
            n = len(codes) % _MAX_CODE
            code = codes[w] = chr(n + 0x800 if n >= 0xD800 else n)  # no surrogates
        out.append(code)
    return "".join(out)


def _untag(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(b" ", text.encode("utf-8", "surrogatepass")).decode(
            "utf-8", "surrogatepass"
        )
    return text


def _squeeze(text: str) -> bytes:
    """`text` lowercased, markup gone, every run of non-word characters one space, as UTF-8."""
    text = _untag(text)
    if not text.isascii():
        text = fold(text)
    raw = text.encode("utf-8", "surrogatepass").translate(LOWER_SPLIT_TABLE)
    return _SPACES_RE.sub(b" ", raw).strip()
