"""The synthetic data generator: deterministic, realistic shapes, consistent with the app."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.demo import generate
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Referral, Visit, Visitor
from acsrv_desktop.core.reception.visitors import VisitorService

ADMIN = Actor.system("tests")


def _snapshot(db):
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Visit)),
            session.scalar(select(func.count()).select_from(Visitor)),
            session.scalar(select(func.count()).select_from(Referral)),
            session.execute(
                select(Visit.occurred_at, Visit.channel).order_by(Visit.id).limit(5)
            ).all(),
        )


def test_demo_data_has_the_shape_of_a_social_centre(database, owner_database):
    report = generate(owner_database, visits=3000, visitors=500, centres=12, seed=3)
    assert (report.visits, report.visitors, report.centres) == (3000, 500, 12)
    with database.read() as session:
        anonymous = session.scalar(select(func.count()).where(Visit.visitor_id.is_(None)))
        # Open hours only: a message written at midnight, or on a daylight-saving night
        # (always a Sunday), is logged whatever the day.
        sundays = [
            v
            for v in session.scalars(select(Visit.occurred_at))
            if v.astimezone(PARIS).weekday() == 6 and 7 <= v.astimezone(PARIS).hour < 21
        ]
        accents = session.scalar(
            select(func.count()).where(Visitor.first_name.in_(["Émilie", "Chloé", "Zoé"]))
        )
    assert 0.08 < anonymous / 3000 < 0.25
    assert (
        len(sundays) < 30
    )  # centres are closed on Sundays (a few late evenings cross midnight UTC)
    assert accents > 0
    found = VisitorService(database, ADMIN).lookup("dup")
    assert found and all("dup" in v.display_name.lower() for v in found)
    assert found[0].last_seen_at is not None


def test_the_same_seed_gives_the_same_data(tmp_path):
    from acsrv_desktop.core.bootstrap import open_database

    snapshots = []
    for name in ("a", "b"):
        opened = open_database(f"sqlite:///{tmp_path / name}.sqlite3", backup_folder=tmp_path)
        generate(opened.db, visits=500, visitors=100, seed=9, until=date(2026, 6, 30))
        snapshots.append(_snapshot(opened.db))
        opened.db.dispose()
    assert snapshots[0] == snapshots[1]


def test_the_same_seed_and_end_give_the_same_data_another_day(tmp_path, monkeypatch):
    """Nothing depends on the day it runs: a later run with the same end date is identical."""
    from acsrv_desktop.core import demo
    from acsrv_desktop.core.bootstrap import open_database

    snapshots = []
    for name, today in (("a", datetime(2026, 7, 1, 9, tzinfo=UTC)), ("b", None)):
        if today is not None:
            monkeypatch.setattr(demo, "datetime", _Frozen)
        else:
            monkeypatch.undo()
        opened = open_database(f"sqlite:///{tmp_path / name}.sqlite3", backup_folder=tmp_path)
        generate(opened.db, visits=300, visitors=60, seed=3, until=date(2026, 6, 30))
        with opened.db.read() as session:
            snapshots.append(
                (
                    _snapshot(opened.db),
                    session.execute(
                        select(Visitor.first_name, Visitor.birth_year, Visitor.created_at).order_by(
                            Visitor.id
                        )
                    ).all(),
                )
            )
        opened.db.dispose()
    assert snapshots[0] == snapshots[1]


class _Frozen(datetime):
    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def]
        return datetime(2030, 1, 1, tzinfo=tz)


def test_after_demo_data_the_app_saves_new_visitors_and_visits(database, owner_database):
    """Explicit ids on PostgreSQL: the sequences are moved past them."""
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    generate(owner_database, visits=400, visitors=80, centres=3, seed=5)
    centre = CentreService(database).centres()[0].id
    visit_id = VisitService(database, ADMIN).log_visit(
        VisitInput(
            centre,
            "sur-place",
            datetime.now(UTC),
            ("numerique",),
            visitor=VisitorInput("Nouvelle", "Personne", 1990),
        )
    )
    assert visit_id > 400


def test_demo_data_is_consistent_with_what_the_app_writes(database, owner_database):
    """Written without the ORM for speed, the rows must read back as the app's own: aware
    datetimes, JSON lists, each person's last visit, referrals of every status."""
    generate(owner_database, visits=2000, visitors=300, centres=12, seed=5)
    with database.read() as session:
        latest = dict(
            session.execute(
                select(Visit.visitor_id, func.max(Visit.occurred_at)).group_by(Visit.visitor_id)
            ).all()
        )
        people = session.scalars(select(Visitor)).all()
        statuses = set(session.scalars(select(Referral.status)))
        visit = session.scalars(select(Visit).order_by(Visit.id)).first()
        ordered = list(session.scalars(select(Visit.occurred_at).order_by(Visit.id)))
    assert statuses == {"proposee", "contact-pris", "acceptee", "refusee", "terminee"}
    assert visit.occurred_at.tzinfo is not None and isinstance(visit.needs, list)
    assert ordered == sorted(ordered)  # ids grow with time
    for person in people:
        assert person.last_seen_at == latest.get(person.id)
    with database.read() as session:
        ages = [a for a in session.scalars(select(Visit.age_at_visit)) if a is not None]
        first_visits = session.scalar(select(func.count()).where(Visit.new_visitor.is_(True)))
        seen_people = session.scalar(
            select(func.count(func.distinct(Visit.visitor_id))).where(Visit.visitor_id.is_not(None))
        )
        cancelled = session.scalar(select(func.count()).where(Visit.cancelled_at.is_not(None)))
    assert min(ages) >= 16  # the age on the day of the visit, not today's
    assert first_visits == seen_people  # one first visit per person
    assert 0 < cancelled < 100


def test_demo_data_is_refused_to_a_staff_login(database):
    """On the server only the owner writes demonstration data (in bulk, centres included):
    a staff login gets a French refusal, not a permission error, and nothing is written."""
    if database.is_sqlite:
        pytest.skip("the federation's server: staff logins")
    before = _snapshot(database)
    with pytest.raises(UserFacingError, match="compte du personnel"):
        generate(database, visits=10)
    assert _snapshot(database) == before


def test_demo_data_exercises_the_hardest_rules(database, owner_database):
    """Visits at 23:59 and 00:00 in Paris around month ends and on both daylight-saving
    nights, people whose profile changes within a month, first visits later cancelled."""
    from collections import defaultdict

    from acsrv_desktop.core.clock import PARIS

    generate(
        owner_database,
        visits=6000,
        visitors=900,
        centres=3,
        seed=5,
        years=2,
        until=date(2026, 11, 30),
    )
    with database.read() as session:
        visits = session.execute(
            select(Visit.visitor_id, Visit.occurred_at, Visit.commune, Visit.cancelled_at).order_by(
                Visit.occurred_at, Visit.id
            )
        ).all()
    local = [v.occurred_at.astimezone(PARIS) for v in visits]
    assert any(
        t.hour == 23 and t.minute == 59 and (t + timedelta(minutes=1)).day == 1 for t in local
    )
    assert any(t.day == 1 and t.hour == 0 and t.minute == 0 for t in local)
    # 29 March 2026: 01:59 then 03:00 (02:xx does not exist); 26 October 2025: 02:30 twice.
    assert {(t.hour, t.minute) for t in local if t.date() == date(2026, 3, 29)} >= {(1, 59), (3, 0)}
    autumn = [
        v.occurred_at
        for v, t in zip(visits, local, strict=True)
        if t.date() == date(2025, 10, 26) and (t.hour, t.minute) == (2, 30)
    ]
    assert len(set(autumn)) == 2  # two instants an hour apart, the same wall-clock time
    communes_by_month = defaultdict(set)
    for v, t in zip(visits, local, strict=True):
        if v.visitor_id is not None:
            communes_by_month[v.visitor_id, t.year, t.month].add(v.commune)
    assert any(len(communes) > 1 for communes in communes_by_month.values())
    # The age is the one on the Paris day of the visit: at 00:00 on 1 January, the new year's.
    with database.read() as session:
        new_year = [
            (v.occurred_at.astimezone(PARIS).year - born, v.age_at_visit)
            for v, born in session.execute(
                select(Visit, Visitor.birth_year).join(Visitor, Visitor.id == Visit.visitor_id)
            ).all()
            if born is not None
            and (v.occurred_at.astimezone(PARIS).month, v.occurred_at.astimezone(PARIS).day)
            == (1, 1)
            and v.occurred_at.astimezone(PARIS).hour == 0
        ]
    assert new_year and all(expected == age for expected, age in new_year)
    firsts: dict[int, object] = {}
    for v in visits:
        if v.visitor_id is not None:
            firsts.setdefault(v.visitor_id, v.cancelled_at)
    assert sum(1 for cancelled in firsts.values() if cancelled is not None) >= 5


def _everything(db):
    """Counts of every table the generator writes, its audit entries and its run's mark."""
    from acsrv_desktop.core.models import AppSetting, AuditEntry, Centre, VisitorNameToken

    with db.read() as session:
        counts = tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Visit, Visitor, VisitorNameToken, Referral, Centre, AuditEntry)
        )
        mark = session.scalar(select(AppSetting.value).where(AppSetting.key == "demo.generation"))
    return counts, mark


def _desk_visit(database, actor) -> int:
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    return VisitService(database, actor).log_visit(
        VisitInput(
            CentreService(database).centres()[0].id,
            "sur-place",
            datetime.now(UTC),
            ("numerique",),
            visitor=VisitorInput("Nouvelle", "Personne", 1990),
        )
    )


def test_demo_data_is_refused_where_a_real_visit_is(database, owner_database, database_actor):
    """Real: any visit the generator did not write — saved at the desk, or without an author
    (an older version's): refused in one French line, nothing written, not even the audit
    entry; the generator's own visits do not count, and ``allow_real_visits`` (the command
    line's --force on a copy for trials) lets it through."""
    generate(owner_database, visits=200, visitors=40, centres=2, seed=6)
    generate(owner_database, visits=100, visitors=20, centres=2, seed=7)  # demo only: accepted
    with owner_database.write() as session:  # a visit of an older version: no author
        session.execute(
            Visit.__table__.update()
            .where(Visit.id == select(func.min(Visit.id)).scalar_subquery())
            .values(created_by=None)
        )
    before = _everything(owner_database)
    with pytest.raises(UserFacingError, match=r"^Cette base contient 1 passage réel ") as refused:
        generate(owner_database, visits=50, actor=ADMIN)
    assert "\n" not in str(refused.value) and "Rien n’a été écrit" in str(refused.value)
    assert _everything(owner_database) == before
    _desk_visit(database, database_actor)
    with pytest.raises(UserFacingError, match="2 passages réels"):
        generate(owner_database, visits=50, actor=ADMIN)
    assert _everything(owner_database)[0][0] == before[0][0] + 1
    report = generate(owner_database, visits=50, visitors=10, centres=2, allow_real_visits=True)
    assert report.visits == 50
    assert _everything(owner_database)[0][0] == before[0][0] + 51


def test_each_batch_is_whole_and_the_run_is_marked_before_any_row(database, owner_database):
    """The audit entry and the run's mark are written before the first row; every batch
    commits its visits with the people they bring (no person without a visit, each one's
    last visit up to date, their name words); the last batch marks the run finished."""
    from acsrv_desktop.core.models import AppSetting, AuditEntry, VisitorNameToken

    seen: list[tuple[int, int, tuple[object, ...]]] = []

    def progress(done: int, total: int) -> None:
        with owner_database.read() as session:
            people = session.execute(
                select(Visitor.id, Visitor.created_at, Visitor.last_seen_at)
            ).all()
            bounds = dict(
                (row[0], row[1:])
                for row in session.execute(
                    select(
                        Visit.visitor_id, func.min(Visit.occurred_at), func.max(Visit.occurred_at)
                    ).group_by(Visit.visitor_id)
                )
            )
            worded = set(session.scalars(select(VisitorNameToken.visitor_id)))
            mark = json.loads(
                session.scalar(select(AppSetting.value).where(AppSetting.key == "demo.generation"))
            )
            entry = session.scalar(
                select(AuditEntry.details).where(AuditEntry.action == "donnees-demo")
            )
            visits = session.scalar(select(func.count()).select_from(Visit))
        if done < total:
            assert all(bounds.get(p.id) == (p.created_at, p.last_seen_at) for p in people)
        assert {p.id for p in people} <= worded
        assert visits == done and mark["faits"] == done and mark["fini"] == (done == total)
        assert entry == {"passages": total, "personnes": 300, "graine": 5, "lot": 400}
        seen.append((done, visits, tuple(mark.values())))

    generate(
        owner_database,
        visits=2000,
        visitors=300,
        centres=3,
        seed=5,
        batch=400,
        actor=ADMIN,
        progress=progress,
    )
    assert [done for done, _visits, _mark in seen] == [400, 800, 1200, 1600, 2000]
