"""`python -m jobtui` in a real process over the hostile folder, and over the files that crash
or stall it today (a crash there must not take the test run with it).

JOBTUI_HOSTILE_SLOW=1 also runs the tests of files that stall jobtui for minutes today.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .checks import unsafe
from .conftest import COLOR_ENV, ROOT
from .make_fixtures import CLASSES, remove_hostile, write_hostile

SLOW = pytest.mark.skipif(
    os.environ.get("JOBTUI_HOSTILE_SLOW") != "1", reason="slow: set JOBTUI_HOSTILE_SLOW=1"
)


def jobtui(
    *args: str, state: Path, env: dict[str, str] | None = None, timeout: float = 120, **kw
) -> subprocess.CompletedProcess[bytes]:
    """`python -m jobtui ARGS` from this checkout, with its own config and cache."""
    base = {k: v for k, v in os.environ.items() if k not in COLOR_ENV and k != "PYTHONIOENCODING"}
    full = {
        **base,
        "PYTHONPATH": str(ROOT),
        "JOBTUI_CONFIG_DIR": str(state / "config"),
        "JOBTUI_CACHE_DIR": str(state / "cache"),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "jobtui", *args],
        capture_output=True,
        env=full,
        cwd=state,
        timeout=timeout,
        **kw,
    )


def test_the_script_writes_the_hostile_folder(tmp_path):
    script = Path(__file__).with_name("make_fixtures.py")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    root = tmp_path / "hostile"
    try:
        assert sorted(p.name for p in root.iterdir()) == sorted(CLASSES)
        assert (root / "huge" / "huge.md").stat().st_size > 5 * 1024 * 1024
    finally:
        remove_hostile(root)


def test_jobtui_over_the_whole_hostile_folder(hostile, tmp_path):
    # Names that are not UTF-8 have tests of their own (what they do depends on the locale).
    folders = [str(hostile / name) for name in CLASSES if name != "undecodable_names"]
    for args, statuses in ((("check", *folders), (0, 1)), (("list", *folders), (0,))):
        done = jobtui(*args, state=tmp_path)
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode in statuses, err
        assert "Traceback" not in err
        assert "file(s) skipped" in err or args[0] == "check"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8:surrogateescape"])
def test_names_that_are_not_utf8_print_as_utf8(hostile, tmp_path, encoding):
    folder = str(hostile / "undecodable_names")
    done = jobtui(
        "list", "--format", "json", folder, state=tmp_path, env={"PYTHONIOENCODING": encoding}
    )
    assert "Traceback" not in done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0
    assert not unsafe(done.stdout.decode("utf-8"), one_line=False)


def test_front_matter_nested_too_deep_for_the_stack(tmp_path):
    root = write_hostile(tmp_path, ("yaml_stack",))
    done = jobtui("check", str(root / "yaml_stack"), state=tmp_path)
    assert done.returncode in (0, 1), f"ended by signal {-done.returncode}"
    assert b"nests deeper than" in done.stdout


@SLOW
def test_unclosed_html_does_not_stall_the_load(tmp_path):
    root = write_hostile(tmp_path, ("html_backtracking",))
    try:
        # Each file loads in well under a second once the rules are linear.
        done = jobtui("check", str(root / "html_backtracking"), state=tmp_path, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the load had not ended after a minute")
    assert done.returncode == 0


@SLOW
def test_a_full_alias_bomb_without_extension(tmp_path):
    import resource

    root = write_hostile(tmp_path, ("bare_bomb_full",))

    def limit_memory() -> None:  # so the bomb ends in MemoryError, not in the machine's swap
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    try:
        done = jobtui(
            "check",
            str(root / "bare_bomb_full"),
            state=tmp_path,
            timeout=120,
            preexec_fn=limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the load had not ended after two minutes")
    assert b"more than 20,000 values" in done.stdout, done.stdout[-500:]
