"""One definition of each vocabulary, and the database refuses any value outside it (0012)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from acsrv_desktop.core import clock
from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Centre, Programme, Referral, StaffAccount, Visit, Visitor
from acsrv_desktop.core.reception import visits
from acsrv_desktop.core.reception.profile import AGE_BRACKETS, BRACKET_RANGES, bracket_of_age
from acsrv_desktop.core.reception.referrals import REFUSAL_REASONS, STATUSES
from acsrv_desktop.core.vocabulary import AgeBracket, Channel, ReferralStatus, RefusalReason

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)


def test_the_enums_are_their_strings():
    assert Channel.SUR_PLACE == "sur-place"
    assert json.dumps({"canal": Channel.TELEPHONE}) == '{"canal": "telephone"}'
    assert f"{ReferralStatus.CONTACT_PRIS}" == "contact-pris"
    assert visits.CHANNELS["courriel"] == "courriel"  # keyed by the enum, found by the string
    assert set(STATUSES) == set(ReferralStatus)
    assert set(REFUSAL_REASONS) == set(RefusalReason)
    assert AGE_BRACKETS["18-29"] == "18 à 29 ans"
    assert BRACKET_RANGES[AgeBracket.FROM_55] == (55, 120)
    assert bracket_of_age(40) == "30-54"
    assert bracket_of_age(130) is AgeBracket.FROM_55


def test_one_clock_re_exported_where_it_was():
    assert visits.PARIS is clock.PARIS
    assert visits.paris_day_bounds is clock.paris_day_bounds
    assert clock.paris_today(datetime(2026, 11, 30, 23, 30, tzinfo=UTC)) == date(2026, 12, 1)
    assert clock.utc_now().tzinfo is UTC


def _rows(database: Database) -> dict[str, int]:
    """A row of each table, written as the owner (plain SQL: the CHECK constraints are what
    is tried, and they hold for every role)."""
    with database.write() as session:
        centre = Centre(name="Centre social Vocabulaire")
        visitor = Visitor(person_key="vocab-1", first_name="Ada", search_name="ada")
        session.add_all([centre, visitor])
        session.flush()
        visit = Visit(
            visitor_id=visitor.id, centre_id=centre.id, occurred_at=NOW, channel=Channel.SUR_PLACE
        )
        account = StaffAccount(
            login="vocab", display_name="Vocab", role=Role.ACCUEIL, password_hash="x"
        )
        session.add_all([visit, account])
        session.flush()
        programme_id = session.scalars(select(Programme.id).limit(1)).one()
        referral = Referral(
            visit_id=visit.id,
            programme_id=programme_id,
            centre_id=centre.id,
            status=ReferralStatus.REFUSEE,
            refusal_reason=RefusalReason.AUTRE,
        )
        session.add(referral)
        session.flush()
        return {
            "visitor": visitor.id,
            "visit": visit.id,
            "referral": referral.id,
            "staff_account": account.id,
        }


REFUSED = [
    ("visit", "channel", "pigeon"),
    ("visit", "age_bracket", "100-200"),
    ("visitor", "age_bracket", "bébé"),
    ("referral", "status", "expiree"),  # only shown, never stored
    ("referral", "refusal_reason", "flemme"),
    ("staff_account", "role", "stagiaire"),
]


@pytest.mark.parametrize(("table", "column", "value"), REFUSED)
def test_the_database_refuses_a_value_outside_the_vocabulary(
    owner_database: Database, table: str, column: str, value: str
):
    ids = _rows(owner_database)
    statement = text(f"UPDATE {table} SET {column} = :value WHERE id = :id")
    with pytest.raises(IntegrityError), owner_database.write() as session:
        session.execute(statement, {"value": value, "id": ids[table]})


@pytest.mark.parametrize(
    ("table", "column"),
    [("visit", "age_bracket"), ("visitor", "age_bracket"), ("referral", "refusal_reason")],
)
def test_not_given_is_allowed(owner_database: Database, table: str, column: str):
    ids = _rows(owner_database)
    with owner_database.write() as session:
        session.execute(
            text(f"UPDATE {table} SET {column} = NULL WHERE id = :id"), {"id": ids[table]}
        )
        session.execute(
            text("UPDATE visit SET age_bracket = :value WHERE id = :id"),
            {"value": AgeBracket.FROM_55.value, "id": ids["visit"]},
        )


def test_sqlite_keeps_the_partial_retention_index(database: Database):
    if not database.is_sqlite:
        pytest.skip("SQLite only: PostgreSQL alters the tables in place")
    with database.engine.connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'ix_visitor_retention_due'")
        ).scalar_one()
    assert "WHERE anonymised_at IS NULL" in sql
