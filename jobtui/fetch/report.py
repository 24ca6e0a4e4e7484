"""How a fetch is told: a few lines per source for people, one JSON record per source for
scripts. Every text that came from a response was cleaned for a terminal by `changes`."""

from __future__ import annotations

from typing import Any

from jobtui.fetch.changes import Change
from jobtui.fetch.run import Outcome
from jobtui.postings.text import clean_field, counted

SHOWN = 20
"""Postings listed per kind of change and source; the rest are counted."""


def summary(outcome: Outcome) -> str:
    """`greenhouse:acme  12 postings: 2 new, 1 removed, 1 changed`, or the error."""
    source = clean_field(outcome.source.text)
    if outcome.error:
        return f"{source}: {outcome.error}"
    changes = outcome.changes
    if changes is None:
        return f"{source}  {outcome.note or 'saved'}"
    parts = [f"{len(changes.added)} new"] if changes.added else []
    if changes.removed:
        parts.append(f"{len(changes.removed)} removed")
    if changes.changed:
        parts.append(f"{len(changes.changed)} changed")
    said = ", ".join(parts) or "nothing new"
    if changes.first:
        said += " (first fetch)"
    return f"{source}  {counted(changes.count, 'posting')}: {said}"


def lines(outcome: Outcome) -> list[str]:
    """The summary, then one line per posting new (+), changed (~, with what changed) and
    removed (-)."""
    result = [summary(outcome)]
    changes = outcome.changes
    if changes is None or (changes.first and changes.count > SHOWN):
        return result  # a first fetch of a big board: all new, and the summary says how many
    for mark, listed in (
        ("+", changes.added),
        ("~", changes.changed),
        ("-", changes.removed),
    ):
        result.extend(f"  {mark} {posting_line(c)}{_fields(c)}" for c in listed[:SHOWN])
        if len(listed) > SHOWN:
            result.append(f"  {mark} ... and {len(listed) - SHOWN} more")
    return result


def posting_line(change: Change) -> str:
    """`Senior Engineer — Acme (Berlin)`: what a person recognises a posting by."""
    text = change.title or f"(untitled {change.key})"
    if change.company:
        text += f" — {change.company}"
    if change.location:
        text += f" ({change.location})"
    return text


def _fields(change: Change) -> str:
    return f"  [{', '.join(change.fields)}]" if change.fields else ""


def record(outcome: Outcome) -> dict[str, Any]:
    """The outcome for `--format json`: source, file, count, added, removed, changed (each
    with its `fields`), error."""
    changes = outcome.changes

    def listed(found: list[Change] | None, fields: bool = False) -> list[dict[str, Any]]:
        return [
            {"key": c.key, "title": c.title, "company": c.company}
            | ({"fields": list(c.fields)} if fields else {})
            for c in found or []
        ]

    return {
        "source": outcome.source.text,
        "file": str(outcome.file) if outcome.file else None,
        "count": changes.count if changes else None,
        "first": changes.first if changes else None,
        "added": listed(changes.added if changes else None),
        "removed": listed(changes.removed if changes else None),
        "changed": listed(changes.changed if changes else None, fields=True),
        "error": outcome.error,
        "note": outcome.note,
    }
