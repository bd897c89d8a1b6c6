"""Correcting a saved visit: channel, needs, note, and the time on purpose only.

The dialog opens on the channel (the field usually corrected). The date and time stay locked
until « Changer la date ou l’heure » is ticked, so that an arrow key passing through the form
can never move a visit to another day.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.profile import FieldErrors
from acsrv_desktop.core.reception.visits import CHANNELS, PARIS, VisitRow, VisitService
from acsrv_desktop.gui.forms.ui_visit_dialog import Ui_VisitDialog
from acsrv_desktop.gui.widgets import (
    checked_values,
    fill_checklist,
    show_paris_time,
    show_refusal,
    typed_paris_time,
)


class VisitDialog(QDialog):
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

    def _unlock_time(self, unlocked: bool) -> None:
        self.ui.occurredEdit.setEnabled(unlocked)
        if unlocked:
            self.ui.occurredEdit.setFocus()
        else:  # back to the visit's own time
            show_paris_time(self.ui.occurredEdit, self._visit.occurred_at)

    def _save(self) -> None:
        ui = self.ui
        occurred = None
        if ui.occurredChangeCheck.isChecked():
            typed = typed_paris_time(ui.occurredEdit)
            shown = self._visit.occurred_at.astimezone(PARIS).replace(second=0, microsecond=0)
            occurred = typed if typed != shown else None  # the minute shown, left as it was
        try:
            self._visits.update(
                self._visit.id,
                channel=ui.channelCombo.currentData(),
                occurred_at=occurred,
                needs=tuple(checked_values(ui.needsList)),
                note=ui.noteEdit.toPlainText() or None,
            )
        except FieldErrors as exc:
            self._refuse(" ; ".join(exc.errors.values()))
            return
        except UserFacingError as exc:
            self._refuse(str(exc))
            return
        self.accept()

    def _refuse(self, message: str) -> None:
        show_refusal(self.ui.errorLabel, message)
