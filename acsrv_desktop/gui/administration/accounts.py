"""Administration: the staff accounts (create, change role or centre, deactivate, password).

Every action goes through the session's ``services.accounts`` (the signed-in administrator's
``AccountManagement``), in the background: the list says « Chargement… » while it is read
(its buttons waiting for it), and a dialog is read-only with « Enregistrement… » while its
save is on its way — a refusal keeps everything typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.accounts.errors import AccountError
from acsrv_desktop.core.accounts.passwords import POLICY_HINT
from acsrv_desktop.core.accounts.roles import ROLE_LABELS, Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountManagement, AccountView
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.centres import CentreService, CentreView
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.text import fold
from acsrv_desktop.gui.accounts.sign_in import PasswordDialog, error_label, password_edit, say
from acsrv_desktop.gui.table_model import DISPLAY, Index, RowsTableModel
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, grow_to_fit, set_default_width, set_kind
from acsrv_desktop.gui.widgets import checked_values, fill_checklist, save_cancel_buttons


class AccountsModel(RowsTableModel):
    HEADERS = ("Identifiant", "Nom", "Rôle", "Centre", "Actif", "Dernière connexion")

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self.valid(index) or role != DISPLAY:
            return None
        account: AccountView = self.rows[index.row()]
        last = account.last_sign_in_at
        return (
            account.login,
            account.display_name,
            account.role.label,
            account.centre_name or "—",
            "oui" if account.active else "non",
            last.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if last else "jamais",
        )[index.column()]


CHOOSE = "— choisir —"


def _field_with_error(field: QWidget, error: QLabel) -> QWidget:
    """A form field with its error right under it (its form label focuses the field)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    box.setFocusProxy(field)
    return box


class AccountDialog(QDialog):
    """A new account (with its first password) or an existing one (login fixed).

    A new account starts with no role and no centre chosen (« — choisir — »): a default would
    make accounts with the wrong rights, or an accueil account without its centre.
    """

    def __init__(
        self,
        accounts: AccountManagement,
        centres: list[CentreView],
        account: AccountView | None = None,
        parent: QWidget | None = None,
        programmes: list[tuple[str, str]] | None = None,
    ) -> None:
        """``programmes``: the catalogue's (id, name), offered to a référent de programme."""
        super().__init__(parent)
        self.setWindowTitle("Nouveau compte" if account is None else "Modifier le compte")
        self._accounts, self._account = accounts, account
        self._saving = False
        self.login_edit = QLineEdit(account.login if account else "")
        self.login_edit.setMaxLength(41)
        self.login_edit.setReadOnly(account is not None)
        self.name_edit = QLineEdit(account.display_name if account else "")
        self.name_edit.setMaxLength(121)
        self.role_combo = QComboBox()
        self.role_combo.setPlaceholderText(CHOOSE)
        for role, label in ROLE_LABELS.items():
            self.role_combo.addItem(label, role)
        self.centre_combo = QComboBox()
        self.centre_combo.setPlaceholderText(CHOOSE)
        self.centre_combo.addItem("— aucun (tous les centres) —", None)
        for centre in centres:
            self.centre_combo.addItem(centre.name, centre.id)
        self.role_combo.setCurrentIndex(-1)
        self.centre_combo.setCurrentIndex(-1)
        # Their form labels name the box holding each with its error: the names are theirs.
        self.role_combo.setAccessibleName("Rôle")
        self.centre_combo.setAccessibleName("Centre")
        self.role_error, self.centre_error = error_label(), error_label()
        self.role_error.setObjectName("roleError")
        self.centre_error.setObjectName("centreError")
        for error in (self.role_error, self.centre_error):
            error.setWordWrap(False)  # a wrapped label in a form row gets clipped
        self.role_combo.currentIndexChanged.connect(lambda: say(self.role_error, ""))
        self.centre_combo.currentIndexChanged.connect(lambda: say(self.centre_error, ""))
        # A référent's programmes: a checkable list (↑ ↓, Espace ticks, a letter jumps to
        # the programmes of that initial), shown for that role only.
        self.programmes_list = QListWidget()
        self.programmes_list.setAccessibleName("Programmes du référent")
        self.programmes_list.setObjectName("referentProgrammes")
        fill_checklist(
            self.programmes_list,
            dict(programmes or []),
            list(account.programmes) if account else [],
        )
        # A long name is elided (whole in its tooltip): no sideways scrolling in a form.
        self.programmes_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.programmes_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        for row in range(self.programmes_list.count()):
            item = self.programmes_list.item(row)
            item.setToolTip(item.text())
        rows = self.programmes_list.sizeHintForRow(0) if self.programmes_list.count() else 20
        # Six rows and half of the next: the list says there is more below.
        self.programmes_list.setFixedHeight(int(rows * 6.5) + 2 * self.programmes_list.frameWidth())
        self.programmes_error = error_label()
        self.programmes_error.setObjectName("programmesError")
        self.programmes_error.setWordWrap(False)
        self.programmes_list.itemChanged.connect(lambda _item: say(self.programmes_error, ""))
        self.active_check = QCheckBox("Compte &actif (peut se connecter)")
        self.active_check.setChecked(account.active if account else True)
        if account is not None:
            self.role_combo.setCurrentIndex(self.role_combo.findData(account.role))
            self.centre_combo.setCurrentIndex(max(0, self.centre_combo.findData(account.centre_id)))
        self.password_edit = password_edit()
        self.confirm_edit = password_edit()
        form = QFormLayout()
        form.addRow("&Identifiant :", self.login_edit)
        form.addRow("&Nom et prénom :", self.name_edit)
        form.addRow("&Rôle :", _field_with_error(self.role_combo, self.role_error))
        form.addRow("&Centre :", _field_with_error(self.centre_combo, self.centre_error))
        self._programmes_box = _field_with_error(self.programmes_list, self.programmes_error)
        form.addRow("Pro&grammes :", self._programmes_box)
        self._form = form
        form.addRow("", self.active_check)
        hint = QLabel(POLICY_HINT)
        hint.setWordWrap(True)
        if account is None:
            form.addRow("&Mot de passe :", self.password_edit)
            form.addRow("Con&firmation :", self.confirm_edit)
        roles = QLabel(
            "Accueil : passages et orientations de son centre (la recherche d’une personne "
            "couvre toute la fédération). Coordination : en plus, tous les centres, la "
            "fréquentation et les exports. Administration : en plus, le catalogue, les comptes, "
            "les réglages et le journal d’audit. Référent de programme : les seules orientations "
            "adressées à ses programmes, cochés dans la liste (Espace), sans centre."
        )
        roles.setWordWrap(True)
        set_kind(roles, Kind.SECONDARY)
        self.message = error_label()
        self.status = QLabel()  # « Enregistrement… » while the save is on its way
        self.status.setObjectName("accountStatus")
        self.status.hide()
        self._buttons = buttons = save_cancel_buttons(self, self.save)
        # The wrapped texts below the form, not in it: a wrapped label in a form row is clipped.
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if account is None:
            layout.addWidget(hint)
        layout.addWidget(roles)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.role_combo.currentIndexChanged.connect(lambda _i: self._show_programmes())
        self._show_programmes(fit=False)
        set_default_width(self, 86)

    def _show_programmes(self, fit: bool = True) -> None:
        """The programmes' list for a référent de programme only."""
        referent = self.role_combo.currentData() == Role.REFERENT
        self._form.setRowVisible(self._programmes_box, referent)
        if referent:  # a référent answers for programmes, not for a centre
            self.centre_combo.setCurrentIndex(self.centre_combo.findData(None))
        self.centre_combo.setEnabled(not referent)
        if fit:
            self._fit()

    @property
    def is_busy(self) -> bool:
        """The save is on its way."""
        return self._saving

    def data(self) -> AccountInput:
        """The form; only once a role is chosen (see ``_check_choices``)."""
        return AccountInput(
            self.login_edit.text(),
            self.name_edit.text(),
            Role(self.role_combo.currentData()),
            self.centre_combo.currentData(),
            self.active_check.isChecked(),
            programmes=(
                tuple(checked_values(self.programmes_list))
                if self.role_combo.currentData() == Role.REFERENT
                else None
            ),
        )

    def _check_choices(self) -> bool:
        """The role, and an accueil account's centre, said next to their fields."""
        role = self.role_combo.currentData()
        say(self.role_error, "" if role is not None else "Choisissez le rôle de ce compte.")
        needs_centre = role == Role.ACCUEIL and self.centre_combo.currentData() is None
        say(
            self.centre_error,
            "Centre obligatoire pour un compte d’accueil." if needs_centre else "",
        )
        needs_programme = role == Role.REFERENT and not checked_values(self.programmes_list)
        say(
            self.programmes_error,
            "Cochez au moins un programme du catalogue (Espace)." if needs_programme else "",
        )
        if role is None or needs_centre or needs_programme:
            first = (
                self.role_combo
                if role is None
                else self.centre_combo
                if needs_centre
                else self.programmes_list
            )
            first.setFocus()
            self._fit()
            return False
        return True

    def _fit(self) -> None:
        """Grow to show an error that appeared (never shrink what the user sized)."""
        grow_to_fit(self)

    def _hold(self, saving: bool) -> None:
        """Read-only while the save is on its way (what was typed stays); « Annuler » too:
        the account may be saved already, the answer must be seen."""
        self._saving = saving
        for edit in (self.login_edit, self.name_edit, self.password_edit, self.confirm_edit):
            edit.setReadOnly(saving or (edit is self.login_edit and self._account is not None))
        for widget in (self.role_combo, self.centre_combo, self.active_check):
            widget.setEnabled(not saving)
        self.programmes_list.setEnabled(not saving)
        if not saving and self.role_combo.currentData() == Role.REFERENT:
            self.centre_combo.setEnabled(False)
        for button in self._buttons.buttons():
            button.setEnabled(not saving)
        say(self.status, "Enregistrement…" if saving else "")

    def reject(self) -> None:
        if not self._saving:
            super().reject()

    def save(self) -> None:
        if self._saving:
            return
        say(self.message, "")
        if not self._check_choices():
            return
        if self._account is None and self.password_edit.text() != self.confirm_edit.text():
            self._refused(AccountError("Les deux mots de passe ne sont pas identiques.", "confirm"))
            return
        data, password, accounts = self.data(), self.password_edit.text(), self._accounts
        account = self._account

        def work() -> object:
            if account is None:
                return accounts.create(data, password)
            accounts.update(account.id, data)
            return None

        self._hold(True)
        run_in_background(work, lambda _result: self._saved(), self._save_failed, self)

    def _saved(self) -> None:
        self._hold(False)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self._hold(False)  # everything typed is still there
        if isinstance(error, AccountError):
            self._refused(error)
        else:
            say(self.message, f"Compte non enregistré : {failure_text(error)}")
            self._fit()

    def _refused(self, exc: AccountError) -> None:
        field = exc.field
        next_to = {
            "role": self.role_error,
            "centre": self.centre_error,
            "programmes": self.programmes_error,
        }.get(field or "")
        say(next_to if next_to is not None else self.message, str(exc))
        self._fit()
        widget = {
            "login": self.login_edit,
            "display_name": self.name_edit,
            "role": self.role_combo,
            "centre": self.centre_combo,
            "programmes": self.programmes_list,
            "active": self.active_check,
            "password": self.password_edit,
            "confirm": self.confirm_edit,
        }.get(field or "")
        if widget is not None:
            widget.setFocus()


class AccountsPanel(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        accounts: AccountManagement,
        centres: CentreService,
        parent: QWidget | None = None,
        catalogue: CatalogueService | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts, self._centre_service = accounts, centres
        self._catalogue = catalogue  # the programmes a référent may answer for
        self._centres: list[CentreView] = []  # read with the accounts, for the dialogs
        self._programmes: list[tuple[str, str]] = []  # likewise
        self._reads = LatestOnly(self)
        self.model = AccountsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortLocaleAware(True)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setSortingEnabled(True)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAccessibleName("Comptes de l’équipe")
        self._proxy = proxy
        help_text = QLabel(
            "Chaque personne de l’équipe a son compte : le journal d’audit dit qui a fait quoi. "
            "Un compte n’est jamais supprimé, il est désactivé."
        )
        help_text.setWordWrap(True)
        self.new_button = QPushButton("&Nouveau compte…")
        self.edit_button = QPushButton("&Modifier…")
        self.password_button = QPushButton("Nouveau mot de &passe…")
        self.state_label = QLabel()  # « Chargement… » while the list is read
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.addWidget(help_text)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_account)
        self.edit_button.clicked.connect(self.edit_account)
        self.password_button.clicked.connect(self.reset_password)
        self.view.activated.connect(lambda _index: self.edit_account())
        self.reload()

    @property
    def is_busy(self) -> bool:
        """The list of accounts is on its way."""
        return self._reads.busy

    def reload(self) -> None:
        """The accounts (and the centres the dialogs offer), read in the background."""
        accounts, centres, catalogue = self._accounts, self._centre_service, self._catalogue

        def read() -> tuple[list[AccountView], list[CentreView], list[tuple[str, str]]]:
            programmes = (
                sorted(((e.id, e.name) for e in catalogue.entries()), key=lambda p: fold(p[1]))
                if catalogue is not None
                else []
            )
            return accounts.accounts(), centres.centres(include_inactive=True), programmes

        def failed(error: BaseException) -> None:
            self.state_label.setText("Liste non lue")
            self._update_buttons()
            self.status_message.emit(f"Comptes illisibles : {failure_text(error)}")

        self.state_label.setText("Chargement…")
        self._reads.run(read, lambda answer: self._show(*answer), failed)
        self._update_buttons()

    def _show(
        self,
        rows: list[AccountView],
        centres: list[CentreView],
        programmes: list[tuple[str, str]],
    ) -> None:
        self.model.set_rows(rows)
        self._centres = centres
        self._programmes = programmes
        self.state_label.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        """The dialogs wait for the list (and its centres): never on an account being
        replaced."""
        ready = not self._reads.busy
        for button in (self.new_button, self.edit_button, self.password_button):
            button.setEnabled(ready)

    def selected(self) -> AccountView | None:
        index = self._proxy.mapToSource(self.view.currentIndex())
        return self.model.rows[index.row()] if self.model.valid(index) else None

    def new_account(self) -> None:
        if self._reads.busy:
            return
        dialog = AccountDialog(self._accounts, self._centres, None, self, self._programmes)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.status_message.emit(f"Compte « {dialog.login_edit.text().strip()} » créé.")

    def edit_account(self) -> None:
        account = self.selected()
        if account is None or self._reads.busy:
            return
        dialog = AccountDialog(self._accounts, self._centres, account, self, self._programmes)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.status_message.emit(f"Compte « {account.login} » modifié.")

    def reset_password(self) -> None:
        account = self.selected()
        if account is None or self._reads.busy:
            return
        title = f"Nouveau mot de passe — {account.login}"
        # Through services.accounts too: the administrator's AccountManagement acts.
        dialog = PasswordDialog(self._accounts, account_id=account.id, title=title, parent=self)
        if dialog.exec():
            self.status_message.emit(f"Nouveau mot de passe enregistré pour « {account.login} ».")
