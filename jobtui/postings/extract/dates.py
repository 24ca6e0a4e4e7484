"""Dates as boards write them: YAML dates, epoch seconds or milliseconds, ISO and common strings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y%m%d",
)


def parse_date(value: Any) -> date | None:
    """Dates as boards write them: YAML dates, epoch seconds or ms, ISO and common strings."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (
        isinstance(value, str) and re.fullmatch(r"\d{9,13}", value.strip())
    ):
        stamp = float(value)
        if stamp > 1e11:  # milliseconds
            stamp /= 1000
        if 1e8 < stamp < 4.2e9:
            return datetime.fromtimestamp(stamp, tz=UTC).date()
        return None
    text = str(value).strip().strip("\"'")
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    if numeric:
        first, second, year = map(int, numeric.groups())
        order = month_and_day(first, second)
        if order is None:
            return None
        try:
            return date(year, *order)
        except ValueError:
            return None
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
