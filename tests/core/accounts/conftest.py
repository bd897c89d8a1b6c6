from __future__ import annotations

import pytest
from staff import first_administrator

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.centres import CentreService

PASSWORD = "Accueil-Denain-2026"  # tests/conftest.py's STAFF_PASSWORD


@pytest.fixture
def accounts(database) -> AccountService:
    return AccountService(database)


@pytest.fixture
def centres(database) -> list[int]:
    return [c.id for c in CentreService(database).centres()][:2]


@pytest.fixture
def staff(accounts, centres, database_actor) -> dict[Role, Actor]:
    """One signed-in actor per role: the administrator made by the set-up wizard (on the
    server: by the administration login the tests sign in with), then the accounts it
    creates. Each acts through its own login: ``connected_as(actor)``."""
    admin = first_administrator(accounts, database_actor, "direction", "Claire Direction", PASSWORD)
    for login, role in (("marie", Role.ACCUEIL), ("paul", Role.COORDINATION)):
        accounts.create(admin, AccountInput(login, login.title(), role, centres[0]), PASSWORD)
    return {
        Role.ADMINISTRATION: admin,
        Role.ACCUEIL: accounts.sign_in("marie", PASSWORD),
        Role.COORDINATION: accounts.sign_in("paul", PASSWORD),
    }


@pytest.fixture
def sqlite_only(database) -> None:
    """For what only the application's local accounts do (an SQLite database's)."""
    if not database.is_sqlite:
        pytest.skip("local accounts (on the server, PostgreSQL checks the passwords)")
