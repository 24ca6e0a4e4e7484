"""The app's shortlist keys: bookmark, status, note, follow-up, shortlist view and export.

A mixin of JobApp (it uses the app's store, selection and notifications): kept apart because the
shortlist is its own idea, and app.py is about layout, loading and searching.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui.postings.text import counted
from jobtui.shortlist.store import BookmarkError, BookmarkStore

if TYPE_CHECKING:
    from jobtui.tui.app import JobApp

    _Base = JobApp
else:
    _Base = object


class ShortlistActions(_Base):
    """Actions on the selected posting's bookmark, and on the shortlist as a whole."""

    def _store_or_warn(self) -> BookmarkStore | None:
        if self.store is None:
            self.notify(f"Bookmarks unavailable: {self.store_error}", severity="error")
        return self.store

    def _after_bookmark_change(self) -> None:
        from jobtui.tui.widgets.detail import DetailView
        from jobtui.tui.widgets.results import ResultsList

        self.refresh_results(keep=True)
        row = self.query_one(ResultsList).current
        if row is not None:
            terms = self.result.terms if self.result else ()
            self.query_one(DetailView).show(row, terms, self.marks.get(row.key), immediate=True)

    def _change_bookmark(
        self, what: str, change: Callable[[BookmarkStore, str], Any], done: str
    ) -> None:
        """Apply a change to the selected posting's bookmark, bookmarking it first if needed."""
        store = self._store_or_warn()
        key = self._current_key()
        if store is None or key is None:
            return
        posting = self._current_posting()
        try:
            if store.get(key[0]) is None and posting is not None:
                store.add(posting)
            change(store, key[0])
        except (BookmarkError, OSError) as exc:
            self.notify(f"{what} not saved: {exc}", severity="error")
            return
        self.notify(done, timeout=3)
        self._after_bookmark_change()

    def action_bookmark(self) -> None:
        key = self._current_key()
        if key is None:
            return
        if key[0] in self.marks:  # also how a missing posting leaves the shortlist
            self._change_bookmark(
                "Bookmark", lambda s, k: s.remove(k), f"Removed bookmark: {key[1]}"
            )
        else:  # _change_bookmark bookmarks it first; nothing more to change
            self._change_bookmark("Bookmark", lambda s, k: None, f"★ Bookmarked: {key[1]}")

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

        self.push_screen(StatusPicker(key[1], current.status if current else None), chosen)

    def action_note(self) -> None:
        from jobtui.tui.screens.modals import NoteScreen

        key = self._current_key()
        if key is None or self._store_or_warn() is None:
            return

        def written(text: str | None) -> None:
            if text:
                self._change_bookmark("Note", lambda s, k: s.add_note(k, text), "Note saved.")

        self.push_screen(NoteScreen(key[1]), written)

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
        self.push_screen(FollowUpScreen(key[1], previous, self.today), chosen)

    def action_shortlist(self) -> None:
        self.shortlist_mode = not self.shortlist_mode
        self.screen.set_class(self.shortlist_mode, "shortlist")
        self.refresh_results()
        if self.shortlist_mode and self.store is not None and not len(self.store):
            self.notify("The shortlist is empty: press b on a posting to bookmark it.")

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
                self.push_screen(
                    ConfirmScreen(f"{target} exists. Overwrite it?"),
                    lambda yes: self._export(fmt, target, True) if yes else None,
                )
            else:
                self._export(fmt, target, False)

        self.push_screen(ExportScreen(len(store), Path(os.getcwd())), chosen)

    def _export(self, fmt: str, target: Path, overwrite: bool) -> None:
        from jobtui.shortlist.export import render, write_file

        assert self.store is not None
        text = render(fmt, self.store.all(), self._missing)
        try:
            path = write_file(target, text, overwrite=overwrite)
        except OSError as exc:
            self.notify(f"Export failed: {exc}", severity="error")
            return
        self.notify(f"Exported {counted(len(self.store), 'bookmark')} to {path}", timeout=6)
