"""The JSON lines `jobtui list --format jsonl` prints are the records' JSON, character for
character, whatever the postings hold; and they stay one line."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings.duplicates import group
from jobtui.postings.model import Posting, Salary
from jobtui.postings.money import load_settings
from jobtui.postings.records import lines, records

from ..conftest import make_posting

RATES = load_settings(None).rates
ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode
TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('\u2028\u2029"\\/é€'),
    max_size=12,
)
SALARIES = st.none() | st.builds(
    Salary,
    st.none() | st.floats(0, 1e9, allow_nan=False) | st.integers(0, 10**7),
    st.none() | st.floats(0, 1e9, allow_nan=False),
    st.sampled_from([None, "USD", "EUR", "PLN", "XYZ"]),
    st.sampled_from([None, "hour", "day", "week", "month", "year"]),
)
ORIGINS = st.dictionaries(
    st.sampled_from(["company", "location", "salary", "remote", "posted", "title"]),
    st.sampled_from(["front matter", "body", "guessed", "path"]),
)


@st.composite
def postings(draw: st.DrawFn) -> list[Posting]:
    shared_salary = draw(SALARIES)
    shared_tags = tuple(draw(st.lists(TEXT.filter(bool), max_size=3)))
    found = []
    for i in range(draw(st.integers(0, 6))):
        remote = draw(st.sampled_from([None, True, False, "hybrid"]))
        found.append(
            make_posting(
                f"{i:x}{draw(st.sampled_from(['a', 'b']))}",
                draw(TEXT) or "Role",
                company=draw(st.none() | TEXT),
                location=draw(st.none() | TEXT),
                remote=None if remote == "hybrid" else remote,
                hybrid=remote == "hybrid",
                # Shared objects, as the store gives them, and objects of their own.
                salary=draw(st.sampled_from([shared_salary]) | SALARIES),
                tags=draw(st.sampled_from([shared_tags]) | st.lists(TEXT).map(tuple)),
                posted=draw(st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1))),
                url=draw(st.none() | TEXT),
                origins=draw(ORIGINS),
                format=draw(st.sampled_from(["markdown", "rss", "json-ld"])),
            )
        )
    return found


def expected(batch: list[Posting], currency: str, folded: bool) -> list[str]:
    copies = group(batch) if folded else None
    return [
        ENCODE(r).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        for r in records(batch, currency, RATES, copies)
    ]


@settings(max_examples=300, deadline=None)
@given(postings(), st.sampled_from(["USD", "EUR", "GBP"]), st.booleans())
def test_lines_are_the_records_json(batch: list[Posting], currency: str, folded: bool) -> None:
    copies = group(batch) if folded else None
    got = list(lines(batch, currency, RATES, copies))
    assert got == expected(batch, currency, folded)
    for line in got:
        assert "\n" not in line and "\u2028" not in line and "\u2029" not in line
        json.loads(line)


def test_a_record_holds_what_a_reader_needs() -> None:
    day = date(2026, 11, 2)
    p = make_posting(
        "ab12",
        'Senior "Rust" Engineer\u2028(Berlin)',
        company="Müller GmbH",
        salary=Salary(4000, 5000, "EUR", "month"),
        tags=("rust", "c++"),
        posted=day,
        origins={"salary": "body", "company": "front matter"},
    )
    twin = make_posting("cd34", "Senior Rust Engineer", company="Müller GmbH", posted=day)
    (line,) = lines([p], "EUR", RATES)
    record = json.loads(line)
    assert record["title"] == 'Senior "Rust" Engineer (Berlin)'  # (cleaned: one line)
    assert record["salary"] == {
        "min": 4000,
        "max": 5000,
        "currency": "EUR",
        "period": "month",
        "period_guessed": False,
    }
    assert record["salary_yearly"] == 60000
    assert record["origins"] == {"company": "front matter", "salary": "body"}
    assert record["posted"] == "2026-11-02"
    assert "duplicates" not in record
    assert list(record)[:3] == ["id", "source", "title"]
    # Repeated values are encoded once and still right for every posting that shares them.
    many = [p, twin, p]
    assert list(lines(many, "EUR", RATES)) == expected(many, "EUR", False)
    assert json.loads(next(lines([twin], "EUR", RATES)))["salary"] is None
    later = make_posting("ef56", "Dev", posted=day + timedelta(days=1))
    assert [json.loads(x)["posted"] for x in lines([p, later], "EUR", RATES)] == [
        "2026-11-02",
        "2026-11-03",
    ]


def test_a_report_names_a_posting_of_a_feed_by_its_file_and_title(tmp_path):
    """Not by the tail of its link (`view/12345`), which names nothing."""
    from jobtui.postings.coverage import named, salary_report
    from jobtui.postings.loader import load_postings
    from jobtui.postings.money import SalarySettings

    (tmp_path / "leads.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Leads</title>'
        "<item><title>Data Wrangler</title><link>https://x.example/view/12345</link>"
        "<description>Pay: 90000 turnips a year.</description></item></channel></rss>"
    )
    (tmp_path / "plain.md").write_text("# Gardener\n\nPay: 40000 turnips a year.\n")
    postings = load_postings([tmp_path]).postings
    assert sorted(named(p) for p in postings) == ["leads.rss › Data Wrangler", "plain.md"]
    report = salary_report(postings, SalarySettings())
    assert {name for name, _ in report.unread} == {"leads.rss › Data Wrangler", "plain.md"}
