"""« Refusée… »: why a referral was refused, and an optional comment, in one dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.reception.profile import MAX_NOTE
from acsrv_desktop.core.reception.referrals import REFUSAL_REASONS
from acsrv_desktop.gui.theme import set_default_width
from acsrv_desktop.gui.widgets import save_cancel_buttons


class RefusalDialog(QDialog):
    """The reason (one of REFUSAL_REASONS, the first chosen) and the comment; Entrée saves,
    Échap cancels. ``note`` is what was typed before a save that failed: not typed again."""

    def __init__(self, programme: str, note: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusalDialog")
        self.setWindowTitle("Orientation refusée")
        about = QLabel(f"Orientation vers « {programme} » : pourquoi est-elle refusée ?")
        about.setWordWrap(True)
        self.reason_combo = QComboBox()
        for code, label in REFUSAL_REASONS.items():
            self.reason_combo.addItem(label, code)
        self.note_edit = QLineEdit(note)
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText("facultatif")
        form = QFormLayout()
        form.addRow("&Raison :", self.reason_combo)
        form.addRow("&Commentaire :", self.note_edit)
        # Below the form, not in it: a wrapped label in a form row gets clipped.
        privacy = QLabel(
            f"{MAX_NOTE} caractères au plus. La personne peut demander à lire ce commentaire : "
            "il fait partie de ses données."
        )
        privacy.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(privacy)
        layout.addWidget(save_cancel_buttons(self, self.accept))
        set_default_width(self, 74)
        self.reason_combo.setFocus()

    def reason(self) -> str:
        code = self.reason_combo.currentData()
        assert isinstance(code, str)  # every item has its code
        return code

    def note(self) -> str:
        return self.note_edit.text().strip()
