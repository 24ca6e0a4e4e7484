"""Rules about records shared by the app and the command line: ids, statuses, labels, orders."""

from __future__ import annotations

from datetime import date

import pytest

from jobtui.postings.coverage import coverage
from jobtui.postings.model import (
    STATUSES,
    AmbiguousId,
    UnknownId,
    check_status,
    remote_label,
    resolve_id,
)
from jobtui.postings.order import by_company, by_title, newest_first

from ..conftest import make_posting

IDS = ["3f2a9c001122", "3f2b00aabbcc", "9c0000000000"]


def test_an_id_may_be_shortened_to_a_unique_prefix():
    assert resolve_id("9c", IDS) == "9c0000000000"
    assert resolve_id("3f2a", IDS) == "3f2a9c001122"
    assert resolve_id("3f2b00aabbcc", IDS) == "3f2b00aabbcc"


def test_an_exact_id_wins_over_longer_ids_it_starts():
    assert resolve_id("ab", ["abc", "ab", "abd"]) == "ab"


def test_unknown_and_ambiguous_ids():
    with pytest.raises(UnknownId):
        resolve_id("77", IDS)
    with pytest.raises(UnknownId):
        resolve_id("", IDS)
    with pytest.raises(AmbiguousId) as err:
        resolve_id("3f", IDS)
    assert err.value.count == 2


def test_statuses():
    assert check_status("applied") == "applied"
    with pytest.raises(ValueError, match="use one of saved, applied"):
        check_status("ghosted")
    assert STATUSES[0] == "saved"


def test_remote_labels():
    assert [remote_label(r) for r in (True, False, None)] == ["remote", "on-site", "unknown"]


def posting(pid, title, company=None, day=None):
    return make_posting(pid, title, company=company, posted=date(2026, 1, day) if day else None)


def test_orders():
    items = [
        posting("a", "zeta", "beta", 2),
        posting("b", "Alpha", None, 5),
        posting("c", "mid", "Acme", None),
        posting("d", "beta", "acme", 5),
        posting("e", "Omega", "Beta", 9),
    ]
    assert [p.id for p in newest_first(items)] == ["e", "b", "d", "a", "c"]
    # Company A to Z whatever its case, unnamed last, newest first within a company.
    assert [p.id for p in by_company(items)] == ["d", "c", "e", "a", "b"]
    assert [p.id for p in by_title(items)] == ["b", "d", "c", "e", "a"]


def test_coverage_counts_fields_and_guesses():
    items = [
        make_posting("a", "Dev", company="Acme", origins={"company": "front matter"}),
        make_posting("b", "Ops", company="Initech", origins={"company": "body"}),
        make_posting("c", "c.md", origins={"title": "file name"}),
    ]
    by_name = {c.name: c for c in coverage(items)}
    assert (by_name["company"].found, by_name["company"].guessed) == (2, 1)
    assert by_name["title"].found == 2  # a title made from the file name is not a title found
    assert by_name["salary"].found == 0


def test_the_keys_made_together_are_each_postings_own():
    """The search index orders a folder by `newest_first_keys` (made without a call per
    posting): the same keys as `newest_first_key`, a folded title kept once."""
    from jobtui.postings.order import newest_first_key, newest_first_keys

    items = [
        posting("a", "Zeta", "x", 2),
        posting("b", "ZETA", None, None),
        posting("c", "é", None, 9),
    ]
    shared: dict[str, str] = {}
    keys = list(newest_first_keys(items, shared))
    assert keys == [newest_first_key(p) for p in items]
    assert keys[0][1] is keys[1][1] and len(shared) == 2
