"""Hacker News "Who is hiring?" threads: each top-level comment is a posting.

Three shapes: the Algolia item API (`hn.algolia.com/api/v1/items/ID`, a story with nested
`children`), the Firebase file `jobtui fetch hn:ID` writes (`{"story": <item>, "comments":
[<item>, ...]}`, each item as `hacker-news.firebaseio.com/v0/item/ID.json` gives it; a bare
array of comment items is read too; replies among them are told by their `parent` and left
out), and the thread page saved from a browser.

The first line (`Acme | Senior Engineer | Berlin | REMOTE | €90k | https://...`) and `Key:
value` lines are read best-effort into meta (`hn_first_line`); the body is always the whole
comment with its links, so a part that could not be placed is still there. The posting's url
is its first link that is not to Hacker News (the first line's first), else the comment's page.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from jobtui.postings.readers import Item, Read
from jobtui.postings.readers.hn_first_line import first_line_fields, key_line_fields, web_link
from jobtui.postings.readers.markup import tangled, to_markdown

__all__ = ["first_line_fields", "read_hn_json", "read_hn_page"]

HN_ITEM_URL = "https://news.ycombinator.com/item?id="
_MAX_LINE = 3000
"""A first paragraph longer than this (in HTML) is prose: no fields are read from it."""
_KEY_PARAGRAPHS = 6
"""`Key: value` lines are looked for in this many paragraphs from the top."""
_REMOVED = frozenset({"[flagged]", "[dead]", "[deleted]"})
"""What Hacker News leaves as the text of a comment it took down."""

_P_RE = re.compile(r"<\s*p\b[^>]*>", re.I)
_LEADING_P_RE = re.compile(r"^(?:\s|<\s*/?\s*p\b[^>]*>)+", re.I)
_LINE_RE = re.compile(r"<\s*br\s*/?\s*>|\n", re.I)
_ANCHOR_RE = re.compile(r"<a\b([^<>]*)>([^<]*)</a\s*>", re.I)
_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_LINK_RE = re.compile(
    r"""<a\b[^<>]*?\bhref\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)')|(https?://[^\s<>"']+)""", re.I
)
_AUTOLINK_RE = re.compile(r"<(https?://[^\s<>]+)>")
_FENCE_RE = re.compile(r"(^```[^\n]*$)", re.M)


def read_hn_json(data: Any, name: str) -> Read | None:
    """The postings of a thread as JSON (Algolia item, Firebase file), or None for other JSON."""
    story: Any
    if isinstance(data, dict) and "children" in data and _a_story(data):
        story, comments, nested = data, data.get("children"), True
    elif isinstance(data, dict) and set(data) >= {"story", "comments"}:
        story, comments, nested = data.get("story"), data.get("comments"), False
        if not isinstance(story, dict) or story.get("type") not in (None, "story"):
            return None
    elif isinstance(data, list) and _firebase_comments(data):
        story, comments, nested = {}, data, False
    else:
        return None
    if not isinstance(comments, list):
        return Read("hn", [], problems=["comments: not a list"])
    thread = _clean(story.get("title"))
    story_id = story.get("id")
    ids = {c.get("id") for c in comments if isinstance(c, dict) and _scalar(c.get("id"))}
    found: list[tuple[Any, Item | None, str | None]] = []
    for n, comment in enumerate(comments, 1):
        if not isinstance(comment, dict):
            found.append((n, None, "not an object"))
            continue
        if not nested:  # Firebase lists replies too: a top-level comment's parent is the story
            parent = comment.get("parent")
            if not _scalar(parent):
                continue
            top = parent == story_id if story_id is not None else parent not in ids
            if not top:
                continue
        if comment.get("type") not in (None, "comment"):
            continue  # a poll option
        if comment.get("deleted") is True or comment.get("dead") is True:
            continue
        text = comment.get("text")
        if not isinstance(text, str) or not text.strip() or _removed(text):
            continue
        author = comment.get("author") if nested else comment.get("by")
        when = _day(comment.get("created_at_i") if nested else comment.get("time"))
        if when is None and nested:
            when = _day(comment.get("created_at"))
        found.append((n, *_posting(comment.get("id"), author, text, when, thread)))
    return _read(found)


_THREAD_TITLE_RE = re.compile(r"\bwho\s+is\s+hiring\b|\bseeking\s+freelancer\b|^Ask\s+HN\b", re.I)
"""A hiring thread's title, for an item saved without its `type`."""


def _a_story(data: dict[str, Any]) -> bool:
    """Whether an Algolia item is a story: it says so, or (saved without its `type`) its
    title is a hiring thread's and its children are comments (`text`, `author`)."""
    if data.get("type") == "story":
        return True
    children = data.get("children")
    return (
        data.get("type") is None
        and isinstance(data.get("title"), str)
        and _THREAD_TITLE_RE.search(data["title"]) is not None
        and isinstance(children, list)
        and all(isinstance(c, dict) and ("text" in c or "author" in c) for c in children)
    )


def _scalar(value: Any) -> bool:
    """An id or parent that can be compared and kept in a set (a list cannot)."""
    return isinstance(value, int | str) and not isinstance(value, bool)


def _firebase_comments(data: list[Any]) -> bool:
    """Whether a JSON array is Firebase comment items (a Lever array is not)."""
    items = [x for x in data if isinstance(x, dict)]
    return any(x.get("type") == "comment" and "parent" in x for x in items) and all(
        x.get("type") in (None, "comment") for x in items
    )


def read_hn_page(text: str, name: str) -> Read | None:
    """The postings of a thread page saved from a browser, or None for any other page."""
    if ("ycombinator" not in text and "comtr" not in text) or tangled(text):
        return None
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            soup = BeautifulSoup(text, "html.parser")
        except RecursionError:
            return None
    rows = soup.select("tr.athing.comtr")
    if not rows and not (soup.select_one("table.fatitem") and "Hacker News" in text):
        return None
    title_tag = soup.select_one(".titleline > a") or soup.select_one(".titleline")
    thread = _clean(title_tag.get_text(" ")) if title_tag else None
    found: list[tuple[Any, Item | None, str | None]] = []
    for n, row in enumerate(rows, 1):
        if _depth(row) != 0:
            continue
        body = row.select_one(".commtext")
        head = row.select_one(".comhead")
        head_text = head.get_text(" ") if head else ""
        if body is None or "[dead]" in head_text or "[flagged]" in head_text:
            continue
        for junk in body.select(".reply"):
            junk.decompose()
        inner = body.decode_contents()
        if not inner.strip() or body.get_text().strip().lower() in _REMOVED:
            continue
        user = row.select_one("a.hnuser")
        age = row.select_one("span.age")
        stamp = str(age.get("title") or "") if age else ""
        when = _day(stamp.split()[0] if stamp.split() else None)
        if when is None and len(stamp.split()) > 1:
            when = _day(stamp.split()[1])
        author = user.get_text().strip() if user else None
        found.append((n, *_posting(row.get("id"), author, inner, when, thread)))
    return _read(found)


def _depth(row: Any) -> int | None:
    """A page row's depth in the tree (0: top level), from its indent or its spacer's width."""
    ind = row.select_one("td.ind")
    if ind is None:
        return None
    for value, unit in ((ind.get("indent"), 1), (ind.img.get("width") if ind.img else None, 40)):
        if isinstance(value, str) and value.strip().isdigit():
            return int(value) // unit
    return None


def _read(found: Iterable[tuple[Any, Item | None, str | None]]) -> Read:
    """The items found, each key made unique (`~2`), and the comments that could not be read."""
    items: list[Item] = []
    problems: list[str] = []
    keys: set[str] = set()
    for n, item, why in found:
        if item is None:
            problems.append(f"comment {n}: {why}")
            continue
        key, i = item.key, 1
        while key in keys:
            i += 1
            key = f"{item.key}~{i}"
        keys.add(key)
        items.append(item if key == item.key else Item(key, item.meta, item.body))
    return Read("hn", items, problems=problems)


def _posting(
    comment_id: Any, author: Any, text: str, when: date | None, thread: str | None
) -> tuple[Item | None, str | None]:
    """A top-level comment as an item, or None and why."""
    if isinstance(comment_id, bool) or not isinstance(comment_id, int | str):
        return None, "no id"
    key = str(comment_id).strip()
    if not re.fullmatch(r"[0-9]{1,20}", key):
        return None, "no id"
    hn_url = HN_ITEM_URL + key
    paragraphs = _P_RE.split(_LEADING_P_RE.sub("", text), _KEY_PARAGRAPHS)[:_KEY_PARAGRAPHS]
    first = _LINE_RE.split(paragraphs[0], 1)[0]
    meta: dict[str, Any] = first_line_fields(first) if len(first) <= _MAX_LINE else {}
    for field, value in key_line_fields([p[:_MAX_LINE] for p in paragraphs]).items():
        meta.setdefault(field, value)
    meta.setdefault("url", first_link(text) or hn_url)
    if when is not None:
        meta["posted"] = when.isoformat()
    if isinstance(author, str) and author.strip():
        meta["author"] = author.strip()
    meta["hn_url"] = hn_url
    if thread:
        meta["thread"] = thread
    return Item(key, meta, comment_markdown(text)), None


def _removed(text: str) -> bool:
    """Whether a comment's text is what Hacker News leaves of one it took down (`[flagged]`)."""
    return len(text) < 100 and re.sub(r"<[^>]*>", "", text).strip().lower() in _REMOVED


def first_link(text: str) -> str | None:
    """The first http(s) link of a comment's HTML that is not to Hacker News itself."""
    for m in _LINK_RE.finditer(text):
        href = m[1] if m[1] is not None else m[2]
        url = html.unescape(href).strip() if href is not None else m[3].rstrip(".,;:!?)'\"")
        if web_link(url):
            return url
    return None


def comment_markdown(text: str) -> str:
    """A comment's HTML as Markdown that keeps its links: `[label](href)`, and a link that
    shows its own address (whole or cut short, `https://acme.example/care...`) as that address.

    markdownify writes the latter `<https://...>`, which the loader's cleaning takes for a tag
    and drops: they are written bare here."""
    markdown = to_markdown(_ANCHOR_RE.sub(_full_label, text))
    pieces = _FENCE_RE.split(markdown)
    fenced = False
    for n, piece in enumerate(pieces):
        if n % 2:  # a fence line: it opens or closes a code block
            fenced = not fenced
        elif not fenced:
            pieces[n] = _AUTOLINK_RE.sub(r"\1", piece)
    return "".join(pieces)


def _full_label(m: re.Match[str]) -> str:
    """An anchor whose label is its own address, cut short or not, labelled with all of it."""
    href_m = _HREF_RE.search(m[1])
    if href_m is None:
        return m[0]
    href = html.unescape(href_m[1] if href_m[1] is not None else href_m[2]).strip()
    label = html.unescape(m[2]).strip()
    short = label.rstrip(".…")
    if not re.match(r"https?://", href, re.I) or not re.match(r"https?://", label, re.I):
        return m[0]
    if label != href and not (short != label and href.startswith(short)):
        return m[0]
    return f"<a{m[1]}>{html.escape(href, quote=False)}</a>"


def _day(value: Any) -> date | None:
    """A comment's day (UTC) from unix seconds or an ISO timestamp; None for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value <= 0:
            return None  # 0: no time given (then `created_at` says it); HN began in 2007
        try:
            return datetime.fromtimestamp(value, UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        if value.strip().isdigit() and len(value.strip()) < 12:
            return _day(int(value))
        m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def _clean(value: Any) -> str | None:
    """A thread title as one line, or None."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text[:300] or None
