"""The figures of the referral loop (issue 17): per programme, the referrals of a period, how
many were answered, accepted, refused (and why), expired, and the median days to a first
answer.

Counted as every other figure of a report: the referrals of the period's visits (not
cancelled) in the chosen centre, in the Paris days of the visit they came from. « Expirée »
follows from the dates, as on screen (``reception.referrals.shown_status``): a referral still
open (proposée, contact pris) more than 30 days after it was made, at the moment the report
is counted. A first answer is the first change of status away from « proposée », by the
programme's référent or by the desk (``referral.handled_at``).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from acsrv_desktop.core.models import Programme, Referral, Visit
from acsrv_desktop.core.reception.referrals import EXPIRY, OPEN_STATUSES, REFUSAL_REASONS
from acsrv_desktop.core.vocabulary import ReferralStatus

ACCEPTED = (ReferralStatus.ACCEPTEE, ReferralStatus.TERMINEE)  # accepted, and then finished
LOOP_COLUMNS = (
    "Programme",
    "Envoyées",
    "Répondues",
    "Acceptées",
    "Refusées",
    "Expirées",
    "En attente",
    "Délai médian de réponse (jours)",
)
REASON_COLUMNS = ("Programme", "Motif du refus", "Refusées")
LOOP_NOTE = (
    "Orientations des passages de la période. Répondue : une première réponse (contact pris, "
    "acceptée, refusée…) a été donnée, par le programme ou par l’accueil. Acceptées : "
    "acceptées ou terminées. Expirées : toujours sans suite 30 jours après l’orientation, au "
    "moment du calcul. En attente : ni acceptées, ni refusées, ni expirées. Délai médian : "
    "entre l’orientation et la première réponse, sur les orientations répondues."
)
SECONDS_PER_DAY = 86_400


@dataclass
class _Programme:
    sent: int = 0
    answered: int = 0
    accepted: int = 0
    refused: int = 0
    expired: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    days_to_answer: list[float] = field(default_factory=list)

    @property
    def waiting(self) -> int:
        return self.sent - self.accepted - self.refused - self.expired

    def median_days(self) -> float | str:
        """One decimal, as funders read it; empty when nothing was answered."""
        if not self.days_to_answer:
            return ""
        return round(statistics.median(self.days_to_answer), 1)


@dataclass(frozen=True)
class LoopFigures:
    rows: list[tuple[Any, ...]]  # one per programme, LOOP_COLUMNS, the most sent first
    reasons: list[tuple[Any, ...]]  # (programme, reason's label, refusals), REASON_COLUMNS


def _expired(now: datetime) -> Any:
    return (Referral.status.in_(OPEN_STATUSES)) & (Referral.created_at < now - EXPIRY)


def count_loop(session: Session, visit_filter: Iterable[Any], now: datetime) -> LoopFigures:
    """The loop's figures of the referrals whose visit ``visit_filter`` selects: counted
    by the database in groups, and only the answered referrals' two dates read (the
    median of their delays: SQLite has no percentile)."""
    where = list(visit_filter)
    answered = Referral.handled_at.is_not(None)
    # Labelled, and grouped by their labels: the same expressions, bound once (PostgreSQL
    # would not take two renderings of a CASE as the same grouping).
    answered_flag = case((answered, 1), else_=0).label("answered")
    expired_flag = case((_expired(now), 1), else_=0).label("expired")
    grouped = session.execute(
        select(
            Programme.name,
            Referral.status,
            Referral.refusal_reason,
            answered_flag,
            expired_flag,
            func.count(),
        )
        .join(Programme, Programme.id == Referral.programme_id)
        .join(Visit, Visit.id == Referral.visit_id)
        .where(*where)
        .group_by(
            Programme.name, Referral.status, Referral.refusal_reason, answered_flag, expired_flag
        )
    ).all()
    programmes: defaultdict[str, _Programme] = defaultdict(_Programme)
    for name, status, reason, was_answered, was_expired, count in grouped:
        tally = programmes[name]
        tally.sent += count
        tally.answered += count if was_answered else 0
        if was_expired:
            tally.expired += count
        elif status in ACCEPTED:
            tally.accepted += count
        elif status == ReferralStatus.REFUSEE:
            tally.refused += count
            tally.refusals[REFUSAL_REASONS.get(reason or "", "non précisé")] += count
    delays = session.execute(
        select(Programme.name, Referral.created_at, Referral.handled_at)
        .join(Programme, Programme.id == Referral.programme_id)
        .join(Visit, Visit.id == Referral.visit_id)
        .where(*where, answered)
    )
    for name, created_at, handled_at in delays:
        assert handled_at is not None  # selected so
        seconds = (handled_at - created_at).total_seconds()
        programmes[name].days_to_answer.append(max(0.0, seconds) / SECONDS_PER_DAY)
    ordered = sorted(programmes.items(), key=lambda item: (-item[1].sent, item[0]))
    rows = [
        (
            name,
            t.sent,
            t.answered,
            t.accepted,
            t.refused,
            t.expired,
            t.waiting,
            t.median_days(),
        )
        for name, t in ordered
    ]
    reasons = [
        (name, label, count)
        for name, t in ordered
        for label, count in sorted(t.refusals.items(), key=lambda item: (-item[1], item[0]))
    ]
    return LoopFigures(rows, reasons)
