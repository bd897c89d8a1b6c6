"""The monthly export at scale, beside the bare SQL aggregates it needs.

    .venv/bin/python bench/bench_export.py

A database of 1,000,000 visits over three years (about 28,000 a month, generated once into
bench/out/ with the demo-data generator), one month exported to XLSX and to CSV, and the figures of
the year before. Floors: the bare SQL aggregate queries of the same figures (counts by day,
channel, centre, distinct people, age bracket, gender) over the month and over the year, with
sqlite3, in the same run; and, as a second floor, those aggregates plus the bare key counts of
the two periods the figures are compared with (the one before, a year before).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import header, row, timings_ms  # noqa: E402

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.exports import write_csv, write_xlsx  # noqa: E402
from acsrv_desktop.core.attendance.figures import (  # noqa: E402
    Period,
    _compared_periods,
    compute,
)
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.clock import paris_today  # noqa: E402
from acsrv_desktop.core.demo import generate  # noqa: E402

ADMIN = Actor.system("tests")

OUT = Path(__file__).resolve().parent / "out"
AGGREGATES = [
    "SELECT date(occurred_at), count(*) FROM visit WHERE {w} GROUP BY 1",
    "SELECT channel, count(*) FROM visit WHERE {w} GROUP BY 1",
    "SELECT centre_id, count(*) FROM visit WHERE {w} GROUP BY 1",
    "SELECT count(DISTINCT person_key), sum(person_key IS NULL) FROM visit WHERE {w}",
    "SELECT age_bracket, gender, count(DISTINCT person_key) FROM visit WHERE {w} GROUP BY 1, 2",
    "SELECT commune, count(DISTINCT person_key) FROM visit WHERE {w} GROUP BY 1",
]

# The figures compare the period with two others (the one before, a year before): their key
# counts, bare, make the second floor ({s}: the compared period's first instant).
KEY_COUNTS = [
    "SELECT count(*), sum(person_key IS NULL) FROM visit WHERE {w}",
    "SELECT count(*), sum(NOT EXISTS (SELECT 1 FROM visit e WHERE e.person_key = p.person_key "
    "AND e.cancelled_at IS NULL AND e.occurred_at < '{s}')) FROM (SELECT person_key FROM visit "
    "WHERE {w} AND person_key IS NOT NULL GROUP BY person_key) AS p",
    "SELECT count(*) FROM referral JOIN visit ON visit.id = referral.visit_id WHERE {w}",
]


def _where(period: Period) -> tuple[str, str]:
    start, end = (b.replace(tzinfo=None).isoformat(" ") for b in period.bounds())
    return f"occurred_at >= '{start}' AND occurred_at < '{end}' AND cancelled_at IS NULL", start


def bare_figures(raw: sqlite3.Connection, period: Period, *, compared: bool) -> None:
    """The bare aggregates of ``period``; with ``compared``, the key counts of the two periods
    it is compared with too."""
    where, _ = _where(period)
    for sql in AGGREGATES:
        raw.execute(sql.format(w=where)).fetchall()
    if compared:
        for _, other in _compared_periods(period, paris_today()):
            other_where, other_start = _where(other)
            for sql in KEY_COUNTS:
                raw.execute(sql.format(w=other_where, s=other_start)).fetchall()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    path = OUT / "export-1000000.sqlite3"
    fresh = not path.exists()
    opened = open_database(f"sqlite:///{path}", backup_folder=OUT)
    if fresh:
        started = time.perf_counter()
        generate(opened.db, visits=1_000_000, visitors=200_000, years=3, seed=11)
        print(f"(database generated in {time.perf_counter() - started:.0f} s: {path})")
    today = datetime.now(UTC)
    month = today.month - 1 or 12
    period = Period.month(today.year if today.month > 1 else today.year - 1, month)
    where, _ = _where(period)
    raw = sqlite3.connect(path)
    count = raw.execute(f"SELECT count(*) FROM visit WHERE {where}").fetchone()[0]

    folder = Path(tempfile.mkdtemp())
    floor = timings_ms(lambda: bare_figures(raw, period, compared=False), 5)
    compared_floor = timings_ms(lambda: bare_figures(raw, period, compared=True), 5)
    figures = timings_ms(lambda: compute(opened.db, ADMIN, period), 5)
    year = Period.year(period.start.year - 1)
    year_where, _ = _where(year)
    year_count = raw.execute(f"SELECT count(*) FROM visit WHERE {year_where}").fetchone()[0]
    year_floor = timings_ms(lambda: bare_figures(raw, year, compared=False), 3)
    year_compared = timings_ms(lambda: bare_figures(raw, year, compared=True), 3)
    year_figures = timings_ms(lambda: compute(opened.db, ADMIN, year), 3)
    xlsx = timings_ms(lambda: write_xlsx(compute(opened.db, ADMIN, period), folder / "m.xlsx"), 5)
    csv = timings_ms(lambda: write_csv(compute(opened.db, ADMIN, period), folder / "m.zip"), 5)
    print(
        header(
            f"Monthly export: {period.describe()}, {count:,} visits of 1,000,000 "
            "(bench/bench_export.py)".replace(",", " ")
        )
    )
    print(row("bare SQL aggregates of the month, sqlite3 (floor)", floor))
    print(row("  + the compared periods' key counts, bare (floor 2)", compared_floor))
    print(row("figures of the month (compute)", figures, floor))
    print(row("figures of the month, against floor 2", figures, compared_floor))
    print(row("figures + XLSX workbook written", xlsx, floor))
    print(row("figures + CSV .zip written", csv, floor))
    print(f"(the year {year.start.year}: {year_count:,} visits)".replace(",", " "))
    print(row("bare SQL aggregates of a year, sqlite3 (floor)", year_floor))
    print(row("  + the compared periods' key counts, bare (floor 2)", year_compared))
    print(row("figures of the year (compute)", year_figures, year_floor))
    print(row("figures of the year, against floor 2", year_figures, year_compared))
    raw.close()
    opened.db.dispose()


if __name__ == "__main__":
    main()
