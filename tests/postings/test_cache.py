"""The load cache: a second load of an unchanged folder skips parsing; any change is seen; the
cache holds data, never code, and a row that is not what the loader writes is parsed again."""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import store as store_module
from jobtui.postings.loader import iter_load, load_postings
from jobtui.postings.plain import meta_from_plain, meta_to_plain
from jobtui.postings.store import LoadCache, store_path

from ..conftest import write


def load_with_cache(folder):  # type: ignore[no-untyped-def]
    cache = LoadCache([folder])
    postings = [p for chunk in iter_load([folder], cache=cache) for p in chunk.postings]
    return postings, cache


def rows(path: Path) -> dict[str, list]:  # type: ignore[type-arg]
    """file name -> [its postings as {column: value}, problem, warning], as the store holds them
    (a posting's body and front matter among its columns)."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    found = {}
    for f in con.execute("SELECT * FROM files").fetchall():
        span = (f["id"] * store_module.PER_FILE, (f["id"] + 1) * store_module.PER_FILE)
        postings = [
            dict(r)
            for r in con.execute(
                "SELECT p.*, d.body, d.meta FROM postings p JOIN details d USING (n) "
                "WHERE n >= ? AND n < ? ORDER BY n",
                span,
            )
        ]
        found[os.path.basename(os.fsdecode(f["file"]))] = [postings, f["problem"], f["warning"]]
    con.close()
    return found


def rewrite(path: Path, name: str, entry: list) -> None:  # type: ignore[type-arg]
    """Put [postings, problem, warning] in the rows of the file `name`, as a crafted store
    would: the postings' columns as given, a posting left out is deleted."""
    postings, problem, warning = entry
    con = sqlite3.connect(path)
    with con:
        for number, file in con.execute("SELECT id, file FROM files").fetchall():
            if os.path.basename(os.fsdecode(file)) != name:
                continue
            con.execute(
                "UPDATE files SET problem = ?, warning = ? WHERE id = ?", (problem, warning, number)
            )
            span = (number * store_module.PER_FILE, (number + 1) * store_module.PER_FILE)
            con.execute("DELETE FROM postings WHERE n >= ? AND n < ?", span)
            for row in postings:
                columns = {k: v for k, v in row.items() if k not in ("body", "meta")}
                con.execute(
                    f"INSERT INTO postings ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    tuple(columns.values()),
                )
                con.execute(
                    "UPDATE details SET body = ?, meta = ? WHERE n = ?",
                    (row["body"], row["meta"], row["n"]),
                )
    con.close()


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


# --- data, not code ------------------------------------------------------------------------------


class _Payload:
    """A pickle that makes a folder when it is loaded: what a planted cache file could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.mkdir, (str(self.marker),))


def test_a_pickle_planted_in_the_cache_folder_runs_nothing(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Site Reliability Engineer\n---\nPager duty.\n")
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(_Payload(proof)))  # the payload works when it is unpickled
    assert proof.is_dir()
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    path = store_path([folder])
    path.parent.mkdir(parents=True, exist_ok=True)
    old = [path, path.with_name("load-0123456789abcdef.json"), path.with_suffix(".pickle")]
    for planted in old:  # where the caches were and are
        planted.write_bytes(payload)
    postings, cache = load_with_cache(folder)
    assert not marker.exists()
    assert [p.title for p in postings] == ["Site Reliability Engineer"] and cache.hits == 0
    assert path.read_bytes().startswith(b"SQLite format 3\x00")  # replaced by a store of data
    assert not old[1].exists() and not old[2].exists()
    postings, cache = load_with_cache(folder)
    assert cache.hits == 1 and not marker.exists()


VARIED = {
    "salary-range.md": (
        "---\ntitle: Staff Engineer\ncompany: Globex\nlocation: Berlin\nremote: false\n"
        "salary: {min: 90000, max: 120000, currency: EUR, period: year}\n"
        "date: 2024-03-01\ntags: [Go, Kubernetes]\nurl: https://globex.example/jobs/1\n---\n"
        "Build things. [Apply](https://globex.example/apply)\n"
    ),
    "hourly.md": (
        "---\ntitle: Contract Designer\nsalary: 45-60 USD an hour\nremote: yes\n"
        "posted: 2023-11-20 09:30:00 +05:30\ncontact: {email: jobs@initech.example}\n"
        "extra: !!binary aGVsbG8=\nchoices: !!set {a, b}\nordered: !!omap [{x: 1}, {y: 2}]\n"
        "nested: {1: one, 2024-01-02: day, '\\0': tagged, list: [1.5, null, true, {k: [v]}]}\n"
        "---\n# Contract Designer\n\nÜber uns: café, naïve, “quotes”, 日本語.\n"
    ),
    "2022-05-06-backend.md": "# Backend Developer at Hooli\n\nPython, Postgres. Salary: $150k.\n",
    "no-title.md": "Just some words about a job with Rust and remote work.\n",
    "empty.md": "",
    "bad-value.md": "---\ntitle: QA\ndate: 2024-13-45\nsalary: .nan\nrating: .inf\n---\nb\n",
}


def test_round_trip_of_real_postings_gives_equal_postings(tmp_path, seeds):
    folder = tmp_path / "jobs"
    for p in seeds.values():
        write(folder, os.path.basename(p.source), Path(p.source).read_bytes())
    for name, text in VARIED.items():
        write(folder, name, text)
    fresh = load_postings([folder])  # parsed, no cache at all
    first, cache1 = load_with_cache(folder)
    second, cache2 = load_with_cache(folder)
    assert cache1.hits == 0 and cache2.hits == len(seeds) + len(VARIED)
    assert second == first == fresh.postings
    for a, b in zip(second, fresh.postings, strict=True):
        assert (a.source, a.salary, a.posted, a.tags, a.remote, a.url, a.body, a.digest) == (
            b.source,
            b.salary,
            b.posted,
            b.tags,
            b.remote,
            b.url,
            b.body,
            b.digest,
        )
        assert dict(a.origins) == dict(b.origins)
        assert dict(a.meta) == dict(b.meta)
        assert {k: type(v) for k, v in a.meta.items()} == {k: type(v) for k, v in b.meta.items()}
    hourly = next(p for p in second if p.title == "Contract Designer")
    assert hourly.meta["posted"].utcoffset() == timedelta(hours=5, minutes=30)
    assert hourly.meta["extra"] == b"hello" and hourly.meta["choices"] == {"a", "b"}
    assert hourly.meta["ordered"] == [("x", 1), ("y", 2)]
    assert hourly.meta["nested"][date(2024, 1, 2)] == "day"
    again = load_postings([folder], cache=True)
    assert [w.reason for w in again.warnings] == [w.reason for w in fresh.warnings]
    assert [p.reason for p in again.problems] == [p.reason for p in fresh.problems]


DAMAGES = {
    "title is a number": ("title", 12),
    "title is empty": ("title", ""),
    "salary is text": ("salary_min", "90k"),
    "salary is negative": ("salary_min", -1.0),
    "period is unknown": ("period", "fortnight"),
    "tags are a number": ("tags", 3),
    "a tag has an escape": ("tags", "python\n\x1b[2J"),
    "posted is text": ("posted", "2024-13-45"),
    "posted is past the calendar": ("posted", 10**9),
    "remote is text": ("remote", "yes"),
    "body has an escape": ("body", "\x1b]52;c;ZXZpbA==\x07 and \x1b[2J"),
    "meta holds an unknown tag": ("meta", '{"x": {"\\u0000": ["code", "import os"]}}'),
    "meta holds a malformed tag": ("meta", '{"x": {"\\u0000": ["date"], "y": 1}}'),
    "meta is NaN": ("meta", '{"x": NaN}'),
    "origin is unknown": ("origins", '{"title": "the internet"}'),
    "id is not hexadecimal": ("id", "../../etc"),
    "format is unknown": ("format", "pickle"),
    "key has an escape": ("key", "1\x1b[2J"),
    "key is a number": ("key", 7),
    "warning is a number": (None, "warning"),
    "problem has an escape": (None, "problem"),
    "a posting is missing": (None, "missing"),
}


@pytest.mark.parametrize("how", DAMAGES)
def test_an_entry_of_the_wrong_shape_is_parsed_again(tmp_path, how):
    folder = tmp_path / "jobs"
    write(folder, "a.md", VARIED["salary-range.md"])
    write(folder, "b.md", VARIED["hourly.md"])
    first, cache = load_with_cache(folder)
    entry = rows(cache.path)["a.md"]
    column, value = DAMAGES[how]
    if column is not None:
        entry[0][0][column] = value
    elif value == "warning":
        entry[2] = 3
    elif value == "problem":
        entry[1] = "\x1b[31mred"
    else:
        entry[0] = []
    rewrite(cache.path, "a.md", entry)
    second, cache = load_with_cache(folder)
    # The other file still comes from the store; a body or front matter is checked when it
    # is read, and read from its file instead.
    assert cache.hits == (2 if column in ("body", "meta") else 1)
    assert second == first
    assert [dict(p.meta) for p in second] == [dict(p.meta) for p in first]
    _, cache = load_with_cache(folder)
    assert cache.hits == 2  # the entry was written again, as the loader makes it


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"format": 1, "stamp": "x", "entries": []}',
        b'{"format": 2, "entries": 5}',
        b'{"format": 2, "stamp": "x"}\n["a", "b", 1, 2, null, null, null]',
        b"[" * 100_000 + b"]" * 100_000 + b"\n" + b"[" * 100_000,
        "\udcff".encode("utf-8", "surrogatepass"),
        b"\x80\x81 not utf-8",
    ],
)
def test_a_cache_file_that_is_not_ours_is_ignored(tmp_path, content):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "# Title\n")
    path = store_path([folder])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    postings, cache = load_with_cache(folder)
    assert postings[0].title == "Title" and cache.hits == 0
    _, cache = load_with_cache(folder)
    assert cache.hits == 1  # made afresh


def test_a_damaged_row_costs_only_its_file(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "# First\n")
    write(folder, "b.md", "# Second\n")
    _, cache = load_with_cache(folder)
    (posting,), _, _ = rows(cache.path)["a.md"]
    posting["origins"] = posting["origins"][:-3]  # cut short
    rewrite(cache.path, "a.md", [[posting], None, None])
    postings, cache = load_with_cache(folder)
    assert sorted(p.title for p in postings) == ["First", "Second"] and cache.hits == 1


def test_a_change_of_code_invalidates_the_cache(tmp_path, monkeypatch):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "# Title\n")
    load_with_cache(folder)
    _, cache = load_with_cache(folder)
    assert cache.hits == 1
    monkeypatch.setattr(store_module, "code_stamp", lambda: "another version")
    _, cache = load_with_cache(folder)
    assert cache.hits == 0


def test_a_file_name_that_is_not_utf8_round_trips(tmp_path):
    folder = tmp_path / "jobs"
    name = os.fsdecode(b"caf\xe9-\xff.md")  # not UTF-8: held as surrogates
    try:
        write(folder, name, "# Barista\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses the name")
    first, _ = load_with_cache(folder)
    second, cache = load_with_cache(folder)
    assert cache.hits == 1 and second == first


# --- any front matter the safe YAML loader builds --------------------------------------------

keys = st.one_of(st.text(max_size=6), st.integers(), st.dates(), st.none(), st.booleans())
leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
    st.binary(max_size=6),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=-9))])).map(
        lambda d: d.replace(fold=0)  # YAML never sets a fold
    ),
)
front_matter = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(keys, inner, max_size=3),
        st.dictionaries(st.sampled_from(["\x00", "a"]), inner, max_size=2),
        st.lists(st.tuples(st.text(max_size=3), inner), max_size=2),
        st.sets(st.text(max_size=3), max_size=3),
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(value=front_matter)
def test_front_matter_round_trips_through_plain_json(value):
    plain = json.loads(json.dumps(meta_to_plain(value), allow_nan=False))
    assert same(meta_from_plain(plain), value)


def same(a: object, b: object) -> bool:
    """Equal, and of the same types all the way down (a datetime's offset included)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return sorted(map(repr, a)) == sorted(map(repr, b)) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, set) and isinstance(b, set):
        return sorted(map(repr, a)) == sorted(map(repr, b))
    return repr(a) == repr(b)


def test_a_datetime_read_back_keeps_its_offset():
    when = datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=timezone(timedelta(hours=-3, minutes=-30)))
    assert same(meta_from_plain(meta_to_plain(when)), when)
    assert not same(meta_from_plain(meta_to_plain(when.replace(tzinfo=None))), when)
