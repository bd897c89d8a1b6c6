"""Synthetic but realistic data: French names, communes of the arrondissement, a social
centre's public, weekly and seasonal rhythms, anonymous visits, referrals of every status.

Deterministic for a given seed. Written with bulk inserts: a million visits in well under a
minute on SQLite. For demonstrations, benchmarks and load tests — never on a real database:
refused where any visit is not the generator's own (``DemoState``). Each batch of visits is
committed whole with the people it brings, so that a run killed half-way leaves a consistent
database (and, on PostgreSQL, sequences past every id) that the next run describes.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.core.clock import PARIS, paris_today
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import (
    AppSetting,
    Centre,
    Referral,
    Visit,
    Visitor,
    VisitorNameToken,
)
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.core.reception.profile import NEET, NEET_AGES, bracket_of_age
from acsrv_desktop.core.reception.references import new_reference
from acsrv_desktop.core.text import fold, words

FIRST_NAMES_F = [
    "Marie",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Sandrine",
    "Céline",
    "Aurélie",
    "Émilie",
    "Mélanie",
    "Chloé",
    "Léa",
    "Manon",
    "Inès",
    "Amina",
    "Fatima",
    "Yasmine",
    "Océane",
    "Anaïs",
    "Zoé",
    "Hélène",
    "Françoise",
    "Anne-Sophie",
    "Marie-Thérèse",
    "Noémie",
    "Maëlys",
    "Kenza",
    "Sarah",
]
FIRST_NAMES_M = [
    "Jean",
    "Pierre",
    "Michel",
    "Philippe",
    "Alain",
    "Patrick",
    "Nicolas",
    "Christophe",
    "Sébastien",
    "Julien",
    "Kévin",
    "Thomas",
    "Lucas",
    "Hugo",
    "Mohamed",
    "Karim",
    "Rachid",
    "Mehdi",
    "Yanis",
    "Théo",
    "Jérôme",
    "François",
    "Jean-Pierre",
    "Jean-Luc",
    "Loïc",
    "Benoît",
    "Maxime",
    "Enzo",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Durand",
    "Lefèvre",
    "Leroy",
    "Moreau",
    "Lefebvre",
    "Dupont",
    "Lemaire",
    "Delattre",
    "Dufour",
    "Lambert",
    "Vandenberghe",
    "Wallet",
    "Deschamps",
    "Carpentier",
    "Delcourt",
    "Duhamel",
    "Benali",
    "Haddad",
    "Mansouri",
    "Kaczmarek",
    "Nowak",
    "Szymański",
    "Da Silva",
    "Pereira",
    "Caron",
    "Lecomte",
    "Dupuis",
    "Fontaine",
    "Prévost",
    "Lesage",
    "Hennebert",
    "Vasseur",
    "Debruyne",
    "Van Acker",
    "Le Goff",
    "Saint-Amand",
    "Boulanger",
    "Cuvelier",
    "Delmotte",
]
SITUATIONS = [
    ("rsa", 0.18),
    ("demandeur-emploi", 0.30),
    ("chomage-longue-duree", 0.10),
    ("ni-emploi-ni-formation", 0.08),
    ("qpv", 0.35),
    ("hors-radar", 0.04),
    ("minima-sociaux", 0.08),
    ("isole", 0.12),
    ("parent", 0.40),
    ("en-emploi", 0.15),
]
NEEDS = [
    "trouver-un-emploi",
    "choisir-un-metier",
    "se-former",
    "famille--garde-denfants",
    "famille--soutien-a-la-parentalite-et-a-leducation",
    "numerique",
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    "remobilisation--lien-social",
    "remobilisation--activites-sportives-et-culturelles",
    "mobilite",
    "creer-une-entreprise",
    "logement-hebergement",
]
CHANNELS = [("sur-place", 0.72), ("telephone", 0.22), ("courriel", 0.06)]
STATUSES = [
    ("proposee", 0.25),
    ("contact-pris", 0.2),
    ("acceptee", 0.25),
    ("refusee", 0.15),
    ("terminee", 0.15),
]
REFUSALS = ["non-joignable", "non-eligible", "non-interesse", "session-complete", "autre"]
# Fewer visits in August and at Christmas, more in September (rentrée) and January.
MONTH_WEIGHT = {
    1: 1.15,
    2: 1.0,
    3: 1.05,
    4: 1.0,
    5: 0.95,
    6: 1.0,
    7: 0.7,
    8: 0.45,
    9: 1.25,
    10: 1.1,
    11: 1.05,
    12: 0.8,
}
WEEKDAY_WEIGHT = [1.2, 1.1, 1.3, 1.0, 0.9, 0.25, 0.0]  # Monday … Sunday
# Visits committed together with the people they bring, their words and referrals: a run
# killed half-way leaves whole batches (and the sequences past them on PostgreSQL).
VISIT_BATCH = 100_000
MAX_VISITS = 5_000_000  # the plan is kept in memory: about 0.7 GB per million visits
DEMO_USER = "démonstration"
NOTES = ["Rappeler la semaine prochaine", "Dossier à compléter", "Orientée vers l’accueil"]
BULK_CACHE_KIB = 256 * 1024  # SQLite page cache while loading (the default is 2 MiB)
# The last run (app_setting): written before any row, finished by its last batch.
DEMO_RUN_KEY = "demo.generation"


@dataclass
class DemoReport:
    visitors: int
    visits: int
    referrals: int
    centres: int

    def describe(self) -> str:
        return (
            f"Données de démonstration : {self.visitors} personnes, {self.visits} passages, "
            f"{self.referrals} orientations, {self.centres} centres."
        )


_T = TypeVar("_T")


class _Weighted(Generic[_T]):
    """Draws from a weighted table with one random number and a bisection (rng.choices is
    several times slower, and this runs millions of times)."""

    def __init__(self, table: Sequence[tuple[_T, float]]) -> None:
        self.values = [value for value, _ in table]
        self.cumulative = list(itertools.accumulate(weight for _, weight in table))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> _T:
        return self.values[bisect.bisect(self.cumulative, rng.random() * self.total)]


def _centres(db: Database, count: int, rng: random.Random) -> list[int]:
    communes = load_communes()
    with db.write() as session:
        existing = list(session.scalars(select(Centre.id)))
        names = set(session.scalars(select(Centre.name)))
        towns = communes.names
        number = 1
        while len(existing) < count:
            town = towns[rng.randrange(len(towns))]
            name = f"Centre social de {town}" + (f" ({number})" if number > 1 else "")
            number += 1
            if name in names:
                continue
            row = Centre(name=name, commune=town, sector=communes.sector_of(town), active=True)
            session.add(row)
            session.flush()
            existing.append(row.id)
            names.add(name)
        return existing[:count]


@functools.cache
def _name_tokens(first: str, last: str | None) -> tuple[str, ...]:
    # The names come from short lists: folding each pair once saves most of the work. Sorted:
    # the rows come in the same order whatever Python's string hashing.
    return tuple(sorted(set(words(f"{first} {last or ''}"))))


@functools.cache
def _folded_name(first: str, last: str) -> str:
    return fold(f"{first} {last}")


def _visitor_rows(count: int, rng: random.Random, first_years: list[int]) -> Iterator[dict]:
    """People aged 16 to 92 at their first visit (``first_years``: its year, per person)."""
    communes = load_communes()
    towns = communes.names
    for index in range(count):
        female = rng.random() < 0.62
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        age = max(16, min(92, int(rng.gauss(38, 15))))
        commune = towns[min(len(towns) - 1, int(rng.expovariate(1 / 12)))]
        situations = _situations(rng, age)
        yield {
            "person_key": str(uuid.UUID(int=rng.getrandbits(128))),
            "first_name": first,
            "last_name": last.upper() if rng.random() < 0.3 else last,
            "search_name": _folded_name(first, last),
            "birth_year": first_years[index] - age if rng.random() < 0.85 else None,
            "age_bracket": None if rng.random() < 0.85 else bracket_of_age(age),
            "gender": "femme" if female else ("homme" if rng.random() < 0.97 else "autre"),
            "commune": commune,
            "sector": communes.sector_of(commune),
            "situations": situations,
            "consent": rng.random() < 0.8,
        }


def _situations(rng: random.Random, age: int) -> list[str]:
    """Situations as the reception would record them: NEET only from 16 to 29, nothing that
    excludes another one ticked, and what each implies (long-term unemployment is job
    seeking; the RSA is a minimum income)."""
    vocab = load_vocabularies()
    drawn = [code for code, p in SITUATIONS if rng.random() < p]
    if not NEET_AGES[0] <= age <= NEET_AGES[1]:
        drawn = [code for code in drawn if code != NEET]
    kept: list[str] = []
    for code in drawn:
        if vocab.contradiction({*kept, code}) is None:
            kept.append(code)
    every = vocab.expand_situations(set(kept))
    return kept + sorted(every - set(kept))


def _paris_year(start: datetime, minute: int, year_of_day: list[int]) -> int:
    """The Paris year of a visit, as the desk records the age (a visit at 00:30 on 1 January
    in Paris is on 31 December in UTC); the exact conversion only near a new year."""
    day = minute // 1440
    if year_of_day[day + 1] != year_of_day[day] and minute % 1440 >= 22 * 60:
        return (start + timedelta(minutes=minute)).astimezone(PARIS).year
    return year_of_day[day]


def _profile(row: dict, encode: _Encoder) -> tuple[Any, ...]:
    return (
        row["person_key"],
        row["birth_year"],
        row["age_bracket"],
        row["gender"],
        row["commune"],
        row["sector"],
        encode.json(row["situations"]),
    )


def _profile_changes(
    rng: random.Random, minutes: list[int], who: list[int], start: datetime
) -> dict[int, int]:
    """About one person in twenty who came twice in a month: the minute of their second
    visit of that month, from which their profile is another."""
    last_seen: dict[int, int] = {}
    changes: dict[int, int] = {}
    for minute, index in zip(minutes, who, strict=True):
        if index < 0 or index in changes:
            continue
        before = last_seen.get(index)
        same_month = before is not None and _month_of(start, before) == _month_of(start, minute)
        if same_month and rng.random() < 0.05:
            changes[index] = minute
        last_seen[index] = minute
    return changes


def _month_of(start: datetime, minute: int) -> tuple[int, int]:
    moment = (start + timedelta(minutes=minute)).astimezone(PARIS)
    return moment.year, moment.month


def _changed(row: dict) -> dict:
    """The same person after a move to another commune and a change of job seeking."""
    communes = load_communes()
    towns = communes.names
    commune = towns[(towns.index(row["commune"]) + 1) % len(towns)]
    situations = list(row["situations"])
    if "demandeur-emploi" in situations:
        situations = [
            s for s in situations if s not in ("demandeur-emploi", "chomage-longue-duree")
        ]
    else:
        situations.append("demandeur-emploi")
    return {
        **row,
        "commune": commune,
        "sector": communes.sector_of(commune),
        "situations": situations,
    }


def _visit_days(start: datetime, days: int) -> _Weighted[int]:
    """Day numbers of the period, weighted by month (season) and weekday (closed on Sunday)."""
    table: list[tuple[int, float]] = []
    for number in range(days):
        day = start + timedelta(days=number)
        weight = MONTH_WEIGHT[day.month] * WEEKDAY_WEIGHT[day.weekday()]
        if weight:
            table.append((number, weight))
    return _Weighted(table)


def _edge_minutes(start: datetime, days: int) -> list[int]:
    """Minutes (from ``start``, UTC) where the rules are hardest: 23:59 and 00:00 in Paris
    around every month's end (a message written late, a call logged at midnight), and both
    daylight-saving nights — just before the spring jump and in the autumn's repeated hour,
    once in each of its two passes."""
    end = start + timedelta(days=days)
    instants: list[datetime] = []
    day = start.date()
    while day < end.date():
        following = day + timedelta(days=1)
        if following.day == 1:  # the last day of a month
            instants.append(datetime.combine(day, time(23, 59), tzinfo=PARIS))
            instants.append(datetime.combine(following, time(0, 0), tzinfo=PARIS))
        day = following
    for year in range(start.year, end.year + 1):
        # Europe changes its clocks at 01:00 UTC on the last Sunday of March and October:
        # 01:59 then 03:00 in Paris in spring, 02:30 twice in autumn (written in UTC, so
        # that no ``fold`` is needed).
        spring, autumn = _last_sunday(year, 3), _last_sunday(year, 10)
        for day, utc_times in (
            (spring, (time(0, 59), time(1, 0))),
            (autumn, (time(0, 30), time(1, 30))),
        ):
            instants.extend(datetime.combine(day, moment, tzinfo=UTC) for moment in utc_times)
    minutes = (int((moment - start).total_seconds() // 60) for moment in instants)
    return sorted(m for m in minutes if 0 <= m < days * 1440)


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 6) % 7)


def _visit_minute(rng: random.Random, days: _Weighted[int]) -> int:
    """Minutes from the start of the period: opening hours in Paris (08:00–18:00, busiest
    mid-morning), one hour earlier in UTC."""
    minute_of_day = int(rng.triangular(8 * 60, 18 * 60, 10 * 60)) - 60
    return days.draw(rng) * 1440 + minute_of_day


class _Encoder:
    """Values as the database driver takes them, without SQLAlchemy's per-value processing:
    SQLite stores naive UTC text and JSON text (the formats SQLAlchemy itself writes there)."""

    def __init__(self, dialect_name: str, start: datetime) -> None:
        self.sqlite = dialect_name == "sqlite"
        self.start = start.replace(hour=0, minute=0, second=0, microsecond=0)
        self._days: dict[int, str] = {}
        if not self.sqlite:
            from psycopg.types.json import Json

            self._json = Json

    def instant(self, value: datetime) -> object:
        if self.sqlite:
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return value

    def minute(self, minutes: int) -> object:
        """The instant ``minutes`` after the start of the period (strftime once per day)."""
        if not self.sqlite:
            return self.start + timedelta(minutes=minutes)
        day, minute = divmod(minutes, 1440)
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = (self.start + timedelta(days=day)).strftime("%Y-%m-%d")
        return f"{text} {minute // 60:02d}:{minute % 60:02d}:00.000000"

    def json(self, value: object) -> object:
        return json.dumps(value) if self.sqlite else self._json(value)


def _insert(
    session: Session, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """One executemany of plain tuples, straight to the driver."""
    if not rows:
        return
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    statement = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    )
    connection.exec_driver_sql(statement, rows)


VISIT_COLUMNS = (
    "id",
    "visitor_id",
    "person_key",
    "centre_id",
    "occurred_at",
    "channel",
    "needs",
    "age_at_visit",
    "age_bracket",
    "gender",
    "commune",
    "sector",
    "situations",
    "new_visitor",
    "created_at",
    "updated_at",
    "note",
    "created_by",
    "cancelled_at",
    "cancelled_by",
)
REFERRAL_COLUMNS = (
    "visit_id",
    "programme_id",
    "centre_id",
    "status",
    "refusal_reason",
    "reasons",
    "created_at",
    "status_changed_at",
    "reference",
)


VISITOR_COLUMNS = (
    "id",
    "person_key",
    "first_name",
    "last_name",
    "search_name",
    "birth_year",
    "age_bracket",
    "gender",
    "commune",
    "sector",
    "situations",
    "consent",
    "created_at",
    "updated_at",
    "last_seen_at",
)


def _plan_visits(
    rng: random.Random, visits: int, visitors: int, days: _Weighted[int], edges: list[int]
) -> tuple[list[int], list[int]]:
    """When each visit happens (minutes, in time order) and who comes (-1: anonymous). Some
    fall on the instants where the figures' rules are hardest (``_edge_minutes``)."""
    chosen_edges = rng.sample(edges, min(len(edges), visits // 20))
    minutes = sorted(
        chosen_edges + [_visit_minute(rng, days) for _ in range(visits - len(chosen_edges))]
    )
    regulars = max(1, visitors // 10)
    random_ = rng.random
    who = []
    for _ in range(visits):
        if random_() < 0.15:
            who.append(-1)
        else:
            # Regulars: a tenth of the people make a third of the visits.
            pool = regulars if random_() < 0.33 else visitors
            who.append(int(random_() * pool))
    return minutes, who


def _number(value: int) -> str:
    """12 000, as French writes it (a narrow no-break space between thousands)."""
    return f"{value:,}".replace(",", "\u202f")


def _plural(count: int, one: str, many: str) -> str:
    return f"{_number(count)} {one if count == 1 else many}"


@dataclass(frozen=True)
class DemoState:
    """What a database holds before a run: its real visits (any visit the generator did not
    write — its visits alone are written by ``DEMO_USER``, a name no login or actor can have:
    logins are lower-case ASCII, the application's own actors « système (…) » or « ligne de
    commande (…) »), its demonstration visits, and the last run when it did not finish."""

    real_visits: int
    demo_visits: int
    unfinished: dict[str, Any] | None

    def refusal(self) -> str:
        real = _plural(self.real_visits, "passage réel (saisi", "passages réels (saisis")
        return (
            f"Cette base contient {real} à l’accueil, pas par le générateur) : des données de "
            "démonstration y fausseraient la fréquentation ; elles ne vont que dans une base "
            "d’essai (--db sqlite:///essai.sqlite3). Rien n’a été écrit."
        )

    def describe(self) -> str | None:
        """What is already there, when there is something to say."""
        if self.unfinished is not None:
            done = int(self.unfinished.get("faits", 0))
            planned = int(self.unfinished.get("passages", 0))
            return (
                f"Déjà dans la base : {_plural(self.demo_visits, 'passage', 'passages')} de "
                f"démonstration ; la génération précédente s’est arrêtée après "
                f"{_number(done)} passages sur {_number(planned)} (ses lots validés sont "
                "gardés, complets)."
            )
        if self.demo_visits:
            return (
                f"Déjà dans la base : {_plural(self.demo_visits, 'passage', 'passages')} de "
                "démonstration ; ceux-ci s’y ajoutent."
            )
        return None


def demo_state(session: Session) -> DemoState:
    real = session.scalar(
        select(func.count())
        .select_from(Visit)
        .where(or_(Visit.created_by.is_(None), Visit.created_by != DEMO_USER))
    )
    demo = session.scalar(select(func.count()).where(Visit.created_by == DEMO_USER))
    run = _last_run(session)
    return DemoState(real or 0, demo or 0, run if run is not None and not run["fini"] else None)


def _last_run(session: Session) -> dict[str, Any] | None:
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == DEMO_RUN_KEY))
    try:
        run = json.loads(value) if value is not None else None
    except ValueError:
        return None
    return run if isinstance(run, dict) and "fini" in run else None


def _mark_run(session: Session, run: dict[str, Any]) -> None:
    """The run in ``app_setting``: written with its audit entry before any row, brought up
    to date by every batch in the batch's own transaction, finished by the last one."""
    row = session.get(AppSetting, DEMO_RUN_KEY)
    if row is None:
        session.add(AppSetting(key=DEMO_RUN_KEY, value=json.dumps(run)))
    else:
        row.value = json.dumps(run)
    session.flush()


def _new_ids(session: Session, table: str, count: int) -> list[int]:
    """``count`` ids for rows of ``table``, increasing. On PostgreSQL they are taken from the
    table's own sequence, so that it is past them whenever a batch commits (a run killed
    half-way leaves no id that a later save would take again) and a desk saving meanwhile
    gets another one; on SQLite the write lock is held (BEGIN IMMEDIATE) and the next id is
    the largest plus one."""
    if count == 0:
        return []
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        top = connection.exec_driver_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").scalar()
        return list(range(int(top or 0) + 1, int(top or 0) + 1 + count))
    taken = connection.exec_driver_sql(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
        (count,),
    ).scalars()
    return sorted(int(value) for value in taken)


def _repair_sequences(session: Session) -> None:
    """A sequence left behind its table's ids (by an earlier version's run killed half-way,
    say) is moved past them: every later save would fail otherwise."""
    for table in ("visitor", "visit"):
        session.connection().exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), top.id) "
            f"FROM (SELECT MAX(id) AS id FROM {table}) AS top WHERE top.id > COALESCE("
            f"pg_sequence_last_value(pg_get_serial_sequence('{table}', 'id')::regclass), 0)"
        )


def _begin(
    db: Database,
    actor: Actor | None,
    run: dict[str, Any],
    allow_real_visits: bool,
) -> DemoState:
    """The first transaction: the check, the audit entry and the run's mark, before any row."""
    with db.write() as session:
        state = demo_state(session)
        if state.real_visits and not allow_real_visits:
            raise UserFacingError(state.refusal())
        if actor is not None:
            audit.record(
                session,
                actor,
                "donnees-demo",
                passages=run["passages"],
                personnes=run["personnes"],
                graine=run["graine"],
                lot=run["lot"],
            )
        _mark_run(session, run)
        if not db.is_sqlite:
            _repair_sequences(session)
    return state


@dataclass
class _Plan:
    """Everything drawn before the first batch (the same for a seed and an end day)."""

    minutes: list[int]
    who: list[int]
    rows: list[dict]
    profiles: list[tuple[Any, ...]]
    changed: dict[int, tuple[Any, ...]]
    change_at: dict[int, int]
    first_visit: dict[int, int]
    unvisited: list[int]
    year_of_day: list[int]
    period_start: datetime
    centre_ids: list[int]
    programmes: list[str]


class _Writer:
    """Writes the plan batch by batch, each batch in its own transaction and whole: its
    visits, the people they bring (inserted at their first visit, with their name words),
    the referrals, and the last visit of the people coming back — so that what a kill leaves
    is consistent, batch by batch."""

    def __init__(self, plan: _Plan, rng: random.Random, encode: _Encoder) -> None:
        self.plan, self.rng, self.encode = plan, rng, encode
        self.ids: dict[int, int] = {}  # person (index in the plan) → visitor id
        self.channels, self.statuses = _Weighted(CHANNELS), _Weighted(STATUSES)
        self.empty_list = encode.json([])
        self.anonymous_profile = (None, None, None, None, None, None, self.empty_list)
        self.needs = [encode.json([need]) for need in NEEDS]
        self.pairs = [encode.json([a, b]) for a in NEEDS for b in NEEDS if a != b]

    def write(self, session: Session, start: int, size: int, last: bool) -> int:
        """Visits ``start`` to ``start + size`` (and, with the last batch, the people who
        never came); the number of referrals."""
        plan = self.plan
        positions = range(start, start + size)
        latest: dict[int, int] = {}  # person → their last visit in this batch
        for position in positions:
            if plan.who[position] >= 0:
                latest[plan.who[position]] = plan.minutes[position]
        newcomers = [index for index in latest if index not in self.ids]
        if last:
            newcomers += plan.unvisited
        returning = any(index in self.ids for index in latest)
        self.ids.update(zip(newcomers, _new_ids(session, "visitor", len(newcomers)), strict=True))
        self._insert_visitors(session, newcomers, latest)
        visit_ids = _new_ids(session, "visit", size)
        visit_rows, referral_rows = self._visit_rows(positions, visit_ids)
        _insert(session, Visit.__tablename__, VISIT_COLUMNS, visit_rows)
        _insert(session, Referral.__tablename__, REFERRAL_COLUMNS, referral_rows)
        if returning:  # their last visit, in one statement (one UPDATE each is slow on a server)
            session.connection().exec_driver_sql(
                _placeholders(
                    session,
                    "UPDATE visitor SET updated_at = seen.latest, last_seen_at = seen.latest "
                    "FROM (SELECT visitor_id, MAX(occurred_at) AS latest FROM visit "
                    "WHERE id BETWEEN ? AND ? AND visitor_id IS NOT NULL AND created_by = ? "
                    "GROUP BY visitor_id) AS seen WHERE visitor.id = seen.visitor_id",
                ),
                (visit_ids[0], visit_ids[-1], DEMO_USER),
            )
        return len(referral_rows)

    def _insert_visitors(
        self, session: Session, newcomers: list[int], latest: dict[int, int]
    ) -> None:
        """A person's record from their first visit; one who never came recorded on the
        first day of the period (made at the desk, then never used)."""
        plan, encode = self.plan, self.encode
        rows = []
        for index in newcomers:
            row = plan.rows[index]
            seen = latest.get(index)
            rows.append(
                (
                    self.ids[index],
                    row["person_key"],
                    row["first_name"],
                    row["last_name"],
                    row["search_name"],
                    row["birth_year"],
                    row["age_bracket"],
                    row["gender"],
                    row["commune"],
                    row["sector"],
                    encode.json(row["situations"]),
                    row["consent"],
                    encode.minute(plan.first_visit.get(index, 0)),
                    encode.minute(seen if seen is not None else 0),
                    encode.minute(seen) if seen is not None else None,
                )
            )
        _insert(session, Visitor.__tablename__, VISITOR_COLUMNS, rows)
        tokens = [
            (self.ids[index], token)
            for index in newcomers
            for token in _name_tokens(plan.rows[index]["first_name"], plan.rows[index]["last_name"])
        ]
        _insert(session, VisitorNameToken.__tablename__, ("visitor_id", "token"), tokens)

    def _visit_rows(
        self, positions: range, visit_ids: list[int]
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        plan, encode, rng = self.plan, self.encode, self.rng
        centre_ids, programmes = plan.centre_ids, plan.programmes
        visit_rows: list[tuple[Any, ...]] = []
        referral_rows: list[tuple[Any, ...]] = []
        random_ = rng.random
        for position, visit_id in zip(positions, visit_ids, strict=True):
            minute = plan.minutes[position]
            when = encode.minute(minute)
            index = plan.who[position]
            # A first visit is cancelled now and then (logged for the wrong person): the
            # person is new at their next visit, not at this one.
            first = index >= 0 and plan.first_visit.get(index) == minute
            cancelled = when if random_() < (0.08 if first else 0.01) else None
            note = NOTES[int(random_() * len(NOTES))] if random_() < 0.05 else None
            anonymous = index < 0
            if random_() < 0.9 and not anonymous:
                centre = centre_ids[index % len(centre_ids)]  # people keep to their centre
            else:
                centre = centre_ids[int(random_() * len(centre_ids))]
            profile = plan.profiles[index] if not anonymous else self.anonymous_profile
            if index in plan.changed and minute >= plan.change_at[index]:
                profile = plan.changed[index]
            key, birth_year, bracket, gender, commune, sector, situations = profile
            year = _paris_year(plan.period_start, minute, plan.year_of_day)
            age = year - birth_year if birth_year else None
            if age is not None:
                bracket = bracket_of_age(age)
            if random_() < 0.25:
                visit_needs = self.pairs[int(random_() * len(self.pairs))]
            else:
                visit_needs = self.needs[int(random_() * len(self.needs))]
            visit_rows.append(
                (
                    visit_id,
                    None if anonymous else self.ids[index],
                    key,
                    centre,
                    when,
                    self.channels.draw(rng),
                    visit_needs,
                    age,
                    bracket,
                    gender,
                    commune,
                    sector,
                    situations,
                    first,
                    when,
                    when,
                    note,
                    DEMO_USER,
                    cancelled,
                    DEMO_USER if cancelled else None,
                )
            )
            if programmes and random_() < 0.12:
                status = self.statuses.draw(rng)
                referral_rows.append(
                    (
                        visit_id,
                        programmes[int(random_() * len(programmes))],
                        centre,
                        status,
                        REFUSALS[int(random_() * len(REFUSALS))] if status == "refusee" else None,
                        self.empty_list,
                        when,
                        when,
                        new_reference(),
                    )
                )
        return visit_rows, referral_rows


def _placeholders(session: Session, statement: str) -> str:
    return (
        statement
        if session.connection().dialect.paramstyle == "qmark"
        else (statement.replace("?", "%s"))
    )


def _plan(
    db: Database,
    rng: random.Random,
    *,
    visits: int,
    visitors: int,
    centres: int,
    years: int,
    end: date,
    encode_for: Callable[[datetime], _Encoder],
) -> tuple[_Plan, _Encoder]:
    centre_ids = _centres(db, centres, rng)
    programmes = [e.id for e in CatalogueService(db).entries() if e.kind != "domaine"]
    period_start = datetime.combine(end - timedelta(days=365 * years), time(), UTC)
    encode = encode_for(period_start)
    minutes, who = _plan_visits(
        rng,
        visits,
        visitors,
        _visit_days(period_start, 365 * years),
        _edge_minutes(period_start, 365 * years),
    )
    # Visits come in time order: each person's first visit, in one pass.
    first_visit: dict[int, int] = {}
    for minute, index in zip(minutes, who, strict=True):
        if index >= 0:
            first_visit.setdefault(index, minute)
    year_of_day = [(period_start + timedelta(days=d)).year for d in range(365 * years + 2)]
    first_years = [
        year_of_day[first_visit[i] // 1440] if i in first_visit else period_start.year
        for i in range(visitors)
    ]
    rows = list(_visitor_rows(visitors, rng, first_years))
    # Each person's columns of a visit, encoded once (a person comes back many times); the
    # age is the one on the day of each visit, as the app records it.
    profiles = [_profile(row, encode) for row in rows]
    # Some people move or change situation between two visits of one month: their visits
    # from then on (and their record) carry the new profile.
    change_at = _profile_changes(rng, minutes, who, period_start)
    for index in change_at:
        rows[index] = _changed(rows[index])
    changed = {index: _profile(rows[index], encode) for index in change_at}
    plan = _Plan(
        minutes=minutes,
        who=who,
        rows=rows,
        profiles=profiles,
        changed=changed,
        change_at=change_at,
        first_visit=first_visit,
        unvisited=[i for i in range(visitors) if i not in first_visit],
        year_of_day=year_of_day,
        period_start=period_start,
        centre_ids=centre_ids,
        programmes=programmes,
    )
    return plan, encode


def generate(
    db: Database,
    *,
    visits: int,
    visitors: int | None = None,
    centres: int = 12,
    seed: int = 1,
    years: int = 10,
    until: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    batch: int = VISIT_BATCH,
    actor: Actor | None = None,
    allow_real_visits: bool = False,
    notice: Callable[[str], None] | None = None,
) -> DemoReport:
    """Add ``visits`` visits (and their visitors, centres and referrals) to ``db``, over the
    ``years`` before ``until`` (today by default): the same seed and end give the same data.

    Refused on a database holding real visits (``DemoState``) unless ``allow_real_visits``.
    ``actor``'s audit entry is written first, in the transaction that checks; then each
    ``batch`` visits are committed together, whole (``_Writer``). ``notice`` is told what a
    database already holds (demonstration visits, a run that stopped half-way)."""
    if visits < 0 or visits > MAX_VISITS:
        raise UserFacingError(f"Nombre de passages entre 0 et {MAX_VISITS:,}.".replace(",", " "))
    if batch < 1:
        raise UserFacingError("Taille des lots : au moins 1 passage.")
    if db.login is not None:
        # Written in bulk, centres and name words included: what no staff login may do.
        raise UserFacingError(
            "Les données de démonstration ne s'écrivent pas avec un compte du personnel : "
            "sur un serveur, seulement dans une base d'essai et en tant que son propriétaire "
            "(le service informatique, --db postgresql+psycopg://PROPRIETAIRE@serveur/essai). "
            "Rien n'a été écrit."
        )
    visitors = visitors if visitors is not None else max(1, visits // 5)
    run: dict[str, Any] = {
        "passages": visits,
        "personnes": visitors,
        "graine": seed,
        "lot": batch,
        "faits": 0,
        "fini": False,
    }
    state = _begin(db, actor, run, allow_real_visits)
    if notice is not None and (said := state.describe()) is not None:
        notice(said)
    rng = random.Random(seed)
    plan, encode = _plan(
        db,
        rng,
        visits=visits,
        visitors=visitors,
        centres=centres,
        years=years,
        end=until or paris_today(),
        encode_for=lambda start: _Encoder(db.engine.dialect.name, start),
    )
    writer = _Writer(plan, rng, encode)
    made_visits = made_referrals = 0
    while True:
        size = min(batch, visits - made_visits)
        last = made_visits + size >= visits
        with db.write() as session:
            if encode.sqlite:
                session.connection().exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            made_referrals += writer.write(session, made_visits, size, last)
            _mark_run(session, {**run, "faits": made_visits + size, "fini": last})
            if last and encode.sqlite:  # the pooled connection goes back with the default
                session.connection().exec_driver_sql("PRAGMA cache_size = -2000")
        made_visits += size
        if progress:
            progress(made_visits, visits)
        if last:
            break
    return DemoReport(visitors, made_visits, made_referrals, len(plan.centre_ids))
