"""Work mode as new users write it: other words for remote work, a denied remote next to a
stated hybrid, a front matter `remote: false` that a body's hybrid refines, and a remote said
in a sentence of its own inside a paragraph (as a saved page's text joins lines)."""

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
