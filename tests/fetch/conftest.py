"""Fixtures for `jobtui fetch`: a local server (pytest-httpserver) in place of every API, a
fetcher that never waits, a data dir of its own, and a small stand-in for the readers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from jobtui.fetch.client import Fetcher
from jobtui.postings import readers
from jobtui.postings.readers import Item, NotReadable, Read

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("JOBTUI_DATA_DIR", str(data))
    return data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "jobs"


@pytest.fixture
def waits() -> list[float]:
    """The pauses the fetcher asked for between tries (none is really waited)."""
    return []


@pytest.fixture
def fetcher(waits: list[float]) -> Any:
    with Fetcher(backoff=0.01, sleep=waits.append) as f:
        yield f


@pytest.fixture
def apis(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """Every board's API pointed at the local server (its paths as the real APIs have them)."""
    monkeypatch.setenv("JOBTUI_GREENHOUSE_API", httpserver.url_for("/greenhouse/v1"))
    monkeypatch.setenv("JOBTUI_LEVER_API", httpserver.url_for("/lever/v0"))
    monkeypatch.setenv("JOBTUI_ASHBY_API", httpserver.url_for("/ashby"))
    monkeypatch.setenv("JOBTUI_HN_API", httpserver.url_for("/hn/api/v1"))
    return httpserver


def fake_read_text(text: str, name: str) -> Read:
    """Just enough of the readers for the fixtures here: the keys, titles, companies and
    locations of Greenhouse, Lever, Ashby and Algolia JSON, RSS items and one page."""
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            raise NotReadable("not valid JSON") from None
        if isinstance(data, list):
            rows, fmt = data, "lever"
        elif isinstance(data, dict) and isinstance(data.get("jobs"), list):
            rows, fmt = data["jobs"], "greenhouse"
        elif isinstance(data, dict) and isinstance(data.get("children"), list):
            rows, fmt = data["children"], "hn"
        else:
            raise NotReadable("JSON, but none of the formats jobtui reads")
        return Read(fmt, [_item(row) for row in rows])
    if name.endswith(".xml"):
        found = re.findall(r"<item>\s*<title>(.*?)</title>.*?<guid[^>]*>(.*?)</guid>", text, re.S)
        if "<rss" not in text:
            raise NotReadable("XML, but not an RSS or Atom feed")
        return Read("rss", [Item(key, {"title": title}, "") for title, key in found])
    if name.endswith(".html"):
        title = re.search(r"<title>(.*?)</title>", text)
        return Read("html", [Item("page", {"title": title.group(1) if title else "?"}, text)])
    raise NotReadable("not a format jobtui reads")


def _item(row: dict[str, Any]) -> Item:
    location = row.get("location")
    if isinstance(location, dict):
        location = location.get("name")
    if location is None and isinstance(row.get("categories"), dict):
        location = row["categories"].get("location")
    text = row.get("text", "")
    title = row.get("title") or (text.split("|")[1].strip() if "|" in text else text)
    company = "Vaultline" if "absolute_url" in row else None
    meta = {"title": title, "company": company, "location": location}
    return Item(str(row["id"]), {k: v for k, v in meta.items() if v}, row.get("content") or "")


@pytest.fixture
def fake_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "read_text", fake_read_text)
