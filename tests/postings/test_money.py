"""Salaries made comparable: yearly, in one currency, at shipped or overridden rates."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtui.postings import money
from jobtui.postings.model import Salary
from jobtui.storage import read_config

PERIODS = tuple(money.PER_YEAR)
"""hour, day, week, month, year: each longer than the one before."""


def test_shipped_rates_are_dated_and_sourced():
    rates = money.shipped_rates()
    assert rates.date == "2024-11-25"
    assert "European Central Bank" in rates.source and rates.date in rates.source
    assert rates.usd["USD"] == 1.0
    assert rates.usd["EUR"] == pytest.approx(1.0495)
    assert rates.usd["GBP"] == pytest.approx(1.0495 / 0.83465)
    assert rates.usd["JPY"] == pytest.approx(1.0495 / 161.64)
    assert {"CHF", "CAD", "AUD", "INR", "PLN", "SEK", "HRK"} <= set(rates.usd)
    assert rates.usd["AED"] == pytest.approx(1 / 3.6725)  # pegged to the dollar, not from the ECB


def test_convert():
    rates = money.shipped_rates()
    assert rates.convert(100, "EUR", "EUR") == 100
    assert rates.convert(100, "EUR", "USD") == pytest.approx(104.95)
    assert rates.convert(104.95, "USD", "EUR") == pytest.approx(100)
    assert rates.convert(100, "XYZ", "USD") is None
    assert rates.convert(100, "USD", "XYZ") is None


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (Salary(40, 50, "USD", "hour"), (83_200, 104_000)),
        (Salary(500, 600, "GBP", "day"), (130_000, 156_000)),
        (Salary(1_000, 1_000, "EUR", "week"), (52_000, 52_000)),
        (Salary(4_000, 5_000, "EUR", "month"), (48_000, 60_000)),
        (Salary(90_000, 110_000, "CHF", "year"), (90_000, 110_000)),
        (Salary(None, 7_000, "SGD", "month"), (None, 84_000)),
        (Salary(30, None, "CAD", "hour"), (62_400, None)),
        (Salary(2_500, 3_000, "USD", None), None),
    ],
)
def test_yearly_in_own_currency(salary, expected):
    assert money.yearly(salary) == expected


def test_normalised_in_a_target_currency():
    monthly_eur = Salary(4_000, 5_000, "EUR", "month")
    lo, hi = money.normalised(monthly_eur)
    assert (lo, hi) == (pytest.approx(48_000 * 1.0495), pytest.approx(60_000 * 1.0495))
    assert money.normalised(monthly_eur, "EUR") == (48_000, 60_000)
    gbp = money.normalised(Salary(50_000, 60_000, "GBP", "year"), "EUR")
    assert gbp == (pytest.approx(50_000 / 0.83465), pytest.approx(60_000 / 0.83465))


@pytest.mark.parametrize(
    "salary",
    [
        Salary(60_000, 80_000, None, "year"),  # no currency
        Salary(2_500, 3_000, "USD", None),  # no period
        Salary(20_000, 25_000, "XYZ", "year"),  # no rate
        Salary(38_000, 44_000, None, None),
    ],
)
def test_unknown_stays_unknown(salary):
    assert money.normalised(salary) is None
    assert money.comparable(salary) is None


def test_comparable_is_the_top_or_the_known_side():
    assert money.comparable(Salary(100_000, 120_000, "USD", "year")) == 120_000
    assert money.comparable(Salary(None, 90_000, "USD", "year")) == 90_000
    assert money.comparable(Salary(40, None, "USD", "hour")) == 83_200
    assert money.comparable(None) is None
    assert money.comparable(Salary(5_000, 5_000, "EUR", "month"), "EUR") == 60_000


_NORMALISABLE = st.sampled_from(["USD", "EUR", "GBP", "CHF", "INR", "JPY", "PLN", "BRL"])


@given(
    _NORMALISABLE,
    st.sampled_from(PERIODS),
    st.floats(1, 1e6),
    st.floats(1, 1e6),
    st.sampled_from(["USD", "EUR", "GBP"]),
)
def test_normalisation_keeps_the_order(currency, period, a, b, target):
    """More pay written is more pay compared, whatever the currency and the target."""
    lo, hi = sorted((a, b))
    small = money.comparable(Salary(lo, lo, currency, period), target)
    large = money.comparable(Salary(hi, hi, currency, period), target)
    assert small is not None and large is not None
    assert small <= large


@given(_NORMALISABLE, st.floats(1, 1e5))
def test_longer_periods_are_worth_more(currency, amount):
    """The same amount an hour beats it a day, a week, a month, a year."""
    values = [money.comparable(Salary(amount, amount, currency, p)) for p in PERIODS]
    assert all(v is not None for v in values)
    assert values == sorted(values, reverse=True)


def _write_config(directory, text: str | bytes) -> None:
    path = directory / "config.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def test_settings_default_without_config(tmp_path):
    settings = money.load_settings(tmp_path)
    assert settings.currency == "USD"
    assert settings.problems == ()
    assert settings.rates.usd == money.shipped_rates().usd
    assert read_config(tmp_path) == ({}, None)
    (tmp_path / "a-file").write_text("x")  # a config folder that cannot exist is no config
    assert read_config(tmp_path / "a-file" / "cfg") == ({}, None)


def test_settings_from_the_environment_config_dir(_isolated_config):
    _write_config(_isolated_config, '[salary]\ncurrency = "GBP"\n')
    assert money.load_settings().currency == "GBP"


def test_rates_override(tmp_path):
    _write_config(tmp_path, '[salary]\ncurrency = "eur"\n\n[rates]\nEUR = 1.25\nnok = 0.1\n')
    settings = money.load_settings(tmp_path)
    assert settings.problems == ()
    assert settings.currency == "EUR"
    assert settings.rates.usd["EUR"] == 1.25
    assert settings.rates.usd["NOK"] == 0.1
    assert settings.rates.usd["GBP"] == money.shipped_rates().usd["GBP"]  # the rest shipped
    assert settings.rates.overridden == ("EUR", "NOK")
    assert "config.toml" in settings.rates.source
    salary = Salary(100_000, 100_000, "USD", "year")
    assert money.comparable(salary, settings.currency, settings.rates) == pytest.approx(80_000)
    # A currency the shipped table lacks becomes comparable once the user gives its rate.
    _write_config(tmp_path, "[rates]\nXAF = 0.0016\n")
    settings = money.load_settings(tmp_path)
    assert money.comparable(Salary(1e6, 1e6, "XAF", "month"), rates=settings.rates) == (
        pytest.approx(19_200)
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[salary\ncurrency = 'EUR'", "not valid TOML"),
        ("rates = 1.08\n", "[rates] must be a table"),
        ("[rates]\nEUR = 'one'\n", "[rates] EUR = 'one'"),
        ("[rates]\nEUR = -1\n", "positive number"),
        ("[rates]\nEUR = nan\n", "positive number"),
        ("[rates]\nEUR = true\n", "positive number"),
        ("[rates]\nEURO = 1.1\n", "not a 3-letter currency code"),
        ("[rates]\nUSD = 2\n", "USD is 1"),
        ('[salary]\ncurrency = "XYZ"\n', "no rate for it"),
        ("[salary]\ncurrency = 3\n", "no rate for it"),
        ('[salary]\ncurency = "EUR"\n', "unknown setting"),
        ('salary = "EUR"\n', "[salary] must be a table"),
        (b"[salary]\ncurrency = '\xff'\n", "config.toml"),
    ],
)
def test_malformed_config_falls_back_with_a_message(tmp_path, text, fragment):
    _write_config(tmp_path, text)
    settings = money.load_settings(tmp_path)
    assert settings.currency == "USD"
    assert settings.rates.usd["EUR"] == money.shipped_rates().usd["EUR"]
    assert len(settings.problems) == 1
    assert fragment in settings.problems[0]


def test_good_settings_survive_a_bad_line(tmp_path):
    _write_config(tmp_path, '[salary]\ncurrency = "GBP"\n[rates]\nGBP = 1.3\nCHF = "x"\n')
    settings = money.load_settings(tmp_path)
    assert (settings.currency, settings.rates.usd["GBP"]) == ("GBP", 1.3)
    assert len(settings.problems) == 1 and "CHF" in settings.problems[0]


def test_unreadable_config_never_raises(tmp_path):
    (tmp_path / "config.toml").mkdir()  # a folder where the file should be
    settings = money.load_settings(tmp_path)
    assert settings.currency == "USD"
    assert "could not be read" in settings.problems[0]


@pytest.mark.parametrize(
    ("salary", "short", "described"),
    [
        (Salary(51_850, 171_450, "USD", "year"), "$52k–171k", "51,850–171,450 USD a year"),
        (
            Salary(4_000, 5_000, "EUR", "month"),
            "€4k–5k/mo",
            "4,000–5,000 EUR a month (≈ 50k–63k USD a year)",
        ),
        (Salary(None, 90_000, "USD", "year"), "≤$90k", "up to 90,000 USD a year"),
        (
            Salary(40_000, None, "GBP", "year"),
            "£40k+",
            "from 40,000 GBP a year (≈ from 50k USD a year)",
        ),
        (
            Salary(80, 80, "USD", "hour"),
            "$80/h",
            "80 USD an hour (≈ 166k USD a year at 2,080 hours)",
        ),
        (
            Salary(550, 650, "GBP", "day"),
            "£550–650/d",
            "550–650 GBP a day (≈ 180k–213k USD a year at 260 days)",
        ),
        (
            Salary(90_000, 110_000, "CHF", "year"),
            "CHF 90k–110k",
            "90,000–110,000 CHF a year (≈ 101k–124k USD a year)",
        ),
        (
            Salary(60_000, 80_000, None, "year"),
            "60k–80k",
            "60,000–80,000 a year (left out of salary filters: no currency)",
        ),
        (
            Salary(2_500, 3_000, "USD", None),
            "$2.5k–3k",
            "2,500–3,000 USD (left out of salary filters: no period)",
        ),
        (
            Salary(900, 1_100, "XAF", "month"),
            "XAF 900–1.1k/mo",
            "900–1,100 XAF a month (left out of salary filters: no exchange rate for XAF)",
        ),
        (
            Salary(22.5, 22.5, "EUR", "hour"),
            "€22.5/h",
            "22.5 EUR an hour (≈ 49k USD a year at 2,080 hours)",
        ),
        (
            Salary(1_200_000, 1_800_000, "INR", "year"),
            "₹1.2M–1.8M",
            "1,200,000–1,800,000 INR a year (≈ 14k–21k USD a year)",
        ),
    ],
)
def test_list_and_detail_forms(salary, short, described):
    assert salary.short() == short
    assert money.describe(salary) == described


@pytest.mark.parametrize(
    ("salary", "tight"),
    [
        (Salary(110_000, 130_000, "CAD", "year"), "CAD 110–130k"),
        (Salary(4_000, 5_000, "EUR", "month"), "€4–5k/mo"),
        (Salary(1_200_000, 1_800_000, "INR", "year"), "₹1.2–1.8M"),
        # Nothing shared, or nothing to share: as short as it gets already.
        (Salary(950_000, 1_200_000, "USD", "year"), "$950k–1.2M"),
        (Salary(550, 650, "GBP", "day"), "£550–650/d"),
        (Salary(900, 1_100, "XAF", "month"), "XAF 900–1.1k/mo"),
        (Salary(120_000, 120_000, "USD", "year"), "$120k"),
        (Salary(40_000, None, "GBP", "year"), "£40k+"),
        (Salary(None, 90_000, "USD", "year"), "≤$90k"),
    ],
)
def test_the_tight_list_form_keeps_every_unit(salary, tight):
    assert salary.short(tight=True) == tight
    assert len(tight) <= len(salary.short())


def test_describe_in_the_users_currency():
    salary = Salary(4_000, 5_000, "EUR", "month")
    assert money.describe(salary, "EUR") == "4,000–5,000 EUR a month (≈ 48k–60k EUR a year)"
    rates = money.Rates({"USD": 1.0, "EUR": 2.0}, "2024-01-01", "test")
    assert money.describe(salary, "USD", rates) == "4,000–5,000 EUR a month (≈ 96k–120k USD a year)"
    assert money.describe(Salary(50_000, 50_000, "EUR", "year"), "EUR") == "50,000 EUR a year"
    assert math.isclose(money.PER_YEAR["hour"], 2080)


def test_the_yearly_figure_is_to_the_cent_without_float_noise():
    """Exchange and period arithmetic leave 83960.00000000001; a spreadsheet shows it."""
    from jobtui.postings.model import Salary
    from jobtui.postings.money import comparable

    for salary in (Salary(6_460, 6_460, "EUR", "month"), Salary(40.37, 40.37, "USD", "hour")):
        value = comparable(salary)
        assert value is not None and value == round(value, 2) and len(repr(value)) < 12
