"""Start-up edge cases found by review: odd paths, concurrent starts, odd URLs, odd folders."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command

from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.database import Database, parse_database_url
from acsrv_desktop.core.errors import DatabaseOpenError
from acsrv_desktop.core.schema import alembic_config, head_revision


def _database_at_first_revision(path: Path) -> None:
    db = Database(f"sqlite:///{path}")
    with db.write_connection() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0001")
    with db.write() as session:
        session.execute(
            __import__("sqlalchemy").text(
                "INSERT INTO centre (name, active, created_at) VALUES ('Centre social Dutemple', 1, '2026-01-01 00:00:00')"
            )
        )
    db.dispose()


def test_backup_of_a_path_with_hash_question_mark_and_percent(tmp_path):
    folder = tmp_path / "dossier #2 ?100%"
    folder.mkdir()
    path = folder / "acsrv.sqlite3"
    _database_at_first_revision(path)
    opened = open_database(f"sqlite:///{path}", backup_folder=tmp_path / "sauvegardes")
    opened.db.dispose()
    copy = sqlite3.connect(opened.upgrade.backup)
    try:
        assert copy.execute("SELECT name FROM centre").fetchall() == [("Centre social Dutemple",)]
    finally:
        copy.close()
    assert not (tmp_path / "dossier ").exists()  # no stray file cut at the "#"


def test_concurrent_starts_on_a_database_to_migrate(tmp_path):
    path = tmp_path / "partagee.sqlite3"
    _database_at_first_revision(path)
    code = (
        "import sys; from acsrv_desktop.core.bootstrap import open_database;"
        "o = open_database(sys.argv[1], backup_folder=__import__('pathlib').Path(sys.argv[2]));"
        "print(o.upgrade.changed)"
    )

    def start(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, f"sqlite:///{path}", str(tmp_path / "sauvegardes")],
            capture_output=True,
            text=True,
            timeout=120,
        )

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(start, range(4)))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    assert sorted(r.stdout.strip() for r in results) == ["False", "False", "False", "True"]
    backups = [p for p in (tmp_path / "sauvegardes").iterdir() if p.suffix == ".sqlite3"]
    assert len(backups) == 1
    assert not list((tmp_path / "sauvegardes").glob("*.partiel"))
    check = sqlite3.connect(path)
    try:
        assert check.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        check.close()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg2://u@h/db",
        "postgresql+asyncpg://u@h/db",
        "sqlite+pysqlcipher:///x.db",
        "mysql+pymysql://u@h/db",
    ],
)
def test_unsupported_drivers_are_refused_in_french(url):
    with pytest.raises(DatabaseOpenError, match="non pris en charge"):
        parse_database_url(url)


def test_a_home_relative_sqlite_path_is_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    url = parse_database_url("sqlite:///~/acsrv.sqlite3")
    assert url.database == str(tmp_path / "acsrv.sqlite3")
    opened = open_database("sqlite:///~/acsrv.sqlite3", backup_folder=tmp_path / "b")
    opened.db.dispose()
    assert (tmp_path / "acsrv.sqlite3").exists()


def test_a_directory_given_as_the_database(tmp_path):
    with pytest.raises(DatabaseOpenError, match="est un dossier"):
        open_database(f"sqlite:///{tmp_path}", backup_folder=tmp_path / "b")


def test_a_missing_postgresql_database_is_named(postgresql_server_url, tmp_path):
    if not postgresql_server_url:
        pytest.skip("no PostgreSQL server")
    url = (
        parse_database_url(postgresql_server_url)
        .set(database="acsrv_absente")
        .render_as_string(hide_password=False)
    )
    with pytest.raises(DatabaseOpenError, match="« acsrv_absente » n'existe pas"):
        open_database(url, backup_folder=tmp_path)
    unknown_role = (
        parse_database_url(postgresql_server_url)
        .set(username="personne")
        .render_as_string(hide_password=False)
    )
    with pytest.raises(DatabaseOpenError, match="refuse l'utilisateur « personne »"):
        open_database(unknown_role, backup_folder=tmp_path)


def test_user_folders_that_are_files_give_a_french_line(tmp_path):
    blocker = tmp_path / "pas-un-dossier"
    blocker.write_text("x")
    env = {**os.environ, "XDG_DATA_HOME": str(blocker), "XDG_STATE_HOME": str(blocker)}
    result = subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "info"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "n'est pas un dossier" in result.stderr
