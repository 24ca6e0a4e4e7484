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


def test_copies_fold_into_one_row_the_best_match_standing_for_them():
    from jobtui.postings.duplicates import group

    body = "We build developer tools for remote teams across Europe. " * 5
    postings = [
        make_posting("e1", "Platform engineer", body=body, company="Acme"),
        make_posting("e2", "Platform engineer", body=body, company="Acme"),
        make_posting("e3", "Platform engineer", body=body, company="Umbrella"),
        make_posting("e4", "Data engineer", body="spark", company="Acme"),
    ]
    index = SearchIndex(postings)
    index.set_groups(group(postings))
    result = index.run("platform")
    assert len(result) == 2  # Acme's two files are one row; Umbrella's stays apart
    assert ids(result) & {"e1", "e2"} and "e3" in ids(result)
    assert len(index.run("")) == 3
    hidden = index.run("", triage={"hidden": frozenset({"e1"})})
    assert not ids(hidden) & {"e1", "e2"}  # hiding one copy hides them all
    assert hidden.left_out == {"hidden": 1}  # counted as the one row they would be
    seen = index.run("is:new", triage={"seen": frozenset({"e2"})})
    assert ids(seen) == {"e3", "e4"}  # seeing one copy sees them all
    index.set_groups(None)
    assert len(index.run("platform")) == 3


def test_the_kept_fold_of_the_empty_query_follows_new_postings_and_groups():
    from jobtui.postings.duplicates import group

    body = "We build developer tools for remote teams across Europe. " * 5
    first = [
        make_posting("f1", "Platform engineer", body=body, company="Acme"),
        make_posting("f2", "Platform engineer", body=body, company="Acme"),
        make_posting("f3", "Data engineer", body="spark", company="Acme"),
    ]
    index = SearchIndex(first)
    index.set_groups(group(first))
    assert len(index.run("")) == 2 and len(index.run("")) == 2  # folded, then kept
    index.add([make_posting("f4", "Data engineer", body="spark", company="Acme")])
    assert len(index.run("")) == 3  # a new posting shows, though the old fold was kept
    index.set_groups(group(index.postings))  # the next grouping finds it a copy of f3
    assert len(index.run("")) == 2
    index.set_groups(None)
    assert len(index.run("")) == 4
