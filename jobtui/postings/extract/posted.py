"""The day a posting was published, from a labelled line of its body.

Saved pages and pasted postings say it in a line of their own: `Posted: 2026-11-10`, `Date
posted: Nov 1, 2026`, `**Published on** 5 March 2026`, `Publié le 12/11/2026`,
`Veröffentlicht am 12.11.2026`. Only a line that starts with such a label counts (a start
date, a deadline or a date in a sentence is not the posting's), and only a day written in
full: `Posted 3 days ago` says nothing without the day it was read on, so it stays unknown.
After a label in a language that writes the day first, `12/11/2026` is the 12th of November;
after an English one it is read only when it can be told (`14/11/2026`).
"""

from __future__ import annotations

import re
from datetime import date

from jobtui.postings.extract.dates import parse_date
from jobtui.postings.places import places
from jobtui.postings.text import lines_at

_ENGLISH = (
    r"date\s+posted|posted\s+date|posting\s+date|posted\s+on|posted|date\s+published"
    r"|published\s+on|published|publication\s+date"
)
_DAY_FIRST = (
    r"publi[ée]e?\s+le|date\s+de\s+publication|mis\s+en\s+ligne\s+le"  # French
    r"|ver[öo]ffentlicht\s+am|ver[öo]ffentlicht|ver[öo]ffentlichungsdatum|online\s+seit"  # German
    r"|publicado\s+el|publicado\s+em|publicado|fecha\s+de\s+publicaci[óo]n"  # Spanish, Portuguese
    r"|data\s+de\s+publica[çc][ãa]o|pubblicato\s+il|pubblicato|data\s+di\s+pubblicazione"
    r"|geplaatst\s+op|gepubliceerd\s+op"  # Dutch
)
_YEAR_FIRST = r"掲載日|掲載開始日|公開日|投稿日|发布日期|发布时间|發佈日期|게시일|등록일|게재일"
"""Japanese, Chinese and Korean labels: their days are written year first (`2026年3月4日`,
`2026/3/4`), which reads alike in any order of the other two."""
POSTED_LABELS = rf"{_ENGLISH}|{_DAY_FIRST}|{_YEAR_FIRST}"
"""The labels of a line that says when the posting was published (a table's label cell is read
against them too)."""
_LINE_RE = re.compile(
    # at the start of the line, or after one mark (`- Posted:`, `> Posted`), never indented
    # under a list item (`- Data Engineer at Foo\n  Posted: …` is another posting's)
    rf"(?:[>*_#-]+[ \t]?){{0,3}}(?:(?P<english>{_ENGLISH}|{_YEAR_FIRST})|(?P<day_first>{_DAY_FIRST}))\b[*_]*"
    r"\s*[:：\-–—]?\s*[*_]*\s*(?P<value>[^\n]{4,40}?)[*_.。\s]*$",
    re.I,
)
_WORDS = (
    "posted",
    "posting date",
    "publi",
    "ffentlich",
    "online seit",
    "mis en ligne",
    "geplaatst",
    "pubblica",
    *("掲載", "公開日", "投稿日", "发布", "發佈", "게시일", "등록일", "게재일"),
)
"""Words of the labels, lowercased: only lines holding one are matched."""
_OTHER_JOBS_RE = re.compile(
    r"\n[ \t>*_#-]*(?:similar|related|more|other|recommended|latest)[ \t]+(?:jobs|positions|roles"
    r"|openings|vacancies|postings)\b|\n[ \t>*_#-]*you (?:may|might) also like\b"
)
"""The list of other postings a saved page ends with: searched in the text after a newline,
where a match starts at the newline before its line, which is where its line starts in the
text (opening with `\n`, not `^`, the engine skips from newline to newline: ~3x faster)."""
_SLASHED_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_WEEKDAY_RE = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+")
_FACTS_RE = re.compile(r"\s+[|·•–—-]\s+|\s*[(（;]|\s+by\s|,\s+(?:updated|modified|edited)\b")
"""Where other facts of the line start: `Nov 1, 2026 · Berlin`, `5 March 2026 by Jane`."""
_MONTHS = {
    **dict.fromkeys(
        ("janvier", "januar", "jänner", "enero", "janeiro", "gennaio", "januari"), "January"
    ),
    **dict.fromkeys(
        ("février", "fevrier", "februar", "febrero", "fevereiro", "febbraio", "februari"),
        "February",
    ),
    **dict.fromkeys(("mars", "märz", "marz", "marzo", "março", "marco", "maart"), "March"),
    **dict.fromkeys(("avril", "abril", "aprile"), "April"),
    **dict.fromkeys(("mai", "mayo", "maio", "maggio", "mei"), "May"),
    **dict.fromkeys(("juin", "juni", "junio", "junho", "giugno"), "June"),
    **dict.fromkeys(("juillet", "juli", "julio", "julho", "luglio"), "July"),
    **dict.fromkeys(("août", "aout", "agosto", "augustus"), "August"),
    **dict.fromkeys(("septembre", "septiembre", "setembro", "settembre"), "September"),
    **dict.fromkeys(("octobre", "oktober", "octubre", "outubro", "ottobre"), "October"),
    **dict.fromkeys(("novembre", "noviembre", "novembro"), "November"),
    **dict.fromkeys(
        ("décembre", "decembre", "dezember", "diciembre", "dezembro", "dicembre"), "December"
    ),
}
"""Month names of the languages whose labels are read, in English (`5 mars 2026`)."""
_FOREIGN_DAY_RE = re.compile(r"^(\d{1,2})\.?\s+(?:de\s+)?([^\W\d_]+)\.?\s+(?:de\s+)?(\d{4})$")
"""`5 mars 2026`, `3. November 2026`, `5 de marzo de 2026`."""


def _in_english(value: str) -> str:
    """A day written with a month name of another language, as `parse_date` reads it."""
    m = _FOREIGN_DAY_RE.match(value.strip())
    if m is None:
        return value
    return f"{m[1]} {_MONTHS.get(m[2].lower(), m[2])} {m[3]}"  # (`3. November 2026` too)


def posted_from_body(body: str, low: str | None = None, today: date | None = None) -> date | None:
    """The day a labelled line of the body says the posting was published; None when no line
    says one that can be read (or says a day after `today`). `low`: the body lowercased."""
    low = body.lower() if low is None else low  # matched lowercased: month names read alike
    found = [at for word in _WORDS for at in places(low, word)]
    if not found:
        return None
    today = today or date.today()
    others = _OTHER_JOBS_RE.search("\n" + low)  # below `Similar jobs`, dates are other postings'
    if others is not None:
        found = [at for at in found if at < others.start()]
    for start, end in lines_at(low, found):
        m = _LINE_RE.match(low, start, end)
        if m is None:
            continue
        value = _WEEKDAY_RE.sub("", m["value"])
        if m["day_first"]:
            value = _SLASHED_RE.sub(r"\1.\2.\3", value)  # read as `12.11.2026`: day first
        # `Nov 1, 2026 · Berlin`: the day, then other facts of the line.
        first = _FACTS_RE.split(value)[0]
        for text in (value, first, _in_english(first)):
            try:
                day = parse_date(text)
            except (ValueError, TypeError, OverflowError):
                continue
            if day is not None and day <= today:
                return day
    return None
