"""A reopen lists the store's postings without reading them all first: each posting's fields
are read from its stored row when first asked for, and the order of the empty query (newest
first) is the one saved with the word index. What is listed is what a fresh load lists; a row
that does not check out is never shown as it is stored."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from jobtui.cli import main
from jobtui.postings.loader import load_postings
from jobtui.postings.store import store_path
from jobtui.postings.stored import UNREADABLE_TITLE, Reader, StoredPosting
from jobtui.search.engine import SearchIndex
from jobtui.search.feed import Feed
from jobtui.search.reopen import saved_index

from ..conftest import write


def fresh_titles(capsys: pytest.CaptureFixture[str], *folders: Path) -> list[str]:
    """The titles a load without the cache lists for an empty query, in order."""
    code = main(["search", "", *map(str, folders), "--format", "jsonl", "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line)["title"] for line in out.splitlines()]


def open_twice(capsys: pytest.CaptureFixture[str], *folders: Path) -> None:
    """Open the folders once, so the store and the saved word index exist."""
    code = main(["search", "anything", *map(str, folders), "--format", "jsonl"])
    capsys.readouterr()
    assert code in (0, 1)


def unread(postings: object) -> int:
    """How many stored postings have not had their row read yet."""
    return sum(type(p) is StoredPosting and type(p._row) is Reader for p in postings)  # type: ignore[attr-defined]


def stored_list(*folders: Path) -> SearchIndex:
    """An index of what a reopen lists before it looks at any file (its first batch)."""
    first = next(iter(Feed(list(folders)).batches(size=7)))
    assert first.saved is not None  # the saved index adopted
    index = SearchIndex()
    index.add_batches([first])
    return index


def folder_of_jobs(folder: Path, n: int) -> None:
    """Postings of a few titles over a few days, undated ones and ties among them."""
    titles = ["Rust Dev", "rust dev", "Data Wrangler", "Zoo Keeper", "Étoile Analyst"]
    for i in range(n):
        day = "" if i % 9 == 0 else f"date: 2026-0{i % 3 + 7}-1{i % 4}\n"
        write(folder, f"sub{i % 4}/{(i * 37) % 101:03d}.md",
              f"---\ntitle: {titles[i % len(titles)]}\n{day}---\nJob {i}.\n")  # fmt: skip


def test_a_reopen_lists_newest_first_reading_only_the_rows_it_shows(tmp_path, capsys):
    folder = tmp_path / "jobs"
    folder_of_jobs(folder, 80)
    open_twice(capsys, folder)
    expected = fresh_titles(capsys, folder)
    index = stored_list(folder)
    result = index.run("")
    assert len(index) == 80 and len(result) == 80
    assert unread(index.postings) == 80  # listed and ordered: no row read yet
    assert [h.posting.title for h in result.hits(12)] == expected[:12]
    assert unread(index.postings) < 80  # (the rows shown, with those of files next to theirs)
    assert [h.posting.title for h in index.run("").hits()] == expected


def test_the_saved_order_is_not_taken_for_the_folders_spelled_otherwise(tmp_path, capsys):
    """Postings alike (same day and title) are listed by where they were read from: opened
    again through another spelling of a folder, that order may differ, and it does here."""
    one, two = tmp_path / "m-one", tmp_path / "z-two"
    for folder in (one, two):
        write(folder, "job.md", f"---\ntitle: Same Job\ndate: 2026-05-05\n---\nIn {folder.name}.\n")
        write(folder, f"other-{folder.name}.md", f"---\ntitle: {folder.name}\n---\nNo.\n")
    (tmp_path / "a-link").symlink_to(two, target_is_directory=True)
    again = [one, tmp_path / "a-link"]  # the same folders: the same store
    assert store_path([one, two]) == store_path(again)
    open_twice(capsys, one, two)
    assert saved_index([one, two]).recency is not None  # type: ignore[union-attr]
    assert saved_index(again).recency is None  # type: ignore[union-attr]
    index = stored_list(*again)
    sources = [h.posting.source for h in index.run("").hits()]
    assert sources[0].startswith(str(tmp_path / "a-link"))  # "a-link" sorts before "m-one"
    assert [h.posting.title for h in index.run("").hits()] == fresh_titles(capsys, *again)


def test_a_row_that_does_not_check_out_is_listed_as_unreadable_then_read_again(tmp_path, capsys):
    folder = tmp_path / "jobs"
    folder_of_jobs(folder, 20)
    write(folder, "night.md", "---\ntitle: Night Operator\ndate: 2026-09-30\n---\nNights.\n")
    open_twice(capsys, folder)
    with contextlib.closing(sqlite3.connect(store_path([folder]))) as con:
        con.execute(
            "UPDATE postings SET title = 'Night ' || char(27) || ']0;owned' || char(7) || 'Op', "
            "company = 'Evil' || char(27) || '[2J' WHERE title = 'Night Operator'"
        )
        con.commit()
    index = stored_list(folder)
    first = index.run("").hits(1)[0].posting  # the newest: the damaged one
    assert first.title == UNREADABLE_TITLE and first.company is None
    assert not any("\x1b" in (p.title + (p.company or "")) for p in index.postings)
    # The whole load: its file is read again and replaces what the stored list showed.
    batches = list(Feed([folder]).batches(size=7))
    assert any(b.replace for b in batches)
    index = SearchIndex()
    index.add_batches(batches)
    assert [h.posting.title for h in index.run("").hits()] == fresh_titles(capsys, folder)
    assert index.run("").hits(1)[0].posting.title == "Night Operator"


def test_a_posting_read_from_its_row_equals_the_one_a_load_makes(tmp_path, capsys):
    folder = tmp_path / "jobs"
    write(
        folder,
        "full.md",
        "---\ntitle: Platform Engineer\ncompany: Fjord GmbH\nlocation: Oslo, Norway\n"
        "salary: 60k-80k EUR\ntags: [python, rust]\ndate: 2026-08-01\n"
        "url: https://fjord.example/jobs/1\nremote: hybrid\n---\nBuild things.\n",
    )
    folder_of_jobs(folder, 6)
    open_twice(capsys, folder)
    stored = {p.id: p for p in stored_list(folder).postings}
    fresh = {p.id: p for p in load_postings([folder]).postings}
    assert stored.keys() == fresh.keys() and len(stored) == 7
    for pid, p in stored.items():
        assert p == fresh[pid]  # the fields compared, read from the row as the load made them
        assert (p.origins, p.format, p.hybrid) == (
            fresh[pid].origins,
            "markdown",
            fresh[pid].hybrid,
        )
        assert p.body == fresh[pid].body
    assert stored[next(i for i, p in fresh.items() if p.company)].hybrid


def test_bookmarks_of_another_folder_are_told_missing_without_reading_every_row(tmp_path, capsys):
    """A load ends by letting bookmarks follow their postings: one whose posting is not in the
    folder is looked for by its file among the postings' sources, read without filling each
    posting with its row (a reopened list of 100,000 would read them all)."""
    from jobtui.shortlist.store import BookmarkStore

    folder, elsewhere = tmp_path / "jobs", tmp_path / "other"
    folder_of_jobs(folder, 80)
    write(elsewhere, "far.md", "---\ntitle: Far Away Job\n---\nElsewhere.\n")
    open_twice(capsys, folder)
    index = stored_list(folder)
    store = BookmarkStore(tmp_path / "cfg")
    (far,) = load_postings([elsewhere]).postings
    store.add(far)
    assert store.reconcile(index.postings) == {far.id}
    assert unread(index.postings) == 80
    # The file edited where it lives (same title, new content): its bookmark follows it.
    write(elsewhere, "far.md", "---\ntitle: Far Away Job\n---\nElsewhere, and remote.\n")
    (edited,) = load_postings([elsewhere]).postings
    assert store.reconcile([*index.postings, edited]) == set()
    assert store.get(edited.id) is not None and store.get(far.id) is None
