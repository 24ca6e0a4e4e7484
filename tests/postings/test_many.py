"""Files of many postings (boards, feeds, threads, pages) through the loader: ids that survive
fetches, sources that name the posting, board-implied values marked, the cache, problems said.

The readers themselves are tested in tests/postings/readers/; here a small fake reader stands in,
so these tests hold the loader to its side of the interface whatever the formats do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobtui.postings import readers
from jobtui.postings.cache import LoadCache
from jobtui.postings.loader import iter_load, load_postings, source_file
from jobtui.postings.readers import Item, NotReadable, Read
from tests.conftest import write


def fake_read_text(text: str, name: str) -> Read:
    """A board file as the tests write it: {"board": NAME, "jobs": [{id, title, ...}]}."""
    try:
        data: Any = json.loads(text)
    except ValueError:
        raise NotReadable("not valid JSON") from None
    if not isinstance(data, dict) or "jobs" not in data:
        raise NotReadable("JSON, but none of the formats jobtui reads")
    items, problems = [], []
    for job in data["jobs"]:
        if not job.get("title") and not job.get("text"):
            problems.append(f"job {job.get('id')}: no title")
            continue
        meta = {k: v for k, v in job.items() if k not in ("id", "text")}
        board = set()
        if "company" not in meta and data.get("board"):
            meta["company"] = data["board"]
            board.add("company")
        items.append(Item(str(job["id"]), meta, job.get("text", ""), frozenset(board)))
    return Read("greenhouse", items, data.get("note"), problems)


@pytest.fixture(autouse=True)
def _fake_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "read_text", fake_read_text)


def board(*jobs: dict[str, Any], name: str = "Acme Robotics", note: str | None = None) -> str:
    return json.dumps({"board": name, "jobs": list(jobs), "note": note})


JOBS = [
    {"id": 4012345, "title": "Senior Rust Engineer", "location": "Berlin", "text": "Build robots."},
    {"id": 4012346, "title": "Product Designer", "location": "Lisbon", "text": "Design *tools*."},
    {"id": 4012347, "title": "Data Analyst", "company": "Acme Labs", "text": "SQL all day."},
]


def test_each_posting_of_a_board_file_is_a_posting_named_by_file_and_key(tmp_path: Path) -> None:
    path = write(tmp_path, "boards/acme.json", board(*JOBS))
    result = load_postings([tmp_path])
    assert not result.problems and not result.warnings
    titles = [p.title for p in result.postings]
    assert titles == ["Senior Rust Engineer", "Product Designer", "Data Analyst"]
    first = result.postings[0]
    assert first.source == f"{path}#4012345"
    assert source_file(first.source) == str(path) == first.file
    assert first.format == "greenhouse"
    assert first.location == "Berlin"
    assert first.body.strip() == "Build robots."
    assert len({p.id for p in result.postings}) == 3


def test_a_company_named_after_the_board_says_so(tmp_path: Path) -> None:
    write(tmp_path, "acme.json", board(*JOBS))
    by_title = {p.title: p for p in load_postings([tmp_path]).postings}
    implied = by_title["Senior Rust Engineer"]
    assert implied.company == "Acme Robotics"
    assert implied.origins["company"] == "board"
    stated = by_title["Data Analyst"]
    assert stated.company == "Acme Labs" and stated.origins["company"] == "front matter"


def test_ids_survive_a_posting_removed_and_another_edited(tmp_path: Path) -> None:
    path = write(tmp_path, "acme.json", board(*JOBS))
    before = {p.title: p.id for p in load_postings([tmp_path]).postings}
    edited = {**JOBS[2], "text": "SQL and Python all day.", "title": "Data Analyst II"}
    path.write_text(board(JOBS[1], edited, {"id": 9, "title": "Intern", "text": "Learn."}))
    after = {p.title: p.id for p in load_postings([tmp_path]).postings}
    assert after["Product Designer"] == before["Product Designer"]
    assert after["Data Analyst II"] == before["Data Analyst"]  # the same posting, edited
    assert "Senior Rust Engineer" not in after
    assert after["Intern"] not in before.values()


def test_the_same_key_in_two_files_gives_two_postings(tmp_path: Path) -> None:
    write(tmp_path, "a/acme.json", board(JOBS[0]))
    write(tmp_path, "b/acme.json", board(JOBS[0]))
    postings = load_postings([tmp_path]).postings
    assert len({p.id for p in postings}) == 2


def test_postings_that_cannot_be_read_are_said_and_the_rest_load(tmp_path: Path) -> None:
    jobs = [*JOBS, {"id": 7, "title": ""}, {"id": 8}, {"id": 10}, {"id": 11}]
    write(tmp_path, "acme.json", board(*jobs, note="broken escapes repaired"))
    result = load_postings([tmp_path])
    assert len(result.postings) == 3
    (warning,) = result.warnings
    assert "broken escapes repaired" in warning.reason
    assert "not read: job 7: no title; job 8: no title; job 10: no title and 1 more" in (
        warning.reason
    )


def test_a_file_of_no_postings_and_a_file_no_reader_reads_are_problems(tmp_path: Path) -> None:
    write(tmp_path, "empty-board.json", board())
    write(tmp_path, "package.json", '{"name": "left-pad", "version": "1.0.0"}')
    write(tmp_path, "broken.json", '{"jobs": [')
    result = load_postings([tmp_path])
    reasons = {Path(p.path).name: p.reason for p in result.problems}
    assert reasons["empty-board.json"] == "no postings in this greenhouse file"
    assert reasons["package.json"].startswith("not a posting: JSON, but none of the formats")
    assert reasons["broken.json"] == "not a posting: not valid JSON"


def test_a_key_with_hash_or_space_keeps_the_file_findable(tmp_path: Path) -> None:
    path = write(tmp_path, "feed#1.json", board({"id": "https://x.io/j#a b", "title": "Ops"}))
    (posting,) = load_postings([tmp_path]).postings
    assert posting.source == f"{path}#https://x.io/j%23a%20b"
    assert source_file(posting.source) == str(path)


def test_a_posting_without_a_title_takes_its_first_line(tmp_path: Path) -> None:
    write(tmp_path, "hn.json", board({"id": 1, "text": "Acme | Rust | Berlin\n\nMore text."}))
    (posting,) = load_postings([tmp_path]).postings
    assert posting.title == "Acme | Rust | Berlin"
    assert posting.origins["title"] == "body"


def test_html_with_front_matter_is_still_markdown(tmp_path: Path) -> None:
    write(tmp_path, "job.html", "---\ntitle: Py Dev\ncompany: X\n---\nBody <b>bold</b>\n")
    (posting,) = load_postings([tmp_path]).postings
    assert posting.title == "Py Dev" and posting.format == "markdown"


def test_a_board_file_comes_back_from_the_cache_equal(tmp_path: Path) -> None:
    folder = tmp_path / "jobs"
    write(folder, "acme.json", board(*JOBS))
    write(folder, "one.md", "# Solo\n\nA posting.")
    first = [p for chunk in iter_load([folder], cache=LoadCache([folder])) for p in chunk.postings]
    cache = LoadCache([folder])
    second = [p for chunk in iter_load([folder], cache=cache) for p in chunk.postings]
    assert cache.hits == 2
    assert second == first
    assert [p.source for p in second] == [p.source for p in first]
    assert [dict(p.origins) for p in second] == [dict(p.origins) for p in first]
    assert {p.format for p in second} == {"greenhouse", "markdown"}


def test_check_counts_postings_and_files_and_each_format(tmp_path: Path) -> None:
    from jobtui.cli import main

    write(tmp_path, "acme.json", board(*JOBS))
    write(tmp_path, "one.md", "---\ntitle: Solo\ncompany: Initech\n---\nA posting.")
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", str(tmp_path)])
    text = out.getvalue()
    assert "loaded 4 postings from 2 of 2 files" in text
    rows = {line.split()[0]: line.split() for line in text.splitlines()[1:] if line[:2] == "  "}
    assert rows["greenhouse"][1:4] == ["1", "3", "100%"]  # 1 file, 3 postings, titles
    assert rows["markdown"][1:3] == ["1", "1"]
    assert rows["greenhouse"][4] == "100%"  # company: two from the board, one stated


def test_show_names_the_posting_in_its_file_the_format_and_what_the_board_states(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib
    import io

    from jobtui.cli import main

    job = {
        "id": 55,
        "title": "Platform Engineer",
        "employment_type": "Full-time",
        "department": ["Infrastructure", "Platform"],
        "workplace": "Hybrid",
        "remote_from": "Portugal; Spain",
        "valid_through": "2026-12-31",
        "text": "Kubernetes.",
    }
    write(tmp_path, "acme.json", board(job))
    (posting,) = load_postings([tmp_path]).postings
    monkeypatch.setenv("COLUMNS", "400")  # the whole path on one line
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["show", posting.id, str(tmp_path)])
    text = " ".join(out.getvalue().split())
    assert "acme.json#55 (Greenhouse board)" in text
    assert "Company Acme Robotics (from the board)" in text
    assert "Type Full-time" in text
    assert "Team Infrastructure, Platform" in text
    assert "Workplace Hybrid" in text
    assert "Remote from Portugal; Spain" in text
    assert "Open until 2026-12-31" in text


def test_show_piped_prints_a_links_address(tmp_path: Path) -> None:
    """`jobtui show ID | less`: a link labelled 'apply here' shows where it goes."""
    import contextlib
    import io

    from jobtui.cli import main

    write(
        tmp_path,
        "b.json",
        board({"id": 3, "title": "Ops", "text": "[apply here](https://x.example/a)"}),
    )
    (posting,) = load_postings([tmp_path]).postings
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["show", posting.id, str(tmp_path)])
    assert "apply here (https://x.example/a)" in out.getvalue()


def test_a_posting_is_found_by_its_source_as_check_names_it(tmp_path: Path) -> None:
    import contextlib
    import io

    from jobtui.cli import main

    write(tmp_path, "boards/acme.json", board(*JOBS))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["show", "acme.json#4012346", str(tmp_path)]) == 0
    assert "Product Designer" in out.getvalue()
