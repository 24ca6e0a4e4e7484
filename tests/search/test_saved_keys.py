"""A saved index's posting keys, held as one text and found by hash, find exactly what a dict
of them finds, even when hashes collide."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.search import persist, snapshot
from jobtui.search.snapshot import SavedKeys


def saved_keys(keys: list[str]) -> SavedKeys:
    """The keys of a list of strings, as a saved index's are read: one text and the spans."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    ends = np.cumsum(lengths)
    return SavedKeys("".join(keys), ends - lengths, ends)


KEYS = st.lists(st.text(min_size=0, max_size=6), max_size=40, unique=True)
ASKED = st.lists(st.text(max_size=6), max_size=20)


@pytest.fixture(params=["python", "colliding"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's hash, or one where most keys collide (by length), to reach the slow path."""
    if request.param == "colliding":
        monkeypatch.setattr(snapshot, "hash", len, raising=False)


@pytest.mark.usefixtures("hashing")
@settings(max_examples=60, deadline=None)
@given(keys=KEYS, asked=ASKED)
def test_found_as_a_dict_finds_them(keys: list[str], asked: list[str]) -> None:
    saved = saved_keys(keys)
    position = {k: i for i, k in enumerate(keys)}
    asked = asked + keys[::2]
    assert saved.find(asked) == [position.get(k, -1) for k in asked]
    assert list(saved) == keys and len(saved) == len(keys)
    assert [saved[i] for i in range(len(keys))] == keys
    assert saved.unique()
    assert saved.same(iter(keys))
    assert not saved.same(keys[:-1]) if keys else saved.same([])
    assert not saved.same([*keys, "x"])


@pytest.mark.usefixtures("hashing")
@settings(max_examples=60, deadline=None)
@given(keys=KEYS, data=st.data())
def test_a_selection_keeps_its_keys_in_order(keys: list[str], data: st.DataObject) -> None:
    keep = np.array(data.draw(st.lists(st.booleans(), min_size=len(keys), max_size=len(keys))))
    kept = saved_keys(keys).select(keep.astype(bool))
    chosen = [k for k, b in zip(keys, keep, strict=True) if b]
    assert list(kept) == chosen
    assert kept.find(keys) == [chosen.index(k) if k in chosen else -1 for k in keys]


@pytest.mark.usefixtures("hashing")
def test_a_key_twice_is_not_unique() -> None:
    assert not saved_keys(["ab/1", "cd/2", "ab/1"]).unique()
    assert saved_keys(["ab/1", "cd/2", "ab/2"]).unique()


def test_keys_read_from_a_packed_blob_with_wide_characters() -> None:
    """A key of characters of several bytes (a foreign or damaged file) is found by its own
    span, not one counted in bytes."""
    keys = ["é/1", "a/2", "日本/3", "\U0001f600/4", "z/5"]
    text, bounds = persist._spans(*persist._pack(keys), len(keys))  # type: ignore[misc]
    saved = SavedKeys(text, bounds[:-1], bounds[1:])
    assert list(saved) == keys
    assert saved.find(["日本/3", "z/5", "日本/4"]) == [2, 4, -1]
