"""Attendance figures for a period and one centre or all.

Visits (passages) and distinct people are kept apart: an anonymous visit counts as a visit,
never as a person. Cancelled visits never count. Days and months are Europe/Paris days, also
across daylight-saving changes. People are described by their profile at their latest visit
of the period (the snapshot kept on each visit), so figures never change afterwards.

The database counts: visits grouped by UTC hour (folded into Paris days, weeks and months
here: Paris is a whole number of hours from UTC, so the days stay exact across
daylight-saving changes), by channel and centre, by need (the JSON lists opened by
``json_each`` or ``json_array_elements_text``); people one row each, grouped from their
visits, with one NOT EXISTS probe for whether they came before. Python then only describes
the few hundred distinct facets (age, situations, commune…) by the funders' rules.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    Row,
    Select,
    Text,
    case,
    distinct,
    exists,
    func,
    select,
    true,
)
from sqlalchemy import cast as sa_cast
from sqlalchemy.orm import Session, aliased

from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.attendance.loop_figures import (
    LOOP_COLUMNS,
    LOOP_NOTE,
    REASON_COLUMNS,
    LoopFigures,
    count_loop,
)
from acsrv_desktop.core.attendance.periods import MONTHS as MONTHS
from acsrv_desktop.core.attendance.periods import Period as Period
from acsrv_desktop.core.attendance.periods import same_day_a_year_before
from acsrv_desktop.core.catalogue.vocabularies import Vocabularies, load_vocabularies
from acsrv_desktop.core.clock import PARIS, paris_today, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Centre, Programme, Referral, Visit
from acsrv_desktop.core.reception.profile import NEET, NEET_AGES
from acsrv_desktop.core.reception.referrals import STATUSES
from acsrv_desktop.core.reception.visits import CHANNELS
from acsrv_desktop.core.vocabulary import AgeBracket

# Two funders, two tables. The FSE+ brackets are the stored ones (``AgeBracket``), with the
# labels of the figures and no upper limit to the last one.
FSE_LABELS: dict[str, str] = {
    AgeBracket.UNDER_18: "moins de 18 ans",
    AgeBracket.FROM_18_TO_29: "18–29 ans",
    AgeBracket.FROM_30_TO_54: "30–54 ans",
    AgeBracket.FROM_55: "55 ans et plus",
}
FSE_BRACKETS = tuple(
    (FSE_LABELS[b], b.range[0], 200 if b is AgeBracket.FROM_55 else b.range[1]) for b in AgeBracket
)
# The CAF's brackets, never stored: computed from the birth year only.
CAF_BRACKETS = (
    ("0–11 ans", 0, 11),
    ("12–25 ans", 12, 25),
    ("26–59 ans", 26, 59),
    ("60 ans et plus", 60, 200),
)
FUNDER_SITUATIONS = (
    "rsa",
    "minima-sociaux",
    "demandeur-emploi",
    "chomage-longue-duree",
    "ni-emploi-ni-formation",
    "parent",
    "isole",
    "en-emploi",
)
# The FSE+'s employment status, derived from the situations (see ``_employment_status``).
UNEMPLOYED = "chômeurs, y compris de longue durée"
INACTIVE = "inactifs (ni en emploi ni en formation, sans recherche d’emploi notée)"
EMPLOYED = "en emploi, y compris indépendants"
UNKNOWN_STATUS = "non précisé"
EMPLOYMENT_STATUSES = (UNEMPLOYED, INACTIVE, EMPLOYED, UNKNOWN_STATUS)
GENDER_LABELS = {
    "femme": "femmes",
    "homme": "hommes",
    "autre": "autre ou non précisé",
    None: "non précisé",
}
UNKNOWN = "non précisé"
# Every table of people has a column per gender (the FSE+ asks each figure by gender).
GENDER_COLUMNS: dict[str | None, str] = {
    "femme": "Femmes",
    "homme": "Hommes",
    "autre": "Autre",
    None: "Non précisé",
}
PEOPLE_COLUMNS = (*GENDER_COLUMNS.values(), "Personnes")
QPV_ROWS = ("habitants d’un QPV", "autres")


class _ByGender:
    """People counted by a row label and by gender: rows (label, one count per gender, the
    row's total), in the order of ``_counted`` on the totals."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str | None]] = Counter()

    def add(self, label: str, gender: str | None, people: int = 1) -> None:
        self.counts[label, gender] += people

    def rows(self, order: list[str] | None = None) -> list[tuple]:
        totals: Counter[str] = Counter()
        for (label, _gender), count in self.counts.items():
            totals[label] += count
        return [
            (label, *(self.counts.get((label, g), 0) for g in GENDER_COLUMNS), total)
            for label, total in _counted(totals, order)
        ]


@dataclass
class Breakdown:
    """One table of the report: a title, its column names, rows, and whether to total them."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    total: bool = True
    note: str = ""

    def counts(self) -> dict[Any, Any]:
        """Each row's label and its last column (the row's total, when there are several)."""
        return {row[0]: row[-1] for row in self.rows}


KEY_LABELS = (
    ("visits", "Passages (visites)"),
    ("people", "Personnes distinctes"),
    ("new_people", "dont nouvelles personnes"),
    ("anonymous_visits", "Passages anonymes (comptés en passages, pas en personnes)"),
    ("referrals", "Orientations (tous statuts)"),
)


@dataclass(frozen=True)
class KeyCounts:
    """The key figures of a period, each counted once over the whole period."""

    visits: int
    people: int
    new_people: int
    anonymous_visits: int
    referrals: int


@dataclass(frozen=True)
class Comparison:
    """The key figures of another period, for comparison: the one before, a year before."""

    label: str
    period: Period
    counts: KeyCounts


@dataclass
class AttendanceReport:
    period: Period
    centre: str  # "Tous les centres" or the centre's name
    generated_at: datetime
    centre_id: int | None
    visits: int
    people: int
    anonymous_visits: int
    new_people: int
    referrals: int
    breakdowns: list[Breakdown]
    comparisons: list[Comparison] = field(default_factory=list)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)

    def counts(self) -> KeyCounts:
        return KeyCounts(
            self.visits, self.people, self.new_people, self.anonymous_visits, self.referrals
        )

    def key_numbers(self) -> list[tuple[str, int]]:
        counts = self.counts()
        return [(label, getattr(counts, name)) for name, label in KEY_LABELS]


# The ages a stored bracket may hold (the last one with no upper limit, as in FSE_BRACKETS).
_STORED_RANGES: dict[str, tuple[int, int]] = {
    b.value: (b.range[0], 200 if b is AgeBracket.FROM_55 else b.range[1]) for b in AgeBracket
}


def _bracket(
    age: int | None, stored: str | None, brackets: tuple[tuple[str, int, int], ...]
) -> str:
    """The table's bracket of a person: from the age when it is known, otherwise the one
    bracket holding every age of the stored bracket (30–54 ans is 26–59 ans for the CAF;
    18–29 ans spans two of its brackets: « non précisé »)."""
    if age is not None:
        return next((label for label, low, high in brackets if low <= age <= high), UNKNOWN)
    if stored not in _STORED_RANGES:
        return UNKNOWN
    youngest, oldest = _STORED_RANGES[stored]
    return next(
        (label for label, low, high in brackets if low <= youngest and oldest <= high), UNKNOWN
    )


def _counted(counter: Counter, order: list[str] | None = None) -> list[tuple]:
    """Rows in the given order (every listed key, even at 0), then any other key: totals hold."""
    by_size = sorted(counter, key=lambda k: (-counter[k], str(k)))
    if order is None:
        return [(key, counter[key]) for key in by_size if counter[key]]
    return [(key, counter.get(key, 0)) for key in order] + [
        (key, counter[key]) for key in by_size if key not in order
    ]


def _visit_filter(start: datetime, end: datetime, centre_id: int | None) -> list[Any]:
    conditions = [Visit.occurred_at >= start, Visit.occurred_at < end, Visit.cancelled_at.is_(None)]
    if centre_id is not None:
        conditions.append(Visit.centre_id == centre_id)
    return conditions


def key_counts(session: Session, period: Period, centre_id: int | None = None) -> KeyCounts:
    """The key figures of ``period`` counted by the database (the comparisons' periods)."""
    start, end = period.bounds()
    where = _visit_filter(start, end, centre_id)
    visits, anonymous = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((Visit.person_key.is_(None), 1), else_=0)), 0),
        ).where(*where)
    ).one()
    # The people grouped once, then one probe per person (not per visit) of the index of a
    # person's visits by date: their number and the new ones in the same statement.
    people_seen = (
        select(Visit.person_key.label("person_key"))
        .where(*where, Visit.person_key.is_not(None))
        .group_by(Visit.person_key)
        .subquery("people")
    )
    earlier = aliased(Visit)
    came_before = exists().where(
        earlier.person_key == people_seen.c.person_key,
        earlier.cancelled_at.is_(None),
        earlier.occurred_at < start,
    )
    people, new_people = session.execute(
        select(func.count(), func.sum(case((~came_before, 1), else_=0))).select_from(people_seen)
    ).one()
    referrals = session.scalar(
        select(func.count())
        .select_from(Referral)
        .join(Programme, Programme.id == Referral.programme_id)
        .join(Visit, Visit.id == Referral.visit_id)
        .where(*where)
    )
    return KeyCounts(
        int(visits), int(people), int(new_people or 0), int(anonymous), int(referrals or 0)
    )


def _compared_periods(period: Period, today: date) -> list[tuple[str, Period]]:
    """The period before and the same period a year before (when inside the dates allowed).
    A period still running is compared on as many days as have passed (the year to date with
    the same days of the year before), never with a whole one."""
    passed = (min(period.end, today) - period.start).days
    running = passed < (period.end - period.start).days
    compared: list[tuple[str, Period]] = []
    for label, other, year_before in (
        ("période précédente", period.previous, False),
        ("même période un an avant", period.year_before, True),
    ):
        try:
            chosen = other()
            if running and year_before:  # the same dates (29 February: the 28th)
                chosen = Period(chosen.start, same_day_a_year_before(today))
            elif running:
                chosen = Period(chosen.start, min(chosen.end, chosen.start + timedelta(passed)))
        except UserFacingError:  # before 2000, or not begun: nothing to compare with
            continue
        if all(chosen != seen for _, seen in compared):  # a year's previous is a year before
            compared.append((label, chosen))
    return compared


def compute(
    db: Database, actor: Actor, period: Period, centre_id: int | None = None
) -> AttendanceReport:
    """The report of ``period``, counted by the database in a few grouped statements (see
    ``_tallies`` and ``_people``): the rows read are groups and people, never every visit."""
    actor.require(Permission.FIGURES)
    start, end = period.bounds()
    vocab = load_vocabularies()
    with db.read() as session:
        if not db.is_sqlite:
            # One snapshot for the report's dozen statements, as SQLite's read transaction
            # has: under READ COMMITTED a visit saved meanwhile by a desk would count in the
            # days but not in the total, or in a month's people but not the period's.
            session.connection(
                execution_options={
                    "isolation_level": "REPEATABLE READ",
                    "postgresql_readonly": True,
                }
            )
        centre_name = "Tous les centres"
        if centre_id is not None:
            centre = session.get(Centre, centre_id)
            if centre is None:
                raise UserFacingError("Ce centre n’existe pas.")
            centre_name = centre.name
        centres = dict(session.execute(select(Centre.id, Centre.name)).all())
        visit_filter = _visit_filter(start, end, centre_id)
        tallies = _tallies(session, visit_filter, centres, vocab)
        people = _people(session, visit_filter, start)
        month_people = _people_by_month(session, period, centre_id)
        # Referrals count in the period and centre of the visit they came from.
        referral_rows = session.execute(
            select(Programme.name, Referral.status, func.count())
            .join(Programme, Programme.id == Referral.programme_id)
            .join(Visit, Visit.id == Referral.visit_id)
            .where(*visit_filter)
            .group_by(Programme.name, Referral.status)
        ).all()
        loop = count_loop(session, visit_filter, utc_now())
        comparisons = [
            Comparison(label, other, key_counts(session, other, centre_id))
            for label, other in _compared_periods(period, paris_today())
        ]
    report = _aggregate(
        period, centre_name, centre_id, tallies, people, month_people, referral_rows, vocab
    )
    at = next(i for i, b in enumerate(report.breakdowns) if b.key == "orientations_statuts")
    report.breakdowns[at + 1 : at + 1] = _loop_tables(loop)
    report.comparisons = comparisons
    if comparisons:
        report.breakdowns.insert(1, _comparison_table(report))
    return report


def _loop_tables(loop: LoopFigures) -> list[Breakdown]:
    return [
        Breakdown(
            "orientations_suivi",
            "Suivi des orientations par programme",
            LOOP_COLUMNS,
            loop.rows,
            note=LOOP_NOTE,
        ),
        Breakdown(
            "orientations_refus",
            "Orientations refusées, par programme et motif",
            REASON_COLUMNS,
            loop.reasons,
            total=False,  # the refusals' total is in the table above
        ),
    ]


@dataclass
class _Tallies:
    """The visits of the period counted by group: by Paris day (from UTC hours: Paris is a
    whole number of hours from UTC), channel, centre and need."""

    by_hour: Counter[datetime] = field(default_factory=Counter)  # UTC hours
    by_channel: Counter[str] = field(default_factory=Counter)
    by_centre: Counter[str] = field(default_factory=Counter)
    by_need: Counter[str] = field(default_factory=Counter)
    visits: int = 0
    anonymous: int = 0


def _utc_hour(session: Session) -> tuple[ColumnElement[Any], Callable[[Any], datetime]]:
    """The visit's UTC hour as the database gives it, and how to read it back as a datetime."""
    # SQLite: the naive UTC text SQLAlchemy writes, always 'YYYY-MM-DD HH:MM:SS.ffffff' (the
    # period's bounds compare as text in that format too, and _people_grouped sorts it).
    if session.get_bind().dialect.name == "sqlite":
        return func.substr(Visit.occurred_at, 1, 13), _read_sqlite_hour
    # Truncated in UTC, whatever the session's time zone (one of half hours would mix days).
    return func.date_trunc("hour", func.timezone("UTC", Visit.occurred_at)), _read_naive_hour


def _read_sqlite_hour(text: Any) -> datetime:
    return datetime.fromisoformat(f"{text}:00").replace(tzinfo=UTC)


def _read_naive_hour(value: Any) -> datetime:
    return cast(datetime, value).replace(tzinfo=UTC)


def _array_elements(session: Session, column: Any) -> Any:
    """The elements of a JSON list column, as a table (one row per element)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.json_each(column).table_valued("value")
    return func.json_array_elements_text(column).table_valued("value")


def _tallies(
    session: Session, visit_filter: list[Any], centres: dict[int, str], vocab: Vocabularies
) -> _Tallies:
    tallies = _Tallies()
    hour, read_hour = _utc_hour(session)
    for value, count in session.execute(
        select(hour, func.count()).where(*visit_filter).group_by(hour)
    ):
        tallies.by_hour[read_hour(value)] += count
    # Channels and centres in one pass (sixty groups at most), hours apart: grouped together
    # they would make tens of thousands of groups in a year.
    anonymous = func.sum(case((Visit.person_key.is_(None), 1), else_=0))
    for channel, centre_id, count, unnamed in session.execute(
        select(Visit.channel, Visit.centre_id, func.count(), anonymous)
        .where(*visit_filter)
        .group_by(Visit.channel, Visit.centre_id)
    ):
        tallies.by_channel[CHANNELS.get(channel, channel)] += count
        tallies.by_centre[centres.get(centre_id, "?")] += count
        tallies.visits += count
        tallies.anonymous += int(unnamed or 0)
    need = _array_elements(session, Visit.needs)
    for code, count in session.execute(
        select(need.c.value, func.count())
        .select_from(Visit)
        .join(need, true())
        .where(*visit_filter)
        .group_by(need.c.value)
    ):
        tallies.by_need[vocab.thematique_label(code)] += count
    return tallies


class _Person(NamedTuple):
    """One person of the period: the profile of their latest visit of the period, how many
    visits they made in it, and, for a new one (no visit before the period, anywhere), the
    time of the first in it."""

    age: int | None
    bracket: str | None
    gender: str | None
    commune: str | None
    sector: str | None
    situations: str  # the JSON text: decoded once per distinct list (see ``_people_tables``)
    visits: int
    first_at: datetime | None  # for new people only

    @property
    def new(self) -> bool:
        return self.first_at is not None


_PROFILE = ("age_at_visit", "age_bracket", "gender", "commune", "sector")


def _people(session: Session, visit_filter: list[Any], start: datetime) -> list[_Person]:
    """The people of the period, one row each: their visits grouped, their latest visit's
    profile, and whether a visit of theirs comes before (one probe of the index of a
    person's visits not cancelled, by date)."""
    named = (*visit_filter, Visit.person_key.is_not(None))
    if session.get_bind().dialect.name == "sqlite":
        statement = _people_grouped(named, start)
    else:
        statement = _people_windowed(named, start)
    # Core rows, not the ORM's: a fourth of the time for tens of thousands of them.
    rows = session.connection().execute(statement)
    return [
        _Person(age, bracket, gender, commune, sector, situations or "[]", n, first)
        for age, bracket, gender, commune, sector, situations, n, first in rows
    ]


def _first_if_new(person_key: Any, first_at: Any, start: datetime) -> ColumnElement[Any]:
    """The first visit's time for a person with no visit (not cancelled) before ``start``,
    else NULL: one probe per person (a second column with the same NOT EXISTS would probe
    twice on PostgreSQL)."""
    earlier = aliased(Visit, name="earlier")
    came_before = exists().where(
        earlier.person_key == person_key,
        earlier.cancelled_at.is_(None),
        earlier.occurred_at < start,
    )
    return case((~came_before, first_at))


def _people_grouped(named: tuple[Any, ...], start: datetime) -> Select[Any]:
    """SQLite: grouped, not windowed (five times faster there). The latest visit (the
    highest id among visits at the same instant) is the greatest of its time, text that sorts
    as time does, followed by its id on 12 digits; its profile is read by that id."""
    stamped = sa_cast(Visit.occurred_at, Text).concat(func.printf("%012d", Visit.id))
    latest = (
        select(
            sa_cast(func.substr(func.max(stamped), -12), Integer).label("latest_id"),
            func.count().label("visits"),
            func.min(Visit.occurred_at).label("first_at"),
        )
        .where(*named)
        .group_by(Visit.person_key)
        .subquery("people")
    )
    visit = aliased(Visit, name="latest")
    return select(
        *(getattr(visit, name) for name in _PROFILE),
        sa_cast(visit.situations, Text),
        latest.c.visits,
        _first_if_new(visit.person_key, latest.c.first_at, start),
    ).join(latest, latest.c.latest_id == visit.id)


def _people_windowed(named: tuple[Any, ...], start: datetime) -> Select[Any]:
    """PostgreSQL: the visits ranked per person, the profile carried along (a third faster
    than reading the latest visit again by its id)."""
    person = Visit.person_key
    ranked = (
        select(
            person,
            *(getattr(Visit, name) for name in _PROFILE),
            sa_cast(Visit.situations, Text).label("situations"),
            func.row_number()
            .over(partition_by=person, order_by=(Visit.occurred_at.desc(), Visit.id.desc()))
            .label("rank"),
            func.count().over(partition_by=person).label("visits"),
            func.min(Visit.occurred_at).over(partition_by=person).label("first_at"),
        )
        .where(*named)
        .subquery("ranked")
    )
    return select(
        *(ranked.c[name] for name in _PROFILE),
        ranked.c.situations,
        ranked.c.visits,
        _first_if_new(ranked.c.person_key, ranked.c.first_at, start),
    ).where(ranked.c.rank == 1)


def _people_by_month(
    session: Session, period: Period, centre_id: int | None
) -> dict[tuple[int, int], int]:
    """Distinct people in each month of a period of several (a statement per month: each
    reads its own range of the time index, a quarter of the cost of one pass counting every
    month at once)."""
    months = period.months()
    if len(months) < 2:
        return {}
    counted = {}
    for month in months:
        start, end = month.bounds()
        counted[month.start.year, month.start.month] = (
            session.scalar(
                select(func.count(distinct(Visit.person_key))).where(
                    *_visit_filter(start, end, centre_id)
                )
            )
            or 0
        )
    return counted


def evolution(now: int, before: int) -> str:
    """The change from ``before`` to ``now`` in words (a sign first would read as a formula)."""
    if before == 0:  # nothing to compare with: no percentage
        return "—"
    change = round((now - before) * 100 / before)
    if change == 0:
        return "stable"
    return f"{'hausse' if change > 0 else 'baisse'} de {abs(change)} %"


def _comparison_table(report: AttendanceReport) -> Breakdown:
    columns: list[str] = ["Indicateur", report.period.describe()]
    for comparison in report.comparisons:
        columns += [f"{comparison.period.describe()} ({comparison.label})", "Évolution"]
    now = report.counts()
    rows = []
    for name, label in KEY_LABELS:
        row: list[object] = [label, getattr(now, name)]
        for comparison in report.comparisons:
            before = getattr(comparison.counts, name)
            row += [before, evolution(getattr(now, name), before)]
        rows.append(tuple(row))
    return Breakdown(
        "comparaisons",
        "Comparaison avec la période précédente et un an avant",
        tuple(columns),
        rows,
        total=False,
        note="Chaque période est comptée en entier : ses personnes distinctes, une fois chacune.",
    )


@dataclass
class _PeopleTables:
    fse: _ByGender = field(default_factory=_ByGender)
    caf: _ByGender = field(default_factory=_ByGender)
    new_by_age: _ByGender = field(default_factory=_ByGender)
    situation: _ByGender = field(default_factory=_ByGender)
    employment: _ByGender = field(default_factory=_ByGender)
    qpv: _ByGender = field(default_factory=_ByGender)
    commune: _ByGender = field(default_factory=_ByGender)
    sector: _ByGender = field(default_factory=_ByGender)
    gender: Counter[str] = field(default_factory=Counter)
    frequency: Counter[tuple[int, str | None]] = field(default_factory=Counter)
    new_by_month: Counter[tuple[int, int]] = field(default_factory=Counter)
    neet_outside: int = 0  # recorded before the rule: counted as they are, said in the note


def _people_tables(people: list[_Person], vocab: Vocabularies) -> _PeopleTables:
    """The tables of people. People are first counted by the few facets each table reads
    (a few hundred distinct ages and genders, lists of situations, communes), then each
    distinct facet is described once: the rules run per facet, not per person."""
    tables = _PeopleTables()
    codes = [p.gender if p.gender in GENDER_COLUMNS else None for p in people]
    ages = Counter((p.age, p.bracket, code) for p, code in zip(people, codes, strict=True))
    for (age, stored, code), count in ages.items():
        tables.fse.add(_bracket(age, stored, FSE_BRACKETS), code, count)
        tables.caf.add(_bracket(age, stored, CAF_BRACKETS), code, count)
    for (age, stored, code), count in Counter(
        (p.age, p.bracket, code) for p, code in zip(people, codes, strict=True) if p.new
    ).items():
        tables.new_by_age.add(_bracket(age, stored, FSE_BRACKETS), code, count)
    for person in people:
        if person.first_at is not None:  # new
            first = person.first_at.astimezone(PARIS)
            tables.new_by_month[first.year, first.month] += 1
    tables.gender.update(GENDER_LABELS.get(p.gender, UNKNOWN) for p in people)
    tables.frequency.update((p.visits, code) for p, code in zip(people, codes, strict=True))
    expanded: dict[str, set[str]] = {}  # per distinct list of situations, as stored
    for (stored_list, code), count in Counter(
        (p.situations, code) for p, code in zip(people, codes, strict=True)
    ).items():
        situations = expanded.get(stored_list)
        if situations is None:
            # As implied too (records from before long-term unemployment implied job seeking).
            noted = set(json.loads(stored_list) or [])
            situations = expanded[stored_list] = vocab.expand_situations(noted)
        tables.employment.add(_employment_status(situations), code, count)
        for funder_code in FUNDER_SITUATIONS:
            if funder_code in situations:
                tables.situation.add(vocab.situations[funder_code].label, code, count)
        tables.qpv.add(QPV_ROWS[0] if "qpv" in situations else QPV_ROWS[1], code, count)
    tables.neet_outside = sum(
        count
        for (stored_list, age, stored_bracket), count in Counter(
            (p.situations, p.age, p.bracket) for p in people
        ).items()
        if NEET in expanded[stored_list] and _outside_neet_ages(age, stored_bracket)
    )
    for (name, code), count in Counter(
        (p.commune, code) for p, code in zip(people, codes, strict=True)
    ).items():
        tables.commune.add(name or UNKNOWN, code, count)
    for (sector_code, code), count in Counter(
        (p.sector, code) for p, code in zip(people, codes, strict=True)
    ).items():
        label = vocab.sectors.get(sector_code, UNKNOWN) if sector_code else UNKNOWN
        tables.sector.add(label, code, count)
    return tables


def _aggregate(
    period: Period,
    centre_name: str,
    centre_id: int | None,
    tallies: _Tallies,
    people: list[_Person],
    month_people: dict[tuple[int, int], int],
    referral_rows: Sequence[Row[str, str, int]],
    vocab: Vocabularies,
) -> AttendanceReport:
    by_day: Counter[date] = Counter()
    by_week: Counter[str] = Counter()
    month_visits: Counter[tuple[int, int]] = Counter()
    for hour, count in tallies.by_hour.items():
        local = hour.astimezone(PARIS)
        by_day[local.date()] += count
        month_visits[local.year, local.month] += count
        iso = local.isocalendar()
        by_week[f"{iso.year}-S{iso.week:02d}"] += count
    by_channel, by_need, by_centre = tallies.by_channel, tallies.by_need, tallies.by_centre
    tables = _people_tables(people, vocab)
    new_people = sum(tables.new_by_month.values())
    referrals_by_programme: Counter[str] = Counter()
    referrals_by_status: Counter[str] = Counter()
    for name, status, count in referral_rows:
        referrals_by_programme[name] += count
        referrals_by_status[STATUSES.get(status, status)] += count
    days = period.days()
    age_order = [b[0] for b in FSE_BRACKETS] + [UNKNOWN]
    breakdowns = [
        Breakdown(
            "jours",
            "Passages par jour",
            ("Jour", "Passages"),
            [(d, by_day.get(d, 0)) for d in days],
        ),
        Breakdown(
            "semaines", "Passages par semaine", ("Semaine", "Passages"), sorted(by_week.items())
        ),
        Breakdown(
            "canaux",
            "Passages par canal",
            ("Canal", "Passages"),
            _counted(by_channel, [CHANNELS[c] for c in CHANNELS]),
        ),
        Breakdown(
            "besoins",
            "Besoins exprimés",
            ("Besoin", "Passages"),
            _counted(by_need),
            total=False,
            note="Un passage peut exprimer plusieurs besoins.",
        ),
        Breakdown("centres", "Passages par centre", ("Centre", "Passages"), _counted(by_centre)),
        Breakdown(
            "orientations_programmes",
            "Orientations par programme",
            ("Programme", "Orientations"),
            _counted(referrals_by_programme),
        ),
        Breakdown(
            "orientations_statuts",
            "Orientations par statut",
            ("Statut", "Orientations"),
            _counted(referrals_by_status, list(STATUSES.values())),
        ),
        Breakdown(
            "ages_fse",
            "Personnes par âge (tranches FSE+) et genre",
            ("Tranche d’âge", *PEOPLE_COLUMNS),
            tables.fse.rows(age_order),
            note="« Non précisé » : ni année de naissance ni tranche d’âge notée à l’accueil.",
        ),
        Breakdown(
            "ages_caf",
            "Personnes par âge (tranches CAF) et genre",
            ("Tranche d’âge", *PEOPLE_COLUMNS),
            tables.caf.rows([b[0] for b in CAF_BRACKETS] + [UNKNOWN]),
            note=(
                "Sans année de naissance, la tranche d’âge notée à l’accueil compte quand elle "
                "tient dans une tranche CAF (30–54 ans : 26–59 ans) ; sinon « non précisé »."
            ),
        ),
        Breakdown(
            "genres",
            "Personnes par genre",
            ("Genre", "Personnes"),
            _counted(tables.gender, ["femmes", "hommes", "autre ou non précisé", UNKNOWN]),
        ),
        Breakdown(
            "situations",
            "Personnes par situation et genre",
            ("Situation", *PEOPLE_COLUMNS),
            tables.situation.rows([vocab.situations[c].label for c in FUNDER_SITUATIONS]),
            total=False,
            note="Une personne peut être dans plusieurs situations."
            + _neet_note(tables.neet_outside, vocab.situations[NEET].label),
        ),
        Breakdown(
            "statut_emploi_fse",
            "Personnes par situation d’emploi (FSE+) et genre",
            ("Situation d’emploi", *PEOPLE_COLUMNS),
            tables.employment.rows(list(EMPLOYMENT_STATUSES)),
            note=(
                "Déduite des situations notées : « en emploi » ; sinon demandeur·euse d’emploi "
                "ou au chômage depuis plus d’un an ; sinon « ni en emploi ni en formation » "
                "(inactifs) ; sinon « non précisé ». Les inactifs de 30 ans et plus (retraite, "
                "au foyer) n’ont pas de situation à eux : ils sont dans « non précisé »."
            ),
        ),
        Breakdown(
            "qpv",
            "Habitants des quartiers prioritaires (QPV), par genre",
            ("Résidence", *PEOPLE_COLUMNS),
            tables.qpv.rows(list(QPV_ROWS)),
        ),
        Breakdown(
            "communes",
            "Personnes par commune et genre",
            ("Commune", *PEOPLE_COLUMNS),
            tables.commune.rows(),
        ),
        Breakdown(
            "secteurs",
            "Personnes par secteur et genre",
            ("Secteur", *PEOPLE_COLUMNS),
            tables.sector.rows(),
        ),
        Breakdown(
            "nouvelles_ages_genres",
            "Nouvelles personnes par âge (tranches FSE+) et genre",
            ("Tranche d’âge", *PEOPLE_COLUMNS),
            tables.new_by_age.rows(age_order),
            note="Nouvelle : venue pour la première fois (tous centres) pendant la période.",
        ),
        _frequency_table(tables.frequency),
    ]
    if len(period.months()) > 1:
        breakdowns.insert(
            1,
            _month_table(
                period,
                month_visits,
                month_people,
                tables.new_by_month,
                len(people),
            ),
        )
    return AttendanceReport(
        period=period,
        centre=centre_name,
        centre_id=centre_id,
        generated_at=utc_now(),
        visits=tallies.visits,
        people=len(people),
        anonymous_visits=tallies.anonymous,
        new_people=new_people,
        referrals=sum(count for _, _, count in referral_rows),
        breakdowns=breakdowns,
    )


def _employment_status(situations: set[str]) -> str:
    if "en-emploi" in situations:
        return EMPLOYED
    if "demandeur-emploi" in situations:  # long-term unemployment implies it
        return UNEMPLOYED
    if NEET in situations:
        return INACTIVE
    return UNKNOWN_STATUS


def _outside_neet_ages(age: int | None, stored: str | None) -> bool:
    """Known to be outside 16–29 (by the age at the visit, or a stored bracket wholly out)."""
    low, high = NEET_AGES
    if age is not None:  # the year's difference: the person is that age or one less
        return age < low or age - 1 > high
    if stored in _STORED_RANGES:
        youngest, oldest = _STORED_RANGES[stored]
        return oldest < low or youngest > high
    return False


def _neet_note(count: int, label: str) -> str:
    if not count:
        return ""
    return (
        f" {count} personne(s) notée(s) « {label} » alors que leur âge est hors de "
        f"{NEET_AGES[0]}–{NEET_AGES[1]} ans (fiches d’avant cette règle, ou personnes qui ont "
        "passé 29 ans depuis) : comptées telles quelles, à vérifier à leur prochaine venue."
    )


FREQUENCY_ROWS = (("1 passage", 1, 1), ("2 à 3 passages", 2, 3), ("4 passages et plus", 4, None))


def _frequency_table(frequency: Counter[tuple[int, str | None]]) -> Breakdown:
    """How often the people came in the period: once, now and then, regularly (``frequency``:
    people by their number of visits and gender)."""
    table = _ByGender()
    for (times, gender), people in frequency.items():
        label = next(
            label for label, low, high in FREQUENCY_ROWS if low <= times <= (high or times)
        )
        table.add(label, gender, people)
    return Breakdown(
        "frequence",
        "Personnes selon leur nombre de passages dans la période, par genre",
        ("Passages de la personne", *PEOPLE_COLUMNS),
        table.rows([label for label, _low, _high in FREQUENCY_ROWS]),
        note="Les passages anonymes n’y comptent pas (ils ne sont rattachés à personne).",
    )


def _month_table(
    period: Period,
    month_visits: Counter[tuple[int, int]],
    month_people: dict[tuple[int, int], int],
    new_by_month: Counter[tuple[int, int]],
    people: int,
) -> Breakdown:
    """The period month by month. A person new over the period is new in the month of their
    first visit counted (at the centre chosen, when one is): the months add up to it."""
    rows = []
    for month in period.months():
        key = (month.start.year, month.start.month)
        rows.append(
            (
                month.describe(),
                month_visits.get(key, 0),
                month_people.get(key, 0),
                new_by_month[key],
            )
        )
    return Breakdown(
        "mois",
        "Mois par mois",
        ("Mois", "Passages", "Personnes distinctes", "dont nouvelles personnes"),
        rows,
        total=False,
        note=(
            "Les personnes ne s’additionnent pas d’un mois à l’autre : une personne venue "
            f"plusieurs mois compte dans chacun. Sur toute la période : {people} personnes "
            "distinctes."
        ),
    )


def anonymised_detail(
    db: Database, actor: Actor, period: Period, centre_id: int | None = None
) -> list[tuple]:
    """One row per visit of the period, without names, notes or any record id."""
    actor.require(Permission.FIGURES)
    start, end = period.bounds()
    vocab = load_vocabularies()
    conditions = _visit_filter(start, end, centre_id)
    with db.read() as session:
        centres = dict(session.execute(select(Centre.id, Centre.name)).all())
        rows = session.execute(
            select(
                Visit.occurred_at,
                Visit.centre_id,
                Visit.channel,
                Visit.needs,
                Visit.age_at_visit,
                Visit.age_bracket,
                Visit.gender,
                Visit.commune,
                Visit.sector,
                Visit.situations,
                Visit.person_key,
            )
            .where(*conditions)
            .order_by(Visit.occurred_at)
        ).all()
    detail = []
    known = vocab.situations
    for r in rows:
        local = r.occurred_at.astimezone(PARIS)
        detail.append(
            (
                local.date(),
                local.strftime("%H:%M"),
                centres.get(r.centre_id, "?"),
                CHANNELS.get(r.channel, r.channel),
                ", ".join(vocab.thematique_label(n) for n in r.needs or []),
                _bracket(r.age_at_visit, r.age_bracket, FSE_BRACKETS) if r.person_key else "",
                GENDER_LABELS.get(r.gender, UNKNOWN) if r.person_key else "",
                r.commune or "",
                vocab.sectors.get(r.sector, "") if r.sector else "",
                ", ".join(vocab.situations[c].label for c in r.situations or [] if c in known),
                "oui" if r.person_key is None else "non",
            )
        )
    return detail
