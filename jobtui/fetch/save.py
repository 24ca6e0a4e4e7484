"""Responses into the folder: what a response is (JSON, a feed, a page), whether it is what
was asked for, its stable file name, and the atomic writes of the file and its dated copy."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from jobtui.postings.text import clean_field, clean_inline
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


_HEADING_RE = re.compile(r"<(title|h1)\b[^>]*>(.*?)</\1\s*>", re.I | re.S)
_ERROR_TITLE_RE = re.compile(
    r"(?:error\s*:?\s*)?(?:[45]\d\d\b|bad gateway|gateway time-?out|service (?:temporarily )?"
    r"unavailable|internal server error|(?:page )?not found|forbidden|access denied|unauthori[sz]ed"
    r"|too many requests|just a moment|attention required|checking your browser|"
    r"are you a (?:robot|human)|request (?:rejected|blocked)|site maintenance)",
    re.I,
)
"""How the title or first heading of an error page or a bot wall starts."""


def error_page(body: bytes) -> str | None:
    """The title (or h1) of an HTML page that is plainly an error page or a bot wall
    (`502 Bad Gateway`, `Just a moment...`), None for any other page."""
    head = decode(body[:65536])
    for _, inner in _HEADING_RE.findall(head)[:4]:
        text = clean_field(clean_inline(inner))
        if text and _ERROR_TITLE_RE.match(text):
            return text if len(text) <= 80 else text[:79] + "…"
    return None


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
    """Keep a response as `<folder>/.history/<stem>-<UTC time>.<ext>` (a new name each time),
    unless the newest copy kept for `name` is byte-identical: that copy is returned instead."""
    stamp = (when or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    stem, dot, ext = name.rpartition(".")
    history = folder / HISTORY
    history.mkdir(parents=True, exist_ok=True)
    newest = newest_history(folder, name)
    if newest is not None and _same_bytes(newest, body):
        return newest
    n = 1
    while True:
        suffix = f"_{n}" if n > 1 else ""  # sorts after the first one of that second
        target = history / f"{stem}-{stamp}{suffix}{dot}{ext}"
        try:
            return atomic_write(target, body, exclusive=True)
        except FileExistsError:  # two fetches within a second
            n += 1


def newest_history(folder: Path, name: str) -> Path | None:
    """The latest dated copy of `name` in the history, None when there is none."""
    stem, dot, ext = name.rpartition(".")
    pattern = re.compile(re.escape(stem) + r"-(\d{8}T\d{6}Z)(?:_(\d+))?" + re.escape(dot + ext))
    best: tuple[str, int, Path] | None = None
    try:
        entries = list((folder / HISTORY).iterdir())
    except OSError:
        return None
    for path in entries:
        found = pattern.fullmatch(path.name)
        if found:
            key = (found.group(1), int(found.group(2) or 1), path)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _same_bytes(path: Path, body: bytes) -> bool:
    try:
        return path.stat().st_size == len(body) and path.read_bytes() == body
    except OSError:
        return False


def save(folder: Path, name: str, body: bytes) -> Path:
    """Write the response over its stable file, atomically; a file that already holds exactly
    these bytes is left alone (its modification time too: the load store keeps its postings)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    try:
        if path.stat().st_size == len(body) and path.read_bytes() == body:
            return path
    except OSError:
        pass  # absent or unreadable: written below
    return atomic_write(path, body)
