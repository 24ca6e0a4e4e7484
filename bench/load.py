"""Opening a folder: the goals of first load and reopen against the floor, and the UI's stalls.

    python bench/load.py [--n 100000] [--memory] [--keys]   # the goals, side by side
    python bench/load.py --stalls [--n 20000]           # how long the UI stalls while loading

The goals: N synthetic postings are written as Markdown files; then, each in a fresh process,
the floor (a plain Python loop reading every file's bytes), the first load (`jobtui list
--format jsonl DIR > /dev/null` with an empty load store), the reopen from the command line (the
same again: the list the last one printed, kept), the same without that list kept (read from the
load store, as after a posting is hidden), the TUI's first open (the store, but no saved word
index yet: it is saved after the load) and its reopen (from process start until the list is
filled, headless: the run says so as it happens and the clock stops there, the app's exit not
counted; and until every file is checked: a reopen lists the store's postings first), and last
the TUI's first open with nothing stored (its files parsed, every file checked, the index
saved). Each row gives seconds, the ratio to the floor and, with --memory, the peak RSS of the
process (any process of it: the parsing pool's workers too); for a TUI run, also the peak per
posting beyond the program (what it held before the app started) and the word index (its
vocabulary and posting lists, mapped or not). The page cache is not dropped: the floor and every
run after it read warm files. jobtui runs with its bytecode compiled, as an installed copy does
(an editable checkout under PYTHONDONTWRITEBYTECODE would compile it at every start). With
--keys, one more process opens the folder as the TUI does (from the store and the saved index)
and types the queries of `bench/search.py` a key at a time: p50/p95 of jobtui's answer (every
match ranked, the first 50 hits built) beside the naive baseline (rapidfuzz over one line per
posting, every third key at 100,000 postings and up, every tenth at 500,000) in the same
process.

--stalls writes N postings, fills the store, then starts the app headless on them twice: as
shipped, and as a baseline with the two loading measures off (bodies tokenised on the UI
thread in each flush instead of in the loading thread, and the garbage collector left on).
While the folder loads, a timer on the event loop measures every gap between its ticks: a gap
is a stall the person would feel as a key that does not answer. Prints the load time and the
stalls (longest, 99th percentile, number over 100 ms) of each, and the ratio of the longest.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import postings as synthetic


def write_folder(folder: Path, n: int) -> None:
    for i, p in enumerate(synthetic(n)):
        tags = ", ".join(p.tags)
        text = (
            f"---\ntitle: {p.title}\ncompany: {p.company}\nlocation: {p.location}\n"
            f"tags: [{tags}]\ndate: {p.posted}\n---\n\n{p.body}"
        )
        sub = folder / f"{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.md").write_text(text, encoding="utf-8")


async def load(folder: Path, config: Path) -> tuple[float, list[float], int]:
    from jobtui.tui.app import make_app

    app = make_app([str(folder)], config_dir=config)
    gaps: list[float] = []
    async with app.run_test(size=(120, 35)):
        start = last = time.perf_counter()
        while app.loading or time.perf_counter() - start < 0.5:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append((now - last) * 1000 - 5)
            last = now
        took = time.perf_counter() - start
        count = len(app.index)
    return took, sorted(gaps), count


def baseline() -> None:
    """The app without its two loading measures: bodies are tokenised on the UI thread (by
    the index) and the cyclic collector runs while the folder loads."""
    import contextlib

    import jobtui.search.bulk
    import jobtui.search.feed

    jobtui.search.bulk.Stream.tokenize = lambda self, bodies: None  # type: ignore[assignment,method-assign,return-value]
    jobtui.search.feed.collector = SimpleNamespace(paused=contextlib.nullcontext, keep=gc.freeze)  # type: ignore[assignment]


def report(label: str, took: float, gaps: list[float], count: int) -> float:
    longest = gaps[-1]
    p99 = gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))]
    over = sum(g > 100 for g in gaps)
    print(
        f"{label:9s} | {count:,} postings in {took:5.1f}s | stall: longest {longest:4.0f} ms, "
        f"p99 {p99:4.0f} ms, over 100 ms {over:3d} times"
    )
    return longest


TELL_MEMORY = "JOBTUI_BENCH_MEMORY"
"""A file a TUI run writes, as it ends, its resident bytes before the app and the word index's
bytes: the row then tells the peak per posting beyond both."""
FILLED = b"jobtui-bench: the list is filled"
"""What a TUI run prints when its list is filled: `timed` stops its clock there (the first
screen is up; the app's exit, with its load still checking files, is not counted)."""


_TIMED = """
import resource, subprocess, sys, time
marked, command = sys.argv[1] == "marked", sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.PIPE if marked else subprocess.DEVNULL)
took = None
for line in child.stdout if marked else ():  # the time stops where the run says so
    if took is None and line.strip() == MARK:
        took = time.perf_counter() - start
if child.wait():
    raise SystemExit(child.returncode)
took = took or time.perf_counter() - start
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""".replace("MARK", repr(FILLED))
_FLOOR = """
import os, sys
for top, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(top, name), "rb") as fh:
            fh.read()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of a command run in a fresh process."""
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", _TIMED, "marked" if "--expect" in command else "", *command],
        capture_output=True,
        text=True,
        env=env,
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{out.stderr[-2000:]}")
    took, rss = out.stdout.split()
    return float(took), int(rss) / 1024


async def tui_until_filled(
    folder: Path, config: Path, stay: bool = False, expect: int | None = None
) -> None:
    """Open the app headless and return once its load is done: every file checked (`stay`:
    and the word index saved for the next open, as it does after a load). With `expect`,
    return as soon as the list holds that many postings instead (a reopen lists the store's
    postings before it checks the files)."""
    from jobtui.tui.app import make_app

    before = resident_kb()
    app = make_app([str(folder)], config_dir=config)
    async with app.run_test(size=(120, 35)):
        while (app.loading or not len(app.index)) and len(app.index) < (expect or 1 << 62):
            await asyncio.sleep(0.01)
        if expect:
            os.write(1, FILLED + b"\n")  # (the app holds sys.stdout)
        if stay:
            await app.workers.wait_for_complete()
        told = os.environ.get(TELL_MEMORY)
        if told:  # what the program and the index take, for the peak beyond them
            Path(told).write_text(f"{before * 1024} {app.index.word_bytes()}")


def resident_kb() -> int:
    """This process's resident memory now, in KB (0 where /proc does not tell)."""
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
    except (OSError, StopIteration, ValueError):
        return 0


def keys_once(folder: Path) -> None:
    """Open the folder as the app does, then type the benchmark's queries a key at a time."""
    from rapidfuzz import fuzz, process

    from bench.search import QUERIES, keystrokes, measure, pct
    from jobtui.search.engine import SearchIndex
    from jobtui.search.feed import Feed

    start = time.perf_counter()
    feed = Feed([folder])
    index = SearchIndex()
    index.add_batches(list(feed.batches(size=1000)))
    index.warm()
    opened = time.perf_counter() - start
    feed.keep(index)  # as the app does after a load
    gc.freeze()
    posts = index.postings
    choices = [f"{p.title} {p.company or ''} {p.location or ''} {' '.join(p.tags)}" for p in posts]
    keys = keystrokes(QUERIES)
    ours = measure(lambda q: index.run(q).hits(50), keys)
    naive = measure(
        lambda q: process.extract(q, choices, scorer=fuzz.WRatio, limit=50),
        keys[:: 1 if len(posts) < 100_000 else 3 if len(posts) < 500_000 else 10],
    )
    o50, o95, n50, n95 = pct(ours, 50), pct(ours, 95), pct(naive, 50), pct(naive, 95)
    print(
        f"{opened:.2f} {o50:.3f} {o95:.3f} {n50:.3f} {n95:.3f} {len(posts)} "
        f"{sum(type(p).__name__ == 'StoredPosting' for p in posts)}"
    )


def compiled(env: dict[str, str]) -> None:
    """Run jobtui as installed: with its bytecode compiled (pip compiles a package it installs;
    an editable checkout, run with PYTHONDONTWRITEBYTECODE set, would compile every module of
    jobtui in every run, ~0.1-0.2 s a start, which no installed copy pays)."""
    import compileall

    import jobtui

    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not compileall.compile_dir(Path(jobtui.__file__).parent, quiet=1):
        raise SystemExit("could not compile jobtui's bytecode")


def goals(n: int, memory: bool, keys: bool = False) -> None:
    jobtui = str(Path(sys.executable).with_name("jobtui"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "postings"
        folder.mkdir()
        env = {
            **os.environ,
            "JOBTUI_CACHE_DIR": str(root / "cache"),
            "JOBTUI_CONFIG_DIR": str(root / "config"),
            "JOBTUI_DATA_DIR": str(root / "data"),
        }
        compiled(env)
        started = time.perf_counter()
        write_folder(folder, n)
        size = sum(f.stat().st_size for f in folder.rglob("*.md")) / 1048576
        print(f"(wrote {n:,} files, {size:,.0f} MB, in {time.perf_counter() - started:.1f}s)")
        rows = [
            ("floor: read every file's bytes", [sys.executable, "-c", _FLOOR, str(folder)]),
            (
                "first load: list --format jsonl",
                [jobtui, "list", "--all", "--format", "jsonl", str(folder)],
            ),
            (
                "reopen: list --format jsonl",
                [jobtui, "list", "--all", "--format", "jsonl", str(folder)],
            ),
            (
                "reopen: the same, list not kept",
                [jobtui, "list", "--all", "--format", "jsonl", str(folder)],
            ),
            (
                "TUI, first open (no saved index)",
                [sys.executable, __file__, "--tui-once", str(folder), "--stay"],
            ),
            (
                "reopen: TUI until the list is filled",
                [sys.executable, __file__, "--tui-once", str(folder), "--expect", str(n)],
            ),
            (
                "reopen: TUI until every file is checked",
                [sys.executable, __file__, "--tui-once", str(folder)],
            ),
            (
                "TUI, first open, nothing stored",
                [sys.executable, __file__, "--tui-once", str(folder), "--stay"],
            ),
        ]
        floor = None
        for label, command in rows:
            if "nothing stored" in label:  # a first open in the TUI: files parsed there
                shutil.rmtree(root / "cache")
            if "not kept" in label:  # (the list printed last is kept: from the store instead)
                for kept in (root / "cache").glob("*.sqlite-list*"):  # (one per folder naming)
                    kept.unlink()
            told = root / "memory"
            told.unlink(missing_ok=True)
            took, rss = timed(command, {**env, TELL_MEMORY: str(told)})
            floor = floor or took
            mem = (
                f" | peak RSS {rss:7,.0f} MB ({rss * 1048576 / n:,.0f} B/posting)" if memory else ""
            )
            if memory and told.exists():  # a TUI run: the part beyond the program and index
                program, index = map(int, told.read_text().split())
                mem += f", {(rss * 1048576 - program - index) / n:,.0f} B beyond the index"
            print(f"{label:38s} | {took:7.2f}s | {took / floor:5.1f}x the floor{mem}", flush=True)
        if keys:
            import subprocess

            out = subprocess.run(
                [sys.executable, __file__, "--keys-once", str(folder)],
                capture_output=True, text=True, env=env, check=True,
            ).stdout.split()  # fmt: skip
            opened, o50, o95, n50, n95 = map(float, out[:5])
            print(
                f"keystrokes, reopened ({opened:.1f}s to open {int(out[5]):,} postings, "
                f"{int(out[6]):,} from the store) | jobtui p50 {o50:.2f} ms p95 {o95:.2f} ms | "
                f"naive p50 {n50:.0f} ms p95 {n95:.0f} ms | {n50 / o50:,.0f}x / {n95 / o95:,.0f}x",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=None, help="postings (goals: 100,000)")
    parser.add_argument("--memory", action="store_true", help="peak RSS of each run too")
    parser.add_argument("--stalls", action="store_true", help="the UI's stalls while loading")
    parser.add_argument("--baseline-of", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--tui-once", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--keys-once", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--stay", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--expect", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--keys", action="store_true", help="keystroke latency, reopened")
    args = parser.parse_args()
    if args.keys_once:
        keys_once(Path(args.keys_once))
        return
    if args.tui_once:
        folder = Path(args.tui_once)
        config = Path(os.environ["JOBTUI_CONFIG_DIR"])
        asyncio.run(tui_until_filled(folder, config, args.stay, args.expect))
        return
    if args.baseline_of:  # in a process of its own, so its patches touch nothing of ours
        baseline()
        folder = Path(args.baseline_of)
        report("baseline", *asyncio.run(load(folder, folder.parent / "config2")))
        return
    if not args.stalls:
        goals(args.n or 100_000, args.memory, args.keys)
        return
    stalls(args.n or 20_000)


def stalls(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "postings"
        folder.mkdir()
        os.environ["JOBTUI_CACHE_DIR"] = str(root / "cache")
        started = time.perf_counter()
        write_folder(folder, n)
        print(f"(wrote {n:,} files in {time.perf_counter() - started:.1f}s)")
        from jobtui.postings.loader import iter_load
        from jobtui.postings.store import LoadCache

        started = time.perf_counter()
        for _ in iter_load([folder], batch=500, cache=LoadCache([folder])):
            pass
        print(f"(first load, filling the cache: {time.perf_counter() - started:.1f}s)")
        ours = report("jobtui", *asyncio.run(load(folder, root / "config")))
        import subprocess

        out = subprocess.run(
            [sys.executable, __file__, "--baseline-of", str(folder)], capture_output=True, text=True
        )
        print(out.stdout.strip() or out.stderr.strip()[-500:])
        try:
            theirs = float(out.stdout.split("longest")[1].split("ms")[0])
            print(f"ratio of the longest stalls, baseline/jobtui: {theirs / ours:.1f}x")
        except (IndexError, ValueError):
            pass


if __name__ == "__main__":
    main()
