"""Field extraction: front matter of any schema, the heading block, and best-effort body text.

Every rule here prefers saying nothing to inventing: a field is only filled when the posting
states it, and each filled field records where it was found.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobtui.postings import vocab
from jobtui.postings.extract.body import from_body
from jobtui.postings.extract.dates import parse_date
from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.front_matter import from_front_matter
from jobtui.postings.extract.heading import from_heading_block
from jobtui.postings.extract.links import clean_url
from jobtui.postings.extract.names import title_from_name, title_from_path
from jobtui.postings.extract.path_dates import date_from_path
from jobtui.postings.extract.tables import as_labelled_lines
from jobtui.postings.salary import parse_salary

__all__ = ["Fields", "clean_url", "extract", "parse_date", "parse_salary", "title_from_name"]


def extract(meta: Mapping[str, Any], body: str, path: str, folder: str = "") -> Fields:
    """All fields of one posting: front matter first, then the heading block, then the body,
    then where the file lives.

    `path` is the file's path below the loaded root (or only its name): its folders and name
    may date the posting. `folder` names the file's folder, a title for `README.md` and the like.
    """
    f = Fields()
    from_front_matter(meta, f)
    from_heading_block(body, f)
    from_body(as_labelled_lines(body), f)  # a table of fields is read as labelled lines
    if f.posted is None:
        found = date_from_path(path)
        if found:
            f.put("posted", found.day, "path" if found.whole_day else "path month")
    found_tags = vocab.find_tags((f.title or "") + "\n" + body)
    if f.tags:
        f.tags = list(dict.fromkeys([*f.tags, *found_tags]))
    else:
        f.put("tags", found_tags, "body")
    if not f.title:
        title_from_path(path, folder, body, f)
    return f
