"""A regular expression tried only where a match can start: at the words it is built around.

Python's engine tries a pattern at every place in a body. A pattern of many alternatives whose
first characters are common letters (`remote`, `fully remote`, `work from home`) costs a
posting 100-200 µs that way; every match of such a pattern holds one of a few words, though,
and `str.find` finds those words at memory speed. An `Anchored` pattern finds its words in the
lowercased body and tries the pattern only at the places they allow: the same leftmost match
as `re.search`, for the first-load path where every posting of a folder pays this cost.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator, Mapping

from jobtui.postings.places import places


class Anchored:
    """A pattern with the words every match holds, and where a match starts from each word.

    `anchors` maps a lowercase word to the offsets from it where a match may start: `{"site":
    (-3, -2)}` for `on[\\s-]?site` (a plain word, or an offset 0, for a match that opens with
    it). The anchors must cover every match: a match with none of them is not found.
    `needs`: words every match holds too, wherever (a text without one has no match).
    """

    def __init__(
        self,
        pattern: str,
        flags: int,
        anchors: Mapping[str, Iterable[int]] | Iterable[str],
        lowercase: bool = True,
        needs: Iterable[str] = (),
    ) -> None:
        self.pattern = re.compile(pattern, flags)
        """The compiled pattern: what `search` answers as `re.search` would."""
        table = anchors if isinstance(anchors, Mapping) else {word: (0,) for word in anchors}
        if lowercase and any(word != word.lower() for word in table):
            raise ValueError("anchors are found in the lowercased text: write them so")
        self._anchors = [(word, tuple(offsets)) for word, offsets in table.items()]
        self._lowercase = lowercase
        """Whether the words are found in the lowercased text (False: as written)."""
        self._needs = tuple(needs)
        """Words every match holds besides its anchor: a text without one is not searched."""

    def search(self, text: str, lowered: str | None = None) -> re.Match[str] | None:
        """The leftmost match in `text`, or None. `lowered`: `text.lower()`, when the caller
        has it already (several patterns searched in one body lowercase it once)."""
        return next(self.finditer(text, lowered), None)

    def finditer(
        self, text: str, lowered: str | None = None, only: Container[str] | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches `re.finditer` gives (of a pattern that cannot match empty text):
        leftmost first, none overlapping another. `only`: the anchors to look for, when the
        caller knows that no match holds any of the others."""
        low = (text.lower() if lowered is None else lowered) if self._lowercase else text
        if (
            self._lowercase
            and not low.isascii()
            and (len(low) != len(text) or "ı" in low or "ſ" in low)
        ):
            low = _as_ignoring_case(text)
        if len(low) != len(text):  # lowercasing changed lengths: places would not map
            yield from self.pattern.finditer(text)
            return
        if not all(word in low for word in self._needs):
            return
        starts = {
            at + offset
            for word, offsets in self._anchors
            if only is None or word in only
            for at in places(low, word)
            for offset in offsets
        }
        match = self.pattern.match
        end = 0
        for start in sorted(starts):
            if start >= end and (m := match(text, start)):
                yield m
                end = max(m.end(), start + 1)


def _as_ignoring_case(text: str) -> str:
    """The text lowercased as `re.IGNORECASE` compares it: `İ` and `ı` as `i` (`İ` would
    lowercase to two characters), `ſ` as `s`; one character for one. (`ı` and `ſ` are the
    letters `re.IGNORECASE` takes for ASCII ones that `str.lower` keeps as they are.)"""
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()
