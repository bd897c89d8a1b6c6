"""Referrals (orientations): their life from proposed to finished, and the list staff follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.clock import paris_day_bounds, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Centre, Contact, Programme, Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import MAX_NOTE
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
OPEN_STATUSES: tuple[str, ...] = (S.PROPOSEE, S.CONTACT_PRIS)
EXPIRY = timedelta(days=30)
REFUSAL_REASONS: dict[str, str] = {
    R.NON_JOIGNABLE: "non joignable",
    R.NON_ELIGIBLE: "non éligible",
    R.NON_INTERESSE: "non intéressé",
    R.SESSION_COMPLETE: "session complète",
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

    def shown_status(self, now: datetime | None = None) -> str:
        """The status to display: an open referral older than 30 days is "expiree"."""
        now = now or utc_now()
        if self.status in OPEN_STATUSES and now - self.created_at > EXPIRY:
            return EXPIRED
        return self.status

    def status_label(self, now: datetime | None = None) -> str:
        status = self.shown_status(now)
        label = EXPIRED_LABEL if status == EXPIRED else STATUSES[status]
        if status == "refusee" and self.refusal_reason:
            label += f" ({REFUSAL_REASONS.get(self.refusal_reason, self.refusal_reason)})"
        return label


@dataclass(frozen=True)
class ReferralFilter:
    status: str | None = None  # one of STATUSES, or EXPIRED
    programme_id: str | None = None
    centre_id: int | None = None
    start: date | None = None  # Europe/Paris days, inclusive
    end: date | None = None


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
        if status not in STATUSES:
            raise UserFacingError(f"Statut inconnu : {quoted(status)}")
        if status == "refusee" and reason not in REFUSAL_REASONS:
            raise UserFacingError("Indiquez pourquoi l’orientation est refusée.")
        if note and len(note) > MAX_NOTE:
            raise UserFacingError(
                f"Commentaire trop long ({len(note)} caractères, {MAX_NOTE} au plus)."
            )
        with self.db.write() as session:
            referral = session.get(Referral, referral_id)
            if referral is None:
                raise UserFacingError("Cette orientation n’existe pas.")
            self.actor.require_centre(referral.centre_id)
            if status != referral.status and status not in TRANSITIONS[referral.status]:
                raise UserFacingError(
                    f"Une orientation « {STATUSES[referral.status]} » ne peut pas passer à "
                    f"« {STATUSES[status]} »."
                )
            referral.status = status
            referral.refusal_reason = reason if status == "refusee" else None
            referral.refusal_note = (note or None) if status == "refusee" else referral.refusal_note
            referral.status_changed_at, referral.status_changed_by = (
                utc_now(),
                self.actor.login,
            )
            audit.record(
                session,
                self.actor,
                "orientation-modifiee",
                "orientation",
                referral_id,
                statut=status,
            )
