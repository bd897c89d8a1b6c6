"""Logging visits, with their referrals, in one transaction; today's list; cancellation."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Select, Tuple, bindparam, func, select, tuple_
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Permission
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies

# Re-exported: PARIS and paris_day_bounds used to be defined here.
from acsrv_desktop.core.clock import PARIS as PARIS
from acsrv_desktop.core.clock import paris_day_bounds as paris_day_bounds
from acsrv_desktop.core.clock import paris_today, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import (
    Centre,
    Programme,
    Referral,
    UTCDateTime,
    Visit,
    Visitor,
)
from acsrv_desktop.core.reception.contact_details import (
    CleanContact,
    ContactInput,
    clean_contact,
)
from acsrv_desktop.core.reception.profile import (
    MAX_NOTE,
    CleanVisitor,
    FieldErrors,
    VisitorInput,
    bracket_of_age,
    clean_text,
    validate_visitor,
)
from acsrv_desktop.core.reception.references import shown as shown_reference
from acsrv_desktop.core.reception.referrals import shown_status, status_label
from acsrv_desktop.core.reception.visitors import (
    apply_profile,
    new_visitor,
    view,
    visitor_label,
)
from acsrv_desktop.core.text import quoted
from acsrv_desktop.core.vocabulary import Channel

# Keyed by the enum; typed by str, as callers look up stored strings.
CHANNELS: dict[str, str] = {
    Channel.SUR_PLACE: "sur place",
    Channel.TELEPHONE: "téléphone",
    Channel.COURRIEL: "courriel",
}


@dataclass(frozen=True)
class VisitInput:
    centre_id: int
    channel: str
    occurred_at: datetime  # aware
    needs: tuple[str, ...] = ()
    note: str | None = None
    visitor_id: int | None = None  # a returning visitor
    visitor: VisitorInput | None = None  # a new visitor, or corrections to a returning one
    programmes: tuple[str, ...] = ()  # accepted suggestions: one referral each
    reasons: dict[str, list[str]] = field(default_factory=dict)  # programme -> why
    # False: ``occurred_at`` is the moment of the save. True: a past time typed on purpose.
    time_set_by_hand: bool = False
    # What the person agrees to give the programmes' contacts (``contact_details``), and the
    # desk's message for each programme's contact: kept only with their consent.
    contact: ContactInput | None = None
    messages: dict[str, str] = field(default_factory=dict)  # programme -> message


@dataclass(frozen=True)
class ReferralAnswer:
    """A referral of a visit, with the programme's answer (the day's list shows it)."""

    programme: str
    status: str  # as shown (``referrals.shown_status``)
    label: str  # « acceptée », « refusée (session complète) », « à relancer »…
    reference: str
    handled_at: datetime | None

    @property
    def answered(self) -> bool:
        return self.handled_at is not None

    def describe(self) -> str:
        """« Forum Citoyen — acceptée le 04/12/2026 — réf. K7MX-4PRA »."""
        when = (
            f" le {self.handled_at.astimezone(PARIS):%d/%m/%Y}"
            if self.handled_at is not None
            else ""
        )
        return f"{self.programme} — {self.label}{when} — réf. {shown_reference(self.reference)}"


@dataclass(frozen=True)
class VisitRow:
    id: int
    occurred_at: datetime
    visitor_id: int | None
    who: str
    channel: str
    needs: tuple[str, ...]
    note: str | None
    programmes: tuple[str, ...]
    cancelled: bool
    new_visitor: bool
    corrected: bool = False
    time_set_by_hand: bool = False
    centre_id: int | None = None
    # Each referral's answer as the desk reads it, in the order of ``programmes`` (issue 17).
    referrals: tuple[ReferralAnswer, ...] = ()

    @property
    def local_time(self) -> str:
        return self.occurred_at.astimezone(PARIS).strftime("%H:%M")


@dataclass(frozen=True)
class DayCounters:
    visits: int
    people: int
    anonymous: int
    new_visitors: int
    referrals: int
    by_channel: dict[str, int]


def _check_visit(data: VisitInput, *, changed_time: bool = True) -> tuple[str | None, list[str]]:
    """The clean note and needs; a time kept as it was (a correction) is not checked again."""
    errors: dict[str, str] = {}
    if data.channel not in CHANNELS:
        errors["channel"] = "Canal : sur place, téléphone ou courriel"
    if data.occurred_at.tzinfo is None:
        raise ValueError("occurred_at must be aware")
    now = utc_now()
    if changed_time and data.occurred_at > now + timedelta(minutes=5):
        errors["occurred_at"] = "Date du passage : dans le futur"
    elif changed_time and data.occurred_at < now - timedelta(days=366):
        errors["occurred_at"] = "Date du passage : il y a plus d’un an"
    vocab = load_vocabularies()
    needs = []
    for need in data.needs:
        canonical = vocab.canonical_thematique(need)
        if canonical is None:
            errors["needs"] = f"Besoin inconnu : {quoted(need)}"
        else:
            needs.append(canonical)
    note = clean_text(data.note, MAX_NOTE, "note", errors, "Note")
    if errors:
        raise FieldErrors(errors)
    return note, list(dict.fromkeys(needs))


class VisitService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def log_visit(self, data: VisitInput) -> int:
        """Save the visit, its visitor changes and its referrals; all or nothing."""
        self.actor.require(Permission.LOG_VISITS)
        self.actor.require_centre(data.centre_id)
        user = self.actor.login
        note, needs = _check_visit(data)
        contact, messages = clean_contact(data.contact, data.messages)
        day = data.occurred_at.astimezone(PARIS).date()
        clean = validate_visitor(data.visitor, day) if data.visitor is not None else None
        with self.db.write() as session:
            centre = session.get(Centre, data.centre_id)
            if centre is None:
                raise UserFacingError(
                    "Le centre de ce poste n’existe plus : choisissez-en un autre."
                )
            visitor, is_new, corrected = self._visitor(session, data, clean)
            visit = Visit(
                visitor_id=visitor.id if visitor else None,
                person_key=visitor.person_key if visitor else None,
                centre_id=centre.id,
                occurred_at=data.occurred_at,
                channel=data.channel,
                needs=needs,
                note=note,
                created_by=user,
                new_visitor=is_new,
                time_set_by_hand=data.time_set_by_hand,
            )
            if visitor is not None:
                _snapshot(visit, visitor, day)
                if visitor.last_seen_at is None or visitor.last_seen_at < data.occurred_at:
                    visitor.last_seen_at = data.occurred_at
            session.add(visit)
            session.flush()
            self._add_referrals(session, visit, data, user, contact, messages)
            if is_new and visitor is not None:
                audit.record(session, self.actor, "fiche-creee", "personne", visitor.id)
            elif corrected and visitor is not None:  # corrected: an existing record
                audit.record(session, self.actor, "fiche-corrigee", "personne", visitor.id)
            audit.record(
                session,
                self.actor,
                "passage-cree",
                "passage",
                visit.id,
                personne=visitor.id if visitor else None,
                orientations=len(data.programmes) or None,
            )
            return visit.id

    @staticmethod
    def _visitor(
        session: Session, data: VisitInput, clean: CleanVisitor | None
    ) -> tuple[Visitor | None, bool, bool]:
        """The visit's person, whether the record is new, and whether its profile was corrected."""
        if data.visitor_id is not None:
            visitor = session.get(Visitor, data.visitor_id)
            if visitor is None or visitor.merged_into_id is not None:
                raise UserFacingError("Cette personne n’existe plus (fiche fusionnée ou effacée).")
            corrected = False
            if clean is not None:
                before = view(visitor)
                apply_profile(session, visitor, clean)
                corrected = view(visitor) != before
            return visitor, False, corrected
        if clean is not None:
            return new_visitor(session, clean), True, False
        return None, False, False

    @staticmethod
    def _add_referrals(
        session: Session,
        visit: Visit,
        data: VisitInput,
        user: str | None,
        contact: CleanContact,
        messages: dict[str, str],
    ) -> None:
        for programme_id in dict.fromkeys(data.programmes):
            programme = session.get(Programme, programme_id)
            if programme is None or not programme.active:
                raise UserFacingError(
                    f"Le programme « {quoted(programme_id)} » n’est plus au catalogue."
                )
            first = programme.contact_links[0].contact_id if programme.contact_links else None
            session.add(
                Referral(
                    visit_id=visit.id,
                    programme_id=programme_id,
                    contact_id=first,
                    centre_id=visit.centre_id,
                    status="proposee",
                    created_by=user,
                    status_changed_by=user,
                    created_at=visit.created_at or utc_now(),
                    reasons=list(data.reasons.get(programme_id, [])),
                    consent=contact.consent,
                    contact_preference=contact.preference,
                    contact_phone=contact.phone,
                    contact_email=contact.email,
                    availability=contact.availability,
                    message=messages.get(programme_id),
                )
            )

    def _own_visit(self, session: Session, visit_id: int) -> Visit:
        self.actor.require(Permission.LOG_VISITS)
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise UserFacingError("Ce passage n’existe pas.")
        self.actor.require_centre(visit.centre_id)
        return visit

    def cancel(self, visit_id: int) -> None:
        """Mark a visit cancelled (kept, with who and when); it no longer counts."""
        self.actor.require(Permission.LOG_VISITS)
        with self.db.write() as session:
            visit = self._own_visit(session, visit_id)
            if visit.cancelled_at is None:
                visit.cancelled_at, visit.cancelled_by = utc_now(), self.actor.login
                audit.record(session, self.actor, "passage-annule", "passage", visit_id)

    def restore(self, visit_id: int) -> None:
        """Undo a cancellation."""
        self.actor.require(Permission.LOG_VISITS)
        with self.db.write() as session:
            visit = self._own_visit(session, visit_id)
            if visit.cancelled_at is not None:
                visit.cancelled_at, visit.cancelled_by = None, None
                audit.record(session, self.actor, "passage-retabli", "passage", visit_id)

    def update(
        self,
        visit_id: int,
        *,
        channel: str,
        occurred_at: datetime | None,
        needs: tuple[str, ...],
        note: str | None,
    ) -> None:
        """Correct a visit; ``occurred_at`` None keeps its time (changed on purpose only)."""
        self.actor.require(Permission.LOG_VISITS)
        with self.db.write() as session:
            visit = self._own_visit(session, visit_id)
            when = visit.occurred_at if occurred_at is None else occurred_at
            probe = VisitInput(visit.centre_id, channel, when, needs, note)
            clean_note, clean_needs = _check_visit(probe, changed_time=occurred_at is not None)
            moved = occurred_at is not None and occurred_at != visit.occurred_at
            if not moved and (channel, clean_needs, clean_note) == (
                visit.channel,
                list(visit.needs),
                visit.note,
            ):
                return  # saved as it was: not a correction
            if moved:
                visit.occurred_at, visit.time_set_by_hand = when, True
            visit.channel = channel
            visit.needs, visit.note = clean_needs, clean_note
            visit.corrected_at, visit.corrected_by = utc_now(), self.actor.login
            audit.record(session, self.actor, "passage-modifie", "passage", visit_id)

    def day(self, centre_id: int | None, day: date) -> list[VisitRow]:
        """The visits of a day (Paris time) at a centre, or at every centre (None).

        Accueil sees today's visits of its own centre only.
        """
        self.actor.require(Permission.LOG_VISITS)
        if not self.actor.can(Permission.ALL_CENTRES):
            self.actor.require_centre(centre_id)
            if day != paris_today():
                raise AccessDeniedError(
                    "Votre rôle (Accueil) ne permet de voir que les passages du jour."
                )
        start, end = paris_day_bounds(day)
        statement = (
            select(Visit, Visitor)
            .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
            .where(Visit.occurred_at >= start, Visit.occurred_at < end)
            .order_by(Visit.occurred_at.desc(), Visit.id.desc())
        )
        if centre_id is not None:
            statement = statement.where(Visit.centre_id == centre_id)
        with self.db.read() as session:
            return _visit_rows(session, statement)

    def row(self, visit_id: int) -> VisitRow | None:
        """One visit as the day's list shows it (the list adds a visit just saved)."""
        self.actor.require(Permission.LOG_VISITS)
        statement = (
            select(Visit, Visitor)
            .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
            .where(Visit.id == visit_id)
        )
        with self.db.read() as session:
            rows = _visit_rows(session, statement)
        if rows:
            self.actor.require_centre(rows[0].centre_id)
        return rows[0] if rows else None

    # -- the whole history, a page at a time (coordination) ------------------------------------

    def history_snapshot(self, centre_id: int | None = None) -> tuple[int, int]:
        """How many visits there are, and the last visit id at this moment: pages read later
        stop at that id, so that visits logged meanwhile do not shift them."""
        self.actor.require(Permission.ALL_CENTRES)
        statement = select(func.count(), func.max(Visit.id)).select_from(Visit)
        if centre_id is not None:
            statement = statement.where(Visit.centre_id == centre_id)
        with self.db.read() as session:
            count, last_id = session.execute(statement).one()
            return count or 0, last_id or 0

    def history_count(self, centre_id: int | None = None) -> int:
        return self.history_snapshot(centre_id)[0]

    def history_page(
        self,
        centre_id: int | None,
        limit: int,
        *,
        offset: int = 0,
        after: tuple[datetime, int] | None = None,
        upto_id: int | None = None,
    ) -> list[VisitRow]:
        """Visits from the most recent: ``limit`` rows after ``offset`` rows, or after the
        (time, id) of the last row of the previous page (no rows skipped one by one); only
        visits up to ``upto_id`` (see ``history_snapshot``) when given."""
        self.actor.require(Permission.ALL_CENTRES)
        statement = (
            select(Visit, Visitor)
            .outerjoin(Visitor, Visitor.id == Visit.visitor_id)
            .order_by(Visit.occurred_at.desc(), Visit.id.desc())
            .limit(limit)
        )
        if centre_id is not None:
            statement = statement.where(Visit.centre_id == centre_id)
        if upto_id is not None:
            statement = statement.where(Visit.id <= upto_id)
        key = tuple_(Visit.occurred_at, Visit.id)
        with self.db.read() as session:
            if after is not None:
                # A row-value comparison: both databases walk the (time, id) index from there.
                statement = statement.where(key < _time_and_id(*after))
            elif offset:
                # Skipping rows is cheap on the covering index alone, dear with the joins:
                # find the page's first (time, id) there, then read the page from it.
                keys = _ordered_keys(centre_id)
                if upto_id is not None:
                    keys = keys.where(Visit.id <= upto_id)
                first = session.execute(keys.offset(offset).limit(1)).first()
                if first is None:
                    return []
                statement = statement.where(key <= _time_and_id(*first))
            return _visit_rows(session, statement)

    @staticmethod
    def counters(rows: list[VisitRow]) -> DayCounters:
        live = [r for r in rows if not r.cancelled]
        by_channel = {code: sum(1 for r in live if r.channel == code) for code in CHANNELS}
        return DayCounters(
            visits=len(live),
            people=len({r.visitor_id for r in live if r.visitor_id is not None}),
            anonymous=sum(1 for r in live if r.visitor_id is None),
            new_visitors=sum(1 for r in live if r.new_visitor),
            referrals=sum(len(r.programmes) for r in live),
            by_channel=by_channel,
        )


def _time_and_id(when: datetime, visit_id: int) -> Tuple:
    return tuple_(bindparam(None, when, UTCDateTime()), visit_id)


def _ordered_keys(centre_id: int | None) -> Select[datetime, int]:
    statement = select(Visit.occurred_at, Visit.id).order_by(
        Visit.occurred_at.desc(), Visit.id.desc()
    )
    return statement.where(Visit.centre_id == centre_id) if centre_id is not None else statement


def _visit_rows(session: Session, statement: Select[Visit, Visitor]) -> list[VisitRow]:
    """The rows of ``statement`` (visits with their visitor), with their programmes' names."""
    rows = session.execute(statement).all()
    referrals: dict[int, list[str]] = {}
    answers: dict[int, list[ReferralAnswer]] = {}
    ids = [visit.id for visit, _ in rows]
    if ids:
        now = utc_now()
        for visit_id, name, status, reason, reference, created, handled in session.execute(
            select(
                Referral.visit_id,
                Programme.name,
                Referral.status,
                Referral.refusal_reason,
                Referral.reference,
                Referral.created_at,
                Referral.handled_at,
            )
            .join(Programme, Programme.id == Referral.programme_id)
            .where(Referral.visit_id.in_(ids))
            .order_by(Referral.id)
        ):
            referrals.setdefault(visit_id, []).append(name)
            shown = shown_status(status, created, handled, now)
            answers.setdefault(visit_id, []).append(
                ReferralAnswer(name, shown, status_label(shown, reason), reference, handled)
            )
    return [
        VisitRow(
            id=visit.id,
            occurred_at=visit.occurred_at,
            visitor_id=visit.visitor_id,
            who=visitor_label(visitor, with_year=True),
            channel=visit.channel,
            needs=tuple(visit.needs),
            note=visit.note,
            programmes=tuple(referrals.get(visit.id, [])),
            referrals=tuple(answers.get(visit.id, [])),
            cancelled=visit.cancelled_at is not None,
            new_visitor=visit.new_visitor,
            corrected=visit.corrected_at is not None,
            time_set_by_hand=visit.time_set_by_hand,
            centre_id=visit.centre_id,
        )
        for visit, visitor in rows
    ]


def _snapshot(visit: Visit, visitor: Visitor, day: date) -> None:
    """The person's statistical profile on the day of the visit (kept if the record changes)."""
    age = day.year - visitor.birth_year if visitor.birth_year else None
    visit.age_at_visit = age
    visit.age_bracket = bracket_of_age(age) if age is not None else visitor.age_bracket
    visit.gender, visit.commune, visit.sector = visitor.gender, visitor.commune, visitor.sector
    visit.situations = list(visitor.situations)
