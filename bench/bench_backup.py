"""The start-up check, the daily copy and a restore of the local database, beside floors.

    .venv/bin/python bench/bench_backup.py [VISITS…]

Every start checks the database (``PRAGMA quick_check``) in the background before the day's
copy; once a day the copy is made and checked too. On synthetic databases (100,000 and
1,000,000 visits, generated once into bench/out/): the check, the whole daily backup (check,
copy, check of the copy), and a restore of that copy (SQLite's backup API into the database,
under the instance lock). Floors, in the same run: for the check, a count of every table
through sqlite3; for the copies, a plain copy of the file (shutil.copyfile, no fsync).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, header, row, timings_ms  # noqa: E402

from acsrv_desktop.core.backups import make_backup, quick_check, restore  # noqa: E402
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402

SIZES = (100_000, 1_000_000)
REPEAT = 7


def _count_every_table(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
    finally:
        connection.close()


def measure(visits: int) -> list[str]:
    source = demo_database("backup", visits=visits, visitors=visits // 5, seed=5)
    work = Path(tempfile.mkdtemp(prefix="acsrv-bench-backup-"))
    try:
        path = work / "acsrv.sqlite3"
        shutil.copyfile(source, path)
        folder = work / "sauvegardes"
        opened = open_database(f"sqlite:///{path}", backup_folder=folder)
        db = opened.db
        size_mb = path.stat().st_size / 1e6
        scan = timings_ms(lambda: _count_every_table(path), REPEAT)
        check = timings_ms(lambda: quick_check(path), REPEAT)
        plain = timings_ms(lambda: shutil.copyfile(path, work / "copie-simple"), REPEAT)
        copies: list[Path] = []
        backup = timings_ms(lambda: copies.append(make_backup(db, folder)), REPEAT)
        restored = timings_ms(lambda: restore(db, copies[0], work / "avant"), 3)
        db.dispose()
        label = f"{visits:,} visits ({size_mb:.0f} MB)".replace(",", " ")
        return [
            row(f"{label}: count(*) of every table (floor)", scan),
            row(f"{label}: quick_check at start-up", check, scan),
            row(f"{label}: plain copy of the file (floor)", plain),
            row(f"{label}: daily backup, checked before and after", backup, plain),
            row(f"{label}: restore (safety copy, backup API)", restored, plain),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or SIZES  # e.g. « 100000 » for a quick look
    lines = [header("Start-up check, daily backup and restore of the local database")]
    for visits in sizes:
        lines += measure(visits)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
