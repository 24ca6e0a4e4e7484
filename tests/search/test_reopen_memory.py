"""A reopen keeps in memory what the list shows, not every posting's fields: checking every
file, making the search index's arrays and matching the copies saved at the last open read the
stored rows as columns and leave each posting unread, with the results of postings read whole;
and the store's record of every file is let go once the load is over."""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import weakref
from pathlib import Path

import pytest

from jobtui.postings.loader import iter_load, load_postings
from jobtui.postings.saved_copies import signature
from jobtui.postings.store import LoadCache, store_path
from jobtui.postings.stored import UNREADABLE_TITLE, columns
from jobtui.search.engine import SearchIndex
from jobtui.search.feed import Feed

from ..conftest import write
from .test_reopen_lazy import open_twice, stored_list, unread

COMPANIES = ["Fjord GmbH", "acme", "Zebra Labs", None]
PLACES = ["Oslo, Norway", "Remote", None, "Lyon"]
POLICIES = ["hybrid", "yes", "no", None]
PAY = ["60k-80k EUR", "$120,000 - $150,000", "45 EUR per hour", None, "90000 GBP"]
TAGS = ["[python, rust]", "[go]", None, "[rust, kubernetes, python, sql, aws]"]


def varied_jobs(folder: Path, n: int) -> None:
    """Postings whose list fields vary independently, unknown ones among them."""
    for i in range(n):
        lines = [f"title: {['Rust Dev', 'Data Wrangler', 'Étoile Analyst'][i % 3]} {i}"]
        for key, values in (
            ("company", COMPANIES),
            ("location", PLACES),
            ("remote", POLICIES),
            ("salary", PAY),
            ("tags", TAGS),
        ):
            value = values[(i * 7 + len(key)) % len(values)]
            if value is not None:
                lines.append(f"{key}: {value!r}" if key in ("company", "location") else
                             f"{key}: {value}")  # fmt: skip
        if i % 5:
            lines.append(f"date: 2026-0{i % 9 + 1}-{i % 27 + 1:02d}")
        write(folder, f"d{i % 3}/{i:03d}.md", "---\n" + "\n".join(lines) + f"\n---\nJob {i}.\n")


QUERIES = [
    "",
    "rust",
    "salary:>=70k",
    "salary:<50000",
    "remote:yes",
    "remote:hybrid",
    "remote:unknown",
    'company:"zebra labs"',
    'location:"oslo"',
    "tag:rust",
    "-tag:go analyst",
]


def test_checking_every_file_leaves_the_postings_unread(tmp_path, capsys):
    folder = tmp_path / "jobs"
    varied_jobs(folder, 60)
    open_twice(capsys, folder)
    index = SearchIndex()
    index.add_batches(list(Feed([folder]).batches(size=7)))  # listed, then every file checked
    assert len(index) == 60
    assert unread(index.postings) == 60
    fresh = {p.id: p for p in load_postings([folder]).postings}
    assert all(p == fresh[p.id] for p in index.postings)  # read when asked, as loaded


def test_a_row_damaged_after_the_list_is_found_by_the_check(tmp_path, capsys):
    folder = tmp_path / "jobs"
    varied_jobs(folder, 12)
    open_twice(capsys, folder)
    feed = Feed([folder])
    batches = feed.batches(size=7)
    first = next(batches)  # the store's list, shown before any file is looked at
    with contextlib.closing(sqlite3.connect(store_path([folder]))) as con:
        con.execute("UPDATE postings SET tags = 'rust' || char(27) || '[2J' WHERE title LIKE '%7'")
        con.commit()
    rest = list(batches)
    assert any(b.replace for b in rest)  # its file was parsed again: the list is replaced
    index = SearchIndex()
    index.add_batches([first, *rest])
    assert unread(index.postings) == 11  # the others, checked, are still unread
    titles = [p.title for p in index.postings]
    assert sorted(titles) == sorted(p.title for p in load_postings([folder]).postings)
    assert UNREADABLE_TITLE not in titles


def test_the_index_arrays_are_made_from_columns_with_the_results_of_whole_postings(
    tmp_path, capsys
):
    folder = tmp_path / "jobs"
    varied_jobs(folder, 45)
    open_twice(capsys, folder)
    index = stored_list(folder)
    index.warm()  # every array a query or a sort needs, and each field's values
    for mode in ("salary", "company", "newest"):
        index.sort(index.run(""), mode)
    assert unread(index.postings) == 45
    fresh = SearchIndex()
    fresh.add(load_postings([folder]).postings)

    def ids(idx: SearchIndex, query: str, mode: str = "relevance") -> list[str]:
        return [h.posting.id for h in idx.sort(idx.run(query), mode).hits()]

    for query in QUERIES:
        assert ids(index, query) == ids(fresh, query), query
    for mode in ("salary", "company", "newest"):
        assert ids(index, "", mode) == ids(fresh, "", mode), mode
    assert len(ids(fresh, "remote:hybrid")) > 3 and len(ids(fresh, "salary:>=70k")) > 3


def test_columns_read_rows_without_keeping_them_and_a_bad_row_as_unreadable(tmp_path, capsys):
    folder = tmp_path / "jobs"
    varied_jobs(folder, 30)
    open_twice(capsys, folder)
    postings = stored_list(folder).postings
    names = ("title", "company", "location", "salary", "tags", "posted", "source", "hybrid")
    with contextlib.closing(sqlite3.connect(store_path([folder]))) as con:
        con.execute("UPDATE postings SET salary_min = 'lots' WHERE title LIKE '%12'")
        con.commit()
    found = columns(postings, names)
    assert unread(postings) == 29  # only the damaged one is read (as unreadable)
    (damaged,) = [p for p in postings if p.title == UNREADABLE_TITLE]
    fresh = {p.id: p for p in load_postings([folder]).postings}
    for i, p in enumerate(postings):
        expected = damaged if p is damaged else fresh[p.id]
        assert [column[i] for column in found] == [getattr(expected, n) for n in names]
    assert columns(postings, names) == found  # read whole now: the same
    assert unread(postings) == 0
    assert signature(postings) == signature(
        [damaged if p is damaged else fresh[p.id] for p in postings]
    )


def test_saved_copies_are_matched_without_reading_the_postings(tmp_path, capsys):
    folder = tmp_path / "jobs"
    varied_jobs(folder, 20)
    open_twice(capsys, folder)
    postings = stored_list(folder).postings
    assert signature(postings) == signature(load_postings([folder]).postings)
    assert unread(postings) == 20


@pytest.mark.parametrize("files", [1, 40])
def test_the_postings_do_not_keep_the_stores_record_of_every_file(tmp_path, files):
    folder = tmp_path / "jobs"
    varied_jobs(folder, files)
    list(iter_load([folder], cache=LoadCache([folder])))  # stored
    cache = LoadCache([folder])
    postings = [p for chunk in iter_load([folder], cache=cache) for p in chunk.postings]
    assert cache.hits == files and unread(postings) == files
    gone = weakref.ref(cache)
    del cache
    gc.collect()
    assert gone() is None  # with every file's stamp, by path
    assert [p.title for p in postings] == [p.title for p in load_postings([folder]).postings]
