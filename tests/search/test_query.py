"""The query parser: every operator, and malformed input that must never raise."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.search.query import parse

TODAY = date(2026, 11, 23)


def one(text: str):
    q = parse(text, TODAY)
    assert len(q.clauses) == 1, q
    return q.clauses[0]


def test_free_words_are_folded_and_anded():
    q = parse("Senior  Jülich", TODAY)
    assert [c.terms[0].text for c in q.clauses] == ["senior", "julich"]
    assert not q.errors


def test_field_words_and_quoted_values():
    assert one("title:Engineer").terms[0].field == "title"
    term = one('company:"Acme Corp"').terms[0]
    assert (term.kind, term.field, term.text) == ("phrase", "company", "acme corp")
    assert one("loc:berlin").terms[0].field == "location"


def test_negation_phrase_and_alternatives():
    neg = one("-php")
    assert neg.negated and neg.terms[0].text == "php"
    assert one('"machine learning"').terms[0].kind == "phrase"
    alt = one("elixir|erlang")
    assert [t.text for t in alt.terms] == ["elixir", "erlang"]
    assert one("-company:acme").negated


def test_salary_filters():
    t = one("salary:>=120k").terms[0]
    assert (t.op, t.number) == (">=", 120_000)
    assert one("salary:<50000").terms[0].op == "<"
    assert one("salary:100k").terms[0].op == ">="


def test_posted_filters():
    t = one("posted:>=2024-01-01").terms[0]
    assert (t.op, t.day) == (">=", date(2024, 1, 1))
    recent = one("posted:<30d").terms[0]
    assert (recent.op, recent.day) == (">", date(2026, 10, 24))
    year = one("posted:2024").terms[0]
    assert (year.op, year.day, year.until) == ("range", date(2024, 1, 1), date(2025, 1, 1))


def test_remote_is_and_status():
    assert one("remote:yes").terms[0].flag is True
    assert one("remote:no").terms[0].flag is False
    assert one("is:bookmarked").terms[0].kind == "is"
    assert one("status:applied").terms[0].text == "applied"


def test_malformed_parts_are_explained_and_the_rest_runs():
    q = parse("salary:>>x python posted:yesterday remote:maybe status:lost", TODAY)
    assert [c.terms[0].text for c in q.clauses] == ["python"]
    assert len(q.errors) == 4
    assert "salary" in q.errors[0] and ">>x" in q.errors[0]


def test_incomplete_input_while_typing_is_quiet():
    q = parse('title: "unclosed', TODAY)
    assert not q.errors
    assert q.clauses[0].terms[0].kind == "phrase"
    assert parse("-", TODAY).clauses == [] or parse("-", TODAY).clauses[0].negated is False


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_never_raises(text):
    parse(text, TODAY)
