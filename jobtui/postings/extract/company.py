"""The company a posting's body names: a labelled line (`Company: Acme`, `Arbeitgeber: …`),
or the name the text speaks of itself by (`About Acme`, `Acme is looking for`, `join Acme`)."""

from __future__ import annotations

import re

from jobtui.postings import vocab
from jobtui.postings.anchored import Anchored
from jobtui.postings.extract.links import strip_link
from jobtui.postings.legal import LEGAL_FORMS, LEGAL_PHRASES
from jobtui.postings.places import holds

_NAME = r"([A-Z][\w&'’.-]*(?:\s(?:[A-Z][\w&'’.-]*|&|of|de|und)){0,3})"
# Each pattern with a cheap substring test that must pass before the regex is tried.
# The two compiled patterns are searched in the body after a newline, `\n` standing for the
# start of its first line too: opening with `\n` (not `^`), they are tried only at newlines.
_COMPANY_PATTERNS: list[tuple[str, re.Pattern[str] | Anchored]] = [
    (
        "About",
        re.compile(
            rf"\n[ \t]*(?:#+[ \t]*|\*\*|__)?About[ \t]+{_NAME}[ \t]*(?:\*\*|__)?[ \t]*:?[ \t]*$",
            re.M,
        ),
    ),
    (
        " are ",
        re.compile(
            # (opening with a class of characters, not a look-ahead and two branches, lets
            # the engine skip to the next such character: ~2x faster)
            rf"[.!?\n](?:(?<=\n)|(?<=[.!?])\s+)(?:At\s)?{_NAME}\s(?:is|are)\s(?:currently\s)?"
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


COMPANY_LABELS = (
    r"company|company name|employer|hiring company"
    # French, German, Spanish, Portuguese, Italian, Dutch, Swedish, Finnish, Polish
    r"|entreprise|soci[ée]t[ée]|employeur|firma|unternehmen|arbeitgeber|empresa|empleador"
    r"|azienda|bedrijf|werkgever|f[öo]retag|arbetsgivare|yritys|ty[öo]nantaja|pracodawca"
    # Japanese, Chinese, Korean
    r"|会社名?|企業名|社名|募集企業|公司(?:名称)?|企业(?:名称)?|招聘公司|회사(?:명)?|기업(?:명)?"
)
"""The labels of a line that names the company (a table's label cell is read against them too)."""
_COMPANY_LINE_RE = re.compile(
    rf"^[ \t\xa0*+_-]*+(?:{COMPANY_LABELS})"
    r"[ \t\xa0*_]*+[:：][ \t\xa0*_:：]*+(.{2,200}?)[ \t\xa0*_]*$",
    re.I | re.M,
)
"""A line that names the company: `Company: Acme`, `**Employer:** Acme Ltd`, `Entreprise :
Acme`, `Arbeitgeber: Acme GmbH`."""
_COMPANY_LABEL_WORDS = (
    *("company", "employer", "entreprise", "soci", "employeur", "firma", "unternehmen"),
    *("arbeitgeber", "empresa", "empleador", "azienda", "bedrijf", "werkgever", "retag"),
    *("arbetsgivare", "yritys", "nantaja", "pracodawca"),
    *("会社", "企業名", "社名", "公司", "企业", "회사", "기업"),
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
NEXT_FIELD_RE = re.compile(
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
_LEGAL_ENDINGS = {
    *_LEGAL_FORMS,
    *("corporation", "incorporated", "gmbh", "mbh", "kg", "se", "oy", "oyj"),
    *("ab", "as", "asa", "aps", "nv", "spa", "s.p.a", "s.a", "b.v", "n.v", "pty", "pte", "sl"),
}
"""The last words of a name that make it one (`Remote Widgets Ltd`)."""
_SMALL_LEGAL_WORDS = frozenset(
    {*LEGAL_FORMS, *(word for phrase in LEGAL_PHRASES for word in phrase)} - {"a", "de"}
)
"""Words of legal forms, as a name may write them in small letters (`Allegro sp. z o.o.`)."""
_NOT_A_LINK_RE = re.compile(r"://|\bwww\.|@")
_LEGAL_SUFFIX_RE = re.compile(r",\s*(?:inc|llc|ltd|l\.l\.c|gmbh|s\.a|b\.v|plc|co)\b\.?", re.I)


_VIA_RE = re.compile(
    r"[ \t]*\((?:via|through|by|with|über|par|tramite|a trav[ée]s de)[ \t][^()]*\)$", re.I
)
"""`(via Hays)` after a company's name: the agency that posted it."""
_ABBREVIATED_RE = re.compile(
    r"(?:\b[A-Za-z]{1,2}\.){2,}$|\b(?:Inc|Ltd|Corp|Co|Bros|Intl|Pty|Ltda|Cia|Cie|Mfg|Assn)\.$"
)
"""A name that ends in an abbreviation, whose dot is its own (`S.p.A.`, `N.V.`, `Inc.`)."""
SENTENCE_END_RE = re.compile(r"(?<=[^\W\d_]{3})\.[ \t\xa0]+(?=[A-Z0-9€$£])")
"""The end of a sentence after a name (`Copperleaf IoT. Hybrid`, `Acme Inc. We`), not after an
initial or a short title (`J. P. Morgan`, `Dr. Oetker`, `St. James's Place`)."""


def _name_word(word: str) -> bool:
    """Whether a word may stand in a company's name: capitalised, or with a capital inside
    (`eBay`, `iRobot`, `3M`, `1Password`, `23andMe`), a joiner (`of`, `&`), or a legal form
    written small (`sp. z o.o.`, `s.r.o.`)."""
    return (
        not word[0].islower()
        or any(c.isupper() for c in word)
        or word.lower() in _NAME_JOINERS
        or word.lower().replace(".", "").strip(",") in _SMALL_LEGAL_WORDS
    )


def company_from_line(body: str, low: str | None = None) -> str | None:
    """The company a labelled line names, when it reads as a name (a few words, not a
    sentence)."""
    low = body.lower() if low is None else low
    if (":" not in body and "：" not in body) or not holds(low, _COMPANY_LABEL_WORDS):
        return None
    m = _COMPANY_LINE_RE.search(body)
    if m is None:
        return None
    value = NEXT_FIELD_RE.split(m.group(1))[0]  # `Acme | Location: Berlin`: Acme
    value = SENTENCE_END_RE.split(value)[0]  # `Copperleaf IoT. Hybrid in Munich.`
    if len(value) > 80:
        return None
    name = _VIA_RE.sub("", strip_link(value)[0]).strip()  # `Acme (via Hays)`: Acme
    if not _ABBREVIATED_RE.search(name):  # `Acme, Inc.`, `Rossi S.p.A.` keep their dot
        name = name.rstrip(".").strip()
    words = name.split()
    if not 0 < len(words) <= 6 or name[-1:] in "!?,:":
        return None
    # A name with a legal form at its end is one, whatever its words (`Remote Widgets Ltd`,
    # `Startup Labs GmbH`): only a link or an address is not.
    legal = len(words) >= 2 and words[-1].lower().strip(".") in _LEGAL_ENDINGS
    if not legal and (words[0].lower() in _NOT_COMPANY or _NOT_A_NAME_RE.search(name.lower())):
        return None  # `see below`, `Fortune 500`, `Remote (US)`
    if ":" in name or _NOT_A_LINK_RE.search(name):
        return None  # another field, a link, an address
    if "," in name and not _LEGAL_SUFFIX_RE.search(name):
        return None  # `Series B startup, 50 people`
    small = name.islower() and len(words) >= 2 and words[-1].rstrip(".") in _LEGAL_FORMS
    if not any(c.isalpha() for c in words[0]) or (
        not small and any(not _name_word(w) for w in words)
    ):
        return None  # a sentence or a description: `Will be shared later`, `Leading global bank`
    if words[0].lower() in _NOT_A_NAME_START:
        return None
    return name


def company_from_body(body: str, low: str | None = None) -> str | None:
    """A company the body names as itself: "Company: X", "About X", "X is looking for",
    "join X"."""
    labelled = company_from_line(body, low)
    if labelled:
        return labelled
    votes: dict[str, int] = {}
    lines = "\n" + body
    has_verb = any(w in body for w in (" looking", " hiring", " seeking", " searching"))
    for hint, pattern in _COMPANY_PATTERNS:
        if (hint == " are " and not has_verb) or (hint != " are " and hint not in body):
            continue
        for m in pattern.finditer(lines if isinstance(pattern, re.Pattern) else body):
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
