"""Accounts on the federation's server: each person signs in with their own PostgreSQL login
(SCRAM, over verified TLS); accounts are made, moved, reset and deactivated by the owner's
functions, which administration alone may call. Checked from outside the application with
psycopg and the server's catalogue."""

from __future__ import annotations

import time
from collections.abc import Callable

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.server_logins import SERVER_CHECKED
from acsrv_desktop.core.accounts.service import (
    WRONG_CREDENTIALS,
    AccountError,
    AccountInput,
    AccountService,
    SignInError,
)
from acsrv_desktop.core.database import Database

from .conftest import PASSWORD


@pytest.fixture
def server(database: Database) -> Database:
    if database.is_sqlite:
        pytest.skip("the federation's server (PostgreSQL logins)")
    return database


def dsn(db: Database, login: str, password: str, **extra: str) -> str:
    url = make_url(db.url.render_as_string(hide_password=False))
    params = {
        "host": url.host,
        "port": str(url.port or 5432),
        "dbname": url.database,
        "user": login,
        "password": password,
        "sslmode": url.query["sslmode"],
        "sslrootcert": url.query.get("sslrootcert", ""),
        **extra,
    }
    return " ".join(f"{key}='{value}'" for key, value in params.items() if value)


def as_superuser(postgresql_server_url: str | None) -> Callable[[str], object]:
    assert postgresql_server_url

    def scalar(sql: str) -> object:
        engine = create_engine(postgresql_server_url)
        try:
            with engine.connect() as connection:
                return connection.execute(text(sql)).scalar()
        finally:
            engine.dispose()

    return scalar


def test_each_person_works_through_their_own_login_over_verified_tls(
    server, accounts, staff, postgresql_server_url
):
    personal, actor = accounts.open_session("Marie", PASSWORD)
    try:
        assert actor.login == "marie" and actor.role is Role.ACCUEIL
        with personal.engine.connect() as connection:
            who, tls = connection.execute(
                text("SELECT session_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            ).one()
        assert (who, tls) == ("marie", True)
    finally:
        personal.dispose()
    superuser = as_superuser(postgresql_server_url)
    verifier = str(superuser("SELECT rolpassword FROM pg_authid WHERE rolname = 'marie'"))
    assert verifier.startswith("SCRAM-SHA-256$") and PASSWORD not in verifier
    with server.server.read() as session:  # as the owner: no staff login may read the column
        hashes = set(session.execute(text("SELECT password_hash FROM staff_account")).scalars())
    assert hashes == {SERVER_CHECKED}  # nothing the application could check, nor leak


def test_a_wrong_password_is_refused_by_the_server_and_slowed_down(
    server, accounts, staff, postgresql_server_url
):
    delay_ms = int(
        str(
            as_superuser(postgresql_server_url)(
                "SELECT setting FROM pg_settings WHERE name = 'auth_delay.milliseconds'"
            )
        )
    )
    started = time.perf_counter()
    with pytest.raises(SignInError) as wrong:
        accounts.sign_in("marie", "Pas-Le-Bon-2026")
    waited_ms = (time.perf_counter() - started) * 1000
    with pytest.raises(SignInError) as unknown:
        accounts.sign_in("personne", "Pas-Le-Bon-2026")
    assert str(wrong.value) == str(unknown.value) == WRONG_CREDENTIALS
    assert delay_ms > 0 and waited_ms >= delay_ms  # auth_delay: the server's own slow-down
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(dsn(server, "marie", "Pas-Le-Bon-2026")).close()


def test_a_connection_without_tls_is_refused(server, staff):
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn(server, "marie", PASSWORD, sslmode="disable")).close()
    psycopg.connect(dsn(server, "marie", PASSWORD)).close()  # the same, over TLS


def _login_state(db: Database, login: str) -> tuple[bool, list[str]]:
    with db.read() as session:
        row = session.execute(
            text(
                "SELECT rolcanlogin, ARRAY(SELECT g.rolname FROM pg_auth_members m JOIN "
                "pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) "
                "FROM pg_roles r WHERE rolname = :login"
            ),
            {"login": login},
        ).one()
    return bool(row[0]), list(row[1])


def test_deactivating_or_moving_an_account_changes_its_login(server, accounts, staff, centres):
    admin = staff[Role.ADMINISTRATION]
    marie = next(a for a in accounts.accounts(admin) if a.login == "marie")
    assert _login_state(server, "marie") == (True, ["acsrv_accueil"])
    accounts.update(
        admin, marie.id, AccountInput("marie", "Marie", Role.ACCUEIL, centres[0], False)
    )
    assert _login_state(server, "marie") == (False, ["acsrv_accueil"])  # NOLOGIN
    with pytest.raises(SignInError):
        accounts.sign_in("marie", PASSWORD)
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        psycopg.connect(dsn(server, "marie", PASSWORD)).close()
    accounts.update(admin, marie.id, AccountInput("marie", "Marie", Role.COORDINATION, None, True))
    assert _login_state(server, "marie") == (True, ["acsrv_coordination"])
    assert accounts.sign_in("marie", PASSWORD).role is Role.COORDINATION


def test_a_new_password_is_the_logins_and_the_session_goes_on(server, accounts, staff):
    personal, marie = accounts.open_session("marie", PASSWORD)
    try:
        own = AccountService(personal)
        with pytest.raises(AccountError, match="actuel"):
            own.set_password(marie, marie.account_id, "Nouveau-Mot-2026", "faux")
        own.set_password(marie, marie.account_id, "Nouveau-Mot-2026", PASSWORD)
        personal.engine.dispose()  # the next connection (after a server restart, say)
        with personal.engine.connect() as connection:
            assert connection.execute(text("SELECT session_user")).scalar() == "marie"
        own.unlock(marie, "Nouveau-Mot-2026")
        with pytest.raises(SignInError):
            own.unlock(marie, PASSWORD)
    finally:
        personal.dispose()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn(server, "marie", PASSWORD)).close()
    # An administrator resets it (no current password asked).
    admin = staff[Role.ADMINISTRATION]
    accounts.set_password(admin, marie.account_id, "Remis-A-Zero-2026")
    psycopg.connect(dsn(server, "marie", "Remis-A-Zero-2026")).close()


VERIFIER = "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"


@pytest.mark.parametrize("role", [Role.ACCUEIL, Role.COORDINATION])
def test_only_administration_may_call_the_account_functions(server, staff, role):
    login = {Role.ACCUEIL: "marie", Role.COORDINATION: "paul"}[role]
    admin_id = staff[Role.ADMINISTRATION].account_id
    with psycopg.connect(dsn(server, login, PASSWORD), autocommit=True) as connection:
        for statement in (
            f"SELECT acsrv_account_create('intrus', 'Intrus', 'administration', NULL, '{VERIFIER}')",
            f"SELECT acsrv_account_update({admin_id}, 'X', 'accueil', NULL, false)",
            f"SELECT acsrv_account_set_password({admin_id}, '{VERIFIER}')",
            "SELECT acsrv_purge_audit(400)",
            "UPDATE staff_account SET role = 'administration'",
            "ALTER ROLE CURRENT_USER CREATEROLE",
            "GRANT acsrv_administration TO CURRENT_USER",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    assert _login_state(server, login)[1] == [f"acsrv_{role}"]


def test_the_account_functions_take_no_password_in_clear(server, staff):
    with psycopg.connect(dsn(server, "direction", PASSWORD), autocommit=True) as connection:
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            connection.execute(
                "SELECT acsrv_account_create('luc', 'Luc', 'accueil', NULL, 'motdepasse')"
            )
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            connection.execute(
                f"SELECT acsrv_account_create('Luc; DROP', 'Luc', 'accueil', NULL, '{VERIFIER}')"
            )


def test_a_login_without_an_account_is_told_so(server, accounts, postgresql_owner):
    # The owner (IT) has a login but no account: it does not work at a desk.
    with pytest.raises(SignInError, match="pas celui d’un compte actif"):
        accounts.sign_in(postgresql_owner, "")
