"""Best-effort extraction from running text, for fields the posting did not state elsewhere."""

from __future__ import annotations

import re

from jobtui.postings.extract.company import NEXT_FIELD_RE, SENTENCE_END_RE, company_from_body
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.heading import clean_location
from jobtui.postings.extract.job_title import title_from_line
from jobtui.postings.extract.links import strip_emphasis, url_from_body, web_apply_address
from jobtui.postings.extract.posted import posted_from_body
from jobtui.postings.extract.remote import is_hybrid, remote_from_text, remote_policy
from jobtui.postings.places import places
from jobtui.postings.salary import parse_salary

__all__ = ["company_from_body", "from_body", "is_hybrid", "location_from_body", "remote_from_text"]


# Line patterns match within one line ([ \t], never \s: after `^` in MULTILINE mode it runs
# across every blank line below, for every line), and possessively (`*+`: two runs of the same
# characters side by side are tried at every split): else minutes for a page of white space.
LOCATION_LABELS = (
    r"location|based in|office|(?:office|work|job|primary)[ \t]+location"
    # French, German, Spanish, Portuguese, Italian, Dutch, Swedish, Finnish, Polish
    r"|lieu(?: de travail)?|localisation|ort|standort|arbeitsort|einsatzort|dienstort"
    r"|ubicaci[óo]n|localizaci[óo]n|lugar de trabajo|ciudad|localiza[çc][ãa]o|local de trabalho"
    r"|sede(?: di lavoro)?|luogo di lavoro|localit[àa]|locatie|standplaats|werklocatie"
    r"|placering|arbetsort|sijainti|ty[öo]paikka|lokalizacja|miejsce pracy"
    # Japanese, Chinese, Korean
    r"|勤務地|勤務場所|勤務先住所|就業場所|勤務エリア|工作地点|工作地址|上班地点|근무지|근무[ \t]?장소|근무[ \t]?지역"
)
"""The labels of a line that says where the job is (a table's label cell is read against them
too)."""
# The line patterns open with the `\n` before a line, searched in the body after a `\n`: the
# engine skips to each `\n` at memory speed, where `^` is tried at every character (~3x slower).
_LOCATION_LINE_RE = re.compile(
    rf"\n[ \t\xa0*+_-]*+(?:{LOCATION_LABELS})"
    r"[ \t\xa0*_]*+[:：][ \t\xa0*_:：]*+"
    r"(?:\n[ \t\xa0*+_-]*+)?(.{2,200}?)[ \t\xa0]*$",  # the place may be on the next line
    re.I | re.M,
)
_LOCATION_LINE2_RE = re.compile(
    r"\n[ \t\xa0*+_-]*+location[ \t\xa0]*+(?:\*\*|__)[ \t\xa0*_:]*+(.{2,80}?)[ \t\xa0]*$",
    re.I | re.M,
)


_LABEL_AFTER_FIELD_RE = re.compile(
    r"(?:location|based in)[ \t\xa0*_]*[:：][ \t\xa0*_]*(.{2,200}?)[ \t\xa0]*$", re.I | re.M
)
_FIELD_BEFORE_RE = re.compile(r"[.;|·][ \t\xa0]+(?:\*\*|__)?$")
"""`Company: Acme. Location: Leeds`: the place after another field on its line (the label
is looked for where `location` or `based in` is, and the field's end just before it)."""


def _location_after_field(body: str, low: str) -> re.Match[str] | None:
    if len(low) != len(body):
        return None
    for word in ("location", "based in"):
        for at in places(low, word):
            if _FIELD_BEFORE_RE.search(body, max(0, at - 8), at):
                m = _LABEL_AFTER_FIELD_RE.match(body, at)
                if m:
                    return m
    return None


def location_from_body(body: str, low: str | None = None) -> str | None:
    lines = "\n" + body
    m = _LOCATION_LINE_RE.search(lines) or _LOCATION_LINE2_RE.search(lines)
    if m is None:
        m = _location_after_field(body, body.lower() if low is None else low)
    if m is None:
        return None
    value = NEXT_FIELD_RE.split(m.group(1))[0]  # `Omaha, NE. Pay: $24/hr`: Omaha, NE
    value = SENTENCE_END_RE.split(value)[0]  # `Lausanne. Hybrid. CHF 9'000`: not St. Louis
    return clean_location(strip_emphasis(value)) if len(value) <= 80 else None


def from_body(body: str, f: Fields) -> None:
    """Best-effort extraction from running text, for fields still unknown."""
    low = body.lower()  # once, for every reader below that looks for words
    if f.unknown("title"):
        f.put("title", title_from_line(body, low), "body")
    if f.unknown("company"):
        f.put("company", company_from_body(body, low), "body")
    if f.unknown("location"):
        f.put("location", location_from_body(body, low), "body")
    if f.remote is None and not f.hybrid:
        remote, origin, hybrid = remote_policy(f.location, body, low)
        if hybrid:
            f.hybrid, f.origins["remote"] = True, origin or f.origins.get("location", "body")
        elif not (origin == "guessed" and "remote" in f.unguessed):
            f.put("remote", remote, origin or f.origins.get("location", "body"))
    elif f.only_not_remote and not f.hybrid:
        # `remote: false` and a body that says `Hybrid role.`: not remote, and hybrid
        _, origin, hybrid = remote_policy(f.location, body, low)
        if hybrid:
            f.remote, f.hybrid = None, True
            f.origins["remote"] = origin or f.origins.get("location", "body")
    if f.unknown("salary"):
        f.put("salary", parse_salary(body), "body")
    if f.url is not None and f.url.startswith("mailto:") and f.origins.get("url") == "heading":
        # a title linked to an e-mail address: a web address the body gives to apply at wins
        web = web_apply_address(body, low)
        if web is not None:
            f.url, f.origins["url"] = web, "body"
    if f.unknown("url"):
        f.put("url", url_from_body(body, low), "body")
    if f.posted is None:
        f.put("posted", posted_from_body(body, low), "body")
