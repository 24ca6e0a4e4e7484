"""Ashby posting API files: `GET /posting-api/job-board/{board}?includeCompensation=true`
(`{apiVersion, jobs}`)."""

from __future__ import annotations

import re
from typing import Any

from jobtui.postings.readers import Item, Read
from jobtui.postings.readers import board_values as v

HOSTS = frozenset({"jobs.ashbyhq.com"})
"""Where Ashby hosts a board: the first part of a job URL's path is the board's name."""
WORKPLACES = {"onsite": "On-site", "remote": "Remote", "hybrid": "Hybrid"}
"""Ashby's `workplaceType` as shown."""
EMPLOYMENT = {
    "fulltime": "Full-time",
    "parttime": "Part-time",
    "intern": "Internship",
    "contract": "Contract",
    "temporary": "Temporary",
}
"""Ashby's `employmentType` as shown."""
_INTERVAL_RE = re.compile(r"\s*1\s+(YEAR|MONTH|WEEK|DAY|HOUR)S?\s*", re.I)


def read_ashby(data: Any, name: str) -> Read | None:
    """The jobs of an Ashby board file, or None when `data` is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        return None
    jobs: list[Any] = data["jobs"]
    if "apiVersion" not in data:
        meta = data.get("meta")
        if isinstance(meta, dict) and "total" in meta:
            return None  # Greenhouse's list
        if not any(_is_job(j) for j in jobs) or any(_is_greenhouse_job(j) for j in jobs):
            return None
    return v.read_jobs("ashby", jobs, name, _read_job)


def _is_job(job: Any) -> bool:
    return isinstance(job, dict) and ("jobUrl" in job or {"isRemote", "publishedAt"} <= job.keys())


def _is_greenhouse_job(job: Any) -> bool:
    return isinstance(job, dict) and ("absolute_url" in job or "internal_job_id" in job)


def _read_job(job: dict[str, Any], name: str) -> Item | str:
    title = v.text(job.get("title"))
    if title is None:
        return "no title"
    url, apply = v.text(job.get("jobUrl")), v.text(job.get("applyUrl"))
    compensation = job.get("compensation")
    compensation = compensation if isinstance(compensation, dict) else {}
    workplace, remote, note = _workplace(job.get("workplaceType"), job.get("isRemote"))
    location, address = _location(job), _address(job.get("address"))
    if location is None:  # the address is the only place given
        location, address = address, None
    employment = v.text(job.get("employmentType"))
    meta: dict[str, Any] = {"title": title}
    from_board = v.with_company(meta, v.company(None, [url, apply], name, HOSTS))
    meta |= {
        "location": location,
        "remote": remote,
        "workplace": workplace,
        "salary": _salary(compensation.get("summaryComponents")),
        "compensation": v.text(compensation.get("compensationTierSummary"))
        or v.text(compensation.get("scrapeableCompensationSalarySummary")),
        "posted": v.iso_date(job.get("publishedAt")),
        "url": url or apply,
        "application_url": apply if url and apply != url else None,
        "department": v.text(job.get("department")),
        "team": v.text(job.get("team")),
        "employment_type": EMPLOYMENT.get((employment or "").lower(), employment),
        "address": address,
    }
    body = v.html_body(job.get("descriptionHtml")) or v.plain_body(job.get("descriptionPlain"))
    key = v.item_key(v.job_id(job.get("id")), url, title)
    return Item(key, v.meta_without_none(meta), v.join_parts([note, body]), from_board)


def _workplace(kind: Any, is_remote: Any) -> tuple[str | None, bool | None, str]:
    """What to show as the workplace, whether the job is remote, and a first line for the
    body when `workplaceType` and `isRemote` disagree.

    A job either field calls remote is taken as remote (a remote job hidden from a remote
    search is a loss the user never sees; a wrong one is seen at once, with this line);
    a hybrid one is neither, as everywhere in jobtui.
    """
    flag = is_remote if isinstance(is_remote, bool) else None
    given = v.text(kind)
    shown = WORKPLACES.get(re.sub(r"[\s_-]", "", given).lower()) if given else None
    if shown is None:  # none given, or a kind Ashby did not document: shown as written
        return given, flag, ""
    remote = {"Remote": True, "Hybrid": None}.get(shown, bool(flag))
    disagree = (flag is True and shown != "Remote") or (flag is False and shown == "Remote")
    marks = "remote" if flag else "not remote"
    note = f"Workplace: {shown} (the board also marks it {marks})" if disagree else ""
    return shown, remote, note


def _location(job: dict[str, Any]) -> str | None:
    """The job's location and its secondary ones, `; ` between."""
    secondary = job.get("secondaryLocations")
    others = [
        v.text(s.get("location")) if isinstance(s, dict) else v.text(s)
        for s in (secondary if isinstance(secondary, list) else [])
    ]
    every = dict.fromkeys(p for p in [v.text(job.get("location")), *others] if p)
    return "; ".join(every) or None


def _address(address: Any) -> str | None:
    """`{postalAddress: {addressLocality, addressRegion, addressCountry}}` as one line."""
    postal = address.get("postalAddress") if isinstance(address, dict) else None
    if not isinstance(postal, dict):
        return None
    keys = ("addressLocality", "addressRegion", "addressCountry")
    parts = dict.fromkeys(p for p in (v.text(postal.get(k)) for k in keys) if p)
    return ", ".join(parts) or None


def _salary(components: Any) -> dict[str, Any] | None:
    """The salary of the one `Salary` summary component (several: left to the tier summary;
    an interval other than one year, month, week, day or hour: left out)."""
    salaries = [
        c
        for c in (components if isinstance(components, list) else [])
        if isinstance(c, dict) and c.get("compensationType") == "Salary"
    ]
    if len(salaries) != 1:
        return None
    (pay,) = salaries
    interval = pay.get("interval")
    m = _INTERVAL_RE.fullmatch(interval) if isinstance(interval, str) else None
    if interval is not None and m is None:
        return None  # `2 WEEK`: a period jobtui has no word for; read as a month, it would lie
    period = m.group(1).lower() if m else None
    return v.salary(pay.get("minValue"), pay.get("maxValue"), pay.get("currencyCode"), period)
