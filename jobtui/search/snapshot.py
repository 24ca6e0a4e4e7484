"""A saved word index as read back (`jobtui.search.persist`): its vocabulary and posting lists,
the big arrays mapped from the file, and the part of it a reopen keeps."""

from __future__ import annotations

import contextlib
import mmap
from dataclasses import dataclass
from itertools import compress
from typing import Any

from jobtui.search.arrays import np


@dataclass(slots=True)
class Snapshot:
    """A saved word index, its big arrays mapped from the file (read-only)."""

    ids: list[str]
    """Posting ids, in posting-number order."""
    words: list[str]
    """The vocabulary: word id to word."""
    word_id: dict[str, int]
    """Word to word id."""
    sorted_order: Any
    """Word ids in the alphabetical order of their words (int32)."""
    field_word_ids: Any
    """Ids of the words that stand in a short field (title, tags, company, location), int32."""
    fields: dict[str, tuple[Any, Any]]
    """Per field, offsets (int64, one per word and one more) and posting numbers (int32): word
    w's postings are `docs[offsets[w]:offsets[w + 1]]`, ascending."""
    mapping: mmap.mmap | None = None
    """The mapped file the arrays are views of (None for arrays in memory)."""
    recency: Any = None
    """Posting numbers newest first (int32), as the empty query lists them; None when not
    saved, or saved for the folders spelled otherwise (see `spelled`)."""
    spelled: list[str] | None = None
    """The folders as given to the load that saved `recency` (ties in that order are broken
    by the source, which spells them)."""

    def select(self, keep: Any) -> Snapshot:
        """The snapshot of the kept postings only (`keep`: a bool per posting), numbered
        0, 1, ... in order. When all are kept, this one (its mapped arrays as they are);
        otherwise the lists are renumbered into memory, and words no kept posting holds are
        left out, so nothing completes or corrects to a word that matches nothing."""
        keep = np.asarray(keep, dtype=bool)
        if keep.shape != (len(self.ids),):
            raise ValueError(f"keep has {keep.shape} values for {len(self.ids)} postings")
        if keep.all():
            return self
        number = (np.cumsum(keep) - 1).astype(np.int32)
        size = len(self.words)
        live = np.zeros(size, dtype=bool)
        in_short = np.zeros(size, dtype=bool)
        fields = {}
        for name, (offsets, docs) in self.fields.items():
            at = np.flatnonzero(keep[docs])  # where the kept entries are
            # A row's new start is how many kept entries come before its old start.
            fields[name] = (np.searchsorted(at, offsets).astype(np.int64), number[docs[at]])
            held = np.diff(fields[name][0]) > 0
            live |= held
            if name != "body":
                in_short |= held
        # A word in no kept posting has empty lists everywhere: dropping its row leaves every
        # other list where it was, so each field's offsets are those of the rows that stay.
        rows = np.append(np.flatnonzero(live), size)
        new_id = (np.cumsum(live) - 1).astype(np.int32)
        words = list(compress(self.words, live.tolist()))
        order = self.sorted_order
        recency = None if self.recency is None else number[self.recency[keep[self.recency]]]
        return Snapshot(
            ids=list(compress(self.ids, keep.tolist())),
            words=words,
            word_id=dict(zip(words, range(len(words)), strict=True)),
            sorted_order=new_id[order[live[order]]],
            field_word_ids=new_id[np.flatnonzero(in_short)],
            fields={name: (offsets[rows], docs) for name, (offsets, docs) in fields.items()},
            recency=recency,
            spelled=self.spelled,
        )

    def close(self) -> None:
        """Let go of the mapping; an index that adopted the arrays keeps them mapped."""
        mapping, self.mapping = self.mapping, None
        self.sorted_order = self.field_word_ids = self.recency = None
        self.fields = {}
        if mapping is not None:
            with contextlib.suppress(BufferError):  # arrays still in use: unmapped with them
                mapping.close()
