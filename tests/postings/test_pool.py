"""Parsing on every core gives exactly what parsing in one process gives, in the same order."""

from __future__ import annotations

from pathlib import Path

from jobtui.postings import pool
from jobtui.postings.loader import LoadResult, iter_load
from jobtui.postings.store import LoadCache
from tests.conftest import write


def folder_of(tmp_path: Path, n: int) -> Path:
    root = tmp_path / "jobs"
    for i in range(n):
        if i % 97 == 5:
            write(root, f"{i // 100:02}/bad{i:04}.md", b"\x00\x01binary" * 10)
        else:
            write(
                root,
                f"{i // 100:02}/job{i:04}.md",
                f"---\ntitle: Engineer {i}\ncompany: Co {i % 7}\nsalary: {50 + i % 40}k EUR\n"
                f"---\nBerlin. Python and Rust, {i}.\n",
            )
    write(
        root,
        "board.json",
        '{"version": "https://jsonfeed.org/version/1.1", "title": "x",'
        ' "items": [{"id": "1", "title": "Ops", "content_text": "Ops job."}]}',
    )
    return root


def load(root: Path, processes: int, cache: LoadCache | None = None) -> LoadResult:
    result = LoadResult()
    for chunk in iter_load([root], cache=cache, processes=processes):
        result.extend(chunk)
    return result


def test_a_pool_loads_the_same_postings_problems_and_order(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = folder_of(tmp_path, pool.POOL_MIN + 150)
    started = []
    real = pool.Parser._start
    monkeypatch.setattr(pool.Parser, "_start", lambda self: started.append(1) or real(self))
    alone = load(root, processes=1)
    assert not started
    shared = load(root, processes=2)
    assert started  # the pool did the parsing
    assert shared.postings == alone.postings
    assert [p.source for p in shared.postings] == [p.source for p in alone.postings]
    assert shared.problems == alone.problems and len(alone.problems) == 6
    assert shared.files == alone.files == pool.POOL_MIN + 151


def test_a_reopen_from_the_cache_starts_no_pool(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = folder_of(tmp_path, pool.POOL_MIN + 10)
    first = load(root, processes=2, cache=LoadCache([root]))
    started = []
    monkeypatch.setattr(pool.Parser, "_start", lambda self: started.append(1) or None)
    cache = LoadCache([root])
    again = load(root, processes=2, cache=cache)
    assert not started and cache.hits == first.files
    assert again.postings == first.postings


def test_a_worker_that_dies_costs_only_speed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A worker killed mid-load (out of memory, a signal): its files are parsed here."""
    root = folder_of(tmp_path, pool.POOL_MIN + 60)
    alone = load(root, processes=1)
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    def broken(self, executor, chunk):  # type: ignore[no-untyped-def]
        future: Future[list[pool.Parsed]] = Future()
        future.set_exception(BrokenProcessPool("a worker died"))
        return future

    monkeypatch.setattr(pool.Parser, "_submit", broken)
    assert load(root, processes=2).postings == alone.postings


def test_a_few_big_board_files_are_parsed_on_every_core(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """22 board files of 300 jobs parsed on one core for 22 s: big files start the pool too,
    one task each."""
    import json

    root = tmp_path / "boards"
    for b in range(3):
        jobs = [
            {
                "id": b * 1000 + i,
                "title": f"Engineer {i}",
                "absolute_url": f"https://boards.greenhouse.io/co{b}/jobs/{b * 1000 + i}",
                "content": "&lt;p&gt;" + "Build things well. " * 60 + "&lt;/p&gt;",
            }
            for i in range(200)
        ]
        write(root, f"greenhouse-co{b}.json", json.dumps({"jobs": jobs, "meta": {"total": 200}}))
    monkeypatch.setattr(pool, "POOL_MIN_BYTES", 100_000)
    monkeypatch.setattr(pool, "CHUNK_BYTES", 50_000)
    started = []
    real = pool.Parser._start
    monkeypatch.setattr(pool.Parser, "_start", lambda self: started.append(1) or real(self))
    shared = load(root, processes=2)
    assert started
    assert shared.postings == load(root, processes=1).postings
    assert len(shared.postings) == 600


class _Node:
    """A page's tree, as a parser leaves it: objects in a reference cycle."""

    def __init__(self) -> None:
        self.me = self


_LEFT: list[object] = []


def _parse_leaving_a_cycle(job: object) -> tuple[list[object], None, None]:
    import weakref

    _LEFT.append(weakref.ref(_Node()))  # unreachable at once, but only a collection frees it
    return [], None, None


def test_files_parsed_here_leave_no_cycles_behind_while_the_collector_is_paused():
    """The command line pauses the collector while it loads; a folder of saved pages parsed
    in this process must not keep every page's tree until the end (800 MB for 1,200 pages)."""
    from jobtui import collector

    _LEFT.clear()
    with collector.paused():
        parser = pool.Parser(_parse_leaving_a_cycle, processes=1)
        results = list(parser.parse([(Path("x"), Path("."), False)] * 50))
        alive = sum(ref() is not None for ref in _LEFT)  # type: ignore[operator]
    assert len(results) == 50 and alive <= 1  # at most the last file's, until the next


_CAPTURED = '''
import os, sys

from jobtui.postings import pool


class Capture:
    """What Textual puts in place of sys.stdout and sys.stderr while the app runs."""

    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def fileno(self):
        return -1


def where(job):
    os.write(2, b"a worker wrote to its stderr")  # (a warning, say)
    return [os.getpid()], None, None


if __name__ == "__main__":
    sys.stdout = sys.stderr = Capture()
    with pool.Parser(where, 2) as parser:
        pids = {pid for found, _, _ in parser.parse(list(range(pool.POOL_MIN))) for pid in found}
    os.write(1, str(len(pids - {os.getpid()})).encode())
'''


def test_the_pool_starts_while_prints_are_captured_and_its_workers_stay_off_the_screen(
    tmp_path: Path,
) -> None:
    """In the TUI, sys.stderr is Textual's capture (its fileno is -1): multiprocessing's
    resource tracker refused to start with it, so the pool never started and a first open
    parsed on one core. Run in a fresh interpreter: no tracker may be running already."""
    import os
    import subprocess
    import sys

    script = tmp_path / "captured.py"
    script.write_text(_CAPTURED)
    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(repo)},
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    assert int(out.stdout) >= 1  # parsed by workers, not by the process itself
    assert b"a worker wrote" not in out.stderr  # nothing of theirs on the app's terminal
