"""Cold start: from launching the program to its first window shown and idle.

    .venv/bin/python bench/bench_startup.py [--visits 1000000] [--runs 5]

Each run is a new process (python -m acsrv_desktop --quit-when-idle, offscreen) timed from its
launch to the line it prints once the window is shown and the event loop idle. Floor, in the
same run: a bare PySide6 QMainWindow shown and idle, timed the same way; beside it, the same
bare window after ``import sqlalchemy.orm`` (what any start of an application on SQLAlchemy's
ORM pays). The application runs to its main window on an empty database and on one of
1,000,000 visits (start-up must not grow with the data), and to its sign-in window on a
1,000,000-visit database with a staff account — what a person sees first at a desk of the
federation, whose databases all have accounts: that window is painted before SQLAlchemy is
imported, the database opened behind it (the workstation learnt at the warm-up run that this
database has accounts, as it does at its first start).

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
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import demo_database, header, row  # noqa: E402

if TYPE_CHECKING:
    from acsrv_desktop.core.database import Database

MAIN_WINDOW = "Fenêtre principale affichée"
SIGN_IN_WINDOW = "Fenêtre de connexion affichée"

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


def _time_to_idle(command: list[str], env: dict[str, str], shown: str = MAIN_WINDOW) -> float:
    """Milliseconds from launch to the ``shown`` line (the process may go on after: the
    sign-in window's database is still being opened)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
    )
    assert process.stdout is not None and process.stderr is not None
    for line in process.stdout:
        if shown in line:
            elapsed = (time.perf_counter() - started) * 1000
            break
    else:
        raise RuntimeError(process.stderr.read())
    process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"{command}: exit status {process.returncode}")
    return elapsed


def _with_an_account(db: Database) -> None:
    from acsrv_desktop.core.accounts.service import AccountService

    AccountService(db).create_first_administrator(
        "direction", "Direction de la fédération", "Accueil-Denain-2026", None
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--visitors", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    big = demo_database("reception", visits=args.visits, visitors=args.visitors)
    # The same data with a staff account (made once, as the other demo databases).
    signed = demo_database(
        "connexion", visits=args.visits, visitors=args.visitors, prepare=_with_an_account
    )
    home = Path(tempfile.mkdtemp(prefix="acsrv-bench-start-"))
    empty = home / "vide.sqlite3"
    credentials = ("PYTHONDONTWRITEBYTECODE", "ACSRV_IDENTIFIANT", "ACSRV_MOT_DE_PASSE")
    env = {
        **{name: value for name, value in os.environ.items() if name not in credentials},
        "PYTHONPYCACHEPREFIX": str(home / "pycache"),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),  # where the « has accounts » hint is kept
    }
    app = [sys.executable, "-m", "acsrv_desktop", "--quit-when-idle", "--db"]
    visits = f"{args.visits:,}".replace(",", " ")
    commands = {
        "bare PySide6 QMainWindow shown and idle (floor)": (
            [sys.executable, "-c", BARE_WINDOW],
            MAIN_WINDOW,
        ),
        "bare window + import sqlalchemy.orm": (
            [sys.executable, "-c", BARE_WINDOW_AND_ORM],
            MAIN_WINDOW,
        ),
        "acsrv-desktop main window, empty database": ([*app, f"sqlite:///{empty}"], MAIN_WINDOW),
        f"acsrv-desktop main window, {visits} visits": ([*app, f"sqlite:///{big}"], MAIN_WINDOW),
        f"acsrv-desktop sign-in window painted, {visits} visits": (
            [*app, f"sqlite:///{signed}"],
            SIGN_IN_WINDOW,
        ),
    }
    # Warm-up: file cache, first start (migration, backup, the « has accounts » hint learnt).
    for command, shown in commands.values():
        _time_to_idle(command, env, shown)
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.runs):  # interleaved: a noisy moment hits every command alike
        for label, (command, shown) in commands.items():
            samples[label].append(_time_to_idle(command, env, shown))
    print(header("Cold start to the first window shown and idle (bench/bench_startup.py)"))
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
        "each time (Python, Qt and the app imported anew). The sign-in window: a database "
        "with accounts, no ACSRV_IDENTIFIANT given — the window is painted before SQLAlchemy "
        "is imported and the database opens behind it (timed to the window, not beyond)."
    )
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
