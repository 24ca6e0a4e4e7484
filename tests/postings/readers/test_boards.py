"""The job-board readers on files in the shapes of Greenhouse's, Lever's and Ashby's public
APIs: every field of every posting, what each reader refuses, and bad values costing only
themselves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import from_front_matter
from jobtui.postings.model import Salary
from jobtui.postings.readers import Item, Read
from jobtui.postings.readers.boards import read_ashby, read_greenhouse, read_lever

FIXTURES = Path(__file__).parent / "fixtures" / "boards"
READERS = {"greenhouse": read_greenhouse, "lever": read_lever, "ashby": read_ashby}
COMPANY = frozenset({"company"})
NOT_BOARDS: dict[str, Any] = {
    "empty list": [],
    "empty object": {},
    "items": {"items": []},
    "json feed": {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Jobs at Acme",
        "items": [
            {
                "id": "https://acme.example/jobs/1",
                "url": "https://acme.example/jobs/1",
                "title": "Engineer",
                "content_html": "<p>Build things.</p>",
                "date_published": "2026-11-01T10:00:00Z",
            }
        ],
    },
    "hn algolia item": {
        "id": 1,
        "type": "story",
        "title": "Ask HN: Who is hiring? (November 2026)",
        "author": "whoishiring",
        "created_at": "2026-11-02T15:00:00.000Z",
        "children": [
            {"id": 2, "type": "comment", "text": "<p>Acme | Remote | Python</p>", "children": []}
        ],
    },
    "hn algolia search": {"hits": [{"objectID": "2", "comment_text": "Acme | Remote"}]},
    "hn firebase items": [
        {"id": 2, "by": "acme", "text": "Acme | Remote", "time": 1762095600, "type": "comment"}
    ],
    "jobs without a board's marks": {"jobs": [{"id": 1, "title": "Engineer"}]},
    "numbers": [1, 2, 3],
    "text": "jobs",
    "null": None,
}


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def read(board: str, name: str) -> Read:
    found = READERS[board](load(name), name)
    assert found is not None, f"{board} did not read {name}"
    assert found.format == board
    assert found.note is None
    return found


def as_tuples(found: Read) -> list[tuple[str, dict[str, Any], frozenset[str], str]]:
    return [(i.key, i.meta, i.from_board, i.body) for i in found.items]


def fields(item: Item) -> Fields:
    """What extraction makes of the item's meta (the loader's first step)."""
    f = Fields()
    from_front_matter(item.meta, f)
    assert f.rejected == []
    return f


# Greenhouse


def test_greenhouse_board_every_field() -> None:
    found = read("greenhouse", "greenhouse-acme-robotics.json")
    assert found.problems == ["job 3: no title", "job 5: a str, not a job"]
    assert as_tuples(found) == [
        (
            "4012345",
            {
                "title": "Senior Robotics Software Engineer",
                "company": "Acmebots",  # the board token in the URL, not the file name
                "location": "Berlin, Germany",
                "posted": "2026-10-02",  # first_published, at its own offset
                "updated": "2026-11-20",
                "url": "https://boards.greenhouse.io/acmebots/jobs/4012345",
                "department": "Engineering",
                "offices": ["Berlin"],
                "details": {
                    "Employment Type": "Full-time",
                    "Visa Sponsorship": "Yes",
                    "Tech": "ROS 2, C++",
                    "Budget": "95,000 EUR",
                    "Headcount": "2",
                },
                "requisition_id": "REQ-118",
                "internal_job_id": "3001",
                "employment_type": "Full-time",  # from its custom field
            },
            COMPANY,
            # escaped twice: tags, a list and a `&amp;amp;` that is one `&`
            "## About the role\n\nYou will build motion planning for **warehouse robots** & "
            "their fleet manager.\n\n- ROS 2\n- Modern C++",
        ),
        (
            "4012346",
            {
                "title": "Field Service Technician",
                "company": "Acme Robotics GmbH",  # stated: not from the board
                "location": "Austin, TX",
                "posted": "2026-11-21",  # no first_published: updated_at, as written (-05:00)
                "updated": "2026-11-21",
                "url": "https://careers.acme.example/jobs?gh_jid=4012346",
                "requisition_id": "2207",
                "internal_job_id": "3002",
            },
            frozenset(),
            "Travel up to 50% to keep our robots running. Salary: $62,000 – $74,000.",
        ),
        (
            "4012348",
            {
                "title": "Product Designer",
                "company": "Acme Robotics",  # the careers site names no board: the file does
                "url": "https://careers.acme.example/jobs?gh_jid=4012348",
                "department": "Design, Product",
                "offices": ["Austin", "Remote - US"],
            },
            COMPANY,
            "Design tools for *operators*.\n\n1. Research\n2. Prototype",
        ),
        (
            "4012345~2",  # the same id again: the later one made unique
            {
                "title": "Senior Robotics Software Engineer",
                "company": "Acme Robotics",  # `UNAVAILABLE` is no company name
                "posted": "2026-11-23",
                "updated": "2026-11-23",
            },
            COMPANY,
            "",
        ),
    ]


def test_greenhouse_one_job_file_named_with_a_date() -> None:
    found = read("greenhouse", "vault-tec-2026-11-24.json")
    assert found.problems == []
    assert as_tuples(found) == [
        (
            "127817",
            {
                "title": "Vault Overseer (Contract)",
                "company": "Vault Tec",
                "location": "Wellington, New Zealand",
                "posted": "2026-11-19",  # +13:00: the date as the board wrote it
                "updated": "2026-11-19",
                "url": "https://vault-tec.example/careers/127817",
                "department": "Operations",
                "offices": ["Wellington"],
                "internal_job_id": "144381",
            },
            COMPANY,
            "Keep 1,000 residents *calm*.",
        )
    ]


def test_greenhouse_eu_board_without_meta() -> None:
    found = read("greenhouse", "job-boards-eu.json")
    assert as_tuples(found) == [
        (
            "7001",
            {
                "title": "Data Engineer",
                "company": "Helix Data",
                "location": "Lisbon",
                "posted": "2026-11-02",
                "updated": "2026-11-02",
                "url": "https://job-boards.eu.greenhouse.io/helix_data/jobs/7001?gh_src=abc",
            },
            COMPANY,
            "",
        )
    ]


def test_greenhouse_board_with_no_jobs() -> None:
    found = read("greenhouse", "greenhouse-emptyco.json")
    assert found.items == [] and found.problems == []


def test_greenhouse_embed_url_names_the_board() -> None:
    job = {
        "id": 5,
        "title": "Welder",
        "absolute_url": "https://boards.greenhouse.io/embed/job_app?for=steelworks&token=5",
    }
    found = read_greenhouse({"jobs": [job], "meta": {"total": 1}}, "export.json")
    assert found is not None
    assert found.items[0].meta["company"] == "Steelworks"


# Lever


def test_lever_site_every_field() -> None:
    found = read("lever", "lever-northwind.json")
    assert found.problems == ["job 3: no title"]
    assert as_tuples(found) == [
        (
            "5f1c2a9e-1d3b-4c5e-9f00-aa11bb22cc33",
            {
                "title": "Staff Backend Engineer",
                "company": "Northwind",
                "location": "Remote - Canada",
                "remote": True,
                "workplace": "Remote",
                "salary": {"min": 160000, "max": 195000, "currency": "CAD", "period": "year"},
                "posted": "2025-11-16",
                "url": "https://jobs.lever.co/northwind/5f1c2a9e-1d3b-4c5e-9f00-aa11bb22cc33",
                "application_url": (
                    "https://jobs.lever.co/northwind/5f1c2a9e-1d3b-4c5e-9f00-aa11bb22cc33/apply"
                ),
                "department": "Engineering",
                "team": "Payments",
                "employment_type": "Full-time",
                "country": "CA",
            },
            COMPANY,
            # the HTML description, each list a section (bare <li>s made a list), an empty
            # list left out, the pay note, the closing text
            "**Northwind** moves freight across the prairies.\n\nWe need someone who likes "
            "Go & Postgres.\n\n## What you'll do\n\n- Own the ledger service\n- Mentor two "
            "engineers\n\n## What you bring\n\n- 8+ years of backend work\n\nBase pay depends "
            "on level.\n\nWe sponsor visas.",
        ),
        (
            "8d2e3f40-0000-4a4a-b5b5-c6c6d7d7e8e8",
            {
                "title": "Warehouse Associate (Nights)",
                "company": "Northwind",
                "location": "Winnipeg, MB; Regina, SK",  # all locations, each once
                "workplace": "Hybrid",  # and no `remote`
                "salary": {"min": 21.5, "max": 24, "currency": "CAD", "period": "hour"},
                "posted": "2025-11-13",
                "url": "https://jobs.lever.co/northwind/8d2e3f40-0000-4a4a-b5b5-c6c6d7d7e8e8",
                "application_url": (
                    "https://jobs.lever.co/northwind/8d2e3f40-0000-4a4a-b5b5-c6c6d7d7e8e8/apply"
                ),
                "department": "Operations",
                "team": "Fulfilment",
                "employment_type": "Part-time",
            },
            COMPANY,
            "Nights, four days a week.\n\nShift premium after 10 pm.",  # the plain forms
        ),
        (
            "99999999-aaaa-bbbb-cccc-dddddddddddd",
            {
                "title": "Office Manager",
                "company": "Northwind",
                "location": "Toronto, ON",
                "remote": False,
                "workplace": "On-site",
                # `min: "lots"`: no salary rather than `up to 70,000`
                "posted": "2025-11-18",
                "url": "https://jobs.lever.co/northwind/99999999-aaaa-bbbb-cccc-dddddddddddd",
                "employment_type": "Full-time",
            },
            COMPANY,
            "Run our Toronto office.",
        ),
        (
            "42",
            {
                # categories not a mapping, createdAt text, hostedUrl a number, min > max,
                # workplace unspecified: each left out
                "title": "Sales Lead",
                "company": "Northwind",
                "url": "https://jobs.lever.co/northwind/42/apply",
            },
            COMPANY,
            "",
        ),
    ]


def test_lever_eu_host() -> None:
    found = read("lever", "lever-globex.json")
    assert as_tuples(found) == [
        (
            "a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4",
            {
                "title": "Compliance Analyst",
                "company": "Globexcorp",  # the site in the URL, not the file name
                "location": "Dublin",
                "remote": False,
                "workplace": "On-site",
                "salary": {"min": 3500, "max": 4200, "currency": "EUR", "period": "month"},
                "posted": "2023-12-31",  # the last millisecond of 2023, UTC
                "url": "https://jobs.eu.lever.co/globexcorp/a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4",
                "application_url": (
                    "https://jobs.eu.lever.co/globexcorp/a0a0a0a0-b1b1-c2c2-d3d3-e4e4e4e4e4e4/apply"
                ),
                "department": "Legal",
                "team": "Risk",
                "employment_type": "Contract",
                "country": "IE",
            },
            COMPANY,
            "Six-month contract reviewing AML controls.\n\n## Requirements\n\n"
            "- Fluent English & Irish",
        )
    ]


def test_lever_grouped_by_team() -> None:
    found = read("lever", "lever-grouped.json")
    assert as_tuples(found) == [
        (
            "g1",
            {
                "title": "Illustrator",
                "company": "Pixelworks",
                "location": "Remote",
                "remote": True,
                "workplace": "Remote",
                "url": "https://jobs.lever.co/pixelworks/g1",
                "team": "Design",
            },
            COMPANY,
            "Draw things.",
        )
    ]


@pytest.mark.parametrize(
    ("interval", "period"),
    [
        ("per-year-salary", "year"),
        ("per-month-salary", "month"),
        ("per-week-salary", "week"),
        ("per-day-wage", "day"),
        ("per-hour-wage", "hour"),
        (None, None),
        ("one-time", "none"),
    ],
)
def test_lever_salary_intervals(interval: str | None, period: str | None) -> None:
    pay = {"min": 10, "max": 20, "currency": "USD", "interval": interval}
    found = read_lever([{"id": "1", "text": "Cook", "categories": {}, "salaryRange": pay}], "x")
    assert found is not None
    salary = found.items[0].meta.get("salary")
    if period == "none":  # a period jobtui cannot name: no salary rather than a wrong one
        assert salary is None
    else:
        expected = {"min": 10, "max": 20, "currency": "USD"}
        assert salary == (expected | {"period": period} if period else expected)


# Ashby


def test_ashby_board_every_field() -> None:
    found = read("ashby", "ashby-initech.json")
    assert found.problems == ["job 6: no title"]
    board = "https://jobs.ashbyhq.com/Initech%20Labs/"
    assert as_tuples(found) == [
        (
            "3ae2b801-19f6-41ef-ad28-214bd731948f",
            {
                "title": "Platform Engineer",
                "company": "Initech Labs",  # the board in the URL, %20 and all
                "location": "Remote (US); Remote (Canada)",
                "remote": True,
                "workplace": "Remote",
                "salary": {"min": 170000, "max": 210000, "currency": "USD", "period": "year"},
                "compensation": "$170K – $210K • 0.05% – 0.1%",
                "posted": "2026-11-10",
                "url": board + "3ae2b801-19f6-41ef-ad28-214bd731948f",
                "application_url": board + "3ae2b801-19f6-41ef-ad28-214bd731948f/application",
                "department": "Engineering",
                "team": "Infrastructure",
                "employment_type": "Full-time",
                "address": "San Francisco, California, USA",
            },
            COMPANY,
            "# Platform\n\nKubernetes, Terraform and [our blog](https://initech.example/blog).",
        ),
        (
            "b7c1d2e3-0000-4000-8000-000000000002",
            {
                "title": "Customer Success Manager",
                "company": "Initech Labs",
                "location": "Chicago",
                "workplace": "Hybrid",  # isRemote true, yet hybrid: neither remote nor not
                "salary": {"min": 40, "max": 55, "currency": "EUR", "period": "hour"},
                "compensation": "€40 – €55 per hour",
                "posted": "2026-11-12",
                "url": board + "b7c1d2e3-0000-4000-8000-000000000002",
                "application_url": board + "b7c1d2e3-0000-4000-8000-000000000002/application",
                "department": "Customer",
                "employment_type": "Part-time",
            },
            COMPANY,
            "Workplace: Hybrid (the board also marks it remote)\n\nThree days a week in the Loop.",
        ),
        (
            "c0000000-0000-4000-8000-000000000003",
            {
                "title": "Support Engineer",
                "company": "Initech Labs",
                "location": "Anywhere",
                "remote": True,  # workplaceType Remote, though isRemote is false
                "workplace": "Remote",
                # two salaries in two currencies: only the summary
                "compensation": "Varies by region",
                "posted": "2026-11-13",
                "url": board + "c0000000-0000-4000-8000-000000000003",
                "employment_type": "Contract",
            },
            COMPANY,
            "Workplace: Remote (the board also marks it not remote)\n\nAnswer tickets from home.",
        ),
        (
            "d0000000-0000-4000-8000-000000000004",
            {
                "title": "Lab Technician",
                "company": "Initech Labs",
                "location": "Austin, TX",
                "remote": True,  # isRemote true, though on-site: said in the first line
                "workplace": "On-site",
                # `2 WEEK`: no period jobtui names, so no salary
                "posted": "2026-11-14",
                "url": board + "d0000000-0000-4000-8000-000000000004",
                "employment_type": "Temporary",
            },
            COMPANY,
            "Workplace: On-site (the board also marks it remote)\n\nRun assays.",
        ),
        (
            "e0000000-0000-4000-8000-000000000005",
            {
                "title": "Summer Intern, Finance",
                "company": "Initech",  # a careers-site URL: the file's name
                "location": "Boston, MA",  # from the address, the only place given
                "remote": False,
                # publishedAt 2026-13-40: no date
                "url": "https://initech.example/careers/intern",
                "employment_type": "Internship",
            },
            COMPANY,
            "Learn < more > about money & spreadsheets.",  # plain text stays as written
        ),
        (
            "g0000000-0000-4000-8000-000000000007",
            {"title": "Recruiter", "company": "Initech", "employment_type": "Seasonal"},
            COMPANY,
            "",
        ),
    ]


def test_ashby_board_with_no_jobs() -> None:
    found = read("ashby", "ashby-quiet.json")
    assert found.items == [] and found.problems == []


# What extraction makes of the items


def test_meta_reads_as_fields() -> None:
    """The meta keys are ones extraction reads: the fields a user sees in the list."""
    lever = read("lever", "lever-northwind.json").items
    ashby = read("ashby", "ashby-initech.json").items
    remote = fields(lever[0])
    assert (remote.title, remote.company, remote.location) == (
        "Staff Backend Engineer",
        "Northwind",
        "Remote - Canada",
    )
    assert remote.remote is True
    assert remote.salary == Salary(160000, 195000, "CAD", "year")
    assert str(remote.posted) == "2025-11-16"
    assert remote.url == "https://jobs.lever.co/northwind/5f1c2a9e-1d3b-4c5e-9f00-aa11bb22cc33"
    hybrid = fields(lever[1])
    assert hybrid.remote is None and hybrid.hybrid
    assert hybrid.salary == Salary(21.5, 24, "CAD", "hour")
    assert fields(lever[2]).remote is False
    assert fields(ashby[1]).remote is None and fields(ashby[1]).hybrid
    assert fields(ashby[3]).remote is True
    greenhouse = fields(read("greenhouse", "greenhouse-acme-robotics.json").items[0])
    assert str(greenhouse.posted) == "2026-10-02"
    assert greenhouse.location == "Berlin, Germany"


# Company from the file's name


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("lever-acme-robotics.json", "Acme Robotics"),
        ("greenhouse-acme.json", "Acme"),
        ("ashby-acme-2026-11-24.json", "Acme"),
        ("acme-robotics-2026-11-24.json", "Acme Robotics"),
        ("acme_labs_20261124.json", "Acme Labs"),
        ("AcmeAI.json", "AcmeAI"),
        ("some/folder/lever-zeta.json", "Zeta"),
        ("jobs.json", None),
        ("lever-2026-11-24.json", None),
    ],
)
def test_company_from_file_name(name: str, company: str | None) -> None:
    posting = {"id": "p1", "text": "Cook", "categories": {}, "hostedUrl": "https://x.example/1"}
    found = read_lever([posting], name)
    assert found is not None
    item = found.items[0]
    assert item.meta.get("company") == company
    assert item.from_board == (COMPANY if company else frozenset())


# Which reader reads what


ALL_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.json"))


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_each_fixture_is_read_by_one_board(name: str) -> None:
    board = next(
        b
        for b in READERS
        if name.startswith(b)
        or (b == "greenhouse" and name in ("vault-tec-2026-11-24.json", "job-boards-eu.json"))
    )
    data = load(name)
    for other, reader in READERS.items():
        found = reader(data, name)
        assert (found is not None) == (other == board), (other, name)


@pytest.mark.parametrize("what", NOT_BOARDS)
@pytest.mark.parametrize("board", READERS)
def test_not_a_board(board: str, what: str) -> None:
    assert READERS[board](NOT_BOARDS[what], "lever-acme.json") is None


# Keys, problems and bounds


def test_keys_stay_when_other_jobs_go() -> None:
    data = load("ashby-initech.json")
    every = [i.key for i in read_ashby(data, "ashby-initech.json").items]  # type: ignore[union-attr]
    data["jobs"] = data["jobs"][2:]
    rest = [i.key for i in read_ashby(data, "ashby-initech.json").items]  # type: ignore[union-attr]
    assert rest == every[2:]


def test_key_falls_back_to_url_then_title() -> None:
    jobs = [
        {"id": None, "title": "A", "absolute_url": "https://boards.greenhouse.io/z/jobs/1"},
        {"title": "B", "internal_job_id": [1]},
        {"title": "B", "internal_job_id": 2},
    ]
    found = read_greenhouse({"jobs": jobs, "meta": {"total": 3}}, "z.json")
    assert found is not None
    assert [i.key for i in found.items] == ["https://boards.greenhouse.io/z/jobs/1", "B", "B~2"]


def test_thousands_of_copies_get_their_own_keys() -> None:
    jobs = [{"id": 7, "text": "Cook", "categories": {}}] * 4000
    found = read_lever(jobs, "lever-diner.json")
    assert found is not None
    keys = [i.key for i in found.items]
    assert keys[:3] == ["7", "7~2", "7~3"] and keys[-1] == "7~4000"


def test_ashby_workplace_it_does_not_document_is_shown_as_written() -> None:
    job = {"id": "1", "title": "Chef", "isRemote": False, "workplaceType": "Flexible"}
    found = read_ashby({"apiVersion": "1", "jobs": [job]}, "ashby-bistro.json")
    assert found is not None
    item = found.items[0]
    assert item.meta == {
        "title": "Chef",
        "company": "Bistro",
        "remote": False,
        "workplace": "Flexible",
    }
    assert item.body == ""


def test_thousands_of_jobs_and_junk() -> None:
    jobs: list[Any] = []
    for n in range(3000):
        jobs.append({"id": n, "title": f"Job {n}", "jobUrl": f"https://jobs.ashbyhq.com/big/{n}"})
        jobs.append([n])
    found = read_ashby({"apiVersion": "1", "jobs": jobs}, "ashby-big.json")
    assert found is not None
    assert len(found.items) == 3000 and len(found.problems) == 3000
    assert found.problems[0] == "job 2: a list, not a job"
    assert found.items[-1].meta["company"] == "Big"


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["N/A", "1 YEAR", "per-year-salary", "Hybrid", "OnSite", "<p>x</p>"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
KEYS = [
    *("id", "title", "text", "location", "categories", "absolute_url", "updated_at"),
    *("first_published", "content", "departments", "offices", "metadata", "company_name"),
    *("workplaceType", "hostedUrl", "applyUrl", "createdAt", "description", "lists"),
    *("salaryRange", "isRemote", "secondaryLocations", "publishedAt", "jobUrl"),
    *("compensation", "address", "descriptionHtml", "employmentType", "allLocations"),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(st.sampled_from(KEYS), JSON), max_size=4), st.text(max_size=20))
def test_any_values_never_crash(jobs: list[dict[str, Any]], name: str) -> None:
    for job in jobs:
        job.setdefault("absolute_url", "https://boards.greenhouse.io/a/jobs/1")
        job.setdefault("hostedUrl", "https://jobs.lever.co/a/1")
        job.setdefault("text", "t")
    for data in ({"jobs": jobs, "meta": {"total": 1}}, jobs, {"apiVersion": "1", "jobs": jobs}):
        for reader in READERS.values():
            found = reader(data, name)
            if found is not None:
                assert len(found.items) + len(found.problems) == len(jobs)
                assert len({i.key for i in found.items}) == len(found.items)


def test_deep_values_and_placeholders_cost_only_themselves() -> None:
    deep = json.loads("[" * 900 + "]" * 900)
    job = {key: deep for key in KEYS} | {"title": "Porter", "text": "Porter", "id": "p"}
    job |= {"absolute_url": "https://boards.greenhouse.io/inn/jobs/1"}
    job |= {"location": {"name": "UNAVAILABLE"}, "company_name": "N/A", "content": "<p>Hi</p>"}
    found = read_greenhouse({"jobs": [job], "meta": {"total": 1}}, "x.json")
    assert found is not None
    assert as_tuples(found) == [
        (
            "p",
            {
                "title": "Porter",
                "company": "Inn",
                "url": "https://boards.greenhouse.io/inn/jobs/1",
            },
            COMPANY,
            "Hi",
        )
    ]
    lever = {key: deep for key in KEYS} | {
        "text": "Porter",
        "hostedUrl": "https://jobs.lever.co/inn/1",
    }
    assert [i.meta["title"] for i in read_lever([lever], "x.json").items] == ["Porter"]  # type: ignore[union-attr]
    ashby = {key: deep for key in KEYS} | {"title": "Porter", "id": "a"}
    assert [i.key for i in read_ashby({"apiVersion": "1", "jobs": [ashby]}, "x").items] == ["a"]  # type: ignore[union-attr]


def test_greenhouse_custom_fields_name_the_workplace_and_the_type() -> None:
    job = {
        "id": 7,
        "title": "Data Analyst",
        "absolute_url": "https://boards.greenhouse.io/tess/jobs/7",
        "metadata": [
            {
                "name": "Workplace Type",
                "value": ["Hybrid", "On-site"],
                "value_type": "multi_select",
            },
            {"name": "employment_type", "value": "Contract", "value_type": "single_select"},
        ],
        "content": "&lt;p&gt;SQL.&lt;/p&gt;",
    }
    found = read_greenhouse({"jobs": [job], "meta": {"total": 1}}, "greenhouse-tess.json")
    assert found is not None
    [item] = found.items
    assert item.meta["workplace"] == "Hybrid, On-site"
    assert item.meta["employment_type"] == "Contract"
