"""Parsing files on every core: a first load of a big folder spends nearly all its time in
YAML, text repair and field extraction, one file at a time, so files go to a pool of processes
in chunks and their postings come back in order.

Small loads stay in this process: starting workers costs more than a few hundred files take.
Workers are spawned, so a script that loads through jobtui's API must guard its own top level
with `if __name__ == "__main__":`, as multiprocessing asks of any program that uses it (each
worker imports the script); `jobtui` and `python -m jobtui` do.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from pathlib import Path

from jobtui import collector
from jobtui.postings.model import Posting

Job = tuple[Path, Path, bool]
"""A file to parse: (file, the root it was found under, whether it was named explicitly)."""
Parsed = tuple[list[Posting], str | None, str | None]
"""What parsing a file gave: (postings, problem, warning)."""

CHUNK = 48
"""Files a worker parses per task: enough to outweigh sending them, few enough to keep every
worker busy to the end."""
POOL_MIN = 400
"""Files to parse, at least, before a pool is worth starting."""
POOL_MIN_BYTES = 4 * 1024 * 1024
"""Or bytes to parse in two files or more: a board's JSON of 300 jobs takes seconds."""
CHUNK_BYTES = 512 * 1024
"""A task holds at most about this many bytes: big files go to a worker each."""


def workers() -> int:
    """How many processes parse: every core this process may use (one on a one-core machine)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def parse_chunk(parse: Callable[[Job], Parsed], jobs: list[Job]) -> list[Parsed]:
    """A worker's task: its files parsed in order (`parse` is a module-level function, so
    it reaches the worker by name)."""
    return [parse(job) for job in jobs]


def _a_file(stream: object) -> bool:
    """Whether a stream writes to a file descriptor (not Textual's capture, whose is -1)."""
    fileno = getattr(stream, "fileno", None)
    try:
        return fileno is not None and int(fileno()) >= 0
    except (OSError, ValueError, TypeError):
        return False


def _start_tracker() -> None:
    """Start multiprocessing's resource tracker, a process every pool of spawned workers needs,
    with /dev/null for its stderr. It is given `sys.stderr`'s file descriptor, and refused to
    start with Textual's capture of prints (-1: `ValueError: bad value(s) in fds_to_keep`):
    the pool did not start, and the TUI parsed a first open's files on one core."""
    if os.name != "posix":
        return  # (no tracker process elsewhere)
    from multiprocessing import resource_tracker

    with open(os.devnull, "w") as null, contextlib.redirect_stderr(null):
        resource_tracker.ensure_running()


def _quiet() -> None:
    """A worker of a process whose prints are captured (the TUI): its stdout and stderr, the
    terminal the app draws on, go to /dev/null, so that no warning lands on the screen."""
    null = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(null, fd)
    os.close(null)


class Parser:
    """Parses files in order, in a pool of processes once enough of them are waiting."""

    def __init__(self, parse: Callable[[Job], Parsed], processes: int | None = None) -> None:
        self.parse_one = parse
        """What parses one file (it must never raise)."""
        self.processes = workers() if processes is None else processes
        self._pool: Executor | None = None

    def parse(self, jobs: list[Job], sizes: list[int] | None = None) -> Iterator[Parsed]:
        """Each job's result, in the order given. `sizes`: the files' sizes in bytes, when
        known: a pool starts for many files, or for a few big ones (boards' JSON, threads)."""
        weight = sum(sizes) if sizes else 0
        many = len(jobs) >= POOL_MIN or (len(jobs) > 1 and weight >= POOL_MIN_BYTES)
        pool = self._start() if self.processes > 1 and many else None
        if pool is None:
            for job in jobs:
                yield self.parse_one(job)
                collector.tidy()  # a loader pausing the collector would keep every page's tree
            return
        waiting: deque[tuple[Future[list[Parsed]] | None, list[Job]]] = deque()
        chunk: list[Job] = []
        held = 0
        for i, job in enumerate(jobs):
            chunk.append(job)
            held += sizes[i] if sizes else 0
            if len(chunk) == CHUNK or held >= CHUNK_BYTES:
                waiting.append((self._submit(pool, chunk), chunk))
                chunk, held = [], 0
                while len(waiting) > self.processes * 4:  # bounded: results stream out
                    yield from self._results(*waiting.popleft())
        if chunk:
            waiting.append((self._submit(pool, chunk), chunk))
        while waiting:
            yield from self._results(*waiting.popleft())

    def _submit(self, pool: Executor, chunk: list[Job]) -> Future[list[Parsed]] | None:
        try:
            return pool.submit(parse_chunk, self.parse_one, chunk)
        except RuntimeError:  # the pool broke (a worker was killed): parse here
            return None

    def _results(self, future: Future[list[Parsed]] | None, chunk: list[Job]) -> list[Parsed]:
        """A chunk's results; parsed here when its worker died (killed, out of memory)."""
        if future is not None:
            try:
                return future.result()
            except Exception:  # BrokenProcessPool, or results that could not come back
                pass
        parsed = parse_chunk(self.parse_one, chunk)
        collector.tidy()
        return parsed

    def _start(self) -> Executor | None:
        """The pool, started on first use; None where processes cannot be started (in a
        daemonic process, or when the system refuses): then this process parses alone."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if multiprocessing.current_process().daemon:
                return None  # a daemonic process may have no children
            # Workers start afresh (not forked): the app's threads must not be copied mid-step.
            context = multiprocessing.get_context("spawn")
            captured = not _a_file(sys.stderr)  # in the TUI: Textual's capture of prints
            try:
                if captured:
                    _start_tracker()
                self._pool = ProcessPoolExecutor(
                    self.processes, mp_context=context, initializer=_quiet if captured else None
                )
            except (OSError, ValueError, NotImplementedError):
                return None
        return self._pool

    def close(self) -> None:
        """Stop the workers (they are started again if needed)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
