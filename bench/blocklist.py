"""Blocklist speed: which of N synthetic postings a blocklist leaves out, read posting by
posting (the baseline) and through the search index (only postings holding a blocked word are
read for words), side by side.

    python bench/blocklist.py                 # N = 10,000 and 100,000
    python bench/blocklist.py --sizes 100000
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import postings as synthetic
from jobtui.search.engine import SearchIndex
from jobtui.shortlist.triage import BLOCK_FIELDS, Matcher, parse_line

LISTS = {
    "common words": (
        "word: gambling",
        "word: web3",
        "word: machine learning",
        "word: c++",
        "word: crypto",
        "company: Initech",
        "company: Hooli",
    ),
    "rare words": ("word: gambling", "word: web3", "word: crypto", "company: Initech"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args()
    for n in args.sizes:
        posts = synthetic(n)
        index = SearchIndex(posts)
        index.warm()
        for name, lines in LISTS.items():
            entries = [e for e in map(parse_line, lines) if e is not None]
            gc.collect()
            start = time.perf_counter()
            every = Matcher(entries).blocked_ids(posts)
            scan = time.perf_counter() - start
            start = time.perf_counter()
            matcher = Matcher(entries)
            first = matcher.first_words()
            holding = None if first is None else index.containing(first, BLOCK_FIELDS)
            found = matcher.blocked_ids(posts, holding)
            indexed = time.perf_counter() - start
            same = "same" if found == every else "DIFFERENT"
            print(
                f"N={n:>9,} {name:>12} | every posting read {scan:6.2f}s | through the index "
                f"{indexed:6.2f}s ({scan / indexed:5.1f}x) | {len(found):,} blocked, {same}",
                flush=True,
            )


if __name__ == "__main__":
    main()
