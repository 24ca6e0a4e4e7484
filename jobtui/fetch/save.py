"""Responses into the folder: what a response is (JSON, a feed, a page), whether it is what
was asked for, its stable file name, and the atomic writes of the file and its dated copy."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from jobtui.storage import atomic_write

HISTORY = ".history"
"""The folder (hidden: the loader skips it) that keeps every response under a dated name."""

_FEED_TYPES = {
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/feed+json": "json",
    "application/json": "json",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
"""What a Content-Type says a response is (others, like text/plain, say nothing)."""


class NotWanted(ValueError):
    """A response that is not what the source serves (an error page, nothing): not saved over
    the good file. The message says what it was."""


def sniff(body: bytes) -> str | None:
    """What the first bytes look like: `json`, `xml` (a feed), `html`, or None."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        # An XHTML page may start with an XML declaration too.
        return "html" if b"<html" in head and b"<rss" not in head else "xml"
    if head.startswith((b"<head", b"<body", b"<!--", b"<meta", b"<title")):
        return "html"
    return None


def kind_of(body: bytes, content_type: str) -> str | None:
    """What a response from a URL is, told by its Content-Type and then by its first bytes:
    `xml` or `json` (a feed), `html` (a page), or None (neither)."""
    said = _FEED_TYPES.get(content_type)
    seen = sniff(body)
    if said == "html" and seen in ("xml", "json"):
        return seen  # feeds are often served as text/html
    return said or seen


def check_json(body: bytes) -> None:
    """NotWanted unless the body is JSON (a board's API answers JSON, even when empty)."""
    if not body.strip():
        raise NotWanted("the server sent an empty response")
    if sniff(body) == "html":
        raise NotWanted("the server sent an HTML page, not JSON (an error page?)")
    try:
        json.loads(decode(body))
    except (ValueError, RecursionError):
        raise NotWanted("the server sent something that is not JSON") from None


def url_file_name(slug: str, kind: str) -> str:
    """The stable name of a URL's file: `feed-SLUG.xml|.json` or `page-SLUG.html`."""
    return f"page-{slug}.html" if kind == "html" else f"feed-{slug}.{kind}"


def decode(body: bytes) -> str:
    """The body as text for the readers (UTF-8, a byte-order mark dropped, bad bytes marked)."""
    return body.decode("utf-8-sig", errors="replace")


def read_previous(path: Path) -> str | None:
    """The file that is about to be replaced, as text; None when there is none."""
    try:
        return decode(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def save_history(folder: Path, name: str, body: bytes, when: datetime | None = None) -> Path:
    """Keep a response as `<folder>/.history/<stem>-<UTC time>.<ext>` (a new name each time)."""
    stamp = (when or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem, dot, ext = name.rpartition(".")
    history = folder / HISTORY
    history.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        suffix = f"_{n}" if n > 1 else ""  # sorts after the first one of that second
        target = history / f"{stem}-{stamp}{suffix}{dot}{ext}"
        try:
            return atomic_write(target, body, exclusive=True)
        except FileExistsError:  # two fetches within a second
            n += 1


def save(folder: Path, name: str, body: bytes) -> Path:
    """Write the response over its stable file, atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    return atomic_write(folder / name, body)
