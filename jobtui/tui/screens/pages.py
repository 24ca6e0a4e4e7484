"""Pages that show the shortlist from above: the agenda and the statistics. Each is a
scrollable modal; esc or q closes it. What they say is computed in the core
(`shortlist.agenda`, `shortlist.stats`); these only lay it out."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from jobtui.shortlist.agenda import Item
from jobtui.shortlist.stats import Stats, pictures
from jobtui.tui.screens.dialog import Dialog

BUCKET_STYLES = {"overdue": "bold red", "today": "bold yellow", "this week": ""}


class Page(Dialog[None]):
    """A titled page of text."""

    BINDINGS = [Binding("escape,q", "dismiss(None)", "Close")]

    def __init__(self, title: str, body: RenderableType, footer: str) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._footer = footer

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog page"):
            yield Static(Text(self._title, style="bold"), classes="dialog-title")
            yield Static(self._body)
            yield Static(Text(self._footer, style="dim"))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()


def agenda_page(items: list[Item], today: date, days: int) -> Page:
    if not items:
        body: RenderableType = Text(
            f"Nothing overdue or due in the next {days} days. f sets a follow-up date on a "
            "posting; `jobtui bookmark ID --interview 'YYYY-MM-DD HH:MM'` adds an interview.",
            style="italic",
        )
    else:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
        bucket = None
        for i in items:
            if i.bucket != bucket:
                if bucket is not None:
                    table.add_row("", "", "")
                bucket = i.bucket
                table.add_row(Text(bucket.capitalize(), style=BUCKET_STYLES[bucket] or "bold"))
            when = i.when.strftime("%a %d %b %H:%M") if i.timed else i.day.strftime("%a %d %b")
            what = Text(i.kind + (f": {i.label}" if i.kind == "interview" and i.label else ""))
            job = Text(i.bookmark.title, style="bold")
            if i.bookmark.company:
                job.append(f" · {i.bookmark.company}", style="dim")
            table.add_row(Text(when, style=BUCKET_STYLES[i.bucket]), what, job)
        body = table
    return Page(
        f"Agenda · {today.strftime('%a %d %b %Y')}",
        body,
        "esc closes · jobtui agenda and jobtui export --format ics give the same from the "
        "command line",
    )


def stats_page(stats: Stats) -> Page:
    return Page(
        f"Statistics · {stats.total} on the shortlist",
        Text("\n".join(pictures(stats))),
        "esc closes · jobtui stats --format json gives the numbers",
    )
