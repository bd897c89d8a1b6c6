"""The main window, driven with the keyboard as a receptionist would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from acsrv_desktop.core.services import Services
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


@pytest.mark.parametrize(
    ("key", "text", "area"),
    [
        (Qt.Key.Key_Eacute, "é", "Programmes"),
        (Qt.Key.Key_QuoteDbl, '"', "Orientations"),
        (Qt.Key.Key_Apostrophe, "'", "Fréquentation"),
        (Qt.Key.Key_ParenLeft, "(", "Administration"),
        (Qt.Key.Key_Ampersand, "&", "Accueil"),
    ],
)
def test_ctrl_and_the_digit_keys_of_an_azerty_keyboard_open_each_area(
    window, qtbot, key, text, area
):
    """On AZERTY the keys marked 1…5 give & é " ' ( without Maj: Ctrl+that key is what a
    receptionist presses for the « Ctrl+1…5 » the menu shows."""
    if area == "Accueil":
        window.show_area(1)
    ctrl = Qt.KeyboardModifier.ControlModifier
    from PySide6.QtGui import QKeyEvent

    for kind in (QKeyEvent.Type.ShortcutOverride, QKeyEvent.Type.KeyPress):
        event = QKeyEvent(kind, key, ctrl, text)
        QApplication.sendEvent(window.focusWidget() or window, event)
    qtbot.keyRelease(window, key, ctrl)
    assert window.current_area_name() == area
    menu_shortcut = window._area_actions()[list(AREAS).index(area)].shortcut()
    assert (
        menu_shortcut.toString() == f"Ctrl+{list(AREAS).index(area) + 1}"
    )  # shown as printed on the key


def test_the_database_in_use_is_in_about_not_on_the_status_bar(window, monkeypatch):
    labels = [w.text() for w in window.ui.statusBar.findChildren(QLabel)]
    assert not any("/tmp/acsrv.sqlite3" in text for text in labels)
    shown = {}
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.update(text=text))
    window.ui.actionAbout.trigger()
    assert "Base locale SQLite : /tmp/acsrv.sqlite3" in shown["text"]


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


# -- the areas are built when first shown (a start builds the Accueil alone) -------------------

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def session_window(qtbot, sqlite_database, preferences):
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.gui.application import build_areas

    actor = Actor.system("test")  # administration: all five areas
    window = MainWindow(
        sqlite_database.describe(),
        preferences,
        build_areas(Services(sqlite_database, actor), preferences),
        actor=actor,
    )
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _page_widget(window, name):
    layout = window.ui.areaTabs.widget(AREAS.index(name)).layout()
    return layout.itemAt(0).widget() if layout.count() else None


def test_only_the_accueil_is_built_at_start(session_window):
    window = session_window
    assert list(window.areas.built_areas()) == ["Accueil"]
    assert list(window.areas) == list(AREAS)  # every area of the role, built or not
    assert all(window.ui.areaTabs.isTabVisible(i) for i in range(len(AREAS)))
    assert _page_widget(window, "Accueil") is window.areas.built("Accueil")


@pytest.mark.parametrize(
    ("key", "area"), [(Qt.Key.Key_3, "Orientations"), (Qt.Key.Key_5, "Administration")]
)
def test_a_shortcut_builds_its_area_and_shows_it(session_window, qtbot, key, area):
    window = session_window
    qtbot.keyClick(window, key, CTRL)
    assert window.current_area_name() == area
    widget = window.areas.built(area)
    assert widget is not None and _page_widget(window, area) is widget
    qtbot.waitUntil(widget.isVisible)
    assert set(window.areas.built_areas()) == {"Accueil", area}
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window, key, CTRL)
    assert window.areas.built(area) is widget  # built once


def test_clicking_a_tab_builds_its_area(session_window, qtbot):
    window = session_window
    bar = window.ui.areaTabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert window.current_area_name() == "Programmes"
    assert window.areas.built("Programmes") is not None
    assert _page_widget(window, "Programmes") is window.areas.built("Programmes")


def test_an_area_built_later_still_hears_the_others(session_window, qtbot, monkeypatch):
    from acsrv_desktop.gui.programmes.area import ProgrammesArea
    from acsrv_desktop.gui.reception.area import ReceptionArea

    refreshed: list[str] = []
    monkeypatch.setattr(ProgrammesArea, "refresh", lambda self: refreshed.append("programmes"))
    monkeypatch.setattr(
        ReceptionArea, "refresh_suggestions", lambda self: refreshed.append("accueil")
    )
    window = session_window
    reception = window.areas["Accueil"]
    orientations = window.areas["Orientations"]  # built after the Accueil, never shown
    assert not orientations.isVisible() and not orientations._stale
    reception.visit_saved.emit(1)
    assert orientations._stale  # read again when shown
    # Administration built before Programmes, Programmes after: the link is made either way.
    administration = window.areas["Administration"]
    administration.catalogue_changed.emit()
    assert refreshed == ["accueil"]
    window.areas.build("Programmes")
    administration.catalogue_changed.emit()
    assert sorted(refreshed) == ["accueil", "accueil", "programmes"]


def test_a_new_session_drops_the_areas_not_yet_built(session_window, qtbot, sqlite_database):
    from acsrv_desktop.core.accounts.roles import Actor, Role
    from acsrv_desktop.gui.application import build_areas

    window = session_window
    before = window.areas
    first_reception = before["Accueil"]
    accueil = Actor(None, "Accueil", Role.ACCUEIL)
    window.install_session(
        accueil, build_areas(Services(sqlite_database, accueil), window._preferences)
    )
    assert list(window.areas) == ["Accueil", "Programmes", "Orientations"]
    assert window.areas.built("Accueil") is not first_reception
    assert _page_widget(window, "Accueil") is window.areas.built("Accueil")
    with pytest.raises(KeyError):  # the session before cannot add its areas any more
        before["Programmes"]
    assert not window.ui.areaTabs.isTabVisible(AREAS.index("Administration"))


def test_ctrl_plus_minus_and_zero_zoom_the_text_and_it_is_remembered(qtbot, tmp_path):
    ini = str(tmp_path / "prefs.ini")
    window = MainWindow("db", Preferences(QSettings(ini, QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    normal = QApplication.font().pointSizeF()
    ctrl = Qt.KeyboardModifier.ControlModifier
    try:
        qtbot.keyClick(window, Qt.Key.Key_Plus, ctrl)
        assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.1)
        qtbot.keyClick(window, Qt.Key.Key_Equal, ctrl)  # the « = + » key without Maj
        assert window.text_zoom.percent == 125
        tabs = window.ui.areaTabs  # the widgets follow at the next turn of the event loop
        qtbot.waitUntil(lambda: tabs.font().pointSizeF() == pytest.approx(normal * 1.25))
        window.close()
        again = MainWindow("db", Preferences(QSettings(ini, QSettings.Format.IniFormat)))
        qtbot.addWidget(again)
        with qtbot.waitActive(again):
            again.show()
            again.activateWindow()
        assert again.text_zoom.percent == 125  # kept for this workstation
        assert QApplication.font().pointSizeF() == pytest.approx(normal * 1.25)
        qtbot.keyClick(again, Qt.Key.Key_Minus, ctrl)
        assert again.text_zoom.percent == 110
        qtbot.keyClick(again, Qt.Key.Key_Agrave, ctrl)  # the « à 0 » key of AZERTY
        assert again.text_zoom.percent == 100
        assert QApplication.font().pointSizeF() == pytest.approx(normal)
    finally:
        again.text_zoom.reset()
