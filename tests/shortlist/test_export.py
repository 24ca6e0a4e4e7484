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
