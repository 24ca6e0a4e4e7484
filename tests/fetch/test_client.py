"""The network side of a fetch against a local server: retries for what may pass and none for
what will not, Retry-After, no connection, timeouts, oversized responses, the User-Agent."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from jobtui import __version__
from jobtui.fetch.client import RETRY_AFTER_CAP, Fetcher, FetchError
from jobtui.fetch.run import fetch_source
from jobtui.fetch.sources import parse_source
from tests.fetch.conftest import fixture

GREENHOUSE = "/greenhouse/v1/boards/vaultline/jobs"


def test_a_server_error_is_tried_again_and_then_works(apis, folder, fetcher, waits, fake_readers):
    apis.expect_ordered_request(GREENHOUSE).respond_with_data("oops", status=500)
    apis.expect_ordered_request(GREENHOUSE).respond_with_data("busy", status=503)
    apis.expect_ordered_request(GREENHOUSE).respond_with_data(
        fixture("greenhouse-vaultline.json"), content_type="application/json"
    )
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    assert outcome.error is None
    assert (folder / "greenhouse-vaultline.json").read_bytes() == fixture(
        "greenhouse-vaultline.json"
    )
    # exponential backoff with jitter: base, then twice the base, each plus up to as much
    assert len(waits) == 2
    assert 0.01 <= waits[0] <= 0.02 and 0.02 <= waits[1] <= 0.04
    apis.check_assertions()


def test_a_server_that_keeps_failing_gives_up_after_three_retries(apis, folder, fetcher, waits):
    apis.expect_request(GREENHOUSE).respond_with_data("down", status=502)
    outcome = fetch_source(parse_source("greenhouse:vaultline"), folder, fetcher)
    assert outcome.error == "localhost answered 502 BAD GATEWAY (tried 4 times)"
    assert len(waits) == 3
    assert len(apis.log) == 4


def test_too_many_requests_honours_retry_after_up_to_a_cap(httpserver: HTTPServer, waits):
    httpserver.expect_ordered_request("/a").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_ordered_request("/a").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "86400"}
    )
    httpserver.expect_ordered_request("/a").respond_with_data("ok")
    with Fetcher(backoff=0.01, sleep=waits.append) as fetcher:
        assert fetcher.get(httpserver.url_for("/a")).body == b"ok"
    assert waits == [7.0, RETRY_AFTER_CAP]


def test_a_client_error_is_never_tried_again(httpserver: HTTPServer, fetcher, waits):
    httpserver.expect_request("/private").respond_with_data("no", status=403)
    with pytest.raises(FetchError, match=r"answered 403 FORBIDDEN$") as caught:
        fetcher.get(httpserver.url_for("/private"))
    assert caught.value.status == 403
    assert waits == [] and len(httpserver.log) == 1


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_no_connection_is_reported_as_offline(folder, fetcher, waits, monkeypatch):
    monkeypatch.setenv("JOBTUI_GREENHOUSE_API", f"http://127.0.0.1:{closed_port()}/v1")
    outcome = fetch_source(parse_source("greenhouse:acme"), folder, fetcher)
    assert outcome.error == "cannot reach 127.0.0.1: are you offline? (tried 2 times)"
    assert len(waits) == 1  # refused: tried again only once
    assert not folder.exists()


def test_a_server_that_does_not_answer_in_time(httpserver: HTTPServer):
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with Fetcher(timeout=0.2, retries=0) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(httpserver.url_for("/slow"))
    assert str(caught.value) == "localhost did not answer within 0.2 s"


def test_a_response_larger_than_the_cap_is_refused(httpserver: HTTPServer):
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    with Fetcher(max_bytes=1000, retries=0) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(httpserver.url_for("/big"))
    assert "the response is larger than" in str(caught.value)


def test_a_streamed_response_is_cut_off_at_the_cap(httpserver: HTTPServer):
    def endless(request: Request) -> Response:  # no Content-Length: only streaming tells
        return Response((b"y" * 512 for _ in range(100)), direct_passthrough=True)

    httpserver.expect_request("/stream").respond_with_handler(endless)
    with Fetcher(max_bytes=2000, retries=0) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(httpserver.url_for("/stream"))
    assert "the response is larger than" in str(caught.value)


def test_requests_say_who_is_asking_and_redirects_are_followed(httpserver: HTTPServer, fetcher):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request(
        "/new", headers={"User-Agent": f"jobtui/{__version__} (+https://github.com/jobtui/jobtui)"}
    ).respond_with_data("here", content_type="text/plain; charset=utf-8")
    response = fetcher.get(httpserver.url_for("/old"))
    assert response.body == b"here"
    assert response.url == httpserver.url_for("/new")
    assert response.content_type == "text/plain"


def test_endless_redirects_stop(httpserver: HTTPServer, fetcher):
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": "/loop"}
    )
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.get(httpserver.url_for("/loop"))


def test_progress_is_told_as_the_response_streams(httpserver: HTTPServer, fetcher):
    httpserver.expect_request("/p").respond_with_data(b"z" * 3000)
    seen: list[tuple[int, int | None]] = []
    fetcher.get(httpserver.url_for("/p"), lambda got, total: seen.append((got, total)))
    assert seen and seen[-1] == (3000, 3000)


def test_retry_after_as_an_http_date(httpserver: HTTPServer, waits):
    from datetime import UTC, datetime, timedelta
    from email.utils import format_datetime

    later = format_datetime(datetime.now(UTC) + timedelta(seconds=40), usegmt=True)
    httpserver.expect_ordered_request("/d").respond_with_data(
        "busy", status=503, headers={"Retry-After": later}
    )
    httpserver.expect_ordered_request("/d").respond_with_data(
        "busy",
        status=503,
        headers={"Retry-After": "soon"},  # unreadable: the usual backoff
    )
    httpserver.expect_ordered_request("/d").respond_with_data("ok")
    with Fetcher(backoff=0.01, sleep=waits.append) as fetcher:
        assert fetcher.get(httpserver.url_for("/d")).body == b"ok"
    assert 30 < waits[0] <= 40
    assert 0.02 <= waits[1] <= 0.04


def test_a_refused_connection_is_tried_again_once_and_the_host_then_fails_at_once(
    folder, fetcher, waits, monkeypatch
):
    port = closed_port()
    monkeypatch.setenv("JOBTUI_GREENHOUSE_API", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("JOBTUI_LEVER_API", f"http://127.0.0.1:{port}/v0")
    tries: list[tuple[int, int]] = []

    def retrying(attempt: int, most: int) -> None:
        tries.append((attempt, most))

    first = fetch_source(parse_source("greenhouse:acme"), folder, fetcher, None, retrying)
    assert first.error == "cannot reach 127.0.0.1: are you offline? (tried 2 times)"
    assert tries == [(2, 2)] and len(waits) == 1
    # the other sources on that host: the same message, no new try, no wait
    for text in ("greenhouse:globex", "lever:initech"):
        outcome = fetch_source(parse_source(text), folder, fetcher, None, retrying)
        assert outcome.error == "cannot reach 127.0.0.1: are you offline?"
    assert tries == [(2, 2)] and len(waits) == 1


def test_an_unreachable_host_does_not_stop_another(httpserver: HTTPServer, fetcher, waits):
    with pytest.raises(FetchError, match="are you offline"):
        fetcher.get(f"http://127.0.0.1:{closed_port()}/feed")
    httpserver.expect_request("/feed").respond_with_data("ok")
    assert fetcher.get(httpserver.url_for("/feed")).body == b"ok"


def test_a_name_that_does_not_resolve_is_tried_again_once(waits):
    def no_such_name(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    transport = httpx.MockTransport(no_such_name)
    with Fetcher(sleep=waits.append, transport=transport) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.get("https://jobs.invalid/feed")
        assert str(caught.value) == "cannot reach jobs.invalid: are you offline? (tried 2 times)"
        with pytest.raises(FetchError) as again:
            fetcher.get("https://jobs.invalid/other")
    assert str(again.value) == "cannot reach jobs.invalid: are you offline?"
    assert len(waits) == 1


def test_timeouts_and_server_errors_keep_three_retries_and_say_each_try(waits):
    calls: list[str] = []

    def slow_then_busy(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/slow":
            raise httpx.ConnectTimeout("timed out", request=request)
        return httpx.Response(503)

    tries: list[tuple[int, int]] = []
    transport = httpx.MockTransport(slow_then_busy)
    with Fetcher(backoff=0.01, sleep=waits.append, transport=transport) as fetcher:
        with pytest.raises(FetchError, match=r"no answer \(timed out\) \(tried 4 times\)"):
            fetcher.get("https://slow.example/slow", retrying=lambda *t: tries.append(t))
        with pytest.raises(FetchError, match=r"answered 503 Service Unavailable \(tried 4 times\)"):
            fetcher.get("https://busy.example/busy", retrying=lambda *t: tries.append(t))
    assert tries == [(2, 4), (3, 4), (4, 4)] * 2
    assert calls == ["/slow"] * 4 + ["/busy"] * 4
