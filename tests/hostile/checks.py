"""What no output may hold, whatever the postings hold: the checks the hostile tests share."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .conftest import Run

CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, C1 controls (ESC among them)."""
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Direction overrides, embeddings and isolates: they reorder what a terminal shows."""
INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u061c]")
"""Zero-width characters and direction marks: invisible, they make one name look like another."""
SURROGATE_RE = re.compile("[\ud800-\udfff]")
"""Lone surrogates: what Python makes of file names that are not UTF-8; no UTF-8 output can
hold them."""


def named(chars: set[str]) -> str:
    return ", ".join(sorted(f"U+{ord(c):04X}" for c in chars))


def unsafe(text: str, *, one_line: bool = True) -> list[str]:
    """What in `text` must not reach a terminal or a file: control characters, direction
    overrides and, in one-line fields (`one_line`), zero-width characters."""
    found = []
    if chars := set(CONTROL_RE.findall(text)):
        found.append(f"control characters {named(chars)}")
    if chars := set(BIDI_RE.findall(text)):
        found.append(f"direction overrides {named(chars)}")
    if one_line and (chars := set(INVISIBLE_RE.findall(text))):
        found.append(f"zero-width characters {named(chars)}")
    if chars := set(SURROGATE_RE.findall(text)):
        found.append(f"lone surrogates {named(chars)}")
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def strict_json(text: str) -> Any:
    """The JSON document, refusing NaN and Infinity as other JSON readers do."""
    return json.loads(text, parse_constant=_no_constant)


def strict_jsonl(text: str) -> list[Any]:
    return [strict_json(line) for line in text.splitlines() if line]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""


def formula_cells(text: str, delimiter: str) -> list[str]:
    """Cells a spreadsheet would run as formulas."""
    csv.field_size_limit(sys.maxsize)  # a hostile cell may be long; it must still be read
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return [cell for row in rows[1:] for cell in row if cell.startswith(FORMULA_STARTS)]


SAFE_SCHEMES = ("http://", "https://", "mailto:")


def markdown_problems(text: str) -> list[str]:
    """Links to anything but http(s) and mailto, images, and raw HTML in Markdown, as a
    CommonMark reader sees them (markdown-it, which Rich uses, told to keep every link: it
    drops `javascript:` ones itself, where other readers would not)."""
    from markdown_it import MarkdownIt

    reader = MarkdownIt("commonmark")
    reader.validateLink = lambda url: True  # type: ignore[method-assign]
    found: list[str] = []
    stack = list(reader.parse(text))
    while stack:
        token = stack.pop()
        stack.extend(token.children or ())
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            if not href.lower().startswith(SAFE_SCHEMES):
                found.append(f"link to {href!r}")
        elif token.type == "image":
            found.append(f"image {token.attrs.get('src')!r}")
        elif token.type in ("html_inline", "html_block"):
            found.append(f"HTML {token.content!r}")
    return found


STATUSES = {
    "list": {0},
    "search": {0, 1, 2},
    "show": {0},
    "check": {0, 1},
    "bookmark": {0},
    "shortlist": {0},
    "export": {0},
}
"""The exit statuses each command may end with (search: 1 when nothing matches, 2 when no part
of the query could be understood; check: 1 when some file did not load)."""

MULTI_LINE = {"show", "check"}
"""Outputs that show a posting's body or several lines per file: a body may hold zero-width
characters (emoji sequences need the joiner), a one-line field may not."""


def problems(run: Run, output: str, *, links: bool = True) -> list[str]:
    """What is wrong with one run's output (`output`: the command and format, `list json`);
    `links`: whether a Markdown link may only go to http(s) and mailto (a record made in a
    test may hold any link; one the loader made may not)."""
    where = " ".join(repr(a) if i == 4 else a for i, a in enumerate(run.args[:5]))
    if run.error is not None:
        return [f"{where}: an exception escaped:\n{run.error}"]
    found = []
    if "Traceback" in run.err:
        found.append(f"{where}: a traceback on stderr")
    if run.status not in STATUSES[run.command]:
        found.append(f"{where}: exit status {run.status}: {run.err.strip()[-300:]}")
    out = run.out.replace("\r\n", "\n") if output == "export csv" else run.out
    one_line = run.command not in MULTI_LINE
    found += [f"{where}: stdout has {p}" for p in unsafe(out, one_line=one_line)]
    found += [f"{where}: stderr has {p}" for p in unsafe(run.err, one_line=one_line)]
    fmt = output.split()[-1]
    if run.status == 2:  # a query refused: nothing printed but why
        return found + ([f"{where}: printed {run.out[:200]!r}"] if run.out else [])
    try:
        if fmt == "json":
            strict_json(run.out)
        elif fmt == "jsonl":
            strict_jsonl(run.out)
    except ValueError as exc:
        found.append(f"{where}: not JSON: {exc}")
    if fmt in ("tsv", "csv") and run.out:
        cells = formula_cells(run.out, "\t" if fmt == "tsv" else ",")
        found += [f"{where}: a spreadsheet runs {cell!r}" for cell in cells]
    if fmt == "md" and links:
        found += [f"{where}: Markdown holds {p}" for p in markdown_problems(run.out)]
    return found
