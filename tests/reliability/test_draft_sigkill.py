"""The form being typed survives a SIGKILL of a real GUI process and is offered back."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.reception.area import ReceptionArea

PROCESS = Path(__file__).with_name("draft_gui_process.py")

pytestmark = pytest.mark.slow


def test_the_draft_survives_a_sigkill_and_is_offered_back(qtbot, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'acsrv.sqlite3'}"
    ini = tmp_path / "preferences.ini"
    drafts = DraftStore()  # the application's own place (the tests' private XDG folders)
    drafts.remove()
    gui = subprocess.Popen(
        [sys.executable, str(PROCESS), url, str(ini)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        deadline = time.monotonic() + 90
        line = ""
        while time.monotonic() < deadline and "brouillon écrit" not in line:
            line = gui.stdout.readline()
            if not line and gui.poll() is not None:
                break
        assert "brouillon écrit" in line, gui.stderr.read() if gui.poll() is not None else ""
        gui.send_signal(signal.SIGKILL)
        assert gui.wait(timeout=30) == -signal.SIGKILL
    finally:
        if gui.poll() is None:
            gui.kill()
            gui.wait()

    assert drafts.path.exists()
    left = drafts.load()
    assert left is not None and left["first_name"] == "Zoe", left
    assert stat.S_IMODE(drafts.path.stat().st_mode) == 0o600
    opened = open_database(url, backup_folder=tmp_path / "b")
    try:
        preferences = Preferences(QSettings(str(ini), QSettings.Format.IniFormat))
        area = ReceptionArea(Services(opened.db, Actor.system("tests")), preferences)
        qtbot.addWidget(area)
        offered = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: offered.append(box.text()) or 0)
        monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.defaultButton())
        assert area.offer_saved_draft()
        assert "en cours de saisie" in offered[0]
        ui = area.ui
        assert (ui.firstNameEdit.text(), ui.lastNameEdit.text()) == ("Zoe", "MARTIN")
        assert ui.birthYearEdit.text() == "1990"
        assert ui.noteEdit.toPlainText() == "a perdu ses papiers"
    finally:
        opened.db.dispose()
        drafts.remove()
