"""Backups of the embedded SQLite database: on demand, daily with rotation, and restore.

Copies use SQLite's online backup API: consistent while the application writes (every
transaction committed before the copy began is in it). A PostgreSQL server is backed up by its
administrator (pg_dump), not by the workstations.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from acsrv_desktop.core import storage
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.private_files import open_private
from acsrv_desktop.core.schema import alembic_config

log = logging.getLogger(__name__)

DAILY = "quotidienne"
KEEP_DAILY = 30
REQUIRED_TABLES = {"alembic_version", "centre", "programme", "visit", "visitor"}


def _sqlite_path(db: Database) -> Path:
    if db.sqlite_path is None:
        raise UserFacingError(
            "Cette base est sur un serveur PostgreSQL : sa sauvegarde se fait sur le serveur "
            "(pg_dump), par son administrateur."
        )
    return db.sqlite_path


def make_backup(
    db: Database, folder: Path, kind: str = "manuelle", when: datetime | None = None
) -> Path:
    """A consistent copy of the database, named with its kind and the (Paris) time."""
    source = _sqlite_path(db)
    stamp = (when or utc_now()).astimezone(PARIS)
    target = storage.timestamped_backup_path(folder, source, kind, stamp)
    storage.backup_sqlite(source, target)
    log.info("sauvegarde %s : %s", kind, target)
    return target


def backups(folder: Path, kind: str | None = None) -> list[Path]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    pattern = f"*-{kind}-*.sqlite3" if kind else "*.sqlite3"
    # The names end with a sortable time stamp (…-AAAAMMJJ-HHMMSS-micro.sqlite3).
    return sorted(folder.glob(pattern), key=lambda p: p.name[-31:], reverse=True)


def daily_backup_if_due(db: Database, folder: Path, now: datetime | None = None) -> Path | None:
    """Once a day (Paris time): a copy, then only the 30 newest daily copies are kept."""
    if db.sqlite_path is None:
        return None
    now = (now or utc_now()).astimezone(PARIS)
    if any(f"-{DAILY}-{now:%Y%m%d}" in p.name for p in backups(folder, DAILY)):
        return None
    made = make_backup(db, folder, DAILY, now)
    for old in backups(folder, DAILY)[KEEP_DAILY:]:
        old.unlink(missing_ok=True)
    return made


def check_backup_file(path: Path) -> str:
    """The schema revision of a valid backup of this application; a French refusal otherwise."""
    if not path.is_file():
        raise UserFacingError(f"Fichier introuvable : {path}")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise UserFacingError(f"{path.name} est endommagé : restauration refusée.")
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if not tables >= REQUIRED_TABLES:
                raise UserFacingError(
                    f"{path.name} n’est pas une sauvegarde d’acsrv-desktop : restauration refusée."
                )
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise UserFacingError(
            f"{path.name} n’est pas une base de données lisible : restauration refusée."
        ) from exc
    from alembic.script import ScriptDirectory  # only for a restore: not at start-up
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise UserFacingError(
            f"{path.name} vient d’une version plus récente d’acsrv-desktop : restauration refusée."
        ) from exc
    return revision


def restore(db: Database, backup: Path, folder: Path) -> Path:
    """Replace the database with ``backup``, after saving the current one; returns that copy.

    Other workstations must be closed: SQLite cannot swap a file under open connections.
    """
    check_backup_file(backup)
    target = _sqlite_path(db)
    safety = make_backup(db, folder, "avant-restauration") if target.exists() else None
    db.dispose()
    partial = target.with_name(target.name + ".restauration")
    # Private from its creation: it becomes the database (copyfile would make it 0644).
    with backup.open("rb") as source, open_private(partial, "wb") as copy:
        shutil.copyfileobj(source, copy)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    partial.replace(target)
    log.info("base restaurée depuis %s (copie préalable : %s)", backup, safety)
    return safety or target
