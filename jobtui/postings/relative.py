"""Relative dates: spans read (`3d`, `+2w`, `6m`, `1y`, `tomorrow`) and ages written (`5w`).

One reader serves every place a person types a relative date: a follow-up (`+3d`) and a query
(`posted:<30d`) mean the same by the same words.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "mo": 30, "y": 365}
"""Days in each unit of an age in a query (a month is 30 days, a year 365). A day a person
sets (`parse_day`: a follow-up `+6m`) counts months and years on the calendar."""
_SPAN_RE = re.compile(r"\+?(\d+)\s*(mo|d|w|m|y)", re.I)


def shift(day: date, days: int) -> date:
    """The day `days` after (or before, when negative) `day`; ValueError past the calendar
    (the year 9999) instead of an OverflowError."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise ValueError(f"{abs(days):,} days is beyond the calendar") from None


def span_days(text: str) -> int | None:
    """The days in a span such as `30d`, `+2w`, `6m` or `1y`; None when it is not one."""
    m = _SPAN_RE.fullmatch(text.strip())
    return int(m.group(1)) * UNIT_DAYS[m.group(2).lower()] if m else None


def parse_day(text: str, today: date) -> date | None:
    """A day typed by a person: `2026-12-01`, `+3d`, `2w`, `today`, `tomorrow`; None for an
    empty answer. Raises ValueError for anything else."""
    text = text.strip().lower()
    if not text:
        return None
    if text in ("today", "tomorrow"):
        return today + timedelta(days=text == "tomorrow")
    m = _SPAN_RE.fullmatch(text)
    if m is not None:
        count, unit = int(m.group(1)), m.group(2)
        if unit in ("d", "w"):
            return shift(today, count * UNIT_DAYS[unit])
        return add_months(today, count * (12 if unit == "y" else 1))
    return date.fromisoformat(text)


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day when it is shorter
    (a follow-up `+1m` from 31 January is 28 or 29 February, `+1y` from 29 February the
    28th); ValueError past the year 9999."""
    import calendar

    month = day.month - 1 + months
    year = day.year + month // 12
    if not 1 <= year <= 9999:
        raise ValueError(f"{months:,} months is beyond the calendar")
    month = month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


_TIME_RE = re.compile(r"(?:^|\s|T)([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$", re.I)


def parse_when(text: str, today: date) -> datetime | date:
    """A day with an optional time of day, as a person types an interview: `2026-12-01 14:00`,
    `2026-12-01T14:00`, `tomorrow 9:30`, `+3d 16h00`, or a day alone (`2026-12-01`, `+1w`).
    Raises ValueError for anything else, and for an empty text."""
    text = text.strip()
    m = _TIME_RE.search(text)
    clock = None
    if m:
        clock = time(int(m.group(1)), int(m.group(2)))
        text = text[: m.start()].strip()
    day = parse_day(text, today) if text else None
    if day is None:
        raise ValueError(f"not a day: {text!r}")
    return datetime.combine(day, clock) if clock is not None else day


def age(posted: date | None, today: date | None = None) -> str:
    """Compact age for a list row: `today`, `3d`, `5w`, `2mo`, `3y`; empty when unknown."""
    if posted is None:
        return ""
    days = ((today or date.today()) - posted).days
    if days < 0:
        return "new"
    if days == 0:
        return "today"
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"
