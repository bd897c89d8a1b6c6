"""Issue 13: the Accueil at a real desk — the fast path is the visible path, and the visitor
standing at the desk reads nothing of the others.

The two flows of the issue are typed with key events only, each one counted, with only the
keys the screen shows (button texts, hints, underlined letters) and the README names; what
they saved is read back from the database. Then the keys that lead there (Alt+O, Ctrl+O,
Alt+J, F2 and Suppr from anywhere, the date in one Tab stop, Ctrl+Z after clearing, the focus
back in the search), the needs on an AZERTY keyboard, and the discreet mode (initials in the
day's list, the name of a save for a few seconds, the form masked after 30 s without input;
its clock moved by hand, never waited for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QKeyCombination, QModelIndex, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTabBar,
    QWidget,
)
from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.models import Referral, Visit
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.application import build_areas
from acsrv_desktop.gui.main_window import MainWindow
from acsrv_desktop.gui.reception import visit_dialog
from acsrv_desktop.gui.reception.area import ReceptionArea
from acsrv_desktop.gui.reception.models import initials
from acsrv_desktop.gui.shortcut_sheet import mnemonic, plain_text

ADMIN = Actor.system("tests")
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
README = Path(__file__).resolve().parents[2] / "README.md"

# How each key reads on screen and in the README (French keyboard names).
NAMES = {
    Qt.Key.Key_Down: "↓",
    Qt.Key.Key_Return: "Entrée",
    Qt.Key.Key_Escape: "Échap",
    Qt.Key.Key_Tab: "Tab",
    Qt.Key.Key_Space: "Espace",
    Qt.Key.Key_F2: "F2",
    Qt.Key.Key_Delete: "Suppr",
}


def key_name(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> str:
    parts = []
    if modifiers & CTRL:
        parts.append("Ctrl")
    if modifiers & ALT:
        parts.append("Alt")
    if modifiers & SHIFT:
        parts.append("Maj")
    name = NAMES.get(key)
    if name is None:
        name = QKeyCombination(key).key().name.removeprefix("Key_").upper()
    return "+".join([*parts, name])


def _accueil_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### Accueil")
    return text[start : text.index("\n### ", start + 1)]


def _on_screen(window: QWidget) -> str:
    """Every text the window shows now (buttons, labels, tabs, the status bar), and the
    « Alt+X » of each underlined letter."""
    texts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(plain_text(widget.text()) + " " + widget.text())
            texts.append(mnemonic(widget.text()) or "")
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return "\n".join(texts)


@dataclass
class Keyboard:
    """The keys pressed, one by one, where the focus is (as a keyboard sends them)."""

    qtbot: object
    window: QWidget
    pressed: list[str] = field(default_factory=list)

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, *, shown=True) -> None:
        name = key_name(key, modifiers)
        readme = _accueil_section()
        assert f"`{name}`" in readme or f"`{name}`," in readme, f"{name} not in the README"
        if shown:  # a Qt dialog's own Entrée is named by the README only
            assert name in _on_screen(self.window), f"{name} not on screen"
        self.pressed.append(name)
        # Where the keyboard sends it: the focus of the dialog open, if any (offscreen, a
        # dialog is not made the active window), else of the window.
        dialog = QApplication.activeModalWidget()
        focus = dialog.focusWidget() if dialog is not None else QApplication.focusWidget()
        target = focus or dialog or self.window
        self.qtbot.keyClick(target, key, modifiers)


@pytest.fixture
def documents(monkeypatch, tmp_path):
    folder = tmp_path / "Documents"
    monkeypatch.setattr(
        QStandardPaths,
        "writableLocation",
        lambda location: (
            str(folder)
            if location == QStandardPaths.StandardLocation.DocumentsLocation
            else str(tmp_path)
        ),
    )
    return folder


@pytest.fixture
def fatima(sqlite_database):
    return VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Fatima", "Benali", 1984, None, "femme", "Anzin", ("rsa",), True)
    )


@pytest.fixture
def window(qtbot, sqlite_database, preferences):
    preferences.workstation_centre = CentreService(sqlite_database).centres()[0].name
    services = Services(sqlite_database, ADMIN)
    window = MainWindow(
        sqlite_database.describe(), preferences, build_areas(services, preferences), actor=ADMIN
    )
    qtbot.addWidget(window)
    window.resize(1366, 728)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    reception = window.reception_area()
    qtbot.waitUntil(lambda: not reception.is_busy)
    reception.focus_search()
    return window


def _visits(db) -> list[Visit]:
    with db.read() as session:
        return list(session.scalars(select(Visit).order_by(Visit.id)))


def _referrals(db) -> list[Referral]:
    with db.read() as session:
        return list(session.scalars(select(Referral)))


# -- the two flows of the issue, key by key ----------------------------------------------------


def test_a_returning_visitors_visit_referral_and_slip_in_seven_keys(
    qtbot, window, sqlite_database, fatima, documents
):
    reception = window.reception_area()
    ui = reception.ui
    keys = Keyboard(qtbot, window)
    qtbot.keyClicks(ui.visitorSearchEdit, "benal")  # the name prefix (not counted)
    qtbot.waitUntil(lambda: reception._results.rowCount() == 1)

    keys.press(Qt.Key.Key_Down)  # into the people found (« ↓ puis Entrée pour choisir »)
    keys.press(Qt.Key.Key_Return)  # her record
    qtbot.waitUntil(lambda: reception._visitor is not None and not reception.is_busy)
    keys.press(Qt.Key.Key_1, ALT)  # « Trouver un emploi  (Alt+1) »
    keys.press(Qt.Key.Key_O, CTRL)  # « Retenir la meilleure  (Ctrl+O) »
    best = reception._suggestions.suggestion(0)  # the first suggestion, the one ticked
    assert reception._suggestions.accepted == {best.entry.id} and best.eligible
    keys.press(Qt.Key.Key_Return, CTRL)  # « Enregistrer le passage  (Ctrl+Entrée) »
    qtbot.waitUntil(lambda: not reception.is_busy)  # saved, and its slip read
    assert QApplication.focusWidget() is ui.visitorSearchEdit  # ready for the next person

    tries = [0]

    def accept_the_proposed_name() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog) and dialog.isVisible():
            tries[0] += 1
            if tries[0] == 1:
                keys.press(Qt.Key.Key_Return, shown=False)  # the name proposed, in the folder
            elif tries[0] > 100:  # Entrée did not save: fail, rather than wait for ever
                poll.stop()
                dialog.reject()

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(accept_the_proposed_name)
    poll.start()
    keys.press(Qt.Key.Key_P, CTRL | SHIFT)  # « Ctrl+Maj+P en PDF »
    saved = documents / "Fiches d'orientation"
    qtbot.waitUntil(lambda: saved.is_dir() and any(saved.glob("*.pdf")), timeout=10_000)
    poll.stop()

    assert keys.pressed == ["↓", "Entrée", "Alt+1", "Ctrl+O", "Ctrl+Entrée", "Ctrl+Maj+P"] + [
        "Entrée"
    ]
    assert len(keys.pressed) <= 10
    (pdf,) = saved.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and "benali" not in pdf.name.lower()
    (visit,) = _visits(sqlite_database)
    assert (visit.visitor_id, visit.needs, visit.channel, visit.new_visitor) == (
        fatima.id,
        ["trouver-un-emploi"],
        "sur-place",
        False,
    )
    (referral,) = _referrals(sqlite_database)
    assert (referral.visit_id, referral.programme_id) == (visit.id, best.entry.id)


def test_an_anonymous_phone_visit_with_one_need_in_four_keys(qtbot, window, sqlite_database):
    reception = window.reception_area()
    ui = reception.ui
    keys = Keyboard(qtbot, window)
    keys.press(Qt.Key.Key_Y, ALT)  # « Passage anon_y_me »
    qtbot.waitUntil(ui.anonymousCheck.isChecked)
    keys.press(Qt.Key.Key_T, ALT)  # « _t_éléphone »
    qtbot.waitUntil(ui.channelPhone.isChecked)
    keys.press(Qt.Key.Key_2, ALT)  # « Choisir un métier  (Alt+2) »
    keys.press(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert keys.pressed == ["Alt+Y", "Alt+T", "Alt+2", "Ctrl+Entrée"]
    (visit,) = _visits(sqlite_database)
    assert visit.visitor_id is None and visit.person_key is None
    assert (visit.channel, visit.needs) == ("telephone", ["choisir-un-metier"])
    assert _referrals(sqlite_database) == []
    assert QApplication.focusWidget() is ui.visitorSearchEdit


def test_the_fast_keys_are_in_the_f1_sheet(qtbot, window):
    sheet = window.show_shortcut_sheet()
    rows = {(where, keys) for where, keys, _what in sheet.shown_rows()}
    sheet.close()
    for keys in ("Alt+1", "Alt+0", "Alt+O", "Ctrl+O", "Alt+J", "F2", "Ctrl+Z", "Échap"):
        assert ("Accueil", keys) in rows, keys
    # Every shortcut of the Accueil says what it does, in French, for that sheet.
    shortcuts = window.reception_area().findChildren(QShortcut)
    assert len(shortcuts) >= 23 and all(shortcut.whatsThis() for shortcut in shortcuts)


# -- the keys that lead there ------------------------------------------------------------------


@pytest.fixture
def reception(qtbot, catalogue_service, preferences):
    preferences.workstation_centre = CentreService(catalogue_service.db).centres()[0].name
    area = ReceptionArea(Services(catalogue_service.db, catalogue_service.actor), preferences)
    qtbot.addWidget(area)
    area.resize(1366, 728)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    qtbot.waitUntil(lambda: not area.is_busy)
    return area


def _anonymous_visit(qtbot, area, need: int = 0) -> None:
    area.ui.anonymousCheck.setChecked(True)
    area._need_buttons[need].setChecked(True)
    qtbot.keyClick(area.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not area.is_busy)


def _named_visit(qtbot, area, first: str, last: str) -> None:
    area.ui.newVisitorButton.click()
    area.ui.firstNameEdit.setText(first)
    area.ui.lastNameEdit.setText(last)
    area._need_buttons[2].setChecked(True)
    qtbot.keyClick(area.ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not area.is_busy)


def test_the_need_keys_work_on_azerty_and_are_shown_on_the_buttons(qtbot, reception):
    """Alt+1 … Alt+0, Alt+K, Alt+X as the buttons say; on AZERTY the digit row gives & é "
    … à without Maj, and Alt+that key is what the receptionist presses."""
    buttons = reception._need_buttons
    assert [b.text().rsplit("(", 1)[-1] for b in buttons] == [
        f"Alt+{key})" for key in "1234567890KX"
    ]
    focus = QApplication.focusWidget()
    for key, text in [
        (Qt.Key.Key_Ampersand, "&"),
        (Qt.Key.Key_Eacute, "é"),
        (Qt.Key.Key_Agrave, "à"),
    ]:
        for kind in (QKeyEvent.Type.ShortcutOverride, QKeyEvent.Type.KeyPress):
            QApplication.sendEvent(focus, QKeyEvent(kind, key, ALT, text))
        qtbot.keyRelease(focus, key, ALT)
    assert [b.property("theme") for b in buttons if b.isChecked()] == [
        "trouver-un-emploi",
        "choisir-un-metier",
        buttons[9].property("theme"),
    ]
    assert reception.ui.visitorSearchEdit.text() == ""  # nothing typed by those keys
    qtbot.keyClick(focus, Qt.Key.Key_1, ALT)  # again: unticked
    assert not buttons[0].isChecked()
    qtbot.keyClick(focus, Qt.Key.Key_X, ALT)  # the last button
    assert buttons[-1].isChecked()


def test_alt_o_reaches_the_suggestions_and_alt_j_the_days_list(qtbot, reception):
    _anonymous_visit(qtbot, reception)
    ui = reception.ui
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_J, ALT)
    assert ui.sidePanels.currentWidget() is ui.todayBox
    assert QApplication.focusWidget() is ui.todayView and ui.todayView.currentIndex().row() == 0
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Escape)  # back to the search, the suggestions shown
    assert QApplication.focusWidget() is ui.visitorSearchEdit
    assert ui.sidePanels.currentWidget() is ui.suggestionsBox
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_O, ALT)
    assert QApplication.focusWidget() is ui.suggestionsView
    assert ui.suggestionsView.currentIndex().row() == 0


def test_f2_and_suppr_act_on_the_visit_selected_from_anywhere(
    qtbot, reception, sqlite_database, monkeypatch
):
    _anonymous_visit(qtbot, reception)
    ui = reception.ui
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_J, ALT)  # the day's list: its first row
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Escape)
    opened = []
    monkeypatch.setattr(
        visit_dialog.VisitDialog, "exec", lambda self: opened.append(self._visit.id) or 0
    )
    need = reception._need_buttons[3]
    need.setFocus()
    qtbot.keyClick(need, Qt.Key.Key_F2)  # from a need button
    (visit,) = _visits(sqlite_database)
    assert opened == [visit.id]
    assert QApplication.focusWidget() is ui.visitorSearchEdit  # back after the dialog
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    need.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert _visits(sqlite_database)[0].cancelled_at is not None
    assert QApplication.focusWidget() is ui.visitorSearchEdit
    # In a field, Suppr deletes a letter: it cancels nothing.
    qtbot.keyClicks(ui.visitorSearchEdit, "abc")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Home)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Delete)
    assert ui.visitorSearchEdit.text() == "bc" and not reception.is_busy


def test_the_date_and_time_are_one_tab_stop(qtbot, reception):
    ui = reception.ui
    ui.occurredByHandCheck.setFocus()
    qtbot.keyClick(ui.occurredByHandCheck, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is ui.channelOnSite  # the field is not a stop
    qtbot.keyClick(ui.channelOnSite, Qt.Key.Key_E, ALT)  # « Dat_e_ et heure » : by hand
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.occurredEdit)
    qtbot.keyClick(ui.occurredEdit, Qt.Key.Key_Tab)  # out at once, not to the next section
    assert QApplication.focusWidget() is ui.channelOnSite
    qtbot.keyClick(ui.channelOnSite, Qt.Key.Key_Backtab, SHIFT)
    assert QApplication.focusWidget() is not ui.occurredEdit


def test_a_cleared_form_comes_back_with_ctrl_z_and_the_focus_goes_to_the_search(
    qtbot, reception, typist
):
    ui = reception.ui
    ui.newVisitorButton.click()
    typist(ui.firstNameEdit, "Zoé")
    ui.noteEdit.setPlainText("rappeler jeudi")
    reception._need_buttons[1].setChecked(True)
    qtbot.keyClick(ui.firstNameEdit, Qt.Key.Key_R, ALT)  # « Effacer le formulai_r_e »
    qtbot.waitUntil(lambda: ui.firstNameEdit.text() == "")  # the button's click, animated
    assert ui.noteEdit.toPlainText() == ""
    assert QApplication.focusWidget() is ui.visitorSearchEdit
    assert "Ctrl+Z" in ui.statusLabel.text()
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Z, CTRL)
    assert ui.firstNameEdit.text() == "Zoé" and ui.noteEdit.toPlainText() == "rappeler jeudi"
    assert reception._need_buttons[1].isChecked()
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Z, CTRL)  # once only: nothing more
    assert ui.firstNameEdit.text() == "Zoé"


def test_the_focus_is_back_in_the_search_after_unlocking(qtbot, sqlite_database, preferences):
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.gui.application import start_idle_lock

    accounts = AccountService(sqlite_database)
    accounts.create_first_administrator("direction", "Claire Direction", "Accueil-2026-x", None)
    actor = accounts.sign_in("direction", "Accueil-2026-x")
    preferences.workstation_centre = CentreService(sqlite_database).centres()[0].name
    services = Services(sqlite_database, actor)
    window = MainWindow("test", preferences, build_areas(services, preferences), actor=actor)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    lock = start_idle_lock(services, window, preferences)
    reception = window.reception_area()
    reception._need_buttons[0].setFocus()
    lock.lock()
    lock.dialog.password_edit.setText("Accueil-2026-x")
    lock.dialog.try_unlock()
    qtbot.waitUntil(lambda: not lock.is_locked)
    lock.stop()
    assert window.focusWidget() is reception.ui.visitorSearchEdit


# -- what the visitor at the desk can read -----------------------------------------------------


def test_initials_are_read_from_the_name():
    assert initials("Fatima Benali (1984)") == "F. B."
    assert initials("Jean-Pierre Vandenbussche") == "J.-P. V."
    assert initials("Zoé") == "Z."


def test_the_days_list_shows_initials_and_the_whole_line_only_when_selected(qtbot, reception):
    _named_visit(qtbot, reception, "Fatima", "Benali")
    _anonymous_visit(qtbot, reception, need=0)
    model = reception._today
    ui = reception.ui
    people = [model.data(model.index(row, 1)) for row in range(2)]
    needs = [model.data(model.index(row, 3)) for row in range(2)]
    assert sorted(people) == ["F. B.", "Passage anonyme"]
    assert needs == ["1 besoin", "1 besoin"]
    fatima = people.index("F. B.")
    ui.todayView.selectRow(fatima)
    assert model.data(model.index(fatima, 1)) == "Fatima Benali"
    assert model.data(model.index(fatima, 3)) == "Se former"
    ui.todayView.selectRow(1 - fatima)  # another row: hers goes back to initials
    assert model.data(model.index(fatima, 1)) == "F. B."


def test_the_discreet_mode_is_a_workstation_preference(qtbot, catalogue_service, preferences):
    assert preferences.discreet_mode  # on by default
    preferences.discreet_mode = False
    preferences.workstation_centre = CentreService(catalogue_service.db).centres()[0].name
    area = ReceptionArea(Services(catalogue_service.db, ADMIN), preferences)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitUntil(lambda: not area.is_busy)
    _named_visit(qtbot, area, "Fatima", "Benali")
    assert area._today.data(area._today.index(0, 1)) == "Fatima Benali"
    assert not area._discretion.name_shown  # nothing to take away
    area._discretion.clock = lambda: 1e9  # long idle: a back-office desk is never masked
    area.ui.firstNameEdit.setText("Zoé")
    area._discretion.check_now()
    assert not area._discretion.masked


def test_the_name_of_a_save_is_shown_a_few_seconds_only(qtbot, reception):
    said: list[str] = []
    reception.status_message.connect(said.append)
    # 1.5 s instead of 5: long enough to be read back even on a loaded machine.
    reception._discretion.name_shown_ms = 1500
    _named_visit(qtbot, reception, "Fatima", "Benali")
    status = reception.ui.statusLabel
    assert "Passage enregistré" in status.text() and "Fatima Benali" in status.text()
    qtbot.waitUntil(lambda: "Fatima" not in status.text())
    assert re.fullmatch(r"Passage enregistré à \d\d:\d\d\.", status.text())
    assert said and not any("Fatima" in message for message in said)  # the status bar's


def test_the_form_is_masked_after_30_s_without_input_until_a_key(qtbot, reception, typist):
    now = [1000.0]
    discretion = reception._discretion
    discretion.clock = lambda: now[0]
    ui = reception.ui
    discretion.unmask()  # input now, by the moved clock
    now[0] += 60
    discretion.check_now()
    assert not discretion.masked  # an empty form shows nothing of anyone
    ui.newVisitorButton.click()
    typist(ui.firstNameEdit, "Zoé")
    now[0] += 29
    discretion.check_now()
    assert not discretion.masked
    now[0] += 2
    discretion.check_now()
    cover = reception.findChild(QWidget, "discreetCover")
    assert discretion.masked and cover.isVisible() and cover.geometry() == reception.rect()
    # A key unmasks, and only that: it types nothing, it saves nothing.
    qtbot.keyClick(ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
    assert not discretion.masked and not reception.is_saving
    assert ui.firstNameEdit.text() == "Zoé"
    qtbot.keyClick(ui.firstNameEdit, Qt.Key.Key_A)  # then the keys type again
    assert ui.firstNameEdit.text() == "Zoéa"
    now[0] += 31
    discretion.check_now()
    assert discretion.masked
    qtbot.mouseClick(cover, Qt.MouseButton.LeftButton)  # or a click on the cover
    assert not discretion.masked


def test_affichage_mode_discret_turns_the_mode_off_and_on_at_once(qtbot, window, preferences):
    """A back-office desk unticks « Affichage › Mode discret »: kept for the next start and
    applied at once (the day's list in full, no mask); ticked again, initials and mask."""
    reception = window.reception_area()
    action = window.discreet_action
    assert action.isCheckable() and action.isChecked()
    assert action in window.ui.menuView.actions()
    action.trigger()  # what « Affichage › Mode discret » does (the menu is a popup offscreen)
    assert preferences.discreet_mode is False and not reception.discreet_mode
    _named_visit(qtbot, reception, "Kevin", "Dupont")
    model = reception._today
    assert "Kevin Dupont" in [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    reception._discretion.clock = lambda: 1e9
    reception.ui.firstNameEdit.setText("Zoé")
    reception._discretion.check_now()
    assert not reception._discretion.masked
    action.trigger()
    assert preferences.discreet_mode is True and reception.discreet_mode
    reception.ui.todayView.clearSelection()
    reception.ui.todayView.setCurrentIndex(QModelIndex())
    assert "K. D." in [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    reception._discretion.clock = lambda: 2e9
    reception._discretion.check_now()
    assert reception._discretion.masked
