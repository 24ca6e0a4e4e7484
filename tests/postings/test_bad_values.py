"""A front matter value no posting can hold costs only that value: the posting loads with every
other field, the value is left out (never replaced by a guess of its own), and the load says which
file and which key."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings.extract import extract
from jobtui.postings.extract.front_matter import KEYS
from jobtui.postings.loader import load_postings
from jobtui.postings.model import Salary

from ..conftest import write

HEAD = "---\ntitle: Data Engineer\ncompany: Initech\nlocation: Lisbon\ntags: [python, spark]\n"
BODY = "---\n\nYou will build pipelines.\n"

BAD = [
    # (front matter line, field it meant, key the warning names)
    ("date: 0000-06-15", "posted", "date"),
    ("posted: 2023-14-02", "posted", "posted"),
    ("published: 2022-02-30", "posted", "published"),
    ("created: 2021-05-05 08:00:00 +48:00", "posted", "created"),
    ("date: 2021-05-05T08:00:00-61:30", "posted", "date"),
    ("date: 2024-01-01 25:61:00", "posted", "date"),
    ("date: 123456-01-01", "posted", "date"),
    ("pubDate: '2020-00-10'", "posted", "pubDate"),
    ("date: 1.5e+200", "posted", "date"),
    ("timestamp: 99999999999999999", "posted", "timestamp"),
    ("date: -1700000000", "posted", "date"),
    ("date: .nan", "posted", "date"),
    ("date: 1850-03-01", "posted", "date"),
    ("date: 3000-01-01", "posted", "date"),
    ("date: [2020-01-01, 2021-01-01]", "posted", "date"),
    ("date: {when: 2020-01-01}", "posted", "date"),
    ("date: yes", "posted", "date"),
    ("salary: .NaN", "salary", "salary"),
    ("salary: .Inf", "salary", "salary"),
    ("pay: -.INF", "salary", "pay"),
    ("salary: " + "7" * 350, "salary", "salary"),
    ("salary: " + "8" * 5000, "salary", "salary"),
    ("salary: -120000", "salary", "salary"),
    ("salary: 5.0e+250", "salary", "salary"),
    ("salary: 75000000", "salary", "salary"),
    ("salary: '$3 trillion'", "salary", "salary"),
    ("salary: {min: -5, max: 10}", "salary", "salary"),
    ("compensation: {min: 50000, max: .inf, currency: EUR}", "salary", "compensation"),
    ("salary: {min: .nan}", "salary", "salary"),
    ("salary: {min: lots, max: 90000, currency: USD}", "salary", "salary"),
    ("salary: {min: [1, 2], max: 90000}", "salary", "salary"),
    ("salary: true", "salary", "salary"),
    ("salary: 2024-01-01", "salary", "salary"),
    ("url: false", "url", "url"),
    ("remote: {policy: remote}", "remote", "remote"),
    ("remote: [remote]", "remote", "remote"),
    ("remote: .nan", "remote", "remote"),
]


@pytest.mark.parametrize(("line", "name", "key"), BAD, ids=[line[:32] for line, _, _ in BAD])
def test_a_bad_value_costs_only_that_value(tmp_path, line, name, key):
    path = write(tmp_path, "job.md", HEAD + line + "\n" + BODY)
    result = load_postings([tmp_path])
    assert not result.problems
    [p] = result.postings
    assert (p.title, p.company, p.location) == ("Data Engineer", "Initech", "Lisbon")
    assert p.origins["title"] == "front matter"  # the rest of the front matter was read
    assert {"python", "spark"} <= set(p.tags)
    assert "You will build pipelines." in p.body
    assert p.origins.get(name) != "front matter"
    if name in ("posted", "salary", "url"):
        assert getattr(p, name) is None  # nothing else in the posting gives one
    [warning] = result.warnings
    assert warning.path == str(path)
    assert warning.reason.startswith(f"front matter {key}")
    assert "left out" in warning.reason


@pytest.mark.parametrize(
    ("line", "key"),
    [("title: true", "title"), ("company: no", "company"), ("location: off", "location")],
)
def test_a_yes_or_no_is_not_text(tmp_path, line, key):
    """YAML 1.1 reads `no` and `off` as false (`location: NO` for Norway): not a name."""
    text = "---\n" + line + "\ndate: 2024-03-01\n---\n\n# Rust Developer\n\nAt Hooli.\n"
    write(tmp_path, "job.md", text)
    result = load_postings([tmp_path])
    [p] = result.postings
    assert p.posted == date(2024, 3, 1)
    assert p.origins.get(key) != "front matter"
    assert getattr(p, key) not in ("True", "False")
    [warning] = result.warnings
    assert warning.reason.startswith(f"front matter {key}: ")


def test_several_bad_values_are_each_named(tmp_path):
    write(
        tmp_path,
        "job.md",
        "---\ntitle: QA Lead\ndate: 2024-02-31\nsalary: .nan\nremote: true\n---\nBody\n",
    )
    result = load_postings([tmp_path])
    [p] = result.postings
    assert (p.title, p.remote, p.posted, p.salary) == ("QA Lead", True, None, None)
    [warning] = result.warnings
    assert "front matter date (posted): '2024-02-31'" in warning.reason
    assert "front matter salary: nan left out" in warning.reason


def test_a_good_value_beside_a_bad_one_is_read(tmp_path):
    """A later key for the same field still gives it (`date` is bad, `posted` is fine)."""
    write(tmp_path, "job.md", "---\ntitle: X\ndate: 2024-13-01\nposted: 2024-03-01\n---\nb\n")
    result = load_postings([tmp_path])
    assert result.postings[0].posted == date(2024, 3, 1)
    assert len(result.warnings) == 1


def test_a_huge_figure_in_the_body_is_no_salary_and_no_failure(tmp_path):
    write(tmp_path, "job.md", "# Dev\n\nSalary: $" + "9" * 400 + " a year. Equity: 10k-20k EUR.\n")
    result = load_postings([tmp_path])
    assert not result.problems
    assert result.postings[0].salary is None or math.isfinite(result.postings[0].salary.top)


def test_a_salary_holds_no_nan_infinity_or_negative():
    for bad in (math.nan, math.inf, -math.inf, -1.0, 10**400):
        with pytest.raises(ValueError):
            Salary(bad, None, "USD", "year")
        assert Salary.from_dict({"min": bad, "max": 5.0}) is None
    with pytest.raises(TypeError):
        Salary(True, None, None, None)  # type: ignore[arg-type]


def no_constants(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


def test_list_prints_valid_json_whatever_the_front_matter(tmp_path, capsys, _isolated_config):
    """`jobtui list --format json` prints JSON that any parser reads: no NaN or Infinity, in
    any field or in the yearly salary, however the posting wrote its values."""
    from jobtui.cli import main

    jobs = tmp_path / "jobs"
    for i, (line, _, _) in enumerate(BAD):
        write(jobs, f"job{i:02}.md", HEAD + line + "\nrating: .nan\nscore: [.inf]\n" + BODY)
    write(jobs, "good.md", HEAD + "salary: 5.5e+4\n" + BODY)
    write(jobs, "in-euros.md", HEAD + "salary: 90000 EUR a year\n" + BODY)
    result = load_postings([jobs])
    assert len(result.postings) == len(BAD) + 2
    for p in result.postings:
        json.dumps(p.to_dict(), allow_nan=False)
        json.dumps(dict(p.meta), allow_nan=False, default=str)
    assert main(["list", str(tmp_path / "jobs"), "--all", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out, parse_constant=no_constants)
    assert len(records) == len(BAD) + 2
    assert [r["salary"] for r in records if r["salary"]] == [
        # a bare figure's period is guessed from its size; `a year` is said
        {
            "min": 55_000.0,
            "max": 55_000.0,
            "currency": None,
            "period": "year",
            "period_guessed": True,
        },
        {
            "min": 90_000.0,
            "max": 90_000.0,
            "currency": "EUR",
            "period": "year",
            "period_guessed": False,
        },
    ]
    # An absurd rate in config.toml makes no infinite yearly salary either.
    rates = '[rates]\nEUR = 1e300\nGBP = 1e-300\n[salary]\ncurrency = "GBP"\n'
    write(_isolated_config, "config.toml", rates)
    assert main(["list", str(tmp_path / "jobs"), "--all", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out, parse_constant=no_constants)
    assert [r["salary_yearly"] for r in records if r["salary"]] == [None, None]


# --- any value YAML can give, for every key jobtui reads ------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(),  # NaN and the infinities included
    st.text(max_size=20),
    st.sampled_from(["2024-13-45", "0000-01-01", "99999-01-01", "1e400", "-5", "$1e999k"]),
    st.dates(),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=-23, minutes=-59)))),
    st.datetimes(),
    st.binary(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
all_keys = sorted({k for keys in KEYS.values() for k in keys} | {"contact", "email", "min"})


@settings(max_examples=300, deadline=None)
@given(meta=st.dictionaries(st.sampled_from(all_keys), values, max_size=6))
def test_no_front_matter_value_fails_extraction_or_yields_an_impossible_field(meta):
    f = extract(meta, "A body.\n", "job.md")
    if f.salary is not None:
        for bound in (f.salary.min, f.salary.max):
            assert bound is None or (math.isfinite(bound) and bound >= 0)
    assert f.posted is None or date(1990, 1, 1) <= f.posted <= date(2100, 12, 31)
    assert f.remote in (None, True, False)
    assert all(isinstance(t, str) for t in f.tags)
    for name in ("title", "company", "location", "url"):
        assert getattr(f, name) is None or isinstance(getattr(f, name), str)
    assert all(r.startswith("front matter ") for r in f.rejected)
    assert not isinstance(f.posted, datetime)
