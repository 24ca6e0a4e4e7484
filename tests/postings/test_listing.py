"""`jobtui list --format jsonl` of a folder none of whose files changed: printed from what the load
store keeps for the list, without making postings, and the very lines a load prints."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobtui import cli
from jobtui.postings import listing
from jobtui.postings.store import store_path
from tests.conftest import write
from tests.postings.test_duplicates import text


def _list(*args: str) -> tuple[str, str]:
    """(stdout, stderr) of `jobtui list --format jsonl ARGS` run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert cli.main(["list", "--format", "jsonl", *args]) in (0, 1)
    return out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _loaded_only() -> object:
    """Fails a list that takes the reopened path (it must load the folder)."""
    real = listing.reopened
    taken: list[bool] = []

    def spy(paths: object, walk: object = None) -> object:
        found = real(paths, walk)  # type: ignore[arg-type]
        taken.append(found is not None)
        return found

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(listing, "reopened", spy)
        yield taken


@contextlib.contextmanager
def _never_loaded() -> object:
    """Fails a list that loads the folder instead of taking the reopened path."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the folder was loaded")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cli, "_load", refuse)
        yield


def _folder(tmp_path: Path) -> Path:
    """Postings of every kind a list prints: copies on two boards, a board file of two jobs,
    a salary in euros, quotes and a line separator in a title, no date, a file that is not a
    posting (binary), and a job without a company."""
    jobs = tmp_path / "jobs"
    body = text(41)
    head = "---\ntitle: Platform Engineer\ncompany: Brightline\n"
    write(jobs, "board-a/brightline.md", f"{head}date: 2025-02-01\n---\n\n{body}\n")
    write(jobs, "board-b/brightline.md", f"{head}date: 2025-02-01\n---\n\n{body}\n")
    write(
        jobs,
        "euro.md",
        "---\ntitle: 'Data \"Wrangler\" \u2028 Lead'\ncompany: Fjord Analytics GmbH\n"
        "location: Berlin\ndate: 2025-01-15\n---\n\nSalary: €60.000 – €75.000 per year. Hybrid.\n",
    )
    write(jobs, "nodate.md", "# QA Lead at Ferrous\n\nCompany: Ferrous\n\nTest things. Remote.\n")
    write(jobs, "nocompany.md", "---\ntitle: Night Operator\n---\n\nSomeone to watch servers.\n")
    board = {
        "jobs": [
            {"id": 11, "title": "Rust Developer", "company_name": "Oxide Works",
             "absolute_url": "https://oxide.example/11", "location": {"name": "Oslo"},
             "content": "Write Rust. $150k - $180k."},
            {"id": 12, "title": "Go Developer", "company_name": "Oxide Works",
             "absolute_url": "https://oxide.example/12", "content": "Write Go."},
        ]
    }  # fmt: skip
    write(jobs, "boards/oxide.json", json.dumps(board))
    write(jobs, "broken.md", b"\x00\x01\x02 not text \xff\xfe" * 40)
    return jobs


def _same_as_loaded(jobs: Path, *args: str) -> str:
    """The reopened list's lines, checked to be those of a load (with and without the store)."""
    loaded, loaded_err = _list(*args, str(jobs))  # (fills the store, or finds it filled)
    with _never_loaded():
        again, again_err = _list(*args, str(jobs))
    fresh, _ = _list("--no-cache", *args, str(jobs))
    assert again == loaded == fresh
    assert again_err == loaded_err
    return again


@pytest.mark.parametrize("sort", ["posted", "title", "company", "salary"])
@pytest.mark.parametrize("every", [(), ("--all",)])
def test_a_reopened_list_prints_what_a_load_prints(
    tmp_path: Path, sort: str, every: tuple[str, ...]
) -> None:
    jobs = _folder(tmp_path)
    out = _same_as_loaded(jobs, "--sort", sort, *every)
    records = [json.loads(line) for line in out.splitlines()]
    titles = [r["title"] for r in records]
    assert titles.count("Platform Engineer") == (2 if every else 1)  # copies folded
    assert {"Rust Developer", "Go Developer", "Night Operator"} <= set(titles)
    euro = next(r for r in records if r["company"] == "Fjord Analytics GmbH")
    assert euro["salary"]["currency"] == "EUR" and euro["salary_yearly"] > 60_000
    assert "\u2028" not in out  # (escaped: one record, one line)


def test_marks_blocked_companies_and_another_currency_apply_to_a_reopened_list(
    tmp_path: Path,
) -> None:
    jobs = _folder(tmp_path)
    config = Path(os.environ["JOBTUI_CONFIG_DIR"])
    (config / "config.toml").write_text('[salary]\ncurrency = "GBP"\n', encoding="utf-8")
    (config / "blocklist.txt").write_text("company: Oxide Works, Inc.\n", encoding="utf-8")
    first, _ = _list(str(jobs))
    copy = next(json.loads(line) for line in first.splitlines() if "Brightline" in line)
    assert cli.main(["hide", "--in", str(jobs), copy["id"]]) == 0
    out = _same_as_loaded(jobs)
    companies = [json.loads(line)["company"] for line in out.splitlines()]
    assert "Oxide Works" not in companies and "Brightline" not in companies  # (both copies)
    assert "Fjord Analytics GmbH" in companies
    assert all(json.loads(line)["salary_yearly_currency"] == "GBP" for line in out.splitlines())
    _, err = _list(str(jobs))
    assert "1 hidden and 2 blocked left out" in err  # (one row: the copy hidden with it)
    assert "1 file(s) skipped" in err  # (the binary file, parsed again)


def test_a_blocked_word_is_looked_for_in_the_bodies(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    _list(str(jobs))
    (Path(os.environ["JOBTUI_CONFIG_DIR"]) / "blocklist.txt").write_text("word: servers\n")
    with _loaded_only() as taken:
        out, _ = _list(str(jobs))
    # Not even tried (a walk of the folder for nothing), and only its body says it:
    assert taken == [] and "Night Operator" not in out


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename", "touch"])
def test_a_changed_folder_is_loaded(tmp_path: Path, change: str) -> None:
    jobs = _folder(tmp_path)
    _list(str(jobs))
    night = jobs / "nocompany.md"
    if change == "edit":
        night.write_text(night.read_text().replace("Night Operator", "Day Operator"))
    elif change == "add":
        write(jobs, "new/day.md", "---\ntitle: Day Operator\n---\n\nSomeone by day.\n")
    elif change == "remove":
        night.unlink()
    elif change == "rename":
        night.rename(jobs / "day.md")
    else:  # the same bytes written again: not known to be the same
        night.write_text(night.read_text())
    with _loaded_only() as taken:
        out, _ = _list(str(jobs))
    assert taken == [False]
    assert ("Day Operator" in out) == (change in ("edit", "add"))
    assert ("Night Operator" in out) == (change in ("add", "rename", "touch"))
    assert _same_as_loaded(jobs) == out  # (and the store now holds the change)


_NIGHT = "(SELECT n FROM postings WHERE title = 'Night Operator')"


def _rows(con: sqlite3.Connection) -> list[object]:
    return [con.execute(f"SELECT * FROM {table}").fetchall() for table in ("postings", "heads")]


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE postings SET title = 'Night ' || char(27) || ']0;owned' || char(7) || 'Operator' "
        "WHERE title = 'Night Operator'",
        f"UPDATE postings SET company = 'Oxide' || char(8207) || ' Works' WHERE n = {_NIGHT}",
        f"UPDATE postings SET salary_min = 'lots' WHERE n = {_NIGHT}",
        f"UPDATE postings SET salary_max = 1e999 WHERE n = {_NIGHT}",
        f"UPDATE postings SET id = 'not hex' WHERE n = {_NIGHT}",
        f"UPDATE postings SET digest = NULL WHERE n = {_NIGHT}",
        f"UPDATE postings SET posted = 'yesterday' WHERE n = {_NIGHT}",
        f"UPDATE postings SET key = 'x' || char(27) || '[2J' WHERE n = {_NIGHT}",
        # The record's head, printed as it is: checked, never trusted.
        f"UPDATE heads SET head = head || char(27) || '[2J' WHERE n = {_NIGHT}",
        f"UPDATE heads SET head = replace(head, 'Night', 'Day') WHERE n = {_NIGHT}",
        f"UPDATE heads SET head = 5 WHERE n = {_NIGHT}",
        f"UPDATE heads SET head = NULL WHERE n = {_NIGHT}",
        f"DELETE FROM heads WHERE n = {_NIGHT}",
        # Of the right shape, no raw control character, but not what a load writes ...
        f'UPDATE heads SET head = replace(head, \'"url": null\', \'"url": "\\u001b[2J"\') '
        f"WHERE n = {_NIGHT}",
        f"UPDATE heads SET head = head || ', \"evil\": 1' WHERE n = {_NIGHT}",
        f"UPDATE heads SET head = head || '}} {{\"evil\": 1}}' WHERE n = {_NIGHT}",
        f"UPDATE heads SET head = substr(head, 1, 60) WHERE n = {_NIGHT}",
        f'UPDATE heads SET head = replace(head, \'"remote": \', \'"remote": "yes", "x": \') '
        f"WHERE n = {_NIGHT}",
        # ... or not of its row: another company, pay or day than the one the list sorts by.
        f'UPDATE heads SET head = replace(head, \'"company": null\', \'"company": "Acme"\') '
        f"WHERE n = {_NIGHT}",
        "UPDATE heads SET head = replace(head, '60000.0', '1.0') WHERE n = "
        "(SELECT n FROM postings WHERE company = 'Fjord Analytics GmbH')",
    ],
)
def test_a_row_that_does_not_check_out_is_not_printed(tmp_path: Path, damage: str) -> None:
    jobs = _folder(tmp_path)
    expected, _ = _list(str(jobs))
    with contextlib.closing(sqlite3.connect(store_path([jobs]))) as con:
        before = _rows(con)
        con.execute(damage)
        con.commit()
        assert _rows(con) != before  # (damaged indeed)
    with _loaded_only() as taken:
        out, _ = _list(str(jobs))
    assert taken == [False]
    assert out == expected


@pytest.mark.parametrize(
    "damage",
    [
        f"UPDATE postings SET salary_min = 1, salary_max = 2 WHERE n = {_NIGHT}",
        f"UPDATE postings SET posted = 700000 WHERE n = {_NIGHT}",
    ],
)
def test_a_head_not_of_its_row_is_not_printed(tmp_path: Path, damage: str) -> None:
    """The list sorts by the row's pay and day and prints the head's: when they differ, the
    reopened list is not printed. (The load that follows reads the row, well formed, as any
    stored value: it cannot tell it from what a load wrote.)"""
    jobs = _folder(tmp_path)
    _list(str(jobs))
    with contextlib.closing(sqlite3.connect(store_path([jobs]))) as con:
        con.execute(damage)
        con.commit()
    with _loaded_only() as taken:
        _list(str(jobs))
    assert taken == [False]


@pytest.mark.parametrize(
    "damage",
    [
        "location = 'Oslo' || char(10) || 'Bergen'",
        "url = 'https://x.example/' || char(155) || '31m'",
        "tags = 'rust' || char(10) || char(27) || '[2J'",
        'origins = \'{"title": "made up"}\'',
        "format = 'exe'",
        "remote = 5",
    ],
)
def test_a_reopened_list_prints_the_stored_head_not_the_other_columns(
    tmp_path: Path, damage: str
) -> None:
    """What the list prints of a posting beyond its id, source, title, company, salary, date
    and hash is its head: columns only the app reads (where they are checked) change nothing."""
    jobs = _folder(tmp_path)
    expected, _ = _list(str(jobs))
    with contextlib.closing(sqlite3.connect(store_path([jobs]))) as con:
        con.execute(f"UPDATE postings SET {damage} WHERE title = 'Night Operator'")
        con.commit()
    with _never_loaded():
        out, _ = _list(str(jobs))
    assert out == expected


def test_listed_rows_are_those_of_their_files_in_the_order_of_the_walk(tmp_path: Path) -> None:
    """A file parsed again gets a higher number in the store: the list's order among equals
    (no salary, the same title) is still the folder's."""
    jobs = tmp_path / "jobs"
    for name in ("a", "b", "c"):
        write(
            jobs,
            f"{name}.md",
            f"---\ntitle: Same\ncompany: {name.upper()} Co\n---\n\nJob {name}.\n",
        )
    _list(str(jobs))
    a = jobs / "a.md"
    a.write_text(a.read_text() + "More.\n")  # stored again, after b and c
    _list(str(jobs))
    for sort in ("salary", "title"):
        out = _same_as_loaded(jobs, "--sort", sort)
        assert [json.loads(line)["company"] for line in out.splitlines()] == [
            "A Co",
            "B Co",
            "C Co",
        ]


_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ09 -_'\"\\/#:[]{},é€ü\u00a0\u2028\u200d💼")),
    min_size=1,
    max_size=24,
)
_POSTING = st.fixed_dictionaries(
    {
        "title": _TEXT,
        "company": st.none() | _TEXT,
        "date": st.none() | st.dates().map(str),
        "pay": st.none()
        | st.sampled_from(["$90k–120k", "€4.500 per month", "£40 an hour", "CHF 100'000"]),
        "place": st.none() | st.sampled_from(["Remote", "Berlin, hybrid", "Lisbon", "Remote (EU)"]),
    }
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(_POSTING, min_size=1, max_size=6), st.sampled_from(["posted", "salary", "title"]))
def test_property_a_reopened_list_is_a_loaded_one(
    tmp_path_factory: pytest.TempPathFactory, postings: list[dict[str, str | None]], sort: str
) -> None:
    jobs = tmp_path_factory.mktemp("jobs")
    for i, p in enumerate(postings):
        lines = [f"title: {json.dumps(p['title'])}"]
        for key in ("company", "date"):
            if p[key] is not None:
                lines.append(f"{key}: {json.dumps(p[key])}")
        body = " ".join(x for x in (p["pay"], p["place"]) if x) or "A job."
        write(jobs, f"{i:02d}.md", "---\n" + "\n".join(lines) + f"\n---\n\n{body}\n")
    _same_as_loaded(jobs, "--sort", sort)
