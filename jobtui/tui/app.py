"""The Textual app: search bar, results list, detail pane, shortlist, all from the keyboard.

The app only calls the core: a worker loads files into records, the records go into the search
index, and keystrokes search the index in memory.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from jobtui import __version__
from jobtui.postings.loader import LoadError, LoadResult, bundled_seeds, iter_files, iter_load
from jobtui.postings.model import Posting
from jobtui.search.engine import SearchIndex, SearchResult
from jobtui.search.index import load_numpy
from jobtui.shortlist.store import Bookmark, BookmarkError, BookmarkStore
from jobtui.tui.palette import ActionsProvider
from jobtui.tui.rows import ResultRows, RowSource, ShortlistRows
from jobtui.tui.shortlist_actions import ShortlistActions
from jobtui.tui.widgets.detail import DEBOUNCE, TYPING_DEBOUNCE, DetailView
from jobtui.tui.widgets.results import ResultsList
from jobtui.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from jobtui.search.bulk import Tokenized

SORTS = ("relevance", "newest", "salary", "company")
SHORTLIST_SORTS = ("status", "saved", "follow-up")
NARROW = 100
"""Below this many columns the panes take turns instead of sharing the width."""
SYNC_LOAD_LIMIT = 32
"""Up to this many files load before the first frame; more load in a worker with progress."""
FLUSH_SECONDS = 0.25
"""While loading, new postings reach the index at most this often."""


class CountLine(Widget):
    """`37 / 9,365 · sort: relevance`; a repaint, never a re-layout, on each keystroke."""

    text: reactive[Text] = reactive(Text, layout=False)
    """What the line says."""

    def render(self) -> Text:
        return self.text


class JobApp(ShortlistActions, App[int]):
    """Browse, search and shortlist job postings."""

    TITLE = "jobtui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    BINDINGS = [
        Binding("slash", "focus_search", "Search", show=True),
        Binding("question_mark", "help", "Help", show=True),
        Binding("q", "quit", "Quit", show=True),
        Binding("b", "bookmark", "Bookmark", show=True),
        Binding("a", "status", "Status", show=True),
        Binding("n", "note", "Note", show=False),
        Binding("f", "follow_up", "Follow-up date", show=False),
        Binding("B", "shortlist", "Shortlist", show=True),
        Binding("e", "export", "Export", show=False),
        Binding("s", "cycle_sort", "Sort", show=True),
        Binding("o", "open_link", "Open link", show=False),
        Binding("y", "copy_link", "Copy link", show=False),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        paths: list[Path],
        config_dir: Path | None = None,
        today: date | None = None,
        use_cache: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.use_cache = use_cache
        self.today = today or date.today()
        self.index = SearchIndex()
        self.store: BookmarkStore | None = None
        self.store_error: str | None = None
        try:
            self.store = BookmarkStore(config_dir)
        except BookmarkError as exc:
            self.store_error = str(exc)
        self.query_text = ""
        self.sort_mode = "relevance"
        self.shortlist_sort = "status"
        self.shortlist_mode = False
        self.result: SearchResult | None = None
        self.loading = True
        self.load_result = LoadResult()
        self._pending: list[Posting] = []
        self._pending_bodies: list[Tokenized] = []
        """The pending postings' bodies, tokenised in the loading thread."""
        self._last_flush = 0.0
        self._files_total = 0
        self._files_done = 0
        self._missing: set[str] = set()
        self._progress: Any = None

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("/", id="prompt")
            yield SearchBar(
                placeholder="search: python remote:yes salary:>=100k -php   (? help)",
                id="search",
                select_on_focus=False,
            )
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                with Horizontal(id="status-line"):
                    yield CountLine(id="count")
                yield ResultsList(id="results")
            yield DetailView(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"jobtui {__version__}"
        self._apply_width(self.size.width)
        self.query_one("#search", Input).focus()
        if self.store and self.store.recovered:
            self.notify(self.store.recovered, severity="warning", timeout=20)
        if self.store_error:
            self.notify(f"Bookmarks unavailable: {self.store_error}", severity="error", timeout=20)
        self.refresh_results()
        try:
            files = list(islice(iter_files(self.paths), SYNC_LOAD_LIMIT + 1))
        except LoadError as exc:
            self.notify(str(exc), severity="error")
            files = []
        if len(files) <= SYNC_LOAD_LIMIT:
            # A handful of files (the seeds): load them now so the first frame shows them.
            self._load_now()
        else:
            self.load_files()

    def _chunks(self, batch: int) -> Iterator[LoadResult]:
        """The load, in batches, through the load cache unless it is switched off."""
        from jobtui.postings.cache import LoadCache

        cache = LoadCache(self.paths) if self.use_cache else None
        return iter_load(self.paths, batch=batch, cache=cache)

    def _load_now(self) -> None:
        try:
            for chunk in self._chunks(batch=SYNC_LOAD_LIMIT + 1):
                self._add_chunk(chunk)
        except Exception as exc:  # a folder vanished meanwhile: say so, keep what loaded
            self.notify(f"Loading stopped: {exc}", severity="error")
        self._finish_loading()
        self.set_timer(0.3, self._warm)  # after the first frame is on screen

    @work(thread=True, group="warm")
    def _warm(self) -> None:
        """Import numpy off the UI thread, then build the word index, before the first key."""
        load_numpy()
        self._to_ui(self.index.warm)

    def on_resize(self, event) -> None:  # type: ignore[no-untyped-def]
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.screen.set_class(width < NARROW, "narrow")

    # --- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_files(self) -> None:
        """Walk and load in a thread; batches reach the UI as they are ready."""
        worker = get_current_worker()
        # Loading makes millions of lasting objects (the load cache alone, at 100,000 files): a
        # full collection of them holds the interpreter for 100-400 ms, and the UI with it.
        # Collection resumes in `_finish_loading`, once they are frozen.
        gc.disable()
        try:
            load_numpy()  # here, off the UI thread, rather than on the first keystroke
            from jobtui.search.bulk import Stream

            # Bodies are tokenised here too, so that adding them to the index on the UI
            # thread is a short step, not a wait.
            stream = Stream()
            total = sum(1 for _ in iter_files(self.paths))
            self._to_ui(self._set_total, total)
            for chunk in self._chunks(batch=100):
                if worker.is_cancelled:
                    gc.enable()
                    return
                bodies = stream.tokenize([p.body for p in chunk.postings])
                self._to_ui(self._add_chunk, chunk, bodies)
        except Exception as exc:  # a folder vanished mid-walk: say so, keep what loaded
            self._to_ui(self.notify, f"Loading stopped: {exc}", severity="error")
        self._to_ui(self._finish_loading)

    def _to_ui(self, callback, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        """Run on the UI thread; quietly nothing when the app is already closing."""
        if not self.is_running or get_current_worker().is_cancelled:
            return
        with contextlib.suppress(RuntimeError):  # the loop closed between check and call
            self.call_from_thread(callback, *args, **kwargs)

    def _set_total(self, total: int) -> None:
        self._files_total = total
        # Only a folder big enough to load in the background gets a progress bar.
        from textual.widgets import ProgressBar

        bar = ProgressBar(id="progress", show_eta=False, show_percentage=True, total=max(total, 1))
        self.query_one("#status-line").mount(bar)
        self._progress = bar
        self._update_count()  # the bar now says how far the load is

    def _add_chunk(self, chunk: LoadResult, bodies: Tokenized | None = None) -> None:
        self.load_result.extend(chunk)
        self._pending.extend(chunk.postings)
        if bodies is not None:
            self._pending_bodies.append(bodies)
        self._files_done += len(chunk.postings) + len(chunk.problems)
        if self._progress is not None:
            self._progress.update(progress=self._files_done)
        now = time.monotonic()
        if now - self._last_flush >= FLUSH_SECONDS or len(self.index) == 0:
            self._flush()
            # The next batch gathers for a while, however long this flush took.
            self._last_flush = time.monotonic()
        else:
            self._update_count()

    def _flush(self, refresh: bool = True) -> None:
        if self._pending:
            self.index.add(self._pending, bodies=self._pending_bodies or None)
            self._pending, self._pending_bodies = [], []
            # Postings live as long as the app: keep the cyclic collector from walking them
            # again and again, which otherwise stalls a keystroke for 100+ ms at 100,000.
            gc.freeze()
            if refresh:
                self.refresh_results(keep=self._browsing())

    def _browsing(self) -> bool:
        """Someone browsing keeps their posting selected as more arrive; otherwise the newest
        stay on top."""
        return self.focused is not self.query_one("#search", Input)

    def _finish_loading(self) -> None:
        self._flush(refresh=False)  # one refresh below, after bookmarks are reconciled
        gc.freeze()
        gc.enable()
        self.loading = False
        if self._progress is not None:
            self._progress.remove()
            self._progress = None
        if self.store is not None:
            try:
                self._missing = self.store.reconcile(self.index.postings)
            except (BookmarkError, OSError) as exc:
                self.notify(f"Could not update bookmarks: {exc}", severity="error")
        self.refresh_results(keep=self._browsing())
        problems = self.load_result.problems
        if problems:
            reasons = sorted({p.kind for p in problems})
            self.notify(
                f"{len(problems)} file(s) skipped ({', '.join(reasons)}). "
                "Run `jobtui check` for the list.",
                severity="warning",
                timeout=10,
            )
        if not self.index.postings and not problems:
            self.notify("No postings found in the given paths.", severity="warning")

    # --- searching ----------------------------------------------------------------------------

    @property
    def marks(self) -> Mapping[str, Bookmark]:
        """Bookmarks by posting id (a view: no copy, no sort, on every keystroke)."""
        return self.store.by_id() if self.store is not None else {}

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refresh_results()

    @on(Input.Submitted, "#search")
    def _query_submitted(self) -> None:
        self.action_focus_list()

    def refresh_results(self, keep: bool = False) -> None:
        """Run the query and show the rows; `keep` holds the cursor on the same posting."""
        results = self.query_one(ResultsList)
        current = results.current.key if keep and results.current else None
        marks = self.marks
        result = self.index.run(self.query_text, {k: b.status for k, b in marks.items()})
        result = self.index.sort(result, self.sort_mode)
        self.result = result
        source: RowSource
        if self.shortlist_mode:
            source = self._shortlist_rows(result, marks)
        else:
            source = ResultRows(result, marks, self.today)
        results.set_source(source, keep=current)
        self._update_count()
        if not len(source):
            self.query_one(DetailView).show(None, (), None, immediate=True)

    def _shortlist_rows(self, result: SearchResult, marks: Mapping[str, Bookmark]) -> ShortlistRows:
        # Look the bookmarks up in the index and the result, rather than walking every posting.
        matching = result.containing(marks.keys())
        postings = {k: p for k in marks if (p := self.index.get(k)) is not None}
        query = self.query_text.strip().lower()
        items = [
            b
            for b in marks.values()
            if b.id in matching
            or (b.id not in postings and (not query or query in b.title.lower()))
        ]
        order = {
            s: i
            for i, s in enumerate(
                ("interviewing", "offer", "applied", "saved", "rejected", "withdrawn")
            )
        }
        if self.shortlist_sort == "status":
            items.sort(key=lambda b: (order.get(b.status, 9), b.saved_at), reverse=False)
        elif self.shortlist_sort == "saved":
            items.sort(key=lambda b: b.saved_at, reverse=True)
        else:
            items.sort(key=lambda b: (b.follow_up is None, b.follow_up or ""))
        return ShortlistRows(items, postings, marks, frozenset(result.terms), self.today)

    def _update_count(self) -> None:
        results = self.query_one(ResultsList)
        total = len(self.index) + len(self._pending)
        text = Text()
        if self.shortlist_mode:
            text.append("★ shortlist ", style="bold")
            text.append(f"{len(results.source):,}", style="bold")
            text.append(f" · sort: {self.shortlist_sort}", style="dim")
        else:
            text.append(f"{len(results.source):,}", style="bold")
            text.append(f" / {total:,}")
            text.append(f" · sort: {self.sort_mode}", style="dim")
        if self.loading and self._progress is None:  # a big folder's bar says it instead
            text.append(f" · loading {self._files_done:,}/{self._files_total:,}", style="italic")
        errors = self.result.errors if self.result else []
        if errors:
            text.append(f"  ⚠ {errors[0]}", style="bold red")
        self.query_one(CountLine).text = text

    # --- list and detail ----------------------------------------------------------------------

    @on(ResultsList.Highlighted)
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        row = event.row
        bookmark = self.marks.get(row.key) if row else None
        terms = self.result.terms if self.result else ()
        typing = self.focused is self.query_one("#search", Input)
        self.query_one(DetailView).show(
            row, terms, bookmark, delay=TYPING_DEBOUNCE if typing else DEBOUNCE
        )

    @on(ResultsList.Chosen)
    def _chosen(self) -> None:
        self.action_focus_detail()

    def action_focus_search(self) -> None:
        self.screen.remove_class("show-detail")
        self.query_one("#search", Input).focus()

    def action_focus_list(self) -> None:
        self.screen.remove_class("show-detail")
        self.query_one(ResultsList).focus()

    def action_focus_detail(self) -> None:
        detail = self.query_one(DetailView)
        row = self.query_one(ResultsList).current
        if row is None:
            return
        if detail.shown_key != row.key:
            detail.show(
                row,
                self.result.terms if self.result else (),
                self.marks.get(row.key),
                immediate=True,
            )
        self.screen.add_class("show-detail")
        detail.focus()

    def _current_posting(self) -> Posting | None:
        row = self.query_one(ResultsList).current
        return row.posting if row else None

    def _current_key(self) -> tuple[str, str] | None:
        row = self.query_one(ResultsList).current
        return (row.key, row.title) if row else None

    def action_open_link(self) -> None:
        url = self._current_url()
        if not url:
            self.notify("This posting has no link.", severity="warning")
        elif not url.lower().startswith(("http://", "https://", "mailto:")):
            self.notify("Only http(s) and mailto links are opened.", severity="warning")
        else:
            self.open_url(url)
            self.notify(f"Opening {url}", timeout=3)

    def action_copy_link(self) -> None:
        url = self._current_url()
        if not url:
            self.notify("This posting has no link.", severity="warning")
            return
        self.copy_to_clipboard(url)
        self.notify(f"Copied {url}", timeout=3)

    def _current_url(self) -> str | None:
        posting = self._current_posting()
        if posting is not None:
            return posting.url
        key = self._current_key()
        bookmark = self.marks.get(key[0]) if key else None
        return bookmark.url if bookmark else None

    def action_cycle_sort(self) -> None:
        if self.shortlist_mode:
            i = SHORTLIST_SORTS.index(self.shortlist_sort)
            self.shortlist_sort = SHORTLIST_SORTS[(i + 1) % len(SHORTLIST_SORTS)]
        else:
            self.sort_mode = SORTS[(SORTS.index(self.sort_mode) + 1) % len(SORTS)]
        self.refresh_results()  # a new order starts at its top
        self.notify(
            f"Sorted by {self.shortlist_sort if self.shortlist_mode else self.sort_mode}", timeout=2
        )

    # --- help and palette ---------------------------------------------------------------------

    def _sections(self) -> list[tuple[str, Callable[[], Any], list[Binding]]]:
        """Bindings as declared, grouped by where they work, with what runs their actions."""

        def bindings(cls: type) -> list[Binding]:
            return [b for b in cls.BINDINGS if isinstance(b, Binding) and b.key != "ctrl+c"]

        search = [Binding("enter,tab", "focus_list", "Go to the results"), *bindings(SearchBar)]
        return [
            ("Anywhere (outside the search bar)", lambda: self, bindings(JobApp)),
            ("Search bar", lambda: self.query_one(SearchBar), search),
            ("Results list", lambda: self.query_one(ResultsList), bindings(ResultsList)),
            ("Detail pane", self.shown_detail, bindings(DetailView)),
        ]

    def shown_detail(self) -> DetailView:
        """The detail pane, brought on screen first where the panes take turns."""
        if self.screen.has_class("narrow") and not self.screen.has_class("show-detail"):
            self.action_focus_detail()
        return self.query_one(DetailView)

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        return [(title, bindings) for title, _target, bindings in self._sections()]

    def palette_actions(self) -> list[tuple[str, str, str]]:
        """(description, action, key) of every bound action, once each."""
        items: dict[str, tuple[str, str, str]] = {}
        for _title, _target, bindings in self._sections():
            for b in bindings:
                items.setdefault(b.action, (b.description, b.action, b.key.split(",")[0]))
        return list(items.values())

    def run_bound_action(self, action: str) -> Any:
        """Run a bound action on the widget it belongs to, from wherever the focus is."""
        for _title, target, bindings in self._sections():
            if any(b.action == action for b in bindings):
                widget = target()
                if widget is not self and hasattr(widget, f"action_{action}"):
                    return getattr(widget, f"action_{action}")()
                return self.run_action(action)
        return self.run_action(action)

    def action_help(self) -> None:
        from jobtui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_sections()))


def make_app(
    paths: list[str] | None = None, config_dir: Path | None = None, today: date | None = None
) -> JobApp:
    """The one factory the CLI and the tests use."""
    resolved = [Path(p) for p in paths] if paths else [bundled_seeds()]
    return JobApp(resolved, config_dir=config_dir, today=today)
