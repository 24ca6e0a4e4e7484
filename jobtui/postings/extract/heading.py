"""The heading block of postings without front matter: `# [Title](url)`, `### Company`, badges."""

from __future__ import annotations

import re

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.links import strip_emphasis, strip_link
from jobtui.postings.extract.names import reads_as_title
from jobtui.postings.extract.sections import is_section
from jobtui.postings.salary import CURRENCY, parse_salary

_HEADING_START_RE = re.compile(r"(#{1,6})\s+")
_BADGE_RE = re.compile(r"`([^`]+)`")
_EMOJI_RE = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_SECTION_WORDS_RE = re.compile(
    r"^(?:about|what|who|why|how|where|when|the|our|your|job|role|position|responsibilities|"
    r"requirements|benefits|description|overview|summary|we|you|apply|details|perks)\b|[?:]$"
    # a section or a fact, not a company: `### Tech Stack`, `### Location: Berlin` (Remote is
    # one: remote.com)
    r"|:|\b(?:stack|responsibilit|qualification|requirement|skills?|duties|description|overview"
    r"|benefits|perks|compensation|salary|location|hybrid|on-?site|full[ -]?time|part[ -]?time"
    r"|contract|permanent|internship|freelance|tasks|team|culture|mission|values|process"
    r"|interview|experience|education|nice to have|bonus|equity|offer|expectations)",
    re.I,
)


def from_heading_block(body: str, f: Fields) -> None:
    """Title (with its link), company (`###`) and location/salary badges (`####`) at the top."""
    lines = body.split("\n")
    start = None
    for i, line in enumerate(lines[:12]):
        if not line.strip():
            continue
        if heading(line):
            start = i
        break
    if start is None:
        return
    title_level, text = heading(lines[start]) or (0, "")
    title, url = strip_link(text)
    if is_section(title):
        # `# About us`, `## Job description`: a part of the posting, not its title (nor the
        # link of one); a later heading that reads as a title is
        start = _title_heading(lines, start + 1)
        if start is None:
            return
        title_level, text = heading(lines[start]) or (0, "")
        title, url = strip_link(text)
    f.put("title", title, "heading")
    f.put("url", url, "heading")
    for line in lines[start + 1 : start + 8]:
        if not line.strip():
            continue
        found = heading(line)
        if not found or found[0] <= title_level:
            break
        level, text = found
        badges = _BADGE_RE.findall(text)
        if not badges and level >= 4 and is_section(strip_link(text)[0]):
            continue  # `#### Responsibilities`, `#### Who we are`: a section, not a place
        if badges or level >= 4:
            for badge in badges or [text]:
                _badge(badge, f)
        elif level == 3 and not _SECTION_WORDS_RE.search(strip_emphasis(text)):
            company = strip_link(text)[0]
            if 0 < len(company.split()) <= 6:
                f.put("company", company, "heading")


def _title_heading(lines: list[str], start: int) -> int | None:
    """The first heading from line `start` on that reads as a job title (`## Senior Backend
    Engineer` below `# About us`), by its index."""
    for i in range(start, len(lines)):
        found = heading(lines[i]) if lines[i].lstrip().startswith("#") else None
        if found is None or found[1].rstrip("*_ ").endswith(":"):
            continue  # `## Deployment/DevOps:` leads a list
        text = strip_link(found[1])[0]
        if reads_as_title(text) and not _PHRASE_RE.match(text):
            return i
    return None


def heading(line: str) -> tuple[int, str] | None:
    """(level, text) of an ATX heading line (`## Title ##` gives 2 and `Title`), else None.
    Read without a pattern over the whole line, whose time would grow with its spaces."""
    line = line.strip()
    m = _HEADING_START_RE.match(line)
    if m is None:
        return None
    return len(m.group(1)), line[m.end() :].rstrip("#").rstrip()


_PHRASE_RE = re.compile(
    r"(?:being|becoming|become|building|working|joining|helping|making|shaping)\s", re.I
)
"""A heading that starts a phrase about the job (`Being a Frontend Engineer at Acme`,
`Building developer tools at Acme`), not its title."""


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
