"""The retention purge at start-up, on databases of growing size, beside the bare SQL count.

    .venv/bin/python bench/bench_purge.py

Two SQLite databases of synthetic data over ten years (100,000 and 1,000,000 visits, a
visitor for five visits; generated once into bench/out/ with the demo-data generator, to a
fixed date), each purged once for its backlog (the first purge of ten years of records; timed
only the run that generates it). Then the purge as every start-up runs it
(``privacy.purge``, the retention period of the settings): the records already anonymised
pile up, a handful come due each day. Floor: the bare SQL count of the candidates through
sqlite3, in the same run; beside it, the same count through the index on every last visit,
the plan before migration 0011. The purge should stay flat from one size to the other.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, demo_database, header, row, timings_ms  # noqa: E402

from acsrv_desktop.core.accounts.roles import Actor  # noqa: E402
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.database import Database  # noqa: E402
from acsrv_desktop.core.privacy import purge, retention_months  # noqa: E402

SYSTEM = Actor.system("banc")
SIZES = (100_000, 1_000_000)
UNTIL = date(2026, 11, 30)  # the data's last day: the same databases, whatever today is
NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)  # the next morning's start-up
REPEAT = 15

COUNT = (
    "SELECT count(*) FROM visitor {indexed} WHERE anonymised_at IS NULL "
    "AND merged_into_id IS NULL AND (last_seen_at < :limit "
    "OR (last_seen_at IS NULL AND created_at < :limit))"
)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def database(visits: int) -> Path:
    """The database of ``visits`` visits, generated then purged once, then reused."""

    def purge_the_backlog(db: Database) -> None:
        started = time.perf_counter()
        report = purge(db, SYSTEM, now=NOW)
        print(
            f"(first purge, ten years of records: {_n(report.anonymised)} anonymised in "
            f"{time.perf_counter() - started:.1f} s)"
        )

    return demo_database(
        "purge",
        visits=visits,
        visitors=visits // 5,
        seed=5,
        until=UNTIL,
        prepare=purge_the_backlog,
    )


def measure(visits: int) -> tuple[list[str], str, float, float]:
    path = database(visits)
    opened = open_database(f"sqlite:///{path}", backup_folder=OUT)
    db = opened.db
    months = retention_months(db)
    limit = (NOW - timedelta(days=round(months * 30.44))).replace(tzinfo=None).isoformat(" ")
    raw = sqlite3.connect(path)
    counts = {
        "floor": COUNT.format(indexed=""),
        "old": COUNT.format(indexed="INDEXED BY ix_visitor_last_seen_at"),
    }
    floor = timings_ms(lambda: raw.execute(counts["floor"], {"limit": limit}).fetchone(), REPEAT)
    old = timings_ms(lambda: raw.execute(counts["old"], {"limit": limit}).fetchone(), REPEAT)
    anonymised: list[int] = []
    ours = timings_ms(lambda: anonymised.append(purge(db, SYSTEM, now=NOW).anonymised), REPEAT)
    visitors, done = raw.execute("SELECT count(*), count(anonymised_at) FROM visitor").fetchone()
    raw.close()
    db.dispose()
    size = f"{_n(visits)} visits"
    lines = [
        row(f"{size}: bare SQL count of the candidates (floor)", floor),
        row(f"{size}: the same count by the last-visit index", old, floor),
        row(f"{size}: purge at start-up (privacy.purge)", ours, floor),
    ]
    note = (
        f"{size}: {_n(visitors)} records, {_n(done)} of them anonymised; "
        f"anonymised at each start-up: {max(anonymised)}"
    )
    return lines, note, statistics.median(ours), statistics.median(old)


def main() -> None:
    results = [measure(visits) for visits in SIZES]
    print(header("Retention purge at start-up (bench/bench_purge.py)"))
    for lines, _, _, _ in results:
        for line in lines:
            print(line)
    (_, small_note, small, small_old), (_, large_note, large, large_old) = results
    print(f"\n{small_note}.\n{large_note}.")
    print(
        f"{SIZES[1] // SIZES[0]}× the visits: purge ×{large / small:.2f}, the count by the "
        f"last-visit index (the plan before migration 0011) ×{large_old / small_old:.2f}; "
        f"medians of {REPEAT} runs."
    )
    print("floor: the candidates counted by bare SQL (sqlite3) on the same file, same run;")
    print("the purge adds its write transaction (the audit line) and reads the setting.")


if __name__ == "__main__":
    main()
