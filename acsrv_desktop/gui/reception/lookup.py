"""Finding the person at the Accueil: the search field, the people found, the record picked.

The typed words are looked up in the background once the typing pauses (only the answer to
the latest text is shown); Entrée opens a record only when the words designate one person
(``VisitorService.find``), otherwise the list is entered, or a new record started.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from acsrv_desktop.core.reception.visitors import Lookup, VisitorView
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.models import VisitorResultsModel, setup_table
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.tasks import LatestOnly, run_in_background

LOOKUP_DELAY_MS = 120  # results as you type, without a query per fast keystroke


class _HintLabel(QLabel):
    """The line under the results, wrapped — but asking its height as a plain minimum: a
    height-for-width widget would make the whole person box unsqueezable, and the form's
    layout would take the room from the needs instead of from the profile (which scrolls)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return False

    def _lines_height(self) -> int:
        width = self.width() if self.width() > 0 else 400
        return super().heightForWidth(width)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(0, self._lines_height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(super().sizeHint().width(), self._lines_height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # as many lines as this width needs


class VisitorSearch(QObject):
    """The search field and its list of the people found."""

    opened = Signal(object)  # the VisitorView of the record picked, read again
    new_person = Signal()  # nobody found for what was typed: a new record

    def __init__(
        self, area: QWidget, ui: Ui_ReceptionArea, services: Services, *, status: ShowStatus
    ) -> None:
        super().__init__(area)
        self._ui = ui
        self._visitors = services.visitors
        self._status = status
        self._lookups = LatestOnly(self)
        self._opening = False  # a record picked is being read
        self._cleared = 0  # how many times the search was emptied: older answers are dropped
        self.results = VisitorResultsModel(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LOOKUP_DELAY_MS)
        self.timer.timeout.connect(self.run)
        view = ui.visitorResultsView
        view.setModel(self.results)
        setup_table(view)
        view.hide()
        # The line under the results that says how to choose.
        self._hint = _HintLabel(ui.personBox)
        self._hint.setObjectName("visitorResultsHint")
        self._hint.setWordWrap(True)
        self._hint.hide()
        layout = ui.personLayout
        layout.insertWidget(layout.indexOf(view) + 1, self._hint)
        self.results.modelReset.connect(
            lambda: self._hint.setVisible(self._hint.isVisible() and self.results.rowCount() > 0)
        )
        ui.visitorSearchEdit.textChanged.connect(lambda _t: self.timer.start())
        view.activated.connect(lambda index: self.pick(index.row()))

    @property
    def busy(self) -> bool:
        """A lookup, or the opening of a record, is waiting for the database."""
        return self._lookups.busy or self._opening

    @property
    def typed(self) -> str:
        return self._ui.visitorSearchEdit.text()

    def focus(self) -> None:
        self._ui.visitorSearchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._ui.visitorSearchEdit.selectAll()

    def clear(self) -> None:
        """Nothing typed, nobody listed (no lookup follows: there is nothing to look up)."""
        if self._ui.visitorSearchEdit.text():
            self._ui.visitorSearchEdit.clear()
        self.timer.stop()
        self._cleared += 1  # an answer still on its way is for a person gone
        self.forget_results()

    def forget_results(self) -> None:
        """The list emptied and hidden (↓ no longer goes into a hidden list)."""
        if self.results.rowCount() or self.results.lookup.typed:
            self.results.set_rows([])
        self._hint.hide()
        self._ui.visitorResultsView.hide()

    # -- looking up ---------------------------------------------------------------------------

    def run(self, then: Callable[[], None] | None = None) -> None:
        """Look the typed words up in the background; only the answer to the latest text is
        shown (``then`` runs after it: Entrée pressed before the answer came)."""
        typed, cleared = self.typed, self._cleared

        def show(found: Lookup) -> None:
            if cleared != self._cleared:
                return
            self._show(found)
            if then is not None:
                then()

        if not typed.strip():
            show(Lookup(typed, []))
            return
        self._lookups.run(
            lambda: self._visitors.find(typed),
            show,
            lambda exc: self._status(str(exc), error=True),
        )

    def enter_pressed(self) -> None:
        """Entrée in the search field: once the results are those of the text typed."""
        if self.timer.isActive() or self.results.lookup.typed != self.typed:
            self.timer.stop()  # the results shown are not yet those of the text: wait for them
            self.run(then=self.take_what_was_typed)
        elif not self._lookups.busy:
            self.take_what_was_typed()

    def take_what_was_typed(self) -> None:
        """A record only when the words typed designate one person (``designated_visitor``);
        otherwise staff choose in the list, or a new one."""
        if self.results.lookup.designated is not None:
            self.pick(0)
        elif self.results.rowCount():
            self.enter_results()
        else:
            self.new_person.emit()

    def _show(self, found: Lookup) -> None:
        self.results.set_lookup(found)
        self._ui.visitorResultsView.setVisible(bool(found.visitors))
        if found.visitors:
            self._status(self._results_hint())
        self._hint.setText(self._results_hint())
        self._hint.setVisible(bool(found.visitors))

    def _results_hint(self) -> str:
        count = self.results.rowCount()
        s = "s" if count > 1 else ""
        what = (
            f"Aucune personne à ce nom exact ; {count} orthographe{s} proche{s}"
            if self.results.close_spellings
            else f"{count} personne{s} trouvée{s}"
        )
        return f"{what} — ↓ puis Entrée pour choisir, Alt+N pour une nouvelle fiche."

    def has_results(self) -> bool:
        return self.results.rowCount() > 0

    def enter_results(self) -> None:
        view = self._ui.visitorResultsView
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.selectRow(0)
        self._status(self._results_hint())

    # -- the record picked --------------------------------------------------------------------

    def pick_current(self) -> None:
        self.pick(self._ui.visitorResultsView.currentIndex().row())

    def pick(self, row: int) -> None:
        """Open the record of the row: read again, and traced (a write, in the background)."""
        if not 0 <= row < self.results.rowCount() or self._opening:
            return
        visitor_id = self.results.rows[row].id
        self._opening = True

        def failed(exc: BaseException) -> None:
            self._opening = False
            self._status(str(exc), error=True)

        run_in_background(
            lambda: self._visitors.open_record(visitor_id), self._opened, failed, self
        )

    def _opened(self, visitor: VisitorView | None) -> None:
        self._opening = False
        if visitor is None:
            self._status("Cette personne n’existe plus (fiche fusionnée ou effacée).", error=True)
            return
        self._ui.visitorResultsView.hide()
        self._hint.hide()
        self.opened.emit(visitor)
