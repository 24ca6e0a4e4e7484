"""Fetching each kind of source from a local server into a folder: stable names, the dated
history, what is new, and responses that must not replace a good file."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from jobtui.fetch import report
from jobtui.fetch.client import Fetcher
from jobtui.fetch.run import fetch_source
from jobtui.fetch.sources import parse_source
from tests.fetch.conftest import fixture

pytestmark = pytest.mark.usefixtures("fake_readers")

GREENHOUSE = "/greenhouse/v1/boards/vaultline/jobs"


def history(folder: Path) -> list[Path]:
    return sorted((folder / ".history").iterdir())


def test_a_greenhouse_board_is_saved_as_served_and_all_is_new(apis, folder, fetcher):
    body = fixture("greenhouse-vaultline.json")
    apis.expect_request(GREENHOUSE, query_string="content=true").respond_with_data(
        body, content_type="application/json"
    )
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    assert outcome.error is None
    assert outcome.file == folder / "greenhouse-vaultline.json"
    assert outcome.file.read_bytes() == body
    [copy] = history(folder)
    assert copy.name.startswith("greenhouse-vaultline-") and copy.suffix == ".json"
    assert copy.read_bytes() == body
    assert report.lines(outcome) == [
        "greenhouse:vaultline  3 postings: 3 new (first fetch)",
        "  + Senior Platform Engineer — Vaultline (Berlin)",
        "  + Data Analyst — Vaultline (Remote (EU))",
        "  + Office Manager — Vaultline (Lisbon)",
    ]


def test_a_second_fetch_says_what_came_went_and_changed(apis, folder, fetcher):
    source = parse_source("greenhouse:vaultline")
    apis.expect_oneshot_request(GREENHOUSE).respond_with_data(
        fixture("greenhouse-vaultline.json"), content_type="application/json"
    )
    apis.expect_oneshot_request(GREENHOUSE).respond_with_data(
        fixture("greenhouse-vaultline-later.json"), content_type="application/json"
    )
    fetch_source(source, folder, fetcher)
    # a second file in the folder stays as it is, under its own name
    (folder / "lever-northwind.json").write_bytes(fixture("lever-northwind.json"))
    outcome = fetch_source(source, folder, fetcher)
    assert outcome.error is None
    changes = outcome.changes
    assert changes is not None and not changes.first and changes.count == 3
    assert [(c.key, c.title) for c in changes.added] == [("4012009", "Security Engineer")]
    assert [(c.key, c.title) for c in changes.removed] == [("4012003", "Office Manager")]
    assert [(c.key, c.title) for c in changes.changed] == [("4012001", "Staff Platform Engineer")]
    assert report.lines(outcome) == [
        "greenhouse:vaultline  3 postings: 1 new, 1 removed, 1 changed",
        "  + Security Engineer — Vaultline (Amsterdam)",
        "  ~ Staff Platform Engineer — Vaultline (Berlin)  [title, description]",
        "  - Office Manager — Vaultline (Lisbon)",
    ]
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == [
        "greenhouse-vaultline.json",
        "lever-northwind.json",
    ]
    assert (folder / "greenhouse-vaultline.json").read_bytes() == fixture(
        "greenhouse-vaultline-later.json"
    )
    assert [p.read_bytes() for p in history(folder)] == [
        fixture("greenhouse-vaultline.json"),
        fixture("greenhouse-vaultline-later.json"),
    ]


def test_an_unchanged_board_says_nothing_new(apis, folder, fetcher):
    apis.expect_request(GREENHOUSE).respond_with_data(
        fixture("greenhouse-vaultline.json"), content_type="application/json"
    )
    source = parse_source("greenhouse:vaultline")
    fetch_source(source, folder, fetcher)
    outcome = fetch_source(source, folder, fetcher)
    assert report.lines(outcome) == ["greenhouse:vaultline  3 postings: nothing new"]


def test_lever_and_ashby_boards(apis, folder, fetcher):
    apis.expect_request("/lever/v0/postings/northwind", query_string="mode=json").respond_with_data(
        fixture("lever-northwind.json"), content_type="application/json"
    )
    apis.expect_request(
        "/ashby/posting-api/job-board/quillhaven", query_string="includeCompensation=true"
    ).respond_with_data(fixture("ashby-quillhaven.json"), content_type="application/json")
    lever = fetch_source(parse_source("lever:northwind"), folder, fetcher)
    ashby = fetch_source(parse_source("ashby:quillhaven"), folder, fetcher)
    eu = fetch_source(parse_source("lever-eu:northwind"), folder, fetcher)
    assert report.summary(lever) == "lever:northwind  1 posting: 1 new (first fetch)"
    assert report.lines(lever)[1] == "  + Backend Developer (Elixir) (Copenhagen)"
    assert (folder / "ashby-quillhaven.json").read_bytes() == fixture("ashby-quillhaven.json")
    assert ashby.error is None and ashby.changes is not None
    assert eu.file == folder / "lever-northwind.json" and eu.error is None


def test_hn_latest_finds_the_newest_hiring_thread(apis, folder, fetcher):
    apis.expect_request(
        "/hn/api/v1/search_by_date",
        query_string={"tags": "story,author_whoishiring", "hitsPerPage": "50"},
    ).respond_with_data(fixture("hn-search.json"), content_type="application/json")
    apis.expect_request("/hn/api/v1/items/45800001").respond_with_data(
        fixture("hn-45800001.json"), content_type="application/json; charset=utf-8"
    )
    outcome = fetch_source(parse_source("hn:latest"), folder, fetcher)
    assert outcome.error is None
    assert outcome.file == folder / "hn-45800001.json"
    assert outcome.file.read_bytes() == fixture("hn-45800001.json")
    assert report.lines(outcome)[1:] == ["  + Rust Engineer", "  + Site Reliability Engineer"]


def test_hn_item_by_id_and_a_missing_one(apis, folder, fetcher):
    apis.expect_request("/hn/api/v1/items/45800001").respond_with_data(
        fixture("hn-45800001.json"), content_type="application/json"
    )
    apis.expect_request("/hn/api/v1/items/1").respond_with_data("{}", status=404)
    assert fetch_source(parse_source("hn:45800001"), folder, fetcher).error is None
    assert fetch_source(parse_source("hn:1"), folder, fetcher).error == (
        f"no such item at {apis.url_for('/hn/api/v1/items/1')} (JOBTUI_HN_API)"
    )


def test_hn_latest_without_a_hiring_thread(apis, folder, fetcher):
    apis.expect_request("/hn/api/v1/search_by_date").respond_with_json(
        {"hits": [{"title": "Ask HN: Who wants to be hired?", "objectID": "9"}]}
    )
    outcome = fetch_source(parse_source("hn:latest"), folder, fetcher)
    assert outcome.error == "no 'Ask HN: Who is hiring?' thread found"


@pytest.mark.parametrize(
    ("content_type", "body", "name"),
    [
        ("application/rss+xml", "feed.xml", "feed-{host}-{port}-careers-feed.xml"),
        ("text/html", "feed.xml", "feed-{host}-{port}-careers-feed.xml"),  # sniffed
        ("", "feed.xml", "feed-{host}-{port}-careers-feed.xml"),
        ("text/html; charset=utf-8", "page.html", "page-{host}-{port}-careers-feed.html"),
        ("application/feed+json", "hn-45800001.json", "feed-{host}-{port}-careers-feed.json"),
    ],
)
def test_a_url_is_a_feed_or_a_page_by_type_then_by_its_first_bytes(
    httpserver: HTTPServer, folder, fetcher, content_type, body, name, fake_readers
):
    httpserver.expect_request("/careers/feed").respond_with_data(
        fixture(body), headers={"Content-Type": content_type} if content_type else {}
    )
    source = parse_source(httpserver.url_for("/careers/feed"))
    outcome = fetch_source(source, folder, fetcher)
    assert outcome.error is None
    expected = folder / name.format(host=httpserver.host, port=httpserver.port)
    assert outcome.file == expected and expected.read_bytes() == fixture(body)


def test_a_url_that_is_neither_feed_nor_page(httpserver: HTTPServer, folder, fetcher):
    httpserver.expect_request("/x").respond_with_data(b"\x89PNG...", content_type="image/png")
    outcome = fetch_source(parse_source(httpserver.url_for("/x")), folder, fetcher)
    assert outcome.error == "neither a feed nor a web page (image/png)"
    assert not folder.exists()


def test_a_missing_board_says_so(apis, folder, fetcher, waits):
    apis.expect_request("/greenhouse/v1/boards/nobody/jobs").respond_with_data(
        "not found", status=404
    )
    outcome = fetch_source(parse_source("greenhouse:nobody"), folder, fetcher)
    # the API base was pointed elsewhere: the message names the URL tried and the variable
    said = (
        f"no such board at {apis.url_for('/greenhouse/v1/boards/nobody/jobs')}?content=true"
        " (JOBTUI_GREENHOUSE_API)"
    )
    assert report.summary(outcome) == f"greenhouse:nobody: {said}"
    assert waits == []  # a 404 is not tried again
    assert json.loads(json.dumps(report.record(outcome)))["error"] == said


def test_a_missing_board_on_the_public_api_says_only_that(folder, monkeypatch):
    monkeypatch.delenv("JOBTUI_GREENHOUSE_API", raising=False)
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:  # stands in for the public API
        asked.append(str(request.url))
        return httpx.Response(404, text="not found")

    with Fetcher(transport=httpx.MockTransport(answer)) as fetcher:
        outcome = fetch_source(parse_source("greenhouse:nobody"), folder, fetcher)
    assert outcome.error == "no such board"
    assert asked == ["https://boards-api.greenhouse.io/v1/boards/nobody/jobs?content=true"]


@pytest.mark.parametrize(
    ("body", "content_type", "why"),
    [
        (
            b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>",
            "text/html",
            "the server sent an HTML page, not JSON (an error page?)",
        ),
        (b"", "application/json", "the server sent an empty response"),
        (b"{'jobs': oops", "application/json", "the server sent something that is not JSON"),
    ],
)
def test_a_bad_response_never_replaces_the_good_file(
    apis, folder, fetcher, body, content_type, why
):
    good = fixture("greenhouse-vaultline.json")
    apis.expect_oneshot_request(GREENHOUSE).respond_with_data(good, content_type="application/json")
    apis.expect_oneshot_request(GREENHOUSE).respond_with_data(body, content_type=content_type)
    source = parse_source("greenhouse:vaultline")
    fetch_source(source, folder, fetcher)
    outcome = fetch_source(source, folder, fetcher)
    assert outcome.error == f"{why}: greenhouse-vaultline.json not replaced"
    assert (folder / "greenhouse-vaultline.json").read_bytes() == good


def test_json_no_reader_knows_is_kept_aside_not_saved_over(apis, folder, fetcher):
    good = fixture("greenhouse-vaultline.json")
    apis.expect_oneshot_request(GREENHOUSE).respond_with_data(good)
    apis.expect_oneshot_request(GREENHOUSE).respond_with_json({"status": 500, "error": "oops"})
    source = parse_source("greenhouse:vaultline")
    fetch_source(source, folder, fetcher)
    outcome = fetch_source(source, folder, fetcher)
    assert outcome.error is not None
    assert outcome.error.startswith("JSON, but none of the formats jobtui reads: ")
    assert "not replaced (kept in .history/greenhouse-vaultline-" in outcome.error
    assert (folder / "greenhouse-vaultline.json").read_bytes() == good
    assert len(history(folder)) == 2


def test_a_reader_that_fails_loses_nothing(apis, folder, fetcher, monkeypatch):
    from jobtui.postings import readers

    def broken(text: str, name: str) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(readers, "read_text", broken)
    apis.expect_request(GREENHOUSE).respond_with_data(fixture("greenhouse-vaultline.json"))
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    assert outcome.error is None and outcome.changes is None
    assert outcome.note == "saved, but what is new could not be told (KeyError: 'boom')"
    assert (folder / "greenhouse-vaultline.json").exists()


def test_text_from_a_board_is_cleaned_before_it_is_shown(apis, folder, fetcher):
    job = {"id": 1, "title": "Dev\x1b[31m\u202e ops", "location": {"name": "Oslo\x07"}}
    apis.expect_request(GREENHOUSE).respond_with_json({"jobs": [job]})
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    line = report.lines(outcome)[1]
    assert "\x1b" not in line and "\u202e" not in line and "\x07" not in line
    assert line == "  + Dev ops (Oslo)"


def test_a_folder_that_cannot_be_written(apis, tmp_path, fetcher):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    apis.expect_request(GREENHOUSE).respond_with_data(fixture("greenhouse-vaultline.json"))
    outcome = fetch_source(parse_source("greenhouse:vaultline"), blocker / "jobs", fetcher)
    assert outcome.error is not None
    assert outcome.error.startswith("could not save the response to ")


def test_a_posting_without_a_title_is_named_as_the_loader_names_it() -> None:
    """An HN comment with no role in its first line: fetch and `jobtui list` agree on its name
    (its first line), rather than fetch printing an empty title."""
    from jobtui.fetch.changes import _change
    from jobtui.postings.readers import Item

    item = Item("42", {"company": "Quokka Cloud"}, "Quokka Cloud | Sydney | A$120k\n\nWe build.")
    assert _change(item).title == "Quokka Cloud | Sydney | A$120k"


def test_a_first_fetch_of_a_big_board_says_how_many_without_listing_them() -> None:
    """The first fetch of 22 boards printed 510 lines of '+': every posting is new then."""
    from jobtui.fetch.changes import Change, Changes
    from jobtui.fetch.report import SHOWN, lines
    from jobtui.fetch.run import Outcome
    from jobtui.fetch.sources import parse_source

    many = [Change(str(i), f"Job {i}", "Acme", None) for i in range(SHOWN + 5)]
    source = parse_source("greenhouse:acme")
    first = Outcome(source, "x.json", Changes(len(many), many, first=True), None, None)
    assert len(lines(first)) == 1
    later = Outcome(source, "x.json", Changes(len(many), many), None, None)
    assert len(lines(later)) == SHOWN + 2
