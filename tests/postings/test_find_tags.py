"""Tags found in running text by one pass of an automaton are the tags counting words finds:
the same tags, the same counts, in the same order (most mentioned, then first mentioned)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from jobtui.postings import vocab
from jobtui.postings.text import fold, words


def _by_counting(text: str) -> list[str]:
    """Tags as jobtui counted them before the automaton: words counted one by one, each
    name of several words counted in the joined words, every name as written looked for."""
    table = vocab._ngrams()
    if "://" in text or "www." in text or "mailto:" in text:
        text = vocab._URL_RE.sub(" ", text)
    folded = fold(text)
    toks = words(folded)
    joined = " " + " ".join(toks) + " "
    seen = Counter(toks)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}

    def add(tag: str, n: int, where: str) -> None:
        counts[tag] += n
        pos = joined.find(where)
        if 0 <= pos < first.get(tag, len(joined) + 1):
            first[tag] = pos

    for tok in seen.keys() & table.keys():
        add(table[tok], seen[tok], f" {tok} ")
    for key, tag in table.items():
        if " " not in key:
            continue
        n = joined.count(f" {key} ")  # none overlapping another
        if n:
            add(tag, n, f" {key} ")
            for part in key.split():
                if part in table:
                    counts[table[part]] -= n
    for m in vocab._DOTNET_RE.finditer(text) if ".net" in folded else ():
        counts[".net"] += 1
        first.setdefault(".net", len(joined) + m.start())
    if "c" not in counts and vocab._names_c(text):
        counts["c"] += 1
        first.setdefault("c", len(joined))
    for m in vocab._case_sensitive_pattern().pattern.finditer(text):  # everywhere
        tag = vocab._tables()[0][fold(m.group(1))]
        counts[tag] += 1
        first.setdefault(tag, len(joined) + m.start())
    ranked = sorted(counts, key=lambda t: (-counts[t], first.get(t, 0), t))
    return [t for t in ranked if counts[t] > 0]


_NAMES = sorted({*vocab._ngrams(), *vocab._tables()[2], *vocab._case_sensitive_firsts()})
_PIECES = st.one_of(
    st.sampled_from(_NAMES),
    st.sampled_from(_NAMES).map(str.upper),
    st.sampled_from(_NAMES).map(str.title),
    st.sampled_from(
        [" ", ", ", "\n", "-", ".", "/", " and ", "C", " C ", ".NET", "node", "js", "Gó", "é",
         "İ", "日本", "https://x.example/go", "www.rust.example", "Series C", "plan", "go", "\udcff"]
    ),
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_TEXTS)
def test_the_automaton_finds_the_tags_counting_words_finds(text: str) -> None:
    assert vocab.find_tags(text) == _by_counting(text)


def test_a_name_written_twice_over_counts_each_time_none_overlapping() -> None:
    # ` node js node js `: the phrase twice, its words' own tags not counted again
    text = "node js node js, and node js. Also JS."
    assert vocab.find_tags(text) == _by_counting(text)
    assert vocab.find_tags(text)[0] == "node.js"
    assert "javascript" in vocab.find_tags(text)  # the lone `JS`
    assert vocab.find_tags("kotlin kotlin python") == ["kotlin", "python"]
    assert vocab.find_tags("python kotlin kotlin") == ["kotlin", "python"]
    assert vocab.find_tags("python kotlin") == ["python", "kotlin"]  # ties: reading order
    assert vocab.find_tags("kotlin python python kotlin") == ["kotlin", "python"]  # first
