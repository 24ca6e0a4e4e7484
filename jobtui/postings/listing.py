"""A reopened folder's list without its postings: what `jobtui list --format jsonl` prints when
no file changed since the last load.

Making 100,000 postings from the load store's rows (frozen dataclasses, each with a body and
front matter to read later) took a third of a reopen, and encoding their records again most
of the rest. When every file is as the store holds it, the list reads `Listed` instead: what
it sorts, folds and triages by (id, title, company, pay, date, content hash), checked as the
rows of postings are (`stored.Reader`), and the record's JSON from its title to its origins
as the store keeps it (`records.heads`), printed as it is. `reopened` gives them, or None
whenever anything would need a posting: a file changed, added or gone, a row that does not
check out, a store that cannot be read. The caller then loads the folder as ever.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jobtui.postings.model import Listed

if TYPE_CHECKING:
    from jobtui.postings.loader import Problem
    from jobtui.postings.printed import Walk


@dataclass
class Listing:
    """The list of a folder none of whose files changed since the last load."""

    postings: list[Listed]
    problems: list[Problem]
    """The files that did not load (parsed again: a file of them may load now)."""
    store: Path
    """The load store they were read from (the saved copies are beside it)."""


def reopened(
    paths: Iterable[str | os.PathLike[str]] | None, walk: Walk | None = None
) -> Listing | None:
    """The list of the folders (the bundled seeds when none are given) from the load store,
    or None when a posting would have to be parsed or the store cannot give it (see the
    module). `walk`: their files as a walk just found them (`printed.walk`), else they are
    walked here. Raises LoadError for a path that does not exist, as loading does."""
    from jobtui.postings.loader import bundled_seeds, check_paths, iter_file_names
    from jobtui.postings.store import LoadCache

    targets = list(paths) if paths else [bundled_seeds()]
    check_paths(targets)
    cache = LoadCache([Path(t) for t in targets])
    try:
        if walk is None:
            folders: list[Problem] = []
            found = cache.listed(iter_file_names(targets, folders))
        else:
            folders = list(walk.folders)
            found = cache.listed(walk.files, walk.numbers)
        if found is None:
            return None
        listed, failed = found
        problems = still_failing(failed, targets)
        if problems is None:
            return None
        return Listing(listed, [*folders, *problems], cache.path)
    finally:
        cache.close()


def still_failing(
    failed: Iterable[tuple[str, str | os.PathLike[str]]], targets: Iterable[str | os.PathLike[str]]
) -> list[Problem] | None:
    """The problems of files (file, root) that did not load at the last load, parsed again (a
    file of them may load now), or None when one of them loads now. `targets`: the paths the
    load was given (a file named there is read whatever its kind)."""
    from jobtui.postings.loader import Problem, parse_job

    explicit = {str(Path(p)) for p in targets if Path(p).is_file()}
    problems = []
    for file, root in failed:
        postings, problem, _ = parse_job((Path(file), Path(root), file in explicit))
        if postings or problem is None:
            return None
        problems.append(Problem(file, problem))
    return problems
