"""An index's ids to posting numbers, held as sorted hashes, answer as a dict updated in order
would: ids added in batches, an id held twice, hashes that collide."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.search import ids
from jobtui.search.ids import IdNumbers

IDS = st.text(alphabet="abcdef", min_size=1, max_size=3)


@pytest.fixture(params=["python", "colliding"])
def hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Python's hash, or one where most ids collide; and sorting after a few postings."""
    monkeypatch.setattr(ids, "SORTED_AT_LEAST", 3)
    if request.param == "colliding":
        monkeypatch.setattr(ids, "hash", len, raising=False)


@pytest.mark.usefixtures("hashing")
@settings(max_examples=80, deadline=None)
@given(batches=st.lists(st.lists(IDS, max_size=9), max_size=6), asked=st.lists(IDS, max_size=8))
def test_ids_answer_as_a_dict_updated_in_order(batches: list[list[str]], asked: list[str]) -> None:
    postings: list[SimpleNamespace] = []
    numbers = IdNumbers(postings)  # type: ignore[arg-type]
    reference: dict[str, int] = {}
    for batch in batches:
        start = len(postings)
        postings.extend(SimpleNamespace(id=pid) for pid in batch)
        numbers.note(start)
        reference.update((pid, i) for i, pid in enumerate(batch, start))
        for pid in [*asked, *batch]:
            assert numbers.get(pid) == reference.get(pid), pid
            assert (pid in numbers) == (pid in reference)
        assert len(numbers) == len(reference)
        assert numbers.found([*asked, *batch, 7]) == {
            reference[k]: k for k in [*asked, *batch] if k in reference
        }
        assert sorted(numbers.numbers(asked)) == sorted(
            {reference[k] for k in asked if k in reference}
        )
        assert len(numbers._recent) < max(3, numbers._held // 4)  # the rest sorted: no dict
        assert dict(numbers) == reference
        assert list(numbers) == sorted(reference, key=reference.__getitem__)
    for pid in asked:
        if pid not in reference:
            with pytest.raises(KeyError):
                numbers[pid]
    assert numbers.get(3) is None and 3 not in numbers  # (not an id)


def test_postings_noted_again_are_sorted_again() -> None:
    postings = [SimpleNamespace(id=f"p{i}") for i in range(10)]
    numbers = IdNumbers(postings)  # type: ignore[arg-type]
    numbers.note(0)
    numbers.note(0)  # (asked twice: the same answer)
    assert numbers["p9"] == 9 and len(numbers) == 10
