"""Triage: the postings a person has seen or hidden.

A file in the config directory, kept as safely as the bookmarks (see store.py): every change
is made under a lock on the file as it is on disk at that moment (so two jobtui processes never
lose each other's changes) and written atomically.

- `triage.json`, written by jobtui: `{"version": 1, "seen": {id: at}, "hidden": {id: at}}`,
  `at` the ISO 8601 time it was marked. Seen and hidden are independent (hiding does not mark
  seen). Keys a newer jobtui wrote survive a save; a file that cannot be read is moved aside at
  start and never written over while the app runs.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jobtui.storage import atomic_write, config_dir, file_stamp, locked, move_aside

FORMAT_VERSION = 1
TRIAGE_FILE = "triage.json"
BLOCKLIST_FILE = "blocklist.txt"
LIMIT = 64 * 1024 * 1024
"""A triage or blocklist file larger than this is not read (it is not one jobtui wrote)."""


class TriageError(Exception):
    """A request the triage file cannot carry out (a newer file)."""


class NotSaved(TriageError):
    """A change that could not be saved just now: the file cannot be read or written."""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _why(path: Path, exc: OSError) -> str:
    where = exc.filename or path
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOTDIR: "a part of that path is a file, not a folder",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not save {path} ({where}: {reason})"


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when there is none. Raises NotSaved when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return fh.read(LIMIT + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise NotSaved(f"cannot read {path}: {exc.strerror or exc}") from None


# --- Seen and hidden ------------------------------------------------------------------------

KINDS = ("seen", "hidden")

Apply = Callable[["_State"], dict[str, Any]]
"""A change: applied to the file's state, returns the ids it changed (with their times)."""


@dataclass(slots=True)
class _State:
    """triage.json as read: the marks, and what must be written back untouched."""

    seen: dict[str, Any] = field(default_factory=dict)
    hidden: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys this jobtui does not know."""
    newer: int | None = None
    """The format version, when a newer jobtui wrote the file: read, but never written over."""

    def marks(self, kind: str) -> dict[str, Any]:
        return self.seen if kind == "seen" else self.hidden


def _marks(value: Any, kind: str) -> dict[str, Any]:
    """Ids to times; a list of ids (written by hand) is read as marked at no known time."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)  # a time that is not a string is kept as written
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return dict.fromkeys(value, "")
    raise ValueError(f"its {kind!r} is not a set of posting ids")


def _finite(digits: str) -> float | None:
    value = float(digits)
    return value if math.isfinite(value) else None  # 1e400: JSON output cannot hold it


def _parse_state(raw: bytes) -> _State:
    """The state in a triage file's bytes; ValueError when they cannot be trusted."""
    if len(raw) > LIMIT:
        raise ValueError(f"it is larger than {LIMIT // 2**20} MB")
    try:
        data = json.loads(
            raw.decode("utf-8-sig"), parse_constant=lambda _: None, parse_float=_finite
        )
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8") from None
    except RecursionError:
        raise ValueError("it is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"it is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("it is not a triage file")
    state = _State()
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        state.newer = version  # whatever its layout: shown if it reads, never changed
        state.extra = data
        with contextlib.suppress(ValueError):
            state.seen, state.hidden = (_marks(data.get(k), k) for k in KINDS)
        return state
    state.seen, state.hidden = (_marks(data.get(k), k) for k in KINDS)
    state.extra = {k: v for k, v in data.items() if k not in ("version", *KINDS)}
    if version is not None and version != FORMAT_VERSION:
        state.extra["unread_version"] = version
    return state


class TriageStore:
    """Seen and hidden postings. Reads are from memory; every change re-reads, applies, saves.

    With `keep_unsaved` (the TUI), a change that cannot be saved (a read-only folder, a full
    disk, a file being fixed by hand) is made in memory, `unsaved` says why, and every later
    change and `retry()` try to save it again. Without it (the command line), such a change
    raises NotSaved and changes nothing.
    """

    def __init__(
        self, directory: str | os.PathLike[str] | None = None, keep_unsaved: bool = False
    ) -> None:
        self.directory = config_dir(directory)
        self.path = self.directory / TRIAGE_FILE
        self.lock_path = self.directory / (TRIAGE_FILE + ".lock")
        self.keep_unsaved = keep_unsaved
        self.recovered: str | None = None
        """A message when the file was moved aside at load, or is a newer jobtui's."""
        self.problem: str | None = None
        """Why the file could not be read since the app started (None: it reads)."""
        self.unsaved: str | None = None
        """Why changes kept in memory are not saved yet (None: everything is saved)."""
        self._pending: list[Apply] = []
        self._state = _State()
        self._stamp: tuple[int, int, int] | None = None
        self.reload()

    # --- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the file (at start): one that cannot be read is moved aside, and said so."""
        self._state = self._read(move_aside_bad=True)
        if self._state.newer is not None:
            self.recovered = (
                f"{self.path} was written by a newer jobtui (format {self._state.newer}); it "
                "is read, but this jobtui will not change it."
            )

    def refresh(self) -> bool:
        """Read the file again if another process changed it since; True when it did. One that
        cannot be read just now is left alone; `problem` says so until it reads again."""
        if file_stamp(self.path) == self._stamp:
            return False
        try:
            state = self._read(move_aside_bad=False)
        except TriageError as exc:
            self.problem = str(exc)
            return False
        self.problem = None
        for apply in self._pending:  # what is not saved yet stays in sight
            apply(state)
        self._state = state
        return True

    def _read(self, move_aside_bad: bool) -> _State:
        """The file as it is on disk. One that cannot be parsed is moved aside (at start) or,
        while the app runs, reported with NotSaved, left alone, and not taken as read (so
        `refresh` tries it again)."""
        stamp = file_stamp(self.path)
        raw = _read_bytes(self.path)
        if raw is None or not raw.strip(b" \t\r\n\0"):  # none yet, or emptied: nothing to keep
            self._stamp = stamp
            return _State()
        try:
            state = _parse_state(raw)
            self._stamp = stamp
            return state
        except ValueError as exc:
            if not move_aside_bad:
                raise NotSaved(
                    f"{self.path} cannot be read just now ({exc}); seen and hidden postings "
                    "are kept as they were and nothing is saved until the file reads again"
                ) from None
            try:
                backup = move_aside(self.path)
            except OSError as err:  # a read-only folder: leave it, and never write over it
                self.recovered = (
                    f"{self.path} could not be read ({exc}) nor moved aside "
                    f"({err.strerror or err}); nothing is saved until it can be read."
                )
                return _State()
            if backup is None:  # another jobtui moved it first: read what is there now
                with contextlib.suppress(TriageError):
                    return self._read(move_aside_bad=False)
                return _State()
            self.recovered = (
                f"{self.path} could not be read ({exc}); it was moved to {backup} and no "
                "posting is marked seen or hidden."
            )
            return _State()

    def is_seen(self, posting_id: str) -> bool:
        return posting_id in self._state.seen

    def is_hidden(self, posting_id: str) -> bool:
        return posting_id in self._state.hidden

    def seen(self) -> Mapping[str, Any]:
        """Seen posting ids to when (ISO 8601), read-only and without copying."""
        return MappingProxyType(self._state.seen)

    def hidden(self) -> Mapping[str, Any]:
        """Hidden posting ids to when (ISO 8601), read-only and without copying."""
        return MappingProxyType(self._state.hidden)

    @property
    def pending(self) -> int:
        """How many changes are kept in memory, not saved yet."""
        return len(self._pending)

    # --- changing -------------------------------------------------------------------------

    def mark_seen(self, ids: Iterable[str] | Mapping[str, str]) -> list[str]:
        """Mark postings seen, in one write; returns the ids that were not seen before. A
        mapping gives each id its time (how `mark_unseen` is undone)."""
        return self._mark("seen", ids)

    def hide(self, ids: Iterable[str] | Mapping[str, str]) -> list[str]:
        """Hide postings ("not interested"); returns the ids that were not hidden before."""
        return self._mark("hidden", ids)

    def mark_unseen(self, ids: Iterable[str]) -> dict[str, Any]:
        """Forget that postings were seen; returns those that were, with their times."""
        return self._unmark("seen", ids)

    def unhide(self, ids: Iterable[str]) -> dict[str, Any]:
        """Show hidden postings again; returns those that were hidden, with their times."""
        return self._unmark("hidden", ids)

    def _mark(self, kind: str, ids: Iterable[str] | Mapping[str, str]) -> list[str]:
        stamp = now()  # once, outside the change: one kept unsaved replays the same
        if isinstance(ids, Mapping):
            wanted = {k: v for k, v in ids.items() if isinstance(k, str) and k}
        else:
            wanted = dict.fromkeys((i for i in ids if isinstance(i, str) and i), stamp)
        if not wanted:
            return []

        def apply(state: _State) -> dict[str, Any]:
            marks = state.marks(kind)
            new = {k: v for k, v in wanted.items() if k not in marks}
            marks.update(new)
            return new

        return list(self._change(apply))

    def _unmark(self, kind: str, ids: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}

        def apply(state: _State) -> dict[str, Any]:
            marks = state.marks(kind)
            return {k: marks.pop(k) for k in wanted if k in marks}

        return self._change(apply)

    def _change(self, apply: Apply) -> dict[str, Any]:
        try:
            return self._commit([*self._pending, apply])
        except NotSaved as exc:
            if not self.keep_unsaved:
                raise
            self._pending.append(apply)
            self.unsaved = str(exc)
            return apply(self._state)

    def retry(self) -> bool:
        """Try again to save the changes kept in memory; True when they are saved now."""
        if not self._pending:
            return False
        try:
            self._commit(list(self._pending))
        except TriageError as exc:
            self.unsaved = str(exc)
            return False
        return True

    def _commit(self, changes: list[Apply]) -> dict[str, Any]:
        """Apply the changes, in order, to the file as it is on disk, under the lock, and
        save; returns what the last one changed."""
        try:
            with locked(self.lock_path):
                state = self._read(move_aside_bad=False)  # never over a file fixed by hand
                if state.newer is not None:
                    raise TriageError(
                        f"{self.path} was written by a newer jobtui (format {state.newer}); "
                        "this one does not change it"
                    )
                results = [change(state) for change in changes]
                if any(results):
                    self._write(state)
        except OSError as exc:
            raise NotSaved(_why(self.path, exc)) from None
        self._pending.clear()
        self.unsaved = None
        self._state = state
        return results[-1]

    def _write(self, state: _State) -> None:
        data = {**state.extra, "version": FORMAT_VERSION, "seen": state.seen}
        data["hidden"] = state.hidden
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
        atomic_write(self.path, text, prefix=".triage-")
        self._stamp = file_stamp(self.path)
