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


async def shoot(name: str, keys: list[str], size: tuple[int, int], config: Path) -> Path:
    app = make_app(None, config_dir=config, today=TODAY, debounce=0, typing_debounce=0)
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


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp)
        print(await shoot("browse", ["tab", "j", "b"], (140, 40), config))
        print(await shoot("search", [*"elixir remote:yes", "enter"], (140, 40), config))
        print(await shoot("detail", [*"postgres", "enter", "enter"], (140, 40), config))
        print(await shoot("narrow", [*"engineer", "enter"], (80, 24), config))
        print(await shoot("help", ["tab", "question_mark"], (140, 40), config))
        print(await shoot("shortlist", ["tab", "a", "2", "B"], (140, 40), config))


if __name__ == "__main__":
    asyncio.run(main())
