"""Rendering postings for the terminal: untrusted text stays text, huge bodies stay bounded."""

from __future__ import annotations

import io
import re

from rich.console import Console

from jobtui.postings.model import Posting
from jobtui.postings.relative import age
from jobtui.tui.render import MAX_RENDERED, posting_renderable

from ..conftest import make_posting


def rendered(posting: Posting, terms: list[str] | None = None) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(posting_renderable(posting, terms or []))
    return console.file.getvalue()


def make(body: str, title: str = "Dev") -> Posting:
    return make_posting(title=title, body=body)


def test_markup_in_titles_and_bodies_is_shown_literally():
    out = rendered(make("Body [bold red]not markup[/]", title="[blink]Boss[/blink]"))
    assert "[blink]Boss[/blink]" in out and "[bold red]not markup[/]" in out


def test_a_huge_body_is_cut_with_a_note():
    body = ("word " * 20 + "\n") * 20_000
    out = rendered(make(body), ["word"])
    assert "is not shown; see the file" in out
    assert len(out) < MAX_RENDERED * 2


def test_missing_fields_say_not_stated():
    out = rendered(make("text"))
    assert "not stated" in out and "Title" in out


def test_age_labels():
    from datetime import date

    today = date(2026, 11, 23)
    assert [
        age(date(2026, 11, 23), today),
        age(date(2026, 11, 20), today),
        age(date(2026, 10, 1), today),
        age(date(2025, 11, 1), today),
        age(date(2020, 1, 1), today),
        age(None, today),
    ] == ["today", "3d", "7w", "12mo", "6y", ""]


def test_an_autolink_of_another_scheme_shows_as_written_not_as_a_link(tmp_path):
    from jobtui.postings.loader import load_postings

    (tmp_path / "a.md").write_text(
        "# Porter\n\nMail <mailto:jobs@dock.example>, see <https://dock.example/jobs>, "
        "not <FILE:///srv/cv_*draft*.pdf> nor <javascript:void(0)> or <ssh://git@dock/x>; "
        "<b>bold</b> <o:p></o:p><st1:place>Hull</st1:place>.\n",
        encoding="utf-8",
    )
    (posting,) = load_postings([tmp_path]).postings
    shown = " ".join(rendered(posting).split())
    for written in ("<FILE:///srv/cv_*draft*.pdf>", "<ssh://git@dock/x>"):
        assert written in shown  # the text the posting wrote, whole, and no link made of it
    assert "javascript" not in shown  # (script, not text: gone as a tag is)
    assert "\\" not in shown  # (no escape of the view's shows)
    assert "jobs@dock.example" in shown and "https://dock.example/jobs" in shown
    assert "bold Hull." in shown and "<b>" not in shown and "o:p" not in shown
    console = Console(file=io.StringIO(), width=200, color_system="truecolor")
    console.print(posting_renderable(posting, []))
    targets = set(re.findall(r"\x1b\]8;[^;]*;([^\x1b]*)\x1b\\", console.file.getvalue()))
    assert targets - {""} == {"mailto:jobs@dock.example", "https://dock.example/jobs"}


def test_an_autolink_in_code_shows_as_written_with_no_escape_added():
    body = (
        "Run `<ftp://mirror/pub_x*>` first.\n\n```\nscp <sftp://build/out_1*.tar> .\n```\n\n"
        "Then <gopher://old_host/*x*> outside.\n"
    )
    shown = rendered(make(body))
    assert "<ftp://mirror/pub_x*>" in shown and "<sftp://build/out_1*.tar>" in shown
    assert "<gopher://old_host/*x*>" in shown and "\\" not in shown
