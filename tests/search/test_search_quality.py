"""Ranking quality as a person judges it: the first ten hits for a role or technology word."""

from __future__ import annotations

import random

import pytest

from jobtui.postings import vocab
from jobtui.postings.loader import load_postings
from jobtui.postings.model import Posting
from jobtui.postings.text import fold, words
from jobtui.search.engine import SearchIndex

from ..conftest import CORPUS, make_posting

WORDS = [
    "python",
    "react",
    "designer",
    "engineer",
    "manager",
    "golang",
    "devops",
    "ruby",
    "frontend",
    "product",
    "elixir",
    "marketing",
    "javascript",
    "kubernetes",
    "data",
]


def relevant(p: Posting, word: str) -> bool:
    names = set(vocab.aliases_of(vocab.canonical(word))) | {word, vocab.canonical(word)}
    title_words = set(words(fold(p.title)))
    return bool(names & (title_words | set(p.tags))) or any(n in p.tags for n in names)


def typos(word: str, rng: random.Random) -> list[str]:
    i = rng.randrange(1, len(word) - 1)
    dropped = word[:i] + word[i + 1 :]
    swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return [dropped, swapped]


def precision(index: SearchIndex, query: str, word: str) -> int:
    return sum(relevant(h.posting, word) for h in index.search(query, limit=10))


def fixture_postings() -> list[Posting]:
    """Many postings mention each word only in passing; a few have it in the title."""
    rng = random.Random(5)
    posts = []
    for i in range(400):
        word = WORDS[i % len(WORDS)]
        in_title = (i // len(WORDS)) % 3 == 0
        title = (
            f"{word.capitalize()} Specialist"
            if in_title
            else rng.choice(["Accountant", "Nurse", "Chef"])
        )
        body = f"Team notes. We sometimes talk about {word} and other things. " * 3
        posts.append(make_posting(f"f{i}", title, body))
    return posts


@pytest.mark.parametrize("word", WORDS)
def test_top_ten_on_fixtures(word):
    index = SearchIndex(fixture_postings())
    assert precision(index, word, word) >= 9
    for typo in typos(word, random.Random(word)):
        assert precision(index, typo, word) >= 8, typo


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")
def test_top_ten_on_the_real_corpus():
    index = SearchIndex(load_postings([CORPUS]).postings)
    rng = random.Random(1)
    for word in WORDS:
        assert precision(index, word, word) >= 9, word
        for typo in typos(word, rng):
            assert precision(index, typo, word) >= 8, (word, typo)
