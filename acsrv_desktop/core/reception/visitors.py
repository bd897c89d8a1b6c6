"""Visitors: lookup by a few letters of the name, creation, correction, duplicates, merge."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, aliased

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Visit, Visitor, VisitorNameToken
from acsrv_desktop.core.reception.profile import (
    BRACKET_RANGES,
    CleanVisitor,
    VisitorInput,
    validate_visitor,
)
from acsrv_desktop.core.text import fold, words

LOOKUP_LIMIT = 20
MIN_LETTERS = 2  # one letter would list a tenth of the visitors
CANDIDATES = 10_000  # above this, walking the visitors by recency is faster


@dataclass(frozen=True)
class VisitorView:
    id: int
    first_name: str
    last_name: str | None
    birth_year: int | None
    age_bracket: str | None
    gender: str | None
    commune: str | None
    sector: str | None
    situations: tuple[str, ...]
    consent: bool
    last_seen_at: datetime | None

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def age_on(self, day: date) -> int | None:
        return day.year - self.birth_year if self.birth_year else None

    def age_range(self) -> tuple[int, int] | None:
        return BRACKET_RANGES.get(self.age_bracket or "")

    def as_input(self) -> VisitorInput:
        return VisitorInput(
            self.first_name,
            self.last_name,
            self.birth_year,
            self.age_bracket,
            self.gender,
            self.commune,
            self.situations,
            self.consent,
        )


def view(row: Visitor) -> VisitorView:
    return VisitorView(
        row.id,
        row.first_name,
        row.last_name,
        row.birth_year,
        row.age_bracket,
        row.gender,
        row.commune,
        row.sector,
        tuple(row.situations),
        row.consent,
        row.last_seen_at,
    )


def visitor_label(visitor: Visitor | None, *, with_year: bool = False) -> str:
    """How a visit's person is shown in lists (the birth year tells namesakes apart)."""
    if visitor is None:
        return "Passage anonyme"
    name = f"{visitor.first_name} {visitor.last_name or ''}".strip()
    return f"{name} ({visitor.birth_year})" if with_year and visitor.birth_year else name


def _search_name(first: str, last: str | None) -> str:
    return fold(f"{first} {last or ''}".strip())


def _count_prefix(session: Session, prefix: str) -> int:
    """How many names start with ``prefix``, counted up to CANDIDATES + 1 (index only)."""
    capped = (
        select(VisitorNameToken.visitor_id)
        .where(*_token_range(VisitorNameToken, prefix))
        .limit(CANDIDATES + 1)
        .subquery()
    )
    return session.scalar(select(func.count()).select_from(capped)) or 0


def _token_range(table, prefix: str) -> tuple:  # type: ignore[no-untyped-def]
    return (table.token >= prefix, table.token < _next_prefix(prefix))


def _next_prefix(prefix: str) -> str:
    """The smallest string above every string starting with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def apply_profile(session: Session, row: Visitor, clean: CleanVisitor) -> None:
    row.first_name, row.last_name = clean.first_name, clean.last_name
    row.birth_year, row.age_bracket, row.gender = clean.birth_year, clean.age_bracket, clean.gender
    row.commune, row.sector = clean.commune, clean.sector
    row.situations, row.consent = list(clean.situations), clean.consent
    row.search_name = _search_name(clean.first_name, clean.last_name)
    session.flush()
    session.execute(delete(VisitorNameToken).where(VisitorNameToken.visitor_id == row.id))
    tokens = {t[:100] for t in words(f"{clean.first_name} {clean.last_name or ''}")}
    session.add_all(VisitorNameToken(visitor_id=row.id, token=t) for t in tokens)


def new_visitor(session: Session, clean: CleanVisitor) -> Visitor:
    row = Visitor(person_key=str(uuid.uuid4()), first_name=clean.first_name, search_name="")
    session.add(row)
    session.flush()
    apply_profile(session, row, clean)
    return row


class VisitorService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def lookup(self, typed: str, limit: int = LOOKUP_LIMIT) -> list[VisitorView]:
        """Visitors whose names start with the words typed ("dup je" finds Jean Dupont),
        most recently seen first.

        Two plans, chosen from how common each word is (counted on the covering token index):
        when one word is rare enough, its visitors are picked through the index and sorted;
        when every word is common, the visitors are walked from the most recent and the first
        that match are kept, which stops after a few dozen rows.
        """
        self.actor.require(Permission.READ_VISITORS)
        prefixes = sorted({w[:100] for w in words(typed)}, key=len, reverse=True)[:5]
        if not prefixes or sum(map(len, prefixes)) < MIN_LETTERS:
            return []
        with self.db.read() as session:
            counts = {prefix: _count_prefix(session, prefix) for prefix in prefixes}
            rarest = min(prefixes, key=lambda prefix: counts[prefix])
            total = max(1, session.scalar(select(func.max(Visitor.id))) or 1)
            matching_share = 1.0
            for count in counts.values():
                matching_share *= min(1.0, count / total)
            # Rows the walk would read before finding ``limit`` matches, against the rows
            # the index plan would fetch and sort: the cheaper one wins.
            walk_rows = limit / matching_share if matching_share else float("inf")
            driven_by_index = counts[rarest] <= CANDIDATES and counts[rarest] < walk_rows
            statement = select(Visitor).where(Visitor.merged_into_id.is_(None))
            for prefix in prefixes:
                if prefix == rarest and driven_by_index:
                    ids = select(VisitorNameToken.visitor_id).where(
                        *_token_range(VisitorNameToken, prefix)
                    )
                    statement = statement.where(Visitor.id.in_(ids))
                else:
                    token = aliased(VisitorNameToken)
                    statement = statement.where(
                        select(token.visitor_id)
                        .where(token.visitor_id == Visitor.id, *_token_range(token, prefix))
                        .exists()
                    )
            last_seen = Visitor.last_seen_at.desc()
            if not self.db.is_sqlite:  # SQLite already puts NULLs last in descending order
                last_seen = last_seen.nulls_last()
            statement = statement.order_by(last_seen).limit(limit)
            return [view(row) for row in session.scalars(statement)]

    def get(self, visitor_id: int) -> VisitorView | None:
        self.actor.require(Permission.READ_VISITORS)
        with self.db.read() as session:
            row = session.get(Visitor, visitor_id)
            return view(row) if row else None

    def open_record(self, visitor_id: int) -> VisitorView | None:
        """A record picked at the desk: read, and the reading traced in the audit trail."""
        self.actor.require(Permission.READ_VISITORS)
        with self.db.write() as session:
            row = session.get(Visitor, visitor_id)
            if row is None:
                return None
            audit.record(session, self.actor, "fiche-ouverte", "personne", visitor_id)
            return view(row)

    def create(self, data: VisitorInput, today: date | None = None) -> VisitorView:
        self.actor.require(Permission.LOG_VISITS)
        clean = validate_visitor(data, today or datetime.now(UTC).date())
        with self.db.write() as session:
            row = new_visitor(session, clean)
            audit.record(session, self.actor, "fiche-creee", "personne", row.id)
            return view(row)

    def update(self, visitor_id: int, data: VisitorInput, today: date | None = None) -> VisitorView:
        """Correct a record (the person's right to rectification)."""
        self.actor.require(Permission.PERSON_RIGHTS)
        clean = validate_visitor(data, today or datetime.now(UTC).date())
        with self.db.write() as session:
            row = session.get(Visitor, visitor_id)
            if row is None:
                raise UserFacingError("Cette personne n’existe plus (fiche fusionnée ou effacée).")
            apply_profile(session, row, clean)
            audit.record(session, self.actor, "fiche-corrigee", "personne", visitor_id)
            return view(row)

    def possible_duplicates(
        self,
        first_name: str,
        last_name: str | None,
        birth_year: int | None,
        exclude: int | None = None,
    ) -> list[VisitorView]:
        """Same name (accents and case aside) and same birth year."""
        self.actor.require(Permission.READ_VISITORS)
        if not first_name.strip() or birth_year is None:
            return []
        statement = select(Visitor).where(
            Visitor.search_name
            == _search_name(
                " ".join(first_name.split()), " ".join((last_name or "").split()) or None
            ),
            Visitor.birth_year == birth_year,
            Visitor.merged_into_id.is_(None),
        )
        if exclude is not None:
            statement = statement.where(Visitor.id != exclude)
        with self.db.read() as session:
            return [view(row) for row in session.scalars(statement)]

    def merge(self, keep_id: int, duplicate_id: int) -> VisitorView:
        """Move the duplicate's visits to the record kept, then delete the duplicate.

        The visits take the kept record's person key: the person is counted once.
        """
        self.actor.require(Permission.MERGE_VISITORS)
        if keep_id == duplicate_id:
            raise UserFacingError("Choisissez deux fiches différentes à fusionner.")
        with self.db.write() as session:
            keep, duplicate = session.get(Visitor, keep_id), session.get(Visitor, duplicate_id)
            if keep is None or duplicate is None:
                raise UserFacingError("Une des deux fiches n’existe plus.")
            session.execute(
                update(Visit)
                .where(Visit.visitor_id == duplicate_id)
                .values(visitor_id=keep_id, person_key=keep.person_key)
            )
            seen = [d for d in (keep.last_seen_at, duplicate.last_seen_at) if d]
            keep.last_seen_at = max(seen) if seen else None
            session.delete(duplicate)
            session.flush()
            audit.record(
                session, self.actor, "fiche-fusionnee", "personne", keep_id, fusionnee=duplicate_id
            )
            return view(keep)

    def duplicate_groups(self, limit: int = 500) -> list[list[VisitorView]]:
        """Records sharing a name (accents and case aside) and a birth year: possibly one person."""
        self.actor.require(Permission.MERGE_VISITORS)
        keys = (
            select(Visitor.search_name, Visitor.birth_year)
            .where(Visitor.merged_into_id.is_(None), Visitor.birth_year.is_not(None))
            .group_by(Visitor.search_name, Visitor.birth_year)
            .having(func.count() > 1)
            .limit(limit)
        )
        with self.db.read() as session:
            groups = []
            for search_name, birth_year in session.execute(keys):
                rows = session.scalars(
                    select(Visitor)
                    .where(Visitor.search_name == search_name, Visitor.birth_year == birth_year)
                    .order_by(Visitor.last_seen_at.desc().nulls_last(), Visitor.id)
                )
                groups.append([view(row) for row in rows])
            return groups

    def merge_group(self, group: list[VisitorView]) -> VisitorView:
        """Keep the record seen most recently (the first), merge the others into it."""
        keep = group[0]
        for duplicate in group[1:]:
            keep = self.merge(keep.id, duplicate.id)
        return keep

    def count(self) -> int:
        self.actor.require(Permission.READ_VISITORS)
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(Visitor)) or 0
