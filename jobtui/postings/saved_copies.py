"""Copies found at the last open, kept beside the folder's load store.

Grouping 100,000 postings into copies takes about a second, and a reopen of an unchanged
folder would find the same groups again. They are saved as JSON beside the store with a
signature of the postings they were found among (every id, source and content hash: a
board's posting keeps its id when the board edits it) and the store's stamp (jobtui's code and the libraries that shape
records); a reopen with the same signature takes them from the file. Anything else (another
signature, a damaged or foreign file, an id that is not among the postings) groups afresh.
The file is a copy: it is written without syncing, and failing to write it changes nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from jobtui.postings.duplicates import Groups, Match, group
from jobtui.postings.model import Posting
from jobtui.postings.store import copies_file, stamp
from jobtui.postings.stored import columns

FORMAT = 2
"""The layout of the file; another is ignored."""


class Identified(Protocol):
    """What the saved groups are checked against: a posting's id, source and content."""

    @property
    def id(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def digest(self) -> str: ...


def signature(postings: Sequence[Identified]) -> str:
    """What the groups of `postings` depend on, whatever order they come in: each id, source
    and content hash (grouping reads the fields a file's bytes make, and the path for ties;
    the id of a board's posting is its key on the board, the same after an edit)."""
    import numpy as np

    # Each posting's line is hashed as it is read, and the hashes (16 bytes a posting) are
    # sorted with repeats dropped: no line of every posting is held at once (at 100,000
    # postings they and their joined text were 60 MB at the peak of a reopen). The columns
    # are read a part at a time: a stored posting not shown yet is not filled to give them.
    hashed = bytearray()
    blake2b = hashlib.blake2b
    for at in range(0, len(postings), SIGNED_AT_ONCE):
        part = columns(postings[at : at + SIGNED_AT_ONCE], ("id", "source", "digest"))
        for i, s, d in zip(*part, strict=True):
            line = f"{i}\t{s}\t{d}".encode("utf-8", "surrogatepass")
            hashed += blake2b(line, digest_size=16).digest()
    pairs = np.frombuffer(hashed, dtype=">u8").reshape(-1, 2)
    lines = np.unique(pairs, axis=0)  # whatever order the postings come in, each line once
    return blake2b(lines.tobytes(), digest_size=16).hexdigest()


SIGNED_AT_ONCE = 10_000
"""Postings whose columns `signature` reads at a time."""


def group_saved(postings: Sequence[Posting], store: Path | None) -> Groups:
    """`group(postings)`, taken from the copies saved beside `store` when they were found among
    the same postings, else found and saved there (no store: found, as `group`)."""
    if store is None or len({p.id for p in postings}) != len(postings):
        return group(postings)  # a repeated id: which one counts depends on the order
    file = copies_file(store)
    mark = signature(postings)
    current = stamp()
    found = _read(file, postings, mark, current)
    if found is not None:
        return found
    groups = group(postings)
    _write(file, groups, mark, current)
    return groups


def saved_groups(postings: Sequence[Identified], store: Path) -> Groups | None:
    """The groups saved beside `store` when they were found among these postings (each id,
    source and content hash as then), else None: what a list that makes no postings can fold
    by."""
    if len({p.id for p in postings}) != len(postings):
        return None
    return _read(copies_file(store), postings, signature(postings), stamp())


def _read(file: Path, postings: Sequence[Identified], mark: str, current: str) -> Groups | None:
    """The saved groups when the file holds those of these postings, else None."""
    try:
        data = json.loads(file.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not (
        type(data) is dict
        and data.get("format") == FORMAT
        and data.get("stamp") == current
        and data.get("signature") == mark
        and type(data.get("groups")) is list
        and type(data.get("near")) is list
    ):
        return None
    return _rebuild(postings, data["groups"], data["near"])


def _rebuild(
    postings: Sequence[Identified], saved: list[Any], near_ids: list[Any]
) -> Groups | None:
    """Groups made from the saved lists (each head first), every other posting alone; None
    when a list is not one of these postings' groups. The postings' ids are unique (the
    callers check)."""
    known = frozenset(p.id for p in postings)
    head: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    near = set(near_ids)
    how: dict[str, Match] = {}
    for ids in saved:
        if type(ids) is not list or len(ids) < 2 or len(set(map(str, ids))) != len(ids):
            return None
        # Each id a posting's, in one group only.
        if not all(type(pid) is str and pid in known and pid not in head for pid in ids):
            return None
        first = ids[0]
        members[first] = tuple(ids)
        for pid in ids:
            head[pid] = first
        for pid in ids[1:]:
            how[pid] = "near" if pid in near else "exact"
    if not near.issubset(how):
        return None
    order = tuple(p.id for p in postings if head.get(p.id, p.id) == p.id)
    return Groups(head, members, how, order, known)


def _write(file: Path, groups: Groups, mark: str, current: str) -> None:
    from jobtui.storage import atomic_write

    saved = [list(groups.members(pid)) for pid in groups.heads() if groups.size(pid) > 1]
    near = [pid for ids in saved for pid in ids[1:] if groups.how(pid) == "near"]
    data = {"format": FORMAT, "stamp": current, "signature": mark, "groups": saved, "near": near}
    with contextlib.suppress(OSError, ValueError):  # a copy: the next open groups again
        if file.parent.is_dir():
            atomic_write(file, json.dumps(data, separators=(",", ":")), durable=False)
