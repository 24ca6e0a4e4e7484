"""Hacker News "Who is hiring?" threads: each top-level comment is one posting, its first line
read into company, title, location, remote, salary and link; replies and removed comments never."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import from_front_matter
from jobtui.postings.model import Salary
from jobtui.postings.readers import Read
from jobtui.postings.readers.hn import first_line_fields, read_hn_json, read_hn_page
from jobtui.postings.readers.hn_first_line import split_first_line
from jobtui.postings.text import clean_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "hn"
THREAD = "Ask HN: Who is hiring? (November 2026)"
HN = "https://news.ycombinator.com/item?id="


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def thread_meta(key: str, **fields: Any) -> dict[str, Any]:
    return {"hn_url": HN + key, "thread": THREAD, **fields}


EXPECTED = {
    "45800101": thread_meta(
        "45800101",
        company="Acme Robotics",
        title="Senior Backend Engineer",
        location="Berlin, Germany",
        remote=True,
        remote_note="EU timezones",
        salary="€85k–€110k",
        url="https://acme-robotics.example/careers?ref=hn",
        posted="2026-11-02",
        author="acme_jobs",
    ),
    "45800102": thread_meta(
        "45800102",
        company="Globex (YC W21)",
        title="Senior and Staff Engineers",
        location="NYC",
        remote=True,
        remote_note="NYC or Remote",
        salary="$150k-$200k + equity",
        url="https://globex.example/jobs",  # none in the first line: the body's first
        posted="2026-11-02",
        author="globex_cto",
    ),
    "45800103": thread_meta(
        "45800103",
        company="Initech",
        title="Product Designer",
        location="Austin, TX",
        remote=False,
        employment_type="Full-time",
        url=HN + "45800103",
        posted="2026-11-02",
        author="initech_hr",
    ),
    "45800105": thread_meta(  # a sentence, not fields: nothing taken from it
        "45800105", url=HN + "45800105", posted="2026-11-03", author="solo_founder"
    ),
    "45800106": thread_meta(
        "45800106",
        company="stark.io",
        title="Founding Engineer",
        location="US only",
        remote="hybrid",
        remote_note="SF Bay Area",
        salary="$180k–$220k + 0.5%",
        url="https://stark.io",
        posted="2026-11-03",  # 23:59:59 UTC
        author="tstark",
    ),
    "45800107": thread_meta(
        "45800107",
        company="Umbrella Health",
        title="Data Scientist, ML Engineer",
        remote=True,
        remote_note="US",
        url="https://umbrella.example/jobs/ds",  # the link's target, not its shortened text
        posted="2026-11-04",
        author="umbrella",
    ),
}

BODIES = {
    "45800101": "Acme Robotics | Senior Backend Engineer | Berlin, Germany | REMOTE (EU timezones)"
    " | €85k–€110k | https://acme-robotics.example/careers?ref=hn\n\n"
    "We build warehouse robots & the software that runs them. Stack: Go, Postgres, Kubernetes."
    '\n\nEmail [jobs@acme-robotics.example](mailto:jobs@acme-robotics.example) with "HN" in the'
    " subject.",
    "45800102": "Hiring: Globex (YC W21) - Senior and Staff Engineers - NYC or Remote - "
    "$150k-$200k + equity\n\nWe're building payroll for *small* shops. Our stack:\n\n"
    "```\n  python 3.12\n  django & htmx\n```\n\nApply: https://globex.example/jobs",
    "45800103": "Initech • Product Designer • ONSITE • Austin, TX • Full-time\n\n"
    "Figma, user research, and a red stapler.",
    "45800105": "We're a small climate startup looking for a data person; ping me if "
    "interested.\n\nNo recruiters, please.",
    "45800106": "stark.io | Founding Engineer | US only | Hybrid (SF Bay Area) | $180k–$220k "
    "+ 0.5%\n\nRust and TypeScript. Three of us so far.",
    "45800107": "Umbrella Health | Data Scientist, ML Engineer | Remote (US) | "
    "https://umbrella.example/jobs/ds\n\nClinical data, PyTorch.",
}


def check_thread(read: Read | None, thread: bool = True) -> None:
    assert read is not None
    assert read.format == "hn"
    assert read.note is None
    assert read.problems == []
    # replies, the deleted, the dead and the empty comment are no postings
    assert [i.key for i in read.items] == list(EXPECTED)
    for item in read.items:
        expected = dict(EXPECTED[item.key])
        if not thread:
            del expected["thread"]
        assert item.meta == expected, item.key
        assert item.body == BODIES[item.key], item.key
        assert item.from_board == frozenset()


def test_algolia_thread() -> None:
    check_thread(read_hn_json(load("algolia_thread.json"), "algolia_thread.json"))


def test_an_algolia_thread_saved_without_its_types() -> None:
    """A thread saved by hand or by another tool may drop `type`: a hiring thread's title and
    children that are comments still make it one."""

    def untyped(item: Any) -> Any:
        if isinstance(item, dict):
            return {k: untyped(v) for k, v in item.items() if k != "type"}
        return [untyped(v) for v in item] if isinstance(item, list) else item

    data = untyped(load("algolia_thread.json"))
    assert "type" not in data and "who is hiring" in data["title"].lower()
    check_thread(read_hn_json(data, "algolia_thread.json"))


def test_firebase_file_gives_the_same_postings() -> None:
    check_thread(read_hn_json(load("firebase_thread.json"), "firebase_thread.json"))


def test_firebase_array_of_comments() -> None:
    comments = load("firebase_thread.json")["comments"]
    check_thread(read_hn_json(comments, "comments.json"), thread=False)


def test_first_line_fields_reach_the_posting() -> None:
    """The extraction reads what the reader leaves as text: the salary, hybrid, the day."""
    read = read_hn_json(load("algolia_thread.json"), "t.json")
    assert read is not None
    items = {i.key: i for i in read.items}
    acme = Fields()
    from_front_matter(items["45800101"].meta, acme)
    assert acme.salary == Salary(85000.0, 110000.0, "EUR", "year")
    assert (acme.remote, acme.company, acme.location) == (True, "Acme Robotics", "Berlin, Germany")
    stark = Fields()
    from_front_matter(items["45800106"].meta, stark)
    assert (stark.remote, stark.hybrid) == (None, True)
    assert stark.salary == Salary(180000.0, 220000.0, "USD", "year")
    assert stark.posted is not None and stark.posted.isoformat() == "2026-11-03"


PAGE_THREAD = "Ask HN: Who is hiring? (December 2026)"


def test_saved_page() -> None:
    text = (FIXTURES / "thread_page.html").read_text(encoding="utf-8")
    read = read_hn_page(text, "thread_page.html")
    assert read is not None
    assert (read.format, read.note, read.problems) == ("hn", None, [])
    # replies (indent 1 and 2, and one told by its spacer image only), the deleted and the
    # dead comment are left out
    assert [i.key for i in read.items] == ["46100101", "46100102", "46100105"]
    wonka, cyberdyne, soylent = read.items
    assert wonka.meta == {
        "company": "Wonka Industries",
        "title": "Staff Platform Engineer",
        "location": "London, UK",
        "remote": "hybrid",
        "remote_note": "2 days/week",
        "salary": "£120,000 – £140,000",
        "url": "https://wonka.example/careers/platform",
        "posted": "2026-12-01",
        "author": "wonka_eng",
        "hn_url": HN + "46100101",
        "thread": PAGE_THREAD,
    }
    assert wonka.body == (
        "Wonka Industries | Staff Platform Engineer | London, UK | Hybrid (2 days/week) | "
        "£120,000 – £140,000 | https://wonka.example/careers/platform\n\n"
        "We run the *chocolate river* on Kubernetes & Terraform.\n\nQuestions? Reply here."
    )
    assert "reply" not in wonka.body.split("Reply here")[1]  # the page's reply link is gone
    assert cyberdyne.meta == {
        "company": "Cyberdyne Systems",
        "title": "ML Researchers",
        "location": "Europe",
        "remote": True,
        "url": HN + "46100102",
        "posted": "2026-12-02",  # the age title without its unix time
        "author": "cyberdyne",
        "hn_url": HN + "46100102",
        "thread": PAGE_THREAD,
    }
    assert cyberdyne.body == (
        "Cyberdyne Systems – ML Researchers – REMOTE – Europe\n\n"
        "Work on safe autonomy. [jobs@cyberdyne.example](mailto:jobs@cyberdyne.example)"
    )
    assert soylent.meta == {
        "company": "SOYLENT CORP",
        "title": "Head of Nutrition",
        "location": "Boston, MA",
        "remote": False,
        "url": HN + "46100105",
        "posted": "2026-12-03",
        "author": "soylent",
        "hn_url": HN + "46100105",
        "thread": PAGE_THREAD,
    }
    assert (
        soylent.body
        == "SOYLENT CORP; Head of Nutrition; Boston, MA; ONSITE\n\nGreen is the new black."
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Quillworks Ltd. is hiring several roles | Remote (EU) | Senior Rust Engineer, SRE",
            {
                "company": "Quillworks Ltd.",
                "title": "Senior Rust Engineer, SRE",
                "remote": True,
                "remote_note": "EU",
            },
        ),
        (
            "Hooli / Site Reliability Engineer / Remote (US) / https://hooli.example/careers",
            {
                "company": "Hooli",
                "title": "Site Reliability Engineer",
                "remote": True,
                "remote_note": "US",
                "url": "https://hooli.example/careers",
            },
        ),
        (
            "REMOTE | Umbrella Labs | Data Scientist",  # the first part is no company
            {"remote": True, "title": "Data Scientist"},
        ),
        (
            "Vandelay Industries | Importer/Exporter Lead | Remote or Berlin | 90k EUR",
            {
                "company": "Vandelay Industries",
                "title": "Importer/Exporter Lead",
                "remote": True,
                "location": "Berlin",
                "remote_note": "Remote or Berlin",
                "salary": "90k EUR",
            },
        ),
        ("Acme is hiring engineers in Berlin", {}),  # one part: nothing taken
        ("We build X - and we need help with it.", {}),  # a dash in a sentence
        ("", {}),
        (
            'Pied Piper | <a href="https:&#x2F;&#x2F;piedpiper.example">piedpiper.example</a>',
            {"company": "Pied Piper", "url": "https://piedpiper.example"},
        ),
        (
            "Hiring: Massive Dynamic • Research Scientists • Boston, MA / Remote",
            {
                "company": "Massive Dynamic",
                "title": "Research Scientists",
                "remote": True,
                "location": "Boston, MA",
                "remote_note": "Boston, MA / Remote",
            },
        ),
    ],
)
def test_first_line_forms(line: str, expected: dict[str, Any]) -> None:
    assert first_line_fields(line) == expected


def algolia(*children: Any) -> dict[str, Any]:
    return {"id": 1, "type": "story", "title": "Ask HN: Who is hiring?", "children": list(children)}


def test_bad_comments_cost_only_themselves() -> None:
    good = {"id": 7, "author": "ok", "created_at_i": 1793635212, "text": "A | Engineer"}
    read = read_hn_json(
        algolia(
            "a string",
            {"author": "x", "text": "No id | Engineer"},
            {"id": "12abc", "text": "Bad id | Engineer"},
            {"id": 8, "text": ["not", "text"]},
            {"id": 9, "text": "Z | Dev", "created_at_i": 1e300, "created_at": "2026-13-40"},
            good,
            good,  # the same id twice: the later gets a suffix
            {"id": 10, "text": "Q | Dev", "author": {"nested": 1}, "created_at": None},
        ),
        "t.json",
    )
    assert read is not None
    assert read.problems == ["comment 1: not an object", "comment 2: no id", "comment 3: no id"]
    assert [i.key for i in read.items] == ["9", "7", "7~2", "10"]
    nine, seven, _, ten = read.items
    assert "posted" not in nine.meta
    assert seven.meta["posted"] == "2026-11-02"
    assert "author" not in ten.meta and ten.meta["company"] == "Q"


def test_a_zero_time_falls_back_to_the_written_one() -> None:
    zero = {"id": 5, "created_at_i": 0, "created_at": "2026-11-02T16:01:00.000Z", "text": "A | Dev"}
    read = read_hn_json(algolia(zero), "t.json")
    assert read is not None and read.items[0].meta["posted"] == "2026-11-02"


def test_children_not_a_list() -> None:
    read = read_hn_json({"type": "story", "children": {"id": 1}}, "t.json")
    assert read == Read("hn", [], problems=["comments: not a list"])


def test_deeply_nested_comment_html() -> None:
    text = "Deep | Engineer<p>" + "<i>" * 5000 + "deep" + "</i>" * 5000
    read = read_hn_json(algolia({"id": 3, "text": text}), "t.json")
    assert read is not None and read.items[0].meta["company"] == "Deep"
    assert "deep" in read.items[0].body


def test_huge_first_line_is_not_read() -> None:
    """Thousands of parts are prose (or an attack), not a header: nothing is read from them."""
    text = "Acme | Engineer | " * 300 + "<p>Body"
    read = read_hn_json(algolia({"id": 3, "text": text}), "t.json")
    assert read is not None
    assert read.items[0].meta == {
        "url": HN + "3",
        "hn_url": HN + "3",
        "thread": "Ask HN: Who is hiring?",
    }


GREENHOUSE = {"jobs": [{"id": 1, "title": "Engineer", "absolute_url": "https://x.example/1"}]}
LEVER = [{"id": "abc", "text": "Engineer", "categories": {"location": "Paris"}}]
JSON_FEED = {"version": "https://jsonfeed.org/version/1.1", "items": []}


@pytest.mark.parametrize(
    "data",
    [
        GREENHOUSE,
        LEVER,
        JSON_FEED,
        {},
        [],
        [None, 1],
        "Ask HN",
        None,
        {"story": {"type": "job"}, "comments": []},  # a job story is no thread
        [{"id": 1, "type": "story", "parent": 2}],
        {"type": "comment", "children": []},
        {"title": "Our team", "children": [{"text": "x"}]},  # untyped, no hiring thread
        {"title": "Ask HN: Who is hiring?", "children": [{"name": "a tree node"}]},
    ],
)
def test_other_json_is_not_hn(data: Any) -> None:
    assert read_hn_json(copy.deepcopy(data), "x.json") is None


HTML_PAGE = """<!DOCTYPE html><html><head><title>Careers | Acme</title></head>
<body><table><tr class="athing"><td>Not HN</td></tr></table><p>Join us</p></body></html>"""
FRONT_PAGE = """<html><head><title>Hacker News</title></head><body><table>
<tr class="athing submission" id="1"><td class="title"><span class="titleline">
<a href="https://news.ycombinator.com/x">A story</a></span></td></tr></table></body></html>"""
MARKDOWN = (
    "# Senior Engineer at Acme\n\nLocation: Berlin | Remote\n\nhttps://news.ycombinator.com\n"
)


@pytest.mark.parametrize("text", [HTML_PAGE, FRONT_PAGE, MARKDOWN, "", "<rss version='2.0'/>"])
def test_other_pages_are_not_hn(text: str) -> None:
    assert read_hn_page(text, "x.html") is None


def test_item_page_without_comments() -> None:
    text = (FIXTURES / "thread_page.html").read_text(encoding="utf-8")
    start = text.index('<table border="0" class="comment-tree">')
    read = read_hn_page(text[:start] + "</td></tr></table></center></body></html>", "x.html")
    assert read == Read("hn", [])


def test_first_line_inside_a_paragraph() -> None:
    read = read_hn_json(
        algolia({"id": 4, "text": "<p>Acme | Staff Engineer</p><p>More.</p>", "type": "comment"}),
        "t.json",
    )
    assert read is not None
    assert (read.items[0].meta["company"], read.items[0].meta["title"]) == (
        "Acme",
        "Staff Engineer",
    )
    assert read.items[0].body == "Acme | Staff Engineer\n\nMore."


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "type", "text", "children", "story", "comments", "parent", "by"]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "author", "text", "created_at", "created_at_i", "dead", "type"]),
        json_values,
    )
)
def test_any_comment_values_never_raise(comment: dict[str, Any]) -> None:
    assert read_hn_json(algolia(comment), "t.json") is not None


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json_never_raises(data: Any) -> None:
    read_hn_json(data, "t.json")


PAGE_BITS = [
    '<tr class="athing comtr" id="5">',
    '<td class="ind" indent="0">',
    '<td class="ind" indent="x">',
    '<img width="40">',
    '<span class="age" title="2026-13-99T00:00:00 99999999999999">',
    '<a class="hnuser">',
    '<div class="commtext">',
    "A | Engineer | Remote",
    "<p>",
    "</div>",
    "</tr>",
    '<table class="fatitem">',
    "Hacker News ycombinator",
    '<div class="reply">',
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PAGE_BITS) | st.text(max_size=10), max_size=30))
def test_any_page_never_raises(bits: list[str]) -> None:
    read_hn_page("".join(bits), "p.html")


LINKS_THREAD = "Ask HN: Who is hiring? (January 2027)"


def links_meta(key: str, posted: str, author: str, **fields: Any) -> dict[str, Any]:
    return {
        "url": HN + key,
        **fields,
        "posted": posted,
        "author": author,
        "hn_url": HN + key,
        "thread": LINKS_THREAD,
    }


LINKS_EXPECTED = {
    "45900101": (
        links_meta(
            "45900101",
            "2027-01-01",
            "ferrolab",
            company="FerroLab",
            title="Backend Engineer",
            location="Berlin",
            remote=True,
            remote_note="EU",
            url="https://ferrolab.example/about_us",  # the first link that is not to HN itself
        ),
        "FerroLab | Backend Engineer | Berlin | REMOTE (EU)\n\nWe build sensors for steel mills. "
        "Our story: [last year's thread](https://news.ycombinator.com/item?id=41000000); to "
        "learn more and [apply here](https://ferrolab.example/about_us).\n\n"
        "Apply: https://ferrolab.example/jobs",
    ),
    "45900105": (
        links_meta(
            "45900105",
            "2027-01-01",
            "brightkiln",
            company="BrightKiln (YC W24)",
            title="Full-stack Engineer",
            remote=True,
            remote_note="US only",
            salary="$140,000 - $170,000 + equity",  # ` - ` inside the range splits nothing
            url="https://brightkiln.example/careers/full_stack?src=hn&v=2",
        ),
        "BrightKiln (YC W24) - Full-stack Engineer - REMOTE (US only) - $140,000 - $170,000 + "
        "equity\n\nKilns that schedule themselves. "
        "https://brightkiln.example/careers/full_stack?src=hn&v=2",  # all of it, not `src=h...`
    ),
    "45900106": (
        links_meta(
            "45900106",
            "2027-01-01",
            "nordvik",
            company="Nordvik Analytics",
            title="Data Engineer",
            location="Oslo",
            remote=True,
            remote_note="Remote (EU)",
            salary="NOK 750k-950k",
        ),
        "Nordvik Analytics | Data Engineer | Oslo or Remote (EU) | NOK 750k-950k\n\n"
        "Spark, dbt, and fjords.",
    ),
    "45900107": (
        links_meta(
            "45900107",
            "2027-01-02",
            "quietpine",
            company="Quiet Pine Games",
            title="Gameplay Programmer",
            location="Montréal, QC",
            remote="hybrid",
            salary="CA$95k–115k",
        ),
        "Quiet Pine Games — Gameplay Programmer — Montréal, QC (hybrid) — CA$95k–115k\n\n"
        "Cozy games, C++ and Lua.",
    ),
    "45900108": (
        links_meta(
            "45900108",
            "2027-01-03",
            "lodzbio",
            company="Łódź Bioinformatics Sp. z o.o.",
            title="Bioinformatician",
            location="Łódź, Poland",
            remote=False,
            salary="18 000–24 000 zł/mies.",
        ),
        "Łódź Bioinformatics Sp. z o.o. | Bioinformatician | Łódź, Poland | ONSITE | "
        "18 000–24 000 zł/mies.\n\nGenomy, Python, R.",
    ),
    "45900109": (
        links_meta(
            "45900109",
            "2027-01-03",
            "lattice",
            company="Lattice Harbor",
            location="Singapore",
            title="Senior Platform Engineer",
            salary="SGD 8k-12k/month",
            remote=True,
            remote_note="APAC timezones",
        ),
        "Lattice Harbor is hiring!\n\nCompany: Lattice Harbor\n\nLocation: Singapore\n\n"
        "Role: Senior Platform Engineer Salary: SGD 8k-12k/month\n\n"
        "Remote: Yes (APAC timezones)\n\n"
        "Write to [jobs@lattice-harbor.example](mailto:jobs@lattice-harbor.example).",
    ),
    "45900110": (
        links_meta(
            "45900110",
            "2027-01-04",
            "tidewater",
            title="Senior Data Engineer",  # the role came first
            company="Tidewater Labs",
            location="Lisbon",
            salary="€70k",
        ),
        "Senior Data Engineer | Tidewater Labs | Lisbon | €70k\n\nOcean data.",
    ),
    "45900111": (
        links_meta(  # no role at all: no title (the loader shows the first line)
            "45900111",
            "2027-01-04",
            "quokka",
            company="Quokka Cloud",
            location="Sydney",
            salary="A$120k",
        ),
        "Quokka Cloud | Sydney | A$120k\n\nWe are growing; write to us.",
    ),
}


def test_links_and_first_line_shapes() -> None:
    """Links stay in the body (a bare one as its address); `[flagged]`, `[dead]` and
    `[deleted]` comments are no postings; common first-line shapes are read."""
    read = read_hn_json(load("algolia_links_thread.json"), "algolia_links_thread.json")
    assert read is not None
    assert (read.format, read.note, read.problems) == ("hn", None, [])
    assert [i.key for i in read.items] == list(LINKS_EXPECTED)
    for item in read.items:
        meta, body = LINKS_EXPECTED[item.key]
        assert item.meta == meta, item.key
        assert item.body == body, item.key
        assert item.from_board == frozenset()


def test_links_survive_the_loaders_cleaning() -> None:
    """What `jobtui show` prints: the loader cleans the body, and the addresses are still there."""
    read = read_hn_json(load("algolia_links_thread.json"), "t.json")
    assert read is not None
    body = clean_markdown(read.items[0].body)
    assert body.endswith("Apply: https://ferrolab.example/jobs\n")
    assert "[apply here](https://ferrolab.example/about_us)" in body


def test_new_first_line_fields_reach_the_posting() -> None:
    read = read_hn_json(load("algolia_links_thread.json"), "t.json")
    assert read is not None
    items = {i.key: i.meta for i in read.items}
    salaries = {
        "45900105": Salary(140000.0, 170000.0, "USD", "year"),
        "45900106": Salary(750000.0, 950000.0, "NOK", "year"),
        "45900107": Salary(95000.0, 115000.0, "CAD", "year"),
        "45900109": Salary(8000.0, 12000.0, "SGD", "month"),
    }
    for key, salary in salaries.items():
        fields = Fields()
        from_front_matter(items[key], fields)
        assert fields.salary == salary, key
    pine = Fields()
    from_front_matter(items["45900107"], pine)
    assert (pine.hybrid, pine.location) == (True, "Montréal, QC")


def test_removed_comment_text_is_no_posting() -> None:
    for text in ("[flagged]", "<p>[dead]", " [Deleted] "):
        read = read_hn_json(algolia({"id": 3, "author": "x", "text": text}), "t.json")
        assert read == Read("hn", []), text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Kestrel Audio - DSP Engineer - €60k - 80k - Jan - Mar 2027 contract",
            {
                "company": "Kestrel Audio",
                "title": "DSP Engineer",
                "salary": "€60k - 80k",
            },
        ),
        (
            "Staff Engineer at Marlin Freight | Remote (Americas) | "
            '<a href="https:&#x2F;&#x2F;news.ycombinator.com&#x2F;item?id=5">thread</a>',
            {
                "title": "Staff Engineer",
                "company": "Marlin Freight",
                "remote": True,
                "remote_note": "Americas",
            },
        ),
        (
            "Fennec Maps | Cartographer | NYC or Remote or SF",
            {
                "company": "Fennec Maps",
                "title": "Cartographer",
                "remote": True,
                "location": "NYC / SF",
                "remote_note": "NYC or Remote or SF",
            },
        ),
        (
            "Otterly | Berlin (remote OK) | Remote Engineer",
            {
                "company": "Otterly",
                "location": "Berlin",
                "remote": True,
                "title": "Remote Engineer",
            },
        ),
        (
            "Senior Engineer | Berlin | Remote",
            {"title": "Senior Engineer", "location": "Berlin", "remote": True},
        ),
        # the role first: the other part is the company, not a role word (`-er`)
        ("Senior Engineer | Docker", {"title": "Senior Engineer", "company": "Docker"}),
        ("Company: Acme | Role: Engineer", {}),  # key lines, read elsewhere
    ],
)
def test_more_first_line_forms(line: str, expected: dict[str, Any]) -> None:
    assert first_line_fields(line) == expected


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        (
            "Acme - Intern - Jun 2027 - Aug 2027 - €3k - 4k/month",
            ["Acme", "Intern", "Jun 2027 - Aug 2027", "€3k - 4k/month"],
        ),
        (
            "Zeta - Jan - Mar 2027 - 2027-01 - 2027-06",
            ["Zeta", "Jan - Mar 2027", "2027-01 - 2027-06"],
        ),
        (
            "Octopus Grid - Marketing Lead - Junior - Decentral",  # words, not months
            ["Octopus Grid", "Marketing Lead", "Junior", "Decentral"],
        ),
        (
            "Kuna | 18 000–24 000 zł | £50,000 to £60,000",
            ["Kuna", "18 000–24 000 zł", "£50,000 to £60,000"],
        ),
        (
            "Vela - Engineer - $90k-$120k - $5k - $10k bonus",
            ["Vela", "Engineer", "$90k-$120k", "$5k - $10k bonus"],
        ),
    ],
)
def test_ranges_stay_whole(line: str, parts: list[str]) -> None:
    assert split_first_line(line) == parts


def test_key_lines_on_one_line_and_in_breaks() -> None:
    text = (
        "Heron Bio<p>Company: Heron Bio Location: Basel (hybrid)<br>Position: Lab Automation "
        "Engineer<br>Compensation: N/A<p>Type: Full-time"
    )
    read = read_hn_json(algolia({"id": 3, "text": text}), "t.json")
    assert read is not None
    assert read.items[0].meta == {
        "company": "Heron Bio",
        "location": "Basel",
        "remote": "hybrid",
        "title": "Lab Automation Engineer",
        "employment_type": "Full-time",
        "url": HN + "3",
        "hn_url": HN + "3",
        "thread": "Ask HN: Who is hiring?",
    }


@pytest.mark.parametrize(
    ("line", "salary"),
    [
        (
            "Acme | Data Engineer | Bangalore, India | ONSITE | INR 2,966,000-3,917,000/year",
            "INR 2,966,000-3,917,000/year",
        ),
        (
            "Mercari | Backend Engineer | Tokyo | JPY 8,100,000-12,900,000/year",
            "JPY 8,100,000-12,900,000/year",
        ),
        ("Nubank | Engineer | São Paulo | BRL 20000/month", "BRL 20000/month"),
    ],
)
def test_a_salary_in_any_currency_code_is_the_salary_part(line: str, salary: str) -> None:
    """A code before the figure (INR, JPY, BRL...) was only read for a dozen currencies."""
    fields = first_line_fields(line)
    assert fields["salary"] == salary
    assert fields["title"] and fields["location"]
