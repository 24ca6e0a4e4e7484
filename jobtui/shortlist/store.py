"""The shortlist: bookmarks with application status, notes and follow-up dates, kept safely.

One human-readable JSON file in the config directory. Every change is made under a lock on the
file as it is on disk at that moment (so two jobtui processes do not lose each other's changes)
and written atomically. A file that cannot be read is moved aside, never overwritten; an entry
that cannot be read is kept as it was, and keys a newer jobtui wrote survive a save.

Nothing typed is lost: removing a bookmark keeps it in the file, marked removed, with its status,
history and notes, and bookmarking the posting again brings all of it back.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jobtui.postings.model import (
    STATUSES,
    AmbiguousId,
    Posting,
    UnknownId,
    check_status,
    resolve_id,
)
from jobtui.storage import atomic_write, config_dir

FORMAT_VERSION = 1
FILE_NAME = "bookmarks.json"


class BookmarkError(Exception):
    """A request the store cannot carry out (unknown status, no such bookmark)."""


@dataclass(frozen=True, slots=True)
class Note:
    """A dated note on a bookmark."""

    at: str
    """When it was written, ISO 8601 with seconds."""
    text: str
    """What the person wrote (may span lines)."""


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
    title: str = ""
    """Snapshot of the posting's title."""
    company: str | None = None
    """Snapshot of the company."""
    location: str | None = None
    """Snapshot of the location."""
    remote: bool | None = None
    """Snapshot of the remote flag."""
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
        data["salary"] = dict(self.salary) if self.salary is not None else None
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Bookmark:
        """A bookmark from its JSON; raises ValueError for an entry that cannot be trusted."""
        if not isinstance(data, dict):
            raise ValueError("an entry is not an object")
        text = {
            "id": _text(data, "id", required=True),
            "saved_at": _text(data, "saved_at") or "",
            "updated_at": _text(data, "updated_at") or "",
            "title": _text(data, "title") or "",
            "source": _text(data, "source") or "",
            "digest": _text(data, "digest") or "",
        }
        status = data.get("status")
        remote = data.get("remote")
        salary = data.get("salary")
        tags = data.get("tags")
        known = set(cls.__dataclass_fields__)
        return cls(
            **text,  # type: ignore[arg-type]
            follow_up=_text(data, "follow_up"),
            company=_text(data, "company"),
            location=_text(data, "location"),
            url=_text(data, "url"),
            status=status if status in STATUSES else "saved",
            notes=tuple(_notes(data.get("notes"))),
            history=tuple(_history(data.get("history"))),
            removed_at=_text(data, "removed_at"),
            remote=remote if isinstance(remote, bool) else None,
            salary=dict(salary) if isinstance(salary, dict) else None,
            tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
            posted=_text(data, "posted"),
            extra={k: v for k, v in data.items() if k not in known},
        )


def _text(data: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if isinstance(value, str) and value:
        return value
    if required:
        raise ValueError(f"an entry has no {key}")
    return None


def _notes(value: Any) -> Iterator[Note]:
    for n in value if isinstance(value, list) else ():
        if isinstance(n, dict) and isinstance(n.get("text"), str):
            yield Note(str(n.get("at") or ""), n["text"])


def _history(value: Any) -> Iterator[Change]:
    for c in value if isinstance(value, list) else ():
        if isinstance(c, dict) and c.get("status") in STATUSES:
            yield Change(c["status"], str(c.get("at") or ""), str(c.get("note") or ""))


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


SNAPSHOT = ("title", "company", "location", "remote", "salary", "posted", "url", "source")
"""The fields of a posting's record (`Posting.to_dict`) a bookmark keeps."""


def snapshot(posting: Posting) -> dict[str, Any]:
    """What a bookmark keeps of its posting, so it still shows and exports without the file."""
    record = posting.to_dict()
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


class BookmarkStore:
    """The shortlist file. Reads are from memory; every change re-reads, applies, and saves."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = config_dir(directory)
        self.path = self.directory / FILE_NAME
        self.lock_path = self.directory / (FILE_NAME + ".lock")
        self.recovered: str | None = None
        """A message when an unreadable file was moved aside at load."""
        self.problem: str | None = None
        """Why the file could not be read since the app started (None: it reads)."""
        self._file = _File()
        self._active: dict[str, Bookmark] = {}
        self._seen: tuple[int, int, int] | None = None
        """(inode, size, modification time) of the file as last read or written."""
        self.reload()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file (at start): one that cannot be read is moved aside, and said so."""
        self._set(self._read(move_aside=True))

    def refresh(self) -> bool:
        """Read the file again if another process changed it since; True when it did.

        A file that cannot be read just now (a person is editing it by hand) is left where it
        is and the shortlist stays as it was; `problem` says so until the file reads again.
        """
        if self._stamp() == self._seen:
            return False
        try:
            file = self._read(move_aside=False)
        except BookmarkError as exc:
            self.problem = str(exc)
            return False
        self.problem = None
        self._set(file)
        return True

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _set(self, file: _File) -> None:
        self._file = file
        self._active = {k: b for k, b in file.items.items() if b.removed_at is None}

    def _read(self, move_aside: bool) -> _File:
        """The file as it is on disk. One that cannot be parsed is moved aside (at start) or,
        while the app runs, reported with BookmarkError and left alone."""
        self._seen = self._stamp()
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return _File()
        except OSError as exc:
            raise BookmarkError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("bookmarks"), list):
                raise ValueError("not a jobtui bookmarks file")
            version = data.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ValueError(f"format version {version!r} is not one this jobtui reads")
        except (ValueError, TypeError, KeyError) as exc:
            if not move_aside:
                raise BookmarkError(
                    f"{self.path} cannot be read just now ({exc}); the shortlist is kept as it "
                    "was and nothing is saved until the file reads again"
                ) from None
            backup = self._move_aside()
            self.recovered = (
                f"Your bookmarks file could not be read ({exc}); it was moved to "
                f"{backup} and jobtui started an empty shortlist."
            )
            return _File()
        file = _File(extra={k: v for k, v in data.items() if k not in ("version", "bookmarks")})
        for entry in data["bookmarks"]:
            try:
                b = Bookmark.from_json(entry)
            except ValueError:
                file.unreadable.append(entry)
                continue
            file.items[b.id] = b
        return file

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"bookmarks.corrupt-{stamp}.json")
        n = 1
        while backup.exists():
            backup = self.path.with_name(f"bookmarks.corrupt-{stamp}-{n}.json")
            n += 1
        os.replace(self.path, backup)
        return backup

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

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as fh:
            try:
                import fcntl
            except ImportError:  # not POSIX: the atomic replace still protects the file
                yield
                return
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _change(self, apply: Callable[[dict[str, Bookmark]], None]) -> None:
        """Re-read under the lock, apply the change to what is on disk, save atomically."""
        with self._locked():
            file = self._read(move_aside=False)  # never write over a file being fixed by hand
            apply(file.items)
            self._write(file)
            self._set(file)

    def _write(self, file: _File) -> None:
        entries = [b.to_json() for b in sorted(file.items.values(), key=lambda b: b.saved_at)]
        data = {**file.extra, "version": FORMAT_VERSION, "bookmarks": entries + file.unreadable}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.path, text, prefix=".bookmarks-")
        self._seen = self._stamp()

    def add(self, posting: Posting, status: str = "saved") -> Bookmark:
        """Bookmark a posting, refreshing its snapshot; a posting bookmarked before comes back
        with its status, history and notes."""
        _check_status(status)

        def apply(items: dict[str, Bookmark]) -> None:
            old = items.get(posting.id)
            stamp = now()
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

        def apply(items: dict[str, Bookmark]) -> None:
            current = items.get(posting_id)
            if current is not None and current.removed_at is None:
                items[posting_id] = replace(current, removed_at=now(), updated_at=now())

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
        if posting_id not in self._active:
            raise BookmarkError(f"no bookmark with id {posting_id!r}")

        def apply(items: dict[str, Bookmark]) -> None:
            current = items.get(posting_id) or self._active[posting_id]  # removed elsewhere: keep
            items[posting_id] = replace(change(current), removed_at=None, updated_at=now())

        self._change(apply)
        return self._active[posting_id]

    def set_status(self, posting_id: str, status: str, on: date | None = None) -> Bookmark:
        """Move an application to a status; the change is kept with its date (`on` for a day in
        the past, as when a person catches up)."""
        _check_status(status)
        when = on.isoformat() if on else now()

        def change(b: Bookmark) -> Bookmark:
            if b.status == status and b.history and on is None:
                return b
            history = b.history or (Change(b.status, b.saved_at),)
            return replace(b, status=status, history=(*history, Change(status, when)))

        return self._update(posting_id, change)

    def add_note(self, posting_id: str, text: str) -> Bookmark:
        text = text.strip()
        if not text:
            raise BookmarkError("a note needs some text")
        note = Note(now(), text)
        return self._update(posting_id, lambda b: replace(b, notes=(*b.notes, note)))

    def set_follow_up(self, posting_id: str, day: date | None) -> Bookmark:
        value = day.isoformat() if day else None
        return self._update(posting_id, lambda b: replace(b, follow_up=value))

    def reconcile(self, postings: Iterable[Posting]) -> set[str]:
        """Let bookmarks follow postings that moved (same content, new id); return missing ids."""
        by_id = {p.id: p for p in postings}
        by_digest = {p.digest: p for p in by_id.values() if p.digest}
        moves = {}
        for b in self._active.values():
            if (
                b.id not in by_id
                and b.digest in by_digest
                and by_digest[b.digest].id not in self._file.items
            ):
                moves[b.id] = by_digest[b.digest]
        if moves:

            def apply(items: dict[str, Bookmark]) -> None:
                for old_id, posting in moves.items():
                    old = items.pop(old_id, None)
                    if old and posting.id not in items:
                        items[posting.id] = replace(old, id=posting.id, **snapshot(posting))

            self._change(apply)
        return {k for k in self._active if k not in by_id}


def _check_status(status: str) -> None:
    try:
        check_status(status)
    except ValueError as exc:
        raise BookmarkError(str(exc)) from None
