"""Start-up time: process start to first usable screen, jobtui on the seeds against a bare App.

    python bench/startup.py [--runs 10]

Each program runs in a real pseudo-terminal; the clock stops when its first screen shows the
text it is waiting for (jobtui: the result count `5 / 5`, meaning the seeds are loaded and
listed; the bare App: a Static's text). Prints the median of the runs and the ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("bare-ready")

Bare().run()
"""
ESCAPES = r"(?:\x1b\[[0-9;?]*[ -/]*[@-~])*"


def loose(text: str) -> str:
    return ESCAPES.join(re.escape(c) for c in text)


def once(argv: list[str], marker: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(35, 120), timeout=30)
    child.expect(loose(marker))
    elapsed = time.perf_counter() - start
    child.terminate(force=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    jobtui = shutil.which("jobtui", path=str(Path(sys.executable).parent)) or shutil.which("jobtui")
    if not jobtui:
        sys.exit("install jobtui first (pip install -e .)")
    with tempfile.TemporaryDirectory() as tmp:
        # As on a person's machine, the warm-up start below writes Python's bytecode cache
        # (a setting that turns it off, as some sandboxes have, would time compiling instead).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(TERM="xterm-256color", JOBTUI_CONFIG_DIR=tmp)
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE)
        once([sys.executable, str(bare_script)], "bare-ready", env)  # warm the file cache
        once([jobtui], "5 / 5", env)
        bare, ours = [], []
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            bare.append(once([sys.executable, str(bare_script)], "bare-ready", env))
            ours.append(once([jobtui], "5 / 5", env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(
        f"bare Textual App: median {b * 1000:6.0f} ms  (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})"
    )
    print(
        f"jobtui on seeds : median {o * 1000:6.0f} ms  (min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f})"
    )
    print(f"ratio jobtui/bare: {o / b:.2f} (goal: at most 1.5)")
    # Each pair ran back to back, so a pair shares the machine's load; on a shared, noisy
    # machine the median of the pairs' ratios is the steadier figure.
    paired = statistics.median(x / y for x, y in zip(ours, bare, strict=True))
    print(f"median of paired ratios: {paired:.2f}")


if __name__ == "__main__":
    main()
