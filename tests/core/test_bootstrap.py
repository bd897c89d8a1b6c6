"""The database's address, resolved without importing SQLAlchemy (the sign-in window is
painted before it is imported) yet written exactly as SQLAlchemy writes it: the workstation
remembers each address it opened, and the command line and the GUI must name it alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import URL, make_url

from acsrv_desktop.core.bootstrap import (
    known_to_have_accounts,
    remember_accounts,
    resolve_database_url,
    sqlite_url,
)


@pytest.mark.parametrize(
    "path",
    [
        "/home/accueil/.local/share/acsrv-desktop/acsrv.sqlite3",
        "/home/a b/données #1/x+y.sqlite3",
        "/tmp/é%/x@y:z?.sqlite3",
        "C:\\Users\\Accueil\\AppData\\Local\\ACSRV\\acsrv.sqlite3",
    ],
)
def test_the_embedded_database_url_is_written_as_sqlalchemy_writes_it(path):
    assert sqlite_url(Path(path)) == URL.create("sqlite", database=path).render_as_string()
    assert make_url(sqlite_url(Path(path))).database == path


def test_the_default_database_url_is_the_embedded_file():
    default = resolve_database_url(None, {})
    assert make_url(default).database.endswith("acsrv-desktop/acsrv.sqlite3")


def test_the_has_accounts_hint_is_kept_per_database_without_its_address(tmp_path):
    hints = tmp_path / "config" / "bases-avec-comptes"
    secret = "postgresql+psycopg://accueil:motdepasse@serveur/acsrv"
    other = "sqlite:////srv/acsrv/autre.sqlite3"
    assert known_to_have_accounts(secret, hints) is None  # never opened here
    remember_accounts(secret, True, hints)
    remember_accounts(other, False, hints)
    assert known_to_have_accounts(secret, hints) is True
    assert known_to_have_accounts(other, hints) is False
    remember_accounts(secret, False, hints)  # the database was replaced by an empty one
    assert known_to_have_accounts(secret, hints) is False
    text = hints.read_text(encoding="utf-8")
    assert "motdepasse" not in text and "serveur" not in text and len(text.splitlines()) == 2
    assert [p.name for p in hints.parent.iterdir()] == [hints.name]  # no draft left behind


def test_an_unwritable_hint_is_no_reason_to_fail(tmp_path):
    blocked = tmp_path / "un-fichier"
    blocked.write_text("", encoding="utf-8")
    remember_accounts("sqlite:////tmp/a.sqlite3", True, blocked / "bases-avec-comptes")
    assert (
        known_to_have_accounts("sqlite:////tmp/a.sqlite3", blocked / "bases-avec-comptes") is None
    )
