"""Issue 11: every visit recorded right — its time, its commune, its corrections, its draft.

Driven with keys through pytest-qt; what was saved is read back with plain SQL (sqlite3).
"""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.reception.area import ReceptionArea
from acsrv_desktop.gui.reception.visit_dialog import VisitDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class Clock:
    """A wall clock the test moves by hand (Europe/Paris wall time in, aware UTC out)."""

    def __init__(self, local: datetime) -> None:
        self.set(local)

    def set(self, local: datetime) -> None:
        self.now = local.replace(tzinfo=PARIS).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


def last_monday() -> date:
    today = datetime.now(PARIS).date()
    return today - timedelta(days=today.weekday() + 7)


def sql(db, query: str, *params):
    with sqlite3.connect(db.sqlite_path) as connection:
        return connection.execute(query, params).fetchall()


@pytest.fixture
def clock():
    return Clock(datetime.combine(last_monday(), datetime.min.time()).replace(hour=9))


@pytest.fixture
def drafts(tmp_path):
    return DraftStore(tmp_path / "donnees" / "brouillon-accueil.json")


@pytest.fixture
def desk(qtbot, catalogue_service, preferences, clock, drafts):
    preferences.workstation_centre = CentreService(catalogue_service.db).centres()[0].name
    area = ReceptionArea(
        Services(catalogue_service.db, catalogue_service.actor),
        preferences,
        clock=clock,
        drafts=drafts,
    )
    qtbot.addWidget(area)
    area.resize(1366, 728)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    return area


def anonymous_visit(qtbot, area) -> None:
    qtbot.keyClick(area.ui.visitorSearchEdit, Qt.Key.Key_Y, ALT)  # Passage anonyme
    qtbot.waitUntil(area.ui.anonymousCheck.isChecked)


def saved_times(db) -> list[tuple[str, int]]:
    rows = sql(db, "SELECT occurred_at, time_set_by_hand FROM visit ORDER BY id")
    return [
        (datetime.fromisoformat(t).astimezone(PARIS).strftime("%d/%m %H:%M"), h) for t, h in rows
    ]


# -- the time is the visit's -----------------------------------------------------------------


def test_the_visit_takes_the_time_of_its_save_not_of_the_cleared_form(
    qtbot, desk, sqlite_database, clock
):
    monday = last_monday()
    anonymous_visit(qtbot, desk)  # form cleared at 09:00, the visitor served at 10:30
    clock.set(datetime.combine(monday, datetime.min.time()).replace(hour=10, minute=30))
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert saved_times(sqlite_database) == [(f"{monday:%d/%m} 10:30", 0)]


def test_a_form_left_overnight_behind_the_lock_takes_the_next_mornings_time(
    qtbot, desk, sqlite_database, clock
):
    monday = last_monday()
    clock.set(datetime.combine(monday, datetime.min.time()).replace(hour=18, minute=5))
    desk.clear_form()  # Monday evening: the last visitor gone, the form cleared
    desk.setEnabled(False)  # behind the lock overnight (the veil covers the window)
    tuesday = monday + timedelta(days=1)
    clock.set(datetime.combine(tuesday, datetime.min.time()).replace(hour=8, minute=45))
    desk.setEnabled(True)  # unlocked on Tuesday morning
    desk.focus_search()
    anonymous_visit(qtbot, desk)
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert saved_times(sqlite_database) == [(f"{tuesday:%d/%m} 08:45", 0)]


def test_a_past_visit_keeps_the_time_typed_by_hand_and_says_so(qtbot, desk, sqlite_database, clock):
    monday = last_monday()
    anonymous_visit(qtbot, desk)
    ui = desk.ui
    assert not ui.occurredEdit.isEnabled()  # nothing to cross, nothing to change by mistake
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_E, ALT)  # « Date et heure » : à la main
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.occurredEdit)
    assert ui.occurredByHandCheck.isChecked()
    qtbot.keyClicks(ui.occurredEdit, f"{monday:%d%m%Y}0815")
    clock.set(datetime.combine(monday, datetime.min.time()).replace(hour=11))
    qtbot.keyClick(ui.occurredEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert saved_times(sqlite_database) == [(f"{monday:%d/%m} 08:15", 1)]
    assert "heure saisie à la main" in desk._today.data(desk._today.index(0, 5))
    assert not ui.occurredByHandCheck.isChecked()  # the next visit takes its own time again


# -- only real communes ----------------------------------------------------------------------


def _new_person(qtbot, area, name: str) -> None:
    qtbot.keyClicks(area.ui.visitorSearchEdit, name)
    qtbot.keyClick(area.ui.visitorSearchEdit, Qt.Key.Key_N, ALT)  # Nouvelle personne
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.ui.firstNameEdit)


def test_a_half_typed_commune_is_never_saved(qtbot, desk, sqlite_database):
    ui = desk.ui
    _new_person(qtbot, desk, "Nora Haddad")
    ui.communeEdit.setFocus()
    qtbot.keyClicks(ui.communeEdit, "Val")
    popup = ui.communeEdit.completer().popup()
    assert popup.isVisible()  # the list is open…
    qtbot.keyClick(popup, Qt.Key.Key_Return, CTRL)  # …and Ctrl+Entrée is pressed
    qtbot.keyClick(ui.communeEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert sql(sqlite_database, "SELECT count(*) FROM visit") == [(0,)]
    assert sql(sqlite_database, "SELECT count(*) FROM visitor") == [(0,)]
    assert "n’est pas dans la liste" in ui.communeError.text()
    assert ui.firstNameEdit.text() == "Nora" and ui.communeEdit.text() == "Val"  # nothing lost

    ui.communeEdit.clear()
    qtbot.keyClicks(ui.communeEdit, "valenc")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)  # Tab takes the highlighted suggestion
    assert ui.communeEdit.text() == "Valenciennes"
    assert ui.communeError.isHidden()  # the error is answered as soon as the commune is
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert sql(sqlite_database, "SELECT commune FROM visitor") == [("Valenciennes",)]


def test_entree_takes_the_only_commune_left_and_accents_do_not_matter(qtbot, desk):
    ui = desk.ui
    _new_person(qtbot, desk, "Nora Haddad")
    ui.communeEdit.setFocus()
    qtbot.keyClicks(ui.communeEdit, "conde sur")
    qtbot.keyClick(ui.communeEdit.completer().popup(), Qt.Key.Key_Return)
    assert ui.communeEdit.text() == "Condé-sur-l'Escaut"


def test_a_commune_outside_the_arrondissement_is_saved_once_confirmed(qtbot, desk, sqlite_database):
    ui = desk.ui
    _new_person(qtbot, desk, "Nora Haddad")
    ui.communeEdit.setFocus()
    qtbot.keyClicks(ui.communeEdit, "Lille")
    qtbot.keyClick(ui.communeEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert sql(sqlite_database, "SELECT count(*) FROM visit") == [(0,)]
    ui.communeEdit.setFocus()
    qtbot.keyClick(ui.communeEdit, Qt.Key.Key_Tab)  # « hors arrondissement », just after it
    assert QApplication.focusWidget() is ui.communeOutsideCheck
    qtbot.keyClick(ui.communeOutsideCheck, Qt.Key.Key_Space)
    qtbot.waitUntil(ui.communeOutsideCheck.isChecked)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert sql(sqlite_database, "SELECT commune, sector FROM visitor") == [("Lille", None)]


# -- corrections on purpose only ---------------------------------------------------------------


def test_the_correction_dialog_opens_on_the_channel_and_never_moves_the_date(
    qtbot, desk, sqlite_database, monkeypatch
):
    anonymous_visit(qtbot, desk)
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    (before,) = sql(sqlite_database, "SELECT occurred_at, channel FROM visit")
    seen = {}

    def drive(dialog: VisitDialog) -> int:
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        # (offscreen, the dialog may not become the active window: its own focus is read)
        seen["focus"] = dialog.focusWidget()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)  # téléphone
        for _ in range(3):  # Tab then ↓ wherever the focus goes: the date cannot move
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
        seen["date_enabled"] = dialog.ui.occurredEdit.isEnabled()
        dialog.ui.buttonBox.accepted.emit()  # Entrée on « Enregistrer »
        return dialog.result()

    monkeypatch.setattr(VisitDialog, "exec", drive)
    desk.ui.todayView.setFocus()
    desk.ui.todayView.selectRow(0)
    qtbot.keyClick(desk.ui.todayView, Qt.Key.Key_F2)
    assert seen["focus"].objectName() == "channelCombo"
    assert seen["date_enabled"] is False
    qtbot.waitUntil(lambda: not desk.is_busy)  # written, then the day's list read again
    (after,) = sql(sqlite_database, "SELECT occurred_at, channel, corrected_by FROM visit")
    assert after[0] == before[0] and after[1] == "telephone" and after[2] == "système (tests)"
    assert "corrigé" in desk._today.data(desk._today.index(0, 5))


def test_the_date_of_a_visit_changes_when_unlocked_on_purpose(qtbot, sqlite_database, desk):
    anonymous_visit(qtbot, desk)
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    visit = desk._today.visit(0)
    dialog = VisitDialog(desk._visits, visit, desk._catalogue.vocab)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    # (offscreen the dialog is not the active window, so Alt+D cannot reach it: Espace does)
    dialog.ui.occurredChangeCheck.setFocus()
    qtbot.keyClick(dialog.ui.occurredChangeCheck, Qt.Key.Key_Space)  # « Changer la date… »
    assert dialog.focusWidget() is dialog.ui.occurredEdit
    local = visit.occurred_at.astimezone(PARIS) - timedelta(hours=1)
    qtbot.keyClicks(dialog.ui.occurredEdit, f"{local:%d%m%Y%H%M}")
    dialog.ui.buttonBox.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.is_busy)  # the correction is written in the background
    (row,) = sql(sqlite_database, "SELECT occurred_at, time_set_by_hand FROM visit")
    assert datetime.fromisoformat(row[0]).astimezone(PARIS).strftime("%H:%M") == f"{local:%H:%M}"
    assert row[1] == 1


# -- the draft ---------------------------------------------------------------------------------


def test_the_form_is_kept_as_a_private_draft_until_saved(
    qtbot, desk, drafts, sqlite_database, typist
):
    ui = desk.ui
    _new_person(qtbot, desk, "Zoe Martin")
    qtbot.waitUntil(drafts.path.exists, timeout=3000)
    assert stat.S_IMODE(drafts.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(drafts.path.parent.stat().st_mode) == 0o700
    typist(ui.noteEdit, "rappeler jeudi")
    qtbot.waitUntil(lambda: "rappeler jeudi" in drafts.path.read_text(encoding="utf-8"))
    assert desk.has_unsaved_input()
    qtbot.keyClick(ui.noteEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    assert sql(sqlite_database, "SELECT note FROM visit") == [("rappeler jeudi",)]
    assert not drafts.path.exists() and not desk.has_unsaved_input()


def test_clearing_the_form_removes_the_draft(qtbot, desk, drafts):
    _new_person(qtbot, desk, "Zoe Martin")
    qtbot.waitUntil(drafts.path.exists, timeout=3000)
    qtbot.keyClick(desk.ui.firstNameEdit, Qt.Key.Key_R, ALT)  # « Effacer le formulaire »
    qtbot.waitUntil(lambda: not drafts.path.exists())


def test_a_draft_left_behind_is_offered_back_with_everything_typed(
    qtbot, desk, drafts, catalogue_service, preferences, clock, monkeypatch
):
    ui = desk.ui
    _new_person(qtbot, desk, "Zoe Martin")
    ui.birthYearEdit.setFocus()
    qtbot.keyClicks(ui.birthYearEdit, "1990")
    ui.communeEdit.setFocus()
    qtbot.keyClicks(ui.communeEdit, "Lille")
    qtbot.keyClick(ui.communeEdit, Qt.Key.Key_Tab)  # « hors arrondissement »
    qtbot.keyClick(ui.communeOutsideCheck, Qt.Key.Key_Space)
    qtbot.waitUntil(ui.communeOutsideCheck.isChecked)
    qtbot.keyClick(ui.communeOutsideCheck, Qt.Key.Key_T, ALT)  # téléphone
    qtbot.waitUntil(ui.channelPhone.isChecked)
    desk._need_buttons[0].setFocus()
    qtbot.keyClick(desk._need_buttons[0], Qt.Key.Key_Space)
    desk.flush_draft()
    saved = json.loads(drafts.path.read_text(encoding="utf-8"))
    assert saved["first_name"] == "Zoe" and saved["channel"] == "telephone"

    # The next start: a new Accueil area finds the draft and offers it back.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.defaultButton())
    again = ReceptionArea(
        Services(catalogue_service.db, catalogue_service.actor),
        preferences,
        clock=clock,
        drafts=drafts,
    )
    qtbot.addWidget(again)
    assert again.offer_saved_draft()
    u = again.ui
    assert (u.firstNameEdit.text(), u.lastNameEdit.text(), u.birthYearEdit.text()) == (
        "Zoe",
        "MARTIN",
        "1990",
    )
    assert u.communeEdit.text() == "Lille" and u.communeOutsideCheck.isChecked()
    assert u.channelPhone.isChecked() and again._need_buttons[0].isChecked()


def test_a_draft_left_overnight_by_a_crash_keeps_the_time_it_was_typed(
    qtbot, desk, drafts, catalogue_service, preferences, clock, sqlite_database, monkeypatch
):
    monday = last_monday()
    clock.set(datetime.combine(monday, datetime.min.time()).replace(hour=17, minute=55))
    anonymous_visit(qtbot, desk)  # typed on Monday evening, then the workstation crashed
    desk.flush_draft()
    clock.set(datetime.combine(monday + timedelta(days=1), datetime.min.time()).replace(hour=8))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.defaultButton())
    desk.close()  # the crashed window
    again = ReceptionArea(
        Services(catalogue_service.db, catalogue_service.actor),
        preferences,
        clock=clock,
        drafts=drafts,
    )
    qtbot.addWidget(again)
    with qtbot.waitActive(again):
        again.show()
        again.activateWindow()
    assert again.offer_saved_draft()
    assert again.ui.occurredByHandCheck.isChecked()  # shown as a time not of the save
    qtbot.keyClick(again.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not again.is_saving)  # the save runs in the background
    assert saved_times(sqlite_database) == [(f"{monday:%d/%m} 17:55", 1)]


def test_a_refused_draft_is_deleted(
    qtbot, desk, drafts, catalogue_service, preferences, monkeypatch
):
    _new_person(qtbot, desk, "Zoe Martin")
    desk.flush_draft()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: None)
    again = ReceptionArea(
        Services(catalogue_service.db, catalogue_service.actor), preferences, drafts=drafts
    )
    qtbot.addWidget(again)
    assert not again.offer_saved_draft()
    assert not drafts.path.exists() and again.ui.firstNameEdit.text() == ""


# -- the other workstations of the centre ---------------------------------------------------------


def test_the_days_list_shows_the_other_workstations_visits_and_keeps_the_selection(
    qtbot, desk, catalogue_service
):
    anonymous_visit(qtbot, desk)
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_saving)  # the save runs in the background
    desk.ui.todayView.setFocus()
    desk.ui.todayView.selectRow(0)
    mine = desk._today.visit(0).id
    centre = desk.workstation_centre()
    other_desk = VisitService(catalogue_service.db, catalogue_service.actor)
    other_desk.log_visit(
        VisitInput(
            centre.id,
            "telephone",
            desk.clock() + timedelta(minutes=5),
            visitor=VisitorInput("Karim", "Bensaïd", commune="Anzin"),
        )
    )
    desk._today_timer.setInterval(50)  # ~30 s in use
    desk._today_timer.start()
    qtbot.waitUntil(lambda: desk._today.rowCount() == 2, timeout=3000)
    assert desk._today_list.selected_visit().id == mine  # the same visit stays selected
    assert desk._today_timer.isActive()


def test_the_days_list_after_a_save_equals_a_full_reading(qtbot, desk, catalogue_service, clock):
    """A save adds its one row to the day's list (no reading of the whole day): the list and
    its counters are then the same as when the day is read again."""
    monday = last_monday()
    for hour, minute in ((10, 5), (10, 20), (10, 40)):
        clock.set(datetime.combine(monday, datetime.min.time()).replace(hour=hour, minute=minute))
        anonymous_visit(qtbot, desk)
        qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
        qtbot.waitUntil(lambda: not desk.is_busy)
    # and one typed by hand earlier the same day: it goes below the others
    anonymous_visit(qtbot, desk)
    qtbot.keyClick(desk.ui.visitorSearchEdit, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: desk.ui.occurredEdit.hasFocus())
    qtbot.keyClicks(desk.ui.occurredEdit, f"{monday:%d%m%Y}0915")
    qtbot.keyClick(desk.ui.occurredEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not desk.is_busy)
    added, counted = list(desk._today.rows), desk.ui.countersLabel.text()
    assert len(added) == 4 and [r.local_time for r in added][-1] == "09:15"
    desk.refresh_today()
    qtbot.waitUntil(lambda: not desk.is_busy)
    assert desk._today.rows == added and desk.ui.countersLabel.text() == counted
