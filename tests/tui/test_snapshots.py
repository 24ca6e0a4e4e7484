"""Snapshot tests: what the screen looks like at 80x24 and 140x40 (SVGs committed).

The seeds are copied into a temporary folder that is the working directory and are opened by
a relative path, and the date is fixed, so the screen is the same on every machine and every day. Update with `pytest tests/test_snapshots.py --snapshot-update` and look
at the report before committing.
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from jobtui.postings.loader import bundled_seeds
from jobtui.shortlist import store as store_module
from jobtui.tui.app import make_app

TODAY = date(2026, 11, 23)


@pytest.fixture
def app_factory(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.mktemp("snapshots")
    shutil.copytree(bundled_seeds(), folder / "seeds")
    monkeypatch.chdir(folder)
    # A bookmark's timeline shows the day of each step: the same day on every run.
    monkeypatch.setattr(store_module, "now", lambda: "2026-11-20T09:30:00+00:00")

    def factory():
        return make_app(
            ["seeds"], config_dir=folder / "cfg", today=TODAY, debounce=0, typing_debounce=0
        )

    return factory


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


SIZES = [(80, 24), (140, 40)]


@pytest.mark.parametrize("size", SIZES)
def test_start_screen(snap_compare, app_factory, size):
    assert snap_compare(app_factory(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_query_with_highlights(snap_compare, app_factory, size):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press(*"backend elixir")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_posting_detail(snap_compare, app_factory, size):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press(*"diode", "enter", "b", "enter")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, app_factory, size):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "question_mark")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


def test_narrow_layout_detail(snap_compare, app_factory):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "j", "l")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=run_before)


def test_shortlist_view(snap_compare, app_factory):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "b", "j", "a", "2", "j", "b", "B")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(140, 40), run_before=run_before)


def test_export_dialog(snap_compare, app_factory):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "b", "e")
        await pilot.pause()

    assert snap_compare(app_factory(), terminal_size=(100, 30), run_before=run_before)


def test_highlights_never_repeat_text(snap_compare, tmp_path_factory, monkeypatch):
    """`nodejs` marks Node.js once (it showed `NodeNode.js`), `react native` likewise."""
    folder = tmp_path_factory.mktemp("highlights")
    jobs = folder / "jobs"
    jobs.mkdir()
    postings = {
        "node.md": ("Senior Node.js Developer", "Acme Node", "node.js", "Build APIs in Node.js."),
        "rn.md": ("React Native Engineer", "Native Apps", "react native", "Ship React Native."),
        "both.md": ("Node.js and React Native Lead", "Lead Co", "node.js", "Both stacks."),
    }
    for name, (title, company, tag, body) in postings.items():
        (jobs / name).write_text(
            f"---\ntitle: {title}\ncompany: {company}\ntags: [{tag}]\n---\n{body}\n",
            encoding="utf-8",
        )
    monkeypatch.chdir(folder)
    app = make_app(["jobs"], config_dir=folder / "cfg", today=TODAY, debounce=0, typing_debounce=0)

    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press(*'nodejs | "react native"')
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 20), run_before=run_before)
