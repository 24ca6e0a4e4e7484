"""The count line above the list: `37 / 9,365 · sort: relevance`, and what went wrong."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class CountLine(Widget):
    """A repaint, never a re-layout, on each keystroke."""

    text: reactive[Text] = reactive(Text, layout=False)
    """What the line says."""

    def render(self) -> Text:
        return self.text
