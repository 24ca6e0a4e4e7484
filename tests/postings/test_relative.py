"""Relative dates: one reader for follow-ups and queries, and the ages the list shows."""

from __future__ import annotations

from datetime import date

import pytest

from jobtui.postings.relative import age, parse_day, span_days
from jobtui.search.query import parse

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "days"),
    [("3d", 3), ("+3d", 3), ("2w", 14), ("+2 w", 14), ("6m", 180), ("6mo", 180), ("1y", 365)],
)
def test_spans(text, days):
    assert span_days(text) == days


@pytest.mark.parametrize("text", ["", "d", "3", "3x", "-3d", "3 days", "2026-01-01"])
def test_not_spans(text):
    assert span_days(text) is None


def test_a_follow_up_and_a_query_read_a_span_the_same_way():
    # `+2w` as a follow-up is two weeks ahead; `posted:<2w` is newer than two weeks ago.
    assert parse_day("+2w", TODAY) == date(2026, 12, 7)
    term = parse("posted:<2w", today=TODAY).clauses[0].terms[0]
    assert term.day == date(2026, 11, 9) and term.op == ">"
    # An age in a query counts 30 days a month; a day a person sets counts on the calendar.
    assert parse("posted:<6m", today=TODAY).clauses[0].terms[0].day == date(2026, 5, 27)
    assert parse_day("6m", TODAY) == date(2027, 5, 23)


@pytest.mark.parametrize(
    ("today", "text", "day"),
    [
        (date(2026, 11, 24), "+6m", date(2027, 5, 24)),
        (date(2026, 11, 24), "+12m", date(2027, 11, 24)),
        (date(2026, 11, 24), "1y", date(2027, 11, 24)),
        (date(2027, 1, 31), "+1m", date(2027, 2, 28)),  # the month is shorter: its last day
        (date(2028, 1, 31), "+1mo", date(2028, 2, 29)),
        (date(2028, 2, 29), "+1y", date(2029, 2, 28)),
        (date(2026, 12, 15), "+1m", date(2027, 1, 15)),
        (date(2026, 3, 31), "+25m", date(2028, 4, 30)),
    ],
)
def test_months_and_years_of_a_follow_up_are_calendar_ones(today, text, day):
    assert parse_day(text, today) == day


def test_days_typed_by_a_person():
    assert parse_day("tomorrow", TODAY) == date(2026, 11, 24)
    assert parse_day(" Today ", TODAY) == TODAY
    assert parse_day("2026-12-01", TODAY) == date(2026, 12, 1)
    assert parse_day("", TODAY) is None
    with pytest.raises(ValueError):
        parse_day("next friday", TODAY)


def test_ages():
    assert [
        age(date(2026, 11, 24), TODAY),
        age(TODAY, TODAY),
        age(date(2026, 11, 10), TODAY),
        age(date(2026, 10, 1), TODAY),
        age(date(2025, 11, 1), TODAY),
        age(date(2020, 1, 1), TODAY),
        age(None, TODAY),
    ] == ["new", "today", "13d", "7w", "12mo", "6y", ""]


@pytest.mark.parametrize(
    "text",
    ["+99999999d", "99999999999999999999w", "+2932896d", "+99999m", "+8000y", "9" * 30 + "m"],
)
def test_a_day_beyond_the_calendar_is_explained_not_raised(text):
    with pytest.raises(ValueError, match="beyond the calendar"):
        parse_day(text, TODAY)


@pytest.mark.parametrize(
    "query", ["posted:<99999999d", "posted:>999999999999999999999d", "posted:<=9999-12-31",
              "posted:9999", "posted:>=9999-12-31"],
)  # fmt: skip
def test_huge_dates_in_a_query_never_raise(query):
    from jobtui.search.engine import SearchIndex

    from ..conftest import make_posting

    parsed = parse(query, today=TODAY)
    assert parsed.errors or parsed.clauses
    SearchIndex([make_posting("a", "Dev", posted=TODAY)]).run(query)  # runs, whatever it finds


def test_an_interview_time_as_people_type_it():
    from datetime import date, datetime

    import pytest

    from jobtui.postings.relative import parse_when

    today = date(2026, 11, 23)
    assert parse_when("2026-12-01 14:00", today) == datetime(2026, 12, 1, 14, 0)
    assert parse_when("2026-12-01T09:05", today) == datetime(2026, 12, 1, 9, 5)
    assert parse_when("tomorrow 9:30", today) == datetime(2026, 11, 24, 9, 30)
    assert parse_when("+3d 16h00", today) == datetime(2026, 11, 26, 16, 0)
    assert parse_when("2026-12-01", today) == date(2026, 12, 1)
    for bad in ("", "someday", "25:00", "14:00", "2026-02-30 10:00"):
        with pytest.raises(ValueError):
            parse_when(bad, today)
