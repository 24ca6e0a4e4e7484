"""The results list: renders only the visible rows, so 100,000 matches cost the same as 10."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from jobtui.postings.model import remote_label
from jobtui.tui.rows import Row, RowSource

ROW_HEIGHT = 2
"""Each posting takes two lines: title and age, then company, location, remote and salary."""


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
        Binding("space,ctrl+d", "detail_page_down", "Page the posting down", show=False),
        Binding("ctrl+u", "detail_page_up", "Page the posting up", show=False),
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
    ResultsList > .results-list--cursor { background: $primary 30%; }
    ResultsList:focus > .results-list--cursor { background: $primary 55%; }
    ResultsList > .results-list--dim { color: $text-muted; }
    ResultsList > .results-list--match { text-style: bold underline; color: $warning; }
    ResultsList > .results-list--mark { color: $warning; text-style: bold; }
    ResultsList > .results-list--remote { color: $success; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    """Index of the selected row."""
    empty_text: reactive[str] = reactive("", layout=False)
    """What an empty list says (where no detail pane beside it says why it is empty)."""

    class Highlighted(Message):
        """The selected row changed."""

        def __init__(self, row: Row | None) -> None:
            super().__init__()
            self.row = row

    class Chosen(Message):
        """The person asked to read the selected row."""

    class PageDetail(Message):
        """The person asked to page the posting shown beside the list."""

        def __init__(self, down: bool) -> None:
            super().__init__()
            self.down = down
            """Down a page (True) or up."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: RowSource = RowSource()
        self._rows: dict[int, Row] = {}
        self._lines: dict[tuple[int, int, int, bool], Strip] = {}
        self._style_cache: dict[str, Style] | None = None

    # --- data ---------------------------------------------------------------------------------

    def set_source(self, source: RowSource, keep: str | None = None) -> None:
        """Show new rows; keep the cursor on the posting `keep` when it is still there, else
        at the same place (the row after a posting hidden or blocked)."""
        before = self.cursor
        self.source = source
        self._rows.clear()
        self._lines.clear()
        self.virtual_size = Size(self.size.width, len(source) * ROW_HEIGHT)
        target = source.find(keep) if keep is not None else 0
        if target is None:
            target = max(0, min(before, len(source) - 1))
        self.cursor = target
        self.refresh()
        # The new virtual size takes effect on the next layout; scroll once it has.
        self.call_after_refresh(self._scroll_cursor_into_view)

    def row(self, i: int) -> Row:
        cached = self._rows.get(i)
        if cached is None:
            if len(self._rows) > 2000:
                self._rows.clear()
            cached = self._rows[i] = self.source.row(i)
        return cached

    def redraw_rows(self) -> None:
        """Build and draw the rows again (what they show changed, not which they are)."""
        self._rows.clear()
        self._lines.clear()
        self.refresh()

    @property
    def current(self) -> Row | None:
        if 0 <= self.cursor < len(self.source):
            return self.row(self.cursor)
        return None

    # --- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = self.scroll_offset.y
        line = scroll_y + y
        index, part = divmod(line, ROW_HEIGHT)
        width = self.scrollable_content_region.width
        if index >= len(self.source):
            if line == 1 and not len(self.source) and self.empty_text:
                text = Text(f" {self.empty_text}", style=self._styles()["dim"], no_wrap=True)
                text.truncate(width, overflow="ellipsis", pad=True)
                return Strip(text.render(self.app.console), width).apply_style(self.rich_style)
            return Strip.blank(width, self.rich_style)
        selected = index == self.cursor
        key = (index, part, width, selected)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 4000:
                self._lines.clear()
            strip = self._lines[key] = self._draw(self.row(index), part, width, selected)
        return strip

    def _styles(self) -> dict[str, Style]:
        """Component styles, looked up once per theme or size change rather than per line."""
        if self._style_cache is None:
            get = self.get_component_rich_style

            def foreground(name: str) -> Style:
                # Resolved against the background (so translucent theme colours like
                # $text-muted blend correctly), then stripped of it so the cursor shows through.
                full = get(f"results-list--{name}")
                return Style(
                    color=full.color, bold=full.bold, italic=full.italic, underline=full.underline
                )

            self._style_cache = {
                name: foreground(name) for name in ("dim", "match", "mark", "remote")
            }
            self._style_cache["base"] = self.rich_style
            self._style_cache["selected"] = self.rich_style + get("results-list--cursor")
        return self._style_cache

    def _draw(self, row: Row, part: int, width: int, selected: bool) -> Strip:
        st = self._styles()
        dim = st["dim"]
        # What the line shows after its text (`tail`) and at its right edge (`right`), each
        # piece in the forms it can take, longest first (an empty form leaves it out), and the
        # order in which they give way when the line is narrow: a piece is shortened or left
        # out whole, never cut, so no figure reads wrong (`CAD 110k–130` for 110k–130k).
        tail: dict[str, list[list[Segment]]] = {}
        right: dict[str, list[list[Segment]]] = {}
        if part == 0:
            head = [Segment("★ " if row.status else "  ", st["mark"])]
            # Seen postings are quieter than the new ones.
            head += _spans(row.title, row.title_spans, dim if row.seen else None, st["match"])
            if row.copies > 1:
                tail["copies"] = [[Segment(f"  ×{row.copies}", st["mark"])], []]
            if row.absent:
                tail["absent"] = [[Segment(f"  ({row.absent})", dim + Style(italic=True))], []]
            if row.age:
                right["age"] = [[Segment(row.age, dim)], []]
            steps = [("copies", 1), ("absent", 1), ("age", 1)]
        else:
            head = [Segment("  ")]
            head += _spans(row.company or "—", row.company_spans, dim, st["match"])
            if row.location:
                head.append(Segment(" · " + row.location, dim))
            if row.status:
                right["status"] = [[Segment(row.status, st["mark"])], []]
                if row.follow_up:
                    right["follow"] = [[Segment(f" ↻{row.follow_up[5:]}", st["mark"])], []]
            if row.remote is not None or row.hybrid:
                label = remote_label(row.remote, row.hybrid) + ("?" if row.remote_guessed else "")
                style = st["remote"] if row.remote or row.hybrid else dim
                right["remote"] = [[Segment(label, style)], []]
            if row.salary:
                tight = row.salary_tight or row.salary
                right["salary"] = [[Segment(row.salary)], [Segment(tight)], []]
            steps = [("salary", 1), ("remote", 1), ("follow", 1), ("salary", 2), ("status", 1)]
        form = dict.fromkeys([*tail, *right], 0)

        def pick(pieces: dict[str, list[list[Segment]]], name: str) -> list[Segment]:
            return pieces[name][form[name]] if name in pieces else []

        def after_text() -> list[Segment]:
            return pick(tail, "copies") + pick(tail, "absent")

        def at_edge() -> list[Segment]:
            if part == 0:
                return pick(right, "age")
            status = pick(right, "status") + pick(right, "follow")
            remote, salary = pick(right, "remote"), pick(right, "salary")
            between = [Segment("  ")] if remote and salary else []
            after_status = [Segment("  ", st["mark"])] if status else []
            return status + after_status + remote + between + salary

        head_width = sum(cell_len(seg.text) for seg in head)
        # The text keeps a third of the line (enough to tell one company from another).
        keep = min(head_width, max(12, width // 3))
        after, edge = after_text(), at_edge()
        for name, step in steps:
            if keep + sum(cell_len(seg.text) for seg in (*after, *edge)) < width:
                break
            if name in form and form[name] < step:
                form[name] = step
                after, edge = after_text(), at_edge()
        after_width = sum(cell_len(seg.text) for seg in after)
        edge_width = sum(cell_len(seg.text) for seg in edge)
        room = max(0, width - edge_width - after_width - 1)
        if head_width > room:
            head = [*Strip(head).crop(0, max(0, room - 1)), Segment("…")] if room else []
            head_width = room
        spaces = max(0, width - head_width - after_width - edge_width)
        # One Strip per line, built from plain segments: this runs for every visible line
        # whenever the results change, so it avoids Rich Text and intermediate Strips.
        base = st["selected"] if selected else st["base"]
        segments = [
            Segment(seg.text, base + seg.style if seg.style else base) for seg in (*head, *after)
        ]
        segments.append(Segment(" " * spaces, base))
        segments += [Segment(seg.text, base + seg.style if seg.style else base) for seg in edge]
        return Strip(segments, width).crop(0, width)

    # --- moving -------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        count = len(self.source)
        if count and not 0 <= new < count:
            self.cursor = max(0, min(new, count - 1))
            return
        before = self.scroll_offset.y
        self._scroll_cursor_into_view()
        if self.scroll_offset.y == before:  # only the two rows that changed are redrawn
            width = self.size.width
            for index in {old, new}:
                self.refresh(Region(0, index * ROW_HEIGHT - before, width, ROW_HEIGHT))
        self.post_message(self.Highlighted(self.current))

    def _scroll_cursor_into_view(self) -> None:
        """Scroll just enough to show the cursor, keeping whole rows at the top edge."""
        if not len(self.source):
            return
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        y = self.cursor * ROW_HEIGHT
        if y < top:
            target = y
        elif y + ROW_HEIGHT > top + height:
            target = y + ROW_HEIGHT - height
            target += target % ROW_HEIGHT
        else:
            return
        self.scroll_to(y=target, animate=False, force=True, immediate=True)

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

    def action_detail_page_down(self) -> None:
        self.post_message(self.PageDetail(down=True))

    def action_detail_page_up(self) -> None:
        self.post_message(self.PageDetail(down=False))

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        index = line // ROW_HEIGHT
        if 0 <= index < len(self.source):
            if index == self.cursor and event.chain >= 2:
                self.post_message(self.Chosen())
            self.cursor = index

    def notify_style_update(self) -> None:
        """A theme or CSS change: drop cached styles and drawn lines."""
        super().notify_style_update()
        self._style_cache = None
        self._lines.clear()

    def on_resize(self) -> None:
        self._lines.clear()
        self._style_cache = None
        self.virtual_size = Size(self.size.width, len(self.source) * ROW_HEIGHT)


def _spans(
    text: str, spans: tuple[tuple[int, int], ...], base: Style | None, match: Style
) -> list[Segment]:
    """Segments of text with the matched ranges styled."""
    if not spans:
        return [Segment(text, base)]
    out, pos = [], 0
    for a, b in spans:
        if a > pos:
            out.append(Segment(text[pos:a], base))
        out.append(Segment(text[a:b], (base + match) if base else match))
        pos = max(pos, b)
    if pos < len(text):
        out.append(Segment(text[pos:], base))
    return out
