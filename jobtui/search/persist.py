"""The word index saved in one file beside the load store, and mapped read-only on the next
open, so a folder that did not change is not tokenised again.

The file: a fixed prefix (magic, format version, header length, header checksum), a JSON header
(the jobtui release that wrote it, the fields, and every array's name, dtype, count, byte offset
and crc32), then the arrays, each starting on a 64-byte boundary. Arrays: the vocabulary (UTF-8 blob and offsets), its alphabetical order,
the ids of the words in short fields, each field's posting lists (offsets and posting numbers,
as one segment holds them), the posting ids (blob and offsets) and the postings newest first
(the order an empty query lists, so a reopen lists them before it reads them). A file that is missing,
truncated, of another format or damaged loads as None: it is only a copy of what the postings
say, made again from them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import struct
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, BinaryIO

from jobtui import __version__
from jobtui.search.arrays import np
from jobtui.search.index import FIELDS, WordIndex
from jobtui.search.snapshot import SavedKeys, Snapshot
from jobtui.storage import atomic_write

MAGIC = b"JOBTUIWX"
VERSION = 1
"""Made one more whenever the layout, the tokenizer or the fields change: older files are then
not read (the index is built from the postings and saved again)."""
ALIGN = 64
_PREFIX = struct.Struct("<8sIQI")
"""Magic, format version, header length, crc32 of the header."""
_DTYPES = {"<i8": "int64", "<i4": "int32", "|u1": "uint8"}
"""The dtypes a file may hold, by the name the header gives."""


TOKENIZING = (
    "search/index.py", "search/bulk.py", "search/segments.py", "search/persist.py",
    "postings/text.py", "postings/vocab.py",
)  # fmt: skip
"""The modules that decide what an index holds: a file saved by other code is not read."""


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """jobtui's version and the code of `TOKENIZING`: what a saved index must be made by."""
    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    package = Path(__file__).resolve().parent.parent
    for name in TOKENIZING:
        with contextlib.suppress(OSError):
            h.update((package / name).read_bytes())
    return h.hexdigest()


def save(
    index: WordIndex,
    ids: Sequence[str],
    path: Path,
    recency: Any = None,
    spelled: Sequence[str] = (),
) -> None:
    """Write the index to `path` atomically; `ids` are the ids of `index.postings`, in order.
    For a `SearchIndex`'s words use `SearchIndex.save` (it prepares the engine first).
    `recency`: the posting numbers newest first (the empty query's order), saved with the
    folders as `spelled` (the order's last tie is the source, which holds their spelling).
    OSError when the file can not be written: saving is only worth trying."""
    if len(ids) != len(index.postings):
        raise ValueError(f"{len(ids)} ids for {len(index.postings)} postings")
    if len(set(ids)) != len(ids):  # `load` refuses such a file: none is written
        raise ValueError("two postings share an id (one file under two folders given)")
    index.prepare()
    size = len(index.words)
    arrays: dict[str, Any] = dict(zip(("words", "word_offsets"), _pack(index.words), strict=True))
    arrays["sorted"] = index.sorted_ids()
    arrays["field_words"] = np.array(sorted(index.field_word_ids), dtype=np.int32)
    for name in FIELDS:  # each field's lists are merged as they are written, a block at a time
        offsets, blocks = index.fields[name].blocks(size)
        arrays[f"{name}.offsets"] = offsets
        arrays[f"{name}.docs"] = _Blocks(blocks, int(offsets[-1]), np.dtype(np.int32))
    arrays["ids"], arrays["id_offsets"] = _pack(ids)
    if recency is not None:
        arrays["recency"] = np.asarray(recency, dtype=np.int32)
    counts = {"postings": len(ids), "words": size, "spelled": [str(p) for p in spelled]}
    atomic_write(path, lambda fh: _write(fh, arrays, counts))


class _Blocks:
    """An array written as it is made, in blocks (a field's merged posting lists): its length
    and dtype are known before any block is."""

    def __init__(self, blocks: Iterator[Any], count: int, dtype: Any) -> None:
        self.blocks, self.count, self.dtype = blocks, count, dtype


def _pack(strings: Sequence[str]) -> tuple[Any, Any]:
    """The strings as one UTF-8 blob (uint8) and the offset of each (int64, one more)."""
    joined = "".join(strings)
    blob = joined.encode("utf-8", "surrogatepass")
    if len(blob) == len(joined):  # ASCII: a byte a character
        lengths: Any = map(len, strings)
    else:
        lengths = (len(s.encode("utf-8", "surrogatepass")) for s in strings)
    offsets = np.zeros(len(strings) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(lengths, dtype=np.int64, count=len(strings)), out=offsets[1:])
    return np.frombuffer(blob, dtype=np.uint8), offsets


def _write(fh: BinaryIO, arrays: dict[str, Any], counts: dict[str, Any]) -> None:
    """The file: the arrays, each on its boundary after room for the header, then the prefix
    and the header (their checksums known once the arrays are written)."""
    specs = []
    for name, a in arrays.items():
        dtype = a.dtype.newbyteorder("<")
        specs.append({"name": name, "dtype": dtype.str, "count": _count(a), "crc": 0xFFFFFFFF})
    # Offsets depend on the header's length, which depends on the offsets: lay out with room
    # for the widest numbers, then pad the header to that length.
    for spec in specs:
        spec["offset"] = 10**15
    room = len(_header(specs, counts))
    cursor = _aligned(_PREFIX.size + room)
    for spec, a in zip(specs, arrays.values(), strict=True):
        spec["offset"] = cursor
        cursor = _aligned(cursor + spec["count"] * a.dtype.itemsize)
    at = _PREFIX.size + room
    fh.seek(at)
    for spec, a in zip(specs, arrays.values(), strict=True):
        fh.write(bytes(spec["offset"] - at))
        crc, written = 0, 0
        for piece in a.blocks if isinstance(a, _Blocks) else (a,):
            piece = np.ascontiguousarray(piece, dtype=piece.dtype.newbyteorder("<"))
            crc = zlib.crc32(piece, crc)
            fh.write(memoryview(piece).cast("B"))
            written += len(piece)
        if written != spec["count"]:
            raise ValueError(f"{spec['name']}: {written} values written for {spec['count']}")
        spec["crc"] = crc
        at = spec["offset"] + written * a.dtype.itemsize
    header = _header(specs, counts).ljust(room)
    fh.seek(0)
    fh.write(_PREFIX.pack(MAGIC, VERSION, len(header), zlib.crc32(header)) + header)


def _count(a: Any) -> int:
    return a.count if isinstance(a, _Blocks) else len(a)


def _header(specs: list[dict[str, Any]], counts: dict[str, Any]) -> bytes:
    made = {"jobtui": code_stamp(), "fields": list(FIELDS)}
    return json.dumps({**counts, **made, "arrays": specs}).encode()


def _aligned(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


def load(path: Path) -> Snapshot | None:
    """The saved index at `path`, mapped; None when there is none or it can not be trusted
    (truncated, another format or version, a checksum or a bound that does not hold)."""
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size < _PREFIX.size:
                return None
            mapping = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        snapshot = _read(mapping)
    except Exception:  # a damaged file can fail in any way: it is only a cache
        snapshot = None
    if snapshot is None:
        with contextlib.suppress(BufferError):
            mapping.close()
    return snapshot


def _read(mapping: mmap.mmap) -> Snapshot | None:
    magic, version, length, crc = _PREFIX.unpack_from(mapping, 0)
    if magic != MAGIC or version != VERSION or _PREFIX.size + length > len(mapping):
        return None
    raw = mapping[_PREFIX.size : _PREFIX.size + length]
    if zlib.crc32(raw) != crc:
        return None
    header = json.loads(raw)
    if header["jobtui"] != code_stamp() or header["fields"] != list(FIELDS):
        return None  # another release may split words otherwise: made again
    n, size = int(header["postings"]), int(header["words"])
    arrays = {}
    for spec in header["arrays"]:
        dtype = np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")
        count, offset = int(spec["count"]), int(spec["offset"])
        if count < 0 or offset < 0 or offset + count * dtype.itemsize > len(mapping):
            return None
        a = np.frombuffer(mapping, dtype=dtype, count=count, offset=offset)
        if zlib.crc32(a) != spec["crc"]:
            return None
        arrays[spec["name"]] = a
    words = _strings(arrays["words"], arrays["word_offsets"], size)
    spans = _spans(arrays["ids"], arrays["id_offsets"], n)
    if words is None or spans is None:
        return None
    ids = SavedKeys(spans[0], spans[1][:-1], spans[1][1:])
    if not ids.unique():
        return None
    word_id = dict(zip(words, range(size), strict=True))
    order, short = arrays["sorted"], arrays["field_words"]
    if len(word_id) != size or len(order) != size or not _ids_within(short, size):
        return None
    if not _ids_within(order, size) or np.bincount(order, minlength=size).max(initial=1) != 1:
        return None  # not a permutation
    in_order = list(map(words.__getitem__, order.tolist()))
    if any(a > b for a, b in pairwise(in_order)):
        return None  # not their order: completions would be wrong
    fields = {}
    for name in FIELDS:
        offsets, docs = arrays[f"{name}.offsets"], arrays[f"{name}.docs"]
        if not _offsets_valid(offsets, size, len(docs)) or not _ids_within(docs, n):
            return None
        fields[name] = (offsets, docs)
    recency = arrays.get("recency")
    spelled = header.get("spelled")
    if recency is not None and not (
        len(recency) == n
        and _ids_within(recency, n)
        and np.bincount(recency, minlength=n).max(initial=1) == 1
        and type(spelled) is list
        and all(type(s) is str for s in spelled)
    ):
        return None  # not an order of the postings
    snapshot = Snapshot(ids, words, word_id, order, short, fields, mapping)
    if recency is not None:
        snapshot.recency, snapshot.spelled = recency, spelled
    return snapshot


def _ids_within(a: Any, bound: int) -> bool:
    return not len(a) or (int(a.min()) >= 0 and int(a.max()) < bound)


def _offsets_valid(offsets: Any, count: int, total: int) -> bool:
    """`count` slices one after another from 0 to `total`."""
    if len(offsets) != count + 1 or offsets[0] != 0 or offsets[-1] != total:
        return False
    return bool((np.diff(offsets) >= 0).all())


def _strings(blob: Any, offsets: Any, count: int) -> list[str] | None:
    """The strings `_pack` made, or None when the offsets do not fit the blob."""
    spans = _spans(blob, offsets, count)
    if spans is None:
        return None
    text, bounds = spans
    bounds = bounds.tolist()
    return list(map(text.__getitem__, map(slice, bounds[:-1], bounds[1:])))


def _spans(blob: Any, offsets: Any, count: int) -> tuple[str, Any] | None:
    """The blob of strings `_pack` made as text, with the offsets in characters; None when
    the offsets do not fit the blob."""
    if not _offsets_valid(offsets, count, len(blob)):
        return None
    text = bytes(blob).decode("utf-8", "surrogatepass")
    if len(text) != len(blob):  # characters of several bytes: count in characters
        follows = (blob & 0xC0) == 0x80  # a byte inside a character
        inside = np.zeros(len(blob) + 1, dtype=np.int64)
        np.cumsum(follows, out=inside[1:])
        if follows[offsets[:-1][offsets[:-1] < len(blob)]].any():
            return None  # an offset inside a character
        offsets = offsets - inside[offsets]
    return text, np.asarray(offsets, dtype=np.int64)
