"""Bringing a database to the schema this version expects, safely.

At start-up: refuse SQLite files on network shares, refuse databases written by a newer
version (they would be damaged), back up an existing SQLite database before any migration,
then apply the bundled Alembic migrations.

A workstation never migrates a PostgreSQL database: the schema of a shared server is the
federation's IT's (``acsrv-desktop server init`` / ``server migrate``, ``core/server``, which
call ``migrate_to_head`` as the owner role). A workstation finding it empty or behind says so.

A database already at the head revision (every start but the first after an update) costs one
SELECT of alembic_version, compared with the head read from the migrations' file names:
Alembic, and the migration scripts, are only imported when there is something to migrate.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from acsrv_desktop.core import storage
from acsrv_desktop.core.database import Database, explain_tls_failure
from acsrv_desktop.core.errors import (
    DatabaseOpenError,
    NetworkShareError,
    NewerSchemaError,
    NotAnAppDatabaseError,
    OlderSchemaError,
    UninitialisedDatabaseError,
    french_os_error,
)
from acsrv_desktop.core.private_files import private_folder

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# alembic.ini's file_template: <yyyymmdd>_<revision>_<slug>.py, revisions numbered 0001, 0002…
_MIGRATION_FILE = re.compile(r"^\d{8}_(\d+)_\w*\.py$")
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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache  # the migration scripts are read once per process, and only when needed
def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _single_head(script: ScriptDirectory) -> str:
    heads = script.get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {heads}")
    return heads[0]


def head_revision() -> str:
    """The head as Alembic reads it from the migration scripts (imports them all)."""
    return _single_head(_script_directory())


@cache
def shipped_head_revision() -> str | None:
    """The head revision from the migrations' file names alone (one directory listing, no
    import): the highest number. A test checks it is Alembic's head; None when no name
    follows the pattern (then Alembic decides)."""
    numbers = [
        match.group(1)
        for name in os.listdir(MIGRATIONS_DIR / "versions")
        if (match := _MIGRATION_FILE.match(name))
    ]
    return max(numbers, key=int) if numbers else None


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(connection).get_current_heads()
    return heads[0] if heads else None


def _stored_revisions(connection: Connection) -> list[str] | None:
    """The rows of alembic_version in one SELECT; None when the table cannot be read (a new
    database, a file of another kind...: the full check says which)."""
    try:
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, SADatabaseError, sqlite3.DatabaseError):
        connection.rollback()
        return None
    return [row[0] for row in rows]


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
        # A folder created for the database is private; an existing one is the user's.
        private_folder(path.parent, tighten=False)
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
    from alembic.util.exc import CommandError

    try:
        _script_directory().get_revision(revision)
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
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def upgrade_database(db: Database, backup_folder: Path) -> UpgradeReport:
    """A workstation's start: bring an SQLite ``db`` to the current schema; check that a
    PostgreSQL one is there already. Raise a ``DatabaseOpenError`` with a French message."""
    return _bring_to_head(db, backup_folder, workstation=True)


def check_server_schema(db: Database) -> UpgradeReport:
    """A shared server's schema at a workstation's sign-in: at head, or a French refusal
    saying what IT must run (nothing is ever migrated or backed up from here)."""
    assert not db.is_sqlite
    return _bring_to_head(db, Path(), workstation=True)


def migrate_to_head(db: Database, backup_folder: Path) -> UpgradeReport:
    """Migrate ``db`` to the current schema on any backend: the server commands' path (run by
    IT as the owner role), under the same lock and checks as a workstation's."""
    return _bring_to_head(db, backup_folder, workstation=False)


def _bring_to_head(db: Database, backup_folder: Path, *, workstation: bool) -> UpgradeReport:
    _check_location(db)
    try:
        at_head = _at_shipped_head(db)
        if at_head is not None:
            return UpgradeReport(at_head, at_head, None)
        if workstation and not db.is_sqlite:
            return _refuse_server_migration(db, head_revision())
        return _upgrade(db, head_revision(), backup_folder)
    except DatabaseOpenError:
        raise
    except (OperationalError, SADatabaseError, sqlite3.DatabaseError) as exc:
        raise DatabaseOpenError(explain_open_failure(db, exc)) from exc


def owner_url_example(db: Database) -> str:
    """The owner's address of ``db`` as IT would type it (no password, the owner unnamed)."""
    host = db.url.host or "serveur"
    port = f":{db.url.port}" if db.url.port else ""
    return f"postgresql+psycopg://PROPRIÉTAIRE@{host}{port}/{db.url.database or 'base'}"


def _refuse_server_migration(db: Database, head: str) -> UpgradeReport:
    """A shared database not at head: newer, foreign, empty or older, each refused in French
    (its own schema is IT's to create and upgrade, never a workstation's)."""
    with db.engine.connect() as probe:
        before = current_revision(probe)
        _check_known_revision(before, probe)
        probe.rollback()
    if before == head:  # the head could not be read from the file names: Alembic's says so
        return UpgradeReport(before, head, None)
    where = db.describe()
    if before is None:
        raise UninitialisedDatabaseError(
            f"La base partagée n'a pas encore été préparée pour acsrv-desktop ({where}). "
            "Un poste ne crée ni ne met à jour le schéma d'un serveur. Le service informatique "
            f"doit lancer : acsrv-desktop server init --db {owner_url_example(db)} "
            "--admin-login IDENTIFIANT"
        )
    raise OlderSchemaError(
        f"La base partagée est à une version plus ancienne que l'application (révision "
        f"{before}, l'application attend {head} ; {where}). Un poste ne met pas à jour le "
        "schéma d'un serveur. Le service informatique doit lancer : acsrv-desktop server "
        f"migrate --db {owner_url_example(db)}"
    )


def _at_shipped_head(db: Database) -> str | None:
    """The head revision when ``db`` is already there (one SELECT, no Alembic), else None."""
    head = shipped_head_revision()
    if head is None:
        return None
    with db.engine.connect() as probe:
        stored = _stored_revisions(probe)
        probe.rollback()
    return head if stored == [head] else None


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


def explain_open_failure(db: Database, exc: Exception) -> str:
    """Why ``db`` could not be opened, in French (the driver's first line of detail)."""
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
    tls = explain_tls_failure(detail.lower())
    if tls is not None:
        return tls
    if "does not exist" in detail and "database" in detail:
        return (
            f"La base « {db.url.database} » n'existe pas sur le serveur PostgreSQL. Demandez au "
            "service informatique de la créer (CREATE DATABASE … OWNER PROPRIÉTAIRE) puis de "
            f"lancer : acsrv-desktop server init --db {owner_url_example(db)} "
            "--admin-login IDENTIFIANT"
        )
    refused = ("password authentication", "no password supplied", "not permitted to log in")
    if "role" in detail and "does not exist" in detail or any(r in detail for r in refused):
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
