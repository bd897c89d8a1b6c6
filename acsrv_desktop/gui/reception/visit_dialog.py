"""Correcting a saved visit: channel, needs, note, and the time on purpose only.

The dialog opens on the channel (the field usually corrected). The date and time stay locked
until « Changer la date ou l’heure » is ticked, so that an arrow key passing through the form
can never move a visit to another day.

The correction is written in the background: meanwhile the form is read-only and says
« Enregistrement… », and the dialog cannot be closed (the answer would land unseen). Saved,
the dialog says so (``saved``) and closes; refused, or the database did not answer, it stays
open with everything typed and the reason in French under the form.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.profile import FieldErrors
from acsrv_desktop.core.reception.visits import CHANNELS, VisitRow, VisitService
from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.forms.ui_visit_dialog import Ui_VisitDialog
from acsrv_desktop.gui.tasks import failure_text, run_in_background
from acsrv_desktop.gui.theme import set_kind
from acsrv_desktop.gui.widgets import (
    checked_values,
    fill_checklist,
    show_paris_time,
    show_refusal,
    typed_paris_time,
)

SAVING = "Enregistrement…"


class VisitDialog(QDialog):
    saved = Signal()  # the correction is in the database (the dialog then closes)

    def __init__(
        self,
        visits: VisitService,
        visit: VisitRow,
        vocab: Vocabularies,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_VisitDialog()
        self.ui.setupUi(self)
        self._visits, self._visit = visits, visit
        self._saving = False
        self._focus_before_save: QWidget | None = None
        ui = self.ui
        ui.whoLabel.setText(f"Passage de {visit.local_time} — {visit.who}")
        show_paris_time(ui.occurredEdit, visit.occurred_at)
        ui.occurredChangeCheck.toggled.connect(self._unlock_time)
        for code, label in CHANNELS.items():
            ui.channelCombo.addItem(label, code)
        ui.channelCombo.setCurrentIndex(ui.channelCombo.findData(visit.channel))
        labels = {slug: vocab.thematique_label(slug) for slug in vocab.thematiques}
        fill_checklist(ui.needsList, labels, list(visit.needs))
        ui.noteEdit.setPlainText(visit.note or "")
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("&Enregistrer")
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        ui.buttonBox.accepted.connect(self._save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.errorLabel.hide()
        ui.noteEdit.setMaximumHeight(90)  # a short note; the needs list takes the room
        self.resize(720, 600)
        ui.channelCombo.setFocus()

    @property
    def is_busy(self) -> bool:
        """The correction is on its way to the database (the form is read-only meanwhile)."""
        return self._saving

    def _unlock_time(self, unlocked: bool) -> None:
        self.ui.occurredEdit.setEnabled(unlocked)
        if unlocked:
            self.ui.occurredEdit.setFocus()
        else:  # back to the visit's own time
            show_paris_time(self.ui.occurredEdit, self._visit.occurred_at)

    def _save(self) -> None:
        if self._saving:
            return  # Entrée again while the database answers: one correction
        ui = self.ui
        occurred = None
        if ui.occurredChangeCheck.isChecked():
            typed = typed_paris_time(ui.occurredEdit)
            shown = self._visit.occurred_at.astimezone(PARIS).replace(second=0, microsecond=0)
            occurred = typed if typed != shown else None  # the minute shown, left as it was
        visits, visit_id = self._visits, self._visit.id
        channel = ui.channelCombo.currentData()
        needs = tuple(checked_values(ui.needsList))
        note = ui.noteEdit.toPlainText() or None
        self._set_saving(True)
        run_in_background(
            lambda: visits.update(
                visit_id, channel=channel, occurred_at=occurred, needs=needs, note=note
            ),
            self._saved,
            self._failed,
            self,
        )

    def _saved(self, _result: object) -> None:
        self._set_saving(False)
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)  # everything typed is still there
        if isinstance(error, FieldErrors):
            show_refusal(self.ui.errorLabel, " ; ".join(error.errors.values()))
        else:
            show_refusal(self.ui.errorLabel, failure_text(error))

    def _set_saving(self, saving: bool) -> None:
        """Read-only while the database answers; the focus back where it was after."""
        ui = self.ui
        if saving:
            self._focus_before_save = QApplication.focusWidget()
        self._saving = saving
        for widget in (ui.channelCombo, ui.occurredChangeCheck, ui.needsList, ui.noteEdit):
            widget.setEnabled(not saving)
        ui.occurredEdit.setEnabled(not saving and ui.occurredChangeCheck.isChecked())
        ui.buttonBox.setEnabled(not saving)
        if saving:
            set_kind(ui.errorLabel, None)
            show_message(ui.errorLabel, SAVING)
            return
        show_message(ui.errorLabel, "")
        focus = self._focus_before_save
        if focus is not None and self.isAncestorOf(focus) and focus.isEnabled():
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if not self._saving:  # Échap while the correction is on its way: it lands first
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._saving:
            event.ignore()
            return
        super().closeEvent(event)
