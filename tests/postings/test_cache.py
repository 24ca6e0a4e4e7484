"""The load cache: a second load of an unchanged folder skips parsing; any change is seen."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from jobtui.postings.cache import LoadCache
from jobtui.postings.loader import iter_load, load_postings

from ..conftest import write


def load_with_cache(folder):  # type: ignore[no-untyped-def]
    cache = LoadCache([folder])
    postings = [p for chunk in iter_load([folder], cache=cache) for p in chunk.postings]
    return postings, cache


def test_second_load_comes_from_the_cache_and_is_equal(tmp_path, seeds):
    folder = tmp_path / "jobs"
    for p in seeds.values():
        write(folder, os.path.basename(p.source), Path(p.source).read_bytes())
    first, cache1 = load_with_cache(folder)
    assert cache1.hits == 0
    second, cache2 = load_with_cache(folder)
    assert cache2.hits == 5
    assert second == first
    assert [dict(p.meta) for p in second] == [dict(p.meta) for p in first]


def test_a_changed_file_is_parsed_again(tmp_path):
    folder = tmp_path / "jobs"
    path = write(folder, "a.md", "# Old Title\n")
    load_with_cache(folder)
    path.write_text("# New Title, longer\n")
    postings, cache = load_with_cache(folder)
    assert cache.hits == 0 and postings[0].title == "New Title, longer"


def test_problems_are_cached_too(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "empty.md", "")
    load_with_cache(folder)
    _, cache = load_with_cache(folder)
    assert cache.hits == 1


def test_a_corrupt_cache_is_ignored(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "# Title\n")
    _, cache = load_with_cache(folder)
    cache.path.write_bytes(b"not a pickle")
    postings, cache = load_with_cache(folder)
    assert postings[0].title == "Title" and cache.hits == 0


def test_postings_pickle(seeds):
    p = seeds["003"]
    assert pickle.loads(pickle.dumps(p)) == p
    assert load_postings(cache=True).postings == load_postings(cache=True).postings
