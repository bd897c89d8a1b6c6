"""Bringing a database to the schema this version expects, safely.

At start-up: refuse SQLite files on network shares, refuse databases written by a newer
version (they would be damaged), back up an existing SQLite database before any migration,
then apply the bundled Alembic migrations.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from acsrv_desktop.core import storage
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import (
    DatabaseOpenError,
    NetworkShareError,
    NewerSchemaError,
    NotAnAppDatabaseError,
    french_os_error,
)

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Serialises start-up migrations of several workstations sharing one PostgreSQL server.
_PG_MIGRATION_LOCK_KEY = 0x4143_5352  # "ACSR"


@dataclass(frozen=True)
class UpgradeReport:
    previous_revision: str | None
    current_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.previous_revision != self.current_revision

    def describe(self) -> str:
        if not self.changed:
            return f"Base de données à jour (révision {self.current_revision})."
        if self.previous_revision is None:
            return f"Base de données créée (révision {self.current_revision})."
        saved = f" Sauvegarde préalable : {self.backup}" if self.backup else ""
        return (
            f"Base de données mise à jour de la révision {self.previous_revision} "
            f"à {self.current_revision}.{saved}"
        )


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {heads}")
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def _check_location(db: Database) -> None:
    path = db.sqlite_path
    if path is None:
        return
    if storage.is_on_network_share(path):
        raise NetworkShareError(
            f"Le fichier de base de données {path} se trouve sur un partage réseau. SQLite ne "
            "peut pas y être utilisé sans risque de corruption. Pour partager une base entre "
            "plusieurs postes, utilisez un serveur PostgreSQL (--db postgresql+psycopg://…) ; "
            "sinon placez le fichier sur le disque local du poste."
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(
            f"Impossible de créer le dossier de la base de données {path.parent} : "
            f"{french_os_error(exc)}. Choisissez un autre emplacement."
        ) from exc


def _check_known_revision(revision: str | None, connection: Connection) -> None:
    if revision is None:
        user_tables = [
            name for name in inspect(connection).get_table_names() if not name.startswith("sqlite_")
        ]
        if user_tables:
            raise NotAnAppDatabaseError(
                "Cette base de données contient déjà des tables qui ne viennent pas "
                "d'acsrv-desktop. Elle n'a pas été modifiée ; choisissez une base vide ou une "
                "base de l'application."
            )
        return
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise NewerSchemaError(
            "Cette base de données a été enregistrée par une version plus récente "
            f"d'acsrv-desktop (révision {revision}). Elle n'a pas été modifiée. Installez la "
            "dernière version de l'application sur ce poste."
        ) from exc


def _backup_before_migration(db: Database, revision: str, backup_folder: Path) -> Path | None:
    path = db.sqlite_path
    if path is None:
        # PostgreSQL: backups are the server administrator's (pg_dump); say so in the log.
        log.warning("migration d'une base PostgreSQL : pensez à la sauvegarder (pg_dump)")
        return None
    target = storage.timestamped_backup_path(backup_folder, path, f"avant-migration-{revision}")
    storage.backup_sqlite(path, target)
    log.info("sauvegarde avant migration : %s", target)
    return target


def _set_sqlite_foreign_keys(connection: Connection, *, enabled: bool) -> None:
    # Outside any transaction (where SQLite ignores this pragma): straight on the driver
    # connection, which is in autocommit mode (see database._on_sqlite_connect).
    dbapi_connection = connection.connection.dbapi_connection
    assert dbapi_connection is not None
    dbapi_connection.execute(f"PRAGMA foreign_keys = {'ON' if enabled else 'OFF'}")


def _run_migrations(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def upgrade_database(db: Database, backup_folder: Path) -> UpgradeReport:
    """Bring ``db`` to the current schema; raise a ``DatabaseOpenError`` with a French message."""
    _check_location(db)
    head = head_revision()
    try:
        return _upgrade(db, head, backup_folder)
    except DatabaseOpenError:
        raise
    except (OperationalError, SADatabaseError, sqlite3.DatabaseError) as exc:
        raise DatabaseOpenError(_explain_open_failure(db, exc)) from exc


def _upgrade(db: Database, head: str, backup_folder: Path) -> UpgradeReport:
    with db.engine.connect() as probe:
        before = current_revision(probe)
        _check_known_revision(before, probe)
        probe.rollback()
    if before == head:
        return UpgradeReport(before, head, None)
    with db.write_connection() as connection:
        if db.is_sqlite:
            # Batch migrations copy and drop tables: foreign keys are checked once at the end.
            _set_sqlite_foreign_keys(connection, enabled=False)
        try:
            with connection.begin():
                return _upgrade_locked(db, connection, head, backup_folder)
        finally:
            if db.is_sqlite:
                _set_sqlite_foreign_keys(connection, enabled=True)


def _upgrade_locked(
    db: Database, connection: Connection, head: str, backup_folder: Path
) -> UpgradeReport:
    """Back up and migrate, holding the write lock (so two workstations cannot both do it)."""
    if not db.is_sqlite:
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK_KEY}
        )
    # Read again under the lock: another workstation may have migrated while we waited.
    before = current_revision(connection)
    _check_known_revision(before, connection)
    if before == head:
        return UpgradeReport(before, head, None)
    backup = _backup_before_migration(db, before, backup_folder) if before else None
    _run_migrations(connection)
    if db.is_sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        raise DatabaseOpenError(
            "La mise à jour de la base a échoué (références incohérentes) ; elle a été annulée "
            "et la base est inchangée."
        )
    log.info("base migrée de %s à %s", before, head)
    return UpgradeReport(before, head, backup)


def _explain_open_failure(db: Database, exc: Exception) -> str:
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    detail = lines[0] if lines else ""
    if db.is_sqlite and db.sqlite_path is not None and db.sqlite_path.is_dir():
        return (
            f"{db.sqlite_path} est un dossier : indiquez le chemin d'un fichier de base de données."
        )
    if db.is_sqlite:
        if "not a database" in detail or "malformed" in detail:
            return (
                f"Le fichier {db.sqlite_path} n'est pas une base de données lisible "
                "(fichier endommagé ou d'un autre type). Il n'a pas été modifié."
            )
        if "readonly" in detail or "unable to open" in detail:
            return (
                f"Impossible d'ouvrir ou d'écrire le fichier {db.sqlite_path} : vérifiez qu'il "
                "existe un dossier accessible en écriture à cet endroit."
            )
        if "locked" in detail or "busy" in detail:
            return (
                "La base de données est occupée par un autre poste depuis trop longtemps. "
                "Réessayez dans un instant."
            )
        return f"Impossible d'ouvrir la base de données {db.sqlite_path} ({detail})."
    return _explain_postgresql_failure(db, detail)


def _explain_postgresql_failure(db: Database, detail: str) -> str:
    where = db.describe()
    if "does not exist" in detail and "database" in detail:
        return (
            f"La base « {db.url.database} » n'existe pas sur le serveur PostgreSQL. Demandez à "
            "l'administrateur de la créer (CREATE DATABASE) ; l'application y crée ensuite ses "
            "tables elle-même."
        )
    if "role" in detail and "does not exist" in detail or "password authentication" in detail:
        return (
            f"Le serveur PostgreSQL refuse l'utilisateur « {db.url.username} » ({where}) : "
            "vérifiez le nom d'utilisateur et le mot de passe."
        )
    if "permission denied" in detail:
        return f"L'utilisateur « {db.url.username} » n'a pas les droits nécessaires ({where})."
    return (
        f"Impossible de joindre la base PostgreSQL ({where}). Vérifiez que le serveur est "
        f"démarré et accessible depuis ce poste. Détail technique : {detail}"
    )
