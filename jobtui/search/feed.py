"""A folder loading into the search index in batches, its heavy work off the UI thread.

The face runs `Feed.batches` in a worker thread and hands each batch to `SearchIndex.add` on
its own thread: files are read, parsed (or taken from the load cache) and their bodies
tokenised in the worker, so adding them to the index is a short step, not a wait.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui import collector
from jobtui.postings.loader import (
    LoadResult,
    check_paths,
    iter_files,
    iter_load,
    reread_file,
)
from jobtui.postings.stored import bodies
from jobtui.search.arrays import load_numpy, np
from jobtui.search.batch import Batch
from jobtui.search.reopen import Splitter, save, saved_index

GIVE_UP_AFTER = 2000
"""Files loaded before the saved index is given up when the store gave fewer than half."""
COUNT_EVERY = 0.1
"""Seconds between the batches that only count files, while the saved index holds postings."""

if TYPE_CHECKING:
    from jobtui.postings.model import Posting
    from jobtui.postings.store import LoadCache
    from jobtui.postings.stored import Details
    from jobtui.search.bulk import Stream
    from jobtui.search.engine import SearchIndex
    from jobtui.search.reopen import Split
    from jobtui.search.snapshot import Snapshot


class Feed:
    """The files under some paths, through the load cache unless it is switched off."""

    def __init__(self, paths: list[Path], use_cache: bool = True) -> None:
        self.paths = paths
        self.use_cache = use_cache
        self.notice: str | None = None
        """Why the load cache could not be used, once a load met it (the face says it once)."""
        self.changed = True
        """Whether the index made by the last `batches` differs from the one saved (see
        `keep`)."""
        self._details: Details | None = None
        self.unchecked = False
        """Whether the postings of the last `batches` are the store's, listed before every file
        was checked (it stopped early: a folder vanished meanwhile)."""

    def count(self, limit: int | None = None) -> int:
        """How many files there are (at most `limit` are counted). Raises LoadError."""
        n = 0
        if limit is None and self.use_cache:
            from jobtui.postings.cache import stored_files

            # As many as at the last open: a walk of 100,000 files takes half a second that
            # a reopen's list would wait for (the load's progress may end above or below it).
            n = stored_files(self.paths)
            if n:
                return n
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

        check_paths(self.paths)  # a path mistyped makes no store

        return LoadCache(self.paths, on_notice=self._noticed, reread=reread_file)

    @property
    def store(self) -> Path | None:
        """The load store of these paths, when loads go through it (what is found among the
        postings can be saved beside it)."""
        if not self.use_cache or self.notice is not None:
            return None
        from jobtui.postings.store import store_path

        return store_path(self.paths)

    def _noticed(self, notice: str) -> None:
        self.notice = notice

    def now(self, size: int) -> Iterator[Batch]:
        """Batches for a few files loaded at once (the index tokenises their bodies)."""
        for chunk in iter_load(self.paths, batch=size, cache=self._cache()):
            yield Batch(chunk, None)

    def batches(self, size: int) -> Iterator[Batch]:
        """Batches with their bodies tokenised: for a worker thread. The cyclic collector is
        paused while they are made (see `collector`). Raises LoadError.

        With the word index saved at the last open, the postings the store holds come first,
        before any file is looked at, in batches that adopt it: the list a person sees at once.
        Then every file is checked, in batches that only count files (and say their problems).
        When none changed, that is all; otherwise the postings come again, the first batch
        marked `replace`, the saved index adopted for those still unchanged. When most files
        turn out not to be in the store (it was emptied meanwhile: they are parsed, which
        takes long), postings are listed as they come."""
        load_numpy()  # here, off the UI thread, rather than on the first keystroke
        from jobtui.search.bulk import Stream

        stream = Stream()
        snapshot = saved_index(self.paths) if self.use_cache else None
        self.changed = True
        self.unchecked = False
        cache = self._cache()
        self._details = cache.details if cache is not None else None
        splitter = Splitter(snapshot) if snapshot is not None and cache is not None else None
        held: list[Posting] = []  # in load order, while the saved index may serve them
        shown: Any = None  # the postings listed before the files were checked (`_identities`)
        files = 0
        counted = LoadResult()  # files looked at since the last batch that only counts
        said = time.monotonic()
        with collector.paused():
            if splitter is not None and snapshot is not None and cache is not None:
                early = Splitter(snapshot)
                early.add(cache.stored())
                if early.hits * 2 >= len(snapshot.ids):  # the store backs the saved index
                    split = early.split()
                    shown = _identities([*split.kept, *split.fresh])
                    self.changed = split.changed
                    self.unchecked = True
                    yield from self._split(split, snapshot, stream, size, replace=False)
            for chunk in iter_load(self.paths, batch=size, cache=cache):
                if splitter is None:
                    yield Batch(chunk, stream.tokenize(bodies(chunk.postings)))
                    continue
                splitter.add(chunk.postings)
                held.extend(chunk.postings)
                files += chunk.files
                counted.extend(LoadResult([], chunk.problems, chunk.warnings, chunk.files))
                if files >= GIVE_UP_AFTER and cache is not None and cache.hits * 2 < files:
                    splitter = None  # most files are parsed: a long wait, so list them now
                    parts = [held[start : start + size] for start in range(0, len(held), size)]
                    replace = shown is not None  # what was shown is not what the files hold
                    for part in parts or ([[]] if replace else []):
                        yield Batch(LoadResult(part), stream.tokenize(bodies(part)), None, replace)
                        replace = False
                    held = []
                    self.changed = True
                    self.unchecked = False  # replaced: from now on, what the files hold
                if splitter is None or time.monotonic() - said >= COUNT_EVERY:
                    # A few progress steps a second, not one per `size` files: each is a
                    # message the face handles while this thread wants the interpreter.
                    yield Batch(counted, None)
                    counted, said = LoadResult(), time.monotonic()
            self.unchecked = False  # every file looked at: what follows is what they hold
            if counted.files or counted.problems or counted.warnings:
                yield Batch(counted, None)
            if splitter is None or snapshot is None:
                return
            if shown is not None and np.array_equal(_identities(held), shown):
                return  # every file as the store had it: the list shown stands
            split = splitter.split()
            self.changed = split.changed
            yield from self._split(split, snapshot, stream, size, replace=shown is not None)

    @staticmethod
    def _split(
        split: Split, snapshot: Snapshot, stream: Stream, size: int, replace: bool
    ) -> Iterator[Batch]:
        """The batches of a split load: the saved index's postings adopted in one, the fresh
        ones tokenised (the first batch marked `replace`, when asked, even if it is empty)."""
        if split.kept or replace:
            yield Batch(LoadResult(split.kept), None, (snapshot, split.keep), replace)
            replace = False
        for start in range(0, len(split.fresh), size):
            part = split.fresh[start : start + size]
            yield Batch(LoadResult(part), stream.tokenize(bodies(part)), None, replace)
            replace = False

    def keep(self, index: SearchIndex) -> bool:
        """Save the index the last `batches` made for the next open, when it differs from the
        one saved (call with the index prepared, after the load). False when not saved."""
        if not self.use_cache or not self.changed:
            return False
        if self._details is not None and self._details.lost_in(index.postings):
            return False  # a body could not be read: the index would hold the wrong words
        saved = save(index, self.paths)
        self.changed = not saved
        return saved


def _identities(postings: list[Posting]) -> Any:
    """The objects' identities, sorted (uint64): equal for two lists of the same objects in
    any order. (A set of them took about 75 bytes a posting, this takes 8.)"""
    found = np.fromiter(map(id, postings), dtype=np.uint64, count=len(postings))
    found.sort()
    return found


def preload() -> None:
    """Import what searching needs, from any thread, before the first keystroke needs it."""
    load_numpy()
