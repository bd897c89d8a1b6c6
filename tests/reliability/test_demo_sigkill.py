"""``demo-data`` killed with SIGKILL half-way, on SQLite and PostgreSQL: whole batches, each
consistent, the sequences past them; the next run says what is there; a desk then saves a
visit, and ``demo-data`` is refused from then on (a real visit is there)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.demo import DEMO_USER
from acsrv_desktop.core.models import (
    AppSetting,
    AuditEntry,
    Referral,
    Visit,
    Visitor,
    VisitorNameToken,
)
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
PLANNED, PEOPLE, BATCH = 40_000, 8_000, 500
RUN_KEY = "demo.generation"  # the run's mark in app_setting (core/demo.py DEMO_RUN_KEY)


def _demo_data(url: str, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "acsrv_desktop", "--db", url, "demo-data", *arguments]


def _environment() -> dict[str, str]:
    # The package under test (this checkout's), whatever the process's current folder.
    return {**os.environ, "PYTHONPATH": str(REPOSITORY), "PYTHONUNBUFFERED": "1"}


def _demo_visits(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).where(Visit.created_by == DEMO_USER)) or 0


def _kill_after_two_batches(url: str) -> int:
    """Start a run of PLANNED visits, SIGKILL it as soon as two batches are committed (people
    of the first came back in the second); the number of visits it left."""
    run = subprocess.Popen(
        _demo_data(url, "--visits", str(PLANNED), "--visitors", str(PEOPLE), "--centres", "3")
        + ["--batch-size", str(BATCH)],
        cwd=REPOSITORY,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watch = Database(url)  # the test's own connection, not the process's
    try:
        deadline = time.monotonic() + 120
        while _demo_visits(watch) < 2 * BATCH:
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "two batches not committed in 120 s"
            time.sleep(0.01)
        run.send_signal(signal.SIGKILL)
        assert run.wait(timeout=30) == -signal.SIGKILL
        return _demo_visits(watch)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        run.stdout.close()  # type: ignore[union-attr]
        run.stderr.close()  # type: ignore[union-attr]
        watch.dispose()


def _check_consistent(db: Database, left: int) -> None:
    """Every person left has a visit, their first and last visits as their record says, their
    name words; the run is marked unfinished at what it committed; its audit entry is there."""
    with db.read() as session:
        people = session.execute(select(Visitor.id, Visitor.created_at, Visitor.last_seen_at)).all()
        bounds = {
            row[0]: (row[1], row[2])
            for row in session.execute(
                select(
                    Visit.visitor_id, func.min(Visit.occurred_at), func.max(Visit.occurred_at)
                ).group_by(Visit.visitor_id)
            )
        }
        worded = set(session.scalars(select(VisitorNameToken.visitor_id)))
        orphans = session.scalar(
            select(func.count())
            .select_from(Referral)
            .where(~select(Visit.id).where(Visit.id == Referral.visit_id).exists())
        )
        firsts = session.scalar(select(func.count()).where(Visit.new_visitor.is_(True)))
        mark = json.loads(
            session.scalar(select(AppSetting.value).where(AppSetting.key == RUN_KEY)) or "{}"
        )
        entries = list(
            session.scalars(select(AuditEntry.details).where(AuditEntry.action == "donnees-demo"))
        )
    # The people of the batches written, each with a visit (those who never come: the last's).
    assert people
    assert all(bounds.get(p.id) == (p.created_at, p.last_seen_at) for p in people)
    assert {p.id for p in people} <= worded
    assert orphans == 0 and firsts == len(people)
    assert mark == {
        "passages": PLANNED,
        "personnes": PEOPLE,
        "graine": 1,
        "lot": BATCH,
        "faits": left,
        "fini": False,
    }
    assert entries == [{"passages": PLANNED, "personnes": PEOPLE, "graine": 1, "lot": BATCH}]
    if db.is_sqlite:
        with db.read() as session:
            assert session.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert not session.connection().exec_driver_sql("PRAGMA foreign_key_check").all()


def test_demo_data_killed_half_way_leaves_whole_batches_and_the_app_saves(
    database, owner_database, database_actor, migrated_database_url
):
    url = migrated_database_url  # the owner's on PostgreSQL, as IT runs demo-data
    left = _kill_after_two_batches(url)
    assert 2 * BATCH <= left < PLANNED and left % BATCH == 0, left
    _check_consistent(owner_database, left)

    # The next run says what is there, then adds its own.
    again = subprocess.run(
        _demo_data(url, "--visits", "1000", "--visitors", "200", "--seed", "2", "--centres", "3"),
        cwd=REPOSITORY,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    number = f"{left:,}".replace(",", "\u202f")
    assert (
        f"Déjà dans la base : {number} passages de démonstration ; la génération précédente "
        f"s’est arrêtée après {number} passages sur 40\u202f000" in again.stdout
    ), again.stdout
    assert _demo_visits(owner_database) == left + 1000

    # A desk saves a new person's visit: the ids the runs took are behind every sequence.
    with owner_database.read() as session:
        top_visit = session.scalar(select(func.max(Visit.id)))
        top_person = session.scalar(select(func.max(Visitor.id)))
    visit_id = VisitService(database, database_actor).log_visit(
        VisitInput(
            CentreService(database).centres()[0].id,
            "sur-place",
            datetime.now(UTC),
            ("numerique",),
            visitor=VisitorInput("Nouvelle", "Personne", 1990),
        )
    )
    assert visit_id > top_visit
    with owner_database.read() as session:
        saved = session.get(Visit, visit_id)
        assert saved is not None and saved.visitor_id > top_person

    # From now on the database holds a real visit: refused in one French line, nothing written.
    with owner_database.read() as session:
        before = [
            session.scalar(select(func.count()).select_from(model))
            for model in (Visit, Visitor, Referral, AuditEntry)
        ]
    refused = subprocess.run(
        _demo_data(url, "--visits", "100"),
        cwd=REPOSITORY,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert refused.returncode == 1
    (line,) = refused.stderr.splitlines()
    assert "Cette base contient 1 passage réel" in line and "Rien n’a été écrit" in line, line
    with owner_database.read() as session:
        after = [
            session.scalar(select(func.count()).select_from(model))
            for model in (Visit, Visitor, Referral, AuditEntry)
        ]
    assert after == before
