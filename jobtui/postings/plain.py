"""Postings as plain data and back: lists, dicts, strings, numbers, booleans and None, the types
JSON has, so the load cache stores data and never code.

What comes back is not trusted: the cache folder may be shared, a file may be cut short or
edited. `posting_from_plain` checks the type of every value and raises ValueError for anything
a loaded posting could not hold, so the caller parses that file again instead.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from datetime import date, datetime
from typing import Any, get_args

from jobtui.postings.model import Origin, Posting, Salary
from jobtui.postings.money import PER_YEAR
from jobtui.postings.readers import FORMATS as READ_FORMATS
from jobtui.postings.text import has_controls

_FIELDS = (
    "id",
    "title",
    "company",
    "location",
    "remote",
    "salary",
    "tags",
    "posted",
    "url",
    "body",
    "meta",
    "origins",
    "digest",
    "format",
)
"""The order of a posting's values in its plain form. The source is not among them: it is the
file the cache entry belongs to, so an entry cannot claim another file."""

_ORIGINS: frozenset[str] = frozenset(get_args(Origin))
_ORIGIN_FIELDS = frozenset(Posting.__dataclass_fields__)
"""An origin is given for a field of the record."""
_OPTIONAL_TEXT = frozenset({str, type(None)})
_OPTIONAL_BOOL = frozenset({bool, type(None)})
_HEX_RE = re.compile(r"[0-9a-f]{1,64}")
FORMATS = frozenset({"markdown", *READ_FORMATS})
"""The formats a posting may come from."""
_TAG = "\x00"
"""The key of a one-key object that stands for a value JSON has no type for:
`{"\\u0000": ["date", "2024-03-01"]}`. A mapping that has this key itself is written tagged."""
_META_DEPTH = 60
"""Deeper meta than the loader lets through (50 levels) is damage, not front matter."""
_LEAVES = frozenset({str, int, bool, type(None)})
"""The JSON types that stand for themselves in front matter."""


def posting_to_plain(posting: Posting) -> list[Any]:
    """The posting as a list of plain values, in the order of `_FIELDS`."""
    salary = posting.salary
    return [
        posting.id,
        posting.title,
        posting.company,
        posting.location,
        posting.remote,
        None if salary is None else [salary.min, salary.max, salary.currency, salary.period],
        list(posting.tags),
        None if posting.posted is None else posting.posted.isoformat(),
        posting.url,
        posting.body,
        meta_to_plain(dict(posting.meta)),
        dict(posting.origins),
        posting.digest,
        posting.format,
    ]


def posting_from_plain(data: Any, source: str) -> Posting:
    """The posting `posting_to_plain` gave, for the file `source`. Raises ValueError (or
    TypeError) when the data is not exactly such a posting: a value of the wrong type, a NaN,
    an unknown origin, a control character in the body."""
    if type(data) is not list or len(data) != len(_FIELDS):
        raise ValueError("not a posting")
    (
        pid,
        title,
        company,
        location,
        remote,
        salary,
        tags,
        posted,
        url,
        body,
        meta,
        origins,
        digest,
        kind,
    ) = data
    # json.loads builds exact types, so `type(...) is` checks suffice, and are quick.
    if not (
        type(title) is str
        and title
        and type(body) is str
        and type(company) in _OPTIONAL_TEXT
        and type(location) in _OPTIONAL_TEXT
        and type(url) in _OPTIONAL_TEXT
        and type(posted) in _OPTIONAL_TEXT
        and type(remote) in _OPTIONAL_BOOL
        and type(tags) is list
        and all(type(t) is str for t in tags)
        and type(origins) is dict
        and _ORIGIN_FIELDS.issuperset(origins)
        and _ORIGINS.issuperset(origins.values())
        and type(pid) is str
        and _HEX_RE.fullmatch(pid)
        and type(digest) is str
        and _HEX_RE.fullmatch(digest)
        and kind in FORMATS
    ):
        raise ValueError("a value of the wrong type")
    if has_controls(body):
        raise ValueError("a control character in the body")  # the loader strips them all
    meta = meta_from_plain(meta)
    if type(meta) is not dict:
        raise ValueError("meta is not a mapping")
    return Posting(
        id=pid,
        source=source,
        title=title,
        company=company,
        location=location,
        remote=remote,
        salary=None if salary is None else _salary(salary),
        tags=tuple(tags),
        posted=None if posted is None else date.fromisoformat(posted),
        url=url,
        body=body,
        meta=meta,
        origins=origins,
        digest=digest,
        format=kind,
    )


def _expect(value: Any, kind: Any) -> None:
    if not isinstance(value, kind):
        raise ValueError(f"{type(value).__name__} where {kind} belongs")


def _salary(data: Any) -> Salary:
    if not isinstance(data, list) or len(data) != 4:
        raise ValueError("not a salary")
    lo, hi, currency, period = data
    _expect(currency, str | None)
    if period is not None and period not in PER_YEAR:
        raise ValueError("not a pay period")
    if lo is None and hi is None:
        raise ValueError("a salary without an amount")
    try:
        return Salary(lo, hi, currency, period)  # checks the amounts: finite, not negative
    except TypeError as exc:
        raise ValueError(str(exc)) from None


# --- front matter as it was parsed --------------------------------------------------------------


def meta_to_plain(value: Any) -> Any:
    """Parsed front matter (what YAML's safe loader builds) as JSON values; the types JSON
    lacks (dates, bytes, sets, tuples, mappings with other keys than text) as tagged objects.
    Raises ValueError for anything else, such as a NaN (the loader lets none through)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("a NaN or an infinity")
        return value
    if isinstance(value, list):
        return [meta_to_plain(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and _TAG not in value:
            return {k: meta_to_plain(v) for k, v in value.items()}
        pairs = [[meta_to_plain(k), meta_to_plain(v)] for k, v in value.items()]
        return {_TAG: ["dict", pairs]}
    if isinstance(value, datetime):  # before date: a datetime is a date
        return {_TAG: ["datetime", value.isoformat()]}
    if isinstance(value, date):
        return {_TAG: ["date", value.isoformat()]}
    if isinstance(value, bytes):
        return {_TAG: ["bytes", base64.b64encode(value).decode("ascii")]}
    if isinstance(value, tuple):
        return {_TAG: ["tuple", [meta_to_plain(v) for v in value]]}
    if isinstance(value, set):
        return {_TAG: ["set", [meta_to_plain(v) for v in value]]}
    raise ValueError(f"{type(value).__name__} in front matter")


def meta_from_plain(value: Any, depth: int = 0) -> Any:
    """What `meta_to_plain` was given. Raises ValueError for anything it does not write."""
    kind = type(value)  # what json.loads builds: exact types, no subclasses
    if kind in _LEAVES:
        return value
    if kind is float:
        if not math.isfinite(value):  # JSON's 1e400 reads as an infinity
            raise ValueError("a NaN or an infinity")
        return value
    if depth >= _META_DEPTH:
        raise ValueError("front matter nested too deep")
    if kind is list:
        return [v if type(v) in _LEAVES else meta_from_plain(v, depth + 1) for v in value]
    if kind is not dict:
        raise ValueError(f"{kind.__name__} in front matter")
    if _TAG not in value:
        return {
            k: v if type(v) in _LEAVES else meta_from_plain(v, depth + 1) for k, v in value.items()
        }
    tagged = value[_TAG]
    if len(value) != 1 or not isinstance(tagged, list) or len(tagged) != 2:
        raise ValueError("a malformed tagged value")
    tag, payload = tagged
    if tag in ("datetime", "date", "bytes"):
        _expect(payload, str)
        if tag == "datetime":
            return datetime.fromisoformat(payload)
        if tag == "date":
            return date.fromisoformat(payload)
        try:
            return base64.b64decode(payload, validate=True)
        except binascii.Error as exc:
            raise ValueError(str(exc)) from None
    _expect(payload, list)
    items = [meta_from_plain(v, depth + 1) for v in payload]
    if tag == "tuple":
        return tuple(items)
    if tag == "set":
        return set(_hashable(items))
    if tag == "dict":
        if not all(isinstance(p, list) and len(p) == 2 for p in items):
            raise ValueError("a malformed mapping")
        return dict(zip(_hashable([p[0] for p in items]), (p[1] for p in items), strict=True))
    raise ValueError(f"unknown tag {tag!r}")


def _hashable(items: list[Any]) -> list[Any]:
    """The items, when each can be a key or a set member (no list or mapping in them)."""
    try:
        set(items)
    except TypeError:
        raise ValueError("a key that is a list or a mapping") from None
    return items
