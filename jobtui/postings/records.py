"""Postings as the records `jobtui list` and `jobtui search` print: JSON-ready dicts, and JSON
lines built without them.

A record is `Posting.to_dict()` with where each field was read (`origins`, so a guessed value
never reads as a stated one), the salary as a year's pay in the user's currency
(`salary_yearly`, null when it cannot be compared) and, when copies were folded, the ids of
each posting's other copies (`duplicates`).

`lines` gives each record's JSON line exactly as `json.JSONEncoder(ensure_ascii=False)` would
encode `records`' dict, without making the dict: what repeats between postings is encoded
once, in the pieces it comes in (company, place and remote; pay; tags; day; format and
origins). A reopened folder of 100,000 postings printed a line in ~15 µs, most of it in making
and encoding dicts, before; ~6 µs now. `lines` takes postings or the `Listed` of a reopened
list alike: a `Listed` brings the middle of its line (`head`, from title to origins) as the
load store kept it, ~2 µs a line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from jobtui.postings.model import Listed, Origin, Posting, Salary
from jobtui.postings.money import Rates, comparable

_SEPARATORS = ("\u2028", "\u2029")
"""Line separators to some readers (JavaScript's): escaped, so a record stays one line."""


def records(
    postings: Iterable[Posting],
    currency: str,
    rates: Rates | None,
    copies: Any = None,
) -> Iterator[dict[str, Any]]:
    """The records of postings, made one at a time as they are printed. `copies`: the groups
    of copies (`duplicates.Groups`), or None when copies were not folded."""
    return (
        {
            **p.to_dict(),
            "origins": dict(sorted(p.origins.items())),
            "salary_yearly": comparable(p.salary, currency, rates),
            "salary_yearly_currency": currency,
            **({"duplicates": list(copies.others(p.id))} if copies is not None else {}),
        }
        for p in postings
    )


def lines(
    postings: Iterable[Posting | Listed],
    currency: str,
    rates: Rates | None,
    copies: Any = None,
) -> Iterator[str]:
    """Each posting's record as one line of JSON (without its newline): the same text as
    encoding `records`' dict, with U+2028 and U+2029 escaped."""
    encoder = _Lines(currency, rates)
    line = encoder.line
    if copies is None:
        return (line(p) + "}" for p in postings)
    others, size = copies.others, copies.size
    return (
        line(p)
        + (', "duplicates": []}' if size(p.id) == 1 else f', "duplicates": {_list(others(p.id))}}}')
        for p in postings
    )


def json_text(value: str) -> str:
    """A string as JSON (`encode_basestring`), with the line separators escaped."""
    out: str = encode_basestring(value)
    if not out.isascii():
        for separator in _SEPARATORS:
            if separator in out:
                out = out.replace(separator, f"\\u{ord(separator):04x}")
    return out


def optional(value: str | None) -> str:
    return "null" if value is None else json_text(value)


def _number(value: float | None) -> str:
    """A number as `json` writes it (`float.__repr__`, `int.__repr__`)."""
    if value is None:
        return "null"
    if type(value) is float:
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    return int.__repr__(int(value)) if type(value) is not bool else str(value).lower()


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(map(json_text, values)) + "]"


_SAFE = (
    '[^"\\\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\u061c\u180e'
    "\ud800-\udfff]"
)
"""A character of a cleaned field as `json_text` writes it: not a quote or backslash (those
are escaped), nor a control, line break, zero-width, direction or invisible mark
(`text.clean_field` removes them, so JSON escapes none)."""
_STRING = rf'"{_SAFE}*+(?:\\["\\]{_SAFE}*+)*+"'
"""A JSON string of a cleaned field: its only escapes are `\\"` and `\\\\`."""
_OPTIONAL = rf"(?:{_STRING}|null)"
_NUMBER = r"(?:-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|null|NaN|Infinity|-Infinity)"
_BOOL = r"(?:true|false)"
HEAD_SHAPE = re.compile(
    rf'"title": {_STRING}, "company": {_OPTIONAL}, "location": {_OPTIONAL}, '
    rf'"remote": (?:{_BOOL}|null), "hybrid": {_BOOL}, '
    rf'"salary": (?:null|\{{"min": {_NUMBER}, "max": {_NUMBER}, "currency": {_OPTIONAL}, '
    rf'"period": {_OPTIONAL}, "period_guessed": {_BOOL}\}}), '
    rf'"tags": \[(?:{_STRING}(?:, {_STRING})*+)?\], "posted": {_OPTIONAL}, "url": {_OPTIONAL}, '
    rf'"format": {_STRING}, "origins": \{{(?:{_STRING}: {_STRING}(?:, {_STRING}: {_STRING})*+)?\}}'
)
"""What `heads` writes, member by member: a stored head that is not of this shape (another key,
a value of another type, an escaped control character, broken JSON) is not printed."""


class HeadCheck:
    """Whether a stored head is what `heads` writes of its row: of `HEAD_SHAPE`, and with the
    row's title, company, pay and day (what a reopened list sorts and folds by, it prints).
    What rows share is encoded once."""

    def __init__(self) -> None:
        self._companies: dict[str | None, str] = {}
        self._pays: dict[Salary | None, str] = {}
        self._days: dict[date | None, str] = {}

    def __call__(self, text: Any, row: Listed) -> bool:
        if type(text) is not str or not HEAD_SHAPE.fullmatch(text):
            return False
        lead = f'"title": {json_text(row.title)}, "company": '
        return (
            text.startswith(lead)
            and text.startswith(
                self._companies.get(row.company) or self._company(row.company), len(lead)
            )
            and (self._pays.get(row.salary) or self._pay(row.salary)) in text
            and (self._days.get(row.posted) or self._day(row.posted)) in text
        )

    # Each piece ends where the next member's name begins: `, "` is found in no string of a
    # head of its shape (a quote in a string is escaped), so each matches its own member.
    def _company(self, company: str | None) -> str:
        found = self._companies[company] = f'{optional(company)}, "location": '
        return found

    def _pay(self, salary: Salary | None) -> str:
        found = self._pays[salary] = f', {salary_text(salary)}, "tags": ['
        return found

    def _day(self, day: date | None) -> str:
        found = self._days[day] = (
            f'], "posted": {"null" if day is None else json_text(day.isoformat())}, "url": '
        )
        return found


def heads() -> Callable[[Posting], str]:
    """What gives the part of a posting's JSON line from its title to its origins
    (`_Lines.head`): what the load store keeps beside the posting, for a reopened list to print
    as it is. What the postings it is given share is encoded once (a batch of a load: the
    encodings are kept as long as the function is)."""
    return _Lines("", None).head


def salary_text(salary: Salary | None) -> str:
    """The `"salary": ...` member of a record."""
    if salary is None:
        return '"salary": null'
    return (
        f'"salary": {{"min": {_number(salary.min)}, "max": {_number(salary.max)}, '
        f'"currency": {optional(salary.currency)}, "period": {optional(salary.period)}, '
        f'"period_guessed": {"true" if salary.period_guessed else "false"}}}'
    )


class _Encoded(dict[str, str]):
    """Strings as JSON, each encoded once (tags: a few thousand names, millions of mentions)."""

    def __missing__(self, value: str) -> str:
        out = self[value] = json_text(value)
        return out


class _Lines:
    """Encodes postings' records, keeping the encoding of every value postings share."""

    def __init__(self, currency: str, rates: Rates | None) -> None:
        self.currency = currency
        self.rates = rates
        self._fronts: dict[tuple[str | None, str | None, bool | None, bool], str] = {}
        self._tails: dict[tuple[str, tuple[tuple[str, Origin], ...]], str] = {}
        self._dates: dict[date | None, str] = {None: "null"}
        # By the object's identity (the store shares one object between postings), holding
        # the object so its identity is not reused while this encoder lives.
        self._salaries: dict[int, tuple[Salary | None, tuple[str, str]]] = {}
        self._currency = json_text(currency)
        self._tag = _Encoded().__getitem__

    def line(self, p: Posting | Listed) -> str:
        """The record's JSON without its closing brace. What postings share is encoded once,
        in the pieces it comes in (company, place and remote; pay; format and origins); a
        `Listed` brings its `head` encoded already."""
        found = self._salaries.get(id(p.salary))
        salary = found[1] if found is not None else self._salary(p.salary)
        head = p.head if isinstance(p, Listed) else self.head(p, salary[0])
        return (
            f'{{"id": {json_text(p.id)}, "source": {json_text(p.source)}, {head}, {salary[1]}, '
            f'"salary_yearly_currency": {self._currency}'
        )

    def head(self, p: Posting, salary: str | None = None) -> str:
        """The part of the record's JSON from its title to its origins: what depends on the
        posting alone (not on its source, the currency asked for or its copies), which the
        load store keeps beside the posting (`head`). `salary`: its JSON, when known."""
        if salary is None:
            salary = salary_text(p.salary)
        front = self._fronts.get((p.company, p.location, p.remote, p.hybrid)) or self._front(p)
        posted = self._dates.get(p.posted) or self._date(p.posted)
        pairs = tuple(p.origins.items())
        tail = self._tails.get((p.format, pairs)) or self._tail(p.format, pairs)
        return (
            f'"title": {json_text(p.title)}, {front}, {salary}, '
            f'"tags": [{", ".join(map(self._tag, p.tags))}], "posted": {posted}, '
            f'"url": {optional(p.url)}, {tail}'
        )

    def _front(self, p: Posting) -> str:
        remote = "null" if p.remote is None else "true" if p.remote else "false"
        out = self._fronts[(p.company, p.location, p.remote, p.hybrid)] = (
            f'"company": {optional(p.company)}, "location": {optional(p.location)}, '
            f'"remote": {remote}, "hybrid": {"true" if p.hybrid else "false"}'
        )
        return out

    def _tail(self, form: str, pairs: tuple[tuple[str, Origin], ...]) -> str:
        origins = "{" + ", ".join(f"{json_text(k)}: {json_text(v)}" for k, v in sorted(pairs)) + "}"
        out = self._tails[(form, pairs)] = f'"format": {json_text(form)}, "origins": {origins}'
        return out

    def _salary(self, salary: Salary | None) -> tuple[str, str]:
        """(the salary's JSON, its year's pay's), kept by the salary's identity."""
        yearly = comparable(salary, self.currency, self.rates)
        pair = (salary_text(salary), f'"salary_yearly": {_number(yearly)}')
        self._salaries[id(salary)] = (salary, pair)
        return pair

    def _date(self, day: date | None) -> str:
        out = self._dates[day] = "null" if day is None else json_text(day.isoformat())
        return out
