"""Triage: the postings a person has seen or hidden, and the companies and words they block.

Two files in the config directory, kept as safely as the bookmarks (see store.py): every change
is made under a lock on the file as it is on disk at that moment (so two jobtui processes never
lose each other's changes) and written atomically.

- `triage.json`, written by jobtui: `{"version": 1, "seen": {id: at}, "hidden": {id: at},
  "postings": {id: [digest, file name, place]}}`, `at` the ISO 8601 time it was marked. Seen
  and hidden are independent (hiding does not mark seen). `copies` says which hidden ids
  were hidden together as copies of one job (id: the id that stands for them), so that showing
  one again shows them all, even from outside their folder. `postings` says what each marked
  posting was (see `identity`), so that a mark follows its posting to a new id: a file moved
  or renamed, another folder opened above it, a file edited where it lives (`follow`). Keys
  a newer jobtui wrote survive a save; a file that cannot be read is moved aside at start
  (the marks that still read kept) and never written over while the app runs.
- `blocklist.txt`, written by people: one `company: Acme Corp` or `word: crypto` a line. Plain
  lines rather than TOML because names hold quotes, `&` and `#` that TOML would need escaped,
  one line is one entry to add or delete, and a mistake spoils only its own line (a TOML syntax
  error would make the whole list unreadable). Comments (`#` first on a line), blank lines and
  malformed lines are kept as they are when jobtui writes the file back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jobtui.postings.legal import without_legal_form
from jobtui.postings.model import Posting
from jobtui.postings.stored import bodies as read_bodies
from jobtui.postings.text import clean_field, fold, words
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
TRIAGE_FILE = "triage.json"
BLOCKLIST_FILE = "blocklist.txt"
LIMIT = 64 * 1024 * 1024
"""A triage or blocklist file larger than this is not read (it is not one jobtui wrote)."""


class TriageError(Exception):
    """A request the triage files cannot carry out (a newer file, an empty name)."""


class NotSaved(TriageError):
    """A change that could not be saved just now: the file cannot be read or written."""


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


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
    about: dict[str, list[str]] = field(default_factory=dict)
    """What each marked posting was (`identity`), by id: how a mark follows it."""
    copies: dict[str, str] = field(default_factory=dict)
    """Hidden ids hidden together as copies of one job, each to the id standing for them."""
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


def _about(value: Any) -> dict[str, list[str]]:
    """The identities of marked postings; one that is not three strings is left out (its
    mark stays, and simply cannot follow its posting)."""
    if not isinstance(value, dict):
        return {}
    return {
        k: v
        for k, v in value.items()
        if isinstance(v, list) and len(v) == 3 and all(type(x) is str for x in v)
    }


def _copies(value: Any) -> dict[str, str]:
    """Which hidden ids were hidden together; an entry that is not two strings is left out
    (its mark stays, and is simply shown again alone)."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if type(v) is str and v}


def identity(posting: Posting) -> list[str]:
    """What a mark keeps of its posting to find it again under a new id: the hash of its
    content (the same after a move or rename, or when another folder above it is opened), its
    file's name, and a hash of its file's absolute path, title and company (the same after
    the file is edited where it lives, as a board updates a posting)."""
    from jobtui.postings.loader import absolute_source

    return [
        posting.digest,
        _file_name(posting.source),
        _place(absolute_source(posting.source), posting),
    ]


def _file_name(source: str) -> str:
    return os.path.basename(source)


def _place(absolute: str, posting: Posting) -> str:
    text = f"{absolute}\0{posting.title}\0{posting.company or ''}"
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


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
    state.about = _about(data.get("postings"))
    state.copies = _copies(data.get("copies"))
    state.extra = {
        k: v for k, v in data.items() if k not in ("version", "postings", "copies", *KINDS)
    }
    if version is not None and version != FORMAT_VERSION:
        state.extra["unread_version"] = version
    return state


_SECTION_RE = re.compile(r'"(seen|hidden|postings)"\s*:\s*\{')
_PAIR_RE = re.compile(
    r'\s*,?\s*"((?:[^"\\\n]|\\.){1,200})"\s*:\s*'
    r'("(?:[^"\\\n]|\\.){0,100}"|null|-?\d{1,20}|\[[^\[\]{}]{0,600}\])'
)


def _salvage(raw: bytes) -> _State | None:
    """The marks that still read in a triage file that is not JSON as a whole (a comma too
    many after a hand edit, a file cut short): each `"id": "time"` pair of its `seen` and
    `hidden` (and what `postings` says of them), read in turn until one does not. None when
    none reads."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    version = re.search(r'"version"\s*:\s*(\d{1,9})\b', text)
    if version is not None and int(version.group(1)) > FORMAT_VERSION:
        return None  # a newer jobtui's file is never written over
    state = _State()
    for section in _SECTION_RE.finditer(text):
        found: dict[str, Any] = {}
        at = section.end()
        while (m := _PAIR_RE.match(text, at)) is not None:
            try:
                found[json.loads(f'"{m.group(1)}"')] = json.loads(m.group(2))
            except ValueError:
                break
            at = m.end()
        if section.group(1) == "postings":
            state.about.update(_about(found))
        else:
            state.marks(section.group(1)).update(
                (k, v) for k, v in found.items() if isinstance(v, str | None)
            )
    return state if state.seen or state.hidden else None


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
        self.lookup: Callable[[str], Posting | None] | None = None
        """The loaded posting of an id, so that a mark keeps what the posting was (see
        `identity`); set by whoever loaded the postings."""
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
            salvaged = _salvage(raw) if move_aside_bad else None
            if salvaged is not None:
                return self._repair(salvaged, exc, raw)
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

    def _repair(self, state: _State, exc: ValueError, raw: bytes) -> _State:
        """At start, a file that is not JSON as a whole but whose marks still read: the file as
        it was is moved aside and the marks saved in its place (said once); where that cannot
        be done, they are shown and nothing is saved until the file reads again."""
        marks = len(state.seen) + len(state.hidden)
        changed, self.recovered = repair_damaged(
            self.path,
            self.lock_path,
            raw,
            lambda: self._write(state),
            exc,
            str(self.path),
            f"its {marks} seen and hidden mark(s) that read",
        )
        if changed:  # repaired or fixed meanwhile: read it as it is now
            try:
                return self._read(move_aside_bad=False)
            except TriageError:
                return state  # (damaged again: used, never written over)
        return state

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

    def hide(
        self, ids: Iterable[str] | Mapping[str, str], copies: Iterable[Sequence[str]] = ()
    ) -> list[str]:
        """Hide postings ("not interested"); returns the ids that were not hidden before.
        `copies`: groups of these ids that are copies of one job, shown again together by
        `unhide` (whichever of them it is given, in whatever folder)."""
        together = {pid: group[0] for group in copies if len(group) > 1 for pid in group}
        return self._mark("hidden", ids, together)

    def mark_unseen(self, ids: Iterable[str]) -> dict[str, Any]:
        """Forget that postings were seen; returns those that were, with their times."""
        return self._unmark("seen", ids)

    def unhide(self, ids: Iterable[str]) -> dict[str, Any]:
        """Show hidden postings again; returns those that were hidden, with their times."""
        return self._unmark("hidden", ids)

    def _mark(
        self,
        kind: str,
        ids: Iterable[str] | Mapping[str, str],
        together: Mapping[str, str] | None = None,
    ) -> list[str]:
        stamp = now()  # once, outside the change: one kept unsaved replays the same
        if isinstance(ids, str):  # one id, not its letters
            ids = [ids]
        if isinstance(ids, Mapping):
            wanted = {k: v for k, v in ids.items() if isinstance(k, str) and k}
        else:
            wanted = dict.fromkeys((i for i in ids if isinstance(i, str) and i), stamp)
        if not wanted:
            return []
        known = self._identities(wanted)

        def apply(state: _State) -> dict[str, Any]:
            marks = state.marks(kind)
            new = {k: v for k, v in wanted.items() if k not in marks}
            marks.update(new)
            state.about.update(known)
            if together:
                state.copies.update((k, v) for k, v in together.items() if k in wanted)
            return new

        return list(self._change(apply))

    def _unmark(self, kind: str, ids: Iterable[str]) -> dict[str, Any]:
        wanted = [ids] if isinstance(ids, str) else list(dict.fromkeys(ids))
        if not wanted:
            return {}

        def apply(state: _State) -> dict[str, Any]:
            marks = state.marks(kind)
            gone = {k: marks.pop(k) for k in wanted if k in marks}
            # The same posting marked under another folder's id (see `follow`) goes too.
            digests = {state.about[k][0] for k in gone if k in state.about} - {""}
            if digests:
                for k in [k for k in marks if k in state.about and state.about[k][0] in digests]:
                    gone[k] = marks.pop(k)
            if kind == "hidden" and state.copies:  # and the copies hidden with them
                jobs = {state.copies[k] for k in gone if k in state.copies}
                for k in [k for k in marks if state.copies.get(k) in jobs]:
                    gone[k] = marks.pop(k)
                for k in gone:
                    state.copies.pop(k, None)
            for k in gone:
                if k not in state.seen and k not in state.hidden:
                    state.about.pop(k, None)
            return gone

        return self._change(apply)

    def _identities(self, ids: Iterable[str]) -> dict[str, list[str]]:
        lookup = self.lookup
        if lookup is None:
            return {}
        found = {}
        for pid in ids:
            posting = lookup(pid)
            if posting is not None:
                found[pid] = identity(posting)
        return found

    def follow(self, postings: Sequence[Posting]) -> int:
        """Let marks follow their postings to new ids, as the bookmarks do.
        - A posting with the content of a marked one that is not loaded (its file moved or
          renamed, or another folder above it opened) is marked too. The old id keeps its
          mark, since ids depend on the folder opened and another jobtui may be showing it.
        - Else the one posting of its file with its title and company (the file edited where
          it lives) takes the mark over. The old content is gone.
        Marks of postings of other folders stay as they are. Also keeps what each loaded
        marked posting is, for a mark made before marks did. Returns how many marks
        followed. Not a change the person made: when it cannot be saved, it is made in
        memory only, and the next load follows again."""
        state = self._state
        marked = state.seen.keys() | state.hidden.keys()
        if not marked:
            return 0
        by_id = {p.id: p for p in postings}
        missing = [k for k in marked if k not in by_id and k in state.about]
        unknown = {k: identity(by_id[k]) for k in marked if k in by_id and k not in state.about}
        copies, edits = _moves(missing, state.about, postings, marked) if missing else ({}, {})
        if not copies and not edits and not unknown:
            return 0

        def apply(state: _State) -> dict[str, Any]:
            followed: dict[str, Any] = {}
            for old, new in (*copies.items(), *edits.items()):
                for kind in KINDS:
                    marks = state.marks(kind)
                    if old not in marks:
                        continue
                    at = marks.pop(old) if old in edits else marks[old]
                    for pid, about in new:
                        if pid not in marks:
                            marks[pid] = at
                            state.about[pid] = about
                            followed[pid] = at
                            if kind == "hidden" and old in state.copies:
                                state.copies[pid] = state.copies[old]
                if old in edits and old not in state.seen and old not in state.hidden:
                    state.about.pop(old, None)
                if old not in state.hidden:
                    state.copies.pop(old, None)
            for pid, about in unknown.items():
                if (pid in state.seen or pid in state.hidden) and pid not in state.about:
                    state.about[pid] = about
                    followed.setdefault("", True)  # (something to write)
            return followed

        probe = _State(dict(state.seen), dict(state.hidden), dict(state.about), dict(state.copies))
        if not apply(probe):  # followed before: nothing new to write (every load)
            return 0
        try:
            changed = self._commit([*self._pending, apply])
        except TriageError:
            changed = apply(self._state)
        return len([k for k in changed if k])

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
            raise NotSaved(why_not_saved(self.path, exc)) from None
        self._pending.clear()
        self.unsaved = None
        self._state = state
        return results[-1]

    def _write(self, state: _State) -> None:
        data = {**state.extra, "version": FORMAT_VERSION, "seen": state.seen}
        data["hidden"] = state.hidden
        data["postings"] = {
            k: v for k, v in state.about.items() if k in state.seen or k in state.hidden
        }
        copies = {k: v for k, v in state.copies.items() if k in state.hidden}
        if copies:
            data["copies"] = copies
        text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
        atomic_write(self.path, text, prefix=".triage-")
        self._stamp = file_stamp(self.path)


Found = dict[str, list[tuple[str, list[str]]]]
"""For each missing marked id, the loaded postings it is, with their identities."""


def _moves(
    missing: list[str],
    about: Mapping[str, list[str]],
    postings: Sequence[Posting],
    marked: Collection[str],
) -> tuple[Found, Found]:
    """For each missing marked id, the loaded postings it is: every posting of its content
    (copies: the same posting under another folder's id); else the one posting of its file
    (by name, then path, title and company: the file edited). None found: not in this
    load, left out."""
    from jobtui.postings.loader import absolute_source

    by_digest: dict[str, list[Posting]] = {}
    for p in postings:
        if p.digest:
            by_digest.setdefault(p.digest, []).append(p)
    copies: Found = {}
    edits: Found = {}
    left: dict[str, list[str]] = {}
    for old in missing:
        digest = about[old][0]
        same = by_digest.get(digest) if digest else None
        if same:
            copies[old] = [(p.id, identity(p)) for p in same]
        else:
            left[old] = about[old]
    if not left:
        return copies, edits
    names = {name for _, name, _ in left.values()}
    by_place: dict[str, list[Posting]] = {}
    for p in postings:  # a hash only for postings of a file named as a lost one's
        if p.id not in marked and _file_name(p.source) in names:
            by_place.setdefault(_place(absolute_source(p.source), p), []).append(p)
    taken: set[str] = set()
    for old, (_, _, place) in left.items():
        edited = by_place.get(place, [])
        if len(edited) == 1 and edited[0].id not in taken:
            taken.add(edited[0].id)
            edits[old] = [(edited[0].id, identity(edited[0]))]
    return copies, edits


# --- The blocklist --------------------------------------------------------------------------

BLOCK_KINDS = ("company", "word")
BLOCK_FIELDS = ("title", "company", "body")
"""Where a blocked word is looked for."""
_LINE_RE = re.compile(r"\s*(company|word)\s*:\s*(.*?)\s*", re.IGNORECASE)


def company_key(name: str) -> str:
    """A company's name as compared: case and accents folded, punctuation, a leading "the"
    and trailing legal forms dropped, so "ACME Inc", "Acme, Inc." and "Ácme" are one company
    and "Acme Rockets" is another. Empty for a name with no letters or digits."""
    tokens = words(fold(name.replace("'", "").replace("\u2019", "").replace(".", "")))
    tokens = [t for t in tokens if t != "and"] or tokens  # "&" is a separator already
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(without_legal_form(tokens))  # ("Acme, Inc." is Acme)


def word_key(word: str) -> str:
    """A blocked word (or phrase) as compared: its folded words, one space apart."""
    return " ".join(words(fold(word)))


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the blocklist that blocks something."""

    kind: str
    """"company" or "word"."""
    value: str
    """The name or word as written."""
    key: str
    """What is compared (see `company_key`, `word_key`)."""

    @property
    def reason(self) -> str:
        """Why a posting is hidden, as the line says it: `company: Acme Corp`."""
        return f"{self.kind}: {self.value}"


def parse_line(line: str) -> Entry | None:
    """The entry a line holds; None for a blank line or a comment. ValueError for a line that
    is neither (it is kept as written, and reported)."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    m = _LINE_RE.fullmatch(line)
    if m is None:
        raise ValueError("not `company: name` nor `word: word`")
    kind, value = m.group(1).lower(), clean_field(m.group(2))
    key = company_key(value) if kind == "company" else word_key(value)
    if not key:
        raise ValueError(f"the {kind} has no letters or digits")
    return Entry(kind, value, key)


_WORD_CHAR = r"a-z0-9+#\u0080-\U0010ffff"
_IS_WORD_CHAR = re.compile(f"[{_WORD_CHAR}]").match
_NON_WORD = re.compile(f"[^{_WORD_CHAR}]").search
NEEDLES = 16
"""Up to this many blocked words, substring tests find the texts worth a regex search."""


class Matcher:
    """Tells why a posting is blocked, compiled once from the entries (fast for 100,000
    postings: a set lookup for the company, one regex search for all words)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._companies: dict[str, Entry] = {}
        self._words: dict[str, Entry] = {}
        for e in entries:
            (self._companies if e.kind == "company" else self._words).setdefault(e.key, e)
        self._keys: dict[str, str] = {}
        """Company names seen to their keys: postings repeat companies."""
        self._pattern: re.Pattern[str] | None = None
        self._whole: re.Pattern[str] | None = None
        self._needles: tuple[str, ...] = ()
        if self._words:
            # Longest first, so a phrase wins over its first word; the words of a phrase may be
            # apart by any separators ("machine-learning" for "machine learning").
            keys = sorted(self._words, key=len, reverse=True)
            gap = f"[^{_WORD_CHAR}]+"
            alternatives = "|".join(gap.join(map(re.escape, k.split(" "))) for k in keys)
            # A bare alternation is searched fast (the regex engine skips to its first
            # letters); any lookaround makes it several times slower, so the boundaries are
            # checked only where it finds a candidate.
            self._pattern = re.compile(alternatives)
            self._whole = re.compile(f"(?:{alternatives})(?![{_WORD_CHAR}])")
            # Even so it reads ~15 ns a letter; a substring test ~0.7 ns, and most texts hold
            # none of the words, so for a short list those tests go first.
            needles = {k.split(" ")[0] for k in keys}
            self._needles = tuple(needles) if len(needles) <= NEEDLES else ()

    def __bool__(self) -> bool:
        return bool(self._companies or self._words)

    def blocked(self, posting: Posting, body: str | None = None) -> str | None:
        """Why the posting is blocked (the entry's line, e.g. `word: crypto`), or None.
        `body`: the posting's body, when it was read already."""
        reason = self._company(posting)
        if reason is not None:
            return reason
        if self._pattern is not None:
            texts = (posting.title, posting.company or "", posting.body if body is None else body)
            for text in texts:  # BLOCK_FIELDS
                found = self._word_in(fold(text))
                if found is not None:
                    return found.reason
        return None

    def _company(self, posting: Posting) -> str | None:
        """Why the posting's company is blocked, or None."""
        if self._companies and posting.company:
            key = self._keys.get(posting.company)
            if key is None:
                key = self._keys.setdefault(posting.company, company_key(posting.company))
            entry = self._companies.get(key)
            if entry is not None:
                return entry.reason
        return None

    def has_words(self) -> bool:
        """Whether a word or phrase is blocked (a posting's body is read for it)."""
        return bool(self._words)

    def first_words(self) -> frozenset[str] | None:
        """The first word of every blocked word or phrase: a posting without any of them (as a
        whole word, folded) is blocked by its company or not at all. None when a search index
        may split one differently (a word with letters outside ASCII)."""
        first = frozenset(k.split(" ")[0] for k in self._words)
        return first if all(w.isascii() for w in first) else None

    def blocked_ids(
        self, postings: Sequence[Posting], holding: Sequence[int] | None = None
    ) -> set[str]:
        """The ids of the blocked postings. `holding`, when given, are the positions of the
        postings that hold any of `first_words()` (from a search index): only those are read
        for words, the others only for their company (a dict lookup)."""
        if not self:
            return set()
        if holding is None or not self._words:
            return {p.id for p in postings if self.blocked(p)}
        holders = [postings[i] for i in holding]
        texts = read_bodies(holders)  # bodies kept in the store: read together
        found = {p.id for p, body in zip(holders, texts, strict=True) if self.blocked(p, body)}
        if self._companies:
            found.update(p.id for p in postings if self._company(p))
        return found

    def _word_in(self, text: str) -> Entry | None:
        """The first blocked word that stands as whole words in folded text. A candidate inside
        a longer word ("cryptography") is skipped, with the rest of that word."""
        assert self._pattern is not None and self._whole is not None
        if self._needles and not any(needle in text for needle in self._needles):
            return None
        search, whole = self._pattern.search, self._whole.match
        m = search(text)
        while m is not None:
            start = m.start()
            if not (start and _IS_WORD_CHAR(text, start - 1)):
                w = whole(text, start)  # also a shorter key here ("crypto" in "crypto walls")
                if w is not None:
                    return self._words.get(" ".join(words(w.group())))
            end = _NON_WORD(text, start)
            if end is None:
                return None
            m = search(text, end.end())
        return None


class Blocklist:
    """blocklist.txt: blocked companies and words, edited by hand and by jobtui alike.

    Every change re-reads the file under a lock and edits it line by line, so a line a person
    added meanwhile stays, and so do comments, blank lines and lines jobtui cannot read (listed
    in `problems`). A file that cannot be read (not UTF-8, no permission) is never written.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = config_dir(directory)
        self.path = self.directory / BLOCKLIST_FILE
        self.lock_path = self.directory / (BLOCKLIST_FILE + ".lock")
        self.problems: list[str] = []
        """Lines that block nothing because they cannot be read, and why (`line 3: ...`)."""
        self._entries: list[Entry] = []
        self._matcher = Matcher(())
        self._stamp: tuple[int, int, int] | None = None
        self.reload()

    def reload(self) -> None:
        """Read the file. One that cannot be read blocks nothing, and `problems` says why."""
        try:
            lines, _ = self._lines()
        except TriageError as exc:
            self._set([])
            self.problems = [str(exc)]
            return
        self._set(lines)

    def refresh(self) -> bool:
        """Read the file again if it changed since (a hand edit); True when it did."""
        if file_stamp(self.path) == self._stamp:
            return False
        self.reload()
        return True

    def _lines(self) -> tuple[list[str], str]:
        """The file's lines, and the line ending it uses. TriageError when it cannot be read
        as it is (then it must not be written)."""
        self._stamp = file_stamp(self.path)
        raw = _read_bytes(self.path)
        if raw is None:
            return [], "\n"
        if len(raw) > LIMIT:
            raise TriageError(f"{self.path} is larger than {LIMIT // 2**20} MB; not read")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise TriageError(
                f"{self.path} is not UTF-8 (byte {exc.start}); it blocks nothing and jobtui "
                "does not change it until it is saved as UTF-8"
            ) from None
        return text.splitlines(), "\r\n" if "\r\n" in text else "\n"

    def _set(self, lines: list[str]) -> None:
        entries, problems = [], []
        for n, line in enumerate(lines, 1):
            try:
                entry = parse_line(line)
            except ValueError as exc:
                problems.append(f"{self.path} line {n}: {exc}: {line.strip()[:80]!r}")
                continue
            if entry is not None:
                entries.append(entry)
        self._entries, self.problems = entries, problems
        self._matcher = Matcher(entries)

    def companies(self) -> list[str]:
        """Blocked companies as written, in the file's order."""
        return [e.value for e in self._entries if e.kind == "company"]

    def words(self) -> list[str]:
        """Blocked words and phrases as written, in the file's order."""
        return [e.value for e in self._entries if e.kind == "word"]

    def matcher(self) -> Matcher:
        """The compiled matcher of the list as read (to hand to a worker)."""
        return self._matcher

    def has_words(self) -> bool:
        """Whether a word or phrase is blocked (a posting's body is read for it)."""
        return self._matcher.has_words()

    def blocked(self, posting: Posting) -> str | None:
        """Why the posting is blocked (`company: Acme Corp`, `word: crypto`), or None.

        A company is blocked by its name after `company_key` (exactly: "Acme" does not block
        "Acme Rockets"); a word or phrase when it stands as whole words in the title, the
        company or the body, case and accents aside ("crypto" blocks "Crypto wallet", not
        "cryptography" nor "cryptos")."""
        return self._matcher.blocked(posting)

    # --- changing -------------------------------------------------------------------------

    def block_company(self, name: str) -> bool:
        """Block a company; False when it was blocked already (under any spelling)."""
        return self._add("company", name)

    def block_word(self, word: str) -> bool:
        """Block a word or phrase; False when it was blocked already."""
        return self._add("word", word)

    def unblock_company(self, name: str) -> list[str]:
        """Delete every line that blocks this company (under any spelling); returns the names
        as those lines wrote them (empty when none did), for an undo to block again."""
        return self._remove("company", name)

    def unblock_word(self, word: str) -> list[str]:
        """Delete every line that blocks this word; returns the words as written there."""
        return self._remove("word", word)

    def _entry(self, kind: str, value: str) -> Entry:
        """The line jobtui writes for a name (made one line); TriageError when it has none."""
        try:
            entry = parse_line(f"{kind}: {clean_field(value)}")
        except ValueError as exc:
            raise TriageError(f"cannot block {value!r}: {exc}") from None
        assert entry is not None  # the line starts with the kind
        return entry

    def _add(self, kind: str, value: str) -> bool:
        entry = self._entry(kind, value)

        def edit(lines: list[str]) -> bool:
            if any(e.kind == kind and e.key == entry.key for e in _entries(lines)):
                return False
            lines.append(entry.reason)
            return True

        return self._change(edit)

    def _remove(self, kind: str, value: str) -> list[str]:
        key = self._entry(kind, value).key
        removed: list[str] = []

        def edit(lines: list[str]) -> bool:
            keep = []
            for line in lines:
                entry = _entry_or_none(line)
                if entry is not None and entry.kind == kind and entry.key == key:
                    removed.append(entry.value)
                else:
                    keep.append(line)
            lines[:] = keep
            return bool(removed)

        self._change(edit)
        return removed

    def _change(self, edit: Callable[[list[str]], bool]) -> bool:
        try:
            with locked(self.lock_path):
                lines, newline = self._lines()  # raises for a file that must not be written
                changed = edit(lines)
                if changed:
                    text = newline.join(lines) + newline
                    atomic_write(self.path, text, prefix=".blocklist-")
                    self._stamp = file_stamp(self.path)
        except OSError as exc:
            raise NotSaved(why_not_saved(self.path, exc)) from None
        self._set(lines)
        return changed


def _entry_or_none(line: str) -> Entry | None:
    """The entry of a line; None for a comment, a blank or a malformed line."""
    try:
        return parse_line(line)
    except ValueError:
        return None


def _entries(lines: list[str]) -> Iterator[Entry]:
    return (e for e in map(_entry_or_none, lines) if e is not None)
