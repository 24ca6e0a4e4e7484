"""The app opening a folder it loaded before: the word index it saved after the first load is
used, so the second open finds the same postings without tokenising a body, shows their text
from the load store, and finds what a file says after it changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from jobtui.postings.store import index_file, store_path
from jobtui.postings.stored import StoredPosting
from jobtui.search import persist
from jobtui.tui import app as app_module
from jobtui.tui.app import JobApp
from jobtui.tui.widgets.detail import DetailView
from jobtui.tui.widgets.results import ResultsList

from ..conftest import write
from .test_app import app_for, notices, ready, titles, until

FILES = 40


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of 40 postings, loaded in the background as a big one would be."""
    monkeypatch.setattr(app_module, "SYNC_LOAD_LIMIT", 4)
    monkeypatch.setattr(app_module, "SYNC_LOAD_BYTES", 1024)
    jobs = tmp_path / "jobs"
    for i in range(FILES):
        fruit = "mango" if i % 4 == 0 else "papaya"
        write(
            jobs,
            f"job{i:02d}.md",
            f"---\ntitle: Engineer {i:02d}\ncompany: Co {i % 5}\ndate: 2026-10-{i % 28 + 1:02d}\n"
            f"---\nYou will build the {fruit} pipeline, part {i}.\n",
        )
    return jobs


def saved(folder: Path) -> Path:
    return index_file(store_path([folder]))


async def loaded(app: JobApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Until the background load is done and its index saved (or left as it was)."""
    await until(pilot, lambda: not app.loading)
    await app.workers.wait_for_complete()  # the worker saving the index, too
    await ready(app, pilot)


async def typed(app: JobApp, pilot, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.press(*query)
    await until(pilot, lambda: app.main.query_text == query)
    return titles(app)


def detail_text(app: JobApp) -> str:
    detail = app.query_one(DetailView).query_one("#detail-content")
    lines = detail.render_lines(Region(0, 0, detail.size.width, detail.virtual_size.height))
    return "\n".join(line.text for line in lines)


async def test_a_reopened_folder_uses_the_saved_index(tmp_path, folder, tokenised):
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        assert len(app.index) == FILES and len(tokenised) == FILES
        assert persist.load(saved(folder)) is not None
        first = await typed(app, pilot, "mango")
    assert len(first) == FILES // 4 and all(t.startswith("Engineer") for t in first)

    tokenised.clear()
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        assert len(app.index) == FILES
        assert tokenised == []  # every posting from the saved index: no body tokenised
        assert all(type(p) is StoredPosting for p in app.index.postings)
        assert await typed(app, pilot, "mango") == first
        await pilot.press("enter")  # to the list: the first match shows in the detail pane
        current = app.query_one(ResultsList).current
        await until(pilot, lambda: app.query_one(DetailView).shown_key == current.key)
        number = int(current.title.split()[-1])
        posting = app.index.get(current.key)
        assert type(posting) is StoredPosting
        assert posting.body.strip() == f"You will build the mango pipeline, part {number}."
        assert f"mango pipeline, part {number}." in detail_text(app)

    write(folder, "job08.md", "---\ntitle: Engineer 08\n---\nNow the guava pipeline, longer.\n")
    tokenised.clear()
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        assert tokenised == ["Engineer 08"]  # only the file that changed
        assert await typed(app, pilot, "guava") == ["Engineer 08"]
        await pilot.press("enter")
        await until(pilot, lambda: app.query_one(DetailView).shown_key is not None)
        assert "Now the guava pipeline, longer." in detail_text(app)
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"mango")  # job 8 said mango before
        await until(pilot, lambda: app.main.query_text == "mango")
        assert titles(app) == [t for t in first if t != "Engineer 08"]
    assert persist.load(saved(folder)) is not None  # saved again with the change

    tokenised.clear()
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        assert tokenised == []
        assert await typed(app, pilot, "guava") == ["Engineer 08"]


async def test_a_reopen_shows_the_stored_list_while_it_checks_the_files(
    tmp_path, folder, monkeypatch
):
    """The second open lists every posting before it has looked at a single file; the files
    are checked after, and a change found then replaces the list."""
    import threading

    from jobtui.postings import loader

    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
    write(folder, "job03.md", "---\ntitle: Engineer 03 (rewritten)\n---\nNew text.\n")

    go_on = threading.Event()
    look_up = loader._look_up

    def held(*args):  # type: ignore[no-untyped-def]
        go_on.wait(10)  # the walk waits until the list has been seen
        return look_up(*args)

    monkeypatch.setattr(loader, "_look_up", held)
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: len(titles(app)) == FILES)
        assert app.loading and "Engineer 03" in titles(app)  # the store's version, for now
        go_on.set()
        await loaded(app, pilot)
        shown = titles(app)
        assert len(shown) == FILES and len(app.index) == FILES
        assert "Engineer 03 (rewritten)" in shown and "Engineer 03" not in shown


async def test_a_reopen_that_stops_early_says_its_list_is_the_last_opens(
    tmp_path, folder, monkeypatch
):
    """A folder vanishing while the files are checked leaves the stored list on screen: the
    notice says it was not checked, and bookmarks are not moved after it."""
    from jobtui.postings import loader

    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
    look_up = loader._look_up

    def vanishing(*args):  # type: ignore[no-untyped-def]
        raise loader.LoadError("no such file or folder: jobs")

    monkeypatch.setattr(loader, "_look_up", vanishing)
    app = app_for(tmp_path, [str(folder)])
    reconciled: list[int] = []
    shown = notices(app)
    async with app.run_test(size=(120, 30)) as pilot:
        assert app.store is not None
        monkeypatch.setattr(app.store, "reconcile", lambda p: reconciled.append(len(p)) or set())
        await until(pilot, lambda: not app.loading)
        assert len(titles(app)) == FILES and app.feed.unchecked
        assert any("not every file could be checked" in n for n in shown), shown
        assert reconciled == []
    monkeypatch.setattr(loader, "_look_up", look_up)


async def test_a_load_that_ends_as_the_app_closes_is_no_error(tmp_path, folder):  # type: ignore[no-untyped-def]
    """The load's last messages can reach an app whose widgets are already gone (a person
    quits as a big folder finishes loading): they are dropped, not a traceback at exit."""
    app = app_for(tmp_path, [str(folder)])
    batches: list[object] = []
    add = app._add
    app._add = lambda batch: (batches.append(batch), add(batch))[1]  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(app, pilot)
        assert batches
        await app.main.query_one(ResultsList).remove()
        app.post_message(app.Loaded(batches[-1]))  # type: ignore[arg-type]
        app.post_message(app.Finished(None))
        await pilot.pause()
        await app.workers.wait_for_complete()
