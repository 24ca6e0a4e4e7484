"""The posting record: what the loader produces and every other part of jobtui consumes."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

from jobtui.postings.text import clean_field

Origin = Literal[
    "front matter", "heading", "body", "file name", "path", "path month", "board", "guessed"
]
"""Where an extracted field was found, from most to least trustworthy.

`front matter` and `heading` are stated by the posting; `body` is read from its running text;
`file name` and `path` come from where the file lives (`path month`: only a month was there, so
the date is the first of that month); `board` is implied by the job board a posting was read
from (a company named after the board); `guessed` is inferred from what the posting does not say
(a place with no word about remote work is taken as on-site).
"""

STATED: frozenset[Origin] = frozenset({"front matter", "heading"})
"""Origins where the posting states the field; every other origin is read into it."""

_NOTES: dict[Origin, str] = {
    "body": "from body",
    "file name": "from file name",
    "path": "from path",
    "path month": "from path, month only",
    "board": "from the board",
    "guessed": "guessed",
}


def origin_note(origin: Origin | None) -> str | None:
    """How to qualify a value that was not stated: `from body`, `guessed`; None when stated."""
    return _NOTES.get(origin) if origin is not None else None


STATUSES = ("saved", "applied", "interviewing", "offer", "rejected", "withdrawn")
"""Where an application stands, in the order the shortlist groups them."""


def check_status(status: str) -> str:
    """The status itself when it is one of STATUSES; raises ValueError saying which are."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}")
    return status


def remote_label(remote: bool | None, hybrid: bool = False) -> str:
    """How a remote flag reads: `remote`, `on-site`, `hybrid` or `unknown`."""
    if hybrid:
        return "hybrid"
    return {True: "remote", False: "on-site", None: "unknown"}[remote]


class UnknownId(LookupError):
    """No id starts with the prefix given."""


class AmbiguousId(LookupError):
    """Several ids start with the prefix given."""

    def __init__(self, prefix: str, count: int) -> None:
        super().__init__(prefix, count)
        self.count = count
        """How many ids start with the prefix."""


def resolve_id(prefix: str, ids: Iterable[str]) -> str:
    """The id equal to `prefix`, else the only one starting with it (ids may be shortened).
    Raises UnknownId or AmbiguousId."""
    found: list[str] = []
    for key in ids:
        if key == prefix:
            return key
        if prefix and key.startswith(prefix):
            found.append(key)
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnknownId(prefix)
    raise AmbiguousId(prefix, len(found))


@dataclass(frozen=True, slots=True)
class Salary:
    """A pay range as the posting states it, in its own currency and period.

    For sort and filter use `money.comparable` (and `money.describe` for the detail pane), which makes it yearly and puts it in one
    currency; this record keeps what was written.
    """

    min: float | None
    """Lower bound, or None when only an upper bound is given (`up to $90k`)."""
    max: float | None
    """Upper bound; equal to min for a single figure, None when only a lower bound is given
    (`from £40k`, `$100,000+`)."""
    currency: str | None
    """ISO 4217 code such as USD or EUR, None when the posting does not say."""
    period: str | None
    """hour, day, week, month or year; None when it cannot be told."""
    period_guessed: bool = field(default=False, compare=False)
    """The posting did not say the period: it was guessed from the amount (a year for a figure
    only a year's pay reaches, `$120,000`)."""

    @property
    def top(self) -> float:
        """The figure filters compare: the maximum, or the minimum when there is no maximum."""
        return self.max if self.max is not None else (self.min or 0.0)

    def __post_init__(self) -> None:
        # A bound is an amount or unknown: never NaN, an infinity or a negative (they would
        # reach JSON output and sorting), so such a salary cannot be made at all.
        for name in ("min", "max"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, amount(value))
        # A currency is a three-letter code or unknown: never text a posting smuggled in.
        code = self.currency
        if code is not None and not (len(code) == 3 and code.isascii() and code.isalpha()):
            object.__setattr__(self, "currency", None)
        elif code is not None and not code.isupper():
            object.__setattr__(self, "currency", code.upper())
        # A period is one of the five, or unknown.
        if self.period is not None and self.period not in PERIODS:
            object.__setattr__(self, "period", None)
        if self.period is None and self.period_guessed:
            object.__setattr__(self, "period_guessed", False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "period_guessed": self.period_guessed,
        }

    @classmethod
    def from_dict(cls, value: Any) -> Salary | None:
        """A salary from `as_dict()` output (as a bookmark keeps it); None for anything else."""
        if not isinstance(value, Mapping):
            return None
        lo, hi = value.get("min"), value.get("max")
        currency, period = value.get("currency"), value.get("period")
        if lo is None and hi is None:
            return None
        try:
            return cls(
                lo,
                hi,
                currency if isinstance(currency, str) else None,
                period if isinstance(period, str) else None,
                value.get("period_guessed") is True,
            )
        except (TypeError, ValueError):
            return None

    def written(self) -> str:
        """`51,850–171,450 USD a year`, `up to 90,000 CHF a year`, `from 40 GBP an hour`."""
        text = bounds((self.min, self.max), _full)
        if self.currency:
            text += f" {self.currency}"
        if self.period:
            text += f" a{'n' if self.period == 'hour' else ''} {self.period}"
            if self.period_guessed:
                text += " (guessed from the amount)"
        return text

    def short(self, tight: bool = False) -> str:
        """Compact form for a list row: `$52k–171k`, `€45/h`, `£40k+`, `≤$90k`, `CHF 90k–110k`.
        With `tight`, a range whose ends share their unit writes it once (`CHF 90–110k`), for a
        row too narrow for the compact form: as true, one character shorter."""
        symbol = _SHORT_SYMBOLS.get(self.currency or "")
        prefix = symbol or (f"{self.currency} " if self.currency else "")
        lo, hi = self.min, self.max
        if lo is not None and hi is not None:
            low, high = compact(lo), compact(hi)
            if tight and lo != hi and low[-1:] == high[-1:] and low[-1:] in ("k", "M"):
                low = low[:-1]
            text = prefix + (low if lo == hi else f"{low}–{high}")
        elif lo is not None:
            text = f"{prefix}{compact(lo)}+"
        else:
            text = f"≤{prefix}{compact(hi or 0.0)}"
        return text + _SHORT_PERIODS.get(self.period or "", "")


def amount(value: object) -> float:
    """A sum of money as a float: a finite number, not negative. Raises TypeError for what is not
    a number (a yes/no value included) and ValueError for NaN, an infinity, a negative or an
    integer too large for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{type(value).__name__}, not an amount")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError("too large for an amount") from None
    if not math.isfinite(number):
        raise ValueError(f"{number} is not an amount")
    if number < 0:
        raise ValueError("a negative amount")
    return number


_SHORT_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
PERIODS = ("hour", "day", "week", "month", "year")
"""The pay periods a salary can have."""
_SHORT_PERIODS = {"hour": "/h", "day": "/d", "week": "/wk", "month": "/mo"}


def _full(v: float) -> str:
    """`51,850`, `22.5`: every digit, with thousands separators."""
    return f"{v:,.2f}".rstrip("0").rstrip(".") if v % 1 else f"{v:,.0f}"


def compact(v: float) -> str:
    """`52k`, `4.5k`, `1.2M`, `45`: short enough for a list row."""
    if v >= 1_000_000:
        return f"{v / 1_000_000:.1f}".removesuffix(".0") + "M"
    if v >= 10_000:
        return f"{v / 1000:.0f}k"
    if v >= 1000:
        return f"{v / 1000:.1f}".removesuffix(".0") + "k"
    return f"{v:g}"


def bounds(pair: tuple[float | None, float | None], fmt: Callable[[float], str]) -> str:
    lo, hi = pair
    if lo is not None and hi is not None:
        return fmt(lo) if lo == hi else f"{fmt(lo)}–{fmt(hi)}"
    if lo is not None:
        return f"from {fmt(lo)}"
    return f"up to {fmt(hi)}" if hi is not None else "?"


@dataclass(frozen=True, slots=True)
class Posting:
    """One job posting, cleaned and with its fields extracted."""

    id: str
    """Stable identifier: a hash of the content and the path relative to the loaded root (for a
    file of many postings, of that path and the posting's own id there: edits keep it)."""
    source: str
    """Path of the file it came from; for a file of many postings, the path, `#` and the
    posting's own id there (`boards/acme.json#4012345`; see `source_file`)."""
    title: str
    """The job title; falls back to the file name (its folder's for README.md), never empty."""
    company: str | None
    """Hiring company, None when the posting never names it."""
    location: str | None
    """Where the job is, as the posting says it."""
    remote: bool | None
    """True for remote, False for on-site, None when unknown (origins tells stated from guessed)."""
    salary: Salary | None
    """Pay range, None when not stated."""
    tags: tuple[str, ...]
    """Canonical lowercase technology and skill names."""
    posted: date | None
    """Publication date, None when unknown; from the folders or file name when the posting does
    not state it (see origins: `path month` means only the month is known, given as its 1st)."""
    url: str | None
    """Apply or posting link (http, https or mailto)."""
    body: str
    """Cleaned Markdown to display."""
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The original front matter, untouched."""
    origins: Mapping[str, Origin] = field(default_factory=dict, compare=False, hash=False)
    """For each extracted field, where it was found."""
    digest: str = ""
    """Hash of the content alone, so a bookmark can follow a posting that moved."""
    format: str = "markdown"
    """What the posting was read from: `markdown`, or one of the readers' formats (`json-ld`,
    `greenhouse`, `hn`, `rss`...; see `jobtui.postings.readers.FORMATS`)."""
    hybrid: bool = False
    """The posting states a policy between remote and on-site (some days in the office):
    `remote` is then None, and origins["remote"] says where hybrid was read."""

    def __post_init__(self) -> None:
        # Text from postings, and the names of their files, is untrusted: every one-line
        # field is cleaned here, where a record is made, so no reader can forget one. (The
        # body is Markdown that the loader has cleaned already; see text.clean_markdown.)
        for name in ("title", "company", "location", "url", "source"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, clean_field(value))
        if any(not (t.isascii() and t.isprintable()) for t in self.tags):
            object.__setattr__(self, "tags", tuple(filter(None, map(clean_field, self.tags))))
        # Read-only views: a frozen record should not be mutable through its mappings.
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        object.__setattr__(self, "origins", MappingProxyType(dict(self.origins)))

    def __reduce__(self) -> tuple[Any, ...]:
        # Mapping proxies do not pickle (a posting may go to another process): rebuild from dicts.
        values = [getattr(self, f) for f in self.__dataclass_fields__]
        values[list(self.__dataclass_fields__).index("meta")] = dict(self.meta)
        values[list(self.__dataclass_fields__).index("origins")] = dict(self.origins)
        return (Posting, tuple(values))

    @property
    def file(self) -> str:
        """The file the posting was read from: its source without the `#key` of a posting in a
        file of many (keys hold no `#`)."""
        return self.source if self.format == "markdown" else self.source.rpartition("#")[0]

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data (the keys `jobtui list --format json` prints)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "company": self.company,
            "location": self.location,
            "remote": self.remote,
            "hybrid": self.hybrid,
            "salary": self.salary.as_dict() if self.salary else None,
            "tags": list(self.tags),
            "posted": self.posted.isoformat() if self.posted else None,
            "url": self.url,
            "format": self.format,
        }


class Listed:
    """A stored posting as a reopened list reads it (see `listing`): what the list is sorted,
    folded and triaged by, and its record's JSON from its title to its origins (`head`, as
    `records.heads` encoded it when the posting was stored); lighter to make than a posting."""

    __slots__ = ("company", "digest", "head", "id", "posted", "salary", "source", "title")

    id: str
    source: str
    title: str
    company: str | None
    salary: Salary | None
    posted: date | None
    digest: str
    head: str
