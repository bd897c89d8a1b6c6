"""The engine's guarantees: SQLite settings, write transactions, time stamps — on both backends."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.database import Database, parse_database_url
from acsrv_desktop.core.errors import DatabaseOpenError
from acsrv_desktop.core.models import AppSetting, Centre


def test_sqlite_connections_are_durable_and_patient(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    try:
        with db.read() as session:
            pragma = {
                name: session.connection().exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
            }
    finally:
        db.dispose()
    assert pragma["foreign_keys"] == 1
    assert pragma["journal_mode"] == "wal"
    assert pragma["synchronous"] == 2  # FULL
    assert pragma["busy_timeout"] >= 5000


def _try_to_take_write_lock(path) -> str:
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return "free"
    except sqlite3.OperationalError as exc:
        return str(exc)
    finally:
        other.close()


def test_sqlite_write_sessions_take_the_write_lock_at_begin(tmp_path):
    path = tmp_path / "acsrv.sqlite3"
    opened = open_database(f"sqlite:///{path}", backup_folder=tmp_path)
    database = opened.db
    try:
        with database.write() as session:
            session.connection()  # the transaction has begun, nothing written yet
            assert "locked" in _try_to_take_write_lock(path)
        with database.read() as session:
            session.execute(select(Centre)).all()
            assert _try_to_take_write_lock(path) == "free"
    finally:
        database.dispose()


def test_a_failed_write_leaves_nothing_behind(database: Database):
    with pytest.raises(RuntimeError), database.write() as session:
        session.add(Centre(name="Centre social Dutemple", commune="Valenciennes"))
        session.flush()
        raise RuntimeError("interrupted half-way")
    with database.read() as session:
        names = session.scalars(select(Centre.name)).all()
    assert "Centre social Dutemple" not in names


def test_instants_come_back_as_aware_utc(database: Database):
    paris_winter = timezone(timedelta(hours=1))
    local = datetime(2026, 1, 31, 23, 59, 30, tzinfo=paris_winter)
    with database.write() as session:
        session.add(AppSetting(key="k", value="v", updated_at=local))
    with database.read() as session:
        stored = session.get(AppSetting, "k")
    assert stored is not None
    assert stored.updated_at == local
    assert stored.updated_at.tzinfo == UTC
    assert stored.updated_at.hour == 22


def test_naive_instants_are_refused(database: Database):
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError, match="naive"), database.write() as session:
        session.add(AppSetting(key="k", value="v", updated_at=datetime(2026, 1, 1)))


def test_foreign_keys_and_unique_names_are_enforced(database: Database):
    from sqlalchemy.exc import IntegrityError

    with database.write() as session:
        session.add(Centre(name="Centre social Dutemple"))
    with pytest.raises(IntegrityError), database.write() as session:
        session.add(Centre(name="Centre social Dutemple"))
    with database.read() as session:
        names = [c.name for c in session.scalars(select(Centre))]
    assert names.count("Centre social Dutemple") == 1


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://x/y", "non pris en charge"),
        ("pas une adresse", "invalide"),
        ("sqlite://", "doit être un fichier"),
    ],
)
def test_unusable_urls_are_explained_in_french(url, fragment):
    with pytest.raises(DatabaseOpenError, match=fragment):
        parse_database_url(url)


def test_plain_postgresql_urls_use_psycopg():
    assert parse_database_url("postgresql://u@h/acsrv").drivername == "postgresql+psycopg"


def test_descriptions_never_show_a_password():
    db = Database("postgresql+psycopg://accueil:secret@serveur:5432/acsrv")
    try:
        assert "secret" not in db.describe()
        assert "serveur:5432" in db.describe()
    finally:
        db.dispose()
