"""The TUI over the hostile folder: what reaches the screen is text, never an instruction.

The screen is read from `export_screenshot()` (an SVG keeps every character it was given, so
an escape that reached a widget shows up there).
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from textual.widgets._toast import Toast

from jobtui.postings.loader import load_postings
from jobtui.tui.app import JobApp, make_app
from jobtui.tui.widgets.detail import DetailView
from jobtui.tui.widgets.results import ResultsList

from .checks import unsafe
from .make_fixtures import CLASSES

TODAY = date(2026, 11, 23)
SIZE = (120, 30)

TEXT_CLASSES = ("names", "front_matter", "markup", "encoding", "md_injection")
"""Classes whose postings carry hostile text to the list and the detail pane."""


def app_for(paths: list[Path], config: Path) -> JobApp:
    return make_app(
        [str(p) for p in paths],
        config_dir=config,
        today=TODAY,
        debounce=0,
        typing_debounce=0,
        seen_after=None,
    )


def screen_text(app: JobApp) -> str:
    """Every character on the screen, as the SVG screenshot holds it."""
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r">([^<]*)<", svg)))


async def ready(app: JobApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()
    while app.loading:
        await pilot.pause()


async def show_row(app: JobApp, pilot, i: int) -> None:  # type: ignore[no-untyped-def]
    results, detail = app.query_one(ResultsList), app.query_one(DetailView)
    results.cursor = i
    while detail.shown_key != results.current.key:
        await pilot.pause()


def toasts(app: JobApp) -> list[str]:
    """The text of the notifications, as their toasts render it.

    The app runs without toasts (`run_test`'s default) and each is rendered here, as the
    toast would: a notification that can not be rendered fails the test at once, where a
    mounted toast would stop the app (and Textual would spend seconds drawing the traceback).
    """
    texts = []
    for notification in app._notifications:
        rendered = Toast(notification).render()
        texts.append(getattr(rendered, "plain", str(rendered)))
    return texts


async def test_every_posting_on_screen_is_free_of_escapes(hostile, tmp_path):
    app = app_for([hostile / name for name in TEXT_CLASSES], tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        results = app.query_one(ResultsList)
        assert len(results.source) > 30
        await pilot.press("down")  # from the search bar to the list
        found: dict[str, list[str]] = {}
        for i in range(len(results.source)):
            await show_row(app, pilot, i)
            row = results.current
            one_line = " ".join(x for x in (row.title, row.company, row.location) if x)
            problems = unsafe(one_line) + unsafe(screen_text(app), one_line=False)
            if problems:
                found[row.posting.source if row.posting else row.key] = problems
        assert not found
        assert not unsafe(app.title) and not unsafe(app.sub_title)


async def test_the_title_bar_says_jobtui_whatever_the_folder(hostile, tmp_path):
    # Folder and file names with window-title and clipboard escapes.
    app = app_for([hostile / "names"], tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.title.startswith("jobtui ") and not unsafe(app.title)
        assert not unsafe(app.sub_title) and "pwned" not in app.sub_title


async def test_the_whole_hostile_folder_loads_in_the_background_and_sorts(hostile, tmp_path):
    folders = [hostile / name for name in CLASSES]
    expected = load_postings(folders)
    app = app_for(folders, tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert len(app.index) == len(expected.postings)
        assert len(app.load_result.problems) == len(expected.problems)
        assert any("file(s) skipped" in t for t in toasts(app))
        await pilot.press("down")
        for _ in range(4):  # every order, the salary one over NaN and infinite salaries too
            await pilot.press("s")
            await pilot.pause()
        await pilot.press("end")
        await pilot.press("enter")
        await pilot.pause()


async def test_bookmarking_a_posting_with_markup_in_its_title(hostile, tmp_path):
    app = app_for([hostile / "markup"], tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "b")
        await pilot.pause()
        title = app.query_one(ResultsList).current.title
        assert any(title in t for t in toasts(app))


async def test_copying_a_link_with_markup_shows_it_as_written(hostile, tmp_path):
    app = app_for([hostile / "markup"], tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "y")
        await pilot.pause()
        assert any("https://jobs.example/[bold]x[/bold]" in t for t in toasts(app))


async def test_names_that_are_not_utf8_reach_the_screen_as_text(hostile, tmp_path):
    app = app_for([hostile / "undecodable_names"], tmp_path / "cfg")
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("down")
        results = app.query_one(ResultsList)
        for i in range(len(results.source)):
            await show_row(app, pilot, i)
            assert not unsafe(screen_text(app), one_line=False)
