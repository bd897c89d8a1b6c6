"""Peak memory (RSS) of the GUI scrolling the full list of 1,000,000 visits.

    .venv/bin/python bench/bench_memory.py [--visits 1000000]

Two fresh processes: one shows a bare PySide6 QMainWindow (the floor: Python, Qt and a window,
nothing else imported); the other opens the application's history window on the database and
scrolls it from the most recent visit to the oldest in 400 steps and back to the middle. Each
reads its peak resident set size from the kernel (ru_maxrss). Also the time to paint each step
(median, p95).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, p95  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mib(kind: str) -> float:
    """The process's resident memory now, by kind (Linux): « RssAnon », its own (heap,
    Python objects, Qt), or « RssFile », pages of files mapped in — the SQLite database is
    read through a memory map (core/database.py): those pages are the system's file cache,
    shared and given back under pressure, yet counted in the peak RSS."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(kind + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def floor_part() -> None:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QMainWindow

    qInstallMessageHandler(lambda *_: None)
    app = QApplication([])
    window = QMainWindow()
    window.resize(1150, 700)
    window.show()
    app.processEvents()
    print(json.dumps({"floor": peak_rss_mib(), "floor_anon": resident_mib("RssAnon")}))


def app_part(path: str) -> None:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.reception.visits import VisitService
    from acsrv_desktop.gui.attendance.history import VisitsHistoryWindow

    qInstallMessageHandler(lambda *_: None)
    app = QApplication([])
    db = Database(f"sqlite:///{path}")
    actor = Actor.system("mesure")
    window = VisitsHistoryWindow(
        VisitService(db, actor), load_vocabularies(), CentreService(db).centres(), None
    )
    window.show()

    def wait_idle() -> None:  # the count and the pages shown are read in the background
        app.processEvents()
        while window.is_busy:
            app.processEvents()
            time.sleep(0.001)
        for _ in range(3):  # the view takes in the new row count (its scroll bar's range)
            app.processEvents()

    wait_idle()
    opened = peak_rss_mib()
    bar = window.view.verticalScrollBar()
    steps, times = 400, []
    positions = [round(bar.maximum() * i / steps) for i in range(steps + 1)]
    positions += [bar.maximum() // 2]
    for position in positions:
        started = time.perf_counter()
        bar.setValue(position)
        window.view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    wait_idle()
    shown = window.model.rowCount()
    last = window.model.visit(shown - 1)
    if last is None:  # its page was not on screen at the end: read now
        wait_idle()
        last = window.model.visit(shown - 1)
    print(
        json.dumps(
            {
                "opened": opened,
                "scrolled": peak_rss_mib(),
                "scrolled_anon": resident_mib("RssAnon"),
                "scrolled_file": resident_mib("RssFile"),
                "rows": shown,
                "steps": len(positions),
                "pages_read": window.model.pages_read,
                "pages_kept": len(window.model._pages),
                "median": statistics.median(times),
                "p95": p95(times),
                "oldest": last.id if last else None,
            }
        )
    )
    db.dispose()


def _part(*arguments: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    output = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, env=env, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--visitors", type=int, default=200_000)
    parser.add_argument("--part", choices=("floor", "app"))
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.part == "floor":
        return floor_part()
    if args.part == "app":
        return app_part(args.db)
    path = demo_database("reception", visits=args.visits, visitors=args.visitors)
    floor_part_result = _part("--part", "floor")
    floor, floor_anon = floor_part_result["floor"], floor_part_result["floor_anon"]
    app = _part("--part", "app", "--db", str(path))
    print(
        f"\n### Peak memory scrolling {app['rows']:,} visits (bench/bench_memory.py)\n".replace(
            ",", " "
        )
    )
    print("| measure | peak RSS (MiB) | vs floor |")
    print("|---|---|---|")
    print(f"| bare PySide6 QMainWindow shown, its own process (floor) | {floor:.0f} | (floor) |")
    print(
        f"| history window open on the first page | {app['opened']:.0f} | "
        f"{app['opened'] / floor:.2f}× |"
    )
    print(
        f"| after scrolling to the oldest visit and back ({app['steps']} steps) | "
        f"{app['scrolled']:.0f} | {app['scrolled'] / floor:.2f}× |"
    )
    print(
        f"| its own memory after scrolling (RssAnon; floor {floor_anon:.0f}) | "
        f"{app['scrolled_anon']:.0f} | {app['scrolled_anon'] / floor_anon:.2f}× |"
    )
    print(
        f"\nOf the peak, {app['scrolled_file']:.0f} MiB are pages of mapped files (RssFile: "
        "mostly the SQLite database, read through a memory map — the system's file cache, "
        "shared and reclaimable)."
    )
    print(
        f"\nPages read: {app['pages_read']}, kept: {app['pages_kept']} of 200 rows; a scroll "
        f"step painted in {app['median']:.1f} ms median, {app['p95']:.1f} ms p95; oldest visit "
        f"reached: n° {app['oldest']}. The application's process also holds SQLAlchemy, the "
        "app's modules and an open SQLite database."
    )


if __name__ == "__main__":
    main()
