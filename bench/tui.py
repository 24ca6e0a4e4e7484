"""TUI speed at scale: keystroke to refreshed screen with 100,000 synthetic postings, headless.

    python bench/tui.py [--n 100000]

Types a query one character at a time and then holds `j` through the list, timing each key
from the press to the moment the results list has been redrawn with the new content (the
detail pane follows 60 ms after the selection rests, by design, and is timed separately).
Prints p50 and p95 for typing and for moving, the time to jump to the last of all matches,
and the time to render a posting in the detail pane.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.widgets import Input

from bench.synthetic import postings as synthetic
from jobtui.tui.app import JobApp
from jobtui.tui.widgets.results import ResultsList

QUERY = "senior python developer remote:yes"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


async def timed(app: JobApp, action) -> float:  # type: ignore[no-untyped-def]
    """Milliseconds from a keystroke's effect to the results list drawing its lines again.

    The key's action is called directly: Pilot.press waits for the whole process to go idle
    twice per key, which would time the test harness rather than jobtui.
    """
    start = time.perf_counter()
    stamp = RENDERS[0]
    action()
    while RENDERS[0] == stamp:
        await asyncio.sleep(0.0005)
    elapsed = (time.perf_counter() - start) * 1000
    await asyncio.sleep(0.02)  # let the rest of the frame (count line, detail timer) settle
    return elapsed


RENDERS = [0]


def _count_renders() -> None:
    original = ResultsList.render_line

    def render_line(self, y):  # type: ignore[no-untyped-def]
        RENDERS[0] += 1
        return original(self, y)

    ResultsList.render_line = render_line  # type: ignore[method-assign]


async def main(n: int) -> None:
    _count_renders()
    posts = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp:
        app = JobApp([], config_dir=Path(tmp))
        start = time.perf_counter()
        app.index.add(posts)
        app.index.warm()  # as the app does once loading is done
        gc.freeze()  # as the app does after indexing: the records stay out of the GC's way
        print(f"index of {n:,} postings built in {time.perf_counter() - start:.1f}s")
        async with app.run_test(size=(160, 50)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            results = app.query_one(ResultsList)
            print(f"start: {len(results.source):,} rows listed")
            search = app.query_one("#search", Input)
            typing = [
                await timed(app, lambda ch=ch: search.insert_text_at_cursor(ch)) for ch in QUERY
            ]
            await pilot.pause()
            print(f"after typing {QUERY!r}: {len(results.source):,} matches")
            await pilot.press("enter")
            await pilot.pause()
            moving = [await timed(app, results.action_cursor_down) for _ in range(60)]
            await pilot.pause()
            await pilot.press("slash")
            for _ in QUERY:
                await pilot.press("backspace")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            last = await timed(app, results.action_last)
            assert results.cursor == len(results.source) - 1
            from rich.console import Console

            from jobtui.tui.render import posting_renderable

            console = Console(width=100, file=open("/dev/null", "w"))  # noqa: SIM115
            detail = []
            for i in range(20):
                t = time.perf_counter()
                shown = results.row(i).posting
                assert shown is not None  # (a loaded posting: not a bookmark whose file is gone)
                console.print(posting_renderable(shown, ("python",)))
                detail.append((time.perf_counter() - t) * 1000)
    print(
        f"typing  p50 {pct(typing, 50):6.1f} ms  p95 {pct(typing, 95):6.1f} ms  "
        f"(mean {statistics.mean(typing):.1f}, {len(typing)} keys)"
    )
    slow = sorted(zip(typing, [QUERY[: i + 1] for i in range(len(QUERY))], strict=True))[-3:]
    print("slowest keys: " + ", ".join(f"{q!r} {t:.0f} ms" for t, q in reversed(slow)))
    print(
        f"moving  p50 {pct(moving, 50):6.1f} ms  p95 {pct(moving, 95):6.1f} ms  (j held, 60 keys)"
    )
    print(f"jump to the last of {len(results.source):,} matches (G): {last:.1f} ms")
    print(
        f"detail pane render of one posting: p50 {pct(detail, 50):.1f} ms, p95 {pct(detail, 95):.1f} ms"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    asyncio.run(main(parser.parse_args().n))
