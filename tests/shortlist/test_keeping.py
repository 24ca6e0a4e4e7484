"""Nothing typed is lost: removal keeps a bookmark's history, other processes' changes are
seen, and a file written by a newer jobtui (or damaged in one entry) loses nothing on save."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jobtui.shortlist.store import BookmarkStore


@pytest.fixture
def store(tmp_path):
    return BookmarkStore(tmp_path / "cfg")


def test_every_status_change_is_kept_with_its_date(store, seeds):
    p = seeds["002"]
    store.add(p)
    store.set_status(p.id, "applied", on=date(2026, 11, 12))
    store.set_status(p.id, "interviewing")
    history = BookmarkStore(store.directory).get(p.id).history
    assert [c.status for c in history] == ["saved", "applied", "interviewing"]
    assert history[1].at == "2026-11-12" and history[2].at > "2026-11-12T"


def test_a_removed_bookmark_is_kept_and_comes_back_with_its_history(store, seeds):
    p = seeds["001"]
    store.add(p)
    store.set_status(p.id, "interviewing")
    store.add_note(p.id, "Second round on Tuesday")
    store.set_follow_up(p.id, date(2026, 12, 1))
    assert store.remove(p.id)
    again = BookmarkStore(store.directory)
    assert again.get(p.id) is None and p.id not in again and len(again) == 0
    assert again.entry(p.id).removed_at  # still in the file
    back = again.add(p)
    assert back.status == "interviewing" and back.follow_up == "2026-12-01"
    assert [n.text for n in back.notes] == ["Second round on Tuesday"]
    assert [c.status for c in back.history] == ["saved", "interviewing"]


def test_put_back_restores_one_entry_and_leaves_the_others(store, seeds):
    a, b = seeds["000"], seeds["003"]
    store.add(a)
    before = store.entry(a.id)
    store.set_status(a.id, "rejected")
    other = BookmarkStore(store.directory)
    other.add(b)  # another process, meanwhile
    store.put_back(a.id, before)
    final = BookmarkStore(store.directory)
    assert final.get(a.id).status == "saved" and final.get(b.id) is not None
    store.put_back(a.id, None)
    assert BookmarkStore(store.directory).entry(a.id) is None


def test_a_running_store_sees_another_process_change_the_file(store, seeds):
    assert not store.refresh()
    BookmarkStore(store.directory).add(seeds["004"])
    assert store.refresh() and seeds["004"].id in store
    assert not store.refresh()  # nothing new since


def test_unknown_keys_and_unreadable_entries_survive_a_save(store, seeds):
    store.add(seeds["000"])
    data = json.loads(store.path.read_text())
    data["bookmarks"][0]["rating"] = 5  # a newer jobtui's field
    data["bookmarks"].append({"title": "no id"})  # an entry this jobtui cannot read
    data["sync"] = {"device": "laptop"}
    store.path.write_text(json.dumps(data))
    store.reload()
    store.add(seeds["001"])
    saved = json.loads(store.path.read_text())
    assert saved["sync"] == {"device": "laptop"}
    assert {"title": "no id"} in saved["bookmarks"]
    first = next(b for b in saved["bookmarks"] if b.get("id") == seeds["000"].id)
    assert first["rating"] == 5


def test_the_snapshot_holds_what_an_export_needs(store, seeds):
    p = seeds["001"]  # the seed with a salary, tags and a date
    b = store.add(p)
    assert b.salary == p.salary.as_dict() and b.tags == p.tags
    assert b.remote is p.remote and b.posted == (p.posted.isoformat() if p.posted else None)


def test_undo_reverts_each_change_newest_first(store, seeds):
    from jobtui.shortlist.undo import UndoLog

    p = seeds["002"]
    log = UndoLog(store)
    log.change(p.id, "bookmark", lambda: store.add(p))
    log.change(p.id, "status applied", lambda: store.set_status(p.id, "applied"))
    log.change(p.id, "note", lambda: store.add_note(p.id, "Called Ana"))
    log.change(p.id, "removed", lambda: store.remove(p.id))
    assert store.get(p.id) is None
    assert log.undo().what == "removed"
    assert store.get(p.id).notes[0].text == "Called Ana"
    assert log.undo().what == "note" and store.get(p.id).notes == ()
    assert log.undo().what == "status applied" and store.get(p.id).status == "saved"
    assert log.undo().what == "bookmark" and store.entry(p.id) is None
    assert log.undo() is None


def test_undo_never_wipes_what_another_process_changed_on_the_same_bookmark(store, seeds):
    from jobtui.shortlist.store import BookmarkError
    from jobtui.shortlist.undo import UndoLog

    p = seeds["004"]
    log = UndoLog(store)
    log.change(p.id, "bookmark", lambda: store.add(p))
    log.change(p.id, "status applied", lambda: store.set_status(p.id, "applied"))
    BookmarkStore(store.directory).add_note(p.id, "Recruiter called: interview Tuesday")
    store.refresh()
    with pytest.raises(BookmarkError, match="another jobtui changed"):
        log.undo()
    kept = BookmarkStore(store.directory).get(p.id)
    assert kept.status == "applied" and kept.notes[0].text.startswith("Recruiter called")


def test_a_file_broken_while_the_app_runs_is_left_alone_and_nothing_is_written(store, seeds):
    from jobtui.shortlist.store import BookmarkError

    store.add(seeds["000"])
    good = store.path.read_text()
    store.path.write_text(good[:-40])  # a person mid-edit, or a truncated copy
    assert not store.refresh() and "cannot be read just now" in store.problem
    assert seeds["000"].id in store  # the shortlist as it was
    with pytest.raises(BookmarkError):
        store.add(seeds["001"])
    assert store.path.read_text() == good[:-40]  # not moved aside, not overwritten
    assert not list(store.directory.glob("bookmarks.corrupt-*"))
    store.path.write_text(good)  # fixed
    assert store.refresh() and store.problem is None
    store.add(seeds["001"])
    assert len(BookmarkStore(store.directory)) == 2


def test_the_shortlist_view_filters_what_a_bookmark_kept_of_a_posting_not_loaded(store, seeds):
    from jobtui.search.engine import SearchIndex
    from jobtui.shortlist import view

    remote_one = seeds["001"]  # remote, tagged elixir, with a salary
    store.add(remote_one)
    empty = SearchIndex([])  # another folder is open: the posting is not loaded
    marks = store.by_id()
    for query in ("remote:yes", "tag:elixir", "salary:>=100k", "elixir"):
        found = view.matching(empty, empty.run(query), marks, query)
        assert [b.id for b in found] == [remote_one.id], query
    assert view.matching(empty, empty.run("remote:no"), marks, "remote:no") == []
