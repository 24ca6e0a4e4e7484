"""Best-effort extraction from running text, for fields the posting did not state elsewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jobtui.postings import vocab
from jobtui.postings.anchored import Anchored
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.heading import clean_location
from jobtui.postings.extract.links import strip_emphasis, strip_link, url_from_body
from jobtui.postings.extract.posted import posted_from_body
from jobtui.postings.model import Origin
from jobtui.postings.salary import parse_salary
from jobtui.postings.text import lines_at, places

_NAME = r"([A-Z][\w&'’.-]*(?:\s(?:[A-Z][\w&'’.-]*|&|of|de|und)){0,3})"
# Each pattern with a cheap substring test that must pass before the regex is tried.
_COMPANY_PATTERNS: list[tuple[str, re.Pattern[str] | Anchored]] = [
    (
        "About",
        re.compile(
            rf"^[ \t]*(?:#+[ \t]*|\*\*|__)?About[ \t]+{_NAME}[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$",
            re.M,
        ),
    ),
    (
        " are ",  # searched in the body after a newline: `\n` stands for its start too
        re.compile(
            rf"(?=[.!?\n])(?:[.!?]\s+|\n)(?:At\s)?{_NAME}\s(?:is|are)\s(?:currently\s)?"
            r"(?:looking|hiring|seeking|searching)\b"
        ),
    ),
    # tried only where their word is (see Anchored)
    ("join", Anchored(rf"\bjoin(?:ing)?\s(?:the\s\w+\steam\sat\s)?{_NAME}", 0, ["join"], False)),
    ("Why", Anchored(rf"\bWhy\s{_NAME}\s*\??\s*$", re.M, ["Why"], lowercase=False)),
]
_NOT_COMPANY = {
    "you",
    "we",
    "our",
    "the",
    "this",
    "that",
    "us",
    "your",
    "it",
    "they",
    "who",
    "what",
    "why",
    "how",
    "if",
    "a",
    "an",
    "team",
    "company",
    "role",
    "position",
    "job",
    "me",
    "them",
    "he",
    "she",
    "i",
    "here",
    "there",
    "these",
    "those",
    "remote",
    "apply",
    "join",
    "today",
    "now",
    "when",
    "where",
    "all",
    "one",
    "both",
    "each",
    "everyone",
    "candidates",
    "applicants",
    # people a posting speaks of, not itself (`Customers are looking for…`)
    *("customers", "clients", "users", "students", "developers", "engineers", "people"),
    *("companies", "businesses", "teams", "employers", "recruiters", "partners", "patients"),
}


_COMPANY_LINE_RE = re.compile(
    r"^[ \t\xa0*+_-]*+(?:company|company name|employer|hiring company"
    # French, German, Spanish, Portuguese, Italian, Dutch, Swedish, Finnish, Polish
    r"|entreprise|soci[ée]t[ée]|employeur|firma|unternehmen|arbeitgeber|empresa|empleador"
    r"|azienda|bedrijf|werkgever|f[öo]retag|arbetsgivare|yritys|ty[öo]nantaja|pracodawca)"
    r"[ \t\xa0*_]*+:[ \t\xa0*_:]*+(.{2,200}?)[ \t\xa0*_]*$",
    re.I | re.M,
)
"""A line that names the company: `Company: Acme`, `**Employer:** Acme Ltd`, `Entreprise :
Acme`, `Arbeitgeber: Acme GmbH`."""
_COMPANY_LABEL_WORDS = (
    *("company", "employer", "entreprise", "soci", "employeur", "firma", "unternehmen"),
    *("arbeitgeber", "empresa", "empleador", "azienda", "bedrijf", "werkgever", "retag"),
    *("arbetsgivare", "yritys", "nantaja", "pracodawca"),
)
"""Words of those labels: a body with none is not searched."""


_NOT_A_NAME_RE = re.compile(
    r"://|\bwww\.|@|\bsee\b|\bbelow\b|\babove\b|\bequal opportunit|\bstealth\b|\bself\b"
    r"|\bconfidential\b|\bundisclosed\b|\bvarious\b|\bmultiple\b|\bstartup\b|\bseries [a-f]\b"
    r"|\bfortune \d|\bagency\b|\bclients?\b|\bfreelance|\bcontractor\b|\bhidden\b|\bprivate\b"
    r"|\banonym|\banon\b|\byes\b|\bfull[ -]time\b|\bpart[ -]time\b|\bremote\b|\bmid-size"
    r"|\bearly-stage|\bfintech\b|\bsaas\b|\bemployees\b|\bpeople\b|\bname\b|\bemployer\b"
    r"|\bcompany\b|\bpension\b|\babout us\b"
    # descriptions in other languages (German capitalises its nouns: `Internationaler Konzern`)
    r"|unternehmen\b|\bkonzern\b|dienstleister|zulieferer|\bzeitarbeit|\bvollzeit\b|\bteilzeit\b"
    r"|\bf[üu]hrende[rsn]?\b|\bmittelst[äa]ndisch|\b[öo]ffentliche[rsn]? dienst\b|\bmultina[cz]ional"
    r"|\bmultinational\b|\bconsultora\b|\bsector p[úu]blico\b|\bimportante\b|\bconfiden[ct]i"
    r"|\bvertraulich\b|\briservat|\bgroupe international\b|\bgrande (?:entreprise|empresa|azienda)"
)
_NEXT_FIELD_RE = re.compile(
    r"[ \t\xa0]+(?:[|·/]|[–—])[ \t\xa0]+|;[ \t\xa0]*"
    r"|[.,][ \t\xa0]+(?=(?:\*\*|__)?[A-Z]\w*(?:[ \t]\w+){0,2}[ \t\xa0]*(?:\*\*|__)?[ \t\xa0]*:)"
)
"""Where the next field starts on a line of several: `Acme | Location: Berlin`, `Acme.
Location: Omaha, NE. Pay: $24/hr`."""
"""Between a value and the next field on its line (`Acme | Location: Berlin`)."""
_NAME_JOINERS = {
    "of",
    "and",
    "&",
    "de",
    "der",
    "und",
    "the",
    "y",
    "et",
    "du",
    "la",
    "le",
    "van",
    "von",
    *("des", "del", "della", "di", "da", "do", "dos", "das", "e", "for", "zu", "zum", "aux"),
    *("en", "och", "og", "i"),
    # legal forms, as often written small (`Granite Bank plc`, `acme corp`)
    *("plc", "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "llc", "gmbh", "ag", "kg", "sa"),
    *("s.a.", "bv", "b.v.", "nv", "srl", "s.r.l.", "spa", "s.p.a.", "oy", "ab", "as", "co"),
    *("co.", "sas", "sarl", "se", "limited", "lp", "llp", "pty", "bhd", "kk", "ug"),
}
"""Small words a company's name may hold in lower case (`Bank of America`, `Ernst & Young`,
`Société Générale des Capteurs`, `Granite Bank plc`)."""
_LEGAL_FORMS = {"plc", "corp", "inc", "ltd", "llc", "gmbh", "ag", "sa", "bv", "srl", "limited"}
"""A name written all in lower case is one when it ends in a legal form (`acme corp`)."""
_NOT_A_NAME_START = {
    *("will", "revealed", "shared", "hiring", "dm", "inquire", "ask", "is", "coming", "not"),
    *("leading", "top", "fast-growing", "several", "many", "independent", "eine", "ein", "a"),
}
"""First words of a sentence or a description in a company's place (`Will be shared later`)."""
_LEGAL_SUFFIX_RE = re.compile(r",\s*(?:inc|llc|ltd|l\.l\.c|gmbh|s\.a|b\.v|plc|co)\b\.?", re.I)


_VIA_RE = re.compile(
    r"[ \t]*\((?:via|through|by|with|über|par|tramite|a trav[ée]s de)[ \t][^()]*\)$", re.I
)
"""`(via Hays)` after a company's name: the agency that posted it."""
_ABBREVIATED_RE = re.compile(
    r"(?:\b[A-Za-z]{1,2}\.){2,}$|\b(?:Inc|Ltd|Corp|Co|Bros|Intl|Pty|Ltda|Cia|Cie|Mfg|Assn)\.$"
)
"""A name that ends in an abbreviation, whose dot is its own (`S.p.A.`, `N.V.`, `Inc.`)."""
_SENTENCE_END_RE = re.compile(r"(?<=[^\W\d_]{3})\.[ \t\xa0]+(?=[A-Z0-9€$£])")
"""The end of a sentence after a name (`Copperleaf IoT. Hybrid`, `Acme Inc. We`), not after an
initial or a short title (`J. P. Morgan`, `Dr. Oetker`, `St. James's Place`)."""


def company_from_line(body: str) -> str | None:
    """The company a labelled line names, when it reads as a name (a few words, not a
    sentence)."""
    low = body.lower()
    if ":" not in body or not any(word in low for word in _COMPANY_LABEL_WORDS):
        return None
    m = _COMPANY_LINE_RE.search(body)
    if m is None:
        return None
    value = _NEXT_FIELD_RE.split(m.group(1))[0]  # `Acme | Location: Berlin`: Acme
    value = _SENTENCE_END_RE.split(value)[0]  # `Copperleaf IoT. Hybrid in Munich.`
    if len(value) > 80:
        return None
    name = _VIA_RE.sub("", strip_link(value)[0]).strip()  # `Acme (via Hays)`: Acme
    if not _ABBREVIATED_RE.search(name):  # `Acme, Inc.`, `Rossi S.p.A.` keep their dot
        name = name.rstrip(".").strip()
    words = name.split()
    if not 0 < len(words) <= 6 or name[-1:] in "!?,:" or words[0].lower() in _NOT_COMPANY:
        return None
    if ":" in name or _NOT_A_NAME_RE.search(name.lower()):
        return None  # another field, a link, an address, `see below`, `Fortune 500`
    if "," in name and not _LEGAL_SUFFIX_RE.search(name):
        return None  # `Series B startup, 50 people`
    small = name.islower() and len(words) >= 2 and words[-1].rstrip(".") in _LEGAL_FORMS
    if name[0].isdigit() or (
        not small and any(w[0].islower() and w.lower() not in _NAME_JOINERS for w in words)
    ):
        return None  # a sentence or a description: `Will be shared later`, `Leading global bank`
    if words[0].lower() in _NOT_A_NAME_START:
        return None
    return name


def company_from_body(body: str) -> str | None:
    """A company the body names as itself: "Company: X", "About X", "X is looking for",
    "join X"."""
    labelled = company_from_line(body)
    if labelled:
        return labelled
    votes: dict[str, int] = {}
    has_verb = any(w in body for w in (" looking", " hiring", " seeking", " searching"))
    for hint, pattern in _COMPANY_PATTERNS:
        if (hint == " are " and not has_verb) or (hint != " are " and hint not in body):
            continue
        for m in pattern.finditer("\n" + body if hint == " are " else body):
            name = m.group(1).strip(" .’'-")
            name = re.sub(r"['’]s$", "", name)
            if not name or name.split()[0].lower() in _NOT_COMPANY or len(name) < 2:
                continue
            if name.lower() in vocab.alias_map():  # `About Kubernetes`, `Why Rust?`: a technology
                continue
            votes[name] = votes.get(name, 0) + 1
    ranked = sorted(votes, key=lambda n: (-votes[n], -body.count(n)))
    for name in ranked:
        if body.count(name) >= 2 or votes[name] >= 2:
            return name
    return None


# Line patterns match within one line ([ \t], never \s: after `^` in MULTILINE mode it runs
# across every blank line below, for every line), and possessively (`*+`: two runs of the same
# characters side by side are tried at every split): else minutes for a page of white space.
_LOCATION_LINE_RE = re.compile(
    r"^[ \t\xa0*+_-]*+(?:location|based in|office"
    # French, German, Spanish, Portuguese, Italian, Dutch, Swedish, Finnish, Polish
    r"|lieu(?: de travail)?|localisation|ort|standort|arbeitsort|einsatzort|dienstort"
    r"|ubicaci[óo]n|localizaci[óo]n|lugar de trabajo|ciudad|localiza[çc][ãa]o|local de trabalho"
    r"|sede(?: di lavoro)?|luogo di lavoro|localit[àa]|locatie|standplaats|werklocatie"
    r"|placering|arbetsort|sijainti|ty[öo]paikka|lokalizacja|miejsce pracy)"
    r"[ \t\xa0*_]*+:[ \t\xa0*_:]*+"
    r"(?:\n[ \t\xa0*+_-]*+)?(.{2,200}?)[ \t\xa0]*$",  # the place may be on the next line
    re.I | re.M,
)
_LOCATION_LINE2_RE = re.compile(
    r"^[ \t\xa0*+_-]*+location[ \t\xa0]*+(?:\*\*|__)[ \t\xa0*_:]*+(.{2,80}?)[ \t\xa0]*$",
    re.I | re.M,
)


_LOCATION_AFTER_FIELD_RE = re.compile(
    r"[.;|·][ \t\xa0]+(?:\*\*|__)?(?:location|based in)[ \t\xa0*_]*:[ \t\xa0*_]*"
    r"(.{2,200}?)[ \t\xa0]*$",
    re.I | re.M,
)
"""`Company: Acme. Location: Leeds`: the place after another field on its line."""


def location_from_body(body: str) -> str | None:
    m = _LOCATION_LINE_RE.search(body) or _LOCATION_LINE2_RE.search(body)
    if m is None and ("ocation" in body or "ased in" in body):
        m = _LOCATION_AFTER_FIELD_RE.search(body)
    if m is None:
        return None
    value = _NEXT_FIELD_RE.split(m.group(1))[0]  # `Omaha, NE. Pay: $24/hr`: Omaha, NE
    return clean_location(strip_emphasis(value)) if len(value) <= 80 else None


# Each pattern is tried only where one of its words allows a match to start (see Anchored):
# `{word: offsets}` gives where a match may start from each place the word is found.
_REMOTE_NEGATIVE_RE = Anchored(
    r"\b(?:not|no|non|kein|keine|keinen|nicht|sin|sans)[\s-](?:a\s)?remote\b"
    r"|\bon[\s-]?site\b(?! or remote)"
    # `Office-based in Leeds`, `this role is office based`; not `an office based in Leeds`
    r"|(?<!\ban )(?<!\bour )(?<!\bthe )(?<!\bone )(?<!\btwo )\boffice[\s-]based\b"
    r"|\bremote (?:work |working )?(?:is not|isn't|is never)\b"
    r"|\bremote(?:[ \t-](?:work|working|possible|option|allowed|arbeit))?[ \t*_]*[:?][ \t*_]*"
    r"(?:no|not|nein|non|nee|nej|nie|n[ãa]o|none)\b"
    r"|\bremote[ \t*_]*[–—-][ \t*_]*(?:no|nein|non|nee|nej|nie|n[ãa]o)[ \t*_.!]*(?=\n|$)"  # `Remote - no`
    r"|\bremote[\s-](?:arbeit[ \t]+)?(?:nicht|no[ \t]+es|non[ \t]+[èe]|n[ãa]o[ \t]+[ée])[ \t]+"
    r"(?:m[öo]glich|posible|possibile|poss[ií]vel|possible|disponible)\b"
    r"|\b(?:is not|isn't|is never|never) remote\b"
    r"|\b(?:don't|do not|cannot|can't|can not|won't|will not|unable to)"
    r" (?:be (?:performed|done|carried out) remotely|(?:offer|provide|support|allow) (?:any |fully )?"
    r"(?:remote|work from home|home working|wfh))"
    r"|\b(?:work(?:ing)? from home|wfh) (?:is not|isn't) (?:possible|an option|available|offered)"
    r"|\bin[\s-]office\b|\bin the office\b(?!.{0,20}remote)|\bbased in the heart of\b"
    r"|\brelocat"
    r"|\b(?:kein|keine|keinen|sin|sans|pas de|no|nessun[oa]?) (?:home[ -]?office|teletrabajo"
    r"|t[ée]l[ée]travail|remot[oa]|smart working|trabajo remoto)\b"
    r"|\bhome[ \t-]?office[ \t*_]*:[ \t*_]*(?:nein|no|non)\b",
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
    r"|\bremote\s?\(|\bremote\s(?:in|within|across|from)\b|\banywhere in the world\b",
    re.I,
    (
        *("full", "100%", "completely", "entirely", "totalmente", "completamente", "remote"),
        *("work", "wfh", "(remote)", "anywhere"),
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


def _remote_of_the_job(body: str, low: str) -> re.Match[str] | None:
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
    r"\bhomeoffice\b|\bt[ée]l[ée]travail|\bteletrabajo\b|\bremot[oa]s?\b|リモート|在宅|远程|遠程|원격",
    re.I,
    {
        **dict.fromkeys(["homeoffice", "teletrabajo", "remot"], (0,)),
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
    r"\b(?:modelo|trabajo|esquema|modalidad|formato|r[ée]gimen|trabalho|regime)[ \t]+h[íi]brido\b"
    r"(?![ \t]+de(?:l|[ \t]+(?!trabajo)))"  # `modelo híbrido del coche`: a car
    r"|\b(?:travail|t[ée]l[ée]travail)[ \t]+hybride\b"
    r"|\b(?:mode|mod[èe]le|organisation|format)[ \t]+(?:de[ \t]+travail[ \t]+)?hybride\b"
    r"(?![ \t]+(?:entre|de|d'|du|des))"  # `un modèle hybride entre conseil et édition`
    r"|\bhybride[sn]?[ \t]+arbeit|\bhybrides[ \t]+arbeitsmodell\b"
    r"|\b(?:modalit[àa]|lavoro)[ \t]+ibrid[oa]\b",
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
_DAYS = r"(?:[1-4]|one|two|three|four)"  # five days a week in the office is on-site
_HYBRID_DAYS_RE = re.compile(
    rf"\b{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each|in\s+the|of\s+the)?\s*week\b.{{0,30}}?"
    r"\b(?:in|at|from)\s*(?:the\s*|our\s*|an\s*)?office\b"
    rf"|\b(?:in|at)\s*(?:the\s*|our\s*)?office\s*{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each)?\s*week\b",
    re.I,
)
_ON_SITE_DAYS_RE = re.compile(
    rf"\bon[\s-]?site\s*(?:for\s*)?{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each)?\s*week\b"
    rf"|\b{_DAYS}\s*(?:days?|x)\s*(?:a|per|/|each)?\s*week\s*on[\s-]?site\b",
    re.I,
)
"""Some days a week on site (`on-site 3 days a week`): hybrid, as `_HYBRID_DAYS_RE`."""
"""Some days a week in the office (`3 days a week in the office`, `in office 2 days/week`):
hybrid. Searched line by line, in lines that say week and office."""
_HYBRID_LINE_RE = re.compile(
    r"\bhybrid[ \t-](?:working(?![ \t-]group)|schedule"
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
    r"|work[ \t]+location|setup|set-up)[ \t*_]*:[ \t*_]*hybrid\b"  # `Flexible working: hybrid, …`
    r"|^[ \t*_+-]*location[ \t*_]*:[^\n]*\bhybrid\b"  # `Location: Berlin · Hybrid`
    # a line that starts with it, saying how: `Hybrid - 2 days in office`, `Hybrid: 3 days in
    # our NYC office`, `Hybrid in Munich`, `Hybrid (Paris 9e)`, `Hybrid 3/2`, `Hybrid 50%`
    # (or a sentence: `Company: Copperleaf. Hybrid in Munich.`)
    rf"|(?:^[ \t*_+>-]*|(?<=[.!;])[ \t]+)hybrid[ \t*_]*(?:[:–—,;(-][ \t*_]*(?:{_DAYS}|\d)[ \t]*(?:days?|x|%)"
    # `Hybrid, 2 days in office`, `Hybrid (in office Tue/Thu)`, `Hybrid — in office twice a week`
    r"|[:–—,;(-][ \t*_]*(?:[\w ]{0,20}[ \t])?(?:in|at)[ \t-](?:the[ \t]+|our[ \t]+)?office\b"
    r"|in[ \t]+(?P<place>(?-i:[A-Z][a-zà-ÿ][\w-]*))"
    r"|\([ \t]*(?-i:[A-Z][\w'.-]*)(?:[ \t,]+(?:(?-i:[A-Z])[\w'.-]*|\d+\w*))*[ \t]*\)[ \t*_]*[.!]?[ \t*_]*$"
    r"|\d[ \t]*/[ \t]*\d\b|\d{1,3}[ \t]*%(?![ \t]*(?:fte|time|of|part)))"
    # a line of its own, not a list item (`- Hybrid` may be a car): `Hybrid.`
    r"|^[ \t]*(?:\*\*|__)?hybrid(?:\*\*|__)?[ \t]*[.!]?[ \t]*$"
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
    r"|ning[úu]n|ninguna|nenhum[a]?)\b[^.;!?\n]{0,20}$",
    re.I,
)
"""A denial just before a policy's words (`not hybrid`, `we do not offer hybrid working`)."""
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
    culture: `remote-first`, `remote-friendly team`)."""
    strong = _REMOTE_STRONG_RE.finditer(body, low)
    return any(
        not _PARTLY_BEFORE_RE.search(body, max(0, m.start() - 16), m.start())
        and not _CULTURE_RE.match(m.group(0))
        for m in strong
    )


_CULTURE_RE = re.compile(r"remote[\s-](?:first|friendly|company|team|culture)\b", re.I)
"""Remote said of a company's way of working, not of one job: a job there may be hybrid."""


def _says_hybrid(body: str, low: str) -> bool:
    """Whether the body says hybrid of the job anywhere, and does not deny it (`low`: the body
    lowercased, places kept)."""
    if "week" in low and ("office" in low or "site" in low):
        for line in _lines_holding(body, low, "week"):
            low_line = line.lower()
            for pattern, word in ((_HYBRID_DAYS_RE, "office"), (_ON_SITE_DAYS_RE, "site")):
                m = pattern.search(line) if word in low_line else None
                if m and not _denied(line, m.start(), m.end()) and not _SHORT_WEEK_RE.search(body):
                    return True  # (part-time said anywhere: the days are a short week)
    # Partly remote, télétravail partiel: said of nothing but work.
    for m in _HYBRID_WORDS_RE.finditer(body, low):
        if m.group(0).lower() != "hybrid" and not _denied(body, m.start(), m.end()):
            return True
    for line in _lines_holding(body, low, "hybrid"):
        m = _HYBRID_LINE_RE.search(line)
        if m and not _denied(line, m.start(), m.end()):
            place = m.group("place")  # `Hybrid in Munich`, not `Hybrid in Kotlin`
            if place is None or place.lower() not in vocab.alias_map():
                return True
    if any(word in low for word in _HOME_DAYS_WORDS):
        m = _HOME_DAYS_RE.search(body)
        if m and not _denied(body, m.start(), m.end()):
            return True
    if "ibrid" in low or "íbrid" in low or "hybride" in low:  # (h)ibrido, híbrido, hybride[sn]
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


def _policy(location: str | None, body: str, low: str) -> tuple[bool | None, Origin | None, bool]:
    """`remote_from_text` for a place that is not hybrid, and whether the body says hybrid of
    the job (`low`: the body lowercased, for the patterns to find their words in)."""
    if _says_hybrid(body, _kept(body, low)):
        return None, None, True  # hybrid, or hybrid and remote both said: say nothing
    place = _REMOTE_PLACE_RE.search(location) if location else None
    if location and place:  # `London (no remote)` says on-site
        return not _denied(location, place.start(), place.end()), None, False
    strong = (
        _REMOTE_STRONG_RE.search(body, low)
        or _REMOTE_ITEM_RE.search("\n" + body)
        or _remote_of_the_job(body, low)
    )
    negative = _REMOTE_NEGATIVE_RE.search(body, low)
    denies = negative is not None and (
        "remote" in negative.group(0).lower()  # `not a remote role` outranks `remote role`
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
    if not location and _REMOTE_WEAK_RE.search(body, low):
        return True, "guessed", False
    return None, None, False


def _place_then_hybrid(location: str, body: str) -> bool:
    """Whether a line of the body is the posting's place, then hybrid (`Stockholm, hybrid.`):
    after another name (`Toyota, hybrid.`) it may be a car."""
    city = location.split(",")[0].strip()
    if len(city) < 2 or "hybrid" not in body.lower():
        return False
    line = rf"^[ \t*_]*{re.escape(city)}[^\n.]{{0,30}}?,[ \t]*hybrid[ \t*_]*[.!]?[ \t]*$"
    return re.search(line, body, re.I | re.M) is not None


def from_body(body: str, f: Fields) -> None:
    """Best-effort extraction from running text, for fields still unknown."""
    f.put("company", company_from_body(body), "body")
    f.put("location", location_from_body(body), "body")
    low = body.lower()
    if f.remote is None and not f.hybrid:
        if f.location and (is_hybrid(f.location) or _place_then_hybrid(f.location, body)):
            # `London (Hybrid)`; a line `Stockholm, hybrid.` where Stockholm is the place
            f.hybrid, f.origins["remote"] = True, f.origins.get("location", "body")
        else:
            remote, origin, hybrid = _policy(f.location, body, low)
            if hybrid and not _fully_remote(body, low):
                f.hybrid, f.origins["remote"] = True, "body"
            else:
                f.put("remote", remote, origin or f.origins.get("location", "body"))
    f.put("salary", parse_salary(body), "body")
    f.put("url", url_from_body(body), "body")
    if f.posted is None:
        f.put("posted", posted_from_body(body, low), "body")
