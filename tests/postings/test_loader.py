"""The loader on real-world mess: every file becomes a posting or a problem with a reason."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobtui.postings.loader import LoadError, load_postings
from jobtui.postings.text import strip_controls

from ..conftest import SEEDS, write


def test_walks_recursively_skipping_hidden_folders(tmp_path):
    write(tmp_path, "a/README.md", "# One\n")
    write(tmp_path, "b/README.md", "# Two\n")
    write(tmp_path, ".git/x.md", "# Hidden\n")
    result = load_postings([tmp_path])
    assert sorted(p.title for p in result.postings) == ["One", "Two"]
    assert len({p.id for p in result.postings}) == 2  # same name, different postings


def test_html_files_with_front_matter_are_postings(tmp_path):
    write(tmp_path, "job one.html", "---\ntitle: Py Dev\ncompany: X\n---\nBody <b>bold</b>\n")
    write(tmp_path, "page.html", "<html><body>Barista wanted in Porto.</body></html>")
    result = load_postings([tmp_path])
    # A page without JSON-LD is read best-effort, and said to be.
    assert [p.title for p in result.postings] == ["Py Dev", "Barista wanted in Porto."]
    assert [p.format for p in result.postings] == ["markdown", "html"]
    assert [os.path.basename(p.path) for p in result.warnings] == ["page.html"]
    assert "read best-effort" in result.warnings[0].reason


def test_bad_files_are_reported_not_fatal(tmp_path):
    write(tmp_path, "empty.md", "")
    write(tmp_path, "blank.md", "  \n\n")
    write(tmp_path, "binary.md", b"\x00\x01\x02PNG\x00" * 50)
    write(tmp_path, "good.md", "# Good\n")
    huge = write(tmp_path, "huge.md", "")
    with open(huge, "wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    result = load_postings([tmp_path])
    assert [p.title for p in result.postings] == ["Good"]
    reasons = {os.path.basename(p.path): p.reason for p in result.problems}
    assert set(reasons) == {"empty.md", "blank.md", "binary.md", "huge.md"}
    assert "empty" in reasons["empty.md"] and "binary" in reasons["binary.md"]
    assert "too large" in reasons["huge.md"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.md", "# S\n")
    path.chmod(0)
    result = load_postings([tmp_path])
    assert "cannot read" in result.problems[0].reason


def test_invalid_yaml_keeps_body_and_readable_keys(tmp_path):
    write(tmp_path, "bad.md", "---\ntitle: Broken Dev\ncompany: [unclosed\n---\nThe body stays.\n")
    result = load_postings([tmp_path])
    posting = result.postings[0]
    assert posting.title == "Broken Dev"
    assert "The body stays." in posting.body
    assert "invalid YAML" in result.warnings[0].reason


def test_non_utf8_is_decoded_best_effort(tmp_path):
    write(tmp_path, "latin.md", "# Développeur à Jülich\n".encode("cp1252"))
    result = load_postings([tmp_path])
    assert result.postings[0].title == "Développeur à Jülich"
    assert "not UTF-8" in result.warnings[0].reason


def test_bom_and_crlf(tmp_path):
    write(tmp_path, "win.md", "\ufeff---\r\ntitle: Win Dev\r\n---\r\nLine\r\n".encode())
    posting = load_postings([tmp_path]).postings[0]
    assert posting.title == "Win Dev" and "\r" not in posting.body


def test_escape_sequences_and_controls_are_removed(tmp_path):
    write(
        tmp_path,
        "evil.md",
        '---\ntitle: "Dev\\e]0;pwned\\a\\e[31m red"\n---\nBody \x1b[2J clear\x07\n',
    )
    posting = load_postings([tmp_path]).postings[0]
    assert "\x1b" not in posting.title and "\x07" not in posting.title
    assert "\x1b" not in posting.body and "\x07" not in posting.body
    assert strip_controls("a\x1b[31mb\u202ec") == "abc"


def test_id_is_stable_when_the_folder_moves(tmp_path):
    a = write(tmp_path, "one/jobs/x.md", "# Same\n").parent
    b = write(tmp_path, "two/elsewhere/jobs/x.md", "# Same\n").parent
    assert load_postings([a]).postings[0].id == load_postings([b]).postings[0].id
    c = write(tmp_path, "three/jobs/y.md", "# Same\n").parent
    assert load_postings([c]).postings[0].id != load_postings([a]).postings[0].id


def test_missing_path_raises_a_load_error(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_postings([tmp_path / "nope"])


def test_default_is_the_bundled_seeds():
    result = load_postings()
    assert len(result.postings) == 5
    assert {os.path.dirname(p.source) for p in result.postings} == {str(SEEDS)}


def test_a_very_deep_tree_loads_up_to_the_limit_and_says_where_it_stopped(tmp_path):
    from jobtui.postings.loader import MAX_DEPTH

    folder = tmp_path / "deep"
    folder.mkdir()
    fd = os.open(folder, os.O_RDONLY)
    for depth in range(1, 1501):  # a recursive walk overflowed Python's stack here
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
        if depth in (10, 1500):
            name = "ten.md" if depth == 10 else "bottom.md"
            out = os.open(name, os.O_WRONLY | os.O_CREAT, dir_fd=fd)
            os.write(out, b"# Ten Down\n" if depth == 10 else b"# Bottom Job\n")
            os.close(out)
    os.close(fd)
    write(folder, "top.md", "# Top Job\n")
    try:
        result = load_postings([str(folder)])
    finally:
        _remove_chain(folder)  # pytest's own clean-up recurses, and would overflow here
    assert {p.title for p in result.postings} == {"Top Job", "Ten Down"}
    assert [p.reason for p in result.problems] == [
        f"folders nested deeper than {MAX_DEPTH}: not read"
    ]


def _remove_chain(folder: Path) -> None:
    """Remove a chain of nested `d` folders (and their files) from the bottom up, one level
    at a time (a path that long cannot be named whole, and recursion would overflow)."""
    back = os.getcwd()
    os.chdir(folder)
    depth = 0
    while os.path.isdir("d"):
        os.chdir("d")
        depth += 1
    for _ in range(depth):
        for name in os.listdir("."):
            os.unlink(name)
        os.chdir("..")
        os.rmdir("d")
    os.chdir(back)


def test_an_unreadable_subfolder_is_reported_and_the_rest_loads(tmp_path, monkeypatch):
    import os

    folder = tmp_path / "jobs"
    write(folder, "a.md", "# Readable\n")
    write(folder / "locked", "b.md", "# Hidden From Us\n")
    real_scandir = os.scandir

    def scandir(path):  # as chmod 000 would, for a user who is not root
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_postings([str(folder)])
    assert [p.title for p in result.postings] == ["Readable"]
    assert [(Path(p.path).name, p.reason) for p in result.problems] == [
        ("locked", "cannot read folder: Permission denied")
    ]


def test_the_walk_keeps_its_order_files_first_then_subfolders(tmp_path):
    folder = tmp_path / "jobs"
    for name in ("b.md", "a/z.md", "a/b/y.md", "c/x.md", "a.md", ".hidden/h.md", "a/.h.md"):
        write(folder, name, f"# {name}\n")
    result = load_postings([str(folder)])
    assert [str(Path(p.source).relative_to(folder)) for p in result.postings] == [
        "a.md", "b.md", "a/z.md", "a/b/y.md", "c/x.md"
    ]  # fmt: skip


def test_links_to_folders_are_not_followed_and_a_loop_cannot_trap_the_walk(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a/job.md", "# Real Job\n")
    (folder / "a" / "loop").symlink_to(folder)  # a loop back to the top
    (folder / "b").symlink_to(folder / "a")
    result = load_postings([str(folder)])
    assert [p.title for p in result.postings] == ["Real Job"] and not result.problems


@pytest.mark.parametrize(
    "value",
    [
        "2023-14-02",  # month 14
        "0000-06-15",  # year 0
        "2022-02-30",  # no such day
        "2021-05-05 08:00:00 +48:00",  # offset beyond a day
        "2024-01-01 25:61:00",
        "!!timestamp soon",
        "!!int twelve",
        "!!float many",
        "!!bool maybe",
    ],
)
def test_a_value_yaml_cannot_build_stays_text_and_the_front_matter_is_read(tmp_path, value):
    """PyYAML raises ValueError (not YAMLError) while parsing such values: the file was lost
    (`could not be parsed`). Now the value stays as written and every other key is read."""
    write(
        tmp_path,
        "job.md",
        f"---\ntitle: Platform Engineer\ncompany: Umbrella\nwhen: {value}\n---\nBody\n",
    )
    result = load_postings([tmp_path])
    assert not result.problems and not result.warnings
    [p] = result.postings
    assert (p.title, p.company) == ("Platform Engineer", "Umbrella")
    assert p.meta["when"] == (value.split(" ", 1)[1] if value.startswith("!!") else value)


def test_a_yaml_alias_bomb_costs_nothing_and_keeps_the_body(tmp_path):
    levels = "\n".join(
        f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}, *l{i - 1}, *l{i - 1}]" for i in range(1, 12)
    )
    bomb = f"---\nl0: &l0 [lol, lol]\n{levels}\ntitle: *l11\n---\n# Real Title\n\nBody text.\n"
    write(tmp_path, "bomb.md", bomb)  # 4**11 * 2 = 8 million values once expanded
    result = load_postings([str(tmp_path)])  # before: minutes and gigabytes, flattening it
    posting = result.postings[0]
    assert posting.title == "Real Title" and "Body text." in posting.body
    assert "YAML aliases" in result.warnings[0].reason


def test_front_matter_nested_too_deep_is_ignored(tmp_path):
    deep = "x: " + "[" * 200 + "]" * 200 + "\n"
    write(tmp_path, "deep.md", f"---\n{deep}title: Kept\n---\nBody\n")
    result = load_postings([str(tmp_path)])
    assert result.postings[0].body.strip() == "Body" and result.warnings


def test_an_autolink_keeps_its_address_in_markdown_and_in_board_html(tmp_path):
    """`<https://...>` is a Markdown link, not a tag to strip (a posting used to read
    'Apply at .'); an HTML link that shows its own address becomes one."""
    from jobtui.postings.readers.markup import to_markdown
    from jobtui.postings.text import clean_markdown

    write(
        tmp_path,
        "job.md",
        "# Ops\n\nApply at <https://acme.example/jobs/7> or <mailto:hr@acme.example>.\n",
    )
    (posting,) = load_postings([tmp_path]).postings
    assert "<https://acme.example/jobs/7>" in posting.body
    assert "<mailto:hr@acme.example>" in posting.body
    html = 'Apply: <a href="https://acme.example/jobs/8">https://acme.example/jobs/8</a>'
    assert "https://acme.example/jobs/8" in clean_markdown(to_markdown(html))
    assert "javascript" not in clean_markdown("<javascript:alert(1)> hi")
    for script in ("<JavaScript://%0aalert(1)>", "<data://text/html,x>", "<vbscript://x>"):
        assert clean_markdown(f"{script} hi").strip() == "hi"


def test_a_folder_given_twice_or_inside_another_given_loads_each_file_once(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "# Alpha\n")
    write(folder / "sub", "b.md", "# Beta\n")
    for paths in ([folder, folder], [folder, folder / "sub"], [folder / "sub", folder]):
        result = load_postings(paths)
        assert sorted(p.title for p in result.postings) == ["Alpha", "Beta"], paths
        assert result.files == 2
    result = load_postings([folder / "a.md", folder])
    assert sorted(p.title for p in result.postings) == ["Alpha", "Beta"]


QUOTED = [
    ('"Quote \\"Co\\""', 'Quote "Co"'),  # escaped quotes, one of them at the end
    ('"\\"Fresh\\" Foods"', '"Fresh" Foods'),  # ... and at the start
    ("'It''s Ours'", "It's Ours"),  # YAML's single quotes
    ('Makers "North"', 'Makers "North"'),  # unquoted, its own quotes kept
    ("'\"Wrapped\"'", "Wrapped"),  # quoted again inside YAML's quotes
    ('"Tab\\tand \\u00e9 \\x42"', "Tab and é B"),
    ('"back\\\\"', "back\\"),
    ("Brokers'", "Brokers"),  # a lone quote at an end
]


@pytest.mark.parametrize(("value", "expected"), QUOTED)
def test_quotes_in_a_front_matter_value_are_read_as_yaml_means_them(tmp_path, value, expected):
    """Valid or not (the block YAML cannot parse is read line by line), a quoted value comes
    out whole: the quotes it holds stay, the ones around it go."""
    write(tmp_path, "ok.md", f"---\ntitle: Engineer\ncompany: {value}\n---\nBody.\n")
    write(tmp_path, "bad.md", f"---\ntitle: Engineer\ncompany: {value}\nx: [unclosed\n---\nB.\n")
    result = load_postings([tmp_path])
    assert sorted(p.company for p in result.postings) == [expected, expected]
    assert [w.path.endswith("bad.md") for w in result.warnings] == [True]  # the invalid YAML


@pytest.mark.parametrize(
    ("value", "tags"),
    [("[]", []), ("[rust, 'go', \"elixir\"]", ["rust", "go", "elixir"]), ("[ ]", [])],
)
def test_a_one_line_list_in_front_matter_yaml_cannot_parse_is_a_list(tmp_path, value, tags):
    write(tmp_path, "bad.md", f"---\ntitle: Engineer\ntags: {value}\nx: [unclosed\n---\nB.\n")
    (posting,) = load_postings([tmp_path]).postings
    assert sorted(posting.tags) == sorted(tags)
    assert "[]" not in posting.tags


@pytest.mark.parametrize(
    ("line", "company", "tags"),
    [
        ("company: [Ferrous Labs", "Ferrous Labs", ["go"]),
        ("company: {Ferrous Labs", "Ferrous Labs", ["go"]),
        ("tags: [rust, kotlin", "Tallow", ["kotlin", "rust"]),
    ],
)
def test_a_list_never_closed_in_broken_front_matter_reads_as_if_it_were(
    tmp_path, line, company, tags
):
    """Its opening bracket is no part of the name (the company was `[Ferrous Labs`)."""
    text = f"---\ntitle: SRE\ncompany: Tallow\ntags: [go]\n{line}\n---\nBody.\n"
    write(tmp_path, "bad.md", text)
    result = load_postings([tmp_path])
    (posting,) = result.postings
    assert posting.company == company and set(tags) <= set(posting.tags)
    assert not any("[" in tag or "]" in tag for tag in posting.tags)
    assert len(result.warnings) == 1  # still said to be invalid YAML


def test_a_readme_at_the_top_is_titled_by_its_folder_however_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opened as `.`, by its name, or through a link to it (the load store shares its rows
    between them), a README.md at the top of a folder takes the folder's own name."""
    folder = tmp_path / "kestrel-data-engineer"
    write(folder, "README.md", "We need someone for pipelines.\n\nApply by mail.\n")
    (tmp_path / "link").symlink_to(folder)
    monkeypatch.chdir(folder)
    titles = set()
    for opened in (".", str(folder), str(tmp_path / "link")):
        for cache in (False, True, True):
            (posting,) = load_postings([opened], cache=cache).postings
            titles.add(posting.title)
    assert titles == {"Kestrel data engineer"}
