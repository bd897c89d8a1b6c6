"""The audit trail's verification (triggers and sealed chain), at 100,000 entries.

    .venv/bin/python bench/bench_audit_chain.py

An SQLite database whose trail holds 100,000 entries written by the application's own path
(``audit.record``, 10,000 a transaction; generated once into bench/out/ with its key in
bench/out/config, then reused). Timed: ``audit_chain.verify`` as the start-up and
Administration › Journal d’audit run it (off the GUI thread), and the sealing of one more
entry (``audit.write``: its number and seal read in its transaction). Floors in the same run:
the bare read of the same rows through sqlite3, and a plain INSERT + COMMIT of one entry.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, header, row, timings_ms  # noqa: E402

# The key of the bench's database lives beside it, never in the user's folder.
os.environ["XDG_CONFIG_HOME"] = str(OUT / "config")

from acsrv_desktop.core.accounts import audit  # noqa: E402
from acsrv_desktop.core.accounts.audit_chain import verify  # noqa: E402
from acsrv_desktop.core.accounts.roles import Actor  # noqa: E402
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.database import Database  # noqa: E402

ENTRIES = 100_000
BATCH = 10_000
REPEAT = 7
ACTOR = Actor.system("banc")


def database() -> Path:
    path = OUT / f"journal-{ENTRIES}.sqlite3"
    if path.exists():
        return path
    OUT.mkdir(exist_ok=True)
    draft = path.with_name(path.name + ".partiel")
    draft.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(f"sqlite:///{draft}", backup_folder=OUT / "sauvegardes").db
    try:
        written = 1  # the sealed first entry
        while written < ENTRIES:
            with db.write() as session:
                for number in range(min(BATCH, ENTRIES - written)):
                    audit.record(session, ACTOR, "fiche-ouverte", "personne", number, n=number)
            written += BATCH
    finally:
        db.dispose()
    connection = sqlite3.connect(draft)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    draft.replace(path)
    print(f"({ENTRIES:,} entries sealed in {time.perf_counter() - started:.1f} s, once)")
    return path


def main() -> None:
    path = database()
    db = Database(f"sqlite:///{path}")
    connection = sqlite3.connect(path)
    try:
        report = verify(db)
        assert report.ok and report.checked >= ENTRIES, report.describe()
        print(header(f"Audit trail verification at {report.checked:,} entries"))

        def bare_read() -> None:
            connection.execute("SELECT * FROM audit_entry ORDER BY id").fetchall()

        floor = timings_ms(bare_read, REPEAT)
        print(row("bare read of every entry, sqlite3 (floor)", floor))
        checks = timings_ms(lambda: verify(db), REPEAT)
        print(row("verify: triggers and the whole chain", checks, floor))
    finally:
        connection.close()
        db.dispose()
    _time_one_entry(path)


def _time_one_entry(path: Path) -> None:
    """On a copy (the bench's trail stays as generated): one entry sealed, against a bare
    durable INSERT of one entry into the same copy."""
    copy = OUT / "journal-copie.sqlite3"
    shutil.copyfile(path, copy)
    db = Database(f"sqlite:///{copy}")
    connection = sqlite3.connect(copy, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    try:

        def bare_insert() -> None:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO audit_entry (occurred_at, actor, action, details) "
                "VALUES ('2026-12-03 12:00:00.000000', 'banc', 'connexion', '{}')"
            )
            connection.execute("COMMIT")

        floor = timings_ms(bare_insert, 30)
        print(row("bare durable INSERT + COMMIT of one entry, sqlite3 (floor)", floor))
        sealed = timings_ms(lambda: audit.write(db, ACTOR, "connexion"), 30)
        print(row("one entry numbered, sealed, committed (audit.write)", sealed, floor))
    finally:
        connection.close()
        db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
