"""Backups: consistent while visits are written, rotated daily, restored only when valid."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.backups import (
    KEEP_DAILY,
    backup_time,
    backups,
    check_backup_file,
    daily_backup_if_due,
    generations_kept,
    make_backup,
    quick_check,
    restore,
)
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.database import DatabaseDamagedError
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Visit
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from tests.damage import damage_table

ADMIN = Actor.system("tests")


@pytest.fixture
def local(tmp_path):
    opened = open_database(f"sqlite:///{tmp_path / 'acsrv.sqlite3'}", backup_folder=tmp_path / "b")
    yield opened.db
    opened.db.dispose()


def test_a_backup_taken_while_visits_are_written_holds_every_visit_committed_before(
    local, tmp_path
):
    visits, centre = VisitService(local, ADMIN), CentreService(local).centres()[0].id
    saved: list[int] = []
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            saved.append(visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC))))

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(saved) < 30:
            pass
        committed_before = list(saved)
        copy = make_backup(local, tmp_path / "b")
        while len(saved) < len(committed_before) + 20:
            pass
    finally:
        stop.set()
        thread.join()
    restored = open_database(f"sqlite:///{copy}", backup_folder=tmp_path / "c")
    try:
        with restored.db.read() as session:
            ids = set(session.scalars(select(Visit.id)))
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        restored.db.dispose()
    assert set(committed_before) <= ids


def _named(day: date) -> Path:
    return Path(f"acsrv-quotidienne-{day:%Y%m%d}-090000-000000.sqlite3")


def test_generations_kept_are_7_days_4_weeks_12_months_as_restic_counts_them():
    first, last = date(2025, 10, 1), date(2026, 12, 2)  # a Wednesday
    every_day = [_named(first + timedelta(days=n)) for n in range((last - first).days + 1)]
    kept = {backup_time(p).date() for p in generations_kept(every_day)}  # type: ignore[union-attr]
    days = {last - timedelta(days=n) for n in range(7)}  # 26/11 to 02/12
    weeks = {date(2026, 11, 22), date(2026, 11, 15)}  # Sundays; W48 and W49 are in days
    months = {date(2026, m + 1, 1) - timedelta(days=1) for m in range(1, 11)}  # 31/01–31/10
    assert kept == days | weeks | months
    assert len(kept) == KEEP_DAILY + 2 + 10


def test_generations_count_days_with_a_copy_not_calendar_days():
    # A desk closed on weekends and in August: the 7 newest copies are kept all the same.
    opened_days = [date(2026, 7, 27) + timedelta(days=n) for n in range(60)]
    opened_days = [d for d in opened_days if d.weekday() < 5 and d.month != 8]
    kept = generations_kept(_named(d) for d in opened_days)
    assert sorted(opened_days)[-7:] == sorted(backup_time(p).date() for p in kept)[-7:]  # type: ignore[union-attr]


def test_daily_backups_at_start_keep_their_generations_and_nothing_else(local, tmp_path):
    folder = tmp_path / "daily"
    manual = make_backup(local, folder)  # other kinds are never rotated
    day = datetime(2026, 9, 1, 9, 0, tzinfo=PARIS)
    assert daily_backup_if_due(local, folder, day) is not None
    assert daily_backup_if_due(local, folder, day + timedelta(hours=5)) is None  # same day
    for offset in range(1, 75):
        assert daily_backup_if_due(local, folder, day + timedelta(days=offset)) is not None
    daily = backups(folder, "quotidienne")
    assert set(daily) == generations_kept(daily)
    days = sorted(backup_time(p).date() for p in daily)  # type: ignore[union-attr]
    assert days[-7:] == [date(2026, 11, 8) + timedelta(days=n) for n in range(7)]
    assert date(2026, 9, 30) in days and date(2026, 10, 31) in days  # months' last copies
    assert manual.exists() and not list(folder.glob("*.partiel"))
    assert all(not quick_check(p) for p in daily)


def test_a_damaged_database_is_never_copied_and_the_good_copies_stay(local, tmp_path):
    visits, centre = VisitService(local, ADMIN), CentreService(local).centres()[0].id
    for _ in range(30):
        visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC)))
    folder = tmp_path / "daily"
    day = datetime(2026, 11, 1, 9, 0, tzinfo=PARIS)
    for offset in range(10):
        daily_backup_if_due(local, folder, day + timedelta(days=offset))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    local.engine.dispose()
    damage_table(local.sqlite_path)
    for offset in range(10, 60):  # weeks of starts on the damaged database
        with pytest.raises(DatabaseDamagedError) as refused:
            daily_backup_if_due(local, folder, day + timedelta(days=offset))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    message = str(refused.value)
    newest = backups(folder, "quotidienne")[0]
    restore_command = f"acsrv-desktop --db {local.sqlite_path} restore {newest}"
    assert "endommagée" in message and restore_command in message
    assert "(faite le 10/11/2026 à 09:00)" in message
    with pytest.raises(DatabaseDamagedError):
        make_backup(local, tmp_path / "manuelles")
    assert not (tmp_path / "manuelles").exists() or not list((tmp_path / "manuelles").iterdir())


def test_databases_sharing_the_backups_folder_keep_each_their_own_copies(local, tmp_path):
    from acsrv_desktop.core.bootstrap import clean_leftovers

    folder = tmp_path / "daily"
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}", backup_folder=folder).db
    try:
        day = datetime(2026, 11, 1, 9, 0, tzinfo=PARIS)
        for offset in range(12):
            daily_backup_if_due(other, folder, day + timedelta(days=offset))
        theirs = set(backups(folder, database=other.sqlite_path))
        in_progress = folder / f"{sorted(theirs)[0].name}.x1y2.partiel"
        in_progress.write_bytes(b"...")
        for offset in range(30):  # the other database's start-ups and rotations
            daily_backup_if_due(local, folder, day + timedelta(days=offset))
        clean_leftovers(local.sqlite_path, folder)
        assert set(backups(folder, database=other.sqlite_path)) == theirs
        assert in_progress.exists()
        assert len(backups(folder, database=local.sqlite_path)) == len(
            generations_kept(backups(folder, database=local.sqlite_path))
        )
        clean_leftovers(other.sqlite_path, folder)  # its own start, alone: its leftover goes
        assert not in_progress.exists()
    finally:
        other.dispose()


def test_a_daily_copy_whose_name_gives_no_date_is_never_removed(local, tmp_path):
    folder = tmp_path / "daily"
    made = daily_backup_if_due(local, folder, datetime(2026, 10, 1, 9, tzinfo=PARIS))
    renamed = made.with_name(made.name.replace(".sqlite3", " (copie).sqlite3"))
    made.rename(renamed)
    day = datetime(2026, 11, 1, 9, 0, tzinfo=PARIS)
    for offset in range(40):
        daily_backup_if_due(local, folder, day + timedelta(days=offset))
    assert renamed.exists()


def test_a_check_that_cannot_run_is_not_taken_for_damage(tmp_path):
    from acsrv_desktop.core.backups import CheckImpossibleError

    with pytest.raises(CheckImpossibleError, match="n’a pas pu être vérifiée"):
        quick_check(tmp_path / "absente.sqlite3")


def test_a_copy_written_wrong_is_removed_and_said(local, tmp_path, monkeypatch):
    from acsrv_desktop.core import storage

    real_copy = storage.backup_sqlite

    def failing_disk(source: Path, target: Path, progress=None) -> Path:
        real_copy(source, target, progress)
        damage_table(target)  # the disk of the backups folder garbles what it was given
        return target

    monkeypatch.setattr(storage, "backup_sqlite", failing_disk)
    with pytest.raises(DatabaseDamagedError, match="s’est mal écrite"):
        daily_backup_if_due(local, tmp_path / "daily", datetime(2026, 11, 1, 9, tzinfo=PARIS))
    assert not list((tmp_path / "daily").iterdir())
    assert not quick_check(local.sqlite_path)  # the database itself is fine


def test_a_damaged_database_says_so_in_french_when_read(local, tmp_path):
    visits, centre = VisitService(local, ADMIN), CentreService(local).centres()[0].id
    for _ in range(30):
        visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC)))
    local.engine.dispose()
    damage_table(local.sqlite_path)
    with (
        pytest.raises(DatabaseDamagedError, match="restaurer la dernière sauvegarde"),
        local.read() as session,
    ):
        session.scalars(select(Visit.note)).all()


def test_restore_refuses_what_is_not_a_backup_of_the_app(local, tmp_path):
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_text("pas une base")
    foreign = tmp_path / "autre.sqlite3"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    newer = make_backup(local, tmp_path / "b")
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    for path, fragment in (
        (text_file, "lisible"),
        (foreign, "pas une sauvegarde"),
        (newer, "plus récente"),
        (tmp_path / "absent.sqlite3", "introuvable"),
    ):
        with pytest.raises(UserFacingError, match=fragment):
            restore(local, path, tmp_path / "b")


def test_restore_brings_the_saved_state_back_after_a_safety_copy(local, tmp_path):
    visits, centre = VisitService(local, ADMIN), CentreService(local).centres()[0].id
    visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC)))
    copy = make_backup(local, tmp_path / "b")
    assert check_backup_file(copy)
    visits.log_visit(VisitInput(centre, "telephone", datetime.now(UTC)))
    safety = restore(local, copy, tmp_path / "b")
    reopened = open_database(
        f"sqlite:///{tmp_path / 'acsrv.sqlite3'}", backup_folder=tmp_path / "b"
    )
    try:
        with reopened.db.read() as session:
            assert session.scalars(select(Visit.channel)).all() == ["sur-place"]
    finally:
        reopened.db.dispose()
    assert "avant-restauration" in safety.name and check_backup_file(safety)


def test_a_damaged_database_is_restored_and_kept_aside_as_it_was(local, tmp_path):
    visits, centre = VisitService(local, ADMIN), CentreService(local).centres()[0].id
    for _ in range(30):
        visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC)))
    good = make_backup(local, tmp_path / "b")
    local.engine.dispose()
    damage_table(local.sqlite_path)
    safety = restore(local, good, tmp_path / "b")
    assert not quick_check(local.sqlite_path)
    with local.read() as session:
        assert len(session.scalars(select(Visit.id)).all()) == 30
    assert quick_check(safety)  # the damaged database kept aside, as it was


def test_a_restore_into_a_missing_database_creates_it_private(local, tmp_path):
    copy = make_backup(local, tmp_path / "b")
    target = tmp_path / "nouvelle.sqlite3"
    fresh = open_database(f"sqlite:///{target}", backup_folder=tmp_path / "b").db
    fresh.dispose()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    restore(fresh, copy, tmp_path / "b")
    assert target.stat().st_mode & 0o777 == 0o600 and not quick_check(target)


# -- the same workflows through Services.maintenance (the CLI's and the GUI's) -----------------


def test_maintenance_backs_up_restores_and_traces_each_in_the_right_base(local, tmp_path):
    from acsrv_desktop.core.accounts.audit import AuditFilter
    from acsrv_desktop.core.services import Services

    services = Services(local, Actor(None, "admin-test", Role.ADMINISTRATION))
    centre = services.centres.centres()[0].id
    services.visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC)))
    copy = services.maintenance.backup(tmp_path / "b")
    services.visits.log_visit(VisitInput(centre, "telephone", datetime.now(UTC)))

    done = services.maintenance.restore(copy, tmp_path / "b")

    with local.read() as session:  # the same Database object works on after the swap
        assert session.scalars(select(Visit.channel)).all() == ["sur-place"]
    # The backup's own entry came after its copy: it is in the copy of the replaced base.
    assert [e.action for e in services.audit.entries(AuditFilter())] == [
        "restauration",
        "passage-cree",
        "journal-scelle",  # the sealed trail's first entry, made at the base's first opening
    ]
    replaced = sqlite3.connect(done.safety_copy)
    assert ("sauvegarde",) in replaced.execute("SELECT action FROM audit_entry").fetchall()
    replaced.close()
    restored = services.audit.entries(AuditFilter(action="restauration"))[0]
    assert restored.actor == "admin-test"
    assert restored.details == {"revision": done.revision, "copie": done.safety_copy.name}
    assert done.safety_copy.exists() and done.safety_copy != copy


def test_maintenance_demo_data_is_traced_with_its_seed(local):
    from acsrv_desktop.core.accounts.audit import AuditFilter
    from acsrv_desktop.core.services import Services

    services = Services(local, Actor(None, "admin-test", Role.ADMINISTRATION))
    report = services.maintenance.generate_demo(visits=50, visitors=10, centres=0, seed=4)
    assert report.visits == 50
    (entry,) = services.audit.entries(AuditFilter(action="donnees-demo"))
    assert entry.details == {"passages": 50, "personnes": 10, "graine": 4, "lot": 100_000}
