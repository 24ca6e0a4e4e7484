"""Bodies built to make a careless pattern scan to the end once per character.

    python bench/pathological.py [--kb 60]

Loads a posting whose body is one short token repeated to `kb` kilobytes, for each token
(white space, list markers, brackets, links, HTML openers, money), and prints the seconds
each took, slowest first. Every one should take a few hundredths of a second; a pattern that
backtracks quadratically shows as seconds or minutes (60 KB of spaces took 162 s before the
location patterns were fixed, `<!--` x 20,000 took 9 s in the HTML cleaner).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobtui.postings.loader import load_file

TOKENS = [
    *("  ", "\t", "\n", " \n", "\n- ", "- ", "\n* ", "* ", "**", "__", "\n#", "# ", "| "),
    *("\n|", "> ", "1. ", "[", "![", "](", "[a](", "[[a]", '[a](<x> "', "(", ")", "<", "<!--"),
    *("<a ", "<script>", "<h1>", "<b ", "<a href=x>", "&#", "&amp;", "`", "```\n", "~~~\n"),
    *("$", "$1", "$1,", "€1", "1,", "1.", "100k-", "$100k - ", "salary ", "Salary: ", "per "),
    *("hour ", "remote ", "hybrid ", "Location: ", "location ", "Posted ", "2024-", "Jan "),
    *("http://", "https://a", "www.", "@", "mailto:", "a@b", "x: ", "apply ", "\\", "'", '"'),
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kb", type=int, default=60)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, token in enumerate(TOKENS):
            body = token * (args.kb * 1024 // len(token) + 1)
            path = root / f"{i}.md"
            path.write_text("# Title\n\n" + body, encoding="utf-8")
            start = time.perf_counter()
            load_file(path, root)
            results.append((time.perf_counter() - start, token))
    for seconds, token in sorted(results, reverse=True):
        print(f"{seconds:8.3f} s  {token!r}")


if __name__ == "__main__":
    main()
