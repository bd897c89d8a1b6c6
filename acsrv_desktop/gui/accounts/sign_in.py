"""The first-start set-up wizard, the sign-in dialog and the password dialog.

This module imports neither the accounts service nor SQLAlchemy: the sign-in dialog is painted
at start-up while the database is still being opened, and receives the ``AccountService``
once it is (``SignInDialog.set_accounts``). Sign-in and password changes are checked in the
background (argon2 takes tens of milliseconds, a remote server more): meanwhile the dialog is
read-only and says what it waits for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from acsrv_desktop import APP_DISPLAY_NAME
from acsrv_desktop.core.accounts.errors import AccountError, SignInError
from acsrv_desktop.core.accounts.passwords import MAX_LENGTH, POLICY_HINT
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.tasks import run_in_background
from acsrv_desktop.gui.theme import Kind, set_default_width, set_kind

if TYPE_CHECKING:  # the services (and SQLAlchemy) are not imported with the dialog
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.accounts.service import AccountManagement, AccountService
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.database import Database

log = logging.getLogger(__name__)
OPENING = "Ouverture de la base…"
CHECKING = "Vérification…"
SAVING = "Enregistrement…"
UNEXPECTED = "erreur inattendue (voir le journal). Ce qui a été saisi est conservé."


def password_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(MAX_LENGTH + 1)  # one more, so that the policy can say it is too long
    return edit


def error_label(parent: QWidget | None = None) -> QLabel:
    """Where a refusal is said: in the palette's error colour, announced to screen readers."""
    label = QLabel(parent)
    label.setWordWrap(True)
    set_kind(label, Kind.ERROR)
    label.hide()
    return label


def status_label(name: str, parent: QWidget | None = None) -> QLabel:
    """What a dialog waits for (« Vérification… »), shown only while it waits."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.hide()
    return label


def say(label: QLabel, message: str) -> None:
    """``message`` shown in ``label`` (hidden when empty) and announced to screen readers."""
    show_message(label, message)


def hold(
    edits: Sequence[QLineEdit], buttons: Sequence[QWidget], status: QLabel, waiting: str | None
) -> None:
    """While an answer is awaited (``waiting`` says which): the fields read-only — what was
    typed stays, nothing more is typed — and the buttons that would send it again disabled;
    the dialog itself keeps answering (Échap, moving it). ``None``: editable again."""
    for edit in edits:
        edit.setReadOnly(waiting is not None)
    for button in buttons:
        button.setEnabled(waiting is None)
    say(status, waiting or "")


def unexpected_error(what: str, error: BaseException) -> str:
    log.error("%s : erreur inattendue", what, exc_info=error)
    return f"{what.capitalize()} impossible : {UNEXPECTED}"


class SignInDialog(QDialog):
    """Identifiant and mot de passe; ``actor`` is set once accepted.

    ``accounts`` may come later (``set_accounts``), once the database is open: the person
    types meanwhile, and an Entrée pressed before waits « Ouverture de la base… ». The
    password is checked in the background (« Vérification… »).

    With ``switching``, another person takes over the desk of a running session: the dialog
    says so, and its other button cancels (the session goes on) instead of quitting.
    """

    def __init__(
        self,
        accounts: AccountService | None = None,
        parent: QWidget | None = None,
        *,
        switching: bool = False,
    ) -> None:
        super().__init__(parent)
        title = "Changer d’utilisateur" if switching else "Connexion"
        self.setWindowTitle(f"{title} — {APP_DISPLAY_NAME}")
        self._accounts = accounts
        self.actor: Actor | None = None
        # Where the person works once signed in: on the federation's server, a connection
        # with their own PostgreSQL login; locally, the database itself.
        self.database: Database | None = None
        self._waiting_for_database = False
        self._verifying = False
        self._attempt = 0  # an answer to an earlier attempt (or to a closed dialog) is dropped
        intro = QLabel(
            "La personne qui prend le poste se connecte avec son identifiant personnel. "
            "Le passage en cours de saisie est gardé."
            if switching
            else "Connectez-vous avec votre identifiant personnel."
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(80)
        self.password_edit = password_edit()
        self.message = error_label()
        self.status = status_label("signInStatus")
        form = QFormLayout()
        form.addRow("&Identifiant :", self.login_edit)
        form.addRow("&Mot de passe :", self.password_edit)
        buttons = QDialogButtonBox()
        self.sign_in_button: QPushButton = buttons.addButton(
            "Se &connecter", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(
            "&Annuler" if switching else "&Quitter", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.sign_in_button.setDefault(True)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        set_default_width(self, 70)
        self.login_edit.setFocus()

    @property
    def is_busy(self) -> bool:
        """Entrée was pressed and its answer is still on its way (the database being opened,
        or the password being checked)."""
        return self._waiting_for_database or self._verifying

    @property
    def has_accounts(self) -> bool:
        """Whether the accounts service has come (the database is open)."""
        return self._accounts is not None

    def set_accounts(self, accounts: AccountService) -> None:
        """The database is open: the sign-in can be checked, at once if Entrée was pressed."""
        self._accounts = accounts
        if self._waiting_for_database:
            self._waiting_for_database = False
            self._check()

    def try_sign_in(self) -> None:
        if self.is_busy:
            return
        say(self.message, "")
        if self._accounts is None:
            self._waiting_for_database = True
            self._hold(OPENING)
            return
        self._check()

    def _hold(self, waiting: str | None) -> None:
        hold((self.login_edit, self.password_edit), (self.sign_in_button,), self.status, waiting)

    def _check(self) -> None:
        accounts = self._accounts
        assert accounts is not None  # only once the database is open
        login, password = self.login_edit.text(), self.password_edit.text()
        self._attempt += 1
        attempt = self._attempt
        self._verifying = True
        self._hold(CHECKING)
        run_in_background(
            lambda: accounts.open_session(login, password),
            lambda signed_in: self._answered(attempt, signed_in, None),
            lambda error: self._answered(attempt, None, error),
            self,
        )

    def _answered(
        self, attempt: int, signed_in: tuple[Database, Actor] | None, error: BaseException | None
    ) -> None:
        if attempt != self._attempt:
            if signed_in is not None and signed_in[0] is not self._accounts_db():
                signed_in[0].dispose()  # a connection opened for a dialog closed meanwhile
            return  # the dialog was closed meanwhile (Quitter, Échap)
        self._verifying = False
        self._hold(None)
        if signed_in is not None:
            self.database, self.actor = signed_in
            self.password_edit.clear()
            self.accept()
            return
        if isinstance(error, SignInError):
            say(self.message, str(error))
            self.password_edit.clear()
        elif isinstance(error, UserFacingError):  # the database is away: try again later
            say(self.message, f"Connexion impossible : {error}")
        else:
            assert error is not None
            say(self.message, unexpected_error("connexion", error))
        self.password_edit.setFocus()

    def _accounts_db(self) -> Database | None:
        return self._accounts.db if self._accounts is not None else None

    def done(self, result: int) -> None:
        """Closed (accepted, Quitter, Échap, or by the start-up): a late answer is dropped."""
        self._attempt += 1
        self._waiting_for_database = self._verifying = False
        self._hold(None)
        super().done(result)


class _CentrePage(QWizardPage):
    """The workstation's centre, chosen by the person setting up: none is preselected (the
    first of the list would count every visit for the wrong centre if left as it was);
    « Suivant » stays disabled until one is chosen."""

    def __init__(self, centres: CentreService, preferences: Preferences) -> None:
        super().__init__()
        self.setTitle("Bienvenue")
        self.setSubTitle(
            "Première ouverture : choisissez le centre de ce poste, puis créez le compte "
            "d’administration."
        )
        self.centre_combo = QComboBox()
        self.centre_combo.setPlaceholderText("— choisir —")
        for centre in centres.centres():
            self.centre_combo.addItem(centre.name, centre.id)
        # A centre already chosen on this workstation (preferences) is kept; else none.
        known = preferences.workstation_centre
        self.centre_combo.setCurrentIndex(self.centre_combo.findText(known) if known else -1)
        self.hint = QLabel("Choisissez le centre de ce poste pour continuer.")
        self.hint.setObjectName("centreHint")
        self.hint.setWordWrap(True)
        explanation = QLabel(
            "Les passages enregistrés sur ce poste seront comptés pour ce centre. "
            "Vous pourrez le changer plus tard (menu Fichier › Préférences du poste)."
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Centre de ce poste :", self.centre_combo)
        # Below the form, not in it: a wrapped label in a form row gets clipped.
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(explanation)
        layout.addStretch(1)
        self.centre_combo.currentIndexChanged.connect(self._centre_changed)
        self._centre_changed()

    def _centre_changed(self) -> None:
        self.hint.setVisible(not self.isComplete())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self.centre_combo.currentIndex() >= 0


class _AdministratorPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Compte d’administration")
        self.setSubTitle(
            "Ce compte gère les autres comptes, le catalogue et les réglages. "
            "Chaque membre de l’équipe aura ensuite son propre compte."
        )
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(121)
        self.login_edit = QLineEdit()
        self.login_edit.setMaxLength(41)
        self.login_edit.setPlaceholderText("par exemple : claire.martin")
        self.password_edit = password_edit()
        self.confirm_edit = password_edit()
        hint = QLabel(POLICY_HINT)
        hint.setWordWrap(True)
        self.message = error_label()
        form = QFormLayout()
        form.addRow("&Nom et prénom :", self.name_edit)
        form.addRow("&Identifiant :", self.login_edit)
        form.addRow("&Mot de passe :", self.password_edit)
        form.addRow("&Confirmation :", self.confirm_edit)
        # Below the form, not in it: a wrapped label in a form row gets clipped.
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        if self.password_edit.text() != self.confirm_edit.text():
            say(self.message, "Les deux mots de passe ne sont pas identiques.")
            self.confirm_edit.setFocus()
            return False
        try:
            self._wizard.actor = self._wizard.accounts.create_first_administrator(
                self.login_edit.text(),
                self.name_edit.text(),
                self.password_edit.text(),
                self._wizard.centre_id(),
            )
        except AccountError as exc:
            say(self.message, str(exc))
            focus = {"login": self.login_edit, "display_name": self.name_edit}
            focus.get(exc.field or "", self.password_edit).setFocus()
            return False
        return True


class SetupWizard(QWizard):
    """First start: the workstation's centre and the administrator account."""

    def __init__(
        self,
        accounts: AccountService,
        centres: CentreService,
        preferences: Preferences,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Mise en route — {APP_DISPLAY_NAME}")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.accounts = accounts
        self.actor: Actor | None = None
        self._preferences = preferences
        self.centre_page = _CentrePage(centres, preferences)
        self.administrator_page = _AdministratorPage(self)
        self.addPage(self.centre_page)
        self.addPage(self.administrator_page)
        self.setButtonText(QWizard.WizardButton.NextButton, "&Suivant >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Précédent")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Terminer")
        self.setButtonText(QWizard.WizardButton.CancelButton, "&Annuler")
        set_default_width(self, 93)
        self.resize(self.width(), max(self.height(), self.fontMetrics().lineSpacing() * 28))

    def centre_id(self) -> int | None:
        return self.centre_page.centre_combo.currentData()

    def accept(self) -> None:
        self._preferences.workstation_centre = self.centre_page.centre_combo.currentText()
        super().accept()


def _password_setter(
    accounts: AccountManagement | AccountService, actor: Actor | None, account_id: int | None
) -> tuple[Actor, int, Callable[[str, str | None], None]]:
    """The acting person, the account whose password changes, and the call that changes it."""
    from acsrv_desktop.core.accounts.service import AccountManagement  # after sign-in

    if isinstance(accounts, AccountManagement):  # the session's own services
        management, acting = accounts, accounts.actor
        target = account_id if account_id is not None else acting.account_id or 0
        return acting, target, lambda new, old: management.set_password(target, new, old)
    assert actor is not None  # an AccountService is given the acting person
    service, acting = accounts, actor
    target = account_id if account_id is not None else acting.account_id or 0
    return acting, target, lambda new, old: service.set_password(acting, target, new, old)


class PasswordDialog(QDialog):
    """A new password: one's own (the current one asked first), or, for an administrator,
    someone else's (a forgotten password).

    ``accounts``: the session's ``services.accounts`` (``AccountManagement``: its actor acts,
    ``actor`` may be omitted), or an ``AccountService`` with the acting ``actor``;
    ``account_id``: whose password (the actor's own by default). The current password is
    checked, and the new one saved, in the background (« Vérification… »).
    """

    def __init__(
        self,
        accounts: AccountManagement | AccountService,
        actor: Actor | None = None,
        account_id: int | None = None,
        title: str = "Changer mon mot de passe",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        acting, self._account_id, self._set_password = _password_setter(accounts, actor, account_id)
        self._own = self._account_id == acting.account_id
        self._saving = False
        self.current_edit = password_edit()
        self.new_edit = password_edit()
        self.confirm_edit = password_edit()
        hint = QLabel(POLICY_HINT)
        hint.setWordWrap(True)
        self.message = error_label()
        self.status = status_label("passwordStatus")
        form = QFormLayout()
        if self._own:
            form.addRow("Mot de passe &actuel :", self.current_edit)
        form.addRow("&Nouveau mot de passe :", self.new_edit)
        form.addRow("&Confirmation :", self.confirm_edit)
        # Imported here: gui.widgets (its Qt classes, the clock) is not needed to sign in.
        from acsrv_desktop.gui.widgets import save_cancel_buttons

        self._buttons = save_cancel_buttons(self, self.save)
        buttons = self._buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        set_default_width(self, 76)

    @property
    def is_busy(self) -> bool:
        return self._saving

    def _hold(self, waiting: str | None) -> None:
        # « Annuler » too: the change may be saved already, the answer must be seen.
        edits = (self.current_edit, self.new_edit, self.confirm_edit)
        hold(edits, self._buttons.buttons(), self.status, waiting)

    def save(self) -> None:
        if self._saving:
            return
        if self.new_edit.text() != self.confirm_edit.text():
            say(self.message, "Les deux nouveaux mots de passe ne sont pas identiques.")
            self.confirm_edit.setFocus()
            return
        say(self.message, "")
        new, current = self.new_edit.text(), self.current_edit.text() if self._own else None
        set_password = self._set_password
        self._saving = True
        self._hold(CHECKING if self._own else SAVING)
        run_in_background(
            lambda: set_password(new, current),
            lambda _none: self._answered(None),
            self._answered,
            self,
        )

    def _answered(self, error: BaseException | None) -> None:
        self._saving = False
        self._hold(None)
        if error is None:
            self.accept()
        elif isinstance(error, AccountError):
            say(self.message, str(error))
            (self.current_edit if error.field == "current" else self.new_edit).setFocus()
        elif isinstance(error, UserFacingError):
            say(self.message, f"Mot de passe non enregistré : {error}")
        else:
            say(self.message, unexpected_error("enregistrement du mot de passe", error))

    def reject(self) -> None:
        if not self._saving:  # Échap while the database answers: its answer is awaited
            super().reject()
