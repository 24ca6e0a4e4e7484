"""Where the job is done, as a posting states it in a few words: a field of its own (wherever
on its line, after other fields), a line that is only the way of working, a sentence after
the place, and the forms of other languages; and the fields that state nothing (two ways
offered, a yes after a label that is no way of working, a value that names something else)."""

from __future__ import annotations

import pytest

from jobtui.postings.extract import extract
from jobtui.postings.extract.work_mode import (
    HYBRID,
    ON_SITE,
    REMOTE,
    stated_field,
    stated_loosely,
)
from jobtui.postings.loader import split_front_matter
from jobtui.postings.text import clean_markdown

STATED = {
    REMOTE: (True, False, "body"),
    HYBRID: (None, True, "body"),
    ON_SITE: (False, False, "body"),
}


def stated_mode(body: str, low: str) -> str | None:
    """What a field states, else what a line or a sentence does."""
    return stated_field(body) or stated_loosely(body, low)


def policy(body: str, place: str | None = None) -> tuple:
    """(remote, hybrid, origin of remote) of a posting with this body."""
    front = "---\ntitle: Platform Engineer\ncompany: Quillfeather\n"
    front += f"location: {place}\n---\n" if place else "---\n"
    meta, text, _ = split_front_matter(front + body + "\n")
    f = extract(meta, clean_markdown(text), "posting.md")
    return f.remote, f.hybrid, f.origins.get("remote")


@pytest.mark.parametrize(
    ("body", "mode"),
    [
        # a field after others on its line
        ("Team: Risk · Work model: Hybrid · Grade: L4", HYBRID),
        ("Office: Ghent. Remote: hybrid (Tue/Thu in Ghent).", HYBRID),
        ("Level: Staff | Workplace: Remote | Visa: no", REMOTE),
        ("City: Tacoma, WA. Remote: no.", ON_SITE),
        ("Salary: 90k – Remote: Yes, from anywhere in Canada", REMOTE),
        # a field of its own line, in the forms of many boards
        ("**Location type:** On-site", ON_SITE),
        ("- Work location: In-person", ON_SITE),
        ("Working arrangement: fully remote", REMOTE),
        ("Arbeitsmodell: Hybrid", HYBRID),
        ("Modalidad de trabajo: Presencial", ON_SITE),
        ("Modelo de trabalho: híbrido", HYBRID),
        ("Mode de travail : télétravail partiel", HYBRID),
        ("Modalità di lavoro: in sede", ON_SITE),
        ("Forma pracy: stacjonarna", ON_SITE),
        ("Tryb pracy: zdalnie", REMOTE),
        ("Werkmodel: hybride", HYBRID),
        ("Remote work: yes, 3 days a week", HYBRID),
        # a line that is only the way of working
        ("Applications close Friday.\nOnsite\n", ON_SITE),
        ("In-person.", ON_SITE),
        ("Praca stacjonarna.", ON_SITE),
        ("**Remote only**", REMOTE),
        # a sentence after the place
        ("Ghent, Belgium. Hybrid.", HYBRID),
        ("Tacoma, WA. Onsite!", ON_SITE),
        ("Based in Valencia, Spain. Remote.", REMOTE),
        (
            "Porto, Portugal. Hybrid. We are six people making invoicing less painful for shops.",
            HYBRID,
        ),
        # sentences
        ("Please note this job is in-person, at our Reno warehouse.", ON_SITE),
        ("Ofrecemos trabajo presencial en Sevilla.", ON_SITE),
        ("Pracujemy stacjonarnie w Poznaniu.", ON_SITE),
        ("Mobiles Arbeiten nach Absprache, Gleitzeit.", HYBRID),
        ("Dazu 100% Homeoffice möglich.", REMOTE),
    ],
)
def test_a_way_of_working_stated_in_a_few_words_is_read(body, mode):
    assert stated_mode(body, body.lower()) == mode
    assert policy(body, "Springfield") == STATED[mode]


@pytest.mark.parametrize(
    "body",
    [
        "Workplace type: Remote or hybrid",  # two ways offered
        "Work model: on-site / remote",
        "Relocation: yes",  # a yes after a label that is no way of working
        "Home-Office: ja",  # a day, or every day?
        "- Home office: yes, we ship you a desk and a monitor",
        "Visa sponsorship: no",
        "Work type: Hybrid cloud platform",  # a value that names something else
        "Work location: Springfield office",
        "In person interviews happen in week two.",
        "Remote: Yes\nWorkplace type: On-site",  # fields that disagree
        "We hold an in-person offsite every spring.",
        "Dear applicant, thanks. Hybrid vehicles are what we sell, thousands of them every year.",
        "Kein Homeoffice nach Absprache.",
    ],
)
def test_fields_that_state_no_one_way_of_working_state_nothing(body):
    assert stated_mode(body, body.lower()) is None


def test_what_the_field_states_outranks_a_guess_from_the_place():
    """With a place and no remote word, a posting is guessed on-site; a field that says
    so makes it stated, and a field that says hybrid makes it hybrid."""
    assert policy("We make ledgers.", "Ghent") == (False, False, "guessed")
    assert policy("We make ledgers.\nWorkplace type: In person", "Ghent") == (False, False, "body")
    assert policy("We make ledgers. Remote: hybrid.", "Ghent") == (None, True, "body")


def test_a_remote_place_stated_again_keeps_the_place_as_its_origin_and_a_conflict_reads_on():
    assert policy("**Fully remote**", "Remote") == (True, False, "front matter")
    # `Remote` as the place and `On-site` as a field: the body's sentences decide, as before
    assert policy("Workplace type: On-site\nThis role is fully remote.", "Remote")[:2] == (
        True,
        False,
    )


@pytest.mark.parametrize(
    ("body", "place", "expected"),
    [
        # a round of interviews is a list item, not the job's way of working
        (
            "This is a fully remote role.\n\n## How we hire\n* Screen\n* Onsite\n",
            None,
            (True, False),
        ),
        ("Remote: Yes, occasional travel to the Leeds office twice a year", "Leeds", (True, False)),
        ("Remote: yes (we meet for 3 days each quarter in Porto)", "Porto", (True, False)),
        ("Work mode: Fully remote · 4 days a week (32h), Fridays off", "Oslo", (True, False)),
        # a sentence the other readers understand better is left to them
        (
            "Trabajo presencial en Bilbao, con 2 días de teletrabajo a la semana.",
            "Bilbao",
            (None, True),
        ),
        ("Este no es un trabajo presencial: 100% remoto desde casa.", "Cádiz", (True, False)),
        ("The job is in person for the first month, then fully remote.", "Tulsa", (True, False)),
        # a value that says more than one way
        ("Work model: On-site with 2 days a week from home", "Dundee", (None, True)),
        ("Modalidad: Presencial (con 1 día de teletrabajo)", "Murcia", (None, True)),
        # `Hybrid role combining...` names a role of two kinds, not where it is done
        (
            "Arrangement: Hybrid role combining design and research.\nLocation: Lyon (on-site)",
            None,
            (False, False),
        ),
        # two ways offered on a board that lists them
        ("Tryb pracy: praca stacjonarna, praca hybrydowa", "Łódź", (None, True)),
    ],
)
def test_what_other_statements_say_is_not_overridden(body, place, expected):
    assert policy(body, place)[:2] == expected


def test_a_field_a_sentence_of_the_job_contradicts_states_nothing():
    body = "Workplace type: Remote\n\nThis position is on-site at our Tulsa plant every day."
    assert policy(body, "Tulsa")[:2] == (None, False)
