"""The files a load store holds, as one load reads them: each one's number and stamp, by key.

A reopen looks up every file of the folder here while it checks them, so the whole table is
read at once (in the transaction that reads the postings: the same moment of the store). As a
dict of tuples it cost ~470 bytes a file (a tuple of eight, five large integers, a key tuple):
47 MB at 100,000 files, the peak of a reopen. Here an ordinary file's numbers are packed in
one bytes object under its path, in a dict per root: ~190 bytes a file (a problem or a warning
is kept beside it).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

Stamp = tuple[int, Any, Any, Any, Any, Any, Any, Any]
"""(number, size, mtime_ns, count, problem, warning, ctime_ns, inode), as the table holds them."""

_PACKED = struct.Struct("<6q")
"""number, size, mtime_ns, count, ctime_ns, inode of a file, packed."""
_LOW, _HIGH = -(1 << 63), 1 << 63
"""The integers that pack (`q`: 64 bits, as SQLite's integers are); another is kept as read."""
_NO_NOTES = (None, None)
_NONE: dict[str, bytes] = {}


class StoredFiles:
    """The stored files by key, (path below its root, the root resolved), each to its `Stamp`."""

    __slots__ = ("_notes", "_odd", "_roots")

    def __init__(self) -> None:
        self._roots: dict[str, dict[str, bytes]] = {}
        """The packed numbers of each file whose numbers are integers, by its path, in a dict
        per root."""
        self._notes: dict[tuple[str, str], tuple[Any, Any]] = {}
        """(problem, warning) of a packed file that has either (a warning is common: a field
        the loader refused)."""
        self._odd: dict[tuple[str, str], Stamp] = {}
        """The stamps that are not packed: values that are not integers of 64 bits (a damaged
        store: the caller checks them, and must see them as read)."""

    def add(self, key: tuple[str, str], stamp: Stamp) -> None:
        """Hold a file's stamp (a key already held is replaced)."""
        self.pop(key)
        number, size, mtime, count, problem, warning, ctime, inode = stamp
        numbers = (number, size, mtime, count, ctime, inode)
        if all(type(v) is int and _LOW <= v < _HIGH for v in numbers):
            path, root = key
            self._roots.setdefault(root, {})[path] = _PACKED.pack(*numbers)
            if problem is not None or warning is not None:
                self._notes[key] = (problem, warning)
        else:
            self._odd[key] = stamp

    def get(self, key: tuple[str, str]) -> Stamp | None:
        """A file's stamp, or None when it is not held."""
        path, root = key
        packed = self._roots.get(root, _NONE).get(path)
        if packed is None:
            return self._odd.get(key)
        number, size, mtime, count, ctime, inode = _PACKED.unpack(packed)
        problem, warning = self._notes.get(key, _NO_NOTES)
        return number, size, mtime, count, problem, warning, ctime, inode

    def pop(self, key: tuple[str, str]) -> None:
        """Forget a file, if held."""
        path, root = key
        paths = self._roots.get(root)
        if paths is not None and paths.pop(path, None) is not None:
            self._notes.pop(key, None)
        else:
            self._odd.pop(key, None)

    def numbered(self) -> Iterator[tuple[tuple[str, str], int]]:
        """Each file's key and number."""
        number_of = _PACKED.unpack_from
        for root, paths in self._roots.items():
            for path, packed in paths.items():
                yield (path, root), number_of(packed)[0]
        for key, stamp in self._odd.items():
            yield key, stamp[0]

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return sum(map(len, self._roots.values())) + len(self._odd)


DENSE = 1 << 16
"""Numbers held a byte each beyond the highest one near (`FileNumbers`)."""


class FileNumbers:
    """A set of file numbers, as a load meets its stored files: a byte for each number (they
    count up from 1, so the numbers of 1,000,000 files take 1 MB; a set of them took ~73 MB),
    and a set for a number far beyond the others (a damaged store, a number not yet given)."""

    __slots__ = ("_bytes", "_far", "_near")

    def __init__(self, near: int = 0) -> None:
        """`near`: how far numbers are expected to reach (the store's highest)."""
        self._near = max(near, 0) + DENSE
        self._bytes = bytearray()
        self._far: set[int] = set()

    def expect(self, near: int) -> None:
        """Numbers are expected to reach `near` now."""
        self._near = max(self._near, near + DENSE)

    def add(self, number: int) -> None:
        if 0 <= number < self._near:
            held = self._bytes
            if number >= len(held):
                held.extend(bytes(max(number + 1 - len(held), len(held))))
            held[number] = 1
        else:
            self._far.add(number)

    def __contains__(self, number: object) -> bool:
        if type(number) is not int:
            return False
        held = self._bytes
        return (0 <= number < len(held) and held[number] == 1) or number in self._far

    def __len__(self) -> int:
        return self._bytes.count(1) + len(self._far)
