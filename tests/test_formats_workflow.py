"""Postings read from boards, feeds, threads and pages are searched, triaged, bookmarked and
exported exactly as Markdown ones: the same commands and keys, the same files of the user's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jobtui.postings.loader import load_postings
from tests.hostile.conftest import run_cli

FIXTURES = Path(__file__).parent / "postings" / "readers" / "fixtures"
ONE_OF_EACH = {
    "boards/greenhouse-acme-robotics.json": "greenhouse",
    "boards/lever-globex.json": "lever",
    "boards/ashby-initech.json": "ashby",
    "hn/algolia_thread.json": "hn",
    "hn/thread_page.html": "hn",
    "feeds/rss_job_namespace.xml": "rss",
    "feeds/atom_html_content.xml": "atom",
    "feeds/json_feed_jobs.json": "json-feed",
    "pages/graph.html": "json-ld",
    "pages/no_jsonld.html": "html",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "jobs"
    for name in ONE_OF_EACH:
        target = out / name.replace("/", "-")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / name, target)
    (out / "plain.md").write_text("---\ntitle: Gardener\ncompany: Flora\n---\nPlants.\n")
    return out


def records(*args: str) -> list[dict]:  # type: ignore[type-arg]
    run = run_cli(*args, "--format", "json")
    assert run.error is None, run.error
    return json.loads(run.out)  # type: ignore[no-any-return]


def test_every_format_loads_and_lists_with_its_format(folder: Path) -> None:
    result = load_postings([folder])
    assert not result.problems
    formats = {p.format for p in result.postings}
    assert formats == {*ONE_OF_EACH.values(), "markdown"}
    listed = records("list", "--all", str(folder))
    assert len(listed) == len(result.postings)
    assert {r["format"] for r in listed} == formats
    for r in listed:
        if r["format"] != "markdown":
            assert "#" in r["source"] and Path(r["source"].rpartition("#")[0]).is_file()


def test_search_hide_block_and_bookmark_a_board_posting(folder: Path) -> None:
    everything = load_postings([folder]).postings
    posting = next(p for p in everything if p.format == "greenhouse" and p.company)
    word = posting.title.split()[0]
    found = records("search", word, str(folder))
    assert posting.id in [r["id"] for r in found]

    assert run_cli("hide", posting.id[:8], "--in", str(folder)).status == 0
    assert posting.id not in [r["id"] for r in records("search", word, str(folder))]
    hidden = records("search", "is:hidden", str(folder))
    assert [r["id"] for r in hidden] == [posting.id]
    assert run_cli("unhide", posting.id, "--in", str(folder)).status == 0

    bookmark = run_cli("bookmark", posting.id, "--status", "applied", str(folder))
    assert bookmark.status == 0, bookmark.err
    shortlist = records("shortlist", str(folder))
    assert [(r["id"], r["status"], r["source"]) for r in shortlist] == [
        (posting.id, "applied", posting.source)
    ]
    export = run_cli("export", "--format", "csv", "-o", "-")
    assert posting.title in export.out

    assert run_cli("block", "company", posting.company or "").status == 0
    left = [r["id"] for r in records("list", str(folder))]
    assert posting.id not in left
    assert all((p.company or "") != posting.company for p in everything if p.id in left)


def test_a_bookmark_follows_its_posting_when_the_board_file_is_fetched_again(
    folder: Path,
) -> None:
    board = folder / "boards-greenhouse-acme-robotics.json"
    data = json.loads(board.read_text())
    assert len(data["jobs"]) >= 2
    before = [p for p in load_postings([board]).postings]
    kept = before[1]  # (the last repeats the first one's id: it is "~2" until that one goes)
    assert run_cli("bookmark", kept.id, "--note", "call Ana", str(folder)).status == 0
    del data["jobs"][0]  # the board took one job down
    board.write_text(json.dumps(data))
    after = {p.id: p for p in load_postings([board]).postings}
    assert kept.id in after and len(after) == len(before) - 1
    shortlist = records("shortlist", str(folder))
    assert shortlist[0]["id"] == kept.id and shortlist[0]["missing"] is not True


async def test_the_app_searches_and_bookmarks_a_posting_from_a_feed(
    folder: Path, tmp_path: Path
) -> None:
    from jobtui.shortlist.store import BookmarkStore
    from jobtui.tui.widgets.detail import DetailView
    from jobtui.tui.widgets.results import ResultsList
    from tests.tui.test_app import app_for, ready, until

    feed = [p for p in load_postings([folder]).postings if p.format == "rss"]
    target = feed[0]
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(140, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press(*target.title.split()[0].lower(), "enter")
        results = app.query_one(ResultsList)
        await until(pilot, lambda: results.current is not None)
        while results.current is not None and results.current.key != target.id:
            before = results.cursor
            await pilot.press("j")
            if results.cursor == before:
                break
        assert results.current is not None and results.current.key == target.id
        await pilot.press("b")
        assert BookmarkStore(tmp_path / "cfg").get(target.id) is not None
        detail = app.query_one(DetailView)
        await until(pilot, lambda: detail.shown_key == target.id)


def test_an_item_added_at_the_top_of_a_feed_moves_no_bookmark(tmp_path: Path) -> None:
    """Items without guid or link were keyed by their place: a new one on top shifted every
    id, and a bookmark took on the next job's title. They are keyed by what they say."""

    def rss(*titles: str) -> str:
        items = "".join(
            f"<item><title>{t}</title><description>{t} wanted.</description></item>" for t in titles
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>J</title>{items}</channel></rss>'

    folder = tmp_path / "jobs"
    folder.mkdir()
    feed = folder / "feed.xml"
    feed.write_text(rss("Alpha engineer", "Beta designer"))
    before = {p.title: p.id for p in load_postings([folder]).postings}
    assert (
        run_cli("bookmark", before["Alpha engineer"], "--note", "called", str(folder)).status == 0
    )
    feed.write_text(rss("New role", "Alpha engineer", "Beta designer"))
    after = {p.title: p.id for p in load_postings([folder]).postings}
    assert after["Alpha engineer"] == before["Alpha engineer"]
    assert after["Beta designer"] == before["Beta designer"]
    shortlist = records("shortlist", str(folder))
    assert [r["title"] for r in shortlist] == ["Alpha engineer"]


def test_keys_that_clean_to_one_still_name_different_postings(tmp_path: Path) -> None:
    """Board ids `a\\x07`, `a` and `a\\u200b` are three jobs; cleaned they read `a` alike."""
    jobs = [
        {"id": key, "title": title, "absolute_url": "https://boards.greenhouse.io/acme/jobs/1"}
        for key, title in (("a\x07", "One"), ("a", "Two"), ("a\u200b", "Three"))
    ]
    board = tmp_path / "greenhouse-acme.json"
    board.write_text(json.dumps({"jobs": jobs, "meta": {"total": 3}}))
    postings = load_postings([board]).postings
    assert [p.title for p in postings] == ["One", "Two", "Three"]
    assert len({p.id for p in postings}) == 3 and len({p.source for p in postings}) == 3
