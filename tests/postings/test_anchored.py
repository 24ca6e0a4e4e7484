"""Patterns tried only at their words find what a plain regex search finds, in every body."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import vocab
from jobtui.postings.anchored import Anchored
from jobtui.postings.extract import company, remote

# Pieces that make, break or half-make the patterns' matches, in every case and spacing.
_PIECES = [
    *("not", "no", "non", "a", "remote", "Remote", "REMOTE", "remotely", "is", "work", "working"),
    *("on", "site", "onsite", "On-Site", "in", "office", "the", "In The Office", "based"),
    *("based in the heart of", "relocate", "Relocation", "fully", "100%", "completely"),
    *("entirely", "full", "first", "friendly", "from", "home", "anywhere", "in the world"),
    *("wfh", "WFH", "(remote)", "(", ")", "distributed", "team", "company", "hybrid", "Hybrid"),
    *("partial", "partially", "partly", "télétravail partiel", "TELETRAVAIL PARTIEL", "3", "2"),
    *("days", "day", "x", "per", "week", "at", "İ", "ſ", "Go", "go", "Golang", "Rust", "REST"),
    *("Node", "Node.js", "AI", "Spark", "Ruby", "Rails", ".NET", "C#", "Swift", "Dart", "Elm"),
    # whole phrases, so that every alternative is met often
    *("anywhere in the world", "work from home", "Working Remotely", "not a remote", "no remote"),
    *("no a remote", "non remote", "non-remote", "partly remote"),
    *("remote is not", "remote work is not", "on-site", "in-office", "in the office", "2 days"),
    *("3x per week at the office", "remote-first", "remote (", "remote in", "100% remote"),
    *("distributed company", "partially remote", "partly-remote", "TÉLÉTRAVAIL PARTIEL"),
    *("join", "Join", "joining", "rejoin", "Why", "why", "Acme", "Acme Corp", "of", "&", "?"),
    *("join the data team at", "Why Acme?", "join Globex", "Whyte"),
    # letters re.IGNORECASE reads as ASCII ones that str.lower keeps (`ı`, `ſ`), or lengthens (`İ`)
    *("hybrıd", "on-ſite", "offıce", "dıstributed team", "entırely remote", "İn the office"),
    *("partıally remote", "télétravaıl partiel", "2 days a week in the offıce", "HYBRİD"),
    *("リモートワーク可", "在宅勤務", "可远程办公", "원격 근무", "Homeoffice", "TÉLÉTRAVAIL"),
    *("Trabajo remoto", "remotas", "teletrabajo", "telétravail"),
    *(
        "office based",
        "Office-Based",
        "an office based",
        "kein remote",
        "keine Remote",
        "sin remote",
    ),
    *("sans remote", "keinen", "totalmente remoto", "completamente remota", "100% télétravail"),
    *("full home office", "100% Homeoffice", "fully remota", "our ", "two "),
    *("kein Homeoffice", "sin teletrabajo", "pas de télétravail", "no remoto", "nessuno"),
    *("nessun smart working", "Homeoffice: nein", "home office: no", "you are remote", "you"),
    *("you'll be fully remote", "role is remote", "job is 100% remote", "Remote possible: no"),
    *("remote - no", "Remote-Arbeit nicht möglich", "nicht remote", "Remote: nein", ": ", "?"),
]
_GLUE = [" ", "  ", "-", "\n", "\t", "", ".", ",", "\u00a0", "_", "#", "+", "*"]

bodies = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GLUE)), max_size=40).map(
    lambda parts: "".join(piece + glue for piece, glue in parts)
)

_PATTERNS = [
    remote._REMOTE_NEGATIVE_RE,
    remote._REMOTE_STRONG_RE,
    remote._REMOTE_WEAK_RE,
    remote._REMOTE_WORD_ELSEWHERE_RE,
    remote._HYBRID_WORDS_RE,
    vocab._case_sensitive_pattern(),
    *(pattern for _, pattern in company._COMPANY_PATTERNS if isinstance(pattern, Anchored)),
]


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=400, deadline=None)
@given(bodies)
def test_every_pattern_finds_what_a_plain_search_finds(text: str) -> None:
    for anchored in _PATTERNS:
        plain = anchored.pattern
        found = anchored.search(text)
        expected = plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), plain.pattern
        assert _spans(anchored.finditer(text)) == _spans(plain.finditer(text)), plain.pattern


def test_every_piece_alone_and_between_words_is_found_as_a_plain_search_finds_it() -> None:
    for piece in _PIECES:
        for text in (piece, f"x {piece}.", f"{piece}\nmore", f"Say: {piece} now\n{piece}"):
            for anchored in _PATTERNS:
                expected = _spans(anchored.pattern.finditer(text))
                assert _spans(anchored.finditer(text)) == expected, (anchored.pattern, text)


def test_the_policies_a_body_states_are_read_as_before() -> None:
    # A match at the very start, one that starts before its word, one found through the
    # lowercased body, and one past a letter whose lowercase is longer (`İ`).
    cases = {
        "Not a remote role.": (False, "body"),
        "We are an on-site team.": (False, "body"),
        "You will work IN THE OFFICE in Leeds.": (False, "body"),
        "İstanbul based, 100% Remote.": (True, "body"),
        "Hybrid: 3 days a week in the office.": (None, None),
        "Poste en TÉLÉTRAVAIL PARTIEL.": (None, None),
        "A distributed team.": (True, "guessed"),
        "Nothing said about it.": (None, None),
    }
    for text, expected in cases.items():
        assert remote.remote_from_text(None, text) == expected, text


def test_a_word_for_remote_work_in_another_language_is_no_on_site_guess() -> None:
    for place, text in [
        ("東京", "リモートワーク可。"),
        ("Berlin", "Homeoffice nach Absprache."),
        ("Lyon", "Télétravail possible."),
        ("Madrid", "Trabajo remoto."),
    ]:
        assert remote.remote_from_text(place, text) == (None, None), text
    assert remote.remote_from_text("Lyon", "Bureau à Lyon.") == (False, "guessed")
    assert remote.remote_from_text(None, "可远程办公") == (None, None)  # said or denied: no guess


def test_a_word_at_the_edges_of_a_body_and_overlapping_words() -> None:
    pattern = Anchored(r"\bab(?:c|cab)\b", re.I, ("ab",))
    assert _spans(pattern.finditer("abcab abc")) == [(0, 5, "abcab"), (6, 9, "abc")]
    assert pattern.search("xabc abc").span() == (5, 8)  # `\b` sees the letter before
    offset = Anchored(r"\bon[\s-]?site\b", re.I, {"site": (-3, -2)})
    assert offset.search("ON SITE").span() == (0, 7)
    assert offset.search("site") is None  # a start before the body's first letter is none


def test_tags_named_as_written_are_found_where_the_words_are() -> None:
    text = "We use Go and Rust (not golang-go); REST APIs, Node.js, AI."
    assert {"go", "rust"} <= set(vocab.find_tags(text))
    assert "go" not in vocab.find_tags("Going places with Google.")
