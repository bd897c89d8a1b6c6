"""The day's visits at the Accueil: the list of the workstation's centre, its counters, and
the correction or cancellation of a visit picked in it (F2, Suppr).

The list is read in the background (only the latest answer is shown), again every 30 s for
the visits saved on the other workstations of the centre, and when the desk's window is
activated again; a visit just saved joins it without a read.

A cancellation, a restoration (Suppr) and a correction (F2, ``visit_dialog.py``) are written
in the background too: meanwhile the list's actions wait (Suppr and F2 do nothing, their
buttons are disabled) and the status says « Enregistrement… »; the list is read again when
the database has answered, or the reason it did not is said in French.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHeaderView, QMessageBox, QWidget

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.visits import VisitRow
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.reception.models import TodayModel, setup_table
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.reception.visit_dialog import VisitDialog
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background

NEEDS_CHARACTERS = 24  # the width of the day's « Besoins » column
TODAY_REFRESH_MS = 30_000  # visits saved on the other workstations of the centre
STALE_ON_ACTIVATION_S = 2.0  # not read again right after a dialog of the area closed
SAVING = "Enregistrement…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def _new_people(count: int) -> str:
    return f"{count} nouvelle{'s' if count > 1 else ''} personne{'s' if count > 1 else ''}"


class TodayList(QObject):
    """The day's list of the Accueil: owns its model, its reads and its refresh timer."""

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        services: Services,
        preferences: Preferences,
        *,
        clock: Callable[[], datetime],
        status: ShowStatus,
    ) -> None:
        super().__init__(area)
        self._area = area  # the parent of the dialogs
        self._ui = ui
        self._actor = services.actor
        self._visits = services.visits
        self._centres = services.centres
        self._vocab = services.catalogue.vocab
        self._preferences = preferences
        self._clock = clock  # aware UTC
        self._status = status
        self._reads = LatestOnly(self)
        self._read_at = 0.0  # time.monotonic() of the last reading of the day's list
        self._centre_id: int | None = None  # whose visits the list shows
        self._writing = False  # a cancellation or a restoration is on its way
        self._dialog: VisitDialog | None = None  # the last correction dialog opened
        self.model = TodayModel(self._vocab, self)
        self.timer = QTimer(self)
        self.timer.setInterval(TODAY_REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        view = ui.todayView
        view.setModel(self.model)
        setup_table(view)
        # The needs take a share of their own, elided (whole in the tooltip): the referrals
        # and the contacts' answers after them stay in sight at 1280 px.
        header = view.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, view.fontMetrics().averageCharWidth() * NEEDS_CHARACTERS)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.installEventFilter(self)
        view.activated.connect(lambda _index: self.edit_selected_visit())
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._update_visit_buttons()
        )
        ui.cancelVisitButton.clicked.connect(self.toggle_cancel_selected_visit)
        ui.editVisitButton.clicked.connect(self.edit_selected_visit)

    def start(self) -> None:
        """The first reading, then one every 30 s."""
        self.refresh()
        self.timer.start()

    @property
    def busy(self) -> bool:
        """A reading of the day's list, or a change to one of its visits (a cancellation, a
        restoration, a correction), is waiting for the database."""
        return self._reads.busy or self._writing or self.correcting

    @property
    def correcting(self) -> bool:
        """A correction typed in the visit dialog is on its way to the database."""
        dialog = self._dialog
        return dialog is not None and shiboken6.isValid(dialog) and dialog.is_busy

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self._ui.todayView
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Delete:
                self.toggle_cancel_selected_visit()
                return True
            if event.key() == Qt.Key.Key_F2:
                self.edit_selected_visit()
                return True
        return super().eventFilter(watched, event)

    def window_activated(self) -> None:
        """Back to the desk's window: show what the other workstations saved meanwhile (not
        again right after a dialog of this area closed: its action refreshed the list)."""
        if time.monotonic() - self._read_at > STALE_ON_ACTIVATION_S:
            self.refresh()

    def refresh(self) -> None:
        """Read the day's visits again, in the background (visits saved on the other
        workstations of the centre appear; the selected one stays selected)."""
        self._read_at = time.monotonic()
        today = self._clock().astimezone(PARIS).date()
        all_centres = self._actor.can(Permission.ALL_CENTRES)
        name, own = self._preferences.workstation_centre, self._actor.centre_id

        def read() -> tuple[int | None, list[VisitRow]]:
            if all_centres:
                centre = self._centres.by_name(name) if name else None
                centre_id = centre.id if centre else None
            else:
                centre_id = own
            return centre_id, self._visits.day(centre_id, today)

        def failed(exc: BaseException) -> None:
            self._status(str(exc), error=True)
            self._show(None, [])

        self._reads.run(read, lambda answer: self._show(*answer), failed)

    def _show(self, centre_id: int | None, rows: list[VisitRow]) -> None:
        self._centre_id = centre_id
        selected = self.selected_visit()
        self.model.set_rows(rows)
        if selected is not None:  # the same visit stays selected, wherever it moved
            for row, visit in enumerate(rows):
                if visit.id == selected.id:
                    self._ui.todayView.selectionModel().setCurrentIndex(
                        self.model.index(row, 0),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    break
        self._show_counters()

    def _show_counters(self) -> None:
        c = self._visits.counters(self.model.rows)
        self._ui.countersLabel.setText(
            f"{_plural(c.visits, 'passage')} · {_plural(c.people, 'personne')} · "
            f"{_plural(c.anonymous, 'anonyme')} · {_new_people(c.new_visitors)} · "
            f"{_plural(c.referrals, 'orientation')} — sur place {c.by_channel['sur-place']}, "
            f"téléphone {c.by_channel['telephone']}, courriel {c.by_channel['courriel']}"
        )
        self._update_visit_buttons()

    def add(self, row: VisitRow | None) -> None:
        """The visit just saved joins the day's list (the same as reading the day again,
        without reading it: a test compares the two)."""
        today = self._clock().astimezone(PARIS).date()
        shown = self._centre_id
        if row is None or row.occurred_at.astimezone(PARIS).date() != today:
            return  # a past visit typed by hand: not today's
        if shown is not None and row.centre_id != shown:
            return
        if self._reads.busy:  # a reading on its way may predate the visit: read again after it
            self.refresh()  # (only the latest answer is shown)
        if any(visit.id == row.id for visit in self.model.rows):
            return  # a reading that followed the save has it already
        self.model.add(row)
        self._show_counters()

    def selected_visit(self) -> VisitRow | None:
        row = self._ui.todayView.currentIndex().row()
        return self.model.visit(row) if 0 <= row < self.model.rowCount() else None

    def _update_visit_buttons(self) -> None:
        ui, visit = self._ui, self.selected_visit()
        idle = not self._writing
        ui.cancelVisitButton.setEnabled(idle and visit is not None)
        ui.editVisitButton.setEnabled(idle and visit is not None and not visit.cancelled)
        ui.cancelVisitButton.setText(
            "Rétablir le passage  (Suppr)"
            if visit and visit.cancelled
            else "Annuler le passage  (Suppr)"
        )

    def edit_selected_visit(self) -> None:
        """F2: the visit's correction dialog; the correction is written in the background
        (see ``visit_dialog.py``), then the list is read again."""
        visit = self.selected_visit()
        if visit is None or visit.cancelled or self._writing:
            return
        dialog = VisitDialog(self._visits, visit, self._vocab, self._area)
        dialog.saved.connect(lambda: self._changed(f"Passage de {visit.local_time} corrigé."))
        self._dialog = dialog
        dialog.exec()
        if dialog.is_busy:  # (its answer still to come: it goes once it has closed)
            dialog.finished.connect(dialog.deleteLater)
        else:
            dialog.deleteLater()

    def toggle_cancel_selected_visit(self) -> None:
        """Suppr: cancel the visit selected (once confirmed), or restore it if cancelled; the
        write runs in the background, the list's actions waiting for its answer."""
        visit = self.selected_visit()
        if visit is None or self._writing:
            return
        visits, visit_id = self._visits, visit.id
        if visit.cancelled:
            self._write(
                lambda: visits.restore(visit_id),
                f"Passage de {visit.local_time} rétabli.",
                "Passage non rétabli",
            )
            return
        answer = QMessageBox.question(
            self._area,
            "Annuler le passage",
            f"Annuler le passage de {visit.local_time} ({visit.who}) ?\n\nIl reste dans "
            "l’historique, marqué annulé, et ne compte plus dans les chiffres. Vous "
            "pourrez le rétablir.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._write(
            lambda: visits.cancel(visit_id),
            f"Passage de {visit.local_time} annulé (Suppr pour le rétablir).",
            "Passage non annulé",
        )

    def _write(self, work: Callable[[], None], done: str, refused: str) -> None:
        """``work`` in the background; ``done`` said once written, else ``refused`` and why."""
        self._set_writing(True)

        def written(_result: object) -> None:
            self._set_writing(False)
            self._changed(done)

        def failed(error: BaseException) -> None:
            self._set_writing(False)
            self._status(f"{refused} : {failure_text(error)}", error=True)

        run_in_background(work, written, failed, self)

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        if writing:
            self._status(SAVING)
        self._update_visit_buttons()

    def _changed(self, message: str) -> None:
        """A visit of the list was changed: say so, and read the day again."""
        self._status(message)
        self.refresh()
