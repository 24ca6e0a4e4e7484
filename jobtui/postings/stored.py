"""Postings read back from the load store: what the list shows is in memory, the body and the
front matter stay in the database until something asks for them (the detail pane, a phrase
search, duplicate folding), so a reopened folder costs little memory.

A row is not trusted: `Reader.by_file` checks the type of every value and refuses any text that
holds a control character, and the body is checked the same way when it is read. A body that
can no longer be read from the store (cleared, rebuilt by another jobtui) is read again from
its file.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import math
import re
import sqlite3
import sys
import threading
import weakref
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import compress
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, get_args

from jobtui.postings.model import Listed, Origin, Posting, Salary
from jobtui.postings.money import PER_YEAR
from jobtui.postings.plain import FORMATS, meta_from_plain
from jobtui.postings.records import HeadCheck
from jobtui.postings.text import clean_field, has_controls

_ORIGINS: frozenset[str] = frozenset(get_args(Origin))
FORMAT_NAMES = {name: name for name in FORMATS}
"""Each format's name, one string shared by every posting of it."""
_ORIGIN_FIELDS = frozenset(Posting.__dataclass_fields__)
_HEX_RE = re.compile(r"[0-9a-f]{1,64}")
_BODY_SLOT = Posting.__dict__["body"]
_META_SLOT = Posting.__dict__["meta"]
_SET = object.__setattr__
_NEW = object.__new__
RECENT = 64
"""Bodies kept after they were read (the detail pane reads one several times)."""
CHUNK = 500
"""Bodies asked for in one query."""
FILL_FILES = 64
"""Files whose postings' fields are read together (see `Reader.fill`)."""
CHECKED_SPANS = 4
"""Spans of `FILL_FILES` files whose checked rows are remembered (a check goes file by file)."""
RECENT_FILES = 4
"""Files read again (the store lost their postings) kept for their other postings."""
BUSY_MS = 500
"""How long a read waits for another jobtui's write to the store (WAL readers seldom do)."""

COLUMNS = (
    "n, id, title, company, location, remote, salary_min, salary_max, currency, period, tags, "
    "posted, url, origins, digest, format"
)
"""The columns of a stored posting that `Reader.by_file` reads, in its order (after the key)."""
LISTED_COLUMNS = (
    "postings.n, id, title, company, salary_min, salary_max, currency, period, posted, digest, "
    "heads.head"
)
"""The columns `Reader.listed` reads, in its order (after the key), of `postings` joined with
`heads` on `n`."""


_OPEN: weakref.WeakSet[Details] = weakref.WeakSet()
"""The Details with a connection open."""


def close_all() -> None:
    """Close the connections the stores' details opened: a command closes them as it ends, so
    the last one to close removes the database's `-wal` and `-shm` files (left behind by
    `jobtui show` and `jobtui search` before)."""
    for details in list(_OPEN):
        details.close()


def _close(con: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        con.close()


class Details:
    """Where the bodies and front matter of one store's postings are read from, when asked.
    Safe from any thread; a connection of its own, opened at the first question."""

    def __init__(self, path: Path, roots: Iterable[str]) -> None:
        self.path = path
        self.roots = [Path(r) for r in roots]
        self.lost: set[int] = set()
        """The numbers of postings whose text could be read neither from the store nor from
        their file (see `lost_in`)."""
        self.reread: Callable[[Path, Path], list[Posting]] | None = None
        """Reads the postings of a file under a root again (the loader sets it)."""
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._recent: OrderedDict[int, tuple[str, Any]] = OrderedDict()
        self.pending: dict[int, tuple[str, Any]] = {}
        """Bodies and front matter of postings just parsed, by number, until their batch is
        in the database (see `light`)."""
        self._files: OrderedDict[tuple[Path, Path], list[Posting]] = OrderedDict()
        self.shared = Shared()
        """Values the postings `light` made share (see `Shared`)."""

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[Any]:
        with self._lock:
            try:
                if self._con is None:
                    # Read and write (never created), so that closing it last removes the
                    # WAL files a read leaves (see `close_all`); it only ever reads.
                    uri = f"{self.path.absolute().as_uri()}?mode=rw"
                    self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
                    self._con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                    self._con.execute("PRAGMA query_only = ON")
                    _OPEN.add(self)
                    weakref.finalize(self, _close, self._con)  # (dropped before `close_all`)
                return self._con.execute(sql, args).fetchall()
            except sqlite3.Error:
                if self._con is not None:
                    with contextlib.suppress(sqlite3.Error):
                        self._con.close()
                self._con = None
                return []

    def close(self) -> None:
        """Close the connection (a later question opens it again)."""
        with self._lock:
            con, self._con = self._con, None
        if con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.close()

    def details(self, posting: StoredPosting) -> tuple[str, Any]:
        """(body, front matter) of a posting: from the store, else from its file again."""
        n = posting._n
        found = self._recent.get(n) or self.pending.get(n)
        if found is None:
            rows = self._query(
                "SELECT body, meta FROM details WHERE n = ? AND id = ? AND digest = ?",
                (n, posting.id, posting.digest),
            )
            found = _checked(*rows[0]) if rows else None
            if found is None:
                found = self._from_file(posting)
            with self._lock:
                self._recent[n] = found
                while len(self._recent) > RECENT:
                    self._recent.popitem(last=False)
        return found

    def bodies(self, postings: list[StoredPosting]) -> list[str]:
        """The bodies of many postings, a few queries for all (what tokenising a batch needs)."""
        found: dict[int, tuple[tuple[str, str], str]] = {}
        pending = self.pending
        for p in postings:
            if p._n in pending:
                found[p._n] = (p.id, p.digest), pending[p._n][0]
        asked = [p for p in postings if p._n not in found]
        for start in range(0, len(asked), CHUNK):
            part = asked[start : start + CHUNK]
            marks = ",".join("?" * len(part))
            for n, pid, digest, body in self._query(
                f"SELECT n, id, digest, body FROM details WHERE n IN ({marks})",
                tuple(p._n for p in part),
            ):
                if type(body) is str and not has_controls(body):
                    found[n] = (pid, digest), body
        out = []
        for p in postings:
            pair = found.get(p._n)
            out.append(pair[1] if pair is not None and pair[0] == (p.id, p.digest) else p.body)
        return out

    def _from_file(self, posting: StoredPosting) -> tuple[str, Any]:
        """Read a posting's file again (the store lost it); its body and front matter, or a
        line saying the file changed since it was loaded."""
        file = Path(posting.file).resolve()  # the roots are resolved too
        root = next((r for r in self.roots if file.is_relative_to(r)), file.parent)
        key = (file, root)
        if key not in self._files and self.reread is not None:  # a board's file: read once
            self._files[key] = self.reread(file, root)
            while len(self._files) > RECENT_FILES:
                self._files.popitem(last=False)
        for fresh in self._files.get(key, ()):
            if fresh.id == posting.id and fresh.digest == posting.digest:
                return fresh.body, dict(fresh.meta)
        self.lost.add(posting._n)
        return CHANGED, {}

    def lost_in(self, postings: Iterable[Posting]) -> bool:
        """Whether any of these postings is one whose text was lost (a posting shown before
        its file was found changed, and replaced since, does not count)."""
        lost = self.lost
        return bool(lost) and any(type(p) is StoredPosting and p._n in lost for p in postings)


CHANGED = "*(This posting's file changed since the folder was loaded: reload it to read it.)*"
"""The body of a posting whose text is no longer where it was loaded from."""


def _checked(body: Any, meta_text: Any) -> tuple[str, Any] | None:
    """A stored body and front matter, or None when either is not what the loader writes."""
    if type(body) is not str or has_controls(body) or type(meta_text) is not str:
        return None
    try:
        meta = meta_from_plain(json.loads(meta_text, parse_constant=_refuse))
    except (ValueError, TypeError, RecursionError):
        return None
    return (body, meta) if type(meta) is dict else None


def _refuse(constant: str) -> Any:
    raise ValueError(f"{constant} in a stored posting")


class StoredPosting(Posting):
    """A posting read back from the store; its body and front matter are read when asked for.
    Equal to the `Posting` it was stored from.

    Its id and digest are read with it; its other fields are read from its row the first time
    one is asked for (`Reader.fill`, with the rows of the files numbered next to its file), so
    a reopen lists 100,000 postings without reading them all first: the first screen reads the
    few it shows."""

    __slots__ = ("_details", "_n", "_row")

    _details: Details
    _n: int
    _row: Any
    """The `Reader` that reads its fields, until they are read; then None, or `UNREADABLE`
    when its row did not check out."""

    def __getattr__(self, name: str) -> Any:  # only for a field not read from its row yet
        try:
            reader = _ROW_SLOT.__get__(self)
        except AttributeError:
            reader = None
        if type(reader) is not Reader or name not in _LAZY_FIELDS:
            raise AttributeError(name)
        reader.fill(self)
        return _FIELD_SLOTS[name].__get__(self)

    @property  # type: ignore[override]
    def body(self) -> str:
        try:
            return _BODY_SLOT.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            return self._details.details(self)[0]

    @body.setter
    def body(self, value: str) -> None:  # what `dataclasses.replace` gives a copy
        _BODY_SLOT.__set__(self, value)

    @property  # type: ignore[override]
    def meta(self) -> Mapping[str, Any]:
        try:
            return _META_SLOT.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            return MappingProxyType(self._details.details(self)[1])

    @meta.setter
    def meta(self, value: Mapping[str, Any]) -> None:
        _META_SLOT.__set__(self, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Posting):
            return NotImplemented
        return _compared(self) == _compared(other)

    __hash__ = Posting.__hash__


_KEPT = tuple(f for f in Posting.__dataclass_fields__ if f not in ("body", "meta"))
_LAZY_FIELDS = frozenset(_KEPT) - {"id", "digest"}
"""The fields read from a stored row when first asked for (the id and digest are read with
the row: they say which posting it is)."""
_FIELD_SLOTS = {name: Posting.__dict__[name] for name in _LAZY_FIELDS}
_ROW_SLOT = StoredPosting.__dict__["_row"]
_ID_SLOT = Posting.__dict__["id"]
_DIGEST_SLOT = Posting.__dict__["digest"]
UNREADABLE = "unreadable"
"""`_row` of a stored posting whose row did not check out: its fields say so, and the load
that checks its file reads the file again (`readable`)."""
UNREADABLE_TITLE = "(not readable from the load cache: its file is read again)"


def readable(postings: Iterable[Posting]) -> bool:
    """Whether every stored posting among these reads back from its row as the loader wrote
    it. A row not read yet is checked now, and its fields are left to be read when first
    asked for (a check of every file keeps no more of them in memory than the list shows)."""
    for p in postings:
        if type(p) is StoredPosting:
            reader = _ROW_SLOT.__get__(p)
            if type(reader) is Reader:
                reader.check(p)
                reader = _ROW_SLOT.__get__(p)
            if reader is UNREADABLE:
                return False
    return True


def light(posting: Posting, n: int, details: Details) -> StoredPosting:
    """A posting just parsed as the store will give it back (number `n`): its body and front
    matter are held in `details.pending` until written, then read from the database. Its
    company, place, tags, pay, day, origins and format are the ones the postings before it
    hold when equal (see `Shared`), as a posting read from the store shares them."""
    details.pending[n] = (posting.body, dict(posting.meta))
    p = StoredPosting.__new__(StoredPosting)
    for name in _KEPT:
        _SET(p, name, getattr(posting, name))
    shared = details.shared
    for name, table in (("company", shared.texts), ("location", shared.texts),
                        ("posted", shared.dates), ("format", shared.texts)):  # fmt: skip
        value = getattr(posting, name)
        if value is not None:
            _SET(p, name, table.setdefault(value, value))
    if (pay := posting.salary) is not None:  # every field, and 60000 apart from 60000.0
        key = (*_pay_key(pay.min, pay.max), pay.currency, pay.period, pay.period_guessed)
        _SET(p, "salary", shared.salaries.setdefault(key, pay))
    _SET(p, "tags", shared.tag_list(posting.tags))
    _SET(p, "origins", shared.origin_map(posting.origins))
    _SET(p, "_n", n)
    _SET(p, "_details", details)
    _SET(p, "_row", None)
    return p


def _pay_key(lo: Any, hi: Any) -> tuple[Any, ...]:
    """Bounds as a key that tells 60000 from 60000.0 (equal, but printed apart)."""
    return lo, type(lo), hi, type(hi)


class Shared:
    """Values many postings of a load hold, one object each: a parsed posting comes from a
    worker with its own copy of every string and record (at 20,000 postings, ~500 bytes a
    posting more than one read from the store, where `Reader` shares them). Kept with the
    store's `Details`, as long as its postings; a value is kept only for as long as there
    are few distinct ones of its kind."""

    MOST = 50_000
    """Distinct values of a kind kept, at most: past that, postings keep their own."""

    def __init__(self) -> None:
        self.texts: dict[Any, Any] = _Bounded(self.MOST)
        self.salaries: dict[Any, Any] = _Bounded(self.MOST)
        self.dates: dict[Any, Any] = _Bounded(self.MOST)
        self._tags: dict[tuple[str, ...], tuple[str, ...]] = _Bounded(self.MOST)
        self._origins: dict[tuple[tuple[str, str], ...], Mapping[str, Origin]] = _Bounded(self.MOST)

    def tag_list(self, tags: tuple[str, ...]) -> tuple[str, ...]:
        found = self._tags.get(tags)
        if found is None:
            found = tuple(map(sys.intern, tags))
            if len(tags) <= 3:  # (long lists seldom repeat)
                found = self._tags.setdefault(found, found)
        return found

    def origin_map(self, origins: Mapping[str, Origin]) -> Mapping[str, Origin]:
        key = tuple(origins.items())
        found = self._origins.get(key)
        if found is None:
            found = self._origins.setdefault(key, MappingProxyType(dict(origins)))
        return found


class _Bounded(dict[Any, Any]):
    """A dict that takes no new key once it holds `most`: `setdefault` then gives the value
    it was given."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most

    def setdefault(self, key: Any, default: Any = None) -> Any:
        found = self.get(key)
        if found is not None:
            return found
        if len(self) < self.most:
            self[key] = default
        return default


def _compared(p: Posting) -> tuple[Any, ...]:
    return tuple(getattr(p, f.name) for f in Posting.__dataclass_fields__.values() if f.compare)


def bodies(postings: list[Posting]) -> list[str]:
    """The bodies of postings, those of stored ones read together rather than one by one."""
    stored = [p for p in postings if type(p) is StoredPosting and _unread(p)]
    if not stored:
        return [p.body for p in postings]
    found: dict[int, str] = {}
    by_store: dict[int, list[StoredPosting]] = {}
    for p in stored:
        by_store.setdefault(id(p._details), []).append(p)
    for group in by_store.values():
        found.update(zip(map(id, group), group[0]._details.bodies(group), strict=True))
    return [found.get(id(p)) or p.body for p in postings]


def columns(postings: Sequence[Any], names: Sequence[str]) -> list[list[Any]]:
    """The values of these fields of each posting: a list per field, in the postings' order.
    A stored posting whose fields are not read yet is read from its row and left unread (what
    a whole list's arrays are made of, each posting need not keep); one whose row does not
    check out is read as `fill` reads it (`UNREADABLE`). Any other object: its attributes."""
    found: list[list[Any]] = [[None] * len(postings) for _ in names]
    unread: dict[int, tuple[Reader, list[tuple[int, StoredPosting]]]] = {}
    for i, p in enumerate(postings):
        if type(p) is StoredPosting:
            reader = _ROW_SLOT.__get__(p)
            if type(reader) is Reader:
                unread.setdefault(id(reader), (reader, []))[1].append((i, p))
                continue
        for column, name in zip(found, names, strict=True):
            column[i] = getattr(p, name)
    for reader, items in unread.values():
        reader.peek(items, names, found)
    return found


def _unread(p: StoredPosting) -> bool:
    try:
        _BODY_SLOT.__get__(p)
    except AttributeError:
        return True
    return False


class Reader:
    """Turns stored rows into postings, sharing what repeats (companies, places, dates,
    salaries, tag lists, origins) and checking each distinct value once."""

    def __init__(
        self,
        details: Details,
        spell: Callable[[Any, Any], str | None] | None = None,
        per_file: int = 1,
    ) -> None:
        """`spell`: a stored file's path as the load names it, from the file and root columns
        of the store (None: not under a root of it); `per_file`: how many numbers a file's
        postings have (the number of a posting's file is its number divided by it)."""
        self.details = details
        self._spell = spell
        self._per_file = per_file
        self._span = FILL_FILES * per_file
        """The numbers of the postings of `FILL_FILES` files: rows read together."""
        self._rows = StoredRows([], per_file)
        """The postings of `by_file` (those whose fields are not read yet: `_unread`)."""
        self._good: OrderedDict[int, set[int]] = OrderedDict()
        """The numbers whose rows `check` found good, of the last spans of files it read."""
        self._lock = threading.Lock()
        qualified = ", ".join(f"postings.{c.strip()}" for c in f"key, {COLUMNS}".split(","))
        self._fill_sql = (
            f"SELECT {qualified}, files.file, files.root FROM postings "
            f"JOIN files ON files.id = postings.n / {per_file} "
            "WHERE postings.n >= ? AND postings.n < ? ORDER BY postings.n"
        )
        self._texts: dict[str, str] = {}
        self._tags: dict[str, tuple[str, ...]] = {}
        self._tag_names = _TagNames()
        self._origins: dict[str, Mapping[str, Origin]] = {}
        self._dates: dict[int, date] = {}
        self._salaries: dict[tuple[Any, ...], Salary] = {}

    def by_file(self, rows: Iterable[tuple[Any, ...]]) -> StoredRows:
        """The postings of rows (`n, id, digest`, in the order of `n`), each with its id and
        digest, its other fields read when first asked for (`fill`), by their files (a file
        with a row whose id or digest is not what the loader writes is refused). The loop a
        reopen spends its time in."""
        found: list[StoredPosting] = []
        refused: set[int] = set()
        new, kind, hex_id, per_file = _NEW, StoredPosting, _HEX_RE.fullmatch, self._per_file
        details, append = self.details, found.append
        set_id, set_digest, set_n, set_details, set_row = _LAZY_SETTERS
        number: Any = None
        start = 0  # where the postings of file `number` start in `found`
        for n, pid, digest in rows:
            if type(n) is not int:
                continue
            if n // per_file != number:
                number, start = n // per_file, len(found)
            elif number in refused:
                continue
            if not (type(pid) is str and type(digest) is str and hex_id(pid) and hex_id(digest)):
                refused.add(number)
                del found[start:]
                continue
            p = new(kind)
            set_id(p, pid)
            set_digest(p, digest)
            set_n(p, n)
            set_details(p, details)
            set_row(p, self)
            append(p)
        self._rows = StoredRows(found, per_file, refused)
        return self._rows

    def _unread(self, start: int, end: int) -> dict[int, StoredPosting]:
        """The postings of `by_file` numbered from `start` to `end` whose fields are not read
        yet, by number."""
        return {p._n: p for p in self._rows.numbered(start, end) if _ROW_SLOT.__get__(p) is self}

    def fill(self, p: StoredPosting) -> None:
        """Read a stored posting's fields from its row (`by_file`), with those of the postings
        of the next files (whose rows lie beside it: the detail pane and a check of the files
        ask for them next); a row that is not there or does not check out gives a posting
        that says so (`UNREADABLE`)."""
        with self._lock:  # (two threads: one reads the rows, the other waits for them)
            if _ROW_SLOT.__get__(p) is not self:
                return  # read meanwhile
            span = self._span
            start = p._n - p._n % span
            waiting = self._unread(start, start + span)
            for row in self.details._query(self._fill_sql, (start, start + span)):
                q = waiting.pop(row[1], None)
                if q is not None:
                    self._fill_row(q, row)
            if _ROW_SLOT.__get__(p) is self:  # its row is gone (another jobtui wrote)
                self._fill_row(p, None)

    def peek(
        self, items: list[tuple[int, StoredPosting]], names: Sequence[str], found: list[list[Any]]
    ) -> None:
        """For `columns`: the fields `names` of postings (each with its place in `found`)
        read from their rows, a span of files at a time, the postings left unread."""
        slots = [_FIELD_SLOTS.get(name) or Posting.__dict__[name] for name in names]
        span = self._span
        spans: dict[int, dict[int, tuple[int, StoredPosting]]] = {}
        for i, p in items:
            spans.setdefault(p._n - p._n % span, {})[p._n] = (i, p)
        scratch = _NEW(StoredPosting)
        for start, wanted in spans.items():
            with self._lock:
                for row in self.details._query(self._fill_sql, (start, start + span)):
                    item = wanted.get(row[1])
                    if item is None or _ROW_SLOT.__get__(item[1]) is not self:
                        continue  # not asked for, or read meanwhile (read as it is, below)
                    i, p = item
                    if not self._checks_out(row, p, scratch):
                        self._fill_row(p, row)  # (read as `fill` reads it: unreadable)
                        continue
                    for column, slot in zip(found, slots, strict=True):
                        column[i] = slot.__get__(scratch)
                    del wanted[row[1]]
                for _, p in wanted.values():
                    if _ROW_SLOT.__get__(p) is self:  # its row is gone
                        self._fill_row(p, None)
            for i, p in wanted.values():
                for column, name in zip(found, names, strict=True):
                    column[i] = getattr(p, name)

    def check(self, p: StoredPosting) -> None:
        """Check a stored posting's row as `fill` would read it, with those of the postings
        of the next files, without keeping their fields: only a posting whose row does not
        check out (or is gone) is filled, as `UNREADABLE`."""
        with self._lock:
            if _ROW_SLOT.__get__(p) is not self:
                return  # read meanwhile
            span = self._span
            start = p._n - p._n % span
            good = self._good.get(start)
            if good is None:
                good = self._good[start] = set()
                while len(self._good) > CHECKED_SPANS:
                    self._good.popitem(last=False)
                waiting, scratch = self._unread(start, start + span), _NEW(StoredPosting)
                for row in self.details._query(self._fill_sql, (start, start + span)):
                    q = waiting.get(row[1])
                    if q is not None and self._checks_out(row, q, scratch):
                        good.add(row[1])
            if p._n not in good:  # its row does not check out, or is gone
                self._fill_row(p, None)

    def _checks_out(self, row: tuple[Any, ...], p: StoredPosting, scratch: StoredPosting) -> bool:
        """Whether `p`'s row checks out as `fill` reads it, read into `scratch` (whose
        fields then hold its values), `p` left as it is."""
        _ID_SLOT.__set__(scratch, p.id)
        _DIGEST_SLOT.__set__(scratch, p.digest)
        self._fill_row(scratch, row)
        return _ROW_SLOT.__get__(scratch) is None

    def _fill_row(self, p: StoredPosting, row: tuple[Any, ...] | None) -> None:
        """Set a posting's fields from its row (`key, COLUMNS, file, root`), every value
        checked, the id and digest those it was listed with; all made before any is set."""
        spelled = None
        try:
            if row is None:
                raise ValueError("no row")
            (local, _, pid, title, company, location, remote, lo, hi, currency, period, tags,
             posted, url, origins, digest, form, file, root) = row  # fmt: skip
            texts, dates, tag_lists = self._texts, self._dates, self._tags
            fmt = FORMAT_NAMES.get(form)
            spelled = None if self._spell is None else self._spell(file, root)
            if not (
                fmt is not None
                and spelled is not None
                and pid == p.id
                and digest == p.digest
                and _row_checks(local, pid, title, digest)
                and (url is None or _line(url))
                and (remote is None or remote in (0, 1, 2))
            ):
                raise ValueError("not a stored posting")
            source = clean_field(spelled)  # as the loader makes it
            values = (
                source if local is None else f"{source}#{local}",
                title,
                None if company is None else texts.get(company) or self._text(company),
                None if location is None else texts.get(location) or self._text(location),
                None if remote is None or remote == 2 else remote == 1,
                remote == 2,
                None if lo is None and hi is None else self._salary(lo, hi, currency, period),
                tag_lists.get(tags) or self._tag_list(tags),
                None if posted is None else dates.get(posted) or self._date(posted),
                url,
                self._origin_map(origins),
                fmt,
            )
            state = None
        except (ValueError, TypeError, OverflowError, KeyError, RecursionError):
            source = "" if spelled is None else clean_field(spelled)
            values = (source, UNREADABLE_TITLE, None, None, None, False, None, (), None, None,
                      _NO_ORIGINS, "markdown")  # fmt: skip
            state = UNREADABLE
        for setter, value in zip(_FILL_SETTERS, values, strict=True):
            setter(p, value)
        _ROW_SLOT.__set__(p, state)

    def listed(
        self, rows: Iterable[tuple[Any, ...]], sources: Mapping[int, str], per_file: int
    ) -> dict[int, list[Listed] | None]:
        """`by_file` for a reopened list: rows of `key, LISTED_COLUMNS` made `Listed`, each
        with its head checked as what `records.heads` writes of that very row (`HeadCheck`)."""
        found: dict[int, list[Listed] | None] = {}
        texts, dates = self._texts, self._dates
        new, kind, of_row = _NEW, Listed, HeadCheck()
        (set_id, set_source, set_title, set_company, set_salary, set_posted, set_digest,
         set_head) = _LISTED_SETTERS  # fmt: skip
        for number, source, row in _of_files(rows, sources, per_file, found):
            local, _, pid, title, company, lo, hi, currency, period, posted, digest, head = row
            try:
                if not _row_checks(local, pid, title, digest):
                    raise ValueError("not a stored posting")
                p = new(kind)
                set_id(p, pid)
                set_source(p, source if local is None else f"{source}#{local}")
                set_title(p, title)
                set_company(
                    p, None if company is None else texts.get(company) or self._text(company)
                )
                set_salary(
                    p, None if lo is None and hi is None else self._salary(lo, hi, currency, period)
                )
                set_posted(p, None if posted is None else dates.get(posted) or self._date(posted))
                set_digest(p, digest)
                if not of_row(head, p):
                    raise ValueError("not the head of this row")
                set_head(p, head)
            except (ValueError, TypeError, OverflowError, KeyError, RecursionError):
                found[number] = None
                continue
            found[number].append(p)  # type: ignore[union-attr]
        return found

    def _text(self, value: Any) -> str:
        """A company or place: checked once, then shared by every posting that names it."""
        if not _line(value) or not value:
            raise ValueError("not one line of text")
        self._texts[value] = value
        return value  # type: ignore[no-any-return]

    def _salary(self, lo: Any, hi: Any, currency: Any, period: Any) -> Salary:
        key = (*_pay_key(lo, hi), currency, period)
        found = self._salaries.get(key)
        if found is None:
            for bound in (lo, hi):
                if bound is not None and (
                    type(bound) not in (int, float) or not math.isfinite(bound)
                ):
                    raise ValueError("not an amount")
            guessed = type(period) is str and period[:1] == "?"  # (a period guessed: `?year`)
            if guessed:
                period = period[1:]
            if not (currency is None or type(currency) is str) or not (
                period is None or period in PER_YEAR
            ):
                raise ValueError("not a salary")
            found = self._salaries[key] = Salary(lo, hi, currency, period, guessed)
        return found

    def _tag_list(self, text: Any) -> tuple[str, ...]:
        found = self._tags.get(text)
        if found is None:  # (checked again: the caller's `get` cannot tell `()` from missing)
            if type(text) is not str:
                raise ValueError("tags are not text")
            # Each tag checked once, its text shared by every posting naming it (a few
            # thousand distinct tags at most, against millions of mentions); a list of tags
            # is kept for the next posting only when short (long ones seldom repeat).
            found = tuple(map(self._tag_names.__getitem__, text.split("\n"))) if text else ()
            if len(found) <= 3:
                self._tags[text] = found
        return found

    def _origin_map(self, text: Any) -> Mapping[str, Origin]:
        found = self._origins.get(text)
        if found is None:
            if type(text) is not str:
                raise ValueError("origins are not text")
            value = json.loads(text)
            if not (
                type(value) is dict
                and _ORIGIN_FIELDS.issuperset(value)
                and _ORIGINS.issuperset(value.values())
            ):
                raise ValueError("not origins")
            found = self._origins[text] = MappingProxyType(value)
        return found

    def _date(self, ordinal: Any) -> date:
        found = self._dates.get(ordinal)
        if found is None:
            if type(ordinal) is not int:
                raise ValueError("not a day")
            found = self._dates[ordinal] = date.fromordinal(ordinal)
        return found


class _TagNames(dict[str, str]):
    """Tags as stored, each checked once (one line of text, not empty) and interned."""

    def __missing__(self, tag: str) -> str:
        if not tag or not _line(tag):
            raise ValueError("a tag that is not one")
        found = self[tag] = sys.intern(tag)
        return found


_NUMBER = attrgetter("_n")
_UNTAKEN = bytes.maketrans(b"\x00\x01", b"\x01\x00")


class StoredRows:
    """The postings `Reader.by_file` made, by their files: one list of them all in the order
    of their numbers, a file's found by bisection (a list and a dict entry for each file, and
    a dict of the postings by number, took about 200 bytes a posting)."""

    __slots__ = ("_next", "_per_file", "_postings", "_refused", "_taken")

    def __init__(
        self, postings: list[StoredPosting], per_file: int, refused: set[int] | None = None
    ) -> None:
        self._postings = postings
        self._per_file = per_file
        self._refused = refused or set()
        """Files with a row that did not check out (none of their postings is made)."""
        self._taken = bytearray(len(postings))
        """1 for each posting of a file `pop` gave."""
        self._next = 0
        """Where the postings after those `pop` gave last start (a load asks for the files
        in about the order of their numbers: the next one is most often there)."""

    def _span(self, start: int, end: int) -> tuple[int, int]:
        """Where the postings numbered from `start` to `end` lie in the list."""
        postings = self._postings
        lo = bisect_left(postings, start, key=_NUMBER)
        return lo, bisect_left(postings, end, lo=lo, key=_NUMBER)

    def numbered(self, start: int, end: int) -> list[StoredPosting]:
        """The postings numbered from `start` to `end` (taken or not)."""
        lo, hi = self._span(start, end)
        return self._postings[lo:hi]

    def pop(self, number: int) -> list[Posting] | None:
        """The postings of file `number` the first time it is asked for, else none; None for
        a refused file."""
        if number in self._refused:
            return None
        postings, per_file = self._postings, self._per_file
        start, end = number * per_file, (number + 1) * per_file
        lo = self._next  # (where a file starts: the one after the last given)
        if lo < len(postings) and postings[lo]._n // per_file == number:
            hi = lo + 1  # (the next file's: no bisection)
            while hi < len(postings) and postings[hi]._n < end:
                hi += 1
        else:
            lo, hi = self._span(start, end)
        if lo == hi or self._taken[lo]:
            return []
        self._taken[lo:hi] = b"\x01" * (hi - lo)
        self._next = hi
        taken: list[Posting] = [*postings[lo:hi]]
        return taken

    def left(self) -> list[Posting]:
        """The postings of the files not asked for yet, in order."""
        left: list[Posting] = list(compress(self._postings, self._taken.translate(_UNTAKEN)))
        return left


def _setters(kind: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    """The setters of fields on objects of `kind`: each slot's own (a frozen posting's too),
    called directly, faster than `object.__setattr__` by name (up to 15 fields a row)."""
    return tuple(inspect.getattr_static(kind, name).__set__ for name in names)


_LAZY_SETTERS = _setters(StoredPosting, ("id", "digest", "_n", "_details", "_row"))
"""The setters of `Reader.by_file`, in its order."""
_FILL_SETTERS = _setters(
    StoredPosting,
    ("source", "title", "company", "location", "remote", "hybrid", "salary", "tags",
     "posted", "url", "origins", "format"),
)  # fmt: skip
"""The setters of `Reader.fill`, in its order."""
_NO_ORIGINS: Mapping[str, Origin] = MappingProxyType({})
_LISTED_SETTERS = _setters(
    Listed, ("id", "source", "title", "company", "salary", "posted", "digest", "head")
)
"""The setters of `Reader.listed`, in its order."""


def _of_files(
    rows: Iterable[tuple[Any, ...]],
    sources: Mapping[int, str],
    per_file: int,
    found: dict[int, list[Any] | None],
) -> Iterator[tuple[int, str, tuple[Any, ...]]]:
    """(file number, its source, row) of each row (`key, n, ...`, in the order of `n`) of a
    file in `sources`, each such file given a list in `found`; the rest of a file's rows are
    skipped once its list is set to None (a row of it refused)."""
    number: Any = None  # the file of the rows last read
    source = ""
    for row in rows:
        n = row[1]
        if type(n) is not int:
            continue
        if n // per_file != number:
            number = n // per_file
            file = sources.get(number)
            if file is None:  # not a file of this load
                continue
            found.setdefault(number, [])
            source = clean_field(file)  # as the loader makes it
        if found.get(number) is not None:
            yield number, source, row


def _row_checks(local: Any, pid: Any, title: Any, digest: Any) -> bool:
    """Whether a stored row's key, id, title and content hash are of the types and text the
    loader writes (no control character, hexadecimal ids): what every row passes before it
    is read (`Reader.by_file`, `Reader.listed`)."""
    return bool(
        (local is None or (type(local) is str and not has_controls(local)))
        and type(pid) is str
        and _HEX_RE.fullmatch(pid)
        and type(digest) is str
        and _HEX_RE.fullmatch(digest)
        and _line(title)
        and title
    )


def _line(value: Any) -> bool:
    """Whether a value is one-line text the loader could have written (cleaned)."""
    if type(value) is not str:
        return False
    return (value.isascii() and value.isprintable()) or clean_field(value) == value


def row_of(posting: Posting) -> tuple[Any, ...]:
    """The stored columns of a posting after its number and key: `COLUMNS` without `n`, then
    the body and the front matter as JSON (see `plain.meta_to_plain`). Raises ValueError for
    a posting the store does not keep (front matter JSON cannot hold)."""
    from jobtui.postings.plain import meta_to_plain

    s = posting.salary
    meta = json.dumps(meta_to_plain(dict(posting.meta)), allow_nan=False, separators=(",", ":"))
    origins = json.dumps(dict(posting.origins), separators=(",", ":"), sort_keys=True)
    for text in (posting.body, meta):
        text.encode("utf-8")  # a lone surrogate SQLite cannot store: raises ValueError
    return (
        posting.id, posting.title, posting.company, posting.location,
        2 if posting.hybrid else None if posting.remote is None else int(posting.remote),
        None if s is None else s.min, None if s is None else s.max,
        None if s is None else s.currency,
        None if s is None else f"?{s.period}" if s.period_guessed else s.period,
        "\n".join(posting.tags), None if posting.posted is None else posting.posted.toordinal(),
        posting.url, origins, posting.digest, posting.format, posting.body, meta,
    )  # fmt: skip
