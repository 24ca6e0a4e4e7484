"""A load cache: files unchanged since the last load (same size and modification time) are not
parsed again, so opening a folder a second time skips YAML, repair and extraction.

The cache lives in the user cache folder (overridable by $JOBTUI_CACHE_DIR), one file per set of
loaded folders. It is only ever a copy: a missing, stale or unreadable cache is rebuilt, and a
change to jobtui's extraction code invalidates it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobtui import __version__
from jobtui.storage import atomic_write, cache_dir

Entry = tuple[int, int, Any, str | None, str | None]
"""(size, mtime_ns, posting or None, problem, warning) of one file."""


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Changes whenever the code that turns files into postings changes."""
    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    here = Path(__file__).parent
    for path in sorted(here.rglob("*.py")):  # every module of the postings package
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()


class LoadCache:
    """Entries for the files under one set of roots."""

    def __init__(self, roots: list[Path], directory: Path | None = None) -> None:
        key = "\0".join(sorted(str(r.resolve()) for r in roots))
        name = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
        self.path = (directory or cache_dir()) / f"load-{name}.pickle"
        self.old: dict[tuple[str, str], Entry] = {}
        self.new: dict[tuple[str, str], Entry] = {}
        self.hits = 0
        try:
            with open(self.path, "rb") as fh:
                stamp, entries = pickle.load(fh)
            if stamp == code_stamp() and isinstance(entries, dict):
                self.old = entries
        except Exception:  # absent, truncated or from another version: start afresh
            self.old = {}

    def get(self, file: Path, root: Path, stat: os.stat_result) -> Entry | None:
        key = (str(file), str(root))
        entry = self.old.get(key)
        if entry is not None and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns:
            self.new[key] = entry
            self.hits += 1
            return entry
        return None

    def put(
        self,
        file: Path,
        root: Path,
        stat: os.stat_result,
        posting: Any,
        problem: str | None,
        warning: str | None,
    ) -> None:
        self.new[(str(file), str(root))] = (
            stat.st_size,
            stat.st_mtime_ns,
            posting,
            problem,
            warning,
        )

    def save(self) -> None:
        """Write the entries of this load, if anything differs from what was read."""
        if self.new == self.old:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps((code_stamp(), self.new), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(self.path, data, durable=False, prefix=".load-")
