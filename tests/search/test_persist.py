"""A saved index, mapped on the next open, finds exactly what a freshly built one finds; a
damaged file is never trusted."""

from __future__ import annotations

import json
import os
import random
import struct
import tempfile
import zlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobtui.search.index
import jobtui.search.segments
from jobtui.postings.model import Posting
from jobtui.search import persist
from jobtui.search.engine import SearchIndex
from jobtui.search.index import BULK_MIN, saved_key

from ..conftest import make_posting

TODAY = date.today()
WORDS = (
    "python pyhton django kubernetes kubernets rust rest engineer senior developer golang go "
    "react node.js c++ straße müller backend frontend data dart helm sr dev remote berlin "
    "platform plattform pytorch pandas"
).split()
TAGS = ("python", "rust", "kubernetes", "react native", "c++", "node.js", "go", "objective-c")
COMPANIES = (None, "Acme Corp", "Diode", "Müller GmbH")
PLACES = (None, "Berlin", "London, UK", "Remote")


def post(pid: str, title: str, body: str = "", tags: tuple[str, ...] = (), **more) -> Posting:
    return make_posting(pid, title, body, tags=tags, **more)


@st.composite
def postings(draw: st.DrawFn, prefix: str, max_size: int = 10) -> list[Posting]:
    count = draw(st.integers(0, max_size))
    found = []
    for i in range(count):
        text = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
        days = draw(st.none() | st.integers(0, 60))
        found.append(
            post(
                f"{prefix}{i}",
                draw(text) or "Role",
                draw(text),
                tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True))),
                company=draw(st.sampled_from(COMPANIES)),
                location=draw(st.sampled_from(PLACES)),
                posted=None if days is None else TODAY - timedelta(days=days),
            )
        )
    return found


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries_for(posts: Sequence[Posting], seed: int) -> list[str]:
    """Words of the postings, their prefixes and typos, a few fields and phrases."""
    rng = random.Random(seed)
    words = sorted({w for p in posts for w in f"{p.title} {p.body}".lower().split()} | {"zzz"})
    found = ["", "-python", 'title:"senior developer"', "tag:kube", "company:acme", "go rust"]
    for w in rng.sample(words, min(len(words), 8)):
        found += [w, w[: rng.randint(1, len(w))], typo(w, rng), f"title:{w}", f"{w} -dev"]
    return found


def outcome(index: SearchIndex, query: str) -> tuple[list[str], list[float], tuple[str, ...]]:
    """What a person sees: which postings, in which order, how they score, what is marked."""
    result = index.run(query, today=TODAY)
    ids = [result.posting(i).id for i in range(len(result))]
    return ids, [result.score(i) for i in range(len(result))], result.terms


def assert_same_results(got: SearchIndex, fresh: SearchIndex, queries: Sequence[str]) -> None:
    for query in queries:
        assert outcome(got, query) == outcome(fresh, query), query


def saved(index: SearchIndex, folder: Path) -> persist.Snapshot:
    path = folder / "index.bin"
    index.save(path)
    snapshot = persist.load(path)
    assert snapshot is not None
    return snapshot


def adopted(snapshot: persist.Snapshot, keep: np.ndarray, kept: list[Posting]) -> SearchIndex:
    index = SearchIndex()
    index.adopt(snapshot, keep, kept)
    return index


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings("p", max_size=12), st.integers(0, 10_000))
def test_a_reopened_index_finds_what_a_fresh_one_finds(posts, seed):
    with tempfile.TemporaryDirectory() as folder:
        fresh = SearchIndex(posts)
        snapshot = saved(fresh, Path(folder))
        keep = np.ones(len(posts), dtype=bool)
        assert list(snapshot.ids) == [saved_key(p) for p in posts]
        assert_same_results(adopted(snapshot, keep, posts), fresh, queries_for(posts, seed))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    postings("p", max_size=12),
    postings("new", max_size=5),
    st.lists(st.booleans(), min_size=12, max_size=12),
    st.integers(0, 10_000),
)
def test_changed_and_new_postings_are_indexed_after_the_kept_ones(posts, new, mask, seed):
    keep = np.array(mask[: len(posts)], dtype=bool)
    kept = [p for p, k in zip(posts, keep, strict=True) if k]
    with tempfile.TemporaryDirectory() as folder:
        snapshot = saved(SearchIndex(posts), Path(folder))
        index = adopted(snapshot, keep, kept)
        index.add(new)
        assert_same_results(index, SearchIndex(kept + new), queries_for(posts + new, seed))


def test_a_word_only_dropped_postings_had_is_neither_completed_nor_corrected(tmp_path):
    posts = [
        post("gone", "Kubernetes Engineer", "kubernetes " * 3, ("kubernetes",)),
        post("a", "Python Developer", "pyhton once"),
        post("b", "Python Engineer"),
        post("c", "Python Lead", "python"),
        post("d", "Python Dev"),
    ]
    snapshot = saved(SearchIndex(posts), tmp_path)
    keep = np.array([False, True, True, True, True])
    index = adopted(snapshot, keep, posts[1:])
    for query in ("kube", "kubernets", "tag:kube", "k", "engi"):
        fresh = SearchIndex(posts[1:])
        assert outcome(index, query) == outcome(fresh, query), query
        assert "kubernetes" not in outcome(index, query)[2]
    assert index.run("kubernetes").ids.size == 0
    # The typo `pyhton` in one body is still read as python, counted in the kept postings only.
    assert [h.posting.id for h in index.search("pyhton")][:1] == ["a"]


def test_adopting_with_everything_kept_uses_the_mapped_lists(tmp_path):
    posts = [post(f"p{i}", f"Engineer {i}", f"python body {i}") for i in range(20)]
    snapshot = saved(SearchIndex(posts), tmp_path)
    index = adopted(snapshot, np.ones(20, dtype=bool), posts)
    body = index._index.fields["body"].segments[0]
    assert body.docs is snapshot.fields["body"][1]  # zero copy: the file's pages
    assert not body.docs.flags.writeable
    assert [h.posting.id for h in index.search("body 7")] == ["p7"]


def test_adopting_the_wrong_postings_is_refused(tmp_path):
    posts = [post("a", "One"), post("b", "Two")]
    snapshot = saved(SearchIndex(posts), tmp_path)
    with pytest.raises(ValueError):
        SearchIndex().adopt(snapshot, np.array([True, True]), posts[::-1])
    with pytest.raises(ValueError):
        SearchIndex().adopt(snapshot, np.array([True]), posts[:1])


def test_a_big_batch_tokenised_in_bulk_saves_and_reopens(tmp_path):
    rng = random.Random(3)
    vocabulary = [w for w in WORDS if w.isalpha()] + [f"word{i}" for i in range(400)]
    posts = [
        post(
            f"s{i}",
            " ".join(rng.choices(vocabulary[:20], k=2)),
            " ".join(rng.choices(vocabulary, k=rng.randint(0, 30))),
            tuple(rng.sample(TAGS, 1)),
        )
        for i in range(BULK_MIN + 500)
    ]
    fresh = SearchIndex(posts)
    assert fresh._index.fields["body"].segments[0].remap is not None  # the bulk path
    snapshot = saved(fresh, tmp_path)
    queries = ["python", "word12", "word1", "wrod12", "pyhton", "kube", "senior dev", "word3 -go"]
    assert_same_results(adopted(snapshot, np.ones(len(posts), dtype=bool), posts), fresh, queries)
    keep = np.array([rng.random() < 0.9 for _ in posts])
    kept = [p for p, k in zip(posts, keep, strict=True) if k]
    new = [post(f"n{i}", "Rust Engineer", f"word{i} kubernetes") for i in range(50)]
    index = adopted(snapshot, keep, kept)
    index.add(new)
    assert_same_results(index, SearchIndex(kept + new), queries)
    # Saved again (mapped lists, a renumbered one and new segments) and reopened.
    again = saved(index, tmp_path)
    assert_same_results(
        adopted(again, np.ones(len(again.ids), dtype=bool), kept + new), index, queries
    )


def test_a_big_batch_added_after_adopting_is_numbered_after_the_kept_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(jobtui.search.index, "BULK_MIN", 5)  # small batches go the bulk way
    posts = [post(f"p{i}", f"Python Engineer {i}", f"django body{i} straße") for i in range(12)]
    snapshot = saved(SearchIndex(posts), tmp_path)
    keep = np.arange(12) % 4 != 1
    kept = [p for p, k in zip(posts, keep, strict=True) if k]
    new = [post(f"n{i}", f"Rust Engineer {i}", f"tokio body{i} straße") for i in range(8)]
    index = adopted(snapshot, keep, kept)
    index.add(new)
    assert index._index.fields["body"].segments[-1].remap is not None  # the bulk path
    queries = ["body1", "body", "straße", "tokio", "python 5", "engineer 1", "bdoy3"]
    assert_same_results(index, SearchIndex(kept + new), queries)


def test_saving_while_segments_merge_in_a_thread(tmp_path, monkeypatch):
    monkeypatch.setattr(jobtui.search.segments, "QUICK_MERGE", 0)  # every merge in a thread
    posts = [post(f"p{i}", f"Engineer {i % 5}", f"python {i} body") for i in range(40)]
    index = SearchIndex()
    for start in range(0, 40, 4):
        index.add(posts[start : start + 4])
        index.run("python")
    snapshot = saved(index, tmp_path)
    queries = ["python", "engineer 3", "body", "17"]
    assert_same_results(
        adopted(snapshot, np.ones(40, dtype=bool), posts), SearchIndex(posts), queries
    )


def test_saving_over_a_mapped_snapshot_leaves_it_working(tmp_path):
    old = [post(f"o{i}", "Python Developer", f"django {i}") for i in range(5)]
    new = [post(f"n{i}", "Rust Engineer", f"tokio {i}") for i in range(3)]
    first = saved(SearchIndex(old), tmp_path)
    index = adopted(first, np.ones(5, dtype=bool), old)
    second = saved(SearchIndex(new), tmp_path)  # the same path, replaced
    assert list(second.ids) == [saved_key(p) for p in new]
    assert [h.posting.id for h in index.search("django 3")] == ["o3"]
    assert list(first.ids) == [saved_key(p) for p in old] and "django" in first.word_id
    assert [h.posting.id for h in adopted(second, np.ones(3, dtype=bool), new).search("tokio")]
    first.close()  # the index that adopted it keeps its arrays
    assert [h.posting.id for h in index.search("python")] == [p.id for p in old]


# --- damaged files --------------------------------------------------------------------------


@pytest.fixture
def sample(tmp_path: Path) -> tuple[Path, list[Posting]]:
    posts = [
        post(f"p{i}", f"Senior Python Developer {i}", f"django kubernetes straße {i}", ("python",))
        for i in range(30)
    ]
    path = tmp_path / "index.bin"
    SearchIndex(posts).save(path)
    return path, posts


def layout(path: Path) -> tuple[dict, int, int]:
    """The header, where it starts and how long it is."""
    data = path.read_bytes()
    _magic, _version, length, _crc = struct.unpack_from("<8sIQI", data)
    start = struct.calcsize("<8sIQI")
    return json.loads(data[start : start + length]), start, length


def array_at(path: Path, name: str) -> dict:
    return next(s for s in layout(path)[0]["arrays"] if s["name"] == name)


def flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x5A
    path.write_bytes(bytes(data))


def forge(path: Path, name: str, change: Callable[[np.ndarray], None]) -> None:
    """Change an array and write checksums that fit: damage no checksum can catch."""
    header = layout(path)[0]
    data = bytearray(path.read_bytes())
    spec = next(s for s in header["arrays"] if s["name"] == name)
    a = np.frombuffer(data, dtype=spec["dtype"], count=spec["count"], offset=spec["offset"])
    change(a)
    spec["crc"] = zlib.crc32(a)
    write_header(path, data, header)


def write_header(path: Path, data: bytearray, header: dict) -> None:
    """Write the file with this header (in the same room), its checksum fitting."""
    _, start, length = layout(path)
    raw = json.dumps(header).encode().ljust(length)
    assert len(raw) == length
    data[start : start + length] = raw
    struct.pack_into("<8sIQI", data, 0, persist.MAGIC, persist.VERSION, length, zlib.crc32(raw))
    path.write_bytes(bytes(data))


def test_a_sound_file_loads(sample):
    path, posts = sample
    snapshot = persist.load(path)
    assert snapshot is not None and list(snapshot.ids) == [saved_key(p) for p in posts]


@pytest.mark.parametrize("keep", [1, 100, -1, -64])
def test_a_truncated_file_is_not_trusted(sample, keep):
    path, _ = sample
    data = path.read_bytes()
    path.write_bytes(data[:keep])
    assert persist.load(path) is None


@pytest.mark.parametrize("where", ["header", "words", "word_offsets", "body.docs", "ids"])
def test_a_flipped_byte_is_not_trusted(sample, where):
    path, _ = sample
    _, start, length = layout(path)
    at = start + length // 2 if where == "header" else array_at(path, where)["offset"] + 1
    flip(path, at)
    assert persist.load(path) is None


def test_empty_missing_foreign_and_random_files_are_not_trusted(sample):
    path, _ = sample
    folder = path.parent
    assert persist.load(folder / "none.bin") is None
    assert persist.load(folder) is None  # a folder
    (folder / "empty.bin").write_bytes(b"")
    assert persist.load(folder / "empty.bin") is None
    (folder / "other.json").write_text('{"postings": 3}')
    assert persist.load(folder / "other.json") is None
    rng = random.Random(1)
    for size in (10, 100, 5000):
        (folder / "noise.bin").write_bytes(rng.randbytes(size))
        assert persist.load(folder / "noise.bin") is None
        (folder / "noise.bin").write_bytes(path.read_bytes()[:24] + rng.randbytes(size))
        assert persist.load(folder / "noise.bin") is None  # our prefix, then noise


def test_another_format_version_is_not_read(sample):
    path, _ = sample
    data = bytearray(path.read_bytes())
    struct.pack_into("<I", data, 8, persist.VERSION + 1)
    path.write_bytes(bytes(data))
    assert persist.load(path) is None


def test_a_file_another_release_wrote_is_made_again(sample):
    path, _ = sample
    header = layout(path)[0]
    assert persist.load(path) is not None
    write_header(path, bytearray(path.read_bytes()), {**header, "jobtui": "0.0.1"})
    assert persist.load(path) is None


@pytest.mark.parametrize(
    "name, change",
    [
        ("body.docs", lambda a: a.__setitem__(0, 10_000)),  # a posting that does not exist
        ("title.docs", lambda a: a.__setitem__(-1, -1)),
        ("body.offsets", lambda a: a.__setitem__(3, a[3] + 10**6)),
        ("word_offsets", lambda a: a.__setitem__(1, a[2] + 1)),
        ("sorted", lambda a: a.__setitem__(0, a[1])),  # not a permutation
        ("words", lambda a: a.__setitem__(0, 0xFF)),  # not UTF-8
    ],
)
def test_out_of_bounds_damage_is_caught_without_a_checksum(sample, name, change):
    path, _ = sample
    forge(path, name, change)
    assert persist.load(path) is None


def test_scrambled_lists_within_bounds_never_break_a_search(sample):
    path, posts = sample
    rng = np.random.default_rng(0)
    forge(path, "body.docs", lambda a: a.__setitem__(slice(None), rng.integers(0, 30, len(a))))
    forge(path, "title.docs", lambda a: a.__setitem__(slice(None), a[::-1].copy()))
    snapshot = persist.load(path)
    assert snapshot is not None  # what the checks can not tell from a sound file
    for keep in (np.ones(30, dtype=bool), np.arange(30) % 3 > 0):
        kept = [p for p, k in zip(posts, keep, strict=True) if k]
        index = adopted(snapshot, keep, kept)
        index.add([post("new", "Python Developer", "django")])
        for query in [*queries_for(posts, 0), "django", "straße 7", '"python developer"']:
            result = index.run(query)
            assert all(0 <= i < len(index) for i in np.asarray(result.ids).tolist())
            for i in range(len(result)):
                result.posting(i)


def test_a_failed_save_leaves_the_old_file_and_no_temporary_one(sample, monkeypatch):
    path, posts = sample
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError):
        SearchIndex(posts[:3]).save(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_file_saved_by_other_tokenizing_code_is_made_again(sample, monkeypatch):
    path, _ = sample
    assert persist.load(path) is not None
    persist.code_stamp.cache_clear()
    real = Path.read_bytes

    def edited(self: Path) -> bytes:  # the tokenizer changed, the version did not
        data = real(self)
        return data + b"\n# changed" if self.name == "text.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    try:
        assert persist.load(path) is None
    finally:
        monkeypatch.undo()
        persist.code_stamp.cache_clear()
    assert persist.load(path) is not None


def test_an_order_of_the_words_that_is_not_theirs_is_not_trusted(sample):
    path, _ = sample
    assert persist.load(path) is not None

    def swap(order: np.ndarray) -> None:  # still a permutation, its checksum made to match
        order[[0, -1]] = order[[-1, 0]]

    forge(path, "sorted", swap)
    assert persist.load(path) is None


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(postings("p", max_size=60), postings("new", max_size=3), st.integers(0, 10_000))
def test_a_few_new_postings_go_in_place_in_the_adopted_order(posts, new, seed):
    """The order of the empty query adopted from the saved index stays an array when a few
    postings come after (each put in place), and lists what a fresh index lists."""
    with tempfile.TemporaryDirectory() as folder:
        snapshot = saved(SearchIndex(posts), Path(folder))
        index = adopted(snapshot, np.ones(len(posts), dtype=bool), posts)
        index.add(new)
        assert outcome(index, "") == outcome(SearchIndex(posts + new), "")
        if posts and len(new) * 8 <= len(posts):
            assert isinstance(index._recency_order, np.ndarray)  # not a list of ints again


def test_lists_written_a_few_words_at_a_time_reopen_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(jobtui.search.segments, "BLOCK", 3)  # a block of a word or two
    monkeypatch.setattr(jobtui.search.index, "BULK_MIN", 6)  # bigger batches go the bulk way
    rng = random.Random(5)
    posts = [
        post(f"p{i}", " ".join(rng.choices(WORDS, k=3)), " ".join(rng.choices(WORDS, k=12)))
        for i in range(60)
    ]
    index = SearchIndex()
    for start, size in ((0, 4), (4, 10), (14, 3), (17, 20), (37, 5), (42, 18)):
        index.add(posts[start : start + size])  # segments numbered alike and bulk ones
    body = index._index.fields["body"]
    index.run("python")
    assert len(body.segments) > 1 and any(s.remap is not None for s in body.segments)
    snapshot = saved(index, tmp_path)
    reopened = adopted(snapshot, np.ones(len(posts), dtype=bool), posts)
    assert_same_results(reopened, SearchIndex(posts), queries_for(posts, 5))


def test_saving_holds_no_merged_copy_of_the_body_lists(tmp_path, monkeypatch):
    import tracemalloc

    monkeypatch.setattr(jobtui.search.segments, "BLOCK", 8192)  # (1 << 18 entries in use)
    rng = random.Random(8)
    vocabulary = [f"w{i}" for i in range(3000)]
    index = SearchIndex()
    for start in range(0, 3000, 300):  # ten batches: segments, merged now and then
        index.add(
            post(f"p{i}", "Engineer", " ".join(rng.sample(vocabulary, 150)))
            for i in range(start, start + 300)
        )
        index.run("w1")
    body = index._index.fields["body"]
    assert len(body.segments) > 1
    lists = sum(s.docs.nbytes for s in body.segments)  # 450,000 entries: 1.8 MB
    tracemalloc.start()
    try:
        index.save(tmp_path / "index.bin")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < lists / 2  # (a merged copy beside the segments was all of it again)
    snapshot = persist.load(tmp_path / "index.bin")
    assert snapshot is not None
    reopened = adopted(snapshot, np.ones(3000, dtype=bool), index.postings)
    for query in ("w17 w2999", "w5", "w123 -w7"):
        assert outcome(reopened, query) == outcome(index, query)
