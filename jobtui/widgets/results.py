"""The results list: renders only the visible rows, so 100,000 matches cost the same as 10."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from jobtui.rows import Row, RowSource

ROW_HEIGHT = 2
"""Each posting takes two lines: title and age, then company, location, remote and salary."""


REMOTE_MARK = {True: "remote", False: "on-site", None: ""}


class ResultsList(ScrollView, can_focus=True):
    """A keyboard-driven list of postings drawn with Textual's line API."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False),
        Binding("k,up", "cursor_up", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown", "page_down_rows", "Page down", show=False),
        Binding("pageup", "page_up_rows", "Page up", show=False),
        Binding("l,enter", "open_detail", "Read", show=True),
    ]

    COMPONENT_CLASSES = {
        "results-list--cursor",
        "results-list--dim",
        "results-list--match",
        "results-list--mark",
        "results-list--remote",
    }

    DEFAULT_CSS = """
    ResultsList { background: $surface; }
    ResultsList > .results-list--cursor { background: $accent 35%; }
    ResultsList:focus > .results-list--cursor { background: $accent 60%; }
    ResultsList > .results-list--dim { color: $text-muted; }
    ResultsList > .results-list--match { text-style: bold underline; color: $warning; }
    ResultsList > .results-list--mark { color: $warning; text-style: bold; }
    ResultsList > .results-list--remote { color: $success; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the selected row."""

    class Highlighted(Message):
        """The selected row changed."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class Chosen(Message):
        """The person asked to read the selected row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: RowSource = RowSource()
        self._rows: dict[int, Row] = {}
        self._lines: dict[tuple[int, int, int, bool], Strip] = {}

    # --- data ---------------------------------------------------------------------------------

    def set_source(self, source: RowSource, keep: str | None = None) -> None:
        """Show new rows; keep the cursor on the posting `keep` when it is still there."""
        self.source = source
        self._rows.clear()
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(source) * ROW_HEIGHT)
        target = 0
        if keep is not None:
            for i in range(min(len(source), 500)):  # cheap: only near the top is likely
                if self.row(i).key == keep:
                    target = i
                    break
        self.cursor = target
        self.scroll_to(y=max(0, target * ROW_HEIGHT - self.size.height // 3), animate=False)
        self.refresh()

    def row(self, i: int) -> Row:
        cached = self._rows.get(i)
        if cached is None:
            if len(self._rows) > 2000:
                self._rows.clear()
            cached = self._rows[i] = self.source.row(i)
        return cached

    @property
    def current(self) -> Row | None:
        if 0 <= self.cursor < len(self.source):
            return self.row(self.cursor)
        return None

    def refresh_rows(self) -> None:
        """Redraw after a change to marks (bookmarks) without moving."""
        self._rows.clear()
        self._lines.clear()
        self.refresh()

    # --- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = self.scroll_offset.y
        line = scroll_y + y
        index, part = divmod(line, ROW_HEIGHT)
        width = self.scrollable_content_region.width
        if index >= len(self.source):
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (index, part, width, selected)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 4000:
                self._lines.clear()
            strip = self._lines[key] = self._draw(self.row(index), part, width, selected)
        return strip

    def _draw(self, row: Row, part: int, width: int, selected: bool) -> Strip:
        dim = self.get_component_rich_style("results-list--dim", partial=True)
        match = self.get_component_rich_style("results-list--match", partial=True)
        mark_style = self.get_component_rich_style("results-list--mark", partial=True)
        if part == 0:
            left = Text(no_wrap=True, end="")
            left.append("★ " if row.status else "  ", style=mark_style)
            title = Text(row.title, no_wrap=True, end="")
            for a, b in row.title_spans:
                title.stylize(match, a, b)
            if row.missing:
                title.append("  (file missing)", style=dim + Style(italic=True))
            left.append_text(title)
            right = Text(row.age, style=dim)
        else:
            left = Text("  ", no_wrap=True, end="")
            company = Text(row.company or "—", style=dim)
            for a, b in row.company_spans:
                company.stylize(match, a, b)
            left.append_text(company)
            if row.location:
                left.append(" · " + row.location, style=dim)
            right = Text(no_wrap=True, end="")
            if row.status:
                right.append(row.status, style=mark_style)
                if row.follow_up:
                    right.append(f" ↻{row.follow_up[5:]}", style=mark_style)
                right.append("  ")
            if row.remote is not None:
                remote_style = self.get_component_rich_style("results-list--remote", partial=True)
                right.append(REMOTE_MARK[row.remote], style=remote_style if row.remote else dim)
            if row.salary:
                right.append(("  " if row.remote is not None else "") + row.salary)
        right_width = min(right.cell_len, max(0, width - 12))
        left.truncate(max(0, width - right_width - 1), overflow="ellipsis", pad=True)
        right.truncate(right_width, overflow="ellipsis")
        left.append(" ")
        left.append_text(right)
        segments = list(left.render(self.app.console))
        base = self.rich_style
        if selected:
            base = base + self.get_component_rich_style("results-list--cursor")
        strip = Strip(segments).adjust_cell_length(width).apply_style(base)
        return strip.simplify()

    # --- moving -------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        count = len(self.source)
        if count and not 0 <= new < count:
            self.cursor = max(0, min(new, count - 1))
            return
        self.refresh()
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self.current))

    def _scroll_cursor_into_view(self) -> None:
        if not len(self.source):
            return
        region = Region(0, self.cursor * ROW_HEIGHT, self.size.width, ROW_HEIGHT)
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _move(self, delta: int) -> None:
        if len(self.source):
            self.cursor = max(0, min(len(self.source) - 1, self.cursor + delta))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self._move(-len(self.source))

    def action_last(self) -> None:
        self._move(len(self.source))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)

    def action_page_down_rows(self) -> None:
        self._move(self._page())

    def action_page_up_rows(self) -> None:
        self._move(-self._page())

    def action_open_detail(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen())

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        index = line // ROW_HEIGHT
        if 0 <= index < len(self.source):
            if index == self.cursor and event.chain >= 2:
                self.post_message(self.Chosen())
            self.cursor = index

    def on_resize(self) -> None:
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(self.source) * ROW_HEIGHT)
