"""The query language: a tolerant parser that never raises.

`python remote:yes salary:>=120k -php "machine learning" elixir|erlang posted:<30d`
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from jobtui.postings.model import STATUSES
from jobtui.postings.relative import shift, span_days
from jobtui.postings.text import fold, words

Kind = Literal["word", "phrase", "tag", "remote", "salary", "posted", "is", "status"]

TEXT_FIELDS = {"title": "title", "company": "company", "location": "location", "loc": "location"}
FILTERS = {"tag", "tags", "remote", "salary", "posted", "is", "status"}
TRIAGE = {
    "new": "new",
    "unseen": "new",
    "unread": "new",
    "seen": "seen",
    "read": "seen",
    "hidden": "hidden",
    "blocked": "blocked",
}
"""`is:` values about triage, and the state each stands for."""
_OPS = (">=", "<=", ">", "<", "=")

QUERY_HELP = """\
query language:
  word            fuzzy, typo-tolerant; every word must match somewhere (AND)
  "exact phrase"  must appear as written (case and accents ignored)
  a|b             either a or b
  -word           exclude postings that match
  title:WORD  company:WORD  location:WORD (loc:)  tag:NAME   match in one field
  company:"Acme Corp"       quoted values
  remote:yes|no|hybrid|unknown   salary:>=120k  salary:<50000  (compares the maximum)
  posted:>=2024-01-01  posted:<30d (newer than 30 days)  posted:>6m (older)
  is:bookmarked  status:applied   (your shortlist)
  is:new  is:seen                 (postings you have not / have looked at)
  is:hidden  is:blocked           (left out unless asked for)
  -field:value    exclude by field
An empty query lists everything, newest first. Matching ignores case and accents.
"""


@dataclass(frozen=True, slots=True)
class Term:
    """One thing a posting must match."""

    kind: Kind
    """What is tested."""
    field: str | None = None
    """For words and phrases: the only field searched (None: every field)."""
    text: str = ""
    """Folded value: the word(s), phrase, tag, status."""
    tokens: tuple[str, ...] = ()
    """Words of the value, for word terms."""
    op: str = ">="
    """Comparison for salary and posted."""
    number: float = 0.0
    """Salary threshold."""
    day: date | None = None
    """Date threshold for posted."""
    until: date | None = None
    """End (exclusive) of a posted range such as `posted:2024`."""
    flag: bool | str | None = None
    """remote: True, False, "hybrid", or None for unknown."""


@dataclass(frozen=True, slots=True)
class Clause:
    """Alternatives joined by `|`; negated clauses exclude."""

    terms: tuple[Term, ...]
    negated: bool = False


@dataclass(slots=True)
class Query:
    """A parsed query: clauses that must all hold, and what could not be understood."""

    text: str
    clauses: list[Clause] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negated]

    @property
    def negative(self) -> list[Clause]:
        return [c for c in self.clauses if c.negated]


def _chunks(text: str) -> list[str]:
    """The query's clauses: whitespace-separated chunks, where `a | b`, `a OR b`, `a |b` and
    `a| b` are one chunk `a|b`."""
    merged: list[str] = []
    join_next = False
    for chunk in _split(text):
        if chunk in ("|", "OR"):
            join_next = bool(merged)
            continue
        if merged and (join_next or chunk.startswith("|") or merged[-1].endswith("|")):
            merged[-1] = merged[-1].rstrip("|") + "|" + chunk.lstrip("|")
        else:
            merged.append(chunk)
        join_next = False
    return merged


def _split(text: str) -> list[str]:
    """Whitespace-separated chunks; quotes group (an unclosed quote runs to the end)."""
    chunks: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
            buf.append(ch)
        elif ch.isspace() and not quoted:
            if buf:
                chunks.append("".join(buf))
                buf = []
        else:
            buf.append(ch)
    if buf:
        chunks.append("".join(buf))
    return chunks


def _alternatives(chunk: str) -> list[str]:
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in chunk:
        if ch == '"':
            quoted = not quoted
        if ch == "|" and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p for p in parts if p]


_AMOUNT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([km]?)", re.I)


def parse_amount(text: str) -> float | None:
    """`120k`, `$120,000`, `1.5m` as a number; None when it is not one."""
    t = text.strip().lstrip("$€£").replace("_", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?[kmKM]?", t):
        t = t.replace(",", "")
    m = _AMOUNT_RE.fullmatch(t)
    if not m:
        return None
    return float(m.group(1)) * {"k": 1e3, "m": 1e6, "": 1}[m.group(2).lower()]


def _op(value: str) -> tuple[str, str]:
    for op in _OPS:
        if value.startswith(op):
            return op, value[len(op) :]
    return "", value


def _posted(value: str, today: date) -> Term | str:
    op, rest = _op(value)
    days = span_days(rest)
    if days is not None:
        try:
            cutoff = shift(today, -days)
        except ValueError as exc:
            return f"posted: {rest!r}: {exc}"
        # An age: `<30d` is newer than 30 days, so the date is after the cutoff.
        flipped = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "": ">=", "=": "="}[op]
        return Term("posted", op=flipped, day=cutoff)
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", rest)
    if not m:
        return f"posted: expected a date like >=2024-01-01 or an age like <30d, got {value!r}"
    try:
        y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        start = date(y, mo, d)
    except ValueError:
        return f"posted: {rest!r} is not a valid date"
    try:  # the day after the period: past the last day of the calendar, that last day
        if m[3]:
            end = start + timedelta(days=1)
        elif m[2]:
            end = date(y + (mo == 12), mo % 12 + 1, 1)
        else:
            end = date(y + 1, 1, 1)
    except (OverflowError, ValueError):
        end = date.max
    if op in ("", "="):
        return Term("posted", op="range", day=start, until=end)
    last = end if end == date.max else end - timedelta(days=1)
    return Term("posted", op=op, day=start if op in (">=", "<") else last)


FIELD_NAMES = (*TEXT_FIELDS, "tag", "remote", "salary", "posted", "is", "status")
"""Every `name:` the query language knows, for the message about one it does not."""


def _unknown_field(name: str, value: str) -> str | None:
    """What to say of `name:value` when `name` is no field (None: it is not field syntax,
    such as a link `https://...`)."""
    if not value or value.startswith("/"):
        return None
    import difflib

    close = difflib.get_close_matches(name.lower(), FIELD_NAMES, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}:?)" if close else ""
    return f"unknown field {name}:{hint}; fields are {', '.join(f + ':' for f in FIELD_NAMES)}"


def _term(raw: str, today: date, errors: list[str]) -> Term | None:
    m = re.match(r"^([A-Za-z]+):(.*)$", raw, re.S)
    if m and m.group(1).lower() not in TEXT_FIELDS and m.group(1).lower() not in FILTERS:
        problem = _unknown_field(m.group(1), m.group(2))
        if problem:
            errors.append(problem)
            return None
    if m and (m.group(1).lower() in TEXT_FIELDS or m.group(1).lower() in FILTERS):
        name, value = m.group(1).lower(), m.group(2)
        quoted = value.startswith('"')
        value = value.strip('"').strip()
        if not value:
            return None  # `title:` while the person is still typing
        folded = fold(value)
        if name in TEXT_FIELDS:
            fld = TEXT_FIELDS[name]
            toks = tuple(words(folded))
            if quoted or len(toks) > 1:
                return Term("phrase", field=fld, text=" ".join(folded.split()), tokens=toks)
            return Term("word", field=fld, text=folded, tokens=toks) if toks else None
        if name in ("tag", "tags"):
            return Term("tag", text=folded)
        if name == "remote":
            flags = {
                "yes": True,
                "true": True,
                "y": True,
                "1": True,
                "remote": True,
                "no": False,
                "false": False,
                "n": False,
                "0": False,
                "onsite": False,
                "on-site": False,
                "office": False,
                "unknown": None,
                "?": None,
                "any": None,
                "hybrid": "hybrid",
                "partly": "hybrid",
            }
            if folded not in flags:
                errors.append(f"remote: expected yes, no, hybrid or unknown, got {value!r}")
                return None
            return Term("remote", flag=flags[folded])
        if name == "salary":
            op, rest = _op(value)
            amount = parse_amount(rest)
            if amount is None or rest[:1] in "<>=":
                errors.append(f"salary: expected a number like >=120k, got {value!r}")
                return None
            return Term("salary", op=op or ">=", number=amount)
        if name == "posted":
            result = _posted(value, today)
            if isinstance(result, str):
                errors.append(result)
                return None
            return result
        if name == "is":
            if folded in ("bookmarked", "saved", "shortlisted", "starred"):
                return Term("is", text="bookmarked")
            if folded in TRIAGE:
                return Term("is", text=TRIAGE[folded])
            errors.append(
                f"is: expected is:bookmarked, is:new, is:seen, is:hidden or is:blocked, got {value!r}"
            )
            return None
        if name == "status":
            if folded not in STATUSES:
                errors.append(f"status: expected one of {', '.join(STATUSES)}, got {value!r}")
                return None
            return Term("status", text=folded)
    if raw.startswith('"'):
        phrase = " ".join(fold(raw.strip('"')).split())
        toks = tuple(words(phrase))
        return Term("phrase", text=phrase, tokens=toks) if toks else None
    folded = fold(raw)
    toks = tuple(words(folded))
    return Term("word", text=folded.strip(), tokens=toks) if toks else None


def parse(text: str, today: date | None = None) -> Query:
    """Parse a query; what cannot be understood is explained in `errors` and left out."""
    today = today or date.today()
    query = Query(text)
    for chunk in _chunks(text):
        negated = chunk.startswith("-") and len(chunk) > 1
        body = chunk[1:] if negated else chunk
        terms = [t for raw in _alternatives(body) if (t := _term(raw, today, query.errors))]
        if terms:
            query.clauses.append(Clause(tuple(terms), negated))
    return query
