"""One fetch of one source, start to end: download, check, keep a dated copy, compare with the
file as it was, replace it. A failure is an Outcome with an error, never an exception, so one
source that fails does not stop the others."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from jobtui.fetch import save as saving
from jobtui.fetch.changes import Changes, compare
from jobtui.fetch.client import Fetcher, FetchError, Progress, Response, Retrying
from jobtui.fetch.sources import Source, api_override, hn_item_url, url_slug
from jobtui.postings.readers import NotReadable
from jobtui.storage import why_not_saved

HIRING_TITLE = "ask hn: who is hiring?"
"""How the monthly thread's title starts (compared in lowercase)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What fetching one source did."""

    source: Source
    """What was fetched."""
    file: Path | None = None
    """The stable file written (or that would have been), None when it is not known."""
    changes: Changes | None = None
    """What is new, None when the fetch failed or the file could not be compared."""
    error: str | None = None
    """Why the source failed (one line, without the source), None when it worked."""
    note: str | None = None
    """A warning when it worked (`saved, but what is new could not be told: ...`)."""


def fetch_all(
    sources: Iterable[Source],
    folder: Path,
    fetcher: Fetcher,
    progress: Callable[[Source], Progress | None] | None = None,
) -> list[Outcome]:
    """Fetch every source into `folder`, one after the other, each on its own."""
    return [fetch_source(s, folder, fetcher, progress(s) if progress else None) for s in sources]


def fetch_source(
    source: Source,
    folder: Path,
    fetcher: Fetcher,
    progress: Progress | None = None,
    retrying: Retrying | None = None,
) -> Outcome:
    """Fetch one source into `folder` and say what changed."""
    url = source.url()
    try:
        if source.kind == "hn" and source.token == "latest":
            url = hn_item_url(_latest_thread(fetcher.get(url, retrying=retrying).body))
        response = fetcher.get(url, progress, retrying)
    except FetchError as exc:
        return Outcome(source, error=_not_found(source, url) if exc.status == 404 else str(exc))
    if source.kind == "url":
        return _keep_url(source, folder, response)
    name = source.file_name() or f"hn-{_item_id(url)}.json"
    return _keep(source, folder, name, response.body)


def _keep_url(source: Source, folder: Path, response: Response) -> Outcome:
    """A URL's response under its file name; an HTML page is refused when the URL was saved
    as a feed before, or when it is plainly an error page (kept only in the history)."""
    body = response.body
    kind = saving.kind_of(body, response.content_type)
    if not body.strip():
        return Outcome(source, error="the server sent an empty response")
    if kind is None:
        shown = response.content_type or "no Content-Type"
        return Outcome(source, error=f"neither a feed nor a web page ({shown})")
    saved = _saved_url_files(folder, source.token)
    name = saved.get(kind) or saving.url_file_name(url_slug(source.token), kind)
    if kind != "html":
        return _keep(source, folder, name, body)
    title = saving.error_page(body)
    feed = saved.get("xml") or saved.get("json")
    if feed is None and title is None:
        return _keep(source, folder, name, body)
    try:
        history = saving.save_history(folder, name, body)
    except OSError as exc:
        return Outcome(source, error=why_not_saved(folder / name, exc, "the response"))
    said = f': "{title}"' if title else ""
    why = (
        f"not a feed any more (an HTML page{said})"
        if feed
        else f'the server sent an error page, not a job page ("{title}")'
    )
    kept = f"{saving.HISTORY}/{history.name}"
    return Outcome(source, folder / (feed or name), error=f"{why}: not saved (kept in {kept})")


def _saved_url_files(folder: Path, url: str) -> dict[str, str]:
    """The files a URL was already saved under, by kind (`xml`, `json`, `html`); a name made
    the old way (`feed-...-feed.xml.xml`) is still found, so its postings keep their ids."""
    found: dict[str, str] = {}
    for kind in ("xml", "json", "html"):
        for slug in (url_slug(url, legacy=True), url_slug(url)):
            name = saving.url_file_name(slug, kind)
            if (folder / name).is_file():
                found[kind] = name
                break
    return found


def _keep(source: Source, folder: Path, name: str, body: bytes) -> Outcome:
    target = folder / name
    try:
        history = saving.save_history(folder, name, body) if body.strip() else None
        if source.kind != "url":
            saving.check_json(body)
        previous = saving.read_previous(target)
        note = None
        try:
            changes: Changes | None = compare(previous, saving.decode(body), name)
        except NotReadable as exc:
            kept = f" (kept in {saving.HISTORY}/{history.name})" if history else ""
            return Outcome(source, target, error=f"{exc}: {name} not replaced{kept}")
        except Exception as exc:  # a reader's bug must not lose the response
            changes = None
            note = f"saved, but what is new could not be told ({type(exc).__name__}: {exc})"
        saving.save(folder, name, body)
    except saving.NotWanted as exc:
        return Outcome(source, target, error=f"{exc}: {name} not replaced")
    except OSError as exc:
        return Outcome(source, target, error=why_not_saved(target, exc, "the response"))
    return Outcome(source, target, changes, note=note)


def _latest_thread(body: bytes) -> str:
    """The id of the newest "Ask HN: Who is hiring?" story in an Algolia search's answer."""
    try:
        data = json.loads(saving.decode(body))
    except (ValueError, RecursionError):
        raise FetchError("the Hacker News search did not answer JSON") from None
    hits = data.get("hits") if isinstance(data, dict) else None
    best: tuple[int, str] | None = None
    for hit in hits if isinstance(hits, list) else []:
        if not isinstance(hit, dict):
            continue
        title, item = hit.get("title"), hit.get("objectID")
        when = hit.get("created_at_i")
        if not isinstance(title, str) or not title.lower().startswith(HIRING_TITLE):
            continue
        if not isinstance(item, str | int) or not str(item).isdigit():
            continue
        stamp = when if isinstance(when, int) else 0
        if best is None or stamp > best[0]:
            best = (stamp, str(item))
    if best is None:
        raise FetchError("no 'Ask HN: Who is hiring?' thread found")
    return best[1]


def _item_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _not_found(source: Source, url: str) -> str:
    """What a 404 means for the source; naming the URL and the variable when the API base
    was pointed elsewhere (a mistyped base is the likelier cause then)."""
    if source.kind == "url":
        return "not found (404)"
    what = "no such item" if source.kind == "hn" else "no such board"
    env = api_override(source.kind)
    return f"{what} at {url} ({env})" if env else what
