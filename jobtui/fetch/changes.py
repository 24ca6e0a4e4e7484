"""What a fetch brought: the postings added, removed and changed between the file as it was
and the response, each posting known by its own key (as the loader knows it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jobtui.postings import readers
from jobtui.postings.loader import title_from_body
from jobtui.postings.readers import Item, NotReadable
from jobtui.postings.text import clean_field, clean_inline, clean_markdown

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
    fields: tuple[str, ...] = ()
    """For a changed posting, what changed: meta keys (`title`, `salary`) and `description`
    for the text; empty for one that came or went."""


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
            _change(i, fields)
            for k, i in after.items()
            if k in before and (fields := changed_fields(before[k], i))
        ],
    )


FIELD_ORDER = ("title", "company", "location", "remote", "salary", "posted", "url", "tags")
"""The fields a person looks at first, named first when they changed."""


def changed_fields(before: Item, after: Item) -> tuple[str, ...]:
    """What differs between two versions of a posting: its meta keys (the usual ones first,
    then the others as the new version orders them), then `description` for its text."""
    keys = [*after.meta, *(k for k in before.meta if k not in after.meta)]
    differ = [k for k in keys if before.meta.get(k) != after.meta.get(k)]
    known = [k for k in FIELD_ORDER if k in differ]
    found = [*known, *(k for k in differ if k not in known)]
    if before.body != after.body:
        found.append("description")
    return tuple(_label(k) for k in found)


def _by_key(items: list[Item]) -> dict[str, Item]:
    found: dict[str, Item] = {}
    for item in items:
        found.setdefault(item.key, item)
    return found


def _change(item: Item, fields: tuple[str, ...] = ()) -> Change:
    meta = item.meta
    return Change(
        _label(item.key, raw=True),
        _label(meta.get("title")) or _label(title_from_body(clean_markdown(item.body))),
        _label(meta.get("company")),
        _label(meta.get("location")),
        fields,
    )


def _label(value: Any, raw: bool = False) -> str:
    """A value as the loader shows it (entities decoded, tags dropped, one line, see
    `front_matter`), cleaned for a terminal and cut to LABEL_MAX; `raw`: a key, not decoded."""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if isinstance(v, str | int))
    if not isinstance(value, str | int) or isinstance(value, bool):
        return ""
    text = str(value) if raw else clean_inline(value).strip("\"'").strip()
    text = " ".join(clean_field(text).split())
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"
