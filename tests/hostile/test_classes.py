"""One test per class of the hostile folder: what a person sees come of each kind of attack.

test_outputs.py holds every output to the rules all of them share; here each class is held to
what it is about: a binary file is reported, a bomb is defused, a formula is kept but inert.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from jobtui.postings.loader import load_file
from jobtui.postings.model import Posting
from jobtui.tui.render import MAX_RENDERED

from .checks import SAFE_SCHEMES, markdown_problems, strict_json, unsafe
from .make_fixtures import HOSTILE_NAMES, permissions_apply


def stdout(outputs, name: str, output: str) -> str:  # type: ignore[no-untyped-def]
    return "".join(run.out for run in outputs(name).runs[output])


def by_file(outputs, name: str) -> dict[str, Posting]:  # type: ignore[no-untyped-def]
    """The class's postings by file name."""
    return {Path(p.source).name: p for p in outputs(name).loaded.postings}


def reasons(outputs, name: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Why each file of the class did not load, by file name."""
    return {Path(p.path).name: p.reason for p in outputs(name).loaded.problems}


def fields(p: Posting) -> list[str]:
    """Every text a posting record holds."""
    values = [p.title, p.company, p.location, p.url, p.source, *p.tags]
    if p.salary is not None:
        values += [p.salary.currency, p.salary.period]
    return [v for v in values if v]


def assert_clean(postings: list[Posting]) -> None:
    for p in postings:
        for value in fields(p):
            assert not unsafe(value), (p.source, value)
        assert not unsafe(p.body, one_line=False), p.source


def test_names_with_escapes_become_plain_titles(outputs):
    loaded = outputs("names").loaded
    # One per hostile name, the README in a hostile folder, and a file with invalid YAML.
    assert len(loaded.postings) == len(HOSTILE_NAMES) + 2
    assert_clean(loaded.postings)
    titles = {p.title for p in loaded.postings}
    assert {"clipboard", "title", "clear", "Backend Engineer"} <= titles
    table = stdout(outputs, "names", "list table")
    assert "clipboard" in table and "Backend Engineer" in table
    # Files with hostile names that do not load, or load in part, are still reported.
    assert sorted(p.reason for p in loaded.problems) == ["binary file, not text", "empty file"]
    assert [w.reason.split(" (")[0] for w in loaded.warnings] == ["invalid YAML front matter"]


def test_names_that_are_not_utf8_load_as_text(outputs):
    postings = outputs("undecodable_names").loaded.postings
    assert len(postings) == 2
    for p in postings:
        for value in fields(p):
            value.encode("utf-8")  # what every output, and the bookmarks file, must do


def test_escapes_in_front_matter_are_dropped_from_every_field(outputs):
    files = by_file(outputs, "front_matter")
    assert set(files) == {"escaped.md", "raw.md", "body.md", "types.md", "keys.md"}
    assert_clean(list(files.values()))
    escaped = files["escaped.md"]
    assert escaped.title.endswith(" Title") and escaped.company.endswith(" Company")
    assert "[bold red]x[/]" in escaped.title  # markup is text: kept, and shown as written
    assert escaped.url is not None and escaped.url.startswith("https://jobs.example/")
    assert escaped.salary is not None and escaped.salary.currency in (None, "USD")
    # Raw control characters make the YAML invalid: what can be read is, with a warning.
    warned = {Path(w.path).name for w in outputs("front_matter").loaded.warnings}
    assert "raw.md" in warned and files["raw.md"].title.endswith(" title")


def test_markup_is_shown_as_written(outputs):
    table = stdout(outputs, "markup", "list table")
    assert "[bold red]x[/] [blink]Boss[/blink]" in table
    assert "[@click=app.quit]Paris[/]" in table
    shown = stdout(outputs, "markup", "show")
    assert "[bold red]x[/] [blink]Boss[/blink]" in shown
    assert "[bold red]not markup[/] [/]" in shown


def test_binary_files_are_reported_not_loaded(outputs):
    why = reasons(outputs, "binary")
    assert why == {
        name: "binary file, not text" for name in ("image.md", "elf.md", "controls.md", "zip.docx")
    }
    (late,) = outputs("binary").loaded.postings  # a NUL past the first 8 KB: text, cleaned
    assert "\x00" not in late.body and not unsafe(late.body, one_line=False)
    assert "binary" in stdout(outputs, "binary", "check")


def test_empty_files_are_reported_not_loaded(outputs):
    why = reasons(outputs, "empty")
    assert set(why) == {"empty.md", "blank.md", "bom.md", "dashes.md", "null.md", "noext"}
    assert all(reason.startswith("empty file") for reason in why.values())


def test_a_huge_file_is_refused_and_a_big_one_shown_in_part(outputs):
    why = reasons(outputs, "huge")
    assert set(why) == {"huge.md"} and why["huge.md"].startswith("too large")
    files = by_file(outputs, "huge")
    assert set(files) == {"big.md", "one-line.md"}
    assert_clean(list(files.values()))
    shown = stdout(outputs, "huge", "show")
    assert "is not shown; see the file" in shown
    assert len(shown) < 4 * MAX_RENDERED


def test_other_encodings_load_or_are_reported(outputs):
    files = by_file(outputs, "encoding")
    assert_clean(list(files.values()))
    for name in ("utf16le.md", "utf16be.md"):
        assert files[name].title == "UTF-16 job" and files[name].company == "Ünïcödé"
    assert files["latin1.md"].title.startswith("Café")
    assert reasons(outputs, "encoding") == {"utf16-nobom.md": "binary file, not text"}
    warned = {Path(w.path).name for w in outputs("encoding").loaded.warnings}
    assert {"latin1.md", "invalid-utf8.md"} <= warned


def test_a_yaml_alias_bomb_is_defused(outputs):
    files = by_file(outputs, "yaml_bomb")
    assert set(files) == {"laughs.md", "recursive.md", "self.md"}
    assert files["laughs.md"].title == "Laughs"  # the front matter is ignored, the file kept
    assert "more than 20,000 values" in stdout(outputs, "yaml_bomb", "check")


def test_a_yaml_alias_bomb_in_a_file_without_extension_is_defused(outputs):
    (bomb,) = outputs("bare_bomb").loaded.postings
    # 59,049 values from 300 bytes: refused, as in front matter between --- lines.
    assert "bomb" not in bomb.meta
    assert "more than 20,000 values" in stdout(outputs, "bare_bomb", "check")


def test_deeply_nested_yaml_is_refused_with_a_reason(outputs):
    loaded = outputs("yaml_deep").loaded
    assert {"flow.md", "block.md", "unclosed.md"} <= set(by_file(outputs, "yaml_deep"))
    assert not [p for p in loaded.problems if p.reason.startswith("could not be parsed")]
    assert "nests deeper than 50" in stdout(outputs, "yaml_deep", "check")


def test_deeply_nested_yaml_without_libyaml(hostile, monkeypatch):
    import yaml

    from jobtui.postings import loader

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    loader._yaml.cache_clear()
    try:
        for name in ("flow.md", "mapping.md", "unclosed.md"):
            path = hostile / "yaml_deep" / name
            postings, problem, _ = load_file(path, path.parent)  # must not raise
            assert postings or problem
    finally:
        loader._yaml.cache_clear()


def test_a_deep_folder_chain_is_cut_off_and_said(outputs):
    files = by_file(outputs, "deep_folders")
    assert set(files) == {"top.md", "job10.md"}
    (problem,) = outputs("deep_folders").loaded.problems
    assert "nested deeper than" in problem.reason
    assert "nested deeper than" in stdout(outputs, "deep_folders", "check")


def test_symbolic_link_loops_are_not_followed(outputs):
    postings = outputs("symlinks").loaded.postings
    assert [Path(p.source).name for p in postings] == ["real.md"]  # once, not once per loop
    why = reasons(outputs, "symlinks")
    assert {"a.md", "b", "self.md", "dangling.md"} <= set(why)
    assert all(why[n].startswith("cannot read") for n in ("a.md", "b", "self.md", "dangling.md"))


def test_unreadable_files_and_folders_are_reported(outputs, hostile):
    if not permissions_apply(hostile):
        pytest.skip("chmod 000 does not stop this user (root) reading")
    assert [Path(p.source).name for p in outputs("unreadable").loaded.postings] == ["readable.md"]
    why = reasons(outputs, "unreadable")
    assert why["locked.md"].startswith("cannot read")
    assert why["locked-folder"].startswith("cannot read folder")


def test_a_named_pipe_is_not_read(outputs):
    # Reading a FIFO would wait for a writer forever; that the class ran at all says it is not.
    assert [Path(p.source).name for p in outputs("fifo").loaded.postings] == ["real.md"]
    if hasattr(os, "mkfifo"):
        assert set(reasons(outputs, "fifo")) == {"pipe", "pipe.md"}


def test_apply_links_are_web_or_mail_links(outputs):
    for p in outputs("md_injection").loaded.postings:
        assert p.url is None or p.url.lower().startswith(SAFE_SCHEMES), p.url


def test_the_markdown_export_links_each_posting_once_and_nothing_else(outputs):
    exported = stdout(outputs, "md_injection", "export md")
    with_url = [p for p in outputs("md_injection").loaded.postings if p.url]
    assert not markdown_problems(exported)
    # an escaped `\](` in a title is text, not a link
    assert len(re.findall(r"(?<!\\)\]\(", exported)) == len(with_url)


def test_formulas_are_kept_but_inert_in_csv_and_tsv(outputs):
    csv_text = stdout(outputs, "formulas", "export csv")
    assert '\'=HYPERLINK(""http://evil.example"",""click"")' in csv_text
    assert "'@SUM(1+1)" in csv_text and "'-1+1" in csv_text and "'+cmd|" in csv_text
    tsv = stdout(outputs, "formulas", "list tsv")
    assert "'=1+1" in tsv and "'+cmd|" in tsv


def test_impossible_dates_leave_the_posting_undated(outputs):
    loaded = outputs("bad_dates").loaded
    assert not loaded.problems, [p.reason for p in loaded.problems]
    files = by_file(outputs, "bad_dates")
    for name in ("year-zero.md", "month-13.md", "offset.md"):
        assert files[name].posted is None


def test_other_impossible_dates_are_ignored(outputs):
    files = by_file(outputs, "bad_dates")
    for name in ("bool-date.md", "float-date.md", "inf-date.md", "epoch-huge.md"):
        assert files[name].posted is None, name


def test_a_salary_too_large_for_a_float_leaves_the_posting_loaded(outputs):
    assert not outputs("bad_numbers").loaded.problems
    assert "digits.md" in by_file(outputs, "bad_numbers")


def test_not_a_number_salaries_print_as_json(outputs):
    for output in ("list json", "shortlist json"):
        strict_json(stdout(outputs, "bad_numbers", output))


def test_infinite_salaries_export(outputs):
    (run,) = outputs("bad_numbers").runs["export csv"]
    assert run.error is None, run.error
