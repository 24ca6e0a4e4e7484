"""Fetches read by the real readers (skipped until they are in the tree): what is new is told
by each format's own posting keys, and a re-fetch keeps the postings' ids in the loader."""

from __future__ import annotations

import pytest

from jobtui.fetch import report
from jobtui.fetch.run import fetch_source
from jobtui.fetch.sources import parse_source
from tests.fetch.conftest import fixture

GREENHOUSE = "/greenhouse/v1/boards/vaultline/jobs"


@pytest.fixture(autouse=True)
def _real_readers() -> None:
    pytest.importorskip("jobtui.postings.readers.boards")
    pytest.importorskip("jobtui.postings.readers.hn")
    pytest.importorskip("jobtui.postings.readers.feeds")
    pytest.importorskip("jobtui.postings.readers.page")


@pytest.mark.parametrize(
    ("source", "path", "body", "keys"),
    [
        ("greenhouse:vaultline", GREENHOUSE, "greenhouse-vaultline.json", {"4012001", "4012002"}),
        (
            "lever:northwind",
            "/lever/v0/postings/northwind",
            "lever-northwind.json",
            {"5f1c2d3e-aaaa-4bbb-8ccc-0123456789ab"},
        ),
        (
            "ashby:quillhaven",
            "/ashby/posting-api/job-board/quillhaven",
            "ashby-quillhaven.json",
            {"b7e0c1d2-3f45-4a67-89ab-cdef01234567"},
        ),
        ("hn:45800001", "/hn/api/v1/items/45800001", "hn-45800001.json", {"45800110"}),
    ],
)
def test_each_board_format_is_read_for_what_is_new(apis, folder, fetcher, source, path, body, keys):
    apis.expect_request(path).respond_with_data(fixture(body), content_type="application/json")
    outcome = fetch_source(parse_source(source), folder, fetcher)
    assert outcome.error is None and outcome.note is None
    assert outcome.changes is not None and outcome.changes.first
    assert keys <= {c.key for c in outcome.changes.added}


def test_a_feed_and_a_page_are_read(httpserver, folder, fetcher):
    httpserver.expect_request("/feed").respond_with_data(
        fixture("feed.xml"), content_type="application/rss+xml"
    )
    httpserver.expect_request("/job").respond_with_data(
        fixture("page.html"), content_type="text/html"
    )
    feed = fetch_source(parse_source(httpserver.url_for("/feed")), folder, fetcher)
    page = fetch_source(parse_source(httpserver.url_for("/job")), folder, fetcher)
    assert feed.changes is not None and page.changes is not None
    assert [c.title for c in feed.changes.added] == [
        "Machine Learning Engineer",
        "Frontend Engineer",
    ]
    assert [c.title for c in page.changes.added] == ["Embedded Engineer"]


def test_a_refetch_tells_the_changes_and_keeps_posting_ids(apis, folder, fetcher):
    from jobtui.postings.loader import load_postings

    source = parse_source("greenhouse:vaultline")
    apis.expect_ordered_request(GREENHOUSE).respond_with_data(fixture("greenhouse-vaultline.json"))
    apis.expect_ordered_request(GREENHOUSE).respond_with_data(
        fixture("greenhouse-vaultline-later.json")
    )
    fetch_source(source, folder, fetcher)
    before = {p.title: p.id for p in load_postings([folder]).postings}
    outcome = fetch_source(source, folder, fetcher)
    after = {p.title: p.id for p in load_postings([folder]).postings}
    assert report.summary(outcome) == (
        "greenhouse:vaultline  3 postings: 1 new, 1 removed, 1 changed"
    )
    assert before["Data Analyst"] == after["Data Analyst"]
    assert before["Senior Platform Engineer"] == after["Staff Platform Engineer"]
    assert "Office Manager" not in after and "Security Engineer" in after


def test_a_fetch_shows_titles_as_the_loader_does(apis, folder, fetcher):
    from jobtui.postings.loader import load_postings

    job = {
        "id": 51,
        "title": "Product Designer &amp; Researcher",
        "location": {"name": "Z&uuml;rich"},
        "absolute_url": "https://boards.greenhouse.io/vaultline/jobs/51",
        "content": "&lt;p&gt;Draw &amp;amp; ask.&lt;/p&gt;",
    }
    apis.expect_request(GREENHOUSE).respond_with_json({"jobs": [job]})
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    [posting] = load_postings([folder]).postings
    assert posting.title == "Product Designer & Researcher"
    assert report.lines(outcome)[1] == f"  + {posting.title} — Vaultline ({posting.location})"
