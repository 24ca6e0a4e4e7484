"""The loader: files and folders in, Posting records and a list of problems out.

Nothing here stops on a bad file: every file ends up as a posting or as a problem with a reason.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui.postings.model import Posting
from jobtui.postings.text import clean_field

if TYPE_CHECKING:
    from jobtui.postings.store import LoadCache

TEXT_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"}
MAX_BYTES = 5 * 1024 * 1024
"""Larger files are not job postings; they are reported and skipped."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that did not load, or loaded only in part, and why."""

    path: str
    """The file concerned."""
    reason: str
    """One line a person can act on."""

    def __post_init__(self) -> None:
        # Both come from the folder (a file's name, a parser quoting the file): untrusted.
        object.__setattr__(self, "path", clean_field(self.path))
        object.__setattr__(self, "reason", clean_field(self.reason))

    @property
    def kind(self) -> str:
        """The reason without its details (`empty file`, `binary file, not text`)."""
        return self.reason.split(":")[0].split(" (")[0]


@dataclass(slots=True)
class LoadResult:
    """What a load produced."""

    postings: list[Posting] = field(default_factory=list)
    """Every posting read, in path order (a file of many postings: in its order)."""
    problems: list[Problem] = field(default_factory=list)
    """Files that did not load at all."""
    warnings: list[Problem] = field(default_factory=list)
    """Files that loaded best-effort (bad YAML, non-UTF-8 text), or without a front matter value
    that no posting can hold (each named with its key and why)."""
    files: int = 0
    """How many files were read (a file may hold many postings, or none)."""
    store: Path | None = None
    """The load store the postings went through (None: no cache, or it could not be used);
    what is found among them can be saved beside it for the next load."""

    def extend(self, other: LoadResult) -> None:
        self.files += other.files
        self.postings.extend(other.postings)
        self.problems.extend(other.problems)
        self.warnings.extend(other.warnings)


class LoadError(Exception):
    """A path given by the person cannot be loaded at all (missing, not readable)."""


def bundled_seeds() -> Path:
    """The postings shipped with jobtui: inside the installed package, or the checkout's seeds/."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "seeds"
    if packaged.is_dir():
        return packaged
    return package.parent / "seeds"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


MAX_DEPTH = 64
"""Folders deeper than this below a folder given are not read (and are reported)."""


def iter_files(
    paths: Iterable[str | os.PathLike[str]], problems: list[Problem] | None = None
) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs: the files named and every non-hidden file under the folders named,
    a folder's files first, then its subfolders, each in name order.

    Raises LoadError for a path given that does not exist or cannot be listed. A subfolder
    that cannot be read, or lies deeper than MAX_DEPTH, is added to `problems` with why.
    A file reached twice (a folder given twice, or a folder and one inside it) is given once,
    under the path that reached it first.
    """
    for file, root in iter_file_names(paths, problems):
        yield Path(file), root


def check_paths(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise LoadError for the first path given that does not exist (as loading would)."""
    for raw in paths:
        if not os.path.exists(raw):
            raise LoadError(f"no such file or folder: {raw}")


def iter_file_names(
    paths: Iterable[str | os.PathLike[str]], problems: list[Problem] | None = None
) -> Iterator[tuple[str, Path]]:
    """`iter_files` with each file as the text of its path (`str(Path)` of it): a walk of
    100,000 files makes no path objects."""
    paths = list(paths)
    seen: set[str] | None = set() if len(paths) > 1 else None
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise LoadError(f"no such file or folder: {raw}")
        if path.is_file():
            found: Iterable[tuple[str, Path]] = [(str(path), path.parent)]
        elif not os.access(path, os.R_OK | os.X_OK):
            raise LoadError(f"cannot read folder: {raw}")
        else:
            found = ((file, path) for file in _walk(str(path), problems))
        for file, root in found:
            if seen is not None:
                where = os.path.abspath(file)
                if where in seen:
                    continue
                seen.add(where)
            yield file, root


def _kind(entry: os.DirEntry[str]) -> str:
    """`folder`, `linked folder` (a symbolic link to one) or `file` (anything else)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        return "linked folder" if entry.is_dir() else "file"
    except OSError:
        return "file"  # then reading it says what is wrong


def _walk(top: str, problems: list[Problem] | None) -> Iterator[str]:
    """The files under `top` (the text of a path), depth first, with a stack rather than
    recursion: a tree of thousands of nested folders neither overflows Python's stack nor
    stops the load. Each is named as `Path(top) / ... / name` would name it."""
    stack: list[tuple[str, int]] = [(top, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = [(e.name, _kind(e)) for e in entries]
        except OSError as exc:
            if problems is not None:
                problems.append(Problem(folder, f"cannot read folder: {exc.strerror or exc}"))
            continue
        # `Path(".") / name` is `name`, and os.path.join would give `./name`.
        prefix = "" if folder == "." else os.path.join(folder, "")
        folders = []
        for name, kind in sorted(listed):
            if _is_hidden(name) or kind == "linked folder":  # links to folders: not followed
                continue
            if kind == "folder":
                folders.append(prefix + name)
            else:
                yield prefix + name
        if folders and depth >= MAX_DEPTH:
            if problems is not None:
                problems.append(
                    Problem(folder, f"folders nested deeper than {MAX_DEPTH}: not read")
                )
            continue
        stack.extend((sub, depth + 1) for sub in reversed(folders))


def _decode(data: bytes) -> tuple[str, str | None]:
    """Text and, when it was not UTF-8, a note on how it was decoded."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    for encoding in ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        try:
            return data.decode(encoding), f"decoded as {encoding}"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "not UTF-8: decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: decoded as Latin-1"


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) * 0.05


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


_ALIAS_RE = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\]}]")


def _lenient_yaml(block: str, aliases: bool = True) -> dict[str, Any]:
    """`key: value` lines of a front matter block that YAML could not parse (`aliases=False`:
    without the lines that define or use a YAML alias, as text)."""
    from jobtui.postings.extract.front_matter import lenient_scalar

    meta: dict[str, Any] = {}
    for line in block.split("\n"):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if m and m.group(2).strip() and (aliases or not _ALIAS_RE.search(m.group(2))):
            meta[m.group(1)] = lenient_scalar(m.group(2))
    return meta


@lru_cache(maxsize=1)
def _yaml() -> tuple[Any, Any, Any]:
    """(yaml module, the fastest safe loader keeping impossible scalars as text, python-frontmatter's
    YAML handler), on first use."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader: Any = type("FrontMatterLoader", (base,), {})
    for tag in ("bool", "int", "float", "timestamp"):
        name = f"tag:yaml.org,2002:{tag}"
        loader.add_constructor(name, _as_written(base.yaml_constructors[name]))
    return yaml, loader, YAMLHandler()


def _as_written(construct: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """A YAML scalar constructor that keeps a value it cannot build as the text written.

    PyYAML's own raise plain Python errors (not YAMLError) while parsing: `2024-13-45`, year 0
    or an offset of -99:00 for a timestamp, `!!int abc`. One such value then failed the whole
    front matter; kept as text, it costs only its field, which says why it was not read.
    """

    def lenient(loader: Any, node: Any) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, LookupError, AttributeError, ArithmeticError):
            return str(node.value)

    return lenient


META_NODES = 20_000
"""Values front matter may hold, counting an aliased value each time it is used: a few
hundred bytes of YAML aliases (`a: &a [x, x]`, `b: &b [*a, *a]`, ...) stand for billions."""
META_DEPTH = 50
"""How deep front matter may nest."""


def _within(value: object) -> bool:
    """Whether a parsed front matter stays within META_NODES values and META_DEPTH levels.
    Walks with a stack and stops at the limit, so a bomb costs no more than the limit."""
    stack: list[tuple[object, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > META_NODES or depth > META_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
            stack.extend((k, depth + 1) for k in item)
        elif isinstance(item, list | tuple | set):
            stack.extend((v, depth + 1) for v in item)
    return True


_TOO_BIG = (
    f"front matter holds more than {META_NODES:,} values or nests deeper than {META_DEPTH} "
    "(YAML aliases?): ignored, the body is kept"
)
_OPENERS = re.compile(r"^[ \t]*(?:(?:[-?:]|[&!][^ \t]*)[ \t]+)+", re.MULTILINE)
"""The block indicators a line starts with (`- `, `? `, `: `, anchors, tags): each may open a
level."""


def _too_deep(block: str) -> bool:
    """Whether YAML text may nest far deeper than META_DEPTH, told before it is parsed: the C
    parser recurses once per level and tens of thousands of levels overflow its stack (the
    process dies, no exception). Counts brackets (quoted ones too: an overestimate) and the
    indicators and indentation a line starts with, with a margin, so nothing a person writes
    comes near. (Indentation alone cannot go deep: n levels take n*n/2 bytes.)"""
    limit = META_DEPTH * 4
    if block.count("[") + block.count("{") > limit:
        depth = deepest = 0
        for ch in block:
            if ch in "[{":
                depth += 1
                deepest = max(deepest, depth)
            elif ch in "]}":
                depth = max(0, depth - 1)
        if deepest > limit:
            return True
    return any(len(m.group()) > limit * 2 for m in _OPENERS.finditer(block))


def _nonfinite(value: object) -> bool:
    """Whether a NaN or an infinity is anywhere in a parsed front matter (within the limits)."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(map(_nonfinite, value)) or any(map(_nonfinite, value.values()))
    if isinstance(value, list | tuple | set):
        return any(map(_nonfinite, value))
    return False


def _finite(value: Any) -> Any:
    """The value with each NaN or infinity made None (a key: its text). No record holds one:
    JSON has no such values, and the field that read one has said it was left out."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {
            (k if not isinstance(k, float) or math.isfinite(k) else str(k)): _finite(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_finite(v) for v in value)
    if isinstance(value, set):
        return {_finite(v) for v in value}
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """(front matter, body, warning). Invalid YAML keeps the body and what can be read."""
    if not text.startswith("---"):
        return {}, text, None
    yaml, safe_loader, handler = _yaml()
    if not handler.detect(text):
        return {}, text, None
    try:
        block, body = handler.split(text)
    except ValueError:
        return {}, text, None
    if _too_deep(block):
        return {}, body, _TOO_BIG
    try:
        meta = yaml.load(block, Loader=safe_loader)
    except Exception as exc:  # YAMLError, or a plain error PyYAML let through (deep nesting)
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return (
            _lenient_yaml(block),
            body,
            f"invalid YAML front matter{where}: used what could be read",
        )
    if meta is None:
        return {}, body, None
    if not _within(meta):
        return {}, body, _TOO_BIG
    if not isinstance(meta, dict):
        return {}, body, "front matter is not a mapping: ignored"
    return {str(k): v for k, v in meta.items()}, body, None


# --- files without an extension ---------------------------------------------------------------

_PROJECT_FILES = {
    *("license", "licence", "unlicense", "copying", "copyright", "authors", "contributors"),
    *("notice", "patents", "maintainers", "codeowners", "owners", "readme", "changelog"),
    *("changes", "history", "news", "install", "todo", "version", "manifest", "makefile"),
    *("gnumakefile", "dockerfile", "containerfile", "procfile", "gemfile", "rakefile"),
    *("vagrantfile", "jenkinsfile", "brewfile", "podfile", "pipfile", "justfile", "build"),
    *("workspace", "sconstruct", "sconscript", "snakefile", "caddyfile", "tiltfile"),
}
_PROJECT_FILE_RE = re.compile(
    r"(?i:licen[cs]e|copying|unlicense|notice|authors|contributors|readme|changelog)[-_.\w]*"
    r"|[A-Z][a-z]+file|[a-z]*ignore|git(?:attributes|modules|config|keep)|editorconfig"
    r"|(?:bash|zsh|vim|npm|yarn|nvm|pylint|babel|eslint|prettier|gem|irb|curl|wget|screen)rc"
)
_LICENSE_TEXT_RE = re.compile(
    r"\A\s*(?:the\s+)?(?:mit|isc|bsd|apache|gnu|mozilla|eclipse|creative commons|boost)\b"
    r"[^\n]{0,60}\blicen[cs]e|\A\s*copyright\s+(?:\(c\)|©|\d{4})"
    r"|permission is hereby granted, free of charge|redistribution and use in source and binary",
    re.I,
)
_CODE_LINE_RE = re.compile(
    r"^(?:import\s+\w|from\s+[\w.]+\s+import\b|def\s+\w+\(|class\s+\w+[:(]|function\s+\w+"
    r"|(?:const|let|var)\s+\w+\s*=|#include\b|package\s+[\w.]+;?$|<\?php|\w+\s*\(\)\s*\{"
    r"|[A-Z_][A-Z0-9_]*=\S|\[[\w .\"-]+\]$)",
    re.M,
)
_KEY_LINE_RE = re.compile(r"^([A-Za-z][\w -]{0,30}?)\s*:(?:[ \t]+(.*))?$")


def not_a_posting(name: str, text: str) -> str | None:
    """Why a file without an extension is not a posting, or None when it may be one.

    Repository and build files (`LICENSE`, `Makefile`, `gitignore`), scripts, licence texts and
    code are refused by name or by their first lines; anything else that reads as key: value
    lines or as prose is a posting. (Hidden files such as `.gitignore` are never walked into.)
    """
    if name.casefold() in _PROJECT_FILES or _PROJECT_FILE_RE.fullmatch(name):
        return f"{name} is a project or build file"
    if text.startswith("#!"):
        return "a script (it starts with #!)"
    head = text[:4000]
    if _LICENSE_TEXT_RE.search(text[:1500]):
        return "a licence text"
    if _key_block(head):
        return None
    if len(_CODE_LINE_RE.findall(head)) >= 2:
        return "no extension, and it reads as code or configuration"
    if not _reads_as_prose(head):
        return "no extension, and it reads neither as prose nor as key: value lines"
    return None


def _reads_as_prose(text: str) -> bool:
    """Words separated by spaces, mostly letters, few of the symbols that code and data use."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    visible = sum(1 for c in text if not c.isspace()) or 1
    letters = sum(1 for c in text if c.isalpha())
    symbols = sum(1 for c in text if c in "{};=<>$\\|")
    return (
        len(words) >= 8
        and text.count(" ") >= len(words) * 0.5
        and letters >= visible * 0.6
        and symbols <= visible * 0.02
    )


def _key_block(text: str, every: bool = False) -> tuple[str, str] | None:
    """(block, rest) when a text opens with `key: value` lines (front matter without `---`):
    two or more, one of them a field jobtui knows (title, company, location...); `every`: each
    of them one (no `Note:` or `Visa:` line, which the body must keep)."""
    from jobtui.postings.extract.front_matter import is_field_key

    lines = text.lstrip("\n").split("\n")
    keys: list[str] = []
    block: list[str] = []
    for line in lines:
        m = _KEY_LINE_RE.match(line)
        if m:
            keys.append(m.group(1))
        elif not (keys and line[:1] in (" ", "\t") and line.strip()):  # a YAML continuation
            break
        block.append(line)
    if len(keys) < 2 or not (all if every else any)(is_field_key(k) for k in keys):
        return None
    return "\n".join(block), "\n".join(lines[len(block) :])


def split_key_lines(
    text: str, said: str | None = "no extension"
) -> tuple[dict[str, Any], str, str | None]:
    """(front matter, body, note) of a file without front matter: leading `key: value` lines
    are its front matter (a `---` line after them is dropped); otherwise it is all body.
    `said`: why the file is read so, for the note (None: no note unless something is wrong,
    as for Markdown's own form of it, MultiMarkdown's metadata lines; then every line must name
    a field jobtui reads, or all stay in the body)."""
    found = _key_block(text, every=said is None)
    if not found:
        return {}, text, f"{said}: read as plain text" if said else None
    block, body = found
    if body.split("\n", 1)[0].strip() == "---":
        body = body.partition("\n")[2]
    yaml, safe_loader, _ = _yaml()
    too_big = f"{said or 'its first lines'}: read as key: value lines, without YAML: its {_TOO_BIG}"
    if _too_deep(block):
        return _lenient_yaml(block, aliases=False), body, too_big
    try:
        meta = yaml.load(block, Loader=safe_loader)
    except Exception:  # as above
        meta = None
    if meta is not None and not _within(meta):
        return _lenient_yaml(block, aliases=False), body, too_big
    if not isinstance(meta, dict):
        meta = _lenient_yaml(block)
    return (
        {str(k): v for k, v in meta.items()},
        body,
        f"{said}: read as key: value front matter" if said else None,
    )


def posting_id(relative: str, data: bytes) -> str:
    """Stable across runs and machines: the content and the path relative to the loaded root."""
    h = hashlib.blake2b(digest_size=6)
    h.update(relative.replace(os.sep, "/").encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def load_file(
    path: Path, root: Path, explicit: bool = False
) -> tuple[list[Posting], str | None, str | None]:
    """(postings, problem, warning) for one file: one posting for a Markdown or text file,
    any number for a board, feed, thread or page (see `jobtui.postings.readers`)."""
    from jobtui.postings.extract.names import extension
    from jobtui.postings.readers import SUFFIXES

    suffix = extension(path.name).lower()
    many = suffix in SUFFIXES
    limit = MAX_MANY_BYTES if many else MAX_BYTES
    try:
        size = path.stat().st_size
    except OSError as exc:
        return [], f"cannot read: {exc.strerror or exc}", None
    if size > limit:
        return (
            [],
            f"too large to be {'postings' if many else 'a posting'} ({size / 1048576:.1f} MB, "
            f"limit {limit // 1048576} MB)",
            None,
        )
    if size == 0:
        return [], "empty file", None
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], f"cannot read: {exc.strerror or exc}", None
    if _looks_binary(data):
        return [], "binary file, not text", None
    text, warning = _decode(data)
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name
    if many and not text.startswith("---"):  # (`.html` with front matter: Markdown)
        return _load_many(path, relative, text, warning)
    if size > MAX_BYTES:
        return (
            [],
            f"too large to be a posting ({size / 1048576:.1f} MB, limit {MAX_BYTES // 1048576} MB)",
            None,
        )
    posting, problem, warning = _load_one(path, relative, data, text, warning, suffix, explicit)
    return ([posting] if posting is not None else []), problem, warning


def _load_one(
    path: Path,
    relative: str,
    data: bytes,
    text: str,
    warning: str | None,
    suffix: str,
    explicit: bool,
) -> tuple[Posting | None, str | None, str | None]:
    """(posting, problem, warning) for a Markdown or text file, or one without an extension."""
    from jobtui.postings.extract import extract
    from jobtui.postings.text import clean_markdown

    if text.startswith("---") or suffix in TEXT_SUFFIXES or (suffix and explicit):
        meta, raw_body, note = split_front_matter(text)
        if not meta and note is None and not text.startswith("---"):
            # `Title: …` lines at the top (MultiMarkdown's metadata, a text file's header)
            meta, raw_body, note = split_key_lines(text, said=None)
    elif suffix:
        return (
            None,
            f"not a posting: no front matter and not a Markdown or text file ({suffix})",
            None,
        )
    else:
        refusal = None if explicit else not_a_posting(path.name, text)
        if refusal:
            return None, f"not a posting: {refusal}", None
        meta, raw_body, note = split_key_lines(text)
    warning = "; ".join(w for w in (warning, note) if w) or None
    body = clean_markdown(raw_body)
    if not body.strip() and not meta:
        return None, "empty file (only white space)", None
    fields = extract(meta, body, relative, folder=folder_name(path))
    warning = "; ".join(w for w in (warning, *fields.rejected) if w) or None
    if _nonfinite(meta):
        meta = _finite(meta)
    posting = _record(
        fields,
        id=posting_id(relative, data),
        source=str(path),
        title=fields.title or path.name,
        body=body,
        meta=meta,
        origins=fields.origins,
        digest=hashlib.blake2b(data, digest_size=8).hexdigest(),
    )
    return posting, None, warning


def _record(fields: Any, **given: Any) -> Posting:
    """The posting of extracted fields: the place, pay, date, link and tags they found, and
    the rest as given (id, source, title, body, meta, origins, digest, format)."""
    return Posting(
        company=fields.company,
        location=fields.location,
        remote=None if fields.hybrid else fields.remote,
        hybrid=fields.hybrid,
        salary=fields.salary,
        tags=tuple(fields.tags),
        posted=fields.posted,
        url=fields.url,
        **given,
    )


MAX_MANY_BYTES = 64 * 1024 * 1024
"""A board, feed or thread file holds many postings: larger files than one posting's are read."""
PROBLEMS_SAID = 3
"""Postings of one file that could not be read, named in its warning (the rest are counted)."""


def _load_many(
    path: Path, relative: str, text: str, warning: str | None
) -> tuple[list[Posting], str | None, str | None]:
    """(postings, problem, warning) for a file a reader reads: a job board's JSON, a feed, a
    Hacker News thread or a saved job page."""
    from jobtui.postings.readers import NotReadable, read_text

    try:
        found = read_text(text, path.name)
    except NotReadable as exc:
        return [], f"not a posting: {exc}", None
    postings: list[Posting] = []
    skipped = list(found.problems)
    keys: set[str] = set()
    for item in found.items:
        # A key as a source holds it: cleaned, and `#`, `%` and spaces escaped. Keys that a
        # reader told apart may clean to one (`a\x07`, `a`): later ones are made unique again.
        base = clean_field(item.key).replace("%", "%25").replace("#", "%23").replace(" ", "%20")
        key, n = base, 1
        while key in keys:
            n += 1
            key = f"{base}~{n}"
        keys.add(key)
        try:
            postings.append(_posting(item, key, found.format, path, relative))
        except (ValueError, TypeError) as exc:
            skipped.append(f"{item.key}: {exc}")
    notes = [warning, found.note]
    if skipped:
        said = "; ".join(skipped[:PROBLEMS_SAID])
        more = f" and {len(skipped) - PROBLEMS_SAID} more" if len(skipped) > PROBLEMS_SAID else ""
        # Readers name what they could not read: a posting (`job 7: no title`) or a part of
        # the file (`JSON-LD script 2: not valid JSON`), so the count says neither.
        notes.append(f"not read: {said}{more}")
    warning = "; ".join(w for w in notes if w) or None
    if not postings:
        return (
            [],
            f"no postings in this {found.format} file" + (f" ({warning})" if warning else ""),
            None,
        )
    return postings, None, warning


def _posting(item: Any, key: str, kind: str, path: Path, relative: str) -> Posting:
    """The posting of one item a reader found in a file, named by `key` there."""
    from jobtui.postings.extract import extract
    from jobtui.postings.text import clean_markdown

    body = clean_markdown(item.body)
    meta = _finite(item.meta) if _nonfinite(item.meta) else dict(item.meta)
    fields = extract(meta, body, relative, folder=folder_name(path))
    origins = dict(fields.origins)
    for name in item.from_board:
        if origins.get(name) == "front matter":
            origins[name] = "board"
    title = fields.title
    if not title or origins.get("title") in ("file name", "path"):
        title = title_from_body(body) or f"{path.name}#{key}"
        origins["title"] = "body"
    content = hashlib.blake2b(digest_size=8)
    content.update(body.encode("utf-8", "surrogatepass"))
    content.update(repr(sorted(meta.items(), key=lambda kv: str(kv[0]))).encode("utf-8", "replace"))
    return _record(
        fields,
        id=posting_id(f"{relative}#{key}", b""),
        source=f"{path}#{key}",
        title=title,
        body=body,
        meta=meta,
        origins=origins,
        digest=content.hexdigest(),
        format=kind,
    )


TITLE_FROM_BODY = 80
"""How much of a posting's first line stands for its title when it states none."""


def folder_name(path: Path) -> str:
    """The name of a file's folder, for a title: resolved for a file of a generic name (a
    `README.md` at the top of `.`, or of a link to a folder, is titled by the folder itself,
    the same however it was opened: the load store shares its rows)."""
    from jobtui.postings.extract.names import GENERIC_NAMES, strip_extension

    if strip_extension(path.name).casefold() not in GENERIC_NAMES:
        return path.parent.name
    try:
        return Path(os.path.realpath(path.parent)).name
    except (OSError, ValueError, RuntimeError):
        return path.parent.name


def title_from_body(body: str) -> str:
    """The title of a posting that states none: its first line that is no section's name
    (`## About us`), without Markdown marks, cut to TITLE_FROM_BODY ('' for an empty body)."""
    from jobtui.postings.extract.sections import is_section

    lines = (line.strip("# *_") for line in body.split("\n") if line.strip())
    first = next((line for line in lines if not is_section(line)), "")
    return first[:TITLE_FROM_BODY].strip()


def source_file(source: str) -> str:
    """The file of a posting's `source`: the source itself, or what comes before the last `#`
    for a posting in a file of many (its key holds no `#`; a file's own name may, so an
    existing file of the whole name wins)."""
    if "#" not in source or os.path.exists(source):
        return source
    return source.rpartition("#")[0]


def absolute_source(source: str) -> str:
    """A posting's source with its file made absolute against the working directory (a
    posting in a file of many keeps its `#key`): the same file whether it was opened as
    `jobs` or as `/home/me/jobs` (bookmarks keep sources this way)."""
    if not source:
        return source
    file = source_file(source)
    return os.path.abspath(file) + source[len(file) :]


WINDOW = 4096
"""Files looked up in the load cache together; those not in it are parsed together (on every
core when they are many: see `pool`)."""


def iter_load(
    paths: Iterable[str | os.PathLike[str]],
    batch: int = 200,
    cache: LoadCache | None = None,
    processes: int | None = None,
) -> Iterator[LoadResult]:
    """Load in batches, so a caller can show progress; raises LoadError for a bad path.

    With a cache, files unchanged since the last load are taken from it instead of parsed.
    Files to parse go to a pool of `processes` (default: one per core) when there are many.
    """
    from jobtui.postings.pool import Parser

    if cache is not None and cache.details.reread is None:
        cache.details.reread = reread_file  # a body the store lost is read from its file
    chunk = LoadResult()
    paths = list(paths)
    explicit = {str(Path(p)) for p in paths if Path(p).is_file()}
    folders: list[Problem] = []  # subfolders the walk could not read, as it meets them
    walked = iter_file_names(paths, folders)
    with Parser(parse_job, processes) as parser:
        while window := list(itertools.islice(walked, WINDOW)):
            looked = [_look_up(file, root, cache) for file, root in window]
            misses = [
                ((Path(f), r, f in explicit), stat)
                for (f, r), (stat, entry) in zip(window, looked, strict=True)
                if entry is None
            ]
            parsed = parser.parse(
                [job for job, _ in misses], [_size(f, s) for (f, *_), s in misses]
            )
            for (file, root), (stat, entry) in zip(window, looked, strict=True):
                if folders:
                    chunk.problems.extend(folders)
                    folders.clear()
                if entry is not None:
                    postings, problem, warning = entry[2], entry[3], entry[4]
                else:
                    postings, problem, warning = next(parsed)
                    if cache is not None and stat is not None:
                        # Kept: the store's copies, whose bodies stay on disk.
                        kept = cache.put(Path(file), root, stat, postings, problem, warning)
                        postings = postings if kept is None else kept
                chunk.files += 1
                chunk.postings.extend(postings)
                if problem:
                    chunk.problems.append(Problem(file, problem))
                if warning:
                    chunk.warnings.append(Problem(file, warning))
                if len(chunk.postings) + len(chunk.problems) >= batch:
                    yield chunk
                    chunk = LoadResult()
    chunk.problems.extend(folders)
    if cache is not None:
        cache.save()
    yield chunk


def reread_file(file: Path, root: Path) -> list[Posting]:
    """The postings of one file under a root, read again (a body the load store lost)."""
    return load_file(file, root, explicit=True)[0]


def parse_job(job: tuple[Path, Path, bool]) -> tuple[list[Posting], str | None, str | None]:
    """One file (file, root, named explicitly) parsed; a bug in extraction costs that file, not
    the load (run in the parsing pool's workers too)."""
    file, root, explicit = job
    try:
        return load_file(file, root, explicit=explicit)
    except Exception as exc:
        return [], f"could not be parsed: {type(exc).__name__}: {exc}", None


def _size(file: Path, stat: os.stat_result | None) -> int:
    """A file's size in bytes (0 when it cannot be told: reading it will say why)."""
    if stat is not None:
        return stat.st_size
    try:
        return file.stat().st_size
    except OSError:
        return 0


def _look_up(file: str, root: Path, cache: LoadCache | None) -> tuple[os.stat_result | None, Any]:
    """(the file's stat, its cache entry or None) when there is a cache."""
    if cache is None:
        return None, None
    try:
        stat = os.stat(file)
        return stat, cache.get(file, root, stat)
    except OSError:
        return None, None


def load_postings(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    progress: Callable[[int], None] | None = None,
    cache: bool = False,
    notice: Callable[[str], None] | None = None,
) -> LoadResult:
    """Load every posting under the paths (the bundled seeds when none are given). `notice` is
    told, once, why the load cache could not be used (a folder that cannot be written)."""
    targets = list(paths) if paths else [bundled_seeds()]
    result = LoadResult()
    load_cache = None
    if cache:
        from jobtui.postings.store import LoadCache

        check_paths(targets)  # a path mistyped makes no store

        load_cache = LoadCache([Path(t) for t in targets], on_notice=notice, reread=reread_file)
    for chunk in iter_load(targets, cache=load_cache):
        result.extend(chunk)
        if progress:
            progress(result.files)
    if load_cache is not None and load_cache.notice is None:
        result.store = load_cache.path
    return result
