"""The detail pane: the selected posting's fields and its Markdown, rendered by Rich.

Rich's Markdown in a Static costs a fraction of Textual's Markdown widget on a long posting,
and the update is debounced so holding `j` down through the list stays fluid.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from jobtui.postings.money import SalarySettings
from jobtui.shortlist import view
from jobtui.shortlist.store import Bookmark
from jobtui.tui.render import posting_renderable, snapshot_renderable
from jobtui.tui.rows import Row

DEBOUNCE = 0.06
"""Seconds the selection must rest before the posting is rendered."""
TYPING_DEBOUNCE = 0.15
"""While the person types, the detail waits for a pause in typing."""
NO_POSTINGS = "No postings were loaded. `jobtui check PATH` lists what was skipped."


class DetailView(VerticalScroll, can_focus=True):
    """Scrollable view of one posting."""

    BINDINGS = [
        Binding("h,left,escape", "back", "Back to the list", show=True),
        Binding("j,down", "detail_down", "Scroll the posting down", show=False),
        Binding("k,up", "detail_up", "Scroll the posting up", show=False),
        Binding("space,ctrl+d,pagedown", "detail_page_down", "Page the posting down", show=False),
        Binding("ctrl+u,pageup", "detail_page_up", "Page the posting up", show=False),
        Binding("g,home", "detail_top", "Top of the posting", show=False),
        Binding("G,end", "detail_bottom", "End of the posting", show=False),
    ]

    class Back(Message):
        """The person is done reading and goes back to the list."""

    def __init__(
        self,
        *,
        today: date,
        debounce: float = DEBOUNCE,
        typing_debounce: float = TYPING_DEBOUNCE,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._content = Static(Text("Nothing selected.", style="dim"), id="detail-content")
        self._timer: Timer | None = None
        self._pending: tuple[Row | None, tuple[str, ...], Bookmark | None] | None = None
        self.today = today
        """The day ages are counted to."""
        self.debounce = debounce
        """Seconds the selection rests before the posting is rendered (0: at once)."""
        self.typing_debounce = typing_debounce
        """The same while the person types in the search bar."""
        self.salary: SalarySettings | None = None
        """The currency and rates salaries are shown in (None: the defaults)."""
        self.placeholder = NO_POSTINGS
        """What the pane says when no posting is selected."""
        self.shown_key: str | None = None
        """Id of the posting on screen (for tests and the app)."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield self._content

    def show(
        self,
        row: Row | None,
        terms: tuple[str, ...],
        bookmark: Bookmark | None,
        immediate: bool = False,
        typing: bool = False,
    ) -> None:
        """Show a row once the selection has rested a moment (longer while `typing`), or now."""
        self._pending = (row, terms, bookmark)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        delay = self.typing_debounce if typing else self.debounce
        if immediate or delay <= 0:
            self._render_pending()
        else:
            self._timer = self.set_timer(delay, self._render_pending)

    def _render_pending(self) -> None:
        self._timer = None
        if self._pending is None:
            return
        row, terms, bookmark = self._pending
        self._pending = None
        status = view.summary(bookmark, self.today) if bookmark is not None else None
        if bookmark is not None and row is not None and bookmark.id != row.key:
            status = f"on a copy: {status}"  # e.g. `on a copy: saved 2 Nov → applied 4 Nov`
        if row is None:
            self._content.update(Text(self.placeholder, style="dim"))
            self.shown_key = None
        elif row.posting is None:
            kept = row.snapshot
            if kept is None:  # nothing kept to show but the row itself
                self._content.update(Text(f"{row.title}\n\n{view.absent_note(row.absent or '')}"))
            else:
                self._content.update(
                    snapshot_renderable(
                        kept,
                        view.absent_note(row.absent or view.MISSING),
                        tuple(t for t in terms if len(t) > 1)[:60],
                        bookmark=status,
                        notes=bookmark.notes if bookmark else (),
                        today=self.today,
                        salary=self.salary,
                    )
                )
            self.shown_key = row.key
        else:
            terms = tuple(t for t in terms if len(t) > 1)[:60]
            self._content.update(
                posting_renderable(
                    row.posting,
                    terms,
                    bookmark=status,
                    notes=bookmark.notes if bookmark else (),
                    today=self.today,
                    salary=self.salary,
                    copies=row.other_copies,
                )
            )
            self.shown_key = row.key
        self.scroll_home(animate=False)

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_detail_down(self) -> None:
        self.scroll_down(animate=False)

    def action_detail_up(self) -> None:
        self.scroll_up(animate=False)

    def action_detail_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_detail_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_detail_top(self) -> None:
        self.scroll_home(animate=False)

    def action_detail_bottom(self) -> None:
        self.scroll_end(animate=False)
