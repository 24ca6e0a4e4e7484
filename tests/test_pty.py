"""The installed `jobtui` in a real pseudo-terminal: type a query, see the match, quit with q."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

JOBTUI = shutil.which("jobtui", path=str(Path(sys.executable).parent)) or shutil.which("jobtui")
ESCAPES = r"(?:\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>])*"


def on_screen(text: str) -> str:
    """A pattern for text as a terminal receives it: styles and moves may split it anywhere."""
    return ESCAPES.join(re.escape(ch) for ch in text)


@pytest.mark.skipif(not JOBTUI, reason="jobtui is not installed")
def test_type_a_query_and_quit(tmp_path):
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "JOBTUI_CONFIG_DIR": str(tmp_path),
        "COLUMNS": "120",
        "LINES": "35",
    }
    child = pexpect.spawn(JOBTUI, env=env, dimensions=(35, 120), encoding="utf-8", timeout=20)
    try:
        child.expect(on_screen("5 / 5"))  # the seeds loaded
        child.send("erlang")
        child.expect(on_screen("1 / 5"))
        child.expect(on_screen("Senior Backend Engineer (Erlang/Elixir, Go)"))
        child.send("\r")  # to the list
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


@pytest.mark.skipif(not JOBTUI, reason="jobtui is not installed")
def test_a_table_in_a_terminal_fits_its_width(tmp_path):
    env = {**os.environ, "TERM": "xterm-256color", "JOBTUI_CONFIG_DIR": str(tmp_path)}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(
        JOBTUI, ["list"], env=env, dimensions=(40, 80), encoding="utf-8", timeout=20
    )
    output = child.read()
    child.close()
    lines = [re.sub(ESCAPES, "", line) for line in output.splitlines()]
    assert any("Back End Developer" in line for line in lines)
    assert max(len(line) for line in lines) <= 80


@pytest.mark.skipif(not JOBTUI, reason="jobtui is not installed")
def test_keys_typed_as_it_starts_reach_the_search(tmp_path):
    """Typed before jobtui has drawn anything (fzf's habit): not one key is lost."""
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "JOBTUI_CONFIG_DIR": str(tmp_path / "config"),
        "JOBTUI_DATA_DIR": str(tmp_path / "data"),
        "JOBTUI_CACHE_DIR": str(tmp_path / "cache"),
    }
    child = pexpect.spawn(JOBTUI, env=env, dimensions=(35, 120), encoding="utf-8", timeout=20)
    try:
        child.send("erlang")  # at once: Python has not even imported jobtui yet
        child.expect(on_screen("1 / 5"))
        child.expect(on_screen("Senior Backend Engineer (Erlang/Elixir, Go)"))
        child.send("\r")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
