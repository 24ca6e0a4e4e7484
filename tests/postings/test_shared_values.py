"""Postings just parsed, as the load keeps them, share the values many of them hold (a company,
a place, tags, pay, a day, origins), as postings read from the store do; no value changes by
being shared, however equal another looks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jobtui.postings import stored
from jobtui.postings.model import Salary
from jobtui.postings.stored import Details, light
from tests.conftest import make_posting


def parsed(pid: str, **fields: object):  # type: ignore[no-untyped-def]
    """A posting as a worker sends it: every value its own object."""
    import pickle

    return pickle.loads(pickle.dumps(make_posting(pid, **fields)))


def test_equal_values_of_postings_just_parsed_are_one_object(tmp_path: Path) -> None:
    details = Details(tmp_path / "store.sqlite", [str(tmp_path)])
    same = {
        "company": "Acme GmbH",
        "location": "Berlin, Germany",
        "tags": ("python", "kubernetes"),
        "salary": Salary(60000.0, 80000.0, "EUR", "year"),
        "posted": date(2026, 11, 2),
        "origins": {"company": "front matter", "salary": "body"},
    }
    first, second = (light(parsed(pid, **same), n, details) for n, pid in enumerate("ab"))
    for name in same:
        assert getattr(first, name) is getattr(second, name), name
        assert getattr(first, name) == same[name]
    assert first.tags[0] is second.tags[0]


def test_values_equal_but_told_apart_are_not_shared(tmp_path: Path) -> None:
    details = Details(tmp_path / "store.sqlite", [str(tmp_path)])
    kinds = [
        Salary(50000.0, 50000.0, "USD", "year", period_guessed=True),
        Salary(50000.0, 50000.0, "USD", "year", period_guessed=False),  # equal, not the same
        Salary(50000.0, 50000.0, "USD", "year", period_guessed=True),
    ]
    kept = [light(parsed(f"p{i}", salary=s), i, details).salary for i, s in enumerate(kinds)]
    assert [s.period_guessed for s in kept] == [True, False, True]
    assert kept[0] is kept[2]
    other = light(parsed("o", origins={"salary": "front matter"}), 9, details)
    assert dict(light(parsed("b", origins={"salary": "body"}), 10, details).origins) == {
        "salary": "body"
    }
    assert dict(other.origins) == {"salary": "front matter"}


def test_past_the_most_values_kept_postings_keep_their_own(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(stored.Shared, "MOST", 3)
    details = Details(tmp_path / "store.sqlite", [str(tmp_path)])
    made = [light(parsed(f"p{i}", company=f"Co {i % 5}"), i, details) for i in range(10)]
    assert [p.company for p in made] == [f"Co {i % 5}" for i in range(10)]
    assert made[0].company is made[5].company  # kept: one of the first three
    assert len(details.shared.texts) == 3  # (the format's name, then two companies)
