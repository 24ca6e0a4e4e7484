"""File names: what is an extension, and a title when the posting states none."""

from __future__ import annotations

import re

# A real extension is short and has a letter: `v1.2` and `Sr. Engineer` have none.
_EXTENSION_RE = re.compile(r"\.(?=[A-Za-z0-9]{0,9}[A-Za-z])[A-Za-z0-9]{1,10}$")


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
