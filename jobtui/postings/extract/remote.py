"""Where the job is done, read from a posting's text: remote, on-site or hybrid, said or
denied, of the job or of something else (a company's culture, a cloud, a car), and how it
was told (`body`, or `guessed` from what is not said)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobtui.postings import vocab
from jobtui.postings.anchored import Anchored
from jobtui.postings.extract.work_mode import HYBRID, REMOTE, stated_field, stated_loosely
from jobtui.postings.model import Origin
from jobtui.postings.places import holds, places
from jobtui.postings.text import lines_at

_OTHER_REMOTE = r"telecommut\w*|telework\w*|home[\s-]based"
"""Other words for remote work (`Telecommute`, `teleworking`, `home-based`), denied as
`remote` is (see `_REMOTE_NEGATIVE_RE`)."""
_OTHER_REMOTE_WORDS = ("telecommut", "telework", "home-based", "home based")
"""Where a match of `_OTHER_REMOTE` is found from (the anchors of the patterns holding it)."""
_REMOTE_WORD_RE = re.compile(rf"remote|{_OTHER_REMOTE}", re.I)
"""A word for remote work itself: a denial holding one denies remote, not a place or a way."""

# Each pattern is tried only where one of its words allows a match to start (see Anchored):
# `{word: offsets}` gives where a match may start from each place the word is found.
_REMOTE_NEGATIVE_RE = Anchored(
    r"\b(?:not|no|non|kein|keine|keinen|nicht|sin|sans)[\s-](?:a\s)?remote\b"
    r"|\bon[\s-]?site\b(?! or remote)"
    # `Office-based in Leeds`, `this role is office based`; not `an office based in Leeds`
    r"|(?<!\ban )(?<!\bour )(?<!\bthe )(?<!\bone )(?<!\btwo )\boffice[\s-]based\b"
    r"|\bremote (?:work |working )?(?:is not|isn't|is never)\b"
    r"|\bremote(?:[ \t]+(?:work|working))?[ \t]+not[ \t]+(?:available|possible|an option|offered"
    r"|allowed|permitted)\b"
    r"|\bremote(?:[ \t-](?:work|working|possible|option|allowed|arbeit))?[ \t*_]*[:?][ \t*_]*"
    r"(?:no|not|nein|non|nee|nej|nie|n[ãa]o|none)\b"
    r"|\bremote[ \t*_]*[–—-][ \t*_]*(?:no|nein|non|nee|nej|nie|n[ãa]o)[ \t*_.!]*(?=\n|$)"  # `Remote - no`
    r"|\bremote[\s-](?:arbeit[ \t]+)?(?:nicht|no[ \t]+es|non[ \t]+[èe]|n[ãa]o[ \t]+[ée])[ \t]+"
    r"(?:m[öo]glich|posible|possibile|poss[ií]vel|possible|disponible)\b"
    r"|\b(?:is not|isn't|is never|never) remote\b"
    r"|\b(?:don't|do not|cannot|can't|can not|won't|will not|unable to)"
    r" (?:be (?:performed|done|carried out) remotely|(?:offer|provide|support|allow) (?:any |fully )?"
    r"(?:remote|work from home|home working|wfh|telecommut\w*|telework\w*))"
    r"|\b(?:work(?:ing)? from home|wfh) (?:is not|isn't) (?:possible|an option|available|offered)"
    r"|\bin[\s-]office\b|\bin the office\b(?!.{0,20}remote)|\bbased in the heart of\b"
    r"|\brelocat"
    # telecommuting and home-based work denied, before or after: `no telecommuting`, `not a
    # home-based role`, `Telework: no`, `telecommuting is not available`
    rf"|\b(?:not|no|non|never|without|isn't)[\s-](?:an?\s)?(?:{_OTHER_REMOTE})"
    rf"|\b(?:{_OTHER_REMOTE})(?:[ \t]+(?:is|are))?[ \t]+(?:not|never|isn't|aren't)\b"
    rf"|\b(?:{_OTHER_REMOTE})[ \t*_]*[:?][ \t*_]*(?:no|not|none)\b"
    r"|\b(?:kein|keine|keinen|sin|sans|pas de|no|nessun[oa]?) (?:home[ -]?office|teletrabajo"
    r"|t[ée]l[ée]travail|remot[oa]|smart working|trabajo remoto)\b"
    r"|\bhome[ \t-]?office[ \t*_]*[:：][ \t*_]*(?:nein|no|non)\b",
    re.I,
    {
        # `kein Homeoffice`, `sin teletrabajo`, `pas de télétravail`, `no remoto`,
        # `Homeoffice: nein`: found from the remote word, the denial just before it
        **dict.fromkeys(
            ["home office", "homeoffice", "home-office", "teletrabajo", "remoto", "remota"],
            (-8, -7, -6, -5, -4, -3, 0),
        ),
        "smart working": (-8, -7, -6, -5, -4, -3),
        "trabajo remoto": (-8, -7, -6, -5, -4, -3),
        "travail": (-12, -11, -10, -9, -8, -7),  # `pas de télétravail`
        # `not a remote`, `non remote`, `no remote`, `remote is not`, `Remote: No`, `never remote`,
        # `isn't remote`, `is not remote`, `is never remote`
        "remote": (-9, -7, -6, -5, -4, -3, 0),
        "site": (-3, -2),  # `on site`, `on-site`, `onsite`
        "office": (-7, -3, 0),  # `in the office`, `in office`, `office based`
        "based in the heart of": (0,),
        "relocat": (0,),
        # `no telecommuting`, `not a home-based role`, `isn't an option`: the denial before it
        **dict.fromkeys(_OTHER_REMOTE_WORDS, (-11, -10, -9, -8, -7, -6, -4, -3, 0)),
        **dict.fromkeys(
            ["don't", "do not", "cannot", "can't", "can not", "won't", "will not"], (0,)
        ),
        **dict.fromkeys(["unable to", "work from home", "working from home", "wfh"], (0,)),
    },
)
_REMOTE_STRONG_RE = Anchored(
    r"\b(?:fully|100%|completely|entirely|full|totalmente|completamente)[\s-]"
    r"(?:remot[eoa]|t[ée]l[ée]travail|home[\s-]?office)\b|\bremote[\s-](?:first|friendly|only|"
    r"position|role|job|team|company|opportunity|option|work|working|setup|culture)\b"
    r"|\bwork(?:ing)?\s(?:from\shome|remotely|from\sanywhere)\b|\bremotely\b|\bwfh\b|\(remote\)"
    r"|\bremote\s?\(|\bremote\s(?:in|within|across|from)\b|\banywhere in the world\b"
    # a sentence of its own, as a line of its own is (`_REMOTE_ITEM_RE`): a page's paragraph
    # says it so (`<p>We build tools. Remote.</p>`)
    r"|(?<=[.!;] )remote[ \t]*(?:[.!](?=[ \t]|\n|$)|(?=\n|$))"
    # `Telecommute`, `teleworking`, `a home-based role` (not `home-based care`: a service)
    r"|\btelecommut\w*|\btelework\w*|\bhome[\s-]based(?=[ \t]*(?:[.,;:!)]|$)|[ \t]+(?:role|position"
    r"|job|opportunity|contract|employee|worker|working|remote)\b)",
    re.I,
    (
        *("full", "100%", "completely", "entirely", "totalmente", "completamente", "remote"),
        *("work", "wfh", "(remote)", "anywhere", *_OTHER_REMOTE_WORDS),
    ),
)
_REMOTE_OF_THE_JOB_RE = re.compile(
    r"\byou(?:'ll|[ \t]+will|[ \t]+are|[ \t]+would)(?:[ \t]+be)?(?:[ \t]+working)?"
    r"(?:[ \t]+fully|[ \t]+100%)?[ \t]+remote(?:ly)?\b"
    r"|\b(?:role|position|job)[ \t]+is[ \t]+(?:fully[ \t]+|100%[ \t]+)?remote\b",
    re.I,
)
"""Remote said of the job or the person (`you are remote`, `the position is remote`): searched
in the lines that say remote."""


def _remote_of_the_job(low: str) -> re.Match[str] | None:
    """The first line of the (lowercased) body that says remote of the job or the person."""
    for start, end in lines_at(low, places(low, "remote")):
        m = _REMOTE_OF_THE_JOB_RE.search(low, start, end)
        if m:
            return m
    return None


_REMOTE_ITEM_RE = re.compile(
    r"\n[ \t*+-]*+remote\b(?![ \t*_]*[:?][ \t*_]*(?:no|not|none|n/a|false|nope|❌)\b)", re.I
)
"""A line (a list item) that starts with `remote`; searched in the body after a newline, so
the search skips from line to line."""
_REMOTE_WEAK_RE = Anchored(
    r"\bdistributed (?:team|company)\b|\bremote\b", re.I, ("distributed ", "remote")
)
"""A word for remote work, said of the job or not: with no place, the job is guessed remote;
with one, it is not guessed on-site."""
_REMOTE_WORD_ELSEWHERE_RE = Anchored(
    # German, French, Spanish and Portuguese, Japanese, Chinese, Korean
    r"\bhomeoffice\b|\bt[ée]l[ée]travail|\bteletrabajo\b|\bremot[oa]s?\b|\bzdaln\w*|\bthuiswerk\w*"
    r"|リモート|在宅|远程|遠程|원격",
    re.I,
    {
        **dict.fromkeys(["homeoffice", "teletrabajo", "remot", "zdaln", "thuiswerk"], (0,)),
        **dict.fromkeys(["travail"], (-4,)),  # télétravail
        **dict.fromkeys(["リモート", "在宅", "远程", "遠程", "원격"], (0,)),
    },
)
"""A word for remote work in another language, said or denied (`Kein Homeoffice`): it keeps a
posting with a place from being guessed on-site, and guesses nothing itself."""
_REMOTE_PLACE_RE = re.compile(
    r"\b(?:remote(?:ly)?|anywhere|worldwide|online|virtual|distributed|wfh|home[\s-]?based"
    r"|(?:work(?:ing)?\s)?from\shome|telecommut\w*|telework\w*|location[\s-]independent"
    r"|t[ée]l[ée]travail|homeoffice|remot[oa]|zdaln\w*|thuiswerk\w*|et[äa]ty[öo]|smart[\s-]working"
    r"|teletrabajo|teletrabalho|hjemmefra|distansarbete|praca[\s-]zdalna)\b",
    re.I,
)
"""A location that is no place but a way of working: `Remote`, `Online`, `Anywhere`, `WFH`."""
_HYBRID_WORDS_RE = Anchored(
    r"\bhybrid\b|\bpartial(?:ly)?[\s-]remote\b|\bpartly[\s-]remote\b|t[ée]l[ée]travail partiel",
    re.I,
    {"hybrid": (0,), "partial": (0,), "partly": (0,), "travail partiel": (-4,)},
)
_HYBRID_ELSEWHERE_RE = re.compile(
    r"\b(?:modelo|trabajo|esquema|modalidad|formato|r[ée]gimen|trabalho|regime)[ \t]+h[íi]brid[oa]\b"
    r"(?![ \t]+de(?:l|[ \t]+(?!trabajo)))"  # `modelo híbrido del coche`: a car
    r"|\b(?:travail|t[ée]l[ée]travail)[ \t]+hybride\b"
    r"|\b(?:mode|mod[èe]le|organisation|format)[ \t]+(?:de[ \t]+travail[ \t]+)?hybride\b"
    r"(?![ \t]+(?:entre|de|d'|du|des))"  # `un modèle hybride entre conseil et édition`
    r"|\bhybride[sn]?[ \t]+arbeit|\bhybrides[ \t]+arbeitsmodell\b"
    r"|\b(?:modalit[àa]|lavoro)[ \t]+ibrid[oa]\b"
    # Polish (`praca hybrydowa`, `w trybie hybrydowym`, `pracujemy hybrydowo`: not `chmura
    # hybrydowa`, a cloud) and Dutch (`hybride werken`, `hybride werkplek`)
    r"|\b(?:praca|pracy|trybie?|model|modelu|system|systemie|formie?)[ \t]+(?:pracy[ \t]+)?hybrydow\w*"
    r"|\bhybrydow\w*[ \t]+(?:praca|pracy|tryb|model)\b|\bhybrydowo\b"
    r"|\bhybride?[ \t]+(?:werken|werkplek|werkmodel|functie|rol|baan|werkomgeving)\b",
    re.I,
)
"""Hybrid work in Spanish, Portuguese, French, German and Italian: words said of work only
(`modelo híbrido`, `travail hybride`, `hybrides Arbeiten`, `lavoro ibrido`)."""
_HOME_DAYS_RE = re.compile(
    r"\b[1-4][ \t]*(?:tage?|jours?|d[íi]as?|giorni|dagen|dias)\b[^\n.]{0,25}?"
    r"(?:home[ \t-]?office|mobil\w*[ \t]+arbeit\w*|t[ée]l[ée]travail|teletrabajo|remoto"
    r"|smart[ \t]working|thuiswerk\w*)"
    r"|(?:home[ \t-]?office|t[ée]l[ée]travail|teletrabajo|smart[ \t]working|thuiswerk\w*)"
    r"[ \t:]*[1-4][ \t]*(?:tage?|jours?|d[íi]as?|giorni|dagen|dias)\b",
    re.I,
)
"""Some days of work from home a week, in other languages (`2 Tage Homeoffice`,
`Télétravail : 2 jours par semaine`, `Smart working 2 giorni a settimana`): hybrid."""
_HOME_DAYS_WORDS = (
    *("homeoffice", "home office", "home-office", "travail", "teletrabajo", "smart working"),
    *("thuiswerk", "arbeit", "remoto"),
)
_HOME_DAYS_LINE_WORDS = ("home", "arbeit", "travail", "teletrabajo", "remoto", "smart", "thuiswerk")
"""A word every match of `_HOME_DAYS_RE` holds: it is searched in the lines holding one."""
_DAYS = r"(?:[1-4]|one|two|three|four)"  # five days a week in the office is on-site
_HYBRID_DAYS_RE = re.compile(
    rf"\b{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each|in\s+the|of\s+the)?\s*week\b.{{0,30}}?"
    r"\b(?:in|at|from)\s*(?:the\s*|our\s*|an\s*)?office\b"
    rf"|\b(?:in|at)\s*(?:the\s*|our\s*)?office\s*{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each)?\s*week\b",
    re.I,
)
_REMOTE_DAYS_RE = re.compile(
    rf"\b(?:remote(?:ly)?|from[ \t]+home|wfh|home[ \t-]?office)[ \t]+(?:(?:up[ \t]+to|for|on)[ \t]+)?"
    rf"{_DAYS}[ \t]*(?:days?|x)[ \t]*(?:a|per|/|each|of[ \t]+the)?[ \t]*week\b"
    rf"|\b{_DAYS}[ \t]*(?:days?|x)[ \t]*(?:a|per|/|each)?[ \t]*week[ \t]+(?:remote(?:ly)?|from[ \t]+home"
    rf"|wfh|at[ \t]+home)\b"
    rf"|\b{_DAYS}[ \t]*(?:remote|wfh|home)[ \t-]*(?:working[ \t]+)?days?[ \t]*(?:a|per|/|each)?[ \t]*week\b",
    re.I,
)
"""Some days a week remote or at home (`work remotely up to 2 days a week`, `2 days a week
from home`, `2 WFH days per week`): hybrid."""


_OTHERS_WORK_RE = re.compile(
    r"\b(?:customers?|clients?|users?|patients?|students?|learners?|members|families|parents)\b"
    r"[^.!?;\n]{0,30}$",
    re.I,
)
"""Others said to work some days from home, just before the days (`for customers working
remotely 2 days a week`): not the job's own arrangement."""


def _remote_days(body: str, low: str) -> Iterator[re.Match[str]]:
    """The matches of `_REMOTE_DAYS_RE`, searched only around each `week` (`low`: the body
    lowercased, places kept): every match holds the word near its end. Days said of others
    (customers, students) are left out."""
    if not holds(low, ("remote", "home", "wfh")):
        return
    end = 0
    for at in places(low, "week"):
        m = _REMOTE_DAYS_RE.search(body, max(end, at - 70), at + 30)
        if m is not None:
            end = m.end()
            if not _of_others(body, m.start()):
                yield m


def _of_others(body: str, start: int) -> bool:
    """Whether remote work said at `start` is said of others (see `_OTHERS_WORK_RE`)."""
    return _OTHERS_WORK_RE.search(body, max(0, start - 60), start) is not None


_ON_SITE_DAYS_RE = re.compile(
    rf"\bon[\s-]?site\s*(?:for\s*)?{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each)?\s*week\b"
    rf"|\b{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each)?\s*week\s*on[\s-]?site\b",
    re.I,
)
"""Some days a week on site (`on-site 3 days a week`): hybrid, as `_HYBRID_DAYS_RE`."""
"""Some days a week in the office (`3 days a week in the office`, `in office 2 days/week`):
hybrid. Searched line by line, in lines that say week and office."""
_SHARE_OF_OTHER = (
    r"(?=[ \t]*(?!(?:in|at|on|from|remote(?:ly)?|office|home|wfh|on-?site|onsite|off-?site"
    r"|travel\w*)\b)[^\W\d_])"
)
"""After a share (`40%`): a word other than one of where work is done (`40% engineering` is
a role of two kinds; `40% in the office` and `60% remote` are hybrid)."""
_SHARE_OF_WORK = f"(?!{_SHARE_OF_OTHER[3:]}"
"""After a share: not a word other than one of where work is done (see `_SHARE_OF_OTHER`)."""
_HYBRID_LINE_RE = re.compile(
    r"\bbut[ \t]+(?:it'?s[ \t]+|is[ \t]+|we'?re[ \t]+)?hybrid\b(?![ \t-]+(?:cloud|app|mobile))"
    r"|\bhybrid[ \t-](?:working(?![ \t-]group)|schedule"
    r"|work[ \t-]?(?:arrangement|pattern|policy|model|set-?up)"
    r"|working[ \t-](?:arrangement|pattern|policy|model))\b"
    r"|\b(?:role|position|job)(?:[ \t]+is|[ \t]+will[ \t]+be)[ \t*_]+hybrid\b[ \t*_]*"
    r"(?=[.,;:!)(]|$|with\b|based\b|in\b)(?!.{0,40}\b(?:combin|blend|mix|between)\w*)"
    r"|\b(?:is|a)[ \t]+(?:\*\*|__|<strong>|<b>)?hybrid(?:\*\*|__|</strong>|</b>)?[ \t]+(?:role|position|job)\b"
    r"(?![ \t]+(?:where|that|which|combining|mixing|between|of))"  # `This is a hybrid role.`
    r"|^[ \t*_+-]*(?:remote|workplace(?:[ \t]+type)?|work(?:ing)?[ \t]+(?:model|arrangement|type|style"
    r"|mode|location|pattern)|location[ \t]+type|arrangement)[ \t*_]*[:?][ \t*_]*hybrid[ \t*_]*"
    r"(?:$|[(,.;–—-])"
    r"|^[ \t*_+-]*(?:flexible[ \t]+working|(?:remote|work(?:place)?|office)[ \t]+policy"
    r"|work[ \t]+location|setup|set-up)[ \t*_]*[:：][ \t*_]*hybrid\b"  # `Flexible working: hybrid, …`
    r"|^[ \t*_+-]*location[ \t*_]*[:：][^\n]*\bhybrid\b"  # `Location: Berlin · Hybrid`
    # a line that starts with it, saying how: `Hybrid - 2 days in office`, `Hybrid: 3 days in
    # our NYC office`, `Hybrid in Munich`, `Hybrid (Paris 9e)`, `Hybrid 3/2`, `Hybrid 50%`
    # (or a sentence: `Company: Copperleaf. Hybrid in Munich.`, or a clause after a dash or a
    # comma: `Not a remote role - hybrid 2 days/week`)
    rf"|(?:^[ \t*_+>-]*|(?<=[.!;,])[ \t]+|(?<=\s[–—-])[ \t]+)hybrid[ \t*_]*(?:[:–—,;(-][ \t*_]*"
    rf"(?:{_DAYS}|\d)[ \t]*(?:days?|x|%)|(?<=[ \t])(?:{_DAYS}|\d)[ \t]*(?:days?|x)\b"
    # `Hybrid, 2 days in office`, `Hybrid (in office Tue/Thu)`, `Hybrid — in office twice a week`
    r"|[:–—,;(-][ \t*_]*(?:[\w ]{0,20}[ \t])?(?:in|at)[ \t-](?:the[ \t]+|our[ \t]+)?office\b"
    r"|in[ \t]+(?P<place>(?-i:[A-Z][a-zà-ÿ][\w-]*))"
    r"|\([ \t]*(?-i:[A-Z][\w'.-]*)(?:[ \t,]+(?:(?-i:[A-Z])[\w'.-]*|\d+\w*))*[ \t]*\)[ \t*_]*[.!]?[ \t*_]*$"
    rf"|\d[ \t]*/[ \t]*\d\b|\d{{1,3}}[ \t]*%(?![ \t]*(?:fte|time|of|part)){_SHARE_OF_WORK})"
    # `Hybrid role with 2 days in the office.`, `Hybrid position.` (not `Hybrid role
    # combining sales and engineering`)
    r"|(?:^[ \t*_+>-]*|(?<=[.!;])[ \t]+)hybrid[ \t]+(?:role|position|job)\b"
    r"(?![ \t]+(?:where|that|which|combining|mixing|between|of|in[ \t]+(?!(?-i:[A-Z]))))"
    r"(?![^\n]{0,40}\b(?:combin|blend|mix|between|bridg|split)\w*)"
    # (not `Hybrid role: 40% engineering, 60% product`, a role of two kinds)
    rf"(?![ \t*_]*[:(–—-][ \t*_]*\d{{1,3}}[ \t]*%{_SHARE_OF_OTHER})"
    # `Based in Stockholm, hybrid.`
    r"|\b(?:based|located|office)[ \t]+in[ \t]+(?-i:[A-Z])[^\n,.;:]{0,30},[ \t]*hybrid[ \t*_]*"
    r"(?:[.!;)(]|$)"  # (not `Our office in Berlin, hybrid cloud experts`)
    # a sentence of its own after a place: `Location: Lausanne. Hybrid. CHF 9'000`
    r"|^[ \t*_+-]*(?:location|based[ \t]+in)[ \t*_]*[:：][^\n.]{2,40}\.[ \t]+hybrid[ \t]*[.!](?=[ \t]|$)"
    # a line of its own, not a list item (`- Hybrid` may be a car): `Hybrid.`
    r"|^[ \t]*(?:\*\*|__)?hybrid(?:\*\*|__)?[ \t]*[.!]?[ \t]*$"
    r"|(?<=[.!;] )hybrid[ \t]*(?:[.!](?=[ \t]|$)|$)"  # or a sentence of its own
    rf"|\bhybrid[ \t]*\([ \t]*{_DAYS}[ \t]*(?:days?|x)\b",  # `Hybrid (2 days in the office)`
    re.I,
)
"""Hybrid said of where the job is done (`hybrid working`, `Workplace: Hybrid`, `This role is
hybrid.`), not of clouds, apps, cars, products, or of a role that mixes two (`hybrid in
nature, combining sales and code`). Searched in the line that holds the word."""
_OF_THE_JOB_RE = re.compile(
    r"\b(?:role|position|job)\b|\bmust be performed\b"
    # `you must be`, `you'll work`, `you're`; not `you will unify onsite and offsite SEO`
    r"|\byou're\b|\byou(?:'ll|[ \t]+(?:must|will|need[ \t]+to|have[ \t]+to|are[ \t]+expected[ \t]+to"
    r"|are[ \t]+required[ \t]+to|would))?[ \t]+(?:be|work)\b"
    r"|\bwork(?:place|ing)?[ \t]+(?:location|model|setup|mode)\b",
    re.I,
)
"""In the clause before an on-site statement: it is said of the job or of the person
(`this particular role is`, `the role requires you to be`, `you must be`, `Work location:`)."""
_JOB_AFTER_RE = re.compile(r"[ \t]+(?:role|position|job)\b", re.I)
"""Just after it: `office-based role`."""


def _said_of_the_job(body: str, start: int, end: int) -> bool:
    """Whether the on-site words at body[start:end] are said of the job itself, in a clause
    that says nothing remote (`this remote role, with on-site visits` is not)."""
    clause_start = max(body.rfind(c, max(0, start - 80), start) for c in ".;!?\n,") + 1
    clause = body[max(clause_start, start - 80) : start]
    said = [m.start() for m in _OF_THE_JOB_RE.finditer(clause)]
    if said:  # (not `this remote role requires on-site visits`: remote is said of the role)
        return "remote" not in clause[max(0, said[-1] - 20) :].lower()
    return _JOB_AFTER_RE.match(body, end) is not None


_PARTLY_BEFORE_RE = re.compile(r"(?:partial(?:ly)?|partly|hybrid)[ \t-]+$", re.I)
"""Just before `remote role`: a remote statement that is a hybrid one (`partially remote role`)."""
_DENIED_BEFORE_RE = re.compile(
    r"\b(?:not|no|non|never|without|cannot|can't|don't|do not|doesn't|does not|isn't|aren't"
    r"|unable to|pas|sans|kein\w*|nicht|sin|sem|senza|geen|niet|nessun[oa]?|aucun[e]?"
    r"|ning[úu]n|ninguna|nenhum[a]?)\b"
    r"(?:(?!,|[ \t][–—-](?:[ \t]|$)|[–—]|\b(?:but|however|instead|rather)\b)[^.;!?\n]){0,20}$",
    re.I,
)
"""A denial just before a policy's words (`not hybrid`, `we do not offer hybrid working`), in
their clause: not one of what comes before a dash, a comma or a `but` (`Not a remote role -
hybrid 2 days/week`, `not remote, but hybrid`)."""
_DENIED_AFTER_RE = re.compile(
    r"^[^.;!?\n]{0,30}\b(?:is|are)[ \t]+(?:not|n't)\b|^[^.;!?\n]{0,30}\bisn't\b"
    r"|^[^.;!?\n]{0,30}\bnot[ \t]+(?:possible|available|an option|offered)"
    r"|^[^.;!?\n]{0,30}\b(?:does not|doesn't|do not|don't)[ \t]+apply\b"
    r"|^[^.;!?\n]{0,20}\b(?:no|non|n[ãa]o|nicht|pas)[ \t]+(?:es[ \t]+|est[ \t]+|[èe][ \t]+)?"
    r"(?:disponible|disponibile|dispon[íi]vel|posible|possible|possibile|poss[íi]vel|m[öo]glich"
    r"|previst[oa]|prevue?|offert)",
    re.I,
)
"""A denial just after them (`hybrid working is not possible`)."""
_SHORT_WEEK_RE = re.compile(
    r"\bpart[ \t-]?time\b|\b(?:32|30|28|24)[ \t-]?hours?\b|\b(?:four|4)[ \t-]day[ \t-]week"
    r"|\bfridays? off\b",
    re.I,
)
"""Days a week in the office that are a short week, not part of one at home."""


def _denied(text: str, start: int, end: int) -> bool:
    """Whether the words at text[start:end] are denied in their sentence."""
    return bool(
        _DENIED_BEFORE_RE.search(text, max(0, start - 30), start)
        or _DENIED_AFTER_RE.search(text[end : end + 50])
    )


def is_hybrid(text: str) -> bool:
    """Whether a short value (a place, a front matter `remote`) names a policy between remote
    and on-site: hybrid, partly remote, `3 days a week in the office` (not `not hybrid`)."""
    for m in _HYBRID_WORDS_RE.finditer(text):
        if not _denied(text, m.start(), m.end()):
            return True
    days = _HYBRID_DAYS_RE.search(text) or _ON_SITE_DAYS_RE.search(text)
    return days is not None and not _denied(text, days.start(), days.end())


def _lines_holding(text: str, low: str, word: str) -> Iterator[str]:
    """Each line of the text holding the (lowercase) word, once (`low`: the text lowercased,
    its places kept)."""
    for start, end in lines_at(text, places(low, word)):
        yield text[start:end]


def _kept(body: str, low: str) -> str:
    """The lowercased body where it keeps the body's places, else the body as written (`İ`
    lowercases to two characters)."""
    return low if len(low) == len(body) else body


def _fully_remote(body: str, low: str) -> bool:
    """Whether the body says the job is remote (not `partially remote role`, nor a company's
    culture: `remote-first`, `remote-friendly team`, nor denied: `not a remote role`)."""
    strong = _REMOTE_STRONG_RE.finditer(body, low)
    # `work remotely up to 2 days a week`: some days, not the job
    days = [m.span() for m in _remote_days(body, low)]
    return any(
        not _PARTLY_BEFORE_RE.search(body, max(0, m.start() - 16), m.start())
        and not _CULTURE_RE.match(m.group(0))
        and not any(m.start() < end and start < m.end() for start, end in days)
        and not _denied(body, m.start(), m.end())
        for m in strong
    )


_REMOTE_ELSEWHERE_RE = re.compile(
    r"\bpraca[ \t]+zdalna\b(?![ \t*_:?-]*(?:nie|brak|no)\b)(?![^.;\n]{0,30}\bnie[ \t]+jest\b)"
    r"|\b(?:100[ \t]*%|w[ \t]+pe[łl]ni|ca[łl]kowicie|tylko)[ \t]+zdaln\w*"
    r"|\bvolledig[ \t]+(?:op[ \t]+afstand|thuis|vanuit[ \t]+huis|remote)\b|\b100[ \t]*%[ \t]+thuiswerk\w*",
    re.I,
)
"""Remote work said in Polish and Dutch (`Praca zdalna`, `100% zdalnie`, `volledig op
afstand`)."""
_JOB_IS_REMOTE_RE = re.compile(
    r"\b(?:role|position|job)[ \t]+is[ \t]+(?:fully[ \t]+|100%[ \t]+)?remote\b(?![ \t-]*(?:friendly|first))"
)
"""`This job is fully remote` (in the lowercased body): outranks a company said not remote."""
_FULLY_REMOTE_JOB_RE = re.compile(
    r"\b(?:fully|100%|completely|entirely)[ \t-]remote[ \t-](?:role|position|job)\b"
)
"""`a fully remote role` (in the lowercased body)."""
_OF_A_COMPANY_RE = re.compile(
    r"[ \t-]+(?:(?:first|friendly|only)[ \t]+)?(?:company|organi[sz]ation|business|firm|team|culture|employer|shop)\b",
    re.I,
)
"""Just after a denied `remote`: it is denied of the company, not of the job."""
_CULTURE_RE = re.compile(r"remote[\s-](?:first|friendly|company|team|culture)\b", re.I)
"""Remote said of a company's way of working, not of one job: a job there may be hybrid."""


def _first_in_lines(
    pattern: re.Pattern[str], body: str, low: str, words: tuple[str, ...]
) -> re.Match[str] | None:
    """`pattern.search(body)` for a pattern whose matches each lie within a line and hold one
    of the (lowercase) words: searched only in the lines holding one (`low`: the body
    lowercased)."""
    if len(low) != len(body) or (not low.isascii() and ("ı" in low or "ſ" in low)):
        return pattern.search(body)  # places moved, or `re.I` reads `ı` and `ſ` as `i` and `s`
    for start, end in lines_at(body, [at for word in words for at in places(low, word)]):
        m = pattern.search(body, start, end)
        if m is not None:
            return m
    return None


def _office_days(body: str, low: str) -> bool:
    """Whether a line holding `week` says some days a week in the office or on site, and does
    not deny it (`low`: the body lowercased, places kept)."""
    for line in _lines_holding(body, low, "week"):
        low_line = line.lower()
        for pattern, word in ((_HYBRID_DAYS_RE, "office"), (_ON_SITE_DAYS_RE, "site")):
            m = pattern.search(line) if word in low_line else None
            if m and not _denied(line, m.start(), m.end()):
                return True
    return False


def _says_hybrid(body: str, low: str) -> bool:
    """Whether the body says hybrid of the job anywhere, and does not deny it (`low`: the body
    lowercased)."""
    lowered, low = low, _kept(body, low)
    # Days in the office of a part-time job (said anywhere in the body) are a short week. (The
    # days are looked for first: the short week is a search of the whole body.)
    if (
        holds(low, ("week",))
        and holds(low, ("office", "site"))
        and _office_days(body, low)
        and not _SHORT_WEEK_RE.search(body)
    ):
        return True
    for m in _remote_days(body, low):
        if not _denied(body, m.start(), m.end()):
            return True
    # Partly remote, télétravail partiel: said of nothing but work.
    for m in _HYBRID_WORDS_RE.finditer(body, low):
        if m.group(0).lower() != "hybrid" and not _denied(body, m.start(), m.end()):
            return True
    for line in _lines_holding(body, low, "hybrid"):
        said = _HYBRID_LINE_RE.search(line)
        if said and not _denied(line, said.start(), said.end()):
            place = said.group("place")  # `Hybrid in Munich`, not `Hybrid in Kotlin`
            if place is None or place.lower() not in vocab.alias_map():
                return True
    if holds(low, _HOME_DAYS_WORDS):
        days = _first_in_lines(_HOME_DAYS_RE, body, lowered, _HOME_DAYS_LINE_WORDS)
        if days and not _denied(body, days.start(), days.end()):
            return True
    if holds(low, ("ibrid", "íbrid", "hybride", "hybryd")):  # híbrido, hybride
        for m in _HYBRID_ELSEWHERE_RE.finditer(body):
            if not _denied(body, m.start(), m.end()):
                return True
    return False


def remote_from_text(location: str | None, body: str) -> tuple[bool | None, Origin | None]:
    """Remote from the location field or the body, and how: `body` when the body says so,
    `guessed` when it is inferred from what is not said (a place with no remote word is on-site).

    The location's own origin is the caller's to give when the location says it (origin None).
    """
    if location and is_hybrid(location):
        return None, None
    remote, origin, _ = _policy(location, body, body.lower())
    return remote, origin


def _policy(
    location: str | None, body: str, low: str, hybrid: bool = True
) -> tuple[bool | None, Origin | None, bool]:
    """`remote_from_text` for a place that is not hybrid, and whether the body says hybrid of
    the job (`low`: the body lowercased, for the patterns to find their words in; `hybrid`:
    False once the body is known to say it, and to say fully remote too)."""
    if hybrid and _says_hybrid(body, low):
        return None, None, True  # hybrid, or hybrid and remote both said: say nothing
    place = _REMOTE_PLACE_RE.search(location) if location else None
    if location and place:  # `London (no remote)` says on-site
        return not _denied(location, place.start(), place.end()), None, False
    strong = (
        next(
            (
                m
                for m in _REMOTE_STRONG_RE.finditer(body, low)
                if not _in_a_name(body, m) and not _of_others(body, m.start())
            ),
            None,
        )
        or _REMOTE_ITEM_RE.search("\n" + body)
        or _remote_of_the_job(low)
        or (
            _REMOTE_ELSEWHERE_RE.search(body)
            if holds(low, ("zdaln", "volledig", "thuis"))
            else None
        )
    )
    negative = _REMOTE_NEGATIVE_RE.search(body, low)
    if (
        negative is not None
        and _JOB_IS_REMOTE_RE.search(low)
        and all(
            _OF_A_COMPANY_RE.match(body, m.end()) for m in _REMOTE_NEGATIVE_RE.finditer(body, low)
        )
    ):  # `We are not a remote company, but this job is fully remote`
        negative = None
    denies = negative is not None and (
        _REMOTE_WORD_RE.search(negative.group(0))
        is not None  # `not a remote role` outranks `remote role`
        or (strong is not None and negative.start() <= strong.start() < negative.end())
        # `a remote-first company, but this role is office based`
        or _said_of_the_job(body, negative.start(), negative.end())
    )  # (`work from home is not an option` denies its own `work from home`)
    if strong and not denies:
        return True, "body", False
    if negative:
        return False, "body", False
    if _HYBRID_WORDS_RE.search(body, low):
        return None, None, False  # hybrid said of something, or denied (`not partly remote`)
    if location and not (
        _REMOTE_WEAK_RE.search(body, low) or _REMOTE_WORD_ELSEWHERE_RE.search(body, low)
    ):
        return False, "guessed", False
    if not location and _weak_remote(body, low):
        return True, "guessed", False
    return None, None, False


_AFTER_A_NAME_RE = re.compile(r"[.;,|·][ \t]|[ \t][–—-][ \t]")
"""The end of a name on its line: a sentence or a field after it."""
_NAME_LINE_RE = re.compile(r"[ \t*_+-]*(?:company|company name|employer)[ \t*_]*[:：]", re.I)
"""A line naming the company: its `remote` is a name's (`Company: Remote Widgets Ltd`)."""


def _weak_remote(body: str, low: str) -> bool:
    """Whether the body has a word for remote work that is not in a company's name."""
    return any(not _in_a_name(body, m) for m in _REMOTE_WEAK_RE.finditer(body, low))


def _in_a_name(body: str, m: re.Match[str]) -> bool:
    """Whether a match is in the company's name on the line that names it (`Company: Remote
    Widgets Ltd`), not in a field or sentence after it (`Company: Gem Cutters Inc. 100%
    remote`)."""
    label = _NAME_LINE_RE.match(body, body.rfind("\n", 0, m.start()) + 1)
    return label is not None and not _AFTER_A_NAME_RE.search(body, label.end(), m.start())


def _place_then_hybrid(location: str, body: str, low: str) -> bool:
    """Whether a line of the body is the posting's place, then hybrid (`Stockholm, hybrid.`):
    after another name (`Toyota, hybrid.`) it may be a car (`low`: the body lowercased)."""
    city = location.split(",")[0].strip()
    if len(city) < 2 or not holds(low, ("hybrid",)):
        return False
    line = rf"^[ \t*_]*{re.escape(city)}[^\n.]{{0,30}}?,[ \t]*hybrid[ \t*_]*[.!]?[ \t]*$"
    return re.search(line, body, re.I | re.M) is not None


def _remote_place(location: str | None) -> bool:
    """Whether the place is a way of working, remote, and not denied (`Remote`, not `Leeds
    (no remote)`)."""
    place = _REMOTE_PLACE_RE.search(location) if location else None
    return place is not None and location is not None and not _denied(location, *place.span())


def remote_policy(
    location: str | None, body: str, low: str
) -> tuple[bool | None, Origin | None, bool]:
    """(remote, origin, hybrid) of a posting whose front matter said neither: hybrid when its
    place (`London (Hybrid)`, `Stockholm, hybrid.`) or its body says so and the job is not
    also said to be fully remote, else remote or on-site as the body says or as is guessed
    (origin None: the place's own). `low`: the body lowercased."""
    if location and (is_hybrid(location) or _place_then_hybrid(location, body, low)):
        return None, None, True
    stated = stated_field(body)  # `Workplace type: On-site`, `Remote: hybrid`
    if stated == HYBRID:
        return None, "body", True
    if stated is not None:
        remote_place = _remote_place(location)
        if remote_place and stated == REMOTE:  # the place says it too: as the place's
            return True, None, False
        if not remote_place:
            said, how, _ = _policy(location, body, low, hybrid=False)
            if said is None or how != "body" or said == (stated == REMOTE):
                return stated == REMOTE, "body", False
            return None, None, False  # the field and a sentence disagree: neither is told
        # (`Remote` and `On-site` both: read on)
    remote, origin, hybrid = _policy(location, body, low)
    if not hybrid and (remote is None or origin == "guessed"):
        # Nothing said in sentences: a line of its own (`In person`) or a short one may say it
        loose = stated_loosely(body, low)
        if loose == HYBRID:
            return None, "body", True
        if loose is not None and (remote is None or remote == (loose == REMOTE)):
            return loose == REMOTE, "body", False
    if hybrid:
        remote_place = (  # `Remote or Oslo`, not `Bonn, 2 Tage Homeoffice`
            location is not None
            and _remote_place(location)
            and not _HOME_DAYS_RE.search(location)
            and not _REMOTE_DAYS_RE.search(location)
        )
        if not (remote_place or _fully_remote(body, low)):
            return None, "body", True
        # Both said: remote when the job or its place is (`This is a fully remote role`,
        # `Remote or San Francisco … staff in San Francisco work from home two days per
        # week`), else neither is told.
        if remote_place or _FULLY_REMOTE_JOB_RE.search(low) or _JOB_IS_REMOTE_RE.search(low):
            remote, origin, _ = _policy(location, body, low, hybrid=False)
    return remote, origin, False
