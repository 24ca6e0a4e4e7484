"""The stored files a load reads back give each file's stamp exactly as the table held it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import stored_files
from jobtui.postings.stored_files import FileNumbers, StoredFiles

_NUMBER = st.one_of(
    st.integers(min_value=-(1 << 70), max_value=1 << 70),  # beyond 64 bits too
    st.integers(min_value=0, max_value=1 << 40),
)
# What a damaged table may hold in a column of numbers: text, bytes, reals, nothing.
_ODD = st.one_of(_NUMBER, st.text(max_size=5), st.binary(max_size=5), st.floats(), st.none())
_NOTE = st.one_of(st.none(), st.text(max_size=20))
_STAMP = st.tuples(_NUMBER, _ODD, _ODD, _ODD, _NOTE, _NOTE, _ODD, _ODD)
_KEY = st.tuples(st.text(max_size=12), st.sampled_from(["/jobs", "/home/ana/boards", "/é"]))


@pytest.fixture(params=["python", "colliding"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's hash, or one where most keys collide, to reach the slow paths."""
    if request.param == "colliding":
        monkeypatch.setattr(stored_files, "hash", lambda key: len(key[0]) % 3, raising=False)


@pytest.mark.usefixtures("hashing")
@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(_KEY, _STAMP), max_size=30), st.lists(_KEY, max_size=4))
def test_each_file_reads_back_as_the_table_held_it(
    rows: list[tuple[Any, Any]], forgotten: list[Any]
) -> None:
    files = StoredFiles()
    expected: dict[Any, Any] = {}
    for key, stamp in rows:  # a key held twice: the later row is the one held
        files.add(key, stamp)
        expected[key] = stamp
    assert len(files) == len(expected)
    for key, stamp in expected.items():
        got = files.get(key)
        assert got is not None and len(got) == 8
        # Equal values of the same types: 1 is not read back as 1.0 or True.
        assert [(type(v), v) for v in got if v == v] == [(type(v), v) for v in stamp if v == v]
        assert key in files
    assert dict(files.numbered()) == {key: stamp[0] for key, stamp in expected.items()}
    for key in forgotten:
        files.pop(key)
        expected.pop(key, None)
    assert len(files) == len(expected)
    assert dict(files.numbered()) == {key: stamp[0] for key, stamp in expected.items()}
    assert all(files.get(key) is None for key in forgotten)
    for key, stamp in rows[::3]:  # held again after forgetting
        files.add(key, stamp)
        expected[key] = stamp
    assert dict(files.numbered()) == {key: stamp[0] for key, stamp in expected.items()}
    assert len(files) == len(expected) == len(list(files.numbered()))


@pytest.mark.usefixtures("hashing")
def test_a_file_not_held_is_not_found_and_forgetting_one_keeps_the_others() -> None:
    files = StoredFiles()
    files.add(("a.md", "/jobs"), (1, 10, 20, 1, None, None, 30, 40))
    files.add(("b.md", "/jobs"), (2, 11, 21, 0, "not UTF-8", None, 31, 41))
    files.add(("a.md", "/other"), (3, 12, 22, 2, None, None, 32, 42))
    assert files.get(("c.md", "/jobs")) is None and ("a.md", "/nowhere") not in files
    files.pop(("a.md", "/jobs"))
    files.pop(("b.md", "/jobs"))
    files.pop(("b.md", "/jobs"))  # not held any more: nothing to forget
    assert len(files) == 1
    assert files.get(("a.md", "/jobs")) is None
    assert files.get(("a.md", "/other")) == (3, 12, 22, 2, None, None, 32, 42)
    assert list(files.numbered()) == [(("a.md", "/other"), 3)]


def test_files_of_integers_are_packed_with_or_without_notes() -> None:
    # What a store of ours holds: integers of 64 bits, a warning or a problem on some files.
    files = StoredFiles()
    for i in range(200):
        warning = "company: refused" if i % 3 == 0 else None
        problem = "empty file" if i % 7 == 0 else None
        stamp = (i + 1, 3_000 + i, 1_732_000_000_000_000_000 + i, i % 4, problem, warning,
                 1_732_000_000_000_000_001 + i, (1 << 40) + i)  # fmt: skip
        files.add((f"{i % 10}/job-{i}.md", "/jobs"), stamp)
        assert files.get((f"{i % 10}/job-{i}.md", "/jobs")) == stamp
    assert not files._odd  # every one packed: the notes beside, not a tuple of eight a file
    files.pop(("0/job-0.md", "/jobs"))
    files.add(("0/job-0.md", "/jobs"), (1, 1, 1, 1, None, None, 1, 1))  # its notes went too
    assert files.get(("0/job-0.md", "/jobs")) == (1, 1, 1, 1, None, None, 1, 1)


@settings(max_examples=80, deadline=None)
@given(
    near=st.integers(0, 200),
    added=st.lists(st.integers(-5, 70_000) | st.integers(-(1 << 63), (1 << 63) - 1), max_size=30),
    later=st.lists(st.integers(0, 140_000), max_size=10),
    asked=st.lists(st.integers(-10, 140_000), max_size=30),
)
def test_file_numbers_hold_what_a_set_holds(
    near: int, added: list[int], later: list[int], asked: list[int]
) -> None:
    """Numbers met by a load (a byte each where they are near, a set where far) answer as a
    set of them would, after the reach grows too."""
    numbers, reference = FileNumbers(near), set[int]()
    for n in added:
        numbers.add(n)
        reference.add(n)
    numbers.expect(near + 100_000)
    for n in later:
        numbers.add(n)
        reference.add(n)
    for n in [*asked, *added, *later]:
        assert (n in numbers) == (n in reference), n
    assert len(numbers) == len(reference)
    assert "1" not in numbers and None not in numbers
