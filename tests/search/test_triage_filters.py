"""Seen, new, hidden and blocked in the query language: hidden and blocked postings leave
every list unless the query asks for them, and are counted."""

from __future__ import annotations

import pytest

from jobtui.search.engine import SearchIndex

from ..conftest import make_posting


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex(
        [
            make_posting("a1", "Python developer", body="python django"),
            make_posting("b2", "Go developer", body="golang"),
            make_posting("c3", "Python data engineer", body="python spark"),
            make_posting("d4", "Rust developer", body="rust"),
        ]
    )


TRIAGE = {"seen": {"a1", "b2"}, "hidden": {"b2"}, "blocked": {"c3"}}


def ids(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {result.posting(i).id for i in range(len(result))}


def test_hidden_and_blocked_leave_every_list_and_are_counted(index):
    everything = index.run("", triage=TRIAGE)
    assert ids(everything) == {"a1", "d4"}
    assert everything.left_out == {"hidden": 1, "blocked": 1}
    python = index.run("python", triage=TRIAGE)
    assert ids(python) == {"a1"} and python.left_out == {"blocked": 1}
    assert python.scores is not None and len(python.scores) == len(python.ids)


def test_is_filters(index):
    assert ids(index.run("is:new", triage=TRIAGE)) == {"d4"}  # c3 is new but blocked
    assert ids(index.run("is:seen", triage=TRIAGE)) == {"a1"}
    assert ids(index.run("is:hidden", triage=TRIAGE)) == {"b2"}
    assert ids(index.run("is:blocked python", triage=TRIAGE)) == {"c3"}
    assert ids(index.run("-is:seen", triage=TRIAGE)) == {"d4"}


def test_without_triage_nothing_is_left_out(index):
    assert len(index.run("")) == 4 and index.run("").left_out == {}
    assert index.run("is:nonsense").errors
