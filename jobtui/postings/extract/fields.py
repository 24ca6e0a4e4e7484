"""The fields of one posting as extraction fills them, each with where it was found.

Every source goes through `Fields.put`, which is also where placeholders (`N/A`, `TBD`,
`[Company Name]`) are refused: a value that only holds a place is not a value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jobtui.postings.model import Origin, Salary

_PLACEHOLDERS = {
    # nothing there
    *("none", "null", "nil", "undefined", "unknown", "empty", "blank"),
    *("n/a", "na", "n.a", "not available", "not applicable", "not specified"),
    *("unspecified", "not stated", "not given", "not provided", "no data", "none given"),
    *("unavailable", "not disclosed yet"),
    # not decided yet
    *("tbd", "tba", "tbc", "to be determined", "to be announced", "to be confirmed"),
    # hidden on purpose: the company is not known to the reader
    *("confidential", "undisclosed", "not disclosed", "withheld", "anonymous"),
    # template leftovers
    *("xxx", "xxxx", "placeholder", "lorem ipsum", "untitled"),
    # the same in other languages: to be decided, confidential, not given
    *("à définir", "a definir", "à déterminer", "à préciser", "a convenir", "a definir"),
    *("por definir", "por determinar", "da definire", "da definirsi", "wird noch bekannt gegeben"),
    *("nach vereinbarung", "n.v.", "k.a.", "keine angabe", "beim kunden", "vor ort beim kunden"),
    *("confidencial", "confidentiel", "confidentielle", "vertraulich", "riservato", "sigiloso"),
    *("nicht angegeben", "non communiqué", "non précisé", "no especificado", "non specificato"),
}
_LABELS = {
    *("company", "company name", "employer", "organization", "organisation", "location"),
    *("city", "place", "title", "job title", "position", "role", "name", "example", "sample"),
}
"""Field names: placeholders only in brackets (`[Company Name]`); a bare `Title` may be meant."""
_TEMPLATE_RE = re.compile(r"\{\{.*\}\}|\{%.*%\}|\$\{.*\}|<%.*%>|%[a-z_]+%", re.S)
_BRACKETED_RE = re.compile(r"^[\[<({]+\s*(.*?)\s*[\]>)}]+$")


def is_placeholder(value: str) -> bool:
    """True for text that only holds a place: `N/A`, `TBD`, `-`, `<company>`, `{{ company }}`."""
    text = value.strip().strip("\"'`*_ ").casefold()
    if not any(c.isalnum() for c in text):
        return True  # empty, `-`, `—`, `?`, `...`
    if _TEMPLATE_RE.search(text):
        return True  # an unrendered template variable
    text = " ".join(text.rstrip(".:").split())
    inner = _BRACKETED_RE.match(text)
    if not inner:
        return text in _PLACEHOLDERS
    # `[Company Name]`, `<company>`, `(your location here)`, `[TBD]`
    words = inner.group(1).replace("_", " ").replace("-", " ").removesuffix(" here")
    words = words.removeprefix("your ").removeprefix("insert ").removeprefix("enter ")
    return words in _PLACEHOLDERS or words in _LABELS or words.startswith(("your ", "insert "))


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
    hybrid: bool = False
    """The posting states a policy between remote and on-site (hybrid): remote stays unknown
    rather than being guessed either way."""
    only_not_remote: bool = False
    """The front matter says no more than that the job is not remote (`remote: false`, `remote:
    no`), not that it is on-site: a hybrid the body states refines it."""
    unguessed: set[str] = field(default_factory=set)
    """Fields the posting gives a value of that is not read (`remote: unknown`, `remote:
    flexible`): what it said is not overruled by a guess (a place with no remote word is not
    taken as on-site)."""
    rejected: list[str] = field(default_factory=list)
    """Front matter values that could not be read, each with its key and why: the load reports
    them as warnings (`front matter posted: '2024-13-45' left out: month must be in 1..12`)."""

    def read(self, name: str, key: str, value: Any, convert: Callable[[Any], Any]) -> Any:
        """`convert(value)`: a front matter value read as field `name`, or None when it cannot
        be one (`convert` raised ValueError or TypeError, or the value is NaN or infinite).

        This is the one place a front matter value becomes a field's: a value no posting can hold
        costs only itself, never the posting, and is named in `rejected`.
        """
        try:
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError("not a number")
            return convert(value)
        except (ValueError, TypeError, ArithmeticError) as exc:
            label = key if key.lower() == name else f"{key} ({name})"
            self.rejected.append(f"front matter {label}: {_shown(value)} left out: {exc}")
            return None

    def put(self, name: str, value: Any, origin: Origin) -> None:
        """Set a field unless it is already known (earlier sources win) or the value is a
        placeholder, which leaves the field open for a later source."""
        if isinstance(value, str) and is_placeholder(value):
            return
        if value in (None, "", []) or not self.unknown(name):
            return
        setattr(self, name, value)
        self.origins[name] = origin

    def unknown(self, name: str) -> bool:
        """Whether a field is still open: a later source may `put` it (a reader need not run
        for a field an earlier source gave)."""
        return getattr(self, name) in (None, "", [])


def _shown(value: Any) -> str:
    """A value as a warning quotes it: its repr (control and invisible characters escaped),
    cut short; a day or a time as written (`'2027-05-01'`, not `datetime.date(2027, 5, 1)`)."""
    if isinstance(value, date | datetime):
        value = value.isoformat()
    try:
        text = repr(value)
    except ValueError:  # an int of more digits than Python will print
        text = f"<{type(value).__name__} too long to show>"
    return text if len(text) <= 40 else text[:39] + "…"


def kind(value: object) -> str:
    """`a list`, `a mapping`, `a yes/no value`: what a front matter value is, to say why it was
    not read as a field."""
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    name = type(value).__name__
    return f"a{'n' if name[0] in 'aeiou' else ''} {name}"
