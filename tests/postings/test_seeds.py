"""The acceptance table of the seeds: what a person checks first in `jobtui list`."""

from __future__ import annotations

from datetime import date

from jobtui.postings.model import Salary


def test_seed_titles(seeds):
    assert seeds["000"].title == "Back End Developer"
    assert seeds["001"].title == "Senior Backend Engineer (Elixir)"
    assert seeds["002"].title == "Backend Engineer"
    assert seeds["003"].title == "Backend Developer"
    assert seeds["004"].title == "Senior Backend Engineer (Erlang/Elixir, Go)"


def test_seed_companies(seeds):
    assert seeds["000"].company == "Ello"
    assert seeds["001"].company == "Remote"
    assert seeds["002"].company is None  # the posting never names it
    assert seeds["003"].company == "Sketch"
    assert seeds["004"].company == "Diode"


def test_seed_locations_and_remote(seeds):
    assert seeds["001"].location == "Remote-Africa"
    assert seeds["002"].location == "San Francisco, CA"
    assert seeds["003"].location == "Remote"
    assert seeds["004"].location == "Berlin, Germany"
    assert seeds["000"].remote is True
    assert seeds["001"].remote is True
    assert seeds["003"].remote is True
    assert seeds["004"].remote is False


def test_seed_salary(seeds):
    assert seeds["001"].salary == Salary(51850, 171450, "USD", "year")
    for n in ("000", "002", "003", "004"):
        assert seeds[n].salary is None, n


def test_seed_dates(seeds):
    assert seeds["000"].posted == date(2016, 10, 20)
    assert seeds["003"].posted == date(2020, 12, 23)
    for n in ("001", "002", "004"):
        assert seeds[n].posted is None


def test_seed_urls(seeds):
    assert seeds["000"].url == "mailto:alan@ello.co"
    assert (
        seeds["001"].url == "https://www.remotewlb.com/apply/senior-backend-engineer-elixir-123571"
    )
    assert seeds["002"].url == "https://letsrockit.co/job/twl4bwf4-backend-engineer"
    assert "jobs.lever.co/sketch" in seeds["003"].url
    assert seeds["004"].url.startswith("https://docs.google.com/forms/")


def test_seed_tags(seeds):
    expected = {
        "000": {"elixir", "ruby", "graphql"},
        "001": {"elixir", "postgresql", "kubernetes"},
        "002": {"node.js", "mongodb", "redis"},
        "003": {"go", "elixir", "postgresql", "graphql"},
        "004": {"erlang", "elixir", "go"},
    }
    for n, tags in expected.items():
        assert tags <= set(seeds[n].tags), (n, seeds[n].tags)
        assert all(t == t.lower() for t in seeds[n].tags)


def test_mojibake_is_repaired(seeds):
    body = seeds["001"].body
    assert "—" in body and "’" in body
    assert "â€" not in body and "ðŸ" not in body


def test_origins_say_where_fields_came_from(seeds):
    assert seeds["003"].origins["company"] == "front matter"
    assert seeds["001"].origins["company"] == "heading"
    assert seeds["004"].origins["company"] == "body"


def test_meta_is_the_untouched_front_matter(seeds):
    assert seeds["003"].meta["hashtags"].startswith("#golang,#elixir")
    assert seeds["003"].meta["timestamp"] == 1608681600000
    assert seeds["002"].meta == {}
