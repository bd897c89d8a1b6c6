"""Reception desk at scale: visitor lookup per keystroke and saving a visit.

    .venv/bin/python bench/bench_reception.py [--visitors 200000] [--visits 1000000]

On an SQLite database of 200,000 visitors and 1,000,000 visits (generated once with the
demo-data generator, then reused from bench/out/). Floors, measured in the same run: the raw
SQL the lookup cannot do without (one indexed token range), and a bare durable INSERT + COMMIT.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import header, row, timings_ms  # noqa: E402

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.demo import generate  # noqa: E402
from acsrv_desktop.core.reception.visitors import VisitorService  # noqa: E402

ADMIN = Actor.system("tests")

OUT = Path(__file__).resolve().parent / "out"
TYPED = ["dupont", "lefevre", "martin", "benali", "kaczmarek", "jean dup", "marie lef", "van acker"]


def database(visitors: int, visits: int):  # type: ignore[no-untyped-def]
    OUT.mkdir(exist_ok=True)
    path = OUT / f"reception-{visitors}-{visits}.sqlite3"
    fresh = not path.exists()
    opened = open_database(f"sqlite:///{path}", backup_folder=OUT)
    if fresh:
        started = time.perf_counter()
        try:
            generate(opened.db, visits=visits, visitors=visitors, seed=7)
        except BaseException:
            opened.db.dispose()
            path.unlink(missing_ok=True)
            raise
        print(f"(database generated in {time.perf_counter() - started:.0f} s: {path})")
    return opened, path


def keystrokes() -> list[str]:
    return [word[: i + 1] for word in TYPED for i in range(len(word))]


def raw_token_range(connection: sqlite3.Connection, typed: str) -> list[tuple]:
    prefix = typed.split()[0]
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return connection.execute(
        "SELECT visitor_id FROM visitor_name_token WHERE token >= ? AND token < ? LIMIT 20",
        (prefix, upper),
    ).fetchall()


def lookup_rows(db, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    service = VisitorService(db, ADMIN)
    raw = sqlite3.connect(path)
    floor = [
        t for typed in keystrokes() for t in timings_ms(lambda s=typed: raw_token_range(raw, s), 5)
    ]
    ours = [t for typed in keystrokes() for t in timings_ms(lambda s=typed: service.lookup(s), 5)]
    raw.close()
    return [
        row("visitor lookup: raw indexed token range, SQL (floor)", floor),
        row("visitor lookup per keystroke (VisitorService.lookup)", ours, floor),
    ]


def save_rows(db, path: Path) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings, Qt, qInstallMessageHandler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.core.catalogue.service import CatalogueService
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.gui.preferences import Preferences
    from acsrv_desktop.gui.reception.area import ReceptionArea

    qInstallMessageHandler(lambda *_: None)
    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "p.ini"), QSettings.Format.IniFormat)
    preferences = Preferences(settings)
    centre = CentreService(db).centres()[0]
    preferences.workstation_centre = centre.name
    area = ReceptionArea(CatalogueService(db, ADMIN), preferences)
    area.resize(1280, 900)
    area.show()
    QTest.qWaitForWindowActive(area)

    def save_one() -> None:
        area.ui.anonymousCheck.setChecked(True)
        area._need_buttons[0].setChecked(True)
        QTest.keyClick(
            area.ui.visitorSearchEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        app.processEvents()

    ours = []
    for _ in range(25):
        save_one()  # prepare the form outside the timing, then time the key press
        area.ui.anonymousCheck.setChecked(True)
        area._need_buttons[0].setChecked(True)
        app.processEvents()
        start = time.perf_counter()
        QTest.keyClick(
            area.ui.visitorSearchEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
        app.processEvents()
        ours.append((time.perf_counter() - start) * 1000)
    assert "Passage enregistré" in area.ui.statusLabel.text()
    area.close()
    area.deleteLater()
    app.processEvents()

    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous = FULL")
    statement = (
        "INSERT INTO visit (centre_id, occurred_at, channel, needs, situations, new_visitor, "
        "created_at, updated_at) VALUES (?, datetime('now'), 'sur-place', '[]', '[]', 0, "
        "datetime('now'), datetime('now'))"
    )

    def bare_insert() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(statement, (centre.id,))
        raw.execute("COMMIT")

    floor = timings_ms(bare_insert, 25)
    raw.close()
    return [
        row("save: bare durable INSERT + COMMIT, SQL (floor)", floor),
        row("save a visit: Ctrl+Entrée to refreshed list (GUI)", ours, floor),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visitors", type=int, default=200_000)
    parser.add_argument("--visits", type=int, default=1_000_000)
    args = parser.parse_args()
    opened, path = database(args.visitors, args.visits)
    print(
        header(
            f"Reception at {args.visitors:,} visitors and {args.visits:,} visits "
            "(bench/bench_reception.py)".replace(",", " ")
        )
    )
    for line in lookup_rows(opened.db, path) + save_rows(opened.db, path):
        print(line)
    opened.db.dispose()


if __name__ == "__main__":
    main()
