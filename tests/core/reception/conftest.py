from __future__ import annotations

import pytest
from staff import first_administrator

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.reception.referrals import ReferralService
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitService

ADMIN = Actor.system("tests")
PASSWORD = "Accueil-Denain-2026"  # tests/conftest.py's STAFF_PASSWORD


@pytest.fixture
def administrator(database, database_actor) -> Actor:
    return first_administrator(
        AccountService(database), database_actor, "direction", "Direction", PASSWORD
    )


def _signed_in(database, connected_as, admin, data: AccountInput) -> tuple[Database, Actor]:
    accounts = AccountService(database)
    accounts.create(admin, data, PASSWORD)
    actor = accounts.sign_in(data.login, PASSWORD)
    return connected_as(actor), actor


@pytest.fixture
def desk(database, connected_as, administrator, centre_id) -> tuple[Database, Actor]:
    """The reception desk of the first centre: an accueil account of that centre, acting
    through its own login on the server (what row-level security lets it see and write)."""
    data = AccountInput("agent", "Agent d’accueil", Role.ACCUEIL, centre_id)
    return _signed_in(database, connected_as, administrator, data)


@pytest.fixture
def coordination(database, connected_as, administrator) -> tuple[Database, Actor]:
    """The federation's coordination: every centre's referrals, merging records."""
    data = AccountInput("coordination", "Coordination", Role.COORDINATION, None)
    return _signed_in(database, connected_as, administrator, data)


@pytest.fixture
def visitors(desk) -> VisitorService:
    return VisitorService(*desk)


@pytest.fixture
def visits(desk) -> VisitService:
    return VisitService(*desk)


@pytest.fixture
def referrals(coordination) -> ReferralService:
    """Followed across the centres (Orientations, as coordination)."""
    return ReferralService(*coordination)


@pytest.fixture
def centre_id(database) -> int:
    return CentreService(database).centres()[0].id
