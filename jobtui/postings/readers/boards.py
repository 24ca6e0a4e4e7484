"""Job-board JSON as the boards' public APIs give it: Greenhouse, Lever and Ashby, one reader
each, `(parsed JSON, file name) -> Read | None`, strict enough never to claim another's file."""

from __future__ import annotations

from jobtui.postings.readers.ashby import read_ashby
from jobtui.postings.readers.greenhouse import read_greenhouse
from jobtui.postings.readers.lever import read_lever

__all__ = ["read_ashby", "read_greenhouse", "read_lever"]
