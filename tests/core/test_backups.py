"""Backups: consistent while visits are written, rotated daily, restored only when valid."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.backups import (
    KEEP_DAILY,
    backups,
    check_backup_file,
    daily_backup_if_due,
    make_backup,
    restore,
)
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Visit
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

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


def test_one_daily_backup_and_thirty_kept(local, tmp_path):
    folder = tmp_path / "daily"
    day = datetime(2026, 11, 1, 9, 0, tzinfo=PARIS)
    assert daily_backup_if_due(local, folder, day) is not None
    assert daily_backup_if_due(local, folder, day + timedelta(hours=5)) is None  # same day
    for offset in range(1, KEEP_DAILY + 5):
        path = daily_backup_if_due(local, folder, day + timedelta(days=offset))
        stamp = (day + timedelta(days=offset)).strftime("%Y%m%d")
        path.rename(
            path.with_name(path.name.replace(path.name.split("-quotidienne-")[1][:8], stamp))
        )
    assert len(backups(folder, "quotidienne")) == KEEP_DAILY


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
