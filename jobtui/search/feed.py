"""A folder loading into the search index in batches, its heavy work off the UI thread.

The face runs `Feed.batches` in a worker thread and hands each batch to `SearchIndex.add` on
its own thread: files are read, parsed (or taken from the load cache) and their bodies
tokenised in the worker, so adding them to the index is a short step, not a wait.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jobtui import collector
from jobtui.postings.loader import LoadResult, iter_files, iter_load
from jobtui.postings.stored import bodies
from jobtui.search.arrays import load_numpy

if TYPE_CHECKING:
    from jobtui.postings.store import LoadCache
    from jobtui.search.bulk import Tokenized


@dataclass(frozen=True, slots=True)
class Batch:
    """Some files of a load, ready for the index."""

    result: LoadResult
    """The postings, problems and warnings of these files."""
    bodies: Tokenized | None
    """The postings' bodies tokenised (None: the index tokenises them itself)."""

    @property
    def files(self) -> int:
        """How many files this batch accounts for."""
        return self.result.files


class Feed:
    """The files under some paths, through the load cache unless it is switched off."""

    def __init__(self, paths: list[Path], use_cache: bool = True) -> None:
        self.paths = paths
        self.use_cache = use_cache
        self.notice: str | None = None
        """Why the load cache could not be used, once a load met it (the face says it once)."""

    def count(self, limit: int | None = None) -> int:
        """How many files there are (at most `limit` are counted). Raises LoadError."""
        n = 0
        for _ in iter_files(self.paths):
            n += 1
            if limit is not None and n >= limit:
                break
        return n

    def small(self, files: int, size: int) -> bool:
        """Whether there are at most `files` files holding at most `size` bytes in all: a load
        short enough to do before the first frame (a board's JSON of 300 jobs is one file that
        takes seconds). Raises LoadError."""
        total = 0
        for n, (file, _) in enumerate(iter_files(self.paths), 1):
            with contextlib.suppress(OSError):  # then reading it says what is wrong
                total += file.stat().st_size
            if n > files or total > size:
                return False
        return True

    def _cache(self) -> LoadCache | None:
        if not self.use_cache:
            return None
        from jobtui.postings.store import LoadCache

        return LoadCache(self.paths, on_notice=self._noticed)

    def _noticed(self, notice: str) -> None:
        self.notice = notice

    def now(self, size: int) -> Iterator[Batch]:
        """Batches for a few files loaded at once (the index tokenises their bodies)."""
        for chunk in iter_load(self.paths, batch=size, cache=self._cache()):
            yield Batch(chunk, None)

    def batches(self, size: int) -> Iterator[Batch]:
        """Batches with their bodies tokenised: for a worker thread. The cyclic collector is
        paused while they are made (see `collector`). Raises LoadError."""
        load_numpy()  # here, off the UI thread, rather than on the first keystroke
        from jobtui.search.bulk import Stream

        stream = Stream()
        with collector.paused():
            for chunk in iter_load(self.paths, batch=size, cache=self._cache()):
                yield Batch(chunk, stream.tokenize(bodies(chunk.postings)))


def preload() -> None:
    """Import what searching needs, from any thread, before the first keystroke needs it."""
    load_numpy()
