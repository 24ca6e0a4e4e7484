"""The Textual app: opens the store, loads postings into the search index, shows the main screen.

The app only calls the core: a worker streams batches of loaded postings to the app as
messages, the app adds them to the index, and the main screen searches the index in memory.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.worker import get_current_worker

from jobtui import __version__, collector
from jobtui.postings import money
from jobtui.postings.loader import LoadError, LoadResult, bundled_seeds
from jobtui.search.batch import Batch
from jobtui.search.engine import SearchIndex
from jobtui.search.feed import Feed, preload
from jobtui.shortlist.store import BookmarkError, BookmarkStore
from jobtui.tui.screens.main import SEEN_AFTER, MainScreen
from jobtui.tui.widgets.detail import DEBOUNCE, TYPING_DEBOUNCE
from jobtui.tui.widgets.results import ResultsList

SYNC_LOAD_LIMIT = 32
"""Up to this many files load before the first frame; more load in a worker with progress."""
SYNC_LOAD_BYTES = 256 * 1024
"""Nor more bytes than this: a few big files (job boards' JSON) load in the background too."""
FLUSH_SECONDS = 0.25
"""While loading, new postings reach the index at most this often."""
BOOKMARKS_CHECK_SECONDS = 2.0
"""How often the app looks whether another jobtui changed the bookmarks file."""


class JobApp(App[int]):
    """Browse, search and shortlist job postings."""

    TITLE = "jobtui"
    CSS_PATH = "app.tcss"
    # Shown in every footer: in the search bar, where letters are typed, `q` cannot quit.
    BINDINGS = [Binding("ctrl+c", "quit", "Quit", show=True, priority=True)]

    class Counted(Message):
        """The loading worker counted the files to load."""

        def __init__(self, total: int) -> None:
            super().__init__()
            self.total = total

    class Loaded(Message):
        """The loading worker made a batch of postings."""

        def __init__(self, batch: Batch) -> None:
            super().__init__()
            self.batch = batch

    class Finished(Message):
        """The loading worker is done; `error` says why it stopped early."""

        def __init__(self, error: str | None = None) -> None:
            super().__init__()
            self.error = error

    def __init__(
        self,
        paths: list[Path],
        config_dir: Path | None = None,
        today: date | None = None,
        use_cache: bool = True,
        debounce: float = DEBOUNCE,
        typing_debounce: float = TYPING_DEBOUNCE,
        seen_after: float | None = SEEN_AFTER,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.feed = Feed(paths, use_cache)
        self.today = today or date.today()
        # The currency and rates salaries are compared in (config.toml); never raises.
        self.salary = money.load_settings(config_dir)
        self.index = SearchIndex(salary=self.salary)
        self.store: BookmarkStore | None = None
        self.store_error: str | None = None
        try:
            self.store = BookmarkStore(config_dir, keep_unsaved=True)
        except BookmarkError as exc:
            self.store_error = str(exc)
        from jobtui.shortlist.triage import Blocklist, TriageError, TriageStore

        self.triage: TriageStore | None = None
        self.blocklist: Blocklist | None = None
        self.triage_problems: list[str] = []
        try:
            self.triage = TriageStore(config_dir, keep_unsaved=True)
            self.blocklist = Blocklist(config_dir)
        except TriageError as exc:
            self.triage_problems.append(f"Seen, hidden and blocked postings unavailable: {exc}")
        from jobtui.shortlist.saved import SavedError, SavedSearches

        self.saved: SavedSearches | None = None
        try:
            self.saved = SavedSearches(config_dir)
            if self.saved.recovered:
                self.triage_problems.append(self.saved.recovered)
        except SavedError as exc:
            self.triage_problems.append(f"Saved searches unavailable: {exc}")
        if self.triage is not None:  # a mark keeps what its posting is, to follow it
            self.triage.lookup = self.index.get
        self.main = MainScreen(
            self.index,
            self.store,
            self.store_error,
            self.today,
            debounce,
            typing_debounce,
            on_ready=self._start_loading,
            triage=self.triage,
            blocklist=self.blocklist,
            seen_after=seen_after,
            saved=self.saved,
        )
        self.load_result = LoadResult()
        self._pending: list[Batch] = []
        self._last_flush = 0.0
        self._files_done = 0
        self._asking_quit = False
        self._cache_noticed = False
        self._early_keys: list[events.Key | events.Paste] | None = []
        """Keys typed while jobtui starts, before the search bar can take them (None after)."""

    @property
    def loading(self) -> bool:
        """Whether postings are still loading (the main screen's state, read by tests)."""
        return self.main.loading

    def get_default_screen(self) -> MainScreen:
        return self.main

    def on_mount(self) -> None:
        self.title = f"jobtui {__version__}"
        if self.store and self.store.recovered:
            self.notify(self.store.recovered, severity="warning", timeout=20)
        for problem in self.triage_problems:
            self.notify(problem, severity="warning", timeout=20)
        if self.triage is not None and self.triage.recovered:
            self.notify(self.triage.recovered, severity="warning", timeout=20)
        for problem in self.blocklist.problems if self.blocklist is not None else ():
            self.notify(problem, severity="warning", timeout=20)
        if self.store is not None:
            from jobtui.shortlist.agenda import agenda, summary

            due = summary(agenda(self.store.all(), self.today))
            if due:
                self.notify(f"Due: {due}. A shows the agenda.", timeout=10)
        if self.store_error:
            self.notify(f"Bookmarks unavailable: {self.store_error}", severity="error", timeout=20)
        for problem in self.salary.problems:
            self.notify(problem, severity="warning", timeout=20)

    # --- loading ------------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        # A person who types as jobtui starts (fzf's habit) meant the search bar; until it
        # has focus, their keys (and a paste) would reach a screen still mounting, and be
        # lost. Ctrl+C quits at once, whenever it comes.
        held = self._early_keys
        if held is not None and not event.is_forwarded:
            if isinstance(event, events.Key) and event.key != "ctrl+c":
                held.append(events.Key(event.key, event.character))
                return
            if isinstance(event, events.Paste):
                held.append(events.Paste(event.text))
                return
        await super().on_event(event)

    class _Replay(Message):
        """The search bar has focus: the keys held until now are given to it."""

    def _release_keys(self) -> None:
        """Keys are held until this message is handled, so any that come meanwhile still
        follow the ones typed before."""
        self.post_message(self._Replay())

    @on(_Replay)
    async def _replay(self) -> None:
        held, self._early_keys = self._early_keys or [], None
        for event in held:  # in the order typed, to the focused search bar
            await super().on_event(event)

    def _start_loading(self) -> None:
        """Called by the main screen as it mounts (its search bar has focus)."""
        self._release_keys()
        try:
            few = self.feed.small(SYNC_LOAD_LIMIT, SYNC_LOAD_BYTES)
        except LoadError as exc:
            self.notify(str(exc), severity="error")
            few = True
        if few:
            # A handful of files (the seeds): load them now so the first frame shows them.
            error = None
            try:
                for batch in self.feed.now(size=SYNC_LOAD_LIMIT + 1):
                    self._add(batch)
            except Exception as exc:  # a folder vanished meanwhile: say so, keep what loaded
                error = str(exc)
            self._finish(error)
            self.set_timer(0.3, self._warm)  # after the first frame is on screen
        else:
            self._load_in_background()

    @work(thread=True, group="warm")
    def _warm(self) -> None:
        """Import numpy off the UI thread, then build the word index, before the first key."""
        preload()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self.index.warm)

    @work(thread=True, exclusive=True, group="load")
    def _load_in_background(self) -> None:
        """Walk and load in a thread; batches reach the UI as messages while they are made."""
        worker = get_current_worker()
        error = None
        try:
            self.post_message(self.Counted(self.feed.count()))
            for batch in self.feed.batches(size=100):
                if worker.is_cancelled:
                    return
                self.post_message(self.Loaded(batch))
        except Exception as exc:  # a folder vanished mid-walk: say so, keep what loaded
            error = str(exc)
        self.post_message(self.Finished(error))

    @on(Counted)
    def _counted(self, message: Counted) -> None:
        self.main.start_progress(message.total)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not self._shut():
            self._add(message.batch)

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        if self._shut():
            return
        self._finish(message.error)
        if message.error is None:
            self._keep_index()

    def _shut(self) -> bool:
        """Whether the app is closing: the main screen's widgets are gone, and a load that
        ends now (its last message still on the way) has nothing left to show it on."""
        return not self.main.query(ResultsList)

    @work(thread=True, exclusive=True, group="keep")
    def _keep_index(self) -> None:
        """Save the word index for the next open of this folder, off the UI thread (the index
        is built on the UI thread first: searches use it there)."""
        self.call_from_thread(self.index.warm)
        if not get_current_worker().is_cancelled:
            self.feed.keep(self.index)
            collector.give_back()  # what the load and the check of every file freed

    def _add(self, batch: Batch) -> None:
        if batch.replace:  # the store's list, shown while the files were checked, was stale
            self.load_result.postings = []  # (the index drops its batches: `add_batches`)
        self.load_result.extend(batch.result)
        self._pending.append(batch)
        self._files_done += batch.files
        flush = (
            time.monotonic() - self._last_flush >= FLUSH_SECONDS
            or not len(self.index)
            or batch.replace
        )
        if flush:
            self._index_pending()
            # The next batch gathers for a while, however long this flush took.
            self._last_flush = time.monotonic()
        pending = sum(len(b.result.postings) for b in self._pending)
        self.main.loaded(self._files_done, pending, indexed=flush)

    def _index_pending(self) -> None:
        if self._pending:
            self.index.add_batches(self._pending)
            self._pending = []
            collector.keep()  # postings live as long as the app

    def _finish(self, error: str | None) -> None:
        unchecked = self.feed.unchecked  # the list shown is the last open's, files unchecked
        if error:
            why = " (the list is the one of the last open: not every file could be checked)"
            self.notify(f"Loading stopped: {error}{why if unchecked else ''}", severity="error")
        self._index_pending()
        self.main.loaded(self._files_done, pending=0, indexed=False)  # none wait any more
        if self.triage is not None and not unchecked and self.triage.follow(self.index.postings):
            self.main.retriaged()  # hidden and seen marks followed their postings to new ids
        if self.store is not None:
            try:
                if not unchecked:  # bookmarks follow postings as the files hold them, only
                    self.store.reconcile(self.index.postings)
            except (BookmarkError, OSError) as exc:
                self.notify(f"Could not update bookmarks: {exc}", severity="error")
            self.main.relocate()
            # Bookmarks saved by another jobtui (the CLI, a second window) show up by themselves.
            self.set_interval(BOOKMARKS_CHECK_SECONDS, self._check_bookmarks)
        self.main.loading = False
        self.main.find_blocked()
        self.main.find_copies(self.feed.store)
        problems = self.load_result.problems
        if problems:
            reasons = sorted({p.kind for p in problems})
            self.notify(
                f"{len(problems)} file(s) skipped ({', '.join(reasons)}). "
                "Run `jobtui check` for the list.",
                severity="warning",
                timeout=10,
            )
        if self.feed.notice and not self._cache_noticed:
            self._cache_noticed = True
            self.notify(self.feed.notice, severity="warning", timeout=15)
        if not self.index.postings and not problems:
            self.notify("No postings found in the given paths.", severity="warning")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification is plain text: they quote posting titles, links and file names,
        and `[link=...]` or `[@click=...]` in those must show as written, never act."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def action_quit(self) -> None:
        """Quit; when shortlist changes could not be saved, try once more, then ask."""
        self.main.flush_seen()
        store = self.store
        lost = []
        if store is not None and store.unsaved and not store.retry():
            lost.append(f"{store.pending} shortlist change(s) are not saved: {store.unsaved}.")
        # Text typed in a dialog still open (a note being written).
        for screen in self.screen_stack:
            unsaved = getattr(screen, "unsaved", None)
            said = unsaved() if callable(unsaved) else None
            if said:
                lost.append(said)
        if self.main.drafts:
            drafts = len(self.main.drafts)
            lost.append(
                "A note draft was never saved."
                if drafts == 1
                else f"{drafts} note drafts were never saved."
            )
        triage = self.triage
        if triage is not None and triage.unsaved and not triage.retry():
            lost.append(f"Hidden and seen marks are not saved: {triage.unsaved}.")
        if not lost or self._asking_quit:
            self.exit()  # a second ctrl+c while asking quits, as in a shell
            return
        from jobtui.tui.screens.modals import ConfirmScreen

        self._asking_quit = True

        def answered(yes: bool | None) -> None:
            self._asking_quit = False
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(" ".join([*lost, "Quit all the same?"])),
            answered,
        )

    def _check_bookmarks(self) -> None:
        """Save what was seen, and read the bookmarks again when another process changed them."""
        self.main.flush_seen()
        if self.triage is not None and self.triage.refresh():
            self.main.retriaged()  # hidden or seen in another jobtui (the command line)
        if self.blocklist is not None and self.blocklist.refresh():
            self.main.find_blocked()  # blocked from the command line, or edited by hand
        if self.store is None:
            return
        if self.store.unsaved and self.store.retry():
            self.notify("The shortlist is saved now.", timeout=5)
            self.main.refresh_results(keep=True)
        problem = self.store.problem
        try:
            changed = self.store.refresh()
        except BookmarkError:
            return  # cannot be read at all just now (permissions): next time
        if self.store.problem and self.store.problem != problem:
            self.notify(self.store.problem, severity="warning", timeout=15)
        if changed:
            before = self.main.current_key()
            self.main.relocate()
            self.main.refresh_results(keep=True)
            if before is not None and self.main.current_key() != before:
                # The next key (a status, a note) would act on another posting: say so.
                self.notify(
                    "The shortlist changed in another jobtui: the posting the cursor was on "
                    "is no longer listed, and the cursor moved to another.",
                    severity="warning",
                    timeout=10,
                )


def make_app(
    paths: list[str] | None = None,
    config_dir: Path | None = None,
    today: date | None = None,
    debounce: float = DEBOUNCE,
    typing_debounce: float = TYPING_DEBOUNCE,
    seen_after: float | None = SEEN_AFTER,
    use_cache: bool = True,
) -> JobApp:
    """The one factory the CLI and the tests use (tests pass 0 debounces: no waiting; and
    `seen_after=None`, so nothing turns seen while a test looks at the screen)."""
    resolved = [Path(p) for p in paths] if paths else [bundled_seeds()]
    return JobApp(
        resolved,
        config_dir=config_dir,
        today=today,
        debounce=debounce,
        typing_debounce=typing_debounce,
        seen_after=seen_after,
        use_cache=use_cache,
    )
