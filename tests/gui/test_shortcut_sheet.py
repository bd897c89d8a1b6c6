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


def test_no_key_does_two_things_in_one_area(qtbot, window):
    """Alt+D on « hors arron&dissement » and on the « Ai&de » menu: Qt calls that ambiguous and
    does neither. Every area is checked with the menu bar's letters and the window's actions
    (the keys that act where the focus is, Entrée and Espace, mean one thing in each place)."""
    from acsrv_desktop.gui.shortcut_sheet import shortcut_rows

    menu_letters = [
        (mnemonic(action.text()), f"menu « {plain_text(action.text())} »")
        for action in window.menuBar().actions()
        if mnemonic(action.text())
    ]
    clashes: dict[str, dict[str, set[str]]] = {}
    for name in list(window.areas):
        area = window.areas.build(name)
        for page in _each_tab_shown(area):
            rows = shortcut_rows(window, {name: area})
            used: dict[str, set[str]] = {}
            for keys, what in [*menu_letters, *((row.keys, row.what) for row in rows)]:
                if "+" in keys or keys[0] == "F":
                    used.setdefault(keys.lower(), set()).add(what)
            twice = {keys: whats for keys, whats in used.items() if len(whats) > 1}
            if twice:
                clashes[f"{name} › {page}"] = twice
    assert clashes == {}, "\n".join(f"{where}: {twice}" for where, twice in clashes.items())


def _each_tab_shown(area):
    """The area with each page of its tabs shown in turn (a hidden page's letters do not
    act), named by the tabs' texts; the area as it is when it has no tabs."""
    from PySide6.QtWidgets import QTabWidget

    tabs = area.findChildren(QTabWidget)
    if not tabs:
        yield "—"
        return
    for tab in tabs:
        for index in range(tab.count()):
            tab.setCurrentIndex(index)
            yield plain_text(tab.tabText(index))
