"""The installed `jobtui` command, run as a script would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jobtui.shortlist.export import CSV_COLUMNS

from .conftest import write

JOBTUI = shutil.which("jobtui", path=str(Path(sys.executable).parent)) or shutil.which("jobtui")


def run(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    assert JOBTUI, "the jobtui console script is not installed"
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    return subprocess.run(
        [JOBTUI, *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=60
    )


def test_version_and_help():
    assert run("--version").stdout.startswith("jobtui ")
    help_text = run("--help").stdout
    assert "examples:" in help_text and "jobtui search" in help_text


def test_list_json_from_another_directory(tmp_path):
    out = run("list", "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert len(records) == 5
    keys = {
        "id",
        "source",
        "title",
        "company",
        "location",
        "remote",
        "salary",
        "tags",
        "posted",
        "url",
    }
    assert all(keys <= set(r) for r in records)
    remote_africa = next(r for r in records if r["location"] == "Remote-Africa")
    assert remote_africa["salary"] == {
        "min": 51850.0,
        "max": 171450.0,
        "currency": "USD",
        "period": "year",
        "period_guessed": True,  # (the seed says `$51,850 - $171,450`, no period)
    }
    assert records[0]["posted"] == "2020-12-23"  # newest first


def test_list_sort_and_jsonl_tsv():
    titles = [
        json.loads(line)["title"]
        for line in run("list", "--format", "jsonl", "--sort", "title").stdout.splitlines()
    ]
    assert titles == sorted(titles, key=str.casefold)
    tsv = run("list", "--format", "tsv").stdout.splitlines()
    assert tsv[0].startswith("id\tsource\ttitle") and len(tsv) == 6


def test_tsv_with_nothing_to_list_still_prints_its_header(tmp_path):
    """A script reads columns by name: an empty answer is a header and no rows, the same
    header as when something matched, not an empty line."""
    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg"), "JOBTUI_CACHE_DIR": str(tmp_path / "c")}
    found = run("search", "kotlin OR elixir", "--format", "tsv", env=env).stdout.splitlines()
    none = run("search", "zqxwvy", "--format", "tsv", env=env)
    assert none.returncode == 1 and none.stdout.splitlines() == found[:1]
    assert found[0].split("\t")[-2:] == ["duplicates", "score"]
    (tmp_path / "empty").mkdir()
    listed = run("list", "--format", "tsv", env=env).stdout.splitlines()
    empty = run("list", str(tmp_path / "empty"), "--format", "tsv", env=env).stdout.splitlines()
    assert empty == listed[:1] and len(listed) > 1
    shortlist = run("shortlist", "--format", "tsv", env=env).stdout.splitlines()
    assert shortlist == ["\t".join(CSV_COLUMNS)]


def test_show_renders_one_posting_by_id_prefix():
    records = json.loads(run("list", "--format", "json").stdout)
    diode = next(r for r in records if r["company"] == "Diode")
    out = run("show", diode["id"][:6])
    assert out.returncode == 0
    assert "Senior Backend Engineer (Erlang/Elixir, Go)" in out.stdout
    assert "Why you should join Diode" in out.stdout
    assert run("show", "zzzz").returncode == 1


def test_check_reports_problems_and_exit_status(tmp_path):
    write(tmp_path, "good.md", "# Good\n")
    assert run("check", str(tmp_path)).returncode == 0
    write(tmp_path, "empty.md", "")
    out = run("check", str(tmp_path))
    assert out.returncode == 1
    assert "empty.md: empty file" in out.stdout
    assert "loaded 1 of 2 files" in out.stdout


def test_errors_are_one_line_without_traceback(tmp_path):
    out = run("list", str(tmp_path / "missing"))
    assert out.returncode == 2
    assert out.stderr.strip().count("\n") == 0 and "no such file" in out.stderr
    assert "Traceback" not in out.stderr
    bad = run("list", "--format", "xml")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_path_beginning_with_dash_after_double_dash(tmp_path):
    write(tmp_path, "-odd/-posting.md", "# Dash Job\n")
    out = run("list", "--format", "json", "--", "-odd", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["title"] == "Dash Job"


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "jobtui", "--version"], capture_output=True, text=True
    )
    assert out.stdout.startswith("jobtui ")


@pytest.mark.skipif(
    not (Path(__file__).parents[2] / "shared" / "corpus").is_dir(), reason="corpus absent"
)
def test_corpus_loads_without_problems():
    corpus = Path(__file__).parents[2] / "shared" / "corpus"
    out = run("check", str(corpus))
    assert "loaded 1654 of 1654" in out.stdout


def test_search_command_and_exit_status():
    out = run("search", "elxir", "--format", "json")
    assert out.returncode == 0
    records = json.loads(out.stdout)
    assert records[0]["title"] == "Senior Backend Engineer (Elixir)" and "score" in records[0]
    assert run("search", "cobol").returncode == 1
    bad = run("search", "salary:>>x elixir")
    assert bad.returncode == 0 and "salary: expected a number" in bad.stderr
    assert "query language" in run("search", "--help").stdout
    header, first = run("search", "elixir").stdout.splitlines()[:2]
    assert header.split()[-2:] == ["Age", "Score"]  # the score column is named
    assert first.split()[-1] == "10.0"


def test_search_given_only_a_folder_says_the_query_is_missing(tmp_path):
    write(tmp_path / "jobs", "a.md", "---\ntitle: Rust Developer\n---\nRust.\n")
    out = run("search", str(tmp_path / "jobs"))
    assert out.returncode == 1 and out.stdout == ""
    assert f"to search it: jobtui search QUERY {tmp_path / 'jobs'}" in out.stderr
    assert "to search it" not in run("search", "cobol").stderr


def test_a_status_reached_on_a_day_still_to_come_is_refused(tmp_path):
    from datetime import date, timedelta

    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg")}
    first = json.loads(run("list", "--format", "json").stdout)[0]["id"]
    later = (date.today() + timedelta(days=40)).isoformat()
    out = run("bookmark", first, "--status", "applied", "--on", later, env=env)
    assert out.returncode != 0 and "still to come" in out.stderr
    assert run("shortlist", env=env).stdout.count("applied") == 0
    earlier = (date.today() - timedelta(days=3)).isoformat()
    assert run("bookmark", first, "--status", "applied", "--on", earlier, env=env).returncode == 0


def test_unhide_finds_a_hidden_posting_of_a_folder_not_given(tmp_path):
    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg")}
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Rust Developer\n---\nRust.\n")
    (record,) = json.loads(run("list", str(folder), "--format", "json").stdout)
    assert run("hide", record["id"], "--in", str(folder), env=env).returncode == 0
    shown = run("unhide", record["id"][:8], env=env)  # the bundled samples are open, not jobs
    assert shown.returncode == 0 and "1 of 1 shown again" in shown.stderr
    assert json.loads(run("list", str(folder), "--format", "json", env=env).stdout) == [record]
    unknown = run("unhide", "ffffffffff", env=env)
    assert unknown.returncode == 1 and "no hidden one" in unknown.stderr


def test_unhide_outside_the_folder_shows_the_copies_hidden_with_it_again(tmp_path):
    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg")}
    folder = tmp_path / "jobs"
    body = "We build payment rails for small shops, in Go and Postgres.\n"
    for city in ("Leeds", "Bristol", "Cardiff"):
        front = f"title: Platform Engineer\ncompany: Ferrule Pay\nlocation: {city}, UK"
        write(folder, f"{city.lower()}.md", f"---\n{front}\n---\n{body}")
    write(folder, "other.md", "---\ntitle: Data Analyst\ncompany: Quillon\n---\nSQL daily.\n")

    def listed() -> list[str]:
        out = run("list", str(folder), "--format", "json", env=env).stdout
        return [r["title"] for r in json.loads(out)]

    (head,) = [r for r in json.loads(run("list", str(folder), "--format", "json").stdout)
               if r["title"] == "Platform Engineer"]  # fmt: skip
    other = next(r for r in json.loads(run("list", str(folder), "--format", "json").stdout)
                 if r["title"] == "Data Analyst")  # fmt: skip
    hidden = run("hide", head["id"], other["id"], "--in", str(folder), env=env)
    assert "4 of 4 hidden (with 2 copies)" in hidden.stderr
    assert listed() == []
    # Left out as the rows they would be: the job of three copies is one.
    said = "2 hidden left out"
    assert said in run("list", str(folder), env=env).stderr
    assert said in run("search", "engineer OR analyst", str(folder), env=env).stderr
    # Without --in (the bundled samples open): the job comes back whole, the other stays.
    shown = run("unhide", head["id"][:6], env=env)
    assert shown.returncode == 0 and "3 of 3 shown again (with 2 copies)" in shown.stderr
    assert listed() == ["Platform Engineer"]
    assert run("unhide", other["id"], "--in", str(folder), env=env).returncode == 0
    assert sorted(listed()) == ["Data Analyst", "Platform Engineer"]


def test_a_folded_row_says_its_copies_are_in_other_places_too(tmp_path):
    folder = tmp_path / "jobs"
    body = "Keep our fleet of delivery vans on the road and their drivers safe.\n"
    for city in ("Ghent", "Liège", "Namur"):
        front = f"title: Fleet Manager\ncompany: Rouleau\nlocation: {city}"
        write(folder, f"{city}.md", f"---\n{front}\n---\n{body}")
    (row,) = run("list", str(folder)).stdout.splitlines()[1:]
    assert "×3" in row and " +2 " in row  # one row, and it says there are two more places
    found = run("search", "namur", str(folder)).stdout.splitlines()[1:]
    assert len(found) == 1 and "Namur +2" in found[0]  # the copy that matched stands for it
    everyone = run("list", "--all", str(folder)).stdout
    assert all(city in everyone for city in ("Ghent", "Liège", "Namur")) and "+2" not in everyone


def test_hide_given_a_folder_where_an_id_goes_says_to_use_in(tmp_path):
    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg")}
    folder = tmp_path / "my jobs"
    write(folder, "a.md", "---\ntitle: Glass Blower\n---\nHot work.\n")
    (record,) = json.loads(run("list", str(folder), "--format", "json").stdout)
    for command in ("hide", "unhide"):
        out = run(command, record["id"], str(folder), env=env)
        assert out.returncode == 2 and "Traceback" not in out.stderr
        assert f"is a folder, not a posting id: give it with --in (jobtui {command}" in out.stderr
    assert not (tmp_path / "cfg" / "triage.json").exists()  # nothing hidden on the way
    (tmp_path / "cafe").mkdir()  # a folder named as an id could be: said all the same
    for command in ("hide", "unhide"):
        out = run(command, record["id"], "cafe", cwd=tmp_path, env=env)
        assert out.returncode == 2 and "'cafe' is a folder, not a posting id" in out.stderr
    assert not (tmp_path / "cfg" / "triage.json").exists()


def test_shortlist_bookmark_export_from_the_command_line(tmp_path):
    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg")}
    ids = {r["company"]: r["id"] for r in json.loads(run("list", "--format", "json").stdout)}
    assert (
        run("bookmark", ids["Diode"], "--status", "applied", "--note", "sent", env=env).returncode
        == 0
    )
    assert run("bookmark", ids["Ello"], env=env).returncode == 0
    listing = run("shortlist", env=env).stdout
    assert "applied" in listing and "Back End Developer" in listing
    assert (
        json.loads(run("search", "status:applied", "--format", "json", env=env).stdout)[0][
            "company"
        ]
        == "Diode"
    )
    out = tmp_path / "list.csv"
    exported = run("export", "--format", "csv", "-o", str(out), env=env)
    assert exported.returncode == 0 and "exported 2 bookmarks to" in exported.stderr
    assert "Diode" in out.read_text()
    one = run("export", "--status", "applied", "-o", str(tmp_path / "one.md"), env=env)
    assert "exported 1 bookmark to" in one.stderr
    again = run("export", "--format", "csv", "-o", str(out), env=env)
    assert again.returncode == 2 and "already exists" in again.stderr
    md = run("export", "--status", "applied", env=env).stdout
    assert "Diode" in md and "Ello" not in md
    assert run("unbookmark", ids["Ello"], env=env).returncode == 0
    assert "Back End Developer" not in run("shortlist", env=env).stdout
    assert run("bookmark", ids["Ello"], "--status", "hired", env=env).returncode == 2


def test_global_option_before_the_subcommand(tmp_path):
    out = run("--config-dir", str(tmp_path / "cfg"), "list", "--format", "jsonl")
    assert out.returncode == 0 and len(out.stdout.splitlines()) == 5


def test_a_missing_id_or_query_is_named(tmp_path):
    out = run("show", cwd=tmp_path)
    assert out.returncode == 2 and "the ID is missing" in out.stderr and "PATH" not in out.stderr
    out = run("search", cwd=tmp_path)
    assert "the QUERY is missing" in out.stderr and "'--'" in out.stderr
    assert "goes after '--'" in run("search", "--help").stdout  # (a path that starts with -)


def test_a_query_starting_with_a_dash_runs_after_double_dash(tmp_path):
    out = run("search", "--format", "json", "--", "-erlang backend", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    titles = {r["title"] for r in json.loads(out.stdout)}
    assert titles and not any("Erlang" in t for t in titles)
    # ... and without it: a negated word or field is no option
    for query in ("-erlang backend", "-remote:no"):
        out = run("search", query, "--format", "json", cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        assert not any("Erlang" in r["title"] for r in json.loads(out.stdout)) or ":" in query
    bad = run("search", "backend", "--frmat", "json", cwd=tmp_path)
    assert bad.returncode == 2 and "unrecognized arguments: --frmat" in bad.stderr


def test_piped_tables_are_not_cut_to_80_columns(tmp_path):
    folder = tmp_path / "jobs"
    long_title = "Principal Distributed Systems Engineer, Storage and Replication Infrastructure"
    write(folder, "a.md", f"---\ntitle: {long_title}\ncompany: Fictional Widgets GmbH\n---\nx\n")
    out = run("list", str(folder), cwd=tmp_path, env={"COLUMNS": "80"})
    assert long_title in out.stdout and "Fictional Widgets GmbH" in out.stdout


def test_tsv_has_plain_salary_columns_and_list_sorts_by_salary(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "low.md", "---\ntitle: Low\nsalary: 50000\n---\nx\n")
    write(folder, "none.md", "---\ntitle: Unpaid Internship\n---\nx\n")
    write(folder, "high.md", "---\ntitle: High\nsalary: 150000\n---\nx\n")
    out = run("list", str(folder), "--format", "tsv", "--sort", "salary", cwd=tmp_path)
    lines = [line.split("\t") for line in out.stdout.splitlines()]
    header = lines[0]
    assert "salary_max" in header and "salary" not in header
    col = header.index("salary_max")
    assert [(r[header.index("title")], r[col]) for r in lines[1:]] == [
        ("High", "150000.0"),
        ("Low", "50000.0"),
        ("Unpaid Internship", ""),
    ]
    # The currency of a year's pay only beside one (these give no currency: not comparable).
    write(folder, "euro.md", "---\ntitle: Euro\nsalary: €70,000 per year\n---\nx\n")
    out = run("list", str(folder), "--format", "tsv", "--sort", "salary", cwd=tmp_path)
    lines = [line.split("\t") for line in out.stdout.splitlines()]
    pay, currency = lines[0].index("salary_yearly"), lines[0].index("salary_yearly_currency")
    assert [(r[header.index("title")], r[currency]) for r in lines[1:]] == [
        ("Euro", "USD"),
        ("High", ""),
        ("Low", ""),
        ("Unpaid Internship", ""),
    ]
    assert float(lines[1][pay]) > 70_000


def test_bookmark_with_a_relative_follow_up_and_a_past_status(tmp_path):
    from datetime import date, timedelta

    cfg = str(tmp_path / "cfg")
    out = run("bookmark", "5196", "--status", "applied", "--on", "2026-11-02", "--follow-up",
              "+3d", "--config-dir", cfg, cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    record = json.loads(run("shortlist", "--format", "json", "--config-dir", cfg).stdout)[0]
    assert record["follow_up"] == (date.today() + timedelta(days=3)).isoformat()
    assert [(c["status"], c["at"][:10]) for c in record["history"]][-1] == (
        "applied",
        "2026-11-02",
    )
    bad = run("bookmark", "5196", "--follow-up", "someday", "--config-dir", cfg)
    assert bad.returncode == 2 and "+3d" in bad.stderr
    for flag, day in (("--follow-up", "2026-02-30"), ("--on", "2025-13-01")):
        extra = ("--status", "applied") if flag == "--on" else ()
        bad = run("bookmark", "5196", flag, day, *extra, "--config-dir", cfg)
        assert bad.returncode == 2 and f"{day} is no day of the calendar" in bad.stderr


def test_export_picks_the_format_from_the_file_name(tmp_path):
    cfg = str(tmp_path / "cfg")
    run("bookmark", "b99c", "--note", "=SUM(A1)", "--config-dir", cfg, cwd=tmp_path)
    out = run("export", "-o", "list.csv", "--config-dir", cfg, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = (tmp_path / "list.csv").read_text()
    header = text.splitlines()[0].split(",")
    for column in ("remote", "salary_min", "salary_currency", "salary_yearly", "tags", "history"):
        assert column in header
    assert "51850.0" in text and "171450.0" in text and "'" not in header[0]
    run("export", "-o", "list.json", "--config-dir", cfg, cwd=tmp_path)
    record = json.loads((tmp_path / "list.json").read_text())["bookmarks"][0]
    assert record["salary"]["currency"] == "USD" and record["history"][0]["status"] == "saved"
    assert record["salary_yearly"] == 171450.0 and record["salary_yearly_currency"] == "USD"
    bad = run("export", "-o", "list.txt", "--config-dir", cfg, cwd=tmp_path)
    assert bad.returncode == 2 and "--format" in bad.stderr and not (tmp_path / "list.txt").exists()


def test_export_keeps_the_applications_active_in_its_range_and_refuses_a_reversed_one(
    tmp_path,
):
    from datetime import date, timedelta

    cfg = str(tmp_path / "cfg")
    run("bookmark", "b99c", "--status", "applied", "--config-dir", cfg, cwd=tmp_path)
    today = date.today()
    before, after = str(today - timedelta(days=3)), str(today + timedelta(days=3))

    def titles(*flags: str) -> list[str]:
        out = run("export", "--format", "json", *flags, "--config-dir", cfg, cwd=tmp_path)
        assert out.returncode == 0, out.stderr
        return [b["title"] for b in json.loads(out.stdout)["bookmarks"]]

    assert len(titles("--since", before, "--until", after)) == 1
    assert titles("--since", after) == [] and titles("--until", before) == []
    reversed_ = run("export", "--since", after, "--until", before, "--config-dir", cfg)
    assert reversed_.returncode == 2 and reversed_.stdout == ""
    assert f"--since {after} is after --until {before}" in reversed_.stderr


@pytest.mark.parametrize("days", ["0", "-3", "3000000"])
def test_agenda_days_beyond_the_calendar_is_a_message_not_a_traceback(tmp_path, days):
    out = run("agenda", "--days", days, "--config-dir", str(tmp_path))
    assert out.returncode == 2 and "Traceback" not in out.stderr and "--days" in out.stderr


def test_an_interview_moves_the_application_on_unless_a_status_is_given(tmp_path):
    cfg = str(tmp_path / "cfg")
    out = run("bookmark", "b99c", "--interview", "2030-03-04 10:00", "--config-dir", cfg)
    assert out.returncode == 0 and "  interviewing  " in out.stdout
    out = run("bookmark", "5196", "--status", "applied", "--interview", "2030-03-05",
              "--config-dir", cfg)  # fmt: skip
    assert out.returncode == 0 and "  applied  " in out.stdout


def test_a_follow_up_beyond_the_calendar_is_a_message_not_a_traceback(tmp_path):
    out = run("bookmark", "5196", "--follow-up", "+99999999d", "--config-dir", str(tmp_path))
    assert out.returncode == 2 and "Traceback" not in out.stderr and "+3d" in out.stderr
    out = run("search", "posted:<99999999d", cwd=tmp_path)
    assert "Traceback" not in out.stderr and "beyond the calendar" in out.stderr


def test_check_says_which_money_was_not_read_as_a_salary_and_why(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "a.md", "# Analyst\n\nWe raised $40M in our Series B last spring.\n")
    write(folder, "b.md", "# Engineer\n\nLevel 3 ($120,000) or level 4 ($145,000).\n")
    write(folder, "c.md", "# Designer\n\nSalary: €55,000 – €65,000 per year.\n")
    out = run("check", str(folder), "--config-dir", str(tmp_path / "cfg"))
    assert "salaries: 1 found, 1 comparable" in out.stdout
    assert "looks like funding" in out.stdout and "b.md" in out.stdout


def test_check_lists_files_of_which_only_text_was_read(tmp_path):
    folder = tmp_path / "jobs"
    write(folder, "todo.txt", "Call the recruiter back about the pay band.\n")
    write(folder, "ideas.md", "remember: update the CV first\n")
    write(folder, "d.md", "# Data Engineer\n\nCompany: Hollow Oak\n\nBuild pipelines.\n")
    out = run("check", str(folder), "--config-dir", str(tmp_path / "cfg"))
    assert "read as text only (2)" in out.stdout
    listed = out.stdout.split("read as text only")[1]
    assert "todo.txt" in listed and "ideas.md" in listed and "d.md" not in listed


def test_a_broken_config_file_is_said_once_and_the_defaults_used(tmp_path):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "config.toml").write_text("[salary\ncurrency = 'EUR'\n")
    out = run("list", "--format", "json", "--config-dir", str(cfg))
    assert out.returncode == 0 and "config.toml" in out.stderr and "Traceback" not in out.stderr
    records = json.loads(out.stdout)
    assert {r["salary_yearly_currency"] for r in records} == {"USD"}
    with_salary = next(r for r in records if r["salary"])
    assert with_salary["salary_yearly"] == 171450.0


def test_a_query_of_only_mistakes_is_an_error_not_the_whole_folder(tmp_path):
    out = run("search", "tilte:python", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert "did you mean title:" in out.stderr and "could be understood" in out.stderr
    partly = run("search", "tilte:python backend", "--format", "jsonl", cwd=tmp_path)
    assert partly.returncode == 0 and "unknown field" in partly.stderr
    assert all("ackend" in json.loads(line)["title"] for line in partly.stdout.splitlines())


def test_the_cli_says_missing_only_for_a_file_that_is_gone(tmp_path):
    cfg = str(tmp_path / "cfg")
    folder = tmp_path / "jobs"
    gone = write(folder, "gone.md", "---\ntitle: Gone Soon\n---\nText\n")
    write(folder, "kept.md", "---\ntitle: Kept Here\n---\nText\n")
    for line in run("list", str(folder), "--format", "jsonl").stdout.splitlines():
        run("bookmark", json.loads(line)["id"], str(folder), "--note", "x=1", "--config-dir", cfg)
    gone.unlink()
    table = run("shortlist", "--config-dir", cfg).stdout
    assert "(file missing)" in table and table.count("(") == 1
    elsewhere = run("shortlist", str(tmp_path / "empty-folder-does-not-exist"), "--config-dir", cfg)
    assert elsewhere.returncode == 2  # a bad folder is an error, not "everything missing"
    (tmp_path / "other").mkdir()
    other = run("shortlist", str(tmp_path / "other"), "--config-dir", cfg).stdout
    assert "(not in this folder)" in other and "(file missing)" in other
    records = json.loads(run("export", "--format", "json", "--config-dir", cfg).stdout)
    missing = {r["title"]: r["missing"] for r in records["bookmarks"]}
    assert missing == {"Gone Soon": True, "Kept Here": False}
    tsv = run("shortlist", "--format", "tsv", "--config-dir", cfg).stdout
    assert "{" not in tsv and "x=1" in tsv  # notes as text, not Python reprs


def test_hostile_file_names_and_formula_titles_are_harmless_in_every_output(tmp_path):
    folder = tmp_path / "jobs"
    name = "evil\x1b]52;c;ZXZpbA==\x07\x1b]0;owned\x07\x1b[2J.md"
    write(folder, name, "---\ntitle: '=HYPERLINK(\"http://x\")'\ncompany: Acme\u200bCorp\n---\nx\n")
    for args in (["list"], ["list", "--format", "tsv"], ["list", "--format", "json"],
                 ["search", "acme"], ["check"]):  # fmt: skip
        out = run(*args, str(folder), cwd=tmp_path)
        assert "\x1b" not in out.stdout and "\x07" not in out.stdout, args
        assert "\u200b" not in out.stdout, args
    tsv = run("list", str(folder), "--format", "tsv").stdout.splitlines()[1]
    assert "'=HYPERLINK" in tsv and "\t=HYPERLINK" not in tsv  # shown, never run


def test_options_may_stand_after_the_query_the_id_and_the_paths(tmp_path):
    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    out = run("search", "backend", "--format", "tsv", seeds, cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("id\tsource")
    out = run("search", "backend", seeds, "--format", "jsonl", "--limit", "1", cwd=tmp_path)
    assert len(out.stdout.splitlines()) == 1
    odd = tmp_path / "-odd-dir"
    write(odd, "job.md", "---\ntitle: Odd Folder Job\n---\nText\n")
    job = json.loads(run("list", "--format", "jsonl", "--", "-odd-dir", cwd=tmp_path).stdout)
    cfg = str(tmp_path / "cfg")
    out = run("bookmark", job["id"], "--note", "hi", "--config-dir", cfg, "--", "-odd-dir",
              cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "unrecognized arguments: --lmit" in run("search", "--lmit", "3", "x").stderr


def test_an_ambiguous_id_never_puts_a_note_on_a_guessed_posting(tmp_path):
    cfg = str(tmp_path / "cfg")
    folder = tmp_path / "jobs"
    for i in range(40):  # enough ids that several start with the same character
        write(folder, f"j{i}.md", f"---\ntitle: Job {i}\n---\nText {i}\n")
    ids = [
        json.loads(line)["id"]
        for line in run("list", str(folder), "--format", "jsonl").stdout.splitlines()
    ]
    first = max("0123456789abcdef", key=lambda c: sum(i.startswith(c) for i in ids))
    assert sum(i.startswith(first) for i in ids) > 1
    one = next(i for i in ids if i.startswith(first))
    run("bookmark", one, str(folder), "--config-dir", cfg)  # one of them is bookmarked
    out = run("bookmark", first, str(folder), "--note", "meant another job", "--config-dir", cfg)
    assert out.returncode == 1 and "ambiguous" in out.stderr
    record = json.loads(run("shortlist", "--format", "json", "--config-dir", cfg).stdout)[0]
    assert record["notes"] == []


def test_a_shortlist_that_cannot_be_saved_gives_a_message_not_a_traceback(tmp_path):
    pid = json.loads(run("list", "--format", "json").stdout)[0]["id"]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {"JOBTUI_CONFIG_DIR": str(blocker / "cfg")}  # its parent is a file: cannot be made
    out = run("bookmark", pid, "--note", "hi", env=env)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert "could not save the shortlist" in out.stderr and str(blocker) in out.stderr
    assert blocker.read_text() == "not a folder"


def test_a_big_load_shows_its_progress_on_a_terminal_and_clears_it(monkeypatch, capsys):
    """`loading 1,200 files (… /s)…` on stderr, redrawn in place, gone when the load is done;
    nothing for a load that takes less than half a second."""
    from jobtui import cli

    now = [100.0]
    progress = cli._Progress()
    progress._clock = lambda: now[0]
    progress._start = progress._last = now[0]
    progress(10)  # at once: nothing yet
    now[0] += 1.0
    progress(1200)
    now[0] += 0.05
    progress(1300)  # too soon to redraw
    now[0] += 0.2
    progress(2600)
    progress.done()
    err = capsys.readouterr().err
    assert err.count("\r") == 3
    assert "loading 1,200 files (1,200/s)" in err and "loading 2,600 files" in err
    assert "1,300" not in err and "loading 10 " not in err
    assert err.endswith("\r\x1b[K")
    quiet = cli._Progress()
    quiet(5)
    quiet.done()
    assert capsys.readouterr().err == ""


def test_the_help_names_every_subcommand(capsys):
    from jobtui import cli

    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    listed = out.split("subcommands:")[1].split("run 'jobtui")[0]
    named = {w.strip(",") for w in listed.split()}
    assert named == set(cli.COMMANDS)


def test_options_of_every_subcommand_may_come_before_it(tmp_path, capsys):
    """`jobtui --no-cache list` used to read `list` as a folder."""
    from jobtui import cli

    assert cli.main(["--no-cache", "list", "--format", "jsonl"]) == 0
    assert cli.main(["--no-cache", "--config-dir", str(tmp_path), "list", "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 10  # the five samples, twice


def test_ctrl_c_while_jobtui_starts_quits_quietly(monkeypatch):
    """Ctrl+C pressed while the command is still importing: status 130, no traceback."""
    import importlib.abc

    import jobtui

    class Interrupted(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
            if name == "jobtui.cli":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "jobtui.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Interrupted(), *sys.meta_path])
    assert jobtui.console() == 130


def test_json_records_say_where_each_field_was_read(tmp_path):
    """A guessed value never reads as a stated one: `origins` names `guessed` (on-site from a
    place with no remote word) beside the front matter's own fields."""
    folder = tmp_path / "jobs"
    write(folder, "a.md", "---\ntitle: Night Nurse\nlocation: Tromsø\n---\nWard work.\n")
    write(folder, "b.md", "---\ntitle: SRE\nremote: yes\n---\nOps.\n")
    out = run("list", str(folder), "--format", "json", cwd=tmp_path)
    records = {r["title"]: r for r in json.loads(out.stdout)}
    nurse, sre = records["Night Nurse"], records["SRE"]
    assert nurse["remote"] is False and nurse["origins"]["remote"] == "guessed"
    assert nurse["origins"]["location"] == "front matter"
    assert sre["remote"] is True and sre["origins"]["remote"] == "front matter"
    assert "company" not in nurse["origins"]  # not stated, not read: no origin
    import csv

    tsv = run("list", str(folder), "--format", "tsv", cwd=tmp_path).stdout
    rows = {r["title"]: r for r in csv.DictReader(tsv.splitlines(), delimiter="\t")}
    assert json.loads(rows["Night Nurse"]["origins"])["remote"] == "guessed"


def test_show_of_a_bookmarked_posting_whose_file_is_gone_shows_what_was_kept(tmp_path):
    env = {"JOBTUI_CONFIG_DIR": str(tmp_path / "cfg")}
    folder = tmp_path / "jobs"
    write(folder, "stays.md", "---\ntitle: Stays Here\ncompany: Keep\n---\nText\n")
    gone = write(
        folder,
        "lagos.md",
        "---\ntitle: Mobile Engineer\ncompany: Paystack Labs\nlocation: Zurich\n"
        "remote: hybrid\nsalary: CHF 95,000 - 120,000 per year\ndate: 2026-09-14\n"
        "tags: [kotlin, swift]\nurl: https://example.com/lagos\n---\nShip apps.\n",
    )
    records = json.loads(run("list", str(folder), "--format", "json", env=env).stdout)
    pid = next(r["id"] for r in records if r["title"] == "Mobile Engineer")
    assert run("bookmark", pid, str(folder), "--status", "applied", env=env).returncode == 0
    gone.unlink()
    out = run("show", pid[:7], str(folder), env=env)
    assert out.returncode == 0, out.stderr
    said = " ".join(out.stdout.split())
    assert "file is missing" in said
    for shown in (
        "Mobile Engineer",
        "Paystack Labs",
        "Zurich",
        "Remote hybrid",
        "95,000–120,000 CHF a year",
        "Posted 2026-09-14",
        "kotlin, swift",
        "https://example.com/lagos",
    ):
        assert shown in said, shown
    assert "Ship apps" not in said  # a bookmark keeps no body
    assert run("show", "zzzz", str(folder), env=env).returncode == 1
