"""Opening the application's database: the one start-up path of the CLI and the GUI.

Importing this module is cheap (no SQLAlchemy, no Qt): the GUI resolves the database's
address, reads whether it is known to have accounts, and paints its sign-in window before
``open_database`` imports the database layer.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

import platformdirs

from acsrv_desktop import APP_NAME, ORGANISATION_NAME, paths
from acsrv_desktop.core.private_files import private_folder, write_private_text

if TYPE_CHECKING:
    from acsrv_desktop.core.catalogue.store import MergeReport
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.schema import UpgradeReport

log = logging.getLogger(__name__)

DATABASE_URL_ENV = "ACSRV_DATABASE_URL"
ACCOUNTS_HINT_FILE = "bases-avec-comptes"
ACCOUNTS_HINT_LINES = 100  # the databases last opened on this workstation


def sqlite_url(path: Path) -> str:
    """The URL of an SQLite file, written as SQLAlchemy's ``URL.create("sqlite",
    database=...).render_as_string()`` writes it (a test compares them)."""
    return "sqlite:///" + quote(str(path), safe=" +/")


def resolve_database_url(cli_value: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--db`` first, then ``ACSRV_DATABASE_URL``, then the embedded SQLite file."""
    environ = os.environ if environ is None else environ
    if cli_value:
        return cli_value
    if environ.get(DATABASE_URL_ENV):
        return environ[DATABASE_URL_ENV]
    return sqlite_url(paths.default_database_path())


def names_no_login(url: str) -> bool:
    """A PostgreSQL server's address naming no login: each person connects with their own,
    at the sign-in, and nothing is opened before. Read without SQLAlchemy (the sign-in window
    of a local database is painted before it is imported)."""
    if not url.startswith("postgresql"):
        return False
    try:
        return not urlsplit(url).username
    except ValueError:
        return False  # refused in French by the usual opening


def with_ca_file(url: str, ca_file: Path | None) -> str:
    """``url`` with ``sslrootcert`` naming ``ca_file`` (the workstation's preference) when it
    is a PostgreSQL server's and names no CA of its own; otherwise unchanged. Plain string
    work: this runs before SQLAlchemy is imported, while the sign-in window opens."""
    if ca_file is None or not url.startswith("postgresql") or "sslrootcert=" in url:
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}sslrootcert={quote(str(ca_file), safe='/')}"


class OpenedDatabase:
    """The open database, what its opening migrated, and the shipped catalogue it merged.

    A plain class rather than a dataclass: ``dataclasses`` (and ``inspect`` with it) is not
    imported before the sign-in window is painted."""

    __slots__ = ("catalogue", "db", "upgrade")

    def __init__(
        self, db: Database, upgrade: UpgradeReport, catalogue: MergeReport | None = None
    ) -> None:
        self.db, self.upgrade, self.catalogue = db, upgrade, catalogue

    def __repr__(self) -> str:
        return f"OpenedDatabase({self.db!r}, {self.upgrade!r})"


def open_database(url: str, backup_folder: Path | None = None) -> OpenedDatabase:
    """Open ``url`` and migrate it; a ``DatabaseOpenError`` leaves the database untouched."""
    from acsrv_desktop.core.atomic_output import protect_backup_folder
    from acsrv_desktop.core.catalogue.bootstrap import ensure_shipped_catalogue
    from acsrv_desktop.core.centres import ensure_shipped_centres
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.schema import upgrade_database

    db = Database(url)
    if backup_folder is not None:
        protect_backup_folder(backup_folder)  # never an export's target
    try:
        hold_instance_lock(db, backup_folder or paths.backup_dir_path())
        report = upgrade_database(db, backup_folder or paths.backup_dir_path())
        catalogue = None
        if db.is_sqlite:  # on the shared server, IT's « server init » and « migrate » do it
            from acsrv_desktop.core.accounts.audit_chain import ensure_sealed

            # First: the sealed trail says how many accounts the database had then.
            ensure_sealed(db, created=report.previous_revision is None)
            catalogue = ensure_shipped_catalogue(db)
            ensure_shipped_centres(db)
    except BaseException:
        db.dispose()
        raise
    return OpenedDatabase(db, report, catalogue)


def hold_instance_lock(db: Database, backup_folder: Path) -> None:
    """This instance's shared hold on the lock of an SQLite file (a restore waits for it to
    be released); taken alone for a moment at start-up when no other instance runs, to clean
    what a killed backup or restore left behind."""
    from acsrv_desktop.core.instance_lock import InstanceLock
    from acsrv_desktop.core.storage import is_on_network_share

    database = db.sqlite_path
    if database is None or not database.parent.is_dir():
        return  # in memory, or a folder that does not exist: SQLite's own error says it
    if is_on_network_share(database):
        return  # refused next by ``upgrade_database``: nothing written there
    try:
        lock = InstanceLock.at_start(database)
    except OSError as exc:  # a read-only folder: it opens all the same, unprotected
        log.warning("verrou de la base impossible : %s", type(exc).__name__)
        return
    db.instance_lock = lock
    if lock.alone:
        try:
            clean_leftovers(database, backup_folder)
        finally:
            lock.share()


def clean_leftovers(database: Path, backup_folder: Path) -> list[Path]:
    """The files a killed backup or restore left (called only when no other instance has
    the database open: a backup in progress elsewhere writes such a file too)."""
    # A restore used to copy the backup to « ….restauration » first, then rename it.
    leftovers = [database.with_name(database.name + ".restauration")]
    if backup_folder.is_dir():  # this database's only (others may share the folder)
        leftovers += backup_folder.glob(f"{glob.escape(database.stem)}-*.partiel*")
    removed = []
    for leftover in leftovers:
        try:
            leftover.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("fichier laissé par une sauvegarde interrompue non supprimé : %s", exc)
            continue
        log.info(
            "fichier laissé par une sauvegarde ou restauration interrompue supprimé : %s",
            leftover.name,
        )
        removed.append(leftover)
    return removed


# Whether a database has staff accounts, as its last opening on this workstation found it: on
# one that has (every database of the federation), the GUI paints the sign-in window first and
# opens the database behind it. A small file of its own rather than the Qt preferences: it is
# read before Qt is imported — importing PySide6 first would slow every later import (its
# import hook), SQLAlchemy's included, on a first start.


def accounts_hint_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, ORGANISATION_NAME)) / ACCOUNTS_HINT_FILE


def _hint_key(url: str) -> str:
    import hashlib  # a digest, not the address: a PostgreSQL address may carry a password

    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _hint_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # none yet, or unreadable: nothing is known
        return []


def known_to_have_accounts(url: str, hint_file: Path | None = None) -> bool | None:
    """Whether ``url`` had staff accounts when it was last opened here; None if never."""
    key = _hint_key(url)
    for line in _hint_lines(hint_file or accounts_hint_path()):
        name, _, value = line.partition(" ")
        if name == key:
            return value == "oui"
    return None


def remember_accounts(url: str, has_accounts: bool, hint_file: Path | None = None) -> None:
    """Note what this opening of ``url`` found, for the next start (a hint: a failure to
    write it is logged, never raised)."""
    path = hint_file or accounts_hint_path()
    key = _hint_key(url)
    wanted = f"{key} {'oui' if has_accounts else 'non'}"
    lines = _hint_lines(path)
    if wanted in lines:
        return
    kept = [line for line in lines if line.partition(" ")[0] != key]
    kept = [*kept[-(ACCOUNTS_HINT_LINES - 1) :], wanted]
    try:
        private_folder(path.parent)
        draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        write_private_text(draft, "\n".join(kept) + "\n")
        os.replace(draft, path)  # whole or not at all, even if two starts write at once
    except OSError as exc:
        log.warning("indication « base avec comptes » non enregistrée : %s", exc)
