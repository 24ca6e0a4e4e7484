"""Hidden and seen marks follow their posting to a new id, as bookmarks do: a file edited
where it lives (a board raised the salary), renamed, or read through a folder above it. A
mark of another folder's posting is left alone, and hiding one copy hides the job."""

from __future__ import annotations

import json
from pathlib import Path

from jobtui.cli import main
from jobtui.postings.loader import load_postings
from jobtui.shortlist.triage import TRIAGE_FILE, TriageStore

from ..conftest import write


def listed(capsys, *args: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Title by id of what `list` shows (or `search` with a query first)."""
    capsys.readouterr()
    command = ["search", *args] if args and not Path(args[0]).exists() else ["list", *args]
    assert main([*command, "--format", "json"]) in (0, 1)  # (1: a search found nothing)
    return {r["id"]: r["title"] for r in json.loads(capsys.readouterr().out or "[]")}


def jobs(folder: Path) -> None:
    write(folder / "inner", "kiln.md", "---\ntitle: Kiln Operator\ncompany: Potters Guild\n"
          "salary: 30k-35k GBP\n---\nFire the kilns.\n")  # fmt: skip
    write(folder / "inner", "loom.md", "# Loom Technician\n\nCompany: Weavers & Sons\n\nLooms.\n")
    write(folder, "forge.md", "---\ntitle: Blacksmith\ncompany: Anvil Works\n---\nHammer.\n")


def id_of(capsys, title: str, *args: str) -> str:  # type: ignore[no-untyped-def]
    return next(k for k, v in listed(capsys, *args).items() if v == title)


def test_a_hidden_posting_stays_hidden_when_its_file_is_edited_renamed_or_opened_above(
    tmp_path, capsys
):
    jobs(tmp_path)
    inner = str(tmp_path / "inner")
    kiln = id_of(capsys, "Kiln Operator", inner)
    assert main(["hide", kiln[:8], "--in", inner]) == 0
    assert "Kiln Operator" not in listed(capsys, inner).values()
    # The board edits the posting: new content, new id, the same file, title and company.
    edited = (tmp_path / "inner" / "kiln.md").read_text().replace("30k-35k", "32k-38k")
    (tmp_path / "inner" / "kiln.md").write_text(edited)
    assert "Kiln Operator" not in listed(capsys, inner).values()
    assert list(listed(capsys, "is:hidden", inner).values()) == ["Kiln Operator"]
    # Renamed, then read through the folder above: other ids again, still hidden.
    (tmp_path / "inner" / "kiln.md").rename(tmp_path / "inner" / "kiln-operator.md")
    assert set(listed(capsys, inner).values()) == {"Loom Technician"}
    assert set(listed(capsys, str(tmp_path)).values()) == {"Loom Technician", "Blacksmith"}
    hidden = listed(capsys, "is:hidden", str(tmp_path))
    assert list(hidden.values()) == ["Kiln Operator"] and kiln not in hidden
    # Marked under the id of each folder it was opened in (another jobtui may show it by
    # another), all of one content; shown again by one id, shown again under every one.
    state = json.loads(TriageStore().path.read_text())
    assert set(hidden) <= set(state["hidden"]) and set(state["postings"]) == set(state["hidden"])
    assert len({about[0] for about in state["postings"].values()}) == 1
    assert main(["unhide", next(iter(hidden)), "--in", str(tmp_path)]) == 0
    assert "Kiln Operator" in listed(capsys, str(tmp_path)).values()
    assert json.loads(TriageStore().path.read_text())["postings"] == {}


def test_an_edit_that_makes_another_job_is_not_followed(tmp_path, capsys):
    jobs(tmp_path)
    kiln = id_of(capsys, "Kiln Operator", str(tmp_path))
    assert main(["hide", kiln, "--in", str(tmp_path)]) == 0
    file = tmp_path / "inner" / "kiln.md"
    file.write_text(file.read_text().replace("Kiln Operator", "Glaze Chemist"))
    assert "Glaze Chemist" in listed(capsys, str(tmp_path)).values()
    # The mark waits for its posting (another folder may hold it), it is not dropped.
    assert kiln in TriageStore().hidden()


def test_marks_of_other_folders_and_of_older_jobtuis(tmp_path, capsys):
    jobs(tmp_path / "a")
    write(
        tmp_path / "b", "desk.md", "---\ntitle: Receptionist\ncompany: Front Desk Ltd\n---\nHi.\n"
    )
    desk = id_of(capsys, "Receptionist", str(tmp_path / "b"))
    forge = id_of(capsys, "Blacksmith", str(tmp_path / "a"))
    # Marks written by a jobtui that kept ids only: the next load learns what they are.
    config = TriageStore().path.parent
    (config / TRIAGE_FILE).write_text(
        json.dumps(
            {"version": 1, "seen": {forge: "2026-01-02T10:00:00+00:00"}, "hidden": {desk: ""}}
        )
    )
    assert "Blacksmith" in listed(capsys, str(tmp_path / "a")).values()  # seen, not hidden
    state = json.loads((config / TRIAGE_FILE).read_text())
    assert set(state["postings"]) == {forge}  # the desk's posting was not loaded
    assert state["hidden"] == {desk: ""}  # kept as it was, time and all
    forge_file = tmp_path / "a" / "forge.md"
    forge_file.write_text(forge_file.read_text() + "\nNow with a pension.\n")
    new = id_of(capsys, "Blacksmith", str(tmp_path / "a"))
    assert new != forge
    seen = TriageStore().seen()
    assert dict(seen) == {new: "2026-01-02T10:00:00+00:00"}  # the same time, the new id
    assert "Receptionist" not in listed(capsys, str(tmp_path / "b")).values()


def test_hiding_one_copy_hides_the_job_as_in_the_app(tmp_path, capsys):
    body = "Ship parcels across the fjords, every day, in all weathers. " * 10
    for board in ("board-a", "board-b"):
        write(
            tmp_path / board,
            "ferry.md",
            f"---\ntitle: Ferry Hand\ncompany: Fjordline\n---\n{body}\n",
        )
    ids = list(listed(capsys, "ferry", str(tmp_path)))
    assert len(ids) == 1  # one row for the two copies
    capsys.readouterr()
    assert main(["hide", ids[0], "--in", str(tmp_path)]) == 0
    assert "2 of 2 hidden (with 1 copy)" in capsys.readouterr().err
    assert listed(capsys, "ferry", str(tmp_path)) == {}
    assert listed(capsys, str(tmp_path)) == {}
    assert len(listed(capsys, "is:hidden", str(tmp_path))) == 1  # still one row, folded
    assert main(["unhide", ids[0], "--in", str(tmp_path)]) == 0
    assert len(listed(capsys, "ferry", str(tmp_path))) == 1


def test_one_copy_hidden_hides_the_job_in_list_and_search(tmp_path, capsys):
    body = "Fix the lighthouse lamps on the northern coast, all year round. " * 10
    for board in ("board-a", "board-b"):
        write(
            tmp_path / board,
            "keeper.md",
            f"---\ntitle: Lamp Keeper\ncompany: Beacon Co\n---\n{body}\n",
        )
    ids = {p.id for p in load_postings([tmp_path]).postings}
    assert len(ids) == 2
    one = sorted(ids)[0]
    TriageStore().hide([one])  # one copy only, as an older app saved it
    assert listed(capsys, str(tmp_path)) == {}
    assert listed(capsys, "lamp", str(tmp_path)) == {}
    assert len(listed(capsys, "is:hidden", str(tmp_path))) == 1


def test_opening_another_folder_never_takes_marks_from_ids_another_jobtui_shows(tmp_path, capsys):
    jobs(tmp_path)
    inner = str(tmp_path / "inner")
    kiln = id_of(capsys, "Kiln Operator", inner)
    assert main(["hide", kiln, "--in", inner]) == 0
    # `jobtui list` of the folder above gives the posting another id, and marks it too ...
    assert "Kiln Operator" not in listed(capsys, str(tmp_path)).values()
    # ... while the id an app open on the inner folder shows keeps its mark.
    assert kiln in TriageStore().hidden()
    assert "Kiln Operator" not in listed(capsys, inner).values()


def test_copies_hidden_together_come_back_together_after_one_is_edited(tmp_path, capsys):
    body = "Keep the roasters running, cup every batch and log it for the buyers.\n"
    for city in ("Porto", "Braga"):
        write(tmp_path, f"{city}.md", f"---\ntitle: Head Roaster\ncompany: Torra Lda\n"
              f"location: {city}\n---\n{body}")  # fmt: skip
    folder = str(tmp_path)
    capsys.readouterr()
    assert main(["list", "--all", folder, "--format", "json"]) == 0
    by_city = {r["location"]: r["id"] for r in json.loads(capsys.readouterr().out)}
    assert main(["hide", by_city["Braga"], "--in", folder]) == 0
    assert listed(capsys, folder) == {}
    # One copy edited where it lives: a new id, its mark (and its togetherness) follow it.
    braga = tmp_path / "Braga.md"
    braga.write_text(braga.read_text().replace("log it", "write it down"))
    assert listed(capsys, folder) == {}
    # Shown again from outside the folder, by the id of the copy not edited.
    assert main(["unhide", by_city["Porto"]]) == 0
    assert set(listed(capsys, folder).values()) == {"Head Roaster"}
    assert set(TriageStore().hidden()) == set()
