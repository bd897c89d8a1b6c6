"""The sealed audit trail of a real SQLite file, tampered with through the stdlib's sqlite3
(the way anyone who can write the file can): each change is found, and the place named.

Also: the command line, in its own process, is no administrator once the accounts table is
emptied; the legal purge is not taken for tampering; a restored backup verifies; a workstation
without the key says so and grants nothing.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from acsrv_desktop.core.accounts import audit, audit_chain
from acsrv_desktop.core.accounts.audit import purge_old_entries
from acsrv_desktop.core.accounts.audit_chain import (
    BROKEN,
    INTACT,
    KEY_ABSENT,
    ChainReport,
    journal_folder,
    paris_text,
    verify,
)
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.accounts.service import AccountError, AccountService
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.maintenance import MaintenanceService

REPOSITORY = Path(__file__).resolve().parents[2]
PASSWORD = "Accueil-Denain-2026"
ACTOR = Actor.system("essais")
TRIGGERS = ("audit_entry_no_update", "audit_entry_no_delete", "audit_entry_no_replace")


@pytest.fixture
def db(migrated_sqlite_url: str, tmp_path: Path) -> Iterator[Database]:
    """A real SQLite file as the application opens it, with some entries of its own."""
    opened = open_database(migrated_sqlite_url, backup_folder=tmp_path / "sauvegardes").db
    for number in range(1, 9):
        audit.write(opened, ACTOR, "fiche-ouverte", "personne", number, detail=f"n{number}")
    try:
        yield opened
    finally:
        opened.dispose()


def _file(db: Database) -> sqlite3.Connection:
    assert db.sqlite_path is not None
    return sqlite3.connect(db.sqlite_path, isolation_level=None)


def _tamper(db: Database, *statements: str) -> None:
    """SQL run through the file itself, the triggers dropped first and made again after
    (as the migrations wrote them): nothing of it through the application."""
    connection = _file(db)
    try:
        saved = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_entry'"
        ).fetchall()
        for name in TRIGGERS:
            connection.execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in statements:
            connection.execute(statement)
        for (sql,) in saved:
            connection.execute(sql)
    finally:
        connection.close()


def _entries(db: Database) -> list[tuple]:
    connection = _file(db)
    try:
        return connection.execute(
            "SELECT id, occurred_at, action, chain_hash FROM audit_entry ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def _when(db: Database, entry_id: int) -> str:
    with db.read() as session:
        from acsrv_desktop.core.models import AuditEntry

        entry = session.get(AuditEntry, entry_id)
        assert entry is not None
        return paris_text(entry.occurred_at)


def _broken(report: ChainReport) -> str:
    assert report.state == BROKEN and not report.ok, report
    return report.describe()


def test_an_untouched_trail_is_intact_and_its_key_is_private(db):
    report = verify(db)
    count = len(_entries(db))
    assert report.state == INTACT and report.checked == count
    assert report.describe() == f"Journal intègre ({count} entrées vérifiées)."
    assert report.never_had_accounts  # its sealed first entry says: comptes=0
    first = _entries(db)[0]
    assert first[2] == "journal-scelle" and re.fullmatch(r"[0-9a-f]{64}", first[3])
    keys = list(journal_folder().glob("*.cle"))
    assert keys and all(stat.S_IMODE(k.stat().st_mode) == 0o600 for k in keys)
    anchors = list(journal_folder().glob("*.ancre"))  # the newest entry checked, per base
    assert anchors and all(stat.S_IMODE(a.stat().st_mode) == 0o600 for a in anchors)
    assert stat.S_IMODE(journal_folder().stat().st_mode) == 0o700
    # Nothing of the key is in the database file.
    raw = db.sqlite_path.read_bytes()
    assert not any(bytes.fromhex(k.read_text().strip()) in raw for k in keys)


def test_dropped_triggers_are_named(db):
    connection = _file(db)
    connection.execute("DROP TRIGGER audit_entry_no_update")
    connection.execute("DROP TRIGGER audit_entry_no_delete")
    connection.close()
    assert _broken(verify(db)) == (
        "Journal d’audit altéré : déclencheurs de protection absents : "
        "audit_entry_no_update, audit_entry_no_delete."
    )


def test_a_trigger_made_again_to_do_nothing_is_named(db):
    connection = _file(db)
    connection.execute("DROP TRIGGER audit_entry_no_delete")
    connection.execute(
        "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry WHEN 0 "
        "BEGIN SELECT 1; END"
    )
    connection.close()
    assert "déclencheurs de protection modifiés : audit_entry_no_delete" in _broken(verify(db))


def test_an_entry_deleted_is_found_between_its_neighbours(db):
    victim = _entries(db)[4][0]
    _tamper(db, f"DELETE FROM audit_entry WHERE id = {victim}")
    report = verify(db)
    assert report.broken_at == victim + 1
    assert (
        f"entrée n° {victim} supprimée (entre l’entrée n° {victim - 1} du "
        f"{_when(db, victim - 1)} et l’entrée n° {victim + 1} du {_when(db, victim + 1)})"
    ) in _broken(report)


def test_an_entrys_details_edited_are_found(db):
    victim = _entries(db)[3][0]
    _tamper(db, f'UPDATE audit_entry SET details = \'{{"detail": "rien"}}\' WHERE id = {victim}')
    report = verify(db)
    assert report.broken_at == victim
    assert f"entrée n° {victim} du {_when(db, victim)} : modifiée, ou remplacée" in _broken(report)


def test_entries_deleted_and_inserted_again_with_their_seals_are_found(db):
    """Two entries swapped: each re-inserted with its own seal, under the other's number."""
    rows = _entries(db)
    first, second = rows[2][0], rows[3][0]
    columns = "occurred_at, account_id, actor, action, record_type, record_id, details, chain_hash"
    _tamper(
        db,
        f"CREATE TEMP TABLE kept AS SELECT * FROM audit_entry WHERE id IN ({first}, {second})",
        f"DELETE FROM audit_entry WHERE id IN ({first}, {second})",
        f"INSERT INTO audit_entry (id, {columns}) SELECT {first} + {second} - id, {columns} "
        "FROM kept",
    )
    report = verify(db)
    assert report.broken_at == first
    assert f"entrée n° {first} du " in _broken(report) and "modifiée, ou remplacée" in (
        report.describe()
    )


def test_an_entry_added_through_the_file_is_unsealed(db):
    _tamper(
        db,
        "INSERT INTO audit_entry (occurred_at, actor, action, details) "
        "VALUES ('2026-12-01 10:00:00.000000', 'direction', 'connexion', '{}')",
    )
    newest = _entries(db)[-1][0]
    assert f"entrée n° {newest} du 01/12/2026 11:00 : non scellée" in _broken(verify(db))


def test_the_newest_entries_deleted_since_the_last_check_are_found(db):
    assert verify(db).ok  # anchored on this workstation: the newest entry as it was
    rows = _entries(db)
    _tamper(db, f"DELETE FROM audit_entry WHERE id >= {rows[-2][0]}")
    said = _broken(verify(db))
    assert f"la n° {rows[-1][0]} manque, le journal s’arrête à la n° {rows[-3][0]}" in said


def test_the_newest_entry_deleted_and_rewritten_is_found(db):
    """The newest entry replaced by one the application seals: the chain holds, the
    workstation's anchor does not."""
    assert verify(db).ok
    newest = _entries(db)[-1][0]
    _tamper(db, f"DELETE FROM audit_entry WHERE id = {newest}")
    audit.write(db, ACTOR, "connexion")  # numbered and sealed again as n° {newest}
    report = verify(db)
    assert report.broken_at == newest
    assert "changée depuis la vérification du" in _broken(report)


def test_the_trail_and_the_accounts_emptied_are_found(db):
    accounts = AccountService(db)
    accounts.create_first_administrator("direction", "Claire Direction", PASSWORD, None)
    assert verify(db).ok
    _tamper(db, "DELETE FROM audit_entry", "DELETE FROM staff_account")
    assert "aucune entrée : le journal a été vidé" in _broken(verify(db))
    # Its seal taken away too: this workstation had checked it.
    _tamper(db, "DELETE FROM app_setting WHERE key = 'journal.chaine'")
    assert "le scellement du journal a été retiré de la base (ce poste l’avait vérifié le " in (
        _broken(verify(db))
    )
    # Opened again, the database gets a new trail that says the previous one vanished and
    # does not say « never had an account ».
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    again = open_database(url).db
    try:
        report = verify(again)
        assert report.state == INTACT and not report.never_had_accounts
        assert report.notice and "le journal précédent de cette base" in report.notice
    finally:
        again.dispose()


def test_a_new_database_in_place_of_a_removed_one_is_a_first_start(db):
    """Whoever removes the file leaves no data behind: a new file at the same place is a
    new database, whose trail says it never had an account."""
    AccountService(db).create_first_administrator("direction", "Claire", PASSWORD, None)
    assert verify(db).ok  # anchored on this workstation
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
    again = open_database(url).db
    try:
        report = verify(again)
        assert report.state == INTACT and report.never_had_accounts and report.notice is None
        AccountService(again).create_first_administrator("direction", "Claire", PASSWORD, None)
    finally:
        again.dispose()


def test_a_trail_sealed_under_another_chain_id_is_not_taken_for_a_new_workstation(db):
    assert verify(db).ok
    _tamper(
        db,
        "UPDATE app_setting SET value = '0123456789abcdef0123456789abcdef' "
        "WHERE key = 'journal.chaine'",
    )
    assert "ne porte plus le journal que ce poste a vérifié le" in _broken(verify(db))


# ---------------------------------------------------------------------------------------------
# The command line, in its own process


def _command_line(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    environment.pop("ACSRV_MOT_DE_PASSE", None)
    return subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "--db", url, *arguments],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _one_french_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_the_command_line_is_no_administrator_once_the_accounts_are_emptied(db):
    url = db.url.render_as_string(hide_password=False)
    assert _command_line(url, "purge", "--dry-run").returncode == 0  # never had an account
    accounts = AccountService(db)
    accounts.create_first_administrator("direction", "Claire", PASSWORD, None)
    accounts.sign_in("direction", PASSWORD)  # the entry « compte créé » is not the newest
    db.dispose()
    _tamper(db, "DELETE FROM staff_account")
    said = _one_french_line(_command_line(url, "purge", "--dry-run"))
    assert said.startswith(
        "acsrv-desktop : Cette base a eu des comptes (son journal d’audit scellé le dit) : "
        "indiquez --identifiant VOTRE_IDENTIFIANT"
    )
    # Nor is the set-up wizard's first administrator made again (the GUI's way in).
    desk = Database(url)
    try:
        with pytest.raises(AccountError, match="^Cette base a eu des comptes"):
            AccountService(desk).create_first_administrator("moi", "Moi", PASSWORD, None)
    finally:
        desk.dispose()
    # Its « compte créé » entry deleted as well: the trail is broken, and says where.
    _tamper(db, "DELETE FROM audit_entry WHERE action = 'compte-cree'")
    said = _one_french_line(_command_line(url, "audit", "--verify"))
    assert "Journal d’audit altéré : " in said and "supprimée (entre l’entrée n° " in said
    assert "La ligne de commande n’agit pas sans compte sur cette base" in said


def test_a_backup_is_still_restored_from_the_command_line_once_the_accounts_are_gone(db, tmp_path):
    """Restoring is the remedy: open to whoever holds the file, as for a damaged base."""
    url = db.url.render_as_string(hide_password=False)
    accounts = AccountService(db)
    accounts.create_first_administrator("direction", "Claire", PASSWORD, None)
    copy = MaintenanceService(db, ACTOR).backup(tmp_path / "copies")
    db.dispose()
    _tamper(db, "DELETE FROM staff_account")
    result = _command_line(url, "restore", str(copy), "--yes")
    assert result.returncode == 0, result.stderr
    assert AccountService(db).has_accounts() and verify(db).state == INTACT


def test_the_command_line_verifies_the_trail(db):
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    result = _command_line(url, "audit", "--verify")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"Journal intègre \(\d+ entrées vérifiées\)\.\n", result.stdout)


# ---------------------------------------------------------------------------------------------
# What is not tampering


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list:
    """The application's clock for the trail, set by the test (``clock[0]``)."""
    now = [utc_now()]
    monkeypatch.setattr(audit, "utc_now", lambda: now[0])
    monkeypatch.setattr(audit_chain, "utc_now", lambda: now[0])
    return now


def test_the_legal_purge_is_not_tampering_and_keeps_the_never_had_accounts_fact(tmp_path, clock):
    real_now = clock[0]
    clock[0] = real_now - timedelta(days=800)
    url = f"sqlite:///{tmp_path / 'acsrv.sqlite3'}"
    db = open_database(url, backup_folder=tmp_path / "b").db  # sealed 800 days ago
    try:
        audit.write(db, ACTOR, "connexion")
        clock[0] = real_now - timedelta(days=500)
        audit.write(db, ACTOR, "connexion")
        audit.write(db, ACTOR, "connexion")
        clock[0] = real_now - timedelta(days=420)
        # The first purge takes the sealed first entry with it.
        assert purge_old_entries(db, ACTOR, now=clock[0]) >= 2
        report = verify(db)
        assert report.state == INTACT and report.never_had_accounts, report.describe()
        clock[0] = real_now - timedelta(days=10)
        audit.write(db, ACTOR, "connexion")
        clock[0] = real_now
        # The second takes the first purge's own entry: the chain follows the second's.
        assert purge_old_entries(db, ACTOR) >= 3
        report = verify(db)
        assert report.state == INTACT and report.never_had_accounts, report.describe()
        actions = [row[2] for row in _entries(db)]
        assert actions == ["connexion", "journal-purge"]
        db.dispose()
        assert _command_line(url, "purge", "--dry-run").returncode == 0
    finally:
        db.dispose()


def test_a_restored_backup_verifies_with_the_same_key(db, tmp_path):
    service = MaintenanceService(db, ACTOR)
    copy = service.backup(tmp_path / "copies")
    audit.write(db, ACTOR, "connexion")
    assert verify(db).ok  # anchored beyond the backup
    service.restore(copy, tmp_path / "copies")
    restored = Database(db.url)
    try:
        report = verify(restored)
        assert report.state == INTACT, report.describe()
    finally:
        restored.dispose()


def test_a_workstation_without_the_key_says_so_and_grants_nothing(db, tmp_path, monkeypatch):
    url = db.url.render_as_string(hide_password=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "autre-poste"))
    report = verify(db)
    assert report.state == KEY_ABSENT and not report.never_had_accounts
    assert report.describe() == (
        "Journal d’audit : clé absente sur ce poste : le journal ne peut pas être vérifié ici."
    )
    audit.write(db, ACTOR, "connexion")  # the work goes on, unsealed
    assert _entries(db)[-1][3] is None
    db.dispose()
    said = _one_french_line(_command_line(url, "purge", "--dry-run"))
    assert "clé absente sur ce poste" in said
