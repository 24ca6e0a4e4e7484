"""Loading a big folder in the TUI: how long it takes and how long the UI stalls meanwhile.

    python bench/load.py [--n 20000]

Writes N synthetic postings as Markdown files, loads them once to fill the load cache, then
starts the app headless on them twice from the cache: as shipped, and as a baseline with the
two loading measures off (bodies tokenised on the UI thread in each flush instead of in the
loading thread, and the garbage collector left on). While the folder loads, a timer on the
event loop measures every gap between its ticks: a gap is a stall the person would feel as a
key that does not answer. Prints the load time and the stalls (longest, 99th percentile,
number over 100 ms) of each, and the ratio of the longest stalls.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
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

    jobtui.search.bulk.Stream.tokenize = lambda self, bodies: None  # type: ignore[assignment,method-assign]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--baseline-of", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_of:  # in a process of its own, so its patches touch nothing of ours
        baseline()
        folder = Path(args.baseline_of)
        report("baseline", *asyncio.run(load(folder, folder.parent / "config2")))
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "postings"
        folder.mkdir()
        os.environ["JOBTUI_CACHE_DIR"] = str(root / "cache")
        started = time.perf_counter()
        write_folder(folder, args.n)
        print(f"(wrote {args.n:,} files in {time.perf_counter() - started:.1f}s)")
        from jobtui.postings.cache import LoadCache
        from jobtui.postings.loader import iter_load

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
