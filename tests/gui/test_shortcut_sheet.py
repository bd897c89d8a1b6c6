"""F1: the sheet of every shortcut, read from the window itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.application import build_areas
from acsrv_desktop.gui.main_window import MainWindow
from acsrv_desktop.gui.shortcut_sheet import ShortcutSheet, mnemonic, plain_text


def test_texts_are_read_as_shown():
    assert mnemonic("&Nouvelle personne") == "Alt+N"
    assert mnemonic("Passage anon&yme") == "Alt+Y"
    assert mnemonic("Fiche && PDF") is None
    assert plain_text("Données de la personne…  (Ctrl+D)") == "Données de la personne…"
    assert plain_text("Enregistrer le passage  (Ctrl+Entrée)") == "Enregistrer le passage"
    assert plain_text("Fiche && &PDF") == "Fiche & PDF"


@pytest.fixture
def window(qtbot, sqlite_database, preferences):
    services = Services(sqlite_database, Actor.system("tests"))
    window = MainWindow(
        sqlite_database.describe(),
        preferences,
        build_areas(services, preferences),
        actor=services.actor,
    )
    qtbot.addWidget(window)
    window.resize(1366, 728)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _open_sheet(qtbot, window) -> ShortcutSheet:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShortcutSheet))
    sheet = QApplication.activeModalWidget()
    assert isinstance(sheet, ShortcutSheet)
    return sheet


def test_f1_lists_the_menus_shortcuts_and_every_areas_keys(qtbot, window):
    sheet = _open_sheet(qtbot, window)
    rows = sheet.shown_rows()
    assert ("Partout", "Ctrl+1", "Accueil") in rows
    assert ("Partout", "Ctrl+Q", "Quitter") in rows
    assert ("Partout", "F1", "Raccourcis clavier…") in rows
    assert ("Accueil", "Alt+N", "« Nouvelle personne »") in rows
    assert ("Accueil", "Alt+P", "aller au champ « Prénom »") in rows
    # An area not shown yet is built for the sheet: its keys are there too.
    assert any(where == "Administration" for where, _keys, _what in rows)
    # Every shortcut an area declares with its meaning is listed with it.
    for name in window.areas:
        for shortcut in window.areas[name].findChildren(QShortcut):
            if shortcut.whatsThis():
                assert any(
                    what == shortcut.whatsThis() for where, _k, what in rows if where == name
                )
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not sheet.isVisible())


def test_the_sheet_is_searched_with_accents_and_case_ignored(qtbot, window):
    sheet = _open_sheet(qtbot, window)
    qtbot.keyClicks(sheet.filter_edit, "frequentation")  # typed without its accent
    rows = sheet.shown_rows()
    assert rows and all("fréquentation" in " ".join(row).lower() for row in rows)
    assert ("Partout", "Ctrl+4", "Fréquentation") in rows
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)


def test_the_sheet_renders_readably(qtbot, window, tmp_path):
    sheet = _open_sheet(qtbot, window)
    image = sheet.grab()
    assert image.width() >= 700 and image.height() >= 500
    assert sheet.table.model().rowCount() > 40
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
