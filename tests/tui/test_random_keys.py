"""A seeded storm of keys and resizes never kills the app, and it still quits on `q` after.

Keys come from every binding of the app, its screens, widgets and dialogs, mixed with text
and terminal resizes. CI runs a fixed number of steps for a few seeds; set
JOBTUI_RANDOM_KEY_STEPS (and JOBTUI_RANDOM_KEY_SEEDS) for a longer run, e.g.
`JOBTUI_RANDOM_KEY_STEPS=5000 pytest -m slow tests/tui/test_random_keys.py`.
"""

from __future__ import annotations

import os
import random

import pytest
from textual.binding import Binding

from jobtui.tui.app import JobApp
from jobtui.tui.screens import help as help_screen
from jobtui.tui.screens import main as main_screen
from jobtui.tui.screens import modals
from jobtui.tui.widgets import detail, results, search_bar

from ..conftest import write
from .test_app import app_for, ready

NEVER = {"q", "ctrl+c"}
"""Keys that end the run early: the final `q` is the test's."""


def binding_keys() -> list[str]:
    owners = [JobApp, main_screen.MainScreen, help_screen.HelpScreen]
    owners += [results.ResultsList, detail.DetailView, search_bar.SearchBar]
    owners += [c for c in vars(modals).values() if isinstance(c, type) and "BINDINGS" in vars(c)]
    keys: set[str] = set()
    for owner in owners:
        for b in vars(owner).get("BINDINGS", []):
            if isinstance(b, Binding):
                keys.update(k.strip() for k in b.key.split(","))
    keys |= {"escape", "enter", "tab", "shift+tab", "up", "down", "left", "right", "space"}
    keys |= {"backspace", "ctrl+u", "ctrl+w", "home", "end", "pageup", "pagedown", "1", "3"}
    return sorted(keys - NEVER)


TEXT = [*"abcdefghijklmnopqrstuvwxyz0123456789 :-<>=\"'", "slash", "question_mark"]


def steps() -> int:
    return int(os.environ.get("JOBTUI_RANDOM_KEY_STEPS", "100"))


def seeds_to_run() -> list[int]:
    return list(range(int(os.environ.get("JOBTUI_RANDOM_KEY_SEEDS", "2"))))


async def storm(tmp_path, monkeypatch, seed: int, count: int) -> None:  # type: ignore[no-untyped-def]
    import webbrowser

    monkeypatch.chdir(tmp_path)  # `e` then enter writes an export here
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: True)
    folder = tmp_path / "postings"
    for i in range(40):
        write(
            folder,
            f"{i:02d}-job.md",
            f"---\ntitle: Job {i} [b]x[/b]\ncompany: Co {i % 7}\nurl: https://e.com/{i}\n"
            f"salary: {40 + i}k\nposted: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}\n---\n"
            + "Body line with python and remote work.\n"
            * (i % 9 + 1),
        )
    keys = binding_keys()
    rng = random.Random(seed)
    app = app_for(tmp_path, [str(folder)])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        for _ in range(count):
            roll = rng.random()
            if roll < 0.05:
                await pilot.resize_terminal(rng.randint(20, 200), rng.randint(5, 60))
            elif roll < 0.55:
                await pilot.press(rng.choice(keys))
            else:
                await pilot.press(*(rng.choice(TEXT) for _ in range(rng.randint(1, 5))))
        await pilot.resize_terminal(100, 30)
        for _ in range(8):  # close whatever is open, leave the search bar
            if app.screen is app.main and app.focused is not app.main.query_one("#search"):
                break
            await pilot.press("escape")
            if app.screen is app.main and app.focused is app.main.query_one("#search"):
                await pilot.press("tab")
        assert app.screen is app.main, f"seed {seed}: a dialog does not close on esc"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running, f"seed {seed}: the app does not answer q"


@pytest.mark.parametrize("seed", seeds_to_run())
async def test_a_storm_of_keys_and_resizes(tmp_path, monkeypatch, seed):
    await storm(tmp_path, monkeypatch, seed, steps())


@pytest.mark.slow
async def test_a_long_storm(tmp_path, monkeypatch):
    await storm(tmp_path, monkeypatch, 1000, max(steps(), 3000))
