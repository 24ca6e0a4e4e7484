"""The loader on real-world mess: every file becomes a posting or a problem with a reason."""

from __future__ import annotations

import os

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
    write(tmp_path, "page.html", "<html><body>not a posting</body></html>")
    result = load_postings([tmp_path])
    assert [p.title for p in result.postings] == ["Py Dev"]
    assert [os.path.basename(p.path) for p in result.problems] == ["page.html"]
    assert "not a posting" in result.problems[0].reason


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
