"""The main screen: search bar, results list, detail pane, and every key that acts on them.

It shows what the app has loaded into the search index: the query, the sort and the shortlist
view are reactive state, and a change to any of them runs the query again. The shortlist keys
(bookmark, status, note, follow-up, export) act on the store the app opened.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from jobtui.postings.text import counted
from jobtui.search.engine import SearchIndex, SearchResult
from jobtui.shortlist import view
from jobtui.shortlist.saved import SavedError, SavedSearches
from jobtui.shortlist.store import BEFORE_INTERVIEWS, Bookmark, BookmarkError, BookmarkStore
from jobtui.shortlist.triage import BLOCK_FIELDS, Blocklist, TriageError, TriageStore
from jobtui.shortlist.undo import UndoLog
from jobtui.tui.palette import ActionsProvider
from jobtui.tui.rows import ResultRows, Row, RowSource, ShortlistRows
from jobtui.tui.widgets.count_line import CountLine
from jobtui.tui.widgets.detail import DEBOUNCE, NO_POSTINGS, TYPING_DEBOUNCE, DetailView
from jobtui.tui.widgets.results import ResultsList
from jobtui.tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from jobtui.postings.duplicates import Groups

SORTS = ("relevance", "newest", "salary", "company")
"""The main list's orders, in the order `s` cycles through them."""
SEEN_AFTER = 1.0
"""Seconds a posting's detail stays on screen before it counts as seen (a tick of them)."""
PALETTE_SKIP = frozenset({"app.quit", "leave_search", "clear_or_leave"})
"""Bound actions the command palette leaves out (see `MainScreen.palette_actions`)."""
NARROW = 100
"""Below this many columns the panes take turns instead of sharing the width."""


def _has_browser() -> bool:
    """Whether Python's `webbrowser` can start a browser here (not over plain SSH)."""
    import webbrowser

    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


class MainScreen(Screen[None]):
    """Browse, search and shortlist the postings in the index."""

    COMMANDS = {ActionsProvider}
    BINDINGS = [
        # Moving between the search bar and the list runs as the key is dispatched (priority
        # bindings), before the next key is handed to a widget: keys typed right after `/`
        # go into the query, keys typed right after enter act on the list.
        Binding("enter,tab,down", "leave_search", "Results", priority=True, key_display="↓"),
        Binding("slash", "focus_search", "Search", show=True, priority=True),
        Binding("question_mark", "help", "Help", show=True),
        Binding(
            "q", "app.quit", "Quit", show=False
        ),  # the footer shows ctrl+c, which works anywhere
        Binding("b", "bookmark", "Bookmark", show=True),
        Binding("a", "status", "Status", show=True),
        Binding("n", "note", "Note", show=False),
        Binding("f", "follow_up", "Follow-up date", show=False),
        Binding("i", "interview", "Add an interview", show=False),
        Binding("B", "shortlist", "Shortlist", show=True),
        Binding("e", "export", "Export", show=False),
        Binding("u", "undo", "Undo a shortlist change", show=False),
        Binding("x", "hide", "Hide / show again (not interested)", show=False),
        Binding("m", "toggle_seen", "Mark seen / new", show=False),
        Binding("M", "all_seen", "Mark everything listed seen", show=False),
        Binding("X", "block_company", "Block the company", show=False),
        Binding("w", "save_search", "Save this search", show=False),
        Binding("W", "saved_searches", "Saved searches", show=False),
        Binding("A", "agenda", "Agenda: follow-ups and interviews", show=False),
        Binding("S", "stats", "Statistics of your applications", show=False),
        Binding("s", "cycle_sort", "Sort", show=True),
        Binding("o", "open_link", "Open link", show=False),
        Binding("y", "copy_link", "Copy link", show=False),
    ]

    query_text: reactive[str] = reactive("", init=False)
    """The search bar's text."""
    sort: reactive[str] = reactive("relevance", init=False)
    """The main list's order, one of SORTS."""
    shortlist_mode: reactive[bool] = reactive(False, init=False)
    """Whether the list shows the shortlist instead of every posting."""
    shortlist_sort: reactive[str] = reactive("status", init=False)
    """The shortlist's order, one of `shortlist.view.SORTS`."""
    loading: reactive[bool] = reactive(True, init=False)
    """Whether the app is still loading postings."""

    def __init__(
        self,
        index: SearchIndex,
        store: BookmarkStore | None,
        store_error: str | None,
        today: date,
        debounce: float = DEBOUNCE,
        typing_debounce: float = TYPING_DEBOUNCE,
        on_ready: Callable[[], None] | None = None,
        triage: TriageStore | None = None,
        blocklist: Blocklist | None = None,
        seen_after: float | None = None,
        saved: SavedSearches | None = None,
    ) -> None:
        """`on_ready` runs once the screen can show postings, before its first frame: the
        app loads a few files there, so the first frame already lists them."""
        super().__init__()
        self._on_ready = on_ready
        self.index = index
        self.store = store
        self.store_error = store_error
        self.today = today
        self._debounce = (debounce, typing_debounce)
        self.result: SearchResult | None = None
        self.undo_log = UndoLog(store) if store is not None else None
        self.absent: dict[str, str] = {}
        """Why bookmarked postings that were not loaded are not (see `view.locate`)."""
        self.drafts: dict[str, str] = {}
        """Notes closed without saving, by posting id: the note dialog reopens with them."""
        self._refresh_wanted = False
        self._keep_next = False
        """The refresh asked for keeps the cursor on its posting (a new sort)."""
        """Whether a refresh was asked for and has not run yet (see `request_refresh`)."""
        self.triage = triage
        self.blocklist = blocklist
        self._seen_after = seen_after
        self.saved = saved
        self.seen_ids: set[str] = set(triage.seen()) if triage is not None else set()
        """Postings the person has looked at, saved or not yet (rows read it as they draw)."""
        self._seen_pending: set[str] = set()
        """Seen since the last save: saved together every few seconds, never on a key."""
        self._shown_before: str | None = None
        self.blocked: frozenset[str] = frozenset()
        """Postings the blocklist leaves out (found in a thread after each load)."""
        self._triage_sets: dict[str, frozenset[str]] = {}
        self._not_new = 0
        """Indexed postings that are seen, hidden or blocked (see `_retriage`)."""
        self._retriage()
        self._files = (0, 0)
        """Files loaded so far, of how many."""
        self._pending = 0
        """Postings loaded but not yet in the index."""
        self._progress: Any = None
        """The progress bar while a big folder loads."""
        self._warned: tuple[str, ...] = ()
        """The query warnings on screen."""

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static("/", id="prompt")
            yield SearchBar(
                placeholder="search: python remote:yes salary:>=100k -php   (↓ list, then ? help)",
                id="search",
                select_on_focus=False,
            )
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                with Horizontal(id="status-line"):
                    yield CountLine(id="count")
                yield Static(id="query-warning")
                yield ResultsList(id="results")
            debounce, typing_debounce = self._debounce
            detail = DetailView(
                id="detail", today=self.today, debounce=debounce, typing_debounce=typing_debounce
            )
            detail.salary = self.index.salary_settings
            yield detail
        yield Footer()

    def on_mount(self) -> None:
        self._apply_width(self.app.size.width)
        self.query_one(SearchBar).focus()
        self.refresh_results()
        if self.triage is not None and self._seen_after is not None:
            self.set_interval(self._seen_after, self._seen_tick)
        if self._on_ready is not None:
            self._on_ready()

    def on_resize(self, event) -> None:  # type: ignore[no-untyped-def]
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < NARROW, "narrow")
        self._say_why_empty()

    # --- what the app tells the screen while it loads -----------------------------------------

    def start_progress(self, total: int) -> None:
        """A big folder: a progress bar says how far the load is."""
        from textual.widgets import ProgressBar  # only a big folder needs one

        self._files = (self._files[0], total)
        self._progress = ProgressBar(
            id="progress", show_eta=False, show_percentage=True, total=max(total, 1)
        )
        self.query_one("#status-line").mount(self._progress)
        self._update_count()

    def loaded(self, files: int, pending: int, indexed: bool) -> None:
        """`files` are read, `pending` postings wait to be indexed; `indexed`: more postings
        reached the index, so the list is run again."""
        self._files = (files, self._files[1])
        self._pending = pending
        if self._progress is not None:
            if self._progress.total is not None and files > self._progress.total:
                # More files than the total said (the last open's count): how many is not
                # known, so the bar shows that it is busy rather than a false 100%.
                self._progress.update(total=None)
            self._progress.update(progress=files)
        if indexed:
            self.refresh_results(keep=self._browsing())
        else:
            self._update_count()

    def current_key(self) -> str | None:
        """The key of the posting the cursor is on, if any."""
        current = self.query_one(ResultsList).current
        return current.key if current is not None else None

    def relocate(self) -> None:
        """Find again why bookmarked postings that are not loaded are not (reads the disk:
        after a load, or when bookmarks changed, never on a keystroke)."""
        if self.store is not None:
            items, ids = self.store.all(), self.index.ids()
            # The postings themselves when one is missing: `locate` reads which files are
            # open from them (a posting gone from a board's file that is open is no
            # posting "of another folder").
            absent = any(b.id not in ids for b in items)
            loaded = {p.id: p for p in self.index.postings} if absent else ids
            self.absent = view.locate(items, loaded)

    def watch_loading(self, loading: bool) -> None:
        if not loading and self._progress is not None:
            self._progress.remove()
            self._progress = None
        self.refresh_results(keep=self._browsing())

    def _browsing(self) -> bool:
        """Someone browsing keeps their posting selected as more arrive; otherwise the newest
        stay on top."""
        return self.focused is not self.query_one(SearchBar)

    # --- searching ----------------------------------------------------------------------------

    @property
    def marks(self) -> Mapping[str, Bookmark]:
        """Bookmarks by posting id (a view: no copy, no sort, on every keystroke)."""
        return self.store.by_id() if self.store is not None else {}

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value

    @on(Input.Submitted, "#search")
    @on(SearchBar.Leave)
    def _leave_search(self) -> None:
        self.action_focus_list()

    def watch_query_text(self) -> None:
        self.request_refresh()

    def watch_sort(self) -> None:
        self._keep_next = True  # the posting being read stays selected, at its new place
        self.request_refresh()

    def watch_shortlist_sort(self) -> None:
        self._keep_next = True
        self.request_refresh()

    def request_refresh(self) -> None:
        """Run the query once the messages already waiting are handled: however fast keys
        come (a paste, a key held down, a flood), the search runs once per batch of them,
        with the latest query, instead of once per key, so the screen never falls behind."""
        if not self._refresh_wanted:
            self._refresh_wanted = True
            self.call_later(self._refresh_if_wanted)

    def _refresh_if_wanted(self) -> None:
        if self._refresh_wanted:
            keep, self._keep_next = self._keep_next, False
            self.refresh_results(keep=keep)

    def watch_shortlist_mode(self, on: bool) -> None:
        self.set_class(on, "shortlist")
        self.refresh_results()
        if on and self.store is not None and not len(self.store):
            self.notify("The shortlist is empty: press b on a posting to bookmark it.")

    def refresh_results(self, keep: bool = False) -> None:
        """Run the query and show the rows; `keep` holds the cursor on the same posting."""
        self._refresh_wanted = False  # a refresh asked for meanwhile is this one
        results = self.query_one(ResultsList)
        current = results.current.key if keep and results.current else None
        marks = self.marks
        statuses = self.store.marks() if self.store is not None else {}
        triage = self._triage_sets
        if self.shortlist_mode:  # an application hidden from browsing stays on the shortlist
            triage = {**triage, "hidden": frozenset(), "blocked": frozenset()}
        result = self.index.run(self.query_text, statuses, today=self.today, triage=triage)
        if not self.shortlist_mode:  # the shortlist has orders of its own
            result = self.index.sort(result, self.sort)
        self.result = result
        source: RowSource
        if self.shortlist_mode:
            items = view.ordered(
                view.matching(self.index, result, marks, self.query_text), self.shortlist_sort
            )
            postings = {b.id: p for b in items if (p := self.index.get(b.id)) is not None}
            terms = frozenset(result.terms)
            source = ShortlistRows(items, postings, marks, terms, self.today, self.absent)
        else:
            source = ResultRows(result, marks, self.today, self.seen_ids, self.index.groups)
        results.set_source(source, keep=current)
        self._update_count()
        if not len(source):
            detail = self.query_one(DetailView)
            detail.placeholder = self._placeholder()
            detail.show(None, (), None, immediate=True)
        self._say_why_empty()

    def _say_why_empty(self) -> None:
        """An empty list says why itself where the detail pane that says it is off screen."""
        results = self.query_one(ResultsList)
        narrow = self.has_class("narrow")
        results.empty_text = self._placeholder() if narrow and not len(results.source) else ""

    def _placeholder(self) -> str:
        if self.shortlist_mode and not self.marks:
            return "The shortlist is empty: B goes back to every posting, b bookmarks one."
        left = self.result.left_out if self.result is not None else {}
        if len(self.index) and left:  # `8 blocked postings match (is:blocked shows them).`
            said = ", ".join(f"{n:,} {what}" for what, n in left.items())
            ask = " or ".join(f"is:{what}" for what in left)
            return f"No posting matches but {said} ({ask} shows them). Press esc to clear."
        if len(self.index):
            return "No posting matches. Press esc to clear the search."
        return "Loading postings…" if self.loading else NO_POSTINGS

    def _update_count(self) -> None:
        """`37 / 9,365 · 12 new · 3 hidden · sort: relevance`: what matters most first, so that
        a narrow pane cuts the sort, never a warning or a count."""
        shown = len(self.query_one(ResultsList).source)
        text = Text()
        waiting = self.loading and not self.shortlist_mode and not len(self.index) + self._pending
        if self.shortlist_mode:
            text.append("★ shortlist ", style="bold")
            text.append(f"{shown:,}", style="bold")
            text.append(f" / {len(self.marks):,}")
        elif waiting:
            text.append("loading", style="italic")  # not `0 / 0` before the first posting
        else:
            text.append(f"{shown:,}", style="bold")
            text.append(f" / {len(self.index) + self._pending:,}")
        if self.loading and not self.shortlist_mode:
            done, total = self._files  # counted here unless a big folder's bar counts them
            if not waiting and self._progress is None:
                text.append(" · loading", style="italic")
            if total and self._progress is None:
                text.append(f" {done:,}/{total:,}", style="italic")
            elif self._progress is None or waiting:
                text.append("…", style="italic")
        if (self.store is not None and self.store.unsaved) or (
            self.triage is not None and self.triage.unsaved
        ):
            text.append(" · ⚠ not saved", style="bold red")
        new = len(self.index) - self._not_new
        if self.triage is not None and not self.shortlist_mode and new > 0:
            text.append(f" · {new:,} new", style="bold")
        left = self.result.left_out if self.result is not None else {}
        if left:
            text.append(" · " + ", ".join(f"{n:,} {what}" for what, n in left.items()), style="dim")
        if not waiting:
            sort = self.shortlist_sort if self.shortlist_mode else self._shown_sort()
            text.append(f" · sort: {sort}", style="dim")
        self.query_one(CountLine).text = text
        errors = tuple(self.result.errors) if self.result is not None else ()
        if errors != self._warned:  # a new layout only when the warning itself changes
            self._warned = errors
            warning = self.query_one("#query-warning", Static)
            warning.update(Text("\n".join(f"⚠ {e}" for e in errors)))
            warning.set_class(bool(errors), "shown")

    def _shown_sort(self) -> str:
        """The main list's order as the person sees it: with nothing to rank by, relevance is
        newest first."""
        return "newest" if self.sort == "relevance" and not self._scored() else self.sort

    def _scored(self) -> bool:
        """Whether the last query ranked its matches (it had words to score)."""
        return self.result is not None and self.result.scores is not None

    # --- list and detail ----------------------------------------------------------------------

    @on(ResultsList.Highlighted)
    def _highlighted(self, event: ResultsList.Highlighted) -> None:
        row = event.row
        bookmark = self._bookmark_of(row)
        terms = self.result.terms if self.result is not None else ()
        typing = self.focused is self.query_one(SearchBar)
        self.query_one(DetailView).show(row, terms, bookmark, typing=typing)

    @on(ResultsList.Chosen)
    def _chosen(self) -> None:
        self.action_focus_detail()

    @on(DetailView.Back)
    def _back(self) -> None:
        self.action_focus_list()

    @on(ResultsList.PageDetail)
    def _page_detail(self, event: ResultsList.PageDetail) -> None:
        detail = self.shown_detail()
        if event.down:
            detail.action_detail_page_down()
        else:
            detail.action_detail_page_up()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.query_one(SearchBar)
        if action == "leave_search":  # only while typing a query
            return typing
        if action == "focus_search":  # `/` is typed into a query (ci/cd), not caught
            return not typing
        return True

    def action_leave_search(self) -> None:
        self.action_focus_list()

    # Focus moves at once (Screen.set_focus), not at the next idle moment as Widget.focus
    # does: the key typed right after `/` or enter must reach the widget it was meant for.

    def action_focus_search(self) -> None:
        self.remove_class("show-detail")
        self.set_focus(self.query_one(SearchBar))

    def action_focus_list(self) -> None:
        self.remove_class("show-detail")
        self.set_focus(self.query_one(ResultsList))

    def action_focus_detail(self) -> None:
        detail = self.query_one(DetailView)
        row = self.query_one(ResultsList).current
        if row is None:
            return
        if detail.shown_key != row.key:
            terms = self.result.terms if self.result is not None else ()
            detail.show(row, terms, self._bookmark_of(row), immediate=True)
        self.add_class("show-detail")
        self.set_focus(detail)

    def shown_detail(self) -> DetailView:
        """The detail pane, brought on screen first where the panes take turns."""
        if self.has_class("narrow") and not self.has_class("show-detail"):
            self.action_focus_detail()
        return self.query_one(DetailView)

    def _bookmark_key(self, key: str) -> str:
        """The posting whose bookmark a row's actions change: its own, or, when a copy of it is
        bookmarked, that copy's (a bookmark belongs to every copy)."""
        if key in self.marks or self.index.groups is None or key not in self.index.groups:
            return key
        return next((o for o in self.index.groups.others(key) if o in self.marks), key)

    def _bookmark_of(self, row: Row | None) -> Bookmark | None:
        return self.marks.get(self._bookmark_key(row.key)) if row is not None else None

    def _copies(self, pid: str) -> list[str]:
        """The posting and its copies (the list shows a group as one row)."""
        groups = self.index.groups
        return list(groups.members(pid)) if groups is not None and pid in groups else [pid]

    def _current_key(self) -> tuple[str, str] | None:
        row = self.query_one(ResultsList).current
        return (self._bookmark_key(row.key), row.title) if row else None

    def _current_url(self) -> str | None:
        row = self.query_one(ResultsList).current
        if row is None:
            return None
        if row.posting is not None:
            return row.posting.url
        bookmark = self.marks.get(row.key)
        return bookmark.url if bookmark else None

    def action_open_link(self) -> None:
        url = self._current_url()
        if not url:
            self.notify("This posting has no link.", severity="warning")
        elif not url.lower().startswith(("http://", "https://", "mailto:")):
            self.notify("Only http(s) and mailto links are opened.", severity="warning")
        elif not self.app.is_web and not _has_browser():
            self.notify(
                f"No web browser found to open {url} (y copies the link).", severity="warning"
            )
        else:
            self.app.open_url(url)
            self.notify(f"Opening {url}", timeout=3)

    def action_copy_link(self) -> None:
        url = self._current_url()
        if not url:
            self.notify("This posting has no link.", severity="warning")
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", timeout=3)

    def action_cycle_sort(self) -> None:
        if self.shortlist_mode:
            i = view.SORTS.index(self.shortlist_sort)
            self.shortlist_sort = view.SORTS[(i + 1) % len(view.SORTS)]
        else:
            following = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
            if following == "relevance" and not self._scored():
                # Nothing to rank by: relevance would be newest again, a step that does nothing.
                following = SORTS[(SORTS.index(following) + 1) % len(SORTS)]
            self.sort = following
        shown = self.shortlist_sort if self.shortlist_mode else self._shown_sort()
        self.notify(f"Sorted by {shown}", timeout=2)

    # --- the shortlist ------------------------------------------------------------------------

    def _store_or_warn(self) -> BookmarkStore | None:
        if self.store is None:
            self.notify(f"Bookmarks unavailable: {self.store_error}", severity="error")
        return self.store

    def _after_bookmark_change(self) -> None:
        self.refresh_results(keep=True)
        row = self.query_one(ResultsList).current
        if row is not None:
            terms = self.result.terms if self.result is not None else ()
            self.query_one(DetailView).show(row, terms, self._bookmark_of(row), immediate=True)

    def _change_bookmark(
        self, what: str, change: Callable[[BookmarkStore, str], Any], done: str, typed: str = ""
    ) -> bool:
        """Apply a change to the selected posting's bookmark, bookmarking it first if needed;
        `u` undoes it (text `typed` into it then comes back as a draft). False when it was
        refused (said why)."""
        store = self._store_or_warn()
        row = self.query_one(ResultsList).current
        if store is None or row is None or self.undo_log is None:
            return False

        key = self._bookmark_key(row.key)

        def apply() -> None:
            if store.get(key) is None and row.posting is not None:
                store.add(row.posting)
            change(store, key)

        try:
            self.undo_log.change(row.key, f"{what.lower()} of {row.title}", apply, typed)
        except (BookmarkError, OSError) as exc:
            self.notify(f"{what} not saved: {exc}", severity="error")
            return False
        if not self.warn_unsaved():
            self.notify(done, timeout=3)
        self._after_bookmark_change()
        return True

    def warn_unsaved(self) -> bool:
        """Say that changes are kept in memory only, when they are; True when it did."""
        if self.store is None or not self.store.unsaved:
            return False
        self.notify(
            f"Not saved yet: {self.store.unsaved}. The change is kept in memory and saved as "
            "soon as the file can be written.",
            severity="warning",
            timeout=10,
        )
        self._update_count()
        return True

    def action_bookmark(self) -> None:
        from jobtui.tui.screens.modals import ConfirmScreen

        key = self._current_key()
        if key is None:
            return
        current = self.marks.get(key[0])
        if current is None:  # _change_bookmark bookmarks it first; nothing more to change
            self._change_bookmark("Bookmark", lambda s, k: None, f"★ Bookmarked: {key[1]}")
            return

        def remove() -> None:  # also how a missing posting leaves the shortlist
            self._change_bookmark(
                "Removal", lambda s, k: s.remove(k), f"Removed bookmark: {key[1]} (u undoes)"
            )

        work = [
            f"status {current.status}" if current.status != "saved" else "",
            f"{len(current.notes)} note{'s' if len(current.notes) != 1 else ''}"
            if current.notes
            else "",
            f"follow-up {current.follow_up}" if current.follow_up else "",
        ]
        kept = ", ".join(w for w in work if w)
        if not kept:
            remove()
            return
        self.app.push_screen(
            ConfirmScreen(
                f"Remove {key[1]} from the shortlist? It has {kept}: they are kept, and come "
                "back if you bookmark it again; u undoes."
            ),
            lambda yes: remove() if yes else None,
        )

    def action_undo(self) -> None:
        if self._store_or_warn() is None or self.undo_log is None:
            return
        try:
            step = self.undo_log.undo()
        except (BookmarkError, OSError) as exc:
            self.notify(f"Undo not saved: {exc}", severity="error")
            return
        if step is None:
            self.notify("Nothing to undo in this session.", timeout=3)
            return
        kept = ""
        if step.typed:  # what was typed is not lost with the change: it is a draft again
            draft = self.drafts.get(step.posting_id, "")
            self.drafts[step.posting_id] = (
                step.typed if draft in ("", step.typed) else f"{step.typed}\n\n{draft}"
            )
            kept = "; its text is kept as a draft, n brings it back"
        if not self.warn_unsaved():
            self.notify(f"Undone: {step.what}{kept}", timeout=6 if kept else 4)
        self._reseen()
        self.relocate()  # a bookmark that came back may be one not loaded
        self._after_bookmark_change()

    def action_status(self) -> None:
        from jobtui.tui.screens.modals import StatusPicker

        key = self._current_key()
        if key is None or self._store_or_warn() is None:
            return
        current = self.marks.get(key[0])

        def chosen(status: str | None) -> None:
            if status is not None:
                self._change_bookmark(
                    "Status", lambda s, k: s.set_status(k, status), f"{key[1]}: {status}"
                )

        self.app.push_screen(StatusPicker(key[1], current.status if current else None), chosen)

    def action_note(self) -> None:
        from jobtui.tui.screens.modals import NoteScreen

        key = self._current_key()
        if key is None or self._store_or_warn() is None:
            return

        def written(result: tuple[bool, str] | None) -> None:
            saved, text = result if result is not None else (False, "")
            if not text:
                self.drafts.pop(key[0], None)
                return
            if not saved:
                self.drafts[key[0]] = text
                self.notify("Note not saved: kept as a draft; n brings it back.", timeout=4)
                return
            self.drafts.pop(key[0], None)
            saved_note = self._change_bookmark(
                "Note", lambda s, k: s.add_note(k, text), "Note saved.", typed=text
            )
            if not saved_note:
                self.drafts[key[0]] = text  # refused: still there when the dialog reopens

        self.app.push_screen(NoteScreen(key[1], self.drafts.get(key[0], "")), written)

    def action_follow_up(self) -> None:
        from jobtui.tui.screens.modals import FollowUpScreen

        key = self._current_key()
        if key is None or self._store_or_warn() is None:
            return
        current = self.marks.get(key[0])

        def chosen(day: date | bool | None) -> None:
            if day is False:  # cancelled
                return
            when = day if isinstance(day, date) else None
            label = when.isoformat() if when else "cleared"
            self._change_bookmark(
                "Follow-up", lambda s, k: s.set_follow_up(k, when), f"Follow-up {label}: {key[1]}"
            )

        previous = current.follow_up if current else None
        self.app.push_screen(FollowUpScreen(key[1], previous, self.today), chosen)

    def action_interview(self) -> None:
        from jobtui.tui.screens.modals import InterviewScreen

        key = self._current_key()
        if key is None or self._store_or_warn() is None:
            return

        def chosen(answer: tuple[datetime | date, str] | None) -> None:
            if answer is None:
                return
            when, label = answer
            said = when.strftime("%a %d %b %H:%M") if isinstance(when, datetime) else str(when)
            current = self.marks.get(key[0])
            moves = current is None or current.status in BEFORE_INTERVIEWS
            self._change_bookmark(
                "Interview",
                lambda s, k: s.add_interview(k, when, label),
                f"Interview {said}: {key[1]}" + (" (now interviewing; u undoes)" if moves else ""),
            )

        self.app.push_screen(InterviewScreen(key[1], self.today), chosen)

    def action_shortlist(self) -> None:
        self.shortlist_mode = not self.shortlist_mode

    def action_export(self) -> None:
        from jobtui.tui.screens.modals import ConfirmScreen, ExportScreen

        store = self._store_or_warn()
        if store is None:
            return
        if not len(store):
            self.notify("Nothing to export: the shortlist is empty.", severity="warning")
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            fmt, path = choice
            target = Path(path).expanduser()
            if target.exists():
                self.app.push_screen(
                    ConfirmScreen(f"{target} exists. Overwrite it?"),
                    lambda yes: self._export(fmt, target, True) if yes else None,
                )
            else:
                self._export(fmt, target, False)

        self.app.push_screen(ExportScreen(len(store), self.today), chosen)

    def _export(self, fmt: str, target: Path, overwrite: bool) -> None:
        from jobtui.shortlist.export import render, write_file

        assert self.store is not None
        missing = {k for k, why in self.absent.items() if why == view.MISSING}
        text = render(fmt, self.store.all(), missing, self.index.salary_settings)
        try:
            path = write_file(target, text, overwrite=overwrite)
        except OSError as exc:
            from jobtui.storage import why_not_saved

            plain = OSError(exc.errno, exc.strerror)  # (not the name of the file written first)
            self.notify(f"Export failed: {why_not_saved(target, plain)}", severity="error")
            return
        where = path.resolve()
        self.notify(f"Exported {counted(len(self.store), 'bookmark')} to {where}", timeout=6)

    # --- help and palette ---------------------------------------------------------------------

    def _sections(self) -> list[tuple[str, Callable[[], Any], list[Binding]]]:
        """Bindings as declared, grouped by where they work, with what runs their actions."""

        def bindings(cls: Any) -> list[Binding]:
            return [b for b in cls.BINDINGS if isinstance(b, Binding)]

        search = [Binding("enter,tab,down", "leave_search", "Go to the results")]
        search += bindings(SearchBar)
        anywhere = [b for b in bindings(MainScreen) if b.action != "leave_search"]
        return [
            ("Anywhere (outside the search bar)", lambda: self, anywhere),
            ("Search bar", lambda: self.query_one(SearchBar), search),
            ("Results list", lambda: self.query_one(ResultsList), bindings(ResultsList)),
            ("Detail pane", self.shown_detail, bindings(DetailView)),
        ]

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        return [(title, bindings) for title, _target, bindings in self._sections()]

    def palette_actions(self) -> list[tuple[str, str, str]]:
        """(description, action, key) of every bound action, once each: not the ones Textual's
        own commands offer (Quit), nor the search bar's keys, which act only while typing."""
        items: dict[str, tuple[str, str, str]] = {}
        seen: set[str] = set()
        for _title, _target, bindings in self._sections():
            for b in bindings:
                if b.action in PALETTE_SKIP or b.description in seen:
                    continue
                seen.add(b.description)
                items.setdefault(b.action, (b.description, b.action, b.key.split(",")[0]))
        for name, query in self.saved.all().items() if self.saved is not None else ():
            items[f"saved:{name}"] = (
                f"Saved search: {name} ({query})",
                f"run_saved({name!r})",
                "W",
            )
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

    # --- saved searches ----------------------------------------------------------------------

    def action_save_search(self) -> None:
        from jobtui.tui.screens.modals import NameScreen

        query = self.query_text.strip()
        if self.saved is None or not query:
            self.notify("Type a search first: w saves it under a name.", severity="warning")
            return
        saved = self.saved

        def save(name: str) -> None:
            try:
                new = saved.add(name, query)
            except SavedError as exc:
                self.notify(f"Not saved: {exc}", severity="error")
                return
            said = "Saved" if new else "Replaced"
            self.notify(f"{said} search {name!r}: {query} (W lists them)", timeout=4)

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                before = saved.get(name)
            except SavedError:
                before = None
            if before is None or before == query:
                save(name)
                return
            # Another query under that name: replacing it loses it, so ask first.
            from jobtui.tui.screens.modals import ConfirmScreen

            question = f"{name!r} already saves: {before}. Replace it with: {query}?"
            self.app.push_screen(ConfirmScreen(question), lambda yes: save(name) if yes else None)

        self.app.push_screen(NameScreen(f"Save the search: {query}", "a name"), named)

    def action_saved_searches(self) -> None:
        from jobtui.tui.screens.modals import SavedPicker

        if self.saved is None or not self.saved.all():
            self.notify("No saved searches yet: type one, then w saves it.", timeout=4)
            return
        statuses = self.store.marks() if self.store is not None else {}
        seen = self._triage_sets.get("seen", frozenset())
        rows = []
        for name, query in self.saved.all().items():
            found = self.index.run(query, statuses, today=self.today, triage=self._triage_sets)
            ids = [found.posting(i).id for i in range(len(found))]
            rows.append((name, query, len(ids), sum(i not in seen for i in ids)))
        self.app.push_screen(
            SavedPicker(rows), lambda name: self.action_run_saved(name) if name else None
        )

    def action_run_saved(self, name: str) -> None:
        if self.saved is None:
            return
        try:
            query = self.saved.get(name)
        except SavedError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.shortlist_mode = False
        self.query_one(SearchBar).value = query
        self.query_text = query
        self.action_focus_list()

    # --- triage: seen, hidden, blocked -------------------------------------------------------

    def _retriage(self) -> None:
        """The sets the search filters read, rebuilt after a change (never per key)."""
        hidden = frozenset(self.triage.hidden()) if self.triage is not None else frozenset()
        # A job is seen when one of its copies is (the list shows it as one row).
        seen = [c for i in self.seen_ids if self.index.get(i) is not None for c in self._copies(i)]
        self._triage_sets = {
            "seen": frozenset(seen),
            "hidden": hidden,
            "blocked": self.blocked,
        }
        # New: neither seen nor left out (a hidden posting is not news).
        ids = self.index.ids()
        left_out = {i for i in hidden | self.blocked if i in ids}
        self._not_new = len(self._triage_sets["seen"] | left_out)

    def find_blocked(self) -> None:
        """Which loaded postings the blocklist leaves out, in a thread (a regular expression
        over every body: seconds at 100,000 postings); the list follows when it is done."""
        blocklist = self.blocklist
        if blocklist is None or not (blocklist.companies() or blocklist.words()):
            self.set_blocked(frozenset())
            return
        matcher = blocklist.matcher()
        postings = list(self.index.postings)
        # Only the postings that hold a blocked word are read (the index knows which).
        first = matcher.first_words()
        holding = None if first is None else self.index.containing(first, BLOCK_FIELDS)

        def find() -> None:
            blocked = frozenset(matcher.blocked_ids(postings, holding))
            self.app.call_from_thread(self._if_shown, self.set_blocked, blocked)

        self.run_worker(find, thread=True, exclusive=True, group="blocklist")

    def retriaged(self) -> None:
        """Show the seen and hidden marks as they are now (they followed their postings, or
        another jobtui changed them)."""
        self._reseen()
        self.refresh_results(keep=True)

    def _reseen(self) -> None:
        """Read the seen marks again after a change (in place: the rows hold the set)."""
        if self.triage is not None:
            self.seen_ids.clear()
            self.seen_ids.update(self.triage.seen(), self._seen_pending)
        self._retriage()

    def find_copies(self, store: Path | None = None) -> None:
        """Group copies of one posting, in a thread (a second at 100,000, unless the groups
        saved beside the load `store` are those of these postings); the list folds them into
        one row each when it is done."""
        from jobtui.postings.saved_copies import group_saved

        postings = list(self.index.postings)

        def find() -> None:
            groups = group_saved(postings, store)
            self.app.call_from_thread(self._if_shown, self._copies_found, groups)

        self.run_worker(find, thread=True, exclusive=True, group="copies")

    def _if_shown(self, callback: Callable[..., None], *args: Any) -> None:
        """Show what a worker found, unless the screen's widgets are gone (the app closed
        while the worker ran: the result has nowhere to go)."""
        if self.query(ResultsList):
            callback(*args)

    def _copies_found(self, groups: Groups) -> None:
        self.index.set_groups(groups if groups.duplicates() else None)
        self._retriage()  # (a copy of a seen posting is seen: not news)
        self.refresh_results(keep=True)

    def set_blocked(self, blocked: frozenset[str]) -> None:
        self.blocked = blocked
        self._retriage()
        self.refresh_results(keep=True)

    def _seen_tick(self) -> None:
        """A posting whose detail stayed on screen for a whole tick (SEEN_AFTER seconds and up
        to twice that) is seen."""
        shown = self.query_one(DetailView).shown_key
        if shown is not None and shown == self._shown_before and shown not in self.seen_ids:
            self.seen_ids.add(shown)
            self._seen_pending.add(shown)
            self._retriage()
            self.query_one(ResultsList).redraw_rows()
            self._update_count()
        self._shown_before = shown

    def flush_seen(self) -> None:
        """Save the postings seen since the last save, in one write, and try again what could
        not be saved before."""
        if self.triage is not None and self.triage.unsaved and self.triage.retry():
            self._update_count()
        if self.triage is None or not self._seen_pending:
            return
        pending, self._seen_pending = self._seen_pending, set()
        try:
            self.triage.mark_seen(pending)
        except TriageError:
            self._seen_pending |= pending  # kept for the next try

    def _triage_change(
        self,
        what: str,
        change: Callable[[TriageStore], object],
        undo: Callable[[TriageStore], object],
        done: str,
    ) -> None:
        if self.triage is None:
            self.notify("Seen and hidden postings are unavailable.", severity="error")
            return
        triage = self.triage
        try:
            change(triage)
        except TriageError as exc:
            self.notify(f"{what} not saved: {exc}", severity="error")
            return
        if self.undo_log is not None:
            self.undo_log.record(what, lambda: undo(triage))
        self._reseen()
        self.notify(done + (" (u undoes)" if self.undo_log is not None else ""), timeout=3)
        self.refresh_results(keep=True)

    def _toggle(
        self,
        on: bool,
        turn_on: Callable[[TriageStore], object],
        turn_off: Callable[[TriageStore], object],
        words_on: tuple[str, str],
        words_off: tuple[str, str],
    ) -> None:
        """Turn a mark off when it is on, else on; undo does the other."""
        change, undo = (turn_off, turn_on) if on else (turn_on, turn_off)
        what, done = words_off if on else words_on
        self._triage_change(what, change, undo, done)

    def action_hide(self) -> None:
        key = self._current_key()
        if key is None or self.triage is None:
            return
        pid, title = key
        copies = self._copies(pid)  # hiding one copy hides the job: each is saved
        self._toggle(
            any(self.triage.is_hidden(c) for c in copies),
            lambda t: t.hide(copies, copies=[copies]),
            lambda t: t.unhide(copies),
            (f"hiding {title}", f"Hidden: {title}"),
            (f"showing {title}", f"Shown again: {title}"),
        )

    def action_toggle_seen(self) -> None:
        key = self._current_key()
        if key is None or self.triage is None:
            return
        pid, title = key
        copies = self._copies(pid)
        seen = any(c in self.seen_ids for c in copies)
        self._seen_pending.difference_update(copies)  # a mark waiting must not undo this one
        self._toggle(
            seen,
            lambda t: t.mark_seen(copies),
            lambda t: t.mark_unseen(copies),
            (f"marking {title} seen", f"Seen: {title}"),
            (f"marking {title} new", f"New again: {title}"),
        )

    def action_all_seen(self) -> None:
        if self.result is None or self.triage is None:
            return
        source = self.query_one(ResultsList).source
        if isinstance(source, ShortlistRows):  # what the shortlist lists, not every match
            ids = [b.id for b in source.bookmarks if b.id in source.postings]
        else:
            ids = [self.result.posting(i).id for i in range(len(self.result))]
        ids = [c for i in ids for c in self._copies(i)]  # a row stands for its copies too
        fresh = list(dict.fromkeys(i for i in ids if i not in self.seen_ids))
        if not fresh:
            self.notify("Everything listed is seen already.", timeout=3)
            return
        self._triage_change(
            f"marking {len(fresh):,} seen",
            lambda t: t.mark_seen(fresh),
            lambda t: t.mark_unseen(fresh),
            f"{len(fresh):,} marked seen",
        )

    def action_block_company(self) -> None:
        from jobtui.tui.screens.modals import ConfirmScreen

        row = self.query_one(ResultsList).current
        if row is None or self.blocklist is None:
            return
        company = row.company
        if not company:
            self.notify("This posting names no company to block.", severity="warning")
            return
        blocklist = self.blocklist
        why = blocklist.blocked(row.posting) if row.posting is not None else None
        if why is not None and why.startswith("company:"):  # X again: unblock
            self._unblock_company(company)
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                done = blocklist.block_company(company)
            except TriageError as exc:
                self.notify(f"Not blocked: {exc}", severity="error")
                return
            if not done:  # (another jobtui blocked it meanwhile): nothing to undo
                self.notify(f"{company} is blocked already ({blocklist.path} lists it).")
                self.find_blocked()
                return

            def unblock() -> None:
                blocklist.unblock_company(company)
                self.find_blocked()

            if self.undo_log is not None:
                self.undo_log.record(f"blocking {company}", unblock)
            self.notify(f"Blocked {company} (u undoes; {blocklist.path} lists it)", timeout=5)
            self.find_blocked()

        self.app.push_screen(
            ConfirmScreen(
                f"Block {company}? Its postings leave every list (is:blocked shows them); "
                "the blocklist is a file you can edit."
            ),
            answered,
        )

    def _unblock_company(self, company: str) -> None:
        """X on a posting whose company is blocked: ask, then unblock it (u blocks it again,
        as the blocklist wrote it)."""
        from jobtui.tui.screens.modals import ConfirmScreen

        blocklist = self.blocklist
        if blocklist is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                names = blocklist.unblock_company(company)
            except TriageError as exc:
                self.notify(f"Not unblocked: {exc}", severity="error")
                return
            if not names:
                self.notify(f"{company} is not on the blocklist ({blocklist.path}).")
                self.find_blocked()
                return

            def block_again() -> None:
                for name in names:
                    blocklist.block_company(name)
                self.find_blocked()

            if self.undo_log is not None:
                self.undo_log.record(f"unblocking {company}", block_again)
            self.notify(f"Unblocked {company} (u undoes)", timeout=5)
            self.find_blocked()

        self.app.push_screen(
            ConfirmScreen(
                f"{company} is blocked. Unblock it? Its postings come back to every list."
            ),
            answered,
        )

    def action_agenda(self) -> None:
        from jobtui.shortlist.agenda import agenda
        from jobtui.tui.screens.pages import agenda_page

        if self._store_or_warn() is None or self.store is None:
            return
        days = 7
        self.app.push_screen(
            agenda_page(agenda(self.store.all(), self.today, days), self.today, days)
        )

    def action_stats(self) -> None:
        from jobtui.shortlist.stats import compute
        from jobtui.tui.screens.pages import stats_page

        if self._store_or_warn() is None or self.store is None:
            return
        self.app.push_screen(stats_page(compute(self.store.all(), self.today)))

    def action_help(self) -> None:
        from jobtui.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_sections()))
