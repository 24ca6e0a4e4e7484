"""A folder opened again: the word index saved at the last open is mapped, not rebuilt.

The saved index (`persist`) lies beside the folder's load store. On the next open, the postings
the store gave back unchanged (same id and content digest) take their posting lists from it;
only changed and new postings are tokenised, and a posting that is gone is dropped from its
lists. When anything differed, the index is saved again for the open after.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobtui.postings.model import Posting
from jobtui.postings.stored import StoredPosting
from jobtui.search.arrays import np
from jobtui.search.index import saved_key

LOOKED_UP_AT_ONCE = 4096
"""Postings whose keys are looked up in the saved index together (one numpy search each)."""

if TYPE_CHECKING:
    from jobtui.postings.money import SalarySettings
    from jobtui.search.engine import SearchIndex
    from jobtui.search.snapshot import Snapshot


def _store(paths: Iterable[str | Path]) -> Path:
    """The load store of these folders; their word index is saved beside it."""
    from jobtui.postings.store import store_path

    return store_path([Path(p) for p in paths])


def saved_index(paths: Iterable[str | Path]) -> Snapshot | None:
    """The word index saved for these folders, mapped; None when there is none to trust."""
    from jobtui.postings.store import index_file
    from jobtui.search import persist

    paths = list(paths)
    snapshot = persist.load(index_file(_store(paths)))
    if snapshot is not None and snapshot.spelled != [str(p) for p in paths]:
        snapshot.recency = None  # its ties were broken by sources spelled otherwise
    return snapshot


@dataclass(slots=True)
class Split:
    """The postings of a load, told apart by whether the saved index holds them."""

    keep: Any
    """One bool per saved posting: whether it is still there, unchanged."""
    kept: list[Posting]
    """Those postings, in the saved index's order."""
    fresh: list[Posting] = field(default_factory=list)
    """The postings it does not hold (changed, new, or not from the store), in load order."""

    @property
    def changed(self) -> bool:
        """Whether the saved index differs from what was loaded (it is saved again then)."""
        return bool(self.fresh) or len(self.kept) != len(self.keep)


class Splitter:
    """Sorts postings, as they load, into those a saved index holds and the fresh ones."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._kept: list[Posting | None] = [None] * len(snapshot.ids)
        self.fresh: list[Posting] = []
        self.hits = 0
        """Postings the saved index holds, so far."""

    def add(self, postings: Iterable[Posting]) -> None:
        given = iter(postings)
        while chunk := list(islice(given, LOOKED_UP_AT_ONCE)):
            self._add(chunk)

    def _add(self, postings: list[Posting]) -> None:
        # Only a posting the store gave back is the one indexed: a file parsed again may
        # hold a posting of the same id and digest, but then its file changed meanwhile.
        stored = [type(p) is StoredPosting for p in postings]
        keys = [saved_key(p) for p, s in zip(postings, stored, strict=True) if s]
        found = iter(self.snapshot.ids.find(keys))
        kept = self._kept
        for p, s in zip(postings, stored, strict=True):
            i = next(found) if s else -1
            if i < 0 or kept[i] is not None:
                self.fresh.append(p)
            else:
                kept[i] = p
                self.hits += 1

    def split(self) -> Split:
        keep = np.fromiter((p is not None for p in self._kept), dtype=bool, count=len(self._kept))
        return Split(keep, [p for p in self._kept if p is not None], self.fresh)


def open_index(
    postings: Sequence[Posting],
    paths: Iterable[str | Path],
    use_cache: bool = True,
    salary: SalarySettings | None = None,
) -> SearchIndex:
    """A search index of loaded postings: adopted from the saved index where it holds them,
    and saved again when it changed (with `use_cache`; saving is best-effort)."""
    from jobtui.search.engine import SearchIndex

    index = SearchIndex(salary=salary)
    paths = list(paths)
    snapshot = saved_index(paths) if use_cache else None
    if snapshot is None:
        index.add(postings)
        changed = True
    else:
        splitter = Splitter(snapshot)
        splitter.add(postings)
        split = splitter.split()
        if split.kept:
            index.adopt(snapshot, split.keep, split.kept)
            index.add(split.fresh)
        else:
            index.add(postings)
        changed = split.changed
    if use_cache and changed:
        save(index, paths)
    return index


def save(index: SearchIndex, paths: Iterable[str | Path]) -> bool:
    """Save the index for the next open of these folders; False when it could not be."""
    from jobtui.postings.store import index_file

    paths = list(paths)
    store = _store(paths)
    if not store.exists():
        return False  # the store it goes with is gone (cleared meanwhile): none
    try:
        index.save(index_file(store), [str(p) for p in paths])
    except Exception:  # a copy only: whatever goes wrong, the next open builds it again
        return False
    return True
