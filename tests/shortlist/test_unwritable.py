"""A shortlist that cannot be saved (read-only folder or lock, full disk, a file being fixed by
hand) gives a clear message and leaves the file as it was; the TUI keeps the change in memory
and saves it once it can."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from jobtui.shortlist.store import BookmarkError, BookmarkStore, NotSaved

FAILURES = {
    "full disk": ("write", errno.ENOSPC, "the disk is full"),
    "read-only folder": ("mkstemp", errno.EACCES, "permission denied"),
    "read-only file system": ("mkstemp", errno.EROFS, "read-only"),
    "unwritable parent": ("mkdir", errno.EACCES, "permission denied"),
    "read-only lock file": ("lock", errno.EACCES, "permission denied"),
}


def fail(monkeypatch: pytest.MonkeyPatch, where: str, code: int) -> None:
    """Make one step of a save fail the way the operating system does."""
    err = OSError(code, os.strerror(code))
    if where == "write":
        real = os.fdopen

        class Full:
            def __init__(self, fh):  # type: ignore[no-untyped-def]
                self.fh = fh

            def __enter__(self):  # type: ignore[no-untyped-def]
                return self

            def __exit__(self, *exc):  # type: ignore[no-untyped-def]
                self.fh.close()

            def write(self, _data):  # type: ignore[no-untyped-def]
                raise err

        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real(fd, *a, **k)))
    elif where == "mkstemp":

        def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
            raise err

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    elif where == "mkdir":
        from pathlib import Path

        def refuse_dir(*_a, **_k):  # type: ignore[no-untyped-def]
            raise err

        monkeypatch.setattr(Path, "mkdir", refuse_dir)
    elif where == "lock":
        import builtins

        real_open = builtins.open

        def no_write(file, mode="r", *a, **k):  # type: ignore[no-untyped-def]
            if str(file).endswith(".lock"):
                raise PermissionError(code, os.strerror(code), str(file))
            return real_open(file, mode, *a, **k)

        monkeypatch.setattr(builtins, "open", no_write)


@pytest.mark.parametrize("case", FAILURES)
def test_a_change_that_cannot_be_saved_says_why_and_changes_nothing(
    tmp_path, seeds, monkeypatch, case
):
    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["000"])
    before = store.path.read_bytes()
    where, code, words = FAILURES[case]
    fail(monkeypatch, where, code)
    with pytest.raises(NotSaved, match=words) as caught:
        store.set_status(seeds["000"].id, "applied")
    assert str(store.path) in str(caught.value)
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert store.get(seeds["000"].id).status == "saved"  # the command line keeps nothing
    assert not list(store.directory.glob("*.tmp"))


@pytest.mark.parametrize("case", FAILURES)
def test_the_tui_keeps_an_unsaved_change_and_saves_it_later(tmp_path, seeds, monkeypatch, case):
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    a, b = seeds["000"], seeds["001"]
    store.add(a)
    where, code, words = FAILURES[case]
    fail(monkeypatch, where, code)
    store.set_status(a.id, "applied")
    store.add(b)
    store.add_note(b.id, "typed while the disk was full")
    assert words in store.unsaved
    assert store.get(a.id).status == "applied" and store.get(b.id).notes  # shown meanwhile
    assert not store.retry()  # still failing
    monkeypatch.undo()
    other = BookmarkStore(store.directory)  # another jobtui saves meanwhile
    other.add(seeds["002"])
    assert store.retry() and store.unsaved is None
    final = BookmarkStore(store.directory)
    assert final.get(a.id).status == "applied"
    assert final.get(b.id).notes[0].text == "typed while the disk was full"
    assert seeds["002"].id in final


def test_a_change_kept_in_memory_is_saved_with_the_next_one(tmp_path, seeds, monkeypatch):
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    fail(monkeypatch, "write", errno.ENOSPC)
    store.add(seeds["000"])
    monkeypatch.undo()
    store.add(seeds["001"])
    assert set(BookmarkStore(store.directory).marks()) == {seeds["000"].id, seeds["001"].id}


def test_a_file_being_fixed_by_hand_is_not_written_over(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    store.add(seeds["000"])
    store.path.write_text('{"version": 1, "bookmarks": [ half-typed')
    store.add_note(seeds["000"].id, "kept")
    assert "cannot be read just now" in store.unsaved
    assert store.path.read_text().endswith("half-typed")
    store.path.write_text(store.path.read_text().replace("[ half-typed", "[]}"))
    assert store.retry()
    assert BookmarkStore(store.directory).get(seeds["000"].id).notes[0].text == "kept"


def test_a_wrong_request_is_refused_not_kept(tmp_path, seeds, monkeypatch):
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    fail(monkeypatch, "write", errno.ENOSPC)
    with pytest.raises(BookmarkError, match="no bookmark"):
        store.set_status("nope", "applied")
    assert store.unsaved is None


def test_leftover_temp_files_are_cleaned_on_the_next_save(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["000"])
    for n in range(3):  # what three killed saves leave
        (store.directory / f".bookmarks-killed{n}.tmp").write_text("{")
    keep = store.directory / "notes.tmp"  # not ours
    keep.write_text("mine")
    store.add(seeds["001"])
    assert not list(store.directory.glob(".bookmarks-*.tmp")) and keep.exists()


def test_a_read_only_lock_file_still_locks(tmp_path, seeds, monkeypatch):
    import builtins

    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["000"])
    real_open = builtins.open

    def read_only(file, mode="r", *a, **k):  # type: ignore[no-untyped-def]
        if str(file).endswith(".lock") and "a" in mode:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", read_only)
    store.add(seeds["001"])
    monkeypatch.undo()
    assert len(BookmarkStore(store.directory)) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_real_read_only_folder(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg")
    store.add(seeds["000"])
    store.directory.chmod(0o555)
    try:
        with pytest.raises(NotSaved, match="permission denied"):
            store.add(seeds["001"])
    finally:
        store.directory.chmod(0o755)


def test_undoing_a_change_kept_unsaved_stays_undone_when_saved(tmp_path, seeds, monkeypatch):
    import itertools

    from jobtui.shortlist import store as store_module
    from jobtui.shortlist.undo import UndoLog

    clock = itertools.count()  # every replay would see another time if it read the clock
    monkeypatch.setattr(store_module, "now", lambda: f"2026-11-23T10:00:{next(clock):02d}")
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    a = seeds["000"]
    store.add(a)
    undo = UndoLog(store)
    with monkeypatch.context() as m:
        fail(m, "write", errno.ENOSPC)
        undo.change(a.id, "status", lambda: store.set_status(a.id, "applied"))
        undo.change(seeds["001"].id, "bookmark", lambda: store.add(seeds["001"]))
        assert store.unsaved
        undo.undo()
        undo.undo()
        assert store.get(a.id).status == "saved" and seeds["001"].id not in store
    assert store.retry()
    final = BookmarkStore(store.directory)
    assert final.get(a.id).status == "saved" and seeds["001"].id not in final


def test_a_change_saved_by_retry_can_be_undone(tmp_path, seeds, monkeypatch):
    from jobtui.shortlist.undo import UndoLog

    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    a = seeds["000"]
    store.add(a)
    undo = UndoLog(store)
    with monkeypatch.context() as m:
        fail(m, "write", errno.ENOSPC)
        undo.change(a.id, "status", lambda: store.set_status(a.id, "offer"))
    assert store.retry()
    undo.undo()  # not "another jobtui changed this bookmark since"
    assert BookmarkStore(store.directory).get(a.id).status == "saved"


def test_a_file_turned_newer_while_changes_wait_never_raises(tmp_path, seeds, monkeypatch):
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    store.add(seeds["000"])
    with monkeypatch.context() as m:
        fail(m, "write", errno.ENOSPC)
        store.add_note(seeds["000"].id, "waiting")
    store.path.write_text('{"version": 7, "bookmarks": []}')
    assert not store.retry() and "newer jobtui" in store.unsaved
    store.refresh()
    assert store.path.read_text() == '{"version": 7, "bookmarks": []}'


def test_a_bookmark_deleted_by_hand_while_a_change_waits(tmp_path, seeds):
    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    store.add(seeds["000"])
    store.path.write_text("{ being edited")
    store.add_note(seeds["000"].id, "kept in memory")
    store.path.write_text('{"version": 1, "bookmarks": []}')  # the person removed it
    store.refresh()  # no KeyError
    assert store.retry()
    kept = BookmarkStore(store.directory).get(seeds["000"].id)
    assert kept.notes[0].text == "kept in memory"


def test_a_damaged_file_that_cannot_be_moved_aside(tmp_path, seeds, monkeypatch):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "bookmarks.json").write_text("{ broken")

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    store = BookmarkStore(cfg, keep_unsaved=True)  # no traceback
    assert len(store) == 0 and "nor moved aside" in store.recovered
    store.add(seeds["000"])
    assert store.unsaved and (cfg / "bookmarks.json").read_text() == "{ broken"


def test_following_a_moved_file_is_not_a_change_to_ask_about(tmp_path, seeds, monkeypatch):
    from dataclasses import replace

    store = BookmarkStore(tmp_path / "cfg", keep_unsaved=True)
    store.add(seeds["000"])
    moved = replace(seeds["000"], id="feedfeedfeed", source="/elsewhere/x.md")
    fail(monkeypatch, "write", errno.ENOSPC)
    store.reconcile([moved])
    assert store.unsaved is None and store.pending == 0
