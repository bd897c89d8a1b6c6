"""Issue 17: referrals that come back — the details the person agrees to give at the desk,
the référent de programme's list and answers, « à relancer » after 10 days, « expirée »
after 30; on both backends (on the server each acts through its own login)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from acsrv_desktop.core.accounts.audit import AuditFilter, AuditService
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Role
from acsrv_desktop.core.accounts.service import AccountError, AccountInput, AccountService
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Referral
from acsrv_desktop.core.reception import loop, referrals
from acsrv_desktop.core.reception.contact_details import ContactInput
from acsrv_desktop.core.reception.loop import REFERENT_COLUMNS, ReferralLoopService
from acsrv_desktop.core.reception.profile import FieldErrors, VisitorInput
from acsrv_desktop.core.reception.references import ALPHABET, normalised, shown
from acsrv_desktop.core.reception.referrals import (
    EXPIRED,
    TO_REMIND,
    TRANSITIONS,
    ReferralFilter,
    ReferralService,
)
from acsrv_desktop.core.reception.visits import VisitInput
from acsrv_desktop.core.server.functions import ANSWER_TRANSITIONS

from .conftest import PASSWORD, _signed_in

NOW = datetime.now(UTC).replace(microsecond=0)
FORUM, CITES = "forum-citoyen", "cites-lab"
LEA = VisitorInput("Léa", "Martin", 1990, commune="Denain")
DETAILS = ContactInput(True, "telephone", "0612345678", None, "le matin, sauf le mercredi")


@pytest.fixture
def referent(database, connected_as, administrator) -> ReferralLoopService:
    """The référente of Forum Citoyen, through her own login on the server."""
    data = AccountInput("referente", "Référente Forum", Role.REFERENT, None, programmes=(FORUM,))
    return ReferralLoopService(*_signed_in(database, connected_as, administrator, data))


@pytest.fixture
def desk_referrals(desk) -> ReferralService:
    return ReferralService(*desk)


def _log(visits, centre_id, contact=DETAILS, messages=None, programmes=(FORUM, CITES)) -> int:
    return visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            ("remobilisation", "difficultes-financieres"),  # the second is no référent's
            "note de l’accueil, jamais montrée au référent",
            visitor=LEA,
            programmes=programmes,
            contact=contact,
            messages=messages if messages is not None else {FORUM: "Rappeler plutôt le matin."},
        )
    )


def _age_referrals(owner_database, days: int) -> None:
    """Every referral made ``days`` ago (as IT would find them later)."""
    then = NOW - timedelta(days=days)
    with owner_database.write() as session:
        session.execute(
            text("UPDATE referral SET created_at = :t"),
            {"t": then.replace(tzinfo=None) if owner_database.is_sqlite else then},
        )


def test_the_details_are_kept_with_consent_only(visits, centre_id, owner_database):
    with pytest.raises(FieldErrors) as refused:
        _log(visits, centre_id, ContactInput(False, "telephone", "06 12 34 56 78"))
    assert "contact_consent" in refused.value.errors
    with pytest.raises(FieldErrors) as refused:  # a message is the person's too
        _log(visits, centre_id, None, {FORUM: "Personne en difficulté"})
    assert "contact_consent" in refused.value.errors
    with pytest.raises(FieldErrors) as refused:
        _log(visits, centre_id, ContactInput(True, "courriel", None, "pas-une-adresse"))
    assert set(refused.value.errors) == {"contact_email"}
    with pytest.raises(FieldErrors) as refused:
        _log(visits, centre_id, ContactInput(True, "telephone", "12 34"))
    assert "10 chiffres" in refused.value.errors["contact_phone"]
    _log(visits, centre_id, None, {})  # nothing given: nothing asked
    _log(visits, centre_id)
    with owner_database.read() as session:
        rows = session.scalars(select(Referral).order_by(Referral.id)).all()
        kept = [
            (r.programme_id, r.consent, r.contact_preference, r.contact_phone, r.message)
            for r in rows
        ]
    assert kept == [
        (FORUM, False, None, None, None),
        (CITES, False, None, None, None),
        (FORUM, True, "telephone", "06 12 34 56 78", "Rappeler plutôt le matin."),
        (CITES, True, "telephone", "06 12 34 56 78", None),
    ]
    # The database refuses details without consent, whatever wrote them.
    with pytest.raises(Exception, match="contact_consent"), owner_database.write() as session:
        session.execute(text("UPDATE referral SET consent = false WHERE message IS NOT NULL"))


def test_each_referral_has_a_short_reference_to_quote_on_the_phone(
    visits, centre_id, desk_referrals
):
    _log(visits, centre_id)
    rows = desk_referrals.find(ReferralFilter(centre_id=centre_id))
    references = {row.reference for row in rows}
    assert len(references) == 2
    for reference in references:
        assert len(reference) == 8 and set(reference) <= set(ALPHABET)
        said = shown(reference).lower().replace("-", " - ")  # as typed back, roughly
        assert normalised(said) == reference
        (found,) = desk_referrals.find(ReferralFilter(centre_id=centre_id, reference=said))
        assert found.reference == reference
    assert normalised("0O1I-LUV5") is None  # letters that are misheard: none in a reference


def test_a_referent_sees_only_its_programmes_referrals_to_handle_first(visits, centre_id, referent):
    _log(visits, centre_id)
    (row,) = referent.referrals()  # Forum's, not Cités Lab's
    assert row.programme_id == FORUM and row.first_name == "Léa"
    assert row.contact_phone == "06 12 34 56 78" and row.availability.startswith("le matin")
    assert row.message == "Rappeler plutôt le matin."
    # The need Forum Citoyen answers (its thématiques are in « remobilisation »), not the
    # person's debts.
    assert row.needs == ("remobilisation",)
    assert row.status_label() == "proposée" and row.handled_at is None
    assert set(vars(row)) == set(REFERENT_COLUMNS)  # nothing else of the person or visit
    assert [programme for programme, _name in referent.programmes()] == [FORUM]


def test_the_referents_answer_is_dated_traced_and_seen_at_the_desk(
    visits, centre_id, referent, desk_referrals, database
):
    _log(visits, centre_id)
    (row,) = referent.referrals()
    referent.answer(row.id, "contact-pris")
    (answered,) = referent.referrals()
    assert answered.status == "contact-pris" and answered.handled_at is not None
    first_answer = answered.handled_at
    referent.answer(row.id, "refusee", reason="deja-accompagne", note="Déjà suivie en 2025.")
    seen = {r.id: r for r in desk_referrals.find(ReferralFilter(centre_id=centre_id))}
    assert seen[row.id].status_label() == "refusée (déjà accompagné·e)"
    assert seen[row.id].handled_at == first_answer  # the first answer's date stays
    assert seen[row.id].handled_by == "referente"
    with pytest.raises(UserFacingError, match="ne peut pas passer"):
        referent.answer(row.id, "terminee")
    with pytest.raises(UserFacingError, match="pourquoi"):
        referent.answer(row.id, "refusee")
    others = [r.id for r in seen.values() if r.id != row.id]
    with pytest.raises(AccessDeniedError, match="vos programmes"):
        referent.answer(others[0], "acceptee")
    entries = AuditService(database.server, Actor.system("tests")).entries(
        AuditFilter(action="orientation-repondue")
    )
    assert [(e.actor, e.details.get("statut")) for e in entries] == [
        ("referente", "refusee"),
        ("referente", "contact-pris"),
    ]


def test_unanswered_after_10_days_is_to_remind_after_30_expired(
    visits, centre_id, referent, desk_referrals, owner_database, monkeypatch
):
    _log(visits, centre_id)
    (row,) = referent.referrals()
    assert row.shown_status(NOW + timedelta(days=9)) == "proposee"
    assert row.shown_status(NOW + timedelta(days=11)) == TO_REMIND
    assert row.shown_status(NOW + timedelta(days=31)) == EXPIRED
    # The clock moved on 11 days: shown so to the référent and to the centre that sent it.
    later = NOW + timedelta(days=11)
    for module in (loop, referrals):
        monkeypatch.setattr(module, "utc_now", lambda: later)
    (row,) = referent.referrals()
    assert row.status_label() == "à relancer" and referent.to_remind_count() == 1
    monkeypatch.undo()
    _age_referrals(owner_database, 11)  # and found so by the desk's query, today
    to_remind = desk_referrals.find(ReferralFilter(status=TO_REMIND, centre_id=centre_id))
    assert {r.programme_id for r in to_remind} == {FORUM, CITES}
    referent.answer(row.id, "contact-pris")  # answered: no longer to remind
    assert referent.to_remind_count() == 0
    to_remind = desk_referrals.find(ReferralFilter(status=TO_REMIND, centre_id=centre_id))
    assert [r.programme_id for r in to_remind] == [CITES]
    _age_referrals(owner_database, 31)
    assert {r.shown_status() for r in referent.referrals()} == {EXPIRED}


def test_a_referent_has_no_desk_records_or_figures(referent):
    services_refused = ReferralService(referent.db, referent.actor)
    with pytest.raises(AccessDeniedError, match="Référent de programme"):
        services_refused.find(ReferralFilter())


def test_a_referent_account_needs_programmes_of_the_catalogue(database, administrator, centre_id):
    accounts = AccountService(database)
    with pytest.raises(AccountError, match="au moins un programme"):
        accounts.create(
            administrator, AccountInput("ref.a", "Réf A", Role.REFERENT, None), PASSWORD
        )
    with pytest.raises(AccountError, match="Programme inconnu du catalogue : « nulle-part »"):
        data = AccountInput("ref.b", "Réf B", Role.REFERENT, None, programmes=("nulle-part",))
        accounts.create(administrator, data, PASSWORD)
    data = AccountInput("ref.c", "Réf C", Role.REFERENT, None, programmes=(FORUM,))
    account_id = accounts.create(administrator, data, PASSWORD)
    accounts.set_programmes(administrator, account_id, (FORUM, CITES))
    (view,) = [a for a in accounts.accounts(administrator) if a.id == account_id]
    assert view.programmes == (CITES, FORUM) and view.role == Role.REFERENT
    with pytest.raises(AccountError, match="au moins un programme"):
        accounts.set_programmes(administrator, account_id, ())
    # Another role: no programmes (they are removed with the role).
    accounts.update(
        administrator, account_id, AccountInput("ref.c", "Réf C", Role.ACCUEIL, centre_id)
    )
    (view,) = [a for a in accounts.accounts(administrator) if a.id == account_id]
    assert view.programmes == ()


def test_the_servers_transitions_are_the_applications():
    pairs = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert pairs == set(ANSWER_TRANSITIONS)
