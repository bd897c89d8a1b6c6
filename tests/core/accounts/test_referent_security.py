"""Issue 17's acceptance on the federation's server: a référent de programme's own login,
through psycopg and no application code, sees only the referrals addressed to its
programmes, with only the columns it needs to reach the person; it cannot read visits,
people, other referrals or the audit trail, and it changes nothing but the status fields of
its own referrals."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import text

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import AccountInput
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.reception.contact_details import ContactInput
from acsrv_desktop.core.reception.loop import REFERENT_COLUMNS
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

from .conftest import PASSWORD
from .test_row_security import _everything_refused, _refused, _writes_outside_the_role
from .test_server_logins import dsn

NOW = datetime.now(UTC)
FORUM, CITES = "forum-citoyen", "cites-lab"
# What the référent reads, and only that (the person's first name; no last name, birth year,
# commune, situations, note of the visit, nor who else came).
EXPECTED_COLUMNS = [
    "id",
    "reference",
    "programme_id",
    "programme_name",
    "centre_id",
    "centre_name",
    "created_at",
    "first_name",
    "needs",
    "reasons",
    "contact_preference",
    "contact_phone",
    "contact_email",
    "availability",
    "message",
    "status",
    "refusal_reason",
    "refusal_note",
    "handled_at",
    "status_changed_at",
]
STATUS_FIELDS = {
    "status",
    "refusal_reason",
    "refusal_note",
    "status_changed_at",
    "status_changed_by",
    "handled_at",
    "handled_by",
}


@pytest.fixture
def server(database: Database) -> Database:
    if database.is_sqlite:
        pytest.skip("the federation's server (row-level security)")
    return database


@pytest.fixture
def loop(server, accounts, staff, centres) -> dict[str, int]:
    """marie (accueil, centre A) and luc (accueil, centre B) each refer a person to Forum
    Citoyen and Cités Lab; rita answers for Forum Citoyen, remi for Cités Lab. The ids of
    the referrals by (centre, programme)."""
    admin = staff[Role.ADMINISTRATION]
    accounts.create(admin, AccountInput("luc", "Luc", Role.ACCUEIL, centres[1]), PASSWORD)
    for login, programme in (("rita", FORUM), ("remi", CITES)):
        data = AccountInput(login, login.title(), Role.REFERENT, None, programmes=(programme,))
        accounts.create(admin, data, PASSWORD)
    for login, centre in (("marie", centres[0]), ("luc", centres[1])):
        personal, actor = accounts.open_session(login, PASSWORD)
        try:
            VisitService(personal, actor).log_visit(
                VisitInput(
                    centre,
                    "sur-place",
                    NOW,
                    ("remobilisation", "difficultes-financieres"),
                    f"note confidentielle de {login}",
                    visitor=VisitorInput("Zoé", f"Secret-{login}", 1980, commune="Denain"),
                    programmes=(FORUM, CITES),
                    contact=ContactInput(True, "telephone", "0612345678", None, "le matin"),
                    messages={FORUM: f"message de {login}", CITES: f"pour Cités, de {login}"},
                )
            )
        finally:
            personal.dispose()
    with server.server.read() as session:  # as the owner
        rows = session.execute(text("SELECT id, centre_id, programme_id FROM referral")).all()
    return {(centre, programme): referral for referral, centre, programme in rows}


def _rows(connection: psycopg.Connection) -> tuple[list[str], list[tuple[object, ...]]]:
    cursor = connection.execute("SELECT * FROM acsrv_referent_referrals() ORDER BY id")
    assert cursor.description is not None
    return [column.name for column in cursor.description], cursor.fetchall()


def _referral(server: Database, referral_id: int) -> dict[str, object]:
    with server.server.read() as session:
        row = session.execute(
            text("SELECT * FROM referral WHERE id = :i"), {"i": referral_id}
        ).one()
    return dict(row._mapping)


def test_a_referent_sees_only_its_programmes_referrals_and_only_the_listed_columns(
    server, loop, centres
):
    assert list(REFERENT_COLUMNS) == EXPECTED_COLUMNS
    with psycopg.connect(dsn(server, "rita", PASSWORD), autocommit=True) as connection:
        columns, rows = _rows(connection)
        own = connection.execute("SELECT account_id, programme_id FROM programme_referent")
        links = own.fetchall()
    assert columns == EXPECTED_COLUMNS
    seen = [dict(zip(columns, row, strict=True)) for row in rows]
    # Both centres' referrals to Forum Citoyen, none to Cités Lab.
    assert sorted(r["id"] for r in seen) == sorted(
        [loop[(centres[0], FORUM)], loop[(centres[1], FORUM)]]
    )
    assert {r["programme_id"] for r in seen} == {FORUM}
    assert {r["first_name"] for r in seen} == {"Zoé"}
    assert {r["message"] for r in seen} == {"message de marie", "message de luc"}
    assert {r["contact_phone"] for r in seen} == {"06 12 34 56 78"}
    assert {tuple(r["needs"]) for r in seen} == {("remobilisation",)}  # not the debts
    shown = repr(rows)
    for secret in ("Secret-", "note confidentielle", "1980", "pour Cités", "financi"):
        assert secret not in shown
    assert [programme for _account, programme in links] == [FORUM]  # its own links only


def test_a_referent_cannot_read_visits_people_other_referrals_or_the_trail(server, loop):
    with psycopg.connect(dsn(server, "rita", PASSWORD), autocommit=True) as connection:
        for statement in (
            "SELECT * FROM visit",
            "SELECT visit_id FROM referral",
            "SELECT id, status FROM referral",
            "SELECT first_name FROM visitor",
            "SELECT token FROM visitor_name_token",
            "SELECT * FROM audit_entry",
            "SELECT password_hash FROM staff_account",
            "SELECT * FROM acsrv_find_elsewhere('zoe secret-marie', 1980)",
            f"SELECT acsrv_welcome_visitor({min(loop.values())})",
            "SELECT acsrv_replace_name_tokens(1, '{}')",
            "SELECT acsrv_replace_referent_programmes("
            "(SELECT id FROM staff_account WHERE login = 'rita'), ARRAY['cites-lab'])",
            "SELECT acsrv_delete_visitor(1)",
        ):
            assert _refused(connection, statement), statement


def test_a_referent_changes_only_the_status_fields_of_its_own_referrals(server, loop, centres):
    own, other = loop[(centres[0], FORUM)], loop[(centres[0], CITES)]
    before_own, before_other = _referral(server, own), _referral(server, other)
    with psycopg.connect(dsn(server, "rita", PASSWORD), autocommit=True) as connection:
        for statement in (
            f"UPDATE referral SET status = 'acceptee' WHERE id = {own}",
            f"UPDATE referral SET contact_phone = '0700000000' WHERE id = {own}",
            f"UPDATE referral SET message = 'changé' WHERE id = {other}",
            "INSERT INTO referral DEFAULT VALUES",
            f"UPDATE visit SET note = 'lue' WHERE id = {before_own['visit_id']}",
            f"SELECT acsrv_answer_referral({other}, 'acceptee', NULL, NULL)",
        ):
            assert _refused(connection, statement), statement
        with pytest.raises(psycopg.errors.InvalidParameterValue):  # refusée needs a reason
            connection.execute(f"SELECT acsrv_answer_referral({own}, 'refusee', NULL, NULL)")
        with pytest.raises(psycopg.errors.InvalidParameterValue):  # not a step it may take
            connection.execute(f"SELECT acsrv_answer_referral({own}, 'terminee', NULL, NULL)")
        connection.execute(f"SELECT acsrv_answer_referral({own}, 'contact-pris', NULL, NULL)")
        connection.execute(
            f"SELECT acsrv_answer_referral({own}, 'refusee', 'session-complete', 'Complet.')"
        )
    after_own, after_other = _referral(server, own), _referral(server, other)
    assert after_other == before_other
    changed = {key for key in after_own if after_own[key] != before_own[key]}
    assert changed == STATUS_FIELDS
    assert (after_own["status"], after_own["refusal_reason"]) == ("refusee", "session-complete")
    assert after_own["handled_by"] == after_own["status_changed_by"] == "rita"
    with server.server.read() as session:  # traced by the server, as every change
        traced = session.execute(
            text(
                "SELECT actor FROM audit_entry WHERE action = 'base-modification' "
                "AND record_type = 'referral' AND record_id = :i"
            ),
            {"i": str(own)},
        ).scalars()
        assert set(traced) == {"rita"}


def test_a_desk_login_cannot_forge_a_referents_answer(server, loop, centres):
    """Review: the desk may change a referral's status (its own centre's), but the first
    answer's date and author, the last change's and the reference are the server's."""
    referral = loop[(centres[0], FORUM)]
    before = _referral(server, referral)
    with psycopg.connect(dsn(server, "marie", PASSWORD), autocommit=True) as connection:
        connection.execute(
            "UPDATE referral SET handled_by = 'rita', handled_at = now() - interval '3 days', "
            "status_changed_by = 'rita', reference = 'ZZZZZZZZ' WHERE id = %s",
            (referral,),
        )
        forged = _referral(server, referral)
        assert {k: forged[k] for k in ("handled_by", "handled_at", "reference")} == {
            k: before[k] for k in ("handled_by", "handled_at", "reference")
        }
        assert forged["status_changed_by"] == before["status_changed_by"]
        connection.execute(  # a real answer from the desk: dated and signed by the server
            "UPDATE referral SET status = 'contact-pris', handled_by = 'rita' WHERE id = %s",
            (referral,),
        )
    answered = _referral(server, referral)
    assert answered["status"] == "contact-pris"
    assert answered["handled_by"] == answered["status_changed_by"] == "marie"
    assert answered["handled_at"] is not None


def test_a_deactivated_referent_sees_nothing_more(server, accounts, staff, loop):
    admin = staff[Role.ADMINISTRATION]
    (rita,) = [a for a in accounts.accounts(admin) if a.login == "rita"]
    with psycopg.connect(dsn(server, "rita", PASSWORD), autocommit=True) as connection:
        assert len(_rows(connection)[1]) == 2
        accounts.update(
            admin, rita.id, AccountInput("rita", "Rita", Role.REFERENT, None, active=False)
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            _rows(connection)  # in the session opened before, too


def test_no_referent_login_can_touch_the_trail_the_schema_or_stall_the_desks(server, loop):
    with server.server.read() as session:
        before = session.execute(text("SELECT count(*) FROM audit_entry")).scalar()
    tried = _everything_refused(server) + _writes_outside_the_role(server, Role.REFERENT)
    assert "INSERT INTO referral DEFAULT VALUES" in tried
    with psycopg.connect(dsn(server, "rita", PASSWORD), autocommit=True) as connection:
        connection.execute("SET lock_timeout = '1s'")
        allowed = [statement for statement in tried if not _refused(connection, statement)]
    assert allowed == [], f"a référent may: {allowed}"
    with server.server.read() as session:
        assert session.execute(text("SELECT count(*) FROM audit_entry")).scalar() == before
