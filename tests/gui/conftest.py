from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.gui.preferences import Preferences

ADMIN = Actor.system("tests")


@pytest.fixture
def preferences(tmp_path) -> Preferences:
    """Preferences in an INI file of the test's own, never the user's.

    The desk's tests tick suggestions without the referral details dialog (issue 17), which
    a workstation may switch off too; the tests of the dialog (test_referral_loop_gui.py)
    switch it back on."""
    prefs = Preferences(QSettings(str(tmp_path / "preferences.ini"), QSettings.Format.IniFormat))
    prefs.ask_referral_details = False
    return prefs


@pytest.fixture
def sqlite_database(tmp_path, migrated_sqlite_url):
    """A real SQLite database file opened as the application does (catalogue loaded).

    A copy of the session's template (see ``tests/conftest.py``), not a migration per test.
    """
    from acsrv_desktop.core.bootstrap import open_database

    opened = open_database(migrated_sqlite_url, backup_folder=tmp_path / "b")
    yield opened.db
    opened.db.dispose()


@pytest.fixture
def catalogue_service(sqlite_database):
    from acsrv_desktop.core.catalogue.service import CatalogueService

    return CatalogueService(sqlite_database, ADMIN)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key, accents included (QTest.keyClicks aborts on non-ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


@pytest.fixture
def typist(qtbot):
    return lambda widget, text: type_text(qtbot, widget, text)
