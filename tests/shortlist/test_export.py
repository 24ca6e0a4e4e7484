"""Exports that other tools read: Markdown for people, CSV for spreadsheets, JSON for scripts."""

from __future__ import annotations

import csv
import io
import json

import pytest

from jobtui.shortlist.export import render, to_csv, write_file
from jobtui.shortlist.store import BookmarkStore


@pytest.fixture
def store(tmp_path, seeds) -> BookmarkStore:
    s = BookmarkStore(tmp_path / "cfg")
    s.add(seeds["000"])
    s.add(seeds["004"])
    s.set_status(seeds["004"].id, "applied")
    s.add_note(seeds["004"].id, '=HYPERLINK("http://evil")')
    return s


def test_markdown_groups_by_status_with_links_and_notes(store):
    text = render("md", store.all())
    assert text.index("## Saved (1)") < text.index("## Applied (1)")
    assert "[Back End Developer](<mailto:alan@ello.co>)" in text
    assert "HYPERLINK" in text and "Diode, Berlin, Germany" in text


def test_csv_round_trip_and_formula_neutralised(store):
    rows = list(csv.DictReader(io.StringIO(render("csv", store.all()))))
    assert {r["title"] for r in rows} == {
        "Back End Developer",
        "Senior Backend Engineer (Erlang/Elixir, Go)",
    }
    applied = next(r for r in rows if r["status"] == "applied")
    assert applied["notes"].split(": ", 1)[1].startswith("=HYPERLINK")  # inside the cell text
    assert not applied["notes"].startswith("=")


def test_a_row_without_pay_names_no_currency_for_it(store, seeds):
    rows = list(csv.DictReader(io.StringIO(render("csv", store.all()))))
    by_title = {r["title"]: r for r in rows}
    paid = by_title["Senior Backend Engineer (Erlang/Elixir, Go)"]  # (a seed with no salary)
    assert paid["salary_yearly"] == "" and paid["salary_yearly_currency"] == ""
    other = by_title["Back End Developer"]
    assert (other["salary_yearly"] == "") == (other["salary_yearly_currency"] == "")


@pytest.mark.parametrize("danger", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_every_formula_prefix_is_neutralised(store, seeds, danger):
    b = store.all()[0]
    from dataclasses import replace

    rows = list(csv.reader(io.StringIO(to_csv([replace(b, title=danger)]))))
    assert rows[1][2] == "'" + danger


def test_json_round_trip(store):
    data = json.loads(render("json", store.all()))
    assert len(data["bookmarks"]) == 2
    by_status = {b["status"]: b for b in data["bookmarks"]}
    assert by_status["applied"]["notes"][0]["text"].startswith("=HYPERLINK")
    assert by_status["saved"]["url"] == "mailto:alan@ello.co"


def test_write_file_never_overwrites_without_asking(tmp_path):
    target = tmp_path / "out.md"
    write_file(target, "one")
    with pytest.raises(FileExistsError):
        write_file(target, "two")
    assert target.read_text() == "one"
    write_file(target, "three", overwrite=True)
    assert target.read_text() == "three"


HOSTILE_URLS = [
    "https://jobs.example/a)![tracker](http://evil.example/p.png)",
    "https://jobs.example/<img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    " JaVaScRiPt:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_markdown_links_cannot_be_broken_out_of(tmp_path, seeds, url):
    from dataclasses import replace

    store = BookmarkStore(tmp_path / "cfg2")
    store.add(replace(seeds["001"], url=url))
    md = render("md", store.all())
    import re

    targets = re.findall(r"\]\(<([^>]*)>\)", md)
    assert all(t.split(":", 1)[0] in ("http", "https", "mailto") for t in targets)
    assert "![" not in md and "<img" not in md
    assert len(re.findall(r"\]\(", md)) == len(targets)  # no link other than the title's
    if url.startswith("https://"):
        assert len(targets) == 1 and ")" not in targets[0] and " " not in targets[0]


def test_markdown_keeps_a_plain_link_as_it_was(tmp_path, seeds):
    from dataclasses import replace

    store = BookmarkStore(tmp_path / "cfg2")
    url = "https://boards.example.com/acme/jobs/123?gh_src=abc&utm=x#apply"
    store.add(replace(seeds["001"], url=url))
    assert f"(<{url}>)" in render("md", store.all())


def test_a_note_without_a_date_exports_as_its_text(tmp_path):
    import json as _json

    cfg = tmp_path / "cfg3"
    cfg.mkdir()
    entry = {"id": "abc123abc123", "title": "Dev", "notes": ["typed by hand", {"text": "x"}]}
    (cfg / "bookmarks.json").write_text(_json.dumps({"version": 1, "bookmarks": [entry]}))
    items = BookmarkStore(cfg).all()
    assert "  - typed by hand" in render("md", items) and ": typed" not in render("md", items)
    assert "typed by hand | x" in render("csv", items)


def test_a_note_of_several_lines_keeps_its_lines_in_markdown(store, seeds):
    store.add_note(seeds["000"].id, "Called Sam.\nSecond round: Tuesday\n\n# not a heading")
    text = render("md", store.all())
    item = text[text.index("Called Sam.") :].split("\n")
    assert item[0].endswith("Called Sam.  ")  # a hard line break, inside the list item
    assert item[1] == "    Second round: Tuesday  "
    assert item[2] == "    \\# not a heading"  # still escaped: no heading made
