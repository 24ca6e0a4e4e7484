"""Where the job is done, as postings of many boards and languages say it: remote denied in
a few words, hybrid said in a role's first words, some days a week at home, remote work in
Polish and Dutch, a company said not remote while the job is; and a company name that holds
a policy word is still a name, its word no policy."""

from __future__ import annotations

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.loader import split_front_matter
from jobtui.postings.text import clean_markdown


def policy(body: str, place: str | None = None, company: str = "Tallow Works") -> tuple:
    """(remote, hybrid, origin of remote) of a posting with this body."""
    front = f"---\ntitle: Data Engineer\ncompany: {company}\n"
    front += f"location: {place}\n---\n" if place else "---\n"
    meta, text, _ = split_front_matter(front + body + "\n")
    f = extract(meta, clean_markdown(text), "posting.md")
    return f.remote, f.hybrid, f.origins.get("remote")


@pytest.mark.parametrize(
    "body",
    [
        "Remote not available for this one.",
        "We build ledgers. Remote working not possible, sorry.",
        "- Remote work not an option\n- Pension",
        "Remote not permitted (client security rules).",
    ],
)
def test_remote_denied_in_few_words_is_on_site(body):
    assert policy(body, "Leeds")[:2] == (False, False)
    assert policy(body)[:2] == (False, False)


@pytest.mark.parametrize(
    "body",
    [
        "Hybrid position with three days at our Ghent office.",
        "Hybrid job. Tuesdays and Thursdays in Lyon.",
        "About the team: we ship weekly. Hybrid role, based in Porto.",
        "Based in Gothenburg, hybrid.",
        "Office in Tampere, hybrid",
        "You can work from home up to 3 days per week.",
        "Expect 2 days a week from home and the rest with the team.",
        "We offer 2 WFH days per week.",
        "Remote 1 day a week, the rest in our Leeds studio.",
        "Praca w trybie hybrydowym, 2 dni w biurze w Poznaniu.",
        "Pracujemy hybrydowo z biura we Wrocławiu.",
        "Wij bieden hybride werken vanuit Rotterdam.",
        "Ofrecemos modalidad híbrida en Valencia.",
    ],
)
def test_hybrid_in_other_words(body):
    assert policy(body, "Somewhere, EU")[1] is True
    assert policy(body)[1] is True


@pytest.mark.parametrize(
    "body",
    [
        "Hybrid role combining sales engineering and support.",  # a role of two kinds
        "Hybrid role that bridges product and design.",
        "Experience with hybrid cloud (Azure Arc) is a plus.",
        "Znajomość chmury hybrydowej (Azure) mile widziana.",  # a hybrid cloud, in Polish
        "Our fleet: Prius, hybrid.",  # a car
        "Our office in Berlin, hybrid cloud experts since 2009.",
        "Hybrid role: 40% engineering, 60% product.",  # shares of two kinds of work
        "Hybrid position (30 % Entwicklung, 70 % Beratung).",
        "Hybrid: 50% data science / 50% analytics",
    ],
)
def test_hybrid_said_of_something_else_is_not_hybrid(body):
    assert policy(body, "Bristol")[1] is False


@pytest.mark.parametrize(
    "body",
    [
        "Hybrid role: 60% remote, 40% in the office.",  # shares of where the work is done
        "Hybrid position (50% on-site in Graz).",
        "Hybrid job: 20% travel, the rest from our Lille office.",
        "Hybrid 60%",
    ],
)
def test_shares_of_where_work_is_done_are_hybrid(body):
    assert policy(body, "Bristol")[1] is True


@pytest.mark.parametrize(
    "body",
    [
        "We build a CRM for customers working remotely 2 days a week.",
        "Our clients, most of whom work from home 3 days a week, love the app.",
        "Tutoring for students who study remotely 2 days per week.",
    ],
)
def test_others_working_from_home_say_nothing_of_the_job(body):
    remote, hybrid, origin = policy(body, "Bristol")
    assert not hybrid and origin != "body"
    remote, hybrid, origin = policy(body)
    assert not hybrid and remote is not True


def test_the_job_said_remote_beside_others_working_from_home_is_remote():
    body = "Our customers work remotely 2 days a week. This role is fully remote."
    assert policy(body, "Bristol")[:3] == (True, False, "body")
    staff = "Employees work remotely 2 days a week and meet in Bristol on Tuesdays."
    assert policy(staff, "Bristol")[1] is True


@pytest.mark.parametrize(
    "body",
    [
        "Praca zdalna, elastyczne godziny.",
        "Oferujemy: 100% zdalnie, sprzęt do wyboru.",
        "Tylko zdalnie, z dowolnego miejsca w Polsce.",
        "Deze functie is volledig op afstand.",
    ],
)
def test_remote_in_polish_and_dutch(body):
    assert policy(body, "Łódź")[:3] == (True, False, "body")


@pytest.mark.parametrize(
    "body",
    [
        "Praca zdalna nie jest możliwa na tym stanowisku.",  # remote work is not possible
        "Praca zdalna: nie.",
        "Pracujemy zdalnie z klientami, ale to stanowisko jest w biurze.",  # we, with clients
    ],
)
def test_polish_remote_denied_or_said_of_others_is_not_remote(body):
    assert policy(body, "Łódź")[0] is not True


def test_a_company_said_not_remote_does_not_deny_a_remote_job():
    said = "We are not a remote-first business, but this role is remote across the UK."
    assert policy(said, "UK")[:2] == (True, False)
    # Denied of the job as well: on-site wins.
    denied = "We are not a remote company. This role is remote? No. Remote: no."
    assert policy(denied, "UK")[0] is False


def test_remote_days_of_a_remote_company_leave_the_job_remote():
    body = (
        "This is a fully remote role. Staff near our Zagreb office work from home two days "
        "per week and come in the rest."
    )
    assert policy(body, "Remote or Zagreb")[:2] == (True, False)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Company: Remote Ventures GmbH", "Remote Ventures GmbH"),
        ("Employer: Startup Forge Ltd", "Startup Forge Ltd"),
        ("Company: Fully Remote Inc", "Fully Remote Inc"),
        ("Company: Remote (US)", None),
        ("Company: Series A startup", None),
        ("Company: info@acme-recruiting Ltd", None),
    ],
)
def test_a_name_with_a_legal_form_is_a_name_whatever_its_words(line, name):
    meta, text, _ = split_front_matter(f"# Data Engineer\n\n{line}\n\nWe build things.\n")
    f = extract(meta, clean_markdown(text), "posting.md")
    assert f.company == name
    if name:  # its `Remote` is a name's: no way of working is guessed from it
        assert f.remote is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("unknown", (None, None)),  # said, not known: never guessed on-site from the place
        ("TBD", (None, None)),
        ("flexible", (None, None)),
        ("no", (False, "front matter")),
        ("yes", (True, "front matter")),
        ("''", (False, "guessed")),  # nothing said: the place with no remote word guesses
    ],
)
def test_a_remote_value_not_read_is_not_overruled_by_a_guess(value, expected):
    meta, text, _ = split_front_matter(
        f"---\ntitle: Baker\nlocation: Dundee\nremote: {value}\n---\nBake bread.\n"
    )
    f = extract(meta, clean_markdown(text), "posting.md")
    assert (f.remote, f.origins.get("remote")) == expected


def test_remote_said_after_the_name_on_its_line_is_the_jobs():
    meta, text, _ = split_front_matter(
        "# Rails Developer\n\nCompany: Facet Gems Inc. 100% remote, EU only. €70,000/yr.\n"
    )
    f = extract(meta, clean_markdown(text), "posting.md")
    assert (f.company, f.remote) == ("Facet Gems Inc", True)  # (its dot read as the end)
