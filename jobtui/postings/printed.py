"""A list printed, kept: `jobtui list --format jsonl` of folders in which nothing changed prints
again the lines it printed last time, without opening the load store.

A reopen that reads the store still makes 100,000 postings' worth of rows, checks, sorts and
folds them, and takes twice as long as reading the files. Yet what it prints follows from
things a walk and a stat tell: the files (each one's path, size, modification and change time
and inode, as the store tells a file unchanged), the options, the code, and the user's files
the list is folded by. So each list printed from the store or a load is kept beside the store
(`<store>-list-<hash of the folders as named>`: the last `KEPT_LISTS` ways they were named)
under a key of all of those, with what it said on stderr; a list whose key is the same prints
it as kept. Any other key, or a kept list that does not check out, prints nothing and the
caller lists as ever (and keeps that list in its place).

The file is the lines, then a JSON trailer (the key, the lines' length and BLAKE2b digest, what
was said on stderr, the files that did not load), then the trailer's length and a magic
number. A kept list is only ever a copy: one that is torn, damaged, of another key or holds a
control character is not printed; a folder that cannot be written keeps nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import stat
import struct
import tempfile
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from jobtui.postings.store import list_file, list_files, list_temporaries, stat_numbers
from jobtui.postings.text import has_controls

MAGIC = b"JTLIST01"
_FOOTER = struct.Struct("<Q8s")
"""After the trailer: its length, then MAGIC."""
CHUNK = 1 << 20
"""Bytes read (and written) at a time: a kept list of a million postings is never held whole."""
CONTROLS = bytes([*range(0x0A), *range(0x0B, 0x20), 0x7F])
"""Bytes a printed JSON line never holds (every control is escaped in JSON; a line ends in
a newline)."""
BATCH = 512
"""Lines written to the kept list at a time."""
KEPT_LISTS = 4
"""Lists kept beside one store, one for each way its folders were named (`list_file`): the
ones kept last, so that a folder listed as `jobs`, `./jobs` and by its full path is not listed
afresh each time its name changes."""
STALE_AFTER = 24 * 3600
"""Seconds after which a temporary file left by a list that was killed is removed."""


@lru_cache(maxsize=1)
def package_stamp() -> str:
    """Changes whenever any of jobtui's code changes (the list is made by the command line,
    the shortlist's triage and the postings' records alike), or a library that shapes records."""
    from jobtui.postings.store import stamp

    h = hashlib.blake2b(stamp().encode(), digest_size=16)
    here = Path(__file__).resolve().parent.parent
    for path in sorted(here.rglob("*.py")):
        with contextlib.suppress(OSError):
            h.update(str(path.relative_to(here)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


@dataclass
class Walk:
    """The files of some folders as a load finds them, with what a stat tells of each, and the
    folders that could not be read."""

    files: list[tuple[str, Path]]
    numbers: array[int]
    """Each file's size, modification and change time (ns) and inode; -1s when it has no stat."""
    folders: list[Any]
    """The loader's `Problem` of each folder that could not be read."""

    def digest(self) -> bytes:
        """What tells one state of the files from another: each file's path and root, its
        stat's numbers, and each folder problem."""
        h = hashlib.blake2b(digest_size=16)
        names = "\0".join(f"{file}\0{root}" for file, root in self.files)
        h.update(names.encode("utf-8", "surrogateescape"))
        h.update(self.numbers.tobytes())
        for problem in self.folders:
            h.update(f"\0{problem.path}\0{problem.reason}".encode("utf-8", "surrogateescape"))
        return h.digest()

    def failed(self, problems: Iterable[Any]) -> list[tuple[str, Path]]:
        """(file, root) of each file of the walk one of the loader's problems is about."""
        named = {problem.path for problem in problems}
        return [(file, root) for file, root in self.files if file in named]


def walk(targets: Sequence[str | os.PathLike[str]]) -> Walk:
    """The files of the targets (as `loader.iter_file_names` gives them) and their stats.
    Raises LoadError for a path that does not exist, as loading does."""
    from jobtui.postings.loader import Problem, check_paths, iter_file_names

    check_paths(targets)
    folders: list[Problem] = []
    files = list(iter_file_names(targets, folders))
    numbers = array("q")
    add, stat_of = numbers.extend, os.stat
    for file, _ in files:
        try:
            add(stat_numbers(stat_of(file)))
        except OSError:
            add((-1, -1, -1, -1))  # (no file has these: the store sees a change)
    return Walk(files, numbers, folders)


def key(walk: Walk, inputs: Any) -> str:
    """The key of a list: jobtui's code, the files' state and the caller's `inputs` (JSON:
    the working folder, as a source is printed as its path was given; options, settings, the
    state of the files the list is folded by)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(package_stamp().encode())
    h.update(walk.digest())
    h.update(json.dumps(inputs, sort_keys=True, default=str).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def file_state(path: Path) -> list[int] | None:
    """A file as `key` inputs tell it: its size, modification and change time and inode (None:
    there is none). A file written again, even to the same bytes, has another change time."""
    try:
        return list(stat_numbers(os.stat(path)))
    except OSError:
        return None


class Unreadable(Exception):
    """A kept list that checked out could not be read again to be written."""


@dataclass
class Kept:
    """A kept list that checked out, open: its stderr messages and the files that did not
    load. Its lines are written from the file that was checked, even if another list is
    kept in its place meanwhile."""

    file: IO[bytes]
    size: int
    before: str
    """Said on stderr before the lines."""
    after: str
    """Said on stderr after the lines."""
    failed: list[tuple[str, str]]
    """(file, root) of each file that did not load: parsed again (it may load now)."""

    def write(self, out: IO[bytes]) -> None:
        """Write the lines to `out`. Raises Unreadable when the kept file cannot be read (and
        OSError when `out` cannot be written)."""
        left = self.size
        try:
            self.file.seek(0)
        except OSError as exc:
            raise Unreadable(exc.strerror or str(exc)) from None
        while left:
            try:
                chunk = self.file.read(min(CHUNK, left))
            except OSError as exc:
                raise Unreadable(exc.strerror or str(exc)) from None
            if not chunk:
                raise Unreadable("it is shorter than it was")
            out.write(chunk)
            left -= len(chunk)

    def close(self) -> None:
        self.file.close()


def read(store: Path, spelling: str, wanted: str) -> Kept | None:
    """The list kept beside `store` for its folders named as `spelling` says (open) when it
    is of the key `wanted` and checks out whole (its digest; no control character in its lines
    or messages), else None."""
    path = list_file(store, spelling)
    try:  # (not blocking on a FIFO put in its place: only a regular file is read)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(fd)
        return None
    fh = os.fdopen(fd, "rb")
    kept = None
    try:
        kept = _checked(fh, wanted)
    except (OSError, ValueError, RecursionError):
        kept = None
    finally:
        if kept is None:
            fh.close()
    if kept is not None:  # used now: among the last kept (`KEPT_LISTS`)
        with contextlib.suppress(OSError):
            os.utime(path)
    return kept


def _checked(fh: IO[bytes], wanted: str) -> Kept | None:
    end = fh.seek(0, os.SEEK_END)
    if end < _FOOTER.size:
        return None
    fh.seek(end - _FOOTER.size)
    length, magic = _FOOTER.unpack(fh.read(_FOOTER.size))
    if magic != MAGIC or length > end - _FOOTER.size:
        return None
    fh.seek(end - _FOOTER.size - length)
    trailer = json.loads(fh.read(length))
    kept = _trailer(fh, trailer, wanted, end - _FOOTER.size - length)
    if kept is None:
        return None
    fh.seek(0)
    h = hashlib.blake2b(digest_size=32)
    left = kept.size
    while left:
        chunk = fh.read(min(CHUNK, left))
        if not chunk or len(chunk.translate(None, CONTROLS)) != len(chunk):
            return None
        h.update(chunk)
        left -= len(chunk)
    return kept if h.hexdigest() == trailer["digest"] else None


def _trailer(fh: IO[bytes], data: Any, wanted: str, size: int) -> Kept | None:
    """The trailer's Kept when it is of the key wanted and of the shape `Keeper` writes."""
    if not (
        type(data) is dict
        and data.get("key") == wanted
        and data.get("size") == size
        and type(data.get("digest")) is str
        and type(data.get("failed")) is list
    ):
        return None
    before, after = data.get("before"), data.get("after")
    for text in (before, after):
        if type(text) is not str or any(has_controls(line) for line in text.split("\n")):
            return None
    failed: list[tuple[str, str]] = []
    for item in data["failed"]:
        if not (type(item) is list and len(item) == 2 and all(type(s) is str for s in item)):
            return None
        failed.append((item[0], item[1]))
    return Kept(fh, size, str(before), str(after), failed)


@dataclass
class Keeper:
    """Keeps the list being printed: `line` for each line as it is written, `said` for each
    message on stderr, then `keep` when the whole list is printed (or `drop`)."""

    store: Path
    spelling: str
    wanted: str
    encoding: str
    errors: str
    walk: Walk
    _file: IO[bytes] | None = None
    _temp: str = ""
    _digest: Any = field(default_factory=lambda: hashlib.blake2b(digest_size=32))
    _size: int = 0
    _said: list[str] = field(default_factory=list)
    _lines_from: int | None = None
    """How many messages were said when the first line was written."""
    _pending: list[str] = field(default_factory=list)
    """Lines not written yet (they are written a batch at a time)."""

    def __post_init__(self) -> None:
        directory = self.store.parent
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, self._temp = tempfile.mkstemp(
                prefix=self.store.name + "-list.", suffix=".tmp", dir=directory
            )
            self._file = os.fdopen(fd, "wb")
        except OSError:
            self._file = None  # (the store says once why its folder cannot be written)

    def line(self, text: str) -> None:
        """A line printed (without its newline)."""
        if self._lines_from is None:
            self._lines_from = len(self._said)
        self._pending.append(text)
        if len(self._pending) >= BATCH:
            self._write()

    def _write(self) -> None:
        if self._file is not None and self._pending:
            data = ("\n".join(self._pending) + "\n").encode(self.encoding, self.errors)
            try:
                self._file.write(data)
            except OSError:
                self.drop()
                return
            self._digest.update(data)
            self._size += len(data)
        self._pending.clear()

    def said(self, text: str) -> None:
        """Text written to stderr (a progress line redrawn in place is not kept)."""
        if not text.startswith("\r"):
            self._said.append(text)

    def keep(self, problems: Iterable[Any]) -> None:
        """The whole list is printed, and these are the loader's problems: keep it (in place of
        the one kept before)."""
        self._write()
        if self._file is None:
            return
        failed = self.walk.failed(problems)
        split = len(self._said) if self._lines_from is None else self._lines_from
        trailer = json.dumps(
            {
                "key": self.wanted,
                "size": self._size,
                "digest": self._digest.hexdigest(),
                "before": "".join(self._said[:split]),
                "after": "".join(self._said[split:]),
                "failed": [[file, str(root)] for file, root in failed],
            },
            ensure_ascii=True,
        ).encode()
        try:
            self._file.write(trailer + _FOOTER.pack(len(trailer), MAGIC))
            self._file.close()
            os.replace(self._temp, list_file(self.store, self.spelling))
        except OSError:
            self.drop()
            return
        self._file = None
        _remove_stale(self.store)

    def drop(self) -> None:
        """Keep nothing (the list was not printed whole); nothing once kept."""
        self._pending.clear()
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.close()
            self._file = None
            with contextlib.suppress(OSError):
                os.unlink(self._temp)


def _remove_stale(store: Path) -> None:
    """Remove the lists beside a store but the `KEPT_LISTS` used last, and the files of lists
    that were killed before they were kept (`cache clear` removes them all)."""
    now = time.time()
    used: list[tuple[float, Path]] = []
    for path in list_files(store):
        with contextlib.suppress(OSError):
            if path.name.endswith("-list"):  # (an earlier build's, never read)
                path.unlink()
                continue
            used.append((path.lstat().st_mtime, path))
    used.sort(reverse=True)
    for _, path in used[KEPT_LISTS:]:
        with contextlib.suppress(OSError):
            path.unlink()
    for path in list_temporaries(store):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > STALE_AFTER:
                path.unlink()


class Tee:
    """stderr as it was, each write also given to `said` (see `Keeper.said`)."""

    def __init__(self, stream: IO[str], said: Callable[[str], None]) -> None:
        self._stream = stream
        self._said = said

    def write(self, text: str) -> int:
        self._said(text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def usable(stream: Any) -> tuple[str, str] | None:
    """("utf-8", errors) of a stdout whose bytes a kept list can be written to, else None: no
    byte buffer, newlines it translates, or another encoding (UTF-8 with a byte-order mark
    would put one at the start of each batch; UTF-16 holds NULs)."""
    if not hasattr(stream, "buffer") or os.linesep != "\n":
        return None
    try:
        encoding = codecs.lookup(str(getattr(stream, "encoding", None))).name
    except LookupError:
        return None
    errors = getattr(stream, "errors", None) or "strict"
    return (encoding, str(errors)) if encoding == "utf-8" else None
