"""« Corriger la fiche » (Ctrl+Maj+S) at the Accueil: the record picked, as corrected in the
form, written without logging a visit — in the background.

As for a visit's save (``saving.py``): core's rules for what is typed are checked at once
(the messages next to the fields), then the form is read-only while the database answers
(its keys and clicks held back at once, greyed if the answer is slow) and the status says
« Enregistrement… ». The record shown as saved, or the reason in French with everything
typed still there, comes with the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from acsrv_desktop.core.reception.profile import FieldErrors
from acsrv_desktop.core.reception.visitors import VisitorView
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.field_errors import FieldMessages
from acsrv_desktop.gui.reception.person_form import PersonForm
from acsrv_desktop.gui.reception.saving import SLOW_SAVE_MS, FormInputGuard
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.tasks import failure_text, run_in_background

NO_RECORD = "Choisissez d’abord une personne déjà venue."
SAVING = "Enregistrement…"


class RecordCorrection(QObject):
    """The correction of the record picked, one at a time."""

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        services: Services,
        *,
        person: PersonForm,
        messages: FieldMessages,
        status: ShowStatus,
    ) -> None:
        super().__init__(area)
        self._area, self._ui = area, ui
        self._visitors = services.visitors
        self._person = person
        self._messages = messages
        self._status = status
        self._saving = False
        self._held = FormInputGuard(area)
        self._focus_before: QWidget | None = None
        self._greyed: list[QWidget] = []  # what a slow answer greyed
        self._grey_timer = QTimer(self)
        self._grey_timer.setSingleShot(True)
        self._grey_timer.setInterval(SLOW_SAVE_MS)
        self._grey_timer.timeout.connect(lambda: self._grey(self._saving))

    @property
    def busy(self) -> bool:
        """The correction is on its way to the database (the form is read-only meanwhile)."""
        return self._saving

    def start(self) -> None:
        """Check what is typed, then write the record in the background."""
        if self._saving:
            return  # Ctrl+Maj+S again meanwhile: one correction
        visitor = self._person.visitor
        if visitor is None:
            self._status(NO_RECORD, error=True)
            return
        self._person.communes.settle()
        self._messages.clear()
        try:
            self._person.check_typed()  # core's rules for what is typed (first name, year)
        except FieldErrors as exc:
            self._refused(exc)
            return
        visitors, visitor_id, typed = self._visitors, visitor.id, self._person.read()
        self._set_saving(True)
        run_in_background(
            lambda: visitors.update(visitor_id, typed), self._saved, self._failed, self._area
        )

    def _saved(self, visitor: VisitorView) -> None:
        self._set_saving(False)
        shown = self._person.visitor
        if shown is not None and shown.id == visitor.id:  # still the record in the form
            self._person.show_record(visitor)
        self._status(f"Fiche de {visitor.display_name} corrigée.")

    def _failed(self, error: BaseException) -> None:
        self._set_saving(False)  # everything typed is still there
        if isinstance(error, FieldErrors):
            self._refused(error)
        else:
            self._status(f"Fiche non corrigée : {failure_text(error)}", error=True)

    def _refused(self, error: FieldErrors) -> None:
        self._messages.show(error.errors)
        self._status("Fiche non corrigée : corrigez les champs indiqués en rouge.", error=True)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        app = QApplication.instance()
        if saving:
            self._focus_before = QApplication.focusWidget()
            if app is not None:
                app.installEventFilter(self._held)
            self._status(SAVING)
            self._grey_timer.start()
            return
        if app is not None:
            app.removeEventFilter(self._held)
        self._grey_timer.stop()
        self._grey(False)
        focus = self._focus_before
        if focus is not None and self._area.isAncestorOf(focus):
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _grey(self, grey: bool) -> None:
        """A slow answer: the record's part and its buttons greyed (and only those greyed
        here are enabled again)."""
        if not grey:
            for widget in self._greyed:
                widget.setEnabled(True)
            self._greyed = []
            return
        ui = self._ui
        for widget in (ui.personBox, ui.correctRecordButton, ui.saveButton, ui.clearButton):
            if widget.isEnabled():
                widget.setEnabled(False)
                self._greyed.append(widget)
