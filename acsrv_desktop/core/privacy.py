"""The visitors' data over time: anonymisation after the retention period, and erasure.

Monthly figures never change: each visit keeps the statistical profile of its day and a random
person key, which is neither a name nor a record id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select, update

from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import AppSetting, Visit, Visitor, VisitorNameToken
from acsrv_desktop.core.reception.profile import bracket_of_age

RETENTION_KEY = "privacy.retention_months"
DEFAULT_RETENTION_MONTHS = 24  # the CNIL's reference for social support
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
    with db.read() as session:
        value = session.get(AppSetting, RETENTION_KEY)
        try:
            months = int(value.value) if value else DEFAULT_RETENTION_MONTHS
        except ValueError:
            months = DEFAULT_RETENTION_MONTHS
    return max(1, min(months, 120))


def set_retention_months(db: Database, months: int) -> None:
    if not 1 <= months <= 120:
        raise UserFacingError("Durée de conservation : entre 1 et 120 mois.")
    with db.write() as session:
        setting = session.get(AppSetting, RETENTION_KEY)
        if setting is None:
            session.add(AppSetting(key=RETENTION_KEY, value=str(months)))
        else:
            setting.value = str(months)


def purge(db: Database, *, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Anonymise the visitors not seen for the retention period (all in one transaction)."""
    months = retention_months(db)
    limit = (now or datetime.now(UTC)) - timedelta(days=round(months * 30.44))
    due = (
        Visitor.anonymised_at.is_(None),
        Visitor.merged_into_id.is_(None),
        or_(
            Visitor.last_seen_at < limit,
            (Visitor.last_seen_at.is_(None)) & (Visitor.created_at < limit),
        ),
    )
    if dry_run:
        with db.read() as session:
            count = session.scalar(select(func.count()).select_from(Visitor).where(*due)) or 0
        return PurgeReport(count, months, True)
    with db.write() as session:
        rows = list(session.scalars(select(Visitor).where(*due)))
        ids = [row.id for row in rows]
        for row in rows:
            _anonymise(row, now or datetime.now(UTC))
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            session.execute(delete(VisitorNameToken).where(VisitorNameToken.visitor_id.in_(chunk)))
            session.execute(update(Visit).where(Visit.visitor_id.in_(chunk)).values(note=None))
    return PurgeReport(len(ids), months, False)


def _anonymise(row: Visitor, when: datetime) -> None:
    if row.birth_year is not None:
        row.age_bracket = bracket_of_age(when.year - row.birth_year)
    row.first_name, row.last_name, row.search_name = ANONYMOUS_NAME, None, ""
    row.birth_year, row.consent = None, False
    row.anonymised_at = when


def erase(db: Database, visitor_id: int) -> int:
    """Erase a person's record (their right to erasure); returns how many visits remain,
    anonymous, so that past figures do not change."""
    with db.write() as session:
        visitor = session.get(Visitor, visitor_id)
        if visitor is None:
            raise UserFacingError("Cette personne n’existe plus.")
        count = session.execute(
            update(Visit).where(Visit.visitor_id == visitor_id).values(visitor_id=None, note=None)
        ).rowcount
        session.execute(
            update(Visitor).where(Visitor.merged_into_id == visitor_id).values(merged_into_id=None)
        )
        session.delete(visitor)
    return count or 0
