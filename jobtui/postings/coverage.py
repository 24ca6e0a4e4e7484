"""How many postings have each field, and how many of those were guessed: `jobtui check`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jobtui.postings.model import STATED, Posting
from jobtui.postings.money import SalarySettings, comparable
from jobtui.postings.salary import Unread, unread_money

FIELDS = ("title", "company", "location", "remote", "salary", "posted", "url", "tags")
"""The fields counted, in the order they are reported."""


@dataclass(frozen=True, slots=True)
class FieldCoverage:
    """One field's count over a set of postings."""

    name: str
    """The field."""
    found: int
    """Postings that have it."""
    guessed: int
    """Of those, postings that do not state it: read from the body, the path or the file
    name, or guessed."""


def has(posting: Posting, name: str) -> bool:
    """Whether the posting has the field; a title made from the file or folder name does
    not count."""
    if name == "title":
        return posting.origins.get("title") not in ("file name", "path")
    if name == "remote" and posting.hybrid:
        return True  # hybrid is a policy stated, neither remote nor on-site
    return getattr(posting, name) not in (None, (), "")


def coverage(postings: Sequence[Posting]) -> list[FieldCoverage]:
    """Each field's count, in FIELDS order."""
    out = []
    for name in FIELDS:
        with_field = [p for p in postings if has(p, name)]
        guessed = sum(1 for p in with_field if p.origins.get(name) not in STATED)
        out.append(FieldCoverage(name, len(with_field), guessed))
    return out


def by_format(postings: Sequence[Posting]) -> dict[str, tuple[int, int, list[FieldCoverage]]]:
    """For each format postings were read from (markdown, greenhouse, rss...): how many files,
    how many postings, and each field's count; most postings first."""
    groups: dict[str, list[Posting]] = {}
    for p in postings:
        groups.setdefault(p.format, []).append(p)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return {
        kind: (
            len({p.file for p in group}),
            len(group),
            coverage(group),
        )
        for kind, group in ordered
    }


@dataclass(frozen=True, slots=True)
class SalaryReport:
    """How salaries fared over a set of postings: `jobtui check` shows why some were not read."""

    found: int
    """Postings with a salary."""
    comparable: int
    """Of those, salaries that filters and the sort can compare (currency and period known)."""
    unread: tuple[tuple[str, Unread], ...]
    """For postings without a salary: each money figure that was not read as one, with the
    posting's name (`named`)."""

    def reasons(self) -> dict[str, int]:
        """How many figures were left for each reason, most frequent first."""
        counts: dict[str, int] = {}
        for _source, u in self.unread:
            counts[u.reason] = counts.get(u.reason, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def salary_report(postings: Sequence[Posting], settings: SalarySettings) -> SalaryReport:
    with_salary = [p for p in postings if p.salary is not None]
    fit = sum(
        1
        for p in with_salary
        if comparable(p.salary, settings.currency, settings.rates) is not None
    )
    unread = [(named(p), u) for p in postings if p.salary is None for u in unread_money(p.body)]
    # Figures that may be a salary written in a form not read come first; what was rightly
    # left out (funding, a benefit, revenue: "looks like ...") after.
    unread.sort(key=lambda item: item[1].reason.startswith("looks like"))
    return SalaryReport(len(with_salary), fit, tuple(unread))


def named(p: Posting) -> str:
    """A posting as a report names it: its file's name, and its title when the file holds
    many (an RSS item's source ends in its link, whose tail names nothing)."""
    from pathlib import PurePath

    from jobtui.postings.loader import source_file

    file = source_file(p.source)
    name = PurePath(file).name
    return name if file == p.source else f"{name} › {p.title}"
