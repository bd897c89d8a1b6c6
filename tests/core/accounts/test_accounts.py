"""Accounts on a real database: first administrator, sign-in, growing delay, rehash, management."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.server_logins import SERVER_CHECKED
from acsrv_desktop.core.accounts.service import (
    AccountError,
    AccountInput,
    AccountService,
    SignInError,
    delay_after,
)
from acsrv_desktop.core.models import AuditEntry, StaffAccount

from .conftest import PASSWORD

# The application's own count of failures and growing delay, and its argon2 hashes: an SQLite
# database's. On the shared server PostgreSQL checks passwords and slows failures down itself
# (auth_delay): tests/core/accounts/test_server_logins.py.
local_accounts = pytest.mark.usefixtures("sqlite_only")


@pytest.fixture
def first_start(database_before_any_account) -> AccountService:
    """The accounts of a database without any yet: the set-up wizard's first start (SQLite),
    ``server init`` making the first administrator as the owner (the server)."""
    return AccountService(database_before_any_account)


def test_the_first_administrator_is_created_once(first_start):
    accounts = first_start
    assert not accounts.has_accounts()
    admin = accounts.create_first_administrator("Direction", "Claire", PASSWORD, None)
    assert admin.role is Role.ADMINISTRATION and admin.login == "direction"
    assert accounts.has_accounts()
    with pytest.raises(AccountError, match="déjà été créé"):
        accounts.create_first_administrator("autre", "Autre", PASSWORD, None)


def test_a_weak_password_or_a_bad_login_is_refused_and_nothing_is_written(first_start):
    accounts = first_start
    with pytest.raises(AccountError, match="trop faible") as error:
        accounts.create_first_administrator("direction", "Claire", "motdepasse", None)
    assert error.value.field == "password"
    with pytest.raises(AccountError, match="Identifiant") as error:
        accounts.create_first_administrator("é l'admin; DROP TABLE", "Claire", PASSWORD, None)
    assert error.value.field == "login"
    assert not accounts.has_accounts()


def test_passwords_are_never_stored_or_logged_in_clear(first_start, caplog):
    accounts, database = first_start, first_start.db
    caplog.set_level(logging.DEBUG)
    accounts.create_first_administrator("direction", "Claire", PASSWORD, None)
    with pytest.raises(SignInError):
        accounts.sign_in("direction", "Mauvais-Essai-2026")
    accounts.sign_in("direction", PASSWORD)
    with database.read() as session:
        stored = session.scalar(select(StaffAccount.password_hash))
        trail = [str(e.details) for e in session.scalars(select(AuditEntry))]
    # On the server the password is the PostgreSQL login's (a SCRAM verifier the server
    # keeps, tests/core/accounts/test_server_logins.py); nothing is kept in the table.
    expected = "$argon2id$" if database.is_sqlite else SERVER_CHECKED
    assert stored.startswith(expected) and PASSWORD not in stored
    assert not any(PASSWORD in t or "Mauvais" in t for t in trail)
    assert PASSWORD not in caplog.text and "Mauvais-Essai" not in caplog.text


def test_sign_in_gives_the_role_and_an_unknown_login_the_same_message(staff, accounts):
    actor = accounts.sign_in("  MARIE ", PASSWORD)
    assert actor.role is Role.ACCUEIL and actor.centre_id is not None
    with pytest.raises(SignInError) as wrong:
        accounts.sign_in("marie", "Pas-Le-Bon-2026")
    with pytest.raises(SignInError) as unknown:
        accounts.sign_in("personne", "Pas-Le-Bon-2026")
    assert str(wrong.value) == str(unknown.value) == "Identifiant ou mot de passe incorrect."


@local_accounts
def test_after_five_failures_the_delay_grows_and_a_success_resets_it(staff, accounts):
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    for _ in range(4):
        with pytest.raises(SignInError, match="incorrect.$"):
            accounts.sign_in("marie", "Mauvais-Essai-2026", now=now)
    with pytest.raises(SignInError, match="dans 30 secondes"):
        accounts.sign_in("marie", "Mauvais-Essai-2026", now=now)
    # Even the right password waits for the end of the delay.
    with pytest.raises(SignInError, match="Trop d’essais"):
        accounts.sign_in("marie", PASSWORD, now=now + timedelta(seconds=10))
    later = now + timedelta(seconds=31)
    with pytest.raises(SignInError, match="dans 60 secondes"):
        accounts.sign_in("marie", "Mauvais-Essai-2026", now=later)
    later += timedelta(seconds=61)
    with pytest.raises(SignInError, match="dans 2 minutes"):
        accounts.sign_in("marie", "Mauvais-Essai-2026", now=later)
    later += timedelta(minutes=2, seconds=1)
    assert accounts.sign_in("marie", PASSWORD, now=later).role is Role.ACCUEIL
    for _ in range(4):  # reset: four more failures cost nothing
        with pytest.raises(SignInError, match="incorrect.$"):
            accounts.sign_in("marie", "Mauvais-Essai-2026", now=later)
    assert delay_after(4) == timedelta(0) and delay_after(30) == timedelta(minutes=15)


@local_accounts
def test_a_hash_made_with_weaker_parameters_is_rehashed_at_sign_in(staff, accounts, database):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with database.write() as session:
        session.execute(
            update(StaffAccount).where(StaffAccount.login == "marie").values(password_hash=weak)
        )
    accounts.sign_in("marie", PASSWORD)
    with database.read() as session:
        stored = session.scalar(
            select(StaffAccount.password_hash).where(StaffAccount.login == "marie")
        )
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert accounts.sign_in("marie", PASSWORD).login == "marie"


def test_unlocking_needs_the_password_of_the_person_signed_in(staff, accounts):
    marie = staff[Role.ACCUEIL]
    accounts.unlock(marie, PASSWORD)
    with pytest.raises(SignInError):
        accounts.unlock(marie, "Pas-Le-Bon-2026")


def test_deactivated_accounts_cannot_sign_in_and_the_last_administrator_stays(
    staff, accounts, centres
):
    admin = staff[Role.ADMINISTRATION]
    marie = next(a for a in accounts.accounts(admin) if a.login == "marie")
    accounts.update(
        admin, marie.id, AccountInput("marie", "Marie", Role.ACCUEIL, centres[0], False)
    )
    with pytest.raises(SignInError):
        accounts.sign_in("marie", PASSWORD)
    with pytest.raises(AccountError, match="depuis un autre compte d’administration"):
        accounts.update(
            admin, admin.account_id, AccountInput("direction", "Claire", Role.COORDINATION, None)
        )
    with pytest.raises(AccountError, match="déjà pris"):
        accounts.create(
            admin, AccountInput("Marie", "Autre Marie", Role.ACCUEIL, centres[0]), PASSWORD
        )
    with pytest.raises(AccountError, match="rattaché à un centre"):
        accounts.create(admin, AccountInput("luc", "Luc", Role.ACCUEIL, None), PASSWORD)


def test_changing_ones_own_password_needs_the_current_one(staff, accounts):
    marie = staff[Role.ACCUEIL]
    with pytest.raises(AccountError, match="actuel"):
        accounts.set_password(marie, marie.account_id, "Nouveau-Mot-2026", "faux")
    accounts.set_password(marie, marie.account_id, "Nouveau-Mot-2026", PASSWORD)
    assert accounts.sign_in("marie", "Nouveau-Mot-2026").login == "marie"


@local_accounts
def test_attempts_made_in_parallel_are_counted_and_blocked_like_successive_ones(
    staff, accounts, database
):
    from concurrent.futures import ThreadPoolExecutor

    def attempt(_):
        try:
            accounts.sign_in("marie", "Mauvais-Essai-2026")
        except SignInError as exc:
            return str(exc)
        return "accepted"

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(attempt, range(20)))
    checked = [a for a in answers if not a.startswith("Trop d’essais")]
    assert "accepted" not in answers
    assert len(checked) == 5  # the 6th and later attempts wait, whatever their timing
    with database.read() as session:
        assert (
            session.scalar(
                select(StaffAccount.failed_attempts).where(StaffAccount.login == "marie")
            )
            == 5
        )  # no lost update


def test_a_deactivated_or_changed_account_acts_no_more(staff, accounts, database, centres):
    from acsrv_desktop.core.accounts.roles import AccessDeniedError
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    admin, marie = staff[Role.ADMINISTRATION], staff[Role.ACCUEIL]
    visit = VisitInput(centres[0], "sur-place", datetime.now(UTC), ("numerique",))
    VisitService(database, marie).log_visit(visit)
    marie_id = marie.account_id
    accounts.update(admin, marie_id, AccountInput("marie", "Marie", Role.ACCUEIL, centres[1]))
    assert not accounts.still_valid(marie)
    with pytest.raises(AccessDeniedError, match="reconnectez-vous"):
        VisitService(database, marie).log_visit(visit)
    with pytest.raises(SignInError, match="Vos droits ont changé"):
        accounts.unlock(marie, PASSWORD)
    accounts.update(
        admin, marie_id, AccountInput("marie", "Marie", Role.ACCUEIL, centres[0], False)
    )
    with pytest.raises(SignInError, match="désactivé"):
        accounts.unlock(marie, PASSWORD)
    with pytest.raises(AccountError, match="autre compte"):
        accounts.update(
            admin, admin.account_id, AccountInput("direction", "Claire", Role.ACCUEIL, centres[0])
        )


@local_accounts
def test_an_administrator_changing_their_own_password_gives_the_current_one(staff, accounts):
    admin = staff[Role.ADMINISTRATION]
    for _ in range(5):
        with pytest.raises(AccountError, match="actuel"):
            accounts.set_password(admin, admin.account_id, "Nouveau-Mot-2026", "devine")
    with pytest.raises(AccountError, match="Trop d’essais"):  # guesses are counted
        accounts.set_password(admin, admin.account_id, "Nouveau-Mot-2026", PASSWORD)


@pytest.mark.parametrize("login", ["\ud800", "ma\x00rie", "a" * 10_000, ""])
def test_hostile_logins_and_names_get_a_french_message(staff, accounts, centres, login):
    admin = staff[Role.ADMINISTRATION]
    with pytest.raises(SignInError):
        accounts.sign_in(login, "\ud800")
    with pytest.raises(AccountError):
        accounts.create(admin, AccountInput(login, "Nom", Role.ACCUEIL, centres[0]), PASSWORD)
    with pytest.raises(AccountError):
        accounts.create(
            admin, AccountInput("luc", login or " ", Role.ACCUEIL, centres[0]), PASSWORD
        )
    with pytest.raises(AccountError):
        accounts.create(admin, AccountInput("luc", "Lu\u2028c", Role.ACCUEIL, centres[0]), PASSWORD)
