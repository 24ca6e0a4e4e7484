"""Work mode as new users write it: other words for remote work, a denied remote next to a
stated hybrid, a front matter `remote: false` that a body's hybrid refines, and a remote said
in a sentence of its own inside a paragraph (as saved pages say it)."""

from __future__ import annotations

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.extract.fields import Fields
from jobtui.postings.loader import split_front_matter
from jobtui.postings.text import clean_markdown


def fields(text: str) -> Fields:
    meta, body, _ = split_front_matter(text)
    return extract(meta, clean_markdown(body), "posting.md")


def posting(line: str, place: str = "Denver, CO") -> str:
    """A posting in the shape users write: a heading, a company and place, then one line."""
    return f"# Job 07\n\nCompany: Halvorsen Labs\nLocation: {place}\n\n{line}\n"


def mode(f: Fields) -> tuple[bool | None, bool, str | None]:
    return f.remote, f.hybrid, f.origins.get("remote")


@pytest.mark.parametrize(
    "line",
    [
        "Telecommute",
        "Telecommuting.",
        "This is a telecommuting position.",
        "Teleworking available for the whole team.",
        "Telework",
        "Home based",
        "This is a home-based role.",
        "You will be home-based, with travel twice a year.",
        "Telecommute: yes",
    ],
)
@pytest.mark.parametrize("place", ["Denver, CO", "Leeds, UK"])
def test_other_words_for_remote_work_say_remote(line, place):
    assert mode(fields(posting(line, place))) == (True, False, "body")


@pytest.mark.parametrize(
    "line",
    [
        "No telecommuting.",
        "Telecommuting is not available for this role.",
        "Teleworking isn't possible here.",
        "This is not a telecommuting position.",
        "Telecommute: No",
        "This is not a home-based role.",
        "We do not offer telecommuting.",
        # the denials of remote itself, as before
        "Not remote.",
        "No remote work.",
        "Remote not possible.",
        "On-site only.",
    ],
)
def test_denied_remote_work_says_on_site(line):
    assert mode(fields(posting(line))) == (False, False, "body")


@pytest.mark.parametrize(
    "line",
    [
        "We provide home-based care to seniors across the county.",
        "Home-based services for families.",
    ],
)
def test_home_based_said_of_a_service_is_not_the_job(line):
    assert mode(fields(posting(line))) == (False, False, "guessed")


@pytest.mark.parametrize(
    "line",
    [
        "Not a remote role - hybrid 2 days/week",
        "This is not a remote job — hybrid 3x a week",
        "Not a remote position – hybrid: 3 days in the Denver office",
        "No remote, hybrid 2 days a week.",
        "Not a remote role, hybrid 2 days a week in the office",
        "Not remote, but hybrid.",
        "Fully remote is not possible, but hybrid is.",
    ],
)
def test_a_denied_remote_does_not_cancel_a_stated_hybrid(line):
    assert mode(fields(posting(line))) == (None, True, "body")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Not a remote or hybrid role.", (False, False, "body")),  # both denied
        ("No hybrid - fully on-site.", (False, False, "body")),
        ("Hybrid is not possible, sorry.", (None, False, None)),  # as before: unknown
    ],
)
def test_a_denial_of_hybrid_itself_still_denies_it(line, expected):
    assert mode(fields(posting(line))) == expected


def front(matter: str, body: str) -> Fields:
    return fields(f"---\ntitle: Support Engineer\nlocation: Boise, ID\n{matter}\n---\n\n{body}\n")


@pytest.mark.parametrize("matter", ["remote: false", "remote: no", "remote: 'No'", "remote: N"])
@pytest.mark.parametrize(
    "body",
    ["Hybrid role.", "This role is hybrid, 2 days a week in the office.", "Workplace: Hybrid"],
)
def test_front_matter_not_remote_and_a_hybrid_body_is_hybrid(matter, body):
    assert mode(front(matter, body)) == (None, True, "body")


@pytest.mark.parametrize(
    ("matter", "body", "expected"),
    [
        ("remote: false", "We write Java.", (False, False, "front matter")),
        ("remote: false", "Fully remote!", (False, False, "front matter")),  # front matter wins
        ("remote: false", "We run a hybrid cloud.", (False, False, "front matter")),
        ("remote: onsite", "Hybrid role.", (False, False, "front matter")),  # on-site: stated
        ("remote: true", "Hybrid role.", (True, False, "front matter")),
    ],
)
def test_front_matter_remote_stands_when_the_body_does_not_refine_it(matter, body, expected):
    assert mode(front(matter, body)) == expected


@pytest.mark.parametrize(
    ("matter", "expected"),
    [
        ("work_mode: hybrid", (None, True, "front matter")),
        ("workMode: On-site", (False, False, "front matter")),
        ("work_arrangement: Remote", (True, False, "front matter")),
        ("location_type: Hybrid", (None, True, "front matter")),
        ("hybrid: true", (None, True, "front matter")),
        ("hybrid: yes\nremote: false", (None, True, "front matter")),
        ("hybrid: false", (False, False, "guessed")),  # says nothing of remote or on-site
    ],
)
def test_work_mode_keys_of_front_matter_are_read(matter, expected):
    assert mode(front(matter, "We write Java.")) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("We build billing tools. Remote.", (True, False, "body")),
        ("Small team, big customers. Remote! Apply below.", (True, False, "body")),
        ("We build billing tools. Hybrid.", (None, True, "body")),
        ("We build billing tools. Remote? Ask us.", (None, False, None)),  # a question
        ("We build billing tools. Remote work is not possible.", (False, False, "body")),
    ],
)
@pytest.mark.parametrize("place", ["Denver, CO", None])
def test_a_way_of_working_said_in_a_sentence_of_its_own_is_stated(line, place, expected):
    text = f"# Job 07\n\n{line}\n" if place is None else posting(line, place)
    if place is None and expected == (None, False, None):
        expected = (True, False, "guessed")  # a remote word, and no place: guessed, as before
    assert mode(fields(text)) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "Company: Halvorsen Labs</p><p>Location: Denver, CO</p><p>We ship every week.\nRemote.",
        "We ship every week.\n  Remote.",
        "We ship every week. Remote.",
    ],
)
def test_remote_in_a_saved_pages_paragraph_is_stated_as_in_markdown(tmp_path, paragraph):
    from jobtui.postings.loader import load_postings

    html = f"<html><body><main><h1>Job 07</h1><p>{paragraph}</p></main></body></html>"
    (tmp_path / "job.html").write_text(html)
    (tmp_path / "job.md").write_text("# Job 07\n\nWe ship every week.\nRemote.\n")
    postings = load_postings([tmp_path], cache=False).postings
    assert sorted((p.format, p.remote, p.origins.get("remote")) for p in postings) == [
        ("html", True, "body"),
        ("markdown", True, "body"),
    ]
