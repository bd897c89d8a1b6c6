"""The federation's server: the visitor lookup and a visit's save through an accueil login.

    ACSRV_BENCH_POSTGRESQL_URL=postgresql+psycopg://postgres@127.0.0.1:55434/postgres?… \\
        .venv/bin/python bench/bench_server.py [--visitors 20000] [--visits 100000]

A server database prepared as ``server init`` does, filled by ``transfer`` from a demo database
(generated once into bench/out/), over verified TLS on the test server of scripts/postgresql.sh
(the URL is its superuser's: it makes the owner and drops everything afterwards). Measured in
the same run: a bare round trip on the accueil login's own connection (the floor), the same
work through the owner's connection (no row-level security, no trigger), then through the
accueil login (the policies, the audit stamping and the triggers of the server).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, header, row, timings_ms  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from acsrv_desktop.core.accounts.roles import Actor, Role  # noqa: E402
from acsrv_desktop.core.accounts.service import AccountInput, AccountService  # noqa: E402
from acsrv_desktop.core.attendance.figures import (  # noqa: E402
    Period,
    _compared_periods,
    compute,
)
from acsrv_desktop.core.clock import PARIS, paris_today  # noqa: E402
from acsrv_desktop.core.database import Database  # noqa: E402
from acsrv_desktop.core.reception.visits import VisitInput  # noqa: E402
from acsrv_desktop.core.server import setup as server_setup  # noqa: E402
from acsrv_desktop.core.server.transfer import transfer  # noqa: E402
from acsrv_desktop.core.services import Services  # noqa: E402

PASSWORD = "Banc-Essai-Serveur-2026"
TYPED = ["dup", "dupo", "dupon", "lef", "lefe", "mart", "marti", "ben", "bena", "van a"]


def _superuser(url: str, *statements: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _busiest_centre(db: Database) -> int:
    with db.read() as session:
        return int(
            session.execute(
                text("SELECT centre_id FROM visit GROUP BY centre_id ORDER BY count(*) DESC")
            )
            .scalars()
            .first()
        )


# The floor of the figures on the server: the bare aggregates of bench_export.py, in
# PostgreSQL's syntax, on the owner's connection.
PG_AGGREGATES = [
    "SELECT (occurred_at AT TIME ZONE 'UTC')::date, count(*) FROM visit WHERE {w} GROUP BY 1",
    "SELECT channel, count(*) FROM visit WHERE {w} GROUP BY 1",
    "SELECT centre_id, count(*) FROM visit WHERE {w} GROUP BY 1",
    "SELECT count(DISTINCT person_key), count(*) FILTER (WHERE person_key IS NULL) "
    "FROM visit WHERE {w}",
    "SELECT age_bracket, gender, count(DISTINCT person_key) FROM visit WHERE {w} GROUP BY 1, 2",
    "SELECT commune, count(DISTINCT person_key) FROM visit WHERE {w} GROUP BY 1",
]


# The second floor: the bare key counts of the two periods the figures compare with.
PG_KEY_COUNTS = [
    "SELECT count(*), count(*) FILTER (WHERE person_key IS NULL) FROM visit WHERE {w}",
    "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM visit e WHERE "
    "e.person_key = p.person_key AND e.cancelled_at IS NULL AND e.occurred_at < :s)) "
    "FROM (SELECT person_key FROM visit WHERE {w} AND person_key IS NOT NULL "
    "GROUP BY person_key) AS p",
    "SELECT count(*) FROM referral JOIN visit ON visit.id = referral.visit_id WHERE {w}",
]


def measure_figures(owner_url: str) -> None:
    """A month and a year of figures on the server, each beside its bare aggregates."""
    owner_db = Database(owner_url)
    admin = Actor.system("banc")
    where = "occurred_at >= :s AND occurred_at < :e AND cancelled_at IS NULL"
    with owner_db.read() as session:
        last = session.execute(text("SELECT max(occurred_at) FROM visit")).scalar_one()
    last = last.astimezone(PARIS)
    month = (
        Period.month(last.year, last.month - 1 or 12)
        if last.month > 1
        else Period.month(last.year - 1, 12)
    )
    year = Period.year(last.year - 1)
    print(header("Figures on the server (PostgreSQL over TLS, owner's connection)"))
    for label, period, repeat in (("month", month, 5), ("year", year, 3)):
        start, end = period.bounds()

        def bare(period: Period = period, compared: bool = False) -> None:
            start, end = period.bounds()
            with owner_db.read() as session:
                for sql in PG_AGGREGATES:
                    session.execute(text(sql.format(w=where)), {"s": start, "e": end}).all()
                if not compared:
                    return
                for _, other in _compared_periods(period, paris_today()):
                    bounds = dict(zip(("s", "e"), other.bounds(), strict=True))
                    for sql in PG_KEY_COUNTS:
                        session.execute(text(sql.format(w=where)), bounds).all()

        with owner_db.read() as session:
            count = session.execute(
                text(f"SELECT count(*) FROM visit WHERE {where}"), {"s": start, "e": end}
            ).scalar_one()
        print(f"({period.describe()}: {count:,} visits)".replace(",", " "))
        floor = timings_ms(bare, repeat)
        compared_floor = timings_ms(lambda: bare(compared=True), repeat)
        figures = timings_ms(lambda period=period: compute(owner_db, admin, period), repeat)
        print(row(f"bare SQL aggregates of the {label}, PostgreSQL (floor)", floor))
        print(row("  + the compared periods' key counts, bare (floor 2)", compared_floor))
        print(row(f"figures of the {label} (compute)", figures, floor))
        print(row(f"figures of the {label}, against floor 2", figures, compared_floor))
    owner_db.dispose()


def measure(owner_url: str, repeat: int) -> None:
    owner_db = Database(owner_url)
    accounts = AccountService(owner_db)
    admin = accounts.create_first_administrator("banc.admin", "Banc Admin", PASSWORD, None)
    centre = _busiest_centre(owner_db)
    accounts.create(admin, AccountInput("banc.accueil", "Banc", Role.ACCUEIL, centre), PASSWORD)
    personal, accueil = accounts.open_session("banc.accueil", PASSWORD)
    try:
        as_owner = Services(owner_db, admin)
        as_accueil = Services(personal, accueil)
        seen_here = as_accueil.visitors.lookup("a") or as_accueil.visitors.lookup("m")
        returning = [v.id for v in seen_here][:repeat] or [None]
        for services in (as_owner, as_accueil):  # warm: the token index, the plans
            for typed in TYPED:
                services.visitors.lookup(typed)

        def round_trip() -> None:
            with personal.read() as session:
                session.execute(text("SELECT 1"))

        def lookups(services: Services):  # type: ignore[no-untyped-def]
            keys = iter(TYPED * (repeat // len(TYPED) + 1))
            return lambda: services.visitors.lookup(next(keys))

        def saves(services: Services):  # type: ignore[no-untyped-def]
            people = iter(random.Random(3).choices(returning, k=repeat))
            return lambda: services.visits.log_visit(
                VisitInput(
                    centre, "sur-place", datetime.now(UTC), ("numerique",), visitor_id=next(people)
                )
            )

        floor = timings_ms(round_trip, repeat)
        print(header("Server (PostgreSQL over TLS): owner's connection vs an accueil login"))
        print(row("bare round trip, accueil login (SELECT 1)", floor))
        print(
            row(
                "visitor lookup per keystroke, owner (no policy)",
                timings_ms(lookups(as_owner), repeat),
                floor,
            )
        )
        print(
            row(
                "visitor lookup per keystroke, accueil login (RLS)",
                timings_ms(lookups(as_accueil), repeat),
                floor,
            )
        )
        print(
            row(
                "save a returning visitor's visit, owner",
                timings_ms(saves(as_owner), repeat),
                floor,
            )
        )
        print(
            row(
                "save a returning visitor's visit, accueil login",
                timings_ms(saves(as_accueil), repeat),
                floor,
            )
        )
    finally:
        personal.dispose()
        owner_db.dispose_server()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visitors", type=int, default=20_000)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    server_url = os.environ.get("ACSRV_BENCH_POSTGRESQL_URL")
    if not server_url:
        raise SystemExit(
            "ACSRV_BENCH_POSTGRESQL_URL : l'adresse du superutilisateur d'un serveur d'essai"
        )
    source = demo_database("serveur", visits=args.visits, visitors=args.visitors, years=2)
    owner, name = f"acsrv_banc_{uuid.uuid4().hex[:8]}", f"acsrv_banc_{uuid.uuid4().hex[:8]}"
    _superuser(
        server_url,
        "DO $$ BEGIN CREATE ROLE acsrv_test_trusted NOLOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f'CREATE ROLE "{owner}" LOGIN CREATEROLE IN ROLE acsrv_test_trusted',
        f'CREATE DATABASE "{name}" OWNER "{owner}"',
    )
    owner_url = make_url(server_url).set(database=name, username=owner).render_as_string(False)
    try:
        server_setup.prepare(owner_url)
        moved = transfer(f"sqlite:///{source}", owner_url)
        print(f"(serveur rempli : {moved.visits} passages, {moved.visitors} personnes)")
        # The steady state of a server in use, which autovacuum reaches on its own some time
        # after a bulk load: statistics for the planner, a visibility map for index-only scans.
        _superuser(
            make_url(server_url).set(database=name).render_as_string(False), "VACUUM ANALYZE"
        )
        measure(owner_url, args.repeat)
        measure_figures(owner_url)
    finally:
        _superuser(
            server_url,
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            'DROP ROLE IF EXISTS "banc.accueil"',
            'DROP ROLE IF EXISTS "banc.admin"',
            f'DROP ROLE IF EXISTS "{owner}"',
        )


if __name__ == "__main__":
    main()
