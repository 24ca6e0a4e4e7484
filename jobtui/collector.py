"""When Python's cyclic garbage collector may run while jobtui builds objects that last.

Loading and indexing make millions of objects that live as long as the process (postings,
their strings, the vocabulary). A full collection walks all of them, holding the interpreter
(and a keystroke) for 100-400 ms at 100,000 postings, and finds nothing to free.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection while the block builds; the collector's state is restored after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep() -> None:
    """Everything made so far is kept for good: later collections do not walk it again."""
    gc.freeze()


def tidy() -> None:
    """Within `paused`, after work that leaves garbage in reference cycles (parsing a page
    builds a tree of them): free it now. Only what was made since the last collection is
    walked (what survives moves to the oldest generation), so tidying after every file costs
    little; outside a pause the collector does this by itself."""
    if not gc.isenabled():
        gc.collect(1)


def give_back() -> None:
    """Return the heap that loading freed to the system. A reopen makes and drops the storage
    of many lists, sets, dicts and strings among what it keeps; the C allocator keeps the
    pages they freed (at 100,000 postings, ~27 MB of the resident memory once the files are
    checked) until asked (glibc's `malloc_trim`; elsewhere nothing is done). Python's own
    pools of small objects are not touched."""
    global _trim
    if _trim is None:
        _trim = _find_trim()
    if _trim is not False:
        _trim(0)


def _find_trim() -> Any:
    """glibc's `int malloc_trim(size_t pad)`, from the process's own symbols (the C library
    it runs on); False without one (musl, macOS: no such symbol; Windows: no CDLL(None))."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_trim: Any = None
"""glibc's `malloc_trim` once looked up; False where there is none."""
