"""Hacker News "Who is hiring?" threads: each top-level comment is a posting.

Three shapes: the Algolia item API (`hn.algolia.com/api/v1/items/ID`, a story with nested
`children`), the Firebase file `jobtui fetch hn:ID` writes (`{"story": <item>, "comments":
[<item>, ...]}`, each item as `hacker-news.firebaseio.com/v0/item/ID.json` gives it; a bare
array of comment items is read too; replies among them are told by their `parent` and left
out), and the thread page saved from a browser.

The first line (`Acme | Senior Engineer | Berlin | REMOTE | €90k | https://...`) is read
best-effort into meta; the body is always the whole comment, so a part that could not be
placed is still there.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from jobtui.postings.readers import Item, Read
from jobtui.postings.readers.markup import tangled, to_markdown

HN_ITEM_URL = "https://news.ycombinator.com/item?id="
_MAX_PART = 100
"""A longer part of the first line is prose, not a field."""
_MAX_COMPANY, _MAX_COMPANY_WORDS = 60, 7
_MAX_WEAK_LINE = 200
_MAX_LINE = 3000
"""A first paragraph longer than this (in HTML) is prose: no fields are read from it."""

_P_RE = re.compile(r"<\s*p\b[^>]*>", re.I)
_LEADING_P_RE = re.compile(r"^(?:\s|<\s*/?\s*p\b[^>]*>)+", re.I)
_PARENS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SEPARATORS = (
    re.compile(r"\s*\|\s*"),
    re.compile(r"\s*[•·]\s*"),
    re.compile(r"\s+[–—]\s+"),
    re.compile(r"\s+-\s+"),
    re.compile(r"\s*;\s*"),
    re.compile(r"\s+/\s+"),
)
"""First-line separators, strongest first: the first that splits the line is the only one used."""
_HIRING_RE = re.compile(r"^\s*(?:we(?:'re| are)\s+)?hiring\s*[:\-–—]\s*", re.I)
_URL_RE = re.compile(r"https?://\S+|www\.\S+", re.I)
_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_REMOTE_RE = re.compile(
    r"\b(?:remote(?:[- ](?:first|friendly|ok|only))?|on[- ]?site|in[- ]office|hybrid)\b", re.I
)
_EDGE_RE = re.compile(
    r"^(?:[\s/+&,:;()–-]|\b(?:or|and|ok)\b)+|(?:[\s/+&,:;()–-]|\b(?:or|and|ok)\b)+$", re.I
)
"""Connectors left at the edges of a place once its remote words are cut out."""
_ON_SITE_RE = re.compile(r"^(?:on[- ]?site|in[- ]office)", re.I)
_MONEY_RE = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?[kK]\b|\d\s?(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY)\b"
    r"|\b(?:USD|EUR|GBP|CAD|AUD|CHF)\s?\d|\bsalary\b|\bequity\b",
    re.I,
)
_ROLE_RE = re.compile(
    r"\b(?:engineers?|engineering|developers?|designers?|managers?|scientists?|leads?|"
    r"architects?|analysts?|sres?|devops|programmers?|researchers?|head of|directors?|"
    r"cto|vp|interns?|internships?|consultants?|specialists?|administrators?|recruiters?|"
    r"writers?|marketers?|roles|positions|openings|founding|hackers?|operators?|"
    r"technicians?|associates?|product owners?)\b",
    re.I,
)
_EMPLOYMENT_RE = re.compile(
    r"(?:full[- ]?time|part[- ]?time|contract(?:or)?|freelance|permanent|internship)"
    r"(?:\s*(?:,|/|or|and|\+)\s*(?:full[- ]?time|part[- ]?time|contract(?:or)?|freelance|"
    r"permanent|internship))*",
    re.I,
)
_PLACES = (
    "africa|amsterdam|argentina|asia|atlanta|austin|australia|austria|bangalore|barcelona|"
    "bay area|beijing|belgium|bengaluru|berlin|boston|boulder|brazil|brooklyn|brussels|"
    "budapest|california|canada|chicago|china|copenhagen|denver|dubai|dublin|edinburgh|"
    "england|estonia|europe|finland|france|frankfurt|germany|hamburg|helsinki|hong kong|"
    "india|ireland|israel|italy|japan|latin america|lisbon|london|los angeles|madrid|"
    "manchester|mexico|miami|milan|montreal|munich|nairobi|netherlands|new york|"
    "north america|norway|oslo|paris|philadelphia|pittsburgh|poland|portland|portugal|"
    "prague|raleigh|san diego|san francisco|san jose|sao paulo|seattle|seoul|"
    "silicon valley|singapore|south america|spain|stockholm|sweden|switzerland|sydney|"
    "taipei|tel aviv|tokyo|toronto|united kingdom|united states|vancouver|vienna|warsaw|"
    "washington|waterloo|worldwide|anywhere|zurich"
)
_ABBREVIATIONS = "US|USA|UK|EU|SF|LA|NYC|DC|UTC|EMEA|APAC|LATAM|CET|EST|PST"
_PLACE_WORD_RE = re.compile(rf"\b(?:(?i:{_PLACES})|{_ABBREVIATIONS})\b")
_STATE_RE = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*, [A-Z]{2}\b")
_STRONG_SEPARATORS = 2
"""The first two separators split any line; the others only a short one (prose has dashes)."""


def read_hn_json(data: Any, name: str) -> Read | None:
    """The postings of a thread as JSON (Algolia item, Firebase file), or None for other JSON."""
    story: Any
    if isinstance(data, dict) and data.get("type") == "story" and "children" in data:
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
        if not isinstance(text, str) or not text.strip():
            continue
        author = comment.get("author") if nested else comment.get("by")
        when = _day(comment.get("created_at_i") if nested else comment.get("time"))
        if when is None and nested:
            when = _day(comment.get("created_at"))
        found.append((n, *_posting(comment.get("id"), author, text, when, thread)))
    return _read(found)


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
        if not inner.strip() or body.get_text().strip() in ("[deleted]", "[dead]", "[flagged]"):
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
    first = _P_RE.split(_LEADING_P_RE.sub("", text), 1)[0]
    meta: dict[str, Any] = first_line_fields(first) if len(first) <= _MAX_LINE else {}
    meta.setdefault("url", hn_url)
    if when is not None:
        meta["posted"] = when.isoformat()
    if isinstance(author, str) and author.strip():
        meta["author"] = author.strip()
    meta["hn_url"] = hn_url
    if thread:
        meta["thread"] = thread
    return Item(key, meta, to_markdown(text)), None


def first_line_fields(line_html: str) -> dict[str, Any]:
    """What the first line of a comment states: company, title, location, remote, salary, url
    (and remote_note, employment_type); nothing unless it has two separated parts at least."""
    links = re.findall(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", line_html, re.I)
    line = html.unescape(re.sub(r"<[^>]*>", "", line_html))
    line = " ".join(_HIRING_RE.sub("", line).split())
    parts = _split(line)
    meta: dict[str, Any] = {}
    urls = [u for u in (html.unescape(link).strip() for link in links) if _URL_RE.match(u)]
    if len(parts) < 2:
        return {"url": urls[0]} if urls else {}
    for i, part in enumerate(parts):
        if len(part) > _MAX_PART:
            continue
        if _URL_RE.fullmatch(part):
            urls.append(part if part.lower().startswith("http") else "https://" + part)
        elif i == 0 and _DOMAIN_RE.fullmatch(part):
            meta["company"] = part  # `acme.io`: the company's name as it writes it
            urls.append("https://" + part)
        elif _MONEY_RE.search(part) and "salary" not in meta:
            meta["salary"] = part
        elif _EMPLOYMENT_RE.fullmatch(part) and "employment_type" not in meta:
            meta["employment_type"] = part
        elif i == 0 and not _REMOTE_RE.match(part) and not _is_place(part):
            if len(part) <= _MAX_COMPANY and len(part.split()) <= _MAX_COMPANY_WORDS:
                meta["company"] = part
        elif _ROLE_RE.search(part) and "title" not in meta:
            meta["title"] = part
        elif _REMOTE_RE.search(part) and "remote" not in meta and "remote_note" not in meta:
            _remote(part, meta)
        elif _is_place(part) and "location" not in meta:
            meta["location"] = part
    if urls:
        meta["url"] = urls[0]
    return meta


def _split(line: str) -> list[str]:
    """The parts of a first line, split on its strongest separator (none inside parentheses)."""
    masked = _PARENS_RE.sub(lambda m: "\0" * len(m.group()), line)
    for n, sep in enumerate(_SEPARATORS):
        if n >= _STRONG_SEPARATORS and len(line) > _MAX_WEAK_LINE:
            break
        cuts = [m.span() for m in sep.finditer(masked)]
        if cuts:
            starts = [0, *(end for _, end in cuts)]
            ends = [*(start for start, _ in cuts), len(line)]
            parts = [line[a:b].strip() for a, b in zip(starts, ends, strict=True)]
            parts = [p for p in parts if p]
            if n >= _STRONG_SEPARATORS and any(map(_prose, parts)):
                return [line]  # `We build X; we need engineers.` is a sentence, not fields
            if len(parts) >= 2:
                return parts
    return [line] if line else []


def _prose(part: str) -> bool:
    """A sentence piece: ends a sentence, or starts in lower case (a domain aside)."""
    lower = part[0].islower() and not (_DOMAIN_RE.match(part) or _URL_RE.match(part))
    return part[-1] in ".!?" or lower


def _is_place(part: str) -> bool:
    """Whether a part reads like a place: names a known place and is short, or is `City, ST`."""
    if _STATE_RE.search(part):
        return True
    words = re.findall(r"[\w']+", part)
    named = _PLACE_WORD_RE.findall(part)
    # `US only`, `NYC or SF`, `Berlin, Germany`: mostly place names and connectors
    fillers = {"or", "and", "only", "area", "greater", "based", "in", "the", "of", "bay"}
    rest = [w for w in words if w.lower() not in fillers]
    return bool(named) and len(rest) <= 2 * len(named) + 1


def _remote(part: str, meta: dict[str, Any]) -> None:
    """`REMOTE`, `Remote (EU timezones)`, `ONSITE`, `Hybrid (NYC)`, `NYC or Remote`."""
    words = [m.group().lower() for m in _REMOTE_RE.finditer(part)]
    remote = any(w.startswith("remote") for w in words)
    on_site = any(_ON_SITE_RE.match(w) for w in words)
    if any(w == "hybrid" for w in words) and not remote:
        meta["remote"] = "hybrid"
    elif remote != on_site:
        meta["remote"] = remote
    first = _REMOTE_RE.match(part)
    rest = part[first.end() :].strip() if first else ""
    if first and not _REMOTE_RE.search(rest) and re.fullmatch(r"\(.*\)|:.*|", rest):
        if rest.strip("():[] "):
            meta["remote_note"] = rest.strip("():[] ")  # `REMOTE (US)`: the qualifier
        return
    # a place besides: `NYC or Remote`, `Remote or SF`, `Berlin (remote OK)`, `Boston, MA / Remote`
    place = re.sub(r"\([^()]*\)", lambda m: " " if _REMOTE_RE.search(m[0]) else m[0], part)
    place = _EDGE_RE.sub("", _REMOTE_RE.sub(" / ", place))
    place = " ".join(place.split())
    if place and _is_place(place) and "location" not in meta:
        meta["location"] = place
    meta["remote_note"] = part


def _day(value: Any) -> date | None:
    """A comment's day (UTC) from unix seconds or an ISO timestamp; None for anything else."""
    if isinstance(value, int | float) and not isinstance(value, bool):
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
