"""The visitors' data over time: anonymisation after the retention period, and erasure.

Monthly figures never change: each visit keeps the statistical profile of its day and a random
person key, which is neither a name nor a record id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, Update, select, text, update
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.database import Database, rows_changed
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import bracket_of_age
from acsrv_desktop.core.reception.visitors import delete_visitor, forget_name_tokens
from acsrv_desktop.core.settings import RETENTION_MONTHS

ANONYMOUS_NAME = "Personne anonymisée"


@dataclass(frozen=True)
class PurgeReport:
    anonymised: int
    retention_months: int
    dry_run: bool

    def describe(self) -> str:
        verb = "seraient anonymisées" if self.dry_run else "anonymisées"
        return (
            f"Conservation ({self.retention_months} mois après le dernier passage) : "
            f"{self.anonymised} fiche(s) {verb}."
        )


def retention_months(db: Database) -> int:
    return RETENTION_MONTHS.get(db)


def purge(
    db: Database,
    actor: Actor,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    months: int | None = None,
) -> PurgeReport:
    """Anonymise the visitors not seen for the retention period (all in one transaction).

    ``months`` previews another period (with ``dry_run``) before the setting is changed.
    """
    actor.require(Permission.PURGE)
    if months is not None and not dry_run:
        raise ValueError("another retention period is only for a dry run")
    months = months or retention_months(db)
    when = now or utc_now()
    limit = when - timedelta(days=round(months * 30.44))
    if dry_run:
        with db.read() as session:
            return PurgeReport(len(_due_ids(session, limit)), months, True)
    with db.write() as session:
        ids = _due_ids(session, limit)
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            for row in session.scalars(select(Visitor).where(Visitor.id.in_(chunk))):
                _anonymise(row, when)
            forget_name_tokens(session, chunk)
            session.execute(update(Visit).where(Visit.visitor_id.in_(chunk)).values(note=None))
            session.execute(
                _clear_referral_comments(select(Visit.id).where(Visit.visitor_id.in_(chunk)))
            )
        # What an anonymous visitor agreed to give a programme's contact has no record to
        # go with: it goes after the same period, counted from the referral.
        session.execute(
            _clear_referral_comments(select(Visit.id).where(Visit.visitor_id.is_(None))).where(
                Referral.created_at < limit, Referral.consent.is_(True)
            )
        )
        audit.record(session, actor, "anonymisation", fiches=len(ids), duree_mois=months)
    return PurgeReport(len(ids), months, False)


def _due_ids(session: Session, limit: datetime) -> list[int]:
    postgresql = session.get_bind().dialect.name == "postgresql"
    if postgresql:
        # PostgreSQL's planner takes « not anonymised » and « last seen long ago » for
        # independent, when nearly every old record is anonymised: it would expect a quarter
        # of the table and read all of it. For these two statements only, the index.
        session.execute(text("SET LOCAL enable_seqscan = off"))
    ids = [visitor_id for query in _due(limit) for visitor_id in session.scalars(query)]
    if postgresql:
        session.execute(text("SET LOCAL enable_seqscan TO DEFAULT"))
    return ids


def _due(limit: datetime) -> tuple[Select[int], Select[int]]:
    """The ids of the records due: last seen before ``limit``, or never seen and created
    before it.

    Two ranges of the partial index ``ix_visitor_retention_due``, which holds only the records
    not yet anonymised: the purge at start-up reads the few records that came due since the
    last one, not the index on every last visit, where the anonymised records pile up. (Two
    statements rather than one OR: neither planner may then prefer that other index.)
    """
    kept = (Visitor.anonymised_at.is_(None), Visitor.merged_into_id.is_(None))
    return (
        select(Visitor.id).where(*kept, Visitor.last_seen_at < limit),
        select(Visitor.id).where(*kept, Visitor.last_seen_at.is_(None), Visitor.created_at < limit),
    )


def _clear_referral_comments(visit_ids: Select[int]) -> Update:
    """Comments typed on a person's referrals are their data too (the reason code stays), and
    so is what they agreed to give the programmes' contacts: their preference, phone,
    e-mail, availability, the desk's message, and the consent itself (the reference, the
    status and its dates stay: the figures of the loop count them)."""
    return (
        update(Referral)
        .where(Referral.visit_id.in_(visit_ids))
        .values(
            refusal_note=None,
            contact_preference=None,
            contact_phone=None,
            contact_email=None,
            availability=None,
            message=None,
            consent=False,
        )
    )


def _anonymise(row: Visitor, when: datetime) -> None:
    if row.birth_year is not None:
        row.age_bracket = bracket_of_age(when.year - row.birth_year)
    row.first_name, row.last_name, row.search_name = ANONYMOUS_NAME, None, ""
    row.birth_year, row.consent = None, False
    row.anonymised_at = when


def erase(db: Database, actor: Actor, visitor_id: int) -> int:
    """Erase a person's record (their right to erasure); returns how many visits remain,
    anonymous, so that past figures do not change."""
    actor.require(Permission.ERASE_VISITORS)
    with db.write() as session:
        visitor = session.get(Visitor, visitor_id)
        if visitor is None:
            raise UserFacingError("Cette personne n’existe plus.")
        session.execute(
            _clear_referral_comments(select(Visit.id).where(Visit.visitor_id == visitor_id))
        )
        count = rows_changed(
            session,
            update(Visit).where(Visit.visitor_id == visitor_id).values(visitor_id=None, note=None),
        )
        session.execute(
            update(Visitor).where(Visitor.merged_into_id == visitor_id).values(merged_into_id=None)
        )
        delete_visitor(session, visitor)
        audit.record(session, actor, "fiche-effacee", "personne", visitor_id, passages=count)
    return count or 0


class PrivacyService:
    """Retention and erasure, for one actor: every method checks its permission first."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def purge(
        self, *, now: datetime | None = None, dry_run: bool = False, months: int | None = None
    ) -> PurgeReport:
        """Anonymise the records due (or, ``dry_run``, say how many would be)."""
        self.actor.require(Permission.PURGE)
        return purge(self.db, self.actor, now=now, dry_run=dry_run, months=months)

    def purge_audit_trail(self, *, now: datetime | None = None) -> int:
        """Delete the audit entries older than 12 months; says how many."""
        self.actor.require(Permission.PURGE)
        return audit.purge_old_entries(self.db, self.actor, now=now)

    def erase(self, visitor_id: int) -> int:
        """Erase a person's record; returns how many of their visits remain, anonymous."""
        self.actor.require(Permission.ERASE_VISITORS)
        return erase(self.db, self.actor, visitor_id)
