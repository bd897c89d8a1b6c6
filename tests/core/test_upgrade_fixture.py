"""A database written by the first released version is upgraded with all its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from acsrv_desktop.core.accounts.audit_chain import verify
from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.settings import RETENTION_MONTHS

FIXTURE = Path(__file__).parents[1] / "data" / "acsrv-0.1.0-schema-0005.sqlite3"
KEPT_TABLES = ("centre", "visitor", "visitor_name_token", "visit", "referral", "app_setting")


def _rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the tables the first version had, read with sqlite3 (new columns last)."""
    connection = sqlite3.connect(path)
    try:
        tables = {}
        for table in KEPT_TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            query = f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2"
            tables[table] = connection.execute(query).fetchall()
        return tables
    finally:
        connection.close()


def test_the_first_released_database_is_upgraded_with_its_data_intact(tmp_path):
    path = tmp_path / "acsrv.sqlite3"
    shutil.copyfile(FIXTURE, path)
    before = _rows(path)
    assert len(before["visit"]) == 401 and len(before["visitor"]) == 81

    opened = open_database(f"sqlite:///{path}", backup_folder=tmp_path / "sauvegardes")
    try:
        assert opened.upgrade.previous_revision == "0005"
        assert opened.upgrade.backup is not None and opened.upgrade.backup.exists()
        assert RETENTION_MONTHS.get(opened.db) == 36
        assert not AccountService(opened.db).has_accounts()  # the set-up wizard comes next
        sealed = verify(opened.db)
        assert sealed.ok and sealed.never_had_accounts, sealed.describe()
    finally:
        opened.db.dispose()

    after = _rows(path)
    # Its trail sealed at this first opening by a version that seals it (audit_chain.py).
    assert [row[0] for row in after["app_setting"]].count("journal.chaine") == 1
    after["app_setting"] = [row for row in after["app_setting"] if row[0] != "journal.chaine"]
    # The catalogue's own marks move on when this version ships a newer catalogue (merged at
    # the start); every other row is kept as it was.
    shipped = load_shipped_catalogue().version
    for rows in (before, after):
        marks = {row[0]: row[1] for row in rows["app_setting"] if row[0].startswith("catalogue.")}
        rows["app_setting"] = [r for r in rows["app_setting"] if not r[0].startswith("catalogue.")]
    assert marks["catalogue.shipped_version"] == shipped
    for table in KEPT_TABLES:
        width = len(before[table][0]) if before[table] else 0
        assert [row[:width] for row in after[table]] == before[table], table
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        triggers = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        note = connection.execute(
            "SELECT note FROM visit WHERE note LIKE 'Note « avec%'"
        ).fetchone()
    finally:
        connection.close()
    assert {"audit_entry_no_update", "audit_entry_no_delete"} <= triggers
    assert note == ("Note « avec » accents — é",)
