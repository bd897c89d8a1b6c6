"""Saving a visit at the Accueil: from Ctrl+Entrée to the visit in the database, with no
query on the GUI thread.

The save starts at once: the form is read-only (keys and clicks held back, greyed if the
answer is slow) and says « Enregistrement… ». Then, in the background: the workstation's
centre when it is not known yet, the records with the same name and birth year when a new
record is to be created, and the visit itself. The GUI thread only asks what must be asked
when an answer needs it — which centre this workstation is in, whether a namesake is another
person (« Annuler » by default: nothing is written, the form stays as typed and editable
again) — then the save goes on in the background. A draft's record still being read again
is waited for first (the visit must count on that record, not on a new one).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TypeAlias

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.profile import FieldErrors
from acsrv_desktop.core.reception.visitors import VisitorService, VisitorView
from acsrv_desktop.core.reception.visits import VisitInput, VisitRow
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.field_errors import FieldMessages
from acsrv_desktop.gui.reception.person_form import NamesakeQuery, PersonForm
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.reception.workstation import CentreLookup, WorkstationCentre
from acsrv_desktop.gui.tasks import run_in_background

log = logging.getLogger(__name__)
SLOW_SAVE_MS = 300  # a save still waiting after this greys the form
CENTRE_TO_BE_FOUND = 0  # the visit's centre until the background save has found it
NO_CENTRE = "Choisissez d’abord le centre de ce poste (Fichier > Préférences)."


class FormInputGuard(QObject):
    """Holds back the keys and clicks meant for the Accueil's form while a write waits (the
    rest of the application, the window's own painting and a question asked in a window of
    its own go on)."""

    HELD = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Shortcut,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.Wheel,
        }
    )

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self._area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() not in self.HELD or not isinstance(watched, QWidget):
            return False
        return watched is self._area or self._area.isAncestorOf(watched)


# -- what the background save answers ----------------------------------------------------------


@dataclass(frozen=True)
class _NoCentre:
    """No centre for this workstation yet: the centres to choose from (none: none may be)."""

    centres: list[CentreView]


@dataclass(frozen=True)
class _Namesakes:
    """A record with the same name and birth year exists: ask before creating another."""

    centre: CentreView
    same: list[VisitorView]


@dataclass(frozen=True)
class _Saved:
    centre: CentreView
    visit_id: int
    row: VisitRow | None  # for the day's list, one row


_Answer: TypeAlias = _NoCentre | _Namesakes | _Saved


def _namesakes(visitors: VisitorService, ask: NamesakeQuery) -> list[VisitorView]:
    """Other records with the name and birth year typed (on the worker: a query)."""
    try:
        return visitors.possible_duplicates(ask.first_name, ask.last_name, ask.birth_year, None)
    except UserFacingError:
        return []  # the save itself says what is wrong with the database


class VisitSave(QObject):
    """The save of the Accueil's form, one at a time."""

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        services: Services,
        *,
        person: PersonForm,
        centre: WorkstationCentre,
        visit_input: Callable[[int], VisitInput],
        messages: FieldMessages,
        status: ShowStatus,
        saved: Callable[[VisitInput, int, VisitRow | None], None],
    ) -> None:
        super().__init__(area)
        self._area, self._ui = area, ui
        self._visits = services.visits
        self._visitors = services.visitors
        self._person, self._centre = person, centre
        self._visit_input = visit_input  # the form as a visit, for a centre
        self._messages = messages
        self._status = status
        self._saved = saved  # the area's follow-up: the message, the form cleared, the list
        self._saving = False
        self._waiting_for_record = False  # Ctrl+Entrée while a draft's record was read again
        self._input_guard = FormInputGuard(area)
        self._grey_timer = QTimer(self)  # a slow save: the form greys, the status says why
        self._grey_timer.setSingleShot(True)
        self._grey_timer.setInterval(SLOW_SAVE_MS)
        self._grey_timer.timeout.connect(lambda: self._grey_form(self._saving))
        self._focus_before_save: QWidget | None = None
        person.record_settled.connect(self._record_settled)

    @property
    def saving(self) -> bool:
        """A save is on its way (the form is read-only meanwhile)."""
        return self._saving

    def start(self) -> None:
        """Ctrl+Entrée: save the visit (once: pressed again meanwhile, nothing more)."""
        if self._saving:
            return
        if self._person.reopening:  # the visit counts on the draft's record: wait for it
            self._set_saving(True)
            self._waiting_for_record = True
            return
        self._begin()

    def _record_settled(self, answered: bool) -> None:
        if not self._waiting_for_record:
            return
        self._waiting_for_record = False
        if answered:
            self._begin()
        else:
            self._stop()  # the form changed under the save (cleared by code): nothing saved
            self._status("Passage non enregistré : le formulaire a changé.", error=True)

    def _begin(self) -> None:
        self._person.communes.settle()  # « Val » half-typed with the list open is judged as such
        self._messages.clear()
        try:
            self._person.check_typed()  # core's rules for what is typed (first name, year)
        except FieldErrors as exc:
            self._stop()
            self._show_errors(exc.errors)
            return
        data = self._visit_input(CENTRE_TO_BE_FOUND)  # the visit's time: now, at Ctrl+Entrée
        self._set_saving(True)
        self._go_on(data, self._centre.lookup(), self._person.namesake_query())

    def _go_on(self, data: VisitInput, lookup: CentreLookup, ask: NamesakeQuery | None) -> None:
        """The rest of the save, in the background (the database may wait for another
        workstation's write, or a network blip: the window keeps answering meanwhile)."""
        visits, visitors = self._visits, self._visitors

        def work() -> _Answer:
            centre = lookup.find()
            if centre is None:
                return _NoCentre(lookup.centres.centres() if lookup.may_choose else [])
            if ask is not None:
                same = _namesakes(visitors, ask)
                if same:
                    return _Namesakes(centre, same)
            visit_id = visits.log_visit(replace(data, centre_id=centre.id))
            return _Saved(centre, visit_id, visits.row(visit_id))

        def answered(answer: _Answer) -> None:
            if isinstance(answer, _NoCentre):
                self._choose_centre(data, lookup, ask, answer.centres)
                return
            self._centre.keep(lookup.key, answer.centre)
            if isinstance(answer, _Namesakes):
                self._ask_about_namesakes(data, replace(lookup, known=answer.centre), answer)
            else:
                self._stop()
                self._saved(replace(data, centre_id=answer.centre.id), answer.visit_id, answer.row)

        run_in_background(work, answered, self._failed, self._area)

    # -- what is asked on the way -------------------------------------------------------------

    def _choose_centre(
        self,
        data: VisitInput,
        lookup: CentreLookup,
        ask: NamesakeQuery | None,
        centres: list[CentreView],
    ) -> None:
        self._pause()
        chosen = self._centre.ask(centres) if centres else None
        if chosen is None:
            self._stop()
            self._status(NO_CENTRE, error=True)
            return
        self._resume()
        self._go_on(data, replace(lookup, key=chosen.name, known=chosen), ask)

    def _ask_about_namesakes(
        self, data: VisitInput, lookup: CentreLookup, found: _Namesakes
    ) -> None:
        self._pause()

        def answered(create: bool) -> None:
            if not create:
                self._area.window().activateWindow()  # back from the question's window
                self._stop()  # the status says why; everything typed is still there
                return
            self._resume()
            self._go_on(data, lookup, None)

        self._person.ask_about_namesakes(found.same, answered)

    # -- the form while it waits --------------------------------------------------------------

    def _set_saving(self, saving: bool) -> None:
        """Read-only while the database answers: keys and clicks on the form are held back at
        once; the form is greyed only if the answer is slow (a save takes a few ms: no flash)."""
        if saving == self._saving:
            return
        self._saving = saving
        app = QApplication.instance()
        if saving:  # the field being typed in gets the keys back if the save fails
            self._focus_before_save = QApplication.focusWidget()
            if app is not None:
                app.installEventFilter(self._input_guard)
            self._resume()
        else:
            if app is not None:
                app.removeEventFilter(self._input_guard)
            self._pause()

    def _pause(self) -> None:
        """A question is asked (in a window of its own): the form shown as it is, behind it."""
        self._grey_timer.stop()
        self._grey_form(False)

    def _resume(self) -> None:
        self._status("Enregistrement…")
        self._grey_timer.start()

    def _stop(self) -> None:
        """The save is over, or did not happen: the form is editable again."""
        was_saving = self._saving
        self._waiting_for_record = False
        self._set_saving(False)
        focus = self._focus_before_save
        if was_saving and focus is not None and self._area.isAncestorOf(focus):
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _grey_form(self, grey: bool) -> None:
        ui = self._ui
        for widget in (ui.personBox, ui.visitBox, ui.suggestionsBox, ui.saveButton):
            if widget.isEnabled() == grey:
                widget.setEnabled(not grey)
        ui.clearButton.setEnabled(not grey)

    def _failed(self, error: BaseException) -> None:
        self._stop()  # everything typed is still there
        if isinstance(error, FieldErrors):
            self._show_errors(error.errors)
        elif isinstance(error, UserFacingError):
            self._status(f"Passage non enregistré : {error}", error=True)
        else:
            log.error("enregistrement du passage impossible : %s", type(error).__name__)
            self._status(
                "Passage non enregistré : erreur inattendue (voir le journal). Vos saisies "
                "sont conservées.",
                error=True,
            )

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._messages.show(errors)
        self._status("Passage non enregistré : corrigez les champs indiqués en rouge.", error=True)
