"""Field extraction: front matter of any schema, the heading block, and best-effort body text.

Every rule here prefers saying nothing to inventing: a field is only filled when the posting
states it, and each filled field records where it was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from jobtui import vocab
from jobtui.model import Origin, Salary
from jobtui.salary import CURRENCY, PERIOD_WORDS, infer_period, parse_salary
from jobtui.text import clean_inline


@dataclass(slots=True)
class Fields:
    """The extracted fields of one posting, before it becomes a frozen Posting."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote: bool | None = None
    salary: Salary | None = None
    tags: list[str] = field(default_factory=list)
    posted: date | None = None
    url: str | None = None
    origins: dict[str, Origin] = field(default_factory=dict)

    def put(self, name: str, value: Any, origin: Origin) -> None:
        """Set a field unless it is already known (earlier sources win)."""
        if value in (None, "", []) or getattr(self, name) not in (None, "", []):
            return
        setattr(self, name, value)
        self.origins[name] = origin


# --- Front matter -----------------------------------------------------------------------------

KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "jobtitle", "position", "role", "name"),
    "company": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "employer",
        "hiringorganization",
        "org",
    ),
    "location": ("location", "locations", "joblocation", "region", "city", "place"),
    "url": (
        "applyurl",
        "applylink",
        "apply",
        "url",
        "link",
        "joburl",
        "sourceurl",
        "permalink",
        "href",
    ),
    "posted": (
        "date",
        "posted",
        "posteddate",
        "dateposted",
        "postedat",
        "created",
        "createdat",
        "published",
        "publishedat",
        "pubdate",
        "timestamp",
    ),
    "tags": (
        "tags",
        "hashtags",
        "technologies",
        "tech",
        "stack",
        "skills",
        "categories",
        "keywords",
        "labels",
    ),
    "remote": ("remote", "remotepolicy", "remoteok", "workplace", "workplacetype", "telecommute"),
    "salary": ("salary", "salaryrange", "compensation", "pay"),
}


def _norm_key(key: object) -> str:
    return re.sub(r"[\s_\-]", "", str(key)).lower()


def meta_lookup(meta: Mapping[str, Any], name: str) -> list[Any]:
    """Values of the front matter keys that mean `name`, in order of preference."""
    by_key = meta if isinstance(meta, _NormalisedMeta) else _NormalisedMeta(meta)
    return [by_key[k] for k in KEYS[name] if by_key.get(k) not in (None, "", [], {})]


class _NormalisedMeta(dict[str, Any]):
    """Front matter keyed by normalised key (`companyName`, `company_name` -> `companyname`)."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        super().__init__()
        for k, v in meta.items():
            self.setdefault(_norm_key(k), v)


def _as_text(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or next(iter(value.values()), None)
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if v not in (None, ""))
    if value is None or isinstance(value, bool):
        return None
    text = clean_inline(value).strip("\"'").strip()
    return text or None


def from_front_matter(meta: Mapping[str, Any], f: Fields) -> None:
    """Map the common keys of any schema onto fields."""
    original = meta
    meta = _NormalisedMeta(meta)
    for value in meta_lookup(meta, "title"):
        f.put("title", strip_link(_as_text(value) or "")[0], "front matter")
    for value in meta_lookup(meta, "company"):
        f.put("company", _as_text(value), "front matter")
    for value in meta_lookup(meta, "location"):
        f.put("location", clean_location(_as_text(value)), "front matter")
    for value in meta_lookup(meta, "url"):
        f.put("url", clean_url(_as_text(value)), "front matter")
    if f.url is None:
        contact = meta.get("contact") or meta.get("email") or original.get("contact")
        email = contact.get("email") if isinstance(contact, Mapping) else contact
        f.put("url", clean_url(_as_text(email)), "front matter")
    for value in meta_lookup(meta, "posted"):
        f.put("posted", parse_date(value), "front matter")
    tags: list[str] = []
    for value in meta_lookup(meta, "tags"):
        items = re.split(r"[,;]", value) if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            items = [items]
        for item in items:
            text = _as_text(item)
            if text:
                tags.extend(
                    vocab.canonical(t) for t in re.split(r"\s+(?=#)", text) if t.strip("# ")
                )
    f.put("tags", list(dict.fromkeys(t for t in tags if t)), "front matter")
    for value in meta_lookup(meta, "remote"):
        f.put("remote", parse_remote_value(value), "front matter")
    for value in meta_lookup(meta, "salary"):
        if isinstance(value, Mapping):
            f.put("salary", _salary_from_mapping(value), "front matter")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            f.put(
                "salary",
                Salary(float(value), float(value), None, infer_period(value, None)),
                "front matter",
            )
        else:
            f.put("salary", parse_salary(str(value), require_currency=False), "front matter")


def _salary_from_mapping(value: Mapping[str, Any]) -> Salary | None:
    low = {_norm_key(k): v for k, v in value.items()}

    def num(*keys: str) -> float | None:
        for k in keys:
            v = low.get(k)
            if isinstance(v, int | float) and not isinstance(v, bool):
                return float(v)
            if isinstance(v, str):
                parsed = parse_salary(v, require_currency=False)
                if parsed:
                    return parsed.top
        return None

    lo, hi = num("min", "from", "minimum", "low"), num("max", "to", "maximum", "high")
    if lo is None and hi is None:
        return None
    currency = low.get("currency")
    period = low.get("period") or low.get("unit") or low.get("per")
    return Salary(
        lo,
        hi if hi is not None else lo,
        str(currency).upper() if currency else None,
        PERIOD_WORDS.get(str(period).lower()) if period else infer_period(hi or lo, None),
    )


def parse_remote_value(value: Any) -> bool | None:
    """A front matter remote flag: booleans, yes/no, or a policy such as `hybrid`."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("yes", "true", "y", "1", "remote", "fully remote", "full", "anywhere", "100%"):
        return True
    if text in ("no", "false", "n", "0", "onsite", "on-site", "office", "in office", "none"):
        return False
    if "remote" in text and "no" not in text.split():
        return True
    return None


# --- Dates ------------------------------------------------------------------------------------

_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y%m%d",
)


def parse_date(value: Any) -> date | None:
    """Dates as boards write them: YAML dates, epoch seconds or ms, ISO and common strings."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) or (
        isinstance(value, str) and re.fullmatch(r"\d{9,13}", value.strip())
    ):
        stamp = float(value)
        if stamp > 1e11:  # milliseconds
            stamp /= 1000
        if 1e8 < stamp < 4.2e9:
            return datetime.fromtimestamp(stamp, tz=UTC).date()
        return None
    text = str(value).strip().strip("\"'")
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


# --- Links ------------------------------------------------------------------------------------

_LINK_RE = re.compile(
    r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def clean_url(value: str | None) -> str | None:
    """An http(s) or mailto link, or None; a bare e-mail address becomes a mailto link."""
    if not value:
        return None
    value = value.strip().strip("<>\"'")
    if value.lower().startswith("mailto:"):
        address = value[7:].split("?", 1)[0]
        return f"mailto:{address}" if _EMAIL_RE.fullmatch(address) else None
    if re.match(r"https?://[^\s/]+\.[^\s]+", value, re.I):
        return value.split()[0]
    if _EMAIL_RE.fullmatch(value):
        return f"mailto:{value}"
    if re.match(r"www\.[^\s/]+\.\w+", value, re.I):
        return "https://" + value.split()[0]
    return None


def strip_link(text: str) -> tuple[str, str | None]:
    """`[Title](url)` gives the title and the url; plain text is returned as it is."""
    m = _LINK_RE.search(text)
    if not m:
        return strip_emphasis(text), None
    inner = text[: m.start()] + m.group(1) + text[m.end() :]
    return strip_emphasis(inner), clean_url(m.group(2))


def strip_emphasis(text: str) -> str:
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split()).strip(" :-–—|")


_APPLY_TEXT_RE = re.compile(
    r"apply|application|learn more|view (?:the )?(?:job|position|posting)|job posting|more info"
    r"|read more|see (?:the )?(?:job|position)|details|click here",
    re.I,
)
_APPLY_HEADING_RE = re.compile(r"^(?:#+\s*|\*\*|__)?[^\n]{0,40}\b(?:to )?apply\b", re.I | re.M)


def url_from_body(body: str) -> str | None:
    """An apply link: `[APPLY](...)`, a link under "To apply", or a link-wrapped button."""
    links = [(m.group(1), clean_url(m.group(2)), m.start()) for m in _LINK_RE.finditer(body)]
    links = [(t, u, p) for t, u, p in links if u]
    for text, url, _ in links:
        if _APPLY_TEXT_RE.search(text) and not text.startswith("!["):
            return url
    heading = _APPLY_HEADING_RE.search(body)
    if heading:
        for _text, url, pos in links:
            if pos > heading.start():
                return url
        email = _EMAIL_RE.search(body, heading.start())
        if email:
            return f"mailto:{email.group(0)}"
    for text, url, _ in links:
        if text.startswith("![") or text == url:  # an image or a bare button wrapped in a link
            return url
    return None


# --- The heading block (postings without front matter) ----------------------------------------

_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BADGE_RE = re.compile(r"`([^`]+)`")
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_SECTION_WORDS_RE = re.compile(
    r"^(?:about|what|who|why|how|where|when|the|our|your|job|role|position|responsibilities|"
    r"requirements|benefits|description|overview|summary|we|you|apply|details|perks)\b|[?:]$",
    re.I,
)


def from_heading_block(body: str, f: Fields) -> None:
    """Title (with its link), company (`###`) and location/salary badges (`####`) at the top."""
    lines = body.split("\n")
    start = None
    for i, line in enumerate(lines[:12]):
        if not line.strip():
            continue
        if _HEADING_RE.match(line.strip()):
            start = i
        break
    if start is None:
        return
    m = _HEADING_RE.match(lines[start].strip())
    assert m
    title_level = len(m.group(1))
    title, url = strip_link(m.group(2))
    f.put("title", title, "heading")
    f.put("url", url, "heading")
    for line in lines[start + 1 : start + 8]:
        if not line.strip():
            continue
        hm = _HEADING_RE.match(line.strip())
        if not hm or len(hm.group(1)) <= title_level:
            break
        level, text = len(hm.group(1)), hm.group(2)
        badges = _BADGE_RE.findall(text)
        if badges or level >= 4:
            for badge in badges or [text]:
                _badge(badge, f)
        elif level == 3 and not _SECTION_WORDS_RE.search(strip_emphasis(text)):
            company = strip_link(text)[0]
            if 0 < len(company.split()) <= 6:
                f.put("company", company, "heading")


def _badge(text: str, f: Fields) -> None:
    if "💰" in text or re.search(CURRENCY + r"\s?\d", text):
        f.put("salary", parse_salary(_EMOJI_RE.sub("", text), require_currency=False), "heading")
        return
    if any(e in text for e in "⏰🕐🕒📅⌛"):
        return
    place = strip_emphasis(_EMOJI_RE.sub("", text))
    if place and len(place) <= 80:
        f.put("location", clean_location(place), "heading")


def clean_location(value: str | None) -> str | None:
    """`Berlin, Germany · Engineering` gives `Berlin, Germany`."""
    if not value:
        return None
    first = re.split(r"\s+[·|•]\s+", value)[0]
    first = strip_emphasis(_EMOJI_RE.sub("", first))
    return first or None


# --- Body text --------------------------------------------------------------------------------

_NAME = r"([A-Z][\w&'’.-]*(?:\s(?:[A-Z][\w&'’.-]*|&|of|de|und)){0,3})"
# Each pattern with a cheap substring test that must pass before the regex is tried.
_COMPANY_PATTERNS = [
    (
        "About",
        re.compile(
            rf"^[ \t]*(?:#+[ \t]*|\*\*|__)?About[ \t]+{_NAME}[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$",
            re.M,
        ),
    ),
    (
        " are ",
        re.compile(
            rf"(?:^|[.!?]\s+|\n)(?:At\s)?{_NAME}\s(?:is|are)\s(?:currently\s)?(?:looking|hiring|seeking|searching)\b"
        ),
    ),
    ("join", re.compile(rf"\bjoin(?:ing)?\s(?:the\s\w+\steam\sat\s)?{_NAME}")),
    ("Why", re.compile(rf"\bWhy\s{_NAME}\s*\??\s*$", re.M)),
]
_NOT_COMPANY = {
    "you",
    "we",
    "our",
    "the",
    "this",
    "that",
    "us",
    "your",
    "it",
    "they",
    "who",
    "what",
    "why",
    "how",
    "if",
    "a",
    "an",
    "team",
    "company",
    "role",
    "position",
    "job",
    "me",
    "them",
    "he",
    "she",
    "i",
    "here",
    "there",
    "these",
    "those",
    "remote",
    "apply",
    "join",
    "today",
    "now",
    "when",
    "where",
    "all",
    "one",
    "both",
    "each",
    "everyone",
    "candidates",
    "applicants",
}


def company_from_body(body: str) -> str | None:
    """A company the body names as itself: "About X", "X is looking for", "join X"."""
    votes: dict[str, int] = {}
    has_verb = any(w in body for w in (" looking", " hiring", " seeking", " searching"))
    for hint, pattern in _COMPANY_PATTERNS:
        if (hint == " are " and not has_verb) or (hint != " are " and hint not in body):
            continue
        for m in pattern.finditer(body):
            name = m.group(1).strip(" .’'-")
            name = re.sub(r"['’]s$", "", name)
            if not name or name.split()[0].lower() in _NOT_COMPANY or len(name) < 2:
                continue
            votes[name] = votes.get(name, 0) + 1
    ranked = sorted(votes, key=lambda n: (-votes[n], -body.count(n)))
    for name in ranked:
        if body.count(name) >= 2 or votes[name] >= 2:
            return name
    return None


_LOCATION_LINE_RE = re.compile(
    r"^[\s*+-]*(?:\*\*|__)?\s*(?:location|based in|office)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*:?\s*(.{2,80}?)\s*$",
    re.I | re.M,
)
_LOCATION_LINE2_RE = re.compile(
    r"^[\s*+-]*(?:\*\*|__)?\s*location\s*(?:\*\*|__)\s*:?\s*(.{2,80}?)\s*$", re.I | re.M
)


def location_from_body(body: str) -> str | None:
    m = _LOCATION_LINE_RE.search(body) or _LOCATION_LINE2_RE.search(body)
    return clean_location(strip_emphasis(m.group(1))) if m else None


_REMOTE_NEGATIVE_RE = re.compile(
    r"\b(?:not|no|non)[\s-](?:a\s)?remote\b|\bremote (?:work )?is not\b|\bon[\s-]?site\b(?! or remote)"
    r"|\bin[\s-]office\b|\bin the office\b(?!.{0,20}remote)|\bbased in the heart of\b"
    r"|\brelocat",
    re.I,
)
_REMOTE_STRONG_RE = re.compile(
    r"\b(?:fully|100%|completely|entirely|full)[\s-]remote\b|\bremote[\s-](?:first|friendly|only|"
    r"position|role|job|team|company|opportunity|option|work|working|setup|culture)\b"
    r"|\bwork(?:ing)?\s(?:from\shome|remotely|from\sanywhere)\b|\bremotely\b|\bwfh\b|\(remote\)"
    r"|^[\s*+-]*remote\b|\bremote\s?\(|\bremote\s(?:in|within|across|from)\b|\banywhere in the world\b",
    re.I | re.M,
)
_REMOTE_WEAK_RE = re.compile(r"\bdistributed (?:team|company)\b|\bremote\b", re.I)
_REMOTE_PLACE_RE = re.compile(r"\bremote\b|\banywhere\b|\bworldwide\b|\bwork from home\b", re.I)


def remote_from_text(location: str | None, body: str) -> tuple[bool | None, Origin | None]:
    """Remote from the location field or the body; a stated place with no remote word is on-site."""
    if location and _REMOTE_PLACE_RE.search(location):
        return True, "front matter"
    strong = _REMOTE_STRONG_RE.search(body)
    negative = _REMOTE_NEGATIVE_RE.search(body)
    if strong and not (negative and "remote" in negative.group(0).lower()):
        return True, "body"
    if negative:
        return False, "body"
    if location and not _REMOTE_WEAK_RE.search(body):
        return False, "body"
    if not location and _REMOTE_WEAK_RE.search(body):
        return True, "body"
    return None, None


def from_body(body: str, f: Fields) -> None:
    """Best-effort extraction from running text, for fields still unknown."""
    f.put("company", company_from_body(body), "body")
    f.put("location", location_from_body(body), "body")
    if f.remote is None:
        remote, origin = remote_from_text(f.location, body)
        if remote is not None and origin:
            if origin == "front matter":
                origin = f.origins.get("location", "front matter")
            f.put("remote", remote, origin)
    f.put("salary", parse_salary(body), "body")
    f.put("url", url_from_body(body), "body")


def extract(meta: Mapping[str, Any], body: str, name: str) -> Fields:
    """All fields of one posting: front matter first, then the heading block, then the body."""
    f = Fields()
    from_front_matter(meta, f)
    from_heading_block(body, f)
    from_body(body, f)
    found = vocab.find_tags((f.title or "") + "\n" + body)
    if f.tags:
        f.tags = list(dict.fromkeys([*f.tags, *found]))
    else:
        f.put("tags", found, "body")
    if not f.title:
        f.put("title", title_from_name(name), "file name")
    return f


def title_from_name(name: str) -> str:
    """`senior-backend-engineer_42.md` gives `Senior backend engineer 42`."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,9}$", "", name)
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else name
