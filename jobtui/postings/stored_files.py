"""The files a load store holds, as one load reads them: each one's number and stamp, by key.

A reopen looks up every file of the folder here while it checks them, so the whole table is
read at once (in the transaction that reads the postings: the same moment of the store). As a
dict of tuples it cost ~470 bytes a file (a tuple of eight, five large integers, a key tuple):
47 MB at 100,000 files, the peak of a reopen; as a dict of packed numbers by path, ~200. Here
the files are columns: their paths one UTF-8 blob, their numbers one array, and a file is found
by the hash of its key (`hashed.HashOrder`) and checked against the blob: ~95 bytes a file. A
problem or a warning is kept beside, by the file's place.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from typing import Any

from jobtui.hashed import HashOrder

Stamp = tuple[int, Any, Any, Any, Any, Any, Any, Any]
"""(number, size, mtime_ns, count, problem, warning, ctime_ns, inode), as the table holds them."""
Key = tuple[str, str]
"""(path below its root, the root resolved)."""

_LOW, _HIGH = -(1 << 63), 1 << 63
"""The integers that pack (`q`: 64 bits, as SQLite's integers are); another is kept as read."""
_NO_NOTES = (None, None)


def _encoded(path: str) -> bytes:
    return path.encode("utf-8", "surrogatepass")


class StoredFiles:
    """The stored files by key, (path below its root, the root resolved), each to its `Stamp`.
    Made by `add` (a key added again: the later stamp holds), then asked (`get`)."""

    __slots__ = (
        "_blob", "_cut", "_dead", "_ends", "_hashed", "_hashes", "_notes", "_numbers", "_odd",
        "_root_names", "_root_of", "_roots",
    )  # fmt: skip

    def __init__(self) -> None:
        self._blob = bytearray()
        """Every packed file's path, UTF-8, one after another."""
        self._ends = array("q", [0])
        """Where each packed file's path ends in `_blob` (and the first starts)."""
        self._roots: dict[str, int] = {}
        self._root_names: list[str] = []
        self._root_of = array("i")
        """Each packed file's root, as its place in `_root_names`."""
        self._numbers = array("q")
        """number, size, mtime_ns, count, ctime_ns, inode of each packed file."""
        self._hashes = array("q")
        """The hash of each packed file's key."""
        self._notes: dict[int, tuple[Any, Any]] = {}
        """(problem, warning) of a packed file that has either, by its place."""
        self._odd: dict[Key, Stamp] = {}
        """The stamps that are not packed: values that are not integers of 64 bits (a damaged
        store: the caller checks them, and must see them as read). A file packed before under
        the same key is not held (`_live`, `_place` ask here first)."""
        self._cut: dict[Key, int] = {}
        """Keys forgotten, with the number of files packed before: a packed file of such a key
        before then is not held."""
        self._hashed: HashOrder | None = None
        """The hashes sorted with each one's place: made at the first question."""
        self._dead: set[int] = set()
        """Places of packed files whose key was packed again later."""

    def add(self, key: Key, stamp: Stamp) -> None:
        """Hold a file's stamp (a key already held is replaced)."""
        number, size, mtime, count, problem, warning, ctime, inode = stamp
        numbers = (number, size, mtime, count, ctime, inode)
        self._odd.pop(key, None)
        if not all(type(v) is int and _LOW <= v < _HIGH for v in numbers):
            self._odd[key] = stamp
            return
        path, root = key
        place = len(self._hashes)
        self._blob += _encoded(path)
        self._ends.append(len(self._blob))
        root_at = self._roots.get(root)
        if root_at is None:
            root_at = self._roots[root] = len(self._root_names)
            self._root_names.append(root)
        self._root_of.append(root_at)
        self._numbers.extend(numbers)
        self._hashes.append(hash(key))
        if problem is not None or warning is not None:
            self._notes[place] = (problem, warning)
        self._hashed = None

    def _key(self, place: int) -> Key:
        path = self._blob[self._ends[place] : self._ends[place + 1]]
        return path.decode("utf-8", "surrogatepass"), self._root_names[self._root_of[place]]

    def _is(self, place: int, encoded: bytes, root: str) -> bool:
        start, end = self._ends[place], self._ends[place + 1]
        return (
            end - start == len(encoded)
            and self._blob[start:end] == encoded
            and self._root_names[self._root_of[place]] == root
        )

    def _index(self) -> HashOrder:
        """The hashes sorted (made now if an `add` came since)."""
        if self._hashed is not None:
            return self._hashed
        import numpy as np

        self._hashed = HashOrder(np.frombuffer(self._hashes, dtype=np.int64))
        # A key packed twice (no store of ours holds one): the later place holds it.
        self._dead = set()
        for run in self._hashed.shared():  # (keys of a hash another shares: few)
            latest: dict[Key, int] = {}
            for place in run:
                key = self._key(place)
                if key in latest:
                    self._dead.add(latest[key])
                latest[key] = place
        return self._hashed

    def _place(self, key: Key) -> int:
        """Where the packed file of `key` is, or -1 (not packed, or forgotten since)."""
        path, root = key
        encoded, hashed, h = _encoded(path), self._index(), hash(key)
        at, place = hashed.first(h)
        if at < 0:
            return -1
        if place in self._dead or not self._is(place, encoded, root):  # (a collision: rare)
            place = next(
                (
                    p
                    for p in hashed.places(h, at)
                    if p not in self._dead and self._is(p, encoded, root)
                ),
                -1,
            )
        return place if place >= self._cut.get(key, 0) else -1

    def get(self, key: Key) -> Stamp | None:
        """A file's stamp, or None when it is not held."""
        odd = self._odd.get(key)
        if odd is not None:
            return odd
        place = self._place(key)
        if place < 0:
            return None
        number, size, mtime, count, ctime, inode = self._numbers[6 * place : 6 * place + 6]
        problem, warning = self._notes.get(place, _NO_NOTES)
        return number, size, mtime, count, problem, warning, ctime, inode

    def pop(self, key: Key) -> None:
        """Forget a file, if held."""
        self._odd.pop(key, None)
        self._cut[key] = len(self._hashes)

    def _live(self) -> Iterator[int]:
        """The places of the packed files held."""
        self._index()
        dead, cut, odd = self._dead, self._cut, self._odd
        for place in range(len(self._hashes)):
            if place in dead:
                continue
            if cut or odd:
                key = self._key(place)
                if key in odd or place < cut.get(key, 0):
                    continue
            yield place

    def numbered(self) -> Iterator[tuple[Key, int]]:
        """Each file's key and number."""
        numbers = self._numbers
        for place in self._live():
            yield self._key(place), numbers[6 * place]
        for key, stamp in self._odd.items():
            yield key, stamp[0]

    def __contains__(self, key: Key) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        if not (self._cut or self._odd):
            self._index()
            return len(self._hashes) - len(self._dead)
        return sum(1 for _ in self._live()) + len(self._odd)


DENSE = 1 << 16
"""Numbers held a bit each beyond the highest one near (`FileNumbers`)."""


class FileNumbers:
    """A set of file numbers, as a load meets its stored files: a bit for each number up to
    the store's highest (they count up from 1, and a file written again gets the next one: a
    store's highest grows with its changes, 1,000,000 of them take 125 KB; a set of the numbers
    took ~73 bytes each), and a set for a number far beyond (a damaged store)."""

    __slots__ = ("_bits", "_count", "_far", "_near")

    def __init__(self, near: int = 0) -> None:
        """`near`: how far numbers are expected to reach (the store's highest)."""
        self._near = max(near, 0) + DENSE
        self._bits = bytearray()
        self._far: set[int] = set()
        self._count = 0
        """Numbers held as bits."""

    def expect(self, near: int) -> None:
        """Numbers are expected to reach `near` now."""
        self._near = max(self._near, near + DENSE)

    def add(self, number: int) -> None:
        if not 0 <= number < self._near or number in self._far:
            self._far.add(number)  # (one far before the reach grew stays there)
            return
        bits = self._bits
        byte, bit = number >> 3, 1 << (number & 7)
        if byte >= len(bits):
            bits.extend(bytes(max(byte + 1 - len(bits), len(bits))))
        if not bits[byte] & bit:
            bits[byte] |= bit
            self._count += 1

    def __contains__(self, number: object) -> bool:
        if type(number) is not int:
            return False
        bits, byte = self._bits, number >> 3
        return (0 <= byte < len(bits) and bool(bits[byte] & 1 << (number & 7))) or (
            number in self._far
        )

    def __len__(self) -> int:
        return self._count + len(self._far)
