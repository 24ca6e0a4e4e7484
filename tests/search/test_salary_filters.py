"""Salary filters and the salary sort compare a year's pay in the user's currency."""

from __future__ import annotations

import pytest

from jobtui.postings.model import Salary
from jobtui.postings.money import Rates, SalarySettings
from jobtui.search.engine import SearchIndex

from ..conftest import make_posting

RATES = Rates({"USD": 1.0, "EUR": 1.10, "GBP": 1.25}, "2026-01-01", "test")


def folder() -> list:
    return [
        make_posting("monthly-eur", "Monthly", salary=Salary(6_000, 8_000, "EUR", "month")),
        make_posting("hourly-usd", "Hourly", salary=Salary(60, 70, "USD", "hour")),
        make_posting("yearly-gbp", "Yearly", salary=Salary(70_000, 80_000, "GBP", "year")),
        make_posting("no-currency", "Unknown", salary=Salary(200_000, 250_000, None, "year")),
        make_posting("no-salary", "None"),
    ]


def ids(index: SearchIndex, query: str, sort: str = "relevance") -> list[str]:
    result = index.sort(index.run(query), sort)
    return [result.posting(i).id for i in range(len(result))]


@pytest.mark.parametrize(
    ("currency", "threshold", "expected"),
    [
        # 8,000 EUR a month = 96,000 EUR = 105,600 USD; 70 USD an hour = 145,600 USD;
        # 80,000 GBP = 100,000 USD.
        ("USD", "100k", {"monthly-eur", "hourly-usd", "yearly-gbp"}),
        ("USD", "110k", {"hourly-usd"}),
        ("EUR", "95k", {"monthly-eur", "hourly-usd"}),  # 80,000 GBP is 90,909 EUR
    ],
)
def test_salary_filters_compare_a_years_pay_in_the_users_currency(currency, threshold, expected):
    index = SearchIndex(folder(), salary=SalarySettings(currency, RATES))
    assert set(ids(index, f"salary:>={threshold}")) == expected


def test_a_salary_that_cannot_be_compared_never_passes_and_sorts_last():
    index = SearchIndex(folder(), salary=SalarySettings("USD", RATES))
    assert "no-currency" not in ids(index, "salary:>=1")
    assert "no-currency" not in ids(index, "salary:<10000000")
    order = ids(index, "", sort="salary")
    assert order[:3] == ["hourly-usd", "monthly-eur", "yearly-gbp"]
    assert set(order[3:]) == {"no-currency", "no-salary"}
