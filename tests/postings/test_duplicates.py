"""Duplicate postings fold into one group; different jobs never do."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings.duplicates import Groups, group
from jobtui.postings.loader import load_postings
from jobtui.postings.model import Posting
from tests.conftest import make_posting, write

WORDS = (
    "we build tools for teams who ship software every day and care about quality "
    "you will design services own features review code mentor engineers improve tests "
    "our stack includes python postgres kafka react kubernetes terraform and aws "
    "benefits include equity learning budget flexible hours remote friendly offices "
    "customers trust the platform with payments invoices reports dashboards alerts"
).split()


def text(seed: int, n: int = 220) -> str:
    """A body of `n` words, different for each seed."""
    rng = random.Random(seed)
    sentences = []
    for start in range(0, n, 15):
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(min(15, n - start))) + ".")
    return "\n\n".join(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))


def ids(groups: Groups) -> set[frozenset[str]]:
    """The grouping as a set of groups, for comparing whole partitions."""
    return {frozenset(groups.members(h)) for h in groups.heads()}


def test_exact_copies_in_two_folders_group(tmp_path: Path) -> None:
    posting = (
        "---\ntitle: Backend Engineer\ncompany: Acme\nlocation: Berlin\n---\n\n" + text(1) + "\n"
    )
    write(tmp_path, "board-a/acme.md", posting)
    write(tmp_path, "board-b/2024/acme.md", posting)
    write(tmp_path, "board-b/other.md", posting.replace("Acme", "Initech"))
    postings = load_postings([tmp_path]).postings
    assert len(postings) == 3
    groups = group(postings)
    assert len(groups) == 2
    acme = [p.id for p in postings if p.company == "Acme"]
    assert set(groups.members(acme[0])) == set(acme)
    assert groups.how(groups.others(groups.head(acme[0]))[0]) == "exact"
    assert groups.duplicates() == 1


def test_whitespace_case_and_markup_do_not_make_a_copy_different() -> None:
    body = text(2)
    marked = "<p>**" + body.upper().replace(". ", ".\n\n").replace(" ", "   ", 3) + "**</p>"
    a = make_posting("a", "Data Engineer", body)
    b = make_posting("b", "data  engineer", marked)
    groups = group([a, b])
    assert groups.members("a") == groups.members("b")
    assert groups.head("b") == "a"
    assert groups.how("b") == "exact"
    assert groups.how("a") is None


def test_repost_with_new_id_and_small_edits_groups_under_the_newest() -> None:
    body = text(3)
    old = make_posting(
        "old", "Senior Python Developer", body, company="Acme", posted=date(2024, 1, 5)
    )
    edited = "Reposted! " + body + "\n\nSalary: 90k to 110k EUR."
    new = make_posting(
        "new", "Senior Python Developer", edited, company="ACME", posted=date(2024, 3, 1)
    )
    groups = group([old, new])
    assert groups.head("old") == "new"
    assert groups.members("old") == ("new", "old")
    assert groups.how("old") == "near"
    assert groups.others("new") == ("old",)
    assert groups.heads() == ("new",)


def test_one_role_in_three_cities_is_one_group() -> None:
    body = text(4)
    cities = ("Berlin", "London", "Lisbon")
    postings = [
        make_posting(
            city.lower(),
            f"Site Reliability Engineer - {city}",
            f"Join our office in {city}. {body}",
            company="Acme GmbH",
            location=city,
        )
        for city in cities
    ]
    groups = group(postings)
    assert len(groups) == 1
    assert groups.size("london") == 3


def test_generic_title_at_two_companies_stays_apart() -> None:
    body = text(5)
    a = make_posting("a", "Senior Software Engineer", body, company="Acme")
    b = make_posting("b", "Senior Software Engineer", body, company="Initech")
    groups = group([a, b])
    assert len(groups) == 2
    assert groups.others("a") == ()


def test_same_company_and_title_with_different_bodies_stay_apart() -> None:
    boilerplate = text(6, 120)
    a = make_posting("a", "Software Engineer", boilerplate + "\n\n" + text(7, 120), company="Acme")
    b = make_posting("b", "Software Engineer", boilerplate + "\n\n" + text(8, 120), company="Acme")
    assert len(group([a, b])) == 2


def test_unknown_company_groups_exact_copies_only() -> None:
    body = text(9)
    a = make_posting("a", "Engineer", body)
    b = make_posting("b", "Engineer", body, location="Paris")
    c = make_posting("c", "Engineer", body + " Apply soon.")
    groups = group([a, b, c])
    assert set(groups.members("a")) == {"a", "b"}
    assert groups.members("c") == ("c",)


def test_short_bodies_group_only_when_exact() -> None:
    a = make_posting("a", "Engineer", "Apply now at Acme.", company="Acme")
    b = make_posting("b", "Engineer", "Apply today at Acme.", company="Acme")
    c = make_posting("c", "Engineer", "apply NOW at acme", company="Acme")
    assert ids(group([a, b, c])) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_the_head_is_the_same_whatever_the_input_order() -> None:
    body = text(10)
    postings = [
        make_posting(pid, "QA Engineer", body, company="Acme", posted=posted)
        for pid, posted in (
            ("b-long-name", date(2024, 5, 1)),
            ("a", date(2024, 5, 1)),
            ("c", None),
            ("d", date(2023, 1, 1)),
        )
    ]
    heads = set()
    for seed in range(6):
        shuffled = postings[:]
        random.Random(seed).shuffle(shuffled)
        groups = group(shuffled)
        heads.add(groups.members("c"))
    assert heads == {("a", "b-long-name", "d", "c")}


def test_heads_follow_the_input_order_and_fold_keeps_the_first_seen() -> None:
    body = text(11)
    postings = [
        make_posting("x", "Designer", text(12), company="Acme"),
        make_posting("old", "Engineer", body, company="Acme", posted=date(2024, 1, 1)),
        make_posting("y", "Writer", text(13), company="Acme"),
        make_posting("new", "Engineer", body, company="Acme", posted=date(2024, 2, 1)),
    ]
    groups = group(postings)
    assert groups.heads() == ("x", "y", "new")
    assert groups.fold(["old", "y", "new", "x", "unknown"]) == ["old", "y", "x", "unknown"]
    assert len(groups) == 3
    assert "old" in groups and "nope" not in groups
    with pytest.raises(KeyError):
        groups.head("nope")


def test_a_posting_without_copies_is_its_own_group_without_an_entry_of_its_own() -> None:
    """Most postings have no copy: each is a group of one, answered as such, but only the
    groups of two or more are held (a reopened 1,000,000 would hold an entry for each)."""
    body = text(30)
    postings = [make_posting(f"solo{i}", f"Role {i}", text(100 + i)) for i in range(40)]
    postings += [
        make_posting("a1", "Engineer", body, company="Acme", posted=date(2024, 3, 1)),
        make_posting("a2", "Engineer", body, company="Acme", posted=date(2024, 1, 1)),
    ]
    groups = group(postings)
    assert len(groups) == 41 and groups.duplicates() == 1
    assert groups.head("solo7") == "solo7" and groups.members("solo7") == ("solo7",)
    assert groups.size("solo7") == 1 and groups.how("solo7") is None
    assert groups.others("solo7") == () and "solo7" in groups
    assert groups.members("a2") == ("a1", "a2") and groups.how("a2") == "exact"
    assert groups.fold(["solo3", "a2", "a1", "solo3"]) == ["solo3", "a2"]
    assert len(groups._head) == 2 and len(groups._members) == 1  # the pair only
    for unknown in ("nope", ""):
        assert unknown not in groups
        for ask in (groups.head, groups.members, groups.how):
            with pytest.raises(KeyError):
                ask(unknown)


def test_a_repeated_id_counts_once() -> None:
    p = make_posting("a", "Engineer", text(14), company="Acme")
    groups = group([p, p])
    assert len(groups) == 1
    assert groups.members("a") == ("a",)


def test_nothing_in_nothing_out() -> None:
    groups = group([])
    assert len(groups) == 0 and groups.heads() == () and groups.fold([]) == []


_companies = st.sampled_from([None, "Acme", "acme", "Initech"])
_titles = st.sampled_from(["Engineer", "Senior Software Engineer", "Designer"])
_bodies = st.sampled_from([text(20), text(20).upper(), text(21), text(20) + " Berlin.", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_companies, _titles, _bodies), max_size=12))
def test_grouping_is_a_partition_that_never_crosses_companies(
    rows: list[tuple[str | None, str, str]],
) -> None:
    postings = [
        make_posting(f"p{i}", title, body, company=company)
        for i, (company, title, body) in enumerate(rows)
    ]
    by_id: dict[str, Posting] = {p.id: p for p in postings}
    groups = group(postings)
    seen: list[str] = []
    for head in groups.heads():
        members = groups.members(head)
        assert members[0] == head
        seen.extend(members)
        companies = {(by_id[m].company or "").lower() for m in members}
        assert len(companies) == 1
        for m in members[1:]:
            assert groups.head(m) == head
            assert groups.how(m) in ("exact", "near")
            if groups.how(m) == "near":
                assert by_id[m].company
    assert sorted(seen) == sorted(by_id)
    assert len(groups) + groups.duplicates() == len(postings)


def test_accents_case_and_entities_are_set_aside_for_exact_copies() -> None:
    body = text(15)
    a = make_posting("a", "Ingénieur", f"Poste à Zürich &amp; Genève. {body}", company="Café AG")
    b = make_posting("b", "INGENIEUR", f"POSTE A ZURICH & GENEVE. {body}", company="cafe ag")
    groups = group([a, b])
    assert groups.members("b") == ("a", "b")
    assert groups.how("b") == "exact"


def test_same_company_and_body_under_different_titles_stay_apart() -> None:
    body = text(16)
    a = make_posting("a", "Backend Engineer", body, company="Acme")
    b = make_posting("b", "Frontend Engineer", body, company="Acme")
    assert len(group([a, b])) == 2


@pytest.mark.parametrize("size", [None, 40])
def test_a_big_block_of_one_title_finds_its_one_near_copy(
    size: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One company with a dozen different jobs under one title (a block compared with the
    one-character-a-word bodies), one of them reposted with an edit; with `size`, the block
    runs out of characters partway and goes on with word lists."""
    from jobtui.postings import duplicates

    if size is not None:
        monkeypatch.setattr(duplicates._Codes, "SIZE", size)
    jobs = [
        make_posting(f"job{k}", "Software Engineer", text(100 + k), company="Bigco")
        for k in range(12)
    ]
    repost = make_posting(
        "repost",
        "Software Engineer",
        text(107).replace("we ", "we really ", 1) + " Apply today.",
        company="Bigco",
        posted=date(2026, 5, 1),
    )
    groups = group([*jobs, repost])
    assert {g for g in ids(groups) if len(g) > 1} == {frozenset({"job7", "repost"})}
    assert groups.how("job7") == "near"


def test_a_posting_alone_under_its_title_is_never_read() -> None:
    """A posting that shares its company and title with no other cannot have a copy: its body
    is never read (an object that fails when read stands in for it)."""

    class Unreadable(str):
        def __hash__(self) -> int:
            raise AssertionError("the body was read")

        def encode(self, *args: object, **kwargs: object) -> bytes:
            raise AssertionError("the body was read")

    alone = replace(
        make_posting("alone", "Staff Data Engineer", text(1), company="Solo"),
        body=Unreadable(text(1)),
    )
    pair = [make_posting(f"p{k}", "Engineer", text(2), company="Duo") for k in range(2)]
    groups = group([alone, *pair])
    assert groups.size("alone") == 1
    assert groups.size("p0") == 2


def test_the_same_posting_from_a_board_and_a_saved_page_is_one_group() -> None:
    """A board's JSON and the job's page saved from a browser: bodies converted differently,
    one without salary or place, but the same company, title and link (tracking aside)."""
    board = make_posting(
        "board",
        "Staff Software Engineer",
        text(31),
        company="Tessellate",
        url="https://boards.greenhouse.io/tessellate/jobs/4012037?gh_src=abc",
    )
    page = make_posting(
        "page",
        "Staff Software Engineer",
        "Apply now.\n\n" + text(77, 90),
        company="TESSELLATE",
        url="https://boards.greenhouse.io/tessellate/jobs/4012037/",
    )
    other = make_posting(
        "other",
        "Staff Software Engineer",
        text(55),
        company="Tessellate",
        url="https://boards.greenhouse.io/tessellate/jobs/4099999",
    )
    elsewhere = make_posting(
        "elsewhere",
        "Staff Software Engineer",
        text(56),
        company="Mosaic",
        url="https://boards.greenhouse.io/tessellate/jobs/4012037",
    )
    groups = group([board, page, other, elsewhere])
    assert {g for g in ids(groups) if len(g) > 1} == {frozenset({"board", "page"})}


def test_a_careers_page_link_that_many_postings_share_folds_nothing() -> None:
    """Three HN comments for one title in three cities, all linking to the company's `/jobs`
    page: different postings, not copies."""
    posts = [
        make_posting(
            city,
            "Lead DevOps Engineer",
            text(60 + i),
            company="Nakatomi",
            location=city,
            url="https://nakatomi.example/jobs/",
        )
        for i, city in enumerate(("Tokyo", "Austin", "Zürich"))
    ]
    assert all(len(g) == 1 for g in ids(group(posts)))


def test_a_block_of_hundreds_under_one_title_still_finds_its_copy() -> None:
    """Each body is compared with the MAX_COMPARED leaders nearest in length (thousands of
    jobs under one title made grouping quadratic): a copy is still among them."""
    from jobtui.postings import duplicates

    n = duplicates.MAX_COMPARED * 4
    jobs = [
        make_posting(
            f"job{k}", "Software Engineer", text(500 + k, 150 + k % 200), company="Staffco"
        )
        for k in range(n)
    ]
    original = jobs[n // 2]
    copy = make_posting(
        "copy", "Software Engineer", original.body.replace("we ", "we now ", 1), company="Staffco"
    )
    groups = group([*jobs, copy])
    assert {g for g in ids(groups) if len(g) > 1} == {frozenset({original.id, "copy"})}


def test_a_company_with_and_without_its_legal_form_is_one_company() -> None:
    """Two boards: `Vireo Analytics, Inc.` and `VIREO ANALYTICS`, the same body: copies. A
    near name that is another company (`Vireo Analytics Labs`) is not."""
    body = text(91)
    a = make_posting("a", "Data Engineer", body, company="Vireo Analytics, Inc.")
    b = make_posting("b", "Data Engineer", body, company="VIREO ANALYTICS")
    c = make_posting("c", "Data Engineer", body, company="Vireo Analytics GmbH")
    d = make_posting("d", "Data Engineer", body, company="Vireo Analytics Labs")
    assert {g for g in ids(group([a, b, c, d])) if len(g) > 1} == {frozenset({"a", "b", "c"})}


def test_one_link_to_a_posting_s_own_page_folds_its_copies_and_a_shared_page_does_not() -> None:
    """Short postings from two boards whose bodies differ by a line (too short to be near
    copies) link to the job's own page (`/careers/senior-backend`): one group. Different jobs
    under one title linking to `/careers/open-roles` stay apart."""
    base = "Corvid builds observability tools with Python and Postgres. Apply below."
    posts = [
        make_posting(
            f"b{i}",
            "Senior Backend Engineer",
            f"{base}\n\nPosted: {day}",
            company="Corvid",
            url=f"https://corvid.example/careers/senior-backend{tail}",
        )
        for i, (day, tail) in enumerate((("2026-11-14", ""), ("10 days ago", "/?utm_source=x")))
    ]
    shared = [
        make_posting(
            f"s{i}",
            "Account Executive",
            text(70 + i),
            company="Corvid",
            url="https://corvid.example/careers/open-roles",
        )
        for i in range(2)
    ]
    assert {g for g in ids(group(posts + shared)) if len(g) > 1} == {frozenset({"b0", "b1"})}


def test_a_folded_row_says_how_many_other_places_its_copies_name() -> None:
    body = text(7)

    def at(pid: str, location: str | None) -> Posting:
        return make_posting(
            pid, "Site Reliability Engineer", body, company="Kestrel", location=location
        )

    postings = [at("a1", "Lyon, France"), at("b2", "lyon,  FRANCE"), at("c3", "Nantes"),
                at("d4", None), at("e5", "Lille")]  # fmt: skip
    where = {p.id: p.location for p in postings}.get
    groups = group(postings)
    assert groups.size("a1") == 5
    # Lyon spelled twice is one place; a copy naming none adds none.
    assert groups.places("c3", where) == "Nantes +2"
    assert groups.places("b2", where) == "lyon,  FRANCE +2"
    assert groups.places("d4", where) == "3 places (copies)"
    assert group(postings[:2]).places("a1", where) == "Lyon, France"  # one place: as it is
    assert group([postings[2]]).places("c3", where) == "Nantes"
