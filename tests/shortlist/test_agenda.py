"""Interviews, the agenda, the calendar export and the dated report."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from jobtui.shortlist.agenda import agenda, summary
from jobtui.shortlist.export import render
from jobtui.shortlist.store import BookmarkError, BookmarkStore
from jobtui.shortlist.view import active_between

TODAY = date(2026, 11, 23)


@pytest.fixture
def store(tmp_path, seeds) -> BookmarkStore:
    s = BookmarkStore(tmp_path / "cfg")
    a, b, c, d = seeds["000"], seeds["001"], seeds["002"], seeds["003"]
    for p in (a, b, c, d):
        s.add(p)
    s.set_follow_up(a.id, date(2026, 11, 20))  # overdue
    s.set_follow_up(b.id, TODAY)
    s.set_status(c.id, "rejected")
    s.set_follow_up(c.id, date(2026, 11, 21))  # closed: nothing to follow up
    s.add_interview(d.id, datetime(2026, 11, 25, 14, 30), "Onsite; team, lunch")
    s.add_interview(d.id, date(2026, 11, 27))
    s.add_interview(d.id, datetime(2026, 12, 20, 9, 0), "Too far ahead")
    s.add_interview(b.id, datetime(2026, 11, 10, 9, 0), "Already happened")
    return s


def test_the_agenda_lists_what_is_overdue_today_and_this_week(store, seeds):
    items = agenda(store.all(), TODAY)
    got = [(i.bucket, i.kind, i.bookmark.id, i.label) for i in items]
    assert got == [
        ("overdue", "follow-up", seeds["000"].id, "follow up"),
        ("today", "follow-up", seeds["001"].id, "follow up"),
        ("this week", "interview", seeds["003"].id, "Onsite; team, lunch"),
        ("this week", "interview", seeds["003"].id, ""),
    ]
    assert items[2].timed and not items[3].timed
    assert summary(items) == "1 overdue, 1 today"
    assert len(agenda(store.all(), TODAY, days=30)) == 5  # the one in December too


@pytest.mark.parametrize(("ahead", "days", "listed"), [(7, 7, True), (8, 7, False), (1, 1, True)])
def test_the_agenda_reaches_the_last_day_ahead_it_names(tmp_path, seeds, ahead, days, listed):
    """`--days 7` looks 7 days ahead: a follow-up and an interview on that day are listed,
    one a day later is not."""
    s = BookmarkStore(tmp_path / "cfg")
    a, b = seeds["000"], seeds["001"]
    s.add(a)
    s.add(b)
    day = date.fromordinal(TODAY.toordinal() + ahead)
    s.set_follow_up(a.id, day)
    s.add_interview(b.id, datetime(day.year, day.month, day.day, 10, 0), "Panel")
    kinds = sorted(i.kind for i in agenda(s.all(), TODAY, days))
    assert kinds == (["follow-up", "interview"] if listed else [])


@pytest.mark.parametrize(
    ("before", "after"),
    [("saved", "interviewing"), ("applied", "interviewing"), ("interviewing", "interviewing"),
     ("offer", "offer"), ("rejected", "rejected"), ("withdrawn", "withdrawn")],
)  # fmt: skip
def test_an_interview_moves_a_saved_or_applied_application_to_interviewing(
    tmp_path, seeds, before, after
):
    s = BookmarkStore(tmp_path / "cfg")
    p = seeds["002"]
    s.add(p)
    if before != "saved":
        s.set_status(p.id, before)
    s.add_interview(p.id, datetime(2026, 12, 2, 11, 0), "Hiring manager")
    again = BookmarkStore(tmp_path / "cfg").get(p.id)
    assert again.status == after
    assert [c.status for c in again.history][-1] == after  # the move is in its history
    assert len(again.interviews) == 1


def test_an_interview_set_with_a_status_keeps_that_status(tmp_path, seeds):
    s = BookmarkStore(tmp_path / "cfg")
    p = seeds["002"]
    s.add(p)
    s.set_status(p.id, "applied")
    s.add_interview(p.id, date(2026, 12, 3), advance=False)
    assert BookmarkStore(tmp_path / "cfg").get(p.id).status == "applied"


def test_interviews_are_kept_in_order_and_can_be_removed(store, seeds):
    d = seeds["003"].id
    again = BookmarkStore(store.directory).get(d)
    assert [i.at for i in again.interviews] == [
        "2026-11-25T14:30",
        "2026-11-27",
        "2026-12-20T09:00",
    ]
    store.remove_interview(d, "2026-11-27")
    assert len(BookmarkStore(store.directory).get(d).interviews) == 2
    with pytest.raises(BookmarkError, match="no interview"):
        store.remove_interview(d, "2030-01-01")


def test_the_calendar_export_is_valid_and_holds_each_event(store, seeds):
    from icalendar import Calendar

    text = render("ics", store.all())
    assert text.startswith("BEGIN:VCALENDAR") and "\r\n" in text
    cal = Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    title = seeds["003"].title
    assert f"Interview: {title} at {seeds['003'].company} (Onsite; team, lunch)" in summaries
    assert sum(s.startswith("Follow up:") for s in summaries) == 2  # not the rejected one
    assert len(events) == 2 + 4
    onsite = next(e for e in events if "Onsite" in str(e["summary"]))
    assert onsite.decoded("dtstart") == datetime(2026, 11, 25, 14, 30)
    assert onsite.decoded("dtend") == datetime(2026, 11, 25, 15, 30)
    all_day = next(e for e in events if e.decoded("dtstart") == date(2026, 11, 27))
    assert all_day.decoded("dtend") == date(2026, 11, 28)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert render("ics", store.all()).count("BEGIN:VEVENT") == len(events)  # stable


def test_a_report_holds_the_applications_active_in_the_range(store, seeds):
    b = store.get(seeds["001"].id)
    assert active_between(b, date(2026, 11, 10), date(2026, 11, 10))  # its interview
    assert not active_between(b, date(2020, 1, 1), date(2020, 12, 31))
    assert active_between(b, None, None)


def test_the_command_line_agenda_and_interviews(tmp_path, seeds, monkeypatch):
    from jobtui.cli import main

    cfg = tmp_path / "cli"
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(cfg))
    pid = seeds["004"].id
    assert main(["bookmark", pid, "--interview", "tomorrow", "--label", "Call"]) == 0
    assert main(["bookmark", pid, "--interview", "2031-02-03 10:15"]) == 0
    assert main(["bookmark", pid, "--interview", "next tuesday-ish"]) == 2
    at = [i.at for i in BookmarkStore(cfg).get(pid).interviews]
    assert at[1] == "2031-02-03T10:15" and len(at) == 2


def test_agenda_json_from_the_command_line(tmp_path, seeds, capsys, monkeypatch):
    from datetime import timedelta

    from jobtui.cli import main

    cfg = tmp_path / "cli2"
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(cfg))
    store = BookmarkStore(cfg)
    store.add(seeds["002"])
    store.set_follow_up(seeds["002"].id, date.today() - timedelta(days=2))
    capsys.readouterr()
    assert main(["agenda", "--format", "json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["bucket"] == "overdue" and item["kind"] == "follow-up"
    assert item["id"] == seeds["002"].id


def test_the_timeline_keeps_how_far_an_application_got(tmp_path, seeds):
    from jobtui.shortlist.view import summary, timeline

    s = BookmarkStore(tmp_path / "t")
    p = seeds["001"]
    s.add(p)
    s.set_status(p.id, "applied", on=date(2025, 11, 4))
    s.set_status(p.id, "interviewing", on=date(2025, 12, 1))
    s.set_status(p.id, "rejected", on=date(2026, 1, 12))
    line = timeline(s.get(p.id), TODAY)
    assert (
        line == "saved 4 Nov 2025 → applied 4 Nov 2025 → interviewing 1 Dec 2025 → rejected 12 Jan"
    )
    s.add_interview(p.id, datetime(2026, 11, 30, 16, 0), "Final")
    assert "interview 30 Nov 16:00 (Final)" in summary(s.get(p.id), TODAY)


def test_markdown_and_csv_carry_the_interviews(store, seeds):
    import csv
    import io

    md = render("md", store.all())
    assert "  - interview 2026-11-25 14:30 (Onsite; team, lunch)" in md
    rows = list(csv.DictReader(io.StringIO(render("csv", store.all()))))
    row = next(r for r in rows if r["id"] == seeds["003"].id)
    assert row["interviews"].startswith("2026-11-25 14:30 Onsite; team, lunch | 2026-11-27")


@pytest.mark.parametrize(
    ("status", "kept"),
    [
        ("withdrawn", ["2026-11-25T14:30"]),  # the one after the day it ended will not be
        ("rejected", ["2026-11-25T14:30"]),
        ("offer", ["2026-11-25T14:30", "2026-11-27"]),  # (meetings after an offer happen)
        ("interviewing", ["2026-11-25T14:30", "2026-11-27"]),
    ],
)
def test_interviews_after_an_application_ended_are_neither_due_nor_in_the_calendar(
    store, seeds, status, kept
):
    d = seeds["003"].id
    store.set_status(d, status, on=date(2026, 11, 25))  # (the day of the first interview)
    due = [i for i in agenda(store.all(), TODAY) if i.kind == "interview"]
    assert [i.when.isoformat(timespec="minutes") if i.timed else str(i.day) for i in due] == kept
    calendar = render("ics", store.all())
    assert ("DTSTART;VALUE=DATE:20261127" in calendar) == ("2026-11-27" in kept)
    assert "DTSTART:20261125T143000" in calendar
    assert ("DTSTART:20261220T090000" in calendar) == (status not in ("withdrawn", "rejected"))
