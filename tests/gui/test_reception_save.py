"""Issue 12: saving a visit at the Accueil, from the keyboard to the day's list, fast.

A returning person found, picked and sent to a programme without the mouse; the form clears
and the new row is in the day's list, the same as reading the day again. The save reads
neither the catalogue nor the centre on the GUI thread, and its message does not move the
form (a re-layout repaints the whole window).
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event, select

import acsrv_desktop.core.catalogue.service as catalogue_module
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.models import Referral, Visit
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.reception.area import ReceptionArea

ADMIN = Actor.system("tests")
CTRL = Qt.KeyboardModifier.ControlModifier


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
    qtbot.waitUntil(lambda: not area.is_busy)  # the day's first reading
    return area


@pytest.fixture
def jean(sqlite_database):
    return VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Jean", "Dupont", 2004, None, "homme", "Anzin", ("demandeur-emploi",), True)
    )


def _tab_to(qtbot, widget, limit=80):
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName()}")


def _pick(qtbot, area, typed: str) -> None:
    """Type a few letters, ↓ into the people found, Entrée on the first one."""
    ui = area.ui
    qtbot.keyClicks(ui.visitorSearchEdit, typed)
    qtbot.waitUntil(lambda: area._results.rowCount() == 1)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is ui.visitorResultsView
    qtbot.keyClick(ui.visitorResultsView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: area._visitor is not None)


def test_a_returning_persons_visit_from_the_keyboard_to_the_days_list(
    qtbot, reception, sqlite_database, jean
):
    ui = reception.ui
    _pick(qtbot, reception, "dup")
    assert (ui.firstNameEdit.text(), ui.birthYearEdit.text()) == ("Jean", "2004")
    assert "déjà venue" in ui.personBox.title()
    first_need = reception._need_buttons[0]  # Trouver un emploi: the focus is on it
    assert QApplication.focusWidget() is first_need
    qtbot.keyClick(first_need, Qt.Key.Key_Space)
    _tab_to(qtbot, ui.suggestionsView)
    qtbot.waitUntil(lambda: not reception._routing_timer.isActive())
    chosen = reception._suggestions.suggestion(0).entry
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Space)  # the first suggestion, ticked
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_busy)

    # Saved, on Jean's record, with the need and the referral.
    with sqlite_database.read() as session:
        (visit,) = session.scalars(select(Visit))
        (referral,) = session.scalars(select(Referral))
    assert (visit.visitor_id, visit.needs, visit.new_visitor) == (
        jean.id,
        ["trouver-un-emploi"],
        False,
    )
    assert referral.visit_id == visit.id and referral.programme_id == chosen.id
    # The form is empty again, ready for the next person, the focus in the search.
    assert "Passage enregistré" in ui.statusLabel.text() and "Jean Dupont" in ui.statusLabel.text()
    assert QApplication.focusWidget() is ui.visitorSearchEdit
    assert ui.visitorSearchEdit.text() == "" and not ui.visitorResultsView.isVisible()
    assert ui.firstNameEdit.text() == "" and ui.birthYearEdit.text() == ""
    assert not ui.situation_demandeur_emploi.isChecked() and ui.personBox.title() == "Personne"
    assert reception._visitor is None and not any(b.isChecked() for b in reception._need_buttons)
    assert reception._suggestions.accepted == set() and reception.form_draft() is None
    # The new row is in the day's list, the same as when the day is read again.
    (row,) = reception._today.rows
    assert (row.id, row.who, row.programmes) == (visit.id, "Jean Dupont (2004)", (chosen.name,))
    counted = ui.countersLabel.text()
    assert "1 passage · 1 personne" in counted and "1 orientation" in counted
    reception.refresh_today()
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert reception._today.rows == [row] and ui.countersLabel.text() == counted


def test_a_save_reads_neither_the_catalogue_nor_the_centre_on_the_gui_thread(
    qtbot, reception, sqlite_database, jean, monkeypatch
):
    """The centre is read once (then kept), the catalogue's entries are kept until the
    catalogue changes: from Ctrl+Entrée to the list refreshed, the GUI thread runs no SQL."""
    ui = reception.ui
    ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)  # the centre, read once
    qtbot.waitUntil(lambda: not reception.is_busy)
    # The catalogue's revision is checked every few seconds: not during this test.
    monkeypatch.setattr(catalogue_module, "REVISION_CHECK_SECONDS", 3600.0)
    on_gui_thread: list[str] = []
    gui_thread = threading.current_thread()

    def spy(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is gui_thread:
            on_gui_thread.append(statement)

    ui.anonymousCheck.setChecked(True)  # an anonymous visit, then a returning person's
    reception._need_buttons[1].setChecked(True)
    qtbot.waitUntil(lambda: not reception._routing_timer.isActive())
    event.listen(sqlite_database.engine, "before_cursor_execute", spy)
    try:
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not reception.is_busy)
        event.remove(sqlite_database.engine, "before_cursor_execute", spy)
        _pick(qtbot, reception, "dupont")
        qtbot.waitUntil(lambda: not reception.is_busy)
        event.listen(sqlite_database.engine, "before_cursor_execute", spy)
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not reception.is_busy)
    finally:
        event.remove(sqlite_database.engine, "before_cursor_execute", spy)
    assert reception._today.rowCount() == 3 and "Jean Dupont" in ui.statusLabel.text()
    assert on_gui_thread == []


def test_the_message_of_a_save_does_not_move_the_form(qtbot, reception):
    """« Enregistrement… », then « Passage enregistré … »: the status line keeps its place
    and its size, so nothing else is laid out and repainted again."""
    ui = reception.ui
    boxes = (ui.personBox, ui.visitBox, ui.suggestionsBox, ui.todayBox, ui.statusLabel)
    before = [box.geometry() for box in boxes]
    ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    assert ui.statusLabel.text() == "Enregistrement…"
    QApplication.processEvents()
    assert [box.geometry() for box in boxes] == before
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert "Passage enregistré" in ui.statusLabel.text()
    QApplication.processEvents()
    assert [box.geometry() for box in boxes] == before


def test_a_lookup_answered_after_the_form_was_cleared_is_not_shown(
    qtbot, reception, jean, monkeypatch
):
    """Letters typed, then the form cleared before their answer came (a save, « Effacer »):
    the people found for them do not come back over the empty form."""
    ui = reception.ui
    release = threading.Event()
    find = reception._visitors.find

    def slow_find(typed):
        release.wait(10)
        return find(typed)

    monkeypatch.setattr(reception._visitors, "find", slow_find)
    qtbot.keyClicks(ui.visitorSearchEdit, "dup")
    qtbot.waitUntil(lambda: reception.is_looking_up)  # asked, not yet answered
    qtbot.keyClick(ui.clearButton, Qt.Key.Key_Space)
    release.set()
    qtbot.waitUntil(lambda: not reception.is_looking_up)
    assert reception._results.rowCount() == 0 and not ui.visitorResultsView.isVisible()
    assert ui.visitorSearchEdit.text() == ""
