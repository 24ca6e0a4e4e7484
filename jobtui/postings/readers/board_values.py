"""Values as the job boards (Greenhouse, Lever, Ashby) write them, made meta values: text,
dates, salaries, the company a board's URL or file name implies, and the loop over jobs."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jobtui.postings.extract.fields import is_placeholder, kind
from jobtui.postings.readers import Item, Read
from jobtui.postings.readers.markup import to_markdown, unescape_html

_SPACE_RE = re.compile(r"\s+")
_ISO_DATE_RE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:$|[T ])")
_CURRENCY_RE = re.compile(r"[A-Za-z]{3}")
_SLUG_RE = re.compile(r"[\w .\-]{1,80}")
_FILE_DATE_RE = re.compile(
    r"[-_ .](?:\d{4}-\d{2}-\d{2}(?:[T_ -]?\d{2}[-:]?\d{2}(?:[-:]?\d{2})?)?|\d{8})$"
)
_BOARD_PREFIX_RE = re.compile(r"^(?:greenhouse|lever|ashby)[-_ .]", re.I)
_GENERIC_NAMES = {"jobs", "job", "postings", "posting", "board", "boards", "export", "data"}
_GENERIC_NAMES |= {"response", "greenhouse", "lever", "ashby", "openings", "careers"}
_EXTRA_PLACEHOLDERS = {"unavailable", "not set", "-1"}
LAST_MS = 253_402_300_799_999
"""The last millisecond of year 9999: a later timestamp is no date."""

JobReader = Callable[[dict[str, Any], str], "Item | str"]
"""Reads one job object (with the file's name) to an Item, or says why it cannot."""


def text(value: Any) -> str | None:
    """A text value with its whitespace folded, or None for anything else (a number, a list,
    a placeholder such as `N/A` or `UNAVAILABLE`)."""
    if not isinstance(value, str):
        return None
    folded = _SPACE_RE.sub(" ", value).strip()
    if not folded or is_placeholder(folded) or folded.casefold() in _EXTRA_PLACEHOLDERS:
        return None
    return folded


def name_of(value: Any) -> str | None:
    """The name of a `{name: ...}` object, or the text itself."""
    if isinstance(value, Mapping):
        return text(value.get("name"))
    return text(value)


def names(value: Any) -> list[str]:
    """The names in a list of `{name}` objects or texts, each once, in order."""
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(n for n in map(name_of, value) if n))


def job_id(value: Any) -> str | None:
    """A board's id for a job: an integer or a non-empty text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(value)


def iso_date(value: Any) -> str | None:
    """The date (`2026-11-20`) an ISO timestamp names, as written at its own offset."""
    if not isinstance(value, str):
        return None
    m = _ISO_DATE_RE.match(value)
    if m is None:
        return None
    try:
        return date.fromisoformat(m.group(1)).isoformat()
    except ValueError:
        return None


def epoch_ms_date(value: Any) -> str | None:
    """The UTC date of a time in milliseconds since 1970 (Lever's `createdAt`)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not (isinstance(value, int) or math.isfinite(value)) or not 0 < value <= LAST_MS:
        return None
    return datetime.fromtimestamp(value / 1000, tz=UTC).date().isoformat()


def money(value: Any) -> int | float | None:
    """An amount: a non-negative finite number, or text that is only one (`"120000"`)."""
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").strip())
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            value = int(value)
    return value if value >= 0 else None


def salary(low: Any, high: Any, currency: Any, period: str | None) -> dict[str, Any] | None:
    """`{min, max, currency, period}` with only what is stated; None when neither bound is an
    amount, when a bound is given but is no amount (the other alone would mislead), or when
    the bounds are the wrong way round."""
    lo, hi = money(low), money(high)
    if (lo is None and low is not None) or (hi is None and high is not None):
        return None
    if (lo is None and hi is None) or (lo is not None and hi is not None and lo > hi):
        return None
    found: dict[str, Any] = {"min": lo, "max": hi}
    if isinstance(currency, str) and _CURRENCY_RE.fullmatch(currency.strip()):
        found["currency"] = currency.strip().upper()
    found["period"] = period
    return {k: v for k, v in found.items() if v is not None}


def html_body(value: Any) -> str:
    """Markdown for a board's HTML field, escaped once, twice or not at all."""
    if not isinstance(value, str) or not value.strip():
        return ""
    return to_markdown(unescape_html(value))


def plain_body(value: Any) -> str:
    """A board's plain-text field as a body part."""
    return value.strip() if isinstance(value, str) else ""


def join_parts(parts: Iterable[str]) -> str:
    """Body parts, the empty ones left out, a blank line between."""
    return "\n\n".join(p for p in parts if p)


def readable(slug: str) -> str | None:
    """A board token or file name as a company name: `acme-robotics` -> `Acme Robotics`;
    words already capitalised stay as written (`AcmeAI`)."""
    words = [w for w in re.split(r"[-_\s.]+", slug) if w]
    if not words or not any(c.isalpha() for c in slug):
        return None
    return " ".join(w.capitalize() if w.islower() else w for w in words)


def board_token(url: Any, hosts: frozenset[str]) -> str | None:
    """The board's token in a job URL on one of `hosts` (`jobs.lever.co/{site}/...`), or in
    Greenhouse's embed URL (`boards.greenhouse.io/embed/job_app?for={token}`)."""
    if not isinstance(url, str) or len(url) > 2000:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if (parts.hostname or "").lower() not in hosts:
        return None
    segments = [s for s in parts.path.split("/") if s]
    token = segments[0] if segments else None
    if token == "embed":
        token = next(iter(parse_qs(parts.query).get("for", [])), None)
    token = unquote(token) if token else None
    return token if token and _SLUG_RE.fullmatch(token) else None


def file_token(name: str) -> str | None:
    """The board a file is named after: `greenhouse-acme.json`, `lever-acme-2026-11-24.json`
    and `acme.json` are all `acme`; a generic name (`jobs.json`) names no board."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = re.sub(r"\.json$", "", stem, flags=re.I)
    stem = _FILE_DATE_RE.sub("", _BOARD_PREFIX_RE.sub("", stem))
    if not _SLUG_RE.fullmatch(stem) or stem.casefold() in _GENERIC_NAMES:
        return None
    return stem


def company(
    stated: Any, urls: Iterable[Any], name: str, hosts: frozenset[str]
) -> tuple[str | None, bool]:
    """The company and whether the board implies it rather than the job stating it: the
    stated name, else the board token in a job URL, else the file's name."""
    named = text(stated)
    if named:
        return named, False
    token = next((t for t in (board_token(u, hosts) for u in urls) if t), None)
    token = token or file_token(name)
    found = readable(token) if token else None
    return found, found is not None


def with_company(meta: dict[str, Any], found: tuple[str | None, bool]) -> frozenset[str]:
    """Put the company in `meta`; the keys the board implies."""
    name, implied = found
    if name:
        meta["company"] = name
    return frozenset({"company"}) if name and implied else frozenset()


def read_jobs(format: str, jobs: Iterable[Any], name: str, read_job: JobReader) -> Read:
    """Every job of a board's file: an object read by `read_job`, anything else a problem;
    keys made unique (a later copy gets `~2`, `~3`...)."""
    items: list[Item] = []
    problems: list[str] = []
    taken: set[str] = set()
    copies: dict[
        str, int
    ] = {}  # the last suffix given to each key: thousands of copies stay linear
    for number, job in enumerate(jobs, 1):
        if not isinstance(job, dict):
            problems.append(f"job {number}: {kind(job)}, not a job")
            continue
        found = read_job(job, name)
        if isinstance(found, str):
            problems.append(f"job {number}: {found}")
            continue
        key, n = found.key, copies.get(found.key, 1)
        while key in taken:
            n += 1
            key = f"{found.key}~{n}"
        copies[found.key] = n
        taken.add(key)
        if key != found.key:
            found = Item(key, found.meta, found.body, found.from_board)
        items.append(found)
    return Read(format, items, problems=problems)


def item_key(*candidates: str | None) -> str:
    """The first of the job's id, URL, title that is known (the title is always known)."""
    return next(c for c in candidates if c)


def meta_without_none(meta: dict[str, Any]) -> dict[str, Any]:
    """`meta` without the keys whose value is not stated (None, empty)."""
    return {k: v for k, v in meta.items() if v not in (None, "", [], {})}
