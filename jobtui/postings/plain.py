"""Front matter as plain data and back: lists, dicts, strings, numbers, booleans and None, the
types JSON has, so the load store keeps data and never code (`stored` keeps the rest of a
posting in columns of their own).

What comes back is not trusted: the cache folder may be shared, a file may be cut short or
edited. `meta_from_plain` checks every value and raises ValueError for anything the loader
does not write, so the caller reads that file again instead.
"""

from __future__ import annotations

import base64
import binascii
import math
from datetime import date, datetime
from typing import Any

from jobtui.postings.readers import FORMATS as READ_FORMATS

FORMATS = frozenset({"markdown", *READ_FORMATS})
"""The formats a posting may come from."""
_TAG = "\x00"
"""The key of a one-key object that stands for a value JSON has no type for:
`{"\\u0000": ["date", "2024-03-01"]}`. A mapping that has this key itself is written tagged."""
_META_DEPTH = 60
"""Deeper meta than the loader lets through (50 levels) is damage, not front matter."""
_LEAVES = frozenset({str, int, bool, type(None)})
"""The JSON types that stand for themselves in front matter."""


def _expect(value: Any, kind: Any) -> None:
    if not isinstance(value, kind):
        raise ValueError(f"{type(value).__name__} where {kind} belongs")


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
