"""A second load of a folder: how long loading takes when every file comes from the load cache.

    python bench/cache.py [FOLDER] [--runs 5]

Loads the folder once into an empty cache (in a temporary folder), then loads it again `runs`
times from the cache, each timed: the stat of every file, reading the cache file and turning
its entries back into postings. Prints the first load, the median and the best of the cached
loads, and the size of the cache file. FOLDER defaults to ../shared/corpus next to the checkout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(CORPUS))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOBTUI_CACHE_DIR"] = tmp
        from jobtui.postings.loader import load_postings

        started = time.perf_counter()
        first = load_postings([args.folder], cache=True)
        took = time.perf_counter() - started
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            again = load_postings([args.folder], cache=True)
            times.append(time.perf_counter() - started)
            assert again.postings == first.postings
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    print(
        f"{len(first.postings):,} postings | first load {took:.2f}s | cached load: median "
        f"{statistics.median(times) * 1000:.0f} ms, best {min(times) * 1000:.0f} ms "
        f"| cache file {size / 1048576:.1f} MB"
    )


if __name__ == "__main__":
    main()
