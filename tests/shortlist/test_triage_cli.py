"""Hide, block and the blocklist from the command line, and their effect on search."""

from __future__ import annotations

import json

from jobtui.cli import main


def found(capsys, *query: str) -> set[str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    main(["search", *query, "--format", "json"])
    out = capsys.readouterr()
    return {r["id"] for r in json.loads(out.out or "[]")}


def test_hide_block_and_bring_back(seeds, capsys):
    ello, sketch, diode = seeds["000"], seeds["003"], seeds["004"]
    everything = found(capsys, "")
    assert len(everything) == 5
    assert main(["hide", ello.id[:6], sketch.id]) == 0
    assert main(["block", "company", "DIODE inc."]) == 0
    assert main(["block", "company", "Diode"]) == 1  # already, under another spelling
    left = found(capsys, "")
    assert left == everything - {ello.id, sketch.id, diode.id}
    capsys.readouterr()
    main(["search", "backend"])
    assert "left out (is:hidden, is:blocked shows them)" in capsys.readouterr().err
    assert found(capsys, "is:hidden") == {ello.id, sketch.id}
    assert found(capsys, "is:blocked") == {diode.id}
    capsys.readouterr()
    assert main(["blocklist", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"companies": ["DIODE inc."], "words": []}
    assert main(["unhide", sketch.id]) == 0 and main(["unblock", "company", "diode"]) == 0
    assert found(capsys, "") == everything - {ello.id}


def test_new_and_seen(seeds, capsys):
    from jobtui.shortlist.triage import TriageStore

    TriageStore().mark_seen([seeds["001"].id])
    assert seeds["001"].id not in found(capsys, "is:new")
    assert found(capsys, "is:seen") == {seeds["001"].id}


def test_an_unknown_id_is_refused(capsys):
    assert main(["hide", "zzzzzz"]) == 1
    assert "no posting with id" in capsys.readouterr().err


def test_list_and_search_fold_copies_and_list_all_does_not(tmp_path, capsys):
    from ..conftest import write

    body = "We build tools for remote teams. " * 20
    for folder in ("board-a", "board-b"):
        write(tmp_path / folder, "sre.md", f"---\ntitle: SRE\ncompany: Acme\n---\n{body}\n")
    write(tmp_path / "board-b", "other.md", "---\ntitle: SRE\ncompany: Umbrella\n---\nDifferent.\n")
    capsys.readouterr()
    assert main(["list", str(tmp_path), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 2  # the two Acme files are one row; another company stays apart
    acme = next(r for r in records if r["company"] == "Acme")
    assert len(acme["duplicates"]) == 1
    assert main(["list", str(tmp_path), "--all", "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every) == 3  # each copy listed, with the ids of its others
    assert sorted(len(r["duplicates"]) for r in every) == [0, 1, 1]
    main(["search", "sre", str(tmp_path), "--format", "json"])
    assert len(json.loads(capsys.readouterr().out)) == 2
    main(["list", str(tmp_path)])
    assert "SRE  ×2" in capsys.readouterr().out
