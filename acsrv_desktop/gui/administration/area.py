"""The "Administration" area: the catalogue and its contacts, import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox, QTableView, QWidget

from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.catalogue.datainclusion import export_json, import_json
from acsrv_desktop.core.catalogue.service import ContactView, EntryView
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui import errors
from acsrv_desktop.gui.administration.accounts import AccountsPanel
from acsrv_desktop.gui.administration.audit import AuditPanel
from acsrv_desktop.gui.administration.dialogs import ContactDialog, EntryDialog
from acsrv_desktop.gui.administration.duplicates import DuplicatesPanel
from acsrv_desktop.gui.administration.models import (
    ITEM_ROLE,
    RecordsTableModel,
    contacts_model,
    entries_model,
)
from acsrv_desktop.gui.administration.settings import SettingsPanel
from acsrv_desktop.gui.forms.ui_administration_area import Ui_AdministrationArea


def _confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


class AdministrationArea(QWidget):
    catalogue_changed = Signal()
    status_message = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AdministrationArea()
        self.ui.setupUi(self)
        self._catalogue = catalogue = services.catalogue
        self._entries: RecordsTableModel[EntryView] = entries_model()
        self._contacts: RecordsTableModel[ContactView] = contacts_model()
        self._entries_proxy = self._setup_table(self.ui.entriesView, self._entries)
        self._contacts_proxy = self._setup_table(self.ui.contactsView, self._contacts)
        self._entries_proxy.setFilterKeyColumn(-1)
        self._entries_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        actor = catalogue.editor()  # the area is only built for roles that edit the catalogue
        self.duplicates = DuplicatesPanel(services.visitors)
        # The account dialogs take the actor at each call, as the sign-in and the lock do.
        self.accounts = AccountsPanel(
            AccountService(services.db), actor, services.centres.centres(include_inactive=True)
        )
        self.settings = SettingsPanel(services)
        self.audit = AuditPanel(services.audit)
        for panel, title in (
            (self.duplicates, "Personnes en double"),
            (self.accounts, "Comptes"),
            (self.settings, "Conservation et sécurité"),
            (self.audit, "Journal d’audit"),
        ):
            self.ui.sections.addTab(panel, title)
            panel.status_message.connect(self.status_message)
        self.ui.sections.currentChanged.connect(self._section_shown)
        self._connect()
        self.reload()

    def _section_shown(self, index: int) -> None:
        if self.ui.sections.widget(index) is self.audit:
            self.audit.reload()  # the trail grows while the app runs

    def _setup_table(self, view: QTableView, model: RecordsTableModel) -> QSortFilterProxyModel:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortLocaleAware(True)
        view.setModel(proxy)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        return proxy

    def _connect(self) -> None:
        ui = self.ui
        ui.entryFilterEdit.textChanged.connect(self._entries_proxy.setFilterFixedString)
        ui.showInactiveCheck.toggled.connect(self.reload)
        ui.newEntryButton.clicked.connect(lambda: self.edit_entry(None))
        ui.editEntryButton.clicked.connect(lambda: self.edit_entry(self._selected_entry()))
        ui.entriesView.activated.connect(lambda _index: self.edit_entry(self._selected_entry()))
        ui.toggleEntryButton.clicked.connect(self.toggle_entry)
        ui.importButton.clicked.connect(self.import_catalogue)
        ui.exportButton.clicked.connect(self.export_catalogue)
        ui.newContactButton.clicked.connect(lambda: self.edit_contact(None))
        ui.editContactButton.clicked.connect(lambda: self.edit_contact(self._selected_contact()))
        ui.contactsView.activated.connect(
            lambda _index: self.edit_contact(self._selected_contact())
        )
        ui.toggleContactButton.clicked.connect(self.toggle_contact)
        ui.entriesView.selectionModel().selectionChanged.connect(self._update_buttons)
        ui.contactsView.selectionModel().selectionChanged.connect(self._update_buttons)

    # -- data ---------------------------------------------------------------------------------

    def reload(self) -> None:
        show_all = self.ui.showInactiveCheck.isChecked()
        self._entries.set_rows(self._catalogue.entries(include_inactive=show_all))
        self._contacts.set_rows(self._catalogue.contacts(include_inactive=True))
        self._update_buttons()

    def _changed(self, message: str) -> None:
        self.reload()
        self.catalogue_changed.emit()
        self.status_message.emit(message)

    def _selected(self, view: QTableView) -> Any:  # the view's record, or None
        rows = view.selectionModel().selectedRows()
        return view.model().data(rows[0], ITEM_ROLE) if rows else None

    def _selected_entry(self) -> EntryView | None:
        return self._selected(self.ui.entriesView)

    def _selected_contact(self) -> ContactView | None:
        return self._selected(self.ui.contactsView)

    def _update_buttons(self) -> None:
        entry, contact = self._selected_entry(), self._selected_contact()
        self.ui.editEntryButton.setEnabled(entry is not None)
        self.ui.toggleEntryButton.setEnabled(entry is not None)
        self.ui.toggleEntryButton.setText(
            "Ré&activer" if entry and not entry.active else "Dés&activer"
        )
        self.ui.editContactButton.setEnabled(contact is not None)
        self.ui.toggleContactButton.setEnabled(contact is not None)
        self.ui.toggleContactButton.setText(
            "Réac&tiver" if contact and not contact.active else "Désac&tiver"
        )

    def focus_search(self) -> None:
        self.ui.entryFilterEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- actions ------------------------------------------------------------------------------

    def edit_entry(self, entry: EntryView | None) -> None:
        dialog = EntryDialog(self._catalogue, entry.id if entry else None, self)
        if dialog.exec() == EntryDialog.DialogCode.Accepted:
            self._changed(f"Fiche enregistrée : {dialog.ui.nameEdit.text().strip()}")

    def toggle_entry(self) -> None:
        entry = self._selected_entry()
        if entry is None:
            return
        if entry.active and not _confirm(
            self,
            "Désactiver la fiche",
            f"Désactiver « {entry.name} » ?\n\nElle n’apparaîtra plus dans la recherche ni dans "
            "les suggestions d’orientation. Les orientations passées restent lisibles, et vous "
            "pourrez la réactiver à tout moment.",
            "Désactiver",
        ):
            return
        try:
            self._catalogue.set_entry_active(entry.id, not entry.active)
        except UserFacingError as exc:
            errors.show_error(self, "Modification impossible", str(exc))
            return
        state = "réactivée" if not entry.active else "désactivée"
        self._changed(f"Fiche {state} : {entry.name}")

    def edit_contact(self, contact: ContactView | None) -> None:
        dialog = ContactDialog(self._catalogue, contact.id if contact else None, self)
        if dialog.exec() == ContactDialog.DialogCode.Accepted:
            self._changed(f"Contact enregistré : {dialog.ui.nameEdit.text().strip()}")

    def toggle_contact(self) -> None:
        contact = self._selected_contact()
        if contact is None:
            return
        try:
            self._catalogue.set_contact_active(contact.id, not contact.active)
        except UserFacingError as exc:
            errors.show_error(self, "Modification impossible", str(exc))
            return
        self._changed(
            f"Contact {'réactivé' if not contact.active else 'désactivé'} : {contact.name}"
        )

    def import_catalogue(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Importer un catalogue (data·inclusion)",
            str(Path.home()),
            "Catalogue JSON (*.json)",
        )
        if not path:
            return
        try:
            text = Path(path).read_text(encoding="utf-8")
            report = import_json(self._catalogue, text)
        except UnicodeDecodeError:
            errors.show_error(
                self, "Import refusé", "Le fichier n’est pas un texte UTF-8. Rien n’a été modifié."
            )
            return
        except OSError as exc:
            errors.show_error(
                self, "Import impossible", f"Lecture impossible : {french_os_error(exc)}"
            )
            return
        except UserFacingError as exc:
            errors.show_error(
                self, "Import refusé", f"{exc}\n\nRien n’a été modifié dans le catalogue."
            )
            return
        self._changed(report.describe())
        QMessageBox.information(self, "Import terminé", report.describe())

    def export_catalogue(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Exporter le catalogue (data·inclusion)",
            str(Path.home() / "catalogue-acsrv.json"),
            "Catalogue JSON (*.json)",
        )
        if not path:
            return
        try:
            Path(path).write_text(export_json(self._catalogue), encoding="utf-8")
        except OSError as exc:
            errors.show_error(
                self, "Export impossible", f"Écriture impossible : {french_os_error(exc)}"
            )
            return
        self.status_message.emit(f"Catalogue exporté dans {path}")
