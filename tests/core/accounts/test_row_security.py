"""The database as the security boundary on the federation's server: staff logins of each role
try, with psycopg and no application code, what their role must not do — on every table of
the schema — and the application's own services work through those same logins."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import text

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.accounts.service import AccountInput
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.server.functions import AUDITED_TABLES
from acsrv_desktop.core.server.privileges import TABLE_PRIVILEGES, schema_tables

from .conftest import PASSWORD
from .test_server_logins import dsn

NOW = datetime.now(UTC)


@pytest.fixture
def server(database: Database) -> Database:
    if database.is_sqlite:
        pytest.skip("the federation's server (row-level security)")
    return database


@pytest.fixture
def two_centres(server, accounts, staff, centres) -> dict[str, Actor]:
    """marie (accueil, centre A), luc (accueil, centre B), paul (coordination), direction;
    one visit with a referral logged at each centre, each by its own desk's login."""
    admin = staff[Role.ADMINISTRATION]
    accounts.create(admin, AccountInput("luc", "Luc", Role.ACCUEIL, centres[1]), PASSWORD)
    people = {
        "marie": staff[Role.ACCUEIL],
        "luc": accounts.sign_in("luc", PASSWORD),
        "paul": staff[Role.COORDINATION],
        "direction": admin,
    }
    for login, centre in (("marie", centres[0]), ("luc", centres[1])):
        personal, actor = accounts.open_session(login, PASSWORD)
        try:
            VisitService(personal, actor).log_visit(
                VisitInput(
                    centre,
                    "sur-place",
                    NOW,
                    ("numerique",),
                    f"note de {login}",
                    visitor=VisitorInput("Zoé", f"Personne-{login}", 1980),
                )
            )
        finally:
            personal.dispose()
    return people


def _count(connection: psycopg.Connection, sql: str) -> int:
    row = connection.execute(sql).fetchone()
    assert row is not None
    return int(row[0])


def _audit(server: Database) -> list[tuple[object, ...]]:
    with server.read() as session:
        return [tuple(r) for r in session.execute(text("SELECT * FROM audit_entry ORDER BY id"))]


def _refused(connection: psycopg.Connection, statement: str) -> bool:
    try:  # each in a transaction of its own (LOCK needs one), undone whatever it did
        with connection.transaction(force_rollback=True):
            connection.execute(statement)
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.WrongObjectType):
        return True
    return False


def _everything_refused(server: Database) -> list[str]:
    """What no staff login may do, on every table of the schema."""
    with server.engine.connect() as connection:
        tables = schema_tables(connection)  # type: ignore[arg-type]
    statements = [
        "SELECT password_hash FROM staff_account",
        "UPDATE staff_account SET role = 'administration'",
        "CREATE TABLE intrus (id integer)",
        "CREATE TEMPORARY TABLE intrus (id integer)",
        "CREATE OR REPLACE FUNCTION acsrv_audit_stamp() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "CREATE FUNCTION intruse() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
        "UPDATE audit_entry SET action = 'rien'",
        "DELETE FROM audit_entry",
        "SELECT acsrv_audit_change()",
    ]
    for table in tables:
        statements += [
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
            f"DROP TABLE {table}",
            f"ALTER TABLE {table} DISABLE TRIGGER ALL",
            f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
            f"LOCK TABLE {table} IN SHARE MODE",
            f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE",
        ]
    return statements


def _writes_outside_the_role(server: Database, role: Role) -> list[str]:
    """An INSERT and an UPDATE on every table where ``role`` holds neither: the catalogue and
    the settings for accueil and coordination, the accounts and the schema's version for all."""
    held = TABLE_PRIVILEGES[role]
    with server.engine.connect() as connection:
        tables = schema_tables(connection)  # type: ignore[arg-type]
        columns = dict(
            connection.execute(
                text(
                    "SELECT table_name, min(column_name) FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND column_name <> 'id' GROUP BY table_name"
                )
            ).all()
        )
    statements = []
    for table in tables:
        if "INSERT" not in held.get(table, ()):
            statements.append(f"INSERT INTO {table} DEFAULT VALUES")
        if "UPDATE" not in held.get(table, ()):
            statements.append(f"UPDATE {table} SET {columns[table]} = {columns[table]}")
    return statements


@pytest.mark.parametrize(
    ("login", "role"),
    [("marie", Role.ACCUEIL), ("paul", Role.COORDINATION), ("direction", Role.ADMINISTRATION)],
)
def test_no_staff_login_can_touch_the_trail_the_schema_or_stall_the_desks(
    server, two_centres, login, role
):
    before = _audit(server)
    # LOCK included: no login holds DELETE (nor table-wide UPDATE) anywhere.
    tried = _everything_refused(server) + _writes_outside_the_role(server, role)
    assert "INSERT INTO staff_account DEFAULT VALUES" in tried  # accounts: functions only
    with psycopg.connect(dsn(server, login, PASSWORD), autocommit=True) as connection:
        connection.execute("SET lock_timeout = '1s'")
        allowed = [statement for statement in tried if not _refused(connection, statement)]
    assert allowed == [], f"{login} ({role}) may: {allowed}"
    assert _audit(server) == before  # intact: not one entry changed, added or removed


def test_an_accueil_login_sees_and_writes_its_own_centre_only(server, two_centres, centres):
    a, b = centres[0], centres[1]
    with psycopg.connect(dsn(server, "marie", PASSWORD), autocommit=True) as connection:
        assert _count(connection, f"SELECT count(*) FROM visit WHERE centre_id = {b}") == 0
        assert _count(connection, f"SELECT count(*) FROM referral WHERE centre_id = {b}") == 0
        assert _count(connection, "SELECT count(DISTINCT centre_id) FROM visit") == 1
        assert _count(connection, f"SELECT count(*) FROM visit WHERE centre_id = {a}") == 1
        updated = connection.execute(f"UPDATE visit SET note = 'effacée' WHERE centre_id = {b}")
        assert updated.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            connection.execute(
                "INSERT INTO visit (centre_id, occurred_at, channel, needs, situations, "
                "new_visitor, created_at, updated_at, time_set_by_hand) VALUES "
                f"({b}, now(), 'sur-place', '[]', '[]', false, now(), now(), false)"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            connection.execute(f"UPDATE visit SET centre_id = {b} WHERE centre_id = {a}")
    with psycopg.connect(dsn(server, "paul", PASSWORD), autocommit=True) as connection:
        assert _count(connection, "SELECT count(DISTINCT centre_id) FROM visit") == 2


def test_entries_name_the_sessions_login_and_every_change_is_traced(server, two_centres):
    with psycopg.connect(dsn(server, "marie", PASSWORD), autocommit=True) as connection:
        connection.execute(
            "INSERT INTO audit_entry (occurred_at, actor, action, details) "
            "VALUES ('2020-01-01', 'direction', 'connexion', '{}')"
        )
        connection.execute("UPDATE visit SET note = 'corrigée à la main'")
    with server.read() as session:
        forged = session.execute(
            text(
                "SELECT actor, account_id IS NOT NULL, occurred_at > now() - interval '1 hour' "
                "FROM audit_entry WHERE action = 'connexion' ORDER BY id DESC LIMIT 1"
            )
        ).one()
        changed = session.execute(
            text(
                "SELECT actor, record_type FROM audit_entry WHERE action = 'base-modification' "
                "ORDER BY id DESC LIMIT 1"
            )
        ).one()
    assert tuple(forged) == ("marie", True, True)  # whoever it claimed, it was marie, now
    assert tuple(changed) == ("marie", "visit")
    assert "visit" in AUDITED_TABLES


def test_the_application_works_through_an_accueil_login(server, accounts, two_centres, centres):
    personal, marie = accounts.open_session("marie", PASSWORD)
    try:
        visits = VisitService(personal, marie)
        visit_id = visits.log_visit(
            VisitInput(
                centres[0],
                "telephone",
                NOW,
                ("numerique",),
                visitor=VisitorInput("Léa", "Martin", 1990),
            )
        )
        visits.update(visit_id, channel="sur-place", occurred_at=NOW, needs=(), note="rappel")
        visits.cancel(visit_id)
        visits.restore(visit_id)
        day = visits.day(centres[0], NOW.date())
        assert {row.id for row in day} >= {visit_id}
    finally:
        personal.dispose()


def _visitor_id(server: Database, last_name: str) -> int:
    with server.read() as session:
        return int(
            session.execute(
                text("SELECT id FROM visitor WHERE last_name = :n"), {"n": last_name}
            ).scalar_one()
        )


def test_an_accueil_login_sees_only_the_people_seen_at_its_centre(server, two_centres):
    elsewhere = _visitor_id(server, "Personne-marie")  # seen at centre A only
    with psycopg.connect(dsn(server, "luc", PASSWORD), autocommit=True) as connection:
        names = {row[0] for row in connection.execute("SELECT last_name FROM visitor")}
        words = {row[0] for row in connection.execute("SELECT token FROM visitor_name_token")}
        changed = connection.execute(f"UPDATE visitor SET commune = 'x' WHERE id = {elsewhere}")
        assert changed.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute(f"SELECT acsrv_replace_name_tokens({elsewhere}, '{{}}')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("UPDATE visitor SET acsrv_centres = '{1,2,3,4}'")
    assert names == {"Personne-luc"}
    assert "luc" in words and "marie" not in words
    with psycopg.connect(dsn(server, "paul", PASSWORD), autocommit=True) as connection:
        everyone = {row[0] for row in connection.execute("SELECT last_name FROM visitor")}
    assert everyone == {"Personne-luc", "Personne-marie"}


def test_someone_seen_elsewhere_is_found_by_full_name_traced_then_welcomed(
    server, accounts, two_centres, centres
):
    personal, luc = accounts.open_session("luc", PASSWORD)
    try:
        people = VisitorService(personal, luc)
        assert [v.last_name for v in people.lookup("personne")] == ["Personne-luc"]
        with pytest.raises(UserFacingError, match="en entier"):
            people.find_elsewhere("Zoé", "", None)
        assert people.find_elsewhere("Zoé", "Personne-Marie", 1960) == []  # not that year
        (found,) = people.find_elsewhere("zoe", "PERSONNE-MARIE", 1981)
        assert found.display_name == "Zoé P." and found.birth_year == 1980
        assert found.centres is not None and found.last_seen_at is not None
        welcomed = people.welcome(found.visitor_id)
        assert welcomed.last_name == "Personne-marie"
        assert {v.last_name for v in people.lookup("personne")} == {
            "Personne-luc",
            "Personne-marie",
        }
    finally:
        personal.dispose()
    with server.read() as session:
        traced = session.execute(
            text(
                "SELECT actor, action, details::text FROM audit_entry WHERE action IN "
                "('recherche-ailleurs', 'fiche-accueillie') ORDER BY id"
            )
        ).all()
    assert [(who, what) for who, what, _ in traced] == [
        ("luc", "recherche-ailleurs"),
        ("luc", "recherche-ailleurs"),
        ("luc", "fiche-accueillie"),
    ]
    assert '"trouvees" : 1' in traced[1][2] or '"trouvees": 1' in traced[1][2]


def test_coordination_erases_through_the_owners_function_only(server, accounts, two_centres):
    from acsrv_desktop.core.privacy import erase

    elsewhere = _visitor_id(server, "Personne-marie")
    for login, statement in (
        ("paul", f"DELETE FROM visitor WHERE id = {elsewhere}"),
        ("marie", f"SELECT acsrv_delete_visitor({elsewhere})"),  # accueil: not even so
    ):
        with psycopg.connect(dsn(server, login, PASSWORD), autocommit=True) as connection:
            assert _refused(connection, statement), (login, statement)
    personal, paul = accounts.open_session("paul", PASSWORD)
    try:
        assert erase(personal, paul, elsewhere) == 1  # its visit kept, anonymous
    finally:
        personal.dispose()
    with server.read() as session:
        assert (
            session.execute(
                text("SELECT count(*) FROM visitor WHERE id = :i"), {"i": elsewhere}
            ).scalar()
            == 0
        )


def test_the_retention_purge_forgets_only_anonymised_records_words(server, accounts, two_centres):
    """Administration's purge removes the lookup's words of the records it anonymised,
    through the owner's acsrv_forget_name_tokens; nobody else's words go, and no other role
    may call it."""
    from acsrv_desktop.core.privacy import purge

    marie_id = _visitor_id(server, "Personne-marie")
    luc_id = _visitor_id(server, "Personne-luc")

    def words(visitor_id: int) -> int:
        with server.server.read() as session:  # as the owner: every centre's rows
            statement = text("SELECT count(*) FROM visitor_name_token WHERE visitor_id = :i")
            return int(session.execute(statement, {"i": visitor_id}).scalar_one())

    assert words(marie_id) and words(luc_id)
    for login in ("marie", "paul"):
        with psycopg.connect(dsn(server, login, PASSWORD), autocommit=True) as connection:
            assert _refused(connection, f"SELECT acsrv_forget_name_tokens(ARRAY[{marie_id}])")
    with psycopg.connect(dsn(server, "direction", PASSWORD), autocommit=True) as connection:
        row = connection.execute(f"SELECT acsrv_forget_name_tokens(ARRAY[{marie_id}])").fetchone()
    assert row == (0,) and words(marie_id)  # not anonymised: kept
    personal, direction = accounts.open_session("direction", PASSWORD)
    try:
        # Seen today: due only in a year and a half, with the shortest retention (6 months).
        later = datetime.now(UTC).replace(year=datetime.now(UTC).year + 2)
        assert purge(personal, direction, now=later).anonymised == 2
    finally:
        personal.dispose()
    assert words(marie_id) == words(luc_id) == 0
