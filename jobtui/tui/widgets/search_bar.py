"""The search bar: an Input whose own keys (and their footer labels) belong to searching."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Typing filters live; these keys leave it."""

    BINDINGS = [Binding("escape", "clear_or_leave", "Clear", show=True)]
    # enter, tab and ↓ leave through the main screen's priority binding (see MainScreen).

    class Leave(Message):
        """The person wants to go to the results."""

    def action_clear_or_leave(self) -> None:
        """Clear the query; when it is already empty, go to the results."""
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Leave())
