"""The shortlist as a list: which bookmarks a query matches, and in which order.

A query means the same in the shortlist as in the main list. A bookmark whose posting is not
loaded (its file is gone, or lies outside the folder that is open) is matched on the snapshot
it keeps: its title, company, location and link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from jobtui.postings.model import STATUSES, Posting, Salary
from jobtui.search.engine import SearchIndex, SearchResult
from jobtui.shortlist.store import Bookmark

SORTS = ("status", "saved", "follow-up")
"""The shortlist's orders, in the order the sort key cycles through them."""

ATTENTION = ("interviewing", "offer", "applied", "saved", "rejected", "withdrawn")
"""The status order: what needs attention first, closed applications last."""
assert sorted(ATTENTION) == sorted(STATUSES)


def snapshot_posting(b: Bookmark) -> Posting:
    """What a bookmark remembers of its posting, as a posting (what it did not keep, empty),
    so filters such as `remote:yes` or `tag:python` see it."""
    return Posting(
        id=b.id,
        source=b.source,
        title=b.title or b.id,
        company=b.company,
        location=b.location,
        remote=b.remote,
        salary=Salary.from_dict(b.salary),
        tags=b.tags,
        posted=_day(b.posted),
        url=b.url,
        body="",
    )


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def matching(
    index: SearchIndex, result: SearchResult, marks: Mapping[str, Bookmark], query: str
) -> list[Bookmark]:
    """The bookmarks `result` (the query run on `index`) holds, and the bookmarks not in the
    index whose snapshot matches the query."""
    found = result.containing(marks.keys())
    absent = [b for k, b in marks.items() if index.get(k) is None]
    if absent:
        if query.strip():
            snapshots = SearchIndex([snapshot_posting(b) for b in absent])
            statuses = {b.id: b.status for b in absent}
            hits = snapshots.run(query, statuses)
            found |= {hits.posting(i).id for i in range(len(hits))}
        else:
            found |= {b.id for b in absent}
    return [b for k, b in marks.items() if k in found]


MISSING = "file missing"
ELSEWHERE = "not in this folder"


def locate(bookmarks: Iterable[Bookmark], loaded: Mapping[str, object]) -> dict[str, str]:
    """Why each bookmark that is not among the loaded postings is not: its file is gone
    (MISSING), or it is on disk but outside the folders that are open (ELSEWHERE). Reads the
    disk: call it when postings or bookmarks change, never on a keystroke."""
    absent = {}
    for b in bookmarks:
        if b.id not in loaded:
            absent[b.id] = ELSEWHERE if b.source and Path(b.source).is_file() else MISSING
    return absent


def ordered(bookmarks: list[Bookmark], sort: str) -> list[Bookmark]:
    """The bookmarks in one of SORTS: by status (then oldest saved first), newest saved first,
    or by follow-up date (none last)."""
    if sort == "status":
        rank = {s: i for i, s in enumerate(ATTENTION)}
        return sorted(bookmarks, key=lambda b: (rank.get(b.status, len(rank)), b.saved_at))
    if sort == "saved":
        return sorted(bookmarks, key=lambda b: b.saved_at, reverse=True)
    if sort == "follow-up":
        return sorted(bookmarks, key=lambda b: (b.follow_up is None, b.follow_up or ""))
    raise ValueError(f"unknown shortlist sort {sort!r}: use one of {', '.join(SORTS)}")
