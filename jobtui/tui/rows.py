"""What the results list shows, adapted from search results or from the shortlist.

Rows are built only for the lines on screen, so a source of 100,000 postings costs nothing
until it is scrolled to.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date

from jobtui.postings.duplicates import Groups
from jobtui.postings.model import Posting
from jobtui.postings.relative import age
from jobtui.search.engine import SearchResult
from jobtui.search.highlight import Spans, spans
from jobtui.shortlist import view
from jobtui.shortlist.store import Bookmark


@dataclass(frozen=True, slots=True)
class Row:
    """What one list row shows."""

    key: str
    """Posting id (the bookmark's id for a missing posting)."""
    title: str
    title_spans: Spans
    company: str | None
    company_spans: Spans
    location: str | None
    remote: bool | None
    salary: str
    """The salary in its compact form (`CAD 110k–130k`)."""
    age: str
    status: str | None
    """Shortlist status when bookmarked."""
    follow_up: str | None = None
    absent: str | None = None
    """Why a bookmark's posting is not loaded (`file missing`, `not in this folder`)."""
    remote_guessed: bool = False
    """Whether `remote` is inferred from what the posting does not say (shown with a `?`)."""
    hybrid: bool = False
    """The posting states a hybrid policy (`remote` is then None)."""
    posting: Posting | None = None
    """None for a bookmark whose posting file is gone."""
    seen: bool = False
    """Whether the person has looked at it (drawn quieter than the new ones)."""
    copies: int = 1
    """How many files hold this posting (×3 on the row; the detail lists the others)."""
    other_copies: tuple[str, ...] = ()
    """Where the other copies are (their files)."""
    salary_tight: str = ""
    """A shorter true form of the salary for a narrow row (`CAD 110–130k`)."""
    snapshot: Posting | None = None
    """For a bookmark whose posting is not loaded, what the bookmark kept of it."""


class RowSource:
    """A sequence of rows."""

    def __len__(self) -> int:
        return 0

    def row(self, i: int) -> Row:
        raise IndexError(i)

    def find(self, key: str) -> int | None:
        """Position of the row with this key, if present."""
        for i in range(len(self)):
            if self.row(i).key == key:
                return i
        return None


NOTHING: frozenset[str] = frozenset()


def posting_row(
    p: Posting,
    terms: frozenset[str],
    marks: Mapping[str, Bookmark],
    today: date,
    seen: Collection[str] = NOTHING,
    groups: Groups | None = None,
) -> Row:
    b = marks.get(p.id)
    if b is None and groups is not None and p.id in groups:  # a copy's bookmark is its own
        b = next((marks[o] for o in groups.others(p.id) if o in marks), None)
    return Row(
        key=p.id,
        title=p.title,
        title_spans=spans(p.title, terms),
        company=p.company,
        company_spans=spans(p.company or "", terms),
        location=p.location,
        remote=p.remote,
        remote_guessed=p.origins.get("remote") == "guessed",
        hybrid=p.hybrid,
        salary=p.salary.short() if p.salary else "",
        salary_tight=p.salary.short(tight=True) if p.salary else "",
        age=age(p.posted, today),
        status=b.status if b else None,
        follow_up=b.follow_up if b else None,
        posting=p,
        seen=p.id in seen,
        copies=groups.size(p.id) if groups is not None and p.id in groups else 1,
    )


class ResultRows(RowSource):
    """Rows of a search result."""

    def __init__(
        self,
        result: SearchResult,
        marks: Mapping[str, Bookmark],
        today: date,
        seen: Collection[str] = NOTHING,
        groups: Groups | None = None,
    ) -> None:
        self.result = result
        self.groups = groups
        self.marks = marks
        self.today = today
        self.seen = seen
        self.terms = frozenset(result.terms)

    def __len__(self) -> int:
        return len(self.result)

    def row(self, i: int) -> Row:
        p = self.result.posting(i)
        row = posting_row(p, self.terms, self.marks, self.today, self.seen, self.groups)
        if row.copies > 1 and self.groups is not None:
            others = (self.result.get(o) for o in self.groups.others(p.id))
            # Its place says how many other places its copies name (`London +1`).
            row = replace(
                row,
                other_copies=tuple(o.source for o in others if o is not None),
                location=self.groups.places(p.id, self._location),
            )
        return row

    def _location(self, pid: str) -> str | None:
        found = self.result.get(pid)
        return None if found is None else found.location

    def find(self, key: str) -> int | None:
        return self.result.position(key)


class ShortlistRows(RowSource):
    """Bookmarks, with their postings when loaded and their snapshots when not."""

    def __init__(
        self,
        bookmarks: list[Bookmark],
        postings: Mapping[str, Posting],
        marks: Mapping[str, Bookmark],
        terms: frozenset[str],
        today: date,
        absent: Mapping[str, str],
    ) -> None:
        self.bookmarks = bookmarks
        self.postings = postings
        self.marks = marks
        self.absent = absent
        self.terms = terms
        self.today = today

    def __len__(self) -> int:
        return len(self.bookmarks)

    def find(self, key: str) -> int | None:
        return next((i for i, b in enumerate(self.bookmarks) if b.id == key), None)

    def row(self, i: int) -> Row:
        b = self.bookmarks[i]
        p = self.postings.get(b.id)
        if p is not None:
            return posting_row(p, self.terms, self.marks, self.today)
        # Shown as a loaded posting is, from what the bookmark kept of it (its salary, remote
        # policy, date and tags too), and said to be absent.
        kept = view.snapshot_posting(b)
        return replace(
            posting_row(kept, self.terms, {b.id: b}, self.today),
            posting=None,
            snapshot=kept,
            absent=self.absent.get(b.id, view.MISSING),
        )
