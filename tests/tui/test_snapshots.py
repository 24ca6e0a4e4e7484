"""Snapshot tests: what the screen looks like at 80x24 and 140x40 (SVGs committed).

The seeds are copied into a temporary folder that is the working directory and are opened by
a relative path, and the date is fixed, so the screen is the same on every machine and every day. Update with `pytest tests/test_snapshots.py --snapshot-update` and look
at the report before committing.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

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
            ["seeds"],
            config_dir=folder / "cfg",
            today=TODAY,
            debounce=0,
            typing_debounce=0,
            seen_after=None,
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


def _applications(folder) -> None:  # type: ignore[no-untyped-def]
    """A shortlist with a history, a follow-up and interviews, on fixed days."""
    from datetime import datetime

    from jobtui.postings.loader import load_postings
    from jobtui.shortlist.store import BookmarkStore

    postings = {p.source[-40:]: p for p in load_postings([folder / "seeds"]).postings}
    ps = sorted(postings.values(), key=lambda p: p.source)
    store = BookmarkStore(folder / "cfg")
    for p in ps:
        store.add(p)
    store.set_status(ps[0].id, "applied", on=date(2026, 10, 28))
    store.set_status(ps[0].id, "interviewing", on=date(2026, 11, 9))
    store.set_status(ps[1].id, "applied", on=date(2026, 11, 2))
    store.set_status(ps[1].id, "rejected", on=date(2026, 11, 16))
    store.set_status(ps[2].id, "applied", on=date(2026, 11, 12))
    store.set_follow_up(ps[2].id, date(2026, 11, 19))
    store.set_follow_up(ps[3].id, TODAY)
    store.add_interview(ps[0].id, datetime(2026, 11, 25, 14, 30), "Onsite with the team")
    store.add_interview(ps[0].id, datetime(2026, 11, 27, 10, 0), "Final")


def test_agenda_screen(snap_compare, app_factory):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "A")
        await pilot.pause()

    _applications(Path.cwd())  # before the app opens the shortlist
    app = app_factory()
    assert snap_compare(app, terminal_size=(110, 30), run_before=run_before)


def test_statistics_screen(snap_compare, app_factory):
    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("enter", "S")
        await pilot.pause()

    _applications(Path.cwd())  # before the app opens the shortlist
    app = app_factory()
    assert snap_compare(app, terminal_size=(110, 36), run_before=run_before)


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
    app = make_app(
        ["jobs"],
        config_dir=folder / "cfg",
        today=TODAY,
        debounce=0,
        typing_debounce=0,
        seen_after=None,
    )

    async def run_before(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press(*'nodejs | "react native"')
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 20), run_before=run_before)
