"""The loader: files and folders in, Posting records and a list of problems out.

Nothing here stops on a bad file: every file ends up as a posting or as a problem with a reason.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui.postings.model import Posting

if TYPE_CHECKING:
    from jobtui.postings.cache import LoadCache

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

    @property
    def kind(self) -> str:
        """The reason without its details (`empty file`, `binary file, not text`)."""
        return self.reason.split(":")[0].split(" (")[0]


@dataclass(slots=True)
class LoadResult:
    """What a load produced."""

    postings: list[Posting] = field(default_factory=list)
    """Every file that became a posting, in path order."""
    problems: list[Problem] = field(default_factory=list)
    """Files that did not load at all."""
    warnings: list[Problem] = field(default_factory=list)
    """Files that loaded best-effort (bad YAML, non-UTF-8 text)."""

    def extend(self, other: LoadResult) -> None:
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


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs: the files named and every non-hidden file under the folders named.

    Raises LoadError for a path that does not exist or cannot be listed.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise LoadError(f"no such file or folder: {raw}")
        if path.is_file():
            yield path, path.parent
            continue
        if not os.access(path, os.R_OK | os.X_OK):
            raise LoadError(f"cannot read folder: {raw}")
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(path, onerror=errors.append):
            dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
            for name in sorted(filenames):
                if not _is_hidden(name):
                    yield Path(dirpath) / name, path


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


def _lenient_yaml(block: str) -> dict[str, Any]:
    """`key: value` lines of a front matter block that YAML could not parse."""
    meta: dict[str, Any] = {}
    for line in block.split("\n"):
        m = re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line)
        if m and m.group(2).strip():
            meta[m.group(1)] = m.group(2).strip().strip("\"'")
    return meta


@lru_cache(maxsize=1)
def _yaml() -> tuple[Any, Any, Any]:
    """(yaml module, the fastest safe loader, python-frontmatter's YAML handler), on first use."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader), YAMLHandler()


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
    try:
        meta = yaml.load(block, Loader=safe_loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        return (
            _lenient_yaml(block),
            body,
            f"invalid YAML front matter{where}: used what could be read",
        )
    if meta is None:
        return {}, body, None
    if not isinstance(meta, dict):
        return {}, body, "front matter is not a mapping: ignored"
    return {str(k): v for k, v in meta.items()}, body, None


def posting_id(relative: str, data: bytes) -> str:
    """Stable across runs and machines: the content and the path relative to the loaded root."""
    h = hashlib.blake2b(digest_size=6)
    h.update(relative.replace(os.sep, "/").encode("utf-8", "surrogateescape"))
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def load_file(
    path: Path, root: Path, explicit: bool = False
) -> tuple[Posting | None, str | None, str | None]:
    """(posting, problem, warning) for one file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}", None
    if size > MAX_BYTES:
        return (
            None,
            f"too large to be a posting ({size / 1048576:.1f} MB, limit {MAX_BYTES // 1048576} MB)",
            None,
        )
    if size == 0:
        return None, "empty file", None
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, f"cannot read: {exc.strerror or exc}", None
    if _looks_binary(data):
        return None, "binary file, not text", None
    text, warning = _decode(data)
    text = text.replace("\r\n", "\n")
    has_front = text.lstrip("\ufeff").startswith("---")
    if not explicit and path.suffix.lower() not in TEXT_SUFFIXES and not has_front:
        kind = path.suffix or "no extension"
        return (
            None,
            f"not a posting: no front matter and not a Markdown or text file ({kind})",
            None,
        )
    from jobtui.postings.extract import extract
    from jobtui.postings.text import clean_markdown

    meta, raw_body, yaml_warning = split_front_matter(text.lstrip("\ufeff"))
    warning = "; ".join(w for w in (warning, yaml_warning) if w) or None
    body = clean_markdown(raw_body)
    if not body.strip() and not meta:
        return None, "empty file (only white space)", None
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name
    fields = extract(meta, body, relative)
    posting = Posting(
        id=posting_id(relative, data),
        source=str(path),
        title=fields.title or path.name,
        company=fields.company,
        location=fields.location,
        remote=fields.remote,
        salary=fields.salary,
        tags=tuple(fields.tags),
        posted=fields.posted,
        url=fields.url,
        body=body,
        meta=meta,
        origins=fields.origins,
        digest=hashlib.blake2b(data, digest_size=8).hexdigest(),
    )
    return posting, None, warning


def iter_load(
    paths: Iterable[str | os.PathLike[str]], batch: int = 200, cache: LoadCache | None = None
) -> Iterator[LoadResult]:
    """Load in batches, so a caller can show progress; raises LoadError for a bad path.

    With a cache, files unchanged since the last load are taken from it instead of parsed.
    """
    chunk = LoadResult()
    paths = list(paths)
    explicit = {Path(p) for p in paths if Path(p).is_file()}
    for file, root in iter_files(paths):
        entry = None
        stat = None
        if cache is not None:
            try:
                stat = file.stat()
                entry = cache.get(file, root, stat)
            except OSError:
                stat = None
        if entry is not None:
            posting, problem, warning = entry[2], entry[3], entry[4]
        else:
            try:
                posting, problem, warning = load_file(file, root, explicit=file in explicit)
            except Exception as exc:  # a bug in extraction must not stop the load
                posting, problem = None, f"could not be parsed: {type(exc).__name__}: {exc}"
                warning = None
            if cache is not None and stat is not None:
                cache.put(file, root, stat, posting, problem, warning)
        if posting:
            chunk.postings.append(posting)
        if problem:
            chunk.problems.append(Problem(str(file), problem))
        if warning:
            chunk.warnings.append(Problem(str(file), warning))
        if len(chunk.postings) + len(chunk.problems) >= batch:
            yield chunk
            chunk = LoadResult()
    if cache is not None:
        cache.save()
    yield chunk


def load_postings(
    paths: Iterable[str | os.PathLike[str]] | None = None,
    progress: Callable[[int], None] | None = None,
    cache: bool = False,
) -> LoadResult:
    """Load every posting under the paths (the bundled seeds when none are given)."""
    targets = list(paths) if paths else [bundled_seeds()]
    result = LoadResult()
    load_cache = None
    if cache:
        from jobtui.postings.cache import LoadCache

        load_cache = LoadCache([Path(t) for t in targets])
    for chunk in iter_load(targets, cache=load_cache):
        result.extend(chunk)
        if progress:
            progress(len(result.postings) + len(result.problems))
    return result
