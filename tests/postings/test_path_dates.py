"""Dates from where a posting lives: dated folders and file names, when nothing else dates it."""

from __future__ import annotations

import io
import os
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from jobtui.postings.extract.path_dates import EARLIEST, date_from_path
from jobtui.postings.loader import load_postings
from jobtui.search.engine import SearchIndex
from jobtui.tui.render import metadata_table

from ..conftest import write

TODAY = date(2025, 3, 10)


@pytest.mark.parametrize(
    ("path", "day", "whole_day"),
    [
        # day in a file name, as static site generators and scrapers write them
        ("_posts/2018-06-05-back-end-dev.md", date(2018, 6, 5), True),
        ("20240715-platform-engineer.md", date(2024, 7, 15), True),
        ("jobs/acme_2019_02_28_data.md", date(2019, 2, 28), True),
        ("backend-dev-2016-10-20.md", date(2016, 10, 20), True),
        ("2021.04.09 - Site Reliability.md", date(2021, 4, 9), True),
        ("scraped/2024-07-15T10-30-00Z.md", date(2024, 7, 15), True),
        ("notes/15-jul-2024-frontend.md", date(2024, 7, 15), True),
        ("Nov 3, 2022 - QA lead.md", date(2022, 11, 3), True),
        ("31-01-2023-designer.md", date(2023, 1, 31), True),  # day first: 31 is no month
        ("01-31-2023-designer.md", date(2023, 1, 31), True),  # month first
        # day in folders
        ("2024/07/15/platform.md", date(2024, 7, 15), True),
        ("archive/2020_12_01/job.md", date(2020, 12, 1), True),
        ("2023-11/04/ops.md", date(2023, 11, 4), True),
        ("by-date/2022/sep/30/x.md", date(2022, 9, 30), True),
        # only a month: its first day
        ("2024-07/acme.md", date(2024, 7, 1), False),
        ("2024/07/acme.md", date(2024, 7, 1), False),
        ("who-is-hiring/jobs-2023-11.md", date(2023, 11, 1), False),
        ("hiring-march-2024.md", date(2024, 3, 1), False),
        ("2022/December/analyst.md", date(2022, 12, 1), False),
        ("2021/05.md", date(2021, 5, 1), False),
        ("2024/07/3.md", date(2024, 7, 1), False),  # a numbered file, not the 3rd
        # the most specific wins, then the one nearest the file
        ("2024-07/2024-07-15-acme.md", date(2024, 7, 15), True),
        ("2023/11/2024-01-02-late.md", date(2024, 1, 2), True),
        ("2024-07-15/2024-07-20-acme.md", date(2024, 7, 20), True),
        # the edges of what is believable
        ("2025-03-11-tomorrow.md", date(2025, 3, 11), True),
        ("1990-01-01-first.md", date(1990, 1, 1), True),
    ],
)
def test_dates_in_paths(path, day, whole_day):
    found = date_from_path(path, today=TODAY)
    assert found is not None, path
    assert (found.day, found.whole_day) == (day, whole_day)


@pytest.mark.parametrize(
    "path",
    [
        "2019/acme.md",  # a year alone is not a date
        "archive/2018/backend.md",
        "2019-2020/season.md",
        "python-3.12/job.md",
        "v2024.1.2/release-notes.md",
        "tools-2024.1.2/changes.md",  # calendar versioning, not a date
        "1.2024.07.15/x.md",
        "2024-07-15.1.md",
        "10115-berlin-backend.md",  # a postcode
        "job-90210.md",
        "req-20231145.md",  # an id that is no date
        "ticket-2024071512.md",
        "job2024-07-15.md",  # runs into letters
        "2024-07-15b.md",
        "2030-01-01-future.md",
        "2025-03-12-day-after-tomorrow.md",
        "2025/04/next-month.md",
        "1985-05-05-old.md",
        "1989/12/old.md",
        "05-06-2024-ambiguous.md",  # 5 June or May 6
        "2024-13-01-bad-month.md",
        "2023-02-29-no-leap-day.md",
        "2024/7.md",  # one digit: more often a number than a month
        "README.md",
        "",
    ],
)
def test_no_date_from_numbers_that_are_not_dates(path):
    assert date_from_path(path, today=TODAY) is None


_SEGMENTS = st.text(alphabet="0123456789-_./ abcjulnovmarTtZ", max_size=16)


@given(st.lists(_SEGMENTS, min_size=1, max_size=5), st.dates(date(2000, 1, 1), date(2040, 1, 1)))
def test_random_paths_never_give_an_impossible_date(segments, today):
    found = date_from_path("/".join(segments), today=today)
    if found is not None:
        assert EARLIEST <= found.day <= today + timedelta(days=1)
        assert found.whole_day or found.day.day == 1


_DAY_FORMS = ["{y}-{m:02}-{d:02}-dev.md", "{y}{m:02}{d:02}_dev.md", "{y}/{m:02}/{d:02}/dev.md"]
_MONTH_FORMS = ["{y}-{m:02}/dev.md", "jobs-{y}_{m:02}.md", "{y}/{m:02}/dev.md"]


@given(st.dates(EARLIEST, TODAY), st.sampled_from(_DAY_FORMS + _MONTH_FORMS))
def test_every_written_date_is_read_back(day, form):
    found = date_from_path(form.format(y=day.year, m=day.month, d=day.day), today=TODAY)
    if form in _DAY_FORMS:
        assert found == (day, True)
    else:
        assert found == (day.replace(day=1), False)


def _by_name(root):
    result = load_postings([root])
    return {os.path.relpath(p.source, root): p for p in result.postings}


def test_a_dated_collection_loads_with_dates_and_their_origin(tmp_path):
    write(tmp_path, "_posts/2018-06-05-back-end-dev.md", "# Back-end developer\n\nRuby.\n")
    write(tmp_path, "2024/07/15/acme-platform/README.md", "# Platform engineer\n\nGo.\n")
    write(tmp_path, "2023-11/data-analyst.md", "---\ntitle: Data analyst\n---\nSQL.\n")
    write(tmp_path, "undated/designer.md", "# Designer\n\nFigma.\n")
    postings = _by_name(tmp_path)
    jekyll = postings[os.path.join("_posts", "2018-06-05-back-end-dev.md")]
    assert (jekyll.posted, jekyll.origins["posted"]) == (date(2018, 6, 5), "path")
    folder = postings[os.path.join("2024", "07", "15", "acme-platform", "README.md")]
    assert (folder.posted, folder.origins["posted"]) == (date(2024, 7, 15), "path")
    month = postings[os.path.join("2023-11", "data-analyst.md")]
    assert (month.posted, month.origins["posted"]) == (date(2023, 11, 1), "path month")
    assert postings[os.path.join("undated", "designer.md")].posted is None


def test_a_stated_date_wins_over_the_path(tmp_path):
    write(tmp_path, "2024-07/ops.md", "---\ntitle: Ops\ndate: 2024-06-28\n---\nOn call.\n")
    posting = load_postings([tmp_path]).postings[0]
    assert (posting.posted, posting.origins["posted"]) == (date(2024, 6, 28), "front matter")


def test_only_the_path_below_the_loaded_root_counts(tmp_path):
    job = write(tmp_path, "2024-07/jobs/sre.md", "# SRE\n\nPager.\n")
    assert load_postings([tmp_path]).postings[0].posted == date(2024, 7, 1)
    assert load_postings([tmp_path / "2024-07"]).postings[0].posted is None
    assert load_postings([job]).postings[0].posted is None  # a file named alone: its name only


def test_modification_times_are_never_used(tmp_path):
    job = write(tmp_path, "jobs/sre.md", "# SRE\n\nPager.\n")
    stamp = date(2021, 5, 4)
    seconds = (stamp - date(1970, 1, 1)).days * 86400
    os.utime(job, (seconds, seconds))
    assert load_postings([tmp_path]).postings[0].posted is None


def test_path_dates_sort_and_filter_like_stated_ones(tmp_path):
    write(tmp_path, "2022/03/old-role.md", "# Old role\n\nCOBOL.\n")
    write(tmp_path, "2024-01-20-new-role.md", "# New role\n\nRust.\n")
    write(tmp_path, "stated.md", "---\ntitle: Stated role\ndate: 2023-05-05\n---\nGo.\n")
    index = SearchIndex(load_postings([tmp_path]).postings)
    newest = [h.posting.title for h in index.run("").hits()]
    assert newest == ["New role", "Stated role", "Old role"]
    assert [h.posting.title for h in index.run("posted:2022").hits()] == ["Old role"]
    assert [h.posting.title for h in index.run("posted:2024-01").hits()] == ["New role"]


def _shown(posting) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(metadata_table(posting, today=date(2024, 11, 20)))
    return console.file.getvalue()


def test_a_month_from_the_path_is_shown_as_a_month(tmp_path):
    write(tmp_path, "2024-07/ops.md", "# Ops\n\nOn call.\n")
    write(tmp_path, "2024-07-15-dev.md", "# Dev\n\nCode.\n")
    postings = {p.title: p for p in load_postings([tmp_path]).postings}
    month = _shown(postings["Ops"])
    assert "2024-07 (4mo)  (from path, month only)" in month
    assert "2024-07-01" not in month
    assert "2024-07-15 (4mo)  (from path)" in _shown(postings["Dev"])
