"""Salary forms as postings write them, read into what was written (min, max, currency, period)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import from_front_matter
from jobtui.postings.model import Salary
from jobtui.postings.salary import (
    currency_code,
    infer_period,
    parse_salary,
    period_word,
    unread_money,
)

NNBSP = "\u202f"
NBSP = "\u00a0"

# Running text (a currency is required). Every row is a different form: currencies, separators,
# periods, orders, one-sided bounds, other languages around the figures.
FORMS = [
    ("Base pay: US$88,000–US$104,000 per year", (88_000, 104_000, "USD", "year")),
    ("We pay AUD 95k - 115k + super", (95_000, 115_000, "AUD", "year")),
    ("Rémunération : 52 000 € – 61 000 € brut annuel", (52_000, 61_000, "EUR", "year")),
    ("Salary: 1.250.000 HUF / month", (1_250_000, 1_250_000, "HUF", "month")),
    ("Compensation 7,500–9,000 CHF monthly", (7_500, 9_000, "CHF", "month")),
    # Japanese and Chinese: 万 (ten thousand), 円 / 元, the period as a word before, 〜 / 至
    ("給与：年収600万円〜900万円（経験による）", (6_000_000, 9_000_000, "JPY", "year")),
    ("月給25万〜35万円", (250_000, 350_000, "JPY", "month")),
    ("時給1,500円から", (1_500, None, "JPY", "hour")),  # から: from, as `from $15`
    ("薪资：月薪2万-3万元", (20_000, 30_000, "CNY", "month")),
    ("年薪30万至50万元人民币", (300_000, 500_000, "CNY", "year")),
    ("£350 - £425 per day inside IR35", (350, 425, "GBP", "day")),
    ("Hourly rate: 45–60 EUR", (45, 60, "EUR", "hour")),
    ("Stipendio: 38.000 - 45.000 EUR lordi annui", (38_000, 45_000, "EUR", "year")),
    ("₹18,00,000 – ₹24,00,000 per annum", (1_800_000, 2_400_000, "INR", "year")),
    ("CTC: INR 9-14 LPA", (900_000, 1_400_000, "INR", "year")),
    ("Annual salary ¥6,000,000 to ¥8,500,000", (6_000_000, 8_500_000, "JPY", "year")),
    ("Salary: 45 000–55 000 SEK per month", (45_000, 55_000, "SEK", "month")),
    ("up to $140k base", (None, 140_000, "USD", "year")),
    ("Salary from €55k, depending on experience", (55_000, None, "EUR", "year")),
    ("Salary £40k+ DOE", (40_000, None, "GBP", "year")),
    ("$62/hr W2", (62, 62, "USD", "hour")),
    ("Rate: 650 GBP p/d", (650, 650, "GBP", "day")),
    ("USD 4,000 - 6,000 / month", (4_000, 6_000, "USD", "month")),
    ("C$85,000–C$100,000", (85_000, 100_000, "CAD", "year")),
    ("NZ$110k-130k", (110_000, 130_000, "NZD", "year")),
    ("S$ 7,000 - 9,000 monthly", (7_000, 9_000, "SGD", "month")),
    ("60-75k EUR", (60_000, 75_000, "EUR", "year")),
    ("EUR 65.000,00 – 80.000,00 gross per year", (65_000, 80_000, "EUR", "year")),
    ("$120K–$150K + equity", (120_000, 150_000, "USD", "year")),
    ("Pay range: $31.50 - $38.25 per hour", (31.5, 38.25, "USD", "hour")),
    ("ZAR 45 000 – 60 000 per month (CTC)", (45_000, 60_000, "ZAR", "month")),
    ("Gehalt: 70.000 bis 85.000 Euro", (70_000, 85_000, "EUR", "year")),
    ("between 90 and 110 thousand dollars a year", (90_000, 110_000, "USD", "year")),
    (f"Salary €48{NNBSP}000 – €56{NNBSP}000", (48_000, 56_000, "EUR", "year")),
    (f"Pay: 5{NBSP}200 € – 6{NBSP}100 € gross a month", (5_200, 6_100, "EUR", "month")),
    ("CHF 120'000 – 140'000", (120_000, 140_000, "CHF", "year")),
    ("Up to £650/day outside IR35", (None, 650, "GBP", "day")),
    ("Pay: $3,000/week", (3_000, 3_000, "USD", "week")),
    ("Starting at $24 an hour", (24, None, "USD", "hour")),
    ("KRW 45,000,000 ~ 60,000,000", (45_000_000, 60_000_000, "KRW", "year")),
    ("**Salary:** €70,000 – €80,000 (plus 10% bonus)", (70_000, 80_000, "EUR", "year")),
    ("Day rate £500-£550, outside IR35", (500, 550, "GBP", "day")),
    ("A$130,000 - A$150,000 plus super", (130_000, 150_000, "AUD", "year")),
    (
        "The base salary range for this role is $185,000 – $225,000 USD per year, plus equity",
        (185_000, 225_000, "USD", "year"),
    ),
    ("Pay: €5,800 – €7,200 per month, and stock options", (5_800, 7_200, "EUR", "month")),
    ("Salary: 95.000 – 110.000 USD p.a.", (95_000, 110_000, "USD", "year")),
    ("we offer 3.5k-4.2k EUR/month net (B2B)", (3_500, 4_200, "EUR", "month")),
    ("$45 — $55 per hour, paid weekly", (45, 55, "USD", "hour")),
    ("Salary: £48,000 and £3,000 annual bonus", (48_000, 48_000, "GBP", "year")),
    ("Total pay $330k–401k for staff engineers", (330_000, 401_000, "USD", "year")),
    ("Salary: $78,000 – $96,000 (CAD)", (78_000, 96_000, "CAD", "year")),
    ("Salary: €3.4k net/month", (3_400, 3_400, "EUR", "month")),
    ("Salary €52.000 - €61.000 p/a", (52_000, 61_000, "EUR", "year")),
    ("Gaji: RM 7,500 - 9,000 per month", (7_500, 9_000, "MYR", "month")),
    ("Mzda: 65 000 - 85 000 Kč per month", (65_000, 85_000, "CZK", "month")),
    ("Salary: AED 22,000 - 28,000 per month", (22_000, 28_000, "AED", "month")),
    ("€4,300 gross monthly, 14 payments", (4_300, 4_300, "EUR", "month")),
    ("Base salary and bonus: €64,000 – €72,000", (64_000, 72_000, "EUR", "year")),
    ("A monthly stipend and salary: €62,000", (62_000, 62_000, "EUR", "year")),
    ("The annualised salary will be £58k", (58_000, 58_000, "GBP", "year")),
    ("Our weekly pay is A$2,400", (2_400, 2_400, "AUD", "week")),
    # The period written in another language.
    ("Salário: R$ 9.000 - R$ 12.000 mensal", (9_000, 12_000, "BRL", "month")),
    ("Salario: €2.100 a €2.600 al mes", (2_100, 2_600, "EUR", "month")),
    ("Sueldo: MXN $35,000 - $45,000 mensuales", (35_000, 45_000, "MXN", "month")),
    ("Løn: DKK 42.000-48.000 pr. måned", (42_000, 48_000, "DKK", "month")),
    ("Gehalt: 21 € pro Stunde", (21, 21, "EUR", "hour")),
    ("Palkka: 3 900 € / kk", (3_900, 3_900, "EUR", "month")),
    ("Wynagrodzenie: 9 000 - 11 000 zł brutto miesięcznie", (9_000, 11_000, "PLN", "month")),
    ("Salaris: € 3.800 bruto per maand", (3_800, 3_800, "EUR", "month")),
    ("Rémunération : 48 000 € par an", (48_000, 48_000, "EUR", "year")),
    ("RAL 36.000 € lordi annui", (36_000, 36_000, "EUR", "year")),
    ("Salaire : 2 900 € brut mensuel", (2_900, 2_900, "EUR", "month")),
    # ranges joined by words of other languages
    ("Sueldo: 1.700 a 1.900 € al mes", (1_700, 1_900, "EUR", "month")),
    ("Stipendio: da 1.600 a 1.950 € al mese", (1_600, 1_950, "EUR", "month")),
    ("Salaire : de 41 000 € à 47 000 € par an", (41_000, 47_000, "EUR", "year")),
    ("Salaire : entre 42 et 49 k€ par an", (42_000, 49_000, "EUR", "year")),
    ("Gehalt: zwischen 52.000 und 61.000 € pro Jahr", (52_000, 61_000, "EUR", "year")),
    ("Salaris: tussen € 3.100 en € 3.900 per maand", (3_100, 3_900, "EUR", "month")),
    ("Salário: entre R$ 5.500 e R$ 7.200 por mês", (5_500, 7_200, "BRL", "month")),
    ("Wynagrodzenie: od 11 000 do 13 500 zł miesięcznie", (11_000, 13_500, "PLN", "month")),
    # a period word further on said of something else
    ("Salário: R$ 6.800, reajuste por ano", (6_800, 6_800, "BRL", None)),
    ("Sueldo 1.650 € brutos, pagas al año: 14", (1_650, 1_650, "EUR", None)),
    ("Gehalt: 4.100 € brutto, Erhöhung im Jahr 2027", (4_100, 4_100, "EUR", None)),
    ("Salary: 4,200 EUR gross, reviewed per year", (4_200, 4_200, "EUR", None)),
    # The period is not written and the amount is not yearly-sized: it stays unknown.
    ("Salary: 12 000 – 15 000 zł brutto", (12_000, 15_000, "PLN", None)),
    ("Salary: EUR3,200 – EUR3,900", (3_200, 3_900, "EUR", None)),
    ("Salary €900 in an annual budget", (900, 900, "EUR", None)),
    # A currency written, but not which one (kr: SEK, NOK, DKK or ISK?): never guessed.
    ("Lön 38 000 – 44 000 kr", (38_000, 44_000, None, None)),
]

NOT_SALARIES = [
    "We closed a $25M Series B in March",
    "Our customers spend over €2 billion a year through us",
    "$1,500 sign-on bonus after 90 days",
    "£2,000 annual learning budget",
    "ARR passed $8.5M last quarter",
    "Team of 120 engineers across 14 countries",
    "Valued at €1.2bn after our latest round",
    "€400 home-office allowance",
    "0.05% equity ($40,000 at current valuation)",
    "Contracts worth £3m+ signed this year",
    "PHP 8.2 and Laravel 10",
    "Tickets cost $12 per person",
    "$99/month subscription for teams",
    "We have raised $18 million from investors",
    "a €3,000 relocation package",
    "Writers are paid $60 per article",
    "Salary negotiable, 5+ years of experience, 2 weeks onboarding",
    "You closed deals from $40k to $250k ACV",
    "経験3年以上、チーム10人",
    "1万人以上のユーザー",
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[t for t, _ in FORMS])
def test_salary_forms(text, expected):
    assert parse_salary(text) == Salary(*expected)


@pytest.mark.parametrize("text", NOT_SALARIES)
def test_figures_that_are_not_salaries(text):
    assert parse_salary(text) is None


def test_the_salary_is_picked_among_other_money():
    body = (
        "# Platform Engineer\n\nWe raised $40M in 2023 and have 60 employees.\n\n"
        "## Perks\n\n* $1,200 home office budget\n* $2,500 at signing\n\n"
        "## Compensation\n\nThe base salary range is €72,000–€86,000, plus stock options.\n"
    )
    assert parse_salary(body) == Salary(72_000, 86_000, "EUR", "year")


def test_a_short_label_above_gives_context():
    assert parse_salary("## Salary\n\n£52,000\n") == Salary(52_000, 52_000, "GBP", "year")
    assert parse_salary("## Perks\n\n£52,000\n") is None  # a lone figure needs pay words


def test_code_names_a_shared_symbol():
    assert parse_salary("salary CAD $100,000 - $120,000").currency == "CAD"
    assert parse_salary("salary $100,000 - $120,000 AUD").currency == "AUD"
    assert parse_salary("salary $100,000 - $120,000").currency == "USD"


def test_period_found_past_an_aside_with_money():
    text = "Pay: 30000 - 36000 PLN + VAT (or 7200 - 8600 USD + VAT), B2B, per month"
    assert parse_salary(text) == Salary(30_000, 36_000, "PLN", "month")


@pytest.mark.parametrize(
    "text",
    [
        "OTE $200k. Base $90k.",
        "Base salary $90,000, OTE of $200,000",
        "Compensation: $200K on-target earnings ($90K base)",
        "$90k base + uncapped commission, $200k OTE",
    ],
)
def test_a_base_stated_beside_on_target_earnings_is_the_salary(text):
    assert parse_salary(text) == Salary(90_000, 90_000, "USD", "year")


def test_on_target_earnings_alone_are_the_salary_stated():
    assert parse_salary("Salary: OTE £60k-£80k") == Salary(60_000, 80_000, "GBP", "year")


def test_a_figure_with_a_plus_and_a_word_after_it_is_pay_plus_that_word():
    """`$120k+ equity` states a base from $120k (and equity besides); `$20k+ in stock` is the
    stock itself."""
    from jobtui.postings.salary import read_salary

    assert read_salary("$120k+ equity") == Salary(120_000, None, "USD", "year")
    assert parse_salary("Salary: €70k+ bonus, remote") == Salary(70_000, None, "EUR", "year")
    for stock in ("Up to $20k+ in stock options", "$20k+ of equity"):
        with pytest.raises(ValueError, match="equity"):
            read_salary(stock)


def test_without_required_currency_any_amount_counts():
    # Front matter values and heading badges: the field already says it is a salary.
    assert parse_salary("90k-110k", require_currency=False) == Salary(90_000, 110_000, None, "year")
    assert parse_salary("45/hour", require_currency=False) == Salary(45, 45, None, "hour")
    assert parse_salary("Competitive", require_currency=False) is None
    assert parse_salary("90k-110k") is None  # in running text a currency is required


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("$", "USD"),
        ("€", "EUR"),
        ("eur", "EUR"),
        ("CA$", "CAD"),
        ("USD $", "USD"),
        ("RMB", "CNY"),
        ("PHP", "PHP"),
        ("pounds", "GBP"),
        ("kr", None),
        ("bitcoin", None),
        ("", None),
    ],
)
def test_currency_code(written, code):
    assert currency_code(written) == code


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("/hr", "hour"),
        ("per annum", "year"),
        ("Monthly", "month"),
        ("p.a.", "year"),
        ("YEAR", "year"),
        ("a day", "day"),
        ("/wk", "week"),
        ("fortnightly", None),
    ],
)
def test_period_word(written, period):
    assert period_word(written) == period


def test_infer_period_is_currency_aware():
    assert infer_period(60_000, None, "EUR") == "year"
    assert infer_period(300_000, None, "JPY") is None  # about $2,000: a month's pay, not a year's
    assert infer_period(8_000_000, None, "JPY") == "year"
    assert infer_period(20_000, None, "PLN") is None
    assert infer_period(60_000, None, "XYZ") is None  # no rate: cannot tell
    assert infer_period(60_000, None, None) == "year"
    assert infer_period(500, "day", "GBP") == "day"


def test_one_sided_salary_keeps_the_known_side():
    up_to = parse_salary("Salary: up to SGD 9,500 a month")
    assert (up_to.min, up_to.max, up_to.top) == (None, 9_500, 9_500)
    from_ = parse_salary("Salary: from 4 800 EUR per month")
    assert (from_.min, from_.max, from_.top) == (4_800, None, 4_800)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            {"salary": {"min": 90000, "max": 120000, "currency": "usd", "period": "yearly"}},
            Salary(90_000, 120_000, "USD", "year"),
        ),
        (
            {
                "baseSalary": None,
                "salary": {
                    "currency": "EUR",
                    "value": {"minValue": 4000, "maxValue": 5000, "unitText": "MONTH"},
                },
            },
            Salary(4_000, 5_000, "EUR", "month"),
        ),
        (
            {"salary": {"value": {"value": 38, "unitText": "HOUR"}, "currency": "$"}},
            Salary(38, 38, "USD", "hour"),
        ),
        ({"salary": {"min": "£42k"}}, Salary(42_000, None, "GBP", "year")),
        ({"pay": {"min": "$40/hour", "max": "$55/hour"}}, Salary(40, 55, "USD", "hour")),
        ({"salary": {"max": "150k", "currency": "CHF"}}, Salary(None, 150_000, "CHF", "year")),
        ({"compensation": "USD 130,000 - 150,000"}, Salary(130_000, 150_000, "USD", "year")),
    ],
)
def test_front_matter_salary(meta, expected):
    f = Fields()
    from_front_matter(meta, f)
    assert f.salary == expected


def test_unread_money_says_why():
    body = (
        "We raised $12M last year.\n"
        "* $2,000 learning budget\n"
        "* $10,000 signing bonus\n"
        "Compensation: 80K - 95K, depending on experience.\n"
        "Salary: $88,000 - $97,000\n"
    )
    reasons = {u.reason for u in unread_money(body)}
    assert reasons == {
        "looks like funding",
        "looks like a benefit or a budget",
        "looks like a bonus or commission",
        "no currency",
    }
    assert not any("88,000" in u.snippet for u in unread_money(body))  # that one was read
    no_currency = next(u for u in unread_money(body) if u.reason == "no currency")
    assert "80K - 95K" in no_currency.snippet


def test_unread_money_of_a_plain_body_is_empty():
    assert unread_money("Python, Django and PostgreSQL. 5 years of experience.\n") == []
    assert unread_money("Competitive salary, health insurance and a 401k with match.\n") == []


# Round trips: any range written the ways postings write it reads back as it was written.
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "JPY": "¥"}
_PER = {
    "hour": ["/hour", " per hour", " an hour", "/hr", " hourly"],
    "day": ["/day", " per day", " a day", " p/d"],
    "week": ["/week", " per week", " a week", " weekly"],
    "month": ["/month", " per month", " a month", " monthly", "/mo"],
    "year": ["/year", " per year", " a year", " per annum", " p.a.", "/yr", " annually", ""],
}
# Amounts per period that are plausible pay in each currency (whole units of the currency).
_SPAN = {"hour": (15, 400), "day": (120, 3_000), "week": (600, 9_000), "month": (2_500, 30_000)}
_SPAN_YEAR = (30_000, 900_000)
_SCALE = {"USD": 1, "EUR": 1, "GBP": 1, "CHF": 1, "CAD": 1, "AUD": 1, "INR": 80, "JPY": 150}


def _grouped(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


@st.composite
def written_ranges(draw):
    currency = draw(st.sampled_from(sorted(_SCALE)))
    period = draw(st.sampled_from(sorted(_PER)))
    low_bound, high_bound = _SPAN.get(period, _SPAN_YEAR)
    scale = _SCALE[currency]
    lo = draw(st.integers(low_bound * scale, high_bound * scale))
    hi = draw(st.integers(lo, high_bound * scale * 3 // 2))
    sep = draw(st.sampled_from([",", ".", " ", NBSP, NNBSP]))
    dash = draw(st.sampled_from(["-", " - ", "–", " – ", "—", "~", " to "]))
    per = draw(st.sampled_from(_PER[period]))
    symbol = _SYMBOLS.get(currency)
    layout = draw(st.sampled_from(["symbol", "code before", "code after", "code and symbol"]))
    if symbol is None and layout in ("symbol", "code and symbol"):
        layout = "code before"
    a, b = _grouped(lo, sep), _grouped(hi, sep)
    if layout == "symbol":
        text = f"{symbol}{a}{dash}{symbol}{b}"
    elif layout == "code before":
        text = f"{currency} {a}{dash}{b}"
    elif layout == "code after":
        text = f"{a}{dash}{b} {currency}"
    else:
        text = f"{currency} {symbol}{a}{dash}{symbol}{b}"
    label = draw(st.sampled_from(["Salary: ", "Compensation ", "**Pay:** ", "💰 "]))
    return f"{label}{text}{per}", Salary(lo, hi, currency, period)


@given(written_ranges())
def test_any_written_range_reads_back(case):
    text, expected = case
    assert parse_salary(text) == expected


@given(
    st.sampled_from(["hour", "month", "year"]),
    st.integers(1, 900),
    st.integers(0, 90),
    st.sampled_from(["USD", "EUR", "GBP", "CHF", "PLN", None]),
    st.sampled_from(["both", "from", "up to"]),
)
def test_short_form_reads_back(period, lo, extra, currency, sides):
    """The list form (`$52k–171k`, `£40k+`, `≤CHF 90k`) is itself a salary form."""
    # Pay, neither pocket money nor a fortune; a yearly figure must look yearly, as its period is
    # not shown; and round thousands above 1,000, which the list form shows exactly.
    spans = {"hour": (1, 5, 400), "month": (1000, 1, 60), "year": (1000, 60, 900)}
    unit, least, most = spans[period]
    lo = min(max(lo, least), most)
    low, high = lo * unit, min(lo + extra, most * 3 // 2) * unit
    salary = Salary(
        None if sides == "up to" else low, None if sides == "from" else high, currency, period
    )
    assert parse_salary(salary.short(), require_currency=False) == salary


@pytest.mark.parametrize(
    "text",
    [
        "Sueldo competitivo. Seguro médico (45 € al mes).",
        "Gehalt: attraktiv. Jobticket 58 € pro Monat",
        "Vergütung nach TV-L E13. Fahrtkostenzuschuss 60 € pro Monat.",
        "Gehalt: nach Vereinbarung\nZuschuss zur Altersvorsorge 120 € pro Monat",
        "Salario competitivo.\nBeneficios: cheque guardería hasta 180 € al mes.",
        "Retribuzione: da definire. Welfare aziendale 450 € all'anno.",
        "Salaire : à négocier, mutuelle 40 € par mois",
    ],
)
def test_a_benefit_in_another_language_is_not_the_salary(text):
    assert parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one bound, said in other languages
        ("Wynagrodzenie: od 14 500 zł brutto miesięcznie", (14500, None, "PLN", "month")),
        ("Gehalt: ab 58.000 € brutto im Jahr", (58000, None, "EUR", "year")),
        ("Salario: desde 28.000 € al año", (28000, None, "EUR", "year")),
        ("Salaris: vanaf € 3.900 per maand", (3900, None, "EUR", "month")),
        ("Gehalt: bis zu 72.000 € jährlich", (None, 72000, "EUR", "year")),
        ("Salaire : jusqu'à 48 000 € par an", (None, 48000, "EUR", "year")),
        ("Stawka: do 160 zł netto/godz. B2B", (None, 160, "PLN", "hour")),
        # a figure of another language's `thousand`
        ("Wynagrodzenie: 12-16 tys. zł miesięcznie", (12000, 16000, "PLN", "month")),
        ("Gehalt: 65-80 Tsd. € brutto jährlich", (65000, 80000, "EUR", "year")),
        # no cents written `,-` or `.–`
        ("Salaris: € 2.850,- tot € 3.600,- bruto per maand", (2850, 3600, "EUR", "month")),
        ("Lohn: CHF 7'200.– bis 8'100.– pro Monat", (7200, 8100, "CHF", "month")),
        # the month abbreviated, and past the words of a B2B contract
        ("Wynagrodzenie: 21 000 – 27 000 zł netto/mies.", (21000, 27000, "PLN", "month")),
        ("Pensja: 9 800 zł brutto (UoP) miesięcznie", (9800, 9800, "PLN", "month")),
        ("Stawka: od 19 000 zł netto + VAT (B2B) miesięcznie", (19000, None, "PLN", "month")),
    ],
)
def test_salary_forms_of_other_languages(text, expected):
    s = parse_salary(text)
    assert s is not None, text
    assert (s.min, s.max, s.currency, s.period) == expected


def test_of_is_not_from():
    # `von` and `de` say "of" before a figure as often as "from": the figure is the salary.
    s = parse_salary("Gehalt von 61.000 € im Jahr")
    assert s is not None and (s.min, s.max) == (61000, 61000)


@pytest.mark.parametrize(
    ("text", "guessed"),
    [
        ("Salary: £64,000", True),  # a year's pay by its size: the period is a guess
        ("Compensation: $140k–$165k", True),
        ("Salary: £64,000 per annum", False),
        ("Annual salary: $150,000", False),
        ("Pay: €4,200 a month", False),
        ("Gehalt: 70.000 € brutto jährlich", False),
        ("Rate: $85/hr", False),
    ],
)
def test_a_period_guessed_from_the_amount_says_so(text, guessed):
    s = parse_salary(text)
    assert s is not None and s.period in ("year", "month", "hour")
    assert s.period_guessed is guessed
    assert ("guessed" in s.written()) is guessed


def test_a_period_guessed_survives_the_store_and_the_json(tmp_path, capsys):
    import json

    from jobtui.cli import main
    from jobtui.postings.loader import load_postings

    from ..conftest import write

    write(tmp_path, "a.md", "---\ntitle: Welder\nsalary: 52000 GBP\n---\nWeld.\n")
    write(tmp_path, "b.md", "---\ntitle: Fitter\nsalary: 52000 GBP a year\n---\nFit.\n")
    for _ in range(2):  # parsed, then read back from the load store
        flags = {p.title: p.salary.period_guessed for p in load_postings([tmp_path]).postings}
        assert flags == {"Welder": True, "Fitter": False}
    capsys.readouterr()
    assert main(["list", str(tmp_path), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["title"]: r["salary"]["period_guessed"] for r in records} == flags


# Money given besides the pay, in the words postings use for it: relocation, referrals, moving,
# visas, allowances and stipends. Each was once read as the salary.
EXTRAS = [
    "# Backend Engineer\n\nCompany: X\n\nRelocation package up to €15,000.",
    "# Data Engineer\n\nCompany: Y\n\nA generous relocation package of £12,000 for movers.",
    "Full relocation packages: up to CHF 20'000",
    "We pay a referral bonus of $5,000.",
    "We'll pay you a referral bonus of €2,500",
    "Acme pays referral bonuses up to $3,000",
    "We pay up to €10,000 for your relocation",
    "Relocation: we pay up to $8,000",
    "You will be paid $4,000 for your visa and immigration costs",
    "Benefits package worth $10,000",
    "Relocation pay up to $5,000",
]


@pytest.mark.parametrize("text", EXTRAS)
def test_money_given_besides_the_pay_is_not_the_salary(text):
    assert parse_salary(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: $120k-$140k\n\nRelocation up to $10,000", (120_000, 140_000, "USD")),
        ("Relocation package up to €15,000 and a salary of €70,000", (70_000, 70_000, "EUR")),
        ("Signing bonus $10k + base salary $120k", (120_000, 120_000, "USD")),
        ("We pay $95,000, plus a referral bonus of $2,000", (95_000, 95_000, "USD")),
        ("We pay a $2,000 relocation bonus. Salary: £60,000", (60_000, 60_000, "GBP")),
        ("Total rewards package: $150,000", (150_000, 150_000, "USD")),
        # A verb of paying, and the extra in a clause of its own after the figure.
        (
            "We pay $95,000 - $110,000 depending on experience, and offer a relocation budget.",
            (95_000, 110_000, "USD"),
        ),
        ("We pay €70.000 gross, Umzugskosten werden übernommen.", (70_000, 70_000, "EUR")),
        ("We offer relocation support. We pay CHF 120'000 a year.", (120_000, 120_000, "CHF")),
    ],
)
def test_the_salary_is_found_beside_money_given_besides_it(text, expected):
    s = parse_salary(text)
    assert s is not None and (s.min, s.max, s.currency) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sueldo competitivo. Ayuda para la mudanza de hasta 3.000 €",
        "Gehalt: attraktiv. Umzugskostenzuschuss bis zu 5.000 €",
        "Gehalt nach Vereinbarung, Empfehlungsprämie 1.500 €",
        "Rémunération attractive, aide au déménagement jusqu'à 4 000 €",
        "Retribuzione competitiva. Contributo trasloco fino a 3.000 €",
        "Salaris: marktconform. Verhuiskostenvergoeding tot € 4.000",
        "Wynagrodzenie: atrakcyjne. Pakiet relokacyjny do 10 000 zł",
        "Lön: enligt överenskommelse. Flyttbidrag upp till 30 000 kr",
        "Gehalt: attraktiv. Homeoffice-Pauschale 600 € im Jahr",
        "Gehalt: attraktiv. Weiterbildungsbudget 2.000 € pro Jahr",
        "Salario competitivo. Dietas de 50 € al día",
        "Salario: a convenir. Bono por referidos de 1.000 €",
    ],
)
def test_relocation_referrals_and_allowances_in_other_languages_are_not_the_salary(text):
    assert parse_salary(text) is None
