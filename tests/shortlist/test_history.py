"""An application's history stays a true account in the order of its days, whatever order the
person catches up in (`--on`): nothing before the save, a step for a past day among the others
by its day, the status the latest step's. The stats and the agenda read it in that order."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta

import pytest

from jobtui.shortlist.agenda import agenda, ended_on
from jobtui.shortlist.export import render
from jobtui.shortlist.stats import compute
from jobtui.shortlist.store import (
    Bookmark,
    BookmarkError,
    BookmarkStore,
    Change,
    Note,
    kept_before,
)
from tests.conftest import make_posting


@pytest.fixture
def store(tmp_path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "cfg")


def steps(b: Bookmark) -> list[tuple[str, str]]:
    return [(c.status, c.at[:10]) for c in b.history]


def days_in_order(b: Bookmark) -> bool:
    days = [c.at[:10] for c in b.history]
    return days == sorted(days)


@pytest.mark.parametrize(
    ("status", "on"),
    [
        ("applied", date(2025, 11, 20)),
        ("interviewing", date(2024, 2, 29)),
        ("offer", date(2026, 1, 1)),
        ("rejected", date(2025, 12, 31)),
    ],
)
def test_a_bookmark_made_with_a_past_day_was_saved_that_day(store, status, on):
    p = make_posting("a1b2c3", "Platform Engineer", company="Umbra")
    store.add(p)
    b = store.set_status(p.id, status, on=on)
    assert steps(b) == [("saved", on.isoformat()), (status, on.isoformat())]
    assert b.status == status and b.saved_at == on.isoformat()
    again = BookmarkStore(store.directory).get(p.id)
    assert again == b
    md = render("md", [again])
    assert f"({on} saved → {on} {status})" in md  # not "today saved → earlier applied"
    assert kept_before(again, status) is None


def test_a_posting_saved_before_the_step_keeps_its_day(store):
    p = make_posting("d4e5f6", "Data Engineer")
    store.add(p)
    saved = store.get(p.id).saved_at
    b = store.set_status(p.id, "applied", on=date.today())  # the day it was saved: after it
    assert b.saved_at == saved and steps(b) == [("saved", saved[:10]), ("applied", saved[:10])]
    assert b.history[0].at == saved  # (its time of day too)


# Every order in which a person may catch up on the same three steps.
@pytest.mark.parametrize(
    "order",
    list(
        itertools.permutations(
            [
                ("applied", date(2025, 10, 1)),
                ("interviewing", date(2025, 10, 9)),
                ("rejected", date(2025, 10, 30)),
            ]
        )
    ),
)
def test_steps_caught_up_in_any_order_make_the_same_history(store, order):
    p = make_posting("0a0b0c", "SRE", company="Vela")
    store.add(p)
    for status, on in order:
        store.set_status(p.id, status, on=on)
    b = BookmarkStore(store.directory).get(p.id)
    assert steps(b) == [
        ("saved", "2025-10-01"),
        ("applied", "2025-10-01"),
        ("interviewing", "2025-10-09"),
        ("rejected", "2025-10-30"),
    ]
    assert b.status == "rejected" and b.saved_at == "2025-10-01"
    st = compute([b], date(2025, 11, 3))
    assert st.days_to_response == [8]  # applying to the interview, whatever the order typed
    assert st.by_month == {"2025-10": 1} and st.responded == 1
    assert st.funnel == {"saved": 1, "applied": 1, "interviewing": 1, "offer": 0}
    assert sum(st.weekly) == 5  # the save, its step, and the three steps, in their weeks
    assert ended_on(b) == date(2025, 10, 30)


def test_a_step_before_later_ones_leaves_the_status_and_says_so(store):
    p = make_posting("123abc", "Backend Developer", company="Sketch")
    store.add(p)
    store.set_status(p.id, "applied", on=date(2025, 11, 20))
    store.set_status(p.id, "rejected", on=date(2025, 12, 2))
    b = store.set_status(p.id, "interviewing", on=date(2025, 11, 18))
    assert steps(b) == [
        ("saved", "2025-11-18"),
        ("interviewing", "2025-11-18"),
        ("applied", "2025-11-20"),
        ("rejected", "2025-12-02"),
    ]
    assert b.status == "rejected"
    told = kept_before(b, "interviewing")
    assert told is not None
    assert "before rejected on 2025-12-02" in told and "the status stays rejected" in told
    # The agenda knows the day it ended: an interview set after it will not take place.
    store.add_interview(p.id, datetime(2025, 12, 5, 10, 0), "Panel", advance=False)
    assert [i.kind for i in agenda(store.all(), date(2025, 12, 3))] == []
    assert ended_on(store.get(p.id)) == date(2025, 12, 2)


def test_a_step_on_a_day_already_kept_goes_after_that_days_steps(store):
    p = make_posting("ff00ff", "Rust Developer")
    store.add(p)
    store.set_status(p.id, "applied", on=date(2025, 6, 3))
    store.set_status(p.id, "offer", on=date(2025, 6, 20))
    b = store.set_status(p.id, "interviewing", on=date(2025, 6, 3))
    assert steps(b) == [
        ("saved", "2025-06-03"),
        ("applied", "2025-06-03"),
        ("interviewing", "2025-06-03"),
        ("offer", "2025-06-20"),
    ]
    assert b.status == "offer"


def test_the_same_step_twice_is_kept_once(store):
    p = make_posting("abab12", "QA Engineer")
    store.add(p)
    store.set_status(p.id, "applied", on=date(2025, 3, 9))
    b = store.set_status(p.id, "applied", on=date(2025, 3, 9))
    assert steps(b) == [("saved", "2025-03-09"), ("applied", "2025-03-09")]
    b = store.set_status(p.id, "saved", on=date(2025, 3, 1))  # saved earlier than thought
    assert steps(b) == [("saved", "2025-03-01"), ("applied", "2025-03-09")]
    assert b.status == "applied" and b.saved_at == "2025-03-01"


def test_a_status_set_now_comes_after_the_days_caught_up(store):
    p = make_posting("c0ffee", "Go Developer")
    store.add(p)
    store.set_status(p.id, "applied", on=date(2025, 5, 5))
    b = store.set_status(p.id, "interviewing")  # as the app's status key does: now
    assert [s for s, _ in steps(b)] == ["saved", "applied", "interviewing"]
    assert b.status == "interviewing" and days_in_order(b)


def test_what_the_person_wrote_is_kept_when_the_save_moves_back(store):
    p = make_posting("5eed01", "Frontend Developer")
    store.add(p)
    store.add_note(p.id, "Found it through Ana\n(ask her about the team)")

    def hand_edited(items):  # a note on the save, as written by hand in the file
        b = items[p.id]
        items[p.id] = type(b)(
            **{
                **{k: getattr(b, k) for k in b.__dataclass_fields__},
                "history": (Change("saved", b.saved_at, "from the meetup"),),
            }
        )

    store._change(hand_edited)
    before = store.get(p.id).notes
    b = store.set_status(p.id, "applied", on=date(2025, 9, 14))
    assert b.history[0] == Change("saved", "2025-09-14", "from the meetup")
    assert b.notes == before and b.notes[0].text.startswith("Found it through Ana\n")
    assert isinstance(b.notes[0], Note) and b.notes[0].at == before[0].at  # not re-dated


def test_an_undated_step_written_by_hand_stays_where_it_is(store, tmp_path):
    p = make_posting("beef42", "Security Engineer")
    store.add(p)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    entry = data["bookmarks"][0]
    entry["saved_at"] = "2025-08-10T09:00:00+02:00"
    entry["history"] = [
        {"status": "saved", "at": "2025-08-10T09:00:00+02:00", "note": ""},
        {"status": "applied", "at": "sometime in August", "note": "by post"},
    ]
    entry["status"] = "applied"
    store.path.write_text(json.dumps(data), encoding="utf-8")
    store = BookmarkStore(store.directory)
    b = store.set_status(p.id, "interviewing", on=date(2025, 8, 1))
    assert steps(b) == [
        ("saved", "2025-08-01"),
        ("applied", "sometime i"),
        ("interviewing", "2025-08-01"),
    ]
    assert b.history[1].note == "by post" and b.status == "interviewing"


def test_a_bookmark_from_before_histories_starts_with_its_save(store):
    p = make_posting("01d01d", "Elixir Developer")
    store.add(p)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    del data["bookmarks"][0]["history"]  # as jobtui 0.1 wrote it
    data["bookmarks"][0]["saved_at"] = "2025-04-02T18:30:00+01:00"
    store.path.write_text(json.dumps(data), encoding="utf-8")
    store = BookmarkStore(store.directory)
    b = store.set_status(p.id, "applied", on=date(2025, 3, 30))
    assert steps(b) == [("saved", "2025-03-30"), ("applied", "2025-03-30")]
    assert b.saved_at == "2025-03-30"


def test_a_day_still_to_come_is_refused_and_nothing_changes(store):
    p = make_posting("fe11ed", "Android Developer")
    store.add(p)
    before = store.get(p.id)
    with pytest.raises(BookmarkError, match="still to come"):
        store.set_status(p.id, "applied", on=date.today() + timedelta(days=1))
    assert BookmarkStore(store.directory).get(p.id) == before


def test_an_unsaved_change_replays_the_same_in_memory_and_on_disk(tmp_path, monkeypatch):
    import errno
    import tempfile

    kept = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    p = make_posting("70a570", "ML Engineer")
    kept.add(p)
    kept.set_status(p.id, "offer", on=date(2025, 7, 7))
    with monkeypatch.context() as m:  # a read-only folder, for a moment

        def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
            raise OSError(errno.EACCES, "Permission denied")

        m.setattr(tempfile, "mkstemp", refuse)
        in_memory = kept.set_status(p.id, "applied", on=date(2025, 7, 1))
        assert kept.unsaved and kept.pending == 1
    assert kept.retry()
    on_disk = BookmarkStore(kept.directory).get(p.id)
    for b in (in_memory, on_disk):
        assert steps(b) == [
            ("saved", "2025-07-01"),
            ("applied", "2025-07-01"),
            ("offer", "2025-07-07"),
        ]
        assert b.status == "offer"


# --- the command line ---------------------------------------------------------------------------


def test_bookmark_with_a_past_day_exports_the_save_on_that_day(seeds, capsys, tmp_path):
    from jobtui.cli import main

    pid = seeds["003"].id
    day = date.today() - timedelta(days=5)
    assert main(["bookmark", pid, "--status", "applied", "--on", day.isoformat()]) == 0
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert f"({day} saved → {day} applied)" in out
    assert main(["bookmark", pid, "--status", "interviewing", "--on", str(day - timedelta(1))]) == 0
    captured = capsys.readouterr()
    assert f"{pid}  applied  " in captured.out
    assert "interviewing is kept in the history before applied" in captured.err
    assert "the status stays applied" in captured.err
    assert main(["export"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if " saved → " in ln)
    earlier = day - timedelta(1)
    assert f"({earlier} saved → {earlier} interviewing → {day} applied)" in line


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("yesterday", "--on wants YYYY-MM-DD, got 'yesterday'"),
        ("2026-13-01", "--on: 2026-13-01 is no day of the calendar"),
        ("2025-02-29", "--on: 2025-02-29 is no day of the calendar"),
        ("", "--on wants YYYY-MM-DD, got ''"),
        ("  ", "--on wants YYYY-MM-DD, got ''"),
        ("+3d", "--on wants YYYY-MM-DD, got '+3d'"),
        (str(date.today() + timedelta(days=1)), "is still to come"),
    ],
)
def test_a_day_that_is_not_one_is_said_and_nothing_is_bookmarked(seeds, capsys, value, said):
    from jobtui.cli import main

    pid = seeds["001"].id
    assert main(["bookmark", pid, "--status", "applied", "--on", value]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert len(BookmarkStore()) == 0


def test_a_day_with_spaces_around_it_is_read(seeds, capsys):
    from jobtui.cli import main

    pid = seeds["002"].id
    day = date.today() - timedelta(days=2)
    assert main(["bookmark", pid, "--status", "offer", "--on", f" {day} "]) == 0
    assert steps(BookmarkStore().get(pid))[-1] == ("offer", day.isoformat())
