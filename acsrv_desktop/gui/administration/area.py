"""The "Administration" area: the catalogue and its contacts, import and export, and the
panels of the duplicates, the accounts, the settings and the audit trail.

Nothing here waits for the database on the GUI thread: the lists are read in the background
(the latest request wins; « Chargement… » meanwhile, the buttons that would act on the rows
being replaced disabled), and so are the changes, the import and the export.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QMessageBox, QTableView, QWidget

from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.catalogue.datainclusion import ImportReport, export_json, import_json
from acsrv_desktop.core.catalogue.service import ContactView, EntryView
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui import errors
from acsrv_desktop.gui.administration.accounts import AccountsPanel
from acsrv_desktop.gui.administration.audit import AuditPanel
from acsrv_desktop.gui.administration.dialogs import (
    ContactDialog,
    EntryDialog,
    ThemeSynonymsDialog,
)
from acsrv_desktop.gui.administration.duplicates import DuplicatesPanel
from acsrv_desktop.gui.administration.models import (
    ITEM_ROLE,
    RecordsTableModel,
    contacts_model,
    entries_model,
)
from acsrv_desktop.gui.administration.settings import SettingsPanel
from acsrv_desktop.gui.announce import announce_messages
from acsrv_desktop.gui.forms.ui_administration_area import Ui_AdministrationArea
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background

LOADING = "Chargement…"


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
        catalogue.editor()  # the area is only built for roles that edit the catalogue
        self._reads = LatestOnly(self)
        self._writing = False  # a (de)activation on its way
        self._transferring = False  # an import or an export on its way
        # Parented: a model owned by Python alone may be freed on a worker thread.
        self._entries: RecordsTableModel[EntryView] = entries_model(self)
        self._contacts: RecordsTableModel[ContactView] = contacts_model(self)
        self._entries_proxy = self._setup_table(self.ui.entriesView, self._entries)
        self._contacts_proxy = self._setup_table(self.ui.contactsView, self._contacts)
        self._entries_proxy.setFilterKeyColumn(-1)
        self._entries_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.state_label = QLabel()  # « Chargement… » while the lists are read
        self.state_label.setObjectName("catalogueState")
        self.ui.catalogueFilterRow.addWidget(self.state_label)
        self.duplicates = DuplicatesPanel(services.visitors)
        # Every account action for the signed-in administrator goes through Services.
        self.accounts = AccountsPanel(
            services.accounts, services.centres, catalogue=services.catalogue
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
        self.ui.sections.setAccessibleName("Parties de l’administration")
        self.ui.entriesView.setAccessibleName("Fiches du catalogue")
        self.ui.contactsView.setAccessibleName("Contacts du catalogue")
        announce_messages(self, self.status_message)
        self.ui.sections.currentChanged.connect(self._section_shown)
        self._connect()
        self.reload()

    @property
    def is_busy(self) -> bool:
        """An answer is on its way: the catalogue's lists, a change, an import or export, or
        one of the panels' readings and changes."""
        return (
            self._reads.busy
            or self._writing
            or self._transferring
            or self.duplicates.is_busy
            or self.accounts.is_busy
            or self.settings.is_busy
            or self.audit.is_busy
        )

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
        ui.themeWordsButton.clicked.connect(self.edit_theme_words)
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
        """The entries and the contacts, read in the background (the latest request wins)."""
        show_all = self.ui.showInactiveCheck.isChecked()
        catalogue = self._catalogue

        def read() -> tuple[list[EntryView], list[ContactView]]:
            return (
                catalogue.entries(include_inactive=show_all),
                catalogue.contacts(include_inactive=True),
            )

        def failed(error: BaseException) -> None:
            self.state_label.setText("Catalogue non lu")
            self._update_buttons()
            self.status_message.emit(f"Catalogue illisible : {failure_text(error)}")

        self.state_label.setText(LOADING)
        self._reads.run(read, lambda lists: self._show(*lists), failed)
        self._update_buttons()

    def _show(self, entries: list[EntryView], contacts: list[ContactView]) -> None:
        self._entries.set_rows(entries)
        self._contacts.set_rows(contacts)
        self.state_label.setText("")
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
        """Nothing acts on a row while the lists are being replaced or a change is saved."""
        ui = self.ui
        ready = not (self._reads.busy or self._writing)
        entry, contact = self._selected_entry(), self._selected_contact()
        ui.editEntryButton.setEnabled(ready and entry is not None)
        ui.toggleEntryButton.setEnabled(ready and entry is not None)
        ui.toggleEntryButton.setText("Réactiv&er" if entry and not entry.active else "Désactiv&er")
        ui.editContactButton.setEnabled(ready and contact is not None)
        ui.toggleContactButton.setEnabled(ready and contact is not None)
        ui.toggleContactButton.setText(
            "Réac&tiver" if contact and not contact.active else "Désac&tiver"
        )
        for button in (ui.importButton, ui.exportButton):
            button.setEnabled(not self._transferring)

    def focus_search(self) -> None:
        self.ui.entryFilterEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- actions ------------------------------------------------------------------------------

    def edit_entry(self, entry: EntryView | None) -> None:
        dialog = EntryDialog(self._catalogue, entry.id if entry else None, self)
        if dialog.exec() == EntryDialog.DialogCode.Accepted:
            self._changed(f"Fiche enregistrée : {dialog.ui.nameEdit.text().strip()}")

    def edit_theme_words(self) -> None:
        dialog = ThemeSynonymsDialog(self._catalogue, self)
        if dialog.exec() == ThemeSynonymsDialog.DialogCode.Accepted and dialog.saved_count:
            count = dialog.saved_count
            self._changed(
                f"Synonymes enregistrés pour {count} thématique{'s' if count > 1 else ''}"
            )

    def toggle_entry(self) -> None:
        entry = self._selected_entry()
        if entry is None or self._writing or self._reads.busy:
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
        state = "réactivée" if not entry.active else "désactivée"
        catalogue = self._catalogue
        self._write(
            lambda: catalogue.set_entry_active(entry.id, not entry.active),
            f"Fiche {state} : {entry.name}",
        )

    def _write(self, work: Callable[[], object], message: str) -> None:
        """A change of the catalogue in the background; the lists read again after it."""
        self._writing = True
        self.state_label.setText("Enregistrement…")
        self._update_buttons()

        def done(_result: object) -> None:
            self._writing = False
            self._changed(message)

        def failed(error: BaseException) -> None:
            self._writing = False
            self.state_label.setText("")
            self._update_buttons()
            errors.show_error(self, "Modification impossible", failure_text(error))

        run_in_background(work, done, failed, self)

    def edit_contact(self, contact: ContactView | None) -> None:
        dialog = ContactDialog(self._catalogue, contact.id if contact else None, self)
        if dialog.exec() == ContactDialog.DialogCode.Accepted:
            self._changed(f"Contact enregistré : {dialog.ui.nameEdit.text().strip()}")

    def toggle_contact(self) -> None:
        contact = self._selected_contact()
        if contact is None or self._writing or self._reads.busy:
            return
        catalogue = self._catalogue
        self._write(
            lambda: catalogue.set_contact_active(contact.id, not contact.active),
            f"Contact {'réactivé' if not contact.active else 'désactivé'} : {contact.name}",
        )

    def _transfer(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        message: str,
    ) -> None:
        """An import or an export in the background (their buttons wait for it)."""
        self._transferring = True
        self._update_buttons()
        self.status_message.emit(message)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._transferring = False
            self._update_buttons()
            callback(value)

        run_in_background(
            work, lambda result: finish(done, result), lambda exc: finish(failed, exc), self
        )

    def import_catalogue(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Importer un catalogue (data·inclusion)",
            str(Path.home()),
            "Catalogue JSON (*.json)",
        )
        if not path or self._transferring:
            return
        catalogue = self._catalogue

        def work() -> ImportReport:
            return import_json(catalogue, Path(path).read_text(encoding="utf-8"))

        def failed(error: BaseException) -> None:
            if isinstance(error, UnicodeDecodeError):
                errors.show_error(
                    self,
                    "Import refusé",
                    "Le fichier n’est pas un texte UTF-8. Rien n’a été modifié.",
                )
            elif isinstance(error, OSError):
                errors.show_error(
                    self, "Import impossible", f"Lecture impossible : {french_os_error(error)}"
                )
            elif isinstance(error, UserFacingError):
                errors.show_error(
                    self, "Import refusé", f"{error}\n\nRien n’a été modifié dans le catalogue."
                )
            else:
                errors.show_error(self, "Import impossible", failure_text(error))

        def done(report: ImportReport) -> None:
            self._changed(report.describe())
            QMessageBox.information(self, "Import terminé", report.describe())

        self._transfer(work, done, failed, "Import du catalogue en cours…")

    def export_catalogue(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Exporter le catalogue (data·inclusion)",
            str(Path.home() / "catalogue-acsrv.json"),
            "Catalogue JSON (*.json)",
        )
        if not path or self._transferring:
            return
        catalogue = self._catalogue

        def work() -> None:
            atomic_output.write_text(Path(path), export_json(catalogue))

        def failed(error: BaseException) -> None:
            reason = (
                f"Écriture impossible : {french_os_error(error)}"
                if isinstance(error, OSError)
                else failure_text(error)
            )
            errors.show_error(self, "Export impossible", reason)

        self._transfer(
            work,
            lambda _none: self.status_message.emit(f"Catalogue exporté dans {path}"),
            failed,
            "Export du catalogue en cours…",
        )
