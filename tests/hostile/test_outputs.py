"""Every command, in every format, over every class of the hostile folder: nothing escapes.

For each output: no traceback, an exit status the command documents, nothing a terminal would
act on (control characters, escape sequences, direction overrides; in the lists and exports,
zero-width characters too), JSON that strict readers parse, CSV and TSV cells that a
spreadsheet does not run, and Markdown whose links go nowhere but http(s) and mailto.
"""

from __future__ import annotations

import pytest

from .checks import formula_cells, markdown_problems, strict_json, strict_jsonl, unsafe
from .conftest import OUTPUTS, Run
from .make_fixtures import CLASSES

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


def problems(run: Run, output: str) -> list[str]:
    """What is wrong with one run's output."""
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
    if fmt == "md":
        found += [f"{where}: Markdown holds {p}" for p in markdown_problems(run.out)]
    return found


SURROGATES = (
    "a file name that is not UTF-8 reaches the output as lone surrogates: UnicodeEncodeError "
    "on a UTF-8 stdout (and in the bookmarks file), invalid UTF-8 under C.UTF-8"
)
NOT_JSON = "a salary of .nan or .inf is printed as NaN / Infinity, which is not JSON"
INFINITE = "an infinite salary makes export.yearly() raise OverflowError (round(inf))"

KNOWN: dict[tuple[str, str], str] = {
    ("names", "check"): "check prints the paths of files that did not load as they are, "
    "escape sequences included",
    **{
        ("undecodable_names", output): SURROGATES
        for output in (
            *("list table", "list json", "list jsonl", "list tsv"),
            *("search table", "search json", "search tsv", "show", "check", "bookmark"),
        )
    },
    ("md_injection", "export md"): "a '>' in an apply link closes the <...> link target of "
    "the Markdown export: what follows it is Markdown (an injected image)",
    **{
        ("bad_numbers", output): NOT_JSON
        for output in ("list json", "list jsonl", "search json", "shortlist json")
    },
    ("bad_numbers", "shortlist jsonl"): NOT_JSON,
    ("bad_numbers", "shortlist tsv"): INFINITE,
    ("bad_numbers", "export csv"): INFINITE,
    ("bad_numbers", "export json"): INFINITE,
}
"""(class, output) pairs that fail today, and the defect that makes them fail."""


def cases() -> list[object]:
    return [
        pytest.param(
            name,
            output,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN[name, output])]
            if (name, output) in KNOWN
            else [],
            id=f"{name}-{output.replace(' ', '-')}",
        )
        for name in CLASSES
        for output in OUTPUTS
    ]


@pytest.mark.parametrize(("name", "output"), cases())
def test_output_is_safe(name: str, output: str, outputs) -> None:  # type: ignore[no-untyped-def]
    found = [p for run in outputs(name).runs[output] for p in problems(run, output)]
    assert not found, "\n".join(found)
