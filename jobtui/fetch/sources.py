"""What to fetch: SOURCE strings (`greenhouse:acme`, `hn:latest`, a feed's URL), the URLs they
mean, the stable file names they are saved under, and the person's list of them (sources.txt).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from jobtui.storage import atomic_write, config_dir, locked

BOARDS = ("greenhouse", "lever", "lever-eu", "ashby", "hn")
"""The SOURCE kinds written `KIND:TOKEN`; a URL is the other kind."""

API_ENV = {
    "greenhouse": ("JOBTUI_GREENHOUSE_API", "https://boards-api.greenhouse.io/v1"),
    "lever": ("JOBTUI_LEVER_API", "https://api.lever.co/v0"),
    "lever-eu": ("JOBTUI_LEVER_API", "https://api.eu.lever.co/v0"),
    "ashby": ("JOBTUI_ASHBY_API", "https://api.ashbyhq.com"),
    "hn": ("JOBTUI_HN_API", "https://hn.algolia.com/api/v1"),
}
"""Each kind's base URL, and the environment variable that points it elsewhere (a local server
in tests or a trial; JOBTUI_LEVER_API serves both Lever regions)."""

_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_SLUG_BAD_RE = re.compile(r"[^a-z0-9.-]+")
_HOSTLIKE_RE = re.compile(
    r"(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)+[a-z]{2,})(?::\d{1,5})?(?:[/?#]|$)",
    re.I,
)
"""A SOURCE that starts like a host (`example.com/jobs`, `127.0.0.1:8000/feed.xml`): a URL
written without its scheme."""
_SLUG_EXT_RE = re.compile(r"\.(?:xml|rss|atom|json|html?)$")
"""A file extension at the end of a URL: the file's own extension is added after the slug."""
SLUG_MAX = 80
"""Longest slug of a URL in a file name (a longer one is cut and gets a short hash)."""
URL_MAX = 2000
SOURCES_FILE = "sources.txt"


class SourceError(ValueError):
    """A SOURCE that is not one jobtui can fetch; the message says what is wrong and what is."""


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to fetch."""

    kind: str
    """One of BOARDS, or `url` (a feed or a job page: which one, the response tells)."""
    token: str
    """The board's token, the item id or `latest` (hn), or the URL itself."""

    @property
    def text(self) -> str:
        """The SOURCE as written in sources.txt and in messages: `greenhouse:acme`."""
        return self.token if self.kind == "url" else f"{self.kind}:{self.token}"

    def url(self) -> str:
        """Where the board serves its postings (for `hn:latest`, the search for the thread)."""
        if self.kind == "url":
            return self.token
        base = api_base(self.kind)
        token = quote(self.token, safe="")
        if self.kind == "greenhouse":
            return f"{base}/boards/{token}/jobs?content=true"
        if self.kind in ("lever", "lever-eu"):
            return f"{base}/postings/{token}?mode=json"
        if self.kind == "ashby":
            return f"{base}/posting-api/job-board/{token}?includeCompensation=true"
        if self.token == "latest":
            return f"{base}/search_by_date?tags=story,author_whoishiring&hitsPerPage=50"
        return hn_item_url(self.token)

    def file_name(self) -> str | None:
        """The stable file name in the folder; None when only the response can tell (a URL:
        feed or page; `hn:latest`: the thread's id)."""
        if self.kind == "url" or self.token == "latest":
            return None
        kind = "lever" if self.kind == "lever-eu" else self.kind
        return f"{kind}-{self.token.lower()}.json"


def api_base(kind: str) -> str:
    """The base URL of a board's API: its environment variable, else the public one."""
    env, default = API_ENV[kind]
    return (os.environ.get(env) or default).rstrip("/")


def api_override(kind: str) -> str | None:
    """The environment variable that points a board kind's API elsewhere, when it is set."""
    env = API_ENV[kind][0] if kind in API_ENV else None
    return env if env and os.environ.get(env) else None


def hn_item_url(item_id: str) -> str:
    return f"{api_base('hn')}/items/{quote(item_id, safe='')}"


def parse_source(text: str) -> Source:
    """A SOURCE string as a Source; SourceError with a one-line reason when malformed."""
    raw = text.strip()
    if not raw:
        raise SourceError("an empty SOURCE")
    shown = raw if len(raw) <= 80 else raw[:77] + "..."
    low = raw.lower()
    if low.startswith(("http://", "https://")):
        return Source("url", _checked_url(raw, shown))
    kind, colon, token = raw.partition(":")
    kind = kind.lower()
    if (not colon or kind not in BOARDS) and _HOSTLIKE_RE.match(raw):
        raise SourceError(
            f"{shown!r} is not a SOURCE: did you mean https://{shown} (or http://{shown})?"
        )
    if not colon or kind not in BOARDS:
        raise SourceError(
            f"{shown!r} is not a SOURCE: write greenhouse:TOKEN, lever:SITE, lever-eu:SITE, "
            "ashby:BOARD, hn:latest, hn:ITEM_ID or an http(s) URL of a feed or job page"
        )
    if kind == "hn":
        if token.lower() == "latest":
            return Source("hn", "latest")
        if not token.isascii() or not token.isdigit() or len(token) > 20:
            raise SourceError(f"{shown!r}: hn takes 'latest' or an item's number (hn:12345678)")
        return Source("hn", str(int(token)))
    if not _TOKEN_RE.fullmatch(token):
        raise SourceError(
            f"{shown!r}: a {kind} token is letters, digits, '-', '_' and '.' "
            "(up to 100, starting with a letter or digit)"
        )
    return Source(kind, token)


def _checked_url(raw: str, shown: str) -> str:
    if len(raw) > URL_MAX or any(ch.isspace() or not ch.isprintable() for ch in raw):
        raise SourceError(f"{shown!r}: not a URL jobtui fetches (spaces, controls or too long)")
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 (raises for a bad port)
    except ValueError:
        raise SourceError(f"{shown!r}: not a valid URL") from None
    if not parts.hostname:
        raise SourceError(f"{shown!r}: a URL needs a host")
    return parts.scheme.lower() + raw[len(parts.scheme) :]


def url_slug(url: str, legacy: bool = False) -> str:
    """`host-and-path` of a URL for a file name: lowercase `[a-z0-9.-]`, at most SLUG_MAX
    characters, ending in a short hash of the whole URL when cut; without a trailing `.xml`,
    `.json`, `.html`... (`legacy`: with it, as names were made before)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port:
        host += f"-{parts.port}"
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    slug = _SLUG_BAD_RE.sub("-", f"{host}{rest}".lower())
    if not legacy:
        slug = _SLUG_EXT_RE.sub("", slug)
    slug = slug.strip("-.")
    slug = re.sub(r"-{2,}", "-", slug) or "url"
    if len(slug) > SLUG_MAX:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
        slug = slug[: SLUG_MAX - len(digest) - 1].rstrip("-.") + "-" + digest
    return slug


# --- the sources list ----------------------------------------------------------------------


def sources_path(directory: str | os.PathLike[str] | None = None) -> Path:
    """`<config dir>/sources.txt`: one SOURCE a line, `#` comments (edited by hand too)."""
    return config_dir(directory) / SOURCES_FILE


def read_sources(path: Path) -> tuple[list[Source], list[str]]:
    """The sources in the list (each once, in file order), and its malformed lines with why.
    A missing file is an empty list."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return [], []
    sources: list[Source] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = _entry(line)
        if not entry:
            continue
        try:
            source = parse_source(entry)
        except SourceError as exc:
            problems.append(f"{path}:{number}: {exc}")
            continue
        if source not in sources:
            sources.append(source)
    return sources, problems


def _entry(line: str) -> str:
    """A line's SOURCE without its comment (a `#` at the start or after a space)."""
    stripped = line.strip()
    if stripped.startswith("#"):
        return ""
    return re.split(r"\s#", stripped, maxsplit=1)[0].strip()


def add_sources(path: Path, texts: Iterable[str]) -> tuple[list[Source], list[Source]]:
    """Add SOURCEs to the list (all validated first: SourceError adds none), keeping every
    other line as it is. Returns (added, already there)."""
    wanted = [parse_source(t) for t in texts]
    with locked(path.with_name(path.name + ".lock")):
        lines = _lines(path)
        present = _present(lines)
        added: list[Source] = []
        already: list[Source] = []
        for source in wanted:
            (already if source in present or source in added else added).append(source)
        if added:
            lines.extend(s.text for s in added)
            atomic_write(path, "".join(f"{line}\n" for line in lines))
    return added, already


def remove_sources(path: Path, texts: Iterable[str]) -> tuple[list[Source], list[Source]]:
    """Remove SOURCEs' lines from the list (comments and other lines stay). Returns (removed,
    not in the list)."""
    unwanted = [parse_source(t) for t in texts]
    with locked(path.with_name(path.name + ".lock")):
        lines = _lines(path)
        kept = [line for line in lines if _parsed(_entry(line)) not in unwanted]
        present = _present(lines)
        removed = [s for s in unwanted if s in present]
        missing = [s for s in unwanted if s not in present]
        if removed:
            atomic_write(path, "".join(f"{line}\n" for line in kept))
    return removed, missing


def _lines(path: Path) -> list[str]:
    """The list's lines, to be written back: a list that is not UTF-8 is refused rather than
    written over with its bad bytes replaced (it is the person's file)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path} is not UTF-8 (byte {exc.start}): not changed; save it as UTF-8 and try again"
        ) from None
    return (
        text.removeprefix("\ufeff")
        .replace("\r\n", "\n")
        .split("\n")[: -1 if text.endswith("\n") else None]
    )


def _parsed(entry: str) -> Source | None:
    try:
        return parse_source(entry) if entry else None
    except SourceError:
        return None


def _present(lines: list[str]) -> list[Source]:
    return [s for s in (_parsed(_entry(line)) for line in lines) if s is not None]
