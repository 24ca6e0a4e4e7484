"""Remote work: a location that says it, the body, and guesses that are shown as guesses."""

from __future__ import annotations

import io
import re
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from jobtui.postings.extract import extract
from jobtui.postings.extract import remote as remote_patterns
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import parse_remote_value
from jobtui.postings.loader import load_postings, split_front_matter
from jobtui.postings.model import STATED, Origin, origin_note
from jobtui.postings.text import clean_markdown
from jobtui.tui.render import metadata_table

from ..conftest import make_posting, write


def fields(text: str) -> Fields:
    meta, body, _ = split_front_matter(text)
    return extract(meta, clean_markdown(body), "posting.md")


@pytest.mark.parametrize(
    "location",
    [
        "Online",
        "Virtual",
        "Anywhere",
        "Distributed",
        "WFH",
        "Home-based",
        "Homebased (UK)",
        "Remote-first",
        "Remote OK",
        "NYC or telecommute",
        "Austin, TX, and Remotely",
        "Work from home, Germany",
        "Europe (telework)",
        "Télétravail",
        "Location independent",
    ],
)
def test_a_location_that_is_a_way_of_working_is_remote_as_stated(location):
    f = fields(f"---\ntitle: Support\nlocation: '{location}'\n---\nHelp our users.\n")
    assert (f.remote, f.origins["remote"]) == (True, "front matter")


def test_a_location_in_the_heading_keeps_the_heading_as_origin():
    f = fields("# Support\n#### `🌍 Online`\n\nHelp our users.\n")
    assert (f.remote, f.origins["remote"]) == (True, "heading")


@pytest.mark.parametrize("location", ["Munich", "Rotterdam, NL", "Vilnius · Engineering"])
def test_a_place_with_no_word_about_remote_is_a_guessed_on_site(location):
    f = fields(f"---\ntitle: Support\nlocation: '{location}'\n---\nHelp our users.\n")
    assert (f.remote, f.origins["remote"]) == (False, "guessed")


@pytest.mark.parametrize(
    ("text", "remote", "origin"),
    [
        ("---\nlocation: Berlin\n---\nThis is a fully remote role.\n", True, "body"),
        ("---\nlocation: Berlin\n---\nThis role is on-site in our office.\n", False, "body"),
        ("# Dev\n\nWe work remotely, from anywhere.\n", True, "body"),
        ("# Dev\n\nOur team is remote across two continents.\n", True, "body"),
        ("# Dev\n\nWe build remote controls.\n", True, "guessed"),  # one weak word
        ("# Dev\n\nLocation: Porto\n\nWe write Elixir.\n", False, "guessed"),
        ("---\nremote: yes\nlocation: Paris\n---\nWe write Elixir.\n", True, "front matter"),
        ("---\nremote: false\n---\nFully remote!\n", False, "front matter"),
    ],
)
def test_remote_origins(text, remote, origin):
    f = fields(text)
    assert (f.remote, f.origins.get("remote")) == (remote, origin)


@pytest.mark.parametrize(
    "text",
    [
        "# Dev\n\nWe write Java.\n",
        "# Dev\n\nWe run a hybrid cloud.\n",  # hybrid, but not of the job: nothing is said
    ],
)
def test_unknown_stays_unknown(text):
    f = fields(text)
    assert f.remote is None and not f.hybrid and "remote" not in f.origins


@pytest.mark.parametrize(
    ("text", "origin"),
    [
        ("---\nlocation: 'Berlin (hybrid)'\n---\nWe write Java.\n", "front matter"),
        ("---\nworkplace: hybrid\nlocation: 'Hybrid: Lyon'\n---\nWe write Java.\n", "front matter"),
        ("---\nremote: Hybrid (NYC)\n---\nWe write Java.\n", "front matter"),
        ("# Dev\n\nThis role is hybrid, based in Leeds.\n", "body"),
        ("# Dev\n\n**Workplace:** Hybrid\n\nJava.\n", "body"),
        ("# Dev\n\nYou will be in the office 3 days a week in the office.\n", "body"),
        ("# Dev\n\nWe run a hybrid cloud. The job is partially remote.\n", "body"),
        ("# Dev\n\nLieu : Paris (télétravail partiel)\n", "body"),
    ],
)
def test_hybrid_stated_is_hybrid_and_neither_remote_nor_on_site(text, origin):
    f = fields(text)
    assert (f.hybrid, f.remote, f.origins.get("remote")) == (True, None, origin)


def test_a_hybrid_posting_lists_filters_and_stores_as_hybrid(tmp_path):
    from jobtui.postings.loader import load_postings
    from jobtui.search.engine import SearchIndex

    (tmp_path / "h.md").write_text("---\ntitle: Dev\nremote: hybrid\n---\nJava.\n")
    (tmp_path / "r.md").write_text("---\ntitle: Ops\nremote: yes\n---\nGo.\n")
    (tmp_path / "u.md").write_text("---\ntitle: QA\n---\nTests.\n")
    for cached in (True, True, False):  # parsed, then from the store, then without it
        postings = load_postings([tmp_path], cache=cached).postings
        by_title = {p.title: p for p in postings}
        assert (by_title["Dev"].hybrid, by_title["Dev"].remote) == (True, None)
        assert by_title["Dev"].to_dict()["hybrid"] is True
        assert not by_title["Ops"].hybrid and not by_title["QA"].hybrid
        index = SearchIndex(postings)
        found = {
            query: sorted(hit.posting.title for hit in index.search(query))
            for query in ("remote:hybrid", "remote:unknown", "remote:yes")
        }
        assert found == {"remote:hybrid": ["Dev"], "remote:unknown": ["QA"], "remote:yes": ["Ops"]}


@pytest.mark.parametrize(
    ("value", "remote"),
    [
        (True, True),
        ("Yes", True),
        ("REMOTE", True),
        ("fully-remote", True),
        ("remote_first", True),
        ("online", True),
        ("WFH", True),
        ("no", False),
        ("ON_SITE", False),
        ("in-person", False),
        ("Office based", False),
        ("not remote", False),
        ("hybrid", None),
        ("HYBRID", None),
        ("N/A", None),
        ("sometimes", None),
    ],
)
def test_front_matter_remote_values(value, remote):
    assert parse_remote_value(value) is remote


def test_every_origin_that_is_not_stated_has_a_note():
    for origin in get_args(Origin):
        assert (origin_note(origin) is None) == (origin in STATED), origin
    assert origin_note("body") == "from body"
    assert origin_note("file name") == "from file name"
    assert origin_note("guessed") == "guessed"


def _shown(posting) -> dict[str, str]:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    console.print(metadata_table(posting))
    rows = [line.split(None, 1) for line in console.file.getvalue().splitlines()]
    return {row[0]: row[1].strip() for row in rows if len(row) == 2}


@pytest.mark.parametrize(
    ("remote", "origin", "shown"),
    [
        (False, "guessed", "on-site  (guessed)"),
        (True, "guessed", "remote  (guessed)"),
        (True, "body", "remote  (from body)"),
        (False, "body", "on-site  (from body)"),
        (True, "front matter", "remote"),
        (False, "heading", "on-site"),
        (None, None, "unknown"),
    ],
)
def test_the_remote_row_says_when_it_was_not_stated(remote, origin, shown):
    origins = {"remote": origin} if origin else {}
    assert _shown(make_posting(remote=remote, origins=origins))["Remote"] == shown


def test_every_row_says_where_a_value_not_stated_came_from():
    posting = make_posting(
        title="Backend engineer",
        company="Initech",
        location="Lisbon",
        url="https://initech.example/jobs/1",
        origins={"title": "file name", "company": "body", "location": "heading", "url": "body"},
    )
    shown = _shown(posting)
    assert shown["Title"] == "Backend engineer  (from file name)"
    assert shown["Company"] == "Initech  (from body)"
    assert shown["Location"] == "Lisbon"
    assert shown["Link"] == "https://initech.example/jobs/1  (from body)"


def test_a_loaded_posting_shows_its_guess(tmp_path):
    write(tmp_path, "ops.md", "---\ntitle: Ops\nlocation: Leeds\n---\nKeep the lights on.\n")
    assert _shown(load_postings([tmp_path]).postings[0])["Remote"] == "on-site  (guessed)"


@pytest.mark.parametrize(
    ("front", "body"),
    [
        ("remote: hybrid\nlocation: Berlin", "Build payment APIs."),
        ("workplace: Hybrid\nlocation: Austin, TX", "Data science team."),
        ("location: Lyon", "Télétravail partiel possible, deux jours au bureau."),
        ("location: Leeds", "A partially remote role: 3 days a week in the office."),
        ("location: Hybrid - Madrid", "Frontend work."),
    ],
)
def test_a_hybrid_policy_is_hybrid_never_guessed_on_site(tmp_path, front, body):
    from jobtui.postings.loader import load_postings

    (tmp_path / "job.md").write_text(f"---\ntitle: Engineer\n{front}\n---\n{body}\n")
    posting = load_postings([str(tmp_path)]).postings[0]
    assert posting.remote is None and posting.hybrid
    assert _shown(posting)["Remote"].startswith("hybrid")


def test_fully_remote_is_still_remote(tmp_path):
    from jobtui.postings.loader import load_postings

    (tmp_path / "job.md").write_text("---\ntitle: Engineer\nlocation: Berlin\n---\nFully remote.\n")
    assert load_postings([str(tmp_path)]).postings[0].remote is True


# --- the patterns, searched quickly, find what they found -----------------------------------------

# The patterns as plain regular expressions (the same text the anchored ones are built from).
_AS_THEY_WERE = {
    name: getattr(remote_patterns, name).pattern.pattern
    for name in ("_REMOTE_NEGATIVE_RE", "_REMOTE_WEAK_RE")
}
_HYBRID_WORDS_AS_THEY_WERE = remote_patterns._HYBRID_WORDS_RE.pattern.pattern
_STRONG_AS_IT_WAS = re.compile(
    r"\b(?:fully|100%|completely|entirely|full)[\s-]remote\b|\bremote[\s-](?:first|friendly|only|"
    r"position|role|job|team|company|opportunity|option|work|working|setup|culture)\b"
    r"|\bwork(?:ing)?\s(?:from\shome|remotely|from\sanywhere)\b|\bremotely\b|\bwfh\b|\(remote\)"
    r"|^[ \t*+-]*+remote\b(?![ \t*_]*[:?][ \t*_]*(?:no|not|none|n/a|false|nope|❌)\b)"
    r"|\bremote\s?\(|\bremote\s(?:in|within|across|from)\b"
    r"|\banywhere in the world\b",
    re.I | re.M,
)
_PIECES = [
    "remote", "Remote-first", "REMOTELY", "fully remote", "100% remote", "not remote",
    "non-remote", "No remote", "on-site", "onsite", "On Site", "in-office", "In office",
    "in the office", "hybrid", "3 days a week in the office", "2x per week at office",
    "work from home", "Working remotely", "WFH", "anywhere in the world", "distributed team",
    "Distributed company", "relocation", "Based in the heart of", "télétravail partiel",
    "(remote)", "remote (EU)", "Remote in Canada", "\n- remote\n", "\n  * Remote", "partly remote",
    "Partially-remote", "remote work is not", "\u017fite", "RE\u212aOTE", "\u0130n office", "\n",
    " ", "-", "*", "x", "9", "(", "é",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=10), st.booleans())
def test_the_patterns_searched_quickly_find_what_they_found(pieces, glued):
    from jobtui.postings.extract import remote as b

    text = ("" if glued else " ").join(pieces)
    hybrid = re.compile(_HYBRID_WORDS_AS_THEY_WERE, re.I).search(text)
    assert (hybrid and hybrid.span()) == ((m := b._HYBRID_WORDS_RE.search(text)) and m.span())
    for name, pattern in _AS_THEY_WERE.items():
        before = re.compile(pattern, re.I).search(text)
        after = getattr(b, name).search(text)
        assert (before and before.span()) == (after and after.span()), name
    strong = bool(b._REMOTE_STRONG_RE.search(text) or b._REMOTE_ITEM_RE.search("\n" + text))
    assert strong == bool(_STRONG_AS_IT_WAS.search(text))


@pytest.mark.parametrize(
    ("place", "body", "remote", "hybrid"),
    [
        # hybrid said of something else than the job: the rest of the body decides
        (None, "Experience with hybrid sequencing (hybrid capture) required.", None, False),
        (None, "Stack: Kubernetes (hybrid and multi-cloud).", None, False),
        (None, "Databases (OLTP, OLAP, hybrid) are a plus. Fully remote.", True, False),
        (None, "We are hybrid-cloud specialists. Work from home.", True, False),
        (None, "Build hybrid mobile apps with Ionic. Fully remote.", True, False),
        (None, "Not hybrid: this role is fully remote.", True, False),
        (None, "Hybrid vehicles research. On-site only in Detroit.", False, False),
        (None, "This role is a hybrid of product management and engineering.", None, False),
        (None, "This is not a hybrid role: you work on site in Leeds every day.", False, False),
        (None, "We build the leading platform for hybrid work.", None, False),
        (None, "You will build a hybrid model combining rules and ML.", None, False),
        ("Leeds", "You will work 5 days a week in the office.", False, False),
        (None, "0 days a week in the office: fully remote.", True, False),
        # denied, a short week, or a list that may be of cars
        (None, "There is no option for hybrid working in this team.", None, False),
        (
            None,
            "Hybrid working is not possible; you will be in our Leeds office daily.",
            None,
            False,
        ),
        ("London (not hybrid)", "Java.", False, False),
        (None, "This role is not partially remote.", None, False),
        (None, "Part-time role: 3 days a week in the office in Leeds.", False, False),
        (None, "4 days per week at our office (32-hour week, Fridays off).", None, False),
        (None, "We build cars.\nOur lineup:\n- Electric\n- Hybrid\n- Diesel", None, False),
        (None, "This role is hybrid in nature, combining sales and engineering.", None, False),
        (None, "Work type: Hybrid cloud engineering", None, False),
        (None, "We sell a hybrid (2 engines) drivetrain.", None, False),
        (None, "Join our hybrid working group on electric cars.", None, False),
        (
            None,
            "This is a hybrid role where half your time is coding and half managing.",
            None,
            False,
        ),
        (
            None,
            "A unique hybrid role within our company that combines sales and code.",
            None,
            False,
        ),
        # hybrid and fully remote both said: remote when said of the job or its place, else
        # neither is told
        (None, "We were partially remote at first. This is a fully remote role.", True, False),
        ("Remote or Oslo", "Oslo staff work from home two days per week.", True, False),
        (None, "Hybrid working, 2 days in the office. Fully remote teams elsewhere.", None, False),
        # ... but a company's remote culture leaves a hybrid job hybrid
        (None, "Hybrid working (2 days in the office). Remote-friendly team.", None, True),
        (None, "We are remote-first. This role is hybrid in Lisbon.", None, True),
        # hybrid said of the job, in many forms
        ("Leeds", "Three days a week in the office, two from home.", None, True),
        (None, "2 days/week in office.", None, True),
        (None, "In office 3 days per week.", None, True),
        (None, "You will be in the office 4 days a week.", None, True),
        (None, "Hybrid working: 3 days in Leeds, 2 from home.", None, True),
        (None, "The position is hybrid, with two days in Paris.", None, True),
        (None, "We offer hybrid working (2 days in the office).", None, True),
        (None, "We follow a hybrid working model.", None, True),
        (None, "**Workplace:** Hybrid", None, True),
        (None, "Location: Berlin · Hybrid", None, True),
        (None, "This role is **hybrid**.", None, True),
        (None, "Hybrid (3 days in office)", None, True),
        (None, "This role is hybrid.", None, True),
        # lines that start with it and say how, or stand alone; other languages
        (None, "Hybrid – 3 days on site.", None, True),
        (None, "Hybrid: one day a week at our Bristol studio.", None, True),
        (None, "Hybrid in Rotterdam", None, True),
        (None, "**Hybrid** (Lyon Part-Dieu)", None, True),
        (None, "Hybrid 2/3", None, True),
        (None, "Hybrid 60%.", None, True),
        (None, "Intro.\n\nHybrid.\n\nMore.", None, True),
        ("Gothenburg", "Gothenburg, hybrid", None, True),
        ("Gothenburg", "Company car: Volvo XC60, hybrid.", None, False),
        (None, "Company: Quartzline. Hybrid in Graz. €70k.", None, True),
        (None, "Hybrid, 2 days in the office", None, True),
        (None, "Hybrid (in office Tue/Thu)", None, True),
        (None, "Working pattern: hybrid (Mon/Thu in office)", None, True),
        (None, "Remote? Hybrid", None, True),
        (None, "This is a **hybrid** role: 2 days a week in our Derry office.", None, True),
        (None, "Standort: Bonn, 2 Tage Homeoffice", None, True),
        (None, "Télétravail : 2 jours par semaine", None, True),
        (None, "Trabajo híbrido no disponible.", None, False),
        (None, "Lavoro ibrido non previsto.", None, False),
        (None, "Un modèle hybride entre conseil et édition.", None, False),
        (None, "Hybrid (PhD preferred)", None, False),
        (None, "Hybrid in Q3", None, False),
        (None, "Hybrid 50% FTE", None, False),
        (None, "Remote policy: hybrid, with Tuesdays together.", None, True),
        (None, "On site 3 days per week, the rest from home.", None, True),
        (None, "Trabajo híbrido en Madrid.", None, True),
        (None, "Mode hybride possible.", None, True),
        (None, "Hybrides Arbeitsmodell in Köln.", None, True),
        (None, "Lavoro ibrido a Milano.", None, True),
        # ... and not of other things
        (None, "Hybrid in Flutter and Swift apps.", None, False),
        (None, "Hybrid: 2 engines, one battery.", None, False),
        (None, "Diesel, petrol, hybrid.", None, False),
        (None, "We make petrol and hybrid engines. Modelo híbrido del coche.", None, False),
        (None, "Il n'y a pas de travail hybride.", None, False),
    ],
)
def test_hybrid_is_read_only_when_said_of_the_job(place, body, remote, hybrid):
    front = f"---\ntitle: Engineer\nlocation: {place}\n---\n" if place else "# Engineer\n\n"
    f = fields(front + body + "\n")
    assert (f.remote, f.hybrid) == (remote, hybrid)


@pytest.mark.parametrize(
    ("place", "body", "remote"),
    [
        (None, "Remote working is not possible.", False),
        (None, "Remote work isn't available for this role.", False),
        (None, "We don't offer remote work.", False),
        (None, "Unfortunately, we cannot offer remote working for this role.", False),
        (None, "This position cannot be performed remotely.", False),
        (None, "Work from home is not an option.", False),
        (None, "**Remote:** No", False),
        (None, "- Remote: not possible", False),
        ("Berlin", "Remote? No.", False),
        (None, "This job isn't remote.", False),
        ("London (no remote)", "Java.", False),
        ("Berlin, not remote", "Java.", False),
        # denied in another language: nothing is guessed from the word
        (None, "Kein Homeoffice möglich.", False),
        (None, "リモート不可", None),
        (None, "Arbeit im Büro, keine Remote-Arbeit.", False),
        (None, "Remote: nein", False),
        (None, "Remote - no", False),
        (None, "Remote possible: no", False),
        (None, "Remote-Arbeit nicht möglich. Standort: Bonn", False),
        (None, "Nicht remote.", False),
        (None, "Sin teletrabajo.", False),
        (None, "Pas de télétravail.", False),
        (None, "Homeoffice: nein", False),
        (None, "Lokalizacja: Zdalnie", True),
        (None, "Acme is fully remote. The role requires you to be on-site in Turin.", False),
        (None, "We work remotely, except this position which is on-site in Oslo.", False),
        (None, "You must be on-site in Bonn. We're a remote-friendly company.", False),
        (None, "Work location: on-site, Bonn. Remote-friendly culture.", False),
        (None, "Fully office-based role. Remote work: occasional.", False),
        (None, "Our team is office-based, you are remote.", True),
        (None, "This remote role includes on-site visits twice a year.", True),
        (None, "Puesto presencial, sin remote.", False),
        # on-site said of the job outranks the company's remote words
        (None, "We are a remote-first company, but this role is office-based.", False),
        (None, "Fully remote team; the position will be on-site in Turin.", False),
        (None, "Office-based in Dundee.", False),
        (None, "We have an office based in Dundee and work remotely.", True),
        (
            None,
            "Our office-based team in Leeds works remotely on Fridays. Fully remote role.",
            True,
        ),
        # said in another language
        (None, "Trabajo 100% remoto.", True),
        (None, "Posizione completamente remota.", True),
        (None, "Poste en 100% télétravail.", True),
        # and still read when said
        (None, "Remote: Yes", True),
        (None, "- Remote\n- Full-time", True),
        ("Remote", "Java.", True),
    ],
)
def test_remote_denied_is_not_remote(place, body, remote):
    front = f"---\ntitle: Engineer\nlocation: {place}\n---\n" if place else "# Engineer\n\n"
    assert fields(front + body + "\n").remote == remote
