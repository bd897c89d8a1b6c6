"""A damaged database at start-up: said over the main window in French, with the last good
backup to restore, and no backup made of it (the good copies stay)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from acsrv_desktop import paths
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.backups import backups, make_backup
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.application import _start_daily_backup, build_areas
from acsrv_desktop.gui.main_window import MainWindow
from tests.damage import damage_table

ADMIN = Actor.system("tests")


def _warning() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "damagedDatabaseWarning" and widget.isVisible():
            assert isinstance(widget, QMessageBox)
            return widget
    return None


def test_a_damaged_database_is_said_at_start_up_with_the_copy_to_restore(
    qtbot, sqlite_database, preferences, tmp_path
):
    centre = CentreService(sqlite_database).centres()[0].id
    visits = VisitService(sqlite_database, ADMIN)
    for _ in range(30):
        visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC)))
    good = make_backup(sqlite_database, paths.backup_dir_path(), "quotidienne")
    folder_before = sorted(p.name for p in paths.backup_dir_path().iterdir())
    sqlite_database.engine.dispose()
    damage_table(sqlite_database.sqlite_path)

    services = Services(sqlite_database, ADMIN)
    window = MainWindow(
        sqlite_database.describe(), preferences, build_areas(services, preferences), actor=ADMIN
    )
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    _start_daily_backup(sqlite_database, window)  # as the start-up does, in the background
    qtbot.waitUntil(lambda: _warning() is not None, timeout=20_000)
    box = _warning()
    assert box is not None
    text = box.text()
    assert text.startswith("La base de données est endommagée (acsrv.sqlite3)")
    command = f"acsrv-desktop --db {sqlite_database.sqlite_path} restore {good}"
    assert command in text and "service informatique" in text
    assert "Base de données endommagée" in window.ui.statusBar.currentMessage()
    if os.environ.get("ACSRV_SCREENSHOTS"):
        window.grab().save(str(Path(os.environ["ACSRV_SCREENSHOTS"]) / "base-endommagee.png"))
        box.grab().save(str(Path(os.environ["ACSRV_SCREENSHOTS"]) / "base-endommagee-message.png"))
    # No copy of the damaged database, nothing rotated: the good copy is still the newest.
    assert sorted(p.name for p in paths.backup_dir_path().iterdir()) == folder_before
    assert backups(paths.backup_dir_path())[0] == good
    box.accept()
