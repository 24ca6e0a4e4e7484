"""What a fetch brought: the postings added, removed and changed between the file as it was
and the response, each posting known by its own key (as the loader knows it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobtui.postings import readers
from jobtui.postings.readers import Item, NotReadable
from jobtui.postings.text import clean_field

LABEL_MAX = 200
"""The longest title, company or location shown for a change (a hostile board's are longer)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One posting that came, went or changed, as it is shown."""

    key: str
    """The posting's own id within its file."""
    title: str
    """Its title, cleaned for a terminal ('' when it states none)."""
    company: str
    """Its company, cleaned ('' when unknown)."""
    location: str
    """Its location, cleaned ('' when unknown)."""


@dataclass(frozen=True, slots=True)
class Changes:
    """The difference between the previous file and the new one."""

    count: int
    """Postings in the new file."""
    added: list[Change] = field(default_factory=list)
    """Postings only in the new file (all of them on a first fetch)."""
    removed: list[Change] = field(default_factory=list)
    """Postings only in the previous file."""
    changed: list[Change] = field(default_factory=list)
    """Postings in both whose fields or text differ."""
    first: bool = False
    """There was no previous file (or none that could be read)."""


def compare(previous: str | None, new: str, name: str) -> Changes:
    """What changed from `previous` (the file's text before, None when there was none) to
    `new`, both read as a file called `name`. Raises NotReadable when `new` is not readable."""
    after = _by_key(readers.read_text(new, name).items)
    before: dict[str, Item] | None = None
    if previous is not None:
        try:
            before = _by_key(readers.read_text(previous, name).items)
        except NotReadable:
            before = None  # a damaged earlier file: everything counts as new
    if before is None:
        return Changes(len(after), [_change(i) for i in after.values()], first=True)
    return Changes(
        count=len(after),
        added=[_change(i) for k, i in after.items() if k not in before],
        removed=[_change(i) for k, i in before.items() if k not in after],
        changed=[
            _change(i)
            for k, i in after.items()
            if k in before and (before[k].meta, before[k].body) != (i.meta, i.body)
        ],
    )


def _by_key(items: list[Item]) -> dict[str, Item]:
    found: dict[str, Item] = {}
    for item in items:
        found.setdefault(item.key, item)
    return found


def _change(item: Item) -> Change:
    meta = item.meta
    return Change(
        _label(item.key),
        _label(meta.get("title")),
        _label(meta.get("company")),
        _label(meta.get("location")),
    )


def _label(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if isinstance(v, str | int))
    if not isinstance(value, str | int):
        return ""
    text = " ".join(clean_field(str(value)).split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"
