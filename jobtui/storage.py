"""Where jobtui keeps files, and the one way it writes them.

Every location can be overridden (an environment variable, a flag) so tests and scripts never
touch the real home. Every write of a file that matters is atomic: a temporary file in the same
folder, flushed and synced, then renamed over the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

ENV_CONFIG_DIR = "JOBTUI_CONFIG_DIR"
ENV_CACHE_DIR = "JOBTUI_CACHE_DIR"
ENV_DATA_DIR = "JOBTUI_DATA_DIR"


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The flag if given, else $JOBTUI_CONFIG_DIR, else the platform's user config folder."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("jobtui", appauthor=False)


def cache_dir() -> Path:
    """$JOBTUI_CACHE_DIR, else the platform's user cache folder."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("jobtui", appauthor=False)


def data_dir() -> Path:
    """$JOBTUI_DATA_DIR, else the platform's user data folder (what jobtui fetched lives here)."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("jobtui", appauthor=False)


def jobs_dir() -> Path:
    """The folder `jobtui fetch` saves postings into by default: `<data dir>/jobs`."""
    return data_dir() / "jobs"


def default_folder() -> Path | None:
    """The folder jobtui opens when given no path: the jobs folder when it holds at least one
    posting file (any file outside hidden folders), else None (then the bundled samples)."""
    folder = jobs_dir()
    try:
        for _root, dirs, files in os.walk(folder):
            if any(not name.startswith(".") for name in files):
                return folder
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    except OSError:
        return None
    return None


def atomic_write(
    path: str | os.PathLike[str],
    data: str | bytes | Iterable[bytes | memoryview] | Callable[[BinaryIO], object],
    *,
    exclusive: bool = False,
    durable: bool = True,
    prefix: str = ".jobtui-",
) -> Path:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a part.

    `exclusive`: fail with FileExistsError if the file exists, even one that appears while
    writing (the export never clobbers a file it was not told to). Text is written as UTF-8
    with newlines as given; pieces (an iterable of buffers) are written one after another, so
    a big file need not be joined in memory first; a function is given the open file to write
    (and seek) as it will. `durable=False` skips the syncs, for a cache that is only a copy.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, str):
                fh.write(data.encode("utf-8"))
            elif isinstance(data, bytes):
                fh.write(data)
            elif callable(data):
                data(fh)
            else:
                for piece in data:
                    fh.write(piece)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if exclusive:
            os.link(tmp, target)  # fails if the file appeared meanwhile
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not durable:
        return target
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return target


def _open_lock(path: Path) -> BinaryIO:
    try:
        return open(path, "a+b")
    except PermissionError as refused:  # a read-only lock file still locks
        try:
            return open(path, "rb")
        except FileNotFoundError:  # none, and none can be made: say why
            raise refused from None


@contextlib.contextmanager
def locked(lock_path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (made, with its folder, when missing) so that
    jobtui processes change a file one at a time. Raises OSError when it cannot be made.

    The lock is advisory (fcntl.flock), and where there is none (not POSIX) the atomic
    write still keeps the file whole.
    """
    path = Path(lock_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _open_lock(path) as fh:
        try:
            import fcntl
        except ImportError:
            yield
            return
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def move_aside(path: str | os.PathLike[str]) -> Path | None:
    """Move a file that cannot be read to `<stem>.corrupt-<time>[-n]<suffix>`, a name no other
    file has (never over an earlier backup); None when the file was gone (another process moved
    it first). Raises OSError when it cannot be moved (a read-only folder)."""
    source = Path(path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    n = 0
    while True:
        backup = source.with_name(
            f"{source.stem}.corrupt-{stamp}{f'-{n}' if n else ''}{source.suffix}"
        )
        try:
            os.link(source, backup)  # fails rather than replace another backup
        except FileExistsError:
            n += 1
            continue
        except FileNotFoundError:
            return None
        except OSError:  # no hard links here: a rename, after checking the name is free
            if backup.exists():
                n += 1
                continue
            try:
                os.replace(source, backup)
            except FileNotFoundError:
                return None
            return backup
        with contextlib.suppress(FileNotFoundError):
            os.unlink(source)
        return backup


def replace_damaged(
    path: str | os.PathLike[str],
    lock_path: str | os.PathLike[str],
    damaged: bytes,
    write: Callable[[], None],
) -> Path | None:
    """Under the file's lock, move a damaged file aside (see `move_aside`) and write what
    could be read of it in its place (`write`); the backup's path, or None when the file is
    no longer the `damaged` bytes it was read as (another jobtui repaired it, a person fixed
    it): nothing is moved or written, read it again. When the writing fails, the file is put
    back as it was and the OSError raised: nothing is lost."""
    with locked(lock_path):
        try:
            with open(path, "rb") as fh:
                now = fh.read(len(damaged) + 1)
        except FileNotFoundError:
            return None
        if now != damaged:
            return None
        backup = move_aside(path)
        if backup is None:
            return None
        try:
            write()
        except OSError:
            os.replace(backup, path)
            raise
    return backup


def repair_damaged(
    path: str | os.PathLike[str],
    lock_path: str | os.PathLike[str],
    damaged: bytes,
    write: Callable[[], None],
    why: Exception,
    file: str,
    kept: str,
) -> tuple[bool, str | None]:
    """`replace_damaged`, and what to tell the person: (whether the file changed since it was
    read, so is to be read again; the message). `file` names the file (`Your bookmarks
    file`), `kept` what reads of it (`the 3 bookmark(s) that read`)."""
    try:
        backup = replace_damaged(path, lock_path, damaged, write)
    except OSError as err:
        return False, (
            f"{file} is damaged ({why}); {kept} are shown, but it could not be repaired "
            f"({err.strerror or err}), and nothing is saved until it can be."
        )
    if backup is None:
        return True, None
    return (
        False,
        f"{file} was damaged ({why}): {kept} are kept and saved; the file as it was is at {backup}.",
    )


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of that path is a file, not a folder",
    errno.EEXIST: "a file is where its folder should be",
}


def why_not_saved(path: Path, exc: OSError, what: str | None = None) -> str:
    """Why a file could not be saved, in words a person can act on: `could not save the
    shortlist to PATH (FILE: the disk is full)`."""
    where = exc.filename or path
    reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    target = f"{what} to {path}" if what else str(path)
    return f"could not save {target} ({where}: {reason})"


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int, int] | None:
    """(inode, size, modification time) of a file, to tell whether another process changed
    it since; None when it cannot be seen."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


CONFIG_FILE = "config.toml"
"""The person's settings, a TOML file in the config directory that they edit by hand."""


def read_config(
    directory: str | os.PathLike[str] | None = None,
) -> tuple[dict[str, Any], str | None]:
    """config.toml as a dict, and a message to show when it could not be read (then `{}`).

    A missing file is no problem (no message); an unreadable or malformed one never raises,
    so a typo in the settings can not stop the app from starting.
    """
    path = config_dir(directory) / CONFIG_FILE
    try:
        with path.open("rb") as f:
            return tomllib.load(f), None
    except (FileNotFoundError, NotADirectoryError):  # none (yet)
        return {}, None
    except tomllib.TOMLDecodeError as e:
        return {}, f"{path}: not valid TOML ({e}); using the default settings"
    except (OSError, UnicodeDecodeError) as e:
        return {}, f"{path}: could not be read ({e}); using the default settings"
