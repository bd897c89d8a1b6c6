"""A real Accueil window, in its own process, typed into like a receptionist would.

Run by tests/reliability/test_draft_sigkill.py, which kills it with SIGKILL once it printed
« brouillon écrit » and checks that the next start offers the form back. Usage:
    python draft_gui_process.py DATABASE_URL PREFERENCES_INI
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from acsrv_desktop.core.accounts.roles import Actor  # noqa: E402
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.centres import CentreService  # noqa: E402
from acsrv_desktop.core.drafts import DraftStore  # noqa: E402
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.application import _make_application, build_areas  # noqa: E402
from acsrv_desktop.gui.main_window import MainWindow  # noqa: E402
from acsrv_desktop.gui.preferences import Preferences  # noqa: E402

NOTE = "a perdu ses papiers"


def main() -> None:
    url, ini = sys.argv[1], sys.argv[2]
    app = _make_application()
    opened = open_database(url)
    preferences = Preferences(QSettings(ini, QSettings.Format.IniFormat))
    preferences.workstation_centre = CentreService(opened.db).centres()[0].name
    actor = Actor.system("poste-accueil")
    window = MainWindow(
        opened.db.describe(),
        preferences,
        build_areas(Services(opened.db, actor), preferences),
        actor=actor,
    )
    window.resize(1366, 728)
    window.show()
    reception = window.areas["Accueil"]
    ui = reception.ui
    drafts = DraftStore()

    def type_the_visit() -> None:
        if QApplication.activeWindow() is not window:  # shortcuts (Alt+N) need it active
            window.activateWindow()
            QTimer.singleShot(50, type_the_visit)
            return
        QTest.keyClicks(ui.visitorSearchEdit, "Zoe Martin")
        QTest.keyClick(ui.visitorSearchEdit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
        QTimer.singleShot(300, type_the_rest)

    def type_the_rest() -> None:
        QTest.keyClicks(ui.birthYearEdit, "1990")
        QTest.keyClicks(ui.noteEdit, NOTE)
        QTimer.singleShot(100, wait_for_the_draft)

    def wait_for_the_draft() -> None:
        if drafts.path.exists() and NOTE in drafts.path.read_text(encoding="utf-8"):
            print("brouillon écrit", flush=True)
            return  # and keep running, until killed
        QTimer.singleShot(50, wait_for_the_draft)

    QTimer.singleShot(0, type_the_visit)
    app.exec()


if __name__ == "__main__":
    main()
