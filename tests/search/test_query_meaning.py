"""Search finds what was meant: typos weighed by frequency, exact matching on request, OR,
and mistakes in a query reported. Fixtures are small realistic folders written here."""

from __future__ import annotations

import random

import pytest

from jobtui.postings.model import Posting
from jobtui.search.engine import SearchIndex
from jobtui.search.query import parse

from ..conftest import make_posting

ROLES = ["Platform Engineer", "Site Reliability Engineer", "DevOps Engineer", "Cloud Engineer"]
FILLER = "We ship often, review code kindly and write things down. Benefits include a budget."


def folder(spec: list[tuple[str, str, tuple[str, ...]]], seed: int = 7) -> list[Posting]:
    """Postings from (title, body sentence, tags), each with some varied filler."""
    rng = random.Random(seed)
    out = []
    for i, (title, sentence, tags) in enumerate(spec):
        body = f"{sentence} {rng.choice([FILLER, FILLER.upper(), 'Join a calm team.'])}"
        out.append(make_posting(f"p{i:03}", title, body=body, tags=tags))
    return out


def ids(index: SearchIndex, query: str) -> list[str]:
    result = index.run(query)
    return [result.posting(i).id for i in range(len(result))]


@pytest.fixture(scope="module")
def ops() -> SearchIndex:
    spec = []
    for i in range(60):  # Kubernetes is everywhere in this folder...
        spec.append(
            (ROLES[i % 4], "You will run Kubernetes clusters and PostgreSQL.", ("kubernetes",))
        )
    # ...and misspelled in two postings, as real folders are.
    spec.append(("Infra Engineer", "Experience with kubernets and terraform.", ()))
    spec.append(("Ops Lead", "We use Kubernets, postgress and Go.", ()))
    for i in range(25):  # Rust and REST are both common: neither is a typo of the other.
        spec.append((f"Rust Developer {i}", "Systems work in Rust.", ("rust",)))
        spec.append((f"API Developer {i}", "Design REST endpoints.", ("rest api",)))
    return SearchIndex(folder(spec))


def test_a_rare_misspelling_also_finds_the_common_word_ranked_below_exact(ops):
    found = ids(ops, "kubernets")
    assert found[:2] == ["p061", "p060"] or set(found[:2]) == {"p060", "p061"}
    assert len(found) == 62  # and every posting about Kubernetes, after them


def test_a_rare_misspelling_of_a_tag_alias(ops):
    found = ids(ops, "postgress")
    assert found[0] == "p061" and len(found) == 61


def test_two_common_words_are_both_meant(ops):
    rust = ids(ops, "rust")
    rest = ids(ops, "rest")
    assert len(rust) == 25 and not set(rust) & set(rest)


def test_an_unknown_word_is_still_typo_tolerant(ops):
    assert len(ids(ops, "kubernetez")) == 62  # found nowhere: any near word, both spellings


@pytest.fixture(scope="module")
def langs() -> SearchIndex:
    spec = [
        ("Java Developer", "Spring and Java 21.", ("java",)),
        ("JavaScript Engineer", "React and JavaScript.", ("javascript",)),
        ("Backend Engineer", "Services in Go and Postgres.", ("go",)),
        ("Google Ads Specialist", "Google Ads and analytics.", ()),
        ("Go Developer", "Golang microservices.", ("go",)),
        ("Embedded Engineer", "Firmware in C for sensors.", ("c",)),
        ("iOS Engineer", "Objective-C and Swift.", ("objective-c", "swift")),
        ("Game Developer", "Engines in C++.", ("c++",)),
        ("Windows Developer", "Desktop apps in C# on .NET.", ("c#", ".net")),
        ("Network Engineer", "Routers and network security.", ()),
        ("Data Analyst", "Statistics in R and SQL.", ("r", "sql")),
        ("R&D Chemist", "Lab work.", ()),
    ]
    return SearchIndex(folder(spec))


def titles(index: SearchIndex, query: str) -> set[str]:
    result = index.run(query)
    return {result.posting(i).title for i in range(len(result))}


def test_a_quoted_word_is_the_whole_word(langs):
    assert titles(langs, '"java"') == {"Java Developer"}
    assert "JavaScript Engineer" in titles(langs, "java")  # unquoted: prefix while typing


def test_tag_filters_are_exact(langs):
    assert titles(langs, "tag:java") == {"Java Developer"}
    assert titles(langs, "tag:c") == {"Embedded Engineer"}
    assert titles(langs, "tag:c++") == {"Game Developer"}
    assert titles(langs, "tag:c#") == {"Windows Developer"}
    assert titles(langs, "tag:.net") == {"Windows Developer"}
    assert titles(langs, "tag:r") == {"Data Analyst"}
    assert titles(langs, "tag:golang") == {"Backend Engineer", "Go Developer"}  # an alias


def test_a_tag_still_being_typed_completes(langs):
    assert titles(langs, "tag:javas") == {"JavaScript Engineer"}


def test_a_field_word_that_exists_is_not_a_prefix(langs):
    assert titles(langs, "title:go") == {"Go Developer"}
    assert "Google Ads Specialist" in titles(langs, "title:goo")


def test_punctuated_technologies_as_plain_query_words(langs):
    assert titles(langs, "c#") == {"Windows Developer"}
    assert titles(langs, "c++") == {"Game Developer"}
    assert titles(langs, ".net") == {"Windows Developer"}  # not Network Engineer


@pytest.mark.parametrize("query", ["sql | swift", "sql OR swift", "sql |swift", "sql| swift"])
def test_or_forms(langs, query):
    assert titles(langs, query) == {"Data Analyst", "iOS Engineer"}


def test_lowercase_or_is_a_word():
    assert [len(c.terms) for c in parse("java or swift").clauses] == [1, 1, 1]


def test_an_unknown_field_is_reported_not_run_as_text(langs):
    result = langs.run("tilte:java")
    assert result.errors and "unknown field tilte:" in result.errors[0]
    assert "did you mean title:" in result.errors[0]
    assert len(result) == len(langs)  # nothing else asked: everything, with the warning


def test_a_link_in_a_query_is_not_a_field():
    assert not parse("https://example.com/jobs").errors


def test_a_technology_or_title_word_is_never_corrected_into_an_everyday_word():
    spec = [("Flutter Developer", "Apps in Dart.", ("dart",))]
    spec += [(f"Designer {i}", "A part-time role for art lovers.", ()) for i in range(40)]
    spec += [("Helm Chart Maintainer", "Kubernetes packaging with Helm.", ("helm",))]
    spec += [(f"Office Manager {i}", "Help the team.", ()) for i in range(40)]
    index = SearchIndex(folder(spec))
    assert titles(index, "dart") == {"Flutter Developer"}
    assert titles(index, "helm") == {"Helm Chart Maintainer"}


def test_a_swapped_letter_in_a_small_folder_finds_the_word_meant():
    spec = [(f"Python Developer {i}", "Django and Python.", ("python",)) for i in range(6)]
    spec += [("Pyhton Engineer", "We write pyhton daily.", ())]
    spec += [(f"Office Role {i}", "Help the team.", ()) for i in range(30)]
    index = SearchIndex(folder(spec))
    found = titles(index, "pyhton")
    assert "Pyhton Engineer" in found and len(found) == 7
