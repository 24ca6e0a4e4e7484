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


def test_files_asked_for_in_order_or_not_give_the_same_postings(tmp_path: Path) -> None:
    """A load asks for the files in about their order (the next one is found without a
    search); asked out of order, or twice, the answer is the same."""
    files = {
        n: [(f"{n:02x}a{k}", f"{n:02x}d{k}") for k in range(n % 3 + 1)] for n in range(2, 40, 3)
    }
    expected = {n: [pid for pid, _ in rows] for n, rows in files.items()}
    for order in (sorted(files), sorted(files, reverse=True), [11, 2, 5, 8, 14, 17, 5, 20]):
        rows = _reader(tmp_path).by_file(_rows(files))
        asked: set[int] = set()
        for n in order:
            popped = rows.pop(n)
            assert popped is not None
            assert [p.id for p in popped] == ([] if n in asked else expected[n]), (order, n)
            asked.add(n)
            assert rows.pop(n + 1) == []  # (no such file: between two)
        left = [pid for n in sorted(files) if n not in asked for pid in expected[n]]
        assert [p.id for p in rows.left()] == left
