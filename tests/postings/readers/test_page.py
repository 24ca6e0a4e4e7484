"""Saved job pages: schema.org JobPosting JSON-LD in its real-world shapes and breakages, and
pages without any read best-effort from their HTML."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings.readers import Item, Read, content_key
from jobtui.postings.readers.jsonld import item_from_jobposting, job_postings, parse, repair
from jobtui.postings.readers.page import NOTE, read_page, trim_site_suffix

PAGES = Path(__file__).parent / "fixtures" / "pages"


def read(name: str) -> Read:
    result = read_page((PAGES / name).read_text(encoding="utf-8"), name)
    assert result is not None
    return result


def page_of(*scripts: Any, head: str = "") -> str:
    """A page with each of `scripts` (data or ready text) in its own JSON-LD script."""
    blocks = [s if isinstance(s, str) else json.dumps(s) for s in scripts]
    tags = "".join(f'<script type="application/ld+json">{b}</script>' for b in blocks)
    return f"<html><head>{head}{tags}</head><body></body></html>"


def only_item(text: str) -> Item:
    result = read_page(text, "job.html")
    assert result is not None and result.problems == []
    assert len(result.items) == 1
    return result.items[0]


def test_a_career_page_with_one_posting_gives_every_field() -> None:
    result = read("single.html")
    assert (result.format, result.note, result.problems) == ("json-ld", None, [])
    [item] = result.items
    assert item.key == "NLE-4411"
    assert item.meta == {
        "title": "Senior Platform Engineer",
        "company": "Nordlicht Energie GmbH",
        "company_url": "https://www.nordlicht-energie.de",
        "location": "Hamburg, HH, DE",
        "salary": {"min": 78000, "max": 95000, "currency": "EUR", "period": "year"},
        "posted": "2025-03-04",
        "valid_through": "2025-04-30",
        "employment_type": "Full-time",
        "url": "https://careers.nordlicht-energie.de/jobs/4411-senior-platform-engineer",
        "skills": ["Kubernetes", "Terraform", "Go"],
        "occupational_category": "15-1244.00 Network and Computer Systems Administrators",
        "industry": "Energy",
    }
    assert (
        item.body
        == "Run our **Kubernetes** platform.\n\n- Terraform & Go\n- On-call one week in six"
    )
    assert item.from_board == frozenset()


def test_an_array_of_nodes_gives_its_postings_only() -> None:
    result = read("array.html")
    assert (result.format, result.problems) == ("json-ld", [])
    baker, manager = result.items
    assert baker.key == "bake-17"
    assert baker.meta == {
        "title": "Night Baker",
        "company": "Crumb & Co",
        "location": "Leeds, United Kingdom",
        "salary": {"min": 14.5, "max": 14.5, "currency": "GBP", "period": "hour"},
        "posted": "2025-01-20",
        "employment_type": "Part-time, Temporary",
    }
    assert baker.body == "Bake bread from 3am. Flour & ovens provided."
    # no identifier: the URL, made absolute against the canonical link, is the key
    assert manager.key == "https://jobs.example-bakery.co.uk/openings/shop-manager"
    assert manager.meta == {
        "title": "Shop Manager",
        "company": "Crumb & Co",
        "location": "York, United Kingdom",
        "salary": {"min": 2450, "max": 2450, "currency": "GBP", "period": "month"},
        "url": "https://jobs.example-bakery.co.uk/openings/shop-manager",
    }
    assert manager.body == "Lead a team of four."


def test_a_graph_with_an_organization_and_a_web_page_gives_its_two_postings() -> None:
    result = read("graph.html")
    assert (result.format, result.problems) == ("json-ld", [])
    mlops, annotator = result.items
    assert mlops.key == "9021"
    assert mlops.meta == {
        "title": "MLOps Engineer",
        "company": "Tidepool Labs",
        "company_url": "https://tidepool.io",
        "location": "Lisbon, PT; Porto, PT",
        "salary": {"min": 65000, "max": 65000, "currency": "EUR", "period": "year"},
        "posted": "2024-11-28",
        "url": "https://work.tidepool.io/roles/ml-ops",
    }
    assert mlops.body == "## About\n\n1. Ship models\n2. Watch drift"
    # two postings on the page: the page's own address (og:url) is neither's URL
    assert annotator.key == "9022"
    assert annotator.meta == {
        "title": "Data Annotator (contract)",
        "company": "Tidepool Labs",
        "employment_type": "Contractor",
        "posted": "2024-12-02",
    }
    assert annotator.body == "Label sea-floor images."


def test_an_item_list_gives_its_three_postings_with_keys_of_their_own() -> None:
    result = read("itemlist.html")
    assert (result.format, result.problems) == ("json-ld", [])
    key = result.items[2].key  # no id, no link: a hash of what it says, not its place
    assert key.startswith("h") and len(key) == 13
    assert [(i.key, i.meta, i.body) for i in result.items] == [
        (
            "Q-1",
            {"title": "Rust Developer", "company": "Quarry", "url": "https://jobs.quarry.dev/q-1"},
            "Write Rust.",
        ),
        (
            "https://jobs.quarry.dev/q-2",
            {"title": "SRE", "company": "Quarry", "url": "https://jobs.quarry.dev/q-2"},
            "Keep it up.",
        ),
        (key, {"title": "Technical Writer", "company": "Quarry"}, "Write docs."),
    ]


def test_type_as_a_list_or_a_schema_url_and_script_types_in_any_spelling() -> None:
    result = read("types.html")
    assert (result.format, result.problems) == ("json-ld", [])
    assert [(i.key, i.meta, i.body) for i in result.items] == [
        ("qa-3", {"title": "QA Analyst", "company": "Vellum Insurance"}, "Test claims software."),
        ("act-8", {"title": "Actuary", "company": "Vellum Insurance"}, "Price risk."),
        ("uw-2", {"title": "Underwriter", "company": "Vellum Insurance"}, "Assess applications."),
    ]  # application/json and JavaScript scripts are not JSON-LD


def test_javascript_escapes_trailing_commas_raw_newlines_and_wrappers_are_repaired() -> None:
    result = read("broken_escapes.html")
    assert (result.format, result.problems) == ("json-ld", [])
    dispatcher, lead = result.items
    assert dispatcher.key == "HFL-220"
    assert dispatcher.meta == {
        "title": "Dispatcher / Planner",
        "company": "Harbour Freight Logistics",
        "company_url": "https://www.harbourfreight-logistics.example/",
        "location": "Rotterdam, NL",
        "employment_type": "Full-time",
        "posted": "2025-02-11",
        "skills": "TMS, Excel",
    }
    assert dispatcher.body == (
        "Plan the drivers' routes.\nNight shifts: 2 per week.\n\nWe're \"flexible\" about hours"
    )
    assert lead.key == "HFL-221"
    assert lead.meta == {"title": "Warehouse Lead", "company": "Harbour Freight Logistics"}
    assert lead.body == "Lead the 'B' shift—weekends off."  # validThrough: undefined is left out


def test_a_double_escaped_description_becomes_markdown() -> None:
    item = read("double_escaped.html").items[0]
    assert (item.key, item.meta) == ("lc-5", {"title": "Line Cook", "company": "Osteria Fiume"})
    assert item.body == "### What you'll do\n\n- Prep pasta & sauces\n- Close the kitchen"


def test_placeholder_values_leave_their_fields_out() -> None:
    result = read("placeholders.html")
    assert result.problems == []
    [item] = result.items
    # identifier UNAVAILABLE and url "null": neither is an id; its content names it
    assert item.key == content_key("Customer Success Associate", "Help clinics get started.")
    assert item.meta == {
        "title": "Customer Success Associate",
        "company": "Larkspur Health",
        "location": "US",
    }
    assert item.body == "Help clinics get started."


def test_relative_urls_are_resolved_against_the_canonical_link() -> None:
    [item] = read("relative.html").items
    url = "https://jobs.glacier.example/postings/analytics-engineer?src=page"
    assert item.key == url
    assert item.meta == {
        "title": "Analytics Engineer",
        "company": "Glacier",
        "company_url": "https://jobs.glacier.example/about-us",
        "posted": "2025-05-06",
        "url": url,
    }
    assert item.body == "dbt and SQL."


def test_without_a_base_only_absolute_http_urls_are_kept() -> None:
    support, billing = read("relative_nobase.html").items
    assert support.key.startswith("h") and support.key != billing.key
    assert support.meta == {
        "title": "Support Agent",
        "company": "Pebble",
        "company_url": "https://pebble.example/",
    }
    assert support.body == "Answer tickets."
    assert billing.key == "https://pebble.example/jobs/billing"
    assert billing.meta == {
        "title": "Billing Specialist",
        "company": "Pebble",
        "url": "https://pebble.example/jobs/billing",
    }  # a javascript: link is no company page


def test_a_telecommute_posting_says_where_applicants_may_live() -> None:
    [item] = read("remote.html").items
    assert item.key == "orb-77"
    assert item.meta == {
        "title": "Frontend Engineer (Remote)",
        "company": "Orbital Maps",
        "remote": True,
        "remote_from": "USA; Canada; Puerto Rico",
        "salary": {"min": 60, "max": 85.5, "currency": "USD", "period": "hour"},
        "employment_type": "Contractor",
        # the page holds this one posting: its canonical address is the posting's
        "url": "https://boards.example.com/orbital/remote-frontend",
    }
    assert item.body == "Remote from: USA; Canada; Puerto Rico\n\nReact, TypeScript, maps."


def money(value: Any, **outer: Any) -> dict[str, Any]:
    return {"@type": "MonetaryAmount", **outer, "value": value}


@pytest.mark.parametrize(
    ("base_salary", "expected"),
    [
        (
            money({"minValue": 50000, "maxValue": 70000, "unitText": "YEAR"}, currency="CAD"),
            {"min": 50000, "max": 70000, "currency": "CAD", "period": "year"},
        ),
        (
            money(
                {"minValue": "1,200.50", "maxValue": "1,500", "unitText": "WEEK"}, currency="AUD"
            ),
            {"min": 1200.5, "max": 1500, "currency": "AUD", "period": "week"},
        ),
        (
            money({"value": 450, "unitText": "DAY"}, currency="CHF"),
            {"min": 450, "max": 450, "currency": "CHF", "period": "day"},
        ),
        (
            money({"minValue": 30, "unitText": "HOUR"}, currency="USD"),
            {"min": 30, "currency": "USD", "period": "hour"},
        ),
        (
            money({"maxValue": 4200, "unitText": "MONTH"}, currency="PLN"),
            {"max": 4200, "currency": "PLN", "period": "month"},
        ),
        (money(88000, currency="USD"), {"min": 88000, "max": 88000, "currency": "USD"}),
        (
            money("61000", currency="EUR", unitText="YEAR"),
            {"min": 61000, "max": 61000, "currency": "EUR", "period": "year"},
        ),
        (
            {"@type": "MonetaryAmount", "currency": "SEK", "minValue": 40000, "maxValue": 52000},
            {"min": 40000, "max": 52000, "currency": "SEK"},
        ),
        (money({"minValue": 90000, "maxValue": 99000}), {"min": 90000, "max": 99000}),
        (
            money({"value": "25", "unitText": "per_hour"}, currency="usd"),
            {"min": 25, "max": 25, "currency": "USD", "period": "hour"},
        ),
        (
            "$90,000 - $110,000 a year",
            {"min": 90000, "max": 110000, "currency": "USD", "period": "year"},
        ),
        (72000, {"min": 72000, "max": 72000}),
    ],
)
def test_base_salary_in_every_form(base_salary: Any, expected: dict[str, Any]) -> None:
    posting = {"@type": "JobPosting", "title": "Pay", "baseSalary": base_salary}
    assert only_item(page_of(posting)).meta == {"title": "Pay", "salary": expected}


@pytest.mark.parametrize(
    "base_salary",
    [
        money({"minValue": 0, "maxValue": 0, "unitText": "YEAR"}, currency="USD"),
        money({"minValue": "N/A"}, currency="USD"),
        money(None, currency="USD"),
        money({"value": "competitive"}),
        "Competitive",
        "UNAVAILABLE",
        True,
        [],
        {"value": float("nan")},
    ],
)
def test_a_salary_without_an_amount_is_left_out(base_salary: Any) -> None:
    posting = {"@type": "JobPosting", "title": "Pay", "baseSalary": base_salary}
    assert only_item(page_of(posting)).meta == {"title": "Pay"}


def test_estimated_salary_is_read_when_there_is_no_base_salary() -> None:
    posting = {
        "@type": "JobPosting",
        "title": "Nurse",
        "estimatedSalary": [
            money({"value": "N/A"}),
            money({"minValue": 31, "maxValue": 38, "unitText": "HOUR"}, currency="NZD"),
        ],
    }
    assert only_item(page_of(posting)).meta["salary"] == {
        "min": 31,
        "max": 38,
        "currency": "NZD",
        "period": "hour",
    }


def test_a_page_without_json_ld_is_read_best_effort() -> None:
    result = read("no_jsonld.html")
    assert (result.format, result.note, result.problems) == ("html", NOTE, [])
    [item] = result.items
    assert item.key == "https://spokeandchain.example/jobs/bike-mechanic"
    assert item.meta == {
        "title": "Bike Mechanic",
        "url": "https://spokeandchain.example/jobs/bike-mechanic",
    }
    # the role=main part, without its aside and scripts, nor the page's header, nav and footer
    assert item.body == (
        "We need a **bike mechanic** for our Utrecht workshop.\n\n- Repair e-bikes\n- Advise customers"
    )


def test_best_effort_prefers_the_first_heading_and_the_main_part() -> None:
    text = (
        "<title>Careers | Fennel</title><body><nav>Menu</nav><article>Not this</article>"
        "<main><h1> Sous  Chef </h1><p>Cook.</p><footer>Legal</footer></main></body>"
    )
    result = read_page(text, "chef.htm")
    assert result is not None and result.note == NOTE
    [item] = result.items
    assert (item.key, item.meta, item.body) == (
        "page",
        {"title": "Sous Chef"},
        "# Sous Chef\n\nCook.",
    )


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Data Engineer | Careers at Acme", "", "Data Engineer"),
        ("Data Engineer - Acme Jobs", "", "Data Engineer"),
        ("Designer – Berlin | Hiring now", "", "Designer – Berlin"),
        ("Sales Lead · Fennel", "Fennel", "Sales Lead"),
        ("Sales Lead · Fennel", "", "Sales Lead · Fennel"),  # Fennel may be part of the title
        ("Engineer - Berlin", "", "Engineer - Berlin"),
        ("Careers", "", "Careers"),
        ("Job-Ready Developer", "", "Job-Ready Developer"),
    ],
)
def test_only_a_clear_site_suffix_is_trimmed_from_a_title(
    title: str, site: str, expected: str
) -> None:
    assert trim_site_suffix(title, site) == expected


def test_a_script_broken_beyond_repair_costs_only_itself() -> None:
    result = read("broken_next_to_good.html")
    assert result.format == "json-ld"
    assert len(result.problems) == 1 and result.problems[0].startswith("JSON-LD script 1: ")
    [item] = result.items
    assert item.key == "w-1"
    assert item.meta == {"title": "Welder", "company": "Ironside Fabrication"}
    assert item.body == "MIG and TIG."


@pytest.mark.parametrize("text", ["", "  \n", "<html><head></head><body>  </body></html>"])
def test_an_empty_page_gives_no_items_and_a_problem(text: str) -> None:
    result = read_page(text, "empty.html")
    assert result is not None
    assert (result.format, result.items, result.note) == ("html", [], None)
    assert len(result.problems) == 1


@pytest.mark.parametrize("text", ['{"title": "x"}', "[1, 2]", "\ufeff {", "\x00\x01binary"])
def test_text_that_is_clearly_no_html_is_not_read(text: str) -> None:
    assert read_page(text, "job.html") is None


def test_deeply_nested_html_does_not_crash() -> None:
    depth = 10_000
    text = "<title>Deep</title><body>" + "<div>" * depth + "Bottom text" + "</div>" * depth
    result = read_page(text, "deep.html")
    assert result is not None and result.format == "html"
    [item] = result.items
    assert item.meta == {"title": "Deep"}
    assert "Bottom text" in item.body
    unclosed = read_page("<h1>Open</h1>" + "<p><span><b>" * 5_000 + "x", "open.html")
    assert unclosed is not None and unclosed.items[0].meta == {"title": "Open"}


def test_deeply_nested_json_costs_only_its_script() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    good = {"@type": "JobPosting", "title": "Survivor", "identifier": "s-1"}
    result = read_page(page_of(deep, good), "deep.html")
    assert result is not None
    assert result.problems == ["JSON-LD script 1: nested too deep"]
    assert [(i.key, i.meta) for i in result.items] == [("s-1", {"title": "Survivor"})]


def test_a_posting_nested_in_other_nodes_is_found() -> None:
    data: dict[str, Any] = {"@type": "JobPosting", "title": "Deep Diver", "identifier": "dd"}
    for _ in range(300):
        data = {"@type": "WebPage", "mainEntity": data}
    assert only_item(page_of(data)).meta == {"title": "Deep Diver"}


def test_terminal_escapes_and_rich_markup_are_kept_as_text() -> None:
    [item] = read("hostile.html").items
    assert item.key == "t-1"
    assert item.meta == {
        "title": "Terminal \x1b[2J\x1b[31mHacker[/] [bold red]Title[/bold red]",
        "company": "[link=https://evil.example]Evil Corp[/link]",
    }  # the loader cleans them; the reader only must not fail on them
    assert "[bold red]shout[/bold red]" in item.body


def test_a_posting_with_neither_title_nor_description_is_a_problem() -> None:
    empty = {"@type": "JobPosting", "title": "N/A", "description": "", "identifier": "e"}
    good = {"@type": "JobPosting", "title": "Glazier", "identifier": "g"}
    result = read_page(page_of([empty, good]), "two.html")
    assert result is not None and result.format == "json-ld"
    assert result.problems == ["JobPosting 1: no title and no description"]
    assert [i.key for i in result.items] == ["g"]


def test_repeated_keys_are_made_unique_and_a_posting_stated_twice_is_read_once() -> None:
    one = {"@type": "JobPosting", "title": "Roofer", "identifier": "r", "description": "Roofs."}
    other = {**one, "title": "Roofer (nights)"}
    result = read_page(page_of(one, [one, other]), "roof.html")
    assert result is not None and result.problems == []
    assert [(i.key, i.meta["title"]) for i in result.items] == [
        ("r", "Roofer"),
        ("r~2", "Roofer (nights)"),
    ]


def test_location_forms_and_employment_text() -> None:
    posting = {
        "@type": "JobPosting",
        "title": "Surveyor",
        "jobLocation": [
            {"@type": "Place", "address": {"addressLocality": "Oslo", "addressCountry": "NO"}},
            {"@type": "Place", "address": {"addressLocality": "Oslo", "addressCountry": "NO"}},
            {"@type": "Place", "address": {"addressRegion": "Vestland", "addressCountry": ""}},
            {"@type": "Place", "name": "Tromsø office"},
            "Bodø",
            None,
            42,
        ],
        "employmentType": "FULL_TIME, PER_DIEM, seasonal_work",
        "hiringOrganization": [None, {"name": "Fjord Survey AS", "url": "https://fjord.example"}],
    }
    assert only_item(page_of(posting)).meta == {
        "title": "Surveyor",
        "company": "Fjord Survey AS",
        "company_url": "https://fjord.example",
        "location": "Oslo, NO; Vestland; Tromsø office; Bodø",
        "employment_type": "Full-time, Per diem, Seasonal work",
    }


@pytest.mark.parametrize(
    "field",
    [
        {"title": ["a", "list"]},
        {"title": {"nested": {"deep": 1}}},
        {"hiringOrganization": 12.5},
        {"jobLocation": {"address": [1, 2]}},
        {"datePosted": 20250101},
        {"identifier": [{"value": None}, {}]},
        {"url": 7},
        {"description": {"html": "<p>x</p>"}},
        {"baseSalary": {"value": {"minValue": [1], "maxValue": {"x": 1}}}},
        {"applicantLocationRequirements": [{"name": None}, 5, {"@type": "Country"}]},
        {"jobLocationType": {"TELECOMMUTE": True}},
        {"employmentType": [None, 3.5, False]},
        {"skills": {"name": ["x"]}},
    ],
)
def test_wrong_types_cost_only_their_field(field: dict[str, Any]) -> None:
    posting = {"@type": "JobPosting", "title": "Tiler", "description": "Tiles.", **field}
    item = item_from_jobposting(posting, None, 4)
    assert item is not None
    assert item.key.startswith("h")  # no id and no link: a hash of what it says
    assert item.body == ("" if "description" in field else "Tiles.")
    assert item.meta == ({} if "title" in field else {"title": "Tiler"})


def test_job_postings_walks_every_shape_in_document_order() -> None:
    data = [
        {"@graph": [{"@type": "JobPosting", "title": "1"}, {"@type": "Organization"}]},
        {"@type": "ItemList", "itemListElement": [{"item": {"@type": "JobPosting", "title": "2"}}]},
        {"@type": "https://schema.org/JobPosting", "title": "3"},
        "text",
        None,
    ]
    assert [p["title"] for p in job_postings(data)] == ["1", "2", "3"]
    assert job_postings("not data") == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        ("{'a': 'it\\'s'}", {"a": "it's"}),
        ('{"a": "\\x41\\x2f"}', {"a": "A/"}),
        ('{"a": [1, 2, ], }', {"a": [1, 2]}),
        ('{"a": "x\ny\tz"}', {"a": "x\ny\tz"}),
        ('{a: 1, "b": undefined}', {"a": 1, "b": None}),
        ('{"a": 1 /* note */, // line\n "b": 2}', {"a": 1, "b": 2}),
        ('<![CDATA[{"a": "\\/x"}]]>', {"a": "/x"}),
        ('<!-- {"a": 1}; -->', {"a": 1}),
        ('{"a": "c:\\d"}', {"a": "c:d"}),
    ],
)
def test_broken_json_is_repaired(broken: str, expected: Any) -> None:
    assert parse(broken) == expected


@pytest.mark.parametrize(
    "crafted",
    [
        "\\" * 200_000,
        "'" * 200_001,
        '"\\' * 100_000,
        "//" * 100_000,
        "{a:" * 50_000,
        ",]" * 100_000,
    ],
    ids=["backslashes", "quotes", "escaped-quotes", "comments", "bare-keys", "commas"],
)
def test_crafted_json_is_refused_or_repaired_without_crashing(crafted: str) -> None:
    repair(crafted)  # one linear pass: these finish at once
    with contextlib.suppress(ValueError):
        parse(crafted)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<main>In main</main><article>In article</article>", "In main"),
        ("<div>Around</div><article>In article</article>", "In article"),
        ('<div>Around</div><section role="main">In role</section>', "In role"),
        ("<header>Top</header><p>In body</p><footer>Bottom</footer>", "In body"),
    ],
)
def test_best_effort_reads_the_main_part_of_the_page(body: str, expected: str) -> None:
    result = read_page(f"<html><head><title>Cook</title></head><body>{body}</body></html>", "c")
    assert result is not None and result.note == NOTE
    [item] = result.items
    assert (item.key, item.meta, item.body) == ("page", {"title": "Cook"}, expected)


def test_best_effort_takes_the_heading_of_the_main_part_over_a_logo_heading() -> None:
    text = "<body><header><h1>Fennel</h1></header><main><h1>Pastry Chef</h1>Bake.</main></body>"
    result = read_page(text, "pastry.html")
    assert result is not None
    assert result.items[0].meta == {"title": "Pastry Chef"}
    assert result.items[0].body == "# Pastry Chef\n\nBake."


def test_salary_text_inside_a_quantitative_value() -> None:
    posting = {
        "@type": "JobPosting",
        "title": "Pay",
        "baseSalary": money({"value": "€45k", "unitText": "YEAR"}, currency="EUR"),
    }
    assert only_item(page_of(posting)).meta["salary"] == {
        "min": 45000,
        "max": 45000,
        "currency": "EUR",
        "period": "year",
    }


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
FIELDS = st.sampled_from(
    [
        "title",
        "description",
        "identifier",
        "url",
        "hiringOrganization",
        "jobLocation",
        "baseSalary",
        "estimatedSalary",
        "datePosted",
        "employmentType",
        "jobLocationType",
        "applicantLocationRequirements",
        "skills",
        "industry",
        "validThrough",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(FIELDS, JSON_VALUES, max_size=8), st.sampled_from([None, "https://a.example/"])
)
def test_any_json_values_never_break_the_mapping(fields: dict[str, Any], base: str | None) -> None:
    item = item_from_jobposting({"@type": "JobPosting", **fields}, base, 1)
    assert item is None or (item.key and isinstance(item.body, str))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/\"'{}[],:\\!-ab \n&;#")), max_size=300))
def test_any_page_text_never_breaks_the_reader(text: str) -> None:
    read_page(text, "fuzz.html")
    read_page(f'<script type="application/ld+json">{text}</script>', "fuzz.html")


def test_tags_that_never_close_are_refused_in_linear_time() -> None:
    """`<a <a <a ...` and `<a b="<a b="...` make Python's HTML parser scan to the end at each
    tag (minutes at 100 KB): such a page is refused, and a description of it read as text."""
    from jobtui.postings.readers.markup import tangled, to_markdown

    for bad in ("<a " * 30_000, '<a b="' * 30_000, "<div x=1 " * 30_000):
        assert tangled(bad)
        found = read_page(bad, "x.html")
        assert found is not None and not found.items
        assert found.problems == ["tags that never close all over: not HTML"]
        assert to_markdown("<p>Hi</p>" + bad).startswith("Hi")
    assert not tangled("<p>a < b and c > d</p>" * 1000)
    assert not tangled("<ul>" + "<li>x</li>" * 5000 + "</ul>")


def test_a_company_and_place_given_by_reference_in_the_graph_are_followed() -> None:
    """Many career sites write `"hiringOrganization": {"@id": "…/#org"}` and describe the
    organisation once elsewhere in the page (another node of the `@graph`, or another script)."""
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "JobPosting",
                "@id": "https://kv.example/jobs/9#job",
                "title": "Signal Engineer",
                "description": "<p>Trains.</p>",
                "hiringOrganization": {"@id": "https://kv.example/#org"},
                "jobLocation": [
                    {"@id": "https://kv.example/#munich"},
                    {"@type": "Place", "address": {"addressLocality": "Graz"}},
                ],
            },
            {
                "@type": "Place",
                "@id": "https://kv.example/#munich",
                "address": {"@type": "PostalAddress", "addressLocality": "München"},
            },
        ],
    }
    org = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": "https://kv.example/#org",
        "name": "Kühne Verkehr GmbH",
    }
    text = (
        f'<script type="application/ld+json">{json.dumps(graph)}</script>'
        f'<script type="application/ld+json">{json.dumps(org)}</script>'
    )
    result = read_page(text, "kv.html")
    assert result is not None
    [item] = result.items
    assert item.meta["company"] == "Kühne Verkehr GmbH"
    assert item.meta["location"] == "München; Graz"
    assert item.key == "https://kv.example/jobs/9#job"


@pytest.mark.parametrize(
    ("site", "company"),
    [
        ("Northwind Traders", "Northwind Traders"),
        ("Northwind Careers", "Northwind"),
        ("Jobs at Fabrikam", "Fabrikam"),
        ("N/A", None),
        ("", None),
    ],
)
def test_a_page_without_json_ld_is_the_sites_company_from_the_board(site, company) -> None:
    text = (
        f'<html><head><meta property="og:site_name" content="{site}"><title>Barista</title>'
        "</head><body><main><h1>Barista</h1><p>Coffee.</p></main></body></html>"
    )
    result = read_page(text, "barista.html")
    assert result is not None
    [item] = result.items
    assert item.meta.get("company") == company
    assert item.from_board == (frozenset({"company"}) if company else frozenset())


@pytest.mark.parametrize("pay", ["0", "$3", "1e400 USD", "USD 999999999999999"])
def test_a_salary_text_that_is_no_pay_costs_only_the_salary(pay: str) -> None:
    item = item_from_jobposting(
        {"@type": "JobPosting", "title": "Cook", "baseSalary": pay, "description": "Soup."},
        None,
        1,
    )
    assert item is not None and item.meta["title"] == "Cook" and "salary" not in item.meta
