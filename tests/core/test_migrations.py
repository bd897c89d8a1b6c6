"""Migrations: one head, from empty to head and back, models == migrated schema, safe start-up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from acsrv_desktop.core import storage
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import (
    DatabaseOpenError,
    NetworkShareError,
    NewerSchemaError,
    NotAnAppDatabaseError,
)
from acsrv_desktop.core.models import POSTGRESQL_ONLY_INDEXES, Base, Centre
from acsrv_desktop.core.schema import alembic_config, current_revision, head_revision


def _migrate(db: Database, target: str, *, down: bool = False) -> None:
    with db.write_connection() as connection, connection.begin():
        config = alembic_config(connection)
        (command.downgrade if down else command.upgrade)(config, target)


def test_there_is_exactly_one_head_and_an_initial_revision():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert len(revisions) >= 1
    assert [r.revision for r in revisions if r.down_revision is None] == ["0001"]


def test_upgrade_from_empty_reaches_head(empty_database_url, first_start, tmp_path):
    upgrade = first_start(empty_database_url, tmp_path)
    assert upgrade.previous_revision is None
    assert upgrade.current_revision == head_revision()
    assert upgrade.backup is None  # nothing to save in a new database
    assert "créée" in upgrade.describe()


def _not_the_servers(name: str | None, kind: str, _parent: object) -> bool:
    """The columns the federation's server adds (``core/server/functions.SERVER_COLUMNS``)
    and the indexes made for PostgreSQL's planner alone are not the application's model."""
    if kind == "index" and name in POSTGRESQL_ONLY_INDEXES:
        return False
    return not (kind == "column" and name is not None and name.startswith("acsrv_"))


def test_models_match_the_migrated_schema(database: Database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "include_name": _not_the_servers},
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_migration_goes_down_and_up_again(owner_database: Database):
    script = ScriptDirectory.from_config(alembic_config())
    for revision in reversed(list(script.walk_revisions())):  # oldest first
        _migrate(owner_database, revision.down_revision or "base", down=True)
        _migrate(owner_database, revision.revision)
    with owner_database.engine.connect() as connection:
        assert current_revision(connection) == head_revision()


def test_second_start_changes_nothing(empty_database_url, first_start, tmp_path):
    backups = tmp_path / "sauvegardes"
    first_start(empty_database_url, backups)
    again = open_database(empty_database_url, backup_folder=backups)
    again.db.dispose()
    assert not again.upgrade.changed
    assert "à jour" in again.upgrade.describe()
    assert not backups.exists() or list(backups.iterdir()) == []


def test_existing_data_is_backed_up_then_migrated_intact(empty_database_url, first_start, tmp_path):
    db = Database(empty_database_url)
    _migrate(db, "0001")  # the first released schema
    with db.write() as session:
        session.add(Centre(name="Centre social Chasse Royale", commune="Valenciennes"))
    db.dispose()

    upgrade = first_start(empty_database_url, tmp_path / "sauvegardes")
    assert upgrade.previous_revision == "0001"
    assert upgrade.current_revision == head_revision()
    db = Database(empty_database_url)
    try:
        with db.read() as session:
            names = session.scalars(select(Centre.name)).all()
    finally:
        db.dispose()
    assert names == ["Centre social Chasse Royale"]

    if db.is_sqlite:
        backup = upgrade.backup
        assert backup is not None and backup.parent == tmp_path / "sauvegardes"
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert copy.execute("SELECT name FROM centre").fetchall() == [
                ("Centre social Chasse Royale",)
            ]
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            copy.close()


def test_a_database_from_a_newer_version_is_refused_untouched(owner_database: Database, tmp_path):
    with owner_database.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_futur'"))
    url = owner_database.url.render_as_string(hide_password=False)
    owner_database.dispose()
    with pytest.raises(NewerSchemaError, match="version plus récente"):
        open_database(url, backup_folder=tmp_path / "b")
    db = Database(url)
    try:
        with db.engine.connect() as connection:
            assert current_revision(connection) == "9999_futur"
    finally:
        db.dispose()
    assert not (tmp_path / "b").exists()


def test_a_foreign_database_is_refused_untouched(empty_database_url, tmp_path):
    db = Database(empty_database_url)
    with db.write() as session:
        session.execute(text("CREATE TABLE comptabilite (id INTEGER PRIMARY KEY)"))
    db.dispose()
    with pytest.raises(NotAnAppDatabaseError, match="ne viennent pas"):
        open_database(empty_database_url, backup_folder=tmp_path)
    db = Database(empty_database_url)
    try:
        with db.engine.connect() as connection:
            assert inspect(connection).get_table_names() == ["comptabilite"]
    finally:
        db.dispose()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Liste des inscrits, pas une base de donnees\n" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="n'est pas une base de données lisible"):
        open_database(f"sqlite:///{path}", backup_folder=tmp_path / "b")
    assert path.read_bytes() == before


def test_an_impossible_location_is_explained(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    with pytest.raises(DatabaseOpenError, match="Impossible de créer le dossier"):
        open_database(f"sqlite:///{blocker / 'sous-dossier' / 'acsrv.sqlite3'}")


def test_an_unreachable_postgresql_server_is_explained(tmp_path):
    with pytest.raises(DatabaseOpenError, match="Impossible de joindre la base PostgreSQL"):
        open_database("postgresql+psycopg://accueil@127.0.0.1:1/acsrv", backup_folder=tmp_path)


NFS_MOUNTS = """\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
serveur:/partage {share} nfs4 rw,relatime,vers=4.2 0 0
//nas/accueil {smb} cifs rw,relatime 0 0
"""


def test_network_filesystems_are_recognised(tmp_path):
    share, smb = tmp_path / "partage", tmp_path / "Mes\\040documents"
    mounts = NFS_MOUNTS.format(share=share, smb=smb)
    assert storage.is_on_network_share(share / "acsrv.sqlite3", mounts)
    assert storage.is_on_network_share(tmp_path / "Mes documents" / "a.sqlite3", mounts)
    assert not storage.is_on_network_share(tmp_path / "local" / "acsrv.sqlite3", mounts)
    assert storage.filesystem_type(tmp_path / "local", mounts) == "ext4"


def test_an_sqlite_file_on_a_network_share_is_refused(tmp_path, monkeypatch):
    share = tmp_path / "partage"
    share.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(NFS_MOUNTS.format(share=share, smb="/nulle-part"))
    monkeypatch.setattr(storage, "PROC_MOUNTS", Path(mounts))
    with pytest.raises(NetworkShareError, match="PostgreSQL"):
        open_database(f"sqlite:///{share / 'acsrv.sqlite3'}", backup_folder=tmp_path)
    assert list(share.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/mounts").exists(), reason="Linux mount table")
def test_the_real_mount_table_is_read(tmp_path):
    assert storage.filesystem_type(Path("/"))  # the root always has a type
    assert not storage.is_on_network_share(tmp_path / "acsrv.sqlite3")
