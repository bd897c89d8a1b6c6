"""One object holding every service for the signed-in actor (Qt-free).

Built once at sign-in — by the GUI (again on a change of user) and by the command line — and
handed to every screen and command: nothing else builds services for a person. Every service
takes the actor in its constructor, and every method that needs a permission calls
``self.actor.require(...)`` before anything else (``tests/core/test_services.py`` calls each
public method with actors that lack the permission, and checks that it refuses).
"""

from __future__ import annotations

from dataclasses import dataclass

from acsrv_desktop.core.accounts.audit import AuditService
from acsrv_desktop.core.accounts.roles import Actor, Permission, Role
from acsrv_desktop.core.accounts.service import AccountManagement
from acsrv_desktop.core.attendance.service import AttendanceService
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.maintenance import MaintenanceService
from acsrv_desktop.core.privacy import PrivacyService
from acsrv_desktop.core.reception.loop import ReferralLoopService
from acsrv_desktop.core.reception.person_data import PersonDataService
from acsrv_desktop.core.reception.referrals import ReferralService
from acsrv_desktop.core.reception.service import RoutingService
from acsrv_desktop.core.reception.slip import SlipService
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitService
from acsrv_desktop.core.settings import SettingsService


@dataclass(frozen=True)
class CatalogueReader(Actor):
    """Someone who may only read what is open to every role (the catalogue, the centres):
    the command line's ``search`` and ``route``, which nobody signs in for. Every
    permission is refused."""

    def can(self, permission: Permission) -> bool:
        return False

    @classmethod
    def anonymous(cls) -> CatalogueReader:
        return cls(None, "lecture du catalogue", Role.ACCUEIL)


class Services:
    """Every service, built for one actor."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.catalogue = CatalogueService(db, actor)
        self.routing = RoutingService(self.catalogue)
        self.centres = CentreService(db, actor)
        self.visitors = VisitorService(db, actor)
        self.visits = VisitService(db, actor)
        self.referrals = ReferralService(db, actor)
        self.referent = ReferralLoopService(db, actor)  # a référent de programme's referrals
        self.slips = SlipService(db, actor)
        self.person_data = PersonDataService(db, actor)
        self.privacy = PrivacyService(db, actor)
        self.attendance = AttendanceService(db, actor)
        self.accounts = AccountManagement(db, actor)
        self.audit = AuditService(db, actor)
        self.settings = SettingsService(db, actor)
        self.maintenance = MaintenanceService(db, actor)

    def __repr__(self) -> str:
        return f"Services({self.db!r}, {self.actor.login!r})"
