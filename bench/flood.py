"""A key flood: how long jobtui takes to answer once a burst of keys and resizes stops.

    python bench/flood.py [--n 30000] [--seconds 15] [--rate BYTES_A_SECOND] [--runs 2]
                          [--tree DIR ...]

Writes `n` synthetic postings as Markdown files, starts `python -m jobtui` on them in a
pseudo-terminal for each source tree given (default: this one), waits for the load, then for
`seconds` writes random text, backspaces, arrow keys and window resizes as fast as the
terminal takes them. Then it sends ctrl+c and times how long the app takes to exit: the keys
still waiting in its queue must be handled first, so this is how far behind the flood left it.
Runs of the trees are interleaved. Needs pexpect (on the machine, not a dependency).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pexpect

from bench.synthetic import postings as synthetic

TEXT = "abcdefghijklmnoprstuvwxyz      0123456789:-<>"
KEYS = ["\x1b[A", "\x1b[B", "\x1b[5~", "\x1b[6~"]  # up, down, page up, page down


def write_folder(folder: Path, n: int) -> None:
    for i, p in enumerate(synthetic(n)):
        tags = ", ".join(p.tags)
        (folder / f"{i:06d}.md").write_text(
            f"---\ntitle: {p.title!r}\ncompany: {p.company!r}\nlocation: {p.location!r}\n"
            f"tags: [{tags}]\nposted: {p.posted}\n---\n\n{p.body}\n",
            encoding="utf-8",
        )


def drain(child: pexpect.spawn, stop: threading.Event) -> None:
    """Read the app's output so its writes never block on a full terminal."""
    while not stop.is_set():
        try:
            child.read_nonblocking(65536, timeout=0.05)
        except pexpect.TIMEOUT:
            continue
        except (pexpect.EOF, OSError):
            return


def once(
    tree: Path, folder: Path, env: dict[str, str], seconds: float, seed: int, rate: float = 0
) -> dict:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "jobtui", str(folder)],
        env={**env, "PYTHONPATH": str(tree)},
        dimensions=(35, 120),
        timeout=600,
        encoding="utf-8",
        codec_errors="replace",
    )
    child.expect("sort:", timeout=120)
    start = time.perf_counter()
    while True:
        try:
            child.expect("loading", timeout=3)
        except pexpect.TIMEOUT:
            break
    loaded = time.perf_counter() - start
    stop = threading.Event()
    reader = threading.Thread(target=drain, args=(child, stop), daemon=True)
    reader.start()
    rng = random.Random(seed)
    sent = blocked = resizes = 0
    os.set_blocking(child.child_fd, False)
    began = time.perf_counter()
    end = began + seconds
    while time.perf_counter() < end:
        if rate and sent > rate * (time.perf_counter() - began):
            time.sleep(0.001)  # a steady stream of `rate` bytes a second, not a burst
            continue
        roll = rng.random()
        if roll < 0.04:
            child.setwinsize(rng.randint(12, 60), rng.randint(40, 200))
            resizes += 1
            continue
        if roll < 0.12:
            data = "\x7f" * rng.randint(1, 6)
        elif roll < 0.16:
            data = rng.choice(KEYS)
        else:
            data = "".join(rng.choice(TEXT) for _ in range(rng.randint(1, 8)))
        try:
            sent += os.write(child.child_fd, data.encode())
        except BlockingIOError:
            blocked += 1
            time.sleep(0.001)
    child.setwinsize(35, 120)
    os.set_blocking(child.child_fd, True)
    quit_at = time.perf_counter()
    os.write(child.child_fd, b"\x03")
    while child.isalive() and time.perf_counter() - quit_at < 900:
        time.sleep(0.02)
    answered = time.perf_counter() - quit_at
    stop.set()
    alive = child.isalive()
    child.close(force=True)
    return {
        "bytes": sent,
        "resizes": resizes,
        "blocked": blocked,
        "quit_s": answered,
        "load_s": loaded,
        "hung": alive,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--rate", type=float, default=0, help="bytes a second (default: as fast as it takes)"
    )
    parser.add_argument("--tree", action="append", type=Path, help="a source tree to run")
    args = parser.parse_args()
    trees = args.tree or [Path(__file__).resolve().parent.parent]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "postings"
        folder.mkdir()
        write_folder(folder, args.n)
        results: dict[Path, list[dict]] = {t: [] for t in trees}
        for run in range(args.runs):
            for tree in trees:
                home = Path(tmp) / f"home-{trees.index(tree)}"
                env = {
                    **os.environ,
                    "JOBTUI_CONFIG_DIR": str(home / "config"),
                    "JOBTUI_CACHE_DIR": str(home / "cache"),
                    "TERM": "xterm-256color",
                }
                r = once(tree, folder, env, args.seconds, seed=run, rate=args.rate)
                results[tree].append(r)
                print(
                    f"{tree}: run {run + 1}: {r['bytes']:,} bytes, {r['resizes']} resizes in "
                    f"{args.seconds:g} s; answered ctrl+c {r['quit_s']:.2f} s after the flood"
                    f"{' (STILL RUNNING, killed)' if r['hung'] else ''} (load {r['load_s']:.1f} s)",
                    flush=True,
                )
        base = min(r["quit_s"] for r in results[trees[0]])
        for tree in trees:
            best = min(r["quit_s"] for r in results[tree])
            print(f"{tree}: best {best:.2f} s to answer; ratio to the first tree {best / base:.2f}")


if __name__ == "__main__":
    main()
