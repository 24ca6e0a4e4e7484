"""SOURCE strings, the URLs and file names they mean, and the person's sources list."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobtui.fetch.sources import (
    Source,
    SourceError,
    add_sources,
    parse_source,
    read_sources,
    remove_sources,
    sources_path,
    url_slug,
)


@pytest.mark.parametrize(
    ("text", "url", "name"),
    [
        (
            "greenhouse:acme",
            "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
            "greenhouse-acme.json",
        ),
        ("lever:Globex", "https://api.lever.co/v0/postings/Globex?mode=json", "lever-globex.json"),
        (
            "lever-eu:initech",
            "https://api.eu.lever.co/v0/postings/initech?mode=json",
            "lever-initech.json",
        ),
        (
            "ashby:quill.haven",
            "https://api.ashbyhq.com/posting-api/job-board/quill.haven?includeCompensation=true",
            "ashby-quill.haven.json",
        ),
        ("hn:45800001", "https://hn.algolia.com/api/v1/items/45800001", "hn-45800001.json"),
        (
            "HN:latest",
            "https://hn.algolia.com/api/v1/search_by_date?tags=story,author_whoishiring"
            "&hitsPerPage=50",
            None,
        ),
        ("https://example.com/jobs.rss", "https://example.com/jobs.rss", None),
    ],
)
def test_each_source_kind_means_its_public_api_and_a_stable_file(text, url, name, monkeypatch):
    for env in ("GREENHOUSE", "LEVER", "ASHBY", "HN"):
        monkeypatch.delenv(f"JOBTUI_{env}_API", raising=False)
    source = parse_source(text)
    assert source.url() == url
    assert source.file_name() == name


def test_base_urls_follow_the_environment(monkeypatch):
    monkeypatch.setenv("JOBTUI_GREENHOUSE_API", "http://127.0.0.1:9/gh/")
    monkeypatch.setenv("JOBTUI_LEVER_API", "http://127.0.0.1:9/lever")
    monkeypatch.setenv("JOBTUI_ASHBY_API", "http://127.0.0.1:9/ashby")
    monkeypatch.setenv("JOBTUI_HN_API", "http://127.0.0.1:9/hn")
    assert parse_source("greenhouse:a").url() == "http://127.0.0.1:9/gh/boards/a/jobs?content=true"
    assert parse_source("lever-eu:b").url() == "http://127.0.0.1:9/lever/postings/b?mode=json"
    assert parse_source("ashby:c").url().startswith("http://127.0.0.1:9/ashby/posting-api/")
    assert parse_source("hn:1").url() == "http://127.0.0.1:9/hn/items/1"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("greenhouse", "is not a SOURCE"),
        ("monster:acme", "is not a SOURCE"),
        ("greenhouse:", "letters, digits"),
        ("greenhouse:acme/../x", "letters, digits"),
        ("lever:a b", "letters, digits"),
        ("ashby:-flag", "starting with a letter or digit"),
        ("greenhouse:" + "a" * 101, "up to 100"),
        ("hn:newest", "hn takes 'latest'"),
        ("hn:12ab", "hn takes 'latest'"),
        ("https://", "needs a host"),
        ("https://exa mple.com/", "spaces"),
        ("https://example.com:99999/", "not a valid URL"),
        ("ftp://example.com/jobs", "is not a SOURCE"),
        ("", "empty"),
    ],
)
def test_a_malformed_source_is_refused_with_why(text, says):
    with pytest.raises(SourceError, match=says.replace("(", r"\(")):
        parse_source(text)


def test_url_slugs_are_short_safe_and_distinct():
    assert url_slug("https://Example.COM/careers/Jobs.rss") == "example.com-careers-jobs"
    assert url_slug("http://127.0.0.1:8080/feed?type=rss") == "127.0.0.1-8080-feed-type-rss"
    long_a = url_slug("https://example.com/" + "a" * 300)
    long_b = url_slug("https://example.com/" + "a" * 299 + "b")
    assert len(long_a) <= 80 and long_a != long_b
    assert set(long_a) <= set("abcdefghijklmnopqrstuvwxyz0123456789.-")
    assert url_slug("https://example.com/\u00fcber/jobs") == "example.com-ber-jobs"


@pytest.mark.parametrize(
    ("url", "slug", "legacy"),
    [
        ("http://127.0.0.1:57585/feed.xml", "127.0.0.1-57585-feed", "127.0.0.1-57585-feed.xml"),
        ("https://jobs.example.org/job.html", "jobs.example.org-job", "jobs.example.org-job.html"),
        ("https://example.org/careers.RSS", "example.org-careers", "example.org-careers.rss"),
        ("https://example.org/a.atom", "example.org-a", "example.org-a.atom"),
        ("https://example.org/api/jobs.json", "example.org-api-jobs", "example.org-api-jobs.json"),
        ("https://example.org/old.htm", "example.org-old", "example.org-old.htm"),
        # only an extension at the very end goes; a name that merely contains one stays
        ("https://example.org/xml.feeds/jobs", "example.org-xml.feeds-jobs", None),
        ("https://example.org/feed.xml?page=2", "example.org-feed.xml-page-2", None),
    ],
)
def test_a_url_slug_drops_a_trailing_file_extension(url, slug, legacy):
    assert url_slug(url) == slug
    assert url_slug(url, legacy=True) == (legacy or slug)


@pytest.mark.parametrize(
    "text",
    ["127.0.0.1:57585/feed.xml", "example.com/jobs.rss", "jobs.example.org", "localhost:8000"],
)
def test_a_url_without_its_scheme_gets_a_hint(text):
    with pytest.raises(SourceError) as caught:
        parse_source(text)
    assert str(caught.value) == (
        f"{text!r} is not a SOURCE: did you mean https://{text} (or http://{text})?"
    )


def test_the_list_is_added_to_and_removed_from_keeping_hand_written_lines(tmp_path):
    path = tmp_path / "sources.txt"
    path.write_text(
        "# my boards\n\ngreenhouse:acme   # the old one\nlever:globex\nnot a source\n",
        encoding="utf-8",
    )
    added, already = add_sources(path, ["ashby:quill", "greenhouse:acme", "hn:latest"])
    assert [s.text for s in added] == ["ashby:quill", "hn:latest"]
    assert [s.text for s in already] == ["greenhouse:acme"]
    removed, missing = remove_sources(path, ["lever:globex", "lever:nobody"])
    assert [s.text for s in removed] == ["lever:globex"]
    assert [s.text for s in missing] == ["lever:nobody"]
    assert path.read_text(encoding="utf-8") == (
        "# my boards\n\ngreenhouse:acme   # the old one\nnot a source\nashby:quill\nhn:latest\n"
    )
    sources, problems = read_sources(path)
    assert [s.text for s in sources] == ["greenhouse:acme", "ashby:quill", "hn:latest"]
    assert problems == [f"{path}:4: {parse_error('not a source')}"]


def parse_error(text: str) -> str:
    try:
        parse_source(text)
    except SourceError as exc:
        return str(exc)
    raise AssertionError(text)


def test_a_malformed_addition_adds_nothing(tmp_path):
    path = tmp_path / "sources.txt"
    with pytest.raises(SourceError):
        add_sources(path, ["greenhouse:ok", "greenhouse:not ok"])
    assert not path.exists()


def test_a_missing_list_is_empty_and_lives_in_the_config_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(tmp_path / "cfg"))
    assert sources_path() == tmp_path / "cfg" / "sources.txt"
    assert read_sources(sources_path()) == ([], [])
    add_sources(sources_path(), ["hn:1"])
    assert read_sources(Path(tmp_path / "cfg" / "sources.txt"))[0] == [Source("hn", "1")]


def test_a_sources_list_that_is_not_utf8_is_never_written_over(tmp_path):
    """`# café` saved as Latin-1: adding a source used to rewrite it with U+FFFD for good."""
    from jobtui.fetch.sources import SourceError, add_sources, remove_sources

    path = tmp_path / "sources.txt"
    original = "# caf\xe9 list\ngreenhouse:acme\n".encode("latin-1")
    path.write_bytes(original)
    for change, arg in ((add_sources, "lever:globex"), (remove_sources, "greenhouse:acme")):
        with pytest.raises(SourceError, match="not UTF-8"):
            change(path, [arg])
        assert path.read_bytes() == original


def test_lines_with_odd_breaks_stay_as_written(tmp_path):
    """Only newlines end a line: a form feed or U+2028 inside a comment is kept as it is."""
    from jobtui.fetch.sources import add_sources

    path = tmp_path / "sources.txt"
    path.write_text("# boards\u2028and feeds\x0c\ngreenhouse:acme\n", encoding="utf-8")
    add_sources(path, ["lever:globex"])
    assert path.read_text(encoding="utf-8") == (
        "# boards\u2028and feeds\x0c\ngreenhouse:acme\nlever:globex\n"
    )
