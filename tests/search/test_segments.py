"""A field's lists written in blocks (what a save writes) are the lists one merged segment
holds, whatever the segments: numbered alike or against another vocabulary, made before words
were added, empty."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtui.search.segments import FieldIndex, Segment


@st.composite
def fields(draw: st.DrawFn) -> tuple[FieldIndex, int]:
    """A field of a few segments (some made against a vocabulary of their own), and the number
    of words it knows now."""
    vocab = draw(st.integers(1, 40))
    field = FieldIndex()
    start = 0
    for _ in range(draw(st.integers(0, 6))):
        count = draw(st.integers(0, 8))  # postings in this segment
        lists = [
            sorted(draw(st.sets(st.integers(0, vocab - 1), max_size=min(vocab, 12))))
            for _ in range(count)
        ]
        if draw(st.booleans()):  # numbered as the field is: a segment of known words
            known = draw(st.integers(max((max(w) + 1 for w in lists if w), default=0), vocab))
            words = np.array([w for ws in lists for w in ws], dtype=np.int32)
            docs = np.repeat(np.arange(start, start + count, dtype=np.int32), list(map(len, lists)))
            field.segments.append(Segment(words, docs, known))
        else:  # a bulk tokenizer's lists: its word r is the field's word remap[r]
            used = sorted({w for ws in lists for w in ws})
            remap = np.array(draw(st.permutations(used)), dtype=np.int32)
            local = {int(w): r for r, w in enumerate(remap)}
            offsets = np.zeros(len(remap) + 1, dtype=np.int64)
            by_row: list[list[int]] = [[] for _ in remap]
            for doc, ws in enumerate(lists):
                for w in ws:
                    by_row[local[w]].append(doc)
            np.cumsum([len(r) for r in by_row], out=offsets[1:])
            docs = np.array([d for r in by_row for d in r], dtype=np.int32)
            field.segments.append(Segment.from_local(remap, offsets, docs, start))
        start += count
    return field, vocab


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fields(), st.sampled_from([1, 2, 3, 7, 1 << 20]))
def test_blocks_are_the_merged_lists_whole_words_at_a_time(made, size):
    field, vocab = made
    offsets, blocks = field.blocks(vocab, size)
    found = list(blocks)
    if field.segments:
        merged = Segment.merge(field.segments, vocab)
        expected_offsets, expected_docs = merged.offsets, merged.docs
    else:
        expected_offsets, expected_docs = np.zeros(vocab + 1, dtype=np.int64), np.zeros(0)
    assert offsets.tolist() == expected_offsets.tolist()
    joined = np.concatenate(found) if found else np.zeros(0, dtype=np.int32)
    assert joined.tolist() == expected_docs.tolist()
    bounds = offsets.tolist()
    at = 0
    for block in found:
        assert at + len(block) in bounds  # a block ends where a word's list ends
        if len(block) > size:  # about `size` entries: more only for one word's long list
            assert any(bounds[w] == at and bounds[w + 1] == at + len(block) for w in range(vocab))
        at += len(block)


def test_blocks_are_of_the_segments_when_asked():
    field = FieldIndex()
    field.segments.append(Segment(np.array([0, 1], dtype=np.int32), np.zeros(2, dtype=np.int32), 2))
    offsets, blocks = field.blocks(2, 1)
    field.segments.append(Segment(np.array([0], dtype=np.int32), np.ones(1, dtype=np.int32), 2))
    assert offsets.tolist() == [0, 1, 2]
    assert np.concatenate(list(blocks)).tolist() == [0, 0]
