"""Which files are postings: extension-less postings load best-effort and say so; project files,
scripts and code do not; Markdown is a posting whatever its name (README.md included)."""

from __future__ import annotations

import os
from datetime import date

import pytest

from jobtui.postings.loader import load_postings

from ..conftest import write


def load(root):
    result = load_postings([root])
    return (
        {os.path.relpath(p.source, root): p for p in result.postings},
        {os.path.relpath(p.path, root): p.reason for p in result.problems},
        {os.path.relpath(w.path, root): w.reason for w in result.warnings},
    )


def test_key_value_lines_open_a_text_or_markdown_file_as_its_front_matter(tmp_path):
    """A text file's header, MultiMarkdown's metadata: read as front matter, without a word
    (it is their own form); a first line that only looks so, or a heading first, stays body."""
    write(
        tmp_path,
        "notes.txt",
        "Title: Rust Systems Programmer\nCompany: Plain Text Inc\nSalary: 110k-130k USD\n"
        "Remote: yes\n\nWrite fast code.\n",
    )
    write(tmp_path, "mmd.md", "Title:  Data Engineer\nEmployer: Globex\n\n# Data Engineer\n")
    write(tmp_path, "note.md", "# Go Dev\n\nNote: this role is closed.\nLocation: Oslo\n")
    write(tmp_path, "one.md", "Warning: sentence ahead.\n\nA body.\n")
    write(
        tmp_path,
        "visa.md",
        "Title: Ops\nNote: we do not sponsor visas\nDeadline: 2026-12-01\n\nWe need ops.\n",
    )
    postings, problems, warnings = load(tmp_path)
    notes = postings["notes.txt"]
    assert (notes.title, notes.company, notes.remote) == (
        "Rust Systems Programmer",
        "Plain Text Inc",
        True,
    )
    assert notes.origins["title"] == "front matter" and notes.body.strip() == "Write fast code."
    assert notes.salary is not None and (notes.salary.min, notes.salary.max) == (110_000, 130_000)
    assert (postings["mmd.md"].title, postings["mmd.md"].company) == ("Data Engineer", "Globex")
    assert postings["note.md"].title == "Go Dev" and "Note: this role" in postings["note.md"].body
    assert postings["one.md"].body.startswith("Warning: sentence ahead.")
    assert "we do not sponsor visas" in postings["visa.md"].body  # a line no field takes stays
    assert not problems and not warnings


def test_key_value_lines_without_dashes_are_front_matter(tmp_path):
    write(
        tmp_path,
        "inbox/qa-engineer",
        "Title: QA Engineer\nCompany: Hooli\nLocation: Zürich\nDate: 2024-02-03\n"
        "Tags:\n  - pytest\n  - selenium\n\nYou will test all the things.\n",
    )
    postings, problems, warnings = load(tmp_path)
    posting = postings[os.path.join("inbox", "qa-engineer")]
    assert (posting.title, posting.company, posting.location) == ("QA Engineer", "Hooli", "Zürich")
    assert posting.posted == date(2024, 2, 3)
    assert {"pytest", "selenium"} <= set(posting.tags)
    assert posting.body.strip() == "You will test all the things."
    assert not problems
    assert warnings == {
        os.path.join("inbox", "qa-engineer"): "no extension: read as key: value front matter"
    }


def test_key_value_lines_closed_by_dashes_and_invalid_yaml(tmp_path):
    write(tmp_path, "a", "company: Initech\ntitle: Ops: night shift\n---\nKeep it running.\n")
    postings, _, warnings = load(tmp_path)
    assert (postings["a"].title, postings["a"].company) == ("Ops: night shift", "Initech")
    assert postings["a"].body.strip() == "Keep it running."
    assert "key: value front matter" in warnings["a"]


def test_prose_without_an_extension_is_read_as_plain_text(tmp_path):
    write(
        tmp_path,
        "support-agent",
        "We are looking for a friendly support agent who enjoys talking to customers\n"
        "and solving their problems. Note: evenings are part of the rota.\n",
    )
    write(tmp_path, "Sr. Engineer - Globex", "# Senior engineer\n\nGlobex builds turbines. " * 3)
    postings, problems, warnings = load(tmp_path)
    assert postings["support-agent"].title == "Support agent"
    assert postings["Sr. Engineer - Globex"].title == "Senior engineer"
    assert not problems
    assert set(warnings.values()) == {"no extension: read as plain text"}


PROSE = "This is prose that could almost be a posting, with many words in it.\n"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("LICENSE", "MIT License\n\nCopyright (c) 2024 Someone\n", "project or build file"),
        ("LICENSE-APACHE", PROSE, "project or build file"),
        ("COPYING", PROSE, "project or build file"),
        ("AUTHORS", "Jane Doe <jane@example.org>\nJohn Roe\n", "project or build file"),
        ("CONTRIBUTORS", PROSE, "project or build file"),
        ("NOTICE", PROSE, "project or build file"),
        ("CODEOWNERS", "* @org/team\n", "project or build file"),
        ("README", PROSE, "project or build file"),
        ("Makefile", "all:\n\tpython -m build\n", "project or build file"),
        ("Dockerfile", "FROM python:3.11\nRUN pip install .\n", "project or build file"),
        ("Procfile", "web: gunicorn app:app\nworker: rq worker\n", "project or build file"),
        ("Gemfile", "source 'https://rubygems.org'\ngem 'rails'\n", "project or build file"),
        ("Rakefile", PROSE, "project or build file"),
        ("Vagrantfile", PROSE, "project or build file"),
        ("Brewfile", 'brew "git"\n', "project or build file"),
        ("gitignore", "*.pyc\n__pycache__/\n", "project or build file"),
        ("npmrc", "registry=https://r.example\n", "project or build file"),
        ("deploy", "#!/bin/sh\nset -e\nrsync -a . host:/srv/\n", "a script"),
        ("terms", "Permission is hereby granted, free of charge, to any person\n", "licence"),
        ("manage", "import os\nimport sys\n\ndef main():\n    pass\n", "code or configuration"),
        ("settings", "[server]\nport=8080\nHOST=0.0.0.0\n", "code or configuration"),
        ("data", '{"title": "Dev", "company": "Acme"}\n', "neither as prose"),
        ("jobs", "title,company,location\nDev,Acme,Berlin\nOps,Initech,Oslo\n", "neither as prose"),
        ("short", "Backend dev\n", "neither as prose"),
    ],
)
def test_files_without_an_extension_that_are_not_postings(tmp_path, name, content, reason):
    write(tmp_path, f"repo/{name}", content)
    postings, problems, _ = load(tmp_path)
    assert not postings
    assert problems[os.path.join("repo", name)].startswith("not a posting: ")
    assert reason in problems[os.path.join("repo", name)]


def test_a_file_named_on_the_command_line_is_read_whatever_it_is(tmp_path):
    path = write(tmp_path, "Procfile", "title: Night Ops\ncompany: Initech\n\nKeep it up.\n")
    result = load_postings([path])
    assert [p.title for p in result.postings] == ["Night Ops"]


@pytest.mark.parametrize("name", ["tool.py", "jobs.csv", "notes.rst", "data.yaml"])
def test_other_extensions_keep_todays_behaviour(tmp_path, name):
    write(tmp_path, name, "We are hiring a developer in Berlin to build our product.\n")
    _, problems, _ = load(tmp_path)
    assert "not a Markdown or text file" in problems[name]


def test_a_folder_per_posting_named_readme(tmp_path):
    write(tmp_path, "acme-backend-engineer/README.md", "We need a backend engineer for Go.\n")
    write(tmp_path, "globex/site-reliability/README.md", "---\ncompany: Globex\n---\nOn call.\n")
    write(tmp_path, "2024-03-02/index.md", "Product designer wanted.\n")
    write(tmp_path, "initech/README.markdown", "# Data Engineer\n\nSpark.\n")
    postings, problems, warnings = load(tmp_path)
    titles = {name.split(os.sep)[0]: p.title for name, p in postings.items()}
    assert titles == {
        "acme-backend-engineer": "Acme backend engineer",
        "globex": "Site reliability",
        "2024-03-02": "Product designer wanted",  # no folder with words: the first line
        "initech": "Data Engineer",
    }
    readme = postings[os.path.join("acme-backend-engineer", "README.md")]
    assert readme.origins["title"] == "path"
    assert postings[os.path.join("2024-03-02", "index.md")].origins["title"] == "body"
    assert not problems and not warnings


def test_a_readme_at_the_root_takes_the_root_folder_name(tmp_path):
    folder = tmp_path / "senior-rust-developer"
    write(folder, "README.md", "We write Rust.\n")
    assert load_postings([folder]).postings[0].title == "Senior rust developer"
