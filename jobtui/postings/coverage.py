"""How many postings have each field, and how many of those were guessed: `jobtui check`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jobtui.postings.model import STATED, Posting

FIELDS = ("title", "company", "location", "remote", "salary", "posted", "url", "tags")
"""The fields counted, in the order they are reported."""


@dataclass(frozen=True, slots=True)
class FieldCoverage:
    """One field's count over a set of postings."""

    name: str
    """The field."""
    found: int
    """Postings that have it."""
    guessed: int
    """Of those, postings that do not state it: read from the body, the path or the file
    name, or guessed."""


def has(posting: Posting, name: str) -> bool:
    """Whether the posting has the field; a title made from the file or folder name does
    not count."""
    if name == "title":
        return posting.origins.get("title") not in ("file name", "path")
    return getattr(posting, name) not in (None, (), "")


def coverage(postings: Sequence[Posting]) -> list[FieldCoverage]:
    """Each field's count, in FIELDS order."""
    out = []
    for name in FIELDS:
        with_field = [p for p in postings if has(p, name)]
        guessed = sum(1 for p in with_field if p.origins.get(name) not in STATED)
        out.append(FieldCoverage(name, len(with_field), guessed))
    return out
