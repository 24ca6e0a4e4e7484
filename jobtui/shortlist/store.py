"""The shortlist: bookmarks with application status, notes and follow-up dates, kept safely.

One human-readable JSON file in the config directory. Every change is made under a lock on the
file as it is on disk at that moment (so two jobtui processes do not lose each other's changes)
and written atomically. A file that cannot be read is moved aside, never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, replace
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
    title: str = ""
    """Snapshot of the posting's title."""
    company: str | None = None
    """Snapshot of the company."""
    location: str | None = None
    """Snapshot of the location."""
    url: str | None = None
    """Snapshot of the link."""
    source: str = ""
    """Snapshot of the file path."""
    digest: str = ""
    """Hash of the posting's content, so the bookmark follows a moved file."""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = [asdict(n) for n in self.notes]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Bookmark:
        notes = tuple(Note(str(n["at"]), str(n["text"])) for n in data.get("notes") or [])
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data and k != "notes"}
        status = known.get("status", "saved")
        if status not in STATUSES:
            known["status"] = "saved"
        return cls(**known, notes=notes)


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def snapshot(posting: Posting) -> dict[str, Any]:
    return {
        "title": posting.title,
        "company": posting.company,
        "location": posting.location,
        "url": posting.url,
        "source": posting.source,
        "digest": posting.digest,
    }


class BookmarkStore:
    """The shortlist file. Reads are from memory; every change re-reads, applies, and saves."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = config_dir(directory)
        self.path = self.directory / FILE_NAME
        self.lock_path = self.directory / (FILE_NAME + ".lock")
        self.recovered: str | None = None
        """A message when an unreadable file was moved aside at load."""
        self._items: dict[str, Bookmark] = {}
        self.reload()

    # --- reading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file again (another jobtui may have changed it)."""
        self._items = self._read()

    def _read(self) -> dict[str, Bookmark]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise BookmarkError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("bookmarks"), list):
                raise ValueError("not a jobtui bookmarks file")
            version = data.get("version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ValueError(f"format version {version!r} is not one this jobtui reads")
            items = [Bookmark.from_json(b) for b in data["bookmarks"]]
        except (ValueError, TypeError, KeyError) as exc:
            backup = self._move_aside()
            self.recovered = (
                f"Your bookmarks file could not be read ({exc}); it was moved to "
                f"{backup} and jobtui started an empty shortlist."
            )
            return {}
        return {b.id: b for b in items}

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
        return len(self._items)

    def __contains__(self, posting_id: object) -> bool:
        return posting_id in self._items

    def get(self, posting_id: str) -> Bookmark | None:
        return self._items.get(posting_id)

    def all(self, status: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest saved first, optionally of one status."""
        items = sorted(self._items.values(), key=lambda b: b.saved_at, reverse=True)
        return [b for b in items if status is None or b.status == status]

    def by_id(self) -> Mapping[str, Bookmark]:
        """Bookmarks by posting id, read-only and without copying (the UI reads this often)."""
        return MappingProxyType(self._items)

    def marks(self) -> dict[str, str]:
        """Posting id to status, for the search filters."""
        return {k: b.status for k, b in self._items.items()}

    def find(self, prefix: str) -> Bookmark:
        """A bookmark by id or unique id prefix."""
        try:
            return self._items[resolve_id(prefix, self._items)]
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
            items = self._read()
            apply(items)
            self._write(items)
            self._items = items

    def _write(self, items: dict[str, Bookmark]) -> None:
        data = {
            "version": FORMAT_VERSION,
            "bookmarks": [b.to_json() for b in sorted(items.values(), key=lambda b: b.saved_at)],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.path, text, prefix=".bookmarks-")

    def add(self, posting: Posting, status: str = "saved") -> Bookmark:
        """Bookmark a posting (refreshing its snapshot if it is already bookmarked)."""
        _check_status(status)

        def apply(items: dict[str, Bookmark]) -> None:
            old = items.get(posting.id)
            stamp = now()
            if old:
                items[posting.id] = replace(old, **snapshot(posting))
            else:
                items[posting.id] = Bookmark(
                    id=posting.id,
                    saved_at=stamp,
                    status=status,
                    updated_at=stamp,
                    **snapshot(posting),
                )

        self._change(apply)
        return self._items[posting.id]

    def remove(self, posting_id: str) -> bool:
        """Remove a bookmark; False when there was none."""
        existed = posting_id in self._items

        def apply(items: dict[str, Bookmark]) -> None:
            items.pop(posting_id, None)

        self._change(apply)
        return existed

    def _update(self, posting_id: str, **changes: Any) -> Bookmark:
        if posting_id not in self._items:
            raise BookmarkError(f"no bookmark with id {posting_id!r}")

        def apply(items: dict[str, Bookmark]) -> None:
            current = items.get(posting_id) or self._items[posting_id]  # removed elsewhere: keep
            extra = changes.pop("_note", None)
            notes = (*current.notes, extra) if extra else current.notes
            items[posting_id] = replace(current, **changes, notes=notes, updated_at=now())

        self._change(apply)
        return self._items[posting_id]

    def set_status(self, posting_id: str, status: str) -> Bookmark:
        _check_status(status)
        return self._update(posting_id, status=status)

    def add_note(self, posting_id: str, text: str) -> Bookmark:
        text = text.strip()
        if not text:
            raise BookmarkError("a note needs some text")
        return self._update(posting_id, _note=Note(now(), text))

    def set_follow_up(self, posting_id: str, day: date | None) -> Bookmark:
        return self._update(posting_id, follow_up=day.isoformat() if day else None)

    def reconcile(self, postings: Iterable[Posting]) -> set[str]:
        """Let bookmarks follow postings that moved (same content, new id); return missing ids."""
        by_id = {p.id: p for p in postings}
        by_digest = {p.digest: p for p in by_id.values() if p.digest}
        moves = {}
        for b in self._items.values():
            if (
                b.id not in by_id
                and b.digest in by_digest
                and by_digest[b.digest].id not in self._items
            ):
                moves[b.id] = by_digest[b.digest]
        if moves:

            def apply(items: dict[str, Bookmark]) -> None:
                for old_id, posting in moves.items():
                    old = items.pop(old_id, None)
                    if old and posting.id not in items:
                        items[posting.id] = replace(old, id=posting.id, **snapshot(posting))

            self._change(apply)
        return {k for k in self._items if k not in by_id}


def _check_status(status: str) -> None:
    try:
        check_status(status)
    except ValueError as exc:
        raise BookmarkError(str(exc)) from None
