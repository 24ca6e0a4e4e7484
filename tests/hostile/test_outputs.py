"""Every command, in every format, over every class of the hostile folder: nothing escapes.

For each output: no traceback, an exit status the command documents, nothing a terminal would
act on (control characters, escape sequences, direction overrides; in the lists and exports,
zero-width characters too), JSON that strict readers parse, CSV and TSV cells that a
spreadsheet does not run, and Markdown whose links go nowhere but http(s) and mailto.
"""

from __future__ import annotations

import pytest

from .checks import problems
from .conftest import OUTPUTS
from .make_fixtures import CLASSES

SURROGATES = (
    "a file name that is not UTF-8 reaches the output as lone surrogates: UnicodeEncodeError "
    "on a UTF-8 stdout (and in the bookmarks file), invalid UTF-8 under C.UTF-8"
)
NOT_JSON = "a salary of .nan or .inf is printed as NaN / Infinity, which is not JSON"
INFINITE = "an infinite salary makes export.yearly() raise OverflowError (round(inf))"

KNOWN: dict[tuple[str, str], str] = {}
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
