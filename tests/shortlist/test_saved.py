"""Saved searches: kept safely, found by name whatever its case, run from the command line
with their matches and how many are new."""

from __future__ import annotations

import json

import pytest

from jobtui.cli import main
from jobtui.shortlist.saved import SavedError, SavedSearches


def test_saving_replacing_and_removing(tmp_path):
    s = SavedSearches(tmp_path / "cfg")
    assert s.add("Elixir remote", "elixir remote:yes")
    assert not s.add("elixir REMOTE", "elixir remote:yes salary:>=100k")  # same name: replaced
    other = SavedSearches(tmp_path / "cfg")  # another process
    other.add("go", "tag:go")
    s.add("rust", "rust")  # made on the file as it is now: keeps the other's
    again = SavedSearches(tmp_path / "cfg")
    assert again.all() == {
        "elixir REMOTE": "elixir remote:yes salary:>=100k",
        "go": "tag:go",
        "rust": "rust",
    }
    assert again.remove("GO") == "tag:go"
    with pytest.raises(SavedError, match="saved: elixir REMOTE, rust"):
        again.get("go")
    with pytest.raises(SavedError):
        again.add(" ", "x")


def test_a_damaged_file_is_moved_aside_and_keys_of_a_newer_jobtui_kept(tmp_path):
    cfg = tmp_path / "cfg"
    cfg.mkdir()
    (cfg / "saved.json").write_text("{ not json")
    s = SavedSearches(cfg)
    assert s.all() == {} and "moved to" in s.recovered
    (cfg / "saved.json").write_text(
        json.dumps({"version": 1, "searches": {"a": "x\x1b[2J"}, "colors": {"a": "red"}})
    )
    s = SavedSearches(cfg)
    assert s.get("a") == "x"  # no escape sequence comes back out
    s.add("b", "y")
    assert json.loads((cfg / "saved.json").read_text())["colors"] == {"a": "red"}


def test_the_command_line(capsys):
    from jobtui.shortlist.triage import TriageStore

    assert main(["saved", "add", "elixir", "elixir remote:yes"]) == 0
    capsys.readouterr()
    assert main(["search", "--saved", "Elixir", "--format", "json"]) == 0
    found = {r["id"] for r in json.loads(capsys.readouterr().out)}
    main(["search", "elixir remote:yes", "--format", "json"])
    assert found == {r["id"] for r in json.loads(capsys.readouterr().out)} and len(found) >= 2
    TriageStore().mark_seen(sorted(found)[:1])
    assert main(["saved", "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row == {
        "name": "elixir",
        "query": "elixir remote:yes",
        "matches": len(found),
        "new": len(found) - 1,
    }
    assert main(["search", "--saved", "nope"]) == 1
    assert "no saved search named 'nope'" in capsys.readouterr().err
    assert main(["saved", "rm", "elixir"]) == 0


def test_a_saved_search_runs_and_counts_in_the_folder_given(tmp_path, monkeypatch, capsys):
    """`jobtui search --saved NAME FOLDER` and `jobtui saved FOLDER` use the folder (the
    folder was taken for a query word, or refused as an action, and the bundled postings
    searched instead)."""
    import json

    from jobtui.cli import main

    (tmp_path / "leads").mkdir()
    (tmp_path / "leads" / "a.md").write_text("# Haskell Engineer\n\nWe write Haskell.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["saved", "add", "lazy", "haskell"]) == 0
    capsys.readouterr()
    assert main(["search", "--saved", "lazy", "leads", "--format", "json"]) == 0
    assert [r["title"] for r in json.loads(capsys.readouterr().out)] == ["Haskell Engineer"]
    for argv in (["saved", "leads"], ["saved", "list", str(tmp_path / "leads")]):
        assert main([*argv, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)[0]["matches"] == 1
    assert main(["saved", "laeds"]) == 2
    assert "neither list, add nor rm, nor a folder" in capsys.readouterr().err


def test_a_query_none_of_which_reads_is_not_saved(capsys):
    """It would list every posting: refused, as `search` refuses it, and nothing is kept."""
    assert main(["saved", "add", "pay", "salary:>>k posted:<<"]) == 2
    err = capsys.readouterr().err
    assert "could be understood: not saved" in err and "salary" in err
    assert SavedSearches().all() == {}
    assert main(["saved", "add", "pay", "salary:>>k rust"]) == 0  # a part that reads: saved
    assert SavedSearches().all() == {"pay": "salary:>>k rust"}


def test_counts_in_the_bundled_samples_say_so(capsys):
    main(["saved", "add", "go", "tag:go"])
    capsys.readouterr()
    assert main(["saved"]) == 0
    assert "counted in the bundled sample postings" in capsys.readouterr().err
    assert main(["saved", "--format", "json"]) == 0  # (a script reads JSON: no chatter)
    assert capsys.readouterr().err == ""
