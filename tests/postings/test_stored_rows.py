"""The postings a reopen reads back from the store's ids, by file: each file's postings once,
none of a file with a row that does not check out, and the rest listed in order."""

from __future__ import annotations

from pathlib import Path

from jobtui.postings.stored import Details, Reader

PER_FILE = 8


def _rows(files: dict[int, list[tuple[str, str]]]) -> list[tuple[object, object, object]]:
    """(n, id, digest) rows of files by number, in the order of n."""
    return [
        (number * PER_FILE + seq, pid, digest)
        for number in sorted(files)
        for seq, (pid, digest) in enumerate(files[number])
    ]


def _reader(tmp_path: Path) -> Reader:
    return Reader(Details(tmp_path / "none.sqlite", [str(tmp_path)]), per_file=PER_FILE)


def test_each_file_gives_its_postings_once_in_order(tmp_path: Path) -> None:
    files = {
        3: [("a1", "d1"), ("a2", "d2"), ("a3", "d3")],
        4: [("b1", "e1")],
        9: [("c1", "f1"), ("c2", "f2")],
    }
    rows = _reader(tmp_path).by_file(_rows(files))
    assert [p.id for p in rows.left()] == ["a1", "a2", "a3", "b1", "c1", "c2"]
    popped = rows.pop(9)
    assert popped is not None and [p.id for p in popped] == ["c1", "c2"]
    assert rows.pop(9) == []  # met once: a second ask finds nothing
    assert rows.pop(5) == [] and rows.pop(0) == []  # no such file
    assert [p.id for p in rows.left()] == ["a1", "a2", "a3", "b1"]
    assert [p.id for p in rows.numbered(3 * PER_FILE + 1, 9 * PER_FILE)] == ["a2", "a3", "b1"]


def test_a_file_with_a_row_that_does_not_check_out_gives_none_of_its_postings(
    tmp_path: Path,
) -> None:
    files = {
        1: [("a1", "d1")],
        2: [("b1", "e1"), ("b2", "NOT HEX"), ("b3", "e3")],  # refused at its second row
        6: [("c1", "f1")],
    }
    rows = _reader(tmp_path).by_file([*_rows(files), ("7", "x1", "y1")])  # (a number as text)
    assert [p.id for p in rows.left()] == ["a1", "c1"]
    assert rows.pop(2) is None
    popped = rows.pop(6)
    assert popped is not None and [p.id for p in popped] == ["c1"]
