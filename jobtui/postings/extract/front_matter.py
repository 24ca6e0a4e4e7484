"""Front matter of any schema mapped onto fields: the keys boards use for each field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jobtui.postings import vocab
from jobtui.postings.extract.body import HYBRID_RE
from jobtui.postings.extract.dates import parse_date
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.heading import clean_location
from jobtui.postings.extract.links import clean_url, strip_link
from jobtui.postings.model import Salary
from jobtui.postings.salary import currency_code, infer_period, parse_salary, period_word
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
    "remote": ("remote", "remotepolicy", "remoteok", "workplace", "workplacetype", "telecommute"),
    "salary": ("salary", "salaryrange", "compensation", "pay"),
}


def _norm_key(key: object) -> str:
    return re.sub(r"[\s_\-]", "", str(key)).lower()


def is_field_key(key: object) -> bool:
    """Whether a front matter key is one jobtui reads (`companyName`, `Location`, `date`...)."""
    return any(_norm_key(key) in names for names in KEYS.values())


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
        if isinstance(value, str) and HYBRID_RE.search(value):
            f.hybrid = True
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
    """`{min, max, currency, period}` in any spelling, schema.org's `{currency, value: {minValue,
    maxValue, unitText}}` included; a lone `min` is a lower bound, a lone `max` an upper one."""
    low = {_norm_key(k): v for k, v in value.items()}
    nested = low.get("value")
    if isinstance(nested, Mapping):
        low = {**low, **{_norm_key(k): v for k, v in nested.items()}}
    written: list[Salary] = []

    def num(keys: tuple[str, ...], lower: bool) -> float | None:
        for k in keys:
            v = low.get(k)
            if isinstance(v, int | float) and not isinstance(v, bool):
                return float(v)
            if isinstance(v, str):
                parsed = parse_salary(v, require_currency=False)
                if parsed:
                    written.append(parsed)
                    return parsed.min if lower and parsed.min is not None else parsed.top
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
    return Salary(lo, hi, currency, infer_period(lower, period, currency))


_REMOTE_WORDS = {
    *("yes", "true", "y", "1", "remote", "fully remote", "full", "100%", "anywhere", "online"),
    *("virtual", "distributed", "wfh", "work from home", "home based", "homebased"),
    *("telecommute", "telework", "remote first", "remote only", "remote ok"),
}
_ON_SITE_WORDS = {
    *("no", "false", "n", "0", "onsite", "on site", "office", "in office", "none"),
    *("in person", "office based", "on premises", "not remote", "no remote"),
}


def parse_remote_value(value: Any) -> bool | None:
    """A front matter remote flag: booleans, yes/no, or a policy such as `hybrid` (unknown)."""
    if isinstance(value, bool):
        return value
    text = " ".join(re.split(r"[\s_-]+", str(value).strip().lower()))
    if text in _REMOTE_WORDS:
        return True
    if text in _ON_SITE_WORDS:
        return False
    if "remote" in text and "no" not in text.split() and "not" not in text.split():
        return True
    return None
