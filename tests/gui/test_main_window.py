"""The main window, driven with the keyboard as a receptionist would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from acsrv_desktop.gui.main_window import AREAS, MainWindow
from acsrv_desktop.gui.preferences import Preferences


@pytest.fixture
def window(qtbot, preferences):
    window = MainWindow("Base locale SQLite : /tmp/acsrv.sqlite3", preferences)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_title_and_areas_are_french(window):
    assert window.windowTitle() == "ACSRV — Accueil"
    tabs = window.ui.areaTabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == list(AREAS)
    assert window.current_area_name() == "Accueil"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "&Affichage", "Ai&de"]


@pytest.mark.parametrize(
    ("key", "area"),
    [
        (Qt.Key.Key_2, "Programmes"),
        (Qt.Key.Key_4, "Fréquentation"),
        (Qt.Key.Key_5, "Administration"),
    ],
)
def test_ctrl_digit_opens_each_area(window, qtbot, key, area):
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area_name() == area
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area_name() == "Accueil"


def test_the_database_in_use_is_shown(window):
    labels = [w.text() for w in window.ui.statusBar.findChildren(type(window._database_label))]
    assert "Base locale SQLite : /tmp/acsrv.sqlite3" in labels


def test_geometry_and_area_are_remembered(qtbot, tmp_path):
    ini = str(tmp_path / "prefs.ini")
    first = MainWindow("db", Preferences(QSettings(ini, QSettings.Format.IniFormat)))
    qtbot.addWidget(first)
    with qtbot.waitActive(first):
        first.show()
        first.activateWindow()
    qtbot.keyClick(first, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert first.current_area_name() == "Orientations"
    first.resize(800, 570)  # the offscreen screen is 800x600
    first.close()

    second = MainWindow("db", Preferences(QSettings(ini, QSettings.Format.IniFormat)))
    qtbot.addWidget(second)
    second.show()
    assert second.current_area_name() == "Orientations"
    assert (second.width(), second.height()) == (800, 570)


def test_ctrl_q_closes_the_window(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_about_names_the_federation(window, monkeypatch):
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(text=text))
    window.ui.actionAbout.trigger()
    assert "Association des Centres Sociaux de la Région de Valenciennes" in shown["text"]


def test_the_window_renders_text(window, tmp_path):
    window.resize(1100, 720)
    QApplication.processEvents()
    image = window.grab().toImage()
    path = tmp_path / "fenetre-principale.png"
    assert image.save(str(path))
    # A rendered window with fonts has many distinct colours (antialiased text), not one fill.
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20
