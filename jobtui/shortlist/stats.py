"""How the applications went: the funnel, the response rate, how long answers take, and when
the person was active, with text pictures (bars, sparklines) a terminal shows.

An application reached a stage when its history holds that stage or a later one (an offer
passed through applying and interviewing even when a step was not recorded). A response is
any answer after applying: an interview, an offer or a rejection.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jobtui.postings.loader import source_file
from jobtui.shortlist.store import Bookmark

LADDER = ("saved", "applied", "interviewing", "offer")
"""The stages of the funnel, in order."""
ANSWERS = frozenset({"interviewing", "offer", "rejected"})
"""Statuses that are a response from the employer."""
BLOCKS = "▁▂▃▄▅▆▇█"
WEEKS = 12
"""Weeks of activity the sparkline shows."""


@dataclass(slots=True)
class Stats:
    """The numbers; `pictures()` draws them."""

    total: int = 0
    funnel: dict[str, int] = field(default_factory=dict)
    """Applications that reached each stage of LADDER at least."""
    rejected: int = 0
    withdrawn: int = 0
    responded: int = 0
    """Applications answered after being applied to."""
    days_to_response: list[int] = field(default_factory=list)
    """Days from applying to the first answer, one per answered application."""
    by_month: dict[str, int] = field(default_factory=dict)
    """Applications sent, by month (`2026-11`)."""
    by_source: dict[str, tuple[int, int]] = field(default_factory=dict)
    """(applied, responded) by the folder the posting came from."""
    weekly: list[int] = field(default_factory=list)
    """Changes made (saved, status, notes) in each of the last WEEKS weeks, oldest first."""

    @property
    def response_rate(self) -> float | None:
        applied = self.funnel.get("applied", 0)
        return self.responded / applied if applied else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days_to_response) if self.days_to_response else None

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "funnel": self.funnel,
            "rejected": self.rejected,
            "withdrawn": self.withdrawn,
            "responded": self.responded,
            "response_rate": self.response_rate,
            "median_days_to_response": self.median_days,
            "by_month": self.by_month,
            "by_source": {
                k: {"applied": a, "responded": r} for k, (a, r) in self.by_source.items()
            },
            "weekly_activity": self.weekly,
        }


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def compute(bookmarks: Iterable[Bookmark], today: date) -> Stats:
    out = Stats(funnel={stage: 0 for stage in LADDER}, weekly=[0] * WEEKS)
    months: Counter[str] = Counter()
    sources: dict[str, list[int]] = {}
    first_week = today - timedelta(days=today.weekday()) - timedelta(weeks=WEEKS - 1)
    for b in bookmarks:
        out.total += 1
        steps = [(c.status, _day(c.at)) for c in b.history] or [(b.status, _day(b.saved_at))]
        statuses = {s for s, _ in steps} | {b.status}
        top = max((LADDER.index(s) for s in statuses if s in LADDER), default=0)
        if statuses & ANSWERS:
            top = max(top, LADDER.index("applied"))  # answered: it was applied to
        for i, stage in enumerate(LADDER):
            if i <= top:
                out.funnel[stage] += 1
        out.rejected += "rejected" in statuses
        out.withdrawn += "withdrawn" in statuses
        applied_on = next((d for s, d in steps if s == "applied" and d), None)
        answer = next(
            (d for s, d in steps if s in ANSWERS and d and (applied_on is None or d >= applied_on)),
            None,
        )
        applied = top >= LADDER.index("applied")
        responded = applied and bool(statuses & ANSWERS)
        out.responded += responded
        if applied_on and answer:
            out.days_to_response.append((answer - applied_on).days)
        # The month of an application the funnel counts: the day it was applied to, else
        # the first day it was further on (set straight to interviewing, or answered).
        reached = applied_on or next(
            (d for s, d in steps if d and (s in ANSWERS or _at_least_applied(s))), None
        )
        if applied and reached:
            months[reached.strftime("%Y-%m")] += 1
        if applied:
            folder = Path(source_file(b.source)).parent.name or "(unknown)"
            counts = sources.setdefault(folder, [0, 0])
            counts[0] += 1
            counts[1] += responded
        for day in [_day(b.saved_at), *(d for _, d in steps), *(_day(n.at) for n in b.notes)]:
            if day is not None and first_week <= day <= today:
                out.weekly[(day - first_week).days // 7] += 1
    out.by_month = dict(sorted(months.items()))
    out.by_source = {k: (v[0], v[1]) for k, v in sorted(sources.items())}
    return out


def _at_least_applied(status: str) -> bool:
    return status in LADDER and LADDER.index(status) >= LADDER.index("applied")


def bar(value: int, most: int, width: int = 30) -> str:
    """A horizontal bar `value` long on a scale where `most` fills `width` cells (eighths)."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + ("" if not part else " ▏▎▍▌▋▊▉"[part])


def sparkline(values: list[int]) -> str:
    """One block per value, its height on the scale of the largest."""
    most = max(values, default=0)
    if most <= 0:
        return BLOCKS[0] * len(values)
    return "".join(BLOCKS[min(7, round(v / most * 7))] for v in values)


def pictures(s: Stats) -> list[str]:
    """The statistics as lines of text with bars and a sparkline."""
    if not s.total:
        return ["No applications yet: bookmark postings and set their status (a in the app)."]
    lines = ["Funnel (applications that reached each stage)"]
    most = max(s.funnel.values(), default=0)
    for stage in LADDER:
        n = s.funnel.get(stage, 0)
        lines.append(f"  {stage:<13}{n:>5}  {bar(n, most)}")
    lines.append(f"  {'rejected':<13}{s.rejected:>5}  {bar(s.rejected, most)}")
    if s.withdrawn:
        lines.append(f"  {'withdrawn':<13}{s.withdrawn:>5}  {bar(s.withdrawn, most)}")
    rate = s.response_rate
    lines.append("")
    lines.append(
        "Response rate: "
        + (
            f"{rate:.0%} ({s.responded} of {s.funnel['applied']} applied)"
            if rate is not None
            else "—"
        )
    )
    median = s.median_days
    lines.append(
        "Median days from applying to the first answer: "
        + (f"{median:g} (of {len(s.days_to_response)})" if median is not None else "—")
    )
    lines.append("")
    lines.append(f"Activity, last {WEEKS} weeks: {sparkline(s.weekly)}  ({sum(s.weekly)} changes)")
    if s.by_month:
        lines += ["", "Applications by month"]
        most = max(s.by_month.values())
        lines += [f"  {m}  {n:>4}  {bar(n, most, 20)}" for m, n in s.by_month.items()]
    if s.by_source:
        lines += ["", "By source folder (applied, answered)"]
        width = max(len(k) for k in s.by_source)
        lines += [f"  {k:<{width}}  {a:>4}  {r:>4}" for k, (a, r) in s.by_source.items()]
    return lines
