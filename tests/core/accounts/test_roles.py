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
from acsrv_desktop.core.errors import UserFacingError
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


def test_accueil_logs_visits_at_its_own_centre_only(connected_as, staff, centres):
    marie = staff[Role.ACCUEIL]
    visits = VisitService(connected_as(marie), marie)
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
    other = VisitService(
        connected_as(staff[Role.COORDINATION]), staff[Role.COORDINATION]
    ).log_visit(_visit(centres[1]))
    # Refused by the application (SQLite) or not even seen (the server's row-level security).
    with pytest.raises(UserFacingError, match="votre centre|n’existe pas"):
        visits.cancel(other)


def test_accueil_sees_its_own_centres_referrals_only(connected_as, staff, centres):
    marie = staff[Role.ACCUEIL]
    referrals = ReferralService(connected_as(marie), marie)
    assert referrals.find(ReferralFilter(centre_id=centres[0])) == []
    with pytest.raises(AccessDeniedError):
        referrals.find(ReferralFilter(centre_id=centres[1]))
    with pytest.raises(AccessDeniedError):
        referrals.find()  # every centre
    assert (
        ReferralService(connected_as(staff[Role.COORDINATION]), staff[Role.COORDINATION]).find()
        == []
    )


def test_accueil_is_refused_figures_erasure_catalogue_accounts_audit_and_settings(
    connected_as, staff, centres
):
    marie = staff[Role.ACCUEIL]
    person = VisitorService(connected_as(marie), marie).create(VisitorInput("Léa", "Martin", 1990))
    refused = [
        lambda: compute(connected_as(marie), marie, THIS_MONTH),
        lambda: erase(connected_as(marie), marie, person.id),
        lambda: purge(connected_as(marie), marie, dry_run=True),
        lambda: CatalogueService(connected_as(marie), marie).set_entry_active(
            "court-circuit", False
        ),
        lambda: AccountService(connected_as(marie)).accounts(marie),
        lambda: AuditService(connected_as(marie), marie).entries(),
        lambda: RETENTION_MONTHS.set(connected_as(marie), marie, 12),
        lambda: VisitorService(connected_as(marie), marie).merge(person.id, person.id + 1),
    ]
    for action in refused:
        with pytest.raises(AccessDeniedError, match="Votre rôle \\(Accueil\\)"):
            action()
    # …but a person's data can be corrected from the desk.
    VisitorService(connected_as(marie), marie).update(
        person.id, VisitorInput("Léa", "Martin", 1991)
    )


def test_coordination_has_figures_and_all_centres_but_no_administration(
    connected_as, staff, centres
):
    paul = staff[Role.COORDINATION]
    VisitService(connected_as(paul), paul).log_visit(_visit(centres[1]))
    assert (
        VisitService(connected_as(paul), paul).day(
            None, datetime.now(PARIS).date() - timedelta(days=40)
        )
        == []
    )
    assert compute(connected_as(paul), paul, THIS_MONTH).visits == 1
    person = VisitorService(connected_as(paul), paul).create(VisitorInput("Léa", "Martin", 1990))
    assert erase(connected_as(paul), paul, person.id) == 0
    for action in (
        lambda: purge(connected_as(paul), paul),
        lambda: CatalogueService(connected_as(paul), paul).set_entry_active("court-circuit", False),
        lambda: AccountService(connected_as(paul)).accounts(paul),
        lambda: AuditService(connected_as(paul), paul).entries(),
        lambda: IDLE_LOCK_MINUTES.set(connected_as(paul), paul, 10),
    ):
        with pytest.raises(AccessDeniedError, match="Votre rôle \\(Coordination\\)"):
            action()


def test_administration_does_everything(connected_as, staff):
    admin = staff[Role.ADMINISTRATION]
    assert purge(connected_as(admin), admin, dry_run=True).anonymised == 0
    catalogue = CatalogueService(connected_as(admin), admin)
    catalogue.set_entry_active("court-circuit", False)
    catalogue.set_entry_active("court-circuit", True)
    logins = {a.login for a in AccountService(connected_as(admin)).accounts(admin)}
    assert {"direction", "marie", "paul"} <= logins
    IDLE_LOCK_MINUTES.set(connected_as(admin), admin, 10)
    assert IDLE_LOCK_MINUTES.get(connected_as(admin)) == 10
    assert AuditService(connected_as(admin), admin).entries()


def test_catalogue_edits_without_an_actor_are_refused(database):
    with pytest.raises(AccessDeniedError, match="compte d’administration"):
        CatalogueService(database).set_entry_active("court-circuit", False)


def test_accueil_hands_over_its_own_centres_part_of_a_persons_data(connected_as, staff, centres):
    from acsrv_desktop.core.reception.person_data import person_data

    marie, paul = staff[Role.ACCUEIL], staff[Role.COORDINATION]
    person = VisitorService(connected_as(marie), marie).create(VisitorInput("Léa", "Martin", 1990))
    for actor, centre, note in ((marie, centres[0], "ici"), (paul, centres[1], "Confidentiel")):
        VisitService(connected_as(actor), actor).log_visit(
            _visit(centre, visitor_id=person.id, note=note, programmes=("court-circuit",))
        )
    mine = person_data(connected_as(marie), marie, person.id)
    assert [v["Note"] for v in mine.visits] == ["ici"] and len(mine.referrals) == 1
    assert "seulement" in mine.scope and "Confidentiel" not in mine.as_json() + mine.html()
    everything = person_data(connected_as(paul), paul, person.id)
    assert len(everything.visits) == 2 and everything.scope == ""
