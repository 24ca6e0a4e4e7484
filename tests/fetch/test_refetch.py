"""Fetching again what was fetched before: a feed that answers an error page, pages that are
plainly errors, what changed in a posting, titles as the loader shows them, file names without
a doubled extension (old names still used), and no identical copies in the history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from jobtui.fetch import report
from jobtui.fetch.run import fetch_source
from jobtui.fetch.sources import parse_source
from tests.fetch.conftest import fixture

pytestmark = pytest.mark.usefixtures("fake_readers")

GREENHOUSE = "/greenhouse/v1/boards/vaultline/jobs"

NGINX_502 = b"""<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.24.0</center>
</body>
</html>
"""


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def history(folder: Path) -> list[Path]:
    return sorted((folder / ".history").iterdir())


def served_name(server: HTTPServer, name: str) -> str:
    return name.format(host=server.host, port=server.port)


# --- 1. an HTML answer where a feed was ------------------------------------------------------


def test_a_feed_that_answers_an_html_error_page_stays_a_feed(httpserver, folder, fetcher):
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        fixture("feed.xml"), content_type="application/rss+xml"
    )
    httpserver.expect_ordered_request("/feed.xml").respond_with_data(
        NGINX_502, content_type="text/html"
    )
    source = parse_source(httpserver.url_for("/feed.xml"))
    assert fetch_source(source, folder, fetcher).error is None
    feed = served_name(httpserver, "feed-{host}-{port}-feed.xml")
    outcome = fetch_source(source, folder, fetcher)
    assert outcome.error is not None
    said, _, kept = outcome.error.partition(" (kept in ")
    assert said == 'not a feed any more (an HTML page: "502 Bad Gateway"): not saved'
    assert kept.startswith(".history/page-") and kept.endswith(".html)")
    assert (folder / kept[: -len(")")]).read_bytes() == NGINX_502
    assert files(folder) == [feed]  # no page file beside the feed
    assert (folder / feed).read_bytes() == fixture("feed.xml")
    assert outcome.file == folder / feed
    assert report.summary(outcome) == f"{source.text}: {outcome.error}"


def test_a_feed_answering_any_html_page_is_not_saved_as_a_page(httpserver, folder, fetcher):
    httpserver.expect_ordered_request("/jobs.rss").respond_with_data(
        fixture("feed.xml"), content_type="application/rss+xml"
    )
    httpserver.expect_ordered_request("/jobs.rss").respond_with_data(
        fixture("page.html"), content_type="text/html"
    )
    source = parse_source(httpserver.url_for("/jobs.rss"))
    fetch_source(source, folder, fetcher)
    outcome = fetch_source(source, folder, fetcher)
    assert outcome.error is not None
    assert outcome.error.startswith("not a feed any more (an HTML page): not saved (kept in ")
    assert files(folder) == [served_name(httpserver, "feed-{host}-{port}-jobs.xml")]


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (NGINX_502, "502 Bad Gateway"),
        (b"<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>", "404 Not Found"),
        (
            b"<html><head><title>Service Unavailable</title></head><body>later</body></html>",
            "Service Unavailable",
        ),
        (b"<html><body><h1>Access denied</h1><p>Ray ID: 1</p></body></html>", "Access denied"),
        (
            b"<!DOCTYPE html><html><head><title>Just a moment...</title></head></html>",
            "Just a moment...",
        ),
        (
            b"<html><head><title>Error 503 &ndash; Backend fetch failed</title></head></html>",
            "Error 503 \u2013 Backend fetch failed",
        ),
    ],
)
def test_a_first_fetch_of_an_error_page_is_not_saved_as_a_job_page(
    httpserver, folder, fetcher, page, title
):
    httpserver.expect_request("/jobs/42").respond_with_data(page, content_type="text/html")
    outcome = fetch_source(parse_source(httpserver.url_for("/jobs/42")), folder, fetcher)
    assert outcome.error is not None
    assert outcome.error.startswith(
        f'the server sent an error page, not a job page ("{title}"): not saved (kept in .history/'
    )
    assert files(folder) == []


def test_a_job_page_that_merely_mentions_an_error_is_saved(httpserver, folder, fetcher):
    page = b"<html><head><title>SRE: make 502 errors rare</title></head><body></body></html>"
    httpserver.expect_request("/jobs/sre").respond_with_data(page, content_type="text/html")
    outcome = fetch_source(parse_source(httpserver.url_for("/jobs/sre")), folder, fetcher)
    assert outcome.error is None
    assert files(folder) == [served_name(httpserver, "page-{host}-{port}-jobs-sre.html")]


# --- 2. what changed --------------------------------------------------------------------------


def board(*jobs: dict[str, object]) -> dict[str, object]:
    return {"jobs": list(jobs)}


SRE = {"id": 7, "title": "SRE", "location": {"name": "London"}, "content": "Keep it up."}


@pytest.mark.parametrize(
    ("later", "fields"),
    [
        ({**SRE, "title": "Senior SRE"}, "[title]"),
        (
            {**SRE, "location": {"name": "Leeds"}, "content": "Keep it up!"},
            "[location, description]",
        ),
        ({**SRE, "content": "Keep it up, on call."}, "[description]"),
    ],
)
def test_a_changed_posting_says_which_fields_changed(apis, folder, fetcher, later, fields):
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE))
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(later))
    source = parse_source("greenhouse:vaultline")
    fetch_source(source, folder, fetcher)
    outcome = fetch_source(source, folder, fetcher)
    [line] = report.lines(outcome)[1:]
    assert line.startswith("  ~ ") and line.endswith(f")  {fields}")
    [changed] = report.record(outcome)["changed"]
    assert changed["fields"] == fields.strip("[]").split(", ")


def test_json_lists_the_changed_fields_of_each_changed_posting(apis, folder, fetcher):
    other = {"id": 8, "title": "DBA", "content": "Rows."}
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE, other))
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(
        board({**SRE, "title": "Senior SRE", "content": "x"}, other, {"id": 9, "title": "QA"})
    )
    source = parse_source("greenhouse:vaultline")
    fetch_source(source, folder, fetcher)
    record = json.loads(json.dumps(report.record(fetch_source(source, folder, fetcher))))
    assert record["changed"] == [
        {"key": "7", "title": "Senior SRE", "company": "", "fields": ["title", "description"]}
    ]
    assert record["added"] == [{"key": "9", "title": "QA", "company": ""}]


# --- 3. titles as the loader shows them -------------------------------------------------------


def test_entities_in_a_board_title_are_decoded_as_the_loader_does(apis, folder, fetcher):
    job = {
        "id": 3,
        "title": "Product Designer &amp; Researcher",
        "location": {"name": "S&atilde;o Paulo &lt;hybrid&gt;"},
    }
    apis.expect_request(GREENHOUSE).respond_with_json(board(job))
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    assert report.lines(outcome)[1] == "  + Product Designer & Researcher (S\u00e3o Paulo <hybrid>)"
    assert report.record(outcome)["added"][0]["title"] == "Product Designer & Researcher"


# --- 6. file names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body", "content_type", "name"),
    [
        ("/feed.xml", "feed.xml", "application/rss+xml", "feed-{host}-{port}-feed.xml"),
        ("/jobs.rss", "feed.xml", "application/rss+xml", "feed-{host}-{port}-jobs.xml"),
        ("/job.html", "page.html", "text/html", "page-{host}-{port}-job.html"),
        ("/feed.json", "hn-45800001.json", "application/feed+json", "feed-{host}-{port}-feed.json"),
    ],
)
def test_a_url_file_name_has_one_extension(
    httpserver, folder, fetcher, path, body, content_type, name
):
    httpserver.expect_request(path).respond_with_data(fixture(body), content_type=content_type)
    outcome = fetch_source(parse_source(httpserver.url_for(path)), folder, fetcher)
    assert outcome.file == folder / served_name(httpserver, name)
    assert files(folder) == [served_name(httpserver, name)]


def test_a_file_saved_under_the_old_doubled_name_keeps_being_used(httpserver, folder, fetcher):
    httpserver.expect_request("/feed.xml").respond_with_data(
        fixture("feed.xml"), content_type="application/rss+xml"
    )
    old = served_name(httpserver, "feed-{host}-{port}-feed.xml.xml")
    folder.mkdir()
    (folder / old).write_bytes(fixture("feed.xml").replace(b"harborline-fe-4", b"gone-1"))
    outcome = fetch_source(parse_source(httpserver.url_for("/feed.xml")), folder, fetcher)
    assert outcome.file == folder / old and files(folder) == [old]
    assert report.summary(outcome).endswith("2 postings: 1 new, 1 removed")
    assert (folder / old).read_bytes() == fixture("feed.xml")


def test_a_page_under_its_old_name_and_a_feed_under_it_too(httpserver, folder, fetcher):
    httpserver.expect_ordered_request("/job.html").respond_with_data(
        NGINX_502, content_type="text/html"
    )
    folder.mkdir()
    old_feed = served_name(httpserver, "feed-{host}-{port}-job.html.xml")
    (folder / old_feed).write_bytes(fixture("feed.xml"))
    outcome = fetch_source(parse_source(httpserver.url_for("/job.html")), folder, fetcher)
    assert outcome.error is not None and outcome.error.startswith("not a feed any more")
    assert files(folder) == [old_feed]


# --- 7. the history -----------------------------------------------------------------------


def test_an_identical_response_is_not_copied_into_the_history_again(apis, folder, fetcher):
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE))
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE))
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board({**SRE, "title": "Lead"}))
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE))
    source = parse_source("greenhouse:vaultline")
    for _ in range(4):
        assert fetch_source(source, folder, fetcher).error is None
    # the same as the one before is skipped; back to an earlier version is a new copy
    assert [json.loads(p.read_bytes())["jobs"][0]["title"] for p in history(folder)] == [
        "SRE",
        "Lead",
        "SRE",
    ]


def test_a_copy_of_another_source_with_a_similar_name_does_not_count(apis, folder, fetcher):
    body = json.dumps(board(SRE)).encode()
    (folder / ".history").mkdir(parents=True)
    (folder / ".history" / "greenhouse-vaultline-eu-20991231T235959Z.json").write_bytes(body)
    apis.expect_request(GREENHOUSE).respond_with_data(body, content_type="application/json")
    fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    assert len(history(folder)) == 2


def test_an_unchanged_response_leaves_the_file_and_its_time_alone(apis, folder, fetcher):
    """A fetch with nothing new must not make jobtui parse every board again on its next
    start: the file keeps its modification time, so the load store still holds it."""
    import os

    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE))
    apis.expect_ordered_request(GREENHOUSE).respond_with_json(board(SRE))
    source = parse_source("greenhouse:vaultline")
    first = fetch_source(source, folder, fetcher)
    assert first.error is None and first.file is not None
    path = Path(first.file)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert fetch_source(source, folder, fetcher).error is None
    assert path.stat().st_mtime_ns == 1_000_000_000
