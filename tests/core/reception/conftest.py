from __future__ import annotations

import pytest

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.reception.referrals import ReferralService
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitService

ADMIN = Actor.system("tests")


@pytest.fixture
def visitors(database) -> VisitorService:
    return VisitorService(database, ADMIN)


@pytest.fixture
def visits(database) -> VisitService:
    return VisitService(database, ADMIN)


@pytest.fixture
def referrals(database) -> ReferralService:
    return ReferralService(database, ADMIN)


@pytest.fixture
def centre_id(database) -> int:
    return CentreService(database).centres()[0].id
