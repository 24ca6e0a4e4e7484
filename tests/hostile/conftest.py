"""The hostile folder, written once per test session, and the command line run over it.

Each class of attack (a subfolder, see `make_fixtures.CLASSES`) is run through every command
once, in-process, the first time a test asks for it; the tests then look at what was printed.
"""

from __future__ import annotations

import io
import os
import traceback
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from jobtui.cli import main
from jobtui.postings.loader import LoadResult, load_postings

from .make_fixtures import CLASSES, OSC52, RLO, remove_hostile, write_hostile

ROOT = Path(__file__).resolve().parents[2]
"""The checkout whose jobtui is under test (a subprocess must import this one)."""

QUERIES = (
    "",
    "python",
    "title:x company:acme",
    f"{OSC52}pwned",
    '"[bold red]x"',
    f"{RLO}-php salary:>=1k",
    "salary:>>\x1b[2J posted:<\x07 remote:\x9b",
)
"""What `jobtui search` is asked over each class: everything, words, and hostile queries."""

COLOR_ENV = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR", "CLICOLOR_FORCE")
"""Variables that make Rich write styles to a pipe: the runs here are a pipe, as a script's."""


@dataclass(frozen=True, slots=True)
class Run:
    """One `jobtui` command and what came of it."""

    args: tuple[str, ...]
    status: int | None
    """The exit status main() returned (None when an exception escaped)."""
    out: str
    err: str
    error: str | None
    """The traceback of an exception that escaped main(), if one did."""

    @property
    def command(self) -> str:
        return self.args[0]


def run_cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """Run `jobtui ARGS` in-process, its output going to a pipe that takes only UTF-8, as
    under PYTHONIOENCODING=utf-8 or a locale such as en_US.UTF-8."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", errors="strict", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", errors="strict", write_through=True)
    clean = {k: v for k, v in os.environ.items() if k not in COLOR_ENV}
    status: int | None = None
    error = None
    with (
        mock.patch.dict(os.environ, {**clean, **(env or {})}, clear=True),
        # Durability is not what these runs test, and a sync per bookmark costs seconds.
        mock.patch("os.fsync"),
        redirect_stdout(out),
        redirect_stderr(err),
    ):
        try:
            status = main(list(args))
        except KeyboardInterrupt:
            raise
        except SystemExit as exc:  # --help and --version; nothing else should exit
            status = exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:
            error = "".join(traceback.format_exception(exc))
    return Run(
        tuple(args),
        status,
        out_bytes.getvalue().decode("utf-8"),
        err_bytes.getvalue().decode("utf-8"),
        error,
    )


@dataclass(slots=True)
class ClassRun:
    """One class of the hostile folder, loaded, and run through every command."""

    name: str
    folder: Path
    loaded: LoadResult
    runs: dict[str, list[Run]]
    """Runs by output (`list json`, `show`, `export md`...), in the order they ran."""


OUTPUTS = (
    "list table",
    "list json",
    "list jsonl",
    "list tsv",
    "search table",
    "search json",
    "search tsv",
    "show",
    "check",
    "bookmark",
    "shortlist table",
    "shortlist json",
    "shortlist jsonl",
    "shortlist tsv",
    "export md",
    "export csv",
    "export json",
)
"""Every output a class is run through: each format of each command that prints postings."""


def _run_class(name: str, folder: Path, state: Path) -> ClassRun:
    config, cache = state / "config", state / "cache"
    env = {"JOBTUI_CONFIG_DIR": str(config), "JOBTUI_CACHE_DIR": str(cache), "COLUMNS": "120"}
    with mock.patch.dict(os.environ, env):
        loaded = load_postings([folder], cache=True)  # and the commands load from the cache
    ids = [p.id for p in loaded.postings]
    path = str(folder)
    cfg = ("--config-dir", str(config))

    def fmt(command: str) -> str:
        return command.split()[1]

    plan: dict[str, list[tuple[str, ...]]] = {}
    for output in OUTPUTS:
        command = output.split()[0]
        if command == "list":
            plan[output] = [("list", "--all", "--format", fmt(output), path)]
        elif command == "search":  # every query in a table, two in the other formats
            queries = QUERIES if output == "search table" else QUERIES[::3]
            plan[output] = [("search", "--format", fmt(output), "--", q, path) for q in queries]
        elif command == "show":
            plan[output] = [("show", pid, path) for pid in ids]
        elif command == "check":
            plan[output] = [("check", path)]
        elif command == "bookmark":
            plan[output] = [("bookmark", pid, path, *cfg) for pid in ids]
        elif command == "shortlist":
            plan[output] = [("shortlist", "--format", fmt(output), *cfg, path)]
        else:
            plan[output] = [("export", "--format", fmt(output), *cfg)]
    runs = {output: [run_cli(*args, env=env) for args in todo] for output, todo in plan.items()}
    return ClassRun(name, folder, loaded, runs)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The hostile folder (one subfolder per class), written once for the session."""
    root = write_hostile(tmp_path_factory.mktemp("hostile"))
    yield root
    remove_hostile(root)


@pytest.fixture(scope="session")
def outputs(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], ClassRun]:
    """`outputs(name)`: the class, run through every command (once, on first use)."""
    done: dict[str, ClassRun] = {}

    def get(name: str) -> ClassRun:
        assert name in CLASSES, name
        if name not in done:
            done[name] = _run_class(name, hostile / name, tmp_path_factory.mktemp(name))
        return done[name]

    return get
