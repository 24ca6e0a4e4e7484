"""The agenda: follow-ups and interviews that are overdue, due today, and coming this week.

A follow-up belongs to an application still open (not rejected, withdrawn or at an offer);
an interview is listed until its day has passed, at an offer too, but not one set after the day
the application was rejected or withdrawn: that one will not take place. Overdue follow-ups
stay until the person moves or clears them; an interview that is over is not overdue, it
happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from jobtui.shortlist.store import Bookmark

CLOSED = frozenset({"rejected", "withdrawn", "offer"})
"""Statuses after which there is nothing to follow up."""
ENDED = frozenset({"rejected", "withdrawn"})
"""Statuses after which no interview takes place."""
BUCKETS = ("overdue", "today", "this week")
"""How the agenda is grouped, in the order it is shown."""


@dataclass(frozen=True, slots=True)
class Item:
    """One thing to do on one application."""

    kind: str
    """`follow-up` or `interview`."""
    when: datetime
    """When (a follow-up, and an interview given as a day alone: midnight of that day)."""
    timed: bool
    """Whether `when` has a time of day worth showing."""
    bucket: str
    """One of BUCKETS."""
    bookmark: Bookmark
    """The application."""
    label: str = ""
    """The interview's label."""

    @property
    def day(self) -> date:
        return self.when.date()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "when": self.when.isoformat(timespec="minutes") if self.timed else str(self.day),
            "bucket": self.bucket,
            "id": self.bookmark.id,
            "title": self.bookmark.title,
            "company": self.bookmark.company,
            "status": self.bookmark.status,
            "label": self.label,
        }


def agenda(bookmarks: Iterable[Bookmark], today: date, days: int = 7) -> list[Item]:
    """What is overdue, due today or due within the next `days` days (the day a week ahead
    too, at 7: next Monday's interview is on a Monday's agenda), soonest first (overdue
    first)."""
    horizon = today + timedelta(days=days)
    items: list[Item] = []
    for b in bookmarks:
        if b.follow_up and b.status not in CLOSED:
            try:
                day = date.fromisoformat(b.follow_up)
            except ValueError:
                day = None
            if day is not None and day <= horizon:
                items.append(
                    Item("follow-up", _midnight(day), False, _bucket(day, today), b, "follow up")
                )
        ended = ended_on(b)
        for interview in b.interviews:
            try:
                when = datetime.fromisoformat(interview.at)
            except ValueError:
                continue
            if today <= when.date() <= horizon and not cancelled(when, ended):
                timed = "T" in interview.at
                bucket = _bucket(when.date(), today)
                items.append(Item("interview", when, timed, bucket, b, interview.label))
    return sorted(items, key=lambda i: (BUCKETS.index(i.bucket), i.when.replace(tzinfo=None)))


def ended_on(b: Bookmark) -> date | None:
    """The day the application was rejected or withdrawn (its interviews after that day will
    not take place); None while it is not, or when its history does not say the day (an
    interview is then kept)."""
    if b.status not in ENDED:
        return None
    for change in reversed(b.history):
        if change.status == b.status:
            try:
                return date.fromisoformat(change.at[:10])
            except ValueError:
                return None
    return None


def cancelled(when: datetime, ended: date | None) -> bool:
    """Whether an interview will not take place: set after the day its application ended."""
    return ended is not None and when.date() > ended


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _bucket(day: date, today: date) -> str:
    if day < today:
        return "overdue"
    return "today" if day == today else "this week"


def summary(items: list[Item]) -> str:
    """`2 overdue, 1 today`: what a notice at start says; empty when nothing is due."""
    counts = [(b, sum(1 for i in items if i.bucket == b)) for b in BUCKETS[:2]]
    return ", ".join(f"{n} {b}" for b, n in counts if n)
