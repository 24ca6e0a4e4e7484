"""The fields a "Who is hiring?" comment states at its top, read best-effort: its first line
(`Acme | Senior Engineer | Berlin | REMOTE | €90k | https://...`) and `Key: value` lines
(`Location: Singapore`) in its first paragraphs. What cannot be placed is left out.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import urlsplit

from jobtui.postings.salary import CURRENCY_CODE

_MAX_PART = 100
"""A longer part of the first line is prose, not a field."""
_MAX_COMPANY, _MAX_COMPANY_WORDS = 60, 7
_MAX_WEAK_LINE = 200
_STRONG_SEPARATORS = 2
"""The first two separators split any line; the others only a short one (prose has dashes)."""

_PARENS_RE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_CODES = "USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD|NZD|CZK|HUF"
_AMOUNT = (
    rf"(?:[A-Z]{{0,3}}[$€£¥₹]\s?|\b(?:{_CODES})\s?)?\d+(?:[,.\u00a0\u202f ]\d{{3}})*"
    rf"(?:\.\d+)?\s?[kKmM]?(?:\s?(?:{_CODES}|zł|kr)\b)?"
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DATE = rf"(?:\b{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?(?:\s+\d{{4}})?|\b\d{{4}}(?:-\d{{2}}){{0,2}}\b)"
_RANGE_RE = re.compile(
    rf"(?<![\w.,]){_AMOUNT}\s*(?:[-–—]|to)\s*{_AMOUNT}|{_DATE}\s*(?:[-–—]|to|until)\s*{_DATE}",
    re.I,
)
"""Money and date ranges (`$140,000 - $170,000`, `Jan - Mar 2026`): never split apart."""
_SEPARATORS = (
    re.compile(r"\s*\|\s*"),
    re.compile(r"\s*[•·]\s*"),
    re.compile(r"\s+[–—]\s+"),
    re.compile(r"\s+-\s+"),
    re.compile(r"\s*;\s*"),
    re.compile(r"\s+/\s+"),
)
"""First-line separators, strongest first: the first that splits the line is the only one used."""
_IS_HIRING_RE = re.compile(
    r"[ \t]+(?:is|are)[ \t]+(?:hiring|looking|seeking|recruiting)\b.*$|[ \t]+\((?:is[ \t]+)?hiring\)$",
    re.I,
)
"""After a company's name on the first line: what it says of itself, not its name."""
_HIRING_RE = re.compile(r"^\s*(?:we(?:'re| are)\s+)?hiring\s*[:\-–—]\s*", re.I)
_URL_RE = re.compile(r"https?://\S+|www\.\S+", re.I)
_DOMAIN_RE = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?", re.I)
_REMOTE = r"\b(?:remote(?:[- ](?:first|friendly|ok|only))?|on[- ]?site|in[- ]office|hybrid)\b"
_REMOTE_RE = re.compile(_REMOTE, re.I)
_REMOTE_BIT_RE = re.compile(rf"\([^()]*{_REMOTE}[^()]*\)|{_REMOTE}(\s*\([^()]*\))?", re.I)
"""A remote word with its qualifier (`Remote (EU)`), or an aside that holds one (`(hybrid)`)."""
_EDGE_RE = re.compile(
    r"^(?:[\s/+&,:;–-]|\b(?:or|and|ok)\b)+|(?:[\s/+&,:;–-]|\b(?:or|and|ok)\b)+$", re.I
)
"""Connectors left at the edges of a place once its remote words are cut out."""
_ON_SITE_RE = re.compile(r"^(?:on[- ]?site|in[- ]office)", re.I)
_MONEY_RE = re.compile(
    rf"[$€£¥₹]\s?\d|\d\s?[kK]\b|\d\s?{CURRENCY_CODE}|{CURRENCY_CODE}\s?\d|\d\s?zł"
    r"|(?i:\bsalary\b|\bequity\b)"
)
"""A part with money in it: a currency sign or code (INR, JPY, BRL...) by a figure."""
_ROLES = (
    r"engineers?|developers?|designers?|managers?|scientists?|leads?|architects?|analysts?|"
    r"sres?|programmers?|researchers?|directors?|cto|vp|interns?|consultants?|specialists?|"
    r"administrators?|recruiters?|writers?|marketers?|hackers?|operators?|technicians?|"
    r"associates?|product owners?"
)
_ROLE_RE = re.compile(
    rf"\b(?:{_ROLES}|engineering|devops|head of|internships?|roles|positions|openings|founding)\b",
    re.I,
)
_ROLE_END_RE = re.compile(rf"\b(?:{_ROLES})$", re.I)
"""A part that ends in a role noun (`Senior Engineer`) names a role, not a company."""
_ROLE_WORD_RE = re.compile(r"[^\W\d_]{3,}(?:ian|ist|er|or)s?", re.I)
"""One word that can be a role (`Bioinformatician`) when it follows the company."""
_AT_RE = re.compile(r"(.+?)\s+(?:at|@)\s+(.+)")
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
    "india|ireland|israel|italy|japan|krakow|latin america|lisbon|lodz|london|los angeles|"
    "madrid|manchester|mexico|miami|milan|montreal|munich|nairobi|netherlands|new york|"
    "north america|norway|oslo|paris|philadelphia|pittsburgh|poland|portland|portugal|"
    "prague|raleigh|san diego|san francisco|san jose|sao paulo|seattle|seoul|"
    "silicon valley|singapore|south america|spain|stockholm|sweden|switzerland|sydney|"
    "taipei|tel aviv|tokyo|toronto|united kingdom|united states|vancouver|vienna|warsaw|"
    "washington|waterloo|worldwide|anywhere|wroclaw|zurich"
)
_ABBREVIATIONS = "US|USA|UK|EU|SF|LA|NYC|DC|UTC|EMEA|APAC|LATAM|CET|EST|PST"
_PLACE_WORD_RE = re.compile(rf"\b(?:(?i:{_PLACES})|{_ABBREVIATIONS})\b")
_STATE_RE = re.compile(r"(?<!\w)([^\W\d_]+(?:[ .'-]+[^\W\d_]+)*), [A-Z]{2}\b")
_KEYS = {
    "company": "company",
    "company name": "company",
    "location": "location",
    "locations": "location",
    "role": "title",
    "roles": "title",
    "position": "title",
    "positions": "title",
    "title": "title",
    "job title": "title",
    "salary": "salary",
    "salary range": "salary",
    "compensation": "salary",
    "comp": "salary",
    "pay": "salary",
    "remote": "remote",
    "type": "employment_type",
    "job type": "employment_type",
    "employment type": "employment_type",
}
_KEY_RE = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(sorted(_KEYS, key=len, reverse=True)) + r")\s*:\s*", re.I
)
_PLACEHOLDERS = frozenset({"", "n/a", "na", "none", "null", "unavailable", "-", "tbd", "?"})
_HN_HOST = "news.ycombinator.com"


def first_line_fields(line_html: str) -> dict[str, Any]:
    """What the first line of a comment states: company, title, location, remote, salary, url
    (and remote_note, employment_type); nothing unless it has two separated parts at least."""
    links = re.findall(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", line_html, re.I)
    line = html.unescape(re.sub(r"<[^>]*>", "", line_html))
    line = " ".join(_HIRING_RE.sub("", line).split())
    if _KEY_RE.match(line):
        return {}  # `Company: Acme`: key lines, read by `key_line_fields`
    parts = split_first_line(line)
    meta: dict[str, Any] = {}
    urls = [u for u in (html.unescape(link).strip() for link in links) if web_link(u)]
    if len(parts) < 2:
        return {"url": urls[0]} if urls else {}
    used: set[int] = set()
    for i, part in enumerate(parts):
        if len(part) > _MAX_PART:
            continue
        used.add(i)
        at = _AT_RE.fullmatch(part)
        if _URL_RE.fullmatch(part):
            url = part if part.lower().startswith("http") else "https://" + part
            if web_link(url):
                urls.append(url)
        elif i == 0 and _DOMAIN_RE.fullmatch(part):
            meta["company"] = part  # `acme.io`: the company's name as it writes it
            urls.append("https://" + part)
        elif _MONEY_RE.search(part) and "salary" not in meta:
            meta["salary"] = part
        elif _EMPLOYMENT_RE.fullmatch(part) and "employment_type" not in meta:
            meta["employment_type"] = part
        elif at and _ROLE_RE.search(at[1]) and "title" not in meta and "company" not in meta:
            meta["title"], meta["company"] = at[1], at[2]  # `Senior Engineer at Acme`
        elif i == 0 and not _REMOTE_RE.match(part) and not is_place(part):
            part = _IS_HIRING_RE.sub("", part)  # `Sprocket Inc. is hiring multiple roles`
            if len(part) <= _MAX_COMPANY and len(part.split()) <= _MAX_COMPANY_WORDS:
                meta["company"] = part
        elif _ROLE_RE.search(part) and "title" not in meta:
            meta["title"] = part
        elif _REMOTE_RE.search(part) and "remote" not in meta and "remote_note" not in meta:
            place_and_remote(part, meta)
        elif is_place(part) and "location" not in meta:
            meta["location"] = part
        elif i == 1 and _ROLE_WORD_RE.fullmatch(part) and _after_company(parts, meta):
            meta["title"] = part  # `Acme | Bioinformatician`
        else:
            used.discard(i)
    if "title" not in meta and meta.get("company") == parts[0] and _ROLE_END_RE.search(parts[0]):
        # `Senior Engineer | Acme | Berlin`: the role came first; the company is a part left over
        meta["title"] = meta.pop("company")
        rest = [p for i, p in enumerate(parts) if i not in used and _company_like(p)]
        if rest:
            meta["company"] = rest[0]
    if urls:
        meta["url"] = urls[0]
    return meta


def _after_company(parts: list[str], meta: dict[str, Any]) -> bool:
    """Whether the first part was taken as the company and reads as no role itself."""
    return meta.get("company") == parts[0] and not _ROLE_END_RE.search(parts[0])


def _company_like(part: str) -> bool:
    short = len(part) <= _MAX_COMPANY and len(part.split()) <= _MAX_COMPANY_WORDS
    return short and not (_prose(part) or _URL_RE.match(part) or _REMOTE_RE.search(part))


def web_link(url: str) -> bool:
    """Whether a link is an http(s) page other than Hacker News itself (a posting's link)."""
    if len(url) > 2000 or not re.match(r"https?://", url, re.I):
        return False
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    return bool(host) and host.lower() != _HN_HOST


def key_line_fields(paragraphs: list[str]) -> dict[str, Any]:
    """What `Key: value` lines (`Company: Acme`, `Location: Singapore`, `Salary: ...`) in
    these HTML paragraphs state; a line holding several keys is read key by key."""
    meta: dict[str, Any] = {}
    for paragraph in paragraphs:
        for raw in re.split(r"<\s*br\s*/?\s*>|\n", paragraph, flags=re.I):
            line = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", raw)).split())
            keys = list(_KEY_RE.finditer(line))
            if not keys or keys[0].start() != 0:
                continue
            ends = [k.start() for k in keys[1:]] + [len(line)]
            for key, end in zip(keys, ends, strict=True):
                value = line[key.end() : end].strip(" |,;")
                if value.lower() in _PLACEHOLDERS or len(value) > _MAX_PART:
                    continue
                _key_value(_KEYS[key[1].lower()], value, meta)
    return meta


def _key_value(field: str, value: str, meta: dict[str, Any]) -> None:
    """One `Key: value` into meta (the first statement of a field wins)."""
    if field == "remote":
        if "remote" in meta:
            return
        if _REMOTE_RE.search(value):
            place_and_remote(value, meta)
            return
        answer = re.match(r"(yes|no|fully|100%)\b[\s,.;:()–-]*", value, re.I)
        if answer:
            meta["remote"] = answer[1].lower() != "no"
            if value[answer.end() :].strip(" ()"):
                meta["remote_note"] = value[answer.end() :].strip(" ()")  # `Yes (APAC)`
        elif re.match(r"partial", value, re.I):
            meta["remote"] = "hybrid"
        else:
            meta.setdefault("remote_note", value)
    elif field == "location" and _REMOTE_RE.search(value):
        place_and_remote(value, meta, located=True)
    elif field == "company" and len(value) > _MAX_COMPANY:
        return
    else:
        meta.setdefault(field, value)


def split_first_line(line: str) -> list[str]:
    """The parts of a first line, split on its strongest separator (none inside parentheses,
    money ranges or date ranges)."""
    masked = _PARENS_RE.sub(lambda m: "\0" * len(m.group()), line)
    masked = _RANGE_RE.sub(lambda m: "\0" * len(m.group()), masked)
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


def _fold(text: str) -> str:
    """Text without accents (`Montréal` -> `Montreal`), for matching place names."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_place(part: str) -> bool:
    """Whether a part reads like a place: names a known place and is short, or is `City, ST`."""
    if any(m[1][0].isupper() for m in _STATE_RE.finditer(part)):
        return True
    folded = _fold(part).replace("Ł", "L").replace("ł", "l")
    words = re.findall(r"[\w']+", folded)
    named = _PLACE_WORD_RE.findall(folded)
    # `US only`, `NYC or SF`, `Berlin, Germany`: mostly place names and connectors
    fillers = {"or", "and", "only", "area", "greater", "based", "in", "the", "of", "bay"}
    rest = [w for w in words if w.lower() not in fillers]
    return bool(named) and len(rest) <= 2 * len(named) + 1


def place_and_remote(part: str, meta: dict[str, Any], located: bool = False) -> None:
    """`REMOTE`, `Remote (EU timezones)`, `ONSITE`, `Hybrid (NYC)`, `NYC or Remote`,
    `Oslo or Remote (EU)`, `Montréal, QC (hybrid)`: remote, remote_note and the place
    (`located`: the part is a `Location:`, so what is left is a place even if not a known one)."""
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
    # a place besides: the part without its remote words, asides and connectors
    bits = list(_REMOTE_BIT_RE.finditer(part))
    pieces = (_EDGE_RE.sub("", p) for p in _REMOTE_BIT_RE.sub("\0", part).split("\0"))
    place = " / ".join(" ".join(p.split()) for p in pieces if p.strip())
    balanced = place.count("(") == place.count(")") and place.count("[") == place.count("]")
    if not (place and balanced and (located or is_place(place))):
        meta["remote_note"] = part
        return
    meta.setdefault("location", place)
    qualified = [b[0] for b in bits if b[1]]
    if qualified:
        meta["remote_note"] = " / ".join(qualified)  # `Oslo or Remote (EU)`: `Remote (EU)`
    elif any(not b[0].startswith("(") for b in bits):
        meta["remote_note"] = part  # `NYC or Remote`: either, as it says
