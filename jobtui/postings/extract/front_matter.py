"""Front matter of any schema mapped onto fields: the keys boards use for each field."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from jobtui.postings import vocab
from jobtui.postings.extract.body import is_hybrid
from jobtui.postings.extract.dates import parse_date
from jobtui.postings.extract.fields import Fields, is_placeholder, kind
from jobtui.postings.extract.heading import clean_location
from jobtui.postings.extract.links import clean_url, strip_link
from jobtui.postings.model import Salary, amount
from jobtui.postings.salary import currency_code, infer_period, period_word, read_salary, too_large
from jobtui.postings.text import clean_inline

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
    "remote": (
        *("remote", "remotepolicy", "remoteok", "workplace", "workplacetype", "telecommute"),
        *("workmode", "workmodel", "workarrangement", "locationtype", "remotework"),
    ),
    "salary": ("salary", "salaryrange", "compensation", "pay"),
}


def _norm_key(key: object) -> str:
    return re.sub(r"[\s_\-]", "", str(key)).lower()


def is_field_key(key: object) -> bool:
    """Whether a front matter key is one jobtui reads (`companyName`, `Location`, `date`...)."""
    return any(_norm_key(key) in names for names in KEYS.values())


def meta_lookup(meta: Mapping[str, Any], name: str) -> list[Any]:
    """Values of the front matter keys that mean `name`, in order of preference."""
    return [value for _, value in _entries(meta, name)]


def _entries(meta: Mapping[str, Any], name: str) -> list[tuple[str, Any]]:
    """(key as written, value) of the front matter keys that mean `name`, in order of preference."""
    by_key = meta if isinstance(meta, _NormalisedMeta) else _NormalisedMeta(meta)
    return [
        (by_key.written[k], by_key[k])
        for k in KEYS[name]
        if by_key.get(k) not in (None, "", [], {})
    ]


class _NormalisedMeta(dict[str, Any]):
    """Front matter keyed by normalised key (`companyName`, `company_name` -> `companyname`)."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        super().__init__()
        self.written: dict[str, str] = {}
        """The key as the front matter writes it, for each normalised one."""
        for k, v in meta.items():
            key = _norm_key(k)
            if key not in self:
                self[key] = v
                self.written[key] = str(k)


def _as_text(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or next(iter(value.values()), None)
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value if v not in (None, "") and _finite(v))
    if value is None or isinstance(value, bool) or not _finite(value):
        return None
    text = unquote(clean_inline(value))
    return text or None


def unquote(text: str) -> str:
    """Text without the quotes around it (`"Acme"` quoted again inside YAML's quotes): a pair
    around the whole, or a lone quote at either end that nothing inside matches. A quote that
    closes one inside stays: `Data "Lead"` keeps both of its own."""
    text = text.strip()
    for q in "\"'":
        if len(text) >= 2 and text[0] == q == text[-1] and q not in text[1:-1]:
            return text[1:-1].strip()
    if text and text[0] in "\"'" and text[0] not in text[1:]:
        text = text[1:]
    if text and text[-1] in "\"'" and text[-1] not in text[:-1]:
        text = text[:-1]
    return text.strip()


def lenient_scalar(value: str) -> str | list[str]:
    """A value from a front matter line YAML could not parse, as YAML would read it if the
    rest of the block were valid: a double-quoted one with its escapes undone (`\\"`), a
    single-quoted one with `''` as `'`, a one-line list (`[a, "b"]`, `[]`) as a list of those,
    anything else without stray quotes (`unquote`). A list or a mapping never closed (`[Go,
    Rust`, `[Acme`) is read as if it were: its opening bracket is no part of a name."""
    value = value.strip()
    closing = {"[": "]", "{": "}"}.get(value[:1])
    if closing is not None and closing not in value:
        if closing == "]" and "," in value:
            return lenient_scalar(value + closing)
        return lenient_scalar(value[1:])
    if len(value) >= 2 and value[0] == "[" and value[-1] == "]" and "[" not in value[1:-1]:
        items = (lenient_scalar(item) for item in value[1:-1].split(","))
        return [item for item in items if isinstance(item, str) and item]
    if len(value) >= 2 and value[0] == value[-1] == '"' and not _escaped_end(value):
        return _ESCAPE_RE.sub(_unescape, value[1:-1]).strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'").strip()
    return unquote(value)


_ESCAPE_RE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))")
_ESCAPES = {"n": " ", "t": " ", "r": " ", "0": "", "_": "\u00a0", "N": "\u0085"}
"""YAML's one-letter escapes that are not the character itself (line breaks and tabs: a space
in a one-line field)."""


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2) or m.group(3)
    if code:
        number = int(code, 16)
        return chr(number) if number <= 0x10FFFF else ""
    return _ESCAPES.get(m.group(4), m.group(4))


def _escaped_end(value: str) -> bool:
    """Whether the last `"` of a value is escaped (an odd run of backslashes before it)."""
    run = len(value[:-1]) - len(value[:-1].rstrip("\\"))
    return run % 2 == 1


def _finite(value: Any) -> bool:
    """False for NaN and the infinities, which are no text (`nan` is no company)."""
    return not isinstance(value, float) or math.isfinite(value)


def _text(value: Any) -> str | None:
    """A text field (company, location...): text, a number, a list of them, or a mapping that
    names it (`{name: Acme}`); a yes/no value is not text (`location: NO` is YAML's false)."""
    if isinstance(value, bool):
        raise TypeError(f"{kind(value)}, not text")
    return _as_text(value)


def _title(value: Any) -> str | None:
    return strip_link(_text(value) or "")[0] or None


def _location(value: Any) -> str | None:
    return clean_location(_text(value))


def _posted(value: Any) -> Any:
    """A front matter date; a text that names no day says why it is left out (`check` lists
    it) rather than vanishing: `05/06/2026` could be either day, `ASAP` is none."""
    day = parse_date(value)
    if day is not None and day > date.today() + timedelta(days=1):  # (a day for time zones)
        raise ValueError(f"{day.isoformat()} is after today: not a day it was posted")
    if day is None and isinstance(value, str) and not is_placeholder(value):
        if re.fullmatch(r"\s*\d{1,2}/\d{1,2}/\d{4}\s*", value):
            raise ValueError("the day and the month could be either way round")
        raise ValueError("not a date jobtui reads")
    return day


def _url(value: Any) -> str | None:
    return clean_url(_text(value))


def _tags(value: Any) -> list[str]:
    """A list of tags, or one string of them (`python, django`, `#go,#elixir`)."""
    if isinstance(value, Mapping | bool):
        raise TypeError(f"{kind(value)}, not tags")
    if isinstance(value, str):  # `[go, kubernetes` of YAML that did not parse: its brackets go
        items: Any = re.split(r"[,;]", value.strip().removeprefix("[").removesuffix("]"))
    else:
        items = value if isinstance(value, list | tuple) else [value]
    tags: list[str] = []
    for item in items:
        text = _as_text(item)
        if text:
            tags.extend(vocab.canonical(t) for t in re.split(r"\s+(?=#)", text) if t.strip("# "))
    return tags


def _remote(value: Any) -> bool | None:
    if isinstance(value, Mapping | list | tuple):
        raise TypeError(f"{kind(value)}, not yes or no")
    return parse_remote_value(value)


def _salary(value: Any) -> Salary | None:
    """A mapping (`{min, max, currency, period}`), a number or text; raises for an amount no one
    is paid (negative, NaN, infinite, too large)."""
    if isinstance(value, Mapping):
        salary = _salary_from_mapping(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        figure = amount(value)
        salary = Salary(figure, figure, None, infer_period(figure, None), period_guessed=True)
    elif isinstance(value, str | list | tuple):  # a list as before: its text, `[90000, 120000]`
        salary = read_salary(str(value))
    else:
        raise TypeError(f"{kind(value)}, not a salary")
    if salary is not None and too_large(salary):
        raise ValueError("too large for a salary")
    return salary


READERS: dict[str, Callable[[Any], Any]] = {
    "title": _title,
    "company": _text,
    "location": _location,
    "url": _url,
    "posted": _posted,
    "tags": _tags,
    "remote": _remote,
    "salary": _salary,
}
"""How a front matter value becomes each field. Each raises TypeError or ValueError for a value
that cannot be one (a list for a date, a negative salary), and `from_front_matter` passes every
value through `Fields.read`, where that costs the value only."""


def from_front_matter(meta: Mapping[str, Any], f: Fields) -> None:
    """Map the common keys of any schema onto fields."""
    meta = _NormalisedMeta(meta)
    for name, read in READERS.items():
        values = [f.read(name, key, value, read) for key, value in _entries(meta, name)]
        if name == "tags":  # every tag key adds its tags
            f.put("tags", list(dict.fromkeys(t for v in values if v for t in v)), "front matter")
            continue
        for value in values:
            f.put(name, value, "front matter")
    for key in ("contact", "email") if f.url is None else ():
        contact = meta.get(key)
        if contact:
            email = contact.get("email") if isinstance(contact, Mapping) else contact
            f.put("url", f.read("url", meta.written[key], email, _url), "front matter")
            break
    for value in meta_lookup(meta, "remote"):
        if isinstance(value, str) and is_hybrid(value):
            f.hybrid = True
            f.origins["remote"] = "front matter"
        elif f.remote is None and value is not None and str(value).strip():
            f.unguessed.add("remote")  # `remote: unknown`: said, not read; never guessed
    said = meta_lookup(meta, "remote")[:1]  # (the key read first: it set remote)
    if f.remote is False and f.origins.get("remote") == "front matter" and said:
        f.only_not_remote = said[0] is False or _words(said[0]) in _NOT_REMOTE_WORDS
    if not f.hybrid and f.remote is not True and _said_yes(meta.get("hybrid")):
        f.hybrid, f.remote = True, None  # `hybrid: true`
        f.origins["remote"] = "front matter"


def _salary_from_mapping(value: Mapping[str, Any]) -> Salary | None:
    """`{min, max, currency, period}` in any spelling, schema.org's `{currency, value: {minValue,
    maxValue, unitText}}` included; a lone `min` is a lower bound, a lone `max` an upper one."""
    low = {_norm_key(k): v for k, v in value.items()}
    nested = low.get("value")
    if isinstance(nested, Mapping):
        low = {**low, **{_norm_key(k): v for k, v in nested.items()}}
    written: list[Salary] = []

    def num(keys: tuple[str, ...], lower: bool) -> float | None:
        # A bound that is given but is no amount spoils the whole salary: without it, the other
        # bound would read as `up to` or `from`, which the posting does not say.
        for k in keys:
            v = low.get(k)
            if v is None or v == "" or isinstance(v, Mapping):  # a mapping is schema.org nesting
                continue
            if isinstance(v, str):
                parsed = read_salary(v)
                if parsed is None:
                    raise ValueError(f"{k}: {v[:20]!r} is not an amount")
                written.append(parsed)
                return parsed.min if lower and parsed.min is not None else parsed.top
            return amount(v)  # TypeError for a list or a yes/no; ValueError for NaN, negative
        return None

    lo = num(("min", "from", "minimum", "low", "minvalue"), True)
    hi = num(("max", "to", "maximum", "high", "maxvalue"), False)
    if lo is None and hi is None:
        lo = hi = num(("value", "amount"), False)
    if lo is None and hi is None:
        return None
    raw_currency = low.get("currency") or low.get("currencycode")
    currency = currency_code(str(raw_currency)) if raw_currency else None
    if (
        currency is None
        and isinstance(raw_currency, str)
        and re.fullmatch(r"[A-Za-z]{3}", raw_currency)
    ):
        currency = raw_currency.upper()
    currency = currency or next((w.currency for w in written if w.currency), None)
    raw_period = low.get("period") or low.get("unit") or low.get("per") or low.get("unittext")
    period = period_word(str(raw_period)) if raw_period else None
    period = period or next((w.period for w in written if w.period), None)
    lower = lo if lo is not None else hi
    return Salary(lo, hi, currency, infer_period(lower, period, currency), period is None)


_REMOTE_WORDS = {
    *("yes", "true", "y", "1", "remote", "fully remote", "full", "100%", "anywhere", "online"),
    *("virtual", "distributed", "wfh", "work from home", "home based", "homebased"),
    *("telecommute", "telework", "remote first", "remote only", "remote ok"),
}
_ON_SITE_WORDS = {
    *("no", "false", "n", "0", "onsite", "on site", "office", "in office", "none"),
    *("in person", "office based", "on premises", "not remote", "no remote"),
}


_NOT_REMOTE_WORDS = {"no", "false", "n", "0", "none", "not remote", "no remote"}
"""The on-site words that say only that the job is not remote (a hybrid one is not either)."""


def _words(value: Any) -> str:
    """A front matter value as words: lowercased, `_` and `-` as spaces."""
    return " ".join(re.split(r"[\s_-]+", str(value).strip().lower()))


def _said_yes(value: Any) -> bool:
    """Whether a front matter flag says yes (`hybrid: true`, `hybrid: yes`)."""
    return value is True or (isinstance(value, str) and _words(value) in ("yes", "true", "y"))


def parse_remote_value(value: Any) -> bool | None:
    """A front matter remote flag: booleans, yes/no, or a policy such as `hybrid` (unknown)."""
    if isinstance(value, bool):
        return value
    text = _words(value)
    if text in _REMOTE_WORDS:
        return True
    if text in _ON_SITE_WORDS:
        return False
    if "remote" in text and "no" not in text.split() and "not" not in text.split():
        return True
    return None
