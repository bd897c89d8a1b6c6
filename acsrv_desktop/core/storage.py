"""Facts about where an SQLite file lives, and consistent copies of it."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.private_files import private_folder

# Filesystems on which SQLite's WAL mode (shared memory, POSIX locks) is not safe.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "ocfs2",
        "gfs2",
        "davfs",
        "webdav",
        "fuse.sshfs",
        "fuse.glusterfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.cephfs",
        "fuse.s3fs",
        "fuse.gvfsd-fuse",
    }
)
PROC_MOUNTS = Path("/proc/self/mounts")


def _unescape_mount_field(field: str) -> str:
    # /proc/mounts escapes space, tab, newline and backslash as octal (\040 ...).
    return (
        field.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
    )


def _resolve_existing_part(path: Path) -> Path:
    """Follow symbolic links in the part of ``path`` that exists, keep the rest as it is."""
    existing, missing = path, []
    while not existing.exists() and existing != existing.parent:
        missing.append(existing.name)
        existing = existing.parent
    return existing.resolve().joinpath(*reversed(missing))


def filesystem_type(path: Path, mounts_table: str | None = None) -> str | None:
    """The type of the filesystem holding ``path`` on Linux (``None`` if unknown).

    ``path`` need not exist yet: its nearest existing parent decides.
    """
    if mounts_table is None:
        try:
            mounts_table = PROC_MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = _resolve_existing_part(Path(os.path.abspath(path)))
    best: tuple[int, str] | None = None
    for line in mounts_table.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = Path(_unescape_mount_field(fields[1]))
        if target == mount_point or mount_point in target.parents:
            depth = len(mount_point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fields[2])
    return best[1] if best else None


def _is_windows_network_path(path: Path) -> bool:
    text = str(path)
    if text.startswith("\\\\") or text.startswith("//"):
        return True
    import ctypes  # Windows only

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]


def is_on_network_share(path: Path, mounts_table: str | None = None) -> bool:
    if sys.platform == "win32":
        return _is_windows_network_path(path)
    fs_type = filesystem_type(path, mounts_table)
    return fs_type is not None and fs_type.lower() in NETWORK_FILESYSTEMS


def open_read_only(path: Path, timeout: float = 10) -> sqlite3.Connection:
    """A connection to the SQLite file ``path`` that may only read. Opened by its plain path,
    not a « file: » URI with mode=ro: SQLite refuses the URI of a Windows share (\\\\nas\\…
    becomes file://nas/…, « invalid uri authority »)."""
    if not path.is_file():
        raise FileNotFoundError(path)  # sqlite3.connect would create it
    connection = sqlite3.connect(path, timeout=timeout)
    connection.execute("PRAGMA query_only = ON")
    return connection


BACKUP_STEP_PAGES = 1024  # 4 MiB at SQLite's default page size, between two progress calls


def copy_pages(
    source: sqlite3.Connection,
    destination: sqlite3.Connection,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """SQLite's backup API from ``source`` into ``destination``: the destination is written
    in one transaction, whole at the end or (killed half-way) as it was."""
    if progress is None:
        source.backup(destination)
        return
    source.backup(
        destination,
        pages=BACKUP_STEP_PAGES,
        progress=lambda _status, remaining, total: progress(remaining, total),
    )


def backup_sqlite(
    source: Path, destination: Path, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Copy an SQLite database with SQLite's online backup API.

    The copy is consistent even while other connections write (the API restarts on change).
    ``progress(remaining, total)`` (pages) is called as it goes, when given.
    """
    # A folder the copy creates is private; one that exists (``backup --folder``) is the
    # user's: the copy itself is 0600 in any case.
    private_folder(destination.parent, tighten=False)
    # A name of its own for the copy in progress: two processes may back up at once.
    handle, partial_name = tempfile.mkstemp(
        prefix=destination.name + ".", suffix=".partiel", dir=destination.parent
    )
    os.close(handle)  # mkstemp creates it 0600, and SQLite keeps that mode
    partial = Path(partial_name)
    src = open_read_only(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            copy_pages(src, dst, progress)
            # The copy is a plain single file: no -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except BaseException:
        for leftover in (partial, Path(f"{partial}-journal")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(partial, destination)
    return destination


def timestamped_backup_path(
    folder: Path, database: Path, reason: str, when: datetime | None = None
) -> Path:
    # Named in Paris time: the name is what a person reads in the backup folder.
    stamp = (when or utc_now()).astimezone(PARIS).strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{database.stem}-{reason}-{stamp}.sqlite3"
