"""Write the hostile folder: posting files and names crafted to break a loader or a terminal.

Nothing here is committed as a binary: every file is generated, so the fixtures stay readable
in review and the huge ones cost no space in the repository.

    python tests/hostile/make_fixtures.py DIR      # writes DIR/hostile, prints its classes
    python tests/hostile/make_fixtures.py --crashers DIR   # and the files that crash jobtui

`write_hostile(directory)` does the same for tests; `remove_hostile(folder)` takes it away
again (a 1,500-deep folder chain and chmod 000 folders defeat a plain `shutil.rmtree`).
Each class of attack is one subfolder of the hostile folder, named in `CLASSES`.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import stat
import sys
from pathlib import Path

import yaml

# --- the payloads -----------------------------------------------------------------------------

OSC52 = "\x1b]52;c;ZXZpbA==\x07"
"""Writes `evil` to the clipboard of a terminal that allows it."""
WINDOW_TITLE = "\x1b]0;pwned\x07"
"""Sets the terminal window's title."""
CLEAR = "\x1b[2J\x1b[H"
"""Clears the screen and homes the cursor."""
CSI8 = "\x9b31m"
"""An 8-bit CSI (C1 control): red text on terminals that take 8-bit controls."""
RLO = "\u202e"
"""Right-to-left override: `cv\u202egpj.exe` shows as `cvexe.jpg`."""
ZERO_WIDTH = "\u200b\u200d\u2060\ufeff"
"""Zero-width space, joiner, word joiner, BOM: invisible, they make one name look like another."""
ESCAPES = OSC52 + WINDOW_TITLE + CLEAR + CSI8 + "\x07\x08\x7f"
"""Every terminal escape the fixtures use, in one string."""
MARKUP = "[bold red]x[/][link=https://evil.example]click[/link][/]"
"""Rich and Textual console markup: text, never style, when it comes from a posting."""
HOSTILE_TEXT = f"{ESCAPES}{MARKUP}{RLO}{ZERO_WIDTH}"
"""Prefix of every hostile field value."""

INJECTED_URLS = (
    "https://x.example)![img](http://evil.example/i.png)",
    "https://x.example/a>)![img](http://evil.example/i.png)",
    "https://x.example/a><javascript:alert(1)>",
    "https://x.example/\x1b]52;c;ZXZpbA==\x07",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//https://x.example",
    "data:text/html,<script>alert(1)</script>",
    "mailto:a@b.example?subject=[x](javascript:alert(1))",
    "file:///etc/passwd",
)
"""Apply links meant to break out of a Markdown link or to run something when clicked."""

FORMULAS = (
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
)
"""Values a spreadsheet would run as formulas when a CSV or TSV cell starts with them."""

HOSTILE_NAMES = (
    f"{OSC52}clipboard.md",
    f"{WINDOW_TITLE}title.md",
    f"{CLEAR}clear.md",
    f"cv{RLO}dm.exe.md",
    f"zero{ZERO_WIDTH}width.md",
    f"{CSI8}c1.md",
    "[bold red]markup[blink] [link=https:evil.example]x.md",
)
"""File names: each is a posting without a title, so its name is its title."""

CLASSES = (
    "names",
    "undecodable_names",
    "front_matter",
    "markup",
    "binary",
    "empty",
    "huge",
    "encoding",
    "yaml_bomb",
    "bare_bomb",
    "yaml_deep",
    "deep_folders",
    "symlinks",
    "unreadable",
    "fifo",
    "md_injection",
    "formulas",
    "bad_dates",
    "bad_numbers",
)
"""One subfolder per class of attack, in the hostile folder."""

DEEP_FOLDERS = 1500
"""Levels of the nested folder chain."""
HUGE_BYTES = 6 * 1024 * 1024
"""A file larger than any posting (the loader's limit is 5 MB)."""
BIG_BYTES = 300 * 1024
"""A file a little larger than real postings, that still loads."""


# --- helpers ----------------------------------------------------------------------------------


def _front_matter(meta: dict[str, object], body: str = "Text of the posting.\n") -> str:
    """A posting whose front matter is valid YAML: control characters become YAML escapes."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def _put(folder: Path, name: str | bytes, content: str | bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(path, "wb") as fh:
        fh.write(data)


def _every_field(value: str) -> dict[str, object]:
    """Front matter with `value` in every field jobtui reads."""
    return {
        "title": f"{value} Title",
        "company": f"{value} Company",
        "location": f"{value} Berlin",
        "remote": f"{value} yes",
        "tags": [f"{value} python", f"rust {value}", value],
        "salary": {"min": 1000, "max": 2000, "currency": f"{value}USD", "period": f"{value}year"},
        "url": f"https://jobs.example/{value}",
        "date": f"{value}2024-01-01",
        "email": f"{value}@x.example",
    }


# --- the classes ------------------------------------------------------------------------------


def _names(folder: Path) -> None:
    for name in HOSTILE_NAMES:
        _put(folder, name, "No title here, only text about a job in Python.\n")
    # Names that reach the screen as a problem, not as a title.
    _put(folder, f"{WINDOW_TITLE}binary.md", b"\x00\x01\x02" * 100)
    _put(folder, f"{OSC52}empty.md", b"")
    _put(folder, f"{CLEAR}warned.md", "---\ntitle: [unclosed\n---\nInvalid YAML: a warning.\n")
    # A folder name as title: README.md takes its folder's name.
    _put(folder / f"{WINDOW_TITLE}Backend Engineer{RLO}", "README.md", "# \n\nA job.\n")


def _undecodable_names(folder: Path) -> None:
    """Names that are not UTF-8 (bytes a Latin-1 system wrote): Python reads them with lone
    surrogates (`caf\udce9`), which no UTF-8 output can hold."""
    _put(folder, b"latin1-caf\xe9.md", "A job with a Latin-1 name.\n")
    _put(folder / os.fsdecode(b"caf\xe9-folder"), "README.md", "# Undecodable folder\n")
    _put(folder, b"invalid-\xff\xfe-utf8.md", b"\x00binary, and its name is not UTF-8")


def _front_matter_class(folder: Path) -> None:
    # Valid YAML: the escapes are YAML escapes (\e, \a, \x9b, \u202e).
    _put(folder, "escaped.md", _front_matter(_every_field(HOSTILE_TEXT)))
    # Invalid YAML: raw control characters make the YAML reader fail, so the loader falls back
    # on reading `key: value` lines as they are.
    raw = "\n".join(f"{k}: {HOSTILE_TEXT} {k}" for k in ("title", "company", "location", "url"))
    _put(folder, "raw.md", f"---\n{raw}\ndate: {CLEAR}2024-01-01\ntags: {OSC52}go\n---\nBody\n")
    # Escapes in the body, in headings and list items the extractor reads fields from.
    body = (
        f"# {HOSTILE_TEXT} Engineer\n\n**Company:** {HOSTILE_TEXT} Corp\n"
        f"**Location:** {WINDOW_TITLE} Paris\n**Salary:** {CLEAR}$100k–$120k\n\n"
        f"{ESCAPES} Apply at https://jobs.example/{OSC52} or {OSC52}@x.example\n"
    )
    _put(folder, "body.md", body)
    # Non-string values: numbers, lists, mappings and nulls where text is expected.
    odd = {
        "title": {"name": f"{OSC52}nested"},
        "company": [f"{CLEAR}a", None, 3, {"x": WINDOW_TITLE}],
        "location": 12,
        "tags": {"a": OSC52},
        "salary": [1, 2],
        "url": ["https://a.example", OSC52],
        "date": [2024, 1],
        "remote": {"policy": CLEAR},
    }
    _put(folder, "types.md", _front_matter(odd))
    # A front matter key with escapes, and one that is not a string at all.
    _put(folder, "keys.md", f'---\n"{CLEAR}title": x\n? [a, b]\n: c\n1: 2\ntitle: Keys\n---\n')


def _markup(folder: Path) -> None:
    fields = {
        "title": "[bold red]x[/] [blink]Boss[/blink] [link=javascript:alert(1)]t[/link]",
        "company": "[/] [link=https://evil.example]Acme[/link]",
        "location": "[@click=app.quit]Paris[/]",
        "tags": ["[b]python[/b]", "[/]"],
        "url": "https://jobs.example/[bold]x[/bold]",
        "salary": "[red]$100k[/]",
    }
    _put(folder, "markup.md", _front_matter(fields, "Body [bold red]not markup[/] [/]\n"))


def _binary(folder: Path) -> None:
    _put(folder, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    _put(folder, "elf.md", b"\x7fELF\x02\x01\x01" + b"\x00" * 64)
    _put(folder, "controls.md", bytes(range(1, 32)) * 50)  # no NUL, but nothing else either
    _put(folder, "late-nul.md", b"title: ok\n" * 900 + b"\x00" + OSC52.encode() * 10)
    _put(folder, "zip.docx", b"PK\x03\x04" + b"\x00" * 30)


def _empty(folder: Path) -> None:
    _put(folder, "empty.md", b"")
    _put(folder, "blank.md", " \n\t\n\r\n")
    _put(folder, "bom.md", b"\xef\xbb\xbf")
    _put(folder, "dashes.md", "---\n---\n")
    _put(folder, "null.md", "---\nnull\n---\n")
    _put(folder, "only-meta.md", "---\ntitle: ''\n---\n")
    _put(folder, "noext", "")


def _huge(folder: Path) -> None:
    line = f"Python developer wanted {OSC52}{CLEAR} [bold]x[/] {RLO}{ZERO_WIDTH} " * 4 + "\n"
    data = (line * (HUGE_BYTES // len(line) + 1)).encode()
    _put(folder, "huge.md", data[: HUGE_BYTES + 10])
    _put(folder, "big.md", "---\ntitle: Big\n---\n" + (line * (BIG_BYTES // len(line))))
    _put(folder, "one-line.md", "# Long line\n\n" + "word " * 40_000)


def _encoding(folder: Path) -> None:
    text = _front_matter({"title": f"{WINDOW_TITLE}UTF-16 job", "company": "Ünïcödé"})
    _put(folder, "utf16le.md", b"\xff\xfe" + text.encode("utf-16-le"))
    _put(folder, "utf16be.md", b"\xfe\xff" + text.encode("utf-16-be"))
    _put(folder, "utf16-nobom.md", text.encode("utf-16-le"))
    _put(folder, "utf16-odd.md", b"\xff\xfe" + text.encode("utf-16-le") + b"\x00")  # odd length
    _put(folder, "utf32.md", text.encode("utf-32"))
    _put(folder, "latin1.md", f"# Caf\xe9 {CLEAR}\n".encode("latin-1") + b"\x9b31m\x9d0;t\x07")
    _put(folder, "invalid-utf8.md", b"# Title \xc3\x28 \xa0\xa1 \xed\xa0\x80 \xf8\x88\x80\x80\n")
    _put(folder, "overlong.md", b"# \xc0\xaf\xe0\x80\xaf escape \xc0\x9b[2J\n")
    _put(folder, "c1-utf8.md", "# C1 \u009b31m \u009d0;pwned\u009c\n")


def _laughs(levels: int, word: str = "lol") -> list[str]:
    """YAML lines whose last alias stands for 9**levels copies of `word`."""
    lines = [f"a: &a [{', '.join([word] * 9)}]"]
    for prev, name in itertools.pairwise("abcdefghijklmnop"[:levels]):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return lines


def _yaml_bomb(folder: Path) -> None:
    lines = _laughs(9)  # 9**9: 387,420,489 strings from 700 bytes
    _put(folder, "laughs.md", "---\n" + "\n".join(lines) + "\ntitle: *i\n---\nBody\n")
    # An alias to its own ancestor: a recursive structure.
    _put(folder, "recursive.md", "---\ntitle: &t [*t]\n---\nBody\n")
    _put(folder, "self.md", "---\n&a title: *a\n---\n")


def bare_bomb(levels: int = 5) -> str:
    """An alias bomb in a file without an extension, read as `key: value` lines: 9**5 values
    (59,049, past the loader's 20,000) under a key jobtui does not show stay quick; 9**9 in
    a field it shows (the title) would not finish."""
    lines = _laughs(levels, "x")
    last = lines[-1].split(":")[0]
    key = "title" if levels > 5 else "bomb"
    return "title: Bomb\ncompany: Laughs\n" + "\n".join(lines) + f"\n{key}: *{last}\n"


def _bare_bomb(folder: Path) -> None:
    _put(folder, "laughs", bare_bomb())


def _yaml_deep(folder: Path) -> None:
    depth = 2_000  # past the loader's limit of 50, and past Python's recursion limit
    _put(folder, "flow.md", "---\ntitle: " + "[" * depth + "x" + "]" * depth + "\n---\nBody\n")
    _put(folder, "mapping.md", "---\ntitle: " + "{a: " * depth + "x" + "}" * depth + "\n---\n")
    block = "".join(f"{' ' * i}k{i}:\n" for i in range(300)) + " " * 300 + "x: y\n"
    _put(folder, "block.md", "---\n" + block + "title: Deep\n---\nBody\n")
    _put(folder, "unclosed.md", "---\ntitle: " + "[" * depth + "\n---\nBody\n")


def _deep_folders(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _put(folder, "top.md", "# Top of the chain\n")
    # Made relative to an open folder, so no path grows past the system's limit.
    fd = os.open(folder, os.O_RDONLY)
    try:
        for i in range(DEEP_FOLDERS):
            os.mkdir("d", dir_fd=fd)
            child = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
            if i in (10, DEEP_FOLDERS - 1):
                out = os.open(f"job{i}.md", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
                os.write(out, f"# Job at depth {i}\n".encode())
                os.close(out)
    finally:
        os.close(fd)


def _symlinks(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _put(folder, "real.md", "# A real posting\n")
    os.symlink(".", folder / "loop")  # a folder containing itself
    os.symlink("b", folder / "a.md")  # a.md -> b -> a.md
    os.symlink("a.md", folder / "b")
    os.symlink("self.md", folder / "self.md")
    os.symlink("missing.md", folder / "dangling.md")
    os.symlink("/dev/zero", folder / "zero.md")
    os.symlink("/dev/urandom", folder / "random.md")
    (folder / "sub").mkdir()
    os.symlink("..", folder / "sub" / "up")


def _unreadable(folder: Path) -> None:
    _put(folder, "readable.md", "# Readable\n")
    _put(folder, "locked.md", "# Locked\n")
    _put(folder / "locked-folder", "inside.md", "# Inside\n")
    os.chmod(folder / "locked.md", 0)
    os.chmod(folder / "locked-folder", 0)


def _fifo(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _put(folder, "real.md", "# Next to a pipe\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.md")
        os.mkfifo(folder / "pipe")


def _md_injection(folder: Path) -> None:
    for i, url in enumerate(INJECTED_URLS):
        meta = {"title": f"Link {i}", "company": "Links", "url": url}
        _put(folder, f"url{i}.md", _front_matter(meta, f"Apply: [apply]({url})\n"))
    # Markdown in the text fields of the export.
    text = {
        "title": "x](javascript:alert(1)) ![img](http://evil.example/t.png) <b>",
        "company": "[c](javascript:alert(1)) <https://evil.example> `code` *em*",
        "location": "# Heading\n- item\n| a | b |",
        "url": "https://ok.example/job",
    }
    _put(folder, "text.md", _front_matter(text))
    body = "[a](javascript:alert(1)) [b](data:text/html,x) <javascript:alert(1)> ![i](http://e)\n"
    _put(folder, "body.md", _front_matter({"title": "Body links"}, body))


def _formulas(folder: Path) -> None:
    for i, formula in enumerate(FORMULAS):
        meta = {
            "title": formula,
            "company": formula,
            "location": formula,
            "tags": [formula],
            "url": f"https://x.example/{formula}",
        }
        _put(folder, f"formula{i}.md", _front_matter(meta))


def _bad_dates(folder: Path) -> None:
    values = {
        "year-zero": "date: 0000-01-01",
        "month-13": "date: 2024-13-45",
        "offset": "date: 2024-01-01T10:00:00-99:00",
        "far-future": "date: 9999-12-31",
        "epoch-huge": "date: 99999999999999999999",
        "epoch-negative": "date: -99999999999",
        "bool-date": "date: true",
        "float-date": "date: .nan",
        "inf-date": "date: .inf",
    }
    for name, line in values.items():
        _put(folder, f"{name}.md", f"---\ntitle: Date {name}\n{line}\n---\nBody\n")
    # Dates in folder and file names that no calendar has.
    _put(folder / "0000" / "00", "2024-13-45-job.md", "# Dated by path\n")
    _put(folder / "9999" / "99", "99999999-job.md", "# Dated by path\n")


def _bad_numbers(folder: Path) -> None:
    values = {
        "digits": "salary: " + "9" * 400,
        "digits-range": "salary: $" + "9" * 400 + " - $" + "9" * 401,
        "nan": "salary: .nan",
        "inf": "salary: .inf",
        "neg-inf": "salary: -.inf",
        "nan-map": "salary: {min: .nan, max: .inf, currency: USD, period: year}",
        "huge-map": "salary: {min: 1e308, max: 1e309, currency: EUR}",
        "negative": "salary: {min: -5000, max: -1, currency: USD, period: year}",
        "zero": "salary: {min: 0, max: 0, currency: USD, period: hour}",
        "bool-salary": "salary: true",
        "binary-tag": "tags: !!binary aGVsbG8=",
        "set": "tags: !!set {a, b}",
        "omap": "title: !!omap [a: 1, b: 2]",
    }
    for name, line in values.items():
        _put(folder, f"{name}.md", f"---\ntitle: Number {name}\n{line}\n---\nBody\n")


# --- files that crash or stall jobtui today ---------------------------------------------------
# Only a test that runs jobtui in a subprocess may load these: a crash there must not take the
# test run with it.

STACK_DEPTH = 100_000
"""Nesting of the front matter that overflows the C stack of libyaml's parser (30,000 do)."""


def _yaml_stack(folder: Path) -> None:
    depth = STACK_DEPTH
    _put(folder, "stack.md", "---\ntitle: " + "[" * depth + "]" * depth + "\n---\nBody\n")


BACKTRACKING = 40_000
"""Repeats of an unclosed HTML opening that make the body's HTML clean-up quadratic."""


def _html_backtracking(folder: Path) -> None:
    _put(folder, "comment.md", "# Comment\n\n" + "<!--" * BACKTRACKING)
    _put(folder, "anchor.md", "# Anchor\n\n" + "<a " * BACKTRACKING)
    _put(folder, "script.md", "# Script\n\n" + "<script>" * BACKTRACKING)


def _bare_bomb_full(folder: Path) -> None:
    _put(folder, "laughs", bare_bomb(9))


CRASHERS = ("yaml_stack", "html_backtracking", "bare_bomb_full")
"""Classes that crash (SIGSEGV) or stall (for minutes, or until memory runs out) jobtui today."""

BUILDERS = {
    "names": _names,
    "undecodable_names": _undecodable_names,
    "front_matter": _front_matter_class,
    "markup": _markup,
    "binary": _binary,
    "empty": _empty,
    "huge": _huge,
    "encoding": _encoding,
    "yaml_bomb": _yaml_bomb,
    "bare_bomb": _bare_bomb,
    "yaml_deep": _yaml_deep,
    "deep_folders": _deep_folders,
    "symlinks": _symlinks,
    "unreadable": _unreadable,
    "fifo": _fifo,
    "md_injection": _md_injection,
    "formulas": _formulas,
    "bad_dates": _bad_dates,
    "bad_numbers": _bad_numbers,
    "yaml_stack": _yaml_stack,
    "html_backtracking": _html_backtracking,
    "bare_bomb_full": _bare_bomb_full,
}
assert tuple(BUILDERS) == CLASSES + CRASHERS


def write_hostile(directory: str | os.PathLike[str], classes: tuple[str, ...] = CLASSES) -> Path:
    """Write the hostile folder (`directory/hostile`, one subfolder per class) and return it."""
    root = Path(directory) / "hostile"
    for name in classes:
        BUILDERS[name](root / name)
    return root


def permissions_apply(root: str | os.PathLike[str]) -> bool:
    """Whether the chmod 000 file of a hostile folder is unreadable here (root reads it, and
    so does anyone on a file system without permissions)."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return False
    try:
        with open(Path(root) / "unreadable" / "locked.md", "rb"):
            return False
    except PermissionError:
        return True


def remove_hostile(root: str | os.PathLike[str]) -> None:
    """Remove a hostile folder: locked folders opened up, the deep chain taken apart a level at
    a time (a recursive removal would run out of stack or of path length)."""
    root = Path(root)
    for path in (root / "unreadable" / "locked-folder", root / "unreadable" / "locked.md"):
        with contextlib.suppress(OSError):
            os.chmod(path, stat.S_IRWXU)
    chain = root / "deep_folders" / "d"
    spare = root / "deep_folders" / "spare"
    while chain.is_dir():
        for entry in os.listdir(chain):
            if entry != "d":
                os.unlink(chain / entry)
        if (chain / "d").is_dir():
            os.rename(chain / "d", spare)
            os.rmdir(chain)
            os.rename(spare, chain)
        else:
            os.rmdir(chain)
    shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    crashers = "--crashers" in argv
    args = [a for a in argv if a != "--crashers"]
    if len(args) != 1:
        print(
            "usage: make_fixtures.py [--crashers] DIR\n"
            "writes DIR/hostile; --crashers adds the classes that crash or stall jobtui "
            f"({', '.join(CRASHERS)})",
            file=sys.stderr,
        )
        return 2
    classes = CLASSES + CRASHERS if crashers else CLASSES
    root = write_hostile(args[0], classes)
    print(f"{root}: {', '.join(classes)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
