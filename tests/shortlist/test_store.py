"""The shortlist store: nothing the person saved is ever lost or silently overwritten."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date

import pytest

from jobtui.shortlist.store import BookmarkError, BookmarkStore


@pytest.fixture
def store(tmp_path) -> BookmarkStore:
    return BookmarkStore(tmp_path / "cfg")


def test_default_location_follows_the_environment(_isolated_config):
    assert BookmarkStore().path == _isolated_config / "bookmarks.json"


def test_bookmark_status_note_follow_up_persist(store, seeds):
    posting = seeds["004"]
    store.add(posting)
    store.set_status(posting.id, "applied")
    store.add_note(posting.id, "Sent CV\nto Alice")
    store.set_follow_up(posting.id, date(2026, 12, 1))
    again = BookmarkStore(store.directory)
    b = again.get(posting.id)
    assert (b.status, b.follow_up, b.title, b.company) == (
        "applied",
        "2026-12-01",
        posting.title,
        "Diode",
    )
    assert b.notes[0].text == "Sent CV\nto Alice" and b.notes[0].at[:4].isdigit()
    assert again.marks() == {posting.id: "applied"}
    assert store.remove(posting.id) is True
    assert BookmarkStore(store.directory).get(posting.id) is None


def test_file_is_human_readable_json_with_a_version(store, seeds):
    store.add(seeds["000"])
    data = json.loads(store.path.read_text())
    assert data["version"] == 1
    assert data["bookmarks"][0]["title"] == "Back End Developer"


def test_unknown_status_is_refused(store, seeds):
    store.add(seeds["000"])
    with pytest.raises(BookmarkError, match="unknown status"):
        store.set_status(seeds["000"].id, "hired")


def test_interrupted_save_leaves_the_old_file(store, seeds, monkeypatch):
    store.add(seeds["000"])
    before = store.path.read_bytes()

    def boom(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(BookmarkError, match="could not save the shortlist"):
        store.add(seeds["001"])
    assert store.path.read_bytes() == before
    assert not [p for p in store.directory.iterdir() if p.suffix == ".tmp"]


def test_corrupt_file_is_moved_aside_not_lost(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "bookmarks.json").write_text('{"version": 1, "bookmarks": [ broken')
    store = BookmarkStore(cfg)
    assert len(store) == 0
    assert "moved to" in store.recovered
    backups = list(cfg.glob("bookmarks.corrupt-*.json"))
    assert len(backups) == 1 and backups[0].read_text().endswith("broken")
    store.add(seeds["000"])  # the new file does not overwrite the backup
    assert backups[0].read_text().endswith("broken")


def test_newer_format_is_shown_and_never_overwritten(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    text = '{"version": 99, "bookmarks": [{"id": "abc123", "title": "From the future"}]}'
    (cfg / "bookmarks.json").write_text(text)
    store = BookmarkStore(cfg, keep_unsaved=True)
    assert "newer jobtui" in store.recovered and store.get("abc123").title == "From the future"
    with pytest.raises(BookmarkError, match="newer jobtui"):
        store.add(seeds["000"])
    assert (cfg / "bookmarks.json").read_text() == text and not store.unsaved
    assert not list(cfg.glob("bookmarks.corrupt-*.json"))


def test_two_stores_writing_alternately_keep_both(tmp_path, seeds):
    a = BookmarkStore(tmp_path / "cfg")
    b = BookmarkStore(tmp_path / "cfg")
    a.add(seeds["000"])
    b.add(seeds["001"])  # b never re-read, yet must not drop a's bookmark
    a.set_status(seeds["000"].id, "applied")
    b.add_note(seeds["001"].id, "from b")
    final = BookmarkStore(tmp_path / "cfg")
    assert final.marks() == {seeds["000"].id: "applied", seeds["001"].id: "saved"}
    assert final.get(seeds["001"].id).notes[0].text == "from b"


def test_bookmark_follows_a_moved_posting(store, seeds):
    posting = seeds["002"]
    store.add(posting)
    store.set_status(posting.id, "interviewing")
    moved = replace(posting, id="newid0000000", source="/elsewhere/002.md")
    missing = store.reconcile([moved])
    assert missing == set()
    assert store.get("newid0000000").status == "interviewing"
    assert store.get(posting.id) is None


def test_a_posting_shadowed_by_a_later_one_of_its_id_is_not_followed(store, seeds):
    """An id held twice (one board file under two folders) is its last posting's: a bookmark
    does not move to the earlier one, though it has the bookmark's content."""
    posting = seeds["002"]
    store.add(posting)
    earlier = replace(posting, id="twice0000000", source="/a/board.json#7")
    later = replace(earlier, source="/b/board.json#7", digest="ffffffffffffffff")
    assert store.reconcile([earlier, later]) == {posting.id}
    assert store.get(posting.id) is not None and store.get("twice0000000") is None
    assert store.reconcile([later, earlier]) == set()  # the one with its content is last
    assert store.get("twice0000000") is not None


def test_a_posting_edited_where_it_lives_refreshes_what_its_bookmark_shows(store, seeds):
    """A board retitled a job and raised its pay: the shortlist and exports say so, and the
    status and notes stay."""
    from jobtui.postings.model import Salary

    posting = seeds["001"]
    store.add(posting)
    store.set_status(posting.id, "applied")
    store.add_note(posting.id, "called")
    edited = replace(
        posting,
        title="Senior " + posting.title,
        salary=Salary(80_000, 100_000, "GBP", "year"),
        digest="feedfacefeedface",
    )
    assert store.reconcile([edited]) == set()
    for kept in (store.get(posting.id), BookmarkStore(store.directory).get(posting.id)):
        assert kept.title == "Senior " + posting.title
        assert kept.salary == Salary(80_000, 100_000, "GBP", "year").as_dict()
        assert kept.status == "applied" and [n.text for n in kept.notes] == ["called"]
        assert kept.digest == "feedfacefeedface"


def test_a_bookmark_follows_its_file_edited_in_place(store, seeds):
    """A sentence of the body changed: content and id are new, the file, title and company
    the same. The status and notes stay with it; a bookmark of another job there does not
    follow, nor one whose title changed too, nor one whose file now holds two such postings."""
    posting = seeds["002"]
    store.add(posting)
    store.set_status(posting.id, "interviewing")
    store.add_note(posting.id, "Phoned Sam")
    edited = replace(posting, id="edited000000", digest="0123456789abcdef", body="Changed.\n")
    assert store.reconcile([edited, seeds["000"]]) == set()
    for kept in (store.get("edited000000"), BookmarkStore(store.directory).get("edited000000")):
        assert kept.status == "interviewing" and [n.text for n in kept.notes] == ["Phoned Sam"]
    assert store.get(posting.id) is None

    other = seeds["003"]
    store.add(other)
    retitled = replace(other, id="retitled0000", digest="fedcba9876543210", title="Another job")
    assert store.reconcile([edited, retitled]) == {other.id}
    twice = [replace(other, id=f"twice{i}0000000", digest=f"{i}" * 16) for i in range(2)]
    assert store.reconcile([edited, *twice]) == {other.id}
    assert store.get(other.id) is not None and store.get("twice00000000") is None


def test_a_hybrid_posting_stays_hybrid_in_its_bookmark_when_its_file_is_gone(store, seeds):
    from jobtui.shortlist.export import flat_record
    from jobtui.shortlist.view import snapshot_posting

    hybrid = replace(seeds["003"], remote=None, hybrid=True)
    store.add(hybrid)
    assert store.reconcile([seeds["000"]]) == {hybrid.id}
    for kept in (store.get(hybrid.id), BookmarkStore(store.directory).get(hybrid.id)):
        assert kept.hybrid and kept.remote is None
        assert flat_record(kept, missing=True)["remote"] == "hybrid"
        assert snapshot_posting(kept).hybrid


def test_a_bookmark_is_never_dropped_when_its_new_posting_was_bookmarked_meanwhile(store, seeds):
    """Another jobtui bookmarked the edited posting before this one followed the edit: both
    bookmarks stay, the older one with its status and notes."""
    posting = seeds["002"]
    store.add(posting)
    store.set_status(posting.id, "interviewing")
    store.add_note(posting.id, "Phoned Sam")
    edited = replace(posting, id="edited000000", digest="0123456789abcdef", body="Changed.\n")
    BookmarkStore(store.directory).add(edited)  # the other process
    store.reconcile([edited])
    for kept in (store, BookmarkStore(store.directory)):
        old = kept.get(posting.id)
        assert old is not None and old.status == "interviewing"
        assert [n.text for n in old.notes] == ["Phoned Sam"]
        assert kept.get("edited000000") is not None


def test_a_bookmark_whose_file_holds_another_posting_now_says_so(tmp_path, seeds):
    from jobtui.shortlist import view

    posting = seeds["002"]
    here = tmp_path / "job.md"
    here.write_text("x")
    saved = replace(posting, source=str(here))
    retitled = replace(saved, id="retitled0000", title="Another job", digest="0" * 16)
    store = BookmarkStore(tmp_path / "cfg")
    store.add(saved)
    bookmark = store.get(saved.id)
    assert view.locate([bookmark], {retitled.id: retitled}) == {saved.id: view.CHANGED}
    assert view.locate([bookmark], {}) == {saved.id: view.ELSEWHERE}
    here.unlink()
    assert view.locate([bookmark], {}) == {saved.id: view.MISSING}


def test_missing_posting_keeps_its_snapshot(store, seeds):
    store.add(seeds["003"])
    assert store.reconcile([seeds["000"]]) == {seeds["003"].id}
    assert store.get(seeds["003"].id).company == "Sketch"


def test_find_by_prefix(store, seeds):
    store.add(seeds["000"])
    assert store.find(seeds["000"].id[:5]).id == seeds["000"].id
    with pytest.raises(BookmarkError):
        store.find("zzz")


def test_a_bookmark_made_from_a_relative_folder_follows_its_file_opened_by_absolute_path(
    tmp_path, monkeypatch
):
    """Bookmarked from the command line in the parent folder (`jobs/...`), then the file's
    salary edited and the folder opened by its full path (as the app opens it), from another
    working directory: the bookmark follows with its status and notes; a bookmark whose file
    holds another job now says the file changed, not that it is missing."""
    from jobtui.postings.loader import load_postings
    from jobtui.shortlist import view

    jobs = tmp_path / "trial" / "jobs"
    (jobs / "plain").mkdir(parents=True)
    go = jobs / "plain" / "golang.md"
    go.write_text("# Staff Go Engineer\n\nCompany: Quillfeather\n\nSalary: €90k.\n\nBuild it.\n")
    other = jobs / "kotlin.md"
    other.write_text("# Kotlin Developer\n\nCompany: Quillfeather\n\nShip apps.\n")
    store = BookmarkStore(tmp_path / "cfg")
    monkeypatch.chdir(tmp_path / "trial")
    first = {p.title: p for p in load_postings(["jobs"]).postings}
    store.add(first["Staff Go Engineer"])
    store.set_status(first["Staff Go Engineer"].id, "interviewing")
    store.add_note(first["Staff Go Engineer"].id, "Second round Tuesday")
    store.add(first["Kotlin Developer"])
    assert store.get(first["Kotlin Developer"].id).source == str(other)  # kept absolute

    go.write_text(go.read_text().replace("€90k", "€95k"))
    other.write_text("# Android Lead\n\nCompany: Quillfeather\n\nShip apps.\n")
    monkeypatch.chdir(tmp_path)
    again = load_postings([str(jobs)]).postings
    lost = store.reconcile(again)
    assert lost == {first["Kotlin Developer"].id}
    followed = next(p for p in again if p.title == "Staff Go Engineer")
    for kept in (store.get(followed.id), BookmarkStore(store.directory).get(followed.id)):
        assert kept.status == "interviewing"
        assert [n.text for n in kept.notes] == ["Second round Tuesday"]
        assert kept.salary["max"] == 95000
    absent = view.locate(store.all(), {p.id: p for p in again})
    assert absent == {first["Kotlin Developer"].id: view.CHANGED}
    monkeypatch.chdir(jobs)  # relative paths would all look gone from here
    again = load_postings(["."]).postings
    assert store.reconcile(again) == {first["Kotlin Developer"].id}
    assert view.locate(store.all(), {p.id: p for p in again}) == {
        first["Kotlin Developer"].id: view.CHANGED
    }


def test_a_bookmark_kept_with_a_relative_path_learns_the_absolute_one(tmp_path, monkeypatch):
    from jobtui.postings.loader import load_postings

    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.md").write_text("# Rust Engineer\n\nCompany: Ferrous\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    posting = load_postings(["jobs"]).postings[0]
    store = BookmarkStore(tmp_path / "cfg")
    store.add(posting)
    raw = json.loads(store.path.read_text())
    raw["bookmarks"][0]["source"] = "jobs/a.md"  # as an older jobtui kept it
    store.path.write_text(json.dumps(raw))
    store = BookmarkStore(tmp_path / "cfg")
    assert store.get(posting.id).source == "jobs/a.md"
    store.reconcile([posting])
    assert BookmarkStore(tmp_path / "cfg").get(posting.id).source == str(tmp_path / "jobs" / "a.md")
