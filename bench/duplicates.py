"""Duplicate grouping speed: synthetic postings with duplicates planted in them.

    python bench/duplicates.py                    # N = 1,000, 10,000, 100,000
    python bench/duplicates.py --sizes 1000 10000
    python bench/duplicates.py --corpus ../shared/corpus --replicate 20

To N synthetic postings it adds 10% exact copies under new ids and sources (whitespace and case
changed), 5% reposts with a few words changed and a new date, 3% roles listed again in two to
four other cities, and one company posting 500 different `Software Engineer` jobs (one large
block that must not go quadratic). Prints the time to group, the groups found and how many of
the planted copies landed in their original's group. With --corpus, real postings repeated K
times (each repeat is an exact copy).
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import CITIES, replicate
from bench.synthetic import postings as synthetic
from jobtui.postings.duplicates import group
from jobtui.postings.model import Posting


def with_duplicates(
    base: list[Posting], seed: int = 5
) -> tuple[list[Posting], list[tuple[str, str]]]:
    """`base` plus planted copies, shuffled; and (copy, original) for every copy planted."""
    rng = random.Random(seed)
    out = list(base)
    planted: list[tuple[str, str]] = []
    n = len(base)

    def add(p: Posting, original: Posting) -> None:
        out.append(p)
        planted.append((p.id, original.id))

    for k, p in enumerate(rng.sample(base, n // 10)):
        body = p.body.replace("\n\n", "\n\n\n").upper() if k % 2 else p.body
        add(replace(p, id=f"{p.id}-copy", source=f"mirror/{p.source}", body=body), p)
    for p in rng.sample(base, n // 20):
        words = p.body.split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(("great", "remote", "2026", "apply"))
        posted = p.posted + timedelta(days=30) if p.posted else None
        add(replace(p, id=f"{p.id}-repost", body=" ".join(words), posted=posted), p)
    for p in rng.sample(base, n * 3 // 100):
        for city in rng.sample(CITIES, rng.randint(2, 4)):
            if city != p.location:
                add(
                    replace(
                        p,
                        id=f"{p.id}-city{CITIES.index(city)}",
                        title=f"{p.title} - {city}",
                        location=city,
                        body=f"Based in {city}.\n\n{p.body}",
                    ),
                    p,
                )
    big = rng.sample(base, min(500, n))
    out.extend(
        replace(p, id=f"{p.id}-big", company="Megacorp", title="Software Engineer") for p in big
    )
    rng.shuffle(out)
    return out, planted


def run(posts: list[Posting], planted: list[tuple[str, str]], label: str) -> None:
    gc.collect()
    start = time.perf_counter()
    groups = group(posts)
    took = time.perf_counter() - start
    found = sum(groups.head(copy) == groups.head(original) for copy, original in planted)
    recall = f" | planted copies found {found:,}/{len(planted):,}" if planted else ""
    print(
        f"{label:>24} | group {took:6.2f}s | {len(groups):,} groups, "
        f"{groups.duplicates():,} duplicates{recall}",
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
    if args.corpus:
        from jobtui.postings.loader import load_postings

        base = load_postings([args.corpus]).postings
        run(
            replicate(base, args.replicate),
            [],
            f"corpus x{args.replicate} = {len(base) * args.replicate:,}",
        )
        return
    for n in args.sizes:
        start = time.perf_counter()
        posts, planted = with_duplicates(synthetic(n))
        print(
            f"(generated {n:,} synthetic postings and {len(posts) - n:,} copies "
            f"in {time.perf_counter() - start:.1f}s)",
            flush=True,
        )
        run(posts, planted, f"N={len(posts):,}")
        del posts
        gc.collect()


if __name__ == "__main__":
    main()
