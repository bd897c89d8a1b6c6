"""Peak memory (RSS) of the GUI scrolling the full list of 1,000,000 visits.

    .venv/bin/python bench/bench_memory.py [--visits 1000000]

One process: first a bare PySide6 QMainWindow shown (the floor: Python, Qt and a window), then
the application's history window on the database, scrolled from the most recent visit to the
oldest in 400 steps and back to the middle; the peak resident set size is read from the kernel
(ru_maxrss) after each part. Also the time to paint each step (median, p95).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, p95  # noqa: E402


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--visitors", type=int, default=200_000)
    args = parser.parse_args()
    path = demo_database("reception", visits=args.visits, visitors=args.visitors)

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication, QMainWindow

    qInstallMessageHandler(lambda *_: None)
    app = QApplication([])
    bare = QMainWindow()
    bare.resize(1150, 700)
    bare.show()
    app.processEvents()
    floor = peak_rss_mib()

    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.reception.visits import VisitService
    from acsrv_desktop.gui.attendance.history import VisitsHistoryWindow

    db = Database(f"sqlite:///{path}")
    actor = Actor.system("mesure")
    window = VisitsHistoryWindow(
        VisitService(db, actor), load_vocabularies(), CentreService(db).centres(), None
    )
    window.show()
    app.processEvents()
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
    scrolled = peak_rss_mib()
    shown = window.model.rowCount()
    last = window.model.visit(shown - 1)
    print(
        f"\n### Peak memory scrolling {shown:,} visits (bench/bench_memory.py)\n".replace(",", " ")
    )
    print("| measure | peak RSS (MiB) | vs floor |")
    print("|---|---|---|")
    print(f"| bare PySide6 QMainWindow shown (floor) | {floor:.0f} | (floor) |")
    print(f"| history window open on the first page | {opened:.0f} | {opened / floor:.2f}× |")
    print(
        f"| after scrolling to the oldest visit and back ({len(positions)} steps) | "
        f"{scrolled:.0f} | {scrolled / floor:.2f}× |"
    )
    print(
        f"\nPages read: {window.model.pages_read}, kept: {len(window.model._pages)} of 200 rows; "
        f"a scroll step painted in {statistics.median(times):.1f} ms median, "
        f"{p95(times):.1f} ms p95; oldest visit reached: n° {last.id if last else '?'}."
    )
    window.close()
    db.dispose()


if __name__ == "__main__":
    main()
