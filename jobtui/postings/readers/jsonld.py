"""schema.org JobPosting in JSON-LD: broken JSON repaired, postings found wherever the data nests
them (arrays, `@graph`, ItemList), and each mapped onto an `Item` the loader reads like front
matter. Saved pages use it; any reader whose format embeds JSON-LD can too.
"""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from jobtui.postings.extract.fields import is_placeholder
from jobtui.postings.readers import Item, content_key
from jobtui.postings.readers.markup import to_markdown, unescape_html
from jobtui.postings.salary import currency_code, period_word, read_salary

_MISSING = {"unavailable", "not available", "n/a", "undefined", "null", "none", "nan"}
_EMPLOYMENT = {
    "FULLTIME": "Full-time",
    "PARTTIME": "Part-time",
    "CONTRACTOR": "Contractor",
    "CONTRACT": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "INTERNSHIP": "Internship",
    "VOLUNTEER": "Volunteer",
    "PERDIEM": "Per diem",
    "OTHER": "Other",
}
"""schema.org's employmentType values as a reader writes them."""


# --- Repair -------------------------------------------------------------------------------

_WRAPPERS = (
    ("<!--", "-->"),
    ("<![CDATA[", "]]>"),
    ("//<![CDATA[", "//]]>"),
    ("/*<![CDATA[*/", "/*]]>*/"),
)
_OUTSIDE_RE = re.compile(r"\s+|[A-Za-z_$][\w$]*|-?\.?\d[\w.+\-]*|.", re.S)
_PLAIN_RE = {'"': re.compile(r'[^\\"\x00-\x1f]+'), "'": re.compile(r"[^\\'\"\x00-\x1f]+")}
_HEX_RE = re.compile(r"[0-9a-fA-F]{4}")
_HEX2_RE = re.compile(r"[0-9a-fA-F]{2}")
_SPACES_RE = re.compile(r"\s*")
_WORD_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$")
_SIMPLE_ESCAPES = {'"': '\\"', "\\": "\\\\", "/": "/", "b": "\\b", "f": "\\f", "n": "\\n"}
_SIMPLE_ESCAPES |= {"r": "\\r", "t": "\\t"}
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_KEEP_WORDS = {"true", "false", "null", "NaN", "Infinity"}


def unwrap(text: str) -> str:
    """The script's JSON without the HTML comment or CDATA wrapped around it, nor a final `;`."""
    text = text.strip().lstrip("\ufeff")
    for _ in range(3):  # `<!--//<![CDATA[ ... //]]>-->`: a wrapper inside a wrapper, at most
        before = text
        for start, end in _WRAPPERS:
            if text.startswith(start):
                text = text[len(start) :].lstrip()
            if text.endswith(end):
                text = text[: -len(end)].rstrip()
        text = text.rstrip(";").rstrip()
        if text == before:
            break
    return text


def repair(text: str) -> str:
    """JSON for JavaScript-style JSON in one linear pass: `\\'` and `\\x41` escapes, raw control
    characters and single quotes in strings, trailing commas, comments, `undefined`, bare keys."""
    out: list[str] = []
    i, n = 0, len(text)
    comma = False  # a comma read but not yet written: it is dropped before `}` or `]`
    while i < n:
        m = _OUTSIDE_RE.match(text, i)
        assert m is not None  # `.` with re.S matches any character
        token, i = m.group(), m.end()
        if token[0].isspace():
            continue
        if token == "," or (token == "/" and text.startswith(("//", "/*"), i - 1)):
            if token == ",":
                comma = not out or out[-1] not in "[{,"  # `[,` and `,,` are holes: no value
            else:
                end = text.find("\n" if text[i] == "/" else "*/", i + 1)
                i = n if end < 0 else end + (1 if text[i] == "/" else 2)
            continue
        if comma and token not in "]}":
            out.append(",")
        comma = False
        if token == '"' or token == "'":
            i = _string(text, i, token, out)
        elif token[0] in _WORD_START:
            if _next_char(text, i) == ":":
                out.append(json.dumps(token))  # a bare key: `{title: ...}`
            else:
                out.append("null" if token not in _KEEP_WORDS else token)
        else:
            out.append(token)
    return "".join(out)


def _next_char(text: str, i: int) -> str:
    m = _SPACES_RE.match(text, i)
    j = m.end() if m else i
    return text[j] if j < len(text) else ""


def _string(text: str, i: int, quote: str, out: list[str]) -> int:
    """Copy one string from `text[i:]` (after its opening quote) as a JSON string; return the
    index after its closing quote (or the end, for a string that never closes)."""
    plain, n = _PLAIN_RE[quote], len(text)
    out.append('"')
    while i < n:
        m = plain.match(text, i)
        if m:
            out.append(m.group())
            i = m.end()
            if i >= n:
                break
        c = text[i]
        i += 1
        if c == quote:
            break
        if c == '"':  # inside a single-quoted string
            out.append('\\"')
        elif c != "\\":
            out.append(_CONTROL_ESCAPES.get(c) or f"\\u{ord(c):04x}")
        elif i < n:
            e = text[i]
            i += 1
            if e in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[e])
            elif e == "u" and _HEX_RE.match(text, i):
                out.append("\\u")
            elif e == "x" and _HEX2_RE.match(text, i):
                out.append(f"\\u00{text[i : i + 2]}")
                i += 2
            elif e in "\r\n":  # a line continuation
                i += e == "\r" and text.startswith("\n", i)
            else:  # `\'`, `\-`, a lone `\u`: JavaScript keeps the character
                out.append(_CONTROL_ESCAPES.get(e) or (e if e >= " " else f"\\u{ord(e):04x}"))
    out.append('"')
    return i


def parse(text: str) -> Any:
    """The JSON of one JSON-LD script, repaired if it must be; raises ValueError with a one-line
    reason when it is not JSON even then."""
    text = unwrap(text)
    if not text:
        raise ValueError("empty")
    try:
        return json.loads(text, strict=False)  # strict=False: raw tabs and newlines in strings
    except RecursionError:
        raise ValueError("nested too deep") from None
    except ValueError:
        pass
    try:
        return json.loads(repair(text), strict=False)
    except RecursionError:
        raise ValueError("nested too deep") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON even repaired: {e.msg} at line {e.lineno}") from None


# --- Finding postings -----------------------------------------------------------------------


def is_type(obj: dict[str, Any], name: str) -> bool:
    """Whether a JSON-LD node is of the type `name` (`JobPosting`, `["JobPosting"]`,
    `http://schema.org/JobPosting`, `schema:JobPosting`)."""
    types = obj.get("@type")
    for t in types if isinstance(types, list) else [types]:
        if isinstance(t, str) and re.split(r"[/#:]", t.strip())[-1].casefold() == name.casefold():
            return True
    return False


REFERENCED = ("hiringOrganization", "jobLocation", "applicantLocationRequirements", "baseSalary")
"""JobPosting values a page may give as a reference to another node (`{"@id": "#org"}`)."""


def nodes_by_id(data: Any) -> dict[str, dict[str, Any]]:
    """Every node of JSON-LD data that has an `@id` and says more than that, by its id."""
    found: dict[str, dict[str, Any]] = {}
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            ident = node.get("@id")
            if isinstance(ident, str) and len(node) > 1 and not _reference(node):
                found.setdefault(ident, node)
            stack.extend(v for v in node.values() if isinstance(v, list | dict))
    return found


def _reference(node: dict[str, Any]) -> bool:
    """Whether a node only points at another (`{"@id": ...}`, perhaps with its `@type`)."""
    return isinstance(node.get("@id"), str) and set(node) <= {"@id", "@type"}


def resolved(posting: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The posting with its references to other nodes of the page replaced by those nodes (the
    company of a `@graph` is often only `{"@id": "https://acme.example/#org"}`)."""

    def follow(value: Any) -> Any:
        if isinstance(value, list):
            return [follow(v) for v in value]
        if isinstance(value, dict) and _reference(value):
            return nodes.get(value["@id"], value)
        return value

    return {k: follow(v) if k in REFERENCED else v for k, v in posting.items()}


def job_postings(data: Any) -> list[dict[str, Any]]:
    """Every JobPosting in JSON-LD data, in document order, wherever it nests (an array, an
    `@graph`, an ItemList's elements, a WebPage's `mainEntity`); walked without recursion."""
    found: list[dict[str, Any]] = []
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if is_type(node, "JobPosting"):
                found.append(node)
            else:
                stack.extend(reversed([v for v in node.values() if isinstance(v, list | dict)]))
    return found


# --- Mapping --------------------------------------------------------------------------------


def text(value: Any, numbers: bool = False) -> str | None:
    """A stated text (entities decoded, spaces squeezed), or None for a placeholder or no text;
    a node that names itself (`{"name": ...}`) gives its name; a number only if `numbers`."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, int | float) and not isinstance(value, bool) and numbers:
        value = str(value) if not isinstance(value, float) or math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    written = " ".join(html.unescape(str(value)).split())
    if not written or written.casefold() in _MISSING or is_placeholder(written):
        return None
    return written


def texts(value: Any) -> list[str]:
    """The stated texts of a value that may be one or a list, without repeats."""
    items = value if isinstance(value, list) else [value]
    return list(dict.fromkeys(t for t in map(text, items) if t))


def resolve_url(value: Any, base: str | None) -> str | None:
    """An absolute http(s) URL: relative ones resolved against the page's `base`, else dropped."""
    written = text(value if isinstance(value, str) else None)
    if not written or " " in written:
        return None
    try:
        url = urljoin(base, written) if base else written
        if url.startswith("//"):
            url = "https:" + url
        parts = urlsplit(url)
    except ValueError:  # `http://[bad` and other unparseable addresses
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _date(value: Any) -> str | None:
    """An ISO date for `2024-05-01T09:00:00Z`; any other stated text as it is written."""
    written = text(value)
    if written and re.match(r"\d{4}-\d{2}-\d{2}(?!\d)", written):
        return written[:10]
    return written


def _location(place: Any) -> str | None:
    """`City, Region, Country` of a Place (its PostalAddress, or its address or name as text)."""
    if isinstance(place, str):
        return text(place)
    if not isinstance(place, dict):
        return None
    address = place.get("address")
    if isinstance(address, list):
        address = next((a for a in address if isinstance(a, dict | str)), None)
    if isinstance(address, dict):
        keys = ("addressLocality", "addressRegion", "addressCountry")
        parts = [text(address.get(k)) for k in keys]
        named = list(dict.fromkeys(p for p in parts if p))
        if named:
            return ", ".join(named)
        return text(address.get("name")) or text(place.get("name"))
    return text(address) or text(place.get("name"))


def _number(value: Any) -> float | None:
    """A positive amount: a number or numeric text (`"120,000.00"`); 0 only holds a place."""
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace(" ", "")
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not math.isfinite(value) or value <= 0:
        return None
    return int(value) if float(value).is_integer() else float(value)


def salary(value: Any) -> dict[str, Any] | None:
    """{min, max, currency, period} of a MonetaryAmount (value a QuantitativeValue, a number or
    numeric text), or of salary text; None when no amount is stated."""
    if isinstance(value, list):
        return next((s for s in map(salary, value[:20]) if s), None)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        figure = _number(value)
        if figure is not None:
            return {"min": figure, "max": figure}
        try:
            read = read_salary(value) if isinstance(value, str) and text(value) else None
        except ValueError:  # figures that are no pay (too small, too large): no salary
            return None
        if read is None or (read.min is None and read.max is None):
            return None
        found = {"min": read.min, "max": read.max, "currency": read.currency}
        return {k: v for k, v in found.items() if v is not None} | _period(read.period)
    if not isinstance(value, dict):
        return None
    amount = value.get("value")
    quantity = amount if isinstance(amount, dict) else value
    low, high = _number(quantity.get("minValue")), _number(quantity.get("maxValue"))
    if low is None and high is None:
        single = quantity.get("value") if quantity is not value else amount
        low = high = _number(single)
        if low is None and isinstance(single, str):  # `"$120k"`: salary text
            written = salary(single) or {}
            low, high = written.get("min"), written.get("max")
    if low is None and high is None:
        return None
    found = {"min": low, "max": high}
    raw_currency = text(value.get("currency")) or text(quantity.get("currency"))
    currency = currency_code(raw_currency) if raw_currency else None
    if currency is None and raw_currency and re.fullmatch(r"[A-Za-z]{3}", raw_currency):
        currency = raw_currency.upper()
    found["currency"] = currency
    unit = text(quantity.get("unitText")) or text(value.get("unitText"))
    return {k: v for k, v in found.items() if v is not None} | _period(unit)


def _period(unit: str | None) -> dict[str, str]:
    word = period_word(re.sub(r"^PER_", "", unit or "", flags=re.I).replace("_", " "))
    return {"period": word} if word else {}


def _employment(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        for part in (text(item) or "").split(","):
            key = re.sub(r"[\s_\-]", "", part).upper()
            if key:
                words.append(_EMPLOYMENT.get(key) or part.strip().replace("_", " ").capitalize())
    return ", ".join(dict.fromkeys(words)) or None


def _description(value: Any) -> str:
    if isinstance(value, list):
        value = "\n\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str) or (len(value) < 40 and not text(value)):
        return ""  # a short description may be a placeholder; a long one is a description
    return to_markdown(unescape_html(value))


def item_key(obj: dict[str, Any], url: str | None, n: int) -> str:
    """The posting's own id: its `identifier` (a PropertyValue's value, or text), else its URL,
    else its node's `@id`, else a hash of its title and description (never its place on the
    page: see `content_key`). `n` is kept for callers that number postings."""
    ident = obj.get("identifier")
    if isinstance(ident, list):
        ident = next((i for i in ident if _ident(i)), None)
    node = obj.get("@id")
    node = node.strip() if isinstance(node, str) and len(node) <= 500 else None
    title, body = obj.get("title"), obj.get("description")
    return _ident(ident) or url or node or content_key(title, body if isinstance(body, str) else "")


def _ident(value: Any) -> str | None:
    return text(value.get("value") if isinstance(value, dict) else value, numbers=True)


def item_from_jobposting(obj: dict[str, Any], base_url: str | None, n: int) -> Item | None:
    """The Item of one JobPosting (`n`: its place among the page's postings, from 1), or None
    when it states neither a title nor a description."""
    meta: dict[str, Any] = {}
    title = text(obj.get("title")) or text(obj.get("name"))
    body = _description(obj.get("description"))
    if not title and not body:
        return None
    if title:
        meta["title"] = title
    org = obj.get("hiringOrganization")
    org = next((o for o in org if text(o)), None) if isinstance(org, list) else org
    if text(org):
        meta["company"] = text(org)
    if isinstance(org, dict):
        same = org.get("sameAs")
        links = [*(same if isinstance(same, list) else [same]), org.get("url")]
        company_url = next((u for u in (resolve_url(x, base_url) for x in links) if u), None)
        if company_url:
            meta["company_url"] = company_url
    places = obj.get("jobLocation")
    locations = [_location(p) for p in (places if isinstance(places, list) else [places])]
    if any(locations):
        meta["location"] = "; ".join(dict.fromkeys(loc for loc in locations if loc))
    kinds = [k.upper() for k in texts(obj.get("jobLocationType"))]
    if "TELECOMMUTE" in kinds:
        meta["remote"] = True
    remote_from = texts(obj.get("applicantLocationRequirements"))
    if remote_from:
        meta["remote_from"] = "; ".join(remote_from)
        body = f"Remote from: {meta['remote_from']}\n\n{body}".rstrip()
    pay = salary(obj.get("baseSalary")) or salary(obj.get("estimatedSalary"))
    if pay:
        meta["salary"] = pay
    for key, name in (("datePosted", "posted"), ("validThrough", "valid_through")):
        written = _date(obj.get(key))
        if written:
            meta[name] = written
    employment = _employment(obj.get("employmentType"))
    if employment:
        meta["employment_type"] = employment
    url = resolve_url(obj.get("url"), base_url)
    if url:
        meta["url"] = url
    for key, name in (
        ("skills", "skills"),
        ("occupationalCategory", "occupational_category"),
        ("industry", "industry"),
    ):
        values = texts(obj.get(key))
        if values:
            meta[name] = values if len(values) > 1 else values[0]
    return Item(key=item_key(obj, url, n), meta=meta, body=body)
