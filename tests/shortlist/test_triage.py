"""Triage: seen and hidden postings are never lost nor silently overwritten."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from jobtui.shortlist.triage import (
    NotSaved,
    TriageError,
    TriageStore,
)

# --- seen and hidden ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cfg"


def on_disk(folder: Path) -> dict:
    return json.loads((folder / "triage.json").read_text(encoding="utf-8"))


def test_default_location_follows_the_environment(_isolated_config):
    assert TriageStore().path == _isolated_config / "triage.json"


def test_marks_persist_and_say_what_changed(folder):
    store = TriageStore(folder)
    assert store.mark_seen(["a", "b", "a"]) == ["a", "b"]
    assert store.mark_seen(["b", "c"]) == ["c"]  # b was seen already
    assert store.hide(["b"]) == ["b"]
    again = TriageStore(folder)
    assert set(again.seen()) == {"a", "b", "c"} and set(again.hidden()) == {"b"}
    assert again.is_seen("a") and again.is_hidden("b") and not again.is_hidden("a")
    data = on_disk(folder)
    assert data["version"] == 1 and set(data["seen"]) == {"a", "b", "c"}
    assert data["seen"]["a"][:4].isdigit() and "T" in data["seen"]["a"]  # ISO 8601


def test_hiding_does_not_mark_seen(folder):
    store = TriageStore(folder)
    store.hide(["x"])
    assert store.is_hidden("x") and not store.is_seen("x")


def test_unmarking_returns_times_and_undo_restores_them(folder):
    store = TriageStore(folder)
    store.mark_seen(["a", "b"])
    store.hide(["a"])
    when = dict(store.seen())
    removed = store.mark_unseen(["a", "zz"])
    assert removed == {"a": when["a"]}  # zz was never seen
    assert not store.is_seen("a") and store.is_seen("b")
    assert store.mark_seen(removed) == ["a"]  # the undo
    assert TriageStore(folder).seen()["a"] == when["a"]
    assert list(store.unhide(["a"])) == ["a"] and store.unhide(["a"]) == {}
    assert not TriageStore(folder).is_hidden("a")


def test_nothing_to_do_writes_nothing(folder):
    store = TriageStore(folder)
    assert store.mark_seen([]) == [] and store.mark_unseen([]) == {}
    assert not store.path.exists()


def test_views_are_read_only(folder):
    store = TriageStore(folder)
    store.mark_seen(["a"])
    with pytest.raises(TypeError):
        store.seen()["b"] = "now"  # type: ignore[index]
    with pytest.raises(TypeError):
        store.hidden()["b"] = "now"  # type: ignore[index]


def test_two_stores_alternating_lose_nothing(folder):
    one, two = TriageStore(folder), TriageStore(folder)
    one.mark_seen(["a"])
    two.mark_seen(["b"])  # two never read a: it must not write over it
    one.hide(["c"])
    two.hide(["d"])
    one.mark_unseen(["b"])  # one never read b: it is still unmarked on disk
    two.mark_seen(["e"])
    final = TriageStore(folder)
    assert set(final.seen()) == {"a", "e"} and set(final.hidden()) == {"c", "d"}
    # Each store holds what it last read or wrote; refresh catches up with the other's.
    assert set(two.seen()) == {"a", "e"}
    assert one.refresh() is True and set(one.seen()) == {"a", "e"}
    assert one.refresh() is False


def _mark_many(folder: str, prefix: str) -> None:
    store = TriageStore(folder)
    for i in range(20):
        store.mark_seen([f"{prefix}{i}"])
        store.hide([f"{prefix}{i}"])


def test_processes_at_once_lose_nothing(folder):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_mark_many, args=(str(folder), p)) for p in "pqrs"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    final = TriageStore(folder)
    expected = {f"{p}{i}" for p in "pqrs" for i in range(20)}
    assert set(final.seen()) == expected and set(final.hidden()) == expected


def test_a_corrupt_file_is_moved_aside_never_over_another_backup(folder):
    folder.mkdir()
    (folder / "triage.json").write_text('{"seen": {"a": ', encoding="utf-8")
    store = TriageStore(folder)
    assert store.recovered and "moved to" in store.recovered
    assert not store.seen() and not (folder / "triage.json").exists()
    (folder / "triage.json").write_text("[1, 2", encoding="utf-8")
    TriageStore(folder)  # the same second: the first backup must survive
    backups = folder.glob("triage.corrupt-*.json")
    assert {b.read_text(encoding="utf-8") for b in backups} == {'{"seen": {"a": ', "[1, 2"}
    store.mark_seen(["x"])
    assert set(on_disk(folder)["seen"]) == {"x"}


def test_a_file_broken_while_running_is_never_written_over(folder):
    store = TriageStore(folder)
    store.mark_seen(["a"])
    broken = '{"seen": {"a": "then", "b": '  # a person is editing it
    store.path.write_text(broken, encoding="utf-8")
    with pytest.raises(NotSaved, match="cannot be read just now"):
        store.mark_seen(["c"])
    assert store.path.read_text(encoding="utf-8") == broken
    assert store.is_seen("a") and not store.is_seen("c")
    assert store.refresh() is False and store.problem and "cannot be read" in store.problem
    assert not list(folder.glob("triage.corrupt-*"))


def test_keep_unsaved_replays_the_same_change_when_the_file_reads_again(folder):
    store = TriageStore(folder, keep_unsaved=True)
    store.mark_seen(["a"])
    store.path.write_text("{oops", encoding="utf-8")
    assert store.mark_seen(["b"]) == ["b"]  # kept in memory
    assert store.hide(["b"]) == ["b"]
    assert store.pending == 2 and store.unsaved and "cannot be read" in store.unsaved
    shown = dict(store.seen())
    assert store.retry() is False and store.path.read_text(encoding="utf-8") == "{oops"
    # The person fixes the file by hand, adding a mark of their own.
    store.path.write_text(json.dumps({"version": 1, "seen": {"a": "x", "h": "y"}}), "utf-8")
    assert store.refresh() is True and store.is_seen("h") and store.is_seen("b")
    assert store.retry() is True and store.pending == 0 and store.unsaved is None
    saved = on_disk(folder)
    assert saved["seen"] == {"a": "x", "h": "y", "b": shown["b"]}  # the time it was made
    assert set(saved["hidden"]) == {"b"}


def test_a_write_that_fails_raises_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    store = TriageStore(tmp_path / "file" / "cfg")
    with pytest.raises(NotSaved, match=r"could not save .*triage\.json"):
        store.mark_seen(["a"])
    assert not store.is_seen("a")
    kept = TriageStore(tmp_path / "file" / "cfg", keep_unsaved=True)
    assert kept.mark_seen(["a"]) == ["a"] and kept.is_seen("a") and kept.pending == 1
    assert kept.unsaved and "could not save" in kept.unsaved


def test_unknown_keys_and_odd_values_survive(folder):
    folder.mkdir()
    (folder / "triage.json").write_text(
        json.dumps(
            {
                "version": 1,
                "seen": {"a": "2026-01-01T00:00:00+00:00", "b": {"at": "later", "by": "phone"}},
                "hidden": ["c"],  # written by hand
                "snoozed": {"d": "2026-02-01"},
            }
        ),
        encoding="utf-8",
    )
    store = TriageStore(folder)
    assert store.is_seen("b") and store.is_hidden("c")
    store.mark_seen(["e"])
    data = on_disk(folder)
    assert data["snoozed"] == {"d": "2026-02-01"}
    assert data["seen"]["b"] == {"at": "later", "by": "phone"}
    assert data["hidden"] == {"c": ""}


def test_a_newer_file_is_read_but_never_changed(folder):
    folder.mkdir()
    text = json.dumps({"version": 9, "seen": {"a": "t"}, "layout": "new"})
    (folder / "triage.json").write_text(text, encoding="utf-8")
    store = TriageStore(folder)
    assert store.is_seen("a") and store.recovered and "newer jobtui" in store.recovered
    with pytest.raises(TriageError, match="newer jobtui"):
        store.hide(["a"])
    assert (folder / "triage.json").read_text(encoding="utf-8") == text
