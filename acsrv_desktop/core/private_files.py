"""Files only the account running the application can read: its folders 0700, its files 0600.

The database, its -wal and -shm, the log, the backups, the draft and every export hold
personal data: any other account of the workstation must not read them. The entry points set
a private umask (``use_private_umask``); each file is made private here as well, explicitly,
so that the modes hold under whatever umask the process inherited (a test, a library caller)
and an existing file written 0644 by an earlier version is tightened.

Qt-free and light (``os`` and ``pathlib`` only): the log and the start-up use it before Qt.
On Windows the modes mean little (ACLs decide); the calls are harmless there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

PRIVATE_UMASK = 0o077
FILE_MODE = 0o600
FOLDER_MODE = 0o700
# SQLite's companions of a database file (WAL mode, and a rollback journal if one is left).
# "-verrou": the instance lock (core/instance_lock.py), a small SQLite file of its own.
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal", "-verrou")


@contextmanager
def private_umask() -> Iterator[None]:
    """While the block runs, what this process creates is its owner's only (umask 077).

    Entered by the entry points only (``__main__``, the command line's ``run``, ``run_gui``)
    and left on their way out: a process-wide setting is not changed by importing a module,
    and a test that runs the command line in its own process gets its umask back."""
    previous = os.umask(PRIVATE_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def private_folder(path: Path, *, tighten: bool = True) -> Path:
    """``path`` created if missing (0700); with ``tighten``, made 0700 if it already existed
    (the application's own folders). Parents created on the way are left to the umask: they
    may be shared ones (``~/.local/share``)."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if tighten:
        _chmod(path, FOLDER_MODE)
    return path


def make_private(path: Path) -> None:
    """``path`` made 0600 if it exists (a missing file is not an error: nothing to protect)."""
    _chmod(path, FILE_MODE, missing_ok=True)


def make_sqlite_private(database: Path) -> None:
    """An SQLite file and its companions made 0600. SQLite gives a new -wal or -shm the
    mode of the database file, so a private database keeps them private too."""
    make_private(database)
    for suffix in SQLITE_COMPANIONS:
        make_private(Path(f"{database}{suffix}"))


def create_private(path: Path) -> Path:
    """``path`` created empty (or emptied) 0600, for a writer that opens it by name itself
    (QPdfWriter, SQLite): opening an existing file for writing keeps its mode."""
    os.close(_open_private_fd(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC))
    return path


def open_private(path: Path, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """Like ``open(path, mode)`` for writing ("w", "wb", "a", "ab"), the file 0600 from its
    creation on."""
    if mode not in ("w", "wb", "a", "ab"):
        raise ValueError(f"open_private writes only, not {mode!r}")
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    flags |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation below the stream
    return os.fdopen(_open_private_fd(path, flags), mode, **kwargs)


def write_private_text(
    path: Path, text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> None:
    """``Path.write_text``, the file 0600."""
    with open_private(path, "w", encoding=encoding, newline=newline) as stream:
        stream.write(text)


def _open_private_fd(path: Path, flags: int) -> int:
    descriptor = os.open(path, flags, FILE_MODE)
    try:
        # The mode given to os.open applies only to a file it creates: an existing one
        # (an earlier export, 0644) is tightened as well.
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, FILE_MODE)
        else:  # Windows before Python 3.13
            os.chmod(path, FILE_MODE)
    except PermissionError:
        pass  # another account's file, writable by us: its mode is its owner's to set
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _chmod(path: Path, mode: int, *, missing_ok: bool = False) -> None:
    try:
        os.chmod(path, mode)
    except FileNotFoundError:
        if not missing_ok:
            raise
