"""Placeholders are not values: `N/A`, `TBD`, `[Company Name]` leave a field unknown."""

from __future__ import annotations

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.extract.fields import Fields, is_placeholder
from jobtui.postings.loader import load_postings, split_front_matter
from jobtui.postings.text import clean_markdown

from ..conftest import write

PLACEHOLDERS = [
    "UNAVAILABLE",
    "Unavailable.",
    "None",
    "null",
    "NULL",
    "N/A",
    "n/a",
    "NA",
    "n.a.",
    "TBD",
    "tba",
    "TBC",
    "-",
    "—",
    "–",
    "?",
    "???",
    "...",
    "",
    "   ",
    "unknown",
    "Unknown",
    "undefined",
    "Not specified",
    "to be announced",
    "Confidential",
    "<company>",
    "<Company Name>",
    "[Company Name]",
    "[your company]",
    "[ Location ]",
    "(insert title here)",
    "{{company}}",
    "{{ page.company_name }}",
    "{% raw %}",
    "${COMPANY}",
    "%LOCATION%",
    "**N/A**",
    '"TBD"',
]
REAL_VALUES = [
    "Acme",
    "NASA",
    "Nanaimo, BC",
    "Unknown Worlds Entertainment",
    "None Such Records",
    "N/A Software",
    "Berlin (TBD)",
    "Title",
    "Remote",
    "[Remote]",
    "A",
    "3M",
    "100% remote",
]


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_placeholders(value):
    assert is_placeholder(value)


@pytest.mark.parametrize("value", REAL_VALUES)
def test_real_values_are_kept(value):
    assert not is_placeholder(value)


@pytest.mark.parametrize("field", ["title", "company", "location", "url"])
def test_no_source_can_store_a_placeholder(field):
    # Every source goes through Fields.put: a new one cannot forget the rule.
    f = Fields()
    f.put(field, "TBD", "body")
    assert getattr(f, field) is None and field not in f.origins
    f.put(field, "https://x.example/1" if field == "url" else "Real", "body")
    assert getattr(f, field) is not None


def fields(text: str, name: str = "backend-engineer.md") -> Fields:
    meta, body, _ = split_front_matter(text)
    return extract(meta, clean_markdown(body), name)


@pytest.mark.parametrize(
    "front",
    [
        'company: "N/A"\nlocation: TBD',
        "company: null\nlocation: '-'",
        'companyName: "[Company Name]"\ncity: "{{ city }}"',
        "employer: '<company>'\nregion: unknown",
    ],
)
def test_front_matter_placeholders_are_unknown(front):
    f = fields(f"---\ntitle: Backend Engineer\n{front}\n---\nWe write Go.\n")
    assert (f.company, f.location) == (None, None)
    assert f.remote is None  # no place was stated, so on-site is not guessed either


def test_a_placeholder_gives_way_to_the_next_key_and_source():
    f = fields("---\ncompany: TBD\norganization: Initech\nlocation: N/A\n---\n# Dev\n#### Oslo\n")
    assert (f.company, f.origins["company"]) == ("Initech", "front matter")
    assert (f.location, f.origins["location"]) == ("Oslo", "heading")


@pytest.mark.parametrize("title", ["N/A", "TBD", "[Job Title]", "{{ title }}", "—"])
def test_a_placeholder_title_falls_back_to_the_heading_or_file_name(title):
    f = fields(f"---\ntitle: '{title}'\n---\n# Site Reliability Engineer\n\nOn call.\n")
    assert (f.title, f.origins["title"]) == ("Site Reliability Engineer", "heading")
    g = fields(f"---\ntitle: '{title}'\n---\nOn call.\n", name="site-reliability-engineer.md")
    assert (g.title, g.origins["title"]) == ("Site reliability engineer", "file name")


def test_heading_and_body_placeholders_are_unknown():
    f = fields("# N/A\n### TBD\n#### `📍 -`\n\nLocation: TBA\n\nWe ship.\n", name="ops-lead.md")
    assert f.title == "Ops lead"
    assert (f.company, f.location) == (None, None)


def test_placeholders_in_a_loaded_folder(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Data Engineer\ncompany: 'n/a'\nlocation: '?'\n---\nSQL.\n")
    write(tmp_path, "b.md", "---\ntitle: None\ncompany: Globex\n---\nJava.\n")
    by_company = {p.company: p for p in load_postings([tmp_path]).postings}
    assert set(by_company) == {None, "Globex"}
    assert by_company[None].location is None
    assert by_company["Globex"].title == "B"
