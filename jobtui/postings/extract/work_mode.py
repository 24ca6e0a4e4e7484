"""Where the job is done as the posting states it in a few words: a field (`Remote: hybrid`,
`Workplace type: On-site`, `Modalidad: presencial`, `Tryb pracy: zdalna`), a line of its own
(`In person`, `Praca stacjonarna`) or a sentence after the place (`Lisbon, Portugal. Hybrid.`).

A field is the plainest statement a posting makes, so it is read before its sentences; lines
and short sentences are read after them, when they say nothing (see `remote.remote_policy`).
A field that offers two ways (`Remote or hybrid`), or fields that disagree, state nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobtui.postings.places import places
from jobtui.postings.text import lines_at

REMOTE, HYBRID, ON_SITE = "remote", "hybrid", "on-site"

_REMOTE_WORDS = (
    r"remote(?:[ \t]+(?:work(?:ing)?|option|policy|status|possible|allowed|friendly))?"
    r"|home[ \t-]?office|mobiles[ \t]+arbeiten|t[ée]l[ée]travail|teletrabajo|trabajo[ \t]+remoto"
    r"|teletrabalho|smart[ \t-]working|praca[ \t]+zdalna|thuiswerken|wfh|work[ \t]+from[ \t]+home"
    r"|telecommut\w*|telework\w*"
    # Japanese, Chinese, Korean
    r"|リモート(?:ワーク)?|テレワーク|在宅勤務|远程(?:办公|工作)?|원격[ \t]?근무|재택[ \t]?근무"
)
"""Labels that are themselves remote work: a yes or a no after them says it (`Remote: No`)."""
_REMOTE_LABEL_RE = re.compile(_REMOTE_WORDS, re.I)
WORK_MODE_LABELS = (
    rf"{_REMOTE_WORDS}"
    r"|work(?:ing)?[ \t-]*(?:place|model|mode|arrangement|type|style|setup|set-up|location"
    r"|pattern|policy|format|environment)(?:[ \t]+type)?|workplace(?:[ \t]+(?:type|policy|model))?"
    r"|location[ \t]+type|arrangement|remote[ \t]*/[ \t]*on-?site|on-?site[ \t]*/[ \t]*remote"
    r"|modalidad(?:[ \t]+(?:de[ \t]+trabajo|laboral|de[ \t]+empleo))?|modelo[ \t]+de[ \t]+(?:trabaj[oa]|trabalho)"
    r"|modalidade(?:[ \t]+de[ \t]+trabalho)?|regime[ \t]+de[ \t]+trabalho|esquema[ \t]+de[ \t]+trabajo"
    r"|tipo[ \t]+de[ \t]+(?:trabajo|trabalho|contrataci[óo]n)|formato[ \t]+de[ \t]+trabajo"
    r"|mode[ \t]+de[ \t]+travail|modalit[ée]s?[ \t]+de[ \t]+travail|type[ \t]+de[ \t]+travail"
    r"|organisation[ \t]+du[ \t]+travail|lieu[ \t]+de[ \t]+travail"
    r"|arbeitsmodell|arbeitsweise|arbeitsort|modalit[àa](?:[ \t]+di[ \t]+lavoro)?"
    r"|tipo[ \t]+di[ \t]+lavoro|sede[ \t]+di[ \t]+lavoro"
    r"|tryb[ \t]+pracy|forma[ \t]+pracy|model[ \t]+pracy|system[ \t]+pracy"
    r"|werkmodel|werkvorm|werklocatie|job[ \t]+type|勤務形態|働き方"
)
"""The labels of a field that names where the job is done (a table's label cell is read against
them too)."""
_LABEL_RE = rf"(?P<label>{WORK_MODE_LABELS})"
_FULLY = (
    r"(?:(?:fully|full|100[ \t]*%|completely|entirely|totalmente|completamente|totalement"
    r"|vollst[äa]ndig|komplett|w[ \t]+pe[łl]ni|ca[łl]kowicie|volledig)[ \t-]+)?"
)
_VALUES = {
    HYBRID: (
        r"hybrid\w*|h[íi]brid[oa]s?|hybride[sn]?|hybrydow\w*|ibrid[oa]|semi[ \t-]?presencial"
        r"|semi[ \t-]?remote|partial(?:ly)?[ \t-]+remote|partly[ \t-]+remote"
        r"|t[ée]l[ée]travail[ \t]+partiel\w*|teletrabajo[ \t]+parcial|remote[ \t]+partiel\w*"
        r"|teilweise[ \t]+(?:remote|home[ \t-]?office)|flex(?:ible)?[ \t-]+(?:hybrid|remote)"
        r"|一部リモート|一部在宅|リモート併用|ハイブリッド(?:勤務)?|混合办公|하이브리드"
    ),
    REMOTE: (
        rf"{_FULLY}(?:remote(?:ly)?|remot[oa]|teletrabajo(?:[ \t]+total)?|teletrabalho|home[ \t-]?office"
        r"|t[ée]l[ée]travail(?:[ \t]+(?:total|complet))?|[àa][ \t]+distance|zdaln\w*"
        r"|op[ \t]+afstand|thuis\w*|work(?:ing)?[ \t]+from[ \t]+home|wfh|anywhere|virtual"
        r"|telework\w*|telecommut\w*|remote[ \t-]+only"
        r"|(?:フル|完全)?リモート(?:ワーク)?|完全在宅|在宅(?:勤務)?|テレワーク|远程(?:办公|工作)?"
        r"|원격(?:[ \t]?근무)?|재택(?:[ \t]?근무)?)"
    ),
    ON_SITE: (
        rf"{_FULLY}(?:on[ \t-]?site|in[ \t-]person|in[ \t-]office|office[ \t-]based"
        r"|(?:in|at)[ \t]+(?:the|our)[ \t]+office|presencial\w*|stacjonarn\w*|sur[ \t]+site"
        r"|sur[ \t]+place|pr[ée]sentiel\w*|in[ \t]+sede|in[ \t]+ufficio|vor[ \t]+ort"
        r"|pr[äa]senz\w*|op[ \t]+kantoor|op[ \t]+locatie|出社)"
    ),
}
_YES = (
    r"yes|ja|s[íi]|oui|tak|sim|possible|m[öo]glich|posible|poss[íi]vel|possibile|available"
    r"|allowed|ok|✅|✔️?|true|可|可能|あり|有り?|可以|가능"
)
_NO = r"no|not[ \t]+(?:possible|available|allowed|offered)|none|nein|non|nie|n[ãa]o|nee|nej|false|❌|不可|不可能|なし|無し|不可以|불가(?:능)?"
_MODE_RE = (
    rf"(?P<hybrid>{_VALUES[HYBRID]})|(?P<remote>{_VALUES[REMOTE]})|(?P<on_site>{_VALUES[ON_SITE]})"
)
_END = (
    r"(?![\w-])(?=[ \t*_]*(?:$|[.,;:!()\[\]/|·•–—&+（）、。・／]|(?:or|and|with|in|at|from|for|within"
    r"|across|only|model|schedule|setup|policy|oder|ou|lub|of|en|em"
    r"|nach|mit|con|com|[àaowz]|\d)(?![\w-])))"
)
"""After a value: the end of the field, or words that say more of it (`Hybrid (2 days)`,
`Remote within the EU`); not another word (`Hybrid cloud engineering`)."""
_START_RE = re.compile(r"(?:^|\n|[.;|·•][ \t]|[ \t][–—|-][ \t])[ \t*_+>#•·-]*")
"""Where a field starts: a line (a list item, a heading), or after another field on it."""
_LABEL_ENDS = frozenset(
    "remote work working option policy status possible allowed friendly office arbeiten wfh home"
    " télétravail teletravail teletrabajo remoto teletrabalho zdalna thuiswerken place model mode"
    " homeoffice home-office arrangement type style setup set-up location pattern format environment workplace on-site"
    " onsite modalidad laboral empleo trabajo trabalho trabaja modalidade contratación"
    " contratacion travail arbeitsmodell arbeitsweise arbeitsort modalità modalita lavoro pracy"
    " werkmodel werkvorm werklocatie 勤務形態 働き方 telecommute telecommuting telework teleworking"
    " リモート リモートワーク テレワーク 在宅勤務 远程 远程办公 远程工作 원격근무 재택근무 근무".split()
)
"""The last word of a label: the text before a colon is read as a label only after one."""
_FIELD_RE = re.compile(
    rf"{_LABEL_RE}[ \t*_]*[:：][ \t*_]*"
    rf"(?:(?:praca[ \t]+)?(?:{_MODE_RE}){_END}|(?P<yes>{_YES}){_END}|(?P<no>{_NO}){_END})",
    re.I | re.M,
)
"""A field naming where the job is done; yes and no are read after a remote label only."""
_OTHER_MODE_RE = re.compile(
    rf"[ \t*_]*(?:/|,|\bor\b|\band\b|\boder\b|\bo\b|\bou\b|\blub\b|\bof\b|&|\+)[ \t*_]*(?:praca[ \t]+)?(?:{_MODE_RE}){_END}",
    re.I | re.M,
)
"""A second way of working offered just after the first (`Remote or hybrid`, `Hybrid/Remote`)."""
_LINE_RE = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:(?P<on_site>on[ \t-]?site|in[ \t-]person|in[ \t-]office"
    r"|office[ \t-]based|praca[ \t]+stacjonarna|100[ \t]*%[ \t]*(?:on[ \t-]?site|presencial"
    r"|stacjonarnie)|presencial|t[ée]l[ée]travail[ \t]+non[ \t]+autoris[ée]e?|sin[ \t]+teletrabajo)"
    r"|(?P<remote>fully[ \t]+remote|100[ \t]*%[ \t]*(?:remote|remoto|zdalnie|t[ée]l[ée]travail)"
    r"|remote[ \t]+only|praca[ \t]+zdalna|solo[ \t]+teletrabajo|teletrabajo[ \t]+total"
    r"|t[ée]l[ée]travail[ \t]+(?:total|complet)(?:[ \t]+possible)?"
    r"|(?:フル|完全)リモート(?:ワーク)?(?:勤務)?|完全在宅(?:勤務)?)"
    r"|(?P<hybrid>praca[ \t]+hybrydowa|semi[ \t-]?presencial|teletrabajo[ \t]+parcial"
    r"|t[ée]l[ée]travail[ \t]+(?:occasionnel|partiel|fr[ée]quent|r[ée]gulier)"
    r"(?:[ \t]+(?:autoris[ée]e?|possible))?|一部リモート|リモート併用|ハイブリッド勤務))"
    r"(?:\*\*|__)?[ \t]*[.!。！]?[ \t]*$",
    re.I | re.M,
)
"""A line that is only a way of working (`In person`, `Praca stacjonarna`, `Télétravail
occasionnel autorisé`), not a list item (`* Onsite`: a round of interviews, as often)."""
_SENTENCES = (
    (
        ("person",),
        re.compile(
            r"\b(?:role|position|job)[ \t]+is[ \t]+(?:fully[ \t]+|100[ \t]*%[ \t]+)?"
            r"(?P<on_site>in[ \t-]person)\b"
            r"(?![ \t-]+(?:interview|meeting|event|onboarding|training))"
            r"|\b(?:an?|this)[ \t]+(?P<on_site2>in[ \t-]person)[ \t]+(?:role|position|job)\b",
            re.I,
        ),
    ),
    (
        ("presencial",),
        re.compile(
            r"\b(?:trabajo|trabalho|modalidad|modelo|empleo|puesto|formato|r[ée]gimen|modalidade)"
            r"[ \t]+(?:100[ \t]*%[ \t]+)?(?P<on_site>presencial)\b",
            re.I,
        ),
    ),
    (
        ("stacjonarn",),
        re.compile(
            r"\b(?:praca|pracujemy|pracy)[ \t]+(?:\w+[ \t]+)?(?P<on_site>stacjonarn\w*)", re.I
        ),
    ),
    (
        ("home", "mobil"),
        re.compile(
            r"\b(?P<hybrid>(?:home[ \t-]?office|mobiles[ \t]+arbeiten)[ \t]+(?:nach[ \t]+absprache"
            r"|m[öo]glich|teilweise|anteilig|tageweise|an[ \t]+(?!allen\b)\w+[ \t]+tagen)"
            r"|(?:teilweise|anteilig|tageweise)[ \t]+(?:home[ \t-]?office|mobiles[ \t]+arbeiten))",
            re.I,
        ),
    ),
)
"""Sentences that say it (`This position is in-person.`, `trabajo presencial`, `Homeoffice
nach Absprache`), each searched in the lines holding one of its words."""
_FULLY_BEFORE_RE = re.compile(
    r"(?:100[ \t]*%|vollst[äa]ndig|komplett|ausschlie[ßs]lich)[ \t]*$", re.I
)
"""Before a home office said to be possible: all of it (`100% Homeoffice möglich`)."""
_AFTER_PLACE_RE = re.compile(
    r"^[ \t*_]*(?:based[ \t]+in[ \t]+)?(?-i:[A-Z])[\w'.-]*(?:[ \t]+[\w'.-]+){0,3},[ \t]*"
    r"(?-i:[A-Z])[\w'-]*(?:[ \t]+[\w'-]+){0,2}\.[ \t]+"
    rf"(?:{_MODE_RE})[ \t]*[.!](?=[ \t]|$)",
    re.I | re.M,
)
"""A sentence of its own after a place (`Lisbon, Portugal. Hybrid.`, `Austin, TX. On-site.`)."""
_OTHER_WAY_RE = re.compile(
    r"(?P<remote>\b(?:from[ \t]+home|remote(?:ly)?|wfh|home[ \t-]?office|t[ée]l[ée]travail"
    r"|teletrabajo|teletrabalho|zdaln\w*|thuis\w*|smart[ \t]working)\b)"
    r"|(?P<on_site>\b(?:on[ \t-]?site|in[ \t-]office|in[ \t-]person|presencial\w*|stacjonarn\w*"
    r"|pr[ée]sentiel\w*|(?:in|at)[ \t]+(?:the|our)[ \t]+office)\b)"
    r"|(?P<hybrid>\b(?:hybrid\w*|h[íi]brid[oa]|hybrydow\w*|ibrid[oa])\b)",
    re.I,
)
"""A way of working said after a field's value, on its line: when it is another, the field
states more than one (`Presencial (con 1 día de teletrabajo)`)."""
_DAYS_A_WEEK_RE = re.compile(
    r"[^\n]{0,15}?\b[1-4][ \t]*(?:days?|tage?|jours?|d[íi]as?|dni)[ \t]*(?:a|per|/|pro|par"
    r"|por|w|each|in[ \t]+the)?[ \t]*(?:week|woche|semaine|semana|tygodniu)\b"
    r"(?![ \t]*\(?[ \t]*\d+[ \t]*(?:h|hours?|stunden)\b)",
    re.I,
)
"""Just after a yes to remote work: some days a week (`Remote work: yes, 2 days a week`),
not a short week (`4 days a week (32h)`)."""
_HOME_OFFICE_RE = re.compile(r"home[ \t-]?office|mobiles[ \t]+arbeiten", re.I)
"""A label of home office: a yes after it says too little (`Homeoffice: ja`: a day a week,
or every day?)."""
_NEGATED_RE = re.compile(
    r"\b(?:not|no|non|kein\w*|nicht|sin|sans|pas|nie|nem|n[ãa]o)\b[^.;:!?\n]{0,20}$", re.I
)
"""A denial before a sentence's words (`Este no es un puesto presencial`)."""
_DENIED_AFTER_RE = re.compile(
    r"[ \t]*[?:]?[ \t]*(?:leider[ \t]+|unfortunately[ \t]+)?(?:nein|no|not|nicht|non)\b", re.I
)
"""A denial just after them (`Homeoffice möglich? Leider nein.`)."""


def _mode(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    if groups.get("hybrid"):
        return HYBRID
    if groups.get("remote"):
        return REMOTE
    if groups.get("on_site") or groups.get("on_site2"):  # (two in one pattern: two names)
        return ON_SITE
    return None


def _field(m: re.Match[str], body: str) -> str | None:
    """What a field says: None when it offers a second way too (`Remote or hybrid`,
    `On-site with 1 day from home`), or is a yes or a no after a label that is not remote
    work (`Relocation: yes`) or says too little (`Home office: yes`: a day, or every day?)."""
    if m.group("yes") or m.group("no"):
        label = m.group("label")
        if not _REMOTE_LABEL_RE.fullmatch(label):
            return None
        if m.group("no"):
            return ON_SITE
        if _HOME_OFFICE_RE.match(label):
            return None
        return HYBRID if _DAYS_A_WEEK_RE.match(body, m.end(), m.end() + 40) else REMOTE
    mode = _mode(m)
    other = _OTHER_MODE_RE.match(body, m.end())
    if other is not None and _mode(other) != mode:
        return None
    end = body.find("\n", m.end(), m.end() + 80)
    said = _OTHER_WAY_RE.search(body, m.end(), m.end() + 80 if end < 0 else end)
    if mode != HYBRID and said is not None and said.lastgroup != (mode or "").replace("-", "_"):
        return None  # `On-site with 1-2 days per week from home`: more than one way
    return mode


def _fields(body: str) -> Iterator[re.Match[str]]:
    """The fields of the body that name a way of working, found from their colons (a
    pattern tried at every place of a body would cost a posting far more)."""
    colons = places(body, ":") if body.isascii() else places(body, ":") + places(body, "：")
    for colon in colons:
        if body.startswith("//", colon + 1):
            continue  # a link's
        before = body[max(0, colon - 40) : colon].rstrip(" \t*_").rsplit(None, 1)
        if not before:
            continue
        last = before[-1].rpartition("*")[2].rpartition("/")[2].lower().lstrip("(#>•·-_")
        if last not in _LABEL_ENDS:
            continue
        line = body.rfind("\n", 0, colon) + 1
        for opening in _START_RE.finditer(body, max(line - 1, colon - 42), colon):
            m = _FIELD_RE.match(body, opening.end())
            if m is not None and m.start("label") == opening.end():
                yield m
                break


def _in_lines(
    pattern: re.Pattern[str], body: str, low: str, words: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """The matches of a pattern made for one line, in the lines holding one of the words."""
    held = [at for word in words for at in places(low, word)]
    for start, end in lines_at(body, held):
        m = pattern.search(body, start, end)
        if m is not None:
            yield m


def _short_lines(body: str) -> Iterator[re.Match[str]]:
    """The lines that are a way of working (`In person`), or open with a place and then one
    (`Lisbon, Portugal. Hybrid.`): each line tried at its start only, not a pattern tried at
    every place of the body."""
    for line in body.split("\n"):
        size = len(line)
        if size <= 4:
            continue
        m = _LINE_RE.match(line) if size <= 40 else None
        if m is None:
            dot = line.find(". ", 0, 70)
            if dot > 0 and line.find(",", 0, dot) > 0:  # `Place, Region. Hybrid.`
                m = _AFTER_PLACE_RE.match(line)
        if m is not None:
            yield m


def stated_field(body: str) -> str | None:
    """REMOTE, HYBRID or ON_SITE as a field of the body states it (`Workplace type: On-site`);
    None when none does, one offers two ways, or two disagree."""
    found: set[str] = set()
    for m in _fields(body):
        mode = _field(m, body)
        if mode is None and not (m.group("yes") or m.group("no")):
            return None  # two ways offered: not one stated
        if mode is not None:
            found.add(mode)
    return found.pop() if len(found) == 1 else None


def stated_loosely(body: str, low: str) -> str | None:
    """REMOTE, HYBRID or ON_SITE as a line of its own (`In person`), a sentence (`This role
    is in-person`) or a place and then a way (`Ghent, Belgium. Hybrid.`) states it; None
    when none does or they disagree. A sentence whose line says another way too (`in person
    for two weeks, then fully remote`) or denies it states nothing. These are weaker than a
    field and than the sentences `remote.remote_policy` reads: it asks them last."""
    if len(low) != len(body):
        low = body  # (the words are found as written then: fewer found, none misplaced)
    found: set[str] = set()
    for m in _short_lines(body):
        found.add(_mode(m) or "")
    for words, pattern in _SENTENCES:
        for m in _in_lines(pattern, body, low, words):
            mode = _mode(m) or ""
            start = body.rfind("\n", 0, m.start()) + 1
            end = body.find("\n", m.end())
            line_end = len(body) if end < 0 else end
            if _NEGATED_RE.search(body, max(start, m.start() - 30), m.start()) or (
                _DENIED_AFTER_RE.match(body, m.end(), min(line_end, m.end() + 25))
            ):
                continue
            if mode == HYBRID and _FULLY_BEFORE_RE.search(body, max(0, m.start() - 15), m.start()):
                mode = REMOTE
            elif mode == ON_SITE and _says_another_way(body, start, line_end, m):
                continue
            found.add(mode)
    found.discard("")
    return found.pop() if len(found) == 1 else None


def _says_another_way(body: str, start: int, end: int, m: re.Match[str]) -> bool:
    """Whether the line of an on-site sentence says remote or hybrid too, outside it."""
    for said in _OTHER_WAY_RE.finditer(body, start, end):
        if said.lastgroup != "on_site" and not (m.start() <= said.start() < m.end()):
            return True
    return False
