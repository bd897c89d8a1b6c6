"""Issue 11 at the desk, driven by the keyboard: nothing typed is lost by a slip (Ctrl+Q, the
window's close button, the lock dialog's « Quitter »), another person takes over the desk
without restarting (the form kept, the audit naming the new person), and new accounts and the
set-up wizard start with nothing preselected."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWizard
from sqlalchemy import text
from staff import first_administrator

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.accounts.lock import UnlockDialog, Veil
from acsrv_desktop.gui.accounts.sign_in import SetupWizard, SignInDialog
from acsrv_desktop.gui.administration.accounts import AccountDialog
from acsrv_desktop.gui.application import build_areas, start_idle_lock
from acsrv_desktop.gui.main_window import AREAS, MainWindow

PASSWORD = "Accueil-Denain-2026"
ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier


def _staff(db, signed_in=None):
    """An administrator, a coordinator, and two accueil accounts of two different centres."""
    accounts = AccountService(db)
    centres = CentreService(db).centres()
    admin = first_administrator(accounts, signed_in, "direction", "Claire Direction", PASSWORD)
    for login, name, role, centre in (
        ("paul", "Paul Coordination", Role.COORDINATION, None),
        ("marie", "Marie Accueil", Role.ACCUEIL, centres[1].id),
        ("sophie", "Sophie Accueil", Role.ACCUEIL, centres[2].id),
    ):
        accounts.create(admin, AccountInput(login, name, role, centre), PASSWORD)
    return accounts, centres


def _window(qtbot, db, preferences, actor) -> MainWindow:
    window = MainWindow(
        db.describe(), preferences, build_areas(Services(db, actor), preferences), actor=actor
    )
    # The lock dialog is a window of its own: end the session's lock (veils, dialog) too.
    qtbot.addWidget(window, before_close_func=lambda w: w.idle_lock.end())
    window.resize(1280, 680)
    start_idle_lock(Services(db, actor), window, preferences)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _answer_when_shown(kind, act, seen: dict, tries: int = 100) -> None:
    """Answer the next modal ``kind`` dialog with ``act(dialog)`` once it is shown (a timer,
    so that its exec() returns); gives up after ``tries`` turns rather than wait forever."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.setdefault("dialogs", []).append(dialog)
            act(dialog)
        elif seen.setdefault("tries", 0) < tries:
            seen["tries"] += 1
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)


def _button(box: QMessageBox, role: QMessageBox.ButtonRole):
    return next(b for b in box.buttons() if box.buttonRole(b) == role)


def _cancel_with_escape(qtbot, seen):
    def act(box: QMessageBox) -> None:
        seen["default"] = box.defaultButton().text()
        seen["escape"] = box.escapeButton().text()
        seen["texts"] = box.text() + " " + box.informativeText()
        seen["veiled"] = box.findChild(Veil) is not None
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    return act


def _quit_anyway(qtbot):
    def act(box: QMessageBox) -> None:
        quit_button = _button(box, QMessageBox.ButtonRole.DestructiveRole)
        assert quit_button.text() == "Quitter sans enregistrer"
        qtbot.keyClick(quit_button, Qt.Key.Key_Space)

    return act


def _type_a_visitor(qtbot, window, typist, name: str = "Zoé") -> None:
    reception = window.areas["Accueil"]
    reception.ui.firstNameEdit.setFocus()
    typist(reception.ui.firstNameEdit, name)
    reception.flush_draft()
    assert reception.has_unsaved_input()


def _ctrl_q(qtbot, window) -> None:
    """Ctrl+Q, once the window is active again (after a question, activation comes back
    asynchronously; a window shortcut needs it)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)


def _draft_file(window):
    return window.areas["Accueil"]._drafts.path


# -- 1. nothing lost by a slip -------------------------------------------------------------------


def test_ctrl_q_with_nothing_typed_quits_at_once(qtbot, sqlite_database, preferences, monkeypatch):
    accounts, _ = _staff(sqlite_database)
    window = _window(qtbot, sqlite_database, preferences, accounts.sign_in("marie", PASSWORD))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: _no_question_expected())
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())


def _no_question_expected() -> int:
    raise AssertionError("nothing typed: no question expected")


def test_ctrl_q_with_a_visit_being_typed_asks_first(qtbot, sqlite_database, preferences, typist):
    accounts, _ = _staff(sqlite_database)
    window = _window(qtbot, sqlite_database, preferences, accounts.sign_in("marie", PASSWORD))
    _type_a_visitor(qtbot, window, typist)
    draft = _draft_file(window)
    assert draft.exists()
    seen: dict = {}
    _answer_when_shown(QMessageBox, _cancel_with_escape(qtbot, seen), seen)
    qtbot.keyClick(window, Qt.Key.Key_Q, CTRL)  # the slip, next to Ctrl+A on AZERTY
    assert len(seen["dialogs"]) == 1 and window.isVisible()
    assert seen["default"] == seen["escape"] == "&Annuler"
    assert "en cours de saisie" in seen["texts"] and "Quitter quand même ?" in seen["texts"]
    assert window.areas["Accueil"].ui.firstNameEdit.text() == "Zoé" and draft.exists()
    # Entrée answers with the default button: Annuler again.
    _answer_when_shown(QMessageBox, lambda box: qtbot.keyClick(box, ENTER), seen)
    window.ui.actionQuit.trigger()  # Fichier › Quitter
    assert len(seen["dialogs"]) == 2 and window.isVisible()
    _answer_when_shown(QMessageBox, _quit_anyway(qtbot), seen)
    _ctrl_q(qtbot, window)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert len(seen["dialogs"]) == 3 and not draft.exists()  # quitting anyway drops the draft


def test_the_windows_close_button_asks_too(qtbot, sqlite_database, preferences, typist):
    accounts, _ = _staff(sqlite_database)
    window = _window(qtbot, sqlite_database, preferences, accounts.sign_in("marie", PASSWORD))
    _type_a_visitor(qtbot, window, typist)
    seen: dict = {}

    def close_from_the_title_bar() -> QCloseEvent:
        event = QCloseEvent()  # as the window system sends it (spontaneous)
        QApplication.sendEvent(window.windowHandle(), event)
        return event

    _answer_when_shown(QMessageBox, _cancel_with_escape(qtbot, seen), seen)
    assert not close_from_the_title_bar().isAccepted()
    assert window.isVisible() and len(seen["dialogs"]) == 1
    _answer_when_shown(QMessageBox, _quit_anyway(qtbot), seen)
    close_from_the_title_bar()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not _draft_file(window).exists()


def test_the_lock_dialog_keeps_quitter_apart_and_asks(
    qtbot, sqlite_database, preferences, typist, monkeypatch
):
    accounts, _ = _staff(sqlite_database)
    window = _window(qtbot, sqlite_database, preferences, accounts.sign_in("marie", PASSWORD))
    _type_a_visitor(qtbot, window, typist)
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)  # Verrouiller le poste
    lock = window.idle_lock
    dialog = lock.dialog
    assert isinstance(dialog, UnlockDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.unlock_button.isDefault() and not dialog.quit_button.autoDefault()
    # Tab and Maj+Tab from the password never land on « Quitter ».
    dialog.password_edit.setFocus()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.unlock_button
    dialog.password_edit.setFocus()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.switch_button
    # Quitter: at the far left, below the row of Déverrouiller (on the right).
    unlock = dialog.unlock_button.mapTo(dialog, dialog.unlock_button.rect().topLeft())
    quit_at = dialog.quit_button.mapTo(dialog, dialog.quit_button.rect().topLeft())
    assert quit_at.y() > unlock.y() + dialog.unlock_button.height()
    assert quit_at.x() < dialog.width() // 4 < unlock.x()
    seen: dict = {}
    _answer_when_shown(QMessageBox, _cancel_with_escape(qtbot, seen), seen)
    qtbot.keyClick(dialog.quit_button, Qt.Key.Key_Space)
    (box,) = seen["dialogs"]
    assert box.parentWidget() is dialog and not seen["veiled"]  # over the veil, readable
    assert quits == [] and lock.is_locked and dialog.isVisible()
    _answer_when_shown(QMessageBox, _quit_anyway(qtbot), seen)
    qtbot.keyClick(dialog.quit_button, Qt.Key.Key_Space)
    assert quits == [True] and not _draft_file(window).exists()


# -- 2. hand the desk over -----------------------------------------------------------------------


def _sign_in_as(qtbot, typist, login: str, seen: dict):
    def act(dialog: SignInDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["veiled"] = dialog.findChild(Veil) is not None
        dialog.login_edit.setFocus()
        typist(dialog.login_edit, login)
        qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Tab)
        typist(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, ENTER)

    return act


def _session_actions(window) -> list[str]:
    return [a.text() for a in window.ui.menuFile.actions() if a.text()]


def test_another_person_takes_over_the_desk_and_the_form_is_kept(
    qtbot, database, database_actor, connected_as, preferences, typist
):
    accounts, centres = _staff(database, database_actor)
    paul = accounts.sign_in("paul", PASSWORD)
    window = _window(qtbot, connected_as(paul), preferences, paul)
    assert window.ui.areaTabs.isTabVisible(AREAS.index("Fréquentation"))
    old_areas = dict(window.areas)
    old_lock = window.idle_lock
    _type_a_visitor(qtbot, window, typist, "Zoé")
    window.areas["Accueil"].ui.lastNameEdit.setText("QUINTANAR")
    menu_before = _session_actions(window)
    seen: dict = {}
    _answer_when_shown(SignInDialog, _sign_in_as(qtbot, typist, "sophie", seen), seen)
    window.switch_user_action.trigger()  # Fichier › Changer d'utilisateur…
    assert seen["title"].startswith("Changer d’utilisateur")
    reception = window.areas["Accueil"]
    assert reception is not old_areas["Accueil"]
    assert (reception.ui.firstNameEdit.text(), reception.ui.lastNameEdit.text()) == (
        "Zoé",
        "QUINTANAR",
    )
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(area) for area in old_areas.values()))
    assert not shiboken6.isValid(old_lock)
    # Sophie's role: accueil, no Fréquentation; her name in the status bar, once.
    shown = {name for i, name in enumerate(AREAS) if window.ui.areaTabs.isTabVisible(i)}
    assert shown == {"Accueil", "Programmes", "Orientations"}
    labels = [w for w in window.findChildren(QLabel, "signedInLabel") if w.isVisible()]
    assert [w.text() for w in labels] == ["Connecté : Sophie Accueil (Accueil)"]
    assert _session_actions(window) == menu_before  # no action added twice
    assert window.idle_lock._actor.login == "sophie" and window.idle_lock._timer.isActive()
    assert reception.workstation_centre().id == centres[2].id  # her own centre
    # She saves the visit: the database names her.
    reception.ui.consentCheck.setChecked(True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reception.ui.firstNameEdit.setFocus()
    qtbot.keyClick(reception.ui.firstNameEdit, ENTER, CTRL)  # Enregistrer le passage
    qtbot.waitUntil(lambda: not reception.is_saving)  # the save runs in the background
    assert "Passage enregistré" in reception.ui.statusLabel.text()
    with database.engine.connect() as connection:
        visit = connection.execute(
            text("SELECT id, created_by, centre_id FROM visit ORDER BY id DESC")
        ).first()
        logged = connection.execute(
            text(
                "SELECT a.actor, s.login FROM audit_entry a JOIN staff_account s "
                "ON s.id = a.account_id WHERE a.action = 'passage-cree' "
                "AND a.record_id = :id"
            ),
            {"id": str(visit.id)},
        ).all()
        sign_ins = connection.execute(
            text("SELECT actor FROM audit_entry WHERE action = 'connexion' ORDER BY id")
        ).scalars()
        assert list(sign_ins)[-1] == "sophie"
    assert visit.created_by == "sophie" and visit.centre_id == centres[2].id
    assert [tuple(row) for row in logged] == [("sophie", "sophie")]
    # Her idle lock asks her password, not Paul's.
    window.lock_action.trigger()
    assert "Sophie Accueil" in window.idle_lock.dialog.findChild(QLabel).text()
    window.idle_lock.dialog.password_edit.setText(PASSWORD)
    window.idle_lock.dialog.try_unlock()  # checked in the background
    qtbot.waitUntil(lambda: not window.idle_lock.is_locked)
    # The areas' pending timers (suggestions, draft) run out before the database is dropped.
    window.idle_lock.stop()
    pending = [t for t in reception.findChildren(QTimer) if t.isSingleShot()]
    qtbot.waitUntil(lambda: not any(t.isActive() for t in pending))


def test_cancelling_the_change_of_user_keeps_the_session(
    qtbot, sqlite_database, preferences, typist
):
    accounts, _ = _staff(sqlite_database)
    window = _window(qtbot, sqlite_database, preferences, accounts.sign_in("marie", PASSWORD))
    _type_a_visitor(qtbot, window, typist)
    before = dict(window.areas), window.idle_lock
    seen: dict = {}
    _answer_when_shown(SignInDialog, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape), seen)
    window.switch_user_action.trigger()
    assert len(seen["dialogs"]) == 1
    assert (dict(window.areas), window.idle_lock) == before
    assert window.areas["Accueil"].ui.firstNameEdit.text() == "Zoé"
    who = window.findChild(QLabel, "signedInLabel")
    assert who.text() == "Connecté : Marie Accueil (Accueil)"


def test_the_desk_changes_hands_from_the_lock_dialog(qtbot, sqlite_database, preferences, typist):
    accounts, _ = _staff(sqlite_database)
    window = _window(qtbot, sqlite_database, preferences, accounts.sign_in("marie", PASSWORD))
    _type_a_visitor(qtbot, window, typist)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    dialog = window.idle_lock.dialog
    qtbot.waitExposed(dialog)
    assert window.findChild(Veil).isVisible()
    seen: dict = {}
    _answer_when_shown(SignInDialog, _sign_in_as(qtbot, typist, "direction", seen), seen)
    qtbot.keyClick(dialog.switch_button, Qt.Key.Key_Space)
    assert seen["veiled"] is False  # the sign-in shows over the veil
    lock = window.idle_lock
    assert lock._actor.login == "direction" and not lock.is_locked
    qtbot.waitUntil(lambda: not any(v.isVisible() for v in window.findChildren(Veil)))
    assert window.ui.areaTabs.isTabVisible(AREAS.index("Administration"))
    assert window.areas["Accueil"].ui.firstNameEdit.text() == "Zoé"


# -- 3. accounts: a role and a centre are chosen, never defaulted ---------------------------------


def test_a_new_account_needs_a_role_and_an_accueil_account_a_centre(
    qtbot, database, database_actor, connected_as, typist
):
    accounts, centres = _staff(database, database_actor)
    admin = accounts.sign_in("direction", PASSWORD)
    dialog = AccountDialog(Services(connected_as(admin), admin).accounts, centres)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    assert dialog.role_combo.currentIndex() == dialog.centre_combo.currentIndex() == -1
    assert dialog.role_combo.placeholderText() == "— choisir —"

    def count() -> int:
        with database.engine.connect() as connection:
            return connection.execute(
                text("SELECT count(*) FROM staff_account WHERE login = 'lea.martin'")
            ).scalar_one()

    dialog.login_edit.setFocus()
    typist(dialog.login_edit, "lea.martin")
    qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Tab)
    typist(dialog.name_edit, "Léa Martin")
    for edit in (dialog.password_edit, dialog.confirm_edit):
        typist(edit, PASSWORD)
    qtbot.keyClick(dialog.confirm_edit, ENTER)
    assert dialog.role_error.isVisible() and "rôle" in dialog.role_error.text()
    assert QApplication.focusWidget() is dialog.role_combo and count() == 0
    qtbot.keyClick(dialog.role_combo, Qt.Key.Key_Down)  # Accueil, the first role
    assert dialog.role_combo.currentData() == Role.ACCUEIL and not dialog.role_error.isVisible()
    qtbot.keyClick(dialog.confirm_edit, ENTER)
    assert dialog.centre_error.text() == "Centre obligatoire pour un compte d’accueil."
    assert QApplication.focusWidget() is dialog.centre_combo and count() == 0
    qtbot.keyClick(dialog.centre_combo, Qt.Key.Key_Down)  # « aucun »: still refused
    qtbot.keyClick(dialog.confirm_edit, ENTER)
    assert dialog.centre_error.isVisible() and count() == 0
    qtbot.keyClick(dialog.centre_combo, Qt.Key.Key_Down)  # the first centre
    assert dialog.login_edit.text() == "lea.martin"  # nothing typed was lost
    qtbot.keyClick(dialog.confirm_edit, ENTER)  # saved in the background
    qtbot.waitUntil(lambda: dialog.result() == AccountDialog.DialogCode.Accepted)
    with database.engine.connect() as connection:
        row = connection.execute(
            text("SELECT role, centre_id FROM staff_account WHERE login = 'lea.martin'")
        ).one()
    assert tuple(row) == ("accueil", centres[0].id)


def test_the_wizard_asks_the_centre_without_preselecting_one(qtbot, sqlite_database, preferences):
    accounts = AccountService(sqlite_database)
    wizard = SetupWizard(accounts, CentreService(sqlite_database), preferences)
    qtbot.addWidget(wizard)
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    page = wizard.centre_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert page.centre_combo.currentIndex() == -1 and page.centre_combo.currentText() == ""
    assert not next_button.isEnabled() and page.hint.isVisible()
    page.centre_combo.setFocus()
    qtbot.keyClick(page.centre_combo, ENTER)  # Entrée without a centre: nothing happens
    assert wizard.currentPage() is page
    qtbot.keyClick(page.centre_combo, Qt.Key.Key_Down)
    assert next_button.isEnabled() and not page.hint.isVisible()
    qtbot.keyClick(page.centre_combo, ENTER)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.administrator_page)
