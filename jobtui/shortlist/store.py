"""The shortlist: bookmarks with application status, notes and follow-up dates, kept safely.

One human-readable JSON file in the config directory. Every change is made under a lock on the
file as it is on disk at that moment (so two jobtui processes do not lose each other's changes)
and written atomically. A file that cannot be read is moved aside, never overwritten; an entry
that cannot be read is kept as it was, and keys a newer jobtui wrote survive a save.

Nothing typed is lost: removing a bookmark keeps it in the file, marked removed, with its status,
history and notes, and bookmarking the posting again brings all of it back.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from jobtui.postings.loader import absolute_source
from jobtui.postings.model import (
    STATUSES,
    AmbiguousId,
    Posting,
    UnknownId,
    check_status,
    resolve_id,
)
from jobtui.postings.text import clean_field, strip_controls
from jobtui.storage import (
    atomic_write,
    config_dir,
    file_stamp,
    locked,
    move_aside,
    repair_damaged,
    why_not_saved,
)

FORMAT_VERSION = 1
FILE_NAME = "bookmarks.json"
TEMP_PREFIX = ".bookmarks-"
"""Temporary files of a save; all are left over from a killed save when the lock is held."""


BEFORE_INTERVIEWS = frozenset({"saved", "applied"})
"""Statuses an interview moves on to interviewing (`add_interview`)."""


class BookmarkError(Exception):
    """A request the store cannot carry out (unknown status, no such bookmark)."""


class NotSaved(BookmarkError):
    """A change that could not be saved just now: the file cannot be read or written."""


@dataclass(frozen=True, slots=True)
class Note:
    """A dated note on a bookmark."""

    at: str
    """When it was written, ISO 8601 with seconds."""
    text: str
    """What the person wrote (may span lines)."""


@dataclass(frozen=True, slots=True)
class Interview:
    """An interview on an application's calendar."""

    at: str
    """When: ISO 8601 date and time (`2026-12-01T14:00`, local time), or a date alone."""
    label: str = ""
    """What it is, in the person's words (`Onsite with the team`)."""


@dataclass(frozen=True, slots=True)
class Change:
    """A status an application reached, and when."""

    status: str
    """One of STATUSES."""
    at: str
    """When, ISO 8601 with seconds (a date alone when the person gave one)."""
    note: str = ""
    """What the person said of it, if anything."""


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A shortlisted posting, with a snapshot so it still shows when the file is gone."""

    id: str
    """The posting id."""
    saved_at: str
    """When it was bookmarked, ISO 8601."""
    status: str = "saved"
    """One of STATUSES."""
    notes: tuple[Note, ...] = ()
    """Dated notes, oldest first."""
    follow_up: str | None = None
    """A follow-up date (YYYY-MM-DD), or None."""
    updated_at: str = ""
    """When anything last changed."""
    history: tuple[Change, ...] = ()
    """Every status the application reached, oldest first (empty in files from jobtui 0.1)."""
    removed_at: str | None = None
    """When it was taken off the shortlist; None while it is on it."""
    interviews: tuple[Interview, ...] = ()
    """Interviews, in the order of their dates."""
    title: str = ""
    """Snapshot of the posting's title."""
    company: str | None = None
    """Snapshot of the company."""
    location: str | None = None
    """Snapshot of the location."""
    remote: bool | None = None
    """Snapshot of the remote flag."""
    hybrid: bool = False
    """Snapshot of the hybrid policy (remote is then None)."""
    salary: Mapping[str, Any] | None = None
    """Snapshot of the salary as written (min, max, currency, period)."""
    tags: tuple[str, ...] = ()
    """Snapshot of the tags."""
    posted: str | None = None
    """Snapshot of the posting date (YYYY-MM-DD)."""
    url: str | None = None
    """Snapshot of the link."""
    source: str = ""
    """Snapshot of the file path."""
    digest: str = ""
    """Hash of the posting's content, so the bookmark follows a moved file."""
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)
    """Keys this jobtui does not know (a newer one wrote them): kept, and written back."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        for name in self.__dataclass_fields__:
            if name != "extra":
                data[name] = getattr(self, name)
        data["notes"] = [{"at": n.at, "text": n.text} for n in self.notes]
        data["history"] = [{"status": c.status, "at": c.at, "note": c.note} for c in self.history]
        data["interviews"] = [{"at": i.at, "label": i.label} for i in self.interviews]
        data["salary"] = dict(self.salary) if self.salary is not None else None
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Bookmark:
        """A bookmark from its JSON; raises ValueError for an entry that cannot be trusted (not
        an object, or no id). A field of the wrong type is not read, and kept as written under
        `unread`, so a save loses nothing."""
        if not isinstance(data, dict):
            raise ValueError("an entry is not an object")
        unread: dict[str, Any] = {}

        def text(key: str, required: bool = False) -> str | None:
            value = data.get(key)
            if isinstance(value, str) and value:
                return value
            if required:
                raise ValueError(f"an entry has no {key}")
            if value not in (None, ""):
                unread[key] = value
            return None

        def one_of(key: str, ok: Callable[[Any], bool]) -> Any:
            value = data.get(key)
            if value is None or ok(value):
                return value
            unread[key] = value
            return None

        fields: dict[str, Any] = {
            "id": text("id", required=True),
            **{k: text(k) or "" for k in ("saved_at", "updated_at", "title", "source", "digest")},
            **{k: text(k) for k in ("follow_up", "company", "location", "url", "removed_at")},
            "posted": text("posted"),
            "status": one_of("status", lambda v: v in STATUSES) or "saved",
            "remote": one_of("remote", lambda v: isinstance(v, bool)),
            "hybrid": one_of("hybrid", lambda v: isinstance(v, bool)) or False,
            "salary": one_of("salary", _salary_ok),
            "tags": tuple(
                one_of("tags", lambda v: isinstance(v, list) and all(isinstance(t, str) for t in v))
                or ()
            ),
        }
        fields["notes"], bad_notes = _notes(data.get("notes"))
        fields["history"], bad_history = _history(data.get("history"))
        fields["interviews"], bad_interviews = _interviews(data.get("interviews"))
        if bad_interviews:
            unread["interviews"] = bad_interviews
        if bad_notes:
            unread["notes"] = bad_notes
        if bad_history:
            unread["history"] = bad_history
        # The file is edited by hand and was written by older versions: what reaches a terminal
        # or an export is cleaned like posting text.
        for key in ("title", "company", "location", "url", "source", "follow_up", "posted"):
            if fields[key]:
                fields[key] = clean_field(fields[key])
        fields["tags"] = tuple(clean_field(t) for t in fields["tags"])
        known = (set(cls.__dataclass_fields__) - {"extra"}) | {"unread"}
        extra = {k: v for k, v in data.items() if k not in known}
        old_unread = data.get("unread")
        if isinstance(old_unread, dict):
            unread = {**old_unread, **unread}
        elif old_unread is not None:
            extra["unread"] = old_unread
        if unread:
            extra["unread"] = unread
        return cls(**fields, extra=extra)


def _salary_ok(value: Any) -> bool:
    """A salary snapshot as jobtui writes it: numbers (or null) and short strings."""
    if not isinstance(value, dict):
        return False
    for key in ("min", "max"):
        v = value.get(key)
        if v is not None and (
            isinstance(v, bool) or not isinstance(v, int | float) or not 0 <= v < math.inf
        ):
            return False
    return all(
        value.get(k) is None or isinstance(value.get(k), str) for k in ("currency", "period")
    )


def _notes(value: Any) -> tuple[tuple[Note, ...], list[Any]]:
    """The notes that read (a plain string is a note without a date), and those that do not."""
    good: list[Note] = []
    bad: list[Any] = []
    for n in value if isinstance(value, list) else ([] if value is None else [value]):
        if isinstance(n, str) and n.strip():
            good.append(Note("", strip_controls(n)))
        elif isinstance(n, dict) and isinstance(n.get("text"), str):
            at = n.get("at")
            good.append(
                Note(clean_field(at) if isinstance(at, str) else "", strip_controls(n["text"]))
            )
        else:
            bad.append(n)
    return tuple(good), bad


def _interviews(value: Any) -> tuple[tuple[Interview, ...], list[Any]]:
    good: list[Interview] = []
    bad: list[Any] = []
    for i in value if isinstance(value, list) else ([] if value is None else [value]):
        at = i.get("at") if isinstance(i, dict) else None
        if isinstance(at, str) and _when(at) is not None:
            label = i.get("label")
            good.append(Interview(at, clean_field(label) if isinstance(label, str) else ""))
        else:
            bad.append(i)
    return tuple(sorted(good, key=lambda i: i.at)), bad


def _when(text: str) -> datetime | None:
    """An interview's time as written in the file (a date alone is that day, at midnight)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _history(value: Any) -> tuple[tuple[Change, ...], list[Any]]:
    good: list[Change] = []
    bad: list[Any] = []
    for c in value if isinstance(value, list) else ([] if value is None else [value]):
        if isinstance(c, dict) and c.get("status") in STATUSES:
            at, note = c.get("at"), c.get("note")
            good.append(
                Change(
                    c["status"],
                    at if isinstance(at, str) else "",
                    strip_controls(note) if isinstance(note, str) else "",
                )
            )
        else:
            bad.append(c)
    return tuple(good), bad


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


SNAPSHOT = ("title", "company", "location", "remote", "hybrid", "salary", "posted", "url", "source")
"""The fields of a posting's record (`Posting.to_dict`) a bookmark keeps."""


def snapshot(posting: Posting) -> dict[str, Any]:
    """What a bookmark keeps of its posting, so it still shows and exports without the file."""
    record = posting.to_dict()
    record["source"] = absolute_source(posting.source)  # whichever folder the command was in
    return {
        **{k: record[k] for k in SNAPSHOT},
        "tags": tuple(posting.tags),
        "digest": posting.digest,
    }


@dataclass(slots=True)
class _File:
    """The bookmarks file as read: entries by id, and what must be written back untouched."""

    items: dict[str, Bookmark] = field(default_factory=dict)
    unreadable: list[Any] = field(default_factory=list)
    """Entries that could not be read: kept as they are."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this jobtui does not know."""
    newer: int | None = None
    """The format version, when a newer jobtui wrote the file: read, but never written over."""
    notes: list[str] = field(default_factory=list)
    """What was repaired in reading (a BOM, another encoding, NaN): said once, at start."""


LIMIT = 64 * 1024 * 1024
"""A bookmarks file larger than this is not read (it is not one jobtui wrote)."""


def _decode(raw: bytes, notes: list[str]) -> str:
    """The file's text: UTF-8 (with or without the BOM Notepad writes), UTF-16 or UTF-32 with
    a BOM, else read as Windows-1252 (a hand edit in an old editor), which is said."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            if codec != "utf-8-sig":
                notes.append(f"it was {codec.upper()}; it is saved as UTF-8")
            return raw.decode(codec)
    if raw[1::2].count(0) > len(raw) // 4 or raw[0::2].count(0) > len(raw) // 4:
        with contextlib.suppress(UnicodeDecodeError):  # UTF-16 without a BOM (NULs are UTF-8)
            text = raw.decode("utf-16-le" if raw[1:2] == b"\0" else "utf-16-be")
            notes.append("it was UTF-16; it is saved as UTF-8")
            return text
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    notes.append("it was not UTF-8 and was read as Windows-1252; it is saved as UTF-8")
    return raw.decode("cp1252", errors="replace")


def _parse(text: str, notes: list[str]) -> Any:
    """JSON, where NaN, Infinity and numbers too large for a float (`1e400`), which JSON output
    cannot hold, are read as no value, and integers too long for Python as their text."""
    odd: list[str] = []
    try:
        data = _decoder(odd).decode(text)
    except RecursionError:
        raise ValueError("it is nested too deeply to be a bookmarks file") from None
    if odd:
        notes.append(f"{len(odd)} value(s) such as {odd[0]} are not numbers; dropped")
    return data


_VERSION_RE = re.compile(r'"version"\s*:\s*(\d{1,9})\b')


def _newer(text: str) -> bool:
    """Whether a file that does not read says it is of a newer format than this jobtui's."""
    m = _VERSION_RE.search(text)
    return m is not None and int(m.group(1)) > FORMAT_VERSION


_ENTRIES_RE = re.compile(r'"bookmarks"\s*:\s*\[')
_BETWEEN_RE = re.compile(r"[\s,]*")


_STRAY_COMMA_RE = re.compile(r'("(?:[^"\\]|\\.)*")|,(?=\s*[,\]}])|(?<=[\[{])(\s*),')
"""A JSON string (kept as it is), or a comma outside one that separates nothing: before
another comma or a closing bracket, or just after an opening one."""


def _without_stray_commas(text: str) -> str:
    """The text without commas that separate nothing (`[1,]`, `"a": 1,, "b"`, `{, "a": 1}`):
    the commonest slip of a hand edit, mended before any entry is given up."""
    return _STRAY_COMMA_RE.sub(lambda m: m.group(1) or m.group(2) or "", text)


_TITLE_RE = re.compile(r'"title"\s*:\s*"((?:[^"\\\n]|\\.){1,80})')
"""A title, as far as it goes on its line (the entry may be broken right there)."""
_ID_RE = re.compile(r'"id"\s*:\s*"([0-9a-f]{6,64})"')


def _salvage(text: str, notes: list[str]) -> list[Any]:
    """The entries of the bookmarks list that still read on their own, from a file that is
    not JSON as a whole: a comma too many or too few, an entry broken by a hand edit, a file
    cut short. Commas that separate nothing are dropped first (then usually every entry
    reads). Each entry is read where it starts; after one that does not read, reading goes
    on at the next object that reads and names a posting (`id`), however the file is laid
    out (not an entry's salary or note, which name none); the entries given up are named in
    `notes` (by title and id, as far as their text says them)."""
    mended = _without_stray_commas(text)
    if mended != text:
        try:
            data = _parse(mended, notes)
        except ValueError:
            pass
        else:
            if isinstance(data, dict) and isinstance(data.get("bookmarks"), list):
                notes.append("a comma that separated nothing was dropped")
                return list(data["bookmarks"])
        text = mended
    found = _ENTRIES_RE.search(text)
    if found is None:
        return []
    odd: list[str] = []
    lost: list[str] = []
    decode = _decoder(odd).raw_decode
    entries: list[Any] = []
    cut = False
    at = found.end()
    while True:
        at = _BETWEEN_RE.match(text, at).end()  # type: ignore[union-attr]
        if at >= len(text):  # (cut between two entries: no `]` closes the list)
            cut = True
            break
        if text[at] == "]":
            break
        try:
            entry, end = decode(text, at)
        except (ValueError, RecursionError):
            entry, end = None, at
        if isinstance(entry, dict):
            entries.append(entry)
            at = end
            continue
        resumed = _next_entry(text, at + 1, decode)
        skipped = text[at : len(text) if resumed is None else resumed[2]]
        lost.append(_named(skipped))
        if resumed is None:
            cut = not text.rstrip().endswith("}")  # (a whole file ends with its `}`)
            break
        entry, at, _ = resumed
        entries.append(entry)
    if odd:
        notes.append(f"{len(odd)} value(s) such as {odd[0]} are not numbers; dropped")
    if lost:
        notes.append(f"not read, and kept only in the file as it was: {'; '.join(lost)}")
    if cut:
        notes.append("the file ends there, cut short: any bookmark that came after is not in it")
    return entries


def _named(skipped: str) -> str:
    """What a bookmark that could not be read was, as far as its text says: its title and id."""
    title, pid = _TITLE_RE.search(skipped), _ID_RE.search(skipped)
    if title is None and pid is None:
        return "a bookmark whose title cannot be told"
    name = clean_field(title.group(1).replace('\\"', '"')).rstrip(", ") if title else ""
    name = name or "a bookmark"
    return f"{name} ({pid.group(1)[:12]})" if pid else name


_TRIES = 100_000
"""Objects tried after a broken entry before giving up (a file of nothing but braces)."""


def _next_entry(
    text: str, start: int, decode: Callable[[str, int], tuple[Any, int]]
) -> tuple[dict[str, Any], int, int] | None:
    """The next object from `start` that reads and names a posting, where it ends and where
    it starts."""
    at = start
    for _ in range(_TRIES):
        at = text.find("{", at)
        if at < 0:
            return None
        try:
            entry, end = decode(text, at)
        except (ValueError, RecursionError):
            at += 1
            continue
        if isinstance(entry, dict) and "id" in entry:
            return entry, end, at
        at += 1
    return None


def _decoder(odd: list[str]) -> json.JSONDecoder:
    """A JSON reader that reads NaN, Infinity and `1e400` as no value (said in `odd`)."""

    def constant(name: str) -> None:
        odd.append(name)

    def real(digits: str) -> float | None:
        value = float(digits)
        if math.isfinite(value):
            return value
        odd.append(digits[:20])
        return None

    def whole(digits: str) -> int | str:
        try:
            return int(digits)
        except ValueError:  # longer than Python converts (4,300 digits): kept, as text
            return digits

    return json.JSONDecoder(parse_constant=constant, parse_float=real, parse_int=whole)


def _moved(b: Bookmark, status: str, when: str) -> Bookmark:
    """The application moved to a status at `when` (now), the move kept at the end of its
    history (which starts with the save, for an entry written before histories were kept)."""
    history = b.history or (Change(b.status, b.saved_at),)
    return replace(b, status=status, history=(*history, Change(status, when)))


def _reached(b: Bookmark, status: str, on: date) -> Bookmark:
    """The application reached a status on a past day (a person catching up), kept so that
    the history stays a true account, in the order of its days (stats and the agenda read it
    so: the first `applied` is the day it was applied to, the last step is the latest).

    Nothing is dated before the save: a step before it moves the save back to that day (a
    posting applied to on the 20th was on the list by then). A step before others already
    kept goes in among them, after those of its day, and the status stays the latest step's
    (`kept_before` says so). A step already kept is not kept twice. Steps whose date does not
    read (a hand edit) are left where they are, and nothing goes before them."""
    when = on.isoformat()
    history = list(b.history or (Change(b.status, b.saved_at),))
    saved_at = b.saved_at
    first = _day(history[0].at)
    if history[0].status == "saved" and first is not None and on < first:
        history[0] = replace(history[0], at=when)  # (its note, if any, stays)
    saved = _day(saved_at)
    if saved is not None and on < saved:
        saved_at = when
    step = Change(status, when)
    if step in history:
        return replace(b, saved_at=saved_at, history=tuple(history))
    i = len(history)
    while i > 0 and (day := _day(history[i - 1].at)) is not None and day > on:
        i -= 1
    history.insert(i, step)
    latest = status if i == len(history) - 1 else b.status
    return replace(b, status=latest, saved_at=saved_at, history=tuple(history))


def _day(text: str) -> date | None:
    """The day of a time kept in the file (`2026-11-20`, or with its time of day)."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def check_on(on: date, today: date) -> None:
    """Refuse a day a status was reached that is still to come (BookmarkError)."""
    if on > today:
        raise BookmarkError(
            f"{on} is still to come (a status is recorded on the day it was reached)"
        )


def kept_before(b: Bookmark, status: str) -> str | None:
    """What to tell a person whose status for a past day went into the history before later
    steps, so that the status is still the latest step's; None when the status is `status`."""
    if b.status == status or not b.history:
        return None
    last = b.history[-1]
    return (
        f"{status} is kept in the history before {last.status} on {last.at[:10]}, "
        f"which came later: the status stays {b.status}"
    )


class BookmarkStore:
    """The shortlist file. Reads are from memory; every change re-reads, applies, and saves.

    With `keep_unsaved` (the TUI), a change that cannot be saved (a read-only folder, a full
    disk, a file being fixed by hand) is kept in memory, `unsaved` says why, and every later
    change and `retry()` try to save it again. Without it (the command line), such a change
    raises BookmarkError and changes nothing.
    """

    def __init__(
        self, directory: str | os.PathLike[str] | None = None, keep_unsaved: bool = False
    ) -> None:
        self.directory = config_dir(directory)
        self.path = self.directory / FILE_NAME
        self.lock_path = self.directory / (FILE_NAME + ".lock")
        self.keep_unsaved = keep_unsaved
        self.recovered: str | None = None
        """A message when the file was moved aside or repaired at load."""
        self.problem: str | None = None
        """Why the file could not be read since the app started (None: it reads)."""
        self.unsaved: str | None = None
        """Why changes kept in memory are not saved yet (None: everything is saved)."""
        self._pending: list[Callable[[dict[str, Bookmark]], None]] = []
        self._file = _File()
        self._active: dict[str, Bookmark] = {}
        self._seen: tuple[int, int, int] | None = None
        """(inode, size, modification time) of the file as last read or written."""
        self.reload()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file (at start): one that cannot be read is moved aside, and said so."""
        file = self._read(may_move=True)
        if file.notes and not self.recovered:
            self.recovered = (
                f"Your bookmarks file was repaired in reading: {'; '.join(file.notes)}."
            )
        if file.newer is not None:
            self.recovered = (
                f"Your bookmarks file was written by a newer jobtui (format {file.newer}); it is "
                "shown, but this jobtui will not change it."
            )
        self._set(file)

    def refresh(self) -> bool:
        """Read the file again if another process changed it since; True when it did.

        A file that cannot be read just now (a person is editing it by hand) is left where it
        is and the shortlist stays as it was; `problem` says so until the file reads again.
        """
        if self._stamp() == self._seen:
            return False
        try:
            file = self._read(may_move=False)
        except BookmarkError as exc:
            self.problem = str(exc)
            return False
        self.problem = None
        for apply in self._pending:  # what is not saved yet stays in sight
            with contextlib.suppress(BookmarkError):
                apply(file.items)
        self._set(file)
        return True

    def _stamp(self) -> tuple[int, int, int] | None:
        return file_stamp(self.path)

    def _set(self, file: _File) -> None:
        self._file = file
        self._active = {k: b for k, b in file.items.items() if b.removed_at is None}

    def _read(self, may_move: bool) -> _File:
        """The file as it is on disk. One that cannot be parsed is moved aside (at start) or,
        while the app runs, reported with BookmarkError and left alone."""
        self._seen = self._stamp()
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read(LIMIT + 1)
        except (FileNotFoundError, NotADirectoryError):  # none yet (saving says why if it can't)
            return _File()
        except OSError as exc:
            raise NotSaved(f"cannot read {self.path}: {exc.strerror or exc}") from None
        file = _File()
        if not raw.strip(b" \t\r\n\0"):  # emptied (a crash of an editor): nothing to keep
            return file
        text = None
        try:
            if len(raw) > LIMIT:
                raise ValueError(f"it is larger than {LIMIT // 2**20} MB")
            text = _decode(raw, file.notes)
            data = _parse(text, file.notes)
            if isinstance(data, list):  # a bare list of bookmarks, written by hand
                data = {"bookmarks": data}
            if not isinstance(data, dict):
                raise ValueError("it is not a bookmarks file")
            version = data.get("version")
            if isinstance(version, int) and not isinstance(version, bool):
                if version > FORMAT_VERSION:  # a newer jobtui's, whatever its layout: kept
                    file.newer = version
            elif version is not None:
                file.extra["unread_version"] = version
            if not isinstance(data.get("bookmarks"), list) and file.newer is None:
                raise ValueError("it holds no list of bookmarks")
        except ValueError as exc:
            salvaged = (
                _salvage(text, file.notes)
                if may_move
                and text is not None
                and isinstance(exc, json.JSONDecodeError)
                and not _newer(text)  # a newer jobtui's file is never written over
                else []
            )
            if salvaged:
                return self._repair(file, salvaged, exc, raw)
            if not may_move:
                raise NotSaved(
                    f"{self.path} cannot be read just now ({exc}); the shortlist is kept as it "
                    "was and nothing is saved until the file reads again"
                ) from None
            try:
                backup = move_aside(self.path)
            except OSError as err:  # a read-only folder: leave it, and never write over it
                self.recovered = (
                    f"Your bookmarks file could not be read ({exc}) nor moved aside "
                    f"({err.strerror or err}); jobtui shows an empty shortlist and saves "
                    "nothing until the file can be read."
                )
                return _File()
            if backup is None:  # another jobtui moved it aside first: read what is there now
                with contextlib.suppress(NotSaved):
                    return self._read(may_move=False)
                return _File()
            self.recovered = (
                f"Your bookmarks file could not be read ({exc}); it was moved to "
                f"{backup} and jobtui started an empty shortlist."
            )
            return _File()
        file.extra.update({k: v for k, v in data.items() if k not in ("version", "bookmarks")})
        entries = data.get("bookmarks")
        if not isinstance(entries, list):  # a newer layout: nothing this jobtui can show
            file.extra["bookmarks"] = entries
            return file
        _fill(file, entries)
        return file

    def _repair(self, file: _File, entries: list[Any], exc: ValueError, raw: bytes) -> _File:
        """At start, a file that is not JSON as a whole, of which `entries` still read: the
        file as it was is moved aside and what reads of it is saved in its place (said once).
        Where that cannot be done (a read-only folder), it is shown, and nothing is saved until
        the file reads again."""
        _fill(file, entries)
        changed, self.recovered = repair_damaged(
            self.path,
            self.lock_path,
            raw,
            lambda: self._write(file),
            exc,
            "Your bookmarks file",
            f"the {len(file.items)} bookmark(s) that read",
        )
        if self.recovered and file.notes:  # (what was mended, what was given up)
            self.recovered = f"{self.recovered.rstrip('.')}; {'; '.join(file.notes)}."
        if changed:  # repaired or fixed meanwhile: read it as it is now
            try:
                return self._read(may_move=False)
            except NotSaved:
                return file  # (damaged again: shown, never written over)
        return file

    def __len__(self) -> int:
        return len(self._active)

    def __contains__(self, posting_id: object) -> bool:
        return posting_id in self._active

    def get(self, posting_id: str) -> Bookmark | None:
        """The bookmark of a posting on the shortlist."""
        return self._active.get(posting_id)

    def entry(self, posting_id: str) -> Bookmark | None:
        """What the file holds for a posting, also when it was removed from the shortlist."""
        return self._file.items.get(posting_id)

    def all(self, status: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest saved first, optionally of one status."""
        items = sorted(self._active.values(), key=lambda b: b.saved_at, reverse=True)
        return [b for b in items if status is None or b.status == status]

    def by_id(self) -> Mapping[str, Bookmark]:
        """Bookmarks by posting id, read-only and without copying (the UI reads this often)."""
        return MappingProxyType(self._active)

    def marks(self) -> dict[str, str]:
        """Posting id to status, for the search filters."""
        return {k: b.status for k, b in self._active.items()}

    def find(self, prefix: str) -> Bookmark:
        """A bookmark by id or unique id prefix."""
        try:
            return self._active[resolve_id(prefix, self._active)]
        except UnknownId:
            raise BookmarkError(f"no bookmark with id {prefix!r}") from None
        except AmbiguousId as exc:
            raise BookmarkError(
                f"id {prefix!r} is ambiguous: it starts {exc.count} bookmarks"
            ) from None

    # --- changing -----------------------------------------------------------------------------

    def _change(self, apply: Callable[[dict[str, Bookmark]], None]) -> None:
        """Re-read under the lock, apply the change to what is on disk, save atomically.

        A change that cannot be saved just now raises NotSaved and changes nothing; or, with
        `keep_unsaved`, it is made in memory, kept for the next save, and `unsaved` says why.
        """
        try:
            self._commit([*self._pending, apply])
        except NotSaved as exc:
            if not self.keep_unsaved:
                raise
            apply(self._file.items)  # raises, as on disk, for a change that makes no sense
            self._pending.append(apply)
            self._set(self._file)
            self.unsaved = str(exc)

    @property
    def pending(self) -> int:
        """How many changes are kept in memory, not saved yet."""
        return len(self._pending)

    def retry(self) -> bool:
        """Try again to save the changes kept in memory; True when they are saved now."""
        if not self._pending:
            return False
        try:
            self._commit(self._pending, strict=False)
        except BookmarkError as exc:  # not saved yet, or never by this jobtui (a newer file)
            self.unsaved = str(exc)
            return False
        return True

    def _commit(
        self, changes: list[Callable[[dict[str, Bookmark]], None]], strict: bool = True
    ) -> None:
        """Apply the changes, in order, to the file as it is on disk, under the lock, and save.
        Only the last is strict (raises BookmarkError); one kept from earlier that no longer
        applies (an undo of a bookmark changed since) is dropped."""
        try:
            with locked(self.lock_path):
                file = self._read(may_move=False)  # never write over a file fixed by hand
                if file.newer is not None:
                    raise BookmarkError(
                        f"{self.path} was written by a newer jobtui (format {file.newer}); "
                        "this one does not change it"
                    )
                for i, change in enumerate(changes):
                    if strict and i == len(changes) - 1:
                        change(file.items)
                        continue
                    with contextlib.suppress(BookmarkError):
                        change(file.items)
                self._write(file)
        except OSError as exc:
            raise NotSaved(why_not_saved(self.path, exc, "the shortlist")) from None
        self._pending.clear()
        self.unsaved = None
        self._set(file)

    def _write(self, file: _File) -> None:
        entries = [b.to_json() for b in sorted(file.items.values(), key=lambda b: b.saved_at)]
        data = {**file.extra, "version": FORMAT_VERSION, "bookmarks": entries + file.unreadable}
        text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        for leftover in self.directory.glob(f"{TEMP_PREFIX}*.tmp"):  # from a killed save
            with contextlib.suppress(OSError):
                leftover.unlink()
        atomic_write(self.path, text, prefix=TEMP_PREFIX)
        self._seen = self._stamp()

    def add(self, posting: Posting, status: str = "saved") -> Bookmark:
        """Bookmark a posting, refreshing its snapshot; a posting bookmarked before comes back
        with its status, history and notes."""
        _check_status(status)

        stamp = now()  # once: a change kept unsaved is replayed, and must replay the same

        def apply(items: dict[str, Bookmark]) -> None:
            old = items.get(posting.id)
            if old:
                items[posting.id] = replace(old, removed_at=None, **snapshot(posting))
            else:
                items[posting.id] = Bookmark(
                    id=posting.id,
                    saved_at=stamp,
                    status=status,
                    updated_at=stamp,
                    history=(Change(status, stamp),),
                    **snapshot(posting),
                )

        self._change(apply)
        return self._active[posting.id]

    def remove(self, posting_id: str) -> bool:
        """Take a bookmark off the shortlist (kept, marked removed); False when there was none."""
        existed = posting_id in self._active
        stamp = now()

        def apply(items: dict[str, Bookmark]) -> None:
            current = items.get(posting_id)
            if current is not None and current.removed_at is None:
                items[posting_id] = replace(current, removed_at=stamp, updated_at=stamp)

        self._change(apply)
        return existed

    def put_back(
        self, posting_id: str, entry: Bookmark | None, expect: Bookmark | None = None
    ) -> None:
        """Make the file hold `entry` for this posting again (None: nothing): how a change is
        undone. With `expect`, only while the file still holds exactly that for it (raises
        BookmarkError when another process changed it since). Other bookmarks are left as they
        are on disk."""

        def apply(items: dict[str, Bookmark]) -> None:
            if expect is not None and items.get(posting_id) != expect:
                raise BookmarkError(
                    "another jobtui changed this bookmark since; not undone, to keep its change"
                )
            if entry is None:
                items.pop(posting_id, None)
            else:
                items[posting_id] = entry

        self._change(apply)

    def _update(self, posting_id: str, change: Callable[[Bookmark], Bookmark]) -> Bookmark:
        known = self._active.get(posting_id)
        if known is None:
            raise BookmarkError(f"no bookmark with id {posting_id!r}")
        stamp = now()

        def apply(items: dict[str, Bookmark]) -> None:
            current = items.get(posting_id) or known  # removed elsewhere meanwhile: keep it
            items[posting_id] = replace(change(current), removed_at=None, updated_at=stamp)

        self._change(apply)
        return self._active[posting_id]

    def set_status(self, posting_id: str, status: str, on: date | None = None) -> Bookmark:
        """Move an application to a status; the change is kept with its date (`on` for a day in
        the past, as when a person catches up: placed in the history by its day, `_reached`).
        Raises BookmarkError for a day still to come."""
        _check_status(status)
        if on is not None:
            check_on(on, date.today())
        when = now()

        def change(b: Bookmark) -> Bookmark:
            if on is not None:
                return _reached(b, status, on)
            if b.status == status and b.history:
                return b
            return _moved(b, status, when)

        return self._update(posting_id, change)

    def add_note(self, posting_id: str, text: str) -> Bookmark:
        text = strip_controls(text).strip()
        if not text:
            raise BookmarkError("a note needs some text")
        note = Note(now(), text)
        return self._update(posting_id, lambda b: replace(b, notes=(*b.notes, note)))

    def add_interview(
        self, posting_id: str, when: datetime | date, label: str = "", advance: bool = True
    ) -> Bookmark:
        """Put an interview on an application (a date alone: that day, no time). One that was
        saved or applied moves to interviewing, the change kept in its history (`advance`
        False: its status stays, as when the person sets one at the same time)."""
        at = when.isoformat(timespec="minutes") if isinstance(when, datetime) else when.isoformat()
        interview = Interview(at, clean_field(label).strip())

        def change(b: Bookmark) -> Bookmark:
            if interview in b.interviews:
                return b
            b = replace(b, interviews=tuple(sorted((*b.interviews, interview), key=_at)))
            return (
                _moved(b, "interviewing", now()) if advance and b.status in BEFORE_INTERVIEWS else b
            )

        return self._update(posting_id, change)

    def remove_interview(self, posting_id: str, at: str) -> Bookmark:
        """Take the interview at that time (as stored, or its first characters) off."""
        current = self.get(posting_id)
        if current is None or not any(i.at.startswith(at) for i in current.interviews):
            raise BookmarkError(f"no interview at {at!r} on {posting_id!r}")
        return self._update(
            posting_id,
            lambda b: replace(
                b, interviews=tuple(i for i in b.interviews if not i.at.startswith(at))
            ),
        )

    def set_follow_up(self, posting_id: str, day: date | None) -> Bookmark:
        value = day.isoformat() if day else None
        return self._update(posting_id, lambda b: replace(b, follow_up=value))

    def reconcile(self, postings: Iterable[Posting]) -> set[str]:
        """Let bookmarks follow postings that moved (same content, new id) or whose file was
        edited (same file, title and company, new content and id), and keep what they show of
        a posting that changed (a board edited its title or salary) up to date; return the ids
        of bookmarks whose posting is missing."""
        # Only the postings a bookmark asks for are indexed (a dict of every posting by id and
        # another by digest took ~100 bytes a posting at the end of a load).
        postings = list(postings)
        wanted = set(self._active)
        digests = {b.digest for b in self._active.values() if b.digest}
        by_id: dict[str, Posting] = {}  # (the last posting of an id, as everywhere)
        with_digest: set[str] = set()
        for p in postings:
            if p.id in wanted:
                by_id[p.id] = p
            if p.digest in digests:
                with_digest.add(p.id)
        # (An id held twice is its last posting's: an earlier one is not a posting of the
        # folder any more, whatever its digest.)
        named = _last_of(postings, with_digest)
        by_digest = {p.digest: p for p in named.values() if p.digest in digests}
        moves: dict[str, Posting] = {}
        changed = {}
        for b in self._active.values():
            posting = by_id.get(b.id)
            if posting is not None:
                if (
                    (posting.digest and b.digest != posting.digest)
                    or b.hybrid != posting.hybrid  # (a bookmark made before hybrid was read)
                    or b.source != absolute_source(posting.source)  # (or kept a relative path)
                ):
                    changed[b.id] = posting
            elif b.digest in by_digest and by_digest[b.digest].id not in self._file.items:
                moves[b.id] = by_digest[b.digest]
        lost = [b for b in self._active.values() if b.id not in by_id and b.id not in moves]
        if lost:  # the file edited where it lives: its content, and so its id, changed
            by_source = _by_source(postings, {absolute_source(b.source) for b in lost})
            taken = {p.id for p in moves.values()}
            for b in lost:
                edited = _edited(b, by_source.get(absolute_source(b.source), ()))
                if edited and edited.id not in self._file.items and edited.id not in taken:
                    moves[b.id] = edited
                    taken.add(edited.id)
        if moves or changed:

            def apply(items: dict[str, Bookmark]) -> None:
                for old_id, posting in moves.items():
                    if posting.id in items:  # bookmarked meanwhile (another jobtui): both stay
                        continue
                    old = items.pop(old_id, None)
                    if old:
                        items[posting.id] = replace(old, id=posting.id, **snapshot(posting))
                for pid, posting in changed.items():
                    if pid in items:
                        items[pid] = replace(items[pid], **snapshot(posting))

            # Not a change the person made: when it cannot be saved, it waits for the next
            # load rather than being kept in memory and asked about at quit.
            with contextlib.suppress(NotSaved):
                self._commit([*self._pending, apply])
        # (Bookmarks since moved, or made by another jobtui meanwhile, are looked for again.)
        missing = {k for k in self._active if k not in by_id}
        return missing.difference(p.id for p in postings) if missing else missing


SOURCES_AT_ONCE = 10_000
"""Postings whose sources `_by_source` reads at a time."""


def _last_of(postings: list[Posting], ids: set[str]) -> dict[str, Posting]:
    """The last posting of each of these ids (in the order each id first stands)."""
    found: dict[str, Posting] = {}
    for p in postings:
        if p.id in ids:
            found[p.id] = p
    return found


def _by_source(postings: list[Posting], sources: set[str]) -> dict[str, list[Posting]]:
    """The postings of these sources (absolute: see `absolute_source`), the last one of each
    id. Sources are read a part at a time, a stored posting's without filling it: a reopened
    list does not read every posting's fields to answer a few bookmarks."""
    from jobtui.postings.stored import columns

    named: set[str] = set()
    for at in range(0, len(postings), SOURCES_AT_ONCE):
        part = postings[at : at + SOURCES_AT_ONCE]
        (column,) = columns(part, ("source",))
        named.update(
            p.id for p, s in zip(part, column, strict=True) if absolute_source(s) in sources
        )
    last = list(_last_of(postings, named).values())
    found: dict[str, list[Posting]] = {}
    for p, source in zip(last, columns(last, ("source",))[0], strict=True):
        found.setdefault(absolute_source(source), []).append(p)
    return found


def _fill(file: _File, entries: list[Any]) -> None:
    """Read the entries of a file's list of bookmarks into `file`."""
    for entry in entries:
        try:
            b = Bookmark.from_json(entry)
        except ValueError:
            file.unreadable.append(entry)
            continue
        if b.id in file.items:  # the same posting twice: keep the newer, and the other
            old = file.items[b.id]
            if old.updated_at > b.updated_at:
                old, b = b, old
            file.unreadable.append(old.to_json())
        file.items[b.id] = b


def _edited(bookmark: Bookmark, there: Iterable[Posting]) -> Posting | None:
    """The one posting now read from the bookmark's file that is still the same job (same
    title and company): its file was edited. None when there is none, or more than one."""
    same = [p for p in there if p.title == bookmark.title and p.company == bookmark.company]
    return same[0] if len(same) == 1 else None


def _at(interview: Interview) -> str:
    return interview.at


def _check_status(status: str) -> None:
    try:
        check_status(status)
    except ValueError as exc:
        raise BookmarkError(str(exc)) from None
