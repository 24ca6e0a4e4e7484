"""Lever Postings API files: `GET /v0/postings/{site}?mode=json`, a JSON array of postings
(or of `{title, postings}` groups with `&group=...`)."""

from __future__ import annotations

import re
from typing import Any

from jobtui.postings.readers import Item, Read
from jobtui.postings.readers import board_values as v

HOSTS = frozenset({"jobs.lever.co", "jobs.eu.lever.co"})
"""Where Lever hosts a site: the first part of a posting URL's path is the site's name."""
WORKPLACES = {"remote": ("Remote", True), "onsite": ("On-site", False), "hybrid": ("Hybrid", None)}
"""Lever's `workplaceType`: what to show, and whether it is remote (None: neither)."""
_PERIODS: tuple[tuple[str, str], ...] = (
    *(("year", "year"), ("annual", "year"), ("month", "month"), ("week", "week")),
    *(("day", "day"), ("daily", "day"), ("hour", "hour")),
)
"""Words of Lever's salary `interval` (`per-year-salary`, `per-hour-wage`) and their period."""
_LIST_RE = re.compile(r"<\s*[ou]l[\s>]", re.I)


def read_lever(data: Any, name: str) -> Read | None:
    """The postings of a Lever site's file, or None when `data` is not one (a bare `[]` is
    not: nothing in it says Lever)."""
    if not isinstance(data, list):
        return None
    postings: list[Any] = []
    for entry in data:
        grouped = entry.get("postings") if isinstance(entry, dict) else None
        if isinstance(grouped, list) and "text" not in entry:
            postings.extend(grouped)
        else:
            postings.append(entry)
    if not any(_is_posting(p) for p in postings):
        return None
    return v.read_jobs("lever", postings, name, _read_posting)


def _is_posting(posting: Any) -> bool:
    if not isinstance(posting, dict):
        return False
    has_page = "hostedUrl" in posting or "applyUrl" in posting
    return ("text" in posting and (has_page or isinstance(posting.get("categories"), dict))) or (
        "hostedUrl" in posting and "categories" in posting
    )


def _read_posting(posting: dict[str, Any], name: str) -> Item | str:
    title = v.text(posting.get("text"))
    if title is None:
        return "no title"
    categories = posting.get("categories")
    categories = categories if isinstance(categories, dict) else {}
    url, apply = v.text(posting.get("hostedUrl")), v.text(posting.get("applyUrl"))
    kind = posting.get("workplaceType")
    workplace, remote = WORKPLACES.get(kind.lower() if isinstance(kind, str) else "", (None, None))
    meta: dict[str, Any] = {"title": title}
    from_board = v.with_company(meta, v.company(None, [url, apply], name, HOSTS))
    meta |= {
        "location": _location(categories),
        "remote": remote,
        "workplace": workplace,
        "salary": _salary(posting.get("salaryRange")),
        "posted": v.epoch_ms_date(posting.get("createdAt")),
        "url": url or apply,
        "application_url": apply if url and apply != url else None,
        "department": v.text(categories.get("department")),
        "team": v.text(categories.get("team")),
        "employment_type": v.text(categories.get("commitment")),
        "country": v.text(posting.get("country")),
    }
    key = v.item_key(v.job_id(posting.get("id")), url, title)
    return Item(key, v.meta_without_none(meta), _body(posting), from_board)


def _location(categories: dict[str, Any]) -> str | None:
    """The posting's location; all of them, `; ` between, when it names several."""
    every = v.names(categories.get("allLocations"))
    if len(every) > 1:
        return "; ".join(every)
    return v.text(categories.get("location")) or next(iter(every), None)


def _salary(salary_range: Any) -> dict[str, Any] | None:
    """`{min, max, currency, interval: per-year-salary}` as a meta salary."""
    if not isinstance(salary_range, dict):
        return None
    interval = salary_range.get("interval")
    words = interval.lower() if isinstance(interval, str) else ""
    period = next((p for word, p in _PERIODS if word in words), None)
    if interval is not None and period is None:
        return None  # `one-time`: no period, and no yearly or monthly pay either
    return v.salary(
        salary_range.get("min"), salary_range.get("max"), salary_range.get("currency"), period
    )


def _body(posting: dict[str, Any]) -> str:
    """The description, each list as a `## text` section, the pay note and the closing text."""
    parts = [_html_or_plain(posting, "description")]
    lists = posting.get("lists")
    for entry in lists if isinstance(lists, list) else []:
        if not isinstance(entry, dict):
            continue
        content = entry.get("content")
        if isinstance(content, str) and content.strip() and not _LIST_RE.search(content):
            content = f"<ul>{content}</ul>"  # Lever gives the <li>s without their list
        heading, items = v.text(entry.get("text")), v.html_body(content)
        if items:
            parts.append(v.join_parts([f"## {heading}" if heading else "", items]))
    parts += [_html_or_plain(posting, "salaryDescription"), _html_or_plain(posting, "additional")]
    return v.join_parts(parts)


def _html_or_plain(posting: dict[str, Any], key: str) -> str:
    return v.html_body(posting.get(key)) or v.plain_body(posting.get(f"{key}Plain"))
