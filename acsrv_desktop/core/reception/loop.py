"""The référent de programme's side of a referral: the referrals addressed to its programmes,
« à traiter » first, and its answer (issue 17).

A référent sees only what it needs to reach the person: their first name, the contact
preference and details they agreed to give, the need, the date and centre, the desk's
message, and the status fields — never the rest of the record, the visits, other people or
other programmes' referrals. On the federation's server the database draws that line: the
référent's login holds no right on ``referral``, ``visit`` or ``visitor``, and reads and
answers through the owner's functions ``acsrv_referent_referrals()`` and
``acsrv_answer_referral(…)`` (``core/server/functions.py``). On a workstation's SQLite
database the same rows are read here with the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Permission
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import (
    Centre,
    Programme,
    ProgrammeReferent,
    Referral,
    Visit,
    Visitor,
)
from acsrv_desktop.core.reception.referrals import (
    EXPIRED,
    TO_REMIND,
    answer,
    check_answer,
    check_transition,
    shown_status,
    status_label,
)
from acsrv_desktop.core.vocabulary import ReferralStatus

# The columns a référent reads, in this order: those of ``acsrv_referent_referrals()`` too.
REFERENT_COLUMNS = (
    "id",
    "reference",
    "programme_id",
    "programme_name",
    "centre_id",
    "centre_name",
    "created_at",
    "first_name",
    "needs",
    "reasons",
    "contact_preference",
    "contact_phone",
    "contact_email",
    "availability",
    "message",
    "status",
    "refusal_reason",
    "refusal_note",
    "handled_at",
    "status_changed_at",
)
NOT_YOURS = "Cette orientation n’est pas adressée à vos programmes."


@dataclass(frozen=True)
class ReferentReferral:
    """A referral as its programme's référent sees it."""

    id: int
    reference: str
    programme_id: str
    programme_name: str
    centre_id: int
    centre_name: str
    created_at: datetime
    first_name: str | None  # None: the person's record was erased since
    needs: tuple[str, ...]
    reasons: tuple[str, ...]
    contact_preference: str | None
    contact_phone: str | None
    contact_email: str | None
    availability: str | None
    message: str | None
    status: str
    refusal_reason: str | None
    refusal_note: str | None
    handled_at: datetime | None
    status_changed_at: datetime

    def shown_status(self, now: datetime | None = None) -> str:
        return shown_status(self.status, self.created_at, self.handled_at, now)

    def status_label(self, now: datetime | None = None) -> str:
        return status_label(self.shown_status(now), self.refusal_reason)


def to_handle_first(rows: list[ReferentReferral], now: datetime) -> list[ReferentReferral]:
    """« À traiter » first: those to remind (oldest first), then the other unanswered ones
    (oldest first), then those under way, then the closed ones (most recent first)."""
    rank = {TO_REMIND: 0, ReferralStatus.PROPOSEE: 1, ReferralStatus.CONTACT_PRIS: 2}
    rank[ReferralStatus.ACCEPTEE] = 2

    def key(row: ReferentReferral) -> tuple[int, float, int]:
        group = rank.get(row.shown_status(now), 3)
        stamp = row.created_at.timestamp()
        return group, stamp if group < 2 else -stamp, row.id

    return sorted(rows, key=key)


def needs_of_programme(needs: Any, thematiques: Any) -> list[str]:
    """Of the visit's needs, those the programme answers (the same thématique, or one in the
    other's category): a référent is not told of the person's other needs (debts, health…).
    The server's ``acsrv_referent_referrals()`` keeps the same ones."""
    themes = set(thematiques)

    def related(need: str) -> bool:
        return any(
            need == t or t.split("--", 1)[0] == need or need.split("--", 1)[0] == t for t in themes
        )

    return [need for need in needs if related(need)]


def _row(values: Any) -> ReferentReferral:
    data = dict(zip(REFERENT_COLUMNS, values, strict=True))
    for moment in ("created_at", "handled_at", "status_changed_at"):
        data[moment] = _aware(data[moment])
    data["needs"] = tuple(data["needs"] or ())
    data["reasons"] = tuple(data["reasons"] or ())
    return ReferentReferral(**data)


def _aware(moment: datetime | None) -> datetime | None:
    """UTC (the server's function hands back the session's time zone)."""
    return moment.astimezone(UTC) if moment is not None else None


class ReferralLoopService:
    """The référent's referrals and answers (``Permission.ANSWER_REFERRALS``)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    @property
    def _on_server(self) -> bool:
        """A staff login on the federation's server: through the owner's functions."""
        return not self.db.is_sqlite and self.db.login is not None

    def programmes(self) -> list[tuple[str, str]]:
        """The programmes the actor answers for: (id, name)."""
        self.actor.require(Permission.ANSWER_REFERRALS)
        statement = (
            select(Programme.id, Programme.name)
            .join(ProgrammeReferent, ProgrammeReferent.programme_id == Programme.id)
            .where(ProgrammeReferent.account_id == self.actor.account_id)
            .order_by(Programme.name)
        )
        with self.db.read() as session:
            return [(pid, name) for pid, name in session.execute(statement)]

    def referrals(self) -> list[ReferentReferral]:
        """The referrals addressed to the actor's programmes, « à traiter » first."""
        self.actor.require(Permission.ANSWER_REFERRALS)
        with self.db.read() as session:
            rows = self._read(session)
        return to_handle_first(rows, utc_now())

    def to_remind_count(self) -> int:
        """How many of them are « à relancer » (no answer after 10 days)."""
        self.actor.require(Permission.ANSWER_REFERRALS)
        now = utc_now()
        return sum(1 for row in self.referrals() if row.shown_status(now) == TO_REMIND)

    def answer(
        self,
        referral_id: int,
        status: str,
        *,
        reason: str | None = None,
        note: str | None = None,
    ) -> None:
        """Contact pris, acceptée, refusée (with its reason), terminée; the first answer
        dated; traced."""
        self.actor.require(Permission.ANSWER_REFERRALS)
        check_answer(status, reason, note)
        with self.db.write() as session:
            if self._on_server:
                self._answer_on_server(session, referral_id, status, reason, note)
            else:
                referral = self._own(session, referral_id)
                answer(referral, status, reason, note, self.actor.login)
            audit.record(
                session,
                self.actor,
                "orientation-repondue",
                "orientation",
                referral_id,
                statut=status,
                motif=reason if status == ReferralStatus.REFUSEE else None,
            )

    # -- reading and writing ------------------------------------------------------------------

    def _read(self, session: Session, referral_id: int | None = None) -> list[ReferentReferral]:
        if self._on_server:
            sql = "SELECT * FROM acsrv_referent_referrals()"
            if referral_id is not None:
                sql += " WHERE id = :id"
            return [_row(r) for r in session.execute(text(sql), {"id": referral_id})]
        statement = (
            select(
                Referral.id,
                Referral.reference,
                Referral.programme_id,
                Programme.name,
                Referral.centre_id,
                Centre.name,
                Referral.created_at,
                Visitor.first_name,
                Visit.needs,
                Referral.reasons,
                Referral.contact_preference,
                Referral.contact_phone,
                Referral.contact_email,
                Referral.availability,
                Referral.message,
                Referral.status,
                Referral.refusal_reason,
                Referral.refusal_note,
                Referral.handled_at,
                Referral.status_changed_at,
            )
            .join(Programme, Programme.id == Referral.programme_id)
            .join(Centre, Centre.id == Referral.centre_id)
            .join(Visit, Visit.id == Referral.visit_id)
            .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
            .join(ProgrammeReferent, ProgrammeReferent.programme_id == Referral.programme_id)
            .where(ProgrammeReferent.account_id == self.actor.account_id)
        )
        if referral_id is not None:
            statement = statement.where(Referral.id == referral_id)
        themes = dict(session.execute(select(Programme.id, Programme.thematiques)).all())
        rows = []
        for values in session.execute(statement):
            row = list(values)
            at = REFERENT_COLUMNS.index("needs")
            row[at] = needs_of_programme(row[at] or (), themes.get(row[2]) or ())
            rows.append(_row(row))
        return rows

    def _own(self, session: Session, referral_id: int) -> Referral:
        if not self._read(session, referral_id):
            raise AccessDeniedError(NOT_YOURS)
        referral = session.get(Referral, referral_id, with_for_update=True)
        if referral is None:
            raise UserFacingError("Cette orientation n’existe pas.")
        return referral

    def _answer_on_server(
        self,
        session: Session,
        referral_id: int,
        status: str,
        reason: str | None,
        note: str | None,
    ) -> None:
        rows = self._read(session, referral_id)
        if not rows:
            raise AccessDeniedError(NOT_YOURS)
        current = rows[0].status
        check_transition(current, status)
        try:
            session.execute(
                text("SELECT acsrv_answer_referral(:id, :status, :reason, :note)"),
                {"id": referral_id, "status": status, "reason": reason, "note": note or None},
            )
        except DBAPIError as exc:
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise AccessDeniedError(NOT_YOURS) from exc
            if getattr(exc.orig, "sqlstate", None) == "22023":  # changed meanwhile
                raise UserFacingError(
                    "Cette orientation vient d’être modifiée ailleurs : actualisez la liste."
                ) from exc
            raise


__all__ = ["EXPIRED", "TO_REMIND", "ReferentReferral", "ReferralLoopService"]
