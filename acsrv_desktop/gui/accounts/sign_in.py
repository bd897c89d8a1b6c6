"""The first-start set-up wizard and the sign-in dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from acsrv_desktop import APP_DISPLAY_NAME
from acsrv_desktop.core.accounts.passwords import MAX_LENGTH, POLICY_HINT
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.accounts.service import AccountError, AccountService, SignInError
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.widgets import save_cancel_buttons

ERROR_STYLE = "color: #a40000; font-weight: bold;"


def password_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(MAX_LENGTH + 1)  # one more, so that the policy can say it is too long
    return edit


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def say(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class SignInDialog(QDialog):
    """Identifiant and mot de passe; ``actor`` is set once accepted.

    With ``switching``, another person takes over the desk of a running session: the dialog
    says so, and its other button cancels (the session goes on) instead of quitting.
    """

    def __init__(
        self, accounts: AccountService, parent: QWidget | None = None, *, switching: bool = False
    ) -> None:
        super().__init__(parent)
        title = "Changer d’utilisateur" if switching else "Connexion"
        self.setWindowTitle(f"{title} — {APP_DISPLAY_NAME}")
        self._accounts = accounts
        self.actor: Actor | None = None
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
        form = QFormLayout()
        form.addRow("&Identifiant :", self.login_edit)
        form.addRow("&Mot de passe :", self.password_edit)
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton(
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
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.login_edit.setFocus()

    def try_sign_in(self) -> None:
        try:
            self.actor = self._accounts.sign_in(self.login_edit.text(), self.password_edit.text())
        except SignInError as exc:
            say(self.message, str(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.password_edit.clear()
        self.accept()


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
        self.setMinimumSize(560, 420)

    def centre_id(self) -> int | None:
        return self.centre_page.centre_combo.currentData()

    def accept(self) -> None:
        self._preferences.workstation_centre = self.centre_page.centre_combo.currentText()
        super().accept()


class PasswordDialog(QDialog):
    """A new password: one's own (the current one asked first), or, for an administrator,
    someone else's (a forgotten password)."""

    def __init__(
        self,
        accounts: AccountService,
        actor: Actor,
        account_id: int | None = None,
        title: str = "Changer mon mot de passe",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._accounts, self._actor = accounts, actor
        self._account_id = account_id if account_id is not None else actor.account_id or 0
        self._own = self._account_id == actor.account_id
        self.current_edit = password_edit()
        self.new_edit = password_edit()
        self.confirm_edit = password_edit()
        hint = QLabel(POLICY_HINT)
        hint.setWordWrap(True)
        self.message = error_label()
        form = QFormLayout()
        if self._own:
            form.addRow("Mot de passe &actuel :", self.current_edit)
        form.addRow("&Nouveau mot de passe :", self.new_edit)
        form.addRow("&Confirmation :", self.confirm_edit)
        buttons = save_cancel_buttons(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        if self.new_edit.text() != self.confirm_edit.text():
            say(self.message, "Les deux nouveaux mots de passe ne sont pas identiques.")
            self.confirm_edit.setFocus()
            return
        try:
            self._accounts.set_password(
                self._actor,
                self._account_id,
                self.new_edit.text(),
                self.current_edit.text() if self._own else None,
            )
        except AccountError as exc:
            say(self.message, str(exc))
            (self.current_edit if exc.field == "current" else self.new_edit).setFocus()
            return
        self.accept()
