"""Dates as boards write them: YAML dates, epoch seconds or milliseconds, ISO and common strings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from jobtui.postings.extract.fields import kind

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d %b, %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d-%b-%Y",
    "%d-%B-%Y",
    "%Y%m%d",
)
_ORDINAL_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\b)?", re.I)
"""`March 5th, 2026`, `1st of May 2026`: the day's number without its suffix."""
_MONTH_DOT_RE = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?", re.I)
"""`Nov. 1, 2026`, `Sept 5, 2026`: the three-letter abbreviation `%b` reads."""


_YEAR_FIRST_RE = re.compile(
    r"(\d{4})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日?"
    r"|(\d{4})[ \t]*년[ \t]*(\d{1,2})[ \t]*월[ \t]*(\d{1,2})[ \t]*일?"
    r"|(\d{4})\.[ \t]?(\d{1,2})\.[ \t]?(\d{1,2})\.?"
)
"""A day written year first in Japanese, Chinese or Korean (`2026年3月4日`, `2026년 3월 4일`,
`2026. 3. 4.`)."""


EARLIEST = date(1990, 1, 1)
"""No posting on disk is older than this: an earlier date is a typo or something else."""
LATEST = date(2100, 12, 31)
"""Nor is one dated after this (the epoch timestamps read go to 2103)."""

_ISO_RE = re.compile(r"(\d{4,})-(\d{1,2})-(\d{1,2})")
# What may follow an ISO date: a time, and an offset from UTC whose hours are checked.
_ISO_TIME_RE = re.compile(
    r"(?:[Tt]|\s+)(\d{1,2}):(\d\d)(?::(\d\d)(?:\.\d*)?)?\s*(?:Z|[-+](\d{1,2})(?::?(\d\d))?)?\s*$"
)


def parse_date(value: Any) -> date | None:
    """Dates as boards write them: YAML dates, epoch seconds or ms, ISO and common strings.

    None for a value not written as a date (`ASAP`, `05/06/2026`, which could be either day);
    raises ValueError for one that is, but names no day a posting can have: `2024-13-45`, year 0
    or 99999, an offset of -99:00, a timestamp of 1e300, a day before EARLIEST or after LATEST.
    """
    day = _read_date(value)
    if day is not None and not EARLIEST <= day <= LATEST:
        raise ValueError(f"{day.isoformat()} is out of range for a posting date")
    return day


def _read_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"{kind(value)}, not a date")
    if not isinstance(value, str) or re.fullmatch(r"\d{9,13}", value.strip()):
        stamp = float(value) if isinstance(value, str) else value
        # Compared before any arithmetic: a 400-digit int divided would overflow, NaN fails both.
        if 1e11 < stamp < 4.2e12:  # milliseconds
            return datetime.fromtimestamp(stamp / 1000, tz=UTC).date()
        if 1e8 < stamp < 4.2e9:
            return datetime.fromtimestamp(stamp, tz=UTC).date()
        raise ValueError("a number, but not a timestamp between 1973 and 2103")
    text = value.strip().strip("\"'")
    m = _ISO_RE.match(text)
    if m:
        day = date(int(m[1]), int(m[2]), int(m[3]))  # ValueError for month 13, year 0...
        when = _ISO_TIME_RE.match(text, m.end())
        if when:
            hour, minute, second, tz_hour, tz_minute = (int(g or 0) for g in when.groups())
            if hour > 24 or minute > 59 or second > 60:
                raise ValueError(f"no such time of day: {text[m.end() :].strip()}")
            if tz_hour > 23 or tz_minute > 59:
                raise ValueError("offset from UTC out of range")
        return day
    year_first = _YEAR_FIRST_RE.fullmatch(text)
    if year_first:  # `2026年3月4日`, `2026년 3월 4일`, `2026. 3. 4.`
        year, month, day_ = (int(g) for g in year_first.groups() if g)
        return date(year, month, day_)  # ValueError for 2月30日
    dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if dotted:  # `05.03.2026`: written day first wherever dots are used
        day_, month, year = map(int, dotted.groups())
        return date(year, month, day_)  # ValueError for 31.02
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if numeric:
        first, second, year = map(int, numeric.groups())
        order = month_and_day(first, second)
        if order is None:
            return None
        return date(year, *order)  # ValueError for 31/02
    text = _MONTH_DOT_RE.sub(lambda m: m[1][:3], _ORDINAL_RE.sub(r"\1", text))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def month_and_day(first: int, second: int) -> tuple[int, int] | None:
    """(month, day) of two numbers written in either order (`14/10`, `10/14`), when it can be
    told: a number above 12 is the day, and equal numbers are the same date either way;
    `05/06` could be either, and stays unknown rather than guessed."""
    if first == second or second > 12 >= first:
        return first, second
    if first > 12 >= second:
        return second, first
    return None
