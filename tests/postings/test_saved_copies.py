"""Copies found at one open are taken from beside the store at the next, and only then."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import saved_copies
from jobtui.postings.cache import clear_cache
from jobtui.postings.duplicates import Groups, group
from jobtui.postings.loader import load_postings
from jobtui.postings.model import Posting
from jobtui.postings.saved_copies import group_saved
from jobtui.postings.store import copies_file, store_path
from tests.conftest import make_posting, write
from tests.postings.test_duplicates import text


def _folder(tmp_path: Path) -> Path:
    """Two exact copies (two boards), a near copy reposted later, and a posting alone."""
    jobs = tmp_path / "jobs"
    body = text(31)
    head = "---\ntitle: Platform Engineer\ncompany: Brightline\n"
    write(jobs, "board-a/brightline.md", f"{head}date: 2025-02-01\n---\n\n{body}\n")
    write(jobs, "board-b/brightline.md", f"{head}date: 2025-02-01\n---\n\n{body}\n")
    write(jobs, "later.md", f"{head}date: 2025-03-09\n---\n\nReposted. {body}\n")
    write(jobs, "alone.md", "---\ntitle: QA Lead\ncompany: Ferrous\n---\n\n" + text(32) + "\n")
    return jobs


def _load(jobs: Path) -> list[Posting]:
    result = load_postings([jobs], cache=True)
    assert result.store is not None
    return result.postings


def _no_grouping(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(postings: object) -> Groups:
        raise AssertionError("grouped again")

    monkeypatch.setattr(saved_copies, "group", refuse)


def test_a_reopen_takes_the_groups_found_at_the_last_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    first = group_saved(_load(jobs), store)
    assert copies_file(store).is_file()
    assert len(first) == 2 and first.duplicates() == 2

    again = _load(jobs)
    _no_grouping(monkeypatch)
    reopened = group_saved(list(reversed(again)), store)  # another order: the same groups
    assert reopened == group(list(reversed(again)))
    later = next(p.id for p in again if p.source.endswith("later.md"))
    assert reopened.head(later) == later
    # The repost heads the group; both boards' copies are near copies of it.
    assert [reopened.how(pid) for pid in reopened.members(later)] == [None, "near", "near"]
    assert copies_file(store).stat().st_size < 1000


def test_a_changed_file_groups_again(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    group_saved(_load(jobs), store)
    # The later posting becomes another job: it is no longer a copy.
    write(
        jobs, "later.md", "---\ntitle: Platform Engineer\ncompany: Brightline\n---\n\n" + text(33)
    )
    postings = _load(jobs)
    groups = group_saved(postings, store)
    assert groups == group(postings)
    assert len(groups) == 3


def test_a_board_posting_edited_under_its_id_groups_again(tmp_path: Path) -> None:
    """A board's posting keeps its id (its key on the board) when the board edits it: the
    saved copies must not fold it as the copy it was."""
    jobs = tmp_path / "jobs"
    body = text(34)

    def board(name: str, title: str, company: str, content: str) -> None:
        job = {"id": 7, "title": title, "company_name": company, "content": content,
               "absolute_url": f"https://{name}.example/7"}  # fmt: skip
        write(jobs, f"{name}.json", json.dumps({"jobs": [job]}))

    board("first", "Platform Engineer", "Brightline", body)
    board("second", "Platform Engineer", "Brightline", body)
    store = store_path([jobs])
    before = group_saved(_load(jobs), store)
    assert len(before) == 1  # one job, two boards
    board("second", "Night Operator", "Ferrous", text(35))
    postings = _load(jobs)
    assert {p.id for p in postings} == set(before.members(before.heads()[0]))  # same ids
    groups = group_saved(postings, store)
    assert len(groups) == 2 and groups == group(postings)


def test_a_posting_added_or_removed_groups_again(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    group_saved(_load(jobs), store)
    (jobs / "board-b" / "brightline.md").unlink()
    postings = _load(jobs)
    assert group_saved(postings, store) == group(postings)
    assert group_saved(postings, store).duplicates() == 1
    write(jobs, "board-c/brightline.md", (jobs / "board-a" / "brightline.md").read_text())
    postings = _load(jobs)
    assert group_saved(postings, store).duplicates() == 2


def _saved(store: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(copies_file(store).read_text())
    return data


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"\x00\xff not json",
        lambda data: json.dumps(data).encode()[:40],  # cut short
        lambda data: b"[1, 2, 3]",
        lambda data: json.dumps({**data, "format": 99}).encode(),
        lambda data: json.dumps({**data, "stamp": "another jobtui"}).encode(),
        lambda data: json.dumps({**data, "groups": [["nobody", "else"]]}).encode(),
        lambda data: json.dumps({**data, "groups": data["groups"] * 2}).encode(),  # twice
        lambda data: json.dumps({**data, "groups": [g[:1] for g in data["groups"]]}).encode(),
        lambda data: json.dumps(
            {**data, "groups": [[g[0], g[0]] for g in data["groups"]]}
        ).encode(),
        lambda data: json.dumps({**data, "near": ["not a member"]}).encode(),
        lambda data: json.dumps({**data, "groups": [[1, 2]]}).encode(),
        lambda data: json.dumps({**data, "groups": "everything"}).encode(),
    ],
    ids=[
        "garbage",
        "truncated",
        "foreign",
        "format",
        "stamp",
        "unknown-ids",
        "id-in-two-groups",
        "group-of-one",
        "repeated-id",
        "near-not-a-member",
        "not-text",
        "not-a-list",
    ],
)
def test_a_damaged_or_foreign_file_is_never_trusted(tmp_path: Path, damage: object) -> None:
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    postings = _load(jobs)
    group_saved(postings, store)
    copies_file(store).write_bytes(damage(_saved(store)))  # type: ignore[operator]
    assert group_saved(postings, store) == group(postings)
    assert _saved(store)["signature"] == saved_copies.signature(postings)  # written afresh


def test_a_file_of_other_postings_is_not_taken(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    postings = _load(jobs)
    group_saved(postings, store)
    # The same ids under other sources (another folder's spelling) are other postings.
    moved = [make_posting(p.id, p.title, p.body, company=p.company) for p in postings]
    assert group_saved(moved, store) == group(moved)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_still_groups(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    postings = _load(jobs)
    shut = tmp_path / "shut"
    shut.mkdir()
    shut.chmod(0o500)
    try:
        assert group_saved(postings, shut / "store.sqlite") == group(postings)
    finally:
        shut.chmod(0o700)


def test_a_folder_gone_still_groups(tmp_path: Path) -> None:
    postings = [make_posting("a", "Dev", text(1)), make_posting("b", "Dev", text(1))]
    groups = group_saved(postings, tmp_path / "gone" / "store.sqlite")
    assert groups.duplicates() == 1
    assert not (tmp_path / "gone").exists()


def test_clearing_the_cache_removes_the_saved_copies(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    group_saved(_load(jobs), store)
    assert copies_file(store).exists()
    clear_cache([jobs])
    assert not copies_file(store).exists()
    # Left alone by a store removed meanwhile: cleared with the orphans.
    group_saved(_load(jobs), store)
    store.unlink()
    clear_cache([jobs])
    assert not copies_file(store).exists()


_companies = st.sampled_from(["Acme", "acme", "Initech", None])
_titles = st.sampled_from(["Data Engineer", "Data engineer", "Designer"])
_bodies = st.sampled_from([text(20), text(20).upper(), text(21), text(20) + " Berlin.", "x"])
_days = st.sampled_from([None, date(2025, 1, 2), date(2025, 6, 1)])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_companies, _titles, _bodies, _days), max_size=10), st.randoms())
def test_saved_groups_are_those_found_afresh(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str | None, str, str, date | None]],
    rng: object,
) -> None:
    postings = [
        make_posting(f"p{i % 7}", title, body, company=company, posted=day)  # some ids repeat
        for i, (company, title, body, day) in enumerate(rows)
    ]
    store = tmp_path_factory.mktemp("store") / "store.sqlite"
    found = group_saved(postings, store)
    shuffled = list(postings)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert group_saved(shuffled, store) == group(shuffled)
    assert found == group(postings)


def test_list_and_search_reopened_fold_the_same_copies_without_grouping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jobtui.cli import main

    jobs = _folder(tmp_path)
    outputs = []
    for _ in range(2):
        assert main(["list", str(jobs), "--format", "jsonl"]) == 0
        assert main(["search", "platform", str(jobs), "--format", "jsonl"]) == 0
        outputs.append(capsys.readouterr().out)
        _no_grouping(monkeypatch)  # the second time round, from the saved file
    assert outputs[0] == outputs[1]
    rows = [json.loads(line) for line in outputs[1].splitlines()]
    assert len(rows) == 4  # one row a group: two from `list`, two from `search`
    assert sorted(len(r["duplicates"]) for r in rows) == [0, 0, 2, 2]
    copies_file(store_path([jobs])).unlink()
    monkeypatch.undo()
    assert main(["list", str(jobs), "--no-cache", "--format", "jsonl"]) == 0
    assert not copies_file(store_path([jobs])).exists()


class _Seen:
    """What a signature reads of a posting: its id, source and content hash."""

    def __init__(self, pid: str, source: str, digest: str) -> None:
        self.id, self.source, self.digest = pid, source, digest


@pytest.mark.parametrize("at_once", [1, 3, 10_000])
def test_the_signature_is_of_the_postings_not_their_order_or_repeats(
    monkeypatch: pytest.MonkeyPatch, at_once: int
) -> None:
    # Read a part at a time (`at_once` postings): parts of one, of a few, or all in one.
    monkeypatch.setattr(saved_copies, "SIGNED_AT_ONCE", at_once)
    seen = [_Seen(f"{i:012x}", f"boards/é{i}/post.md", f"{i * 7919:016x}") for i in range(11)]
    mark = saved_copies.signature(seen)
    assert saved_copies.signature(seen[::-1]) == mark
    assert saved_copies.signature([*seen[5:], *seen, *seen[:2]]) == mark  # repeats count once
    assert saved_copies.signature(seen[:-1]) != mark
    # A change to any one of a posting's id, source or hash signs other postings.
    for field in ("id", "source", "digest"):
        changed = list(seen)
        other = _Seen(seen[6].id, seen[6].source, seen[6].digest)
        setattr(other, field, getattr(other, field) + "0")
        changed[6] = other
        assert saved_copies.signature(changed) != mark
    # Fields are kept apart: the same text split otherwise is another posting.
    assert saved_copies.signature([_Seen("ab", "c", "d")]) != saved_copies.signature(
        [_Seen("a", "bc", "d")]
    )
