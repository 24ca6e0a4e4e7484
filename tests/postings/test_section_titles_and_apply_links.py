"""A section heading (`# About us`, `## Job description`, `# Über uns`) is never the title, and
an http(s) apply link is preferred over an e-mail address given for questions."""

from __future__ import annotations

import json

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.extract.sections import is_section
from jobtui.postings.loader import load_postings, split_front_matter
from jobtui.postings.text import clean_markdown
from tests.conftest import write


def fields(text: str, name: str = "posting.md"):
    meta, body, _ = split_front_matter(text)
    return extract(meta, clean_markdown(body), name)


SECTIONS = [
    "About us",
    "## About the company",
    "### **Who we are**",
    "Overview",
    "#### Job description",
    "## _The role_",
    "Description",
    "Introduction",
    "### Company overview",
    "## What you'll do",
    "## Who you are?",
    "## How to apply",
    "Benefits & Perks",
    "## Job details",
    "## About Acme Robotics",
    "## 👋 ABOUT US",
    "## 1. Overview",
    "## About the Senior Engineer role",
    "## The Revenue Team",
    "## Web Designer Responsibilities",
    # German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Finnish, Polish
    "Über uns",
    "## Was wir bieten",
    "## Dein Profil",
    "À propos",
    "## Qui sommes-nous ?",
    "## Vos missions",
    "Sobre nosotros",
    "## ¿Quiénes somos?",
    "## Descripción del puesto",
    "## Sobre a empresa",
    "## Chi siamo",
    "## Over ons",
    "## Om oss",
    "## Tietoa meistä",
    "## O nas",
    # Japanese, Chinese, Korean: with brackets and marks, and spaced
    "## 【会社概要】",
    "■ 仕事内容",
    "## 募集要項",
    "## 关于我们",
    "## 주요 업무",
]


@pytest.mark.parametrize("heading", SECTIONS)
def test_a_section_heading_is_no_title_a_later_title_heading_is(heading):
    first = heading if heading.startswith("#") else f"# {heading}"
    text = (
        f"{first}\n\nAcme Robotics builds warehouse robots.\n\n"
        "## Senior Backend Engineer (m/w/d)\n\nYou will write Go.\n"
    )
    f = fields(text, name="acme-7f3a.md")
    assert (f.title, f.origins["title"]) == ("Senior Backend Engineer (m/w/d)", "heading")


@pytest.mark.parametrize("heading", SECTIONS)
def test_a_posting_whose_only_heading_is_a_section_takes_its_file_name(heading):
    first = heading if heading.startswith("#") else f"# {heading}"
    text = f"{first}\n\nAcme Robotics builds warehouse robots and sells them.\n"
    f = fields(text, name="2024-05-02-robot-fleet-operator.md")
    assert (f.title, f.origins["title"]) == ("Robot fleet operator", "file name")


@pytest.mark.parametrize(
    "title",
    [
        "Product Designer",
        "Role: Data Engineer",
        "Senior Engineer, Platform Team",
        "Barista",
        "WAS Administrator",  # German `Was` opens a section, not before a role
        "OM Engineer",
        "Benefits Specialist",  # a list's noun, but the role comes last
        "Requirements Engineer",
        "Head of Culture",
        "DevOps Team",
        "Co-Founder & CTO",
        "Uber - Senior Software Engineer",
        "Développeur Python (H/F)",
        "Comment Moderator",
    ],
)
def test_a_heading_that_is_a_title_stays_the_title(title):
    f = fields(f"# {title}\n\n## About us\n\nText.\n", name="other-name.md")
    assert (f.title, f.origins["title"]) == (title, "heading")
    assert not is_section(title)


def test_later_headings_that_do_not_read_as_a_title_are_not_taken():
    text = (
        "## Description\n\n## Our culture\n\nText.\n\n"
        "## Being a Frontend Engineer at Acme\n\nText.\n\n"
        "## Building developer tools at Acme\n\n"
        "## Platform Engineer responsibilities are:\n\n- ship\n\n"
        "## Deployment/DevOps:\n\n- Docker\n\n"
        "## Your mission as a Consultant\n\n"
        "## Acme Robotics\n\nText.\n"
    )
    f = fields(text, name="acme-platform-engineer.md")
    assert (f.title, f.origins["title"]) == ("Acme platform engineer", "file name")


def test_the_title_heading_after_a_section_brings_its_link_and_company_block():
    text = (
        "# [About Acme](https://acme.example/about)\n\nWe build robots.\n\n"
        "## [Staff Data Engineer](https://acme.example/jobs/41)\n### Acme Robotics\n"
        "#### `Lisbon, Portugal`\n\nText.\n"
    )
    f = fields(text)
    assert (f.title, f.url, f.company, f.location) == (
        "Staff Data Engineer",
        "https://acme.example/jobs/41",
        "Acme Robotics",
        "Lisbon, Portugal",
    )


@pytest.mark.parametrize("heading", ["Responsibilities", "Who We Are", "**Über uns**", "Location"])
def test_a_section_heading_below_the_title_is_no_place(heading):
    f = fields(f"# Kiln Operator\n#### {heading}\n\n- fire pots\n")
    assert (f.title, f.location) == ("Kiln Operator", None)
    assert fields("# Kiln Operator\n#### Stoke-on-Trent, UK\n\nText.\n").location == (
        "Stoke-on-Trent, UK"
    )


def test_a_section_heading_link_is_not_the_postings_link():
    f = fields("# [About Acme](https://acme.example/about)\n\nWe build robots.\n", name="x-ray.md")
    assert f.url is None
    assert f.title == "X ray"


def test_a_first_line_that_names_a_section_is_not_the_title():
    # a role named inside a section's name: `title_line` took it for the title
    f = fields("**About the Senior Engineer role**\n\nText.\n", name="platform-lead.md")
    assert (f.title, f.origins["title"]) == ("Platform lead", "file name")


def test_a_generic_file_name_skips_section_lines_for_its_title():
    f = fields("# About us\n\nOps for a bakery\n\nMore text.\n", name="_posts/README.md")
    assert (f.title, f.origins["title"]) == ("Ops for a bakery", "body")


def test_front_matter_and_key_lines_still_win(tmp_path):
    write(tmp_path, "a.md", "---\ntitle: Platform Engineer\n---\n# About us\n\nText.\n")
    write(tmp_path, "b.md", "Position: Kiln Operator\nLocation: Stoke\n\n# Über uns\n\nText.\n")
    titles = sorted(p.title for p in load_postings([tmp_path]).postings)
    assert titles == ["Kiln Operator", "Platform Engineer"]


def test_an_item_of_a_feed_without_a_title_is_not_titled_by_a_section(tmp_path):
    item = {"id": "1", "content_html": "<h2>About us</h2><p>We grow tomatoes in Lisbon.</p>"}
    titled = {"id": "2", "content_html": "<h2>Über uns</h2><p>Wir.</p><h3>Gärtnerin</h3>"}
    titled["title"] = "Gärtnerin (m/w/d)"
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [item, titled]}
    write(tmp_path, "feed.json", json.dumps(feed))
    titles = sorted(p.title for p in load_postings([tmp_path]).postings)
    assert titles == ["Gärtnerin (m/w/d)", "We grow tomatoes in Lisbon."]


QUESTIONS = [
    "Questions? Email jobs@acme.example",
    "Questions? Email [the team](mailto:jobs@acme.example).",
    "If you have questions about how to apply, write to jobs@acme.example.",
    "Contact: jobs@acme.example",
]
APPLY = [
    "Apply at https://acme.example/careers/123",
    "[Apply here](https://acme.example/careers/123)",
    "Apply: https://acme.example/careers/123",
    "**Apply now:** <https://acme.example/careers/123>",
    "Interested? You can also apply online at https://acme.example/careers/123.",
    "Bewerben Sie sich unter https://acme.example/careers/123",
    "Postulez ici : [formulaire](https://acme.example/careers/123)",
    "Send us an email, or apply via [our portal](https://acme.example/careers/123).",
]


@pytest.mark.parametrize("question", QUESTIONS)
@pytest.mark.parametrize("apply", APPLY)
@pytest.mark.parametrize("apply_first", [False, True])
def test_a_web_apply_link_is_preferred_over_an_email_address(question, apply, apply_first):
    parts = [apply, question] if apply_first else [question, apply]
    text = "# Kiln Operator\n\nWe fire pots.\n\n" + "\n\n".join(parts) + "\n"
    f = fields(text)
    assert (f.url, f.origins["url"]) == ("https://acme.example/careers/123", "body")


def test_a_web_apply_link_under_an_apply_heading_wins_over_the_email_before_it():
    text = (
        "# Kiln Operator\n\n## How to apply\n\n"
        "Send questions to jobs@acme.example. Apply at https://acme.example/careers/123\n"
    )
    assert fields(text).url == "https://acme.example/careers/123"
    text = (
        "# Kiln Operator\n\n[Apply by email](mailto:jobs@acme.example) "
        "or [apply online](https://acme.example/k/9)\n"
    )
    assert fields(text).url == "https://acme.example/k/9"


def test_an_application_address_is_a_web_apply_link():
    text = "# Kiln Operator\n\nQuestions: jobs@acme.example\n\nhttps://acme.example/jobs/41/apply\n"
    assert fields(text).url == "https://acme.example/jobs/41/apply"


@pytest.mark.parametrize(
    "text",
    [
        "Apply by emailing jobs@acme.example.\n\nVisit us at https://acme.example",
        "To apply, send your CV to jobs@acme.example.\n\nOur blog: https://acme.example/blog",
        "## How to apply\n\nSend your CV to jobs@acme.example.\n\n"
        "Find out more [on our website](https://acme.example).",
        "Apply: jobs@acme.example\n\nWe run on [Postgres](https://postgresql.example/).",
        "Please do not apply via https://board.example/x. Email jobs@acme.example to apply.",
        "Apply by emailing jobs@acme.example.",  # a mailto alone stays the url
        "How to apply?\nCandidates send their CV and the Application Form "
        "(https://acme.example/form.pdf) to jobs@acme.example.",
    ],
)
def test_an_email_address_stays_the_url_when_no_web_address_is_given_to_apply(text):
    assert fields(f"# Kiln Operator\n\n{text}\n").url == "mailto:jobs@acme.example"


def test_a_title_linked_to_an_email_address_gives_way_to_a_web_apply_link():
    f = fields("# [Kiln Operator](mailto:jobs@acme.example)\n\nApply at https://acme.example/k/9\n")
    assert (f.url, f.origins["url"]) == ("https://acme.example/k/9", "body")
    f = fields("# [Kiln Operator](mailto:jobs@acme.example)\n\nVisit https://acme.example\n")
    assert (f.url, f.origins["url"]) == ("mailto:jobs@acme.example", "heading")


def test_front_matter_urls_keep_their_precedence():
    text = (
        "---\nurl: jobs@acme.example\n---\n# Kiln Operator\n\nApply at https://acme.example/k/9\n"
    )
    f = fields(text)
    assert (f.url, f.origins["url"]) == ("mailto:jobs@acme.example", "front matter")


@pytest.mark.parametrize(
    "address",
    ["javascript:alert(1)", "file:///etc/passwd", "ftp://acme.example/k", "data:text/html,x"],
)
def test_only_web_and_mail_addresses_are_taken(address):
    text = f"# Kiln Operator\n\nApply by emailing jobs@acme.example.\n\n[Apply here]({address})\n"
    assert fields(text).url == "mailto:jobs@acme.example"


def test_a_heading_of_many_spaces_is_read_in_one_pass():
    # the heading pattern took cubic time in a line's spaces (a 2,000-character line: 9 s)
    spaces = " " * 40_000
    assert fields(f"## Kiln{spaces}Operator\n\nText.\n").title == "Kiln Operator"
    f = fields(f"# About us\n\n## a{spaces}x\n\n## Kiln Operator\n\nText.\n")
    assert f.title == "Kiln Operator"


def test_a_japanese_section_heading_gives_way_to_the_title_on_a_labelled_line():
    text = "# 会社概要\n\n会社名：株式会社テスト\n職種：バックエンドエンジニア\n"
    f = fields(text, name="x.md")
    assert f.title == "バックエンドエンジニア" and f.company == "株式会社テスト"
    assert not is_section("バックエンドエンジニア") and not is_section("会社概要について")
