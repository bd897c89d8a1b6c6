"""Synthetic but realistic data: French names, communes of the arrondissement, a social
centre's public, weekly and seasonal rhythms, anonymous visits, referrals of every status.

Deterministic for a given seed. Written with bulk inserts: a million visits in well under a
minute on SQLite. For demonstrations, benchmarks and load tests — never on a real database.
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

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.core.clock import PARIS, paris_today
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Centre, Referral, Visit, Visitor, VisitorNameToken
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.core.reception.profile import NEET, NEET_AGES, bracket_of_age
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
BATCH = 20_000
MAX_VISITS = 5_000_000  # the plan is kept in memory: about 0.7 GB per million visits
DEMO_USER = "démonstration"
NOTES = ["Rappeler la semaine prochaine", "Dossier à compléter", "Orientée vers l’accueil"]
BULK_CACHE_KIB = 256 * 1024  # SQLite page cache while loading (the default is 2 MiB)


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


def _insert_visitors(
    db: Database,
    rows: list[dict],
    first_id: int,
    seen: dict[int, tuple[int, int]],
    encode: _Encoder,
) -> None:
    """``seen``: each person's first and last visit (minutes); a person drawn by no visit is
    recorded on the first day of the period (a record made at the desk, then never used)."""
    with db.write() as session:
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            _insert(
                session,
                Visitor.__tablename__,
                VISITOR_COLUMNS,
                [
                    (
                        first_id + start + offset,
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
                        encode.minute(seen.get(start + offset, (0, 0))[0]),
                        encode.minute(seen.get(start + offset, (0, 0))[1]),
                        encode.minute(seen[start + offset][1]) if start + offset in seen else None,
                    )
                    for offset, row in enumerate(chunk)
                ],
            )
            tokens = [
                (first_id + start + offset, token)
                for offset, row in enumerate(chunk)
                for token in _name_tokens(row["first_name"], row["last_name"])
            ]
            _insert(session, VisitorNameToken.__tablename__, ("visitor_id", "token"), tokens)


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
) -> DemoReport:
    """Add ``visits`` visits (and their visitors, centres and referrals) to ``db``, over the
    ``years`` before ``until`` (today by default): the same seed and end give the same data."""
    if visits < 0 or visits > MAX_VISITS:
        raise UserFacingError(f"Nombre de passages entre 0 et {MAX_VISITS:,}.".replace(",", " "))
    if db.login is not None:
        # Written in bulk, centres and name words included: what no staff login may do.
        raise UserFacingError(
            "Les données de démonstration ne s'écrivent pas avec un compte du personnel : "
            "sur un serveur, seulement dans une base d'essai et en tant que son propriétaire "
            "(le service informatique, --db postgresql+psycopg://PROPRIETAIRE@serveur/essai). "
            "Rien n'a été écrit."
        )
    rng = random.Random(seed)
    end = until or paris_today()
    visitors = visitors if visitors is not None else max(1, visits // 5)
    centre_ids = _centres(db, centres, rng)
    programmes = [e.id for e in CatalogueService(db).entries() if e.kind != "domaine"]
    period_start = datetime.combine(end - timedelta(days=365 * years), time(), UTC)
    encode = _Encoder(db.engine.dialect.name, period_start)
    minutes, who = _plan_visits(
        rng,
        visits,
        visitors,
        _visit_days(period_start, 365 * years),
        _edge_minutes(period_start, 365 * years),
    )
    # Visits come in time order: each person's first and last visit, in one pass.
    seen: dict[int, tuple[int, int]] = {}
    for minute, index in zip(minutes, who, strict=True):
        if index >= 0:
            seen[index] = (seen[index][0] if index in seen else minute, minute)
    year_of_day = [(period_start + timedelta(days=d)).year for d in range(365 * years + 2)]
    first_years = [
        year_of_day[seen[i][0] // 1440] if i in seen else period_start.year for i in range(visitors)
    ]
    with db.read() as session:
        first_id = (session.scalar(select(func.max(Visitor.id))) or 0) + 1
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
    _insert_visitors(db, rows, first_id, seen, encode)
    first_visit = {index: first for index, (first, _last) in seen.items()}
    del seen, first_years
    channels, statuses = _Weighted(CHANNELS), _Weighted(STATUSES)
    empty_list = encode.json([])
    anonymous_profile = (None, None, None, None, None, None, empty_list)
    needs = [encode.json([need]) for need in NEEDS]
    pairs = [encode.json([a, b]) for a in NEEDS for b in NEEDS if a != b]
    made_visits = made_referrals = 0
    next_visit_id = None
    while made_visits < visits:
        size = min(BATCH * 5, visits - made_visits)
        with db.write() as session:
            if encode.sqlite:
                session.connection().exec_driver_sql(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
            if next_visit_id is None:
                next_visit_id = (session.scalar(select(func.max(Visit.id))) or 0) + 1
            visit_rows, referral_rows = [], []
            random_ = rng.random
            for offset in range(size):
                position = made_visits + offset
                when = encode.minute(minutes[position])
                index = who[position]
                # A first visit is cancelled now and then (logged for the wrong person): the
                # person is new at their next visit, not at this one.
                first = index >= 0 and first_visit.get(index) == minutes[position]
                cancelled = when if random_() < (0.08 if first else 0.01) else None
                note = NOTES[int(random_() * len(NOTES))] if random_() < 0.05 else None
                anonymous = index < 0
                if random_() < 0.9 and not anonymous:
                    centre = centre_ids[index % len(centre_ids)]  # people keep to their centre
                else:
                    centre = centre_ids[int(random_() * len(centre_ids))]
                profile = profiles[index] if not anonymous else anonymous_profile
                if index in changed and minutes[position] >= change_at[index]:
                    profile = changed[index]
                key, birth_year, bracket, gender, commune, sector, situations = profile
                minute = minutes[position]
                year = _paris_year(period_start, minute, year_of_day)
                age = year - birth_year if birth_year else None
                if age is not None:
                    bracket = bracket_of_age(age)
                if random_() < 0.25:
                    visit_needs = pairs[int(random_() * len(pairs))]
                else:
                    visit_needs = needs[int(random_() * len(needs))]
                visit_id = next_visit_id + offset
                visit_rows.append(
                    (
                        visit_id,
                        None if anonymous else first_id + index,
                        key,
                        centre,
                        when,
                        channels.draw(rng),
                        visit_needs,
                        age,
                        bracket,
                        gender,
                        commune,
                        sector,
                        situations,
                        not anonymous and first_visit.get(index) == minute,
                        when,
                        when,
                        note,
                        DEMO_USER,
                        cancelled,
                        DEMO_USER if cancelled else None,
                    )
                )
                if programmes and random_() < 0.12:
                    status = statuses.draw(rng)
                    referral_rows.append(
                        (
                            visit_id,
                            programmes[int(random_() * len(programmes))],
                            centre,
                            status,
                            REFUSALS[int(random_() * len(REFUSALS))]
                            if status == "refusee"
                            else None,
                            empty_list,
                            when,
                            when,
                        )
                    )
            _insert(session, Visit.__tablename__, VISIT_COLUMNS, visit_rows)
            _insert(session, Referral.__tablename__, REFERRAL_COLUMNS, referral_rows)
        next_visit_id += size
        made_visits += size
        made_referrals += len(referral_rows)
        if progress:
            progress(made_visits, visits)
    with db.write() as session:
        if encode.sqlite:  # the pooled connection goes back with SQLite's default cache
            session.connection().exec_driver_sql("PRAGMA cache_size = -2000")
        else:  # ids were given explicitly: the sequences must start after them
            for table in ("visitor", "visit"):
                session.connection().exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
    return DemoReport(visitors, made_visits, made_referrals, len(centre_ids))
