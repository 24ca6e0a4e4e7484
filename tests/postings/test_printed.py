"""`jobtui list --format jsonl` of folders in which nothing changed prints the lines it printed
last time, kept beside the load store; anything the list follows from that changed lists
afresh, and a kept list that does not check out is never printed."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobtui import cli
from jobtui.postings import printed
from jobtui.postings.store import list_file, list_files, store_path
from tests.conftest import write
from tests.postings.test_listing import _folder, _never_loaded


def _list(*args: str, encoding: str = "utf-8") -> tuple[bytes, str]:
    """(stdout's bytes, stderr) of `jobtui list --format jsonl ARGS` in this process, with a
    stdout that has bytes under it, as a terminal or a pipe has."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding, write_through=True)
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert cli.main(["list", "--format", "jsonl", *args]) == 0
    out.flush()
    return raw.getvalue(), err.getvalue()


def _fresh(*args: str) -> tuple[bytes, str]:
    """What a list that parses every file prints (stdout as text: never a kept list)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert cli.main(["list", "--format", "jsonl", "--no-cache", *args]) == 0
    return out.getvalue().encode(), err.getvalue()


@contextlib.contextmanager
def _kept_only() -> object:
    """Fails a list that is not printed from the kept list."""

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("listed afresh")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cli, "_list", refuse)
        yield


@contextlib.contextmanager
def _listed_afresh() -> object:
    """Counts the lists not printed from the kept list."""
    real = cli._list
    taken: list[bool] = []

    def spy(*args: object) -> int:
        taken.append(True)
        return real(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cli, "_list", spy)
        yield taken


def _kept(jobs: Path) -> Path:
    """The list kept for `jobs` named as these tests name it (its full path, from here)."""
    return list_file(store_path([jobs]), json.dumps([os.getcwd(), [str(jobs)]]))


def _same_again(jobs: Path, *args: str) -> bytes:
    """A list printed twice, the second time from the kept list, both as a fresh load's."""
    first, first_err = _list(*args, str(jobs))
    with _kept_only():
        again, again_err = _list(*args, str(jobs))
    fresh, fresh_err = _fresh(*args, str(jobs))
    assert again == first == fresh
    assert again_err == first_err == fresh_err
    return again


@pytest.mark.parametrize("sort", ["posted", "salary"])
@pytest.mark.parametrize("every", [(), ("--all",)])
def test_an_unchanged_folder_prints_the_kept_list_as_a_load_prints_it(
    tmp_path: Path, sort: str, every: tuple[str, ...]
) -> None:
    jobs = _folder(tmp_path)
    out = _same_again(jobs, "--sort", sort, *every)
    titles = [json.loads(line)["title"] for line in out.decode().splitlines()]
    assert titles.count("Platform Engineer") == (2 if every else 1)
    assert _kept(jobs).exists()


def test_what_was_said_on_stderr_is_said_again(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    config = Path(os.environ["JOBTUI_CONFIG_DIR"])
    (config / "blocklist.txt").write_text("company: Oxide Works\n", encoding="utf-8")
    first, _ = _list(str(jobs))
    euro = next(json.loads(x) for x in first.decode().splitlines() if "Fjord" in x)
    assert cli.main(["hide", "--in", str(jobs), euro["id"]]) == 0
    _list(str(jobs))  # (the hide: listed afresh)
    with _kept_only():
        out, err = _list(str(jobs))
    assert "1 hidden and 2 blocked left out" in err
    assert "1 file(s) skipped" in err  # (the binary file, parsed again)
    assert b"Fjord" not in out and b"Oxide" not in out


def _rewrite_same_size(path: Path) -> None:
    """The same number of bytes, another letter, and the modification time put back."""
    stat = path.stat()
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Night Operator", b"Night Operaton"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


CHANGES = {
    "edited": lambda jobs: write(jobs, "nodate.md", "# QA Lead at Ferrous\n\nCompany: Tin\n"),
    "added": lambda jobs: write(jobs, "new/one.md", "---\ntitle: Welder\ncompany: Arc\n---\n\nx\n"),
    "deleted": lambda jobs: (jobs / "nodate.md").unlink(),
    "renamed": lambda jobs: (jobs / "nodate.md").rename(jobs / "later.md"),
    "same size and time": lambda jobs: _rewrite_same_size(jobs / "nocompany.md"),
    "touched": lambda jobs: os.utime(jobs / "euro.md", ns=(1, 10**18)),
    "board edited": lambda jobs: write(
        jobs, "boards/oxide.json", (jobs / "boards/oxide.json").read_text().replace("Go ", "Zig ")
    ),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_changed_file_lists_afresh(tmp_path: Path, change: str) -> None:
    jobs = _folder(tmp_path)
    _same_again(jobs)
    CHANGES[change](jobs)
    with _listed_afresh() as taken:
        out, err = _list(str(jobs))
    assert taken
    assert (out, err) == _fresh(str(jobs))
    _same_again(jobs)  # (and is kept in its place)


def _hide_one(jobs: Path) -> None:
    out, _ = _fresh(str(jobs))
    assert cli.main(["hide", "--in", str(jobs), json.loads(out.splitlines()[0])["id"]]) == 0


def _config(name: str, text: str) -> None:
    (Path(os.environ["JOBTUI_CONFIG_DIR"]) / name).write_text(text, encoding="utf-8")


INPUTS = {
    "a posting hidden": (_hide_one, ()),
    "a company blocked": (lambda jobs: _config("blocklist.txt", "company: Ferrous\n"), ()),
    "another currency": (lambda jobs: _config("config.toml", '[salary]\ncurrency = "JPY"\n'), ()),
    "another rate": (lambda jobs: _config("config.toml", "[rates]\nEUR = 2.5\n"), ()),
    "another sort": (lambda jobs: None, ("--sort", "title")),
    "every posting": (lambda jobs: None, ("--all",)),
}


@pytest.mark.parametrize("what", sorted(INPUTS))
def test_options_settings_and_triage_list_afresh(tmp_path: Path, what: str) -> None:
    jobs = _folder(tmp_path)
    before = _same_again(jobs)
    change, args = INPUTS[what]
    change(jobs)
    with _listed_afresh() as taken:
        out, err = _list(*args, str(jobs))
    assert taken
    assert (out, err) == _fresh(*args, str(jobs))
    assert out != before
    assert _same_again(jobs, *args) == out


def test_another_spelling_of_the_folder_or_another_encoding_lists_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _folder(tmp_path)
    _same_again(jobs)
    monkeypatch.chdir(tmp_path)
    with _listed_afresh() as taken:
        out, _ = _list("jobs")  # (sources are printed as the folder is named)
    assert taken and b'"source": "jobs/' in out
    assert out == _fresh("jobs")[0]
    with _listed_afresh() as taken:
        latin, _ = _list("jobs", encoding="latin-1")
    assert taken
    assert latin.decode("latin-1") == _fresh("jobs")[0].decode()


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[-16:-8])
    body_end = len(data) - 16 - length
    body, trailer = data[:body_end], json.loads(data[body_end:-16])
    if how == "a byte of a line":
        at = data.index(b"QA Lead")
        data = data[:at] + b"q" + data[at + 1 :]  # (a letter flipped: still a JSON line)
    elif how == "truncated":
        data = data[: len(data) // 2]
    elif how == "the footer cut":
        data = data[:-3]
    elif how == "empty":
        data = b""
    elif how == "not JSON":
        data = body + b"{" * length + data[-16:]
    elif how in ("an escape, digest and all", "a message with an escape"):
        if how == "an escape, digest and all":
            body = body.replace(b"QA Lead", b"QA\x1b[2J L", 1)
        else:
            trailer["after"] = "jobtui: \x1b]0;owned\x07 1 file(s) skipped\n"
        trailer["size"] = len(body)
        trailer["digest"] = hashlib.blake2b(body, digest_size=32).hexdigest()
        raw = json.dumps(trailer).encode()
        data = body + raw + struct.pack("<Q8s", len(raw), printed.MAGIC)
    elif how == "another key":
        trailer["key"] = "0" * 32
        raw = json.dumps(trailer).encode()
        data = body + raw + struct.pack("<Q8s", len(raw), printed.MAGIC)
    path.write_bytes(data)


DAMAGE = [
    "a byte of a line",
    "truncated",
    "the footer cut",
    "empty",
    "not JSON",
    "an escape, digest and all",
    "a message with an escape",
    "another key",
]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_kept_list_is_never_printed(tmp_path: Path, how: str) -> None:
    jobs = _folder(tmp_path)
    _same_again(jobs)
    _damage(_kept(jobs), how)
    with _listed_afresh() as taken:
        out, err = _list(str(jobs))
    assert taken
    assert (out, err) == _fresh(str(jobs))
    assert b"\x1b" not in out and "\x1b" not in err
    _same_again(jobs)  # (kept afresh)


def test_a_damaged_kept_list_fails_the_damage_check_itself(tmp_path: Path) -> None:
    """The checks, not the key, refuse damage: the same damage with the right key passes none."""
    jobs = _folder(tmp_path)
    _same_again(jobs)
    path = _kept(jobs)
    good = path.read_bytes()
    (length,) = struct.unpack("<Q", good[-16:-8])
    wanted = json.loads(good[len(good) - 16 - length : -16])["key"]
    kept = printed.read(store_path([jobs]), json.dumps([os.getcwd(), [str(jobs)]]), wanted)
    assert kept is not None
    kept.close()
    for how in DAMAGE[:-1]:
        path.write_bytes(good)
        _damage(path, how)
        assert (
            printed.read(store_path([jobs]), json.dumps([os.getcwd(), [str(jobs)]]), wanted) is None
        ), how


def test_a_file_that_did_not_load_and_loads_now_lists_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobtui.postings import loader

    jobs = _folder(tmp_path)
    _same_again(jobs)
    real = loader.parse_job

    def loads_now(job: tuple[Path, Path, bool]) -> object:
        if job[0].name == "broken.md":
            return real((jobs / "nodate.md", job[1], False))
        return real(job)

    monkeypatch.setattr(loader, "parse_job", loads_now)
    with _listed_afresh() as taken:
        _list(str(jobs))
    assert taken


def test_a_cache_folder_that_cannot_be_written_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _folder(tmp_path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n")
    monkeypatch.setenv("JOBTUI_CACHE_DIR", str(blocker / "cache"))
    for _ in range(2):
        with _listed_afresh() as taken:
            out, _ = _list(str(jobs))
        assert taken and out == _fresh(str(jobs))[0]
    assert not list(tmp_path.glob("**/*-list*"))


def test_a_list_cut_short_is_not_kept(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)

    class Closed(io.RawIOBase):
        """A pipe whose reader went away after the first line (`jobtui list | head -1`)."""

        def __init__(self) -> None:
            self.lines = 0

        def writable(self) -> bool:
            return True

        def fileno(self) -> int:
            return sys.__stderr__.fileno()  # (for main's dup2, which does nothing here)

        def write(self, data: object) -> int:
            self.lines += bytes(data).count(b"\n")  # type: ignore[call-overload]
            if self.lines > 1:
                raise BrokenPipeError
            return len(bytes(data))  # type: ignore[call-overload]

    out = io.TextIOWrapper(Closed(), encoding="utf-8", write_through=True)  # type: ignore[arg-type]
    with contextlib.redirect_stdout(out), pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "dup2", lambda *a: None)  # (main sends the rest to /dev/null)
        assert cli.main(["list", "--format", "jsonl", str(jobs)]) == 0
    assert not _kept(jobs).exists()
    assert not list(_kept(jobs).parent.glob("*-list.*.tmp"))
    _same_again(jobs)


def test_cache_clear_removes_the_kept_list(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    _same_again(jobs)
    assert _kept(jobs).exists()
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["cache", "clear"]) == 0
    assert not _kept(jobs).exists()
    with _listed_afresh() as taken:
        _list(str(jobs))
    assert taken


def test_two_lists_at_once_print_whole_lists(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    for i in range(30):
        write(
            jobs, f"many/{i:02d}.md", f"---\ntitle: Role {i}\ncompany: Co {i}\n---\n\nBody {i}.\n"
        )
    fresh, _ = _fresh(str(jobs))
    command = [sys.executable, "-m", "jobtui", "list", "--format", "jsonl", str(jobs)]

    def both() -> None:
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE) for _ in range(2)]
        outs = [run.communicate()[0] for run in runs]
        assert all(run.returncode == 0 for run in runs)
        assert outs == [fresh, fresh]

    both()  # (both load, and each keeps its list)
    kept, data = _kept(jobs).stat(), _kept(jobs).read_bytes()
    both()  # (both print the kept list: it is not written again, only marked used)
    assert _kept(jobs).stat().st_ino == kept.st_ino and _kept(jobs).read_bytes() == data


def test_without_its_kept_list_an_unchanged_folder_is_listed_from_the_store(
    tmp_path: Path,
) -> None:
    """The walk that keyed the list is the one the store's rows are checked against."""
    jobs = _folder(tmp_path)
    _same_again(jobs)
    _kept(jobs).unlink()
    fresh = _fresh(str(jobs))
    with _never_loaded():
        assert _list(str(jobs)) == fresh
    assert _kept(jobs).exists()


def test_a_list_said_with_a_notice_of_its_load_is_not_kept(tmp_path: Path) -> None:
    """A store that cannot be used this time (here: a folder in its place) is said; that list
    is not kept, or the notice would be said again at every list after."""
    jobs = _folder(tmp_path)
    store = store_path([jobs])
    store.mkdir(parents=True)
    for _ in range(2):
        with _listed_afresh() as taken:
            out, err = _list(str(jobs))
        assert taken and "load cache is off" in err
        assert out == _fresh(str(jobs))[0]
    assert not _kept(jobs).exists()
    store.rmdir()
    _list(str(jobs))
    assert "load cache is off" not in _same_again(jobs).decode()
    with _kept_only():
        assert "load cache is off" not in _list(str(jobs))[1]


def test_a_removed_working_folder_lists_without_keeping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _folder(tmp_path)
    fresh = _fresh(str(jobs))
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for _ in range(2):
        assert _list(str(jobs)) == fresh
    assert not list_files(store_path([jobs]))


def test_a_stdout_in_utf8_with_a_byte_order_mark_gets_one_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printed, "BATCH", 2)  # (lines are kept a batch at a time)
    jobs = _folder(tmp_path)
    fresh, _ = _fresh(str(jobs))
    for _ in range(2):
        out, _ = _list(str(jobs), encoding="utf-8-sig")
        assert out == b"\xef\xbb\xbf" + fresh


def test_a_fifo_in_place_of_the_kept_list_is_not_waited_for(tmp_path: Path) -> None:
    jobs = _folder(tmp_path)
    fresh, _ = _fresh(str(jobs))
    _same_again(jobs)
    _kept(jobs).unlink()
    os.mkfifo(_kept(jobs))
    command = [sys.executable, "-m", "jobtui", "list", "--format", "jsonl", str(jobs)]
    run = subprocess.run(command, capture_output=True, timeout=60)
    assert run.returncode == 0 and run.stdout == fresh


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("cache", [(), ("--no-cache",)])
def test_a_full_disk_on_stdout_is_said_in_one_line(tmp_path: Path, cache: tuple[str, ...]) -> None:
    jobs = _folder(tmp_path)
    _same_again(jobs)  # (kept: the second list below is printed from it)
    command = [sys.executable, "-m", "jobtui", "list", "--format", "jsonl", *cache, str(jobs)]
    for _ in range(2):
        with open("/dev/full", "wb") as full:
            run = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, timeout=60)
        assert run.returncode == 1
        assert b"could not write: No space left on device" in run.stderr
        assert b"Traceback" not in run.stderr and b"Exception ignored" not in run.stderr


@pytest.mark.parametrize("named", [False, True])
def test_cache_clear_removes_the_files_of_lists_that_were_killed(
    tmp_path: Path, named: bool
) -> None:
    jobs = _folder(tmp_path)
    _same_again(jobs)
    left = _kept(jobs).with_name(_kept(jobs).name + ".k1ll3d.tmp")
    left.write_bytes(b"x" * 5000)
    info = io.StringIO()
    with contextlib.redirect_stdout(info):
        assert cli.main(["cache", "info", "--format", "json"]) == 0
    (store,) = json.loads(info.getvalue())["stores"]
    assert store["size"] >= _kept(jobs).stat().st_size + 5000
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["cache", "clear", *([str(jobs)] if named else [])]) == 0
    assert not left.exists() and not _kept(jobs).exists()


def test_a_folder_named_several_ways_keeps_a_list_for_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jobs`, `./jobs`, its full path and the same from elsewhere print their sources as
    named: each is kept, so going back and forth between them prints kept lists."""
    jobs = _folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    names = [
        (tmp_path, "jobs"),
        (tmp_path, "./jobs"),
        (tmp_path, str(jobs)),
        (elsewhere, "../jobs"),
    ]
    first = {}
    for cwd, name in names:
        monkeypatch.chdir(cwd)
        first[cwd, name] = _list(name)
    assert len(list_files(store_path([jobs]))) == len(names)
    for _ in range(2):
        for cwd, name in names:
            monkeypatch.chdir(cwd)
            with _kept_only():
                assert _list(name) == first[cwd, name], name
    monkeypatch.chdir(tmp_path)
    assert first[tmp_path, "jobs"] == _fresh("jobs")
    assert first[elsewhere, "../jobs"] != first[tmp_path, "jobs"]  # (sources as named)


def test_only_the_lists_used_last_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printed, "KEPT_LISTS", 2)
    jobs = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    store = store_path([jobs])
    old = store.with_name(store.name + "-list")  # (the one list an earlier build kept)
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"earlier")

    def kept(name: str) -> Path:
        return list_file(store, json.dumps([str(tmp_path), [name]]))

    for age, name in ((300, "jobs"), (200, "./jobs"), (100, str(jobs))):
        _list(name)
        when = time.time() - age
        os.utime(kept(name), (when, when))
    assert sorted(list_files(store)) == sorted([kept("./jobs"), kept(str(jobs))])
    assert not old.exists()
    with _kept_only():
        _list("./jobs")  # used now: the list of the full path is the one used longest ago
    _list("jobs/")
    assert sorted(list_files(store)) == sorted([kept("./jobs"), kept("jobs/")])
    with _kept_only():
        _list("./jobs")
    with _listed_afresh() as taken:
        _list(str(jobs))
    assert taken


def test_cache_clear_removes_every_kept_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = _folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    for name in ("jobs", "./jobs"):
        _list(name)
    store = store_path([jobs])
    assert len(list_files(store)) == 2
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["cache", "clear", "jobs"]) == 0
    assert not list_files(store) and not store.exists()
    _list("jobs")
    store.unlink()  # a list whose store is gone (cleared by hand) is cleared as left over
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["cache", "clear"]) == 0
    assert not list(store.parent.glob("*-list*"))
