"""Cold start: from launching the program to the main window shown and idle.

    .venv/bin/python bench/bench_startup.py [--visits 1000000] [--runs 5]

Each run is a new process (python -m acsrv_desktop --quit-when-idle, offscreen) timed from its
launch to the line it prints once the window is shown and the event loop idle. Floor, in the
same run: a bare PySide6 QMainWindow shown and idle, timed the same way; beside it, the same
bare window after ``import sqlalchemy.orm`` (what any start of an application on SQLAlchemy's
ORM pays). The application runs on an empty database and on one of 1,000,000 visits: start-up
must not grow with the data.

Bytecode: an installed application has its modules compiled (pip writes the .pyc files). The
processes measured here therefore write and read theirs under a private PYTHONPYCACHEPREFIX
(filled by the warm-up run, nothing written in the source tree), even when the environment
sets PYTHONDONTWRITEBYTECODE — otherwise every run would compile the application's ~120
modules from source again (about 0.2 s on this machine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, header, row  # noqa: E402

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 900)
window.show()
def idle():
    print("Fenêtre principale affichée", flush=True)
    app.quit()
QTimer.singleShot(0, idle)
app.exec()
"""
BARE_WINDOW_AND_ORM = "import sqlalchemy.orm\n" + BARE_WINDOW


def _time_to_idle(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from launch to the "window shown" line (the process may go on after)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    for line in process.stdout:
        if "Fenêtre principale affichée" in line:
            elapsed = (time.perf_counter() - started) * 1000
            break
    else:
        raise RuntimeError(process.stderr.read())
    process.communicate(timeout=600)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--visitors", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    big = demo_database("reception", visits=args.visits, visitors=args.visitors)
    home = Path(tempfile.mkdtemp(prefix="acsrv-bench-start-"))
    empty = home / "vide.sqlite3"
    env = {
        **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(home / "pycache"),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    app = [sys.executable, "-m", "acsrv_desktop", "--quit-when-idle", "--db"]
    commands = {
        "bare PySide6 QMainWindow shown and idle (floor)": [sys.executable, "-c", BARE_WINDOW],
        "bare window + import sqlalchemy.orm": [sys.executable, "-c", BARE_WINDOW_AND_ORM],
        "acsrv-desktop on an empty database": [*app, f"sqlite:///{empty}"],
        f"acsrv-desktop on {args.visits:,} visits".replace(",", " "): [*app, f"sqlite:///{big}"],
    }
    for command in commands.values():  # warm-up: file cache, first start (migration, backup)
        _time_to_idle(command, env)
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.runs):  # interleaved: a noisy moment hits every command alike
        for label, command in commands.items():
            samples[label].append(_time_to_idle(command, env))
    print(header("Cold start to the main window shown and idle (bench/bench_startup.py)"))
    labels = list(commands)
    floor, orm_floor = samples[labels[0]], samples[labels[1]]
    for label, values in samples.items():
        print(row(label, values, None if values is floor else floor))
    print("\nAgainst the bare window + import sqlalchemy.orm (floor of an ORM application):")
    for label in labels[2:]:
        ratio = statistics.median(samples[label]) / statistics.median(orm_floor)
        print(f"- {label}: {ratio:.1f}×")
    print(
        f"\n{args.runs} runs each, interleaved, after one warm-up; offscreen; a new process "
        "each time (Python, Qt and the app imported anew)."
    )
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
