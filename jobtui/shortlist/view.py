"""The shortlist as a list: which bookmarks a query matches, and in which order.

A query means the same in the shortlist as in the main list. A bookmark whose posting is not
loaded (its file is gone, or lies outside the folder that is open) is matched on the snapshot
it keeps: its title, company, location and link.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from jobtui.postings.loader import source_file
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
        hybrid=b.hybrid,
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
    groups = index.groups
    folded = [k for k in marks if k not in found and groups is not None and k in groups]
    if folded and groups is not None:  # a copy stands for a bookmark in a folded result
        shown = result.containing(m for k in folded for m in groups.members(k))
        found |= {k for k in folded if not shown.isdisjoint(groups.members(k))}
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
CHANGED = "file changed"
"""Its file is open, but holds another posting now (its title or company was edited)."""
WHY = {
    MISSING: "This posting's file is missing: it was moved or deleted.",
    ELSEWHERE: "This posting is not in the folder that is open; its file is still there.",
    CHANGED: "This posting is no longer in its file: the file was edited, or the board removed it.",
}
"""Why a bookmark's posting is not loaded, in a sentence, for each of the reasons above."""


def absent_note(why: str) -> str:
    """What the app and `jobtui show` say above a posting shown from its bookmark's snapshot."""
    return f"{WHY.get(why, WHY[MISSING])} The shortlist keeps what was saved of it."


def locate(bookmarks: Iterable[Bookmark], loaded: Mapping[str, object]) -> dict[str, str]:
    """Why each bookmark that is not among the loaded postings is not: its file is open but
    holds another posting now (CHANGED), is gone (MISSING), or is on disk but outside the
    folders that are open (ELSEWHERE). Reads the disk: call it when postings or bookmarks
    change, never on a keystroke."""
    absent = {}
    opened: set[str] | None = None
    for b in bookmarks:
        if b.id not in loaded:
            if opened is None:  # no disk read: paths made absolute as bookmarks keep them
                opened = {os.path.abspath(getattr(p, "file", "")) for p in loaded.values()}
            file = os.path.abspath(source_file(b.source)) if b.source else ""
            if file and file in opened:
                absent[b.id] = CHANGED
            elif file and Path(file).is_file():
                absent[b.id] = ELSEWHERE
            else:
                absent[b.id] = MISSING
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


def active_between(b: Bookmark, since: date | None, until: date | None) -> bool:
    """Whether anything happened on the application in the days from `since` to `until`
    (either open): saved, a status change, a note, an interview or a follow-up date."""
    days = [b.saved_at, b.updated_at, *(c.at for c in b.history), *(n.at for n in b.notes)]
    days += [i.at for i in b.interviews] + [b.follow_up or ""]
    for text in days:
        try:
            day = date.fromisoformat(text[:10])
        except ValueError:
            continue
        if (since is None or day >= since) and (until is None or day <= until):
            return True
    return False


def _short_day(text: str, today: date, time: bool = False) -> str:
    """`2 Nov`, `2 Nov 2025` in another year; with `time`, `14:30` when one is given."""
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    out = f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if day.year != today.year else "")
    if time and len(text) >= 16 and text[10] == "T":
        out += f" {text[11:16]}"
    return out


def timeline(b: Bookmark, today: date) -> str:
    """`saved 2 Nov → applied 4 Nov → interviewing 12 Nov`: how far the application got (a
    later `rejected` keeps the steps before it)."""
    steps = [f"{c.status} {_short_day(c.at, today)}" for c in b.history]
    return " → ".join(steps) if steps else b.status


def summary(b: Bookmark, today: date) -> str:
    """The application in one line for the detail pane: its timeline, follow-up, notes and
    interviews to come."""
    parts = [timeline(b, today)]
    if b.follow_up:
        parts.append(f"follow up {_short_day(b.follow_up, today)}")
    if b.notes:
        parts.append(f"{len(b.notes)} note{'s' if len(b.notes) > 1 else ''}")
    for i in b.interviews:
        if i.at[:10] >= today.isoformat():
            when = _short_day(i.at, today, time=True)
            parts.append(f"interview {when}" + (f" ({i.label})" if i.label else ""))
    return " · ".join(parts)
