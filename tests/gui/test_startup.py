"""Starting the real program: headless start, second start, no display, log file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _run_app(args, env_changes=None, drop=()):
    env = dict(os.environ)
    env.update(env_changes or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _schema(path):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        ).fetchall(), connection.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        connection.close()


def test_headless_start_creates_migrates_and_quits_when_idle(tmp_path):
    path = tmp_path / "x.sqlite3"
    home = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    first = _run_app(["--db", f"sqlite:///{path}", "--quit-when-idle"], home)
    assert first.returncode == 0, first.stderr
    assert "Fenêtre principale affichée" in first.stdout
    schema_after_first = _schema(path)

    second = _run_app(["--db", f"sqlite:///{path}", "--quit-when-idle"], home)
    assert second.returncode == 0, second.stderr
    assert _schema(path) == schema_after_first
    backups = tmp_path / "data" / "acsrv-desktop" / "sauvegardes"
    assert not list(backups.glob("*avant-migration*"))  # nothing was migrated the second time
    assert len(list(backups.glob("*-quotidienne-*.sqlite3"))) <= 1  # one daily copy at most

    log_file = tmp_path / "state" / "acsrv-desktop" / "log" / "acsrv-desktop.log"
    assert "Base de données créée" in log_file.read_text(encoding="utf-8")
    assert "Base de données à jour" in log_file.read_text(encoding="utf-8")


def test_default_database_lives_in_the_user_data_folder(tmp_path):
    home = {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    result = _run_app(["--quit-when-idle"], home, drop=("ACSRV_DATABASE_URL",))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "acsrv-desktop" / "acsrv.sqlite3").exists()


def test_without_a_display_one_french_line_and_no_qt_abort(tmp_path):
    result = _run_app(
        ["--db", f"sqlite:///{tmp_path / 'x.sqlite3'}"],
        drop=("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"),
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "aucun écran disponible" in lines[0]
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert not (tmp_path / "x.sqlite3").exists()


def test_a_database_error_at_start_is_french_and_not_a_trace(tmp_path):
    result = _run_app(
        ["--db", "postgresql+psycopg://accueil@127.0.0.1:1/acsrv", "--quit-when-idle"]
    )
    assert result.returncode == 1
    assert "Impossible de joindre la base PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_display_that_does_not_answer_is_said_in_french(tmp_path):
    result = _run_app(
        ["--db", f"sqlite:///{tmp_path / 'x.sqlite3'}"],
        {"DISPLAY": ":97"},
        drop=("WAYLAND_DISPLAY", "QT_QPA_PLATFORM"),
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "acsrv-desktop : l'écran « :97 » ne répond pas. Pour démarrer sans écran (tests, "
        "mesures) : QT_QPA_PLATFORM=offscreen acsrv-desktop --quit-when-idle"
    ]


def test_a_headless_start_on_a_database_with_accounts_signs_in_from_the_environment(tmp_path):
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.bootstrap import open_database

    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    db = open_database(url, backup_folder=tmp_path / "b").db
    AccountService(db).create_first_administrator(
        "direction", "Claire", "Accueil-Denain-2026", None
    )
    db.dispose()
    home = {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    # Without credentials nobody can type: the sign-in window is shown, said, and closed —
    # the first time after opening the database, the next time before (it has accounts).
    for _ in range(2):
        shown = _run_app(
            ["--db", url, "--quit-when-idle"],
            home,
            drop=("ACSRV_IDENTIFIANT", "ACSRV_MOT_DE_PASSE"),
        )
        assert shown.returncode == 0, shown.stderr
        assert "Fenêtre de connexion affichée" in shown.stdout
        assert "Fenêtre principale" not in shown.stdout and "ACSRV_IDENTIFIANT" in shown.stderr
    wrong = {**home, "ACSRV_IDENTIFIANT": "direction", "ACSRV_MOT_DE_PASSE": "Pas-Le-Bon-2026"}
    refused = _run_app(["--db", url, "--quit-when-idle"], wrong)
    assert refused.returncode == 1 and "Identifiant ou mot de passe incorrect" in refused.stderr
    right = {**wrong, "ACSRV_MOT_DE_PASSE": "Accueil-Denain-2026"}
    started = _run_app(["--db", url, "--quit-when-idle"], right)
    assert started.returncode == 0, started.stderr
    assert "Fenêtre principale affichée" in started.stdout


# What a start must not import: each is loaded when its feature is first used (an XLSX export,
# the Fréquentation charts, a migration, a password checked).
NOT_AT_START = ("openpyxl", "PySide6.QtCharts", "argon2")
NOT_ON_A_DATABASE_AT_HEAD = ("alembic", *NOT_AT_START)

# The program as `acsrv-desktop` runs it, then the names of the modules it imported.
_MODULES_AFTER_START = """
import json, sys
from acsrv_desktop.__main__ import main
code = main(sys.argv[1:])
print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
sys.exit(code)
"""


def _modules_after_start(tmp_path, url):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER_START, "--db", url, "--quit-when-idle"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Fenêtre principale affichée" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def _loaded(modules, packages):
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


def test_a_headless_start_leaves_the_heavy_modules_unimported(tmp_path):
    url = f"sqlite:///{tmp_path / 'neuve.sqlite3'}"
    first = _modules_after_start(tmp_path, url)  # creates the database: Alembic runs
    assert "alembic" in first and "sqlalchemy.orm" in first
    assert _loaded(first, NOT_AT_START) == []
    again = _modules_after_start(tmp_path, url)  # at head: one SELECT, no Alembic
    assert _loaded(again, NOT_ON_A_DATABASE_AT_HEAD) == []
    # The areas not on screen are not built, nor their modules imported.
    assert "acsrv_desktop.gui.reception.area" in again
    hidden = ("programmes", "orientations", "attendance", "administration")
    assert _loaded(again, [f"acsrv_desktop.gui.{name}.area" for name in hidden]) == []


# The program as `acsrv-desktop` runs it; at the first paint of the sign-in window, whether
# SQLAlchemy was imported yet (and, at the end, that the database was opened after all).
_SQLALCHEMY_AT_SIGN_IN = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

app = QApplication([sys.argv[0]])
seen = {}


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched).__name__ == "SignInDialog":
            seen.setdefault("at_paint", sorted(m for m in sys.modules if "sqlalchemy" in m))
        return False


watcher = FirstPaint()
app.installEventFilter(watcher)
from acsrv_desktop.__main__ import main

code = main(sys.argv[1:])
seen["at_end"] = "sqlalchemy.orm" in sys.modules
print("SEEN " + json.dumps(seen), flush=True)
sys.exit(code)
"""


def _sign_in_probe(tmp_path, url):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    for name in ("ACSRV_IDENTIFIANT", "ACSRV_MOT_DE_PASSE"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", _SQLALCHEMY_AT_SIGN_IN, "--db", url, "--quit-when-idle"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "Fenêtre de connexion affichée" in result.stdout
    line = next(x for x in result.stdout.splitlines() if x.startswith("SEEN "))
    return json.loads(line.removeprefix("SEEN "))


def test_the_sign_in_window_is_painted_before_sqlalchemy_is_imported(tmp_path):
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.bootstrap import open_database

    url = f"sqlite:///{tmp_path / 'comptes.sqlite3'}"
    db = open_database(url, backup_folder=tmp_path / "b").db
    AccountService(db).create_first_administrator(
        "direction", "Claire", "Accueil-Denain-2026", None
    )
    db.dispose()
    first = _sign_in_probe(tmp_path, url)  # never opened here: the database first
    assert "sqlalchemy" in first["at_paint"]
    again = _sign_in_probe(tmp_path, url)  # known to have accounts: the window first
    assert again["at_paint"] == [], again["at_paint"]
    assert again["at_end"]  # and the database was opened in the background meanwhile
