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
