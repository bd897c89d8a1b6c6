"""Issue 12: saving a visit at the Accueil, from the keyboard to the day's list, fast.

A returning person found, picked and sent to a programme without the mouse; the form clears
and the new row is in the day's list, the same as reading the day again. No SQL runs on the
GUI thread — from the area's start to its first save, during a save (the centre, the
catalogue, the question about a namesake), when a draft is resumed, when the suggestions
follow the form — on a real SQLite file; and the message of a save does not move the form
(a re-layout repaints the whole window).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import event, select

import acsrv_desktop.core.catalogue.service as catalogue_module
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.models import Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.reception.area import ReceptionArea

ADMIN = Actor.system("tests")
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@dataclass
class Statements:
    """The SQL statements run, on the GUI thread and on the others."""

    on_gui_thread: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)


@contextmanager
def sql_spy(database) -> Iterator[Statements]:
    seen, gui_thread = Statements(), threading.current_thread()

    def spy(_conn, _cursor, statement, *_args) -> None:
        on_gui = threading.current_thread() is gui_thread
        (seen.on_gui_thread if on_gui else seen.elsewhere).append(statement)

    event.listen(database.engine, "before_cursor_execute", spy)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", spy)


def _answer_when_shown(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Answer the next modal ``kind`` window with ``act`` once it is shown (a timer: the
    question may be asked inside a nested event loop)."""

    def answer(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        elif tries < 250:
            QTimer.singleShot(20, lambda: answer(tries + 1))

    QTimer.singleShot(0, answer)


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
    assert "déjà venu·e" in ui.personBox.title()
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
    """The centre is kept once read, the catalogue's snapshot is kept by the suggestions and
    checked in the background: from Ctrl+Entrée to the list refreshed (and the suggestions
    of the cleared form), the GUI thread runs no SQL."""
    ui = reception.ui
    ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_busy)
    # Whether the catalogue changed is due at every refresh: still not asked on this thread.
    monkeypatch.setattr(catalogue_module, "REVISION_CHECK_SECONDS", 0.0)
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


# -- no SQL on the GUI thread: the start, a namesake, a draft, the suggestions -----------------


def _new_area(qtbot, services, preferences, **kwargs) -> ReceptionArea:
    area = ReceptionArea(services, preferences, **kwargs)
    qtbot.addWidget(area)
    area.resize(1366, 728)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    return area


def test_from_the_start_to_the_first_save_the_gui_thread_runs_no_sql(
    qtbot, sqlite_database, preferences
):
    """The area reads its centre, the catalogue and the day's list in the background; a
    save pressed before the centre is known finds it within its own background work."""
    centre = CentreService(sqlite_database).centres()[1]
    preferences.workstation_centre = centre.name
    services = Services(sqlite_database, ADMIN)
    centres_may_answer = threading.Event()
    by_name = services.centres.by_name

    def held_by_name(name: str):  # the centre is slow to come (a slow network)
        assert centres_may_answer.wait(10)
        return by_name(name)

    services.centres.by_name = held_by_name
    try:
        with sql_spy(sqlite_database) as seen:
            area = _new_area(qtbot, services, preferences)
            assert area.is_busy  # the centre, the catalogue and the day, on their way
            qtbot.keyClick(area.ui.visitorSearchEdit, Qt.Key.Key_Y, ALT)  # Passage anonyme
            qtbot.waitUntil(area.ui.anonymousCheck.isChecked)
            qtbot.keyClick(area.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
            assert area.is_saving and area.ui.statusLabel.text() == "Enregistrement…"
            qtbot.keyClicks(area.ui.noteEdit, "typed while waiting")  # read-only meanwhile
            assert area.ui.noteEdit.toPlainText() == ""
            centres_may_answer.set()
            qtbot.waitUntil(lambda: not area.is_busy)
    finally:
        centres_may_answer.set()
    assert "Passage enregistré" in area.ui.statusLabel.text()
    with sqlite_database.read() as session:
        (visit,) = session.scalars(select(Visit))
    assert visit.centre_id == centre.id and area._today.rowCount() == 1
    assert area.workstation_centre() == centre  # kept: read no more
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_namesake_is_asked_about_without_sql_on_the_gui_thread(
    qtbot, reception, sqlite_database, typist
):
    """Ctrl+Entrée for a new person whose name and year a record already has: the check
    runs in the background, the question comes when it answers, then the save goes on."""
    VisitorService(sqlite_database, ADMIN).create(VisitorInput("Jean", "DUPONT", 1970))
    ui = reception.ui
    with sql_spy(sqlite_database) as seen:
        qtbot.keyClicks(ui.visitorSearchEdit, "Zoltan Xerxes")  # nobody: a new record
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.firstNameEdit)
        ui.firstNameEdit.selectAll()
        typist(ui.firstNameEdit, "Jean")
        _tab_to(qtbot, ui.lastNameEdit)
        typist(ui.lastNameEdit, "Dupont")
        _tab_to(qtbot, ui.birthYearEdit)
        typist(ui.birthYearEdit, "1970")
        qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_Return, CTRL)
        assert reception.is_saving and ui.statusLabel.text() == "Enregistrement…"
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
        box = QApplication.activeModalWidget()
        assert "Jean DUPONT, né(e) en 1970" in box.text() and reception.is_saving
        create = box.button(QMessageBox.StandardButton.Yes)
        while QApplication.focusWidget() is not create:  # Tab to « Créer une nouvelle fiche »
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClick(create, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not reception.is_busy)
    assert "Passage enregistré" in ui.statusLabel.text() and "Jean Dupont" in ui.statusLabel.text()
    with sqlite_database.read() as session:
        names = [(v.first_name, v.last_name) for v in session.scalars(select(Visitor))]
        (visit,) = session.scalars(select(Visit))
    assert names == [("Jean", "DUPONT"), ("Jean", "Dupont")] and visit.new_visitor
    assert any("FROM visitor" in statement for statement in seen.elsewhere)
    assert seen.on_gui_thread == []


def _a_draft_for(qtbot, services, preferences, drafts, person: str) -> None:
    """A returning person picked and a note typed, then the workstation stops (the draft
    stays behind)."""
    desk = _new_area(qtbot, services, preferences, drafts=drafts)
    qtbot.waitUntil(lambda: not desk.is_busy)
    _pick(qtbot, desk, person)
    desk.ui.noteEdit.setFocus()
    qtbot.keyClicks(desk.ui.noteEdit, "a perdu ses papiers")
    desk.flush_draft()
    assert drafts.load()["visitor_id"] == desk._visitor.id
    desk.close()


def _resume(qtbot, area) -> None:
    """« Reprendre la saisie » by Entrée, its default."""
    _answer_when_shown(QMessageBox, lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert area.offer_saved_draft()
    area.activateWindow()  # back to the desk's window, as the window manager does
    qtbot.waitUntil(area.isActiveWindow)


def _held_open_record(monkeypatch, services) -> threading.Event:
    """The record is slow to come (a slow network) until the event returned is set."""
    release, open_record = threading.Event(), services.visitors.open_record

    def slow_open_record(visitor_id: int):
        assert release.wait(10)
        return open_record(visitor_id)

    monkeypatch.setattr(services.visitors, "open_record", slow_open_record)
    return release


def test_resuming_a_draft_reads_its_record_in_the_background(
    qtbot, sqlite_database, preferences, jean, tmp_path, monkeypatch
):
    preferences.workstation_centre = CentreService(sqlite_database).centres()[0].name
    drafts = DraftStore(tmp_path / "brouillon.json")
    _a_draft_for(qtbot, Services(sqlite_database, ADMIN), preferences, drafts, "dupont")
    services = Services(sqlite_database, ADMIN)
    release = _held_open_record(monkeypatch, services)
    with sql_spy(sqlite_database) as seen:
        again = _new_area(qtbot, services, preferences, drafts=drafts)
        ui = again.ui
        _resume(qtbot, again)
        # The values typed are there at once; the record part waits, read-only.
        assert (ui.firstNameEdit.text(), ui.lastNameEdit.text()) == ("Jean", "Dupont")
        assert ui.noteEdit.toPlainText() == "a perdu ses papiers"
        assert not ui.profileWidget.isEnabled() and not ui.anonymousCheck.isEnabled()
        assert "lecture de la fiche" in ui.personBox.title() and again.is_busy
        qtbot.keyClicks(ui.firstNameEdit, "x")  # read-only meanwhile
        assert ui.firstNameEdit.text() == "Jean"
        again.flush_draft()  # the draft still names the record being read
        assert drafts.load()["visitor_id"] == jean.id
        release.set()
        qtbot.waitUntil(lambda: not again.is_busy)
        assert again._visitor is not None and again._visitor.id == jean.id
        assert "déjà venu·e" in ui.personBox.title() and ui.profileWidget.isEnabled()
        qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not again.is_busy)
    assert "Passage enregistré" in ui.statusLabel.text()
    with sqlite_database.read() as session:
        (visit,) = session.scalars(select(Visit))
        visitors = session.scalars(select(Visitor)).all()
    assert visit.visitor_id == jean.id and visit.note == "a perdu ses papiers"
    assert len(visitors) == 1
    assert seen.on_gui_thread == []


def test_a_save_pressed_while_the_drafts_record_is_read_counts_on_that_record(
    qtbot, sqlite_database, preferences, jean, tmp_path, monkeypatch
):
    """Ctrl+Entrée at once after « Reprendre »: the save waits for the record (not a new
    record for the same person)."""
    preferences.workstation_centre = CentreService(sqlite_database).centres()[0].name
    drafts = DraftStore(tmp_path / "brouillon.json")
    _a_draft_for(qtbot, Services(sqlite_database, ADMIN), preferences, drafts, "dupont")
    services = Services(sqlite_database, ADMIN)
    release = _held_open_record(monkeypatch, services)
    again = _new_area(qtbot, services, preferences, drafts=drafts)
    qtbot.waitUntil(lambda: not again.is_busy)
    with sql_spy(sqlite_database) as seen:
        _resume(qtbot, again)
        qtbot.keyClick(again.ui.noteEdit, Qt.Key.Key_Return, CTRL)
        assert again.is_saving and again.ui.statusLabel.text() == "Enregistrement…"
        release.set()
        qtbot.waitUntil(lambda: not again.is_busy)
    assert "Passage enregistré" in again.ui.statusLabel.text()
    with sqlite_database.read() as session:
        (visit,) = session.scalars(select(Visit))
        assert session.scalar(select(Visitor.id).where(Visitor.id != jean.id)) is None
    assert visit.visitor_id == jean.id and not visit.new_visitor
    assert seen.on_gui_thread == []


def test_a_drafts_record_erased_meanwhile_leaves_the_values_as_a_new_person(
    qtbot, sqlite_database, preferences, jean, tmp_path
):
    preferences.workstation_centre = CentreService(sqlite_database).centres()[0].name
    drafts = DraftStore(tmp_path / "brouillon.json")
    _a_draft_for(qtbot, Services(sqlite_database, ADMIN), preferences, drafts, "dupont")
    Services(sqlite_database, ADMIN).privacy.erase(jean.id)  # on another workstation
    with sql_spy(sqlite_database) as seen:
        again = _new_area(qtbot, Services(sqlite_database, ADMIN), preferences, drafts=drafts)
        ui = again.ui
        _resume(qtbot, again)
        qtbot.waitUntil(lambda: not again.is_busy)
        assert "n’existe plus" in ui.statusLabel.text()
        assert "nouvelle personne" in ui.statusLabel.text()
        assert again._visitor is None and "nouvelle fiche" in ui.personBox.title()
        assert (ui.firstNameEdit.text(), ui.lastNameEdit.text()) == ("Jean", "Dupont")
        assert ui.noteEdit.toPlainText() == "a perdu ses papiers" and ui.profileWidget.isEnabled()
        qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not again.is_busy)
    assert "Passage enregistré" in ui.statusLabel.text()
    with sqlite_database.read() as session:
        (visitor,) = session.scalars(select(Visitor))
        visit = session.scalars(select(Visit).where(Visit.visitor_id.is_not(None))).one()
    assert (visitor.first_name, visitor.birth_year) == ("Jean", 2004)
    assert visitor.person_key != jean.person_key  # a new person, not the record erased
    assert visit.visitor_id == visitor.id and visit.new_visitor
    assert seen.on_gui_thread == []


def test_the_suggestions_follow_the_form_and_the_catalogue_without_sql_on_the_gui_thread(
    qtbot, reception, sqlite_database, monkeypatch
):
    """Whether the catalogue changed is asked in the background (here at every refresh):
    a programme withdrawn on another workstation leaves the list, no SQL on this thread."""
    monkeypatch.setattr(catalogue_module, "REVISION_CHECK_SECONDS", 0.0)
    ui = reception.ui
    first_need = reception._need_buttons[0]
    with sql_spy(sqlite_database) as seen:
        first_need.setFocus()
        qtbot.keyClick(first_need, Qt.Key.Key_Space)  # Trouver un emploi
        qtbot.waitUntil(lambda: not reception._routing_timer.isActive())
        qtbot.waitUntil(lambda: not reception.is_busy)
        shown = [reception._suggestions.suggestion(r).entry.id for r in range(3)]
        asked = sum("app_setting" in statement for statement in seen.elsewhere)
        assert asked >= 1  # the revision, read on a worker
        other_workstation = threading.Thread(
            target=CatalogueService(sqlite_database, ADMIN).set_entry_active,
            args=(shown[0], False),
        )
        other_workstation.start()
        other_workstation.join()
        qtbot.keyClick(first_need, Qt.Key.Key_Space)  # off, then on again: the list follows
        qtbot.keyClick(first_need, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not reception._routing_timer.isActive())
        qtbot.waitUntil(lambda: not reception.is_busy)
        rows = reception._suggestions.rowCount()
        now = [reception._suggestions.suggestion(r).entry.id for r in range(rows)]
        assert shown[0] not in now and shown[1] in now
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_K, CTRL)  # a programme by its name
        qtbot.keyClicks(ui.suggestionFilterEdit, "ludotheque")
        qtbot.keyClick(ui.suggestionFilterEdit, Qt.Key.Key_Return)
        assert reception._suggestions.suggestion(0).entry.id == "ludotheque"
        qtbot.waitUntil(lambda: not reception.is_busy)
    assert seen.on_gui_thread == []
