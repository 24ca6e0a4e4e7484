"""Salary ranges as postings write them: `USD $51,850 to $171,450`, `€60k–75k`, `$45/hour`.

Only figures that read as pay are taken: a currency is required in running text, and a lone
number needs salary words around it, so budgets, funding rounds and headcounts are left alone.
"""

from __future__ import annotations

import re

from jobtui.postings.model import Salary

_CURRENCY_SYMBOLS = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "SG$": "SGD",
    "HK$": "HKD",
    "CHF": "CHF",
    "R$": "BRL",
    "zł": "PLN",
}
_CODES = (
    "USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|NZD|SGD|HKD|BRL|MXN|CZK|ZAR|ILS|"
    "TRY|UAH|RON|HUF"
)
CURRENCY = rf"(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|SG\$|HK\$|R\$|[$€£¥₹]|\b(?:{_CODES})\b|zł)"
_NUM = r"\d{1,3}(?:[,.\u202f\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
_NOT_MONEY = r"(?![.,]\d)\+?(?!\s*(?:million|billion|mn\b|bn\b|m\b|b\b|%|years?|yrs?|employees|people|users|customers))"
_SALARY_RE = re.compile(
    rf"(?P<c1>{CURRENCY})?\s?(?P<n1>{_NUM})\s?(?P<k1>[kK](?![a-zA-Z]))?{_NOT_MONEY}(?![\w%])"
    rf"(?:\s?(?P<c1b>{CURRENCY}))?"
    rf"(?:\s*(?:-|–|—|to|and|bis)\s*(?P<c2>{CURRENCY})?\s?(?P<n2>{_NUM})\s?(?P<k2>[kK](?![a-zA-Z]))?{_NOT_MONEY}(?![\w%]))?"
    rf"(?:\s?(?P<c3>{CURRENCY}))?"
    r"(?P<per>\s*(?:/|per|an|a|each)\s*(?:hour|hr|h|day|week|wk|month|mo|year|yr|annum)\b"
    r"|\s*(?:hourly|daily|weekly|monthly|annually|yearly|p\.a\.|pa\b|per annum))?",
    re.I,
)
# A cheap first pass (any symbol, or three capitals, beside a digit); the full pattern decides.
_CUR_QUICK_RE = re.compile(r"(?:[$€£¥₹]|\b[A-Z]{2,3}\$?|zł)\s?\d|\d\s?(?:[$€£¥₹]|[A-Z]{3}\b|zł)")
PERIOD_WORDS = {
    "hour": "hour",
    "hr": "hour",
    "h": "hour",
    "hourly": "hour",
    "day": "day",
    "daily": "day",
    "week": "week",
    "wk": "week",
    "weekly": "week",
    "month": "month",
    "mo": "month",
    "monthly": "month",
    "year": "year",
    "yr": "year",
    "annum": "year",
    "annually": "year",
    "yearly": "year",
    "p.a.": "year",
    "pa": "year",
    "per annum": "year",
    "annual": "year",
}
_SALARY_CONTEXT_RE = re.compile(
    r"salar|compensation|\bpay\b|\brange\b|\bbase\b|\bwage|\brate\b|\bote\b|💰", re.I
)


def _number(text: str, k: str | None) -> float:
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+", text):
        value = float(re.sub(r"[,. ]", "", text))
    elif re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+[.,]\d{1,2}", text):
        value = float(re.sub(r"[,. ]", "", text[:-3]) + "." + text[-2:])
    else:
        value = float(text.replace(",", "."))
    return value * 1000 if k else value


def infer_period(amount: float | None, explicit: str | None) -> str | None:
    """The pay period: as stated, else a year for annual-sized figures."""
    if explicit:
        return explicit
    if amount is not None and amount >= 10_000:
        return "year"
    return None


def _salary_from_match(m: re.Match[str], before: str) -> Salary | None:
    cur = m["c1"] or m["c1b"] or m["c2"] or m["c3"]
    code_before = re.search(rf"\b({_CODES})\s*$", before)
    currency = None
    if code_before:
        currency = code_before.group(1).upper()
    elif cur:
        currency = _CURRENCY_SYMBOLS.get(cur, cur.upper())
    k1, k2 = m["k1"], m["k2"]
    lo = _number(m["n1"], k1 or (k2 if m["n2"] else None))
    hi = _number(m["n2"], k2) if m["n2"] else lo
    if hi < lo:
        lo, hi = hi, lo
    per_text = (m["per"] or "").strip().lower()
    period = None
    if per_text:
        word = re.sub(r"^(?:/|per|an|a|each)\s*", "", per_text).strip()
        period = PERIOD_WORDS.get(word) or PERIOD_WORDS.get(per_text)
    period = infer_period(hi, period)
    if hi <= 0 or (period is None and hi < 10) or hi > 10_000_000:
        return None
    return Salary(lo, hi, currency, period)


def _money_lines(text: str) -> str:
    """Only the lines that hold an amount of money, found with one scan of the text."""
    lines: list[str] = []
    last_end = -1
    for m in _CUR_QUICK_RE.finditer(text):
        if m.start() < last_end:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        last_end = len(text) if end < 0 else end
        lines.append(text[start:last_end])
    return "\n".join(lines)


def parse_salary(text: str, require_currency: bool = True) -> Salary | None:
    """The most salary-like figure or range in the text, or None."""
    best: tuple[int, Salary] | None = None
    if require_currency:
        # The full pattern is slow to try at every position: only look at lines with money.
        text = _money_lines(text)
        if not text:
            return None
    for m in _SALARY_RE.finditer(text):
        if require_currency and not (m["c1"] or m["c1b"] or m["c2"] or m["c3"]):
            continue
        before = text[max(0, m.start() - 120) : m.start()]
        salary = _salary_from_match(m, before)
        if salary is None:
            continue
        context = bool(_SALARY_CONTEXT_RE.search(before[-80:] + m.group(0)))
        is_range = bool(m["n2"])
        rank = 2 * context + is_range + (salary.period is not None)
        hourly = salary.period == "hour" and bool(m["per"])
        acceptable = not require_currency or context or hourly or (is_range and salary.period)
        if acceptable and (best is None or rank > best[0]):
            best = (rank, salary)
    return best[1] if best else None
