"""Opening a folder again: the word index saved at the last open is used for the postings that
did not change, only changed and new ones are tokenised, and whatever happened to the saved
index or the cache folder, `jobtui search` prints what `--no-cache` prints."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from jobtui.cli import main
from jobtui.postings.store import index_file, store_path
from jobtui.search import persist

from ..conftest import write

QUERIES = [
    "",  # everything, newest first
    "python",
    "pyth",  # a prefix
    "pyhton",  # a typo
    '"herd zebras"',  # a phrase
    "title:plumber",
    "company:acme",
    "zebras -python",
    "engineer|plumber",
]


def search(capsys: pytest.CaptureFixture[str], query: str, folder: Path, *more: str) -> str:
    """What `jobtui search` prints (its exit status is 1 when nothing matched)."""
    code = main(["search", query, str(folder), "--format", "jsonl", *more])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err, err
    assert code == (0 if out else 1)
    return out


def titles(out: str) -> list[str]:
    return [json.loads(line)["title"] for line in out.splitlines()]


def saved(folder: Path) -> Path:
    """Where the word index of a folder is saved."""
    return index_file(store_path([folder]))


def jobs(folder: Path, n: int) -> None:
    for i in range(n):
        write(
            folder,
            f"{i:03d}.md",
            f"---\ntitle: Python Engineer {i}\ncompany: Co {i % 7}\ndate: 2026-10-{i % 28 + 1:02d}"
            f"\n---\nWork on pipelines number {i}, word{i % 11}.\n",
        )


def board(folder: Path, wrangler_body: str) -> None:
    """A Greenhouse board's JSON file of two jobs."""
    jobs_ = [
        {
            "id": 101,
            "title": "Robot Wrangler",
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/101",
            "location": {"name": "Berlin"},
            "content": f"&lt;p&gt;{wrangler_body}&lt;/p&gt;",
            "updated_at": "2026-11-20T14:03:12-05:00",
        },
        {
            "id": 102,
            "title": "Data Plumber",
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/102",
            "location": {"name": "Paris"},
            "content": "&lt;p&gt;Fix pipes for Python services.&lt;/p&gt;",
            "updated_at": "2026-11-19T10:00:00-05:00",
        },
    ]
    write(folder, "greenhouse-acme.json", json.dumps({"jobs": jobs_, "meta": {"total": 2}}))


def same_as_no_cache(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, str]:
    """Every query run through the saved index, each checked against a `--no-cache` run."""
    found = {}
    for query in QUERIES:
        cached = search(capsys, query, folder)
        assert cached == search(capsys, query, folder, "--no-cache"), query
        found[query] = cached
    return found


# --- one folder, opened twice -----------------------------------------------------------------


def test_a_second_search_uses_the_saved_index_and_prints_the_same(tmp_path, capsys, tokenised):
    folder = tmp_path / "jobs"
    jobs(folder, 40)
    first = search(capsys, "python pipelines", folder)
    assert len(titles(first)) == 40
    assert saved(folder).is_file() and persist.load(saved(folder)) is not None
    assert len(tokenised) == 40
    tokenised.clear()
    stamp = saved(folder).stat().st_mtime_ns
    second = search(capsys, "python pipelines", folder)
    assert tokenised == []  # nothing changed: no body tokenised
    assert second == first == search(capsys, "python pipelines", folder, "--no-cache")
    assert saved(folder).stat().st_mtime_ns == stamp  # the same index: not written again
    tokenised.clear()
    assert titles(search(capsys, "word3", folder)) == titles(
        search(capsys, "word3", folder, "--no-cache")
    )


def test_changes_between_opens_are_found_and_only_they_are_tokenised(tmp_path, capsys, tokenised):
    folder = tmp_path / "jobs"
    jobs(folder, 12)
    write(folder, "change.md", "---\ntitle: Plumbing Lead\n---\nLead the kiwifruit team.\n")
    write(folder, "gone.md", "---\ntitle: Gone Job\n---\nUnicorn wrangling.\n")
    write(folder, "old-name.md", "---\ntitle: Moved Job\n---\nMarmalade tasting.\n")
    board(folder, "Herd zebras daily.")
    before = same_as_no_cache(capsys, folder)
    assert titles(before['"herd zebras"']) == ["Robot Wrangler"]
    assert "Data Plumber" in titles(before["title:plumber"])
    assert titles(search(capsys, "kiwifruit", folder)) == ["Plumbing Lead"]
    assert titles(search(capsys, "unicorn", folder)) == ["Gone Job"]

    write(folder, "change.md", "---\ntitle: Plumbing Lead\n---\nLead the durian team.\n")
    write(folder, "new.md", "---\ntitle: Python Newcomer\n---\nBrand new gooseberry role.\n")
    (folder / "gone.md").unlink()
    (folder / "old-name.md").rename(folder / "new-name.md")
    board(folder, "Herd llamas daily, and Python too.")  # job 101 keeps its id
    tokenised.clear()
    assert titles(search(capsys, "durian", folder)) == ["Plumbing Lead"]
    # The postings that changed, no other: the board file is read again, but its job that
    # did not change (same id and content) keeps its saved lists.
    assert sorted(tokenised) == [
        "Moved Job",
        "Plumbing Lead",
        "Python Newcomer",
        "Robot Wrangler",
    ]
    tokenised.clear()
    assert titles(search(capsys, "durian", folder)) == ["Plumbing Lead"]
    assert tokenised == []  # saved again after the change: the next open tokenises nothing
    for gone in ("kiwifruit", "unicorn", '"herd zebras"', "zebras"):
        assert search(capsys, gone, folder) == ""
    assert titles(search(capsys, "gooseberry", folder)) == ["Python Newcomer"]
    assert titles(search(capsys, "marmalade", folder)) == ["Moved Job"]
    assert titles(search(capsys, '"herd llamas"', folder)) == ["Robot Wrangler"]
    after = same_as_no_cache(capsys, folder)
    assert "Robot Wrangler" in titles(after["python"])
    assert "Python Newcomer" in titles(after["pyth"])
    assert len(titles(after[""])) == len(titles(before[""])) == 17


def test_postings_of_one_title_keep_their_order_when_one_of_them_changes(tmp_path, capsys):
    folder = tmp_path / "jobs"
    for name in "abc":
        write(folder, f"{name}.md", f"---\ntitle: Python Dev\ncompany: Co {name}\n---\nWork.\n")
    search(capsys, "python", folder)
    write(folder, "a.md", "---\ntitle: Python Dev\ncompany: Co a\n---\nWork, changed.\n")
    for query in ("python", "work", ""):
        assert search(capsys, query, folder) == search(capsys, query, folder, "--no-cache")


# --- a damaged saved index --------------------------------------------------------------------


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "header flipped":
        path.write_bytes(data[:30] + bytes(b ^ 0xFF for b in data[30:40]) + data[40:])
    elif how == "array flipped":  # a posting number in the body's lists
        length = int.from_bytes(data[12:20], "little")
        header = json.loads(data[24 : 24 + length])
        (spec,) = [a for a in header["arrays"] if a["name"] == "body.docs"]
        at = spec["offset"]
        path.write_bytes(data[:at] + bytes(b ^ 0x55 for b in data[at : at + 8]) + data[at + 8 :])
    elif how == "random bytes":
        path.write_bytes(os.urandom(len(data)))
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "unreadable":
        path.chmod(0)
    else:
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how", ["truncated", "header flipped", "array flipped", "random bytes", "empty", "unreadable"]
)
def test_a_damaged_saved_index_is_ignored_and_saved_again(tmp_path, capsys, tokenised, how):
    if how == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads a file of mode 000")
    folder = tmp_path / "jobs"
    jobs(folder, 30)
    board(folder, "Herd zebras daily.")
    expected = {q: search(capsys, q, folder, "--no-cache") for q in QUERIES}
    search(capsys, "python", folder)
    path = saved(folder)
    _damage(path, how)
    assert persist.load(path) is None
    tokenised.clear()
    assert search(capsys, "python", folder) == expected["python"]
    assert len(tokenised) == 32  # the whole folder, from the postings
    assert persist.load(path) is not None  # saved again, whole
    tokenised.clear()
    assert {q: search(capsys, q, folder) for q in QUERIES} == expected
    assert tokenised == []


def test_a_folder_where_the_saved_index_should_be_costs_only_speed(tmp_path, capsys, tokenised):
    folder = tmp_path / "jobs"
    jobs(folder, 20)
    expected = search(capsys, "python", folder, "--no-cache")
    search(capsys, "python", folder)
    path = saved(folder)
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("someone's file")
    for _ in range(2):
        tokenised.clear()
        code = main(["search", "python", str(folder), "--format", "jsonl"])
        out, err = capsys.readouterr()
        assert code == 0 and out == expected
        assert err == ""  # nothing to say: the index is only a copy
        assert len(tokenised) == 20
    assert (path / "inside").read_text() == "someone's file"


# --- a cache folder that cannot be written ----------------------------------------------------


def test_an_unwritable_cache_folder_gives_the_one_notice_and_no_index(
    tmp_path, monkeypatch, capsys
):
    folder = tmp_path / "jobs"
    jobs(folder, 20)
    expected = search(capsys, "python", folder, "--no-cache")
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("JOBTUI_CACHE_DIR", str(blocker))
    for _ in range(2):
        code = main(["search", "python", str(folder), "--format", "jsonl"])
        out, err = capsys.readouterr()
        assert code == 0 and out == expected
        assert err.count("jobtui:") == 1 and err.count("load cache is off") == 1, err
        assert "Traceback" not in err and "index" not in err
    assert blocker.read_text() == "a file, not a folder"
    assert not list(tmp_path.glob("**/*-index"))


# --- jobtui cache info / clear ----------------------------------------------------------------


def test_cache_info_counts_the_saved_index_and_clear_removes_it(tmp_path, capsys):
    folder = tmp_path / "jobs"
    jobs(folder, 30)
    search(capsys, "python", folder)
    path = saved(folder)
    index_bytes = path.stat().st_size
    assert index_bytes > 0
    store = store_path([folder])
    assert main(["cache", "info", str(folder), "--format", "json"]) == 0
    # Measured as `cache info` left it (a command closes its connections as it ends: the WAL
    # files may go with the last one).
    on_disk = sum(p.stat().st_size for p in store.parent.iterdir() if p.name.startswith(store.name))
    info = json.loads(capsys.readouterr().out)
    assert info["size"] == on_disk and info["stores"][0]["size"] == on_disk
    assert on_disk > index_bytes  # the database's own files are counted too
    assert main(["cache", "clear", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"removed {store} (")
    assert not path.exists() and not store.exists()
    assert not list(store.parent.iterdir())
    assert titles(search(capsys, "python", folder)) == titles(
        search(capsys, "python", folder, "--no-cache")
    )
    assert persist.load(path) is not None  # made again at the next open


# --- two at once ------------------------------------------------------------------------------


def _search_in_child(folder: str, cache_dir: str, query: str, start: object) -> str:
    os.environ["JOBTUI_CACHE_DIR"] = cache_dir
    start.wait()  # type: ignore[attr-defined]
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        main(["search", query, folder, "--format", "jsonl"])
    assert "Traceback" not in err.getvalue(), err.getvalue()
    return out.getvalue()


def test_two_processes_opening_one_folder_at_once_both_search_it(tmp_path, capsys, tokenised):
    folder = tmp_path / "jobs"
    jobs(folder, 200)
    board(folder, "Herd zebras daily.")
    cache_dir = tmp_path / "cache"
    os.environ["JOBTUI_CACHE_DIR"] = str(cache_dir)  # monkeypatched back after the test
    expected = search(capsys, "python", folder, "--no-cache")
    assert len(titles(expected)) == 201
    context = multiprocessing.get_context("spawn")
    for _ in range(2):  # the first time with nothing saved, then with both there
        with context.Manager() as manager:
            start = manager.Barrier(2)
            with context.Pool(2) as pool:
                args = [(str(folder), str(cache_dir), "python", start)] * 2
                results = pool.starmap(_search_in_child, args)
        assert results == [expected, expected]
        assert persist.load(saved(folder)) is not None
        tokenised.clear()
        assert search(capsys, "python", folder) == expected
    assert tokenised == []  # the index left behind holds every posting


def test_a_folder_is_searched_the_same_with_a_saved_index_of_another_folder_copied_in(
    tmp_path, capsys, tokenised
):
    """Two folders holding the same files give the same ids and digests: an index saved for
    one and copied over the other's still holds what those postings say."""
    a, b = tmp_path / "a", tmp_path / "b"
    jobs(a, 15)
    shutil.copytree(a, b)
    write(b, "extra.md", "---\ntitle: Extra Role\n---\nQuince.\n")
    search(capsys, "python", a)
    search(capsys, "python", b)
    shutil.copyfile(saved(a), saved(b))
    expected = {q: search(capsys, q, b, "--no-cache") for q in ("python", "quince", "")}
    assert {q: search(capsys, q, b) for q in expected} == expected


def test_a_blocked_word_is_left_out_after_a_reopen_with_changes(tmp_path, capsys):
    folder = tmp_path / "jobs"
    jobs(folder, 12)
    write(folder, "crypto.md", "---\ntitle: Python Engineer 99\n---\nWe build a crypto exchange.\n")
    config = tmp_path / "config"
    config.mkdir()
    (config / "blocklist.txt").write_text("word: crypto\n", encoding="utf-8")
    first = search(capsys, "python", folder, "--config-dir", str(config))
    write(folder, "000.md", "---\ntitle: Python Engineer 0\n---\nNow we work on plumbing.\n")
    # The reopened index holds the changed posting last: the block still finds its posting.
    for _ in range(2):
        code = main(
            ["search", "python", str(folder), "--format", "jsonl", "--config-dir", str(config)]
        )
        out, err = capsys.readouterr()
        assert code == 0 and "1 blocked left out" in err
        assert "Python Engineer 99" not in titles(out) and len(titles(out)) == len(titles(first))


def test_a_saved_index_the_store_no_longer_backs_is_given_up_while_loading(
    tmp_path, capsys, monkeypatch
):
    from jobtui.postings import store as store_module
    from jobtui.search import feed as feed_module
    from jobtui.search.engine import SearchIndex
    from jobtui.search.feed import Feed

    folder = tmp_path / "jobs"
    jobs(folder, 30)
    search(capsys, "python", folder)  # the store, and the saved index
    assert persist.load(saved(folder)) is not None
    store = store_path([folder])
    for part in store_module.database_files(store)[:3]:  # emptied, as another version does
        part.unlink(missing_ok=True)
    monkeypatch.setattr(feed_module, "GIVE_UP_AFTER", 10)
    feed, index, files_before_postings = Feed([folder]), SearchIndex(), None
    counted = 0
    batches = []
    for batch in feed.batches(size=5):
        if batch.result.postings and files_before_postings is None:
            files_before_postings = counted
        counted += batch.files
        batches.append(batch)
    assert files_before_postings is not None and files_before_postings < 30  # listed early
    index.add_batches(batches)
    assert len(index) == 30
    assert [h.posting.title for h in index.search("pipelines")][:1]


def test_an_index_left_without_its_store_is_cleared_and_not_saved_again(tmp_path, capsys):
    from jobtui.postings.store import database_files
    from jobtui.search.engine import SearchIndex
    from jobtui.search.reopen import save

    folder = tmp_path / "jobs"
    jobs(folder, 3)
    search(capsys, "python", folder)
    index = SearchIndex()
    index.add([])
    for part in database_files(store_path([folder]))[:3]:  # the store cleared meanwhile
        part.unlink(missing_ok=True)
    assert saved(folder).exists()
    assert not save(index, [folder])  # an app finishing its load saves none now
    assert main(["cache", "clear"]) == 0
    capsys.readouterr()
    assert not saved(folder).exists()


def test_a_reopen_counts_every_file_and_problem_in_few_steps(tmp_path, capsys, monkeypatch):
    """While the saved index holds the postings, the files looked at are counted in a few
    batches (each is a message the app handles), never losing a file or a problem."""
    from jobtui.search import feed as feed_module
    from jobtui.search.engine import SearchIndex
    from jobtui.search.feed import Feed

    folder = tmp_path / "jobs"
    jobs(folder, 40)
    write(folder, "broken.md", b"\x00\x01binary\x00" * 40)
    write(folder, "empty.md", "")
    search(capsys, "python", folder)  # the store, and the saved index
    monkeypatch.setattr(feed_module, "COUNT_EVERY", 3600.0)
    feed = Feed([folder])

    def no_walk(*args: object) -> None:
        raise AssertionError("walked the folder to count it")

    with monkeypatch.context() as m:
        m.setattr(feed_module, "iter_files", no_walk)
        assert feed.count() == 42  # the store's count
    batches = list(feed.batches(size=5))
    only_counting = [b for b in batches if not b.result.postings]
    assert len(only_counting) == 1  # not one per 5 files
    assert sum(b.files for b in batches) == 42
    problems = sorted(Path(p.path).name for b in batches for p in b.result.problems)
    assert problems == ["broken.md", "empty.md"]
    index = SearchIndex()
    index.add_batches(batches)
    assert len(index) == 40 and not feed.changed  # all from the saved index


def test_count_walks_the_folder_without_a_store(tmp_path, capsys):
    from jobtui.search.feed import Feed

    folder = tmp_path / "jobs"
    jobs(folder, 6)
    assert Feed([folder]).count() == 6  # nothing stored yet: walked
    search(capsys, "python", folder)
    jobs(folder, 9)  # three more since
    assert Feed([folder], use_cache=False).count() == 9
    assert Feed([folder]).count(limit=100) == 9  # a bounded count always walks


def _feed_batches(folder: Path, size: int = 5) -> list:  # type: ignore[type-arg]
    from jobtui.search.feed import Feed

    return list(Feed([folder]).batches(size=size))


def test_a_reopen_lists_the_stored_postings_before_it_looks_at_any_file(
    tmp_path, capsys, monkeypatch
):
    """The saved index's postings come first, before the walk; with no file changed, that
    list stands: nothing is listed twice, nothing replaced."""
    from jobtui.postings import loader
    from jobtui.search.engine import SearchIndex
    from jobtui.search.feed import Feed

    folder = tmp_path / "jobs"
    jobs(folder, 30)
    search(capsys, "python", folder)  # the store and the saved index
    expected = titles(search(capsys, "", folder))
    events: list[str] = []
    look_up = loader._look_up

    def watched(*args):  # type: ignore[no-untyped-def]
        events.append("file looked at")
        return look_up(*args)

    monkeypatch.setattr(loader, "_look_up", watched)
    batches = []
    for batch in Feed([folder]).batches(size=5):  # as they come
        events.append("postings" if batch.result.postings else "count")
        batches.append(batch)
    assert events.index("postings") < events.index("file looked at")
    assert events.count("postings") == 1 and not any(b.replace for b in batches)
    index = SearchIndex()
    index.add_batches(batches)
    assert [h.posting.title for h in index.search("")] == expected


@pytest.mark.parametrize("change", ["edited", "deleted", "added", "renamed"])
def test_a_change_found_after_the_stored_list_was_shown_replaces_it(tmp_path, capsys, change):
    from jobtui.search.engine import SearchIndex

    folder = tmp_path / "jobs"
    jobs(folder, 12)
    search(capsys, "python", folder)  # the store and the saved index
    if change == "edited":
        write(folder, "003.md", "---\ntitle: Plumber Three\ndate: 2026-10-04\n---\nPipes.\n")
    elif change == "deleted":
        (folder / "004.md").unlink()
    elif change == "added":
        write(folder, "zz-new.md", "---\ntitle: Zebra Keeper\ndate: 2026-10-09\n---\nZebras.\n")
    else:
        (folder / "005.md").rename(folder / "moved-005.md")
    batches = _feed_batches(folder)
    replaced = [i for i, b in enumerate(batches) if b.replace]
    assert len(replaced) == 1 and replaced[0] > 0  # after the stored list was shown
    index = SearchIndex()
    for i, batch in enumerate(batches):
        index.add_batches([batch])
        if i == replaced[0] - 1:
            assert len(index) == 12  # what was shown meanwhile: the store's list
    fresh = search(capsys, "", folder, "--no-cache")
    assert [h.posting.title for h in index.search("")] == titles(fresh)
    assert sorted(index.ids()) == sorted(json.loads(line)["id"] for line in fresh.splitlines())


def test_a_damaged_body_of_a_posting_the_saved_index_lacks_is_read_from_its_file(tmp_path, capsys):
    """The stored list comes before any file is looked at: a body the store cannot give back
    is read from its file even then, and the index is saved as usual."""
    import sqlite3

    from jobtui.postings.stored import CHANGED
    from jobtui.search.engine import SearchIndex
    from jobtui.search.feed import Feed

    folder = tmp_path / "jobs"
    jobs(folder, 6)
    search(capsys, "python", folder)  # the store and the saved index
    write(folder, "new.md", "---\ntitle: Percussionist\n---\nPlays the xylophone.\n")
    assert main(["list", str(folder), "--format", "jsonl"]) == 0  # stored, index not saved
    con = sqlite3.connect(store_path([folder]))
    with con:
        con.execute("UPDATE details SET body = NULL WHERE id IN (SELECT id FROM postings "
                    "WHERE title = 'Percussionist')")  # fmt: skip
    con.close()
    feed, index = Feed([folder]), SearchIndex()
    index.add_batches(list(feed.batches(size=5)))
    (hit,) = index.search("xylophone")
    assert hit.posting.body.strip() == "Plays the xylophone." and hit.posting.body != CHANGED
    index.warm()
    assert feed.keep(index)  # nothing lost: saved


def test_a_body_lost_by_a_posting_replaced_since_does_not_stop_the_save(tmp_path, capsys):
    """Reading a posting of the stored list whose file changed meanwhile says so; once the
    list is replaced by what the files hold, that posting is gone, and the index is saved."""
    from jobtui.postings.stored import CHANGED
    from jobtui.search.engine import SearchIndex
    from jobtui.search.feed import Feed

    folder = tmp_path / "jobs"
    jobs(folder, 6)
    search(capsys, "python", folder)
    write(folder, "002.md", "---\ntitle: Welder Two\ndate: 2026-10-03\n---\nSteel.\n")
    feed, index = Feed([folder]), SearchIndex()
    batches = feed.batches(size=5)
    first = next(batches)  # the stored list, shown before the files are checked
    index.add_batches([first])
    old = next(p for p in first.result.postings if p.title == "Python Engineer 2")
    import sqlite3

    con = sqlite3.connect(store_path([folder]))
    with con:  # its stored text unreadable: the file is read, and it changed
        con.execute("UPDATE details SET body = NULL WHERE id = ?", (old.id,))
    con.close()
    assert old.body == CHANGED
    index.add_batches(list(batches))
    assert [h.posting.title for h in index.search("steel")] == ["Welder Two"]
    index.warm()
    assert feed.keep(index)
