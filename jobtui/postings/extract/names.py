"""File and folder names: what is an extension, and a title when the posting states none."""

from __future__ import annotations

import re

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.links import strip_emphasis

# A real extension is short and has a letter: `v1.2` and `Sr. Engineer` have none.
_EXTENSION_RE = re.compile(r"\.(?=[A-Za-z0-9]{0,9}[A-Za-z])[A-Za-z0-9]{1,10}$")

GENERIC_NAMES = {
    *("readme", "index", "_index", "default", "main", "post", "posting", "job", "jobs"),
    *("description", "job-description", "job_description", "jd", "details", "content"),
    *("untitled", "document", "text", "offer", "position", "vacancy"),
}
"""File names that say nothing about the posting (some collections name every one README.md)."""


def extension(name: str) -> str:
    """`.md` for `dev.md`, empty for `LICENSE`, `v1.2` or `.gitignore` (a name, not a suffix)."""
    m = _EXTENSION_RE.search(name)
    return m.group(0) if m and m.start() > 0 else ""


def strip_extension(name: str) -> str:
    """`dev.md` gives `dev`; `v1.2` and `Sr. Engineer` keep their dot."""
    ext = extension(name)
    return name[: -len(ext)] if ext else name


def title_from_name(name: str) -> str:
    """`senior-backend-engineer_42.md` gives `Senior backend engineer 42`."""
    return _words(strip_extension(name)) or name


def _words(stem: str) -> str:
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return words[:1].upper() + words[1:]


def title_from_path(path: str, folder: str, body: str, f: Fields) -> None:
    """The file name as a title; for a generic name such as `README.md`, the nearest folder that
    says something (`acme-backend-engineer/README.md`), else the body's first short line."""
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    name = parts[-1] if parts else path
    if strip_extension(name).casefold() in GENERIC_NAMES:
        for candidate in [*reversed(parts[:-1]), folder]:
            words = _words(candidate)
            if sum(c.isalpha() for c in words) >= 3 and candidate.casefold() not in GENERIC_NAMES:
                f.put("title", words, "path")
                return
        line = strip_emphasis(next((ln for ln in body.split("\n") if ln.strip()), ""))
        if len(line) <= 80 and sum(c.isalpha() for c in line) >= 3:
            f.put("title", line.lstrip("#> ").rstrip(".!"), "body")
            return
    f.put("title", title_from_name(name), "file name")
