"""The bulk tokenizer must give exactly the words the word-by-word tokenizer gives."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jobtui.postings.text import fold, text_words, words
from jobtui.search import bulk


def lists_by_text(tokenizer: bulk.BulkTokenizer, offsets, docs, n: int) -> list[set[str]]:
    got: list[set[str]] = [set() for _ in range(n)]
    for wid, word in enumerate(tokenizer.words):
        listed = docs[offsets[wid] : offsets[wid + 1]]
        assert (np.diff(listed) > 0).all(), f"{word!r}: texts not ascending and distinct"
        for doc in listed.tolist():
            got[doc].add(word)
    return got


def assert_same_as_word_by_word(texts: list[str]) -> bulk.BulkTokenizer:
    tokenizer = bulk.BulkTokenizer()
    offsets, docs = tokenizer.postings(texts)
    assert len(set(tokenizer.words)) == len(tokenizer.words), "a word got two ids"
    got = lists_by_text(tokenizer, offsets, docs, len(texts))
    for text, found in zip(texts, got, strict=True):
        assert found == text_words(text), text
    return tokenizer


def test_words_of_every_length_case_and_script():
    assert_same_as_word_by_word(
        [
            "Senior Python Developer, Berlin",
            "",
            "C++ and C# on .NET; node.js\tREST/GraphQL",
            "Jülich Ærøskøbing ÉCOLE straße İstanbul 東京 Москва",
            "don’t — • “quoted” wörld’s\u00a0nbsp don dont’ ’",  # pieces of 0, 1, 2 words
            "eightchr eightchx eightchrs eightchrx sixteencharsxxxx sixteencharsxxxy",
            "seventeencharsxxx seventeencharsxxy",
            "a" * 40 + " " + "a" * 41 + " " + "a" * 40,  # long words differ only at the end
            "  \n\n  ",
            "\x00\x01\x1b[31mred\x1b[0m",
        ]
    )


def test_many_texts_across_chunks_and_a_growing_table(monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK", 7)  # chunk edges inside the batch
    rng = random.Random(5)
    vocabulary = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyzé") for _ in range(rng.randint(1, 22)))
        for _ in range(40_000)  # more distinct words than the first table holds
    ]
    texts = [" ".join(rng.choices(vocabulary, k=rng.randint(0, 300))) for _ in range(1000)]
    tokenizer = assert_same_as_word_by_word(texts)
    assert len(tokenizer.words) > 1 << 15  # the table (2 ** 16, half full at most) grew


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=60), max_size=30))
def test_any_text_tokenises_as_word_by_word(texts):
    assert_same_as_word_by_word(texts)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="ab +#.Ü\u00a0\u2028日x", max_size=40), min_size=1, max_size=40),
    st.integers(min_value=1, max_value=5),
)
def test_shares_in_threads_cover_every_text_in_order(texts, threads):
    bulk.MAX_THREADS, saved = threads, bulk.MAX_THREADS
    try:
        shares = bulk.Job(texts).result()
    finally:
        bulk.MAX_THREADS = saved
    assert sum(share[3] for share in shares) == len(texts)
    base = 0
    for vocabulary, offsets, docs, count in shares:
        for wid, word in enumerate(vocabulary):
            for doc in docs[offsets[wid] : offsets[wid + 1]].tolist():
                assert word in text_words(texts[base + doc])
        base += count


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab ", max_size=120), max_size=20))
def test_words_that_share_all_but_one_byte_stay_apart(texts):
    # Two letters make many words of 7 to 18 bytes that differ only in their last byte.
    assert_same_as_word_by_word(texts)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_text_words_are_the_words_of_the_folded_text(text):
    # Pieces are folded one by one: the same words as folding the whole text, but where
    # lowercasing looks across a separator (Greek capital sigma).
    assume("\u03a3" not in text)
    assert text_words(text) == set(words(fold(text)))


def test_a_surrogate_in_text_does_not_break_the_batch():
    # Text decoded with surrogateescape can hold lone surrogates; fold turns them to spaces.
    assert_same_as_word_by_word(["ab\udcffcd ok", "fine"])


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_batches(n):
    assert_same_as_word_by_word(["just one text"] * n)


def test_texts_without_a_single_word():
    tokenizer = assert_same_as_word_by_word(["", " ", "\n\n", "—", "’’ • …", "\x00"])
    assert tokenizer.words == []
