"""Text from postings, and file names, never carries a control character to the screen."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from jobtui.postings.model import Posting, Salary
from jobtui.tui.render import posting_renderable

HOSTILE = [
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b]0;owned\x07",  # change the window title
    "\x1b[2J\x1b[H",  # clear the screen
    "\u202etxt.exe",  # right-to-left override
    "Acme\u200bCorp",  # zero-width space
    "\x9b31m",  # 8-bit CSI
    "bell\x07",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30)).map(lambda s: s + "x")


def controls(out: str) -> set[str]:
    bad = {c for c in out if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F}
    return bad | {c for c in out if c in "\u202a\u202b\u202c\u202d\u202e\u200b\u200f\u2066"}


@settings(max_examples=150, deadline=None)
@given(title=text, company=text, location=text, source=text, tag=text, currency=text)
def test_no_field_of_a_record_carries_a_control_character(
    title, company, location, source, tag, currency
):
    p = Posting(
        id="abc",
        source=source,
        title=title,
        company=company,
        location=location,
        remote=None,
        salary=Salary(1.0, 2.0, currency, "year"),
        tags=(tag,),
        posted=None,
        url=None,
        body="plain",
    )
    record = json.dumps(p.to_dict(), ensure_ascii=False)
    assert not controls(json.loads(record)["title"] + "".join(json.loads(record)["tags"]))
    assert not controls(" ".join(str(v) for v in p.to_dict().values()))
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(posting_renderable(p))
    assert not controls(console.file.getvalue())


def test_a_currency_is_a_code_or_unknown():
    assert Salary(1.0, 2.0, "\x1b[31mUSD", "year").currency is None
    assert Salary(1.0, 2.0, "eur", "year").currency == "EUR"
