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


def test_escape_sequences_go_whole_and_a_stray_byte_costs_only_itself():
    from jobtui.postings.text import strip_controls

    assert strip_controls("a\x9b1;31mred\x9b0m b") == "ared b"  # no `31m` debris
    assert strip_controls("x\x9d0;title\x07y\x90q\x9cz") == "xyz"  # 8-bit OSC and DCS
    # a stray C1 byte (mojibake) or an unterminated OSC never eats the rest of the posting
    assert strip_controls("caf\x9d keeps this\nand this") == "caf keeps this\nand this"
    assert strip_controls("a\x1b]0;t\nnext line") == "a\nnext line"


def test_a_file_name_that_is_not_utf8_is_text_a_terminal_takes(tmp_path):
    import os

    from jobtui.postings.loader import load_postings

    name = os.fsdecode(b"caf\xe9 \xff engineer.md")
    (tmp_path / name).write_text("Build things.\n")
    (posting,) = load_postings([tmp_path]).postings
    for value in (posting.title, posting.source):
        value.encode("utf-8")  # no halves of characters (surrogates) left
    assert "\ufffd" in posting.title and "engineer" in posting.title.lower()


def test_a_stray_8bit_csi_before_a_word_keeps_the_word():
    from jobtui.postings.text import strip_controls

    assert strip_controls("\x9b Next step") == " Next step"


def test_a_one_line_field_holds_no_line_or_paragraph_separator(tmp_path, capsys):
    """U+2028 and U+2029 break lines for many readers (Python's splitlines included): a title
    or a file name holding one is one line still, and so is its JSONL record."""
    import json

    from jobtui.cli import main
    from jobtui.postings.text import clean_field

    assert clean_field("Rust\u2028Engineer\u2029now") == "Rust Engineer now"
    (tmp_path / "a\u2028b.md").write_text('---\ntitle: "Go\u2028Dev"\n---\nBody.\n')
    assert main(["list", "--no-cache", "--format", "jsonl", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["title"] == "Go Dev"
