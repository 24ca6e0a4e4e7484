"""RSS 2.0 (and 0.9x/1.0), Atom and JSON Feed files: each item or entry is a posting.

XML goes through feedparser, which keeps job boards' extension elements as entry keys
(`<job:company>` as `job_company`, `<location>` as `location`). The file's DOCTYPE is cut
before parsing, so no entity it declares is ever expanded (billion laughs) or fetched (XXE).
"""

from __future__ import annotations

import html
import io
import re
import time
import warnings
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from jobtui.postings.extract.fields import is_placeholder
from jobtui.postings.readers import Item, Read, content_key
from jobtui.postings.readers.markup import to_markdown, unescape_html

_MAX_FIELD = 300
"""A longer extension value is no company, place or salary."""
_MAX_TEXT = 2000
_PLACEHOLDERS = {"unavailable", "not set", "-1"}
"""Placeholders boards write that `is_placeholder` does not know."""
_MIN_SPLIT_ENTRIES = 3
"""Titles are split into company and title only when at least this many entries agree."""

_PROLOG_RE = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)
_DOCTYPE_RE = re.compile(r"<!DOCTYPE\b(?:[^\[>]*\[.*?\]\s*>|[^>]*>)", re.S | re.I)
_ROOT_RE = re.compile(r"<(?:[\w.-]+:)?(rss|feed|RDF)\b")
_JSON_FEED_PREFIX = "https://jsonfeed.org/version/"

# Extension elements boards use, by feedparser key without its namespace prefix
# (`job_listing_company` -> `company`).
_EXTENSIONS: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "company_name", "employer", "hiringorganization"),
    "location": ("location", "joblocation", "job_location", "locations", "region", "country"),
    "salary": ("salary", "salaryrange", "salary_range", "compensation", "payrange", "pay_range"),
    "remote": ("remote", "workplace", "workplacetype", "workplace_type", "remotepolicy"),
    "employment_type": ("employmenttype", "employment_type", "jobtype", "job_type"),
    "department": ("department", "team"),
}

_COLON_RE = re.compile(r"(?P<company>[^:]+?):\s+(?P<title>\S.*)")
_AT_RE = re.compile(r"(?P<title>.+)\s+at\s+(?P<company>\S.*)")
_NOT_COMPANY = {
    *("remote", "hiring", "now hiring", "urgent", "new", "job", "jobs", "featured", "closed"),
    *("updated", "sponsored", "full-time", "full time", "part-time", "contract", "internship"),
    *("wanted", "opening", "job opening", "vacancy", "remote job", "remote jobs", "hot"),
}
"""Words boards put before a colon that name no company (`Remote: Senior Engineer`)."""


def read_feed(text: str, name: str) -> Read | None:
    """The postings of an RSS or Atom feed, or None when the text is no feed."""
    head = text.lstrip("\ufeff")
    at = _prolog_end(head)
    root = _ROOT_RE.match(head, at)
    if root is None:
        return None
    import feedparser

    body = _DOCTYPE_RE.sub("", head[:at]) + head[at:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = feedparser.parse(
                io.BytesIO(body.encode("utf-8", "replace")),
                response_headers={"content-type": "application/xml; charset=utf-8"},
                resolve_relative_uris=False,
                sanitize_html=True,
            )
    except Exception as e:  # a third party's parser on hostile XML: the file, not the load
        return Read(_format("", root.group(1)), [], note=f"not read: {type(e).__name__}")
    fmt = _format(str(parsed.get("version") or ""), root.group(1))
    entries = [e for e in parsed.get("entries") or [] if isinstance(e, Mapping)]
    note = None
    if parsed.get("bozo"):
        why = " ".join(str(parsed.get("bozo_exception") or "").split())[:120]
        note = f"broken XML ({why}): read best-effort" if entries else f"broken XML ({why})"
    rows = [_entry_fields(e) for e in entries]
    return Read(fmt, _items(rows), note=note)


def _prolog_end(text: str) -> int:
    """Where the first element starts, after the XML declaration, comments and DOCTYPE."""
    at = 0
    while True:
        m = _PROLOG_RE.match(text, at) or _DOCTYPE_RE.match(text, _skip_space(text, at))
        if m is None or m.end() == at:
            return _skip_space(text, at)
        at = m.end()


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _format(version: str, root: str) -> str:
    """`atom` or `rss` from feedparser's version (`atom10`, `rss20`), else from the root."""
    if version.startswith("atom") or (not version and root == "feed"):
        return "atom"
    return "rss"


def _entry_fields(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The meta (plus `_key` and `_body`) of one feedparser entry."""
    meta: dict[str, Any] = {}
    title = _plain(entry.get("title"))
    if title:
        meta["title"] = title
    link = _plain(entry.get("link"))
    if link and re.match(r"(?:https?|mailto):", link, re.I):
        meta["url"] = link
    # dict.get: feedparser's own get maps `updated` to `published` with a deprecation warning
    own = entry if isinstance(entry, dict) else {}
    when = _struct_day(dict.get(own, "published_parsed")) or _struct_day(
        dict.get(own, "updated_parsed")
    )
    raw_when = _plain(dict.get(own, "published")) or _plain(dict.get(own, "updated"))
    if when is not None:
        meta["posted"] = when.isoformat()
    elif raw_when and len(raw_when) <= 40:
        meta["posted"] = raw_when  # the extraction reads what feedparser did not
    detail = entry.get("author_detail")
    author = _plain(detail.get("name")) if isinstance(detail, Mapping) else None
    author = author or _plain(entry.get("author"))  # Atom's `author` adds the e-mail address
    if author:
        meta["author"] = author
    tags = [_plain(t.get("term")) for t in entry.get("tags") or [] if isinstance(t, Mapping)]
    if any(tags):
        meta["tags"] = list(dict.fromkeys(t for t in tags if t))
    meta.update(_extensions(entry))
    _author_company(meta)
    meta["_key"] = _plain(entry.get("id")) or link
    meta["_body"] = _entry_body(entry)
    return meta


def _author_company(meta: dict[str, Any]) -> None:
    """An entry's author as its company when no company is given and the author's name ends in
    a legal form (`Hexagon Robotics S.A.`): a person or a board is not one."""
    author = meta.get("author")
    if "company" in meta or not isinstance(author, str) or "," in author:
        return
    from jobtui.postings.legal import without_legal_form
    from jobtui.postings.text import words

    names = words(author.lower().replace(".", ""))
    if len(names) >= 2 and len(without_legal_form(names)) < len(names):
        meta["company"] = author


def _entry_body(entry: Mapping[str, Any]) -> str:
    """The fullest text of an entry: its content (Atom, `content:encoded`), else its summary."""
    details = [c for c in entry.get("content") or [] if isinstance(c, Mapping)]
    summary = entry.get("summary_detail")
    if isinstance(summary, Mapping):
        details.append(summary)
    for detail in details:
        value = detail.get("value")
        if isinstance(value, str) and value.strip():
            if "html" in str(detail.get("type") or "html"):
                return to_markdown(unescape_html(value))
            return value.strip()
    return ""


def _extensions(source: Mapping[str, Any]) -> dict[str, Any]:
    """Company, location, salary, remote... from a board's extension keys, as text; a key
    with a namespace prefix counts too (`job_listing_company`), after the bare one."""
    found: dict[str, Any] = {}
    names = [k for k in source if isinstance(k, str)]
    for field, keys in _EXTENSIONS.items():
        bare = [k for k in keys if k in source]
        prefixed = [n for k in keys for n in names if n.endswith("_" + k)]
        for key in bare + prefixed:
            value = source.get(key)
            if field == "salary" and isinstance(value, Mapping):
                value = _salary_mapping(value)
            else:
                value = _plain(value)
            if value and (not isinstance(value, str) or len(value) <= _MAX_FIELD):
                found[field] = value
                break
    return found


def _salary_mapping(value: Mapping[str, Any]) -> dict[str, Any] | None:
    """A salary given as {min, max, currency, period}: its scalar values, for the extraction."""
    kept = {
        str(k): v
        for k, v in list(value.items())[:12]
        if isinstance(v, int | float | str) and not isinstance(v, bool) and len(str(v)) < 40
    }
    return kept or None


def _items(rows: list[dict[str, Any]]) -> list[Item]:
    """Items of every entry's fields, titles split where the whole feed agrees, keys unique."""
    split = _title_split([r.get("title") for r in rows])
    items: list[Item] = []
    keys: set[str] = set()
    for row in rows:
        body = row.pop("_body", "")
        base = row.pop("_key", None) or content_key(row.get("title"), body)
        key, i = base, 1
        while key in keys:
            i += 1
            key = f"{base}~{i}"
        keys.add(key)
        if split is not None and "title" in row:
            parts = split(row["title"])
            if parts is not None:
                row["company"], row["title"] = parts[0], parts[1]
        items.append(Item(key, row, body))
    return items


def _title_split(titles: list[Any]) -> Callable[[str], tuple[str, str] | None] | None:
    """How to split titles into (company, title), when every titled entry (at least three)
    reads `Company: Title`, or every one `Title at Company`; else None: titles stay whole."""
    stated = [t for t in titles if isinstance(t, str) and t]
    if len(stated) < _MIN_SPLIT_ENTRIES:
        return None

    def colon(title: str) -> tuple[str, str] | None:
        m = _COLON_RE.fullmatch(title)
        return (m["company"].strip(), m["title"].strip()) if m else None

    def at(title: str) -> tuple[str, str] | None:
        m = _AT_RE.fullmatch(title)
        return (m["company"].strip(), m["title"].strip()) if m else None

    for split in (colon, at):
        parts = [split(t) for t in stated]
        if all(p and p[0] and p[1] and _company_like(p[0]) for p in parts):
            return split
    return None


def _company_like(text: str) -> bool:
    """Whether the part before a colon can name a company (`Remote:` cannot)."""
    return len(text) <= 80 and text.casefold() not in _NOT_COMPANY and not is_placeholder(text)


def read_json_feed(data: Any, name: str) -> Read | None:
    """The postings of a JSON Feed (1.0, 1.1), or None for other JSON."""
    if not isinstance(data, dict):
        return None
    version = data.get("version")
    if not isinstance(version, str) or not version.startswith(_JSON_FEED_PREFIX):
        return None
    items = data.get("items")
    if not isinstance(items, list):
        return Read("json-feed", [], problems=["items: not a list"] if items is not None else [])
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            problems.append(f"item {n}: not an object")
            continue
        row = _json_item(item)
        if not (row.get("title") or row.get("url") or row["_body"]):
            problems.append(f"item {n}: no title, link or text")
            continue
        rows.append(row)
    return Read("json-feed", _items(rows), problems=problems)


def _json_item(item: dict[str, Any]) -> dict[str, Any]:
    """The meta (plus `_key` and `_body`) of one JSON Feed item."""
    meta: dict[str, Any] = {}
    title = _plain(item.get("title"))
    if title:
        meta["title"] = title
    url = next(
        (u for u in map(_plain, (item.get("url"), item.get("external_url"))) if _link(u)), None
    )
    if url:
        meta["url"] = url
    dates = [d for d in (item.get("date_published"), item.get("date_modified")) if d]
    when = _plain(dates[0]) if dates and isinstance(dates[0], str) else None
    if when and len(when) <= 40:
        meta["posted"] = when[:10] if re.match(r"\d{4}-\d{2}-\d{2}(?:T|$)", when) else when
    authors = item.get("authors")
    authors = authors if isinstance(authors, list) else [item.get("author")]
    names = [_plain(a.get("name")) for a in authors if isinstance(a, dict)]
    if any(names):
        meta["author"] = ", ".join(dict.fromkeys(n for n in names if n))
    tags = item.get("tags")
    if isinstance(tags, list) and (tags := [t for t in map(_plain, tags) if t]):
        meta["tags"] = list(dict.fromkeys(tags))
    for key, value in item.items():  # `_job`, `_jobs`, `_board`: a board's own extension
        if isinstance(key, str) and key.startswith("_") and isinstance(value, dict):
            for field, found in _extensions(value).items():
                meta.setdefault(field, found)
    _author_company(meta)
    ident = item.get("id")
    meta["_key"] = _plain(ident) if isinstance(ident, str | int) else None
    meta["_key"] = meta["_key"] or url
    content = item.get("content_html")
    text = item.get("content_text")
    summary = item.get("summary")
    if isinstance(content, str) and content.strip():
        meta["_body"] = to_markdown(unescape_html(content))
    elif isinstance(text, str) and text.strip():
        meta["_body"] = text.strip()
    else:
        meta["_body"] = summary.strip() if isinstance(summary, str) else ""
    return meta


def _link(value: str | None) -> bool:
    return bool(value and re.match(r"(?:https?|mailto):", value, re.I))


def _plain(value: Any) -> str | None:
    """A text value as one clean line (tags stripped, entities decoded), or None for a value
    that is no text or only holds a place (`N/A`, ``)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value)
    if len(text) > _MAX_TEXT:
        return None  # no title or field is this long (and tag stripping would take long)
    if "<" in text and re.search(r"<\s*/?\s*[a-zA-Z]", text):
        text = re.sub(r"<[^>]*>", " ", text)
    text = " ".join(html.unescape(text).split())
    if not text or is_placeholder(text) or text.casefold() in _PLACEHOLDERS:
        return None
    return text


def _struct_day(value: Any) -> date | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
