"""The day a posting was published: from dates in the forms people write them, in front
matter or in a labelled line of the body; never from a date that is not the posting's."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jobtui.postings.extract import extract, parse_date
from jobtui.postings.extract.posted import posted_from_body
from jobtui.postings.loader import load_postings
from tests.conftest import write

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("07.04.2025", date(2025, 4, 7)),  # dots: day first, even when both could be a month
        ("7.4.2025", date(2025, 4, 7)),
        ("April 7th, 2025", date(2025, 4, 7)),
        ("2nd of June 2024", date(2024, 6, 2)),
        ("23rd Aug 2024", date(2024, 8, 23)),
        ("Aug. 23, 2024", date(2024, 8, 23)),
        ("Sept 9, 2024", date(2024, 9, 9)),
        ("9 September, 2024", date(2024, 9, 9)),
        ("09-Sep-2024", date(2024, 9, 9)),
        ("09/04/2024", None),  # slashes: 9 April or 4 September, not guessed
    ],
)
def test_dates_in_more_forms(raw: str, expected: date | None) -> None:
    assert parse_date(raw) == expected


def test_a_front_matter_date_that_is_not_read_says_so() -> None:
    for value, why in (("09/04/2024", "either way round"), ("sometime in spring", "not a date")):
        f = extract({"title": "X", "date": value}, "Body.", "x.md")
        assert f.posted is None
        assert any("date" in r and why in r for r in f.rejected), f.rejected
    f = extract({"title": "X", "date": "TBD"}, "Body.", "x.md")  # a placeholder: nothing said
    assert f.posted is None and not f.rejected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted: 2025-10-03", date(2025, 10, 3)),
        ("Date posted: Oct 3, 2025", date(2025, 10, 3)),
        ("**Posted on** Friday, October 3, 2025", date(2025, 10, 3)),
        ("- Published: 3rd October 2025 | Full-time", date(2025, 10, 3)),
        ("Posting date: 2025/10/03", date(2025, 10, 3)),
        ("> Posted 2025-10-03 · Lisbon", date(2025, 10, 3)),
        ("Publié le 03/10/2025", date(2025, 10, 3)),  # French: day first
        ("Publiée le 3 octobre 2025", date(2025, 10, 3)),  # a French month name
        ("Veröffentlicht am 03.10.2025", date(2025, 10, 3)),
        ("Fecha de publicación: 03/10/2025", date(2025, 10, 3)),
        ("Geplaatst op 03/10/2025", date(2025, 10, 3)),
        ("Posted: 03/10/2025", None),  # English: March 10 or 3 October
        ("Posted: 13/10/2025", date(2025, 10, 13)),
        ("Posted 3 days ago", None),  # no day to count from
        ("Posted: yesterday", None),
        ("Posted: 2027-01-04", None),  # after today: not a day it was posted
        ("Start date: 2025-10-03", None),
        ("Application deadline: 2025-10-03", None),
        ("We posted 40% growth by 2025-10-03.", None),
        ("Posted by Dana in #jobs", None),
    ],
)
def test_a_labelled_line_dates_the_posting(line: str, expected: date | None) -> None:
    body = f"# Backend Engineer\n\nWe build ledgers.\n\n{line}\n\nApply below."
    assert posted_from_body(body, today=TODAY) == expected


def test_the_first_readable_labelled_line_counts() -> None:
    body = "Posted: soon\n\nText.\n\nPublished: 2024-02-01\n\nPosted: 2024-03-01\n"
    assert posted_from_body(body, today=TODAY) == date(2024, 2, 1)


def test_files_without_front_matter_are_dated_by_their_posted_line(tmp_path) -> None:
    write(tmp_path, "a.txt", "Data Analyst\n\nCompany: Larkspur\nPosted: Nov 2, 2025\n\nSQL.\n")
    write(tmp_path, "b.md", "# QA Lead\n\nPublié le 02/11/2025\n\nTests.\n")
    write(tmp_path, "2024/05/c.md", "# Ops\n\nPosted 2 weeks ago\n\nOps.\n")  # the path dates it
    write(tmp_path, "d.md", "---\ntitle: SRE\ndate: 2025-01-01\n---\nPosted: 2025-11-02\n")
    postings = {p.title: p for p in load_postings([tmp_path]).postings}
    assert postings["Data Analyst"].posted == date(2025, 11, 2)
    assert postings["Data Analyst"].origins["posted"] == "body"
    assert postings["QA Lead"].posted == date(2025, 11, 2)
    assert postings["Ops"].origins["posted"].startswith("path")
    assert postings["SRE"].posted == date(2025, 1, 1)  # front matter first


def test_dates_of_other_postings_on_a_saved_page_are_not_this_one_s() -> None:
    listed = "# Backend Engineer\n\nText.\n\n## Similar jobs\n\n- Data Engineer at Foo\n\nPosted: 2025-10-01\n"
    indented = "# Backend Engineer\n\nText.\n\n- Data Engineer at Foo\n  Posted: 2025-10-01\n"
    assert posted_from_body(listed, today=TODAY) is None
    assert posted_from_body(indented, today=TODAY) is None
    assert posted_from_body("Posted: 2025-10-01\n\n## Similar jobs\n", today=TODAY) == date(
        2025, 10, 1
    )


def test_a_front_matter_date_after_today_is_left_out_and_said() -> None:
    f = extract({"title": "X", "date": "2031-05-01"}, "Body.", "x.md")
    assert f.posted is None and any("after today" in r for r in f.rejected)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted 4 March 2025 by Jane", date(2025, 3, 4)),
        ("Posted: 10 Nov 2025, updated 12 Nov 2025", date(2025, 11, 10)),
        ("Publié le 4 mars 2025", date(2025, 3, 4)),
        ("Veröffentlicht: 3. November 2025", date(2025, 11, 3)),
        ("Publicado el 4 de marzo de 2025", date(2025, 3, 4)),
        ("Pubblicato il 12 ottobre 2025", date(2025, 10, 12)),
        ("Geplaatst op 3 maart 2025", date(2025, 3, 3)),
        ("Publié le 4 mars", None),  # no year: not a day jobtui can tell
        ("Posted by Jane on 4 March", None),
    ],
)
def test_a_labelled_day_with_other_facts_or_a_month_of_another_language(line, expected):
    assert posted_from_body(f"# Engineer\n\nText.\n\n{line}\n", today=TODAY) == expected


def test_a_front_matter_day_left_out_is_quoted_as_written() -> None:
    """YAML reads an unquoted `date: 2031-05-01` as a day: `check` quotes it as the file wrote
    it, not as Python's repr of a date."""
    for value in (date(2031, 5, 1), datetime(2031, 5, 1, 9, 30)):
        f = extract({"title": "X", "date": value}, "Body.", "x.md")
        (said,) = [r for r in f.rejected if "after today" in r]
        assert f"'{value.isoformat()}' left out" in said and "datetime" not in said
