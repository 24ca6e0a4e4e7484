"""File and folder names: what is an extension, and a title when the posting states none."""

from __future__ import annotations

import re

from jobtui.postings.extract.fields import Fields
from jobtui.postings.extract.links import strip_emphasis
from jobtui.postings.extract.roles import names_role
from jobtui.postings.extract.sections import is_section

# A real extension is short and has a letter: `v1.2` and `Sr. Engineer` have none.
_EXTENSION_RE = re.compile(r"\.(?=[A-Za-z0-9]{0,9}[A-Za-z])[A-Za-z0-9]{1,10}$")

GENERIC_NAMES = {
    *("readme", "index", "_index", "default", "main", "post", "posts", "_posts", "posting"),
    *("job", "jobs"),
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


# A date that starts a name (`2018-06-05-back-end-dev.md`, `20180605_dev`, `2018-06-dev`):
# when the posting was written, not what it is called (path_dates.py reads it as the date).
_M, _D = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12]\d|3[01])"
_DATE_PREFIX_RE = re.compile(
    rf"^(?:19|20)\d\d(?:(?P<s>[-_. ]){_M}(?P=s){_D}|(?=\d{{4}}){_M}{_D}"
    rf"|[-_. ](?=\d\d){_M}(?![-_. ]?\d))(?=[-_. ]|$)"
)


def title_from_name(name: str) -> str:
    """`senior-backend-engineer_42.md` gives `Senior backend engineer 42`, and
    `2018-06-05-back-end-dev.md` `Back end dev`; empty for a name that is only a date."""
    stem = strip_extension(name)
    return _words(stem) or ("" if _DATE_PREFIX_RE.match(stem) else name)


def _words(stem: str) -> str:
    words = re.sub(r"[-_.]+", " ", _DATE_PREFIX_RE.sub("", stem, count=1)).strip()
    return words[:1].upper() + words[1:]


_NOT_A_TITLE_RE = re.compile(
    r"\b(?:our|we|we're|you|your|us|dear|hi|hello|thank|thanks|why|join|hiring|posted|since"
    r"|welcome|results|jobs|ago|apply|notes|love|loves|training|subscription|programme|program"
    r"|newsletter|journal|generation|experts?|films?)\b|[?|]",
    re.I,
)
"""Words of a sentence, a greeting, a page header or a company's name, not of a title
(`Our engineers build…`, `Dear hiring manager`, `Acme is hiring a…`, `Jobs in Berlin - 2,345
results`, `Remote | Full-time | Senior Engineer`)."""
_LABEL_RE = re.compile(r"^[^\W\d_][\w .'/&-]{0,30}:(?:\s|$)")
"""`Company: Acme`: a field of the posting, not its title."""


def title_line(body: str) -> str | None:
    """The body's first line when it reads as a title (see `reads_as_title`)."""
    first = next((ln for ln in body.split("\n") if ln.strip()), "")
    line = strip_emphasis(first).lstrip("#> ").strip()
    return line if reads_as_title(line) else None


def reads_as_title(line: str) -> bool:
    """True for a line (or a heading's text, without its marks) that reads as a job title:
    short, not a sentence, a label, a link or markup, no section's name (`About the Engineer
    role`), and naming a role (`Acme Corp` or `We're hiring!` name none)."""
    if not (
        3 <= len(line) <= 80
        and len(line.split()) <= 12
        and line[-1] not in ".,;:!?"
        and not _LABEL_RE.match(line)
        and "://" not in line
        and "@" not in line
        and "<" not in line
    ):
        return False
    if _NOT_A_TITLE_RE.search(line) or is_section(line):
        return False
    return names_role(line)


def title_from_path(path: str, folder: str, body: str, f: Fields) -> None:
    """A title for a posting that states none: the body's first line when it names a role,
    else the file name; for a generic name such as `README.md` or a date alone, the nearest
    folder that says something (`acme-backend-engineer/README.md`), else the body's first short
    line."""
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    name = parts[-1] if parts else path
    line = title_line(body)
    if line:
        f.put("title", line, "body")
        return
    says_nothing = not title_from_name(name)  # a date alone
    if says_nothing or strip_extension(name).casefold() in GENERIC_NAMES:
        for candidate in [*reversed(parts[:-1]), folder]:
            words = _words(candidate)
            if sum(c.isalpha() for c in words) >= 3 and candidate.casefold() not in GENERIC_NAMES:
                f.put("title", words, "path")
                return
        # the first line that is no section's name (`About us`)
        lines = (strip_emphasis(ln) for ln in body.split("\n") if ln.strip())
        line = next((ln for ln in lines if not is_section(ln.lstrip("#> "))), "")
        if len(line) <= 80 and sum(c.isalpha() for c in line) >= 3:
            f.put("title", line.lstrip("#> ").rstrip(".!"), "body")
            return
    if not says_nothing:
        f.put("title", title_from_name(name), "file name")
