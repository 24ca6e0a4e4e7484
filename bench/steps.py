"""What a first load costs per file, step by step: where parsing spends its time.

    python bench/steps.py [FOLDER] [--files 2000]

Parses the files of FOLDER (default: 2,000 synthetic postings written to a temporary folder)
in this process, once to warm up and once under the profiler, and prints the time per file of
the whole and of each step (a step's time includes the steps it calls; `other` is what none
of the named steps covers). Profiling slows Python code down, so the shares matter more than
the totals; the first line gives the total without the profiler.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

STEPS = [
    ("read the file", "pathlib.py", "read_bytes"),
    ("decode and repair text", "text.py", "repair"),
    ("front matter: split and YAML", "loader.py", "split_front_matter"),
    ("clean the Markdown", "text.py", "clean_markdown"),
    ("front matter fields", "front_matter.py", "from_front_matter"),
    ("heading block", "heading.py", "from_heading_block"),
    ("dates", "dates.py", "parse_date"),
    ("tags", "vocab.py", "find_tags"),
    ("salary", "salary.py", "parse_salary"),
    ("remote and hybrid", "remote.py", "remote_policy"),
    ("company from the body", "company.py", "company_from_body"),
    ("posted from the body", "posted.py", "posted_from_body"),
    ("location from the body", "body.py", "location_from_body"),
    ("link from the body", "links.py", "url_from_body"),
    ("the record (Posting)", "model.py", "__post_init__"),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", help="postings to parse (default: synthetic)")
    parser.add_argument("--files", type=int, default=2000, help="at most this many files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else Path(tmp)
        if not args.folder:
            from bench.load import write_folder

            write_folder(folder, args.files)
        run(folder, args.files)


def run(folder: Path, limit: int) -> None:
    from jobtui.postings.loader import iter_files, load_file

    files = [pair for pair, _ in zip(iter_files([folder]), range(limit), strict=False)]
    for file, root in files:  # warm: imports, compiled patterns, the page cache
        load_file(file, root)
    start = time.perf_counter()
    for file, root in files:
        load_file(file, root)
    plain = (time.perf_counter() - start) / len(files) * 1000
    profile = cProfile.Profile()
    profile.enable()
    for file, root in files:
        load_file(file, root)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = _cumulative(stats, "loader.py", "load_file")
    print(f"{len(files):,} files of {folder}: {plain:.2f} ms a file unprofiled")
    print(f"{'step':32s} | ms a file (profiled) | share")
    print(f"{'the whole (load_file)':32s} | {total / len(files) * 1000:8.3f} | 100%")
    for label, module, name in STEPS:
        took = _cumulative(stats, module, name)
        print(f"{label:32s} | {took / len(files) * 1000:8.3f} | {took / total:5.1%}")


def _cumulative(stats: dict, module: str, name: str) -> float:  # type: ignore[type-arg]
    """Seconds spent in a function and what it calls, summed over its definitions."""
    return sum(
        cumulative
        for (path, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.items()
        if function == name and path.endswith(module)
    )


if __name__ == "__main__":
    main()
