"""The help screen: its key table is built from the bindings themselves, so it cannot go stale."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from jobtui.search.query import QUERY_HELP
from jobtui.tui.keys import key_label
from jobtui.tui.screens.dialog import Dialog


def bindings_table(sections: list[tuple[str, list[Binding]]]) -> Group:
    """A titled key table per section, from the bindings as declared."""
    parts: list[RenderableType] = []
    for title, bindings in sections:
        parts.append(Text(title, style="bold underline"))
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True, min_width=14)
        table.add_column()
        seen: set[str] = set()
        for b in bindings:
            if b.description not in seen:
                seen.add(b.description)
                table.add_row(key_label(b.key), b.description)
        parts += [table, Text("")]
    return Group(*parts)


class HelpScreen(Dialog[None]):
    """Keys and query syntax."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close help")]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(Text("jobtui — keys", style="bold"), classes="dialog-title")
            yield Static(bindings_table(self._sections))
            yield Static(Text(QUERY_HELP.replace("query language:", "Query language:")))
            yield Static(
                Text("esc, q or ? closes this help. ctrl+p opens the command palette.", style="dim")
            )
