"""Salaries made comparable: a yearly figure, in one currency, from whatever a posting wrote.

A salary keeps what the posting wrote (see `Salary`); this module derives the figure that sort and
filter use. Nothing is guessed here: without a currency, a period or a rate the answer is None.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jobtui.postings.model import Salary, bounds, compact
from jobtui.storage import read_config

PER_YEAR: Mapping[str, int] = MappingProxyType(
    {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}
)
"""How many of each period make a year: 40 hours a week and 5 days a week, 52 weeks."""
DEFAULT_CURRENCY = "USD"
RATES_FILE = "rates.toml"
"""The rates table shipped inside the package, next to this module."""


@dataclass(frozen=True, slots=True)
class Rates:
    """Exchange rates, as the US dollar value of one unit of each currency."""

    usd: Mapping[str, float]
    """USD value of one unit, keyed by ISO 4217 code; USD itself is 1."""
    date: str
    """The day the shipped rates were published (ISO form)."""
    source: str
    """Where the rates come from, naming config.toml when it overrode some."""
    overridden: tuple[str, ...] = ()
    """Codes whose rate came from the user's config.toml."""

    def convert(self, amount: float, from_currency: str, to_currency: str) -> float | None:
        """The amount in another currency, or None when either rate is unknown."""
        if from_currency == to_currency:
            return amount
        src, dst = self.usd.get(from_currency), self.usd.get(to_currency)
        if src is None or dst is None:
            return None
        converted = amount * src / dst
        # A rate from config.toml may be absurd (1e-300): an infinite sum is no sum.
        return converted if math.isfinite(converted) else None


@cache
def shipped_rates() -> Rates:
    """The rates table shipped with jobtui (read once)."""
    data = tomllib.loads(resources.files(__package__).joinpath(RATES_FILE).read_text("utf-8"))
    per_base: dict[str, float] = data["units_per_base"]
    usd_per_base = per_base["USD"]
    usd = {code: usd_per_base / units for code, units in per_base.items()}
    usd.update({code: 1 / units for code, units in data.get("units_per_usd", {}).items()})
    usd["USD"] = 1.0
    published = data["date"]
    day = published.isoformat() if isinstance(published, date) else str(published)
    return Rates(MappingProxyType(usd), day, f"{data['source']}, {day}")


@dataclass(frozen=True, slots=True)
class SalarySettings:
    """How salaries are compared: in which currency, at which rates."""

    currency: str = DEFAULT_CURRENCY
    """The currency salary filters and the salary sort work in."""
    rates: Rates = field(default_factory=shipped_rates)
    """The shipped table with the user's overrides applied."""
    problems: tuple[str, ...] = ()
    """What could not be used from config.toml, one message each, for the caller to show."""


def usd_value(amount: float, currency: str | None) -> float | None:
    """The amount in US dollars at the shipped rates; None for an unknown currency.

    The parser uses it to judge magnitudes (is this a yearly figure? a funding round?), which must
    not depend on the user's settings since parsed postings are cached.
    """
    if currency is None:
        return None
    return shipped_rates().convert(amount, currency, "USD")


def yearly(salary: Salary) -> tuple[float | None, float | None] | None:
    """The (min, max) a year in the posting's own currency; None when the period is unknown.

    Hours count 2,080 a year, days 260, weeks 52, months 12. One side stays None when the
    posting gave only the other (`up to`, `from`).
    """
    factor = PER_YEAR.get(salary.period or "")
    if factor is None:
        return None
    lo = None if salary.min is None else salary.min * factor
    hi = None if salary.max is None else salary.max * factor
    return lo, hi


def normalised(
    salary: Salary, currency: str = DEFAULT_CURRENCY, rates: Rates | None = None
) -> tuple[float | None, float | None] | None:
    """The (min, max) a year in `currency`, or None when it cannot be told.

    None when the posting states no currency or no period, or a rate is unknown: such a salary
    never passes a salary filter and sorts last, rather than being compared on a guess.
    """
    own = yearly(salary)
    if own is None or salary.currency is None:
        return None
    table = rates or shipped_rates()
    out: list[float | None] = []
    for value in own:
        if value is None:
            out.append(None)
            continue
        converted = table.convert(value, salary.currency, currency)
        if converted is None:
            return None
        out.append(converted)
    return out[0], out[1]


def comparable(
    salary: Salary | None, currency: str = DEFAULT_CURRENCY, rates: Rates | None = None
) -> float | None:
    """The one figure a salary filter compares and the sort orders by, or None.

    Like `Salary.top`, but yearly and in one currency: the maximum, or the minimum when the
    posting gave only a lower bound.
    """
    if salary is None:
        return None
    pair = normalised(salary, currency, rates)
    if pair is None:
        return None
    top = pair[1] if pair[1] is not None else pair[0]
    # To the cent: the exchange and period arithmetic leaves float noise (83960.00000000001)
    # that a spreadsheet or JSON reader would show.
    return None if top is None else round(top, 2)


def describe(salary: Salary, currency: str = DEFAULT_CURRENCY, rates: Rates | None = None) -> str:
    """What the posting wrote, and the yearly figure in `currency` that sort and filter use
    when it differs: `4,000–5,000 EUR a month (≈ 52k–65k USD a year)`."""
    text = salary.written()
    pair = normalised(salary, currency, rates)
    if pair is None:
        if salary.currency is None:
            why = "no currency"
        elif salary.period is None:
            why = "no period"
        else:
            why = f"no exchange rate for {salary.currency}"
        return f"{text} (left out of salary filters: {why})"
    if salary.period == "year" and salary.currency == currency:
        return text
    basis = {"hour": " at 2,080 hours", "day": " at 260 days"}.get(salary.period or "", "")
    return f"{text} (≈ {bounds(pair, compact)} {currency} a year{basis})"


def load_settings(directory: str | Path | None = None) -> SalarySettings:
    """The salary settings from config.toml (`[salary]` and `[rates]`), over the defaults.

    Never raises: whatever is missing or wrong falls back to the default and adds a message to
    `problems`, so the caller can show it once.
    """
    config, problem = read_config(directory)
    problems: list[str] = [problem] if problem else []
    base = shipped_rates()
    usd = dict(base.usd)
    overridden: list[str] = []

    rates_table = config.get("rates", {})
    if not isinstance(rates_table, Mapping):
        problems.append("config.toml: [rates] must be a table of CODE = number; ignored")
        rates_table = {}
    for key, value in rates_table.items():
        code = str(key).strip().upper()
        if len(code) != 3 or not code.isalpha():
            problems.append(f"config.toml: [rates] {key}: not a 3-letter currency code; ignored")
        elif code == "USD":
            problems.append(
                "config.toml: [rates] USD: rates are in US dollars, so USD is 1; ignored"
            )
        elif not _positive_number(value):
            problems.append(
                f"config.toml: [rates] {key} = {value!r}: expected the US dollar value of one "
                f"unit, a positive number; ignored"
            )
        else:
            usd[code] = float(value)
            overridden.append(code)

    currency = DEFAULT_CURRENCY
    salary_table = config.get("salary", {})
    if not isinstance(salary_table, Mapping):
        problems.append("config.toml: [salary] must be a table; ignored")
        salary_table = {}
    for key, value in salary_table.items():
        if key != "currency":
            problems.append(f"config.toml: [salary] {key}: unknown setting; ignored")
            continue
        code = value.strip().upper() if isinstance(value, str) else ""
        if code not in usd:
            problems.append(
                f"config.toml: [salary] currency = {value!r}: no rate for it (add one under "
                f"[rates]); comparing salaries in {DEFAULT_CURRENCY}"
            )
        else:
            currency = code

    source = base.source
    if overridden:
        source += "; " + ", ".join(overridden) + " from config.toml"
    rates = Rates(MappingProxyType(usd), base.date, source, tuple(overridden))
    return SalarySettings(currency, rates, tuple(problems))


def _positive_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value > 0
    )
