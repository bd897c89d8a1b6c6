"""The reception flow, driven with the keyboard only, checked in the database afterwards."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.gui.reception.area import ReceptionArea

ADMIN = Actor.system("tests")

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def reception(qtbot, catalogue_service, preferences):
    preferences.workstation_centre = CentreService(catalogue_service.db).centres()[0].name
    area = ReceptionArea(catalogue_service, preferences)
    qtbot.addWidget(area)
    area.resize(1280, 900)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    return area


def _rows(db: Database, model):
    with db.read() as session:
        return list(session.scalars(select(model)))


def _tab_to(qtbot, area, widget, limit=80):
    """Press Tab until ``widget`` has the focus (as a receptionist would)."""
    for _ in range(limit):
        if QApplication.focusWidget() is widget:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName()}")


def _wait_suggestions(qtbot, area):
    qtbot.wait(area._routing_timer.interval() + 50)


def test_new_visitor_needs_suggestion_and_save_without_the_mouse(
    qtbot, reception, sqlite_database, tmp_path, monkeypatch
):
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "Elodie Lefevre")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)  # nobody found: a new person
    assert QApplication.focusWidget() is ui.firstNameEdit
    assert (ui.firstNameEdit.text(), ui.lastNameEdit.text()) == ("Elodie", "LEFEVRE")
    _tab_to(qtbot, reception, ui.birthYearEdit)
    qtbot.keyClicks(ui.birthYearEdit, "2006")
    _tab_to(qtbot, reception, ui.genderCombo)
    qtbot.keyClick(ui.genderCombo, Qt.Key.Key_Down)  # femme
    _tab_to(qtbot, reception, ui.communeEdit)
    qtbot.keyClicks(ui.communeEdit, "Denain")
    _tab_to(qtbot, reception, ui.situation_ni_emploi_ni_formation)
    qtbot.keyClick(ui.situation_ni_emploi_ni_formation, Qt.Key.Key_Space)
    _tab_to(qtbot, reception, ui.consentCheck)
    qtbot.keyClick(ui.consentCheck, Qt.Key.Key_Space)
    first_need = reception._need_buttons[0]  # Trouver un emploi
    _tab_to(qtbot, reception, first_need)
    qtbot.keyClick(first_need, Qt.Key.Key_Space)
    _wait_suggestions(qtbot, reception)
    _tab_to(qtbot, reception, ui.suggestionsView)
    assert reception._suggestions.suggestion(0).entry.id == "initiative-emploi-jeunes"
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Space)  # accept the first suggestion
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Return, CTRL)

    assert "Passage enregistré" in ui.statusLabel.text()
    assert QApplication.focusWidget() is ui.visitorSearchEdit
    assert ui.firstNameEdit.text() == ""
    (visitor,) = _rows(sqlite_database, Visitor)
    assert (
        visitor.first_name,
        visitor.last_name,
        visitor.birth_year,
        visitor.gender,
        visitor.commune,
        visitor.situations,
        visitor.consent,
    ) == ("Elodie", "LEFEVRE", 2006, "femme", "Denain", ["ni-emploi-ni-formation"], True)
    (visit,) = _rows(sqlite_database, Visit)
    assert visit.visitor_id == visitor.id and visit.needs == ["trouver-un-emploi"]
    assert visit.channel == "sur-place" and visit.new_visitor
    (referral,) = _rows(sqlite_database, Referral)
    assert referral.programme_id == "initiative-emploi-jeunes" and referral.status == "proposee"
    assert reception._today.rowCount() == 1
    assert "1 passage · 1 personne" in ui.countersLabel.text()

    # The slip for the visitor, still from the keyboard.
    assert "Ctrl+P" in ui.statusLabel.text()
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert target.read_bytes().startswith(b"%PDF")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert opened == []  # Initiative Emploi Jeunes's contact (the switchboard) has no e-mail


def test_returning_visitor_found_by_a_few_letters(qtbot, reception, sqlite_database):
    jean = VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Jean", "Dupont", 1970, None, "homme", "Anzin", ("rsa",), True)
    )
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "dup")
    qtbot.waitUntil(lambda: reception._results.rowCount() == 1)
    assert ui.visitorResultsView.isVisible()
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Down)
    qtbot.keyClick(ui.visitorResultsView, Qt.Key.Key_Return)
    assert ui.firstNameEdit.text() == "Jean" and ui.situation_rsa.isChecked()
    assert "déjà venue" in ui.personBox.title()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ui.channelPhone.isChecked)  # "&téléphone"
    qtbot.keyClick(ui.channelPhone, Qt.Key.Key_Return, CTRL)
    (visit,) = _rows(sqlite_database, Visit)
    assert (visit.visitor_id, visit.channel, visit.new_visitor) == (jean.id, "telephone", False)
    assert len(_rows(sqlite_database, Visitor)) == 1


def test_anonymous_visit(qtbot, reception, sqlite_database):
    ui = reception.ui
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ui.anonymousCheck.isChecked())
    assert not ui.profileWidget.isEnabled()
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    (visit,) = _rows(sqlite_database, Visit)
    assert visit.visitor_id is None and visit.person_key is None and visit.gender is None
    assert _rows(sqlite_database, Visitor) == []
    assert "1 anonyme" in ui.countersLabel.text()


def test_an_impossible_birth_year_is_said_next_to_the_field(
    qtbot, reception, sqlite_database, typist
):
    ui = reception.ui
    qtbot.keyClick(ui.newVisitorButton, Qt.Key.Key_Space)
    typist(ui.firstNameEdit, "Zoé")
    qtbot.keyClicks(ui.birthYearEdit, "1800")
    ui.noteEdit.setPlainText("Note tapée avec soin")
    qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_Return, CTRL)
    assert ui.birthYearError.isVisible() and "impossible" in ui.birthYearError.text()
    assert QApplication.focusWidget() is ui.birthYearEdit
    assert ui.firstNameEdit.text() == "Zoé" and ui.noteEdit.toPlainText() == "Note tapée avec soin"
    assert _rows(sqlite_database, Visit) == [] and _rows(sqlite_database, Visitor) == []


def test_a_locked_database_keeps_everything_typed(qtbot, sqlite_database, preferences, typist):
    impatient = Database(sqlite_database.url, busy_timeout_ms=100)
    preferences.workstation_centre = CentreService(impatient).centres()[0].name
    area = ReceptionArea(CatalogueService(impatient, ADMIN), preferences)
    qtbot.addWidget(area)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    qtbot.keyClick(area.ui.newVisitorButton, Qt.Key.Key_Space)
    typist(area.ui.firstNameEdit, "Léa")
    other = sqlite3.connect(sqlite_database.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        qtbot.keyClick(area.ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
        assert "non enregistré" in area.ui.statusLabel.text()
        assert "occupée par un autre poste" in area.ui.statusLabel.text()
        assert area.ui.firstNameEdit.text() == "Léa"
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.keyClick(area.ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
    assert "Passage enregistré" in area.ui.statusLabel.text()
    assert [v.first_name for v in _rows(sqlite_database, Visitor)] == ["Léa"]
    impatient.dispose()


def test_a_visit_is_cancelled_after_confirmation_and_can_be_restored(
    qtbot, reception, sqlite_database, monkeypatch
):
    ui = reception.ui
    ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui.todayView.setFocus()
    ui.todayView.selectRow(0)
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)
    (visit,) = _rows(sqlite_database, Visit)
    assert visit.cancelled_at is not None
    assert "0 passage" in ui.countersLabel.text()
    ui.todayView.selectRow(0)
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)  # Suppr again: restored
    assert _rows(sqlite_database, Visit)[0].cancelled_at is None


def test_the_centre_is_asked_once(qtbot, catalogue_service, preferences, monkeypatch):
    asked = []
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda *a, **k: (asked.append(a[3]) or a[3][1], True)
    )
    area = ReceptionArea(catalogue_service, preferences)
    qtbot.addWidget(area)
    area.show()
    area.ui.anonymousCheck.setChecked(True)
    area.save()
    area.ui.anonymousCheck.setChecked(True)
    area.save()
    assert len(asked) == 1 and preferences.workstation_centre == asked[0][1]


def test_duplicates_are_flagged(qtbot, reception, sqlite_database):
    VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Jean", "Dupont", 1970, commune="Anzin")
    )
    ui = reception.ui
    ui.newVisitorButton.click()
    qtbot.keyClicks(ui.firstNameEdit, "jean")
    qtbot.keyClicks(ui.lastNameEdit, "DUPONT")
    qtbot.keyClicks(ui.birthYearEdit, "1970")
    assert ui.duplicateLabel.isVisible() and "Jean Dupont (1970, Anzin)" in ui.duplicateLabel.text()


def test_models_follow_the_rules(qtmodeltester, reception):
    for model in (reception._suggestions, reception._today, reception._results):
        qtmodeltester.check(model)


def test_screenshot(qtbot, reception, tmp_path):
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "Elodie Lefevre")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    reception._need_buttons[0].setChecked(True)
    _wait_suggestions(qtbot, reception)
    assert reception.grab().save(str(tmp_path / "accueil.png"))


def test_the_time_shown_and_saved_is_paris_time(qtbot, reception, sqlite_database):
    from datetime import UTC, datetime, timedelta

    from acsrv_desktop.core.reception.visits import PARIS

    shown = reception.ui.occurredEdit.dateTime().toPython()
    assert abs(shown - datetime.now(PARIS).replace(tzinfo=None)) < timedelta(minutes=2)
    reception.ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(reception.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    (visit,) = _rows(sqlite_database, Visit)
    assert abs(visit.occurred_at - datetime.now(UTC)) < timedelta(minutes=2)


def test_any_programme_can_be_picked_by_search(qtbot, reception, sqlite_database):
    ui = reception.ui
    ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_K, CTRL)
    assert QApplication.focusWidget() is ui.suggestionFilterEdit
    qtbot.keyClicks(ui.suggestionFilterEdit, "ludotheque")
    qtbot.keyClick(ui.suggestionFilterEdit, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is ui.suggestionsView
    assert [
        reception._suggestions.suggestion(r).entry.id
        for r in range(reception._suggestions.rowCount())
    ] == ["ludotheque"]
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Space)
    qtbot.keyClick(ui.suggestionsView, Qt.Key.Key_Return, CTRL)
    (referral,) = _rows(sqlite_database, Referral)
    assert referral.programme_id == "ludotheque"
    (visit,) = _rows(sqlite_database, Visit)
    assert visit.created_by  # the session's login, until staff accounts exist


def test_a_superscript_two_in_the_birth_year_is_no_crash(qtbot, reception, sqlite_database, typist):
    ui = reception.ui
    ui.newVisitorButton.click()
    typist(ui.firstNameEdit, "Marc")
    ui.birthYearEdit.setText("19²")  # pasted: the validator refuses it when typed
    qtbot.keyClick(ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
    assert "quatre chiffres" in ui.birthYearError.text()
    assert _rows(sqlite_database, Visit) == []
    ui.birthYearEdit.clear()
    typist(ui.birthYearEdit, "19²8")
    assert ui.birthYearEdit.text() == "198"  # typed, the "²" is refused by the field


def test_a_pasted_long_name_is_refused_not_cut(qtbot, reception, sqlite_database):
    ui = reception.ui
    ui.newVisitorButton.click()
    ui.firstNameEdit.setText("A" * 10_000)
    qtbot.keyClick(ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
    assert "10000 caractères, 100 au plus" in ui.firstNameError.text()
    assert _rows(sqlite_database, Visitor) == []
