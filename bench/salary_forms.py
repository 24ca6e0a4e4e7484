"""How salary forms are read: a table of forms, each with min, max, currency, period and the
normalised yearly figure in US dollars, and the share of corpus postings with a salary.

    python bench/salary_forms.py [--corpus ../shared/corpus] [--samples 30]

The corpus forms are found at run time: for each posting whose salary was read, the first line
of its body that reads as that same salary (so the table shows what the text said). Without
the corpus the script says so and shows only its own forms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobtui.postings.loader import load_postings
from jobtui.postings.model import Posting, Salary
from jobtui.postings.money import comparable
from jobtui.postings.salary import parse_salary

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
BEFORE = (133, 1654)
"""Corpus postings with a salary before this parser (commit f3cd301), and postings loaded."""

OWN_FORMS = [
    "Salary: USD $92,000~$118,000",
    "$97,500/yr - $126,000/yr",
    "64,000 EUR - 79,000 EUR",
    "€52.000–€67.000 brutto",
    "3800 - 4600 EUR per month",
    "$85/hour, 1099 contract",
    "Salary up to 95k CHF",
    "Salary from £48k, depending on experience",
    "from £48k depending on experience",
    "Compensation: ₹22,00,000 – ₹30,00,000 per annum",
    "CTC INR 14-20 LPA",
    "¥7,000,000 to ¥9,000,000 a year",
    "Salary 520 000 – 610 000 SEK per year",
    "Day rate £475–£560 outside IR35",
    "A$140k - A$165k + super",
    "Pay: CAD 48/hour",
    "NZ$95,000 – NZ$120,000",
    "Salary: 11 000 – 14 000 zł netto (B2B)",
    "Salário: R$ 14.000 a R$ 18.000 por mês",
    "Lön 42 000 – 48 000 kr i månaden",
    "between 70 and 85 thousand euros a year",
    "**Salary:** up to $150,000 + equity",
    "Starting at $27.50 an hour",
    "Pay: £3,200 - £3,900 pcm",
    "We raised a $30M Series B from great investors",
    "$2.500 at signing for your equipment",
    "Our platform processes $5M ARR",
    "$1,000 yearly learning budget",
]


def salary_line(posting: Posting) -> str | None:
    """The first body line that reads as the posting's salary, as written."""
    for line in posting.body.splitlines():
        if any(ch.isdigit() for ch in line) and parse_salary(line) == posting.salary:
            return " ".join(line.split())
    return None


def corpus_forms(postings: list[Posting], samples: int) -> list[tuple[str, Salary]]:
    """Up to `samples` different salary lines, spread over the corpus in file order."""
    forms: dict[str, Salary] = {}
    for p in sorted(postings, key=lambda p: p.source):
        if p.salary is None or p.origins.get("salary") != "body":
            continue
        line = salary_line(p)
        if line and line not in forms:
            forms[line] = p.salary
    items = list(forms.items())
    step = max(1, len(items) // samples)
    return items[::step][:samples]


def fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def shorten(form: str, width: int = 58) -> str:
    """A long line cut to the part where the money is."""
    if len(form) <= width:
        return form
    symbols = [i for i, ch in enumerate(form) if ch in "$€£¥₹"]
    first = symbols[0] if symbols else next((i for i, ch in enumerate(form) if ch.isdigit()), 0)
    start = max(0, first - 20)
    text = ("…" if start else "") + form[start:]
    return text if len(text) <= width else text[: width - 1] + "…"


def row(form: str, source: str, salary: Salary | None) -> str:
    shown = shorten(form)
    if salary is None:
        return f"{shown:<58}  {source:<6}  not a salary"
    usd = comparable(salary)
    return (
        f"{shown:<58}  {source:<6}  {fmt(salary.min):>11}  {fmt(salary.max):>11}  "
        f"{salary.currency or '-':<4} {salary.period or '-':<6} {fmt(usd):>11}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()

    header = (
        f"{'form':<58}  {'source':<6}  {'min':>11}  {'max':>11}  {'cur':<4} {'period':<6} "
        f"{'yearly USD':>11}"
    )
    print(header)
    print("-" * len(header))
    for form in OWN_FORMS:
        print(row(form, "own", parse_salary(form)))

    if not args.corpus.is_dir():
        print(f"\n{args.corpus}: no corpus here, so no corpus forms and no share")
        return
    start = time.perf_counter()
    result = load_postings([args.corpus])
    took = time.perf_counter() - start
    postings = result.postings
    for form, salary in corpus_forms(postings, args.samples):
        print(row(form, "corpus", salary))

    n = len(postings)
    with_salary = sum(1 for p in postings if p.salary is not None)
    comparable_n = sum(1 for p in postings if comparable(p.salary) is not None)
    before, before_n = BEFORE
    print(f"\ncorpus: {n} postings loaded in {took:.2f}s")
    print(f"  with a salary, before: {before:>4} / {before_n}  {100 * before / before_n:5.1f}%")
    print(f"  with a salary, now:    {with_salary:>4} / {n}  {100 * with_salary / n:5.1f}%")
    print(f"  comparable in USD now: {comparable_n:>4} / {n}  {100 * comparable_n / n:5.1f}%")


if __name__ == "__main__":
    main()
