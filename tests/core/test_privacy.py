"""Retention and erasure never change past monthly figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.figures import Period, compute
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.models import Visit, Visitor, VisitorNameToken
from acsrv_desktop.core.privacy import erase, purge
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.settings import RETENTION_MONTHS

ADMIN = Actor.system("tests")

NOW = datetime.now(UTC)


def _figures(db, period):
    report = compute(db, ADMIN, period)
    return (
        report.visits,
        report.people,
        report.anonymous_visits,
        report.new_people,
        [(b.key, b.rows) for b in report.breakdowns],
    )


def _month_ago_period():
    day = (NOW - timedelta(days=300)).astimezone(PARIS)
    return Period.month(day.year, day.month), day


def test_figures_are_identical_before_and_after_a_purge_and_an_erasure(database):
    period, day = _month_ago_period()
    centre = CentreService(database).centres()[0].id
    people, visits = VisitorService(database, ADMIN), VisitService(database, ADMIN)
    old = people.create(
        VisitorInput("Ancien", "Visiteur", 1960, None, "homme", "Anzin", ("isole",))
    )
    recent = people.create(
        VisitorInput("Récente", "Visiteuse", 2001, None, "femme", "Denain", ("rsa",))
    )
    when = day.replace(day=10, hour=10)
    visits.log_visit(
        VisitInput(centre, "sur-place", when, ("numerique",), "note privée", visitor_id=old.id)
    )
    visits.log_visit(
        VisitInput(centre, "telephone", when + timedelta(hours=1), visitor_id=recent.id)
    )
    visits.log_visit(VisitInput(centre, "sur-place", NOW - timedelta(days=1), visitor_id=recent.id))
    before = _figures(database, period)

    RETENTION_MONTHS.set(database, ADMIN, 6)
    assert purge(database, ADMIN, dry_run=True).anonymised == 1
    report = purge(database, ADMIN)
    assert report.anonymised == 1 and "anonymisées" in report.describe()
    assert _figures(database, period) == before
    with database.read() as session:
        anonymised = session.get(Visitor, old.id)
        assert (anonymised.first_name, anonymised.last_name, anonymised.birth_year) == (
            "Personne anonymisée",
            None,
            None,
        )
        assert anonymised.age_bracket == "55+"
        assert (
            session.scalars(
                select(VisitorNameToken).where(VisitorNameToken.visitor_id == old.id)
            ).all()
            == []
        )
        assert session.scalars(select(Visit.note).where(Visit.visitor_id == old.id)).all() == [None]
    assert people.lookup("ancien") == []
    assert purge(database, ADMIN).anonymised == 0  # nothing twice

    assert erase(database, ADMIN, recent.id) == 2
    assert _figures(database, period) == before
    assert people.get(recent.id) is None


def test_referral_comments_go_with_erasure_and_anonymisation(database):
    from acsrv_desktop.core.models import Referral
    from acsrv_desktop.core.reception.referrals import ReferralService

    people, visits = VisitorService(database, ADMIN), VisitService(database, ADMIN)
    centre = CentreService(database).centres()[0].id
    referrals = ReferralService(database, ADMIN)
    for name in ("Léa", "Jean"):
        person = people.create(VisitorInput(name, "Martin", 1990))
        visits.log_visit(
            VisitInput(
                centre,
                "sur-place",
                NOW - timedelta(days=1),
                ("numerique",),
                visitor_id=person.id,
                programmes=("court-circuit",),
            )
        )
    rows = referrals.find()
    for row in rows:
        referrals.set_status(row.id, "refusee", reason="autre", note=f"{row.visitor} : suivi psy")
    lea = next(v for v in people.lookup("lea martin"))
    erase(database, ADMIN, lea.id)
    RETENTION_MONTHS.set(database, ADMIN, 1)
    purge(database, ADMIN, now=NOW + timedelta(days=90))
    with database.read() as session:
        notes = list(session.scalars(select(Referral.refusal_note)))
        reasons = list(session.scalars(select(Referral.refusal_reason)))
    assert notes == [None, None] and reasons == ["autre", "autre"]


def test_the_details_given_for_a_referral_are_in_the_export_and_go_with_erasure(database):
    """Issue 17: what a person agreed to give a programme's contact is theirs: in their data
    document, removed with their record (erasure) or its anonymisation (retention)."""
    from acsrv_desktop.core.models import Referral
    from acsrv_desktop.core.reception.contact_details import ContactInput
    from acsrv_desktop.core.reception.person_data import person_data

    people, visits = VisitorService(database, ADMIN), VisitService(database, ADMIN)
    centre = CentreService(database).centres()[0].id
    ids = {}
    for name, phone in (("Léa", "0612345678"), ("Jean", "0698765432")):
        person = people.create(VisitorInput(name, "Martin", 1990))
        ids[name] = person.id
        visits.log_visit(
            VisitInput(
                centre,
                "sur-place",
                NOW - timedelta(days=1),
                ("numerique",),
                visitor_id=person.id,
                programmes=("court-circuit",),
                contact=ContactInput(
                    True, "telephone", phone, f"{name.lower()}@exemple.fr", "lundi"
                ),
                messages={"court-circuit": f"{name} cherche un emploi"},
            )
        )
    (referral,) = person_data(database, ADMIN, ids["Léa"]).referrals
    assert referral["Téléphone transmis"] == "06 12 34 56 78"
    assert referral["Courriel transmis"] == "léa@exemple.fr"
    assert referral["Préférence de contact"] == "téléphone"
    assert referral["Disponibilités"] == "lundi"
    assert referral["Message au contact"] == "Léa cherche un emploi"
    assert referral["Accord pour transmettre au contact"] == "oui"
    assert len(referral["Référence"]) == 9  # « ABCD-2345 »

    def details() -> list[tuple[object, ...]]:
        with database.read() as session:
            rows = session.execute(
                select(
                    Referral.consent,
                    Referral.contact_phone,
                    Referral.contact_email,
                    Referral.availability,
                    Referral.message,
                    Referral.contact_preference,
                ).order_by(Referral.id)
            ).all()
        return [tuple(row) for row in rows]

    erase(database, ADMIN, ids["Léa"])
    gone = (False, None, None, None, None, None)
    assert details() == [
        gone,
        (True, "06 98 76 54 32", "jean@exemple.fr", "lundi", "Jean cherche un emploi", "telephone"),
    ]
    RETENTION_MONTHS.set(database, ADMIN, 1)
    purge(database, ADMIN, now=NOW + timedelta(days=90))
    assert details() == [gone, gone]


def test_the_purge_reads_only_the_records_not_yet_anonymised(database):
    """The start-up purge goes through the partial index (migration 0011): its cost follows
    the records that came due, not those anonymised over the years (bench/bench_purge.py)."""
    from acsrv_desktop.core.privacy import _due

    dialect = database.engine.dialect
    with database.engine.connect() as connection:
        if dialect.name == "postgresql":
            connection.exec_driver_sql("SET enable_seqscan = off")  # a test table is tiny
        for query in _due(NOW):
            sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            explain = "EXPLAIN QUERY PLAN " if dialect.name == "sqlite" else "EXPLAIN "
            plan = " ".join(str(line) for line in connection.exec_driver_sql(explain + sql))
            assert "ix_visitor_retention_due" in plan, plan
    purge(database, ADMIN)
    if dialect.name == "postgresql":  # the purge's planner setting stays in its transaction
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW enable_seqscan").scalar() == "on"


def test_the_details_given_on_an_anonymous_visit_go_after_the_retention_period(database):
    """Issue 17 (review): an anonymous visit has no record to erase or anonymise: what was
    given for its referral goes when the retention period has passed since it was made."""
    from acsrv_desktop.core.models import Referral
    from acsrv_desktop.core.reception.contact_details import ContactInput

    visits = VisitService(database, ADMIN)
    centre = CentreService(database).centres()[0].id
    visits.log_visit(
        VisitInput(
            centre,
            "sur-place",
            NOW - timedelta(days=1),
            ("trouver-un-emploi",),
            programmes=("court-circuit",),
            contact=ContactInput(True, "telephone", "0612345678", "x@exemple.fr", "lundi"),
            messages={"court-circuit": "rappeler le lundi"},
        )
    )

    def details() -> list[tuple[object, ...]]:
        with database.read() as session:
            return [
                tuple(row)
                for row in session.execute(
                    select(
                        Referral.consent,
                        Referral.contact_phone,
                        Referral.contact_email,
                        Referral.message,
                        Referral.reference,
                    )
                )
            ]

    purge(database, ADMIN, now=NOW)  # within the period: kept
    ((consent, phone, *_rest),) = details()
    assert consent and phone == "06 12 34 56 78"
    months = RETENTION_MONTHS.get(database)
    purge(database, ADMIN, now=NOW + timedelta(days=round(months * 30.44) + 2))
    ((consent, phone, email, message, reference),) = details()
    assert (consent, phone, email, message) == (False, None, None, None)
    assert reference  # the referral itself stays, for the figures
