"""The load cache folder as a whole: what its stores hold (`jobtui cache info`) and removing
them (`jobtui cache clear`), for some loaded folders or for all. The stores are `store`'s."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from jobtui.postings.store import (
    OLD_PATTERNS,
    PREFIX,
    SCHEMA,
    SUFFIX,
    LoadCache,
    code_stamp,
    connect,
    copies_file,
    database_files,
    index_file,
    list_temporaries,
    remove_database,
    stamp,
    store_path,
)
from jobtui.storage import cache_dir

__all__ = ["CacheInfo", "LoadCache", "StoreInfo", "cache_info", "clear_cache", "code_stamp"]


@dataclass(frozen=True, slots=True)
class StoreInfo:
    """One store: a database of the files under one set of folders."""

    path: Path
    """The database file."""
    roots: tuple[str, ...]
    """The folders it was loaded from (none known when it cannot be read)."""
    size: int
    """Bytes on disk, its write-ahead log and shared-memory index included."""
    files: int
    """Files it holds a row for."""
    postings: int
    """Postings in those rows."""
    stamp: str | None
    """What it was written under (see `store.stamp`)."""
    ours: bool
    """Whether it is a store of jobtui's at all: a damaged or foreign file is rebuilt."""
    current: bool
    """Whether a load would use it: ours, and of this jobtui's stamp."""

    @property
    def orphaned(self) -> bool:
        """Whether every folder (or file) it was loaded from is gone: no load will use it again."""
        return bool(self.roots) and not any(os.path.exists(r) for r in self.roots)


@dataclass(frozen=True, slots=True)
class CacheInfo:
    """The cache folder, or the part of it some folders use."""

    directory: Path
    """Where the stores live."""
    stamp: str
    """The stamp a store needs to be used now."""
    stores: tuple[StoreInfo, ...]
    """The stores asked about."""
    old: tuple[Path, ...]
    """Caches of earlier versions (JSON Lines, pickles): never read, deleted at the next load."""

    @property
    def size(self) -> int:
        """Bytes on disk of the stores and old caches."""
        old = 0
        for path in self.old:
            with contextlib.suppress(OSError):
                old += path.stat().st_size
        return sum(s.size for s in self.stores) + old

    @property
    def files(self) -> int:
        """Files held, over every store."""
        return sum(s.files for s in self.stores)

    @property
    def postings(self) -> int:
        """Postings held, over every store."""
        return sum(s.postings for s in self.stores)

    def to_dict(self) -> dict[str, object]:
        """As JSON values, for `--format json`."""
        return {
            "directory": str(self.directory),
            "stamp": self.stamp,
            "size": self.size,
            "files": self.files,
            "postings": self.postings,
            "stores": [
                {
                    "path": str(s.path),
                    "roots": list(s.roots),
                    "size": s.size,
                    "files": s.files,
                    "postings": s.postings,
                    "stamp": s.stamp,
                    "ours": s.ours,
                    "current": s.current,
                    "orphaned": s.orphaned,
                }
                for s in self.stores
            ],
            "old": [str(p) for p in self.old],
        }


def cache_info(paths: list[Path] | None = None, directory: Path | None = None) -> CacheInfo:
    """What the stores of these folders hold (every store when no folder is given). Reads the
    databases without writing to them."""
    where = directory or cache_dir()
    found = tuple(_read(p) for p in _stores(where, paths))
    old = () if paths else tuple(_old(where))
    return CacheInfo(where, stamp(), found, old)


def stored_files(roots: list[Path], directory: Path | None = None) -> int:
    """How many files the store of these folders holds (0 when there is none, or it cannot
    be read): the last open's count, known without walking the folders."""
    path = store_path(roots, directory)
    return _read(path).files if path.is_file() else 0


def clear_cache(
    paths: list[Path] | None = None, directory: Path | None = None
) -> list[tuple[Path, int]]:
    """Remove the stores of these folders (with no folder: every store and old cache); each
    database removed and the bytes it freed. A jobtui loading meanwhile goes on without it."""
    where = directory or cache_dir()
    removed = [(p, remove_database(p)) for p in _stores(where, paths)]
    # A saved index whose store is gone (cleared while an app was still loading): removed too.
    for index in _orphans(where, paths):
        with contextlib.suppress(OSError):
            size = index.stat().st_size
            index.unlink()
            removed.append((index, size))
    if not paths:
        for path in _old(where):
            with contextlib.suppress(OSError):
                size = path.stat().st_size
                path.unlink()
                removed.append((path, size))
    return removed


def _stores(directory: Path, paths: list[Path] | None) -> list[Path]:
    """The databases in the folder; with paths, those loaded from any of them (or their set)."""
    try:
        every = sorted(directory.glob(f"{PREFIX}*{SUFFIX}"))
    except OSError:
        return []
    if not paths:
        return every
    exact = store_path(paths, directory)
    wanted = {str(Path(p).resolve()) for p in paths}
    return [p for p in every if p == exact or wanted & set(_read(p).roots)]


def _orphans(directory: Path, paths: list[Path] | None) -> list[Path]:
    """Saved indexes, copies and lists without their store beside them, and the files of lists
    that were killed before they were kept."""
    found: list[Path] = []
    for beside, end in ((index_file, "-index"), (copies_file, "-copies")):
        try:
            files = sorted(directory.glob(f"{PREFIX}*{SUFFIX}{end}"))
        except OSError:
            continue
        if paths:
            files = [p for p in files if p == beside(store_path(paths, directory))]
        found.extend(p for p in files if not p.with_name(p.name.removesuffix(end)).exists())
    try:  # (a list is named after its store and a hash: `list_file`)
        lists = sorted({*directory.glob(f"{PREFIX}*{SUFFIX}-list-*"), *directory.glob(
            f"{PREFIX}*{SUFFIX}-list")})  # fmt: skip
    except OSError:
        lists = []
    for p in lists:
        store = p.with_name(p.name.rpartition("-list")[0])
        if (not paths or store == store_path(paths, directory)) and not store.exists():
            found.append(p)
    if paths:
        found.extend(list_temporaries(store_path(paths, directory)))
    else:
        with contextlib.suppress(OSError):
            found.extend(sorted(directory.glob(f"{PREFIX}*{SUFFIX}-list.*.tmp")))
    return found


def _old(directory: Path) -> list[Path]:
    found: list[Path] = []
    with contextlib.suppress(OSError):
        for pattern in OLD_PATTERNS:
            found.extend(sorted(directory.glob(pattern)))
    return found


def _in_wal_mode(path: Path) -> bool:
    """Whether a database file says it is in WAL mode (its header's format bytes are 2): only
    then does a process with it open leave `-wal` and `-shm` files beside it."""
    try:
        with path.open("rb") as f:
            header = f.read(20)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"


def _read(path: Path, idle: bool | None = None) -> StoreInfo:
    size = 0
    parts = database_files(path)
    for part in (*parts, *list_temporaries(path)):
        with contextlib.suppress(OSError):
            size += part.stat().st_size
    if idle is None:  # no process has it open: read it as it is, leaving no WAL files behind
        idle = _in_wal_mode(path) and not any(part.exists() for part in parts[1:3])
    con = None
    ours = False
    try:
        con = connect(path, read_only=True, idle=idle)
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version >> 16 != SCHEMA >> 16:  # "JT": a store of some jobtui, this one's or older
            raise sqlite3.DatabaseError("not a jobtui store")
        ours = True
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        files, postings = con.execute("SELECT count(*), total(count) FROM files").fetchone()
        roots = json.loads(meta.get("roots", "[]"))
        if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
            roots = []
        made = meta.get("stamp")
        written = made if isinstance(made, str) else None
        current = version == SCHEMA and written == stamp()  # an older layout: stale
        return StoreInfo(path, tuple(roots), size, files, int(postings), written, True, current)
    except (sqlite3.Error, ValueError):
        if idle and ours:  # a process opened it meanwhile: read it as one of its readers
            return _read(path, idle=False)
        return StoreInfo(path, (), size, 0, 0, None, False, False)
    finally:
        if con is not None:
            con.close()
