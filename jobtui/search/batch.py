"""A batch of a folder loading: some files' postings, ready for the search index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobtui.postings.loader import LoadResult
    from jobtui.search.bulk import Tokenized
    from jobtui.search.snapshot import Snapshot


@dataclass(frozen=True, slots=True)
class Batch:
    """Some files of a load, ready for the index."""

    result: LoadResult
    """The postings, problems and warnings of these files."""
    bodies: Tokenized | None
    """The postings' bodies tokenised (None: the index tokenises them itself)."""
    saved: tuple[Snapshot, Any] | None = None
    """A saved index and which of its postings these are (`SearchIndex.adopt`): the postings
    are indexed from it, not tokenised."""
    replace: bool = False
    """The index starts again from this batch: the batches before it were the store's list,
    shown while the files were checked, and the files turned out to have changed."""

    @property
    def files(self) -> int:
        """How many files this batch accounts for."""
        return self.result.files
