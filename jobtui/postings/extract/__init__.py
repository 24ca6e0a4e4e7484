"""Field extraction: front matter of any schema, the heading block, and best-effort body text.

Every rule here prefers saying nothing to inventing: a field is only filled when the posting
states it, and each filled field records where it was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jobtui.postings import vocab
from jobtui.postings.extract.body import from_body
from jobtui.postings.extract.dates import parse_date
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import from_front_matter
from jobtui.postings.extract.heading import from_heading_block
from jobtui.postings.extract.links import clean_url
from jobtui.postings.salary import parse_salary

__all__ = ["Fields", "clean_url", "extract", "parse_date", "parse_salary", "title_from_name"]


def extract(meta: Mapping[str, Any], body: str, name: str) -> Fields:
    """All fields of one posting: front matter first, then the heading block, then the body."""
    f = Fields()
    from_front_matter(meta, f)
    from_heading_block(body, f)
    from_body(body, f)
    found = vocab.find_tags((f.title or "") + "\n" + body)
    if f.tags:
        f.tags = list(dict.fromkeys([*f.tags, *found]))
    else:
        f.put("tags", found, "body")
    if not f.title:
        f.put("title", title_from_name(name), "file name")
    return f


def title_from_name(name: str) -> str:
    """`senior-backend-engineer_42.md` gives `Senior backend engineer 42`."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,9}$", "", name)
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else name
