"""Whole-body scans made cheap (a pattern tried only where its first word is written, a
check done by a C string method before the pattern) answer exactly as the full scan did."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import salary, text
from jobtui.postings.extract import links

_PIECES = st.sampled_from(
    [
        "apply", "APPLY", "Apply", "applying", "reapply", " at ", " via ", ": ", " online ",
        "Bewerben Sie sich unter ", "postulez", "Candidatez", "aplicar en ", "solliciteer hier ",
        "https://acme.example/jobs/41/apply", "HTTPS://X.example/Apply?x=1", "(https://a.b/c)",
        "[Apply](https://a.b/apply)", "http://", "İ", "ß", "\n", "\n\n", "## ", "**", "__",
        "How to apply", "To apply", "x" * 45, ". ", "do not ", "jobs@acme.example",
    ]
)  # fmt: skip
_BODIES = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(_BODIES)
def test_seeded_scans_find_what_a_full_scan_finds(body: str) -> None:
    low = body.lower()
    for anchored in (links._APPLY_AT, links._BARE_URL):
        seeded = [m.span() for m in anchored.finditer(body, low)]
        assert seeded == [m.span() for m in anchored.pattern.finditer(body)]


@settings(max_examples=400, deadline=None)
@given(_BODIES)
def test_the_apply_heading_is_the_first_a_full_scan_finds(body: str) -> None:
    found = links._apply_heading(body, body.lower())
    full = links._APPLY_HEADING_RE.search(body)
    assert (found and found.span()) == (full and full.span())


def test_an_upper_case_or_length_changing_body_gives_the_same_link() -> None:
    body = "We are hiring.\n\nQuestions? jobs@acme.example\n\nApply online at https://acme.example/j/7\n"
    expected = "https://acme.example/j/7"
    assert links.url_from_body(body) == expected
    assert links.url_from_body("İstanbul office. " + body) == expected  # `İ`.lower() is longer
    assert links.url_from_body(body.replace("Apply online at", "APPLY ONLINE AT")) == expected


def test_a_spanish_apply_line_gives_its_address() -> None:
    # `Aplicar` was in the line pattern but not in the words that let a body be searched
    body = "Buscamos ingenieros de datos.\n\nAplicar: https://acme.example/empleo/7\n"
    assert links.url_from_body(body) == "https://acme.example/empleo/7"


_TEXTS = st.lists(
    st.sampled_from(
        ["a", "Z", " ", "\n", "\t", "\xa0", "é", "İ", "Â", "Ã", "â€", "ð", "\x80", "\x9f",
         "\x1b", "\x07", "\x7f", "\u202e", "\u2066", "\u200d", "\ud800", "<", "<b", "&", "&amp;",
         "](", "\n\n\n"]
    )
    | st.characters(),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(_TEXTS)
def test_the_quick_checks_answer_as_their_patterns(value: str) -> None:
    assert text._safe(value) == (text._UNSAFE_RE.search(value) is None)
    assert text.has_controls(value) == (text._CONTROL_RE.search(value) is not None)
    assert text.has_controls(value * 50 + "\n") == text.has_controls(value)
    assert text._mojibake_hint(value) == (text._MOJIBAKE_HINT_RE.search(value) is not None)
    html = text._TAG_HINT_RE.search(value) or text._ENTITY_HINT_RE.search(value)
    assert bool(html) == bool(re.search(r"<[a-zA-Z/!]|&[a-zA-Z#]", value))


def test_a_control_character_in_ascii_text_is_still_removed() -> None:
    assert text.strip_controls("Senior\x1b[31m Engineer\x07\n") == "Senior Engineer\n"
    assert text.strip_controls("Café\xa0\u202eowner\n") == "Café\xa0owner\n"


def _money_lines_of_whole_body(body: str) -> list[tuple[str, str]]:
    """`salary._money_lines` as it was: the three patterns run over the whole body."""
    found = [m.start() for m in salary._QUICK_SYMBOL_RE.finditer(body)]
    found += [m.start() for m in salary._QUICK_AFTER_RE.finditer(body)]
    found += [
        m.start()
        for m in salary._QUICK_CODE_RE.finditer(body)
        if salary._CODE_AT_RE.match(body, m.start())
    ]
    lines = []
    for start, last_end in itertools.islice(text.lines_at(body, found), salary.MAX_AMOUNTS):
        above_end = start - 1
        while above_end > 0 and body[above_end - 1] == "\n":
            above_end -= 1
        above = body[body.rfind("\n", 0, max(above_end, 0)) + 1 : max(above_end, 0)]
        lines.append((body[start:last_end], above if len(above) <= salary._LABEL_MAX else ""))
    return lines


_MONEY = st.lists(
    st.sampled_from(
        ["$", "€", "£", "USD", "usd", "EUR ", "Rs.", "RM", "kr", "PHP", "CA$", "US$", "zł", "円",
         "1", "0", "45,000", "120k", "5 000", " ", "\t", "\n", "\n\n", "-", "–", "k", "K",
         " thousand", " million", " euros", " dollars", " pounds sterling", "XRM", "AB", "Xusd",
         "٣", "１", "é", "Salary:", "**Pay**", "per year", ".", "/", "(", "2024-05-01"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(_MONEY)
def test_money_is_looked_for_in_lines_with_digits_as_in_the_whole_body(body: str) -> None:
    assert salary._money_lines(body) == _money_lines_of_whole_body(body)


@pytest.mark.parametrize(
    "body",
    ["a\n5 euros\nb", "$1\n5 euros", "5 euros", "x\n\n9k USD", "٣ USD\n5 euros", "no money here\n"],
)
def test_money_on_a_line_whose_first_character_is_its_digit(body: str) -> None:
    assert salary._money_lines(body) == _money_lines_of_whole_body(body)
    assert bool(salary._money_lines(body)) == ("no money" not in body)
