"""Dates from where a file lives: dated folders (`2024/07/15/`, `2024-07/`) and names
(`2018-06-05-back-end-dev.md`, `jobs-2023-11.md`), for postings that state no date themselves.

Only the path below the loaded root is read, never modification times (a clone resets them).
A day is preferred to a month; a month stands for its first day and is marked as such. A year
alone is not a date: it would put every posting of that year on 1 January and mislead the
newest-first order and `posted:<6m` by up to a year, and a bare `2019` is as often a course,
a season or a catalogue number. Dates before 1990 or after tomorrow are refused, and so are
numbers that read like versions (`v2024.1.2`, `1.2024.07.15`) or run into letters and digits.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from jobtui.postings.extract.dates import EARLIEST, month_and_day
from jobtui.postings.extract.names import strip_extension

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MON = (
    r"(?<![a-z])(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
_Y = r"(?P<y>(?:19|20)\d\d)"
# A date must stand apart: no letter or digit against it, and no `1.` before it or `.1` after
# it, which is how version numbers look. `T` and a digit may follow (an ISO timestamp).
_L = r"(?<![a-z0-9])(?<![0-9][.,])"
_R = r"(?=$|t\d|[^a-z0-9])(?![.,]\d)"
_SEP = r"(?P<s>[-_. ])"

# (regex, whole day?) in order of preference within one name.
_IN_NAME: list[tuple[re.Pattern[str], bool]] = [
    (re.compile(rf"{_L}{_Y}{_SEP}(?P<m>\d\d?)(?P=s)(?P<d>\d\d?){_R}"), True),
    (re.compile(rf"{_L}{_Y}(?P<m>\d\d)(?P<d>\d\d){_R}"), True),
    (re.compile(rf"{_L}(?P<a>\d\d?){_SEP}(?P<b>\d\d?)(?P=s){_Y}{_R}"), True),
    (re.compile(rf"{_L}(?P<d>\d\d?)(?:st|nd|rd|th)?[-_. ]?{_MON}[-_., ]*{_Y}{_R}"), True),
    (re.compile(rf"{_MON}[-_. ]?(?P<d>\d\d?)(?:st|nd|rd|th)?,?[-_. ]+{_Y}{_R}"), True),
    (re.compile(rf"{_L}{_Y}[-_. ]?{_MON}[-_. ]?(?P<d>\d\d?){_R}"), True),
    (re.compile(rf"{_L}{_Y}(?P<s>[-_.])(?P<m>\d\d){_R}(?![-_. ]\d)"), False),
    (re.compile(rf"{_MON}[-_., ]*{_Y}{_R}"), False),
    (re.compile(rf"{_L}{_Y}[-_. ]?{_MON}"), False),
]
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_NUMBER_RE = re.compile(r"\d\d?")
_MONTH_RE = re.compile(_MON)


class PathDate(NamedTuple):
    """A date read from a path, and whether it names a day or only a month (its first day)."""

    day: date
    """The date; the first of the month when only a month is known."""
    whole_day: bool
    """False when the path gives only a month."""


def _build(y: str | int, m: str | int, d: str | int, today: date) -> date | None:
    try:
        found = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return found if EARLIEST <= found <= today + timedelta(days=1) else None


def _from_match(m: re.Match[str], whole_day: bool, today: date) -> date | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    if groups.get("s") == "." and any(len(groups.get(g, "00")) < 2 for g in "mdab"):
        return None  # `2024.1.2` is a version; a dotted date pads its numbers
    if "mon" in groups:
        month, day = _MONTHS[groups["mon"][:3]], int(groups.get("d", 1))
    elif "a" in groups:  # day and month in either order: only when it can be told
        order = month_and_day(int(groups["a"]), int(groups["b"]))
        if order is None:
            return None
        month, day = order
    else:
        month, day = int(groups["m"]), int(groups.get("d", 1))
    return _build(groups["y"], month, day if whole_day else 1, today)


def _in_name(name: str, today: date) -> list[PathDate]:
    found: list[PathDate] = []
    for pattern, whole_day in _IN_NAME:
        for m in pattern.finditer(name):
            when = _from_match(m, whole_day, today)
            if when:
                found.append(PathDate(when, whole_day))
    return found


def _across_folders(parts: list[str], i: int, today: date) -> PathDate | None:
    """`2024/07/15/...`, `2024/jul/...`, `2024/07.md`: a year folder, then a month, then a day.

    A day is only taken from a folder: `2024/07/3.md` is more often the third posting of July
    than one posted on the 3rd, and a month in a file name must be two digits or a name.
    """
    last = len(parts) - 1
    if i >= last or not _YEAR_RE.fullmatch(parts[i]):
        return None
    part = parts[i + 1]
    mon = _MONTH_RE.fullmatch(part)
    if mon:
        month = _MONTHS[mon["mon"][:3]]
    elif _NUMBER_RE.fullmatch(part) and (i + 1 < last or len(part) == 2):
        month = int(part)
    else:
        return None
    if i + 2 < last and _NUMBER_RE.fullmatch(parts[i + 2]):
        when = _build(parts[i], month, parts[i + 2], today)
        if when:
            return PathDate(when, True)
    when = _build(parts[i], month, 1, today)
    return PathDate(when, False) if when else None


def date_from_path(path: str, today: date | None = None) -> PathDate | None:
    """The most specific date in a relative path (folders and file name), or None.

    A day beats a month; between equals, the one nearest the file wins.
    """
    if _YEAR_RE.search(path) is None:  # every date read here has a year (most paths: none)
        return None
    today = today or date.today()
    parts = [p for p in path.replace("\\", "/").casefold().split("/") if p not in ("", ".")]
    if not parts:
        return None
    parts[-1] = strip_extension(parts[-1])
    best: tuple[bool, int, PathDate] | None = None
    for depth, part in enumerate(parts):
        in_name = _in_name(part, today)
        candidates = [(depth, found) for found in in_name]
        across = _across_folders(parts, depth, today)
        if across:
            candidates.append((depth + 1 + across.whole_day, across))
        if depth + 2 < len(parts) and _NUMBER_RE.fullmatch(parts[depth + 1]):
            # `2024-07/15/`: a month folder and a day folder under it
            for month in (found for found in in_name if not found.whole_day):
                when = _build(month.day.year, month.day.month, parts[depth + 1], today)
                if when:
                    candidates.append((depth + 1, PathDate(when, True)))
        for where, found in candidates:
            if best is None or (found.whole_day, where) > best[:2]:
                best = (found.whole_day, where, found)
    return best[2] if best else None
