"""Accounts in the GUI, driven with the keyboard: set-up wizard, sign-in, roles, idle lock,
accounts, audit and settings panels, and a person's rights from the Accueil area."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import select

from acsrv_desktop.core.accounts.audit_chain import paris_text
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.models import AuditEntry, Visit, Visitor
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.settings import IDLE_LOCK_MINUTES, RETENTION_MONTHS
from acsrv_desktop.gui import application
from acsrv_desktop.gui.accounts.lock import IdleLock, Veil
from acsrv_desktop.gui.accounts.sign_in import SetupWizard, SignInDialog
from acsrv_desktop.gui.application import build_areas
from acsrv_desktop.gui.main_window import AREAS, MainWindow

PASSWORD = "Accueil-Denain-2026"
ENTER = Qt.Key.Key_Return


@pytest.fixture
def accounts(sqlite_database) -> AccountService:
    return AccountService(sqlite_database)


@pytest.fixture
def centres(sqlite_database) -> list:
    return CentreService(sqlite_database).centres()


@pytest.fixture
def staff(accounts, centres):
    admin = accounts.create_first_administrator("direction", "Claire Direction", PASSWORD, None)
    for login, role in (("marie", Role.ACCUEIL), ("paul", Role.COORDINATION)):
        accounts.create(admin, AccountInput(login, login.title(), role, centres[1].id), PASSWORD)
    return {
        Role.ADMINISTRATION: admin,
        Role.ACCUEIL: accounts.sign_in("marie", PASSWORD),
        Role.COORDINATION: accounts.sign_in("paul", PASSWORD),
    }


def _window(qtbot, db, preferences, actor) -> MainWindow:
    window = MainWindow(
        db.describe(), preferences, build_areas(Services(db, actor), preferences), actor=actor
    )
    qtbot.addWidget(window)
    window.resize(1280, 860)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_the_set_up_wizard_creates_the_administrator_and_sets_the_centre(
    qtbot, accounts, centres, preferences, typist
):
    wizard = SetupWizard(accounts, CentreService(accounts.db), preferences)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    combo = wizard.centre_page.centre_combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    chosen = combo.currentText()
    qtbot.keyClick(combo, ENTER)  # Entrée: Suivant
    page = wizard.administrator_page
    qtbot.waitUntil(lambda: wizard.currentPage() is page)
    page.name_edit.setFocus()
    typist(page.name_edit, "Claire Hénin")
    for edit, text in (
        (page.login_edit, "claire.henin"),
        (page.password_edit, "faible"),
        (page.confirm_edit, "faible"),
    ):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is edit  # the tab order follows the form
        typist(edit, text)
    qtbot.keyClick(page.confirm_edit, ENTER)
    assert "trop faible" in page.message.text() and not accounts.has_accounts()
    assert page.name_edit.text() == "Claire Hénin"  # nothing typed is lost
    for edit in (page.password_edit, page.confirm_edit):
        edit.clear()
        typist(edit, PASSWORD)
    qtbot.keyClick(page.confirm_edit, ENTER)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert wizard.actor is not None and wizard.actor.role is Role.ADMINISTRATION
    assert preferences.workstation_centre == chosen
    assert accounts.sign_in("claire.henin", PASSWORD).display_name == "Claire Hénin"


def test_sign_in_refuses_a_wrong_password_then_signs_in(qtbot, staff, accounts, typist):
    dialog = SignInDialog(accounts)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    typist(dialog.login_edit, "marie")
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Tab)
    typist(dialog.password_edit, "Mauvais-Essai-2026")
    qtbot.keyClick(dialog.password_edit, ENTER)
    qtbot.waitUntil(lambda: not dialog.is_busy)  # checked in the background
    assert dialog.message.text() == "Identifiant ou mot de passe incorrect."
    assert dialog.password_edit.text() == "" and dialog.login_edit.text() == "marie"
    typist(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, ENTER)
    qtbot.waitUntil(lambda: not dialog.is_busy)
    assert dialog.result() == SignInDialog.DialogCode.Accepted
    assert dialog.actor.role is Role.ACCUEIL


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        (Role.ACCUEIL, {"Accueil", "Programmes", "Orientations"}),
        (Role.COORDINATION, {"Accueil", "Programmes", "Orientations", "Fréquentation"}),
        (Role.ADMINISTRATION, set(AREAS)),
    ],
)
def test_each_role_sees_only_its_areas(qtbot, sqlite_database, staff, preferences, role, visible):
    window = _window(qtbot, sqlite_database, preferences, staff[role])
    shown = {name for i, name in enumerate(AREAS) if window.ui.areaTabs.isTabVisible(i)}
    assert shown == visible
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    expected = "Administration" if "Administration" in visible else "Accueil"
    assert window.current_area_name() == expected
    who = window.findChild(QLabel, "signedInLabel")
    assert who.text() == f"Connecté : {staff[role].name} ({role.label})"


def test_accueil_works_for_its_own_centre_in_the_gui(
    qtbot, sqlite_database, staff, preferences, centres
):
    marie = staff[Role.ACCUEIL]
    preferences.workstation_centre = centres[0].name  # another centre's workstation
    window = _window(qtbot, sqlite_database, preferences, marie)
    orientations = window.areas["Orientations"]
    qtbot.waitUntil(lambda: not orientations.is_busy)  # its filters are read in the background
    assert not orientations.ui.centreFilter.isEnabled()
    assert orientations.ui.centreFilter.currentData() == marie.centre_id
    reception = window.areas["Accueil"]
    assert reception.workstation_centre().id == marie.centre_id
    with pytest.raises(AccessDeniedError):  # the service refuses even if the GUI were wrong
        CatalogueService(sqlite_database, marie).set_contact_active("acsrv-standard", False)


def test_the_idle_lock_veils_every_window_and_keeps_the_form(
    qtbot, sqlite_database, staff, accounts, preferences, typist
):
    marie = staff[Role.ACCUEIL]
    window = _window(qtbot, sqlite_database, preferences, marie)
    reception = window.areas["Accueil"]
    reception.ui.firstNameEdit.setFocus()
    typist(reception.ui.firstNameEdit, "Zoé")
    lock = IdleLock(Services(sqlite_database, marie).accounts, lambda: 5, window)
    lock.interval_ms = 300
    lock.start()
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    veil = window.findChild(Veil)
    assert veil is not None and veil.isVisible() and veil.geometry() == window.rect()
    dialog = lock.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Échap does not unlock
    assert lock.is_locked and dialog.isVisible()
    typist(dialog.password_edit, "Mauvais-Essai-2026")
    qtbot.keyClick(dialog.password_edit, ENTER)
    qtbot.waitUntil(lambda: not dialog.is_busy)  # checked in the background
    assert dialog.message.text() == "Mot de passe incorrect." and lock.is_locked
    typist(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, ENTER)
    qtbot.waitUntil(lambda: not lock.is_locked)
    assert not any(v.isVisible() for v in window.findChildren(Veil))
    assert reception.ui.firstNameEdit.text() == "Zoé"
    lock.stop()
    with sqlite_database.read() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-3:] == ["verrouillage", "deverrouillage-refuse", "deverrouillage"]


def test_accounts_panel_creates_an_account_from_the_keyboard(
    qtbot, sqlite_database, staff, preferences, typist, centres
):
    window = _window(qtbot, sqlite_database, preferences, staff[Role.ADMINISTRATION])
    panel = window.areas["Administration"].accounts
    qtbot.waitUntil(lambda: not panel.is_busy)  # the list is read in the background
    assert [a.login for a in panel.model.rows] == ["direction", "marie", "paul"]
    seen = {}

    def fill(dialog):
        typist(dialog.login_edit, "lea.martin")
        typist(dialog.name_edit, "Léa Martin")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(Role.COORDINATION))
        typist(dialog.password_edit, PASSWORD)
        typist(dialog.confirm_edit, PASSWORD)
        qtbot.keyClick(dialog.confirm_edit, ENTER)
        qtbot.waitUntil(lambda: not dialog.is_busy)  # saved in the background
        seen["message"] = dialog.message.text()
        return dialog.result()

    from acsrv_desktop.gui.administration import accounts as module

    original = module.AccountDialog.exec
    module.AccountDialog.exec = lambda self: (self.show(), fill(self))[1]
    try:
        panel.new_account()
    finally:
        module.AccountDialog.exec = original
    assert seen["message"] == ""
    qtbot.waitUntil(lambda: not panel.is_busy)
    assert "lea.martin" in [a.login for a in panel.model.rows]
    assert AccountService(sqlite_database).sign_in("lea.martin", PASSWORD).role is Role.COORDINATION


def test_a_referent_and_its_programmes_are_chosen_from_the_keyboard(
    qtbot, sqlite_database, staff, preferences, typist, tmp_path
):
    """Issue 17: the role « Référent de programme » shows the catalogue's programmes as a
    checkable list (Tab into it, a letter jumps, Espace ticks); none ticked is refused in
    French next to the list; the account is saved with its programmes, and they can be
    changed later in the same list."""
    window = _window(qtbot, sqlite_database, preferences, staff[Role.ADMINISTRATION])
    panel = window.areas["Administration"].accounts
    qtbot.waitUntil(lambda: not panel.is_busy)
    seen = {}

    def fill(dialog):
        box = dialog.programmes_list.parentWidget()
        seen["hidden at first"] = not box.isVisibleTo(dialog)
        typist(dialog.login_edit, "rita.forum")
        typist(dialog.name_edit, "Rita Forum")
        dialog.role_combo.setFocus()
        while dialog.role_combo.currentData() != Role.REFERENT:
            qtbot.keyClick(dialog.role_combo, Qt.Key.Key_Down)
        seen["label"] = dialog.role_combo.currentText()
        seen["shown"] = box.isVisibleTo(dialog)
        typist(dialog.password_edit, PASSWORD)
        typist(dialog.confirm_edit, PASSWORD)
        qtbot.keyClick(dialog.confirm_edit, ENTER)  # no programme yet: refused here
        seen["refusal"] = dialog.programmes_error.text()
        seen["focus"] = dialog.focusWidget() is dialog.programmes_list
        dialog.grab().save(str(tmp_path / "compte-referent.png"))
        programmes = dialog.programmes_list
        qtbot.keyClicks(programmes, "Forum")  # the list's own type-ahead
        seen["current"] = programmes.currentItem().text()
        qtbot.keyClick(programmes, Qt.Key.Key_Space)
        qtbot.keyClick(programmes, ENTER)  # the dialog's default button
        qtbot.waitUntil(lambda: not dialog.is_busy)
        seen["message"] = dialog.message.text()
        return dialog.result()

    from acsrv_desktop.gui.administration import accounts as module

    original = module.AccountDialog.exec
    module.AccountDialog.exec = lambda self: (self.show(), fill(self))[1]
    try:
        panel.new_account()
    finally:
        module.AccountDialog.exec = original
    assert seen["hidden at first"] and seen["shown"]
    assert seen["label"] == "Référent de programme"
    assert seen["refusal"] == "Cochez au moins un programme du catalogue (Espace)."
    assert seen["focus"]
    assert seen["current"] == "Forum Citoyen"
    assert seen["message"] == ""
    qtbot.waitUntil(lambda: not panel.is_busy)
    (rita,) = [a for a in panel.model.rows if a.login == "rita.forum"]
    assert (rita.role, rita.programmes) == (Role.REFERENT, ("forum-citoyen",))

    # Modifier… : the programmes ticked first; one more ticked, saved.
    def add_one(dialog):
        programmes = dialog.programmes_list
        seen["first"] = (programmes.item(0).text(), programmes.item(0).checkState())
        programmes.setFocus()
        programmes.setCurrentRow(1)
        qtbot.keyClick(programmes, Qt.Key.Key_Space)
        seen["added"] = programmes.item(1).data(Qt.ItemDataRole.UserRole)
        qtbot.keyClick(programmes, ENTER)
        qtbot.waitUntil(lambda: not dialog.is_busy)
        return dialog.result()

    shown = panel.view.model()
    panel.view.selectRow(
        next(r for r in range(shown.rowCount()) if shown.index(r, 0).data() == "rita.forum")
    )
    module.AccountDialog.exec = lambda self: (self.show(), add_one(self))[1]
    try:
        panel.edit_account()
    finally:
        module.AccountDialog.exec = original
    assert seen["first"] == ("Forum Citoyen", Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: not panel.is_busy)
    (rita,) = [a for a in panel.model.rows if a.login == "rita.forum"]
    assert set(rita.programmes) == {"forum-citoyen", seen["added"]}


def test_audit_panel_filters_and_exports_csv(
    qtbot, sqlite_database, staff, preferences, typist, tmp_path, monkeypatch
):
    window = _window(qtbot, sqlite_database, preferences, staff[Role.ADMINISTRATION])
    panel = window.areas["Administration"].audit
    panel.reload()
    qtbot.waitUntil(lambda: not panel.is_busy)  # read in the background
    assert {row.action for row in panel.model.rows} >= {"compte-cree", "connexion"}
    typist(panel.actor_edit, "paul")
    qtbot.waitUntil(lambda: not panel.is_busy)
    assert {row.actor for row in panel.model.rows} == {"paul"}
    target = tmp_path / "journal.csv"
    monkeypatch.setattr("acsrv_desktop.gui.administration.audit.ask_save_path", lambda *a: target)
    panel.export_button.click()
    qtbot.waitUntil(lambda: not panel.is_busy)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["Date et heure", "Utilisateur", "Action"]
    assert {r[1] for r in rows[1:]} == {"paul"}


def test_audit_panel_says_the_trail_is_intact_or_where_it_breaks(
    qtbot, sqlite_database, staff, preferences, monkeypatch
):
    window = _window(qtbot, sqlite_database, preferences, staff[Role.ADMINISTRATION])
    panel = window.areas["Administration"].audit
    panel.verify()  # as when it is first shown: checked in the background
    assert panel.chain_label.text() == "Vérification du journal…"
    qtbot.waitUntil(lambda: not panel.is_busy)
    assert re.fullmatch(r"Journal intègre \(\d+ entrées vérifiées\)\.", panel.chain_label.text())
    # An entry edited through the file, its trigger dropped: « Vérifier le journal » says where.
    connection = sqlite3.connect(sqlite_database.sqlite_path, isolation_level=None)
    connection.execute("DROP TRIGGER audit_entry_no_update")
    victim, when = connection.execute(
        "SELECT id, occurred_at FROM audit_entry WHERE action = 'compte-cree' ORDER BY id"
    ).fetchone()
    connection.execute(f"UPDATE audit_entry SET details = '{{}}' WHERE id = {victim}")
    connection.close()
    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.is_busy)
    moment = paris_text(datetime.fromisoformat(when).replace(tzinfo=UTC))
    assert panel.chain_label.text() == (
        "Journal d’audit altéré : déclencheurs de protection absents : audit_entry_no_update ; "
        f"entrée n° {victim} du {moment} : modifiée, ou remplacée."
    )
    # At start-up, the same in a warning over the main window.
    warned: list[str] = []
    monkeypatch.setattr(application, "show_audit_warning", lambda _w, text: warned.append(text))
    application._start_audit_check(sqlite_database, window)
    qtbot.waitUntil(lambda: bool(warned))
    assert warned[0].startswith("Journal d’audit altéré : déclencheurs de protection absents")
    assert f"entrée n° {victim} du {moment}" in warned[0]


def test_settings_panel_saves_retention_and_idle_lock(qtbot, sqlite_database, staff, preferences):
    window = _window(qtbot, sqlite_database, preferences, staff[Role.ADMINISTRATION])
    panel = window.areas["Administration"].settings
    qtbot.waitUntil(lambda: not panel.is_busy)  # the settings are read in the background
    assert panel.retention_spin.value() == 24 and panel.idle_spin.value() == 5
    panel.retention_spin.setValue(18)
    panel.idle_spin.setValue(10)
    panel.save_button.click()  # a shorter period: none anonymised here, so no question
    qtbot.waitUntil(lambda: not panel.is_busy)
    assert RETENTION_MONTHS.get(sqlite_database) == 18
    assert IDLE_LOCK_MINUTES.get(sqlite_database) == 10
    assert panel.message.text() == "Réglages enregistrés."


def test_a_persons_data_is_exported_and_erased_from_the_accueil_area(
    qtbot, sqlite_database, staff, preferences, typist, tmp_path, monkeypatch
):
    paul = staff[Role.COORDINATION]
    person = VisitorService(sqlite_database, paul).create(VisitorInput("Zoé", "Quintanar", 1988))
    window = _window(qtbot, sqlite_database, preferences, paul)
    reception = window.areas["Accueil"]
    reception.focus_search()
    typist(reception.ui.visitorSearchEdit, "quinta")
    qtbot.waitUntil(lambda: reception._results.rowCount() == 1)
    qtbot.keyClick(reception.ui.visitorSearchEdit, Qt.Key.Key_Down)
    qtbot.keyClick(reception.ui.visitorResultsView, ENTER)
    qtbot.waitUntil(lambda: not reception.is_looking_up)  # answered in the background
    qtbot.waitUntil(lambda: reception._visitor is not None)
    # Correct the record without logging a visit (Ctrl+Maj+S).
    reception.ui.birthYearEdit.selectAll()
    typist(reception.ui.birthYearEdit, "1989")
    qtbot.keyClick(
        reception.ui.birthYearEdit,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not reception.is_busy)  # written in the background
    assert "corrigée" in reception.ui.statusLabel.text()
    with sqlite_database.read() as session:
        assert session.get(Visitor, person.id).birth_year == 1989
    target = tmp_path / "zoe.json"
    monkeypatch.setattr("acsrv_desktop.gui.reception.person_data.ask_save_path", lambda *a: target)
    monkeypatch.setattr("acsrv_desktop.gui.reception.person_data.confirm_erasure", lambda p: True)
    from acsrv_desktop.gui.reception import person_data as module

    def drive(dialog):
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.is_busy)  # the data, read in the background
        assert "Zoé" in dialog.view.toPlainText() and dialog.json_button.isEnabled()
        dialog.json_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy)  # written and traced in the background
        assert "exportées" in dialog.message.text()
        dialog.erase_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy)  # erased in the background
        return dialog.result()

    monkeypatch.setattr(module.PersonDataDialog, "exec", drive)
    qtbot.keyClick(reception.ui.birthYearEdit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert exported["fiche"]["Prénom"] == "Zoé" and exported["fiche"]["Année de naissance"] == 1989
    with sqlite_database.read() as session:
        assert session.get(Visitor, person.id) is None
        assert session.scalars(select(Visit)).all() == []
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-5:] == [
        "fiche-ouverte",
        "fiche-corrigee",
        "fiche-ouverte",
        "fiche-exportee",
        "fiche-effacee",
    ]
    assert reception._visitor is None and "effacée" in window.statusBar().currentMessage()


def test_a_window_opened_while_locked_is_veiled_and_a_changed_account_locks(
    qtbot, sqlite_database, staff, accounts, preferences, centres
):
    from PySide6.QtWidgets import QMessageBox

    marie = staff[Role.ACCUEIL]
    window = _window(qtbot, sqlite_database, preferences, marie)
    lock = IdleLock(Services(sqlite_database, marie).accounts, lambda: 5, window)
    lock.interval_ms = 200
    lock.start()
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3000)
    late = QMessageBox(
        QMessageBox.Icon.Information, "Export", "Fréquentation exportée", parent=None
    )
    qtbot.addWidget(late)
    late.show()  # e.g. the end of a background export
    qtbot.waitUntil(lambda: late.findChild(Veil) is not None and late.findChild(Veil).isVisible())
    lock.stop()
    # An administrator moves Marie to another centre: her open session locks and stays locked.
    admin = staff[Role.ADMINISTRATION]
    accounts.update(
        admin, marie.account_id, AccountInput("marie", "Marie", Role.ACCUEIL, centres[0].id)
    )
    dialog = lock.dialog
    dialog.password_edit.setText(PASSWORD)
    dialog.try_unlock()
    qtbot.waitUntil(lambda: not dialog.is_busy)
    assert lock.is_locked and "Vos droits ont changé" in dialog.message.text()


def test_password_dialogs_for_oneself_and_for_someone_else(qtbot, staff, accounts, typist):
    from acsrv_desktop.gui.accounts.sign_in import PasswordDialog

    marie, admin = staff[Role.ACCUEIL], staff[Role.ADMINISTRATION]
    own = PasswordDialog(Services(accounts.db, marie).accounts)  # the session's services
    qtbot.addWidget(own)
    with qtbot.waitActive(own):
        own.show()
        own.activateWindow()
    own.current_edit.setFocus()
    typist(own.current_edit, "Pas-Le-Bon-2026")
    for edit in (own.new_edit, own.confirm_edit):
        typist(edit, "Nouveau-Mot-2026")
    qtbot.keyClick(own.confirm_edit, ENTER)
    qtbot.waitUntil(lambda: not own.is_busy)  # checked in the background
    assert "Mot de passe actuel" in own.message.text() and own.result() == 0
    assert own.new_edit.text() == "Nouveau-Mot-2026"  # what was typed is kept
    own.current_edit.clear()
    typist(own.current_edit, PASSWORD)
    qtbot.keyClick(own.current_edit, ENTER)
    qtbot.waitUntil(lambda: not own.is_busy)
    assert own.result() == PasswordDialog.DialogCode.Accepted
    assert accounts.sign_in("marie", "Nouveau-Mot-2026").login == "marie"
    reset = PasswordDialog(accounts, admin, marie.account_id, "Nouveau mot de passe — marie")
    qtbot.addWidget(reset)
    assert not reset.current_edit.isVisibleTo(reset)  # an administrator's reset asks no current
    reset.new_edit.setText("Oublie-Remplace-2026")
    reset.confirm_edit.setText("Oublie-Remplace-2026")
    reset.save()
    qtbot.waitUntil(lambda: reset.result() == PasswordDialog.DialogCode.Accepted)
    assert accounts.sign_in("marie", "Oublie-Remplace-2026").login == "marie"
