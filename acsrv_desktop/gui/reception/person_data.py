"""A person's data at the desk: see everything held, export it (PDF, JSON), erase the record."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
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

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.reception.person_data import PersonData
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.printing import save_document_pdf
from acsrv_desktop.gui.widgets import ask_save_path


class PersonDataDialog(QDialog):
    erased = Signal(int)

    def __init__(self, services: Services, data: PersonData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Données de la personne")
        self._services, self._data = services, data
        view = QTextBrowser()
        view.setHtml(data.html())
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.pdf_button = self._button(buttons, "Exporter en &PDF…", self.export_pdf)
        self.json_button = self._button(buttons, "Exporter en &JSON…", self.export_json)
        self.erase_button = self._button(buttons, "&Effacer la fiche…", self.erase_record)
        self.erase_button.setVisible(services.actor.can(Permission.ERASE_VISITORS))
        close = buttons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(820, 640)

    def _button(self, box: QDialogButtonBox, text: str, slot: Callable[[], object]) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _file_name(self, suffix: str) -> str:
        return f"donnees-personne-{self._data.visitor_id}.{suffix}"

    def export_pdf(self) -> None:
        path = ask_save_path(self, "Exporter les données", self._file_name("pdf"), "PDF (*.pdf)")
        if path is None:
            return
        try:
            save_document_pdf(self._data.html(), path, "Données conservées sur une personne")
            self._services.person_data.record_export(self._data.visitor_id, "pdf")
        except (OSError, UserFacingError) as exc:
            self._say(f"Export impossible : {_reason(exc)}")
            return
        self._say(f"Données exportées : {path}")

    def export_json(self) -> None:
        path = ask_save_path(self, "Exporter les données", self._file_name("json"), "JSON (*.json)")
        if path is None:
            return
        try:
            path.write_text(self._data.as_json(), encoding="utf-8")
            self._services.person_data.record_export(self._data.visitor_id, "json")
        except (OSError, UserFacingError) as exc:
            self._say(f"Export impossible : {_reason(exc)}")
            return
        self._say(f"Données exportées : {path}")

    def erase_record(self) -> None:
        if not confirm_erasure(self):
            return
        try:
            kept = self._services.privacy.erase(self._data.visitor_id)
        except UserFacingError as exc:
            self._say(str(exc))
            return
        self.erased.emit(kept)
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)


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


def _reason(exc: Exception) -> str:
    return french_os_error(exc) if isinstance(exc, OSError) else str(exc)
