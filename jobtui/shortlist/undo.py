"""Undo for shortlist changes made in one session: each change remembers the entry it replaced.

Undoing puts that one entry back in the file, under the store's lock, so changes another jobtui
made meanwhile to other bookmarks are kept; and when another jobtui changed the same bookmark
since, the undo is refused rather than losing its change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from jobtui.shortlist.store import Bookmark, BookmarkStore

T = TypeVar("T")

LIMIT = 200
"""Changes remembered; older ones can no longer be undone."""


@dataclass(frozen=True, slots=True)
class Step:
    """One change, and what the file held for that posting before it."""

    posting_id: str
    """The posting whose bookmark changed."""
    before: Bookmark | None
    """The entry before the change (None: there was none)."""
    after: Bookmark | None
    """The entry the change left: undoing is safe only while the file still holds it."""
    what: str
    """The change in a few words, for the person (`status applied`)."""
    revert: Callable[[], object] | None = None
    """How to undo a change that is not to a bookmark (hiding, seen marks, the blocklist)."""
    typed: str = ""
    """Text the person typed that the change saved (a note): undoing takes it out of the
    file, and the face keeps it as a draft rather than losing it."""


class UndoLog:
    """The changes of this session, newest last."""

    def __init__(self, store: BookmarkStore) -> None:
        self.store = store
        self._steps: list[Step] = []

    def __len__(self) -> int:
        return len(self._steps)

    def change(self, posting_id: str, what: str, apply: Callable[[], T], typed: str = "") -> T:
        """Run `apply` (a change to that posting's bookmark) and remember how to undo it;
        `typed`: the text it saves, given back by the undo (see `Step.typed`)."""
        before = self.store.entry(posting_id)
        result = apply()
        after = self.store.entry(posting_id)
        self._steps.append(Step(posting_id, before, after, what, typed=typed))
        del self._steps[:-LIMIT]
        return result

    def record(self, what: str, revert: Callable[[], object]) -> None:
        """Remember a change made elsewhere (hiding, seen marks) and how to undo it."""
        self._steps.append(Step("", None, None, what, revert))
        del self._steps[:-LIMIT]

    def undo(self) -> Step | None:
        """Undo the newest change; None when there is nothing to undo. Raises BookmarkError
        (and forgets the step) when another jobtui changed that bookmark since."""
        if not self._steps:
            return None
        step = self._steps.pop()
        if step.revert is not None:
            step.revert()
        else:
            self.store.put_back(step.posting_id, step.before, expect=step.after)
        return step
