"""The title a labelled line of the body gives: `Job title: Backend Engineer`, `**Position:**
Data Analyst`, `職種：バックエンドエンジニア`, `Poste : Développeur`."""

from __future__ import annotations

import re

from jobtui.postings.extract.links import strip_link
from jobtui.postings.places import holds

TITLE_LABELS = (
    r"job[ \t]+title|position[ \t]+title|title|position|role|job"
    # French, German, Spanish, Portuguese, Italian, Dutch, Polish
    r"|poste|intitul[ée](?:[ \t]+du[ \t]+poste)?|stellenbezeichnung|stellentitel|jobtitel"
    r"|puesto|cargo|vaga|posizione|ruolo|functie|functietitel|stanowisko"
    # Japanese, Chinese, Korean
    r"|募集職種|職種(?:名)?|募集ポジション|ポジション|求人タイトル|职位(?:名称)?|岗位(?:名称)?"
    r"|招聘职位|직무|포지션|모집[ \t]?직무|채용[ \t]?포지션"
)
"""The labels of a line that names the job (a table's label cell is read against them too)."""
_TITLE_LINE_RE = re.compile(  # searched after a newline: tried only at newlines, not `^`
    rf"\n[ \t\xa0*+_-]*+(?:{TITLE_LABELS})"
    r"[ \t\xa0*_]*+[:：][ \t\xa0*_:：]*+(.{2,120}?)[ \t\xa0*_]*$",
    re.I | re.M,
)
_WORDS = ("title", "position", "role", "job", "poste", "intitul", "stelle", "jobtitel")
_WORDS_ELSEWHERE = (
    *("puesto", "cargo", "vaga", "posizione", "ruolo", "functie", "stanowisko"),
    *("職種", "ポジション", "求人タイトル", "职位", "岗位", "직무", "포지션"),
)
"""Words of those labels: a body with none is not searched."""
_NOT_A_TITLE_RE = re.compile(
    r"^(?:full[ -]?time|part[ -]?time|permanent|contract(?:or)?|temporary|freelance|internship"
    r"|remote|hybrid|on[ -]?site|vollzeit|teilzeit|festanstellung|cdi|cdd|tbd|open|filled"
    r"|closed|various|multiple|see below|see above|正社員|契約社員|派遣社員|業務委託)\b"
    r"|://|@|[.!?:;]$",
    re.I,
)
"""A value that is not the job's name: a kind of contract, a way of working, a link, a
sentence (`Role: You will build…`)."""


def title_from_line(body: str, low: str | None = None) -> str | None:
    """The title a labelled line names, when it reads as one (a few words, not a sentence, a
    kind of contract or a way of working)."""
    low = body.lower() if low is None else low
    if ":" not in body and "：" not in body:
        return None
    if not holds(low, _WORDS) and not holds(low, _WORDS_ELSEWHERE):
        return None
    for m in _TITLE_LINE_RE.finditer("\n" + body):
        title = strip_link(m.group(1))[0].strip()
        if (
            2 <= len(title) <= 100
            and len(title.split()) <= 12
            and not _NOT_A_TITLE_RE.search(title)
        ):
            return title
    return None
