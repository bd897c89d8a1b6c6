"""Outputs written whole or not at all, never over the application's own files.

Every file the application writes for someone to take away (the attendance XLSX, CSV and
PDF, a referral slip, a person's data, the audit CSV, the catalogue) is written here:

- into a temporary file of the target's folder (0600, like every file of ours: see
  ``private_files``), flushed to the disk (``fsync``), its size checked, then renamed over the
  target (``os.replace``, atomic within a folder): a kill or a full disk leaves the previous
  file as it was, never a partial one under the final name; the temporary file is removed on
  any failure (a kill leaves it behind, hidden, ``.<nom>.…partiel``, never the target);
- never over the database, its -wal/-shm, the backups or the log, whatever path names them
  (a symbolic link, ``..``, a hard link): the target is refused before anything is written;
- a PDF only once it is complete (it ends with ``%%EOF`` and its cross-reference table is
  where it says), since Qt's PDF writer reports no error of its own.

Each failure is one French sentence (``OutputError``), e.g. « Disque plein : … n’a pas été
écrit. » The data is in memory when it is written (openpyxl, the PDF writer and the CSV build
it there anyway), so that every byte goes through ``os.write`` and every error is seen.

Qt-free: the GUI and the command line write through the same functions.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from acsrv_desktop import APP_NAME, ORGANISATION_NAME, paths
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.private_files import FILE_MODE, SQLITE_COMPANIONS

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partiel"
CHUNK = 1 << 20  # bytes a write: a full disk is met at most a megabyte after it fills
SQLITE_HEADER = b"SQLite format 3\x00"
_FULL_DISK = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_LONGEST_PREFIX = 100  # the temporary name stays under a file system's 255 bytes


class OutputError(UserFacingError):
    """An output refused or not written; the previous file, if any, is intact."""


# --- Where an output may not go --------------------------------------------------------------

_lock = threading.Lock()
_databases: set[Path] = set()
_backup_folders: set[Path] = set()


def protect_database(path: Path) -> None:
    """The SQLite file ``path`` (and its -wal, -shm, -journal) is never an output's target.
    Called for every SQLite database the process opens."""
    with _lock:
        _databases.add(Path(path))


def protect_backup_folder(folder: Path) -> None:
    """Nothing is written into ``folder`` (a backups folder other than the default one)."""
    with _lock:
        _backup_folders.add(Path(folder))


def _real(path: Path) -> Path:
    """``path`` with every symbolic link and ``..`` resolved, whether it exists or not."""
    return Path(os.path.realpath(path))


def _protected() -> tuple[list[tuple[Path, str]], list[tuple[Path, str]]]:
    """(files, folders) that no output may replace or enter, each with what it is (French)."""
    with _lock:
        databases, folders = tuple(_databases), tuple(_backup_folders)
    files: list[tuple[Path, str]] = []
    for database in databases:
        files.append((database, "la base de données de l’application"))
        for suffix in SQLITE_COMPANIONS:
            companion = Path(f"{database}{suffix}")
            files.append((companion, f"un fichier de la base de données ({companion.name})"))
    protected_folders = [(folder, "le dossier des sauvegardes") for folder in folders]
    protected_folders.append((paths.backup_dir_path(), "le dossier des sauvegardes"))
    for folder in _log_folders():
        protected_folders.append((folder, "le dossier du journal"))
    return files, protected_folders


def _log_folders() -> list[Path]:
    # The log's default folder (not created here), and that of the log actually written.
    folders = [Path(platformdirs.user_log_dir(APP_NAME, ORGANISATION_NAME))]
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler) and getattr(handler, "_acsrv", False):
            folders.append(Path(handler.baseFilename).parent)
    return folders


def refusal(path: Path) -> str | None:
    """Why ``path`` may not be written (a French sentence), or None if it may."""
    target = _real(path)
    files, folders = _protected()
    for protected, what in files:
        if target == _real(protected) or _same_file(target, protected):
            return _refused(path, what)
    for folder, what in folders:
        real_folder = _real(folder)
        if target == real_folder or real_folder in target.parents:
            return _refused(path, what)
    if _is_sqlite_database(target):
        return _refused(path, "une base de données SQLite")
    return None


def _refused(path: Path, what: str) -> str:
    return f"{path} désigne {what} : rien n’a été écrit, choisissez un autre emplacement."


def _same_file(target: Path, protected: Path) -> bool:
    """A hard link names the same file under another name."""
    try:
        return os.path.samefile(target, protected)
    except OSError:  # one of them does not exist
        return False


def _is_sqlite_database(target: Path) -> bool:
    try:
        with open(target, "rb") as stream:
            return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # missing, a folder, unreadable: not a database we would overwrite
        return False


def check_target(path: Path) -> Path:
    """``path`` resolved (the file a link names is the one replaced), or ``OutputError`` if it
    may not be written there."""
    reason = refusal(path)
    if reason is not None:
        raise OutputError(reason)
    return _real(path)


# --- Writing ---------------------------------------------------------------------------------


@dataclass
class _Staged:
    shown: Path  # as the user named it, for the messages
    target: Path  # resolved: the file replaced
    temp: Path | None = None
    existed: bool = False


def write_bytes(path: Path, data: bytes) -> Path:
    """``data`` written whole to ``path`` (0600), or ``OutputError`` and ``path`` unchanged."""
    _write_all_or_nothing([(path, data)])
    return path


def write_text(
    path: Path, text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> Path:
    """``Path.write_text``, whole or not at all; ``newline`` as ``open``'s (None: the
    platform's line ends, "": as they are)."""
    if newline is None:
        text = text.replace("\n", os.linesep)
    elif newline:
        text = text.replace("\n", newline)
    return write_bytes(path, text.encode(encoding))


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Several files into ``folder``: each is written to its temporary file first, and none
    replaces its target until all are on the disk (a full disk changes none of them)."""
    chosen = [(folder / name, data) for name, data in files.items()]
    _write_all_or_nothing(chosen, folder=folder)
    return [path for path, _ in chosen]


def write_pdf(path: Path, data: bytes) -> Path:
    """A PDF written only if it is complete (``OutputError`` otherwise, nothing written)."""
    check_target(path)
    if not pdf_is_complete(data):
        raise OutputError(f"Le PDF {path} n’a pas pu être produit en entier : rien n’a été écrit.")
    return write_bytes(path, data)


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def pdf_is_complete(data: bytes) -> bool:
    """A PDF's header, its end (``%%EOF``) and its cross-reference table where the end says:
    a file cut short, or missing a piece, fails one of them."""
    if not data.startswith(b"%PDF-"):
        return False
    found = _STARTXREF.search(data[-1024:])
    if found is None:
        return False
    offset = int(found.group(1))
    # A cross-reference table, or a cross-reference stream (an object).
    return data.startswith(b"xref", offset) or _OBJECT.match(data, offset) is not None


def _write_all_or_nothing(outputs: list[tuple[Path, bytes]], folder: Path | None = None) -> None:
    """Each output to its temporary file, then each renamed over its target; ``folder``:
    the outputs are the files of one folder, and a failure is told of them all."""
    if folder is not None:
        check_target(folder)
    staged = [_Staged(path, check_target(path)) for path, _ in outputs]
    current = staged[0]
    try:
        for current, (_, data) in zip(staged, outputs, strict=True):
            _stage(current, data)
        for current in staged:
            _commit(current)
    except OSError as exc:
        if folder is None or len(staged) == 1:
            raise OutputError(_failure(current.shown, exc, current.existed)) from exc
        existed = any(entry.existed for entry in staged)
        what = f"les {len(staged)} fichiers de {folder}"
        raise OutputError(_failure(what, exc, existed, plural=True)) from exc
    finally:
        for entry in staged:
            if entry.temp is not None:
                _remove(entry.temp)


def _stage(entry: _Staged, data: bytes) -> None:
    folder = entry.target.parent
    entry.existed = entry.target.exists()
    handle, name = tempfile.mkstemp(
        prefix=f".{entry.target.name[:_LONGEST_PREFIX]}.", suffix=PARTIAL_SUFFIX, dir=folder
    )
    entry.temp = Path(name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(handle, FILE_MODE)  # mkstemp's mode already; said here, not assumed
        _write_fully(handle, data)
        os.fsync(handle)  # on the disk before it takes the target's name
        if os.fstat(handle).st_size != len(data):
            raise OSError(errno.EIO, "taille écrite inattendue", name)
    finally:
        os.close(handle)


def _write_fully(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view[:CHUNK])
        if written <= 0:  # a regular file writes something or fails: count it as full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _commit(entry: _Staged) -> None:
    assert entry.temp is not None
    os.replace(entry.temp, entry.target)
    entry.temp = None
    _sync_folder(entry.target.parent)


def _sync_folder(folder: Path) -> None:
    """The rename itself on the disk (POSIX); Windows has no folder to open."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:  # some file systems refuse to sync a folder: the rename is done anyway
        pass
    finally:
        os.close(handle)


def _remove(temp: Path) -> None:
    try:
        temp.unlink(missing_ok=True)
    except OSError:
        log.warning("fichier temporaire d’un export non supprimé (%s)", temp.name)


def _failure(what: object, exc: OSError, existed: bool, *, plural: bool = False) -> str:
    if plural:
        done, kept = "n’ont pas été écrits", " (ceux qui s’y trouvaient sont intacts)"
    else:
        done, kept = "n’a pas été écrit", " (le fichier précédent est intact)"
    kept = kept if existed else ""
    if exc.errno in _FULL_DISK:
        return f"Disque plein : {what} {done}{kept}."
    # The reason alone: the temporary file's name means nothing to the person.
    reason = (
        french_os_error(OSError(exc.errno, exc.strerror))
        if exc.errno is not None
        else "erreur d’écriture"
    )
    return f"{what} {done} : {reason}{kept}."


def partial_files(folder: Path) -> Iterator[Path]:
    """The temporary files an interrupted output left in ``folder`` (tests, a clean-up)."""
    return (p for p in folder.glob(f".*{PARTIAL_SUFFIX}") if p.is_file())
