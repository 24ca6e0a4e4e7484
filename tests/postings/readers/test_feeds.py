"""RSS, Atom and JSON Feed files: each item is a posting with its link, day, author, tags,
the job fields boards add as extension elements, and its HTML as Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import from_front_matter
from jobtui.postings.model import Salary
from jobtui.postings.readers import Read, content_key
from jobtui.postings.readers.feeds import read_feed, read_json_feed

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def feed(name: str) -> Read:
    read = read_feed((FIXTURES / name).read_text(encoding="utf-8"), name)
    assert read is not None
    return read


def json_feed(name: str) -> Read:
    read = read_json_feed(json.loads((FIXTURES / name).read_text(encoding="utf-8")), name)
    assert read is not None
    return read


def test_rss_with_a_job_namespace() -> None:
    read = feed("rss_job_namespace.xml")
    assert (read.format, read.note, read.problems) == ("rss", None, [])
    # the guid, else the link, else a hash of what it says (never its place in the file)
    keys = [i.key for i in read.items]
    assert keys[:2] == ["nw-4711", "https://careers.northwind.example/jobs/4712"]
    assert keys[2] == content_key(read.items[2].meta.get("title"), read.items[2].body)
    rust, support, warehouse = read.items
    assert rust.meta == {
        "title": "Senior Rust Engineer",
        "url": "https://careers.northwind.example/jobs/4711",
        "posted": "2026-11-03",
        "author": "Priya Raman",
        "tags": ["rust", "Backend"],
        "company": "Northwind Traders",
        "location": "Lisbon, Portugal",
        "salary": "EUR 70,000 - 90,000 per year",
        "employment_type": "Full-time",
    }
    assert rust.body == "Own our **ledger** service.\n\n- Rust\n- gRPC"
    assert support.meta == {  # `N/A` for a location is no location
        "title": "Support Lead (Nights)",
        "url": "https://careers.northwind.example/jobs/4712",
        "posted": "2026-11-04",
        "company": "Contoso",
        "remote": "Remote",
    }
    assert support.body == (  # content:encoded wins over the description
        "## About the role\n\nLead a team of 6 & keep the "
        "[status page](https://status.contoso.example) green."
    )
    # a date feedparser cannot read is left for the extraction to judge
    assert warehouse.meta == {"title": "Warehouse Coordinator", "posted": "sometime next week"}
    assert warehouse.body == "Plain text, no link and no guid. Salary & shifts on request."
    assert all(i.from_board == frozenset() for i in read.items)


def test_namespace_fields_reach_the_posting() -> None:
    rust, support, _ = feed("rss_job_namespace.xml").items
    fields = Fields()
    from_front_matter(rust.meta, fields)
    assert fields.salary == Salary(70000.0, 90000.0, "EUR", "year")
    assert fields.company == "Northwind Traders"
    assert "rust" in [t.lower() for t in fields.tags]
    fields = Fields()
    from_front_matter(support.meta, fields)
    assert fields.remote is True


def test_atom_with_html_content() -> None:
    read = feed("atom_html_content.xml")
    assert (read.format, read.note, read.problems) == ("atom", None, [])
    spark, qa = read.items
    assert spark.key == "tag:fabrikam.example,2026:job-88"
    assert spark.meta == {
        "title": "Data Engineer (Spark)",  # a title of type html, as text
        "url": "https://fabrikam.example/jobs/88",  # the alternate link, not the enclosure
        "posted": "2026-10-28",  # published wins over updated
        "author": "Fabrikam Talent",
        "tags": ["data", "spark"],
        "location": "Remote (Canada)",
        "salary": "CA$110k–130k",
    }
    assert spark.body == "Build pipelines with `pyspark`.\n\n1. Ingest\n2. Model"
    assert qa.key == "tag:fabrikam.example,2026:job-91"
    assert qa.meta == {
        "title": "QA Analyst",
        "url": "https://fabrikam.example/jobs/91",
        "posted": "2026-10-30",  # only updated
    }
    assert qa.body == "Test things & write it down: 5 < 7."


def test_company_colon_title_in_every_title_is_split() -> None:
    read = feed("rss_company_titles.xml")
    assert [(i.meta.get("company"), i.meta.get("title")) for i in read.items] == [
        ("Acme Corp", "Senior Engineer"),
        ("Blue Yonder GmbH", "Product Manager, Payments"),
        ("Zed & Co", "SRE: on-call lead"),  # only the first colon splits
        (None, None),  # an untitled item neither splits nor breaks the rule
    ]
    assert read.items[0].meta == {
        "company": "Acme Corp",
        "title": "Senior Engineer",
        "url": "https://remoteboard.example/1",
    }
    assert read.items[3].meta == {"url": "https://remoteboard.example/4"}
    assert read.items[3].body == "An item without a title does not break the rule."


def test_titles_stay_whole_when_only_some_have_a_colon() -> None:
    read = feed("rss_some_colons.xml")
    assert [i.meta for i in read.items] == [
        {"title": "Acme Corp: Senior Engineer"},
        {"title": "Frontend Developer (React)"},
        {"title": "Re: Platform team"},
        {"title": "Data Analyst"},
    ]
    assert [i.key for i in read.items] == ["a1", "a2", "a3", "a2~2"]  # a repeated guid
    assert all(i.body == "" for i in read.items)


def rss(*titles: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><guid>g{n}</guid></item>" for n, t in enumerate(titles)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>b</title>{items}</channel></rss>'
    )


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (
            ("Senior Engineer at Acme", "Designer at Blue Yonder", "Head of Data at Zed at Home"),
            [
                ("Acme", "Senior Engineer"),
                ("Blue Yonder", "Designer"),
                ("Home", "Head of Data at Zed"),
            ],
        ),
        (("Acme: Engineer", "Globex: Designer"), [None, None]),  # two are not enough
        (("Remote: Engineer", "Remote: Designer", "Remote: Writer"), [None, None, None]),
        (("Acme: Engineer", "Globex: Designer", "Initech:Analyst"), [None, None, None]),
    ],
)
def test_title_split_rule(titles: tuple[str, ...], expected: list[Any]) -> None:
    read = read_feed(rss(*titles), "b.xml")
    assert read is not None
    for item, title, want in zip(read.items, titles, expected, strict=True):
        if want is None:
            assert item.meta == {"title": title}
        else:
            assert (item.meta["company"], item.meta["title"]) == want


def test_json_feed_with_a_job_extension() -> None:
    read = json_feed("json_feed_jobs.json")
    assert read.format == "json-feed"
    assert read.note is None
    assert read.problems == ["item 3: not an object", "item 4: no title, link or text"]
    assert [i.key for i in read.items] == ["ts-2026-017", "18", "https://tailspin.example/jobs/19"]
    designer, community, sound = read.items
    assert designer.meta == {
        "title": "Game Designer",
        "url": "https://tailspin.example/jobs/17",
        "posted": "2026-11-05",  # the day as written, not moved to UTC
        "author": "Kenji Sato",
        "tags": ["unity", "C#"],
        "company": "Tailspin Toys",
        "location": "Osaka, Japan",
        "salary": {"min": 6000000, "max": 8000000, "currency": "JPY", "period": "year"},
        "employment_type": "full-time",
    }
    assert designer.body == "Design **toy** physics.\n\nPerks & more"
    assert community.meta == {  # UNAVAILABLE is no location; `remote: false` is no text
        "title": "Community Manager",
        "url": "https://partner.example/apply/18",
        "posted": "2026-11-06",
        "author": "HR Bot",
        "company": "Wingtip",
        "salary": "$25/hour",
    }
    assert community.body == "Run our Discord.\nBe kind."
    assert sound.meta == {"title": "Sound Engineer", "url": "https://tailspin.example/jobs/19"}
    assert sound.body == "Foley and mixing."
    fields = Fields()
    from_front_matter(designer.meta, fields)
    assert fields.salary == Salary(6000000, 8000000, "JPY", "year")


def test_broken_xml_still_yields_entries() -> None:
    read = feed("broken.xml")
    assert read.format == "rss"
    assert read.note is not None and read.note.startswith("broken XML")
    assert read.note.endswith("read best-effort")
    assert [(i.key, i.meta) for i in read.items] == [
        ("b-1", {"title": "Night Shift Nurse", "url": "https://broken.example/jobs/1"}),
        ("b-2", {"title": "Ward Clerk"}),
    ]
    assert read.items[0].body == "Pay: $40/hr & overtime"


def test_billion_laughs_is_not_expanded() -> None:
    read = feed("billion_laughs.xml")
    (item,) = read.items
    assert item.key == "lol-1"
    assert item.meta == {"title": "Clown &lol9;"}
    assert len(item.body) < 20


def test_external_entities_are_not_read() -> None:
    read = feed("xxe.xml")
    (item,) = read.items
    seen = json.dumps(item.meta) + item.body
    assert "root:" not in seen  # /etc/passwd
    assert item.meta == {"title": "Admin &passwd;", "url": "https://xxe.example/1"}
    assert item.body.startswith("&hostname")


def test_declared_encoding_of_a_decoded_text() -> None:
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>c</title>'
        "<item><title>Café Barista</title><guid>c1</guid></item></channel></rss>"
    )
    read = read_feed(text, "c.xml")
    assert read is not None and read.items[0].meta == {"title": "Café Barista"}


def test_rdf_feed_and_a_bom() -> None:
    text = (
        '\ufeff<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>t</title></channel>'
        '<item rdf:about="https://rdf.example/1"><title>Welder</title>'
        "<link>https://rdf.example/1</link></item></rdf:RDF>"
    )
    read = read_feed(text, "r.rdf")
    assert read is not None and read.format == "rss"
    assert [(i.key, i.meta) for i in read.items] == [
        ("https://rdf.example/1", {"title": "Welder", "url": "https://rdf.example/1"})
    ]


def test_bad_json_feed_items() -> None:
    read = read_json_feed(
        {
            "version": "https://jsonfeed.org/version/1",
            "items": [
                {"id": ["x"], "title": {"t": 1}, "url": "javascript:alert(1)", "summary": "Text"},
                {"id": "d", "title": "D", "tags": "not a list", "authors": "nobody", "_job": 3},
                {"id": "d", "title": "E", "date_published": "2026-02-30T00:00:00Z"},
            ],
        },
        "f.json",
    )
    assert read is not None and read.problems == []
    assert [(i.key, i.meta, i.body) for i in read.items] == [
        (content_key(None, "Text"), {}, "Text"),
        ("d", {"title": "D"}, ""),
        ("d~2", {"title": "E", "posted": "2026-02-30"}, ""),  # the extraction rejects the day
    ]
    assert read_json_feed({"version": "https://jsonfeed.org/version/1.1"}, "f.json") == Read(
        "json-feed", []
    )
    assert read_json_feed(
        {"version": "https://jsonfeed.org/version/1.1", "items": {}}, "f.json"
    ) == Read("json-feed", [], problems=["items: not a list"])


GREENHOUSE = {"jobs": [{"id": 1, "title": "Engineer", "absolute_url": "https://x.example/1"}]}
LEVER = [{"id": "abc", "text": "Engineer", "categories": {"location": "Paris"}}]
HN_ALGOLIA = {"id": 1, "type": "story", "title": "Ask HN: Who is hiring?", "children": []}
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Jobs</title><link rel="alternate" type="application/rss+xml" href="/rss">
</head><body><feed>not a feed</feed><rss version="2.0"></rss></body></html>"""
MARKDOWN = "# Acme: Senior Engineer\n\n<rss> is mentioned here\n"


@pytest.mark.parametrize(
    "text",
    [
        HTML_PAGE,
        MARKDOWN,
        json.dumps(GREENHOUSE),
        "",
        "https://example.com/feed.xml",  # never fetched
        "/etc/passwd",  # never opened
        '<?xml version="1.0"?><urlset><url><loc>https://x.example</loc></url></urlset>',
    ],
)
def test_other_text_is_no_feed(text: str) -> None:
    assert read_feed(text, "x") is None


@pytest.mark.parametrize(
    "data",
    [
        GREENHOUSE,
        LEVER,
        HN_ALGOLIA,
        {"version": "1.1", "items": []},
        {"version": 1, "items": []},
        None,
        "https://jsonfeed.org/version/1.1",
    ],
)
def test_other_json_is_no_json_feed(data: Any) -> None:
    assert read_json_feed(data, "x.json") is None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(["id", "_job", "company"]), inner)
    ),
    max_leaves=20,
)
ITEM_KEYS = [
    *("id", "url", "external_url", "title", "content_html", "content_text", "summary"),
    *("date_published", "date_modified", "authors", "author", "tags", "_job", "_jobs"),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(ITEM_KEYS), json_values) | json_values))
def test_any_json_feed_items_never_raise(items: list[Any]) -> None:
    data = {"version": "https://jsonfeed.org/version/1.1", "items": items}
    assert read_json_feed(data, "f.json") is not None


XML_BITS = [
    '<?xml version="1.0" encoding="latin-1"?>',
    "<!DOCTYPE rss [<!ENTITY a 'b'>]>",
    '<rss version="2.0">',
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<channel>",
    "<item>",
    "<entry>",
    "<title>Acme: Engineer</title>",
    "<link>https://x.example</link>",
    '<link href="https://y.example"/>',
    "<guid>g</guid>",
    "<pubDate>Mon, 99 Foo 2026</pubDate>",
    "<job:company>",
    "<description>&lt;p&gt;x",
    "<content type='html'>",
    "</item>",
    "&amp;",
    "&a;",
    "<![CDATA[<b>",
    "]]>",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(XML_BITS) | st.text(max_size=10), max_size=25))
def test_any_xml_never_raises(bits: list[str]) -> None:
    read_feed("".join(bits), "f.xml")


def test_a_job_boards_region_element_is_the_location_and_a_logo_is_no_text() -> None:
    """Remote boards write `<region>Anywhere in the World</region>` and start descriptions
    with the company's logo: the region is where the job is; the logo is dropped, not
    shown as '🌆 logo'."""
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Remote jobs</title>
    <item><title>Doist: Product Designer</title><link>https://b.example/1</link>
    <region>Europe Only</region>
    <description><![CDATA[<img src="https://b.example/l.png" alt="logo"><p>Design.</p>]]></description>
    </item></channel></rss>"""
    found = read_feed(feed, "remote.rss")
    assert found is not None
    [item] = found.items
    assert item.meta["location"] == "Europe Only"
    assert item.body == "Design."


@pytest.mark.parametrize(
    ("author", "company"),
    [
        ("Nordwind Analytics GmbH", "Nordwind Analytics GmbH"),
        ("Vela Robotique S.A.S.", "Vela Robotique S.A.S."),
        ("Kite & Anchor Ltd", "Kite & Anchor Ltd"),
        ("Marta Kowalska", None),  # a person
        ("Careers Team", None),  # the board or a team
        ("Jobs, Inc. and Partners", None),
    ],
)
def test_an_author_is_the_company_only_when_its_name_is_one(author, company) -> None:
    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Jobs</title>'
        f"<entry><id>urn:x:1</id><title>Firmware Engineer</title><author><name>{author}</name>"
        "</author><content type='text'>Build it.</content></entry></feed>"
    ).replace("&", "&amp;")
    read = read_feed(atom, "jobs.atom")
    assert read is not None
    (item,) = read.items
    assert item.meta.get("company") == company
    assert item.meta["author"] == author  # kept as written either way
    feed_json = {"version": "https://jsonfeed.org/version/1.1", "title": "Jobs", "items": [
        {"id": "1", "title": "Firmware Engineer", "authors": [{"name": author}]}
    ]}  # fmt: skip
    read = read_json_feed(feed_json, "jobs.json")
    assert read is not None
    assert read.items[0].meta.get("company") == company
