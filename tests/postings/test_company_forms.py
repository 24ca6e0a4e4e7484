"""Companies named on a labelled line as they write their names: a digit first, a small letter
first with a capital inside, a legal form in small letters; and the place on an `Office
location:` line. Descriptions and figures in a company's place are still refused."""

from __future__ import annotations

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.loader import split_front_matter
from jobtui.postings.text import clean_markdown


def fields(line: str):  # type: ignore[no-untyped-def]
    meta, text, _ = split_front_matter(f"# Platform Engineer\n\n{line}\n\nKeep it running.\n")
    return extract(meta, clean_markdown(text), "posting.md")


@pytest.mark.parametrize(
    "name",
    ["3M", "1Password", "eBay", "iRobot", "23andMe", "7-Eleven", "Kraków Labs sp. z o.o.",
     "Tatra Data s.r.o.", "hearX Group"],
)  # fmt: skip
def test_a_name_as_the_company_writes_it(name):
    assert fields(f"Company: {name}").company == name


@pytest.mark.parametrize(
    "line",
    ["Company: 50 employees", "Company: leading global bank", "Company: a fast-growing startup",
     "Employer: 2,000+ people", "Company: will be shared later"],
)  # fmt: skip
def test_not_a_name(line):
    assert fields(line).company is None


@pytest.mark.parametrize(
    ("line", "place"),
    [("Office location: Leeds, UK", "Leeds, UK"), ("Work location: Porto", "Porto"),
     ("**Job location:** Graz", "Graz")],
)  # fmt: skip
def test_a_place_labelled_by_its_kind(line, place):
    assert fields(line).location == place
