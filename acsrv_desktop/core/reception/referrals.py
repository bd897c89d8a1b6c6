"""Referrals (orientations): their life from proposed to finished, and the list staff follow.

The statuses and refusal reasons follow DORA's (the national referral platform), each of ours
mapped onto theirs below: a referral is « proposée » until the programme's contact answers
(« contact pris », « acceptée », « refusée » with a reason from a fixed list, then
« terminée »); with no answer after 10 days it shows « à relancer », and an open one after 30
days « expirée » (both shown, never stored: they follow from the dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.clock import paris_day_bounds, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Centre, Contact, Programme, Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import MAX_NOTE
from acsrv_desktop.core.reception.references import normalised
from acsrv_desktop.core.reception.visitors import visitor_label
from acsrv_desktop.core.text import quoted
from acsrv_desktop.core.vocabulary import ReferralStatus, RefusalReason

S, R = ReferralStatus, RefusalReason
STATUSES: dict[str, str] = {
    S.PROPOSEE: "proposée",
    S.CONTACT_PRIS: "contact pris",
    S.ACCEPTEE: "acceptée",
    S.REFUSEE: "refusée",
    S.TERMINEE: "terminée",
}
EXPIRED = "expiree"
EXPIRED_LABEL = "expirée"
TO_REMIND = "a-relancer"
TO_REMIND_LABEL = "à relancer"
OPEN_STATUSES: tuple[str, ...] = (S.PROPOSEE, S.CONTACT_PRIS)
EXPIRY = timedelta(days=30)
REMINDER = timedelta(days=10)  # DORA reminds the receiving service after 10 days
REFUSAL_REASONS: dict[str, str] = {
    R.NON_JOIGNABLE: "non joignable",
    R.NON_ELIGIBLE: "non éligible",
    R.NON_INTERESSE: "non intéressé",
    R.SESSION_COMPLETE: "session complète",
    R.DEJA_ACCOMPAGNE: "déjà accompagné·e",
    R.AUTRE: "autre",
}
# DORA's statuses (Orientation.status) for ours: DORA has one « OUVERTE » for what is open,
# « VALIDÉE » once accepted, and closes an unanswered one as « EXPIRÉE » after 30 days.
DORA_STATUSES: dict[str, str] = {
    S.PROPOSEE: "OUVERTE",
    S.CONTACT_PRIS: "OUVERTE",  # « en cours de traitement »
    S.ACCEPTEE: "VALIDÉE",
    S.REFUSEE: "REFUSÉE",
    S.TERMINEE: "VALIDÉE",  # DORA does not follow the programme further than accepted
    "expiree": "EXPIRÉE",
}
# DORA's refusal reasons (« motifs de refus », by their meaning) for ours, so that our
# figures read as theirs. Several of DORA's may fall under « autre » here.
DORA_REFUSAL_REASONS: dict[str, str] = {
    R.NON_JOIGNABLE: "bénéficiaire injoignable",
    R.NON_ELIGIBLE: "bénéficiaire non éligible (critères non remplis)",
    R.NON_INTERESSE: "bénéficiaire non intéressé / refus de l’accompagnement",
    R.SESSION_COMPLETE: "plus de place disponible (service complet)",
    R.DEJA_ACCOMPAGNE: "déjà accompagné par la structure (doublon)",
    R.AUTRE: "autre",
}
# Where each status may go next (staff may also correct a mistake by going back one step).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.PROPOSEE: (S.CONTACT_PRIS, S.ACCEPTEE, S.REFUSEE),
    S.CONTACT_PRIS: (S.ACCEPTEE, S.REFUSEE, S.PROPOSEE),
    S.ACCEPTEE: (S.TERMINEE, S.REFUSEE, S.CONTACT_PRIS),
    S.REFUSEE: (S.CONTACT_PRIS,),
    S.TERMINEE: (S.ACCEPTEE,),
}
del S, R


def shown_status(
    status: str, created_at: datetime, handled_at: datetime | None, now: datetime | None = None
) -> str:
    """The status to display: an open referral older than 30 days is « expirée »; one still
    unanswered (« proposée », no first answer) after 10 days is « à relancer »."""
    now = now or utc_now()
    if status in OPEN_STATUSES and now - created_at > EXPIRY:
        return EXPIRED
    if status == ReferralStatus.PROPOSEE and handled_at is None and now - created_at > REMINDER:
        return TO_REMIND
    return status


def status_label(status: str, refusal_reason: str | None = None) -> str:
    """The French label of a shown status (``shown_status``), with the refusal's reason."""
    label = {EXPIRED: EXPIRED_LABEL, TO_REMIND: TO_REMIND_LABEL}.get(status) or STATUSES[status]
    if status == ReferralStatus.REFUSEE and refusal_reason:
        label += f" ({REFUSAL_REASONS.get(refusal_reason, refusal_reason)})"
    return label


def check_answer(status: str, reason: str | None, note: str | None) -> None:
    """A status, its reason and comment as the desk or the contact give them."""
    if status not in STATUSES:
        raise UserFacingError(f"Statut inconnu : {quoted(status)}")
    if status == ReferralStatus.REFUSEE and reason not in REFUSAL_REASONS:
        raise UserFacingError("Indiquez pourquoi l’orientation est refusée.")
    if note and len(note) > MAX_NOTE:
        raise UserFacingError(
            f"Commentaire trop long ({len(note)} caractères, {MAX_NOTE} au plus)."
        )


def check_transition(current: str, status: str) -> None:
    if status != current and status not in TRANSITIONS[current]:
        raise UserFacingError(
            f"Une orientation « {STATUSES[current]} » ne peut pas passer à « {STATUSES[status]} »."
        )


def answer(referral: Referral, status: str, reason: str | None, note: str | None, who: str) -> None:
    """The referral's new status (checked with ``check_answer``); its first answer dated."""
    check_transition(referral.status, status)
    now = utc_now()
    referral.status = status
    referral.refusal_reason = reason if status == ReferralStatus.REFUSEE else None
    if status == ReferralStatus.REFUSEE:
        referral.refusal_note = note or None
    referral.status_changed_at, referral.status_changed_by = now, who
    if referral.handled_at is None and status != ReferralStatus.PROPOSEE:
        referral.handled_at, referral.handled_by = now, who


@dataclass(frozen=True)
class ReferralRow:
    id: int
    created_at: datetime
    status: str
    refusal_reason: str | None
    refusal_note: str | None
    programme_id: str
    programme_name: str
    contact_name: str | None
    contact_phone: str | None
    contact_email: str | None
    centre_id: int
    centre_name: str
    visitor: str
    visit_id: int
    reasons: tuple[str, ...]
    reference: str = ""
    handled_at: datetime | None = None
    handled_by: str | None = None

    def shown_status(self, now: datetime | None = None) -> str:
        """The status to display (« expirée », « à relancer »: ``shown_status``)."""
        return shown_status(self.status, self.created_at, self.handled_at, now)

    def status_label(self, now: datetime | None = None) -> str:
        return status_label(self.shown_status(now), self.refusal_reason)


@dataclass(frozen=True)
class ReferralFilter:
    status: str | None = None  # one of STATUSES, or EXPIRED, or TO_REMIND
    programme_id: str | None = None
    centre_id: int | None = None
    start: date | None = None  # Europe/Paris days, inclusive
    end: date | None = None
    reference: str | None = None  # as typed (``references.normalised``)


class ReferralService:
    """Referrals of one centre (accueil) or of all centres (coordination, administration)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def find(self, filters: ReferralFilter | None = None, limit: int = 5000) -> list[ReferralRow]:
        self.actor.require(Permission.LOG_VISITS)
        filters = filters or ReferralFilter()
        if not self.actor.can(Permission.ALL_CENTRES):
            self.actor.require_centre(filters.centre_id)
        statement = (
            select(Referral, Programme.name, Contact, Centre.name, Visitor)
            .join(Programme, Programme.id == Referral.programme_id)
            .join(Centre, Centre.id == Referral.centre_id)
            .join(Visit, Visit.id == Referral.visit_id)
            .outerjoin(Contact, Contact.id == Referral.contact_id)
            .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
            .order_by(Referral.created_at.desc(), Referral.id.desc())
            .limit(limit)
        )
        now = utc_now()
        if filters.status == EXPIRED:
            statement = statement.where(
                Referral.status.in_(OPEN_STATUSES), Referral.created_at < now - EXPIRY
            )
        elif filters.status == TO_REMIND:
            statement = statement.where(*to_remind(now))
        elif filters.status in OPEN_STATUSES:
            statement = statement.where(
                Referral.status == filters.status, Referral.created_at >= now - EXPIRY
            )
        elif filters.status:
            statement = statement.where(Referral.status == filters.status)
        if filters.programme_id:
            statement = statement.where(Referral.programme_id == filters.programme_id)
        if filters.centre_id:
            statement = statement.where(Referral.centre_id == filters.centre_id)
        if filters.start:
            statement = statement.where(Referral.created_at >= paris_day_bounds(filters.start)[0])
        if filters.end:
            statement = statement.where(Referral.created_at < paris_day_bounds(filters.end)[1])
        if filters.reference is not None:
            statement = statement.where(Referral.reference == (normalised(filters.reference) or ""))
        with self.db.read() as session:
            return [
                ReferralRow(
                    id=r.id,
                    created_at=r.created_at,
                    status=r.status,
                    refusal_reason=r.refusal_reason,
                    refusal_note=r.refusal_note,
                    programme_id=r.programme_id,
                    programme_name=programme,
                    contact_name=contact.name if contact else None,
                    contact_phone=contact.phone if contact else None,
                    contact_email=contact.email if contact else None,
                    centre_id=r.centre_id,
                    centre_name=centre,
                    visitor=visitor_label(visitor),
                    visit_id=r.visit_id,
                    reasons=tuple(r.reasons),
                    reference=r.reference,
                    handled_at=r.handled_at,
                    handled_by=r.handled_by,
                )
                for r, programme, contact, centre, visitor in session.execute(statement)
            ]

    def set_status(
        self,
        referral_id: int,
        status: str,
        *,
        reason: str | None = None,
        note: str | None = None,
    ) -> None:
        self.actor.require(Permission.LOG_VISITS)
        check_answer(status, reason, note)
        with self.db.write() as session:
            referral = session.get(Referral, referral_id)
            if referral is None:
                raise UserFacingError("Cette orientation n’existe pas.")
            self.actor.require_centre(referral.centre_id)
            answer(referral, status, reason, note, self.actor.login)
            audit.record(
                session,
                self.actor,
                "orientation-modifiee",
                "orientation",
                referral_id,
                statut=status,
            )


def to_remind(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """The referrals « à relancer » at ``now``: proposed, never answered, 10 to 30 days old."""
    return (
        Referral.status == ReferralStatus.PROPOSEE,
        Referral.handled_at.is_(None),
        Referral.created_at < now - REMINDER,
        Referral.created_at >= now - EXPIRY,
    )
