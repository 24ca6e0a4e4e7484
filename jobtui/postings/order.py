"""The orders postings are listed in, the same in the app and on the command line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jobtui.postings.model import Posting
from jobtui.postings.money import SalarySettings, comparable

UNNAMED = "\uffff"
"""Sorts after every company name: postings without a company come last."""


def newest_first_key(p: Posting) -> tuple[int, str, str]:
    """Newest first, undated last, then by title A to Z, then by where it was read from (so
    postings alike keep one order however the folder was loaded: afresh, or partly from the
    index saved at the last open)."""
    return (-p.posted.toordinal() if p.posted else 0, p.title.casefold(), p.source)


def newest_first_keys(
    postings: Iterable[Posting], shared: dict[str, str]
) -> Iterator[tuple[int, str, str]]:
    """`newest_first_key` of each posting, each folded title kept once in `shared` (titles
    repeat: 100,000 postings hold a few thousand); made without a call per posting."""
    keep = shared.setdefault
    for p in postings:
        day, title = p.posted, p.title.casefold()
        yield (-day.toordinal() if day else 0, keep(title, title), p.source)


def company_key(p: Posting) -> str:
    """Company A to Z without regard to case, unnamed last."""
    return company_name_key(p.company)


def company_name_key(company: str | None) -> str:
    """`company_key` of a posting of this company."""
    return (company or UNNAMED).casefold()


def newest_first(postings: Iterable[Posting]) -> list[Posting]:
    return sorted(postings, key=newest_first_key)


def by_company(postings: Iterable[Posting]) -> list[Posting]:
    """Company A to Z (unnamed last), newest first within a company."""
    return sorted(postings, key=lambda p: (company_key(p), newest_first_key(p)))


def by_title(postings: Iterable[Posting]) -> list[Posting]:
    return sorted(postings, key=lambda p: p.title.casefold())


def by_salary(postings: Iterable[Posting], settings: SalarySettings | None = None) -> list[Posting]:
    """Best paid first, as a year's pay in one currency (`money.comparable`); salaries that
    cannot be compared (no currency or period) and postings without one last."""
    settings = settings or SalarySettings()

    def key(p: Posting) -> tuple[bool, float]:
        value = comparable(p.salary, settings.currency, settings.rates)
        return (value is None, -(value or 0.0))

    return sorted(postings, key=key)


SORTS = {"posted": newest_first, "company": by_company, "title": by_title, "salary": by_salary}
"""The list orders by name."""
