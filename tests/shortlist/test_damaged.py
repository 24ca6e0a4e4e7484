"""A damaged shortlist file never locks the person out: what can be read is read, what cannot
is kept as it was, and the file is moved aside only when nothing in it can be trusted."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from jobtui.shortlist.store import BookmarkStore

GOOD = {"id": "a1b2c3d4e5f6", "title": "Backend engineer", "status": "applied"}


def put(cfg: Path, content: str | bytes) -> Path:
    cfg.mkdir(exist_ok=True)
    path = cfg / "bookmarks.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def saved(cfg: Path) -> dict:
    """The file after a save, read strictly (NaN is not JSON)."""

    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} written to the bookmarks file")

    return json.loads((cfg / "bookmarks.json").read_text("utf-8"), parse_constant=no_constants)


def aside(cfg: Path) -> list[Path]:
    return list(cfg.glob("bookmarks.corrupt-*"))


# Files that hold something trustworthy: read entry by entry, never moved aside.
READABLE = {
    "non-object entries beside a good one": json.dumps(
        {"version": 1, "bookmarks": [1, "x", None, GOOD]}
    ),
    "bare list": json.dumps([GOOD, ["nested"]]),
    "no version": json.dumps({"bookmarks": [GOOD, "x"]}),
    "version as text": json.dumps({"version": "1", "bookmarks": [GOOD]}),
    "NaN and Infinity": '{"version": 1, "bookmarks": [{"id": "a1b2c3d4e5f6", "title": "Backend '
    'engineer", "status": "applied", "salary": {"min": NaN, "max": Infinity}, "x": -Infinity}]}',
    "utf-8 bom": codecs.BOM_UTF8 + json.dumps({"version": 1, "bookmarks": [GOOD]}).encode(),
    "utf-16 with bom": json.dumps({"version": 1, "bookmarks": [GOOD]}).encode("utf-16"),
    "utf-16 without bom": json.dumps({"version": 1, "bookmarks": [GOOD]}).encode("utf-16-le"),
    "utf-32 with bom": json.dumps({"version": 1, "bookmarks": [GOOD]}).encode("utf-32"),
    "windows-1252": json.dumps(
        {"version": 1, "bookmarks": [{**GOOD, "company": "Café Ltd"}]}, ensure_ascii=False
    ).encode("cp1252"),
}


@pytest.mark.parametrize("shape", READABLE)
def test_a_damaged_file_keeps_what_can_be_read(tmp_path, seeds, shape):
    cfg = tmp_path / "cfg"
    put(cfg, READABLE[shape])
    store = BookmarkStore(cfg)
    assert store.get(GOOD["id"]).title == "Backend engineer"
    assert store.get(GOOD["id"]).status == "applied"
    assert not aside(cfg)
    store.add(seeds["000"])  # a save keeps the entries that could not be read
    after = BookmarkStore(cfg)
    assert {GOOD["id"], seeds["000"].id} <= set(after.marks())
    data = saved(cfg)
    assert data["version"] == 1
    unreadable = {
        "non-object entries beside a good one": [1, "x", None],
        "no version": ["x"],
        "bare list": [["nested"]],
    }.get(shape, [])
    kept = [e for e in data["bookmarks"] if not isinstance(e, dict)]
    assert kept == unreadable, "entries that could not be read must be kept as they were"


def test_a_file_from_a_windows_editor_keeps_its_accents(tmp_path):
    cfg = tmp_path / "cfg"
    entry = {**GOOD, "title": "Développeur café"}
    put(cfg, json.dumps({"version": 1, "bookmarks": [entry]}, ensure_ascii=False).encode("cp1252"))
    store = BookmarkStore(cfg)
    assert store.get(GOOD["id"]).title == "Développeur café"
    assert "Windows-1252" in store.recovered


def test_a_bom_is_accepted_silently(tmp_path):
    cfg = tmp_path / "cfg"
    put(cfg, codecs.BOM_UTF8 + json.dumps({"version": 1, "bookmarks": [GOOD]}).encode())
    assert BookmarkStore(cfg).recovered is None


def test_wrong_types_cost_only_the_field_and_survive_a_save(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    entry = {
        "id": "f00dfeed0001",
        "title": 42,
        "status": ["applied"],
        "notes": ["a note typed by hand", {"text": 7}, {"at": "2026-01-02", "text": "ok"}],
        "history": {"status": "applied"},
        "tags": "python",
        "salary": [100, 200],
        "remote": "yes",
        "saved_at": 20260101,
        "follow_up": {"day": 3},
    }
    put(cfg, json.dumps({"version": 1, "bookmarks": [entry]}))
    b = BookmarkStore(cfg).get("f00dfeed0001")
    assert b.title == "" and b.status == "saved" and b.tags == () and b.salary is None
    assert [n.text for n in b.notes] == ["a note typed by hand", "ok"]
    BookmarkStore(cfg).add(seeds["001"])
    written = next(e for e in saved(cfg)["bookmarks"] if e.get("id") == "f00dfeed0001")
    unread = written["unread"]
    assert unread["title"] == 42 and unread["status"] == ["applied"] and unread["tags"] == "python"
    assert unread["notes"] == [{"text": 7}] and unread["follow_up"] == {"day": 3}
    # read again and saved again: nothing read twice, nothing lost
    BookmarkStore(cfg).add_note("f00dfeed0001", "later")
    again = next(e for e in saved(cfg)["bookmarks"] if e.get("id") == "f00dfeed0001")
    assert again["unread"] == unread
    assert [n["text"] for n in again["notes"]] == ["a note typed by hand", "ok", "later"]


def test_the_same_posting_twice_keeps_both(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    older = {**GOOD, "updated_at": "2026-01-01T00:00:00", "notes": [{"at": "", "text": "one"}]}
    newer = {**GOOD, "updated_at": "2026-02-01T00:00:00", "status": "interviewing"}
    put(cfg, json.dumps({"version": 1, "bookmarks": [newer, older]}))
    store = BookmarkStore(cfg)
    assert store.get(GOOD["id"]).status == "interviewing"
    store.add(seeds["002"])
    texts = json.dumps(saved(cfg))
    assert '"one"' in texts and "interviewing" in texts


UNTRUSTED = {
    "not json": '{"version": 1, "bookmarks": [ broken',
    "a string": '"bookmarks"',
    "a number": "42",
    "null": "null",
    "bookmarks not a list": '{"version": 1, "bookmarks": {"a": 1}}',
    "deep nesting": "[" * 200_000 + "]" * 200_000,
    "binary": bytes(range(256)) * 8,
}


@pytest.mark.parametrize("shape", UNTRUSTED)
def test_a_file_with_nothing_to_trust_is_moved_aside_and_said(tmp_path, seeds, shape):
    cfg = tmp_path / "cfg"
    original = put(cfg, UNTRUSTED[shape]).read_bytes()
    store = BookmarkStore(cfg)
    assert len(store) == 0 and "moved to" in store.recovered
    (backup,) = aside(cfg)
    assert backup.read_bytes() == original
    store.add(seeds["000"])
    assert len(BookmarkStore(cfg)) == 1


def test_an_emptied_file_is_an_empty_shortlist(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    put(cfg, "\n")
    store = BookmarkStore(cfg)
    assert len(store) == 0 and store.recovered is None and not aside(cfg)


def test_two_processes_moving_the_same_file_aside(tmp_path, monkeypatch):
    """The other jobtui moves the corrupt file between our read and our move."""
    import os

    cfg = tmp_path / "cfg"
    put(cfg, "{ broken")
    real_link = os.link

    def other_process_first(src, dst, *a, **kw):  # type: ignore[no-untyped-def]
        if Path(src).name == "bookmarks.json" and Path(src).exists():
            os.replace(src, Path(src).with_name("bookmarks.corrupt-other.json"))
        return real_link(src, dst, *a, **kw)

    monkeypatch.setattr(os, "link", other_process_first)
    store = BookmarkStore(cfg)  # no FileNotFoundError
    assert len(store) == 0
    assert [p.name for p in aside(cfg)] == ["bookmarks.corrupt-other.json"]


def test_a_backup_is_never_overwritten(tmp_path, monkeypatch):
    cfg = tmp_path / "cfg"
    put(cfg, "{ first")
    BookmarkStore(cfg)
    put(cfg, "{ second")
    BookmarkStore(cfg)  # same second: the name must differ
    contents = sorted(p.read_text() for p in aside(cfg))
    assert contents == ["{ first", "{ second"]


def test_numbers_json_output_cannot_hold_are_dropped(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    entry = {**GOOD, "salary": {"min": "HUGE", "max": 120000.0, "currency": "USD"}}
    text = json.dumps({"version": 1, "bookmarks": [entry]}).replace('"HUGE"', "1e400")
    text = text.replace('"version": 1', '"version": 1, "big": ' + "9" * 5000)
    put(cfg, text)
    store = BookmarkStore(cfg)
    assert store.get(GOOD["id"]).salary == {"min": None, "max": 120000.0, "currency": "USD"}
    store.add(seeds["000"])  # saves: no ValueError from a non-finite number
    assert saved(cfg)["big"] == "9" * 5000  # too long for Python: kept, as text


def test_one_wrong_field_is_kept_under_unread(tmp_path, seeds):
    cfg = tmp_path / "cfg"
    entries = [
        {"id": "aaa111", "title": 5},
        {"id": "bbb222", "remote": "yes", "salary": "100k"},
        {"id": "ccc333", "extra": {"keep": "me"}},
    ]
    put(cfg, json.dumps({"version": 1, "bookmarks": entries}))
    BookmarkStore(cfg).add(seeds["000"])
    by_id = {e["id"]: e for e in saved(cfg)["bookmarks"]}
    assert by_id["aaa111"]["unread"] == {"title": 5}
    assert by_id["bbb222"]["unread"] == {"remote": "yes", "salary": "100k"}
    assert by_id["ccc333"]["extra"] == {"keep": "me"}


def test_a_newer_layout_is_never_moved_aside(tmp_path):
    cfg = tmp_path / "cfg"
    text = '{"version": 2, "bookmarks": {"abc": {"title": "x"}}}'
    put(cfg, text)
    store = BookmarkStore(cfg)
    assert "newer jobtui" in store.recovered and not aside(cfg)
    assert (cfg / "bookmarks.json").read_text() == text


def test_text_in_the_file_reaches_no_terminal_raw(tmp_path):
    cfg = tmp_path / "cfg"
    entry = {
        **GOOD,
        "title": "Dev\x1b]0;pwned\x07 \u202eroles",
        "company": "\x1b[2JAcme",
        "notes": [{"at": "2026-01-01", "text": "call\x1b]52;c;ZXZpbA==\x07 back\nnext"}],
    }
    put(cfg, json.dumps({"version": 1, "bookmarks": [entry]}))
    b = BookmarkStore(cfg).get(GOOD["id"])
    assert b.title == "Dev roles" and b.company == "Acme"
    assert b.notes[0].text == "call back\nnext"


def _written_by_jobtui(entries: list[dict]) -> str:
    return json.dumps({"version": 1, "bookmarks": entries}, indent=2) + "\n"


SECOND = {
    "id": "0f1e2d3c4b5a",
    "title": "Data analyst",
    "status": "interviewing",
    "notes": [{"at": "2026-03-01T10:00:00", "text": 'call {Anna} back, [ask] about "pay"'}],
    "salary": {"min": 50000, "max": 60000, "currency": "EUR", "period": "year"},
}
THIRD = {"id": "99aa88bb77cc", "title": "Platform engineer", "status": "saved", "tags": ["go"]}

BROKEN = {
    # The slips of a hand edit and a file cut short: what reads is kept.
    "trailing comma": (
        _written_by_jobtui([GOOD, SECOND]).replace("}\n  ]", "},\n  ]"),
        {GOOD["id"], SECOND["id"]},
    ),
    "a comma before a field, as a hand edit leaves it": (
        _written_by_jobtui([GOOD, SECOND, THIRD]).replace('"notes"', ',"notes"', 1),
        {GOOD["id"], SECOND["id"], THIRD["id"]},
    ),
    "commas doubled between entries": (
        _written_by_jobtui([GOOD, SECOND, THIRD]).replace("},\n    {", "},,\n    {", 1),
        {GOOD["id"], SECOND["id"], THIRD["id"]},
    ),
    "a comma after an opening brace": (
        _written_by_jobtui([GOOD, SECOND, THIRD]).replace("{", "{,", 2),
        {GOOD["id"], SECOND["id"], THIRD["id"]},
    ),
    "comma missing between entries": (
        _written_by_jobtui([GOOD, SECOND, THIRD]).replace("},\n    {", "}\n    {", 1),
        {GOOD["id"], SECOND["id"], THIRD["id"]},
    ),
    "an entry broken in the middle": (
        _written_by_jobtui([GOOD, SECOND, THIRD]).replace('"Data analyst"', '"Data analyst'),
        {GOOD["id"], THIRD["id"]},
    ),
    "cut short": (
        _written_by_jobtui([GOOD, SECOND, THIRD])[
            : _written_by_jobtui([GOOD, SECOND, THIRD]).index('"Platform') + 5
        ],
        {GOOD["id"], SECOND["id"]},
    ),
    "written compactly, cut short": (
        json.dumps({"version": 1, "bookmarks": [GOOD, SECOND, THIRD]})[:-30],
        {GOOD["id"], SECOND["id"]},
    ),
}


@pytest.mark.parametrize("shape", BROKEN)
def test_a_file_that_is_not_json_keeps_every_bookmark_that_reads(tmp_path, seeds, shape):
    cfg = tmp_path / "cfg"
    text, kept = BROKEN[shape]
    put(cfg, text)
    store = BookmarkStore(cfg)
    assert set(store.marks()) == kept
    if SECOND["id"] in kept:
        (note,) = store.get(SECOND["id"]).notes
        assert note.text == SECOND["notes"][0]["text"] and store.get(SECOND["id"]).salary
    assert f"the {len(kept)} bookmark(s) that read are kept" in store.recovered
    (backup,) = aside(cfg)
    assert backup.read_text("utf-8") == text  # the file as it was, byte for byte
    assert {e["id"] for e in saved(cfg)["bookmarks"]} == kept  # repaired at once
    # A command that only reads sees them too, and a later change keeps them.
    store.add(seeds["000"])
    assert set(BookmarkStore(cfg).marks()) == kept | {seeds["000"].id}
    assert len(aside(cfg)) == 1


def test_commas_inside_text_are_kept_when_stray_ones_are_dropped(tmp_path):
    cfg = tmp_path / "cfg"
    odd = {**THIRD, "title": 'Go, ] engineer {, } ",]"'}
    put(cfg, _written_by_jobtui([GOOD, odd]).replace("}\n  ]", "},\n  ]"))
    store = BookmarkStore(cfg)
    assert store.get(THIRD["id"]).title == odd["title"]
    assert "a comma that separated nothing was dropped" in store.recovered


def test_a_bookmark_that_cannot_be_read_is_named(tmp_path):
    cfg = tmp_path / "cfg"
    put(cfg, BROKEN["an entry broken in the middle"][0])
    store = BookmarkStore(cfg)
    assert "not read, and kept only in the file as it was: Data analyst" in store.recovered
    assert SECOND["id"] in store.recovered  # (the id, to find it in the file moved aside)
    assert "cut short" not in store.recovered  # (the file ends as a whole one does)


CUT_BETWEEN = _written_by_jobtui([GOOD, SECOND, THIRD])
CUT_BETWEEN = CUT_BETWEEN[: CUT_BETWEEN.index("},\n    {", CUT_BETWEEN.index(SECOND["id"])) + 2]


@pytest.mark.parametrize("shape", ["cut short", "written compactly, cut short", "between"])
def test_a_file_cut_short_says_bookmarks_after_the_cut_may_be_gone(tmp_path, shape):
    cfg = tmp_path / "cfg"
    put(cfg, CUT_BETWEEN if shape == "between" else BROKEN[shape][0])
    store = BookmarkStore(cfg)
    assert set(store.marks()) == {GOOD["id"], SECOND["id"]}
    said = store.recovered
    if shape != "between":  # (the one broken at the cut is named)
        assert "Platform engineer" in said or THIRD["id"] in said or "a bookmark" in said
    assert said.endswith(
        "the file ends there, cut short: any bookmark that came after is not in it."
    )


@pytest.mark.parametrize("fails", ["moving aside", "writing"])
def test_a_damaged_file_that_cannot_be_repaired_is_shown_and_left_as_it_was(
    tmp_path, monkeypatch, fails
):
    import errno

    import jobtui.shortlist.store as store_module

    def refused(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, "Permission denied")

    cfg = tmp_path / "cfg"
    text = _written_by_jobtui([GOOD, SECOND]).replace("}\n  ]", "},\n  ]")
    put(cfg, text)
    import jobtui.storage as storage

    if fails == "moving aside":
        monkeypatch.setattr(storage, "move_aside", refused)
    else:
        monkeypatch.setattr(store_module, "atomic_write", refused)
    store = BookmarkStore(cfg)
    assert set(store.marks()) == {GOOD["id"], SECOND["id"]}
    assert "could not be repaired (Permission denied)" in store.recovered
    assert (cfg / "bookmarks.json").read_text("utf-8") == text and not aside(cfg)


def test_a_one_line_file_keeps_the_bookmarks_after_a_broken_one(tmp_path):
    cfg = tmp_path / "cfg"
    broken = {**SECOND, "notes": "PLACEHOLDER"}
    text = json.dumps({"version": 1, "bookmarks": [GOOD, broken, THIRD]})
    text = text.replace('"PLACEHOLDER"', '[{"at": "", "text": "x}]')  # a quote missing
    put(cfg, text)
    assert set(BookmarkStore(cfg).marks()) == {GOOD["id"], THIRD["id"]}


def test_a_damaged_file_of_a_newer_jobtui_is_not_rewritten_in_the_old_format(tmp_path):
    cfg = tmp_path / "cfg"
    text = json.dumps({"version": 9, "settings": {"x": 1}, "bookmarks": [GOOD]})[:-2] + ",]}"
    put(cfg, text)
    BookmarkStore(cfg)
    assert not (cfg / "bookmarks.json").exists() or saved(cfg).get("version") != 1
    assert any(p.read_text("utf-8") == text for p in cfg.glob("bookmarks*.json"))
