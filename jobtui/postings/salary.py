"""Salaries as postings write them: `USD $90,000~$120,000`, `€45.000–€60.000`, `up to £45K`, `$70/hour`.

Amounts are found first (currency, number, multiplier, period), then joined into ranges, then
judged: the nearest words tell pay from funding, revenue, bonuses and budgets, and magnitudes
tell a yearly figure from a monthly one. What the posting did not say stays None.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jobtui.postings.model import Salary
from jobtui.postings.money import PER_YEAR, usd_value
from jobtui.postings.places import places
from jobtui.postings.text import lines_at

_SYMBOLS: dict[str, str | None] = {
    **dict.fromkeys(["$", "US$", "dollar", "dollars"], "USD"),
    **dict.fromkeys(["CA$", "C$"], "CAD"),
    **dict.fromkeys(["AU$", "A$"], "AUD"),
    **dict.fromkeys(["SG$", "S$"], "SGD"),
    **{"NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "MX$": "MXN"},
    **dict.fromkeys(["€", "euro", "euros"], "EUR"),
    **dict.fromkeys(["£", "pound", "pounds", "pounds sterling"], "GBP"),
    **dict.fromkeys(["¥", "yen", "円"], "JPY"),
    **dict.fromkeys(["元", "人民币"], "CNY"),
    **dict.fromkeys(["₹", "rs", "rs.", "rupee", "rupees"], "INR"),
    **dict.fromkeys(["zł", "zloty", "zlotys", "złoty"], "PLN"),
    **{"₩": "KRW", "₽": "RUB", "₺": "TRY", "₴": "UAH", "₪": "ILS", "₱": "PHP", "₦": "NGN"},
    "฿": "THB",
    "rm": "MYR",
    "kč": "CZK",
    # A currency, but which one (SEK, NOK, DKK, ISK)? Money all the same; the code stays unknown.
    **dict.fromkeys(["kr", "kr."], None),
}
_CODES = (
    "USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|NZD|SGD|HKD|BRL|MXN|CZK|ZAR|ILS|TRY|UAH|"
    "RON|HUF|HRK|BGN|ISK|CNY|RMB|KRW|IDR|MYR|THB|AED|NGN|KES|EGP|ARS|CLP|COP|PEN|VND|RUB|"
    "TWD|SAR|QAR|PKR|BDT|LKR"
)
# Codes also read in lower or title case (`Eur/Year`, `800 usd/month`): none is an English word.
_CODES_ANY_CASE = "usd|eur|gbp|aud|chf|sek|nok|dkk|pln|inr|jpy|czk|huf"
_CODE_ALIASES = {"RMB": "CNY"}
_CODE = rf"(?<![A-Za-z])(?:{_CODES}|(?i:{_CODES_ANY_CASE}))(?![A-Za-z])"
CURRENCY_CODE = _CODE
"""A pattern for an ISO 4217 code jobtui reads (`INR`, `jpy`), not part of a longer word."""
# The Philippine peso shares its code with a programming language (`PHP 7`, `4 PHP developers`):
# it counts only before a thousands-grouped amount.
_CODE_BEFORE = rf"(?:{_CODE}|(?<![A-Za-z])PHP(?=[ \t]?\d{{1,3}}[,.]\d{{3}}))"
_CODE_IN_RE = re.compile(rf"{_CODE}|(?<![A-Za-z])PHP(?![A-Za-z])")
"""A code inside text already known to be a currency."""
_SYMBOL = (
    r"(?<![A-Za-z])(?:US|CA|AU|NZ|SG|HK|MX|[CASR])\$|[$€£¥₹₩₽₺₴₪₱₦฿]|zł"
    r"|(?<![A-Za-z])(?:Rs\.?|kr\.?|RM|Kč)(?![A-Za-z])"
)
_WORD = r"(?i:euros?|dollars?|pounds?(?: sterling)?|rupees?|yen|z[lł]otys?)(?![A-Za-z])"
CURRENCY = rf"(?:(?:{_CODE}[ \t]?)?(?:{_SYMBOL})|{_CODE_BEFORE})"
"""A currency written before an amount: a symbol, a code, or both (`USD $`, `CA$`, `EUR`)."""
_POST_CURRENCY = rf"(?:{_SYMBOL}|{_CODE}|{_WORD}|円|元|人民币)"

_NUM = (
    r"(?P<grouped>\d{1,3}(?P<sep>[,. \u00a0\u202f\u2009'’])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?)"
    r"|(?P<lakh>\d{1,2}(?:,\d{2})+,\d{3})"
    r"|(?P<plain>\d+(?:[.,]\d{1,2})?)"
)
_MULTIPLIERS = {
    **dict.fromkeys(["k", "thousand", "tys", "tys.", "tyś", "tyś.", "tsd", "tsd."], 1e3),
    **dict.fromkeys(["l", "lpa", "lakh", "lakhs", "lac", "lacs"], 1e5),
    **dict.fromkeys(["m", "mm", "mn", "mil", "million"], 1e6),
    **dict.fromkeys(["cr", "crore", "crores"], 1e7),
    **dict.fromkeys(["b", "bn", "billion"], 1e9),
    **dict.fromkeys(["tn", "trn", "trillion"], 1e12),
    "万": 1e4,  # `600万円`: six million yen
    **dict.fromkeys(["億", "亿"], 1e8),
}
_MULT = (
    r"(?:[ \t]?(?P<mult>(?:[kK]|MM|[mM]n?|[bB]n?|LPA|L|[Cc]r|tr?n"
    r"|(?i:thousand|million|mil|billion|trillion|lakhs?|lacs?|crores?))(?!\w)"
    r"|(?i:tys|tyś|tsd)\.?(?!\w)|[万億亿]))"  # Polish `15 tys. zł`, German `60 Tsd. €`
)
# Spaces are counted ({0,3}, not *): two unbounded runs side by side are quadratic on a line of
# blanks.
_UNIT = r"hours?|hrs?|days?|weeks?|wk|months?|mo|mth|years?|yrs?|annum|anum"
_PER = (
    rf"(?P<per>(?i:[ \t]{{0,3}}/[ \t]{{0,3}}(?:{_UNIT}|[hdwmy])(?![A-Za-z])"
    rf"|[ \t]{{1,3}}(?:per|an?|each)[ \t]{{1,3}}(?:{_UNIT})(?![A-Za-z])|[ \t]{{0,3}}p/[hdwmya](?![A-Za-z])"
    r"|[ \t]{0,3}/?[ \t]{0,3}(?:hourly|daily|weekly|monthly|annually|annual|yearly|p\.[ \t]?a\.|p\.c\.m\.|pa"
    r"|pcm|ph|pw|pd|pm)(?![A-Za-z])))"
)
_AMOUNT_RE = re.compile(
    # (a figure may follow a letter of a script without spaces: `年収600万円`)
    rf"(?:(?P<pre>{CURRENCY})[ \t]?|(?<![A-Za-z0-9_.,]))(?:{_NUM})(?![\d]|[.,]\d)"
    r"(?:[.,][-–—](?![-–—\d]))?"  # `€ 3.500,-`, `CHF 120.–`: no cents
    rf"{_MULT}?(?P<plus>\+)?(?:[ \t]?(?P<post>{_POST_CURRENCY}))?{_PER}?(?![A-Za-z0-9])"
)
# Between two amounts, what makes them one range (markdown emphasis may wrap either amount).
_CONNECTOR_RE = re.compile(
    r"[\s*_]*(?:\([^()]{0,24}\))?[\s*_]*"
    r"(?:-{1,2}|–|—|~|〜|～|至|(?i:to|up to|and|bis|till?|until|through|thru"
    r"|à|a|hasta|do|tot|und|et|e|y|en|i|och|og))[\s*_]*"
)
_TO_WORDS = frozenset(("à", "a", "hasta", "do", "tot"))
"""`to` in other languages: a range when an amount has a currency, or after `from`."""
_AND_WORDS = frozenset(("and", "und", "et", "e", "y", "en", "i", "och", "og"))
"""`and`: a range only after `between` (`between $500 and $800`; `$500 and $800` are two)."""
_FROM_RE = re.compile(r"\b(?:de|da|von|od|van|desde|from|du)[\s*_]*$", re.I)
# A cheap first pass finds lines with a currency touching a digit; the full pattern runs only on
# those. Three simple patterns, each starting with a character class that the regex engine can
# skip to, are several times faster than one alternation (or than case-folded codes): the
# candidate codes of the second are checked by _CODE_AT_RE.
_QUICK_SYMBOL_RE = re.compile(r"[$€£¥₹₩₽₺₴₪₱₦฿][ \t]?\d")
_QUICK_CODE_RE = re.compile(r"[A-Z][A-Za-z]{1,2}\.?\$?[ \t]?\$?[ \t]?\d")
_CODE_AT_RE = re.compile(rf"(?:{_CODE_BEFORE}|(?<![A-Za-z])(?:Rs\.?|RM))[ \t]?\$?[ \t]?\d")
_QUICK_AFTER_RE = re.compile(
    r"\d[ \t]?(?:(?:[kKmM万億亿]|(?i:thousand|million|lakhs?|lacs?|tys\.?|tyś\.?|tsd\.?))[ \t]?)?"
    rf"(?:[$€£¥₹₩₽₺₴₪₱₦฿円元]|zł|Kč|人民币|{_CODE}|{_WORD}|kr\b)"
)
_QUICK_RE = re.compile(
    rf"{_QUICK_SYMBOL_RE.pattern}|{_CODE_AT_RE.pattern}|{_QUICK_AFTER_RE.pattern}"
)
"""The three in one, for a single short line."""

PERIOD_WORDS = {
    **dict.fromkeys("hour hours hr hrs h ph hourly".split(), "hour"),
    **dict.fromkeys("day days d pd daily".split(), "day"),
    **dict.fromkeys("week weeks wk w pw weekly".split(), "week"),
    **dict.fromkeys("month months mo mth m pm pcm monthly".split(), "month"),
    **dict.fromkeys("year years yr yrs y annum anum annually annual yearly pa".split(), "year"),
    "per annum": "year",
}
"""How postings and front matter write a pay period, to one of `model.PERIODS`."""

# Words around an amount that say what it is: pay, or something else. Looked up word by word
# (a regex alternation of all of them is slow to try at every position). Two-word phrases win
# over their words (`paid out` is not pay, `run rate` not a rate); acronyms keep their case.
_CUE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        "raise raised raises raising funding funded fundraise fundraising seed round investor "
        "investors investment investments invested valuation venture backed financing capital".split(),
        "funding",
    ),
    **dict.fromkeys(
        "revenue revenues turnover profit profits market industry pipeline deal deals quota payout "
        "payouts earned cashback assets spending spend sell sells selling sold sales donation "
        "donations transaction transactions bookings billing billings".split(),
        "revenue",
    ),
    **dict.fromkeys(
        "bonus bonuses signing joining referral relocation relocate relocating relo retention "
        "severance variable commission commissions incentive incentives prize prizes award "
        "awards reward rewards".split(),
        "bonus",
    ),
    **dict.fromkeys("equity stock option options shares vesting".split(), "equity"),
    **dict.fromkeys("price prices priced cost costs fee fees subscription".split(), "price"),
    **dict.fromkeys(
        "budget allowance stipend reimburse reimbursed reimbursement credit credits towards "
        "learning education educational training equipment wellness gym vacation holiday travel "
        "insurance coverage pension gift gifts voucher vouchers laptop conference conferences "
        "expense expenses perk perks coworking 401k l&d benefit fitness visa immigration "
        "tuition childcare commuter meal meals".split(),
        "benefit",
    ),
    **dict.fromkeys(
        "customer customers client clients user users member members employee employees people "
        "staff tester testers subscriber subscribers download downloads".split(),
        "count",
    ),
    **dict.fromkeys(
        "compensation pay pays paying paid wage wages rate rates base earnings range ranges "
        "package 💰".split(),
        "pay",
    ),
}
_CUE_PREFIXES = (
    # Pay in a few other languages postings mix in: salário, salaire, sueldo, stipendio,
    # retribuzione, rémunération, Vergütung, Gehalt, Lohn, lön, løn, wynagrodzenie, palkka.
    *((p, "pay") for p in ("salar", "salár", "salair", "sueldo", "stipendi", "retribu")),
    *((p, "pay") for p in ("rémunér", "remuner", "vergüt", "gehalt", "lohn", "lön", "løn")),
    *((p, "pay") for p in ("wynagrodz", "palkk")),
    ("reimburs", "benefit"),
    # Benefits and bonuses in other languages: mutuelle, seguro médico, Jobticket, Zuschuss,
    # Altersvorsorge, cheque guardería, welfare, lounasetu, vale refeição, prime, Urlaubsgeld.
    *((p, "benefit") for p in ("mutuelle", "seguro", "jobticket", "zuschuss", "altersvorsorg")),
    *((p, "benefit") for p in ("fahrtkost", "cheque", "guarder", "welfare", "lounas", "vale")),
    *((p, "benefit") for p in ("ticket", "tickets", "prévoyance", "essenszusch", "401k")),
    *((p, "bonus") for p in ("prime", "urlaubsgeld", "weihnachtsgeld", "premio", "prämie")),
    *((p, "bonus") for p in ("tredicesima", "quattordicesima", "gratifica", "tulospalk")),
    # Relocation and referral: Umzugskosten, déménagement, mudanza, reubicación, trasloco,
    # verhuiskosten, relokacja, flyttbidrag, muuttoavustus; Empfehlungsprämie, parrainage,
    # cooptation, program poleceń, bono por referidos.
    *((p, "bonus") for p in ("umzug", "déménag", "demenag", "mudanza", "reubica", "trasloc")),
    *((p, "bonus") for p in ("verhuis", "relokac", "flytt", "muutto", "empfehlungs")),
    *((p, "bonus") for p in ("parrainage", "cooptation", "polecen", "referid", "bono", "bônus")),
    # Home office, training and travel allowances: Homeoffice-Pauschale, Weiterbildung,
    # Fortbildung, Spesen, Tagegeld, dietas, viáticos, indemnité.
    *((p, "benefit") for p in ("homeoffice", "weiterbild", "fortbild", "spesen", "tagegeld")),
    *((p, "benefit") for p in ("dietas", "viático", "viatico", "indemnit")),
)
_CUE_PREFIX_WORDS = tuple(prefix for prefix, _ in _CUE_PREFIXES)
_CUE_ACRONYMS = {
    **dict.fromkeys("ARR MRR GMV ACV ASP AVC TCV AUM".split(), "revenue"),
    **dict.fromkeys("VC".split(), "funding"),
    **dict.fromkeys("RSU RSUs ESOP".split(), "equity"),
    **dict.fromkeys("OTE TC CTC RAL".split(), "pay"),  # RAL: an Italian yearly gross
}
_CUE_PHRASES = {
    **dict.fromkeys(("series " + c for c in "abcdefgh"), "funding"),
    "valued at": "funding",
    "price point": "revenue",
    "book of": "revenue",
    "paid out": "revenue",
    "under management": "revenue",
    "contract value": "revenue",
    "contract values": "revenue",
    "in size": "revenue",
    "run rate": "revenue",
    "sign on": "bonus",
    "as little": "price",
    "for only": "price",
    "to spend": "benefit",
    "home office": "benefit",
    "co working": "benefit",
    "per diem": "benefit",
    "401 k": "benefit",
    "on target": "pay",
    "total rewards": "pay",
    "paying customers": "count",
    "paying users": "count",
}
_CUE_WORD_RE = re.compile(r"[\w&]+|💰")
_STRONG = {
    "funding": "looks like funding",
    "revenue": "looks like revenue or a sales figure",
    "bonus": "looks like a bonus or commission",
    "equity": "looks like equity",
    "price": "looks like a price",
    "count": "looks like a count of people, not money",
}
_WEAK = {"benefit": "looks like a benefit or a budget"}
_UPPER_ONLY_RE = re.compile(
    r"(?:\bup\s?to|\bmax(?:imum)?|\bno more than|\bas much as|\bunder|\bbelow|≤|<=?"
    # `bis zu`, `jusqu'à`, `hasta`, `até`, `fino a`, `tot`, `do` (Polish)
    r"|\bbis zu|\bjusqu'?[àa]|\bhasta|\bat[ée]|\bfino a|\btot|\bdo|\bmaks(?:ymalnie)?)[\s:*_]*$",
    re.I,
)
_LOWER_ONLY_RE = re.compile(
    r"(?:\bfrom|\bstart(?:s|ing)?\s(?:at|from)|\bmin(?:imum)?|\bat least|\bover|\babove|\bmore than"
    r"|\bin excess of|≥|>=?"
    # `ab`, `à partir de`, `desde`, `vanaf`, `od` (Polish), `fra`, `från`, `mindestens`
    r"|\bab|\b[àa] partir de|\bdesde|\bvanaf|\bod|\bfra|\bfrån|\bmindestens|\bau moins"
    r"|\bal menos|\bco najmniej)[\s:*_]*$",
    re.I,
)
_OR_MORE_RE = re.compile(
    r"^[\s*_]*(?:(?:or more|and (?:up|above)|minimum)\b"
    # Japanese, Chinese, Korean: `30万円以上`, `30万円〜` (a range with no end), `2万起`
    r"|以上|から|より|起|이상|[〜～~](?![\s*_]*\d))",
    re.I,
)
_BETWEEN_RE = re.compile(
    r"\b(?:between|entre|zwischen|tussen|tra|fra|mellan|mellom|pomi[ęe]dzy)[\s*_]*$", re.I
)
_PERIOD_BEFORE_RE = re.compile(
    r"\b(?:(?P<adj>hourly|daily|weekly|monthly|annual(?:ly|ized|ised)?|yearly)"
    r"|(?P<noun>hour|day|week|month)[\s-]?rate|per\s(?P<per>hour|day|week|month|year|annum))\b",
    re.I,
)
# What may stand between such a word and the amount: `annual salary of`, `day rate is`,
# `annualized salary will be`; not `monthly stipend and a salary of`.
_PERIOD_FILLER = frozenset(
    "base gross net total target targeted pay salary compensation rate wage income earnings "
    "range fee contract is of at from starts starting start between up to will be would the a "
    "an for this role position we offer offering paid approximately around about roughly".split()
)
_PERIOD_AFTER_RE = re.compile(
    r"^(?:[^$€£.;!?\d]|\B\d){0,40}?(?:\b(?:per|a|an|each)\s|/\s?)(?P<unit>hour|day|week|month|year|annum)\b"
    r"|^[\s*_]*(?:gross|net|brutto|netto|before tax|pre-tax|base)[\s*_]+"
    r"(?P<adj>hourly|daily|weekly|monthly|annually|yearly)\b",
    re.I,
)
_PAY_FILLER = frozenset(
    "gross net brutto netto b2b vat plus or and base pay salary contract invoice uop fte per a "
    "an each the brut total tax before after pre incl including excl excluding".split()
)
"""Words that may stand between an amount and its period across a comma (`PLN + VAT, B2B,
per month`)."""


def _said_of_the_pay(filler: str) -> bool:
    """Whether the words between an amount and a period word say nothing else: past a comma,
    only words of pay (`+ VAT, B2B, per month`), not `gross, reviewed per year`."""
    if "," not in filler:
        return True
    return all(
        w.lower() in _PAY_FILLER or (w.isupper() and len(w) == 3)
        for w in re.findall(r"[^\W_]+", filler)
    )


_PERIOD_AFTER_ELSEWHERE_RE = re.compile(
    # right after the amount: a currency, `brutto`, `net` at most between (a period word
    # further on is said of something else: `reajuste por ano`, `pagas al año: 14`)
    r"^[ \t*_]*(?:(?:[A-Z]{3}|[€$£¥₹]|zł|kr|kč|brutto|netto|brut|net|bruto|brutos|bruta"
    r"|brutas|lordi|lordo|netti|neto|netos|gross|b2b|uop|\+[ \t]*vat|\(b2b\)|\(uop\))[ \t*_.]*){0,4}"
    r"(?:(?:(?:\b(?:pro|par|por|per|pr\.?|al|all'|na|za|im)\s+|/\s?)"
    r"(?P<unit>stunde|std|monat|jahr|heure|mois|ann[ée]e|hora|m[eê]s|a[ñn]o|uur|maand|jaar"
    r"|godzin[eęy]|godz|h|miesi[aą]c|mies|mc|msc|rok|kk|ora|mese|anno|timme|m[åa]nad|m[åa]ned|år|tunti)"
    r"|(?:\bpar\s+|/\s?)(?P<an>an)"  # French `par an`, `/an`
    r"|\b(?P<adj>monatlich|j[äa]hrlich|mensuel(?:le)?|annuel(?:le)?|mensual(?:es)?|anual(?:es)?"
    r"|miesi[ęe]cznie|rocznie|mensil[ei]|annu[oi]|annuale|maandelijks|jaarlijks|kuukaudessa"
    r"|vuodessa|årligt?|månatlig|månedlig|mensal|mensais|anuais)))(?!\w)",
    re.I,
)
"""A pay period written in another language after the amount (`18 €/Stunde`, `par an`,
`brutto miesięcznie`, `bruto per maand`, `€ / kk`)."""
_PERIODS_ELSEWHERE = {
    **dict.fromkeys(("stunde", "std", "heure", "hora", "uur", "ora", "timme", "tunti"), "hour"),
    **dict.fromkeys(("godzine", "godzinę", "godziny", "godz", "h"), "hour"),
    **dict.fromkeys(("monat", "mois", "mes", "mês", "maand", "mese", "kk", "månad"), "month"),
    **dict.fromkeys(("manad", "mies", "mc", "msc"), "month"),
    **dict.fromkeys(("miesiac", "miesiąc", "monatlich", "mensuel", "mensuelle"), "month"),
    **dict.fromkeys(("mensual", "mensuales", "miesięcznie", "miesiecznie", "mensile"), "month"),
    **dict.fromkeys(("mensili", "maandelijks", "kuukaudessa", "månatlig", "månedlig"), "month"),
    **dict.fromkeys(("jahr", "an", "année", "annee", "año", "ano", "jaar", "rok", "anno"), "year"),
    **dict.fromkeys(("år", "jährlich", "jahrlich", "annuel", "annuelle", "anual"), "year"),
    **dict.fromkeys(("anuales", "rocznie", "annuo", "annui", "annuale", "jaarlijks"), "year"),
    **dict.fromkeys(("vuodessa", "årlig", "årligt", "anuais"), "year"),
    **dict.fromkeys(("måned", "maned", "mensal", "mensais"), "month"),
}
_ASIDE_RE = re.compile(r"\([^()]*\)")
_CODE_IN_PARENS_RE = re.compile(rf"[ \t]*\(({_CODE})\)")
_IN_ADDITION_RE = re.compile(
    r"^[\s*_)]*+(?:[A-Za-z]{3}\b[\s*_)]*+)?"  # `$185,000 - $225,000 USD`
    r"(?:(?:per|a|an|/)[ \t]*+(?:year|annum|yr|month|mo|hour|hr|week|day)\b[\s*_)]*+)?"
    r",?[\s*_]*+(?:\+|plus\b|and\b|with\b|&)",  # `per year, plus equity`
    re.I,
)
_OTE_RE = re.compile(r"[\s(*_]*(?:\bOTE\b|\bon[- ]target(?: earnings)?\b)", re.I)
"""On-target earnings: pay with commission, which a stated base outranks."""
_OTE_BEFORE_RE = re.compile(
    r"(?:\bOTE\b|\bon[- ]target(?: earnings)?\b)[\s:*_~-]*(?:(?:of|is|at|up to)\b[\s:*_~-]*)?$",
    re.I,
)
"""On-target earnings named just before a figure (`OTE $200k`, `OTE of $200k`)."""
_PLUS_JOINS_RE = re.compile(r"[ \t]+(?!(?:in|of|worth|as|per)\b)[^\W\d]", re.I)
"""After a figure's own `+`, a word that it adds (`$120k+ equity`), not one that says what the
figure is (`$20k+ in stock`)."""
_PER_ITEM_RE = re.compile(
    r"^[\s*_]*(?:per|for each|each)\s(?!hour|hr|day|week|month|year|annum)[a-z]", re.I
)
_CLAUSE_END_RE = re.compile(r"[!?;]|\.(?:\s|$)")
_SALARY_WORDS = ("salar", "compensation", "pay", "wage", "range", "💰")
"""Substrings (searched in lowercased text, fast) of the lines where pay may be written."""

_YEARLY_USD_MAX = 2_000_000
"""Above this a figure is a funding round or revenue, not anyone's pay."""
_YEARLY_USD_MIN = 500
"""Below this a year, a figure is a price or a tip, not pay."""
_ANNUAL_USD_MIN = 10_000
"""An amount with no period reads as yearly when it is worth at least this many US dollars."""
_RAW_MAX = 10_000_000
"""Upper bound when the currency's worth is unknown."""
_AMOUNT_MAX = 1e15
"""Larger figures are judged as this one (far above any pay in any currency)."""
_BARE_YEARLY_USD_MIN = 5_000
"""A lone amount with a period but no pay word must come to this much a year to count."""
_LABEL_MAX = 80


@dataclass(frozen=True, slots=True)
class Unread:
    """A money-looking figure in a posting that was not read as its salary."""

    snippet: str
    """The figure with a few words around it, as written."""
    reason: str
    """Why it was not taken, such as `no currency` or `looks like funding`."""


@dataclass(frozen=True, slots=True)
class _Amount:
    """One amount as matched, before it is judged."""

    start: int
    """Where it starts in its line, currency included."""
    end: int
    """Where it ends in its line, period included."""
    value: float
    """The number, multiplier applied (`45k` is 45000)."""
    multiplier: str | None
    """The multiplier as written (`k`, `M`, `lakh`), which a range's other end may share."""
    currency: str | None
    """ISO code of the currency written with it, None when none or unknown (`kr`)."""
    coded: bool
    """The currency was written as a code (`CAD`), not only a symbol that several share (`$`)."""
    marker: bool
    """A currency was written (even one whose code cannot be told, such as `kr`)."""
    period: str | None
    """The period written right after it (`/hr`, `per annum`, `LPA`), else None."""
    plus: bool
    """Written with a `+` (`£40k+`): a lower bound."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An amount or range judged as a possible salary."""

    start: int
    """Where the amount or range starts in its line."""
    end: int
    """Where it ends in its line."""
    salary: Salary | None
    """What it would be as a salary."""
    reason: str | None
    """Why it is not pay; None when it could be."""
    acceptable: bool
    """It can be the posting's salary (no reason against, and enough for it)."""
    rank: int
    """How salary-like: pay words near it count most, then being a range, then a period."""
    marker: bool
    """A currency was written with it."""
    context: bool
    """Pay words are near it."""


def currency_code(text: str | None) -> str | None:
    """An ISO 4217 code for a written currency (`$`, `€`, `eur`, `CA$`, `USD $`); None if unknown."""
    if not text:
        return None
    text = text.strip()
    code = _CODE_IN_RE.search(text)
    if code:
        upper = code.group(0).upper()
        return _CODE_ALIASES.get(upper, upper)
    return (
        _SYMBOLS.get(text)
        or _SYMBOLS.get(text.lower())
        or _SYMBOLS.get(re.sub(r"\s+", " ", text.lower()))
    )


def period_word(text: str | None) -> str | None:
    """One of `model.PERIODS` for a written period (`/hr`, `per annum`, `Monthly`, `p.a.`), or None."""
    if not text:
        return None
    written = text.strip().lower()
    word = re.sub(r"^(?:/|per\b|an?\b|each\b|p/)\s*", "", written).strip()
    # `p.a.`, `p/a`, `p.c.m.`: the abbreviation without its dots and slash.
    return PERIOD_WORDS.get(word) or PERIOD_WORDS.get(re.sub(r"[./\s]", "", written))


def infer_period(
    amount: float | None, explicit: str | None, currency: str | None = None
) -> str | None:
    """The pay period: as stated, else a year for an amount only a yearly salary reaches.

    With a currency, "yearly-sized" means worth at least $10,000 (so `¥300,000` or `₹80,000`,
    monthly pay, stay unknown); a currency without a known rate stays unknown; with no currency
    at all, 10,000 of anything reads as yearly.
    """
    if explicit:
        return explicit
    if amount is None:
        return None
    if currency is None:
        return "year" if amount >= _ANNUAL_USD_MIN else None
    usd = usd_value(amount, currency)
    return "year" if usd is not None and usd >= _ANNUAL_USD_MIN else None


def parse_salary(text: str, require_currency: bool = True) -> Salary | None:
    """The most salary-like figure or range in the text, or None.

    With require_currency (running text) only amounts with a currency count, and a lone amount
    needs pay words around it; without (a front matter value, a badge) any amount does.
    """
    best = _best(c for _, c in _candidates(text, require_currency))
    return best.salary if best else None


def read_salary(text: str) -> Salary | None:
    """A salary written as a front matter value (`$120k-150k`, `90000 EUR`), or None when the
    text holds no figure (`competitive`). Raises ValueError when it holds figures but none is
    pay, saying why (`too large for a salary`), so the posting can report it."""
    found = [c for _, c in _candidates(text, False)]
    best = _best(found)
    if best is not None:
        return best.salary
    reason = next((c.reason for c in found if c.reason), None)
    if reason is not None:
        raise ValueError(reason)
    return None


def too_large(salary: Salary) -> bool:
    """No one is paid this: over $2M a year, or over 10 million of a currency of unknown worth."""
    factor = PER_YEAR.get(salary.period or "") or 1
    usd = usd_value(salary.top * factor, salary.currency)
    return usd > _YEARLY_USD_MAX if usd is not None else salary.top > _RAW_MAX


def unread_money(text: str) -> list[Unread]:
    """The money-looking figures of a body that were not read as its salary, each with why.

    For `jobtui check`, so a person sees which salary forms were skipped. As cheap as
    parse_salary: the same filter on lines with money, plus lines with salary words (for amounts
    written without a currency).
    """
    found = list(_candidates(text, True))
    best = _best(c for _, c in found)
    out: list[Unread] = []
    seen: set[str] = set()

    def add(line: str, c: _Candidate, reason: str) -> None:
        snippet = _snippet(line, c.start, c.end)
        if snippet not in seen:
            seen.add(snippet)
            out.append(Unread(snippet, reason))

    for line, c in found:
        if best is not None and (c is best or c.salary == best.salary):
            continue
        if c.reason:
            add(line, c, c.reason)
        elif c.acceptable:
            add(line, c, "another figure was read as the salary")
        else:
            add(line, c, "no salary word near it")
    for line in _lines_with_salary_words(text):
        for _, c in _line_candidates(line, False):
            if (
                c.salary
                and c.context
                and not c.marker
                and not c.reason
                and _looks_like_pay(c.salary)
            ):
                add(line, c, "no currency")
    return out


def _best(candidates: Iterable[_Candidate]) -> _Candidate | None:
    """The acceptable candidate of highest rank, the first among equals."""
    best: _Candidate | None = None
    for c in candidates:
        if c.acceptable and (best is None or c.rank > best.rank):
            best = c
    return best


def _candidates(text: str, require_currency: bool) -> Iterator[tuple[str, _Candidate]]:
    """Every amount or range of the text, judged, with the line it is on."""
    if not require_currency:
        for line in text.split("\n"):
            yield from _line_candidates(line, False)
        return
    # The full pattern is slow to try at every position: only look at lines with money.
    for line, label in _money_lines(text):
        for pair in _line_candidates(line, True, label):
            if pair[1].marker:
                yield pair


def _money_lines(text: str) -> list[tuple[str, str]]:
    """The lines that hold an amount of money, each with its label: the line above when it is
    short (a heading such as `**Salary**`), else ``."""
    found: list[int] = []
    for start, end in _digit_lines(text):  # every amount has a digit, and none spans lines
        found += [m.start() for m in _QUICK_SYMBOL_RE.finditer(text, start, end)]
        found += [m.start() for m in _QUICK_AFTER_RE.finditer(text, start, end)]
        found += [
            m.start()
            for m in _QUICK_CODE_RE.finditer(text, start, end)
            if _CODE_AT_RE.match(text, m.start())
        ]
    lines: list[tuple[str, str]] = []
    for start, last_end in itertools.islice(lines_at(text, found), MAX_AMOUNTS):
        above_end = start - 1
        while above_end > 0 and text[above_end - 1] == "\n":
            above_end -= 1  # skip blank lines
        above = text[text.rfind("\n", 0, max(above_end, 0)) + 1 : max(above_end, 0)]
        lines.append((text[start:last_end], above if len(above) <= _LABEL_MAX else ""))
    return lines


_DIGITS_ONLY = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
"""ASCII digits kept as `0`, every other byte a space: a body's digits found with bytes.find."""
_DIGIT_RE = re.compile(r"\d")


def _digit_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line that holds a digit, in order. The regular expressions of
    money cost ~10 ns a character to run over a body; the lines with digits are a few of its
    lines, found at memory speed (ASCII text: its digits marked by `bytes.translate`)."""
    if text.isascii():
        marked = text.encode("ascii").translate(_DIGITS_ONLY)

        def next_digit(pos: int) -> int:
            return marked.find(b"0", pos)

    else:  # digits of other scripts too, as `\d` finds them

        def next_digit(pos: int) -> int:
            m = _DIGIT_RE.search(text, pos)
            return m.start() if m else -1

    at = next_digit(0)
    while at >= 0:
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        end = len(text) if end < 0 else end
        yield start, end
        at = next_digit(end)


def _lines_with_salary_words(text: str) -> Iterator[str]:
    """Lines that speak of salary but hold no money, where an amount may lack its currency."""
    low = text.lower()
    if len(low) != len(text):
        low = text  # lowercasing moved offsets (rare letters such as `İ`): search as written
    found = [at for word in _SALARY_WORDS for at in places(low, word)]
    for start, end in lines_at(text, found):
        line = text[start:end]
        if any(c.isdigit() for c in line) and not _QUICK_RE.search(line):
            yield line


def _looks_like_pay(salary: Salary) -> bool:
    """An amount that would read as pay if it had a currency: `60K`, `45,000`, not `2024`."""
    top = salary.top
    return 1000 <= top <= _RAW_MAX and not (1900 <= top <= 2100)


MAX_AMOUNTS = 200
"""Amounts read on one line, and money lines read in one posting: no posting states more, and
a crafted body of nothing but amounts stays quick."""


def _amounts(line: str) -> list[_Amount]:
    out: list[_Amount] = []
    for m in itertools.islice(_AMOUNT_RE.finditer(line), MAX_AMOUNTS):
        value = _number(m)
        mult = m["mult"]
        if mult:
            value *= _MULTIPLIERS[mult.lower()]
        # A figure of hundreds of digits is infinite as a float, which no Salary may hold: it
        # is judged as the largest amount instead, which is too large for a salary. (It stays
        # an unread figure for `jobtui check`, and no product of figures can overflow.)
        value = min(value, _AMOUNT_MAX)
        pre, post = m["pre"], m["post"]
        currency = _resolve_currency(pre, post)
        coded = any(t and _CODE_IN_RE.search(t) for t in (pre, post))
        period = period_word(m["per"]) if m["per"] else None
        if mult and mult.upper() == "LPA":
            period = "year"
        out.append(
            _Amount(
                m.start(),
                m.end(),
                value,
                mult,
                currency,
                coded,
                bool(pre or post),
                period,
                bool(m["plus"]),
            )
        )
    return out


def _number(m: re.Match[str]) -> float:
    if m["grouped"]:
        text, sep = m["grouped"], m["sep"]
        whole, decimals = text, ""
        if len(text) >= 3 and text[-3] in ".," and text[-3] != sep:
            whole, decimals = text[:-3], text[-2:]
        elif len(text) >= 2 and text[-2] in ".," and text[-2] != sep:
            whole, decimals = text[:-2], text[-1:]
        return float(whole.replace(sep, "") + ("." + decimals if decimals else ""))
    if m["lakh"]:
        return float(m["lakh"].replace(",", ""))
    return float(m["plain"].replace(",", "."))


def _resolve_currency(pre: str | None, post: str | None) -> str | None:
    """A written code wins over a symbol (`CAD $100`, `$120,000 CAD`); `$` alone is USD."""
    codes = [currency_code(t) for t in (pre, post) if t and _CODE_IN_RE.search(t)]
    if codes:
        return codes[0]
    for t in (pre, post):
        if t:
            return currency_code(t)
    return None


def _groups(line: str, amounts: list[_Amount]) -> Iterator[list[_Amount]]:
    """Amounts joined into ranges: `$90,000~$120,000`, `between 80 and 95k USD`.

    Bare numbers in an aside between the two ends are skipped: `€ 2,651 (scale 9) and € 3,997`.
    """
    i = 0
    while i < len(amounts):
        a = amounts[i]
        j = i + 1
        while (
            j < len(amounts)
            and not amounts[j].marker
            and line.count("(", a.end, amounts[j].start) > line.count(")", a.end, amounts[j].start)
        ):
            j += 1
        if j < len(amounts) and _joins(line, a, amounts[j]):
            yield [a, amounts[j]]
            i = j + 1
            continue
        yield [a]
        i += 1


def _joins(line: str, a: _Amount, b: _Amount) -> bool:
    between = line[a.end : b.start]
    if len(between) > 40 or _CONNECTOR_RE.fullmatch(between) is None:
        return False
    word = between.strip(" *_\t\n").split()[-1].lower() if between.strip(" *_\t\n") else ""
    before = line[max(0, a.start - 20) : a.start]
    if word in _TO_WORDS and not ((a.marker and b.marker) or b.marker or _FROM_RE.search(before)):
        return False  # `R$ 14.000 a R$ 18.000`, `de 2.000 a 2.500 €`; not `5 a 10`
    if word in _AND_WORDS and not _BETWEEN_RE.search(before):
        return False  # `$500 and $800` are two figures; `between $500 and $800` is a range
    if a.currency and b.currency and a.currency != b.currency and a.coded == b.coded:
        return False  # `CAD $100,000 - $120,000` is one range: the code names the `$`
    return not (a.period and b.period and a.period != b.period)


def _line_candidates(
    line: str, require_currency: bool, label: str = ""
) -> Iterator[tuple[str, _Candidate]]:
    groups = list(_groups(line, _amounts(line)))
    for n, group in enumerate(groups):
        prev_end = groups[n - 1][-1].end if n else 0
        next_start = groups[n + 1][0].start if n + 1 < len(groups) else len(line)
        yield line, _judge(line, label, group, prev_end, next_start, require_currency)


def _judge(
    line: str,
    label: str,
    group: list[_Amount],
    prev_end: int,
    next_start: int,
    require_currency: bool,
) -> _Candidate:
    """The group as a possible salary; `label` is a short line above it (`## Compensation`)."""
    first, last = group[0], group[-1]
    start, end = first.start, last.end
    # Pay words count from the sentence before too; what denies pay must be in the same clause.
    near = line[max(prev_end, start - 80) : start]
    cut = _last(_CLAUSE_END_RE.finditer(near))
    before = near[cut.end() :] if cut else near
    after = line[end : min(next_start, end + 60)]
    stop = _CLAUSE_END_RE.search(after)
    if stop:
        after = after[: stop.start()]
    marker = any(a.marker for a in group)
    currency = next((a.currency for a in group if a.coded), None) or next(
        (a.currency for a in group if a.currency), None
    )
    if not any(a.coded for a in group):
        named = _CODE_IN_PARENS_RE.match(line, end)  # `$75,000 – $95,000 (CAD)`
        if named:
            currency, marker = currency_code(named[1]), True

    # Values, the multiplier of one side carried to the other: `£45 - 65k`, `$50k-60`.
    lo, hi = first.value, last.value
    if len(group) == 2:
        if last.multiplier and not first.multiplier and first.value <= last.value:
            lo = first.value * _MULTIPLIERS[last.multiplier.lower()]
        elif first.multiplier and not last.multiplier and last.value < first.value:
            hi = last.value * _MULTIPLIERS[first.multiplier.lower()]
        if hi < lo:
            lo, hi = hi, lo
    is_range = len(group) == 2
    low: float | None = lo
    high: float | None = hi
    if not is_range:
        clean_before = before.rstrip()
        if _UPPER_ONLY_RE.search(clean_before):
            low = None
        elif first.plus or _LOWER_ONLY_RE.search(clean_before) or _OR_MORE_RE.search(after):
            high = None

    stated = next((a.period for a in reversed(group) if a.period), None)
    if stated is None:
        # `28000 - 34000 PLN + VAT (or 8300 - 10000 USD) - B2B, per month`: look past asides
        # that hold money of their own.
        rest = _ASIDE_RE.sub(lambda a: "" if _QUICK_RE.search(a[0]) else a[0], line[end : end + 90])
        m = _PERIOD_AFTER_RE.search(rest)
        if m and _said_of_the_pay(rest[: m.start("unit") if m["unit"] else m.start("adj")]):
            stated = period_word(m["unit"] or m["adj"])
        elif m := _PERIOD_AFTER_ELSEWHERE_RE.search(rest):
            stated = _PERIODS_ELSEWHERE.get((m["unit"] or m["adj"] or m["an"]).lower())
    if stated is None:
        window = before[-40:]
        found = _last(_PERIOD_BEFORE_RE.finditer(window))
        filler = re.findall(r"[a-z]+", window[found.end() :].lower()) if found else []
        if found and len(filler) <= 6 and _PERIOD_FILLER.issuperset(filler):
            stated = period_word(found["adj"] or found["noun"] or found["per"])
            if stated is None and found["adj"]:
                stated = "year"  # annualized, annualised
    if stated is None:  # `年収600万円`, `月薪2万元`: the period is a word before the amount
        window = before[-12:]
        nearest = max(((window.rfind(w), p) for w, p in _CJK_PERIODS.items()), default=(-1, None))
        stated = nearest[1] if nearest[0] >= 0 else None
    known = low if low is not None else high
    assert known is not None
    if stated is None and marker and currency is None:
        period = None  # `kr`: a currency whose worth cannot be told, so neither can its period
    else:
        period = infer_period(known, stated, currency)

    salary = Salary(low, high, currency, period, period_guessed=stated is None)
    cues = _cues(before, after, plus=last.plus and _PLUS_JOINS_RE.match(after) is not None)
    reason = _reason(cues, after, is_range, salary, stated)
    if not is_range and not marker and first.multiplier in ("k", "K") and first.value == 401_000:
        reason = "looks like a 401(k) plan"
    context = min(cues.pay, cues.verb) < _FAR or _has_pay_word(near) or _has_pay_word(label)
    # A lone amount with no pay word is pay only if its period is written and it would keep
    # someone (`£36,400 pa`, `800 usd/month`), not `$50/month` for a phone.
    yearly_usd = usd_value(salary.top * PER_YEAR[period], currency) if stated and period else None
    acceptable = reason is None and (
        not require_currency
        or context
        or (is_range and period is not None)
        or (yearly_usd is not None and yearly_usd >= _BARE_YEARLY_USD_MIN)
    )
    rank = 2 * context + is_range + (period is not None)
    if _OTE_BEFORE_RE.search(before[-40:]) or _OTE_RE.match(after):
        rank -= 3  # on-target earnings (base and commission): a base stated beside it wins
    return _Candidate(start, end, salary, reason, acceptable, rank, marker, context)


_CJK_PERIODS = {
    **dict.fromkeys(["年収", "年薪", "年俸", "年给"], "year"),
    **dict.fromkeys(["月給", "月薪", "月収", "月给"], "month"),
    **dict.fromkeys(["日給", "日薪"], "day"),
    **dict.fromkeys(["時給", "时薪"], "hour"),
}
"""Chinese and Japanese words for pay of a period, written before the amount."""


def _has_pay_word(text: str) -> bool:
    return any(kind in ("pay", "verb") for kind, _, _ in _cue_words(text))


def _cue_words(text: str) -> list[tuple[str, int, int]]:
    """The cue words of the text, as (kind, start, end)."""
    words = [(m.group(), m.start(), m.end()) for m in _CUE_WORD_RE.finditer(text)]
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        word, start, end = words[i]
        lower = word.lower()
        if i + 1 < len(words):
            phrase = _CUE_PHRASES.get(lower + " " + words[i + 1][0].lower())
            if phrase:
                out.append((phrase, start, words[i + 1][2]))
                i += 2
                continue
        kind = _cue_kind(word, lower)
        before = words[i - 1] if i else ("", 0, 0)
        if (
            kind == "pay"
            and lower in _BUNDLES
            and out
            and out[-1][0] in _EXTRAS
            and out[-1][2] == before[2]
        ):
            out[-1] = (out[-1][0], out[-1][1], end)  # `relocation package`: it holds relocation
            i += 1
            continue
        if kind == "pay" and _is_verb(lower, before[0].lower()):
            kind = "verb"
        if kind:
            out.append((kind, start, end))
        i += 1
    return out


def _cue_kind(word: str, lower: str) -> str | None:
    """What one word says an amount near it is, or None."""
    kind = _CUE_ACRONYMS.get(word) or _CUE_WORDS.get(lower)
    if kind is None and lower.endswith("s"):
        kind = _CUE_WORDS.get(lower[:-1])  # plurals: budgets, stipends
    if kind is None and lower.startswith(_CUE_PREFIX_WORDS):  # (one test in C for most)
        kind = next((k for prefix, k in _CUE_PREFIXES if lower.startswith(prefix)), None)
    return kind


def _is_verb(lower: str, before: str) -> bool:
    """`pays`, `paying`, and `pay` or `paid` after a word that makes them a verb (`we pay`)."""
    return lower in _VERBS or (lower in _VERB_FORMS and before in _VERB_AFTER)


_BUNDLES = frozenset(("package", "packages", "pay"))
"""Pay words that take the kind of an extra named right before them (`relocation package`,
`benefits package`, `holiday pay`)."""
_EXTRAS = frozenset(("bonus", "benefit", "equity"))
"""Kinds of what is given besides the pay."""
_VERBS = frozenset(("pays", "paying"))
_VERB_FORMS = frozenset(("pay", "paid"))
_VERB_AFTER = frozenset(
    "we i you they he she it will ll d to can could would should shall may might must also "
    "who which that be being been get gets got is are was were".split()
)
"""Words after which `pay` and `paid` are verbs (`we pay`, `you'll be paid`): a verb says money
is paid, not what for, so it yields to a word that says what (`we pay a referral bonus`)."""


_FAR = 1_000


@dataclass(slots=True)
class _Cues:
    """The nearest word of each kind around an amount, by distance in characters."""

    pay: int = _FAR
    """Distance to the nearest pay word (`salary`, `rate`, `OTE`)."""
    verb: int = _FAR
    """Distance to the nearest verb of paying (`we pay`, `pays`), which only outweighs a
    benefit word."""
    strong: int = _FAR
    """Distance to the nearest word that denies pay (`raised`, `ARR`, `bonus`, `equity`)."""
    strong_reason: str | None = None
    """What that word says the figure is."""
    clause_strong: int = _FAR
    """The same, counting only such words of the figure's own clause (no `.`, `,`, `;` between)."""
    weak: int = _FAR
    """Distance to the nearest benefit word (`budget`, `stipend`), which only denies a lone
    amount."""
    weak_reason: str | None = None
    """What that word says the figure is."""

    def see(self, kind: str, distance: int) -> None:
        if kind == "pay":
            self.pay = min(self.pay, distance)
        elif kind == "verb":
            self.verb = min(self.verb, distance)
        elif kind in _STRONG and distance < self.strong:
            self.strong, self.strong_reason = distance, _STRONG[kind]
        elif kind in _WEAK and distance < self.weak:
            self.weak, self.weak_reason = distance, _WEAK[kind]


_BREAK_RE = re.compile(r"[.,;!?][ \t]")
"""The end of a clause: a pay word before it says nothing of a figure after it."""


def _cues(before: str, after: str, plus: bool = False) -> _Cues:
    """The cue words around a figure. `plus`: the figure ends with a `+` that a space parts
    from a word (`$120k+ equity`), which joins what follows as a plus would."""
    cues = _Cues()
    pay_end = -_FAR
    for kind, start, end in _cue_words(before):
        if kind == "pay":
            pay_end = end
        elif start - pay_end <= 25 and not _BREAK_RE.search(before, max(pay_end, 0), start):
            # `base salary + potential bonuses: $45-65k` names the pay, not a bonus (but not
            # `Salary: competitive. 401k match up to $6,000`)
            continue
        cues.see(kind, len(before) - end)
        if kind in _STRONG and not _BREAK_RE.search(before, end):
            cues.clause_strong = min(cues.clause_strong, len(before) - end)
    # `$150,000-$170,000 USD + competitive equity`: what follows a plus is in addition to the
    # figure, and so are its pay words (`€15,000 relocation and a salary of €70,000`).
    if plus or _IN_ADDITION_RE.match(after) is not None:
        return cues
    clause = _BREAK_RE.search(after)
    for kind, start, _ in _cue_words(after):
        cues.see(kind, start)
        if kind in _STRONG and (clause is None or start < clause.start()):
            cues.clause_strong = min(cues.clause_strong, start)
    return cues


def _reason(
    cues: _Cues, after: str, is_range: bool, salary: Salary, stated: str | None
) -> str | None:
    """Why the figure is not pay, or None: the nearest cue decides, then the magnitude.

    Benefit words (`budget`, `stipend`) only deny a single amount: perks are rarely ranges.
    """
    # With a verb of paying, only an extra of its own clause says what is paid (`We pay a
    # referral bonus of`, `we pay up to €10,000 for your relocation`), not one after a break
    # (`We pay $95,000, and a relocation budget`).
    if (
        cues.strong_reason
        and cues.strong < cues.pay
        and (cues.verb >= _FAR or cues.clause_strong < _FAR)
    ):
        return cues.strong_reason
    if cues.weak_reason and cues.weak < min(cues.pay, cues.verb) and not is_range:
        return cues.weak_reason
    if stated is None and _PER_ITEM_RE.search(after):
        return "paid per item, not per period"
    if too_large(salary):
        return cues.strong_reason or "too large for a salary"
    top = salary.top
    factor = PER_YEAR.get(salary.period or "")
    usd = usd_value(top * factor, salary.currency) if factor else None
    if usd is not None and usd < _YEARLY_USD_MIN:
        return "too small for a salary"
    if salary.period is None and top < 10:
        return "too small for a salary"
    return None


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    last = deque(matches, maxlen=1)
    return last[0] if last else None


def _snippet(line: str, start: int, end: int) -> str:
    lo, hi = max(0, start - 30), min(len(line), end + 30)
    text = " ".join(line[lo:hi].split())
    return ("…" if lo else "") + text + ("…" if hi < len(line) else "")
