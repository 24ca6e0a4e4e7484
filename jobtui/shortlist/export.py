"""Export the shortlist as Markdown, CSV or JSON, in forms other tools read."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path

from jobtui.postings.model import STATUSES, Salary, remote_label
from jobtui.postings.money import SalarySettings, comparable
from jobtui.shortlist.store import Bookmark, now
from jobtui.storage import atomic_write

FORMATS = ("md", "csv", "json", "ics")
CSV_COLUMNS = (
    "id",
    "status",
    "title",
    "company",
    "location",
    "remote",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "salary_yearly",
    "salary_yearly_currency",
    "tags",
    "posted",
    "url",
    "saved_at",
    "updated_at",
    "follow_up",
    "history",
    "interviews",
    "notes",
    "missing",
    "source",
)
"""Every field of a bookmark, one column each (lists joined with ` | `)."""


def format_for(path: str | os.PathLike[str]) -> str | None:
    """The export format a file name asks for (`shortlist.csv`: csv), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = {"markdown": "md", "jsn": "json"}.get(suffix, suffix)
    return suffix if suffix in FORMATS else None


def history_text(b: Bookmark) -> str:
    """`2026-11-02 saved | 2026-11-04 applied`: the dated steps of an application."""
    return " | ".join(
        f"{c.at[:10]} {c.status}".strip() + (f" ({c.note})" if c.note else "") for c in b.history
    )


def _dated(at: str, text: str) -> str:
    """`2026-11-23: text`, or the text alone for a note written by hand without a date."""
    return f"{at[:10]}: {text}" if at else text


def default_file_name(fmt: str, today: date) -> str:
    """`jobtui-shortlist-2026-11-23.md`: a name that says what and when."""
    return f"jobtui-shortlist-{today.isoformat()}.{fmt}"


def _md_text(text: str) -> str:
    """Posting text inside Markdown: escape what would change the structure."""
    out = text.replace("\\", "\\\\")
    for ch in "[]*_`<>#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())


LINK_SCHEMES = ("http", "https", "mailto")
"""The only links an exported Markdown file makes: no javascript:, data: or file: links."""


def _md_link(text: str, url: str | None) -> str:
    """`[text](<url>)` for a web or mail address, with the characters that could end the link
    (or start an image or HTML) percent-encoded; any other address is shown as text."""
    from urllib.parse import quote

    if not url:
        return text
    clean = "".join(url.split())  # a link holds no whitespace or line breaks
    scheme = clean.split(":", 1)[0].lower() if ":" in clean else ""
    if scheme not in LINK_SCHEMES:
        return f"{text} ({_md_text(url)})"
    target = quote(clean, safe="/:?#&=%+,;@~!$'*.-_")
    return f"[{text}](<{target}>)"


def to_markdown(bookmarks: Iterable[Bookmark], missing: Collection[str] = ()) -> str:
    """A readable shortlist grouped by status, with links, follow-ups and notes."""
    items = list(bookmarks)
    lines = [f"# Job shortlist ({len(items)})", "", f"Exported by jobtui on {now()[:10]}.", ""]
    for status in STATUSES:
        group = [b for b in items if b.status == status]
        if not group:
            continue
        lines += [f"## {status.capitalize()} ({len(group)})", ""]
        for b in group:
            title = _md_text(b.title or b.id)
            head = _md_link(title, b.url)
            where = ", ".join(_md_text(x) for x in (b.company, b.location) if x)
            line = f"- **{head}**" + (f" — {where}" if where else "")
            details = [history_text(b).replace(" | ", " → ") or f"saved {b.saved_at[:10]}"]
            if b.follow_up:
                details.append(f"follow up {b.follow_up}")
            if b.id in missing:
                details.append("posting file missing")
            lines.append(line + f" ({'; '.join(details)})")
            for i in b.interviews:
                label = f" ({_md_text(i.label)})" if i.label else ""
                lines.append(f"  - interview {i.at.replace('T', ' ')}{label}")
            for note in b.notes:
                # Each line of the note its own, in the same list item (a hard line break).
                parts = [_md_text(part) for part in note.text.split("\n")]
                text = "  \n    ".join(part for part in parts if part)
                lines.append(f"  - {_dated(note.at, text)}")
        lines.append("")
    if not items:
        lines += ["*(empty)*", ""]
    return "\n".join(lines)


def spreadsheet_cell(value: object) -> str:
    """A spreadsheet cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def yearly(b: Bookmark, settings: SalarySettings | None) -> float | None:
    """The bookmark's salary as a year's pay in the user's currency (None: not comparable)."""
    settings = settings or SalarySettings()
    value = comparable(Salary.from_dict(b.salary), settings.currency, settings.rates)
    return None if value is None else round(value)  # whole units: an estimate, not cents


def flat_record(
    b: Bookmark, missing: bool, salary: SalarySettings | None = None
) -> dict[str, object]:
    """A bookmark as one row of plain values, in CSV_COLUMNS (for CSV and TSV)."""
    parts = b.salary or {}
    row = {
        **b.to_json(),
        **{f"salary_{k}": parts.get(k) for k in ("min", "max", "currency", "period")},
        "salary_yearly": (pay := yearly(b, salary)),
        # (blank beside a blank yearly: a spreadsheet row that reads "USD" and no pay misleads)
        "salary_yearly_currency": None if pay is None else (salary or SalarySettings()).currency,
        "remote": remote_label(b.remote, b.hybrid),
        "tags": " | ".join(b.tags),
        "history": history_text(b),
        "interviews": " | ".join(
            i.at.replace("T", " ") + (f" {i.label}" if i.label else "") for i in b.interviews
        ),
        "notes": " | ".join(_dated(n.at, n.text) for n in b.notes),
        "missing": "yes" if missing else "no",
    }
    return {c: row.get(c) for c in CSV_COLUMNS}


def to_csv(
    bookmarks: Iterable[Bookmark],
    missing: Collection[str] = (),
    salary: SalarySettings | None = None,
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        writer.writerow(
            [spreadsheet_cell(v) for v in flat_record(b, b.id in missing, salary).values()]
        )
    return out.getvalue()


def to_json(
    bookmarks: Iterable[Bookmark],
    missing: Collection[str] = (),
    salary: SalarySettings | None = None,
) -> str:
    currency = (salary or SalarySettings()).currency
    records = [
        {
            **b.to_json(),
            "salary_yearly": yearly(b, salary),
            "salary_yearly_currency": currency,
            "missing": b.id in missing,
        }
        for b in bookmarks
    ]
    return (
        json.dumps({"exported_at": now(), "bookmarks": records}, ensure_ascii=False, indent=2)
        + "\n"
    )


def render(
    fmt: str,
    bookmarks: Iterable[Bookmark],
    missing: Collection[str] = (),
    salary: SalarySettings | None = None,
) -> str:
    """The export in one of FORMATS; `salary`: the currency and rates of the yearly figures."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "md":
        return to_markdown(bookmarks, missing)
    if fmt == "ics":
        return to_ics(bookmarks)
    return (to_csv if fmt == "csv" else to_json)(bookmarks, missing, salary)


def to_ics(bookmarks: Iterable[Bookmark]) -> str:
    """Follow-ups (all-day, for applications still open) and interviews (not those set after the
    day an application was rejected or withdrawn) as an RFC 5545 calendar any calendar program
    opens. An interview's time is local time (floating), as the
    person typed it; one given as a day alone is an all-day event."""
    import contextlib
    from datetime import UTC, date, datetime, timedelta

    from icalendar import Calendar, Event  # only a calendar export needs it

    from jobtui.shortlist.agenda import CLOSED, cancelled, ended_on

    cal = Calendar()
    cal.add("prodid", "-//jobtui//shortlist//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "jobtui applications")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for b in bookmarks:
        where = f"{b.title} at {b.company}" if b.company else b.title
        details = [f"Status: {b.status}"] + ([b.url] if b.url else [])
        events: list[tuple[str, str, date | datetime]] = []
        if b.follow_up and b.status not in CLOSED:
            with contextlib.suppress(ValueError):  # a date typed wrong by hand: no event
                events.append(("follow-up", f"Follow up: {where}", date.fromisoformat(b.follow_up)))
        ended = ended_on(b)
        for interview in b.interviews:
            try:
                time = datetime.fromisoformat(interview.at)
            except ValueError:
                continue
            if cancelled(time, ended):
                continue
            name = f"Interview: {where}" + (f" ({interview.label})" if interview.label else "")
            events.append(("interview", name, time if "T" in interview.at else time.date()))
        for kind, name, when in events:
            event = Event()
            event.add("uid", f"{b.id}-{kind}-{when.isoformat()}@jobtui")
            event.add("dtstamp", stamp)
            event.add("summary", name)
            event.add("dtstart", when)
            if isinstance(when, datetime):
                event.add("dtend", when + timedelta(hours=1))
            else:
                event.add("dtend", when + timedelta(days=1))
            event.add("description", "\n".join(details))
            if b.url and b.url.split(":", 1)[0].lower() in ("http", "https"):
                event.add("url", b.url)
            cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def write_file(path: str | os.PathLike[str], text: str, overwrite: bool = False) -> Path:
    """Write atomically; refuses an existing file unless told to overwrite it."""
    target = Path(path).expanduser()
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists")
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder")
    return atomic_write(target, text, exclusive=not overwrite, prefix=".jobtui-export-")
