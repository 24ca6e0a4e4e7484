"""Regenerate the README screenshots from the real app on the bundled seeds.

python screenshots/generate.py      # writes screenshots/*.svg (and .png with rsvg-convert)
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from jobtui.tui.app import make_app  # noqa: E402

TODAY = date(2026, 11, 23)


def stamped_on(day: date) -> None:
    """What the app saves from now on (a bookmark's day, a mark's time) is stamped on `day`,
    not on the day the screenshots are made: they show the same days whenever they are made."""
    from jobtui.shortlist import store, triage

    stamp = f"{day.isoformat()}T10:00:00+00:00"
    store.now = triage.now = lambda: stamp


async def shoot(name: str, keys: list[str], size: tuple[int, int], config: Path) -> Path:
    app = make_app(
        None, config_dir=config, today=TODAY, debounce=0, typing_debounce=0, seen_after=None
    )
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        path = Path(app.save_screenshot(filename=f"{name}.svg", path=str(HERE)))
    png = path.with_suffix(".png")
    if shutil.which("rsvg-convert"):
        subprocess.run(["rsvg-convert", "-o", str(png), str(path)], check=True)
    return path


def applications(config: Path) -> None:
    """A job hunt a few weeks in, on fixed days: applied, answered, interviews to come."""
    from datetime import datetime

    from jobtui.postings.loader import bundled_seeds, load_postings
    from jobtui.shortlist.store import BookmarkStore

    ps = sorted(load_postings([bundled_seeds()]).postings, key=lambda p: p.source)
    store = BookmarkStore(config)
    stamped_on(date(2026, 10, 1))  # (saved before the first was applied to)
    for p in ps:
        store.add(p)
    stamped_on(TODAY)
    steps = [
        (0, "applied", date(2026, 10, 5)),
        (0, "interviewing", date(2026, 10, 19)),
        (1, "applied", date(2026, 10, 27)),
        (1, "rejected", date(2026, 11, 6)),
        (2, "applied", date(2026, 11, 2)),
        (2, "interviewing", date(2026, 11, 10)),
        (2, "offer", date(2026, 11, 20)),
        (3, "applied", date(2026, 11, 16)),
    ]
    for i, status, day in steps:
        store.set_status(ps[i].id, status, on=day)
    store.set_follow_up(ps[3].id, date(2026, 11, 21))
    store.set_follow_up(ps[4].id, TODAY)
    store.add_interview(ps[0].id, datetime(2026, 11, 24, 15, 0), "Technical interview")
    store.add_interview(ps[0].id, datetime(2026, 11, 27, 10, 30), "Meet the team")


async def main() -> None:
    stamped_on(TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp)
        print(await shoot("browse", ["tab", "j", "b"], (140, 40), config))
        print(await shoot("search", [*"elixir remote:yes", "enter"], (140, 40), config))
        print(await shoot("detail", [*"postgres", "enter", "enter"], (140, 40), config))
        print(await shoot("narrow", [*"engineer", "enter"], (80, 24), config))
        print(await shoot("help", ["tab", "question_mark"], (140, 40), config))
        print(await shoot("shortlist", ["tab", "a", "2", "B"], (140, 40), config))
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp)
        applications(config)
        print(await shoot("agenda", ["tab", "A"], (120, 32), config))
        print(await shoot("stats", ["tab", "S"], (120, 40), config))


if __name__ == "__main__":
    asyncio.run(main())
