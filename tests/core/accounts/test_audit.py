"""The audit trail: what is recorded, without names; append-only in the database itself."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from acsrv_desktop.core.accounts.audit import (
    AuditFilter,
    AuditService,
    purge_old_entries,
)
from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import SignInError
from acsrv_desktop.core.attendance.exports import record_export
from acsrv_desktop.core.attendance.figures import Period, compute
from acsrv_desktop.core.models import AuditEntry
from acsrv_desktop.core.privacy import erase, purge
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

NOW = datetime.now(UTC)
SERVER_ROWS = {"base-ajout", "base-modification", "base-suppression"}


def _actions(database) -> list[tuple]:
    """The application's entries (not the rows the server's triggers record for every
    change, tests/core/test_row_security.py)."""
    with database.read() as session:
        return list(
            session.execute(
                select(AuditEntry.actor, AuditEntry.action, AuditEntry.record_id)
                .where(AuditEntry.action.not_like("base-%"))
                .order_by(AuditEntry.id)
            )
        )


def test_every_traced_action_lands_with_user_action_and_id_but_no_name(
    database, connected_as, staff, accounts, centres
):
    marie, paul, admin = staff[Role.ACCUEIL], staff[Role.COORDINATION], staff[Role.ADMINISTRATION]
    with pytest.raises(SignInError):
        accounts.sign_in("marie", "Mauvais-Essai-2026")
    visits, people = (
        VisitService(connected_as(marie), marie),
        VisitorService(connected_as(marie), marie),
    )
    visit_id = visits.log_visit(
        VisitInput(
            centres[0],
            "sur-place",
            NOW,
            ("numerique",),
            "Note très personnelle",
            visitor=VisitorInput("Zoé", "Quintanar-Ybarra", 1988),
        )
    )
    visits.cancel(visit_id)
    person = people.lookup("quintanar")[0]
    people.open_record(person.id)
    report = compute(connected_as(paul), paul, Period.month(NOW.year, NOW.month))
    record_export(connected_as(paul), paul, report, "xlsx", detail=True)
    erase(connected_as(paul), paul, person.id)
    purge(connected_as(admin), admin)
    entries = _actions(database)
    # A refused sign-in is the application's to trace locally; the server's own log has it
    # (it never reached the database as anyone).
    refused = [("marie", "connexion-refusee")] if database.is_sqlite else []
    assert [(who, what) for who, what, _ in entries[-8 + (not refused) :]] == [
        *refused,
        ("marie", "fiche-creee"),
        ("marie", "passage-cree"),
        ("marie", "passage-annule"),
        ("marie", "fiche-ouverte"),
        ("paul", "export"),
        ("paul", "fiche-effacee"),
        ("direction", "anonymisation"),
    ]
    assert ("marie", "passage-cree", str(visit_id)) in entries
    with database.read() as session:
        everything = " ".join(
            f"{e.actor} {e.record_id} {e.details}" for e in session.scalars(select(AuditEntry))
        )
    for private in ("Zoé", "Quintanar", "Ybarra", "personnelle", "1988"):
        assert private not in everything


@pytest.mark.parametrize("statement", ["update", "delete", "raw-update", "raw-delete"])
def test_the_database_itself_refuses_to_change_or_delete_recent_entries(database, staff, statement):
    before = _actions(database)
    with pytest.raises(DBAPIError), database.write() as session:
        if statement == "update":
            session.execute(update(AuditEntry).values(action="connexion"))
        elif statement == "delete":
            session.execute(delete(AuditEntry))
        elif statement == "raw-update":
            session.execute(text("UPDATE audit_entry SET actor = 'personne'"))
        else:
            session.execute(text("DELETE FROM audit_entry"))
    assert _actions(database) == before


def test_entries_older_than_twelve_months_are_purged_and_the_purge_is_traced(
    owner_database, connected_as, staff
):
    if owner_database.is_sqlite:
        pytest.skip(
            "SQLite: an entry put there through the file is tampering with the sealed chain; "
            "its purge is tests/reliability/test_audit_chain.py's"
        )
    admin = staff[Role.ADMINISTRATION]
    database = owner_database  # old entries arranged as only IT can (the server stamps others)
    with database.write() as session:
        for days in (400, 367, 300):
            session.execute(
                insert(AuditEntry).values(
                    occurred_at=NOW - timedelta(days=days),
                    actor="ancien",
                    action="connexion",
                    details={},
                )
            )
    assert purge_old_entries(connected_as(admin), admin) == 2
    kept = [a for a, _, _ in _actions(database)]
    assert kept.count("ancien") == 1 and _actions(database)[-1][1] == "journal-purge"
    # Still append-only for the 300-day-old entry.
    with pytest.raises(DBAPIError), database.write() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.actor == "ancien"))


def test_administrators_filter_the_trail_and_export_it_as_french_csv(
    connected_as, staff, accounts, tmp_path
):
    admin = staff[Role.ADMINISTRATION]
    accounts.sign_in("marie", "Accueil-Denain-2026")
    trail = AuditService(connected_as(admin), admin)
    marie = {r.action for r in trail.entries(AuditFilter(actor="MAR"))} - SERVER_ROWS
    assert marie == {"connexion"}
    assert all(r.action == "compte-cree" for r in trail.entries(AuditFilter(action="compte-cree")))
    today = NOW.date()
    assert trail.entries(AuditFilter(since=today + timedelta(days=2))) == []
    assert len(trail.entries(AuditFilter(since=today - timedelta(days=1), until=today))) >= 5
    path = tmp_path / "journal.csv"
    count = trail.export_csv(path, AuditFilter(actor="marie"))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == ["Date et heure", "Utilisateur", "Action", "Objet", "N°", "Détails"]
    assert len(rows) == count + 1 and rows[1][1] == "marie" and rows[1][2] == "Connexion"
    assert rows[1][0][2] == "/" and rows[1][0][5] == "/"  # dd/mm/yyyy


def test_a_sqlite_replace_cannot_rewrite_an_entry(database, staff):
    if not database.is_sqlite:
        statement = text(
            "INSERT INTO audit_entry (id, occurred_at, actor, action, details) "
            "VALUES (1, now(), 'faux', 'connexion', '{}') "
            "ON CONFLICT (id) DO UPDATE SET actor = 'faux'"
        )
    else:
        statement = text(
            "INSERT OR REPLACE INTO audit_entry (id, occurred_at, actor, action, details) "
            "VALUES (1, '2026-01-01 00:00:00', 'faux', 'connexion', '{}')"
        )
    before = _actions(database)
    with pytest.raises(DBAPIError), database.write() as session:
        session.execute(statement)
    assert _actions(database) == before


def test_the_user_filter_takes_logins_as_typed(connected_as, database, staff, accounts, centres):
    from acsrv_desktop.core.accounts.service import AccountInput

    admin = staff[Role.ADMINISTRATION]
    accounts.create(
        admin, AccountInput("marie_d", "Marie D", Role.ACCUEIL, centres[0]), "Accueil-Denain-2026"
    )
    accounts.sign_in("marie_d", "Accueil-Denain-2026")
    trail = AuditService(connected_as(admin), admin)
    assert {r.actor for r in trail.entries(AuditFilter(actor="ie_d"))} == {"marie_d"}
    assert trail.entries(AuditFilter(actor="%")) == []


def test_profile_corrections_made_while_logging_a_visit_are_traced(
    database, connected_as, staff, centres
):
    marie = staff[Role.ACCUEIL]
    person = VisitorService(connected_as(marie), marie).create(VisitorInput("Léa", "Martin", 1990))
    visits = VisitService(connected_as(marie), marie)
    base = VisitInput(centres[0], "sur-place", NOW, ("numerique",), visitor_id=person.id)
    visits.log_visit(base)  # no change: nothing to trace but the visit
    changed = VisitInput(
        centres[0],
        "sur-place",
        NOW,
        ("numerique",),
        visitor_id=person.id,
        visitor=VisitorInput("Léa", "Martin", 1991),
    )
    visits.log_visit(changed)
    actions = [what for who, what, _ in _actions(database) if who == "marie"]
    assert actions[-3:] == ["passage-cree", "fiche-corrigee", "passage-cree"]
