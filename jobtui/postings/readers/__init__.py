"""Readers of files that hold postings in other shapes than Markdown: saved job pages
(schema.org JSON-LD), job-board JSON (Greenhouse, Lever, Ashby), Hacker News "Who is hiring?"
threads, and RSS, Atom and JSON Feed files. Most hold many postings each.

A reader is a pure function from a file's text to a `Read` (or None when the text is not its
format): no disk, no network. Each posting it finds is an `Item`: front-matter-like `meta`
(the keys `jobtui.postings.extract.front_matter` reads: title, company, location, remote,
salary as {min, max, currency, period}, posted, url, tags, plus any others worth showing) and a
Markdown body. The loader turns items into postings through the same extraction as Markdown
files, so search, triage and the shortlist treat them alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Item:
    """One posting found in a file."""

    key: str
    """The posting's own id within the file (a board's job id, a comment id, a feed item's
    guid or link): with the file, what identifies it across fetches. Unique within the file."""
    meta: dict[str, Any]
    """Front-matter-like fields (see the module doc); a field not stated is left out."""
    body: str
    """The posting's text as Markdown (HTML already converted; cleaned later by the loader)."""
    from_board: frozenset[str] = field(default_factory=frozenset)
    """Keys of `meta` that the posting does not state but the board implies (a company named
    after the board's token or the file's name): shown as such, never as stated."""


@dataclass(frozen=True, slots=True)
class Read:
    """What a reader found in one file."""

    format: str
    """Which format the file is (one of FORMATS)."""
    items: list[Item]
    """The postings, in file order (may be empty: a board with no open jobs)."""
    note: str | None = None
    """A warning for the whole file (`no JSON-LD JobPosting: read best-effort`), or None."""
    problems: list[str] = field(default_factory=list)
    """Postings in the file that could not be read, each with why (`job 12: no title`)."""


def content_key(*parts: object) -> str:
    """A key for a posting whose file gives it no id and no link: a hash of what it says (its
    title and text), never its place in the file, which changes when a posting is added above
    it (a bookmark would then follow another job)."""
    import hashlib

    h = hashlib.blake2b(digest_size=6)
    for part in parts:
        h.update(str(part or "").encode("utf-8", "surrogatepass") + b"\0")
    return "h" + h.hexdigest()


Reader = Callable[[str, str], "Read | None"]
"""A reader: (text, file name) to what it found, or None when the text is not its format."""

FORMATS = (
    "json-ld",
    "html",
    "greenhouse",
    "lever",
    "ashby",
    "hn",
    "rss",
    "atom",
    "json-feed",
)
"""Every format a reader names (`html`: a page without JSON-LD, read best-effort)."""

FORMAT_LABELS = {
    "markdown": "Markdown file",
    "json-ld": "job page (JSON-LD)",
    "html": "web page (read best-effort)",
    "greenhouse": "Greenhouse board",
    "lever": "Lever board",
    "ashby": "Ashby board",
    "hn": "Hacker News thread",
    "rss": "RSS feed",
    "atom": "Atom feed",
    "json-feed": "JSON Feed",
}
"""How each format is named to a person."""

DETAILS = (
    ("Type", ("employment_type",)),
    ("Team", ("department", "team")),
    ("Workplace", ("workplace", "remote_note")),
    ("Remote from", ("remote_from",)),
    ("Open until", ("valid_through",)),
)
"""Facts boards state beyond the common fields, as (label, meta keys): shown when present."""


def details(meta: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, text) of each of DETAILS the meta holds: text or numbers, lists joined."""
    from jobtui.postings.text import clean_inline

    found = []
    for label, keys in DETAILS:
        values: list[str] = []
        for key in keys:
            value = meta.get(key)
            items = value if isinstance(value, list | tuple) else [value]
            values.extend(
                clean_inline(v) for v in items if isinstance(v, str | int | float) and v != ""
            )
        text = ", ".join(dict.fromkeys(v for v in values if v))
        if text:
            found.append((label, text))
    return found


JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
SUFFIXES = JSON_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
"""File name endings read by these readers (Markdown and text files are the loader's own)."""


class NotReadable(ValueError):
    """A file in one of these formats' suffixes that none of them reads; the message says why."""


def read_text(text: str, name: str) -> Read:
    """What the readers find in a file's text, by its name's ending: `.json` (Greenhouse,
    Lever, Ashby, Hacker News, JSON Feed), `.html` (a Hacker News thread, a job page), `.xml`
    (RSS, Atom). Raises NotReadable for a file none of them reads."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in JSON_SUFFIXES:
        return _read_json(text, name)
    if suffix in HTML_SUFFIXES:
        from jobtui.postings.readers.hn import read_hn_page
        from jobtui.postings.readers.page import read_page

        for html_reader in (read_hn_page, read_page):
            found = html_reader(text, name)
            if found is not None:
                return found
        raise NotReadable("not an HTML page")
    if suffix in FEED_SUFFIXES:
        from jobtui.postings.readers.feeds import read_feed

        found = read_feed(text, name)
        if found is None:
            raise NotReadable("XML, but not an RSS or Atom feed")
        return found
    raise NotReadable(f"not a format jobtui reads ({suffix or 'no extension'})")


def _read_json(text: str, name: str) -> Read:
    import json

    from jobtui.postings.readers.boards import read_ashby, read_greenhouse, read_lever
    from jobtui.postings.readers.feeds import read_json_feed
    from jobtui.postings.readers.hn import read_hn_json

    try:  # (json's parser refuses nesting deeper than Python recurses: RecursionError)
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        where = getattr(exc, "lineno", None)
        raise NotReadable(f"not valid JSON{f' (line {where})' if where else ''}") from None
    json_readers: tuple[Callable[[Any, str], Read | None], ...] = (
        read_greenhouse,
        read_lever,
        read_ashby,
        read_hn_json,
        read_json_feed,
    )
    for json_reader in json_readers:
        found = json_reader(data, name)
        if found is not None:
            return found
    raise NotReadable(
        "JSON, but none of the formats jobtui reads (Greenhouse, Lever, Ashby, Hacker News, "
        "JSON Feed)"
    )


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")
