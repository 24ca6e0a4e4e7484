"""`jobtui fetch` and `jobtui sources` run in-process as a person would, with the data and
config dirs and every API pointed at temporary folders and a local server; and the folder
jobtui opens when given none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtui.cli import main
from jobtui.storage import default_folder, jobs_dir
from tests.fetch.conftest import fixture
from tests.fetch.test_client import closed_port

GREENHOUSE = "/greenhouse/v1/boards/vaultline/jobs"
LEVER = "/lever/v0/postings/northwind"


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    paths = {"data": tmp_path / "data", "config": tmp_path / "config"}
    monkeypatch.setenv("JOBTUI_DATA_DIR", str(paths["data"]))
    monkeypatch.setenv("JOBTUI_CONFIG_DIR", str(paths["config"]))
    return paths


def serve_boards(apis) -> None:
    apis.expect_request(GREENHOUSE).respond_with_data(
        fixture("greenhouse-vaultline.json"), content_type="application/json"
    )
    apis.expect_request(LEVER).respond_with_data(
        fixture("lever-northwind.json"), content_type="application/json"
    )


def test_fetch_saves_into_the_data_dir_and_says_what_is_new(apis, dirs, capsys, fake_readers):
    serve_boards(apis)
    assert main(["fetch", "greenhouse:vaultline", "lever:northwind"]) == 0
    out, err = capsys.readouterr()
    jobs = dirs["data"] / "jobs"
    assert out.splitlines() == [
        "greenhouse:vaultline  3 postings: 3 new (first fetch)",
        "  + Senior Platform Engineer — Vaultline (Berlin)",
        "  + Data Analyst — Vaultline (Remote (EU))",
        "  + Office Manager — Vaultline (Lisbon)",
        "lever:northwind  1 posting: 1 new (first fetch)",
        "  + Backend Developer (Elixir) (Copenhagen)",
        "4 postings from 2 of 2 sources: 4 new, 0 changed, 0 removed",
        f"(files in {jobs})",
    ]
    assert err == ""  # no progress bars when stderr is not a terminal
    assert sorted(p.name for p in jobs.iterdir()) == [
        ".history",
        "greenhouse-vaultline.json",
        "lever-northwind.json",
    ]
    assert main(["fetch", "greenhouse:vaultline"]) == 0
    assert capsys.readouterr().out.startswith("greenhouse:vaultline  3 postings: nothing new\n")


def test_fetch_json_has_one_record_per_source_and_fails_when_one_did(
    apis, dirs, capsys, fake_readers, tmp_path
):
    serve_boards(apis)
    apis.expect_request("/greenhouse/v1/boards/gone/jobs").respond_with_data("", status=404)
    into = tmp_path / "elsewhere"
    status = main(
        ["fetch", "greenhouse:gone", "lever:northwind", "--format", "json", "--into", str(into)]
    )
    assert status == 1
    records = json.loads(capsys.readouterr().out)
    assert records == [
        {
            "source": "greenhouse:gone",
            "file": None,
            "count": None,
            "first": None,
            "added": [],
            "removed": [],
            "changed": [],
            "error": (
                f"no such board at {apis.url_for('/greenhouse/v1/boards/gone/jobs')}"
                "?content=true (JOBTUI_GREENHOUSE_API)"
            ),
            "note": None,
        },
        {
            "source": "lever:northwind",
            "file": str(into / "lever-northwind.json"),
            "count": 1,
            "first": True,
            "added": [
                {
                    "key": "5f1c2d3e-aaaa-4bbb-8ccc-0123456789ab",
                    "title": "Backend Developer (Elixir)",
                    "company": "",
                }
            ],
            "removed": [],
            "changed": [],
            "error": None,
            "note": None,
        },
    ]
    assert not (dirs["data"] / "jobs").exists()


def test_a_failed_source_is_said_on_stderr_and_the_others_still_run(
    apis, dirs, capsys, fake_readers
):
    serve_boards(apis)
    apis.expect_request("/greenhouse/v1/boards/gone/jobs").respond_with_data("", status=404)
    assert main(["fetch", "greenhouse:gone", "greenhouse:vaultline", "-q"]) == 1
    out, err = capsys.readouterr()
    gone = apis.url_for("/greenhouse/v1/boards/gone/jobs?content=true")
    assert (
        err == f"jobtui fetch: greenhouse:gone: no such board at {gone} (JOBTUI_GREENHOUSE_API)\n"
    )
    assert out.startswith("greenhouse:vaultline  3 postings: 3 new")


def test_the_sources_list_is_managed_and_fetched_with_no_source(apis, dirs, capsys, fake_readers):
    serve_boards(apis)
    listed = dirs["config"] / "sources.txt"
    dirs["config"].mkdir()
    listed.write_text("# boards I watch\nlever:northwind  # Copenhagen\n", encoding="utf-8")
    assert main(["sources", "add", "greenhouse:vaultline", "hn:latest"]) == 0
    assert main(["sources", "rm", "hn:latest"]) == 0
    capsys.readouterr()
    assert main(["sources"]) == 0
    assert capsys.readouterr().out == "lever:northwind\ngreenhouse:vaultline\n"
    assert main(["sources", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"source": "lever:northwind", "kind": "lever"},
        {"source": "greenhouse:vaultline", "kind": "greenhouse"},
    ]
    assert listed.read_text(encoding="utf-8") == (
        "# boards I watch\nlever:northwind  # Copenhagen\ngreenhouse:vaultline\n"
    )
    assert main(["fetch"]) == 0
    out = capsys.readouterr().out
    assert "lever:northwind  1 posting: 1 new" in out
    assert "greenhouse:vaultline  3 postings: 3 new" in out


def test_sources_add_refuses_a_malformed_source(dirs, capsys):
    assert main(["sources", "add", "greenhouse:ok", "workday:acme"]) == 2
    assert "'workday:acme' is not a SOURCE" in capsys.readouterr().err
    assert not (dirs["config"] / "sources.txt").exists()


def test_fetch_with_nothing_to_fetch_says_how_to_add_a_source(dirs, capsys):
    assert main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert "nothing to fetch" in err and "jobtui sources add greenhouse:acme" in err


def test_fetch_refuses_a_malformed_source_before_any_request(dirs, capsys):
    assert main(["fetch", "greenhouse:a/b"]) == 2
    assert "letters, digits" in capsys.readouterr().err


def test_fetch_help_names_the_environment_variables(capsys):
    with pytest.raises(SystemExit):
        main(["fetch", "--help"])
    out = capsys.readouterr().out
    for name in ("JOBTUI_GREENHOUSE_API", "JOBTUI_LEVER_API", "JOBTUI_ASHBY_API", "JOBTUI_HN_API"):
        assert name in out


# --- the folder jobtui opens with no PATH ------------------------------------------------------


def test_the_default_folder_is_the_jobs_folder_once_it_holds_a_file(dirs):
    assert jobs_dir() == dirs["data"] / "jobs"
    assert default_folder() is None  # none yet
    (jobs_dir() / ".history").mkdir(parents=True)
    (jobs_dir() / ".history" / "greenhouse-x-20261124T010000Z.json").write_text("{}")
    assert default_folder() is None  # hidden files do not count
    (jobs_dir() / "mine.md").write_text("# Dev\n")
    assert default_folder() == jobs_dir()


def test_subcommands_with_no_path_open_the_jobs_folder_else_the_samples(dirs, capsys):
    assert main(["list", "--format", "json"]) == 0
    samples = json.loads(capsys.readouterr().out)
    assert len(samples) == 5  # the bundled postings
    jobs_dir().mkdir(parents=True)
    (jobs_dir() / "keeper.md").write_text(
        "---\ntitle: Lighthouse Keeper\ncompany: Beacon Co\n---\nMind the light.\n"
    )
    assert main(["list", "--format", "json"]) == 0
    [posting] = json.loads(capsys.readouterr().out)
    assert posting["title"] == "Lighthouse Keeper"


def test_the_tui_with_no_path_opens_the_jobs_folder(dirs, monkeypatch):
    opened: list[object] = []

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            pass

    def fake_make_app(paths, config_dir=None, use_cache=True):  # type: ignore[no-untyped-def]
        opened.append(paths)
        return FakeApp()

    monkeypatch.setattr("jobtui.tui.app.make_app", fake_make_app)
    assert main([]) == 0
    jobs_dir().mkdir(parents=True)
    (jobs_dir() / "feed-example.com-jobs.xml").write_text("<rss/>")
    assert main([]) == 0
    assert opened == [None, [str(jobs_dir())]]


def test_a_terminal_gets_a_progress_line_that_leaves_no_trace_in_the_output(
    httpserver, dirs, capsys, fake_readers, monkeypatch
):
    httpserver.expect_request("/careers/[bold]{task}").respond_with_data(
        fixture("feed.xml"), content_type="application/rss+xml"
    )
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert main(["fetch", httpserver.url_for("/careers/[bold]{task}")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1:3] == ["  + Machine Learning Engineer", "  + Frontend Engineer"]


def test_a_url_without_its_scheme_is_refused_with_a_hint(dirs, capsys):
    assert main(["fetch", "127.0.0.1:57585/feed.xml"]) == 2
    assert capsys.readouterr().err == (
        "jobtui fetch: '127.0.0.1:57585/feed.xml' is not a SOURCE: did you mean "
        "https://127.0.0.1:57585/feed.xml (or http://127.0.0.1:57585/feed.xml)?\n"
    )


def test_offline_each_host_is_tried_once_then_its_other_sources_fail_at_once(
    dirs, capsys, monkeypatch
):
    monkeypatch.setattr("jobtui.fetch.client.BACKOFF", 0.0)  # no real waiting
    port = closed_port()
    monkeypatch.setenv("JOBTUI_GREENHOUSE_API", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("JOBTUI_LEVER_API", f"http://127.0.0.1:{port}/v0")
    assert main(["fetch", "greenhouse:a", "greenhouse:b", "lever:c"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "jobtui fetch: greenhouse:a: cannot reach 127.0.0.1: are you offline? (tried 2 times)",
        "jobtui fetch: greenhouse:b: cannot reach 127.0.0.1: are you offline?",
        "jobtui fetch: lever:c: cannot reach 127.0.0.1: are you offline?",
    ]


def test_a_terminal_is_told_when_a_request_is_tried_again(
    httpserver, dirs, capsys, fake_readers, monkeypatch
):
    httpserver.expect_ordered_request("/feed").respond_with_data(
        "busy", status=503, headers={"Retry-After": "0"}
    )
    httpserver.expect_ordered_request("/feed").respond_with_data(
        fixture("feed.xml"), content_type="application/rss+xml"
    )
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert main(["fetch", httpserver.url_for("/feed")]) == 0
    out, err = capsys.readouterr()
    assert "retrying (2/4)…" in err
    assert "retrying" not in out
