"""``acsrv-desktop transfer``: a centre's local database into the server, from the command
line as IT runs it (the owner's URL); what the server holds is read back with plain SQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import _postgresql_database, _postgresql_database_url, postgresql_url_as
from sqlalchemy import create_engine, text

from acsrv_desktop.cli.main import run
from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.demo import generate


def count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


@pytest.fixture
def local(sqlite_template: Path, tmp_path: Path) -> Path:
    """A centre's local database: 300 demo visits and one local account."""
    path = tmp_path / "centre.sqlite3"
    shutil.copyfile(sqlite_template, path)
    opened = open_database(f"sqlite:///{path}", backup_folder=tmp_path / "sauvegardes")
    try:
        generate(opened.db, visits=300, visitors=80, seed=2, years=1, until=date(2026, 6, 30))
        AccountService(opened.db).create_first_administrator(
            "paul.local", "Paul Local", "Centre-Local-2026!", None
        )
    finally:
        opened.db.dispose()
    return path


@pytest.fixture
def server(
    postgresql_server_url: str | None, postgresql_owner: str, postgresql_template: str
) -> Iterator[str]:
    """A server database as ``server init`` leaves it: its owner's URL."""
    assert postgresql_server_url
    with _postgresql_database(
        postgresql_server_url, postgresql_template, owner=postgresql_owner
    ) as name:
        url = _postgresql_database_url(postgresql_server_url, name)
        yield postgresql_url_as(url, postgresql_owner)


def test_transfer_then_again(local: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["transfer", "--from", f"sqlite:///{local}", "--db", server, "--essai"]) == 0
    out = capsys.readouterr().out
    assert "seraient transférés (essai : rien n'a été changé) : 300 passages" in out
    assert count(server, "visit") == 0

    assert run(["transfer", "--from", f"sqlite:///{local}", "--db", server]) == 0
    out = capsys.readouterr().out
    assert "transférés : 300 passages" in out
    assert "Personnes en double" in out
    # The local account is not moved: IT is told the command that creates it on the server.
    assert "acsrv-desktop account create --db" in out
    assert '--login paul.local --name "Paul Local" --role administration' in out
    assert "@" not in out.split("account create --db", 1)[1].split()[0]  # no owner in it
    assert count(server, "visit") == 300

    assert run(["transfer", "--from", f"sqlite:///{local}", "--db", server]) == 0
    assert "Rien à transférer" in capsys.readouterr().out
    assert count(server, "visit") == 300


def test_transfer_needs_the_owners_url(local: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["transfer", "--from", f"sqlite:///{local}"]) == 1
    assert "Indiquez la base et son propriétaire" in capsys.readouterr().err
    assert run(["transfer", "--from", "postgresql://x@h/b", "--db", f"sqlite:///{local}"]) == 1
    assert "--from attend la base locale" in capsys.readouterr().err
    assert run(["transfer", "--from", f"sqlite:///{local}", "--db", f"sqlite:///{local}"]) == 1
    assert "--db attend l'adresse du serveur PostgreSQL" in capsys.readouterr().err


def test_an_unreachable_server_is_explained(
    local: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    unreachable = "postgresql+psycopg://proprietaire@127.0.0.1:9/acsrv"
    assert run(["transfer", "--from", f"sqlite:///{local}", "--db", unreachable]) == 1
    err = capsys.readouterr().err
    assert "Impossible de joindre la base PostgreSQL" in err
    assert "Rien n'a été transféré" in err
