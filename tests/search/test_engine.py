"""Search behaviour a person notices: what is found, and in what order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobtui.search.segments
from jobtui.postings.model import Posting, Salary
from jobtui.search.engine import SearchIndex
from jobtui.search.highlight import spans
from jobtui.search.segments import MAX_SEGMENTS

from ..conftest import make_posting

TODAY = date.today()


def post(
    pid: str,
    title: str,
    body: str = "",
    *,
    company: str | None = None,
    location: str | None = None,
    tags: tuple[str, ...] = (),
    days: int | None = 10,
    salary: Salary | None = None,
    remote: bool | None = None,
) -> Posting:
    return make_posting(
        pid,
        title,
        body,
        company=company,
        location=location,
        remote=remote,
        salary=salary,
        tags=tags,
        posted=TODAY - timedelta(days=days) if days is not None else None,
    )


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex(
        [
            post(
                "t1",
                "Senior Backend Engineer",
                "We use Elixir and Postgres.",
                company="Acme Corp",
                location="Berlin",
                tags=("elixir", "postgresql"),
                days=5,
                remote=False,
                salary=Salary(90_000, 130_000, "EUR", "year"),
            ),
            post(
                "t2",
                "Office Manager",
                "You will order supplies. Some backend knowledge helps. "
                "Our engineer team uses Elixir.",
                company="Beta",
                location="Jülich",
                days=1,
            ),
            post(
                "t3",
                "Go Developer",
                "Golang services on Kubernetes.",
                company="Gamma",
                tags=("go", "kubernetes"),
                days=30,
                remote=True,
                salary=Salary(60_000, 80_000, "USD", "year"),
            ),
            post(
                "t4",
                "Elixir Developer",
                "Phoenix and Ecto. Machine learning is a plus.",
                company="Acme Labs",
                tags=("elixir",),
                days=400,
                remote=True,
            ),
            post(
                "t5",
                "Data Scientist",
                "Python, pandas.",
                company="Delta",
                tags=("python",),
                days=None,
            ),
        ]
    )


def ids(index: SearchIndex, query: str) -> list[str]:
    return [h.posting.id for h in index.search(query)]


def word_by_word(monkeypatch: pytest.MonkeyPatch, posts: list[Posting]) -> SearchIndex:
    """The reference: an index that tokenises every body word by word (no bulk path)."""
    import jobtui.search.index as ix

    with monkeypatch.context() as m:
        m.setattr(ix, "BULK_MIN", 10**9)
        return SearchIndex(posts)


def assert_same_results(
    index: SearchIndex, reference: SearchIndex, queries: tuple[str, ...]
) -> None:
    for query in queries:
        assert list(index.run(query).ids) == list(reference.run(query).ids), query


def test_empty_query_lists_everything_newest_first(index):
    assert ids(index, "") == ["t2", "t1", "t3", "t4", "t5"]


def test_title_beats_body(index):
    assert ids(index, "elixir")[:2] == ["t4", "t1"]  # title, then tags; t2 only in body
    assert ids(index, "elixir")[-1] == "t2"
    assert ids(index, "backend")[0] == "t1"


def test_every_word_must_match(index):
    assert ids(index, "backend engineer") == ["t1", "t2"]
    assert ids(index, "elixir kubernetes") == []


def test_typos_and_swaps(index):
    assert ids(index, "elxir")[0] == "t4"
    assert ids(index, "kubernets") == ["t3"]
    assert ids(index, "devloper")[0] in {"t3", "t4"}


def test_exact_beats_fuzzy():
    idx = SearchIndex([post("a", "Rust Engineer", days=1), post("b", "Ruby Engineer", days=50)])
    assert [h.posting.id for h in idx.search("ruby")] == ["b"]
    assert next(h.posting.id for h in idx.search("rubyy")) == "b"


def test_prefix_while_typing(index):
    assert ids(index, "scien") == ["t5"]
    assert ids(index, "sen")[0] == "t1"


def test_abbreviations(index):
    assert ids(index, "snr bknd eng")[0] == "t1"


def test_aliases_from_the_vocabulary(index):
    assert ids(index, "golang")[0] == "t3"
    assert "t1" in ids(index, "postgres")
    assert ids(index, "go")[0] == "t3"


def test_accent_and_case_folding(index):
    assert ids(index, "julich") == ["t2"]
    assert ids(index, "JÜLICH") == ["t2"]


def test_negation(index):
    assert "t4" not in ids(index, "elixir -phoenix")
    assert "t1" not in ids(index, "-company:acme")
    assert set(ids(index, "-elixir")) == {"t3", "t5"}


def test_phrases(index):
    assert ids(index, '"machine learning"') == ["t4"]
    assert ids(index, '"learning machine"') == []
    assert ids(index, 'company:"acme corp"') == ["t1"]


def test_alternatives(index):
    assert set(ids(index, "scientist|golang")) == {"t5", "t3"}


def test_field_filters(index):
    assert ids(index, "title:elixir") == ["t4"]
    assert set(ids(index, "company:acme")) == {"t1", "t4"}
    assert ids(index, "loc:berlin") == ["t1"]
    assert set(ids(index, "tag:elixir")) == {"t1", "t4"}
    assert ids(index, "tag:golang") == ["t3"]


def test_remote_salary_and_date_filters(index):
    assert set(ids(index, "remote:yes")) == {"t3", "t4"}
    assert ids(index, "remote:no") == ["t1"]
    assert set(ids(index, "remote:unknown")) == {"t2", "t5"}
    assert ids(index, "salary:>=100k") == ["t1"]
    assert ids(index, "salary:<100k") == ["t3"]
    assert ids(index, "posted:<7d") == ["t2", "t1"]
    assert ids(index, "posted:>100d") == ["t4"]
    assert ids(index, f"posted:>={(TODAY - timedelta(days=6)).isoformat()}") == ["t2", "t1"]


def test_bookmark_filters(index):
    marks = {"t3": "applied", "t5": "saved"}
    assert [h.posting.id for h in index.search("is:bookmarked", marks=marks)] == ["t3", "t5"]
    assert [h.posting.id for h in index.search("status:applied", marks=marks)] == ["t3"]


def test_malformed_filter_is_reported_and_rest_runs(index):
    result = index.run("salary:>>x elixir")
    assert result.errors and next(result.posting(i).id for i in range(len(result))) == "t4"


def test_ties_go_to_the_newer_posting():
    idx = SearchIndex(
        [post("old", "Python Developer", days=90), post("new", "Python Developer", days=2)]
    )
    assert [h.posting.id for h in idx.search("python")] == ["new", "old"]


def test_highlight_spans_in_title_and_company(index):
    result = index.run("acme elixir")
    posting = result.posting(0)
    assert posting.id == "t4"
    title_spans = spans(posting.title, result.terms)
    assert [posting.title[a:b] for a, b in title_spans] == ["Elixir"]
    assert [posting.company[a:b] for a, b in spans(posting.company, result.terms)] == ["Acme"]


def test_added_postings_are_searchable():
    idx = SearchIndex([post("a", "Rust Engineer")])
    assert len(idx.search("rust")) == 1
    idx.add([post("b", "Rust Developer")])
    assert len(idx.search("rust")) == 2


def test_seed_quality(seeds):
    idx = SearchIndex(seeds.values())
    assert idx.search("elxir")[0].posting.title == "Senior Backend Engineer (Elixir)"
    top = [h.posting for h in idx.search("erlang")]
    assert top[0].company == "Diode"
    assert {p.company for p in (h.posting for h in idx.search("mongo"))} == {None}


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text())
def test_search_never_raises(index, text):
    index.run(text)


def test_bulk_tokenising_gives_the_same_index_as_word_by_word(monkeypatch):
    import jobtui.search.index as ix

    posts = [
        post(f"p{i}", f"Role {i % 7} Engineer", f"text {i} about python{i % 5} and go Jülich")
        for i in range(300)
    ]
    by_word = word_by_word(monkeypatch, posts)
    monkeypatch.setattr(ix, "BULK_MIN", 10)
    bulk = SearchIndex(posts)  # in worker threads, one share each
    assert_same_results(
        bulk, by_word, ("python3", "role engineer", "about -go", "pythn", "julich", "tex", "")
    )


def test_bulk_batches_after_word_by_word_ones_keep_numbering(monkeypatch):
    import jobtui.search.index as ix

    posts = [
        post(f"p{i}", f"Job {i}", "" if i % 9 == 8 else f"alpha{i % 4} beta") for i in range(120)
    ]
    by_word = word_by_word(monkeypatch, posts)
    index = SearchIndex(posts[:30])  # word by word
    monkeypatch.setattr(ix, "BULK_MIN", 10)
    index.add(posts[30:60])  # then in bulk, twice, as a folder loads in batches
    index.add(posts[60:])
    assert_same_results(index, by_word, ("alpha1", "beta", "job 17", "-beta", "alph"))


def test_many_batches_merge_their_segments_without_losing_postings(monkeypatch):
    import jobtui.search.index as ix

    posts = [
        post(f"p{i}", f"Job {i % 13}", f"word{i % 17} common text{i}" if i % 5 else "")
        for i in range(400)
    ]
    by_word = word_by_word(monkeypatch, posts)
    index = SearchIndex()
    for n, start in enumerate(range(0, 400, 25)):  # sixteen batches, a search after each
        monkeypatch.setattr(ix, "BULK_MIN", 10 if n % 3 else 10**9)
        index.add(posts[start : start + 25])
        index.run("common")
    segments = index._index.fields["body"].segments
    assert 1 < len(segments) <= MAX_SEGMENTS
    assert_same_results(index, by_word, ("word3", "common", "text399", "job 12", "-common", "wor"))


def test_a_big_merge_runs_in_a_thread_and_takes_its_place_when_done(monkeypatch):

    posts = [post(f"p{i}", f"Job {i % 5}", f"word{i % 7} text{i}") for i in range(300)]
    by_word = word_by_word(monkeypatch, posts)
    monkeypatch.setattr(jobtui.search.segments, "QUICK_MERGE", 0)  # every merge in the background
    index = SearchIndex()
    for start in range(0, 300, 20):
        index.add(posts[start : start + 20])
        so_far = word_by_word(monkeypatch, posts[: start + 20])
        assert_same_results(
            index, so_far, ("word3", "text19", "-word1", "job 4")
        )  # right while merges run, too
        merging = index._index.fields["body"].merging
        if merging is not None:
            merging.result()  # done before the next batch lands after the merged segments
    body = index._index.fields["body"]
    if body.merging is not None:
        body.merging.result()
    index.run("text")  # the finished merge is put in place on the next search
    assert body.merging is None
    assert len(body.segments) < 15  # fifteen batches, fewer segments
    assert_same_results(index, by_word, ("word3", "text299", "-word1", "job 4", "tex"))


def test_a_word_used_in_titles_is_not_read_as_a_typo():
    idx = SearchIndex([post("a", "Rust Developer"), post("b", "REST API Developer")])
    assert [h.posting.id for h in idx.search("rust")] == ["a"]
    assert [h.posting.id for h in idx.search("rustt")] == ["a"]  # not a word: a typo of rust


def test_results_find_their_postings_whatever_the_query(index):
    for query in ("", "elixir", "remote:yes", "-php"):
        for mode in ("relevance", "newest", "salary", "company"):
            result = index.sort(index.run(query), mode)
            ids = [result.posting(i).id for i in range(len(result))]
            assert result.containing({*ids, "nope"}) == set(ids), (query, mode)
            assert [result.position(k) for k in ids] == list(range(len(ids))), (query, mode)


def test_company_order_is_a_to_z_unnamed_last_newest_first_within():
    idx = SearchIndex(
        [
            post("a", "Dev", company="beta", days=5),
            post("b", "Dev", company=None, days=1),
            post("c", "Dev", company="Alpha", days=9),
            post("d", "Dev", company="Beta", days=2),
            post("e", "Dev", company="alpha", days=3),
        ]
    )
    result = idx.sort(idx.run("dev"), "company")
    assert [result.posting(i).id for i in range(len(result))] == ["e", "c", "d", "a", "b"]


def test_bodies_tokenised_as_they_load_give_the_same_index(monkeypatch):
    from jobtui.search import bulk

    posts = [
        post(f"p{i}", f"Job {i % 11}", f"wörd{i % 13} shared don’t text{i}" if i % 6 else "")
        for i in range(500)
    ]
    by_word = word_by_word(monkeypatch, posts)
    stream, index = bulk.Stream(), SearchIndex()
    pending: list = []
    for start in range(0, 500, 50):  # as the loader hands over chunks, flushed in threes
        chunk = posts[start : start + 50]
        pending.append((chunk, stream.tokenize([p.body for p in chunk])))
        if len(pending) == 3 or start == 450:
            index.add([p for c, _ in pending for p in c], bodies=[t for _, t in pending])
            pending = []
            index.run("shared")
    assert_same_results(
        index, by_word, ("word3", "wörd12", "shared", "text499", "don", "job 10", "-shared", "wor")
    )
    # A second stream (a new load) has words of its own numbering.
    two = SearchIndex()
    two.add(posts[:50], bodies=[bulk.Stream().tokenize([p.body for p in posts[:50]])])
    two.add(posts[50:], bodies=[bulk.Stream().tokenize([p.body for p in posts[50:]])])
    assert_same_results(two, by_word, ("word3", "text499", "text7", "-shared"))
    # Bodies that do not match the postings (a mismatch in count) are tokenised again.
    other = SearchIndex()
    other.add(posts[:10], bodies=[stream.tokenize([p.body for p in posts[:5]])])
    assert list(other.run("text3").ids) == [3]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "B", "b", "c", "Ä"]), st.none() | st.integers(0, 3)),
        max_size=60,
    ),
    st.lists(st.integers(1, 25), min_size=1, max_size=8),
)
def test_newest_first_order_stays_right_as_batches_arrive(items, sizes):
    posts = [post(f"p{i}", title, days=days) for i, (title, days) in enumerate(items)]
    index, start = SearchIndex(), 0
    for size in sizes * 60:  # batches of these sizes until all are in, a search after each
        if start >= len(posts):
            break
        index.add(posts[start : start + size])
        start += size
        index.run("")
    index.add(posts[start:])
    expected = sorted(
        range(len(posts)),
        key=lambda i: (
            -(posts[i].posted.toordinal() if posts[i].posted else 0),
            items[i][0].casefold(),
            posts[i].source,  # alike ones by file, however they were numbered
        ),
    )
    assert list(index.run("").ids) == expected


def test_field_phrases_and_whole_tags_see_postings_added_after_a_search():
    """Field values and tags are gathered when a query first needs them: postings that
    arrive later (a folder still loading) are found too."""
    index = SearchIndex([post("a", "Data Engineer", company="Acme Corp", tags=("c",))])
    assert ids(index, 'company:"acme corp"') == ["a"]
    assert ids(index, "tag:c") == ["a"]
    index.add(
        [
            post("b", "Platform Engineer", company="ACME  corp", location="Lyon"),
            post("c", "iOS Engineer", company="Other", tags=("objective-c",)),
        ]
    )
    assert sorted(ids(index, 'company:"acme corp"')) == ["a", "b"]
    assert ids(index, 'location:"lyon"') == ["b"]
    assert ids(index, "tag:c") == ["a"]  # `c` inside `objective-c` is not the tag c
    assert ids(index, "tag:objective-c") == ["c"]
