"""The SQLite load store: changes to a folder are seen on reopen and only they are written; two
jobtuis load one folder at once; a damaged, foreign or old cache is rebuilt, never trusted; a
cache folder that cannot be written costs one notice; `--no-cache`; `jobtui cache info/clear`."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
from importlib import metadata
from pathlib import Path

import pytest

from jobtui.cli import main
from jobtui.postings import store as store_module
from jobtui.postings.cache import stored_files
from jobtui.postings.loader import iter_load, load_postings
from jobtui.postings.store import LoadCache, library_versions, stamp, store_path

from ..conftest import write


def load(folder: Path, **kwargs):  # type: ignore[no-untyped-def]
    cache = LoadCache([folder], **kwargs)
    postings = [p for chunk in iter_load([folder], cache=cache) for p in chunk.postings]
    return postings, cache


def stored(folder: Path) -> dict[str, int]:
    """File name -> postings of each row of the folder's store."""
    con = sqlite3.connect(store_path([folder]))
    try:
        found = con.execute("SELECT file, count FROM files").fetchall()
    finally:
        con.close()
    return {os.fsdecode(f): n for f, n in found}  # stored by their path below the folder


def jobs(folder: Path, n: int) -> None:
    for i in range(n):
        write(folder, f"{i:03d}.md", f"---\ntitle: Job {i}\ncompany: Co {i % 7}\n---\nWork {i}.\n")


# --- changes ----------------------------------------------------------------------------------


def test_changed_added_deleted_and_renamed_files_are_seen_on_reopen(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "keep.md", "# Kept\n")
    write(folder, "change.md", "# Before\n")
    write(folder, "gone.md", "# Gone\n")
    write(folder, "old-name.md", "# Moved\n")
    write(folder, "sub/one.md", "---\ntitle: One\n---\nbody\n")
    first, cache = load(folder)
    assert cache.hits == 0 and len(first) == 5
    assert stored(folder) == {
        "keep.md": 1,
        "change.md": 1,
        "gone.md": 1,
        "old-name.md": 1,
        "sub/one.md": 1,
    }
    write(folder, "change.md", "# After, and longer\n")
    write(folder, "new.md", "# New\n")
    (folder / "gone.md").unlink()
    (folder / "old-name.md").rename(folder / "new-name.md")
    postings, cache = load(folder)
    assert sorted(p.title for p in postings) == ["After, and longer", "Kept", "Moved", "New", "One"]
    assert cache.hits == 2  # keep.md and sub/one.md
    assert stored(folder) == {
        "keep.md": 1,
        "change.md": 1,
        "new.md": 1,
        "new-name.md": 1,
        "sub/one.md": 1,
    }
    again, cache = load(folder)
    assert cache.hits == 5 and again == postings


def test_only_changed_files_are_written(tmp_path):
    folder = tmp_path / "jobs"
    jobs(folder, 30)
    load(folder)
    con = sqlite3.connect(store_path([folder]))
    with con:  # a log of every row written from now on
        con.execute("CREATE TABLE written (file BLOB)")
        for event in ("INSERT", "UPDATE"):
            con.execute(
                f"CREATE TRIGGER log_{event.lower()} AFTER {event} ON files "
                "BEGIN INSERT INTO written VALUES (new.file); END"
            )
    con.close()
    write(folder, "007.md", "# Seven, changed\n")
    write(folder, "new.md", "# Added\n")
    _, cache = load(folder)
    assert cache.hits == 29
    con = sqlite3.connect(store_path([folder]))
    names = sorted(
        os.path.basename(os.fsdecode(f)) for (f,) in con.execute("SELECT * FROM written")
    )
    con.close()
    assert names == ["007.md", "new.md"]


# --- two at once ------------------------------------------------------------------------------


def _load_in_child(folder: str, cache_dir: str, start: object) -> list[str]:
    os.environ["JOBTUI_CACHE_DIR"] = cache_dir
    start.wait()  # type: ignore[attr-defined]
    return sorted(p.title for p in load_postings([folder], cache=True).postings)


def test_two_processes_loading_one_folder_at_once_both_load_it(tmp_path):
    folder = tmp_path / "jobs"
    jobs(folder, 600)
    cache_dir = str(tmp_path / "cache")
    expected = sorted(p.title for p in load_postings([folder]).postings)
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        start = manager.Barrier(2)
        with context.Pool(2) as pool:
            results = pool.starmap(_load_in_child, [(str(folder), cache_dir, start)] * 2)
    assert results == [expected, expected]
    os.environ["JOBTUI_CACHE_DIR"] = cache_dir  # monkeypatched back after the test
    postings, _ = load(folder)
    assert sorted(p.title for p in postings) == expected
    _, cache = load(folder)
    assert cache.hits == 600


def test_a_locked_store_costs_only_speed(tmp_path, monkeypatch):
    folder = tmp_path / "jobs"
    jobs(folder, 5)
    load(folder)
    monkeypatch.setattr(store_module, "BUSY_MS", 0)
    holder = sqlite3.connect(store_path([folder]), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another jobtui writing, for longer than we wait
    try:
        write(folder, "new.md", "# New\n")
        monkeypatch.setattr(store_module, "code_stamp", lambda: "another")  # needs a write
        postings, cache = load(folder)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(postings) == 6 and cache.notice is None


# --- damage -----------------------------------------------------------------------------------


def _other_schema(path: Path) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE files (name TEXT, data BLOB)")
        con.execute("INSERT INTO files VALUES ('a.md', x'00')")
    con.close()


def _ours_without_tables(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {store_module.SCHEMA}")
    con.close()


@pytest.mark.parametrize(
    "damage",
    ["random bytes", "truncated mid-page", "another schema", "our version, no tables", "jsonl"],
)
def test_a_damaged_or_foreign_store_is_rebuilt(tmp_path, damage):
    folder = tmp_path / "jobs"
    jobs(folder, 120)
    expected, _ = load(folder)
    path = store_path([folder])
    if damage == "random bytes":
        path.write_bytes(os.urandom(64 * 1024))
    elif damage == "truncated mid-page":
        size = path.stat().st_size
        assert size > 8 * 4096  # many pages: the cut is inside the table
        with open(path, "r+b") as fh:
            fh.truncate(size // 2 + 1000)
    elif damage == "another schema":
        for part in path.parent.glob(path.name + "*"):
            part.unlink()
        _other_schema(path)
    elif damage == "our version, no tables":
        for part in path.parent.glob(path.name + "*"):
            part.unlink()
        _ours_without_tables(path)
    else:  # the cache of jobtui before the store, where the store is, and where it was
        head = json.dumps({"format": 3, "stamp": "x"})
        path.write_text(head + '\n["a", "b", 1, 2, [], null, null]\n')
        (path.parent / "load-0123456789abcdef.json").write_text(head + "\n")
    postings, cache = load(folder)
    assert postings == expected and cache.notice is None
    again, cache = load(folder)
    assert again == expected
    assert not list(path.parent.glob("load-*"))
    final, cache = load(folder)
    assert final == expected and cache.hits == 120  # whole again
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("title", "Boss \x1b]8;;https://evil.example\x1b\\\x1b[2J"),
        ("company", "\x1b[31mred\x07"),
        ("title", ""),
        ("title", 3),
        ("remote", 3),
        ("salary_min", "90000"),
        ("salary_max", -5.0),
        ("period", "fortnight"),
        ("tags", "python\n\x1b[2J"),
        ("tags", 7),
        ("posted", "2024-01-01"),
        ("origins", '{"title": "made up"}'),
        ("origins", "not json"),
        ("id", "../../etc"),
        ("format", "pickle"),
        ("key", "x\x1b[2J"),
    ],
)
def test_a_crafted_row_is_refused_and_the_file_parsed_again(tmp_path, column, value):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Data Engineer\nsalary: 90k-100k EUR\n---\nPipelines.\n")
    write(folder, "b.md", "# Other\n")
    first, _ = load(folder)
    con = sqlite3.connect(store_path([folder]))
    with con:
        changed = con.execute(
            f"UPDATE postings SET {column} = ? WHERE title = 'Data Engineer'", (value,)
        ).rowcount
    con.close()
    assert changed == 1
    second, cache = load(folder)
    assert cache.hits == 1 and second == first  # a.md was read from its file again
    assert all("\x1b" not in p.title and "\x1b" not in (p.company or "") for p in second)
    _, cache = load(folder)
    assert cache.hits == 2  # written again as the loader makes it


def test_a_crafted_body_is_refused_and_read_from_the_file(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Data Engineer\nhiring: yes\n---\nPipelines.\n")
    load(folder)
    con = sqlite3.connect(store_path([folder]))
    with con:
        con.execute("UPDATE details SET body = ?, meta = ?", ("\x1b[2Jgone", "[1, 2]"))
    con.close()
    (posting,), cache = load(folder)
    assert cache.hits == 1  # the list's fields are fine: the body is read when asked for
    assert posting.body.strip() == "Pipelines." and posting.meta["hiring"] is True


def test_a_body_is_read_only_when_asked_for_and_survives_a_cleared_store(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Data Engineer\n---\nPipelines and **dbt**.\n")
    (parsed,), _ = load(folder)
    (stored,), cache = load(folder)
    assert cache.hits == 1 and "body" not in _set_slots(stored)
    assert stored.body == parsed.body and stored == parsed and parsed == stored
    (again,), _ = load(folder)
    store_module.remove_database(store_path([folder]))  # `jobtui cache clear` meanwhile
    assert again.body == parsed.body  # read from its file again
    load(folder)
    (stale,), _ = load(folder)
    write(folder, "a.md", "---\ntitle: Data Engineer\n---\nSomething else now.\n")
    store_module.remove_database(store_path([folder]))
    # (Its row was read through a connection that, left open, would read the body as loaded
    # from the database removed; closed, as a command closes it, the file is read again.)
    stale._details.close()  # type: ignore[attr-defined]
    assert "changed since the folder was loaded" in stale.body


def _set_slots(posting: object) -> set[str]:
    found = set()
    for cls in type(posting).__mro__:
        for name in getattr(cls, "__slots__", ()):
            try:
                object.__getattribute__(posting, name) if name not in ("body", "meta") else (
                    cls.__dict__[name].__get__(posting)
                )
                found.add(name)
            except AttributeError:
                pass
    return found


# --- the stamp --------------------------------------------------------------------------------


def test_another_version_of_a_library_rebuilds_the_store(tmp_path, monkeypatch):
    folder = tmp_path / "jobs"
    jobs(folder, 3)
    load(folder)
    _, cache = load(folder)
    assert cache.hits == 3
    before = stamp()
    real = metadata.version

    def version(name: str) -> str:
        if name == "markdownify":
            return "999.0"
        if name == "feedparser":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(metadata, "version", version)
    library_versions.cache_clear()
    try:
        assert ("markdownify", "999.0") in library_versions()
        assert ("feedparser", "none") in library_versions()
        assert stamp() != before
        _, cache = load(folder)
        assert cache.hits == 0
        assert len(stored(folder)) == 3
        _, cache = load(folder)
        assert cache.hits == 3
    finally:
        monkeypatch.undo()
        library_versions.cache_clear()
    assert stamp() == before


# --- a cache folder that cannot be written ----------------------------------------------------


def test_a_file_where_the_cache_folder_should_be_gives_one_notice(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "jobs"
    jobs(folder, 250)  # more than a batch: still one notice
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("JOBTUI_CACHE_DIR", str(blocker))
    said: list[str] = []
    postings, cache = load(folder, on_notice=said.append)
    assert len(postings) == 250 and cache.hits == 0
    assert said == [cache.notice] and str(blocker) in said[0]
    assert main(["list", str(folder), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 250
    assert err.count("load cache is off") == 1 and "Traceback" not in err
    assert blocker.read_text() == "a file, not a folder"


def _read_only_load(folder: str, cache_dir: str) -> dict[str, object]:
    """Load with the cache in a folder of mode 0o500, as a user who cannot write it: a child
    process that gives up root (which writes anywhere) when the tests run as root."""
    read, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read)
            os.environ["JOBTUI_CACHE_DIR"] = cache_dir
            list(iter_load([folder]))  # every import done while the interpreter is readable
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)  # nobody
            said: list[str] = []
            cache = LoadCache([Path(folder)], on_notice=said.append)
            titles = [p.title for c in iter_load([folder], cache=cache) for p in c.postings]
            os.write(write_end, json.dumps({"titles": len(titles), "said": said}).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0, data
    return dict(json.loads(data))


def test_a_read_only_cache_folder_gives_one_notice(tmp_path, monkeypatch, capsys):
    import tempfile

    shared = Path(tempfile.mkdtemp(prefix="jobtui-ro-"))  # reachable by nobody, unlike tmp_path
    try:
        shared.chmod(0o755)
        folder = shared / "jobs"
        jobs(folder, 250)
        cache_dir = shared / "cache"
        cache_dir.mkdir(mode=0o500)
        cache_dir.chmod(0o500)
        result = _read_only_load(str(folder), str(cache_dir))
        assert result["titles"] == 250
        said = result["said"]
        assert isinstance(said, list) and len(said) == 1 and str(cache_dir) in said[0]
        assert not list(cache_dir.iterdir())
    finally:
        (shared / "cache").chmod(0o700)
        import shutil

        shutil.rmtree(shared, ignore_errors=True)


def test_a_store_that_turns_unwritable_mid_load_gives_one_notice(tmp_path, monkeypatch):
    folder = tmp_path / "jobs"
    jobs(folder, 450)  # three batches

    class Full(sqlite3.Connection):
        """A disk that fills up after the store is made: every batch fails."""

        def executemany(self, sql, rows):  # type: ignore[no-untyped-def, override]
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13  # type: ignore[attr-defined]
            error.sqlite_errorname = "SQLITE_FULL"  # type: ignore[attr-defined]
            raise error

    def connect(path, read_only=False):  # type: ignore[no-untyped-def]
        return sqlite3.connect(path, isolation_level=None, factory=Full)

    monkeypatch.setattr(store_module, "connect", connect)
    said: list[str] = []
    postings, cache = load(folder, on_notice=said.append)
    assert len(postings) == 450 and said == [cache.notice] and "disk is full" in said[0]


# --- the command line -------------------------------------------------------------------------


def test_no_cache_leaves_the_store_untouched(tmp_path, capsys):
    folder = tmp_path / "jobs"
    jobs(folder, 4)
    cache_dir = Path(os.environ["JOBTUI_CACHE_DIR"])
    assert main(["list", str(folder), "--no-cache", "--format", "jsonl"]) == 0
    assert not cache_dir.exists() or not list(cache_dir.iterdir())
    assert main(["list", str(folder), "--format", "jsonl"]) == 0
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in cache_dir.iterdir()}
    write(folder, "000.md", "# Changed\n")
    write(folder, "added.md", "# Added\n")
    for argv in (
        ["list", str(folder), "--no-cache"],
        ["search", "changed", str(folder), "--no-cache"],
        ["show", "zzzz", str(folder), "--no-cache"],
        ["hide", "zzzz", "--in", str(folder), "--no-cache"],
    ):
        main(argv)
    out, _ = capsys.readouterr()
    assert "Changed" in out
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in cache_dir.iterdir()}
    assert after == before


def test_the_tui_takes_no_cache(tmp_path, monkeypatch):
    from jobtui import cli
    from jobtui.tui import app as app_module

    made: list[bool] = []

    def make_app(paths, config_dir=None, use_cache=True):  # type: ignore[no-untyped-def]
        made.append(use_cache)
        raise SystemExit(0)  # instead of taking over the terminal

    monkeypatch.setattr(app_module, "make_app", make_app)
    for argv in (["--no-cache", str(tmp_path)], [str(tmp_path)]):
        with pytest.raises(SystemExit):
            cli.main(argv)
    assert made == [False, True]
    app = app_module.JobApp([tmp_path], use_cache=False)
    assert app.feed.use_cache is False


def test_cache_info_and_clear(tmp_path, capsys):
    a, b = tmp_path / "a", tmp_path / "b"
    jobs(a, 3)
    jobs(b, 4)
    load_postings([a], cache=True)
    load_postings([b], cache=True)
    cache_dir = Path(os.environ["JOBTUI_CACHE_DIR"])
    (cache_dir / "load-00.json").write_text("{}\n")  # an old cache
    assert main(["cache", "info", "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["directory"] == str(cache_dir) and info["stamp"] == stamp()
    assert (info["files"], info["postings"]) == (7, 7) and info["size"] > 0
    assert sorted(tuple(s["roots"]) for s in info["stores"]) == [(str(a),), (str(b),)]
    assert all(s["current"] and s["ours"] for s in info["stores"])
    assert info["old"] == [str(cache_dir / "load-00.json")]

    assert main(["cache", "info", str(b)]) == 0
    table = capsys.readouterr().out
    assert f"directory  {cache_dir}\n" in table
    assert "files      4\n" in table and "postings   4\n" in table
    assert "current    yes\n" in table and f"stamp      {stamp()}\n" in table
    assert f"{store_path([b]).name}  current  4 files  4 postings" in table and str(a) not in table

    store_path([a]).write_bytes(b"junk")
    assert main(["cache", "info", str(a)]) == 0
    assert "not a store (rebuilt)" in capsys.readouterr().out

    assert main(["cache", "clear", str(a)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"removed {store_path([a])} (")
    assert not store_path([a]).exists() and store_path([b]).exists()

    assert main(["cache", "clear", "--format", "json"]) == 0
    removed = json.loads(capsys.readouterr().out)["removed"]
    assert sorted(Path(r["path"]).name for r in removed) == ["load-00.json", store_path([b]).name]
    assert not list(cache_dir.glob("store-*")) and not list(cache_dir.glob("load-*"))
    assert main(["cache", "clear"]) == 0
    assert "nothing to remove" in capsys.readouterr().err
    assert main(["cache", "info", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["stores"] == []


def test_cache_info_leaves_the_store_as_it_found_it(tmp_path, capsys):
    import sqlite3

    folder = tmp_path / "one"
    jobs(folder, 1)
    load_postings([folder], cache=True)
    cache_dir = Path(os.environ["JOBTUI_CACHE_DIR"])
    before = sorted(p.name for p in cache_dir.iterdir())
    assert main(["cache", "info", str(folder)]) == 0
    assert "current  1 file  1 posting  " in capsys.readouterr().out
    assert sorted(p.name for p in cache_dir.iterdir()) == before  # no -wal or -shm left

    # A store another jobtui is writing is read as one of its readers: what was committed.
    writer = sqlite3.connect(store_path([folder]), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO files (file, root, size, mtime_ns, count, ctime_ns, inode) "
        "VALUES (x'61', x'62', 1, 1, 5, 1, 1)"
    )
    try:
        assert main(["cache", "info", "--format", "json", str(folder)]) == 0
        (store,) = json.loads(capsys.readouterr().out)["stores"]
        assert (store["files"], store["postings"], store["current"]) == (1, 1, True)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    # A store left in rollback-journal mode (where WAL could not be had) is read as it is.
    con = sqlite3.connect(store_path([folder]), isolation_level=None)
    assert con.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    con.close()
    before = sorted(p.name for p in cache_dir.iterdir())
    assert main(["cache", "info", "--format", "json", str(folder)]) == 0
    (store,) = json.loads(capsys.readouterr().out)["stores"]
    assert (store["files"], store["postings"], store["current"]) == (1, 1, True)
    assert sorted(p.name for p in cache_dir.iterdir()) == before


def test_cache_info_of_a_file_loaded_alone_and_of_a_mistyped_folder(tmp_path, capsys):
    folder = tmp_path / "one"
    jobs(folder, 1)
    (file,) = folder.iterdir()
    load_postings([file], cache=True)
    assert main(["cache", "info", "--format", "json", str(file)]) == 0
    (store,) = json.loads(capsys.readouterr().out)["stores"]
    assert store["current"] and not store["orphaned"]  # a file is no folder, and not gone
    assert main(["cache", "info", str(tmp_path / "typo")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


async def test_the_tui_shows_the_notice_once(tmp_path, monkeypatch):
    from jobtui.tui.app import make_app

    folder = tmp_path / "jobs"
    jobs(folder, 40)  # more than load before the first frame: the worker's batches
    blocker = tmp_path / "cache"
    blocker.write_text("a file")
    monkeypatch.setenv("JOBTUI_CACHE_DIR", str(blocker))
    app = make_app([str(folder)], config_dir=tmp_path / "cfg", seen_after=None)
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **kwargs):  # type: ignore[no-untyped-def]
        shown.append(message)
        return notify(message, **kwargs)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.index) == 40
    assert [m for m in shown if "load cache is off" in m] == [app.feed.notice]


# --- found by review ----------------------------------------------------------------------------


@pytest.mark.parametrize("sequence", ["x", 1 << 62, -5])
def test_a_tampered_file_counter_rebuilds_the_store_without_a_traceback(tmp_path, sequence):
    folder = tmp_path / "jobs"
    jobs(folder, 2)
    load(folder)
    con = sqlite3.connect(store_path([folder]))
    with con:
        con.execute("UPDATE sqlite_sequence SET seq = ?", (sequence,))
    con.close()
    write(folder, "new.md", "# New\n")
    said: list[str] = []
    postings, _ = load(folder, on_notice=said.append)
    assert len(postings) == 3 and said == []
    load(folder)
    _, cache = load(folder)
    assert cache.hits == 3  # made afresh, and used again


def test_two_loads_writing_the_same_new_files_both_keep_the_store(tmp_path):
    folder = tmp_path / "jobs"
    jobs(folder, 5)
    said: list[str] = []
    first = LoadCache([folder], on_notice=said.append)
    second = LoadCache([folder], on_notice=said.append)  # opened before the first wrote
    for cache in (first, second):
        postings = [p for chunk in iter_load([folder], cache=cache) for p in chunk.postings]
        assert len(postings) == 5
    assert said == []  # no "the load cache is off"
    postings, cache = load(folder)
    assert cache.hits == 5 and sorted(p.title for p in postings) == [f"Job {i}" for i in range(5)]


def test_a_lost_body_is_read_again_under_a_folder_given_as_a_relative_path(tmp_path, monkeypatch):
    folder = tmp_path / "jobs"
    write(folder / "nested" / "deeper", "a.md", "---\ntitle: Deep\n---\nThe deep body.\n")
    monkeypatch.chdir(tmp_path)
    load(Path("jobs"))
    (stored,), cache = load(Path("jobs"))
    assert cache.hits == 1
    store_module.remove_database(store_path([folder]))  # `jobtui cache clear` meanwhile
    assert stored.body.strip() == "The deep body."


def test_a_held_posting_never_shows_another_version_of_its_body(tmp_path):
    folder = tmp_path / "jobs"
    board = (
        '{"jobs": [{"id": 7, "title": "Data Engineer", "absolute_url": '
        '"https://boards.greenhouse.io/acme/jobs/7", "location": {"name": "Berlin"}, '
        '"content": "&lt;p&gt;%s&lt;/p&gt;", "updated_at": "2026-11-20T14:03:12-05:00"}], '
        '"meta": {"total": 1}}'
    )
    write(folder, "acme.json", board % "Old text about pipelines.")
    load(folder)
    (held,), cache = load(folder)
    assert cache.hits == 1
    store_module.remove_database(store_path([folder]))  # numbers start again
    write(folder, "acme.json", board % "New text about dashboards.")
    load(folder)  # the new version, under the number the held one had, and its id
    assert "dashboards" not in held.body


def test_a_file_rewritten_to_the_same_size_and_time_is_read_again(tmp_path):
    folder = tmp_path / "jobs"
    path = write(folder, "a.md", "---\ntitle: Data Engineer\n---\nWe use Airflow.\n")
    write(folder, "b.md", "# Other\n")
    load(folder)
    before = path.stat()
    replacement = folder / "a.tmp"
    replacement.write_text("---\ntitle: Data Engineer\n---\nWe use Dagster.\n", encoding="utf-8")
    assert replacement.stat().st_size == before.st_size
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` keeps it
    os.replace(replacement, path)  # as rsync and tar put a file in place
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    postings, cache = load(folder)
    assert cache.hits == 1 and "Dagster" in next(
        p.body for p in postings if p.title == "Data Engineer"
    )


def test_the_store_tells_how_many_files_the_last_open_had(tmp_path):
    folder = tmp_path / "jobs"
    jobs(folder, 12)
    write(folder, "sub/empty.md", "")  # a file that did not load counts too
    assert stored_files([folder]) == 0  # nothing stored yet
    load(folder)
    assert stored_files([folder]) == 13
    store_path([folder]).write_bytes(b"not a database" * 100)
    assert stored_files([folder]) == 0


def test_a_folder_given_as_dot_is_named_alike_fresh_and_reopened(tmp_path, monkeypatch):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Alpha\n---\nOne.\n")
    write(folder, "sub/b.md", "---\ntitle: Beta\n---\nTwo.\n")
    monkeypatch.chdir(folder)
    fresh = load_postings(["."]).postings
    load(Path("."))
    again, cache = load(Path("."))
    assert cache.hits == 2
    assert [p.source for p in again] == [p.source for p in fresh] == ["a.md", "sub/b.md"]
    assert [p.id for p in again] == [p.id for p in fresh]


def test_cache_info_tells_a_store_whose_folders_are_gone(tmp_path, capsys):
    kept, moved = tmp_path / "kept", tmp_path / "moved"
    jobs(kept, 2)
    jobs(moved, 3)
    for folder in (kept, moved):
        assert main(["list", str(folder), "--format", "jsonl"]) == 0
    moved.rename(tmp_path / "elsewhere")
    capsys.readouterr()
    assert main(["cache", "info", "--format", "json"]) == 0
    stores = {tuple(s["roots"]): s for s in json.loads(capsys.readouterr().out)["stores"]}
    assert stores[(str(kept),)]["orphaned"] is False
    assert stores[(str(moved),)]["orphaned"] is True
    assert main(["cache", "info"]) == 0
    lines = capsys.readouterr().out.splitlines()
    (gone,) = [line for line in lines if "its folders are gone" in line]
    assert str(moved) in gone and "3 files" in gone


def test_a_folder_that_does_not_exist_makes_no_store(tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    assert main(["list", str(missing)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert not store_path([missing]).exists()
    assert main(["cache", "info", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["stores"] == []


def test_a_folder_named_another_way_shares_its_stored_rows(tmp_path, monkeypatch):
    """`jobtui .`, `jobtui jobs`, `jobtui /abs/jobs/` and a link to it are one folder: each
    reopens from the store (nothing parsed again), named as it was given."""
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Alpha\n---\nOne.\n")
    write(folder, "sub/b.md", "---\ntitle: Beta\n---\nTwo.\n")
    (tmp_path / "link").symlink_to(folder, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    first, cache = load(Path("jobs"))
    assert cache.hits == 0
    names = {
        "jobs": ["jobs/a.md", "jobs/sub/b.md"],
        f"{folder}/": [f"{folder}/a.md", f"{folder}/sub/b.md"],
        "link": ["link/a.md", "link/sub/b.md"],
    }
    for given, sources in names.items():
        again, cache = load(Path(given))
        assert cache.hits == 2, given  # from the store
        assert [p.source for p in again] == sources
        assert [p.id for p in again] == [p.id for p in first]
        assert [p.body for p in again] == [p.body for p in first]
    monkeypatch.chdir(folder)
    again, cache = load(Path("."))
    assert cache.hits == 2 and [p.source for p in again] == ["a.md", "sub/b.md"]
    assert stored(folder) == {"a.md": 1, "sub/b.md": 1}  # one row each, whatever the name


def test_a_store_of_an_older_jobtui_is_stale_in_cache_info_and_rebuilt(tmp_path, capsys):
    folder = tmp_path / "jobs"
    jobs(folder, 3)
    load(folder)
    con = sqlite3.connect(store_path([folder]))
    con.execute(f"PRAGMA user_version = {store_module.SCHEMA - 1}")  # the layout before
    con.close()
    assert main(["cache", "info", "--format", "json"]) == 0
    (info,) = json.loads(capsys.readouterr().out)["stores"]
    assert (info["ours"], info["current"], info["roots"]) == (True, False, [str(folder)])
    assert main(["cache", "info"]) == 0
    assert " stale " in capsys.readouterr().out
    _, cache = load(folder)
    assert cache.hits == 0  # rebuilt, never read
    _, cache = load(folder)
    assert cache.hits == 3


def test_show_and_search_leave_no_wal_files_beside_the_store(tmp_path):
    """A command that read bodies from the store closes its connection as it ends: the
    database's `-wal` and `-shm` files go with it (they were left in the cache folder)."""
    from tests.test_cli import run

    folder = tmp_path / "jobs"
    jobs(folder, 3)
    cache_dir = tmp_path / "cache"
    env = {"JOBTUI_CACHE_DIR": str(cache_dir)}
    listed = run("list", str(folder), "--format", "jsonl", env=env)
    pid = json.loads(listed.stdout.splitlines()[0])["id"]
    for argv in (["show", pid, str(folder)], ["search", "work", str(folder)]):
        assert run(*argv, env=env).returncode == 0
        left = sorted(p.name for p in cache_dir.iterdir() if p.name.endswith(("-wal", "-shm")))
        assert left == [], argv


def test_a_load_that_writes_while_another_opens_the_store_costs_the_other_nothing(
    tmp_path, monkeypatch
):
    # Another jobtui writes the folder's files just as this one reads what the store holds:
    # this one must not take the files for new ones and write them again (the store's writes
    # then failed on "UNIQUE constraint failed", and that load went on without it).
    folder = tmp_path / "jobs"
    jobs(folder, 5)
    LoadCache([folder]).close()  # the store exists, empty
    real = store_module._last_file
    other: list[int] = []

    def meanwhile(con):  # type: ignore[no-untyped-def]
        if not other:  # as the first load reads its files, another load writes them all
            other.append(0)
            other[0] = len(load(folder)[0])
        return real(con)

    monkeypatch.setattr(store_module, "_last_file", meanwhile)
    said: list[str] = []
    first = LoadCache([folder], on_notice=said.append)
    postings = [p for chunk in iter_load([folder], cache=first) for p in chunk.postings]
    monkeypatch.setattr(store_module, "_last_file", real)
    assert other == [5] and len(postings) == 5
    assert said == []  # no "the load cache is off"
    assert first._con is None or first.notice is None
    assert stored(folder) == {f"{i:03d}.md": 1 for i in range(5)}
    postings, cache = load(folder)
    assert cache.hits == 5 and sorted(p.title for p in postings) == [f"Job {i}" for i in range(5)]


def test_files_another_load_wrote_before_this_ones_last_write_are_not_written_twice(
    tmp_path, monkeypatch
):
    # Four jobtuis opening one new folder at once: one writes every file while another is
    # between two of its writes. The other's next writes hold files the first wrote already.
    folder = tmp_path / "jobs"
    jobs(folder, 6)
    monkeypatch.setattr(store_module, "BATCH", 2)
    real = LoadCache._write
    other: list[int] = []

    def write(self, gone):  # type: ignore[no-untyped-def]
        if not other:  # before this load's first write, another writes the whole folder
            other.append(0)
            other[0] = len(load(folder)[0])
        real(self, gone)

    monkeypatch.setattr(LoadCache, "_write", write)
    said: list[str] = []
    postings, first = load(folder, on_notice=said.append)
    first.save()
    assert other == [6] and len(postings) == 6
    assert said == []  # no "the load cache is off (UNIQUE constraint failed)"
    assert stored(folder) == {f"{i:03d}.md": 1 for i in range(6)}
    postings, cache = load(folder)
    assert cache.hits == 6 and sorted(p.title for p in postings) == [f"Job {i}" for i in range(6)]
