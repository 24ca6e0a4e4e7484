"""Memory a load freed goes back to the system once the app has finished loading."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from jobtui import collector

STATUS = Path("/proc/self/status")


def _anonymous_kb() -> int:
    for line in STATUS.read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1])
    raise AssertionError("no RssAnon in /proc/self/status")


def test_freed_heap_is_given_back_to_the_system() -> None:
    collector.give_back()  # (looks the C library's call up)
    if not STATUS.exists() or collector._trim is False:
        pytest.skip("needs Linux with glibc: elsewhere nothing is given back")
    # Blocks of 2 KB (the C allocator's, not Python's own), one in 64 kept among those freed:
    # the freed pages lie between kept ones, where freeing alone does not return them.
    made = [bytes(2000) + bytes([i % 256]) for i in range(60_000)]
    kept = made[::64]
    del made
    gc.collect()
    before = _anonymous_kb()
    collector.give_back()
    given = before - _anonymous_kb()
    assert given > 60_000 * 2 * 0.5, f"only {given} KB of ~117 MB freed went back"
    assert len(kept) == 938  # (kept alive until here)


class _NoTrim:
    """A C library without `malloc_trim` (musl, macOS)."""


@pytest.mark.parametrize("refusal", [OSError, TypeError, None])
def test_giving_back_where_the_c_library_cannot_is_harmless(
    monkeypatch: pytest.MonkeyPatch, refusal: type[Exception] | None
) -> None:
    def cdll(name: object) -> _NoTrim:
        if refusal is not None:  # (Windows: no library of the process's own symbols)
            raise refusal("no such library")
        return _NoTrim()

    monkeypatch.setattr(collector, "_trim", None)
    monkeypatch.setattr(collector.ctypes, "CDLL", cdll)
    collector.give_back()  # nothing to call: no error
    assert collector._trim is False
