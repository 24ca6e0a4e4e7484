"""The fields of one posting as extraction fills them, each with where it was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jobtui.postings.model import Origin, Salary


@dataclass(slots=True)
class Fields:
    """The extracted fields of one posting, before it becomes a frozen Posting."""

    title: str | None = None
    company: str | None = None
    location: str | None = None
    remote: bool | None = None
    salary: Salary | None = None
    tags: list[str] = field(default_factory=list)
    posted: date | None = None
    url: str | None = None
    origins: dict[str, Origin] = field(default_factory=dict)

    def put(self, name: str, value: Any, origin: Origin) -> None:
        """Set a field unless it is already known (earlier sources win)."""
        if value in (None, "", []) or getattr(self, name) not in (None, "", []):
            return
        setattr(self, name, value)
        self.origins[name] = origin
