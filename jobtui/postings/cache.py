"""A load cache: files unchanged since the last load (same size and modification time) are not
parsed again, so opening a folder a second time skips YAML, repair and extraction.

The cache lives in the user cache folder (overridable by $JOBTUI_CACHE_DIR), one file per set of
loaded folders. It is only ever a copy: a missing, stale or unreadable cache is rebuilt, and a
change to jobtui's extraction code invalidates it.

It holds data, never code: JSON Lines (a header, then one file per line), with postings as
plain values (see `plain`). The folder may be
shared and a file may be damaged, so each entry is checked when it is used; one that does not
check out is parsed again from its file, as if it were not cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jobtui import __version__
from jobtui.postings.model import Posting
from jobtui.postings.plain import posting_from_plain, posting_to_plain
from jobtui.postings.text import clean_field, has_controls
from jobtui.storage import atomic_write, cache_dir

Entry = tuple[int, int, list[Posting], str | None, str | None]
"""(size, mtime_ns, postings, problem, warning) of one file."""
Row = list[Any]
"""An entry as the file stores it: [file, root, size, mtime_ns, postings as [key, plain] pairs,
problem, warning]; the key is None for a file of one posting, else the posting's own id in the
file (its source is then `file#key`)."""
FORMAT = 3
"""The layout of the cache file; a file of another layout is ignored."""


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Changes whenever the code that turns files into postings changes."""
    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    here = Path(__file__).parent
    for path in sorted(here.rglob("*.py")):  # every module of the postings package
        with contextlib.suppress(OSError):
            h.update(path.read_bytes())
    return h.hexdigest()


_REFUSED = object()
"""What JSON's NaN and Infinity read as: no value an entry accepts, so that entry is refused."""


class LoadCache:
    """Entries for the files under one set of roots."""

    def __init__(self, roots: list[Path], directory: Path | None = None) -> None:
        key = "\0".join(sorted(str(r.resolve()) for r in roots))
        name = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
        self.path = (directory or cache_dir()) / f"load-{name}.json"
        self.old: dict[tuple[str, str], Row] = {}
        """The entries read from the cache file, not yet checked."""
        self.new: dict[tuple[str, str], Row] = {}
        """The entries of this load, to be written."""
        self.hits = 0
        """Files taken from the cache."""
        self.changed = False
        """Whether an entry was added or replaced."""
        try:
            with open(self.path, "rb") as fh:
                lines = fh.read().split(b"\n")
            head = json.loads(lines[0])
        except Exception:  # absent, unreadable, not JSON: start afresh
            return
        if not isinstance(head, dict) or head.get("format") != FORMAT:
            return
        if head.get("stamp") != code_stamp():
            return
        # One small JSON document per line: the load thread lets the UI run between them (one
        # document of the whole cache held the interpreter for a third of a second at 20,000).
        for line in lines[1:]:
            try:
                row = json.loads(line, parse_constant=lambda _: _REFUSED)
            except Exception:  # a damaged line: that file is parsed again
                continue
            if isinstance(row, list) and len(row) == 7:
                file, root = row[0], row[1]
                if isinstance(file, str) and isinstance(root, str):
                    self.old[(file, root)] = row

    def get(self, file: Path, root: Path, stat: os.stat_result) -> Entry | None:
        """The entry of an unchanged file, or None: not cached, changed, or refused."""
        key = (str(file), str(root))
        row = self.old.get(key)
        if row is None or row[2] != stat.st_size or row[3] != stat.st_mtime_ns:
            return None
        entry = _entry(row)
        if entry is None:
            return None
        self.new[key] = row
        self.hits += 1
        return entry

    def put(
        self,
        file: Path,
        root: Path,
        stat: os.stat_result,
        postings: list[Posting],
        problem: str | None,
        warning: str | None,
    ) -> None:
        whole = len(clean_field(str(file)))  # as a posting's source holds it
        try:
            plain = [
                [None if p.format == "markdown" else p.source[whole + 1 :], posting_to_plain(p)]
                for p in postings
            ]
        except ValueError:  # front matter of a type the cache does not write: parse each time
            return
        key = (str(file), str(root))
        self.new[key] = [key[0], key[1], stat.st_size, stat.st_mtime_ns, plain, problem, warning]
        self.changed = True

    def save(self) -> None:
        """Write the entries of this load, if anything differs from what was read."""
        if not self.changed and self.new.keys() == self.old.keys():
            return
        head = {"format": FORMAT, "stamp": code_stamp()}
        with contextlib.suppress(OSError, ValueError):  # a cache not written is only slower
            rows = (
                json.dumps(r, allow_nan=False, separators=(",", ":")) for r in self.new.values()
            )
            text = "\n".join([json.dumps(head), *rows])
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, text, durable=False, prefix=".load-")
            # The pickle this cache replaced is never read again (loading it could run code).
            self.path.with_suffix(".pickle").unlink(missing_ok=True)


def _entry(row: Row) -> Entry | None:
    """The entry a row stands for, or None when any of its values is not what the loader writes."""
    source, _, size, mtime, plain, problem, warning = row
    for note in (problem, warning):
        if note is not None and (not isinstance(note, str) or has_controls(note)):
            return None
    if type(plain) is not list:
        return None
    if not plain:  # a file that did not load: its problem says why
        return (size, mtime, [], problem, warning) if problem is not None else None
    postings: list[Posting] = []
    try:
        for pair in plain:
            key, data = pair
            if key is not None and (type(key) is not str or has_controls(key)):
                return None
            postings.append(posting_from_plain(data, source if key is None else f"{source}#{key}"))
    except (ValueError, TypeError, OverflowError):
        return None
    return size, mtime, postings, problem, warning
