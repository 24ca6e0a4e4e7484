"""The command line: `jobtui` opens the TUI; subcommands give scripts every core capability."""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from jobtui import __version__
from jobtui.search.query import QUERY_HELP

EPILOG_MAIN = """\
examples:
  jobtui                          browse what jobtui fetched, else the bundled samples
  jobtui fetch greenhouse:acme    download a job board and say what is new
  jobtui ~/jobs                   browse every posting under ~/jobs
  jobtui list ~/jobs --format json
  jobtui search 'python remote:yes salary:>=100k' ~/jobs
  jobtui show 3f2a9c ~/jobs       print one posting
  jobtui check ~/jobs             report what loaded and what did not
  jobtui -- -odd-folder-name      a path that begins with '-'
  jobtui cache info ~/jobs        what the load cache holds (jobtui cache clear removes it)

subcommands: list, show, check, search, shortlist, bookmark, unbookmark, agenda, stats,
  hide, unhide, block, unblock, blocklist, saved, export, fetch, sources, cache
run 'jobtui SUBCOMMAND --help' for each.
"""


EPILOG_FETCH = """\
SOURCE is one of:
  greenhouse:TOKEN   a Greenhouse job board (boards.greenhouse.io/TOKEN)
  lever:SITE         a Lever job site (jobs.lever.co/SITE); lever-eu:SITE for the EU one
  ashby:BOARD        an Ashby job board (jobs.ashbyhq.com/BOARD)
  hn:latest          the newest Hacker News "Ask HN: Who is hiring?" thread; hn:ITEM_ID one thread
  https://...        an RSS, Atom or JSON feed, or a job page
With no SOURCE, the sources list is fetched (see 'jobtui sources').

Each source has its own file in the folder (greenhouse-acme.json, feed-example.com-jobs.xml...),
replaced at each fetch, so postings keep their ids and bookmarks; every response is also kept
in the folder's .history/ under a dated name. A response that is not what the source serves (an
error page, nothing) never replaces a good file. 'jobtui' with no PATH opens this folder.

environment:
  JOBTUI_GREENHOUSE_API  Greenhouse's API (https://boards-api.greenhouse.io/v1)
  JOBTUI_LEVER_API       Lever's API (https://api.lever.co/v0; EU: https://api.eu.lever.co/v0)
  JOBTUI_ASHBY_API       Ashby's API (https://api.ashbyhq.com)
  JOBTUI_HN_API          Hacker News' Algolia API (https://hn.algolia.com/api/v1)
  (point one at another server, a local one for a trial)
  JOBTUI_DATA_DIR        where the jobs folder is

examples: jobtui fetch greenhouse:acme lever:globex hn:latest
          jobtui fetch https://example.com/jobs.rss --into ~/jobs --format json
exit status: 0 when every source was fetched, 1 when any failed, 2 for a malformed SOURCE.
"""

FORMATS = ("table", "json", "jsonl", "tsv")


class CliError(Exception):
    """A problem to report on one line, with an exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        required = "the following arguments are required: "
        if message.startswith(required):
            # argparse also names the optional PATH list here; say only what is missing.
            names = [n for n in message[len(required) :].split(", ") if n != "PATH"]
            missing = " and ".join(f"the {n}" for n in names)
            message = f"{missing} {'is' if len(names) == 1 else 'are'} missing"
            if "QUERY" in names:
                message += " (a query that starts with '-' goes after '--')"
            elif "ID" in names:
                message += " ('jobtui list' shows the ids)"
        raise CliError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _add_common(p: argparse.ArgumentParser, paths: bool = True) -> None:
    if paths:
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="posting files or folders (default: the folder jobtui fetch fills, once it holds a "
            "file; else the bundled sample postings)",
        )
        _add_no_cache(p)
    p.add_argument(
        "--config-dir",
        metavar="DIR",
        help="where the shortlist is kept (default: $JOBTUI_CONFIG_DIR or the "
        "user config directory)",
    )


def _add_no_cache(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every file; neither read nor write the load cache",
    )


def _uses_cache(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_cache", False)


def _index(args: argparse.Namespace, postings: list[Any], salary: Any) -> Any:
    """The search index of loaded postings: from the one saved at the last open where it
    still holds them (unless --no-cache)."""
    from jobtui.postings.loader import bundled_seeds
    from jobtui.search.reopen import open_index

    paths = _default_paths(args.paths) or [str(bundled_seeds())]
    return open_index(postings, paths, use_cache=_uses_cache(args), salary=salary)


def build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    fmt = argparse.RawDescriptionHelpFormatter
    main = _Parser(
        prog="jobtui",
        formatter_class=fmt,
        epilog=EPILOG_MAIN,
        description="Browse, search and shortlist job postings in the terminal.",
    )
    main.add_argument("--version", action="version", version=f"jobtui {__version__}")
    _add_common(main)
    subs: dict[str, argparse.ArgumentParser] = {}

    def sub(name: str, help_: str, epilog: str = "") -> argparse.ArgumentParser:
        p = _Parser(prog=f"jobtui {name}", description=help_, formatter_class=fmt, epilog=epilog)
        subs[name] = p
        return p

    p = sub(
        "list",
        "List postings: copies of one posting fold into one row (×N), hidden and blocked ones "
        "are left out.",
        "example: jobtui list ~/jobs --format json --sort posted",
    )
    _add_common(p)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument(
        "--all", action="store_true", help="every file: no folding of copies, nothing left out"
    )
    p.add_argument(
        "--sort",
        choices=("posted", "title", "company", "salary"),
        default="posted",
        help="posted: newest first (default); salary: best paid first, none last",
    )

    p = sub("show", "Print one posting, rendered.", "example: jobtui show 3f2a9c ~/jobs | less -R")
    p.add_argument("id", metavar="ID", help="a posting id, or a unique prefix of one")
    _add_common(p)

    p = sub(
        "check",
        "Report what loaded, which fields were found how often, and every problem "
        "file. Exit status 1 when some files did not load.",
    )
    _add_common(p)

    p = sub(
        "search",
        "Search postings.",
        QUERY_HELP
        + "\nA query may start with '-' (jobtui search '-php python' ~/jobs); a path that does"
        + " goes after '--'"
        + "\nexit status: 0 with matches, 1 with none.",
    )
    p.add_argument("query", metavar="QUERY", nargs="?", default=None)
    _add_common(p)
    p.add_argument("--limit", type=int, metavar="N", help="at most N results")
    p.add_argument("--saved", metavar="NAME", help="run the saved search NAME (see jobtui saved)")
    p.add_argument("--format", choices=FORMATS, default="table")

    p = sub("shortlist", "List your bookmarked postings with their status.")
    _add_common(p)
    p.add_argument("--status", metavar="S", help="only this status")
    p.add_argument("--format", choices=FORMATS, default="table")

    p = sub(
        "bookmark",
        "Bookmark a posting, or change its status or add a note.",
        "example: jobtui bookmark 3f2a9c --status applied --note 'sent CV'",
    )
    p.add_argument("id", metavar="ID")
    _add_common(p)
    p.add_argument(
        "--status", metavar="S", help="saved, applied, interviewing, offer, rejected or withdrawn"
    )
    p.add_argument("--note", metavar="TEXT", help="add a dated note")
    p.add_argument(
        "--follow-up",
        metavar="DAY",
        help="set a follow-up date: YYYY-MM-DD, +3d, +2w, tomorrow ('' clears)",
    )
    p.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        help="with --status: the day it happened (to catch up on past steps)",
    )
    p.add_argument(
        "--interview",
        metavar="WHEN",
        help="add an interview: 'YYYY-MM-DD HH:MM' (local time), a day alone, +3d or tomorrow",
    )
    p.add_argument("--label", metavar="TEXT", default="", help="with --interview: what it is")

    p = sub(
        "agenda",
        "Follow-ups and interviews overdue, due today and this week.",
        "example: jobtui agenda --days 14 --format json",
    )
    _add_common(p, paths=False)
    p.add_argument("--days", type=int, default=7, metavar="N", help="look N days ahead (7)")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub(
        "stats",
        "How your applications went: funnel, response rate, days to an answer, activity.",
        "example: jobtui stats --format json",
    )
    _add_common(p, paths=False)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub("unbookmark", "Remove a posting from the shortlist.")
    p.add_argument("id", metavar="ID")
    _add_common(p, paths=False)

    for name, does in (
        ("hide", "Hide postings (not interested): they leave every list; is:hidden shows them."),
        ("unhide", "Bring hidden postings back."),
    ):
        p = sub(name, does, f"example: jobtui {name} 3f2a9c 81bd0e --in ~/jobs")
        p.add_argument("ids", metavar="ID", nargs="+")
        p.add_argument(
            "--in",
            dest="paths",
            action="append",
            default=[],
            metavar="PATH",
            help="the folder the postings are in (default: as for the other subcommands)",
        )
        _add_no_cache(p)
        _add_common(p, paths=False)

    for name, does in (
        ("block", "Block a company or a word: matching postings are left out of every list."),
        ("unblock", "Remove a company or a word from the blocklist."),
    ):
        p = sub(name, does, f"example: jobtui {name} company 'Acme, Inc.'")
        p.add_argument("kind", choices=("company", "word"))
        p.add_argument("value", metavar="NAME_OR_WORD")
        _add_common(p, paths=False)

    p = sub(
        "saved",
        "Saved searches: list them with their matches and how many are new, add, remove.",
        "examples: jobtui saved   jobtui saved add elixir-remote 'elixir remote:yes'   "
        "jobtui saved rm elixir-remote   jobtui search --saved elixir-remote",
    )
    p.add_argument("action", nargs="?", metavar="{list,add,rm}", default="list")
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("query", nargs="?", metavar="QUERY")
    _add_common(p)  # `jobtui saved ~/jobs`, `jobtui saved list ~/jobs`: counted in that folder
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub("blocklist", "Show the blocked companies and words (the file is yours to edit).")
    _add_common(p, paths=False)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub(
        "fetch",
        "Download job boards, Hacker News threads, feeds and job pages into a folder, and say "
        "what is new since the last fetch. The only command that uses the network.",
        EPILOG_FETCH,
    )
    p.add_argument("sources", nargs="*", metavar="SOURCE", help="what to fetch (see below)")
    p.add_argument(
        "--into",
        metavar="DIR",
        help="the folder to save into (default: the jobs folder in the user data directory, "
        "or $JOBTUI_DATA_DIR/jobs)",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="how long to wait for a server to answer (default: 10 to connect, 30 to read)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    _add_common(p, paths=False)

    p = sub(
        "sources",
        "The list 'jobtui fetch' fetches when given no SOURCE: show it, add to it, remove from "
        "it. It is sources.txt in the config directory, one SOURCE a line, # comments: yours to "
        "edit too.",
        "examples: jobtui sources add greenhouse:acme hn:latest   jobtui sources rm lever:acme",
    )
    p.add_argument("action", nargs="?", choices=("list", "add", "rm"), default="list")
    p.add_argument("sources", nargs="*", metavar="SOURCE")
    _add_common(p, paths=False)
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = sub(
        "export",
        "Export the shortlist (to stdout without -o).",
        "example: jobtui export --format csv -o shortlist.csv",
    )
    _add_common(p, paths=False)
    p.add_argument(
        "--format",
        choices=("md", "csv", "json", "ics"),
        help="default: from the FILE's extension, else md; ics: follow-ups and interviews as "
        "calendar events",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, in the format its extension names (refuses to overwrite unless "
        "--force)",
    )
    p.add_argument("--force", action="store_true", help="overwrite an existing FILE")
    p.add_argument("--status", metavar="S", help="only this status")
    p.add_argument(
        "--since", metavar="YYYY-MM-DD", help="only applications with activity on or after"
    )
    p.add_argument(
        "--until", metavar="YYYY-MM-DD", help="only applications with activity on or before"
    )
    p = sub(
        "cache",
        "The load cache: files unchanged since the last load are not parsed again. info: where "
        "it is, its size, what it holds, whether it is current; clear: remove it.",
        "examples: jobtui cache info   jobtui cache info ~/jobs --format json   "
        "jobtui cache clear ~/jobs",
    )
    p.add_argument("action", choices=("info", "clear"))
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="only the cache of these folders (default: all)"
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    return main, subs


# --- helpers ----------------------------------------------------------------------------------


def _salary(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The currency and rates salaries are compared in (config.toml), its problems said once."""
    from jobtui.postings.money import load_settings

    settings = load_settings(_config_dir(args))
    for problem in settings.problems:
        print(f"jobtui: {problem}", file=sys.stderr)
    return settings


def _records(postings: list[Any], settings: Any, copies: Any = None) -> Iterator[dict[str, Any]]:
    """Postings as JSON-ready records (see `jobtui.postings.records`)."""
    from jobtui.postings.records import records

    return records(postings, settings.currency, settings.rates, copies)


def _posting_columns(settings: Any, copies: Any, *extra: str) -> list[str]:
    """The TSV header of posting records (and `extra` columns), for a list with no record to
    take it from: a script reading the header still finds its columns."""
    from jobtui.postings.model import Posting

    blank = Posting("", "", "", None, None, None, None, (), None, None, "")
    record = next(_records([blank], settings))
    return [*_tsv_columns(record), *(["duplicates"] if copies is not None else []), *extra]


def _load(  # type: ignore[no-untyped-def]
    paths: Sequence[str], cache: bool = True, notice: Callable[[str], None] | None = None
):
    from jobtui import collector
    from jobtui.postings.loader import LoadError, load_postings

    progress = _Progress() if sys.stderr.isatty() else None
    try:
        # The postings last as long as the command: no collection walks them (100,000
        # postings: a quarter of a reopen's time went to collections that freed nothing).
        with collector.paused():
            result = load_postings(
                _default_paths(paths), cache=cache, notice=notice or _say_notice, progress=progress
            )
        collector.keep()
        return result
    except LoadError as exc:
        raise CliError(f"jobtui: {exc}") from None
    finally:
        if progress is not None:
            progress.done()


class _Progress:
    """`loading: 12,400 files…` on the terminal's stderr while a big folder loads (redrawn at
    most ten times a second, and only after half a second: a small folder shows nothing)."""

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._start = self._last = self._clock()
        self._shown = False

    def __call__(self, files: int) -> None:
        now = self._clock()
        if now - self._start < 0.5 or now - self._last < 0.1:
            return
        self._last = now
        rate = files / max(now - self._start, 1e-6)
        sys.stderr.write(f"\rjobtui: loading {files:,} files ({rate:,.0f}/s)…\x1b[K")
        sys.stderr.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _default_paths(paths: Sequence[str] | None) -> list[str] | None:
    """The paths given, else the folder jobtui opens by default (None: the bundled samples)."""
    if paths:
        return list(paths)
    from jobtui.storage import default_folder

    folder = default_folder()
    return [str(folder)] if folder else None


def _say_notice(notice: str) -> None:
    print(f"jobtui: {notice}", file=sys.stderr)


def _out() -> Any:
    return sys.stdout


def _print_records(records: Iterable[dict[str, Any]], fmt: str, columns: list[str]) -> None:
    """Records printed one at a time (a list of 100,000 is never held whole)."""
    out = _out()
    if fmt == "json":
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2, default=str)
        out.write("[")  # as json.dump(records, indent=2) writes it, a record at a time
        printed = 0
        for r in records:
            out.write(",\n  " if printed else "\n  ")
            out.write(encoder.encode(r).replace("\n", "\n  "))
            printed += 1
        out.write("\n]\n" if printed else "]\n")
    elif fmt == "jsonl":
        encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
        for r in records:  # one record a line, also for readers that split at U+2028 and U+2029
            out.write(encode(r).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
    elif fmt == "tsv":
        flat: Iterator[dict[str, Any]] = map(_tsv_columns, records)
        first = next(flat, None)
        keys = list(first.keys()) if first is not None else columns
        flat = itertools.chain([first], flat) if first is not None else iter(())
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(keys)
        from jobtui.shortlist.export import spreadsheet_cell

        for r in flat:  # a spreadsheet opens TSV too: no cell may run as a formula
            writer.writerow([spreadsheet_cell(_flat(r.get(k))) for k in keys])


def _tsv_columns(record: dict[str, Any]) -> dict[str, Any]:
    """A record with its salary as plain columns (salary_min, salary_max, ...), for TSV; the
    currency of the year's pay only beside one."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key == "salary":
            parts = value if isinstance(value, dict) else {}
            for part in ("min", "max", "currency", "period", "period_guessed"):
                out[f"salary_{part}"] = parts.get(part)
        else:
            out[key] = value
    if out.get("salary_yearly") is None and "salary_yearly_currency" in out:
        out["salary_yearly_currency"] = None  # (no pay in a cell beside it: no currency either)
    return out


def _flat(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return text.replace("\t", " ").replace("\n", " ")


def _console(table: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    out = _out()
    if table and not out.isatty():
        # Piped or redirected: no terminal width to fit, so no column is cut.
        return Console(file=out, highlight=False, soft_wrap=False, width=100_000)
    return Console(file=out, highlight=False, soft_wrap=False)


def _is_terminal() -> bool:
    return bool(_out().isatty())


def _table(
    postings: list[Any],
    scores: list[float] | None = None,
    copies: Any = None,
    everyone: list[Any] | None = None,
) -> None:
    """`copies`: the groups a row folds (×2 on it); `everyone`: every posting loaded, so a
    folded row's place says how many other places its copies name."""
    from rich.table import Table
    from rich.text import Text

    from jobtui.postings.model import remote_label
    from jobtui.postings.relative import age

    table = Table(box=None, header_style="bold", pad_edge=False, expand=_is_terminal())
    table.add_column("ID", no_wrap=True, style="dim", min_width=12)
    table.add_column("Title", overflow="ellipsis", ratio=5, no_wrap=True, min_width=16)
    table.add_column("Company", overflow="ellipsis", ratio=3, no_wrap=True, min_width=8)
    table.add_column("Location", overflow="ellipsis", ratio=3, no_wrap=True, min_width=8)
    table.add_column("Remote", no_wrap=True, min_width=6)
    table.add_column("Salary", no_wrap=True, overflow="ellipsis", min_width=6)
    table.add_column("Age", no_wrap=True, justify="right", min_width=3)
    if scores is not None:
        table.add_column("Score", no_wrap=True, justify="right")
    where = {p.id: p.location for p in everyone}.get if copies and everyone else None
    for i, p in enumerate(postings):
        folded = copies and everyone and p.id in copies and copies.size(p.id) > 1
        cells: list[Any] = [
            Text(p.id),
            Text(p.title).append(
                f"  ×{copies.size(p.id)}" if copies and copies.size(p.id) > 1 else "", style="bold"
            ),
            Text(p.company or "—"),
            Text((copies.places(p.id, where) if folded else p.location) or "—"),
            Text(remote_label(p.remote, p.hybrid)),
            Text(p.salary.short() if p.salary else ""),
            Text(age(p.posted)),
        ]
        if scores is not None:
            cells.append(Text(f"{scores[i]:.1f}"))
        table.add_row(*cells)
    _console(table=True).print(table)


def _find(postings: list[Any], ident: str, missing_ok: bool = False) -> Any:
    """The posting with this id or unique prefix; with `missing_ok`, None when no posting has
    it (an ambiguous prefix is an error either way)."""
    from jobtui.postings.model import AmbiguousId, UnknownId, resolve_id

    by_id = {p.id: p for p in postings}
    try:
        return by_id[resolve_id(ident, by_id)]
    except UnknownId:
        # A source as `check` and the detail pane name it (`boards/acme.json#4012345`, or a
        # file's path) stands for its posting too.
        named = [p for p in postings if p.source == ident or p.source.endswith("/" + ident)]
        if len(named) == 1:
            return named[0]
        if missing_ok:
            return None
        raise CliError(f"jobtui: no posting with id {ident!r} (see 'jobtui list')", 1) from None
    except AmbiguousId as exc:
        raise CliError(
            f"jobtui: id {ident!r} is ambiguous: it starts {exc.count} postings", 1
        ) from None


def _report_load_problems(result: Any) -> None:
    if result.problems:
        print(
            f"jobtui: {len(result.problems)} file(s) skipped (run 'jobtui check' for reasons)",
            file=sys.stderr,
        )


# --- subcommands ------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    settings = _salary(args)
    keeper = None
    if args.format == "jsonl" and _uses_cache(args):
        printed, keeper = _list_kept(args, settings)
        if printed:
            return 0
    with _keeping(keeper):
        return _list(args, settings, keeper)


def _list(args: argparse.Namespace, settings: Any, keeper: Any) -> int:
    """`list` from the load store or a load; with a `keeper`, the jsonl lines are kept for the
    next list (see `_list_kept`)."""
    from jobtui.postings.order import SORTS, by_salary
    from jobtui.postings.saved_copies import group_saved

    if args.format == "jsonl" and _uses_cache(args) and _list_reopened(args, settings, keeper):
        return 0

    def notice(text: str) -> None:
        if keeper is not None:  # (a notice is of this load: a list said with it is not kept)
            keeper.drop()
        _say_notice(text)

    result = _load(args.paths, cache=_uses_cache(args), notice=notice)
    if args.sort == "salary":
        postings = by_salary(result.postings, settings)
    else:
        postings = SORTS[args.sort](result.postings)
    copies = group_saved(result.postings, result.store)
    if not args.all:  # (with --all: every posting, each with its copies' ids)
        postings = _fold(postings, copies, _triage(args, result.postings))
    if args.format == "table":
        # (×2 on a row folds its copies; London +1: they are in another place too)
        _table(postings, copies=None if args.all else copies, everyone=result.postings)
    elif args.format == "jsonl":  # the same lines, without making each record's dict
        from jobtui.postings.records import lines

        _print_lines(lines(postings, settings.currency, settings.rates, copies), keeper)
    else:
        columns = _posting_columns(settings, copies)
        _print_records(_records(postings, settings, copies), args.format, columns)
    _report_load_problems(result)
    if keeper is not None:
        keeper.keep(result.problems)
    return 0


def _print_lines(lines: Iterable[str], keeper: Any) -> None:
    """The JSON lines of a list, each also given to the `keeper` (when there is one)."""
    write = _out().write
    if keeper is None:
        for line in lines:
            write(line + "\n")
        return
    keep = keeper.line
    for line in lines:
        write(line + "\n")
        keep(line)


def _list_kept(args: argparse.Namespace, settings: Any) -> tuple[bool, Any]:
    """`list --format jsonl` as printed the last time, when nothing it follows from changed:
    the files (as a walk and a stat tell them), the options and salary settings, the triage
    and blocklist files (as a stat tells them) and jobtui's code (`postings.printed`). Else
    False, having printed nothing, and the Keeper that keeps the list about to be printed
    (None when stdout cannot be written as bytes)."""
    from jobtui.postings import printed
    from jobtui.postings.listing import still_failing
    from jobtui.postings.loader import LoadError, bundled_seeds
    from jobtui.postings.store import store_path
    from jobtui.shortlist.triage import BLOCKLIST_FILE, TRIAGE_FILE
    from jobtui.storage import config_dir

    stream = printed.usable(sys.stdout)
    try:
        cwd = os.getcwd()  # (a source is printed as its path was given)
    except OSError:  # (the working folder was removed)
        stream = None
    if stream is None:
        return False, None
    targets = _default_paths(args.paths) or [str(bundled_seeds())]
    try:
        walk = printed.walk(targets)
    except LoadError as exc:
        raise CliError(f"jobtui: {exc}") from None
    config = config_dir(_config_dir(args))
    rates = settings.rates
    inputs = {
        "cwd": cwd,
        "targets": targets,
        "all": args.all,
        "sort": args.sort,
        "currency": settings.currency,
        "rates": [dict(rates.usd), rates.date, rates.source, list(rates.overridden)],
        "stdout": list(stream),
        "triage": printed.file_state(config / TRIAGE_FILE),
        "blocklist": printed.file_state(config / BLOCKLIST_FILE),
    }
    wanted = printed.key(walk, inputs)
    store = store_path([Path(t) for t in targets])
    spelling = json.dumps([cwd, targets], ensure_ascii=False)  # (as the sources are printed)
    kept = printed.read(store, spelling, wanted)
    if kept is not None:
        try:
            if still_failing(kept.failed, targets) is not None:
                sys.stderr.write(kept.before)
                sys.stdout.flush()
                kept.write(sys.stdout.buffer)
                sys.stdout.buffer.flush()
                sys.stderr.write(kept.after)
                return True, None
        except printed.Unreadable as exc:
            raise CliError(f"jobtui: could not read the kept list: {exc}") from None
        finally:
            kept.close()
    return False, printed.Keeper(store, spelling, wanted, *stream, walk=walk)


@contextlib.contextmanager
def _keeping(keeper: Any) -> Iterator[None]:
    """While a list is printed, what is said on stderr is kept with it; a list that does not
    end (an error, a pipe closed) is not kept."""
    if keeper is None:
        yield
        return
    from jobtui.postings.printed import Tee

    try:
        with contextlib.redirect_stderr(Tee(sys.stderr, keeper.said)):
            yield
    finally:
        keeper.drop()  # (nothing once kept)


def _list_reopened(args: argparse.Namespace, settings: Any, keeper: Any = None) -> bool:
    """`list --format jsonl` of folders none of whose files changed since the last load, from
    what the load store keeps for the list, without making postings (`postings.listing`).
    False, having printed nothing, when the folders must be loaded."""
    from jobtui import collector
    from jobtui.postings.listing import reopened
    from jobtui.postings.loader import LoadError
    from jobtui.postings.order import SORTS, by_salary
    from jobtui.postings.records import lines
    from jobtui.postings.saved_copies import saved_groups
    from jobtui.shortlist.triage import Blocklist, TriageError

    blocklist = None
    if not args.all:
        try:
            blocklist = Blocklist(_config_dir(args))
        except TriageError:
            return False  # (said by the load's own reading of it)
        if blocklist.has_words():  # to be looked for in the bodies: not in a `Listed`
            return False
    try:
        with collector.paused():  # (as `_load`)
            listing = reopened(_default_paths(args.paths), None if keeper is None else keeper.walk)
    except LoadError as exc:
        raise CliError(f"jobtui: {exc}") from None
    if listing is None:
        return False
    groups = saved_groups(listing.postings, listing.store)
    if groups is None:  # copies to be found: among postings
        return False
    postings: list[Any] = listing.postings
    triage = None if blocklist is None else _triage(args, postings, blocklist=blocklist)
    collector.keep()
    if args.sort == "salary":
        postings = by_salary(postings, settings)
    else:
        postings = SORTS[args.sort](postings)
    if triage is not None:  # (folded in their order: the first copy listed stands for its group)
        postings = _fold(postings, groups, triage)
    _print_lines(lines(postings, settings.currency, settings.rates, groups), keeper)
    _report_load_problems(listing)
    if keeper is not None:
        keeper.keep(listing.problems)
    return True


def _fold(postings: list[Any], groups: Any, triage: dict[str, set[str]]) -> list[Any]:
    """The postings in their order without the hidden and blocked ones (said on stderr) and
    with one row per group of copies (`groups`: those saved beside the load store when the
    postings are the same). Copies are found among every posting, hidden ones too, as the
    app and `search` find them: a hidden copy does not make its twin a new posting."""
    triage = _with_copies(triage, groups)
    left: dict[str, int] = {}
    for name in ("hidden", "blocked"):
        ids = triage.get(name, set())
        # Counted as the rows they would be: copies of one posting are one.
        n = len({groups.head(p.id) if p.id in groups else p.id for p in postings if p.id in ids})
        if n:
            left[name] = n
            postings = [p for p in postings if p.id not in ids]
    _say_left_out(left)
    keep = set(groups.fold(p.id for p in postings))
    return [p for p in postings if p.id in keep]


def cmd_show(args: argparse.Namespace) -> int:
    from jobtui.tui.render import posting_renderable

    result = _load(args.paths, cache=_uses_cache(args))
    posting = _find(result.postings, args.id, missing_ok=True)
    if posting is None:  # a bookmarked posting whose file is gone shows what the bookmark kept
        return _show_bookmarked(args, result.postings)
    # On a terminal a link is clickable; piped or paged, its address is printed after it.
    links = sys.stdout.isatty()
    _console().print(posting_renderable(posting, salary=_salary(args), hyperlinks=links))
    return 0


def _show_bookmarked(args: argparse.Namespace, postings: list[Any]) -> int:
    """`show` of an id that no loaded posting has: the bookmark's snapshot of its posting, as
    the app shows it, with why the posting is not loaded; an error when no bookmark has it."""
    from jobtui.shortlist import view
    from jobtui.shortlist.store import BookmarkError
    from jobtui.tui.render import snapshot_renderable

    loaded = {p.id: p for p in postings}
    try:
        bookmark = _store(args).find(args.id)
    except (BookmarkError, CliError):
        bookmark = None
    if bookmark is None or bookmark.id in loaded:
        raise CliError(f"jobtui: no posting with id {args.id!r} (see 'jobtui list')", 1)
    note = view.absent_note(view.locate([bookmark], loaded)[bookmark.id])
    shown = snapshot_renderable(view.snapshot_posting(bookmark), note, salary=_salary(args))
    _console().print(shown)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    import time

    start = time.perf_counter()
    result = _load(args.paths, cache=False)  # a check parses every file, whatever is cached
    elapsed = time.perf_counter() - start
    out = _out()
    files = len({p.file for p in result.postings})
    total = files + len(result.problems)
    n = len(result.postings) or 1
    if files == len(result.postings):
        out.write(f"loaded {files} of {total} files in {elapsed:.2f}s\n")
    else:
        out.write(
            f"loaded {len(result.postings)} postings from {files} of {total} files in "
            f"{elapsed:.2f}s\n"
        )
    if result.postings:
        from jobtui.postings.coverage import coverage

        out.write("\nfields found:\n")
        for field in coverage(result.postings):
            found, guessed = field.found, field.guessed
            note = (
                f"  ({guessed} not stated: read from body, path or name, or guessed)"
                if guessed
                else ""
            )
            out.write(
                f"  {field.name:<9}{found:>7} / {len(result.postings)}  {100 * found / n:5.1f}%"
                f"  missing in {len(result.postings) - found}{note}\n"
            )
        _write_formats(out, result.postings)
        _write_salary_report(out, result.postings, _salary(args))
        _write_text_only(out, result.postings)
    if result.warnings:
        out.write(f"\nloaded best-effort ({len(result.warnings)}):\n")
        for w in result.warnings:
            out.write(f"  {w.path}: {w.reason}\n")
    if result.problems:
        reasons: dict[str, int] = {}
        for p in result.problems:
            reasons[p.kind] = reasons.get(p.kind, 0) + 1
        out.write(
            f"\nnot loaded ({len(result.problems)}): "
            + ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()))
            + "\n"
        )
        for p in result.problems:
            out.write(f"  {p.path}: {p.reason}\n")
        return 1
    out.write("\nevery file loaded\n")
    return 0


def _write_text_only(out: Any, postings: list[Any]) -> None:
    """The postings of which nothing but their text was read (a title from the file's name, no
    company, place, pay, date or link): a note or a README among the postings, or a posting
    in a shape jobtui does not read. Listed, not left out: they may be wanted all the same."""
    bare = [
        p
        for p in postings
        if p.origins.get("title") in ("file name", "path")
        and not (p.company or p.location or p.salary or p.url or p.posted or p.hybrid)
        and p.remote is None
    ]
    if not bare:
        return
    out.write(
        f"\nread as text only ({len(bare)}): no title, company, place, pay, date or link found "
        "(a note among the postings?)\n"
    )
    for p in bare[:20]:
        out.write(f"  {p.source}\n")
    if len(bare) > 20:
        out.write(f"  … and {len(bare) - 20:,} more\n")


def _write_formats(out: Any, postings: list[Any]) -> None:
    """Each format's postings and files, and how often each field was found in them."""
    from jobtui.postings.coverage import FIELDS, by_format

    formats = by_format(postings)
    if set(formats) == {"markdown"}:
        return  # the table above says it all
    out.write("\nby format (share of postings with each field):\n")
    out.write(
        f"  {'format':<11}{'files':>6}{'postings':>9}  "
        + " ".join(f"{name[:8]:>8}" for name in FIELDS)
        + "\n"
    )
    for kind, (files, total, fields) in formats.items():
        shares = " ".join(f"{100 * f.found / total:7.0f}%" for f in fields)
        out.write(f"  {kind:<11}{files:>6}{total:>9}  {shares}\n")


def _write_salary_report(out: Any, postings: list[Any], settings: Any) -> None:
    from jobtui.postings.coverage import salary_report

    report = salary_report(postings, settings)
    out.write(
        f"\nsalaries: {report.found} found, {report.comparable} comparable as a year's pay in "
        f"{settings.currency} (the others give no currency or period)\n"
    )
    if report.unread:
        reasons = ", ".join(f"{why}: {n}" for why, n in report.reasons().items())
        out.write(f"money not read as a salary, in postings without one ({reasons}):\n")
        for source, u in report.unread[:UNREAD_SHOWN]:
            out.write(f"  {source}: {u.snippet!r} ({u.reason})\n")
        if len(report.unread) > UNREAD_SHOWN:
            out.write(f"  ... and {len(report.unread) - UNREAD_SHOWN} more\n")


UNREAD_SHOWN = 15
"""Figures `check` lists by name; the rest are counted."""


def cmd_search(args: argparse.Namespace) -> int:
    from jobtui.postings.text import clean_field
    from jobtui.search.query import parse

    if args.limit is not None and args.limit < 1:
        raise CliError("jobtui search: --limit must be at least 1")
    text = args.query or ""
    if args.saved:
        from jobtui.shortlist.saved import SavedError

        if text and os.path.exists(text):
            # `jobtui search --saved rusty ~/jobs`: the saved query, in that folder
            args.paths[:0], text = [text], ""
        try:
            text = f"{_saved(args).get(args.saved)} {text}".strip()
        except SavedError as exc:
            raise CliError(f"jobtui: {exc}", 1) from None
    elif args.query is None:
        raise CliError(
            "jobtui search: the QUERY is missing (a query that starts with '-' goes after "
            "'--'; or give --saved NAME) (see 'jobtui search --help')"
        )
    query = parse(text)
    for error in query.errors:
        print(f"jobtui: query: {error}", file=sys.stderr)
    if query.errors and not query.clauses:
        # Nothing understood is left: listing every posting would answer another question.
        raise CliError("jobtui search: nothing in the query could be understood", 2)
    result = _load(args.paths, cache=_uses_cache(args))
    settings = _salary(args)
    index = _index(args, result.postings, settings)
    from jobtui.postings.saved_copies import group_saved

    copies = group_saved(result.postings, result.store)
    triage = _with_copies(_triage(args, result.postings, index), copies)
    # A group shows as one row, its best match, as in the app; what is left out is counted
    # in rows too.
    index.set_groups(copies)
    found = index.run(query, marks=_marks(args), triage=triage)
    _say_left_out(found.left_out)
    hits = found.hits(args.limit)
    postings = [h.posting for h in hits]
    if args.format == "table":
        if hits:
            _table(postings, [h.score for h in hits], copies, everyone=result.postings)
    else:
        records = [
            {**r, "score": round(h.score, 3)}
            for r, h in zip(_records(postings, settings, copies), hits, strict=True)
        ]
        _print_records(records, args.format, _posting_columns(settings, copies, "score"))
    _report_load_problems(result)
    named = args.query and (os.sep in args.query or args.query.startswith(("~", ".")))
    if not hits and not args.paths and named and os.path.exists(os.path.expanduser(args.query)):
        # `jobtui search FOLDER`: the folder was read as the query, and the default searched.
        print(
            f"jobtui: no posting matches the query {clean_field(args.query)!r}, which names a "
            f"file or folder; to search it: jobtui search QUERY {clean_field(args.query)}",
            file=sys.stderr,
        )
    return 0 if hits else 1


def _store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from jobtui.shortlist.store import BookmarkError, BookmarkStore

    return _opened(lambda: BookmarkStore(_config_dir(args)), BookmarkError)


def _opened(make: Any, error: type[Exception]) -> Any:
    """A file of the person's (shortlist, saved searches) opened: one it cannot open is a
    one-line error, and one that was moved aside or repaired is said on stderr."""
    try:
        kept = make()
    except error as exc:
        raise CliError(f"jobtui: {exc}") from None
    if kept.recovered:
        print(f"jobtui: {kept.recovered}", file=sys.stderr)
    return kept


def _marks(args: argparse.Namespace) -> dict[str, str]:
    """Bookmarked posting ids and their status, for is:bookmarked and status: filters."""
    return _store(args).marks()


def _status_arg(status: str | None) -> str | None:
    from jobtui.postings.model import check_status

    try:
        return None if status is None else check_status(status)
    except ValueError as exc:
        raise CliError(f"jobtui: {exc}") from None


def cmd_shortlist(args: argparse.Namespace) -> int:
    from jobtui.shortlist import view
    from jobtui.shortlist.export import CSV_COLUMNS, flat_record
    from jobtui.shortlist.store import BookmarkError

    store = _store(args)
    items = store.all(_status_arg(args.status))
    loaded: dict[str, object] = {}
    if args.paths:  # with the folders, say which bookmarks they do not hold
        postings = _load(args.paths, cache=_uses_cache(args)).postings
        try:
            store.reconcile(postings)
        except BookmarkError as exc:  # listing still works; following moved files waits
            print(f"jobtui: {exc}", file=sys.stderr)
        items = store.all(args.status)
        loaded = {p.id: p for p in postings}
    absent = view.locate(items, loaded)
    if not args.paths:  # without them only a file that is gone is worth saying
        absent = {k: why for k, why in absent.items() if why == view.MISSING}
    if args.format == "tsv":
        settings = _salary(args)
        rows = [flat_record(b, absent.get(b.id) == view.MISSING, settings) for b in items]
        _print_records(rows, "tsv", list(CSV_COLUMNS))
        return 0
    if args.format != "table":
        records = [{**b.to_json(), "missing": absent.get(b.id) == view.MISSING} for b in items]
        _print_records(records, args.format, [])
        return 0
    if not items:
        print(
            "the shortlist is empty: bookmark with 'b' in jobtui, or 'jobtui bookmark ID'",
            file=sys.stderr,
        )
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False, expand=_is_terminal())
    for name, kw in (
        ("ID", {"min_width": 12, "style": "dim"}),
        ("Status", {}),
        ("Title", {"ratio": 4, "min_width": 16}),
        ("Company", {"ratio": 2}),
        ("Saved", {"min_width": 10}),
        ("Follow-up", {"min_width": 10}),
        ("Notes", {"justify": "right"}),
    ):
        table.add_column(name, no_wrap=True, overflow="ellipsis", **kw)  # type: ignore[arg-type]
    for b in items:
        title = Text(b.title or "")
        if b.id in absent:
            title.append(f"  ({absent[b.id]})", style="italic")
        table.add_row(
            Text(b.id),
            Text(b.status),
            title,
            Text(b.company or "—"),
            Text(b.saved_at[:10]),
            Text(b.follow_up or ""),
            Text(str(len(b.notes))),
        )
    _console(table=True).print(table)
    return 0


def cmd_bookmark(args: argparse.Namespace) -> int:
    from datetime import date

    from jobtui.postings.relative import parse_day
    from jobtui.shortlist.store import BookmarkError, check_on, kept_before

    store = _store(args)
    _status_arg(args.status)
    try:
        day = parse_day(args.follow_up, date.today()) if args.follow_up is not None else None
    except ValueError:
        raise CliError(
            _no_such_day(args.follow_up, "--follow-up")
            or f"jobtui: --follow-up wants YYYY-MM-DD, +3d, +2w or tomorrow, got {args.follow_up!r}"
        ) from None
    on = _day_arg(args.on, "--on", empty_ok=False)
    if on is not None and not args.status:
        raise CliError("jobtui: --on goes with --status (the day that status was reached)")
    if on is not None:
        try:  # before anything is changed
            check_on(on, date.today())
        except BookmarkError as exc:
            raise CliError(f"jobtui: --on: {exc}") from None
    interview = _when_arg(args.interview) if args.interview else None
    if args.label and interview is None:
        raise CliError("jobtui: --label goes with --interview")
    postings = _load(args.paths, cache=_uses_cache(args)).postings
    # An ambiguous prefix stops here: never guess which posting a note is for.
    posting = _find(postings, args.id, missing_ok=True)
    if posting is None:
        try:  # a bookmark whose posting is not loaded can still be updated
            bookmark = store.find(args.id)
        except BookmarkError:
            raise CliError(f"jobtui: no posting or bookmark with id {args.id!r}", 1) from None
    try:
        if posting is not None:
            bookmark = store.add(posting)
        if args.status:
            bookmark = store.set_status(bookmark.id, args.status, on=on)
            placed = kept_before(bookmark, args.status) if on is not None else None
            if placed:
                print(f"jobtui: {placed}", file=sys.stderr)
        if args.note:
            bookmark = store.add_note(bookmark.id, args.note)
        if args.follow_up is not None:
            bookmark = store.set_follow_up(bookmark.id, day)
        if interview is not None:
            # (saved or applied: now interviewing, unless a status was given with it)
            bookmark = store.add_interview(
                bookmark.id, interview, args.label, advance=not args.status
            )
    except BookmarkError as exc:
        raise CliError(f"jobtui: {exc}") from None
    print(f"{bookmark.id}  {bookmark.status}  {bookmark.title}")
    return 0


def cmd_unbookmark(args: argparse.Namespace) -> int:
    from jobtui.shortlist.store import BookmarkError

    store = _store(args)
    try:
        bookmark = store.find(args.id)
    except BookmarkError as exc:
        raise CliError(f"jobtui: {exc}", 1) from None
    try:
        store.remove(bookmark.id)
    except BookmarkError as exc:
        raise CliError(f"jobtui: {exc}") from None
    print(f"removed {bookmark.id}  {bookmark.title}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from jobtui.shortlist.export import format_for, render, write_file

    fmt = args.format
    if fmt is None:
        to_file = args.output and args.output != "-"
        fmt = format_for(args.output) if to_file else "md"
        if fmt is None:
            raise CliError(
                f"jobtui: cannot tell the format of {args.output!r} from its name: "
                "use --format md, csv, json or ics (or name it .md, .csv, .json or .ics)"
            )
    from jobtui.shortlist import view

    store = _store(args)
    items = store.all(_status_arg(args.status))
    since, until = _day_arg(args.since, "--since"), _day_arg(args.until, "--until")
    if since and until and since > until:  # an empty report would read as no activity
        raise CliError(
            f"jobtui: --since {since} is after --until {until}: no day is in that range "
            f"(--since {until} --until {since}?)"
        )
    if since or until:
        items = [b for b in items if view.active_between(b, since, until)]
    gone = {k for k, why in view.locate(items, {}).items() if why == view.MISSING}
    text = render(fmt, items, gone, _salary(args))
    if not args.output or args.output == "-":
        _out().write(text)
        return 0
    try:
        path = write_file(args.output, text, overwrite=args.force)
    except FileExistsError:
        raise CliError(f"jobtui: {args.output} already exists (use --force to overwrite)") from None
    except OSError as exc:
        raise CliError(f"jobtui: cannot write {args.output}: {exc.strerror or exc}") from None
    from jobtui.postings.text import counted

    print(f"exported {counted(len(items), 'bookmark')} to {path}", file=sys.stderr)
    return 0


def _day_arg(value: str | None, flag: str, empty_ok: bool = True):  # type: ignore[no-untyped-def]
    """A day given as YYYY-MM-DD (spaces around it are no matter); None when none is given
    (an empty one too, unless `empty_ok` is False)."""
    from datetime import date

    if value is not None:
        value = value.strip()
    if not value and (empty_ok or value is None):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(
            _no_such_day(value, flag) or f"jobtui: {flag} wants YYYY-MM-DD, got {value!r}"
        ) from None


def _no_such_day(value: str | None, flag: str) -> str | None:
    """What is wrong with a day written YYYY-MM-DD that the calendar does not have
    (`2026-02-30`); None for text in another form."""
    import re

    if value is None or not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        return None
    return f"jobtui: {flag}: {value.strip()} is no day of the calendar"


def _when_arg(value: str):  # type: ignore[no-untyped-def]
    """An interview's time: `2026-12-01 14:00`, `tomorrow 9:30`, a day, `+3d`."""
    from datetime import date

    from jobtui.postings.relative import parse_when

    try:
        return parse_when(value, date.today())
    except ValueError:
        raise CliError(
            f"jobtui: --interview wants 'YYYY-MM-DD HH:MM', 'tomorrow 9:30', a day or +3d, "
            f"got {value!r}"
        ) from None


def _triage(
    args: argparse.Namespace, postings: list[Any], index: Any = None, blocklist: Any = None
) -> dict[str, set[str]]:
    """The seen, hidden and blocked ids among the postings, for the search filters; with the
    postings' search `index`, only those holding a blocked word are read for words.
    `blocklist`: the one read already (else it is read here)."""
    from jobtui.shortlist.triage import BLOCK_FIELDS, Blocklist, TriageError, TriageStore

    try:
        store = TriageStore(_config_dir(args))
        if blocklist is None:
            blocklist = Blocklist(_config_dir(args))
    except TriageError as exc:
        print(f"jobtui: {exc}", file=sys.stderr)
        return {}
    for message in (store.recovered, *blocklist.problems):
        if message:
            print(f"jobtui: {message}", file=sys.stderr)
    store.follow(postings)  # marks follow postings moved, renamed or edited
    matcher = blocklist.matcher()
    first = matcher.first_words() if index is not None else None
    holding = None if first is None else index.containing(first, BLOCK_FIELDS)
    # Positions in the index are of its own postings (a reopened index holds them in another
    # order than the load gave them).
    blocked = matcher.blocked_ids(postings if holding is None else index.postings, holding)
    return {"seen": set(store.seen()), "hidden": set(store.hidden()), "blocked": blocked}


def _with_copies(triage: dict[str, set[str]], groups: Any) -> dict[str, set[str]]:
    """The triage sets with every copy of a seen or hidden posting seen or hidden too, as the
    app reads them (seeing or hiding one copy does it to the job)."""
    for name in ("seen", "hidden"):
        ids = triage.get(name)
        if ids:
            triage[name] = ids | {m for pid in ids if pid in groups for m in groups.members(pid)}
    return triage


def _say_left_out(left_out: dict[str, int]) -> None:
    if left_out:
        said = " and ".join(f"{n} {what}" for what, n in left_out.items())
        shows = ", ".join(f"is:{what}" for what in left_out)
        print(f"jobtui: {said} left out ({shows} shows them)", file=sys.stderr)


def _a_folder(ident: str, command: str) -> str:
    return (
        f"jobtui: {ident!r} is a folder, not a posting id: give it with --in "
        f"(jobtui {command} ID... --in {ident})"
    )


def cmd_hide(args: argparse.Namespace) -> int:
    from jobtui.postings.model import AmbiguousId, UnknownId, resolve_id
    from jobtui.postings.saved_copies import group_saved
    from jobtui.shortlist.triage import TriageError, TriageStore

    result = _load(args.paths, cache=_uses_cache(args))
    postings = result.postings
    try:
        store = TriageStore(_config_dir(args))
    except TriageError as exc:
        raise CliError(f"jobtui: {exc}") from None
    by_id = {p.id: p for p in postings}
    store.lookup = by_id.get
    store.follow(postings)  # a mark made before the file was edited is found under its new id
    copies = group_saved(postings, result.store)
    for ident in args.ids:  # `hide ID FOLDER`, as other commands take a folder: say how
        if os.path.isdir(ident) and not any(p.id.startswith(ident.lower()) for p in postings):
            raise CliError(_a_folder(ident, args.command), 2)
    ids: list[str] = []
    for ident in args.ids:
        found = _find(postings, ident, missing_ok=args.command == "unhide")
        if found is None:  # hidden in another folder, or its file is gone: shown again all the same
            try:
                ids.append(resolve_id(ident, store.hidden()))
            except UnknownId:
                raise CliError(
                    f"jobtui: no posting with id {ident!r}, and no hidden one "
                    "(a posting of another folder: give it with --in FOLDER)",
                    1,
                ) from None
            except AmbiguousId as exc:
                raise CliError(
                    f"jobtui: id {ident!r} is ambiguous: it starts {exc.count} hidden postings", 1
                ) from None
        else:
            ids.append(found.id)
    asked = len(ids)
    # Hiding one copy hides the job, as in the app (else the list shows the other copy).
    jobs = [list(copies.members(pid)) if pid in copies else [pid] for pid in ids]
    ids = list(dict.fromkeys(m for job in jobs for m in job))
    try:
        if args.command == "hide":
            changed = store.hide(ids, copies=jobs)
        else:
            changed = list(store.unhide(ids))
    except TriageError as exc:
        raise CliError(f"jobtui: {exc}") from None
    verb = "hidden" if args.command == "hide" else "shown again"
    # (showing one again shows the copies hidden with it, even those of no folder loaded)
    ids += [pid for pid in changed if pid not in ids]
    more = len(ids) - asked
    copies_too = f" (with {more} cop{'y' if more == 1 else 'ies'})" if more else ""
    print(f"{len(changed)} of {len(ids)} {verb}{copies_too}", file=sys.stderr)
    return 0


def cmd_block(args: argparse.Namespace) -> int:
    from jobtui.shortlist.triage import Blocklist, TriageError

    try:
        blocklist = Blocklist(_config_dir(args))
        if args.command == "block":
            add = blocklist.block_company if args.kind == "company" else blocklist.block_word
            done = add(args.value)
            said = "blocked" if done else "already blocked"
        else:
            remove = blocklist.unblock_company if args.kind == "company" else blocklist.unblock_word
            done = bool(remove(args.value))
            said = "unblocked" if done else "was not blocked"
    except TriageError as exc:
        raise CliError(f"jobtui: {exc}") from None
    print(f"{args.kind} {args.value!r} {said} ({blocklist.path})", file=sys.stderr)
    return 0 if done else 1


def cmd_blocklist(args: argparse.Namespace) -> int:
    from jobtui.postings.text import clean_field
    from jobtui.shortlist.triage import Blocklist, TriageError

    try:
        blocklist = Blocklist(_config_dir(args))
    except TriageError as exc:
        raise CliError(f"jobtui: {exc}") from None
    for problem in blocklist.problems:
        print(f"jobtui: {problem}", file=sys.stderr)
    if args.format == "json":
        data = {"companies": blocklist.companies(), "words": blocklist.words()}
        _out().write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    out = _out()
    for kind, values in (("company", blocklist.companies()), ("word", blocklist.words())):
        for value in values:
            out.write(f"{kind}: {clean_field(value)}\n")
    if not blocklist.companies() and not blocklist.words():
        print(f"nothing is blocked ({blocklist.path})", file=sys.stderr)
    return 0


def _saved(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from jobtui.shortlist.saved import SavedError, SavedSearches

    return _opened(lambda: SavedSearches(_config_dir(args)), SavedError)


def cmd_saved(args: argparse.Namespace) -> int:
    from jobtui.search.query import parse
    from jobtui.shortlist.saved import SavedError
    from jobtui.storage import jobs_dir

    if args.action not in ("list", "add", "rm"):
        if not os.path.exists(args.action):
            raise CliError(
                f"jobtui saved: {args.action!r} is neither list, add nor rm, nor a folder "
                "(see 'jobtui saved --help')",
                2,
            )
        args.paths[:0] = [args.action]  # `jobtui saved ~/jobs`: the list, in that folder
        args.action = "list"
    if args.action == "list":  # what argparse took for a name and a query are folders
        args.paths[:0] = [a for a in (args.name, args.query) if a is not None]
    saved = _saved(args)
    if args.action in ("add", "rm") and not args.name:
        raise CliError(f"jobtui saved {args.action}: give a NAME")
    try:
        if args.action == "add":
            if not args.query:
                raise CliError("jobtui saved add: give a NAME and a QUERY")
            parsed = parse(args.query)
            for problem in parsed.errors:
                print(f"jobtui: query: {problem}", file=sys.stderr)
            if parsed.errors and not parsed.clauses:  # it would list every posting
                raise CliError(
                    f"jobtui saved add: nothing in {args.query!r} could be understood: not saved", 2
                )
            new = saved.add(args.name, args.query)
            print(f"{'saved' if new else 'replaced'} {args.name!r}: {args.query}", file=sys.stderr)
            return 0
        if args.action == "rm":
            query = saved.remove(args.name)
            print(f"removed {args.name!r} ({query})", file=sys.stderr)
            return 0
    except SavedError as exc:
        raise CliError(f"jobtui: {exc}", 1) from None
    searches = saved.all()
    if not searches:
        print("no saved searches: jobtui saved add NAME QUERY (or w in the app)", file=sys.stderr)
        return 0

    if _default_paths(args.paths) is None and args.format != "json":
        print(
            f"jobtui: counted in the bundled sample postings ({jobs_dir()} holds none): "
            "give a folder, e.g. jobtui saved ~/jobs",
            file=sys.stderr,
        )
    result = _load(args.paths, cache=_uses_cache(args))
    index = _index(args, result.postings, _salary(args))
    triage = _triage(args, result.postings, index)
    seen = triage.get("seen", set())
    rows: list[dict[str, Any]] = []
    for name, query in searches.items():
        found = index.run(query, marks=_marks(args), triage=triage)
        ids = [found.posting(i).id for i in range(len(found))]
        rows.append(
            {
                "name": name,
                "query": query,
                "matches": len(ids),
                "new": sum(i not in seen for i in ids),
            }
        )
    if args.format == "json":
        _out().write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False, expand=_is_terminal())
    table.add_column("Name", no_wrap=True)
    table.add_column("Query", ratio=1, overflow="ellipsis", no_wrap=True)
    table.add_column("Matches", justify="right")
    table.add_column("New", justify="right")
    for r in rows:
        table.add_row(
            Text(r["name"], style="bold"),
            Text(r["query"]),
            Text(str(r["matches"])),
            Text(str(r["new"])),
        )
    _console(table=True).print(table)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from datetime import date

    from jobtui.shortlist.stats import compute, pictures

    stats = compute(_store(args).all(), date.today())
    if args.format == "json":
        _out().write(json.dumps(stats.to_json(), indent=2) + "\n")
        return 0
    _out().write("\n".join(pictures(stats)) + "\n")
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    from datetime import date

    from jobtui.shortlist.agenda import agenda

    if not 1 <= args.days <= 36_600:
        raise CliError("jobtui: --days wants a number of days from 1 to 36600 (a century)")
    items = agenda(_store(args).all(), date.today(), args.days)
    if args.format == "json":
        _print_records([i.to_json() for i in items], "json", [])
        return 0
    if not items:
        ahead = "day" if args.days == 1 else f"{args.days} days"
        print(f"nothing due in the next {ahead}", file=sys.stderr)
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False, expand=_is_terminal())
    for name, kw in (
        ("When", {"min_width": 16}),
        ("", {}),
        ("What", {}),
        ("Title", {"ratio": 3, "min_width": 16}),
        ("Company", {"ratio": 2}),
        ("ID", {"style": "dim"}),
    ):
        table.add_column(name, no_wrap=True, overflow="ellipsis", **kw)  # type: ignore[arg-type]
    for i in items:
        when = i.when.strftime("%a %Y-%m-%d %H:%M") if i.timed else i.day.strftime("%a %Y-%m-%d")
        style = {"overdue": "bold red", "today": "bold"}.get(i.bucket, "")
        what = i.kind + (f": {i.label}" if i.kind == "interview" and i.label else "")
        table.add_row(
            Text(when, style=style),
            Text(i.bucket, style=style),
            Text(what),
            Text(i.bookmark.title),
            Text(i.bookmark.company or "—"),
            Text(i.bookmark.id),
        )
    _console(table=True).print(table)
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    from jobtui.fetch import report
    from jobtui.fetch.client import Fetcher
    from jobtui.fetch.run import fetch_source
    from jobtui.storage import jobs_dir

    sources = _fetch_sources(args)
    if args.timeout is not None and not args.timeout > 0:
        raise CliError("jobtui fetch: --timeout takes a number of seconds above 0")
    folder = Path(args.into).expanduser() if args.into else jobs_dir()
    show = not args.quiet and sys.stderr.isatty()
    records = []
    failed = 0
    totals = [0, 0, 0, 0]  # postings, new, changed, removed
    with Fetcher(timeout=args.timeout) as fetcher:
        for source in sources:
            with _download_bar(source.text, show) as (progress, retrying):
                outcome = fetch_source(source, folder, fetcher, progress, retrying)
            failed += outcome.error is not None
            if outcome.changes is not None:
                c = outcome.changes
                for i, n in enumerate((c.count, len(c.added), len(c.changed), len(c.removed))):
                    totals[i] += n
            if args.format == "json":
                records.append(report.record(outcome))
            elif outcome.error:
                print(f"jobtui fetch: {report.summary(outcome)}", file=sys.stderr)
            else:
                _out().write("".join(f"{line}\n" for line in report.lines(outcome)))
                _out().flush()
    if args.format == "json":
        json.dump(records, _out(), ensure_ascii=False, indent=2)
        _out().write("\n")
    elif failed < len(sources):
        if len(sources) > 1:
            postings, new, changed, removed = totals
            ok = len(sources) - failed
            print(
                f"{postings:,} postings from {ok} of {len(sources)} sources: {new:,} new, "
                f"{changed:,} changed, {removed:,} removed",
                file=_out(),
            )
        print(f"(files in {folder})", file=_out())
    return 1 if failed else 0


def _fetch_sources(args: argparse.Namespace) -> list[Any]:
    """The SOURCEs given, else the sources list; a CliError for a malformed one or none."""
    from jobtui.fetch.sources import SourceError, parse_source, read_sources, sources_path

    try:
        sources = [parse_source(s) for s in args.sources]
    except SourceError as exc:
        raise CliError(f"jobtui fetch: {exc}") from None
    if sources:
        return list(dict.fromkeys(sources))
    path = sources_path(_config_dir(args))
    listed, problems = read_sources(path)
    for problem in problems:
        print(f"jobtui fetch: {problem}", file=sys.stderr)
    if not listed:
        raise CliError(
            f"jobtui fetch: nothing to fetch: name a SOURCE (jobtui fetch greenhouse:acme) or "
            f"add one to the list in {path} (jobtui sources add greenhouse:acme)"
        )
    return listed


@contextlib.contextmanager
def _download_bar(
    label: str, show: bool
) -> Iterator[tuple[Callable[[int, int | None], None] | None, Callable[[int, int], None] | None]]:
    """One transient progress line on stderr while a source downloads (when shown at all),
    and the callback that shows `retrying (2/4)…` in it while a retry is waited for."""
    if not show:
        yield None, None
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

    from jobtui.postings.text import clean_field

    with Progress(
        TextColumn("{task.description}"),  # the label is data, never a format string
        BarColumn(),
        DownloadColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        shown = escape(clean_field(label))
        task = bar.add_task(shown, total=None)

        def retrying(attempt: int, most: int) -> None:
            bar.update(task, description=f"{shown}  retrying ({attempt}/{most})…")

        yield (lambda got, total: bar.update(task, completed=got, total=total)), retrying


def cmd_sources(args: argparse.Namespace) -> int:
    from jobtui.fetch.sources import (
        SourceError,
        add_sources,
        read_sources,
        remove_sources,
        sources_path,
    )

    path = sources_path(_config_dir(args))
    if args.action != "list":
        if not args.sources:
            raise CliError(f"jobtui sources {args.action}: name at least one SOURCE")
        change = add_sources if args.action == "add" else remove_sources
        try:
            done, not_done = change(path, args.sources)
        except SourceError as exc:
            raise CliError(f"jobtui sources: {exc}") from None
        except OSError as exc:
            from jobtui.storage import why_not_saved

            raise CliError(f"jobtui sources: {why_not_saved(path, exc, 'the sources')}") from None
        verb, other = (
            ("added", "already listed") if args.action == "add" else ("removed", "not listed")
        )
        for source in done:
            print(f"{verb} {source.text}", file=sys.stderr)
        for source in not_done:
            print(f"{other}: {source.text}", file=sys.stderr)
    listed, problems = read_sources(path)
    for problem in problems:
        print(f"jobtui sources: {problem}", file=sys.stderr)
    if args.format == "json":
        json.dump([{"source": s.text, "kind": s.kind} for s in listed], _out(), indent=2)
        _out().write("\n")
    elif args.action == "list":
        for source in listed:
            print(source.text, file=_out())
        if not listed:
            print(
                f"no sources yet: add one with 'jobtui sources add greenhouse:acme' "
                f"(or edit {path})",
                file=sys.stderr,
            )
    return 0


def cmd_cache(args: argparse.Namespace) -> int:
    from jobtui.postings.cache import cache_info, clear_cache
    from jobtui.postings.text import clean_field, counted

    paths = [Path(p) for p in args.paths] or None
    if args.action == "clear":
        removed = clear_cache(paths)
        if args.format == "json":
            data = [{"path": str(p), "size": n} for p, n in removed]
            _out().write(json.dumps({"removed": data}, indent=2) + "\n")
        else:
            for path, size in removed:
                _out().write(f"removed {clean_field(str(path))} ({_bytes(size)})\n")
        if not removed:
            which = "for these folders" if paths else "at all"
            print(f"jobtui: nothing to remove: no load cache {which}", file=sys.stderr)
        return 0
    info = cache_info(paths)
    missing = [p for p in paths or () if not p.exists()]
    if missing and not info.stores:  # a mistyped folder, and no store of it (gone) to show
        raise CliError(f"jobtui: no such file or folder: {clean_field(str(missing[0]))}")
    if args.format == "json":
        _out().write(json.dumps(info.to_dict(), indent=2) + "\n")
        return 0
    used = [s for s in info.stores if not s.orphaned]  # a store of folders gone is not used
    current = all(s.current for s in used) if used else None
    state = "-" if current is None else "yes" if current else "no (rebuilt at the next load)"
    lines = [
        f"directory  {clean_field(str(info.directory))}",
        f"size       {_bytes(info.size)}",
        f"files      {info.files:,}",
        f"postings   {info.postings:,}",
        f"stamp      {info.stamp}",
        f"current    {state}",
    ]
    for s in info.stores:
        state = "current" if s.current else "stale" if s.ours else "not a store (rebuilt)"
        if s.orphaned:
            state += ", its folders are gone (`jobtui cache clear` removes it)"
        roots = ", ".join(clean_field(r) for r in s.roots) or "?"
        lines.append(
            f"  {s.path.name}  {state}  {counted(s.files, 'file')}  {counted(s.postings, 'posting')}  "
            f"{_bytes(s.size)}  {roots}"
        )
    lines += [f"  {clean_field(p.name)}  old cache (deleted at the next load)" for p in info.old]
    _out().write("\n".join(lines) + "\n")
    return 0


def _bytes(n: int) -> str:
    """A size as people read it: 512 bytes, 44.0 KB, 84.3 MB."""
    if n < 1024:
        return f"{n:,} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1048576:.1f} MB"


COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "check": cmd_check,
    "search": cmd_search,
    "shortlist": cmd_shortlist,
    "bookmark": cmd_bookmark,
    "unbookmark": cmd_unbookmark,
    "agenda": cmd_agenda,
    "stats": cmd_stats,
    "hide": cmd_hide,
    "unhide": cmd_hide,
    "block": cmd_block,
    "unblock": cmd_block,
    "blocklist": cmd_blocklist,
    "saved": cmd_saved,
    "export": cmd_export,
    "fetch": cmd_fetch,
    "sources": cmd_sources,
    "cache": cmd_cache,
}


def cmd_tui(args: argparse.Namespace) -> int:
    from jobtui.postings.loader import LoadError, iter_files

    paths = _default_paths(args.paths)
    try:  # fail on a bad path before the screen is taken over
        for _ in iter_files(paths or []):
            break
    except LoadError as exc:
        raise CliError(f"jobtui: {exc}") from None
    from jobtui.tui.app import make_app

    app = make_app(paths, config_dir=_config_dir(args), use_cache=_uses_cache(args))
    app.run()
    return app.return_code or 0


def _config_dir(args: argparse.Namespace) -> Path | None:
    return Path(args.config_dir) if getattr(args, "config_dir", None) else None


def _subcommand_first(argv: list[str]) -> list[str]:
    """`jobtui --config-dir D list` means `jobtui list --config-dir D` (and `--no-cache`)."""
    i = 0
    while i < len(argv) and (argv[i].startswith("--config-dir") or argv[i] == "--no-cache"):
        i += 1 if "=" in argv[i] or argv[i] == "--no-cache" else 2
    if 0 < i < len(argv) and argv[i] in COMMANDS:
        return [argv[i], *argv[:i], *argv[i + 1 :]]
    return argv


def _negated_words(token: str, known: Mapping[str, bool], query: bool) -> bool:
    """Whether a token that starts with `-` is a query's negated words, not an option: one
    that holds a field (`-remote:hybrid`), or, where a query is expected, any word that is no
    option (`jobtui search '-php python'`)."""
    name = token.split("=", 1)[0]
    if name in known or token.startswith("--"):
        return False
    return ":" in name or (query and len(token) > 2 and token[1].isalpha())


def _options_first(
    parser: argparse.ArgumentParser, args: list[str], query: bool = False
) -> list[str]:
    """Options may stand anywhere, as in any argparse tool: after the query, the ID or the
    paths (`jobtui search Q --format tsv DIR`), and before or after `--`'s positionals
    (`jobtui bookmark ID --note hi -- -odd-dir`). The known options go first and every
    positional after one `--`, so argparse reads the positionals in one go."""
    if "--" in args:
        cut = args.index("--")
        head, tail = args[:cut], args[cut + 1 :]
    else:
        head, tail = args, []
    takes_value = {
        option: action.nargs != 0
        for action in parser._actions  # argparse keeps no public list of its options
        for option in action.option_strings
    }
    options: list[str] = []
    positionals: list[str] = []
    i = 0
    while i < len(head):
        token = head[i]
        name = token.split("=", 1)[0]
        if (
            token.startswith("-")
            and len(token) > 1
            and not _negated_words(token, takes_value, query)
        ):
            options.append(token)  # an unknown one too: argparse says it is unknown
            if takes_value.get(name) and "=" not in token and i + 1 < len(head):
                options.append(head[i + 1])
                i += 1
        else:
            positionals.append(token)
        i += 1
    rest = positionals + tail
    return [*options, "--", *rest] if rest else options


_CANNOT_WRITE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
"""Errors of a write that no retry mends: said in one line, not a traceback."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = _subcommand_first(list(sys.argv[1:] if argv is None else argv))
    main_parser, subs = build_parsers()
    try:
        if argv and argv[0] in subs and argv[0] in COMMANDS:
            parser = subs[argv[0]]
            args = parser.parse_args(_options_first(parser, argv[1:], argv[0] == "search"))
            args.command = argv[0]
            return COMMANDS[argv[0]](args)
        args = main_parser.parse_args(argv)
        return cmd_tui(args)
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `jobtui list | head`: the reader went away; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        if exc.errno not in _CANNOT_WRITE:
            raise
        # The output could not be written (a full disk, `> /dev/full`): said, and what is
        # left unwritten is dropped rather than tried again as Python exits.
        print(f"jobtui: could not write: {exc.strerror or exc}", file=sys.stderr)
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    finally:
        stored = sys.modules.get("jobtui.postings.stored")
        if stored is not None:
            stored.close_all()  # the store's WAL files go with its last connection
