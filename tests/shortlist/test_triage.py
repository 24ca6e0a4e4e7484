"""Triage: seen and hidden postings, and the blocklist, are never lost nor silently overwritten."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.shortlist.triage import (
    NEEDLES,
    Blocklist,
    Matcher,
    NotSaved,
    TriageError,
    TriageStore,
    company_key,
    parse_line,
)
from tests.conftest import make_posting

# --- seen and hidden ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cfg"


def on_disk(folder: Path) -> dict:
    return json.loads((folder / "triage.json").read_text(encoding="utf-8"))


def test_default_location_follows_the_environment(_isolated_config):
    assert TriageStore().path == _isolated_config / "triage.json"
    assert Blocklist().path == _isolated_config / "blocklist.txt"


def test_marks_persist_and_say_what_changed(folder):
    store = TriageStore(folder)
    assert store.mark_seen(["a", "b", "a"]) == ["a", "b"]
    assert store.mark_seen(["b", "c"]) == ["c"]  # b was seen already
    assert store.hide(["b"]) == ["b"]
    again = TriageStore(folder)
    assert set(again.seen()) == {"a", "b", "c"} and set(again.hidden()) == {"b"}
    assert again.is_seen("a") and again.is_hidden("b") and not again.is_hidden("a")
    data = on_disk(folder)
    assert data["version"] == 1 and set(data["seen"]) == {"a", "b", "c"}
    assert data["seen"]["a"][:4].isdigit() and "T" in data["seen"]["a"]  # ISO 8601


def test_hiding_does_not_mark_seen(folder):
    store = TriageStore(folder)
    store.hide(["x"])
    assert store.is_hidden("x") and not store.is_seen("x")


def test_unmarking_returns_times_and_undo_restores_them(folder):
    store = TriageStore(folder)
    store.mark_seen(["a", "b"])
    store.hide(["a"])
    when = dict(store.seen())
    removed = store.mark_unseen(["a", "zz"])
    assert removed == {"a": when["a"]}  # zz was never seen
    assert not store.is_seen("a") and store.is_seen("b")
    assert store.mark_seen(removed) == ["a"]  # the undo
    assert TriageStore(folder).seen()["a"] == when["a"]
    assert list(store.unhide(["a"])) == ["a"] and store.unhide(["a"]) == {}
    assert not TriageStore(folder).is_hidden("a")


def test_copies_hidden_together_are_shown_again_together(folder):
    store = TriageStore(folder)
    # One job in three cities hidden with another job, in one act; a third hidden alone.
    assert len(store.hide(["k1", "k2", "k3", "solo"], copies=[["k1", "k2", "k3"], ["solo"]])) == 4
    store.hide(["lone"])
    assert on_disk(folder)["copies"] == {"k1": "k1", "k2": "k1", "k3": "k1"}
    again = TriageStore(folder)  # read back from the file, in another process's place
    assert set(again.unhide(["k3"])) == {"k1", "k2", "k3"}  # any one of them, not the head
    assert set(again.hidden()) == {"solo", "lone"}
    assert "copies" not in on_disk(folder)  # none left hidden: nothing kept of them
    again.hide(["k2", "k9"], copies=[["k2", "k9"]])
    assert set(TriageStore(folder).unhide(["k9"])) == {"k2", "k9"}
    assert set(TriageStore(folder).hidden()) == {"solo", "lone"}


def test_a_damaged_copies_record_only_loses_the_togetherness(folder):
    folder.mkdir()
    (folder / "triage.json").write_text(
        json.dumps(
            {
                "version": 1,
                "seen": {},
                "hidden": {"a": "", "b": "", "c": ""},
                "copies": {"a": "a", "b": 7, "c": None},
            }
        ),
        encoding="utf-8",
    )
    store = TriageStore(folder)
    assert set(store.unhide(["a"])) == {"a"} and set(store.hidden()) == {"b", "c"}
    (folder / "triage.json").write_text(
        json.dumps({"version": 1, "hidden": {"a": ""}, "copies": ["a", "b"]}), encoding="utf-8"
    )
    assert set(TriageStore(folder).hidden()) == {"a"}


def test_one_id_is_one_id_not_its_letters(folder):
    store = TriageStore(folder)
    assert store.mark_seen("abc") == ["abc"] and store.hide("abc") == ["abc"]
    assert list(store.mark_unseen("abc")) == ["abc"] and list(store.unhide("abc")) == ["abc"]
    assert not store.seen() and not store.hidden()


def test_nothing_to_do_writes_nothing(folder):
    store = TriageStore(folder)
    assert store.mark_seen([]) == [] and store.mark_unseen([]) == {}
    assert not store.path.exists()


def test_views_are_read_only(folder):
    store = TriageStore(folder)
    store.mark_seen(["a"])
    with pytest.raises(TypeError):
        store.seen()["b"] = "now"  # type: ignore[index]
    with pytest.raises(TypeError):
        store.hidden()["b"] = "now"  # type: ignore[index]


def test_two_stores_alternating_lose_nothing(folder):
    one, two = TriageStore(folder), TriageStore(folder)
    one.mark_seen(["a"])
    two.mark_seen(["b"])  # two never read a: it must not write over it
    one.hide(["c"])
    two.hide(["d"])
    one.mark_unseen(["b"])  # one never read b: it is still unmarked on disk
    two.mark_seen(["e"])
    final = TriageStore(folder)
    assert set(final.seen()) == {"a", "e"} and set(final.hidden()) == {"c", "d"}
    # Each store holds what it last read or wrote; refresh catches up with the other's.
    assert set(two.seen()) == {"a", "e"}
    assert one.refresh() is True and set(one.seen()) == {"a", "e"}
    assert one.refresh() is False


def _mark_many(folder: str, prefix: str) -> None:
    store = TriageStore(folder)
    for i in range(20):
        store.mark_seen([f"{prefix}{i}"])
        store.hide([f"{prefix}{i}"])


def test_processes_at_once_lose_nothing(folder):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_mark_many, args=(str(folder), p)) for p in "pqrs"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    final = TriageStore(folder)
    expected = {f"{p}{i}" for p in "pqrs" for i in range(20)}
    assert set(final.seen()) == expected and set(final.hidden()) == expected


def test_a_corrupt_file_is_moved_aside_never_over_another_backup(folder):
    folder.mkdir()
    (folder / "triage.json").write_text('{"seen": {"a": ', encoding="utf-8")
    store = TriageStore(folder)
    assert store.recovered and "moved to" in store.recovered
    assert not store.seen() and not (folder / "triage.json").exists()
    (folder / "triage.json").write_text("[1, 2", encoding="utf-8")
    TriageStore(folder)  # the same second: the first backup must survive
    backups = folder.glob("triage.corrupt-*.json")
    assert {b.read_text(encoding="utf-8") for b in backups} == {'{"seen": {"a": ', "[1, 2"}
    store.mark_seen(["x"])
    assert set(on_disk(folder)["seen"]) == {"x"}


def test_a_file_broken_while_running_is_never_written_over(folder):
    store = TriageStore(folder)
    store.mark_seen(["a"])
    broken = '{"seen": {"a": "then", "b": '  # a person is editing it
    store.path.write_text(broken, encoding="utf-8")
    with pytest.raises(NotSaved, match="cannot be read just now"):
        store.mark_seen(["c"])
    assert store.path.read_text(encoding="utf-8") == broken
    assert store.is_seen("a") and not store.is_seen("c")
    assert store.refresh() is False and store.problem and "cannot be read" in store.problem
    assert not list(folder.glob("triage.corrupt-*"))


def test_keep_unsaved_replays_the_same_change_when_the_file_reads_again(folder):
    store = TriageStore(folder, keep_unsaved=True)
    store.mark_seen(["a"])
    store.path.write_text("{oops", encoding="utf-8")
    assert store.mark_seen(["b"]) == ["b"]  # kept in memory
    assert store.hide(["b"]) == ["b"]
    assert store.pending == 2 and store.unsaved and "cannot be read" in store.unsaved
    shown = dict(store.seen())
    assert store.retry() is False and store.path.read_text(encoding="utf-8") == "{oops"
    # The person fixes the file by hand, adding a mark of their own.
    store.path.write_text(json.dumps({"version": 1, "seen": {"a": "x", "h": "y"}}), "utf-8")
    assert store.refresh() is True and store.is_seen("h") and store.is_seen("b")
    assert store.retry() is True and store.pending == 0 and store.unsaved is None
    saved = on_disk(folder)
    assert saved["seen"] == {"a": "x", "h": "y", "b": shown["b"]}  # the time it was made
    assert set(saved["hidden"]) == {"b"}


def test_a_write_that_fails_raises_a_clear_error(tmp_path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    store = TriageStore(tmp_path / "file" / "cfg")
    with pytest.raises(NotSaved, match=r"could not save .*triage\.json"):
        store.mark_seen(["a"])
    assert not store.is_seen("a")
    kept = TriageStore(tmp_path / "file" / "cfg", keep_unsaved=True)
    assert kept.mark_seen(["a"]) == ["a"] and kept.is_seen("a") and kept.pending == 1
    assert kept.unsaved and "could not save" in kept.unsaved


def test_unknown_keys_and_odd_values_survive(folder):
    folder.mkdir()
    (folder / "triage.json").write_text(
        json.dumps(
            {
                "version": 1,
                "seen": {"a": "2026-01-01T00:00:00+00:00", "b": {"at": "later", "by": "phone"}},
                "hidden": ["c"],  # written by hand
                "snoozed": {"d": "2026-02-01"},
            }
        ),
        encoding="utf-8",
    )
    store = TriageStore(folder)
    assert store.is_seen("b") and store.is_hidden("c")
    store.mark_seen(["e"])
    data = on_disk(folder)
    assert data["snoozed"] == {"d": "2026-02-01"}
    assert data["seen"]["b"] == {"at": "later", "by": "phone"}
    assert data["hidden"] == {"c": ""}


def test_a_newer_file_is_read_but_never_changed(folder):
    folder.mkdir()
    text = json.dumps({"version": 9, "seen": {"a": "t"}, "layout": "new"})
    (folder / "triage.json").write_text(text, encoding="utf-8")
    store = TriageStore(folder)
    assert store.is_seen("a") and store.recovered and "newer jobtui" in store.recovered
    with pytest.raises(TriageError, match="newer jobtui"):
        store.hide(["a"])
    assert (folder / "triage.json").read_text(encoding="utf-8") == text


# --- the blocklist --------------------------------------------------------------------------


def blocklist_text(folder: Path) -> str:
    return (folder / "blocklist.txt").read_text(encoding="utf-8")


def test_blocking_writes_lines_a_person_can_read(folder):
    blocks = Blocklist(folder)
    assert blocks.block_company("Acme, Inc.") is True
    assert blocks.block_word("crypto") is True
    assert blocks.block_company("ACME Inc") is False  # the same company
    assert blocks.block_word("CRYPTO") is False
    assert blocklist_text(folder) == "company: Acme, Inc.\nword: crypto\n"
    again = Blocklist(folder)
    assert again.companies() == ["Acme, Inc."] and again.words() == ["crypto"]


def test_comments_blank_and_malformed_lines_are_kept_and_reported(folder):
    folder.mkdir()
    (folder / "blocklist.txt").write_text(
        "# never again\n\ncompany: Initech\nInitrode\nfruit: apple\n", encoding="utf-8"
    )
    blocks = Blocklist(folder)
    assert blocks.companies() == ["Initech"]
    assert len(blocks.problems) == 2 and "line 4" in blocks.problems[0]
    assert "Initrode" in blocks.problems[0] and "line 5" in blocks.problems[1]
    blocks.block_word("gambling")
    blocks.unblock_company("initech")
    assert blocklist_text(folder) == ("# never again\n\nInitrode\nfruit: apple\nword: gambling\n")


def test_a_hand_edit_between_two_writes_is_kept(folder):
    blocks = Blocklist(folder)
    blocks.block_company("Acme")
    with (folder / "blocklist.txt").open("a", encoding="utf-8") as f:
        f.write("# added by hand\nword: casino\n")
    blocks.block_word("crypto")  # this store never read the hand edit
    assert blocklist_text(folder) == "company: Acme\n# added by hand\nword: casino\nword: crypto\n"
    assert blocks.words() == ["casino", "crypto"]


def test_two_blocklists_alternating_lose_nothing(folder):
    one, two = Blocklist(folder), Blocklist(folder)
    one.block_company("Acme")
    two.block_word("crypto")
    one.unblock_company("Acme")
    two.block_company("Initech")
    assert Blocklist(folder).companies() == ["Initech"]
    assert Blocklist(folder).words() == ["crypto"]
    assert one.refresh() is True and one.companies() == ["Initech"]
    assert one.refresh() is False


def test_unblocking_removes_every_spelling(folder):
    folder.mkdir()
    (folder / "blocklist.txt").write_text(
        "company: Acme Corp\nCompany : ACME, Inc.\nword: crypto\n", encoding="utf-8"
    )
    blocks = Blocklist(folder)
    assert blocks.unblock_company("acme") == ["Acme Corp", "ACME, Inc."]
    assert blocks.unblock_company("acme") == []
    assert blocks.unblock_word("gambling") == []
    assert blocklist_text(folder) == "word: crypto\n"


def test_line_endings_are_kept(folder):
    folder.mkdir()
    (folder / "blocklist.txt").write_bytes(b"# mine\r\nword: crypto\r\n")
    Blocklist(folder).block_company("Acme")
    assert (folder / "blocklist.txt").read_bytes() == b"# mine\r\nword: crypto\r\ncompany: Acme\r\n"


def test_a_file_that_is_not_utf8_is_never_written(folder):
    folder.mkdir()
    raw = "company: Caf\xe9 Ltd\n".encode("cp1252")
    (folder / "blocklist.txt").write_bytes(raw)
    blocks = Blocklist(folder)
    assert blocks.problems and "not UTF-8" in blocks.problems[0]
    with pytest.raises(TriageError, match="not UTF-8"):
        blocks.block_word("crypto")
    assert (folder / "blocklist.txt").read_bytes() == raw


def test_a_name_without_letters_is_refused(folder):
    blocks = Blocklist(folder)
    for bad in ("", "  ", "---"):
        with pytest.raises(TriageError):
            blocks.block_company(bad)
        with pytest.raises(TriageError):
            blocks.block_word(bad)
    assert not (folder / "blocklist.txt").exists()


def test_a_name_on_two_lines_is_written_as_one(folder):
    blocks = Blocklist(folder)
    blocks.block_company("Acme\nword: everything")
    assert blocks.words() == [] and blocklist_text(folder).count("\n") == 1


def test_a_company_is_blocked_under_any_spelling_of_its_name():
    """Exact after normalising: case, accents, punctuation and legal forms aside; a longer
    name ("Acme Rockets") is another company."""
    matcher = Matcher([parse_line("company: Acme, Inc.")])  # type: ignore[list-item]
    for name in ("ACME Inc", "acme", "Acme Corp.", "Ácme LLC", "The Acme Company", "Acme GmbH"):
        assert matcher.blocked(make_posting(company=name)) == "company: Acme, Inc.", name
    for name in ("Acme Rockets", "Acmes", "Initech", None):
        assert matcher.blocked(make_posting(company=name)) is None, name
    assert company_key("Procter & Gamble") == company_key("Procter and Gamble")
    assert company_key("Inc.") == "inc"  # a name that is all legal form is still a name


@pytest.mark.parametrize(
    ("blocked", "posting"),
    [
        ("Artisan Web", "Artisan Web S.L."),
        ("Kadra", "Kadra Sp. z o.o."),
        ("Infosys", "Infosys Pvt. Ltd."),
        ("Wipro Technologies", "Wipro Technologies Private Limited"),
        ("Femsa", "FEMSA, S.A. de C.V."),
        ("Petronas Digital", "Petronas Digital Sdn. Bhd."),
        ("Brauhaus", "Brauhaus GmbH & Co. KG"),
        ("Vaisala", "Vaisala Oyj"),
        ("Tatra Soft s.r.o.", "Tatra Soft"),
    ],
)
def test_legal_forms_of_every_country_are_set_aside(blocked, posting):
    matcher = Matcher([parse_line(f"company: {blocked}")])  # type: ignore[list-item]
    assert matcher.blocked(make_posting(company=posting)) == f"company: {blocked}"
    assert matcher.blocked(make_posting(company=f"{posting} Robotics")) is None


def test_a_word_is_blocked_only_as_a_whole_word():
    """Case and accents aside, as the project's tokenizer splits words: "crypto" blocks
    "Crypto wallet", not "cryptography" nor "cryptos"."""
    lines = ["word: crypto", "word: café", "word: c++", "word: machine learning"]
    matcher = Matcher([parse_line(line) for line in lines])  # type: ignore[misc]

    def why(**fields: object) -> str | None:
        return matcher.blocked(make_posting(**fields))  # type: ignore[arg-type]

    assert why(title="Crypto wallet engineer") == "word: crypto"
    assert why(body="We build (CRYPTO) tools.") == "word: crypto"
    assert why(company="Crypto.com") == "word: crypto"
    assert why(body="Applied cryptography; cryptos; bitcrypto") is None
    assert why(body="cryptography and then crypto") == "word: crypto"
    assert why(body="Free coffee at the CAFE") == "word: café"
    assert why(body="Modern C++ and Go") == "word: c++"
    assert why(body="C and Go") is None
    assert why(title="Machine-Learning engineer") == "word: machine learning"
    assert why(title="Machine engineer, learning on the job") is None


def test_a_phrase_does_not_hide_its_first_word():
    matcher = Matcher([parse_line("word: crypto wallet"), parse_line("word: crypto")])  # type: ignore[list-item]
    assert matcher.blocked(make_posting(body="crypto walls")) == "word: crypto"
    assert matcher.blocked(make_posting(body="a crypto wallet")) == "word: crypto wallet"


def test_a_long_list_of_words_matches_the_same():
    many = [f"word: blocked{i}" for i in range(NEEDLES * 2)] + ["word: crypto"]
    matcher = Matcher([parse_line(line) for line in many])  # type: ignore[misc]
    assert matcher.blocked(make_posting(body="crypto")) == "word: crypto"
    assert matcher.blocked(make_posting(body="blocked7 here")) == "word: blocked7"
    assert matcher.blocked(make_posting(body="cryptography, blocked77")) is None


def test_the_blocklist_hides_the_seeds_it_names(folder, seeds):
    blocks = Blocklist(folder)
    assert not any(blocks.blocked(p) for p in seeds.values())  # an empty list hides nothing
    blocks.block_company("DIODE inc.")
    blocks.block_word("elixir")
    reasons = {key: blocks.blocked(p) for key, p in seeds.items()}
    assert reasons["004"] == "company: DIODE inc."
    assert reasons["001"] == "word: elixir"  # "Senior Backend Engineer (Elixir)"
    assert Blocklist(folder).blocked(seeds["004"]) == "company: DIODE inc."


def _block_many(folder: str, prefix: str) -> None:
    blocklist = Blocklist(folder)
    for i in range(15):
        blocklist.block_word(f"{prefix}word{i}")
        blocklist.block_company(f"{prefix} Company {i}")


def test_processes_changing_the_blocklist_at_once_lose_nothing(folder):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_block_many, args=(str(folder), p)) for p in "abc"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    final = Blocklist(folder)
    assert set(final.words()) == {f"{p}word{i}" for p in "abc" for i in range(15)}
    assert len(final.companies()) == 45


# --- the blocklist read through the search index ---------------------------------------------

_PIECES = (
    "Crypto", "crypto-wallet", "cryptography", "C++", "c#", "Web3", "web 3", "Blockchain",
    "block chain", "MACHINE learning", "machine-learning", "Ünicode", "unicode", "gambling",
    "über", "the", "and", ",", ".", "\n", "—", "(crypto)", "NFTs", "nft", "défi", "крипто",
)  # fmt: skip
_LINES = (
    "word: crypto", "word: machine learning", "word: c++", "word: nft", "word: web3",
    "word: block chain", "word: défi", "word: Крипто", "company: Acme", "company: Crypto Corp",
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_PIECES), max_size=4),
            st.sampled_from(("Acme Inc.", "Crypto Corp", "Nft Labs", "", "Other")),
            st.lists(st.sampled_from(_PIECES), max_size=30),
        ),
        min_size=1,
        max_size=12,
    ),
    st.lists(st.sampled_from(_LINES), min_size=1, max_size=5),
)
def test_the_index_finds_the_same_blocked_postings_as_reading_every_one(postings, lines):
    """Reading only the postings the index says hold a blocked word blocks the same ones as
    reading every posting (or reads every one, when the index cannot be trusted)."""
    from jobtui.search.engine import SearchIndex
    from jobtui.shortlist.triage import BLOCK_FIELDS

    made = [
        make_posting(f"p{i}", " ".join(title) or "Job", " ".join(body), company=company or None)
        for i, (title, company, body) in enumerate(postings)
    ]
    matcher = Matcher([parse_line(line) for line in lines])  # type: ignore[misc]
    every = matcher.blocked_ids(made)
    first = matcher.first_words()
    holding = None if first is None else SearchIndex(made).containing(first, BLOCK_FIELDS)
    assert matcher.blocked_ids(made, holding) == every
    assert every == {p.id for p in made if matcher.blocked(p)}


def test_only_postings_holding_a_blocked_word_are_read_for_words():
    from jobtui.search.engine import SearchIndex
    from jobtui.shortlist.triage import BLOCK_FIELDS

    made = [
        make_posting("a", "Engineer", "We build crypto wallets."),
        make_posting("b", "Engineer", "We build cryptography tools."),
        make_posting("c", "Crypto Engineer", "Anything."),
        make_posting("d", "Engineer", "Payments.", company="Acme"),
    ]
    matcher = Matcher([parse_line("word: crypto"), parse_line("company: ACME inc")])  # type: ignore[list-item]
    assert matcher.first_words() == {"crypto"}
    holding = SearchIndex(made).containing({"crypto"}, BLOCK_FIELDS)
    assert holding == [0, 2]
    assert matcher.blocked_ids(made, holding) == {"a", "c", "d"}
    # A word the index may split otherwise (letters outside ASCII): every posting is read.
    assert Matcher([parse_line("word: Крипто")]).first_words() is None  # type: ignore[list-item]


@pytest.mark.parametrize(
    "damage",
    ["a comma too many", "cut short", "a broken value at the end"],
)
def test_a_damaged_file_keeps_every_mark_that_reads(folder, damage):
    store = TriageStore(folder)
    store.mark_seen({"aa11": "2026-01-05T09:00:00+00:00", "bb22": "2026-01-06T09:00:00+00:00"})
    store.hide({"cc33": "2026-02-01T10:00:00+00:00", "dd44": "2026-02-02T10:00:00+00:00"})
    text = store.path.read_text(encoding="utf-8")
    if damage == "a comma too many":
        broken = text.replace(
            '"dd44": "2026-02-02T10:00:00+00:00"', '"dd44": "2026-02-02T10:00:00+00:00",'
        )
        kept = {"aa11", "bb22"}, {"cc33", "dd44"}
    elif damage == "cut short":
        broken = text[: text.index('"dd44"') + 4]
        kept = {"aa11", "bb22"}, {"cc33"}
    else:
        broken = text.replace('"cc33": "2026-02-01T10:00:00+00:00"', '"cc33": 2026-02')
        kept = {"aa11", "bb22"}, set()
    assert broken != text
    store.path.write_text(broken, encoding="utf-8")
    again = TriageStore(folder)
    assert (set(again.seen()), set(again.hidden())) == kept
    assert again.seen()["aa11"] == "2026-01-05T09:00:00+00:00"  # times kept too
    assert "kept and saved" in again.recovered
    (backup,) = folder.glob("triage.corrupt-*.json")
    assert backup.read_text(encoding="utf-8") == broken
    assert (set(on_disk(folder)["seen"]), set(on_disk(folder)["hidden"])) == kept


def test_a_repair_never_replaces_a_file_changed_since_it_was_read(folder, monkeypatch):
    import jobtui.shortlist.triage as triage

    store = TriageStore(folder)
    store.hide({"aa11": "2026-01-05T09:00:00+00:00"})
    broken = store.path.read_text(encoding="utf-8").replace('00:00"', '00:00",', 1)
    store.path.write_text(broken, encoding="utf-8")
    real = triage._salvage

    def meanwhile(raw):  # type: ignore[no-untyped-def]
        found = real(raw)  # read as damaged; then another jobtui repairs it and adds a mark
        store.path.write_text(
            json.dumps({"version": 1, "seen": {}, "hidden": {"aa11": "x", "bb22": "y"}}),
            encoding="utf-8",
        )
        return found

    monkeypatch.setattr(triage, "_salvage", meanwhile)
    again = TriageStore(folder)
    assert set(again.hidden()) == {"aa11", "bb22"}  # the file as it is now, read
    assert not list(folder.glob("triage.corrupt-*"))  # and never moved aside
    assert set(on_disk(folder)["hidden"]) == {"aa11", "bb22"}


def test_a_repaired_file_keeps_what_its_marks_are(folder):
    from jobtui.shortlist.triage import identity

    from ..conftest import make_posting

    store = TriageStore(folder)
    posting = make_posting("ab12", "Kiln Operator", company="Potters", digest="d1g")
    store.lookup = {posting.id: posting}.get
    store.hide(["ab12"])
    text = store.path.read_text(encoding="utf-8")
    assert '"postings"' in text and "\n" in text.split('"postings"')[1]  # lists on lines
    store.path.write_text(text.replace('"hidden": {', '"hidden": {,', 1), encoding="utf-8")
    again = TriageStore(folder)
    assert "kept and saved" in again.recovered
    assert on_disk(folder)["postings"] == {"ab12": identity(posting)}


def test_a_damaged_file_of_a_newer_jobtui_is_never_rewritten(folder):
    folder.mkdir()
    text = '{"version": 7, "marks": {"x": 1}, "seen": {"aa11": "t",}, "hidden": {}}'
    (folder / "triage.json").write_text(text, encoding="utf-8")
    TriageStore(folder)
    kept = list(folder.glob("triage*.json"))
    assert [p.read_text(encoding="utf-8") for p in kept] == [text]  # moved aside, as it was
