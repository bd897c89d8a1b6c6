"""The reception flow, driven with the keyboard only, checked in the database afterwards."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel, QMessageBox
from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Referral, Visit, Visitor
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
    area.resize(1280, 900)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    qtbot.waitUntil(lambda: not area.is_busy)  # the catalogue, the centre, the day's list
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
    # The suggestions are refreshed (from the catalogue kept) when the routing delay times out.
    qtbot.waitUntil(lambda: not area._routing_timer.isActive())


def test_long_term_unemployment_ticks_job_seeking_at_once(qtbot, reception):
    """Ticked by keys in the situations' list, « au chômage depuis plus d’un an » ticks
    « demandeur·euse d’emploi » beside it at once, as the record will store them."""
    ui = reception.ui
    ui.situationsButton.setFocus()
    qtbot.keyClick(ui.situationsButton, Qt.Key.Key_Space)
    qtbot.waitUntil(ui.situationsPopup.isVisible)
    while QApplication.focusWidget() is not ui.situation_chomage_longue_duree:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert not ui.situation_demandeur_emploi.isChecked()
    qtbot.keyClick(ui.situation_chomage_longue_duree, Qt.Key.Key_Space)
    assert ui.situation_demandeur_emploi.isChecked()
    assert ui.situation_en_emploi.text() == "en emploi (salarié·e ou indépendant·e)"
    qtbot.keyClick(ui.situation_chomage_longue_duree, Qt.Key.Key_Up)
    assert QApplication.focusWidget() is ui.situation_demandeur_emploi
    qtbot.keyClick(ui.situation_demandeur_emploi, Qt.Key.Key_Space)  # unticked: so is the other
    assert not ui.situation_chomage_longue_duree.isChecked()
    qtbot.keyClick(ui.situation_demandeur_emploi, Qt.Key.Key_Down)
    qtbot.keyClick(ui.situation_chomage_longue_duree, Qt.Key.Key_Space)
    qtbot.keyClick(ui.situation_chomage_longue_duree, Qt.Key.Key_Escape)
    assert "demandeur·euse d’emploi" in ui.situationsButton.toolTip()


def test_new_visitor_needs_suggestion_and_save_without_the_mouse(
    qtbot, reception, sqlite_database, tmp_path, monkeypatch
):
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "Elodie Lefevre")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)  # nobody found: a new person
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert QApplication.focusWidget() is ui.firstNameEdit
    assert (ui.firstNameEdit.text(), ui.lastNameEdit.text()) == ("Elodie", "LEFEVRE")
    _tab_to(qtbot, reception, ui.birthYearEdit)
    qtbot.keyClicks(ui.birthYearEdit, "2006")
    _tab_to(qtbot, reception, ui.genderCombo)
    qtbot.keyClick(ui.genderCombo, Qt.Key.Key_Down)  # femme
    _tab_to(qtbot, reception, ui.communeEdit)
    qtbot.keyClicks(ui.communeEdit, "Denain")
    # The situations: one Tab stop, Espace opens their list, ↓ to the one, Espace, Échap.
    _tab_to(qtbot, reception, ui.situationsButton)
    qtbot.keyClick(ui.situationsButton, Qt.Key.Key_Space)
    qtbot.waitUntil(ui.situationsPopup.isVisible)
    while QApplication.focusWidget() is not ui.situation_ni_emploi_ni_formation:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(ui.situation_ni_emploi_ni_formation, Qt.Key.Key_Space)
    qtbot.keyClick(ui.situation_ni_emploi_ni_formation, Qt.Key.Key_Escape)
    assert not ui.situationsPopup.isVisible()
    assert QApplication.focusWidget() is ui.situationsButton
    assert "ni en emploi ni en formation" in ui.situationsButton.toolTip()
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
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background

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
    qtbot.waitUntil(lambda: not reception.is_busy)  # the slip is read in the background
    assert target.read_bytes().startswith(b"%PDF")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert (
        opened == [] and "Pas de courriel" in ui.statusLabel.text()
    )  # Initiative Emploi Jeunes's contact (the switchboard) has no e-mail


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
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert ui.firstNameEdit.text() == "Jean" and ui.situation_rsa.isChecked()
    assert "déjà venu·e" in ui.personBox.title()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(ui.channelPhone.isChecked)  # "&téléphone"
    qtbot.keyClick(ui.channelPhone, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
    (visit,) = _rows(sqlite_database, Visit)
    assert (visit.visitor_id, visit.channel, visit.new_visitor) == (jean.id, "telephone", False)
    assert len(_rows(sqlite_database, Visitor)) == 1


def test_anonymous_visit(qtbot, reception, sqlite_database):
    ui = reception.ui
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: ui.anonymousCheck.isChecked())
    assert not ui.profileWidget.isEnabled()
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
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
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
    assert ui.birthYearError.isVisible() and "impossible" in ui.birthYearError.text()
    assert QApplication.focusWidget() is ui.birthYearEdit
    assert ui.firstNameEdit.text() == "Zoé" and ui.noteEdit.toPlainText() == "Note tapée avec soin"
    assert _rows(sqlite_database, Visit) == [] and _rows(sqlite_database, Visitor) == []


def test_a_locked_database_keeps_everything_typed(qtbot, sqlite_database, preferences, typist):
    impatient = Database(sqlite_database.url, busy_timeout_ms=100)
    preferences.workstation_centre = CentreService(impatient).centres()[0].name
    area = ReceptionArea(Services(impatient, ADMIN), preferences)
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
        qtbot.waitUntil(lambda: not area.is_saving)  # the save runs in the background
        assert "non enregistré" in area.ui.statusLabel.text()
        assert "occupée par un autre poste" in area.ui.statusLabel.text()
        assert area.ui.firstNameEdit.text() == "Léa"
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.keyClick(area.ui.firstNameEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not area.is_saving)  # the save runs in the background
    assert "Passage enregistré" in area.ui.statusLabel.text()
    assert [v.first_name for v in _rows(sqlite_database, Visitor)] == ["Léa"]
    impatient.dispose()


def test_a_visit_is_cancelled_after_confirmation_and_can_be_restored(
    qtbot, reception, sqlite_database, monkeypatch
):
    ui = reception.ui
    ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ui.todayView.setFocus()
    ui.todayView.selectRow(0)
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not reception.is_busy)  # the day's list is read in the background
    (visit,) = _rows(sqlite_database, Visit)
    assert visit.cancelled_at is not None
    assert "0 passage" in ui.countersLabel.text()
    ui.todayView.selectRow(0)
    qtbot.keyClick(ui.todayView, Qt.Key.Key_Delete)  # Suppr again: restored
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert _rows(sqlite_database, Visit)[0].cancelled_at is None


def test_the_centre_is_asked_once(qtbot, catalogue_service, preferences, monkeypatch):
    """The first save finds no centre in the background, with the centres to choose from;
    the question is asked, then the same save goes on. No SQL on the GUI thread."""
    import threading

    from sqlalchemy import event

    asked = []
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda *a, **k: (asked.append(a[3]) or a[3][1], True)
    )
    on_gui_thread, gui_thread = [], threading.current_thread()

    def spy(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is gui_thread:
            on_gui_thread.append(statement)

    event.listen(catalogue_service.db.engine, "before_cursor_execute", spy)
    try:
        area = ReceptionArea(Services(catalogue_service.db, catalogue_service.actor), preferences)
        qtbot.addWidget(area)
        area.show()
        area.ui.anonymousCheck.setChecked(True)
        area.save()
        qtbot.waitUntil(lambda: not area.is_saving)  # the save runs in the background
        area.ui.anonymousCheck.setChecked(True)
        area.save()
        qtbot.waitUntil(lambda: not area.is_busy)  # the save runs in the background
    finally:
        event.remove(catalogue_service.db.engine, "before_cursor_execute", spy)
    assert len(asked) == 1 and preferences.workstation_centre == asked[0][1]
    assert len(_rows(catalogue_service.db, Visit)) == 2 and on_gui_thread == []


def test_the_centre_chosen_again_is_the_one_the_next_visit_counts_on(
    qtbot, reception, catalogue_service, preferences, monkeypatch
):
    """Fichier > Préférences: the centres are read in the background, then asked."""
    centres = CentreService(catalogue_service.db).centres()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (centres[2].name, True))
    reception.choose_centre()
    assert reception.is_busy  # the centres, on their way
    qtbot.waitUntil(lambda: not reception.is_busy)
    assert preferences.workstation_centre == centres[2].name
    reception.ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(reception.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_busy)
    (visit,) = _rows(catalogue_service.db, Visit)
    assert visit.centre_id == centres[2].id and reception._today.rowCount() == 1


def test_duplicates_are_flagged(qtbot, reception, sqlite_database):
    VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Jean", "Dupont", 1970, commune="Anzin")
    )
    ui = reception.ui
    ui.newVisitorButton.click()
    qtbot.keyClicks(ui.firstNameEdit, "jean")
    qtbot.keyClicks(ui.lastNameEdit, "DUPONT")
    qtbot.keyClicks(ui.birthYearEdit, "1970")
    qtbot.waitUntil(ui.duplicateLabel.isVisible)  # once the typing pauses, in the background
    assert ui.duplicateLabel.isVisible() and "Jean Dupont (1970, Anzin)" in ui.duplicateLabel.text()


def test_models_follow_the_rules(qtmodeltester, reception):
    for model in (reception._suggestions, reception._today, reception._results):
        qtmodeltester.check(model)


def test_screenshot(qtbot, reception, tmp_path):
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "Elodie Lefevre")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    reception._need_buttons[0].setChecked(True)
    _wait_suggestions(qtbot, reception)
    assert reception.grab().save(str(tmp_path / "accueil.png"))


def test_the_time_shown_and_saved_is_paris_time(qtbot, reception, sqlite_database):
    from datetime import UTC, datetime, timedelta

    from acsrv_desktop.core.clock import PARIS

    shown = reception.ui.occurredEdit.dateTime().toPython()
    assert abs(shown - datetime.now(PARIS).replace(tzinfo=None)) < timedelta(minutes=2)
    reception.ui.anonymousCheck.setChecked(True)
    qtbot.keyClick(reception.ui.visitorSearchEdit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
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
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
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
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
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
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
    assert "10000 caractères, 100 au plus" in ui.firstNameError.text()
    assert _rows(sqlite_database, Visitor) == []


# -- the right person, no duplicates (issue 11) ---------------------------------------------


def _count_visitors(db: Database) -> int:
    from sqlalchemy import text

    with db.read() as session:
        return session.execute(text("SELECT count(*) FROM visitor")).scalar_one()


def test_entree_with_a_partial_or_ambiguous_name_moves_into_the_list(
    qtbot, reception, sqlite_database
):
    service = VisitorService(sqlite_database, ADMIN)
    service.create(VisitorInput("Kévin", "DUPONT", 1979, commune="Anzin"))
    service.create(VisitorInput("Kevin", "Dupont", 2001, commune="Denain"))
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "kevin dupont")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert QApplication.focusWidget() is ui.visitorResultsView
    assert ui.visitorResultsView.currentIndex().row() == 0
    assert reception._visitor is None and ui.firstNameEdit.text() == ""
    assert "↓ puis Entrée pour choisir, Alt+N pour une nouvelle fiche" in ui.statusLabel.text()
    qtbot.keyClick(ui.visitorResultsView, Qt.Key.Key_Down)
    qtbot.keyClick(ui.visitorResultsView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert reception._visitor is not None
    assert ui.firstNameEdit.text() == reception._results.rows[1].first_name
    with sqlite_database.read() as session:
        from sqlalchemy import text

        opened = session.execute(
            text("SELECT count(*) FROM audit_entry WHERE action = 'fiche-ouverte'")
        ).scalar_one()
    assert opened == 1  # one record opened, the one chosen


def test_entree_with_a_partial_word_opens_nothing(qtbot, reception, sqlite_database):
    VisitorService(sqlite_database, ADMIN).create(VisitorInput("Kévin", "DUPONT", 1979))
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "kev dup")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert QApplication.focusWidget() is ui.visitorResultsView
    assert reception._visitor is None and "déjà venu·e" not in ui.personBox.title()
    qtbot.keyClick(ui.visitorResultsView, Qt.Key.Key_Escape)  # back to the search field
    assert QApplication.focusWidget() is ui.visitorSearchEdit


def test_entree_with_the_whole_name_of_one_person_opens_the_record(
    qtbot, reception, sqlite_database
):
    kevin = VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Kévin", "DUPONT", 1979, commune="Anzin")
    )
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "kevin dupont")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert reception._visitor is not None and reception._visitor.id == kevin.id
    assert "déjà venu·e" in ui.personBox.title() and ui.birthYearEdit.text() == "1979"


def test_a_typo_shows_close_spellings_before_a_new_record(qtbot, reception, sqlite_database):
    service = VisitorService(sqlite_database, ADMIN)
    service.create(VisitorInput("Fatima", "BENALI", 1984, commune="Anzin"))
    service.create(VisitorInput("Jean", "DUPONT", 1970, commune="Denain"))
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "fatma")
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert QApplication.focusWidget() is ui.visitorResultsView  # not a new record
    model = reception._results
    assert model.close_spellings and model.rowCount() == 1
    shown = model.data(model.index(0, 0))
    assert "Fatima BENALI" in shown and "orthographe proche" in shown
    assert "orthographe proche" in ui.statusLabel.text()
    hint = reception.findChild(QLabel, "visitorResultsHint")
    assert hint.isVisible() and "↓ puis Entrée pour choisir" in hint.text()
    assert ui.firstNameEdit.text() == ""
    qtbot.keyClick(ui.visitorResultsView, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert ui.firstNameEdit.text() == "Fatima" and "déjà venu·e" in ui.personBox.title()

    reception.clear_form()
    qtbot.keyClicks(ui.visitorSearchEdit, "dupond")
    qtbot.waitUntil(lambda: reception._results.rowCount() == 1)
    assert reception._results.rows[0].last_name == "DUPONT" and reception._results.close_spellings
    assert _count_visitors(sqlite_database) == 2


def _new_person_with_the_name_of(qtbot, reception, typist):
    ui = reception.ui
    qtbot.keyClicks(ui.visitorSearchEdit, "Zoltan Xerxes")  # nobody close: a new record
    qtbot.keyClick(ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert QApplication.focusWidget() is ui.firstNameEdit
    ui.firstNameEdit.clear()
    ui.lastNameEdit.clear()
    typist(ui.firstNameEdit, "Jean")
    typist(ui.lastNameEdit, "Dupont")
    typist(ui.birthYearEdit, "1970")
    ui.noteEdit.setPlainText("Vient pour un CV")


def _the_question(qtbot) -> QMessageBox:
    """The question about a namesake, once the save's background check has answered."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert box.isVisible()
    return box


def test_saving_a_namesake_asks_first_and_a_refusal_keeps_everything(
    qtbot, reception, sqlite_database, typist
):
    VisitorService(sqlite_database, ADMIN).create(
        VisitorInput("Jean", "DUPONT", 1970, commune="Anzin")
    )
    _new_person_with_the_name_of(qtbot, reception, typist)
    ui = reception.ui
    _tab_to(qtbot, reception, ui.birthYearEdit)
    qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_Return, CTRL)
    assert reception.is_saving and ui.statusLabel.text() == "Enregistrement…"
    box = _the_question(qtbot)  # asked when the background check answered
    assert reception.is_saving  # the form waits, read-only, for the answer
    assert "Jean DUPONT, né(e) en 1970, Anzin" in box.text()
    assert box.defaultButton().text() == "Annuler"
    assert box.button(QMessageBox.StandardButton.Yes).text() == "Créer une nouvelle fiche"
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Entrée: the default, « Annuler »
    qtbot.waitUntil(lambda: not reception.is_saving)
    assert QApplication.activeModalWidget() is None
    assert _count_visitors(sqlite_database) == 1
    assert _rows(sqlite_database, Visit) == []
    assert (ui.firstNameEdit.text(), ui.lastNameEdit.text(), ui.birthYearEdit.text()) == (
        "Jean",
        "Dupont",
        "1970",
    )
    assert ui.noteEdit.toPlainText() == "Vient pour un CV"
    assert "non enregistré" in ui.statusLabel.text()
    # Editable again, the focus where it was: the person may be searched for instead.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.birthYearEdit)  # window active
    assert ui.personBox.isEnabled()
    qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_End)
    qtbot.keyClick(ui.birthYearEdit, Qt.Key.Key_Backspace)
    assert ui.birthYearEdit.text() == "197"


def test_saving_a_namesake_on_purpose_creates_the_second_record(
    qtbot, reception, sqlite_database, typist
):
    VisitorService(sqlite_database, ADMIN).create(VisitorInput("Jean", "DUPONT", 1970))
    _new_person_with_the_name_of(qtbot, reception, typist)
    qtbot.keyClick(reception.ui.birthYearEdit, Qt.Key.Key_Return, CTRL)
    box = _the_question(qtbot)
    create = box.button(QMessageBox.StandardButton.Yes)
    while QApplication.focusWidget() is not create:  # Tab to « Créer une nouvelle fiche »
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(create, Qt.Key.Key_Space)
    assert reception.is_saving and reception.ui.statusLabel.text() == "Enregistrement…"
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save goes on in the background
    assert "Passage enregistré" in reception.ui.statusLabel.text()
    from sqlalchemy import text

    with sqlite_database.read() as session:
        rows = session.execute(
            text("SELECT first_name, last_name, birth_year FROM visitor ORDER BY id")
        ).all()
    assert [tuple(r) for r in rows] == [("Jean", "DUPONT", 1970), ("Jean", "Dupont", 1970)]


def test_screenshot_of_close_spellings(qtbot, reception, sqlite_database, tmp_path):
    service = VisitorService(sqlite_database, ADMIN)
    service.create(VisitorInput("Fatima", "BENALI", 1984, commune="Anzin"))
    service.create(VisitorInput("Fatim", "Benhalla", 1999, commune="Denain"))
    reception.resize(1366, 728)
    qtbot.keyClicks(reception.ui.visitorSearchEdit, "fatma")
    qtbot.keyClick(reception.ui.visitorSearchEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    assert reception._results.close_spellings
    target = tmp_path / "accueil-orthographes-proches.png"
    assert reception.grab().save(str(target))
    import os
    import shutil

    if os.environ.get("ACSRV_SCREENSHOT_DIR"):
        shutil.copy(target, os.environ["ACSRV_SCREENSHOT_DIR"])
