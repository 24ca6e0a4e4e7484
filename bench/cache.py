"""A second load of a folder: how long loading takes when every file comes from the load store.

    python bench/cache.py [FOLDER] [--runs 5] [--n 20000]

Loads the folder once into an empty store (in a temporary cache folder), then loads it again
`runs` times from the store, each timed: the stat of every file, a row read per file and turned
back into postings. Beside them, the floor: walking the folder and reading every file's bytes,
which any load does. Prints the three side by side and the size of the store on disk.
FOLDER defaults to N synthetic postings written to a temporary folder (see bench/load.py).
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


def floor(folder: str) -> float:
    """Seconds to walk the folder and read every file: no load can take less."""
    from jobtui.postings.loader import iter_files

    started = time.perf_counter()
    for file, _ in iter_files([folder]):
        file.read_bytes()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--n", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            from bench.load import write_folder

            folder = os.path.join(tmp, "jobs")
            os.mkdir(folder)
            write_folder(Path(folder), args.n)
        cache = Path(tmp) / "cache"
        os.environ["JOBTUI_CACHE_DIR"] = str(cache)
        from jobtui.postings.loader import load_postings

        started = time.perf_counter()
        first = load_postings([folder], cache=True)
        took = time.perf_counter() - started
        times, floors = [], []
        for _ in range(args.runs):
            floors.append(floor(folder))
            started = time.perf_counter()
            again = load_postings([folder], cache=True)
            times.append(time.perf_counter() - started)
            assert again.postings == first.postings
        size = sum(f.stat().st_size for f in cache.iterdir())
    ms = 1000
    print(
        f"{len(first.postings):,} postings | first load {took:.2f}s | reopen with the store: "
        f"median {statistics.median(times) * ms:.0f} ms, best {min(times) * ms:.0f} ms | "
        f"floor (read every file): median {statistics.median(floors) * ms:.0f} ms, "
        f"best {min(floors) * ms:.0f} ms | store {size / 1048576:.1f} MB"
    )


if __name__ == "__main__":
    main()
