"""Rendering postings for the terminal: untrusted text stays text, huge bodies stay bounded."""

from __future__ import annotations

import io

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
