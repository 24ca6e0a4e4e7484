"""Search speed: jobtui's index against a naive rapidfuzz baseline, keystroke by keystroke.

    python bench/search.py                       # N = 1,000, 10,000, 100,000 synthetic postings
    python bench/search.py --sizes 1000 10000
    python bench/search.py --corpus ../shared/corpus --replicate 20

For each N it prints the index build time, index memory per posting, and p50/p95 per keystroke
for jobtui (all matches ranked, the first 50 hits built) and for the baseline
`rapidfuzz.process.extract(query, choices, scorer=fuzz.WRatio, limit=50)` over one
"title company location tags" string per posting, run in the same process on the same postings.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process

from bench.synthetic import postings as synthetic
from bench.synthetic import replicate
from jobtui.search.engine import SearchIndex

QUERIES = (
    "senior python developer",
    "kubernets",  # a typo
    "remote:yes golang",  # a field filter
    "react salary:>=100k",
    "elixr phoenix",  # a typo
    "data engineer berlin",
    '"python" remote:yes',  # a quoted word, then more typing
    '"machine learning" engineer',  # a quoted phrase
)


def keystrokes(queries: tuple[str, ...]) -> list[str]:
    """Every prefix of every query, as a person types it."""
    return [q[:i] for q in queries for i in range(1, len(q) + 1)]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def measure(fn, inputs: list[str]) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for text in inputs:
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(posts: list, label: str) -> None:  # type: ignore[type-arg]
    text_bytes = sum(len(p.body.encode()) + len(p.title) + len(p.company or "") for p in posts)
    gc.collect()
    start = time.perf_counter()
    index = SearchIndex(posts)
    index.warm()  # the numpy posting lists are built on first use: count them in the build
    build = time.perf_counter() - start
    gc.freeze()  # as the app does after indexing, so a GC pass does not land in a keystroke
    mem = index.nbytes()
    choices = [f"{p.title} {p.company or ''} {p.location or ''} {' '.join(p.tags)}" for p in posts]
    keys = keystrokes(QUERIES)

    def ours(q: str) -> None:
        index.run(q).hits(50)

    def naive(q: str) -> None:
        process.extract(q, choices, scorer=fuzz.WRatio, limit=50)

    ours_t = measure(ours, keys)
    naive_keys = keys if len(posts) <= 10_000 else keys[::3]  # the baseline is slow; sample it
    naive_t = measure(naive, naive_keys)
    o50, o95 = pct(ours_t, 50), pct(ours_t, 95)
    n50, n95 = pct(naive_t, 50), pct(naive_t, 95)
    print(
        f"{label:>14} | build {build:6.2f}s | index {mem / len(posts):7.0f} B/posting "
        f"(text {text_bytes / len(posts):6.0f} B) | jobtui p50 {o50:7.2f} ms p95 {o95:7.2f} ms "
        f"| naive p50 {n50:7.1f} ms p95 {n95:7.1f} ms | ratio p50 {n50 / o50:5.1f}x "
        f"p95 {n95 / o95:5.1f}x",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--corpus", help="use real postings from this folder instead")
    parser.add_argument("--replicate", type=int, default=1, help="repeat the corpus K times")
    args = parser.parse_args()
    print(
        f"{len(keystrokes(QUERIES))} keystrokes over {len(QUERIES)} queries: {', '.join(QUERIES)}"
    )
    if args.corpus:
        from jobtui.postings.loader import load_postings

        base = load_postings([args.corpus]).postings
        posts = replicate(base, args.replicate)
        run(posts, f"corpus x{args.replicate} = {len(posts)}")
        return
    for n in args.sizes:
        start = time.perf_counter()
        posts = synthetic(n)
        print(
            f"(generated {n} synthetic postings in {time.perf_counter() - start:.1f}s)", flush=True
        )
        run(posts, f"N={n:,}")
        del posts
        gc.collect()


if __name__ == "__main__":
    main()
