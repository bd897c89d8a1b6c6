"""Each role's allowed and refused actions, called on the services directly (no GUI)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from acsrv_desktop.core.accounts.audit import AuditService
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Role
from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.attendance.figures import Period, compute
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.privacy import erase, purge
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.referrals import ReferralFilter, ReferralService
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.settings import IDLE_LOCK_MINUTES, RETENTION_MONTHS

NOW = datetime.now(UTC)
THIS_MONTH = Period.month(NOW.year, NOW.month)


def _visit(centre: int, **extra) -> VisitInput:
    return VisitInput(centre, "sur-place", NOW, ("numerique",), **extra)


def test_accueil_logs_visits_at_its_own_centre_only(database, staff, centres):
    marie = staff[Role.ACCUEIL]
    visits = VisitService(database, marie)
    visit_id = visits.log_visit(_visit(centres[0], visitor=VisitorInput("Léa", "Martin", 1990)))
    visits.update(visit_id, channel="telephone", occurred_at=NOW, needs=("numerique",), note=None)
    visits.cancel(visit_id)
    visits.restore(visit_id)
    assert [row.id for row in visits.day(centres[0], NOW.astimezone(PARIS).date())]
    with pytest.raises(AccessDeniedError, match="que pour votre centre"):
        visits.log_visit(_visit(centres[1]))
    with pytest.raises(AccessDeniedError, match="que pour votre centre"):
        visits.day(centres[1], datetime.now(PARIS).date())
    with pytest.raises(AccessDeniedError, match="que pour votre centre"):
        visits.day(None, datetime.now(PARIS).date())
    with pytest.raises(AccessDeniedError, match="passages du jour"):
        visits.day(centres[0], datetime.now(PARIS).date() - timedelta(days=3))
    other = VisitService(database, staff[Role.COORDINATION]).log_visit(_visit(centres[1]))
    with pytest.raises(AccessDeniedError):
        visits.cancel(other)


def test_accueil_sees_its_own_centres_referrals_only(database, staff, centres):
    marie = staff[Role.ACCUEIL]
    referrals = ReferralService(database, marie)
    assert referrals.find(ReferralFilter(centre_id=centres[0])) == []
    with pytest.raises(AccessDeniedError):
        referrals.find(ReferralFilter(centre_id=centres[1]))
    with pytest.raises(AccessDeniedError):
        referrals.find()  # every centre
    assert ReferralService(database, staff[Role.COORDINATION]).find() == []


def test_accueil_is_refused_figures_erasure_catalogue_accounts_audit_and_settings(
    database, staff, centres
):
    marie = staff[Role.ACCUEIL]
    person = VisitorService(database, marie).create(VisitorInput("Léa", "Martin", 1990))
    refused = [
        lambda: compute(database, marie, THIS_MONTH),
        lambda: erase(database, marie, person.id),
        lambda: purge(database, marie, dry_run=True),
        lambda: CatalogueService(database, marie).set_entry_active("court-circuit", False),
        lambda: AccountService(database).accounts(marie),
        lambda: AuditService(database, marie).entries(),
        lambda: RETENTION_MONTHS.set(database, marie, 12),
        lambda: VisitorService(database, marie).merge(person.id, person.id + 1),
    ]
    for action in refused:
        with pytest.raises(AccessDeniedError, match="Votre rôle \\(Accueil\\)"):
            action()
    # …but a person's data can be corrected from the desk.
    VisitorService(database, marie).update(person.id, VisitorInput("Léa", "Martin", 1991))


def test_coordination_has_figures_and_all_centres_but_no_administration(database, staff, centres):
    paul = staff[Role.COORDINATION]
    VisitService(database, paul).log_visit(_visit(centres[1]))
    assert (
        VisitService(database, paul).day(None, datetime.now(PARIS).date() - timedelta(days=40))
        == []
    )
    assert compute(database, paul, THIS_MONTH).visits == 1
    person = VisitorService(database, paul).create(VisitorInput("Léa", "Martin", 1990))
    assert erase(database, paul, person.id) == 0
    for action in (
        lambda: purge(database, paul),
        lambda: CatalogueService(database, paul).set_entry_active("court-circuit", False),
        lambda: AccountService(database).accounts(paul),
        lambda: AuditService(database, paul).entries(),
        lambda: IDLE_LOCK_MINUTES.set(database, paul, 10),
    ):
        with pytest.raises(AccessDeniedError, match="Votre rôle \\(Coordination\\)"):
            action()


def test_administration_does_everything(database, staff):
    admin = staff[Role.ADMINISTRATION]
    assert purge(database, admin, dry_run=True).anonymised == 0
    catalogue = CatalogueService(database, admin)
    catalogue.set_entry_active("court-circuit", False)
    catalogue.set_entry_active("court-circuit", True)
    assert len(AccountService(database).accounts(admin)) == 3
    IDLE_LOCK_MINUTES.set(database, admin, 10)
    assert IDLE_LOCK_MINUTES.get(database) == 10
    assert AuditService(database, admin).entries()


def test_catalogue_edits_without_an_actor_are_refused(database):
    with pytest.raises(AccessDeniedError, match="compte d’administration"):
        CatalogueService(database).set_entry_active("court-circuit", False)


def test_accueil_hands_over_its_own_centres_part_of_a_persons_data(database, staff, centres):
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.reception.person_data import person_data

    marie, paul = staff[Role.ACCUEIL], staff[Role.COORDINATION]
    bob = Actor(None, "bob", Role.ACCUEIL, centres[1])  # accueil of the other centre
    person = VisitorService(database, marie).create(VisitorInput("Léa", "Martin", 1990))
    for actor, centre, note in ((marie, centres[0], "ici"), (bob, centres[1], "Confidentiel")):
        VisitService(database, actor).log_visit(
            _visit(centre, visitor_id=person.id, note=note, programmes=("court-circuit",))
        )
    mine = person_data(database, marie, person.id)
    assert [v["Note"] for v in mine.visits] == ["ici"] and len(mine.referrals) == 1
    assert "seulement" in mine.scope and "Confidentiel" not in mine.as_json() + mine.html()
    everything = person_data(database, paul, person.id)
    assert len(everything.visits) == 2 and everything.scope == ""
