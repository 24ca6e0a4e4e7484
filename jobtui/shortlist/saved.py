"""Saved searches, like newsboat's query feeds: a query kept under a name, to run again.

One JSON file in the config directory (`saved.json`: `{"version": 1, "searches": {name:
query}}`), changed like the shortlist: under a lock, on the file as it is on disk at that
moment, written atomically; a file that cannot be read is moved aside at load, never written
over; names and keys a newer jobtui wrote are kept.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobtui.postings.text import clean_field
from jobtui.storage import atomic_write, config_dir, locked, move_aside

FILE_NAME = "saved.json"
FORMAT_VERSION = 1


class SavedError(Exception):
    """A request the saved searches cannot carry out, or a file that cannot be written."""


class SavedSearches:
    """Named queries, in the order they were saved."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = config_dir(directory)
        self.path = self.directory / FILE_NAME
        self.recovered: str | None = None
        """A message when an unreadable file was moved aside at load."""
        self._searches: dict[str, str] = {}
        self._extra: dict[str, Any] = {}
        self._searches, self._extra = self._read(move=True)

    def _read(self, move: bool) -> tuple[dict[str, str], dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict) or not isinstance(data.get("searches", {}), dict):
                raise ValueError("it holds no saved searches")
        except FileNotFoundError:
            return {}, {}
        except (OSError, ValueError, RecursionError) as exc:
            if not move:
                raise SavedError(f"{self.path} cannot be read just now ({exc})") from None
            try:
                backup: Path | None = move_aside(self.path)
            except OSError:
                backup = None
            self.recovered = f"Your saved searches could not be read ({exc})" + (
                f"; the file was moved to {backup}." if backup else "."
            )
            return {}, {}
        searches = {
            clean_field(str(k)): clean_field(v)
            for k, v in data.get("searches", {}).items()
            if isinstance(v, str)
        }
        extra = {k: v for k, v in data.items() if k not in ("version", "searches")}
        return searches, extra

    def all(self) -> dict[str, str]:
        """Name to query, in the order they were saved."""
        return dict(self._searches)

    def get(self, name: str) -> str:
        """The query saved under a name (case-insensitive); SavedError names the ones there are."""
        for saved, query in self._searches.items():
            if saved.casefold() == name.strip().casefold():
                return query
        known = ", ".join(self._searches) or "none yet"
        raise SavedError(f"no saved search named {name!r} (saved: {known})")

    def _change(self, apply: Callable[[dict[str, str]], None]) -> None:
        try:
            with locked(self.directory / (FILE_NAME + ".lock")):
                searches, extra = self._read(move=False)
                apply(searches)
                data = {**extra, "version": FORMAT_VERSION, "searches": searches}
                text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
                atomic_write(self.path, text, prefix=".saved-")
        except OSError as exc:
            raise SavedError(f"could not save {self.path}: {exc.strerror or exc}") from None
        self._searches, self._extra = searches, extra

    def add(self, name: str, query: str) -> bool:
        """Save a query under a name (replacing the query of that name); True when it is new."""
        name, query = clean_field(name).strip(), clean_field(query).strip()
        if not name:
            raise SavedError("a saved search needs a name")
        if not query:
            raise SavedError("a saved search needs a query")
        existed = False

        def apply(searches: dict[str, str]) -> None:
            nonlocal existed
            for old in [k for k in searches if k.casefold() == name.casefold()]:
                existed = True
                del searches[old]
            searches[name] = query

        self._change(apply)
        return not existed

    def remove(self, name: str) -> str:
        """Forget a saved search; returns its query (SavedError when there is none)."""
        query = self.get(name)

        def apply(searches: dict[str, str]) -> None:
            for old in [k for k in searches if k.casefold() == name.strip().casefold()]:
                del searches[old]

        self._change(apply)
        return query
