"""Extraction rules, each on a small hand-written posting."""

from __future__ import annotations

from datetime import date

import pytest

from jobtui.postings.extract import clean_url, extract, parse_date, parse_salary
from jobtui.postings.loader import split_front_matter
from jobtui.postings.model import Salary
from jobtui.postings.text import clean_markdown
from jobtui.postings.vocab import canonical, find_tags


def fields(text: str, name: str = "posting.md"):
    meta, body, _ = split_front_matter(text)
    return extract(meta, clean_markdown(body), name)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("company", "Acme"),
        ("companyName", "Acme"),
        ("company_name", "Acme"),
        ("Organization", "Acme"),
        ("COMPANY", "Acme"),
    ],
)
def test_company_keys_any_case(key, value):
    assert fields(f"---\ntitle: X\n{key}: {value}\n---\nbody\n").company == "Acme"


def test_location_region_and_url_keys():
    f = fields("---\ntitle: X\nregion: Lisbon\napply_url: https://a.example/apply\n---\nhi\n")
    assert f.location == "Lisbon"
    assert f.url == "https://a.example/apply"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1608681600000", date(2020, 12, 23)),
        ("1608681600", date(2020, 12, 23)),
        ("2016-10-20 01:23:45 MDT", date(2016, 10, 20)),
        ("'2018-04-09'", date(2018, 4, 9)),
        ("March 3, 2024", date(2024, 3, 3)),
        ("not a date", None),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


def test_yaml_timestamp_tag_and_tag_lists():
    f = fields(
        "---\ntitle: X\ncreated: !!timestamp '2018-04-09'\ntags:\n  - Python\n  - Postgres\n---\nb\n"
    )
    assert f.posted == date(2018, 4, 9)
    assert f.tags[:2] == ["python", "postgresql"]


def test_hashtag_string_maps_aliases():
    f = fields('---\ntitle: X\nhashtags: "#golang,#nodejs,#cplusplus"\n---\nb\n')
    assert f.tags[:3] == ["go", "node.js", "c++"]


def test_heading_block_without_front_matter():
    text = (
        "# [Data Engineer](https://jobs.example/1)\n### Acme Corp\n"
        "#### `🌎 Remote-Europe` `💰 €60k–75k`\n\nWe build pipelines in Python.\n"
    )
    f = fields(text)
    assert (f.title, f.url, f.company, f.location) == (
        "Data Engineer",
        "https://jobs.example/1",
        "Acme Corp",
        "Remote-Europe",
    )
    assert f.salary == Salary(60000, 75000, "EUR", "year")
    assert f.remote is True
    assert f.origins["company"] == "heading"


@pytest.mark.parametrize(
    ("heading", "company"),
    [
        ("Acme Corp", "Acme Corp"),
        ("Remote", "Remote"),  # a company's name (remote.com) as much as a policy
        ("Tech Stack", None),
        ("Location: Berlin", None),
        ("Full-time", None),
        ("Key Responsibilities", None),
        ("Qualifications", None),
        ("Company Description", None),
    ],
)
def test_a_third_level_heading_is_the_company_only_when_it_names_one(heading, company):
    assert fields(f"# Senior Engineer\n\n### {heading}\n\nText.\n").company == company


def test_plain_location_heading():
    f = fields("## Backend Engineer\n#### San Francisco, CA\n\nText.\n")
    assert f.location == "San Francisco, CA"
    assert f.company is None


@pytest.mark.parametrize(
    ("body", "company"),
    [
        ("**About Globex**\n\nGlobex makes things.", "Globex"),
        ("Initech is looking for a developer. Initech is great.", "Initech"),
        ("Why you should join Hooli\n\nHooli is big.", "Hooli"),
        ("We are looking for a developer. About you: skilled.", None),
        ("Join us! We're hiring.", None),
        # a labelled line names it, in the forms postings write it
        ("**Company:** DeepThought Ltd\n**Location:** London", "DeepThought Ltd"),
        ("Posted today.\n\n- Employer: Globex Corporation\n- Salary: 90k", "Globex Corporation"),
        ("company name: [Initech](https://initech.example).", "Initech"),
        ("__Employer__: Umbrella Health\nMore.", "Umbrella Health"),
        ("Company: Acme, Inc.\n", "Acme, Inc."),
        ("Company: Fonderia Rossi S.p.A.\n", "Fonderia Rossi S.p.A."),
        ("Company: Granite Bank plc (via Hays)\n", "Granite Bank plc"),
        ("Arbeitgeber: Internationaler Konzern\n", None),
        ("Unternehmen: Mittelständisches IT-Unternehmen\n", None),
        ("Empresa: Confidencial\n", None),
        ("Company: About Us\n", None),
        # not a name: a department, a link, a pointer, a description
        ("Organization: Information Technology\nMore.", None),
        ("Company: https://example.com\n", None),
        ("Employer: Equal Opportunity Employer\n", None),
        ("Company: See below\n", None),
        ("Company: Series B startup, 50 people\n", None),
        ("Company: Acme | Location: Berlin\n", "Acme"),
        ("**Company:** Globex · **Location:** Paris\n", "Globex"),
        ("Company: Location: Berlin\n", None),
        ("Company: Will be shared later\n", None),
        ("Company: Hiring on behalf of a client\n", None),
        ("Company: Leading global bank\n", None),
        ("Company: Fortune 500\n", None),
        ("Company: Fully remote\n", None),
        ("Employer: 5% pension match\n", None),
        ("Company: Bank of America\n", "Bank of America"),
        ("Company: Halden Bank plc\n", "Halden Bank plc"),
        ("Company: Redfern Haulage. Location: Ipswich. Pay: £13/hr.\n", "Redfern Haulage"),
        ("Company: Quartzline IoT. Hybrid in Graz. €70k.\n", "Quartzline IoT"),
        ("Company: J. P. Morgan Chase\n", "J. P. Morgan Chase"),
        ("Company: Dr. Oetker\n", "Dr. Oetker"),
        ("Entreprise : Verrerie Dumas\nLieu : Nancy", "Verrerie Dumas"),
        ("**Arbeitgeber:** Brenner Logistik GmbH\n", "Brenner Logistik GmbH"),
        ("Empresa: Olivar Datos\n", "Olivar Datos"),
        ("Azienda: Cantieri Rossi\n", "Cantieri Rossi"),
        ("Werkgever: Dijkstra Bouw\n", "Dijkstra Bouw"),
        ("Firma: wird noch bekannt gegeben\n", None),
        ("Company: orbit labs ltd\n", "orbit labs ltd"),
        ("Company: Compagnie Générale des Filtres\n", "Compagnie Générale des Filtres"),
        ("Employer: Banco do Norte\n", "Banco do Norte"),
        ("Company: Brightwater Systems Corp.\n", "Brightwater Systems Corp."),
        ("Company: global leader in payments\n", None),
        ("Company: a bank ltd\n", None),
        # a technology, or people the posting speaks of, is not the company
        ("## About Kubernetes\nWe run Kubernetes everywhere.", None),
        ("## Why Rust?\nWe love Rust.", None),
        ("Customers are looking for reliable software. Customers love us.", None),
        ("Company: We are a fast growing startup building tools for teams.", None),
        ("Company: TBD\n\nMore text.", None),
        ("Our company: Vandelay\nCompany culture: open", None),
    ],
)
def test_company_from_body(body, company):
    assert fields(f"# Dev\n\n{body}\n").company == company


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USD $51,850 to $171,450", Salary(51850, 171450, "USD", "year")),
        ("salary €60k–75k", Salary(60000, 75000, "EUR", "year")),
        ("Pay: $45/hour", Salary(45, 45, "USD", "hour")),
        ("£40,000 - £50,000 per annum", Salary(40000, 50000, "GBP", "year")),
        ("Gehalt 60.000 € - 75.000 € per year", Salary(60000, 75000, "EUR", "year")),
        ("CAD $100,000 - $120,000", Salary(100000, 120000, "CAD", "year")),
        ("We raised $30M last year", None),
        ("5+ years of experience", None),
        ("a $2,500 learning budget", None),
        ("earn up to $100 each month", None),
    ],
)
def test_salary(text, expected):
    assert parse_salary(text) == expected


@pytest.mark.parametrize(
    ("body", "remote"),
    [
        ("Work from home anywhere.", True),
        ("This is a fully remote role.", True),
        ("* Remote (in US time zones)", True),
        ("This role is on-site in our office.", False),
    ],
)
def test_remote_from_body(body, remote):
    assert fields(f"# Dev\n\n{body}\n").remote is remote


def test_concrete_location_without_remote_words_is_on_site():
    assert fields("---\ntitle: Dev\nlocation: Munich\n---\nWe write Java.\n").remote is False


def test_remote_unknown_when_nothing_is_said():
    assert fields("# Dev\n\nWe write Java.\n").remote is None


def test_apply_link_and_mailto_under_to_apply():
    f = fields(
        "# Dev\n\nText [github](https://github.com/x).\n\n**To Apply**\n\nMail [me](mailto:jobs@x.io?subject=Hi).\n"
    )
    assert f.url == "mailto:jobs@x.io"
    g = fields("# Dev\n\nSee [our site](https://x.io). [APPLY HERE](https://x.io/apply)\n")
    assert g.url == "https://x.io/apply"


def test_no_invented_url():
    assert fields("# Dev\n\nSee [our blog](https://x.io/blog).\n").url is None


def test_clean_url_refuses_other_schemes():
    assert clean_url("javascript:alert(1)") is None
    assert clean_url("jobs@x.io") == "mailto:jobs@x.io"


def test_tag_vocabulary_aliases_and_case():
    assert canonical("golang") == "go" and canonical("Postgres") == "postgresql"
    assert canonical("nodejs") == "node.js"
    tags = find_tags("We use Go and golang, Postgres and NodeJS. Let's go home.")
    assert {"go", "postgresql", "node.js"} <= set(tags)
    assert "go" not in find_tags("we go home and let it go")


def test_html_fragments_become_markdown():
    body = clean_markdown(
        "<p>Hello&nbsp;world<br>next</p><ul><li><strong>Bold</strong></li></ul>\r\n"
    )
    assert "Hello world" in body and "**Bold**" in body and "&nbsp;" not in body
    assert "<p>" not in body and "\r" not in body


def test_html_inside_code_blocks_is_left_alone():
    body = clean_markdown("text <b>x</b>\n\n```\n<div>code</div>\n```\n")
    assert "<div>code</div>" in body and "**x**" in body


def test_title_falls_back_to_file_name():
    f = fields("Just some text about a job.\n", name="senior-rust-engineer.md")
    assert f.title == "Senior rust engineer"
    assert f.origins["title"] == "file name"


@pytest.mark.parametrize(
    "name",
    [
        "2019-11-30-data-engineer.md",
        "20191130_data_engineer.md",
        "2019_11_30_data_engineer.md",
        "2019.11.30.data-engineer.md",
        "2019-11-data-engineer.md",
        "2019-1-3-data-engineer.md",
    ],
)
def test_a_date_that_starts_a_file_name_is_not_in_its_title(name):
    f = fields("Just some text about a job.\n", name=name)
    assert (f.title, f.origins["title"]) == ("Data engineer", "file name")


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("2048-game-developer.md", "2048 game developer"),  # no date
        ("2024-25-graduate-scheme.md", "2024 25 graduate scheme"),  # no month 25
        ("1999-cobol-developer.md", "1999 cobol developer"),  # a year alone
        ("ops-2019-11-30.md", "Ops 2019 11 30"),  # not at the start
    ],
)
def test_numbers_that_are_no_leading_date_stay_in_the_title(name, title):
    assert fields("Just some text about a job.\n", name=name).title == title


def test_the_date_of_a_dated_name_is_the_posted_date_and_not_the_title():
    f = fields("Ruby, Rails, remote.\n", name="_posts/2018-06-05-back-end-dev.md")
    assert (f.title, f.posted, f.origins["posted"]) == ("Back end dev", date(2018, 6, 5), "path")


def test_a_name_that_is_only_a_date_is_titled_as_a_generic_name():
    long_line = "We build tools for farmers and need help with them. " * 3
    f = fields(long_line, name="acme-platform-engineer/2019-11-30.md")
    assert (f.title, f.origins["title"]) == ("Acme platform engineer", "path")
    f = fields("Ops for a bakery\n\nMore text.", name="_posts/20191130.md")
    assert (f.title, f.origins["title"]) == ("Ops for a bakery", "body")
    f = fields(long_line, name="2019-11-30.md")
    assert f.title is None and f.posted == date(2019, 11, 30)  # the loader's last resort names it
    f = fields(long_line, name="2019-11-30-site-reliability/README.md")
    assert f.title == "Site reliability"


def test_multi_word_and_dotted_tags():
    tags = find_tags("We do Machine Learning with CI/CD on Node.js and React Native, plus .NET.")
    assert {"machine learning", "ci/cd", "node.js", "react native", ".net"} <= set(tags)
    assert "javascript" not in tags  # `js` inside Node.js is not a second tag
    assert "react" not in tags


def test_single_letter_languages_need_a_phrase():
    assert "c" not in find_tags("We raised a Series C and grew to plan C.")
    assert "c" in find_tags("Strong embedded C skills.")
    assert "r" not in find_tags("R&D team")


def test_numeric_dates_are_read_when_their_order_can_be_told():
    from datetime import date

    from jobtui.postings.extract.dates import parse_date

    assert parse_date("14/10/2026") == date(2026, 10, 14)
    assert parse_date("10/14/2026") == date(2026, 10, 14)
    assert parse_date("31.01.2025") == date(2025, 1, 31)
    assert parse_date("05/06/2026") is None  # May 6 or 5 June: not guessed
    with pytest.raises(ValueError):  # no such day: the load says so (see test_bad_values)
        parse_date("31/02/2026")


def test_location_lines_in_the_forms_people_write():
    from jobtui.postings.extract.body import location_from_body

    assert location_from_body("**Location:**\nLyon, France\n\nAbout us") == "Lyon, France"
    assert location_from_body("Location\u00a0: Porto") == "Porto"
    assert location_from_body("- __Office__: Oslo") == "Oslo"
    assert location_from_body("Location:\n\nWe are a team of forty people who") is None
    # labels in other languages
    assert location_from_body("Lieu de travail : Nantes") == "Nantes"
    assert location_from_body("**Arbeitsort:** Leipzig") == "Leipzig"
    assert location_from_body("Ubicación: Valencia, España") == "Valencia, España"
    assert location_from_body("Sede di lavoro: Torino") == "Torino"
    assert location_from_body("Standplaats: Utrecht") == "Utrecht"
    assert location_from_body("Portuguese: fluent") is None
    # a placeholder is no place
    assert fields("# Dev\n\nLieu de travail : à définir\n").location is None
    assert fields("# Dev\n\nEinsatzort: beim Kunden\n").location is None
    # several fields on one line: the place ends where the next field starts
    assert location_from_body("Location: Tulsa, OK. Pay: $19/hr. Nights.") == "Tulsa, OK"
    assert location_from_body("Employer: Redfern. Location: Ipswich. Shift: days") == "Ipswich"
    assert location_from_body("Location: St. Albans, UK") == "St. Albans, UK"
    assert location_from_body("Pay: 20/h · Location: Derby") == "Derby"


def test_a_heading_broken_with_br_stays_one_heading():
    from jobtui.postings.text import clean_markdown

    assert clean_markdown("<h3>Staff<br/>Data Engineer</h3>").startswith("### Staff Data Engineer")


def test_a_posting_without_a_stated_title_takes_its_first_line_when_it_names_a_role(tmp_path):
    from jobtui.postings.loader import load_postings
    from tests.conftest import write

    write(tmp_path, "07-rust.txt", "Rust Systems Programmer\nCompany: Ferrous\n\nWe ship.\n")
    write(tmp_path, "m3.md", "**Développeuse Full-Stack (H/F)**\n\nLieu : Lyon\n")
    write(tmp_path, "x1.txt", "Werkstudent Datenanalyse für München\n\nText.\n")
    write(tmp_path, "ledger-keeper.txt", "Acme Corp\n\nWe need a bookkeeper.\n")  # no role: name
    write(tmp_path, "we-hire.txt", "We are hiring a backend engineer.\n\nJoin us.\n")  # sentence
    write(tmp_path, "cfo-office.txt", "Reports to: Finance Director\n\nText.\n")  # a label
    # a sentence, a greeting, a page header, a company: the file name
    write(tmp_path, "pay-role.txt", "Our engineers build payments\n\nText.\n")
    write(tmp_path, "greeting.txt", "Dear hiring manager\n\nText.\n")
    write(tmp_path, "board.txt", "Backend Engineer - 2 days ago - Apply\n\nText.\n")
    write(tmp_path, "studio.txt", "Designers Republic Ltd\n\nText.\n")
    titles = {p.source.rsplit("/", 1)[1]: p.title for p in load_postings([tmp_path]).postings}
    assert titles == {
        "pay-role.txt": "Pay role",
        "greeting.txt": "Greeting",
        "board.txt": "Board",
        "studio.txt": "Studio",
        "07-rust.txt": "Rust Systems Programmer",
        "m3.md": "Développeuse Full-Stack (H/F)",
        "x1.txt": "Werkstudent Datenanalyse für München",
        "ledger-keeper.txt": "Ledger keeper",
        "we-hire.txt": "We hire",
        "cfo-office.txt": "Cfo office",
    }


@pytest.mark.parametrize(
    ("body", "url"),
    [
        ("Apply: https://quire.example/jobs/88", "https://quire.example/jobs/88"),
        ("Apply at https://quire.example/careers/sre.", "https://quire.example/careers/sre"),
        ("**Apply now:** <https://quire.example/j/1>", "https://quire.example/j/1"),
        (
            "## How to apply\n\nFill in https://forms.example/x?id=3, please.",
            "https://forms.example/x?id=3",
        ),
        ("Apply via [our form](https://a.example/f) or https://b.example", "https://a.example/f"),
        ("Postuler : https://quire.example/p/4", "https://quire.example/p/4"),
        ("Bewerbung: https://quire.example/b/4", "https://quire.example/b/4"),
        ("Apply: cv@quire.example\nWebsite: https://quire.example", "mailto:cv@quire.example"),
        ("Apply now!\n\nhttps://jobs.quire.example/77", "https://jobs.quire.example/77"),
        # not where to apply: a sentence with the word, another field, another sentence
        ("We apply rigor. See https://blog.example/rigor", None),
        ("Apply your skills to real problems. See https://quire.example/blog", None),
        ("Apply by 30 November. Our website: https://quire.example", None),
        ("Apply through our portal.\nPrivacy policy: https://quire.example/privacy", None),
        ("Apply now!\nFollow us: https://social.example/quire", None),
        ("Apply: please do not apply via https://jobs.example/x", None),
        ("To apply, email us.\n\n" + "Text. " * 40 + "\n\nhttps://far.example/x", "mailto:x"),
    ],
)
def test_a_bare_address_where_the_posting_says_to_apply_is_its_link(body, url):
    found = fields(f"# Dev\n\n{body.replace('email us', 'email x@jobs.example')}\n").url
    assert found == (url if url != "mailto:x" else "mailto:x@jobs.example")


def test_tags_of_front_matter_that_did_not_parse_lose_their_brackets(tmp_path):
    from jobtui.postings.loader import load_postings
    from tests.conftest import write

    write(tmp_path, "a.md", "---\ntitle: SRE\ntags: [terraform, 'Go'\nlocation: Oslo\n---\nText.\n")
    result = load_postings([tmp_path])
    assert result.postings[0].tags[:2] == ("terraform", "go")  # then those of the text
    assert result.postings[0].location == "Oslo"
    assert result.warnings  # the YAML did not parse: said


@pytest.mark.parametrize(
    ("text", "has_c"),
    [
        ("Stack: C, C++, FreeRTOS", True),
        ("Compétences : C, Linux embarqué", True),
        ("Firmware in C/C++.", True),
        ("Languages: C and Python", True),
        ("We write Rust and C.", True),
        ("Strong embedded C skills.", True),
        ("After our Series C, Java is our main language.", False),
        ("Grade C, Python required", False),
        ("Plan C.", False),
        ("Objective-C, Swift", False),
        ("Swift, Objective-C or C++", False),
        ("Java, Objective C, C++", False),
        ("C#, Go", False),
        ("Section C: benefits", False),
        ("- C\n- Python\n- Go", True),
        ("Proficiency in C (C99/C11) and assembly", True),
        ("Stack: Python · C · CUDA", True),
        ("Temperatures up to 40°C, Python, Java", False),
        ("Python, Java, C-suite stakeholders", False),
    ],
)
def test_the_language_c_is_a_tag_only_among_other_languages(text, has_c):
    assert ("c" in find_tags(text)) is has_c
