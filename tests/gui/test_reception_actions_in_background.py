"""Issue 12: the Accueil's last database calls, off the GUI thread.

Cancelling or restoring a visit of the day's list (Suppr), correcting one (F2), the referral
slip (Ctrl+Maj+P, Ctrl+P, Ctrl+Maj+M), the person's data (Ctrl+D: its reading, its exports,
the erasure) and « Corriger la fiche » (Ctrl+Maj+S), driven with keys on a real SQLite file:

- none of them runs a SQL statement on the GUI thread (``sql_spy``);
- a service call held back 1.5 s (``held``) keeps a 10 ms timer of the GUI thread firing at
  20 Hz or more, the form or dialog read-only meanwhile, saying « Enregistrement… »;
- a database that does not answer (another workstation's write lock) is said in French and
  leaves everything typed in place.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from full_disk import disk_full_message, fail_half_way, needs_proc
from gui.test_reception_save import _pick, sql_spy  # the SQL counter of the save tests
from held import HELD_S, Heartbeat, held
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from sqlalchemy import delete, select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import AuditEntry, Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.reception import person_data as person_data_module
from acsrv_desktop.gui.reception import slip_actions as slip_actions_module
from acsrv_desktop.gui.reception.area import ReceptionArea
from acsrv_desktop.gui.reception.person_data import PersonDataDialog
from acsrv_desktop.gui.reception.visit_dialog import VisitDialog

ADMIN = Actor.system("tests")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WAIT_MS = int(HELD_S * 1000) + 10_000


@pytest.fixture
def db(sqlite_database):
    """The test's database file, opened with a short busy timeout: a write behind another
    workstation's lock gives up after 100 ms instead of 10 s."""
    impatient = Database(sqlite_database.url, busy_timeout_ms=100)
    yield impatient
    impatient.dispose()


@pytest.fixture
def services(db):
    return Services(db, ADMIN)


@pytest.fixture
def desk(qtbot, db, services, preferences):
    preferences.workstation_centre = CentreService(db).centres()[0].name
    area = ReceptionArea(services, preferences)
    qtbot.addWidget(area)
    area.resize(1366, 728)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    qtbot.waitUntil(lambda: not area.is_busy)  # the day's first reading
    return area


@pytest.fixture
def jean(db):
    return VisitorService(db, ADMIN).create(
        VisitorInput("Jean", "Dupont", 2004, None, "homme", "Anzin", ("demandeur-emploi",), True)
    )


@contextmanager
def locked(database: Database) -> Iterator[None]:
    """Another workstation holds the write lock of the database file."""
    other = sqlite3.connect(database.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _rows(database: Database, model):
    with database.read() as session:
        return list(session.scalars(select(model)))


def _anonymous_visit(qtbot, desk) -> None:
    """Passage anonyme (Alt+Y), Ctrl+Entrée; then the day's list has it, selected."""
    ui = desk.ui
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ui.anonymousCheck.isChecked)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_busy)
    ui.todayView.setFocus()
    ui.todayView.selectRow(0)


def _visit_with_a_referral(qtbot, desk) -> None:
    """Jean picked, his first need (Espace), the first suggestion ticked, Ctrl+Entrée."""
    ui = desk.ui
    _pick(qtbot, desk, "dup")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # the first need
    qtbot.waitUntil(lambda: desk._suggestions.rowCount() > 0 and not desk.is_busy)
    ui.suggestionsView.setFocus()
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Space)
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_busy)  # the save, then the slip of the buttons
    assert "Ctrl+P" in ui.statusLabel.text()


# -- the day's list: Suppr ----------------------------------------------------------------------


def test_cancelling_and_restoring_a_visit_run_no_sql_on_the_gui_thread(
    qtbot, desk, db, monkeypatch
):
    _anonymous_visit(qtbot, desk)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui = desk.ui
    with sql_spy(db) as seen:
        qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: not desk.is_busy)
        assert "annulé" in ui.statusLabel.text() and "0 passage" in ui.countersLabel.text()
        ui.todayView.selectRow(0)
        qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)  # Suppr again: restored
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert "rétabli" in ui.statusLabel.text() and "1 passage" in ui.countersLabel.text()
    assert _rows(db, Visit)[0].cancelled_at is None
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_held_cancellation_keeps_the_desk_running(qtbot, desk, db, services, monkeypatch):
    _anonymous_visit(qtbot, desk)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui = desk.ui
    with held(services.visits, "cancel") as hold, Heartbeat() as heartbeat:
        qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        assert desk.is_busy and ui.statusLabel.text() == "Enregistrement…"
        assert not ui.cancelVisitButton.isEnabled() and not ui.editVisitButton.isEnabled()
        qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)  # Suppr again meanwhile: nothing more
        assert _rows(db, Visit)[0].cancelled_at is None  # not yet
        qtbot.waitUntil(lambda: not desk.is_busy, timeout=WAIT_MS)
    assert len(hold.threads) == 1 and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert _rows(db, Visit)[0].cancelled_at is not None
    assert "annulé" in ui.statusLabel.text() and "0 passage" in ui.countersLabel.text()
    assert ui.cancelVisitButton.isEnabled()


def test_a_cancellation_behind_a_lock_is_said_in_french(qtbot, desk, db, monkeypatch):
    _anonymous_visit(qtbot, desk)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui = desk.ui
    with locked(db):
        qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert "Passage non annulé" in ui.statusLabel.text()
    assert "occupée par un autre poste" in ui.statusLabel.text()
    assert _rows(db, Visit)[0].cancelled_at is None and "1 passage" in ui.countersLabel.text()
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)  # the lock gone: Suppr again
    qtbot.waitUntil(lambda: not desk.is_busy)
    assert _rows(db, Visit)[0].cancelled_at is not None


# -- the day's list: F2, the correction dialog --------------------------------------------------


def _save_button(dialog: VisitDialog):
    return dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Save)


def _correct_with_keys(qtbot, desk, monkeypatch, then) -> dict:
    """F2 on the visit selected; in the dialog, ↓ on the channel (téléphone), Espace on
    « Enregistrer »; ``then(dialog)`` is called right after, inside the dialog (its own event
    loop, replaced here); what the dialog answered is kept."""
    seen: dict = {}

    def drive(dialog: VisitDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.focusWidget() is dialog.ui.channelCombo
        qtbot.keyClick(dialog.ui.channelCombo, Qt.Key.Key_Down)  # téléphone
        _save_button(dialog).setFocus()
        qtbot.keyClick(_save_button(dialog), Qt.Key.Key_Space)  # « Enregistrer »
        then(dialog)
        seen["result"] = dialog.result()
        return dialog.result()

    monkeypatch.setattr(VisitDialog, "exec", drive)
    qtbot.keyClick(desk.ui.todayView, Qt.Key.Key_F2)
    return seen


def test_a_correction_runs_no_sql_on_the_gui_thread(qtbot, desk, db, monkeypatch):
    _anonymous_visit(qtbot, desk)
    with sql_spy(db) as seen:
        shown = _correct_with_keys(
            qtbot, desk, monkeypatch, lambda d: qtbot.waitUntil(lambda: not d.is_busy)
        )
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert shown["result"] == QDialog.DialogCode.Accepted
    (visit,) = _rows(db, Visit)
    assert visit.channel == "telephone" and visit.corrected_by == "système (tests)"
    assert "corrigé" in desk.ui.statusLabel.text()
    assert "corrigé" in desk._today.data(desk._today.index(0, 5))  # the list read again
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_held_correction_keeps_the_dialog_read_only_and_alive(
    qtbot, desk, db, services, monkeypatch
):
    _anonymous_visit(qtbot, desk)
    with held(services.visits, "update") as hold, Heartbeat() as heartbeat:

        def while_held(dialog: VisitDialog) -> None:
            qtbot.waitUntil(hold.entered.is_set)
            hold.release_later(HELD_S)
            assert dialog.is_busy and desk.is_busy
            assert dialog.ui.errorLabel.text() == "Enregistrement…"
            assert not dialog.ui.channelCombo.isEnabled() and not dialog.ui.noteEdit.isEnabled()
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot close while it is written
            assert dialog.isVisible()
            qtbot.waitUntil(lambda: not dialog.is_busy, timeout=WAIT_MS)

        _correct_with_keys(qtbot, desk, monkeypatch, while_held)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert hold.threads and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert _rows(db, Visit)[0].channel == "telephone"


def test_a_correction_behind_a_lock_keeps_the_dialog_open_with_what_was_typed(
    qtbot, desk, db, monkeypatch
):
    _anonymous_visit(qtbot, desk)
    states: dict = {}
    lock = ExitStack()

    def refused_then_saved(dialog: VisitDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy)
        states["open"] = dialog.isVisible() and dialog.result() == 0
        states["message"] = dialog.ui.errorLabel.text()
        states["channel"] = dialog.ui.channelCombo.currentData()
        states["editable"] = dialog.ui.channelCombo.isEnabled()
        states["in_database"] = _rows(db, Visit)[0].channel
        lock.close()  # the other workstation is done: Enregistrer again, in the same dialog
        qtbot.keyClick(_save_button(dialog), Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not dialog.is_busy)

    with lock:
        lock.enter_context(locked(db))
        shown = _correct_with_keys(qtbot, desk, monkeypatch, refused_then_saved)
    qtbot.waitUntil(lambda: not desk.is_busy)
    assert states["open"] and states["editable"] and states["channel"] == "telephone"
    assert "Enregistrement impossible" in states["message"]
    assert "occupée par un autre poste" in states["message"]
    assert states["in_database"] == "sur-place"
    assert shown["result"] == QDialog.DialogCode.Accepted
    assert _rows(db, Visit)[0].channel == "telephone"


# -- the referral slip --------------------------------------------------------------------------


def test_the_slip_runs_no_sql_on_the_gui_thread_and_is_drawn_there(
    qtbot, desk, db, jean, tmp_path, monkeypatch
):
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    printed: list[tuple[str, str]] = []

    def print_html(html, _parent) -> bool:
        printed.append((threading.current_thread().name, html))
        return True

    monkeypatch.setattr(slip_actions_module, "print_html", print_html)
    ui = desk.ui
    with sql_spy(db) as seen:
        _visit_with_a_referral(qtbot, desk)  # the save, and the slip read for the buttons
        assert ui.visitorSearchEdit.hasFocus()
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_P, CTRL | SHIFT)
        qtbot.waitUntil(lambda: not desk.is_busy)
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_P, CTRL)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert target.read_bytes().startswith(b"%PDF")
    assert [name for name, _html in printed] == ["MainThread"]
    assert "Jean" in printed[0][1]
    assert "envoyée à l’imprimante" in ui.statusLabel.text()
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_held_slip_keeps_the_desk_running_and_its_buttons_wait(
    qtbot, desk, db, services, jean, tmp_path, monkeypatch
):
    _visit_with_a_referral(qtbot, desk)
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    buttons = desk._slip_actions._pdf_button, desk._slip_actions._print_button
    assert all(button.isEnabled() for button in buttons)
    ui = desk.ui
    with held(services.slips, "slip") as hold, Heartbeat() as heartbeat:
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_P, CTRL | SHIFT)
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        assert desk.is_busy and not any(button.isEnabled() for button in buttons)
        qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_P, CTRL | SHIFT)  # again: nothing more
        assert not target.exists()
        qtbot.waitUntil(lambda: not desk.is_busy, timeout=WAIT_MS)
    assert len(hold.threads) == 1 and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert target.read_bytes().startswith(b"%PDF") and "enregistrée" in ui.statusLabel.text()
    assert all(button.isEnabled() for button in buttons)


def test_a_slip_that_cannot_be_read_is_said_in_french(qtbot, desk, db, jean, tmp_path, monkeypatch):
    _visit_with_a_referral(qtbot, desk)
    with db.write() as session:  # its referral gone meanwhile (another workstation)
        session.execute(delete(Referral))
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not desk.is_busy)
    assert "Fiche d’orientation illisible" in desk.ui.statusLabel.text()
    assert "pas d’orientation" in desk.ui.statusLabel.text() and not target.exists()


# -- the person's data: Ctrl+D ------------------------------------------------------------------


def _open_person_data(qtbot, desk, monkeypatch, drive) -> None:
    """Jean picked, Ctrl+D: ``drive(dialog)`` in place of the dialog's own event loop."""
    _pick(qtbot, desk, "dup")
    qtbot.waitUntil(lambda: not desk.is_busy)

    def shown(dialog: PersonDataDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        drive(dialog)
        return dialog.result()

    monkeypatch.setattr(PersonDataDialog, "exec", shown)
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_D, CTRL)


def test_the_persons_data_its_exports_and_the_erasure_run_no_sql_on_the_gui_thread(
    qtbot, desk, db, jean, tmp_path, monkeypatch
):
    targets = iter([tmp_path / "jean.json", tmp_path / "jean.pdf"])
    monkeypatch.setattr(person_data_module, "ask_save_path", lambda *a: next(targets))
    monkeypatch.setattr(person_data_module, "confirm_erasure", lambda _parent: True)
    said: list[str] = []

    def drive(dialog: PersonDataDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy)
        assert "Jean" in dialog.view.toPlainText()
        for button in (dialog.json_button, dialog.pdf_button):
            button.setFocus()
            qtbot.keyClick(button, Qt.Key.Key_Space)
            qtbot.waitUntil(lambda: not dialog.is_busy)
            said.append(dialog.message.text())
        dialog.erase_button.setFocus()
        qtbot.keyClick(dialog.erase_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not dialog.is_busy)

    with sql_spy(db) as seen:
        _open_person_data(qtbot, desk, monkeypatch, drive)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert all(text.startswith("Données exportées") for text in said)
    exported = json.loads((tmp_path / "jean.json").read_text(encoding="utf-8"))
    assert exported["fiche"]["Prénom"] == "Jean"
    assert (tmp_path / "jean.pdf").read_bytes().startswith(b"%PDF")
    assert _rows(db, Visitor) == [] and "effacée" in desk.ui.statusLabel.text()
    actions = [entry.action for entry in _rows(db, AuditEntry)]
    assert actions[-4:] == ["fiche-ouverte", "fiche-exportee", "fiche-exportee", "fiche-effacee"]
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_held_reading_of_the_persons_data_keeps_the_dialog_alive(
    qtbot, desk, services, jean, monkeypatch
):
    states: dict = {}

    def drive(dialog: PersonDataDialog) -> None:
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        states["loading"] = dialog.is_busy and dialog.message.text() == "Chargement…"
        states["buttons"] = [b.isEnabled() for b in (dialog.json_button, dialog.erase_button)]
        qtbot.waitUntil(lambda: not dialog.is_busy, timeout=WAIT_MS)
        states["shown"] = "Jean" in dialog.view.toPlainText() and dialog.json_button.isEnabled()

    with held(services.person_data, "read") as hold, Heartbeat() as heartbeat:
        _open_person_data(qtbot, desk, monkeypatch, drive)
    assert hold.threads and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert states == {"loading": True, "buttons": [False, False], "shown": True}


def test_a_held_erasure_keeps_the_dialog_read_only_and_alive(
    qtbot, desk, db, services, jean, monkeypatch
):
    monkeypatch.setattr(person_data_module, "confirm_erasure", lambda _parent: True)
    states: dict = {}

    def drive(dialog: PersonDataDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy)
        dialog.erase_button.setFocus()
        qtbot.keyClick(dialog.erase_button, Qt.Key.Key_Space)
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        states["saying"] = dialog.message.text()
        states["buttons"] = [b.isEnabled() for b in (dialog.erase_button, dialog.close_button)]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cannot close while it is erased
        states["still_open"] = dialog.isVisible()
        qtbot.waitUntil(lambda: not dialog.is_busy, timeout=WAIT_MS)

    with held(services.privacy, "erase") as hold, Heartbeat() as heartbeat:
        _open_person_data(qtbot, desk, monkeypatch, drive)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert hold.threads and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert states == {"saying": "Enregistrement…", "buttons": [False, False], "still_open": True}
    assert _rows(db, Visitor) == [] and "effacée" in desk.ui.statusLabel.text()


def test_an_erasure_behind_a_lock_keeps_the_dialog_open(qtbot, desk, db, jean, monkeypatch):
    monkeypatch.setattr(person_data_module, "confirm_erasure", lambda _parent: True)
    states: dict = {}

    def drive(dialog: PersonDataDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy)
        with locked(db):
            dialog.erase_button.setFocus()
            qtbot.keyClick(dialog.erase_button, Qt.Key.Key_Space)
            qtbot.waitUntil(lambda: not dialog.is_busy)
        states["open"] = dialog.isVisible() and dialog.result() == 0
        states["message"] = dialog.message.text()
        states["erase_again"] = dialog.erase_button.isEnabled()

    _open_person_data(qtbot, desk, monkeypatch, drive)
    assert states["open"] and states["erase_again"]
    assert states["message"].startswith("Fiche non effacée")
    assert "occupée par un autre poste" in states["message"]
    assert [v.first_name for v in _rows(db, Visitor)] == ["Jean"]


# -- « Corriger la fiche »: Ctrl+Maj+S ------------------------------------------------------------


def _new_year(qtbot, desk, typist, year: str) -> None:
    _pick(qtbot, desk, "dup")
    qtbot.waitUntil(lambda: not desk.is_busy)
    desk.ui.birthYearEdit.setFocus()
    desk.ui.birthYearEdit.selectAll()
    typist(desk.ui.birthYearEdit, year)


def test_correcting_the_record_runs_no_sql_on_the_gui_thread(qtbot, desk, db, jean, typist):
    _new_year(qtbot, desk, typist, "2003")
    with sql_spy(db) as seen:
        qtbot.keyClick(desk.ui.birthYearEdit, Qt.Key.Key_S, CTRL | SHIFT)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert "Fiche de Jean Dupont corrigée" in desk.ui.statusLabel.text()
    assert [v.birth_year for v in _rows(db, Visitor)] == [2003]
    assert desk._visitor is not None and desk._visitor.birth_year == 2003
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_held_correction_of_the_record_keeps_the_form_read_only_and_alive(
    qtbot, desk, db, services, jean, typist
):
    _new_year(qtbot, desk, typist, "2003")
    ui = desk.ui
    with held(services.visitors, "update") as hold, Heartbeat() as heartbeat:
        qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_S, CTRL | SHIFT)
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        assert desk.is_busy and ui.statusLabel.text() == "Enregistrement…"
        qtbot.keyClicks(ui.lastNameEdit, "x")  # read-only meanwhile
        qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_S, CTRL | SHIFT)  # again: nothing more
        assert (ui.lastNameEdit.text(), ui.birthYearEdit.text()) == ("Dupont", "2003")
        qtbot.waitUntil(lambda: not desk.is_busy, timeout=WAIT_MS)
    assert len(hold.threads) == 1 and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert [v.birth_year for v in _rows(db, Visitor)] == [2003]
    assert "corrigée" in ui.statusLabel.text() and ui.personBox.isEnabled()
    qtbot.keyClicks(ui.lastNameEdit, "x")  # editable again
    assert ui.lastNameEdit.text() == "Dupontx"


def test_a_correction_of_the_record_behind_a_lock_keeps_what_was_typed(
    qtbot, desk, db, jean, typist
):
    _new_year(qtbot, desk, typist, "2003")
    ui = desk.ui
    with locked(db):
        qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_S, CTRL | SHIFT)
        qtbot.waitUntil(lambda: not desk.is_busy)
    assert ui.statusLabel.text().startswith("Fiche non corrigée")
    assert "occupée par un autre poste" in ui.statusLabel.text()
    assert ui.birthYearEdit.text() == "2003" and ui.birthYearEdit.hasFocus()
    assert [v.birth_year for v in _rows(db, Visitor)] == [2004]


# -- the person's data written whole, never over the database ------------------------------------


@needs_proc
def test_the_persons_data_on_a_full_disk_or_over_the_database_is_refused_in_french(
    qtbot, desk, db, jean, tmp_path, monkeypatch
):
    previous = {tmp_path / "jean.json": b"ancien json", tmp_path / "jean.pdf": b"ancien pdf"}
    for path, content in previous.items():
        path.write_bytes(content)
    database = db.sqlite_path
    before = database.read_bytes()
    targets = iter([tmp_path / "jean.json", tmp_path / "jean.pdf", database, database])
    monkeypatch.setattr(person_data_module, "ask_save_path", lambda *a: next(targets))
    said: list[str] = []

    def drive(dialog: PersonDataDialog) -> None:
        qtbot.waitUntil(lambda: not dialog.is_busy)
        with monkeypatch.context() as full:
            fail_half_way(full)
            for button in (dialog.json_button, dialog.pdf_button):
                button.setFocus()
                qtbot.keyClick(button, Qt.Key.Key_Space)
                qtbot.waitUntil(lambda: not dialog.is_busy)
                said.append(dialog.message.text())
        for button in (dialog.json_button, dialog.pdf_button):  # aimed at the database
            button.setFocus()
            qtbot.keyClick(button, Qt.Key.Key_Space)
            qtbot.waitUntil(lambda: not dialog.is_busy)
            said.append(dialog.message.text())

    _open_person_data(qtbot, desk, monkeypatch, drive)
    qtbot.waitUntil(lambda: not desk.is_busy)
    assert said[:2] == [f"Export impossible : {disk_full_message(path)}" for path in previous], said
    assert all("rien n’a été écrit" in text for text in said[2:]), said
    assert all(path.read_bytes() == content for path, content in previous.items())
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("jean")) == [
        "jean.json",
        "jean.pdf",
    ]
    assert database.read_bytes()[:100] == before[:100]  # still the database
    assert "fiche-exportee" not in [entry.action for entry in _rows(db, AuditEntry)]
