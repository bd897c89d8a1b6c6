"""A person's data at the desk: see everything held, export it (PDF, JSON), erase the record.

The dialog opens at once and reads the person's data in the background (« Chargement… »,
its buttons waiting meanwhile). An export is written, and traced, in the background too (the
PDF is drawn here first: drawing needs Qt); the erasure as well. While one of them is on its
way the buttons wait, the message under the page says so and the dialog cannot be closed (the
answer would land unseen); the result, or the reason in French, comes with the database's
answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.reception.person_data import PersonData
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.printing import document_pdf
from acsrv_desktop.gui.tasks import failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind
from acsrv_desktop.gui.widgets import ask_save_path

LOADING = "Chargement…"
EXPORTING = "Export en cours…"
SAVING = "Enregistrement…"


class PersonDataDialog(QDialog):
    erased = Signal(int)

    def __init__(self, services: Services, visitor_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Données de la personne")
        self._services, self._visitor_id = services, visitor_id
        self._data: PersonData | None = None  # once read
        self._loading = True
        self._writing = False  # an export or the erasure is on its way
        self.view = QTextBrowser()
        self.view.setAccessibleName("Données conservées sur la personne")
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.pdf_button = self._button(buttons, "Exporter en &PDF…", self.export_pdf)
        self.json_button = self._button(buttons, "Exporter en &JSON…", self.export_json)
        self.erase_button = self._button(buttons, "&Effacer la fiche…", self.erase_record)
        self.erase_button.setVisible(services.actor.can(Permission.ERASE_VISITORS))
        self.close_button = buttons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(820, 640)
        self._update_buttons()
        self._say(LOADING)
        person_data = services.person_data
        run_in_background(
            lambda: person_data.read(visitor_id), self._loaded, self._load_failed, self
        )

    @property
    def is_busy(self) -> bool:
        """The person's data, an export or the erasure is on its way from the database."""
        return self._loading or self._writing

    def _button(self, box: QDialogButtonBox, text: str, slot: Callable[[], object]) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _update_buttons(self) -> None:
        ready = self._data is not None and not self.is_busy
        for button in (self.pdf_button, self.json_button, self.erase_button):
            button.setEnabled(ready)
        self.close_button.setEnabled(not self._writing)

    def _loaded(self, data: PersonData) -> None:
        self._loading = False
        self._data = data
        self.view.setHtml(data.html())
        self._say("")
        self._update_buttons()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False  # nothing to export or erase: « Fermer » closes
        self._update_buttons()
        self._say(f"Données illisibles : {failure_text(error)}", error=True)

    def _file_name(self, suffix: str) -> str:
        return f"donnees-personne-{self._visitor_id}.{suffix}"

    def export_pdf(self) -> None:
        data = self._data
        if data is None or self.is_busy:
            return
        path = ask_save_path(self, "Exporter les données", self._file_name("pdf"), "PDF (*.pdf)")
        if path is None:
            return
        try:
            atomic_output.check_target(path)  # not the database, the backups or the log
        except UserFacingError as exc:
            self._say(f"Export impossible : {exc}", error=True)
            return
        # Drawn here (Qt), then written whole and traced in the background.
        pdf = document_pdf(data.html(), "Données conservées sur une personne")
        person_data, visitor_id = self._services.person_data, data.visitor_id

        def write() -> None:
            atomic_output.write_pdf(path, pdf)
            person_data.record_export(visitor_id, "pdf")

        self._export(write, path)

    def export_json(self) -> None:
        data = self._data
        if data is None or self.is_busy:
            return
        path = ask_save_path(self, "Exporter les données", self._file_name("json"), "JSON (*.json)")
        if path is None:
            return
        person_data, visitor_id, text = self._services.person_data, data.visitor_id, data.as_json()

        def write() -> None:  # the file (maybe on a network drive) and its trace
            atomic_output.write_text(path, text)
            person_data.record_export(visitor_id, "json")

        self._export(write, path)

    def _export(self, work: Callable[[], None], path: Path) -> None:
        def done(_result: object) -> None:
            self._set_writing(False)
            self._say(f"Données exportées : {path}")

        def failed(error: BaseException) -> None:
            self._set_writing(False)
            self._say(f"Export impossible : {_reason(error)}", error=True)

        self._set_writing(True, EXPORTING)
        run_in_background(work, done, failed, self)

    def erase_record(self) -> None:
        if self._data is None or self.is_busy or not confirm_erasure(self):
            return
        privacy, visitor_id = self._services.privacy, self._data.visitor_id

        def done(kept: int) -> None:
            self._set_writing(False)
            self.erased.emit(kept)
            self.accept()

        def failed(error: BaseException) -> None:
            self._set_writing(False)
            self._say(f"Fiche non effacée : {failure_text(error)}", error=True)

        self._set_writing(True, SAVING)
        run_in_background(lambda: privacy.erase(visitor_id), done, failed, self)

    def _set_writing(self, writing: bool, message: str = "") -> None:
        self._writing = writing
        self._update_buttons()
        if writing:
            self._say(message)

    def _say(self, text: str, *, error: bool = False) -> None:
        set_kind(self.message, Kind.ERROR if error else None)
        show_message(self.message, text)

    def reject(self) -> None:
        if not self._writing:  # Échap while an export or the erasure is on its way: it lands
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._writing:
            event.ignore()
            return
        super().closeEvent(event)


def confirm_erasure(parent: QWidget) -> bool:
    """Erasure cannot be undone: say so, and make « Annuler » the default."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Effacer la fiche",
        "Effacer définitivement la fiche de cette personne ?\n\n"
        "Son nom, ses coordonnées et les notes de ses passages disparaissent. Ses passages "
        "restent comptés dans la fréquentation, anonymes. Cette action ne peut pas être "
        "annulée : exportez d’abord ses données si elle les demande.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    confirm = box.addButton("Effacer la fiche", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is confirm


def _reason(error: BaseException) -> str:
    return french_os_error(error) if isinstance(error, OSError) else failure_text(error)
