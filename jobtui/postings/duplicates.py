"""Duplicate postings folded into groups: the same posting filed twice, edited a little,
reposted under a new id, or listed once per city.

Two postings are in one group when they are exact copies (the same title, company and body
once case, whitespace and Markdown or HTML markup are set aside) or near copies (the same named
company, the same title, and bodies that differ by a few words). A posting without a company
only groups with its exact copies; a shared title alone never groups anything.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from jobtui import collector
from jobtui.postings.legal import without_legal_form
from jobtui.postings.model import Posting
from jobtui.postings.stored import bodies as read_bodies
from jobtui.postings.text import LOWER_SPLIT_TABLE, fold, words

Match = Literal["exact", "near"]
"""How a posting matched the head of its group: an exact copy, or a near copy."""

NEAR_SCORE = 95.0
"""How alike two bodies must be to be near copies: rapidfuzz's ratio (0 to 100) over their
words, so a changed city, date or salary line passes and another team or stack does not
(on real postings, different roles sharing a company's boilerplate scored up to ~93)."""
_LENGTH_RATIO = NEAR_SCORE / (200 - NEAR_SCORE) * 0.999
"""The shortest a body can be, as a share of the longer, and still reach NEAR_SCORE."""
_CHAR_RATIO = _LENGTH_RATIO * 0.85
"""The same in characters, loosened: a few long words swapped for short ones still pass."""
MAX_COMPARED = 64
"""Leaders one body is compared with, at most: those nearest in length. Thousands of different
jobs under one company and title made grouping quadratic (2,000: 12 s); a copy's length is
within a few percent of its original's, so it is among them."""
BIG_BLOCK = 8
"""Blocks of more classes than this compare bodies written one character a word."""
MIN_WORDS = 10
"""Bodies shorter than this say too little to tell two roles apart: only exact copies group."""

_TAG_RE = re.compile(rb"<[^<>\n]{0,200}>")
_LOWER = bytes(b + 32 if 65 <= b <= 90 else b for b in range(256))
_SEPARATORS = bytes(b for b in range(256) if LOWER_SPLIT_TABLE[b] == 0x20)
"""The bytes between words (see text.words)."""


def _place_key(location: str | None) -> str:
    """A location folded, so `London, UK` and `london,  uk` are one place."""
    return " ".join(fold(location).split()) if location else ""


@dataclass(frozen=True, slots=True)
class Groups:
    """Postings folded into groups of duplicates; every id given belongs to exactly one group
    (most to a group of one)."""

    _head: dict[str, str]
    """For each id of a group of two or more, the id of its group's head (an id not here is
    its own group: most are, and a dict entry and a tuple for each took ~150 bytes a
    posting)."""
    _members: dict[str, tuple[str, ...]]
    """For each head of a group of two or more, the ids of its group, head first, then newest
    first."""
    _how: dict[str, Match]
    """For each id that is not a head, how it matched its head."""
    _order: tuple[str, ...]
    """The heads in the order the postings were given."""
    _known: frozenset[str]
    """Every id given."""

    def __len__(self) -> int:
        """The number of groups, each group of one included."""
        return len(self._order)

    def __contains__(self, pid: object) -> bool:
        return pid in self._known

    def head(self, pid: str) -> str:
        """The id that stands for the group of `pid` (its newest posting); KeyError if unknown."""
        head = self._head.get(pid)
        if head is None:
            if pid not in self._known:
                raise KeyError(pid)
            return pid
        return head

    def members(self, pid: str) -> tuple[str, ...]:
        """Every id of the group of `pid`, head first, then newest first."""
        head = self.head(pid)
        return self._members.get(head) or (head,)

    def others(self, pid: str) -> tuple[str, ...]:
        """The other copies of `pid`, for a detail pane: its group without itself."""
        return tuple(m for m in self.members(pid) if m != pid)

    def size(self, pid: str) -> int:
        """How many postings the group of `pid` holds (1 for a posting without copies)."""
        return len(self.members(pid))

    def how(self, pid: str) -> Match | None:
        """How `pid` matched its head: `exact` or `near`; None for a head itself."""
        self.head(pid)  # an unknown id is an error, not a head
        return self._how.get(pid)

    def places(self, pid: str, location: Callable[[str], str | None]) -> str | None:
        """The place a folded row of `pid` shows: its own location, and how many other places
        its copies name (`London, UK +2`): a job listed once per city says it is elsewhere
        too. `location`: an id's location (None when it names none, or is not loaded)."""
        own = location(pid)
        mine = _place_key(own)
        others = {_place_key(location(m)) for m in self.others(pid)} - {mine, ""}
        if not others:
            return own
        if own:
            return f"{own} +{len(others)}"
        return f"{len(others)} place{'s' if len(others) > 1 else ''} (copies)"

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


def exact_key(p: Posting) -> tuple[str, str, tuple[int, int]]:
    """Title and company normalised, and a hash of the body with case, whitespace, punctuation
    and markup set aside: equal for exact copies (within one process: the hash is Python's)."""
    return (company_key(p.company or ""), _normal(p.title), _body_hash(p.body))


def group(postings: Sequence[Posting]) -> Groups:
    """Fold `postings` into groups of exact and near copies. Ids are unique; a repeated id
    counts once."""
    with collector.paused():  # a collection would walk every posting, to free nothing
        return _group(postings)


def _group(postings: Sequence[Posting]) -> Groups:
    unique: dict[str, Posting] = {}
    for p in postings:
        unique.setdefault(p.id, p)
    items = list(unique.values())

    # Company, title and place names repeat: each distinct one is normalised once.
    names: dict[str, str] = {}
    companies: dict[str, str] = {}
    titles: dict[tuple[str, str], str] = {}

    def normal(text: str) -> str:
        found = names.get(text)
        if found is None:
            found = names[text] = _normal(text)
        return found

    # A posting can only be a copy of one with the same company and title (exact) or the same
    # named company and title once its place is set aside (near). Most postings share neither
    # with any other: their bodies are never read.
    exact_of: list[tuple[str, str]] = []
    near_of: list[tuple[str, str] | None] = []
    exact_count: dict[tuple[str, str], int] = defaultdict(int)
    near_count: dict[tuple[str, str], int] = defaultdict(int)
    for p in items:
        company = companies.get(p.company or "")
        if company is None:
            company = companies[p.company or ""] = company_key(p.company or "")
        title = normal(p.title)
        exact_of.append((company, title))
        exact_count[company, title] += 1
        near_key = None
        if company:
            place = normal(p.location or "")
            key = titles.get((title, place))
            if key is None:
                key = titles[title, place] = _without(title, place)
            near_key = (company, key)
            near_count[near_key] += 1
        near_of.append(near_key)

    # Exact copies: one hash per posting that could have a copy, no comparing.
    exact: dict[tuple[str, str, tuple[int, int]], list[Posting]] = {}
    hashes: dict[str, tuple[int, int]] = {}  # byte-identical copies are squeezed once
    alone = [
        exact_count[company, title] == 1 and (near_key is None or near_count[near_key] == 1)
        for (company, title), near_key in zip(exact_of, near_of, strict=True)
    ]
    compared = [p for p, single in zip(items, alone, strict=True) if not single]
    texts = iter(read_bodies(compared))  # bodies kept in the store: read together
    for p, (company, title), single in zip(items, exact_of, alone, strict=True):
        if single:
            exact[company, title, (id(p), -1)] = [p]  # alone: nothing to compare with
        else:
            text = next(texts)
            body = hashes.get(text)
            if body is None:
                body = hashes[text] = _body_hash(text)
            exact.setdefault((company, title, body), []).append(p)
    keys = list(exact)
    classes = [ps if len(ps) == 1 else sorted(ps, key=head_key) for ps in exact.values()]

    # Near copies: only classes with the same named company and title are compared, and each
    # only against the leaders of the near groups found so far in its block.
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (company, title, (_, size)) in enumerate(keys):
        if company and size >= 0:
            place = normal(classes[i][0].location or "")
            key = titles.get((title, place))
            if key is None:
                key = titles[title, place] = _without(title, place)
            blocks[company, key].append(i)
    parent = list(range(len(classes)))
    for block in blocks.values():
        if len(block) > 1:
            near = _Block(classes, [keys[i][2][1] for i in block])
            for i, leader in near.pairs(block):
                parent[i] = leader

    # The same posting from two sources (a board's JSON and its saved page) may differ in body,
    # but not in company, title and link: those are copies too.
    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked: dict[tuple[str, str, str], int] = {}
    for i, (company, title, _) in enumerate(keys):
        if not company or exact_count[company, title] < 2:  # no other posting to be
            continue
        for p in classes[i]:
            link = _link_key(p.url)
            if link:
                other = linked.setdefault((company, title, link), i)
                a, b = root(i), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)

    merged: dict[int, list[int]] = defaultdict(list)
    for i in range(len(classes)):
        merged[root(i)].append(i)
    head_of: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    how: dict[str, Match] = {}
    for parts in merged.values():
        if len(parts) == 1 and len(classes[parts[0]]) == 1:
            continue  # a group of one
        ps = sorted((p for i in parts for p in classes[i]), key=head_key)
        first = ps[0].id
        members[first] = tuple(p.id for p in ps)
        same = {p.id for i in parts if classes[i][0] is ps[0] for p in classes[i]}
        for p in ps:
            head_of[p.id] = first
        for p in ps[1:]:
            how[p.id] = "exact" if p.id in same else "near"
    order = tuple(p.id for p in items if head_of.get(p.id, p.id) == p.id)
    return Groups(head_of, members, how, order, frozenset(p.id for p in items))


class _Block:
    """The classes of exact copies that share a company and a title, compared for near copies.

    Bodies are turned into words only when a body of about the same length is there to compare
    with, so most postings are never split into words at all."""

    def __init__(self, classes: list[list[Posting]], sizes: list[int]) -> None:
        self.classes = classes
        self.sizes = sizes
        self.texts: dict[int, Sequence[str]] = {}
        self.codes = _Codes() if len(sizes) > BIG_BLOCK else None
        """In a big block a body is compared many times: its words are written once as one
        character each, and rapidfuzz compares strings several times faster than lists."""

    def text(self, i: int) -> Sequence[str]:
        """The words of the body of class `i` (a list, or one character a word)."""
        text = self.texts.get(i)
        if text is None:
            found = _body_words(self.classes[i][0])
            text = self.texts[i] = found if self.codes is None else self._encode(found)
        return text

    def _encode(self, found: list[str]) -> Sequence[str]:
        assert self.codes is not None
        if len(self.codes) + len(found) > _Codes.SIZE:  # out of characters: lists from now on
            self.codes = None
            self.texts = {i: _body_words(self.classes[i][0]) for i in self.texts}
            return found
        return "".join(map(self.codes.__getitem__, found))

    def pairs(self, block: list[int]) -> Iterable[tuple[int, int]]:
        """(class, leader) for each class of `block` that is a near copy of an earlier leader."""
        size_of = dict(zip(block, self.sizes, strict=True))
        block = sorted(block, key=lambda i: head_key(self.classes[i][0]))
        # Leaders kept in order of length: a ratio of S needs the shorter body to be at least
        # S / (200 - S) of the longer one, so only leaders of about the same length count.
        # Lengths in characters only roughly follow lengths in words: that window is wider.
        sizes: list[int] = []
        leaders: list[int] = []
        for i in block:
            size = size_of[i]
            lo = bisect.bisect_left(sizes, size * _CHAR_RATIO)
            hi = bisect.bisect_right(sizes, size / _CHAR_RATIO)
            if hi - lo > MAX_COMPARED:  # the leaders nearest in length, not all of them
                at = bisect.bisect_left(sizes, size, lo, hi)
                lo = max(lo, min(at - MAX_COMPARED // 2, hi - MAX_COMPARED))
                hi = lo + MAX_COMPARED
            found = None
            if lo < hi:
                text = self.text(i)
                if len(text) < MIN_WORDS:
                    continue
                near = [j for j in leaders[lo:hi] if _alike(len(text), len(self.text(j)))]
                found = process.extractOne(
                    text,
                    [self.texts[j] for j in near],
                    scorer=fuzz.ratio,
                    processor=None,
                    score_cutoff=NEAR_SCORE,
                )
            if found is None:
                at = bisect.bisect_right(sizes, size)
                sizes.insert(at, size)
                leaders.insert(at, i)
            else:
                yield i, near[found[2]]


class _Codes(dict[str, str]):
    """One character for each distinct word, given as words are met."""

    SIZE = 0x10FFFF - 0x800
    """How many characters there are to give (every one but the surrogates)."""

    def __missing__(self, word: str) -> str:
        n = len(self)
        code = self[word] = chr(n + 0x800 if n >= 0xD800 else n)
        return code


_TRACKING = ("utm_", "gh_src", "gh_jid", "ref", "source", "src", "lever-source", "trk")


def _link_key(url: str | None) -> str:
    """A posting's link as compared: host without `www.`, path without a trailing `/`, and the
    query without tracking parameters; '' for none (or a link to a site's front page, which
    many postings share)."""
    if not url:
        return ""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    path = parts.path.rstrip("/")
    host = (parts.hostname or "").removeprefix("www.")
    if not host or not _specific(path):
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    return f"{host}{path}" + (f"?{urlencode(sorted(query))}" if query else "")


def _specific(path: str) -> bool:
    """Whether a link's path names one posting (`/jobs/4012037`, `/o/staff-engineer-2291`)
    rather than a page many share (`/jobs`, `/careers/engineering`): it holds a number, three
    parts or more, or ends in a slug of words (`/careers/senior-backend`)."""
    segments = [s for s in path.split("/") if s]
    words = [w for w in re.split(r"[-_.]", segments[-1].lower()) if w] if segments else []
    slug = len(segments) >= 2 and len(words) >= 2 and not _SHARED_PAGE_WORDS.issuperset(words)
    return any(c.isdigit() for c in path) or len(segments) >= 3 or slug


_SHARED_PAGE_WORDS = frozenset(
    "open current all our roles role positions position jobs job careers career vacancies "
    "openings opportunities join us team work with at apply now html htm php aspx index "
    "engineering hiring listings list".split()
)
"""Words of a page many postings link to (`/careers/open-roles`, `/jobs/all-openings`)."""


def _alike(a: int, b: int) -> bool:
    """Whether bodies of `a` and `b` words could reach NEAR_SCORE, and neither is too short."""
    return min(a, b) >= max(MIN_WORDS, max(a, b) * _LENGTH_RATIO)


def _normal(text: str) -> str:
    """`text` without case, accents, markup or punctuation, its words one space apart."""
    return " ".join(normal_words(text))


def company_key(company: str) -> str:
    """A company's name normalised without a legal form at its end: `Corvid Labs, Inc.` and
    `CORVID LABS` are one company (`S.A.` and `G.m.b.H.` normalise to single letters first)."""
    return " ".join(without_legal_form(normal_words(company.replace(".", ""))))


def _without(title: str, place: str) -> str:
    """A normalised title without the words of the posting's own place (`engineer berlin`)."""
    if not place or not any(w in title for w in place.split()):
        return title  # (a word of the place that is in the title is a substring of it)
    drop = set(place.split())
    kept = [w for w in title.split() if w not in drop]
    return " ".join(kept) if kept else title


def _body_hash(body: str) -> tuple[int, int]:
    """A hash of the body's letters and digits, lowercased, and how many there are. Python's
    own hash, 64 bits, with the length: collisions are out of reach at millions of postings,
    and it is several times faster than a cryptographic one (the key lives for one call)."""
    raw = _squeeze(body)
    return hash(raw), len(raw)


def _body_words(p: Posting) -> list[str]:
    """The body's words without the posting's own place (`Based in Lisbon.`)."""
    text = fold(_untag(p.body))
    found = words(text)
    place = normal_words(p.location or "")
    if place and any(w in text for w in place):  # (a word of the body is a substring of it)
        drop = set(place)
        found = [w for w in found if w not in drop]
    return found


def _untag(text: str) -> str:
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG_RE.sub(b" ", text.encode("utf-8", "surrogatepass")).decode(
            "utf-8", "surrogatepass"
        )
    return text


def _squeeze(text: str) -> bytes:
    """`text` lowercased, markup gone, only its letters and digits left, as UTF-8 (dropping the
    spaces too is much faster than squeezing them, and never joins two different postings)."""
    text = _untag(text)
    if not text.isascii():
        text = fold(text)
    return text.encode("utf-8", "surrogatepass").translate(_LOWER, _SEPARATORS)
