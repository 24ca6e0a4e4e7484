"""The load store: files unchanged since the last load (same size and modification time) are not
parsed again, so opening a folder a second time skips YAML, repair and extraction.

One SQLite database (WAL mode) per set of loaded folders, in the user cache folder (overridable
by $JOBTUI_CACHE_DIR): a row per file, keyed by (file, root), with its problem and its warning;
a row per posting with the fields the list shows; a row per posting with its body and front
matter, read only when asked for (see `stored`); and a row per posting with its record's JSON
from its title to its origins, which a reopened `list --format jsonl` prints as it is (see
`listing`). A load writes only the rows of changed or added
files, a batch per transaction, and at its end removes the rows of files that are gone.

It is only ever a copy, and it holds data, never code. A row that does not check out is parsed
again from its file; a database that is damaged, of another schema or of another stamp (jobtui,
its postings code, the libraries that shape records) is rebuilt; one that cannot be written or
is busy costs only speed, with at most one `notice`.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobtui import __version__
from jobtui.postings.model import Listed, Posting
from jobtui.postings.records import heads
from jobtui.postings.stored import (
    COLUMNS,
    LISTED_COLUMNS,
    Details,
    Reader,
    StoredRows,
    light,
    readable,
    row_of,
)
from jobtui.postings.stored_files import FileNumbers, StoredFiles
from jobtui.postings.text import clean_field, has_controls
from jobtui.storage import cache_dir, why_not_saved

Entry = tuple[int, int, list[Posting], str | None, str | None]
"""(size, mtime_ns, postings, problem, warning) of one file."""
SCHEMA = 0x4A54_0008
"""The database's `user_version`: "JT" and the layout. A database without it is not ours."""
LIBRARIES = ("ftfy", "PyYAML", "python-frontmatter", "beautifulsoup4", "markdownify", "feedparser")
"""The distributions whose versions shape records: another version rebuilds the store."""
PREFIX = "store-"
SUFFIX = ".sqlite"
OLD_PATTERNS = ("load-*.json", "*.pickle", ".load-*.tmp")
"""The JSON Lines caches (and the pickles before them) this store replaces: deleted unread."""
BATCH = 200
"""Rows written per transaction."""
BUSY_MS = 3000
"""How long a write waits for another jobtui loading the same folders before it gives up."""
_GIVE_UP = frozenset({"SQLITE_BUSY", "SQLITE_LOCKED"})
"""Another process holds the database: this load goes on without it, and says nothing."""
_DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_ERROR", "SQLITE_MISMATCH"})
"""Not a database of ours (or a broken one): removed and made afresh."""

PER_FILE = 1 << 20
"""A posting's number is its file's number times this, plus its place in the file."""
_SCHEMA_SQL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    id INTEGER PRIMARY KEY AUTOINCREMENT, file BLOB NOT NULL, root BLOB NOT NULL,
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, count INTEGER NOT NULL, problem, warning,
    ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
    UNIQUE (file, root)
);
CREATE TABLE postings (
    n INTEGER PRIMARY KEY, key, id, title, company, location, remote, salary_min, salary_max,
    currency, period, tags, posted, url, origins, digest, format
);
CREATE TABLE details (n INTEGER PRIMARY KEY, id, digest, body, meta);
CREATE TABLE heads (n INTEGER PRIMARY KEY, head);
"""
# The value columns have no type: SQLite keeps what a crafted row holds (3 stays a number, not
# "3"), and `stored` refuses anything of the wrong type. A file changed is stored under a new
# number (AUTOINCREMENT never gives one twice), so a posting read earlier never meets another's
# body under its own number.
_INSERT_FILE = (
    "INSERT INTO files (id, file, root, size, mtime_ns, count, problem, warning, ctime_ns, inode) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_POSTING = f"INSERT INTO postings (n, key, {COLUMNS[3:]}) VALUES ({', '.join('?' * 17)})"
_INSERT_DETAILS = "INSERT INTO details (n, id, digest, body, meta) VALUES (?, ?, ?, ?, ?)"
_INSERT_HEAD = "INSERT INTO heads (n, head) VALUES (?, ?)"
_LISTED = (
    f"SELECT key, {LISTED_COLUMNS} FROM postings JOIN heads ON heads.n = postings.n "
    "ORDER BY postings.n"
)
_IDS = (
    "SELECT postings.n, postings.id, postings.digest FROM postings "
    f"JOIN files ON files.id = postings.n / {PER_FILE} ORDER BY postings.n"
)
"""What a reopen lists the postings with (`LoadCache.stored`), of files the store holds."""
_LAST_FILE = (
    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'files'), 0),"
    " coalesce((SELECT max(id) FROM files), 0))"
)
"""The highest number a file was ever given here (what AUTOINCREMENT keeps)."""
MAX_FILES = 1 << 40
"""More file numbers than any store gives: a higher one is damage (a posting's number would
not fit SQLite's integers)."""


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Changes whenever the code that turns files into postings changes."""
    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    here = Path(__file__).parent
    for path in sorted(here.rglob("*.py")):  # every module of the postings package
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=1)
def library_versions() -> tuple[tuple[str, str], ...]:
    """(distribution, version) of each of `LIBRARIES`; "none" for one not installed."""
    from importlib import metadata

    found = []
    for name in LIBRARIES:
        try:
            found.append((name, metadata.version(name) or "none"))
        except metadata.PackageNotFoundError:
            found.append((name, "none"))
    return tuple(found)


def stamp() -> str:
    """What a store must have been written under to be used: jobtui's version and postings code
    and the versions of the libraries that shape records."""
    libraries = ",".join(f"{n}={v}" for n, v in library_versions())
    return hashlib.blake2b(f"{code_stamp()};{libraries}".encode(), digest_size=8).hexdigest()


def store_path(roots: Iterable[Path], directory: Path | None = None) -> Path:
    """The database of one set of loaded folders."""
    key = "\0".join(sorted(str(Path(r).resolve()) for r in roots))
    name = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return (directory or cache_dir()) / f"{PREFIX}{name}{SUFFIX}"


def index_file(path: Path) -> Path:
    """The file beside a store where the search index of its postings is saved (see
    `jobtui.search.persist`)."""
    return path.with_name(path.name + "-index")


def copies_file(path: Path) -> Path:
    """The file beside a store where the copies found among its postings are saved (see
    `jobtui.postings.saved_copies`)."""
    return path.with_name(path.name + "-copies")


def list_file(path: Path, spelling: str) -> Path:
    """The file beside a store where the list last printed from it is kept (see
    `jobtui.postings.printed`), one for each way its folders were named (`spelling`: the
    working folder and the paths as given, which a list prints its sources as)."""
    name = hashlib.blake2b(spelling.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return path.with_name(f"{path.name}-list-{name}")


def list_files(path: Path) -> list[Path]:
    """The lists kept beside a store (`list_file`), and the one list an earlier build kept
    (`-list`: never read now, removed with the others)."""
    try:
        found = sorted(path.parent.glob(glob.escape(path.name) + "-list-*"))
    except OSError:
        found = []
    old = path.with_name(path.name + "-list")
    return [*found, old] if os.path.lexists(old) else found


def list_temporaries(path: Path) -> list[Path]:
    """The files a list being kept beside a store is written to before it is whole (one left
    behind is of a list that was killed)."""
    try:
        return sorted(path.parent.glob(glob.escape(path.name) + "-list.*.tmp"))
    except OSError:
        return []


def database_files(path: Path) -> tuple[Path, ...]:
    """A database's file, its WAL and shared-memory files, and the saved index, copies and
    list beside it."""
    return (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        index_file(path),
        copies_file(path),
        *list_files(path),
    )


def remove_database(path: Path) -> int:
    """Delete a database with its WAL and shared-memory files; the bytes freed."""
    freed = 0
    for part in database_files(path):
        with contextlib.suppress(OSError):
            size = part.stat().st_size
            part.unlink()
            freed += size
    return freed


def remove_old(directory: Path) -> list[Path]:
    """Delete the caches of earlier jobtui versions (never read: a pickle could run code)."""
    gone = []
    for pattern in OLD_PATTERNS:
        for path in directory.glob(pattern):
            with contextlib.suppress(OSError):
                path.unlink()
                gone.append(path)
    return gone


def connect(path: Path, read_only: bool = False, idle: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are begun by hand) that waits when busy.
    `idle`: read a store in WAL mode that no process has open (no WAL files beside it) as the
    file it is, leaving no WAL files behind; the caller checks both."""
    if read_only:
        mode = "immutable=1" if idle else "mode=ro"
        con = sqlite3.connect(f"{path.absolute().as_uri()}?{mode}", uri=True, isolation_level=None)
    else:
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return con


class _Foreign(Exception):
    """The file is SQLite, but not a store of ours."""


class LoadCache:
    """The stored files under one set of roots, for one load: `get`, `put`, then `save`."""

    def __init__(
        self,
        roots: list[Path],
        directory: Path | None = None,
        on_notice: Callable[[str], None] | None = None,
        reread: Callable[[Path, Path], list[Posting]] | None = None,
    ) -> None:
        """`reread`: reads the postings of a file under a root again, for a body the store
        lost (the loader's `reread_file`; `iter_load` sets it when not given)."""
        self.path = store_path(roots, directory)
        self.roots = sorted(str(Path(r).resolve()) for r in roots)
        self._resolved: dict[str, tuple[str, str]] = {}
        """Each root as a load names it: (the prefix of the files below it, the root resolved).
        A file is stored under its path below its root and the root resolved, so `jobtui .`,
        `jobtui ~/jobs` and a link to it share rows."""
        self._prefix: dict[str, str] = {}
        """Each resolved root, as this load names the files below it (see `_Spelling`)."""
        for r in roots:
            given = Path(r)
            self._key("", given.parent if given.is_file() else given)
        self.hits = 0
        """Files taken from the store."""
        self.notice: str | None = None
        """Why the store is not used (a folder that cannot be written), said once."""
        self._on_notice = on_notice
        self._files: StoredFiles | None = None
        """(number, size, mtime_ns, count, problem, warning, ctime_ns, inode) of every stored
        file, by (its path below its root, the root resolved: `_key`): read when first needed
        (`_index`), in the transaction opened with the store."""
        self._rows: StoredRows | None = None
        """The stored postings of each file, by its number: read together at the first `get`."""
        self._seen = FileNumbers()
        """The numbers of the stored files this load met (the others are gone at `save`)."""
        self._others = False
        """Whether another jobtui wrote to the store since this load opened it."""
        self._pending: list[tuple[Any, ...]] = []
        self._head = heads()
        """Encodes the heads of the pending postings (what they share, once)."""
        self._last = 0
        """The highest file number when this load last wrote (or opened): another, higher,
        means another jobtui wrote meanwhile."""
        self._con: sqlite3.Connection | None = None
        self.details = Details(self.path, self.roots)
        """Where the bodies of the postings this store gives are read from."""
        self.details.reread = reread  # a body the store lost is read from its file
        self._reader = self._new_reader()
        self._open()

    # --- opening --------------------------------------------------------------------------------

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(exc)
            return
        remove_old(self.path.parent)
        for _ in range(2):  # a damaged database is removed, then made afresh once
            con = None
            try:
                con = connect(self.path)
                self._prepare(con)
                self._con = con
                return
            except (_Foreign, _Damaged, sqlite3.DatabaseError) as exc:
                if con is not None:
                    con.close()
                if isinstance(exc, _Foreign | _Damaged) or _name(exc) in _DAMAGED:
                    remove_database(self.path)
                    continue
                if _name(exc) not in _GIVE_UP:
                    self._say(exc)
                return
            except OSError as exc:
                self._say(exc)
                return

    def _prepare(self, con: sqlite3.Connection) -> None:
        """Check the database is ours and current, making or emptying it when not; then open
        the transaction that reads it (`_index`, and `stored` when asked before)."""
        con.execute("PRAGMA journal_mode = WAL")  # reads the header: raises for a non-database
        con.execute("PRAGMA synchronous = NORMAL")  # a copy: a lost last batch is only slower
        current = stamp()
        if self._version(con) != SCHEMA or self._stamp(con) != current:
            con.execute("BEGIN IMMEDIATE")
            try:
                version = self._version(con)
                if version == 0 and not con.execute("SELECT 1 FROM sqlite_master").fetchone():
                    for statement in _SCHEMA_SQL.split(";"):
                        if statement.strip():
                            con.execute(statement)
                    con.execute(
                        "INSERT INTO meta VALUES ('stamp', ?), ('roots', ?)",
                        (current, json.dumps(self.roots)),
                    )
                    con.execute(f"PRAGMA user_version = {SCHEMA}")
                elif version != SCHEMA:
                    raise _Foreign
                elif self._stamp(con) != current:  # another jobtui: every row may differ
                    for table in ("files", "postings", "details", "heads"):
                        con.execute(f"DELETE FROM {table}")
                    con.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (current,))
                con.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
                raise
        # The files, the highest number given and (for a reopen) the postings are read in one
        # transaction: the same moment of the store. (Read apart, another jobtui could write
        # between two reads: its files would be missing from `_index` while `_last` counted
        # them, so `_write` took them for new ones and failed on the store's "one row per
        # file"; or a file's postings would be older than its row.)
        con.execute("BEGIN")

    @property
    def _index(self) -> StoredFiles:
        """The stored files (see `_files`), read at the first question."""
        if self._files is None:
            self._files = self._read_index()
        return self._files

    def _read_index(self) -> StoredFiles:
        """Read the files and the highest number given, and end the transaction `_prepare`
        opened; a store that turns out damaged is removed (the load goes on without it)."""
        con = self._con
        index = StoredFiles()
        if con is None:
            return index
        encoding, errors = sys.getfilesystemencoding(), sys.getfilesystemencodeerrors()
        roots: dict[bytes, str] = {}  # (one or a few, on every row)
        try:
            try:
                self._last = _last_file(con)
                self._seen.expect(self._last)
                for number, file, root, *rest in con.execute(
                    "SELECT id, file, root, size, mtime_ns, count, problem, warning, ctime_ns, "
                    "inode FROM files"
                ):
                    if type(number) is not int:  # (its key: only integers, in a store of ours)
                        raise _Damaged("a file's number is not an integer")
                    if type(file) is bytes and type(root) is bytes:
                        name = roots.get(root) or roots.setdefault(
                            root, root.decode(encoding, errors)
                        )
                        index.add((file.decode(encoding, errors), name), (number, *rest))
            finally:
                if con.in_transaction:
                    con.execute("COMMIT")  # (a read: nothing to keep or undo)
        except _Damaged:
            self._close()
            remove_database(self.path)
            return StoredFiles()
        except sqlite3.Error as exc:
            self._fail(exc)
            return StoredFiles()
        return index

    def _new_reader(self) -> Reader:
        # Not a method of this store: the postings hold their reader until their fields are
        # read, and the store (every file's stamp, by key) is not to live as long as they do.
        return Reader(self.details, _Spelling(self._prefix), PER_FILE)

    @staticmethod
    def _version(con: sqlite3.Connection) -> int:
        return int(con.execute("PRAGMA user_version").fetchone()[0])

    @staticmethod
    def _stamp(con: sqlite3.Connection) -> object:
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        except sqlite3.OperationalError:  # no such table: not ours
            return None
        return row[0] if row else None

    def _say(self, exc: BaseException) -> None:
        """Give up the store for this load, saying why once."""
        self._close()
        if self.notice is None:
            if isinstance(exc, OSError):
                why = why_not_saved(self.path.parent, exc, "the load cache")
            else:
                why = f"could not save the load cache to {self.path.parent} ({exc})"
            self.notice = f"The load cache is off: {why}; every file is parsed."
            if self._on_notice is not None:
                self._on_notice(self.notice)

    def _fail(self, exc: sqlite3.Error) -> None:
        """A database error mid-load: busy goes on without the store, damage removes it."""
        name = _name(exc)
        if name in _GIVE_UP:
            self._close()
        elif name in _DAMAGED:
            self._close()
            remove_database(self.path)
        else:  # the disk is full, the folder turned read-only
            self._say(exc)

    def _close(self) -> None:
        con, self._con = self._con, None
        self._pending.clear()
        if con is not None:
            with contextlib.suppress(sqlite3.Error):
                con.close()

    # --- the loader's side ----------------------------------------------------------------------

    def _key(self, file: str | Path, root: Path) -> tuple[str, str]:
        """A file's key in the store: its path below its root, and the root resolved."""
        given = str(root)
        known = self._resolved.get(given)
        if known is None:
            try:
                resolved = str(Path(given).resolve())
            except (OSError, RuntimeError):  # a link loop: the root as given
                resolved = given
            # As the walk names the files below a root (`loader._walk`): `Path(".") / name` is
            # `name`.
            known = self._resolved[given] = (
                ("" if given == "." else os.path.join(given, "")),
                resolved,
            )
            self._prefix.setdefault(resolved, known[0])
        prefix, resolved = known
        path = str(file)
        return (path[len(prefix) :] if prefix and path.startswith(prefix) else path), resolved

    def get(self, file: str | Path, root: Path, stat: os.stat_result) -> Entry | None:
        """The entry of an unchanged file, or None: not stored, changed, or refused."""
        if self._con is None:
            return None
        key = self._key(file, root)
        known = self._index.get(key)
        if known is None or not _unchanged(known, stat):
            return None
        number, _, _, count, problem, warning, _, _ = known
        if self._rows is None:
            self._rows = self._read_rows()
        postings = self._rows.pop(number)
        if postings is None or len(postings) != count or not _note(problem) or not _note(warning):
            return None
        if not readable(postings):  # a row that does not check out: the file is read again
            return None
        if not postings and problem is None:  # a file that did not load: its problem says why
            return None
        self._seen.add(number)
        self.hits += 1
        return stat.st_size, stat.st_mtime_ns, postings, problem, warning

    def stored(self) -> list[Posting]:
        """Every posting the store holds for these folders, as the last load left them, read
        before any file is looked at (`get` gives the same objects for files unchanged since):
        what a reopen can show while it checks the files."""
        if self._con is None:
            return []
        if self._rows is None:
            self._rows = self._read_rows()
        return self._rows.left()

    def _read_rows(self) -> StoredRows:
        """The stored postings of every stored file, by file number, in order: one pass over
        the ids and digests, each row made a posting whose other fields are read when asked
        for (`stored.Reader`); None for a file with a row that does not check out. (A file's
        count of postings is checked by `get`, as its stat is.)"""
        if self._con is None:
            return StoredRows([], PER_FILE)
        try:
            rows = self._con.execute(_IDS)
            return self._reader.by_file(rows)
        except sqlite3.Error as exc:
            self._fail(exc)
            return StoredRows([], PER_FILE)
        finally:
            self._reader = self._new_reader()  # the postings keep the one that reads them

    def listed(
        self, files: Iterable[tuple[str, Path]], stats: Sequence[int] | None = None
    ) -> tuple[list[Listed], list[tuple[str, Path]]] | None:
        """What a reopened list needs of the postings of files (file, root), in their order,
        and the files that did not load: when every file is stored as it is now, and no other
        file is stored (see `listing`). Else None, as for a row that does not check out.
        `stats`: what a stat of each file just told (`printed.Walk.numbers`), else each is
        stat here."""
        if self._con is None:
            return None
        checked = self._checked(files, stats)
        if checked is None:
            return None
        sources, counts, order, failed = checked
        try:
            found = self._reader.listed(self._con.execute(_LISTED), sources, PER_FILE)
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        finally:
            self._reader = self._new_reader()
        listed: list[Listed] = []
        for number in order:
            postings = found.get(number)
            if postings is None or len(postings) != counts[number]:  # (a row refused, or gone)
                return None
            listed.extend(postings)
        return listed, failed

    def _checked(
        self, files: Iterable[tuple[str, Path]], stats: Sequence[int] | None
    ) -> tuple[dict[int, str], dict[int, int], list[int], list[tuple[str, Path]]] | None:
        """For `listed`: the files (file, root) by number, each one's count of postings, the
        numbers in the files' order, and the files that did not load; None unless every file
        is stored as it is now and no other file is stored."""
        sources: dict[int, str] = {}
        counts: dict[int, int] = {}
        order: list[int] = []
        failed: list[tuple[str, Path]] = []
        index, key, stat_of = self._index, self._key, os.stat
        for i, (file, root) in enumerate(files):
            known = index.get(key(file, root))
            if known is None:
                return None
            now: tuple[int, ...]
            if stats is None:
                try:
                    now = stat_numbers(stat_of(file))
                except OSError:
                    return None
            else:
                now = tuple(stats[4 * i : 4 * i + 4])
            number, _, _, count, problem, warning, _, _ = known
            if (
                not _same(known, now)
                or number in sources
                or not _note(problem)
                or not _note(warning)
                or type(count) is not int
            ):
                return None
            if count == 0:  # a file that did not load (its problem says why) is parsed again
                if problem is None:
                    return None
                failed.append((file, root))
                continue
            sources[number] = file
            counts[number] = count
            order.append(number)
        if len(order) + len(failed) != len(index):  # a file gone
            return None
        return sources, counts, order, failed

    def close(self) -> None:
        """Close the database without writing (a load that ends with `save` need not)."""
        self._close()

    def put(
        self,
        file: Path,
        root: Path,
        stat: os.stat_result,
        postings: list[Posting],
        problem: str | None,
        warning: str | None,
    ) -> list[Posting] | None:
        """Keep a file just parsed, written with its batch. Its postings as the store gives
        them back (bodies left to the store: see `stored.light`), or None when not kept."""
        if self._files is None:  # (the highest number given is read with the files)
            self._files = self._read_index()
        if self._con is None or len(postings) >= PER_FILE:
            return None
        whole = len(clean_field(str(file)))  # as a posting's source holds it
        encode = self._head
        try:
            rows = [
                (None if p.format == "markdown" else p.source[whole + 1 :], row_of(p), encode(p))
                for p in postings
            ]
            for _, _, text in rows:
                text.encode("utf-8")
            for note in (problem, warning):
                if note is not None:
                    note.encode("utf-8")  # a lone surrogate SQLite cannot store
        except (ValueError, UnicodeEncodeError):  # what the store does not write: parse each time
            return None
        number = self._last + 1 + len(self._pending)  # the number `_write` gives it
        kept: list[Posting] = [
            light(p, number * PER_FILE + seq, self.details) for seq, p in enumerate(postings)
        ]
        key = self._key(file, root)
        known = self._index.get(key)
        if known is not None:  # a changed file: its rows are replaced, not gone
            self._seen.add(known[0])
        self._pending.append(
            (os.fsencode(key[0]), os.fsencode(key[1]), stat.st_size, stat.st_mtime_ns,
             len(postings), problem, warning, stat.st_ctime_ns, stat.st_ino, rows)
        )  # fmt: skip
        if len(self._pending) >= BATCH:
            self._write(())
        return kept

    def save(self) -> None:
        """Write what is pending, remove the rows of files this load did not meet, and close."""
        if self._con is None:
            return
        gone = [
            (os.fsencode(path), os.fsencode(root))
            for (path, root), number in self._index.numbered()
            if number not in self._seen
        ]
        self._write(gone)
        self._close()

    def _write(self, gone: list[tuple[bytes, bytes]] | tuple[()]) -> None:
        """One transaction: the pending files, and the removal of files that are gone."""
        con = self._con
        if con is None or not (self._pending or gone):
            return
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                # Files are numbered here, after the highest number ever given, so they go in
                # with one statement.
                last = _last_file(con)
                # Rows of a file this load did not meet at its start exist only if another
                # jobtui wrote meanwhile (the number moved on): then any file may have some,
                # in this write and every one after (what it wrote before this load's last
                # write was not removed then: only the files of that write were).
                moved = last != self._last
                self._others = every = self._others or moved
                known = self._index
                for file, root, *_ in self._pending:
                    if every or (os.fsdecode(file), os.fsdecode(root)) in known:
                        _remove(con, file, root)
                for file, root in gone:
                    _remove(con, file, root)
                files, postings, details, head_rows = [], [], [], []
                for number, (*values, rows) in enumerate(self._pending, last + 1):
                    files.append((number, *values))
                    for seq, (local, row, text) in enumerate(rows):
                        n = number * PER_FILE + seq
                        postings.append((n, local, *row[:15]))
                        details.append((n, row[0], row[13], *row[15:]))
                        head_rows.append((n, text))
                con.executemany(_INSERT_FILE, files)
                con.executemany(_INSERT_POSTING, postings)
                con.executemany(_INSERT_DETAILS, details)
                con.executemany(_INSERT_HEAD, head_rows)
                con.execute("COMMIT")
                self._head = heads()  # (what one batch shares: kept no longer)
                if not moved:  # numbered as `put` said: their bodies are in the database now
                    for number in range(last + 1, last + 1 + len(self._pending)):
                        for seq in range(PER_FILE):
                            if self.details.pending.pop(number * PER_FILE + seq, None) is None:
                                break
                self._last = last + len(self._pending)
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
                raise
        except (_Damaged, OverflowError):  # numbers no store of ours gives: made afresh
            self._close()
            remove_database(self.path)
        except sqlite3.Error as exc:
            self._fail(exc)
        self._pending.clear()


class _Damaged(Exception):
    """The database holds what no store of ours writes."""


class _Spelling:
    """A stored file's path as a load names it, from the store's columns (bytes): its path
    below its root, after the prefix the load gives that root's files; None when it is not
    under a root of that load."""

    __slots__ = ("_prefix",)

    def __init__(self, prefix: dict[str, str]) -> None:
        self._prefix = prefix  # (the load's own: it grows as the load meets its roots)

    def __call__(self, file: Any, root: Any) -> str | None:
        if type(file) is not bytes or type(root) is not bytes:
            return None
        prefix = self._prefix.get(os.fsdecode(root))
        return None if prefix is None else prefix + os.fsdecode(file)


def _last_file(con: sqlite3.Connection) -> int:
    """The highest file number given; raises _Damaged for one no store of ours gives."""
    (last,) = con.execute(_LAST_FILE).fetchone()
    if type(last) is not int or not 0 <= last < MAX_FILES:
        raise _Damaged
    return last


def _remove(con: sqlite3.Connection, file: bytes, root: bytes) -> None:
    """Delete a file's row and the rows of its postings."""
    for (number,) in con.execute(
        "DELETE FROM files WHERE file = ? AND root = ? RETURNING id", (file, root)
    ).fetchall():
        if type(number) is int:
            span = (number * PER_FILE, (number + 1) * PER_FILE)
            con.execute("DELETE FROM postings WHERE n >= ? AND n < ?", span)
            con.execute("DELETE FROM details WHERE n >= ? AND n < ?", span)
            con.execute("DELETE FROM heads WHERE n >= ? AND n < ?", span)


def _unchanged(known: tuple[Any, ...], stat: os.stat_result) -> bool:
    """Whether a stored file (its `_index` entry) is as its stat says it is now. A file written
    again keeps its size, and may keep its modification time (`cp -p`, `rsync -a`, `tar x`),
    but not its change time or, replaced, its inode."""
    return _same(known, stat_numbers(stat))


def stat_numbers(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file written again from the one stored: size, modification and change
    time (ns), inode (see `_unchanged`)."""
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def _same(known: tuple[Any, ...], now: tuple[int, ...]) -> bool:
    _, size, mtime, _, _, _, ctime, inode = known
    return (size, mtime, ctime, inode) == now


def _note(value: Any) -> bool:
    """Whether a stored problem or warning is one the loader could have written."""
    return value is None or (type(value) is str and not has_controls(value))


def _name(exc: BaseException) -> str:
    """SQLite's name of an error's primary code (SQLITE_BUSY, SQLITE_CORRUPT...)."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):  # an extended code (SQLITE_BUSY_SNAPSHOT): its primary name
        return _PRIMARY.get(code & 0xFF, name)
    return name


_PRIMARY = {
    1: "SQLITE_ERROR",
    5: "SQLITE_BUSY",
    6: "SQLITE_LOCKED",
    11: "SQLITE_CORRUPT",
    20: "SQLITE_MISMATCH",
    26: "SQLITE_NOTADB",
}
