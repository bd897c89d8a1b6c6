"""Synthetic but realistic data: French names, communes of the arrondissement, a social
centre's public, weekly and seasonal rhythms, anonymous visits, referrals of every status.

Deterministic for a given seed. Written with bulk inserts: a million visits in well under a
minute on SQLite. For demonstrations, benchmarks and load tests — never on a real database.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Centre, Referral, Visit, Visitor, VisitorNameToken
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.core.reception.profile import bracket_of_age
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


def _weighted(rng: random.Random, table: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in table], [w for _, w in table])[0]


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


def _visitor_rows(count: int, rng: random.Random, today: datetime) -> Iterator[dict]:
    communes = load_communes()
    towns = communes.names
    for _ in range(count):
        female = rng.random() < 0.62
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        age = max(16, min(92, int(rng.gauss(38, 15))))
        commune = towns[min(len(towns) - 1, int(rng.expovariate(1 / 12)))]
        situations = [code for code, p in SITUATIONS if rng.random() < p]
        yield {
            "person_key": str(uuid.UUID(int=rng.getrandbits(128))),
            "first_name": first,
            "last_name": last.upper() if rng.random() < 0.3 else last,
            "search_name": fold(f"{first} {last}"),
            "birth_year": today.year - age if rng.random() < 0.85 else None,
            "age_bracket": None if rng.random() < 0.85 else bracket_of_age(age),
            "gender": "femme" if female else ("homme" if rng.random() < 0.97 else "autre"),
            "commune": commune,
            "sector": communes.sector_of(commune),
            "situations": situations,
            "consent": rng.random() < 0.8,
            "created_at": today,
            "updated_at": today,
        }


def _visit_instants(rng: random.Random, start: datetime, days: int) -> datetime:
    while True:
        day = start + timedelta(days=rng.randrange(days))
        weight = MONTH_WEIGHT[day.month] * WEEKDAY_WEIGHT[day.weekday()]
        if rng.random() * 1.6 < weight:
            minutes = int(rng.triangular(8 * 60, 18 * 60, 10 * 60))
            return day.replace(hour=0, minute=0, second=0) + timedelta(minutes=minutes - 60)


def generate(
    db: Database,
    *,
    visits: int,
    visitors: int | None = None,
    centres: int = 12,
    seed: int = 1,
    years: int = 10,
    progress=None,
) -> DemoReport:  # type: ignore[no-untyped-def]
    """Add ``visits`` visits (and their visitors, centres and referrals) to ``db``."""
    if visits < 0 or visits > 20_000_000:
        raise UserFacingError("Nombre de passages entre 0 et 20 000 000.")
    rng = random.Random(seed)
    today = datetime.now(UTC).replace(microsecond=0)
    visitors = visitors if visitors is not None else max(1, visits // 5)
    centre_ids = _centres(db, centres, rng)
    programmes = [e.id for e in CatalogueService(db).entries() if e.kind != "domaine"]
    with db.write() as session:
        first_id = (session.scalar(select(func.max(Visitor.id))) or 0) + 1
        rows = list(_visitor_rows(visitors, rng, today))
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            session.execute(Visitor.__table__.insert(), chunk)
            tokens = [
                {"visitor_id": first_id + start + offset, "token": token}
                for offset, row in enumerate(chunk)
                for token in set(words(f"{row['first_name']} {row['last_name'] or ''}"))
            ]
            session.execute(VisitorNameToken.__table__.insert(), tokens)
    period_start = (today - timedelta(days=365 * years)).replace(tzinfo=UTC)
    days = 365 * years
    keys = [row["person_key"] for row in rows]
    made_visits = made_referrals = 0
    next_visit_id = None
    while made_visits < visits:
        size = min(BATCH * 5, visits - made_visits)
        with db.write() as session:
            if next_visit_id is None:
                next_visit_id = (session.scalar(select(func.max(Visit.id))) or 0) + 1
            visit_rows, referral_rows = [], []
            for offset in range(size):
                when = _visit_instants(rng, period_start, days)
                anonymous = rng.random() < 0.15
                # Regulars: a tenth of the people make a third of the visits.
                regulars = max(1, visitors // 10)
                index = rng.randrange(regulars) if rng.random() < 0.33 else rng.randrange(visitors)
                profile = rows[index]
                if rng.random() < 0.9:
                    centre = centre_ids[index % len(centre_ids)]  # people keep to their centre
                else:
                    centre = rng.choice(centre_ids)
                age = today.year - profile["birth_year"] if profile["birth_year"] else None
                visit_rows.append(
                    {
                        "id": next_visit_id + offset,
                        "visitor_id": None if anonymous else first_id + index,
                        "person_key": None if anonymous else keys[index],
                        "centre_id": centre,
                        "occurred_at": when,
                        "channel": _weighted(rng, CHANNELS),
                        "needs": rng.sample(NEEDS, k=rng.choice((1, 1, 1, 2))),
                        "note": None,
                        "age_at_visit": None if anonymous else age,
                        "age_bracket": None
                        if anonymous
                        else (bracket_of_age(age) if age else profile["age_bracket"]),
                        "gender": None if anonymous else profile["gender"],
                        "commune": None if anonymous else profile["commune"],
                        "sector": None if anonymous else profile["sector"],
                        "situations": [] if anonymous else profile["situations"],
                        "new_visitor": False,
                        "created_at": when,
                        "updated_at": when,
                    }
                )
                if programmes and rng.random() < 0.12:
                    status = _weighted(rng, STATUSES)
                    referral_rows.append(
                        {
                            "visit_id": next_visit_id + offset,
                            "programme_id": rng.choice(programmes),
                            "contact_id": None,
                            "centre_id": centre,
                            "status": status,
                            "refusal_reason": rng.choice(REFUSALS) if status == "refusee" else None,
                            "reasons": [],
                            "created_at": when,
                            "status_changed_at": when,
                        }
                    )
            session.execute(Visit.__table__.insert(), visit_rows)
            if referral_rows:
                session.execute(Referral.__table__.insert(), referral_rows)
        next_visit_id += size
        made_visits += size
        made_referrals += len(referral_rows)
        if progress:
            progress(made_visits, visits)
    with db.write() as session:
        last_seen = (
            select(func.max(Visit.occurred_at))
            .where(Visit.visitor_id == Visitor.id)
            .scalar_subquery()
        )
        session.execute(
            Visitor.__table__.update().where(Visitor.id >= first_id).values(last_seen_at=last_seen)
        )
    return DemoReport(visitors, made_visits, made_referrals, len(centre_ids))
