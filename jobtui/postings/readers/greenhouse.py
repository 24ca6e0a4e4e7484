"""Greenhouse Job Board API files: `GET /v1/boards/{token}/jobs?content=true` (`{jobs, meta}`)
or one job (`/jobs/{id}`)."""

from __future__ import annotations

from typing import Any

from jobtui.postings.readers import Item, Read
from jobtui.postings.readers import board_values as v

HOSTS = frozenset(
    {
        "boards.greenhouse.io",
        "job-boards.greenhouse.io",
        "boards.eu.greenhouse.io",
        "job-boards.eu.greenhouse.io",
    }
)
"""Where Greenhouse hosts a board: the first part of a job URL's path is the board's token."""
_MARKERS = ("absolute_url", "internal_job_id")
"""Keys only a Greenhouse job has (among the boards and feeds jobtui reads)."""


def read_greenhouse(data: Any, name: str) -> Read | None:
    """The jobs of a Greenhouse board file, or None when `data` is not one."""
    if not isinstance(data, dict) or "apiVersion" in data:
        return None
    jobs = data.get("jobs")
    if isinstance(jobs, list):
        meta = data.get("meta")
        listed = isinstance(meta, dict) and "total" in meta
        if not listed and not any(_is_job(job) for job in jobs):
            return None
        return v.read_jobs("greenhouse", jobs, name, _read_job)
    if "jobs" not in data and _is_job(data) and "id" in data:
        return v.read_jobs("greenhouse", [data], name, _read_job)
    return None


def _is_job(job: Any) -> bool:
    return isinstance(job, dict) and any(k in job for k in _MARKERS)


def _read_job(job: dict[str, Any], name: str) -> Item | str:
    title = v.text(job.get("title"))
    if title is None:
        return "no title"
    url = v.text(job.get("absolute_url"))
    updated = v.iso_date(job.get("updated_at"))
    meta: dict[str, Any] = {"title": title}
    from_board = v.with_company(meta, v.company(job.get("company_name"), [url], name, HOSTS))
    meta |= {
        "location": v.name_of(job.get("location")),
        "posted": v.iso_date(job.get("first_published")) or updated,
        "updated": updated,
        "url": url,
        "department": ", ".join(v.names(job.get("departments"))),
        "offices": v.names(job.get("offices")),
        "details": _details(job.get("metadata")),
        "requisition_id": v.job_id(job.get("requisition_id")),
        "internal_job_id": v.job_id(job.get("internal_job_id")),
    }
    for label, value in meta["details"].items():  # custom fields boards commonly add
        field = _DETAIL_FIELDS.get(" ".join(label.casefold().replace("_", " ").split()))
        if field and field not in meta:
            meta[field] = value
    key = v.item_key(v.job_id(job.get("id")), url, title)
    return Item(key, v.meta_without_none(meta), v.html_body(job.get("content")), from_board)


_DETAIL_FIELDS = {
    "workplace type": "workplace",
    "workplace": "workplace",
    "remote": "workplace",
    "remote status": "workplace",
    "location type": "workplace",
    "employment type": "employment_type",
    "job type": "employment_type",
    "employment": "employment_type",
    "time type": "employment_type",
}
"""Greenhouse custom fields (`metadata`) that name a fact jobtui shows, by their folded name."""


def _details(metadata: Any) -> dict[str, str]:
    """The board's custom fields (`[{name, value, value_type}]`) as name: value text."""
    details: dict[str, str] = {}
    for entry in metadata if isinstance(metadata, list) else []:
        if not isinstance(entry, dict):
            continue
        label, value = v.text(entry.get("name")), _detail_value(entry.get("value"))
        if label and value and label not in details:
            details[label] = value
    return details


def _detail_value(value: Any) -> str | None:
    """A custom field's value as text: text, a number, yes/no, a list of texts, or an amount
    (`{unit: USD, amount: "95000.0"}`)."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        number = v.money(value)
        return None if number is None else str(number)
    if isinstance(value, list):
        return ", ".join(t for t in map(v.text, value) if t) or None
    if isinstance(value, dict):
        figure, unit = v.money(value.get("amount")), v.text(value.get("unit"))
        if figure is None:
            return None
        return f"{figure:,} {unit}" if unit else f"{figure:,}"
    return v.text(value)
