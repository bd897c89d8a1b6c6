"""The programmes proposed for the person (core's routing), which staff tick to refer them;
any other programme of the catalogue can be found by name (Ctrl+K). Alt+O goes to the list,
Ctrl+O ticks the best suggestion that suits the person.

The suggestions are computed here, on the GUI thread, from the catalogue's snapshot the
panel keeps (``CatalogueSnapshot``: the entries and their index, no query to read them).
The snapshot is read in the background when the area is built, when the catalogue was
edited on this workstation, and again at most every ``REVISION_CHECK_SECONDS`` as the list
is refreshed: another workstation's change reaches the list when its answer comes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from html import escape

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QWidget

import acsrv_desktop.core.catalogue.service as catalogue_service
from acsrv_desktop.core.catalogue.service import CatalogueSnapshot
from acsrv_desktop.core.reception.routing import Person, Suggestion, route
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.models import SuggestionsModel, setup_table
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.tasks import LatestOnly, failure_text

log = logging.getLogger(__name__)
ROUTING_DELAY_MS = 150


class SuggestionsPanel(QObject):
    """The list of suggestions, its filter and the detail of the one selected."""

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        services: Services,
        *,
        person: Callable[[], Person],
        status: ShowStatus,
    ) -> None:
        super().__init__(area)
        self._ui = ui
        self._communes = services.routing.communes
        self._catalogue = services.catalogue
        self._person = person  # the person as routing sees it, now
        self._status = status
        self._snapshot: CatalogueSnapshot | None = None  # the catalogue, as read last
        self._reads = LatestOnly(self)
        self._asked_at = 0.0  # time.monotonic() of the last reading asked
        self.model = SuggestionsModel(self)
        self._ticks_changed = False  # ticks taken off without the model saying so
        self.timer = QTimer(self)  # the suggestions follow the form once the typing pauses
        self.timer.setSingleShot(True)
        self.timer.setInterval(ROUTING_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        view = ui.suggestionsView
        view.setModel(self.model)
        setup_table(view)
        header = view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_detail(current.row())
        )
        ui.suggestionFilterEdit.textChanged.connect(lambda _t: self.timer.start())
        self.read_catalogue()

    @property
    def busy(self) -> bool:
        """The catalogue is being read (the list follows its answer)."""
        return self._reads.busy

    def read_catalogue(self) -> None:
        """Read the catalogue's snapshot in the background (the list meanwhile as it is); the
        list is refreshed when a new one comes (the catalogue changed)."""
        self._asked_at = time.monotonic()
        self._reads.run(self._catalogue.snapshot, self._catalogue_read, self._catalogue_failed)

    def _catalogue_read(self, snapshot: CatalogueSnapshot) -> None:
        if snapshot is not self._snapshot:
            self._snapshot = snapshot
            self.refresh()

    def _catalogue_failed(self, error: BaseException) -> None:
        # The list keeps the catalogue read before, if any; the next refresh asks again.
        self._asked_at = 0.0
        self._status(f"Catalogue non lu : {failure_text(error)}", error=True)

    def later(self) -> None:
        """The form changed: the suggestions follow once it pauses."""
        self.timer.start()

    def refresh(self) -> None:
        """The suggestions for the person as typed now, from the snapshot kept (no query on
        this thread; whether the catalogue changed is asked in the background)."""
        self.timer.stop()
        due = catalogue_service.REVISION_CHECK_SECONDS
        if not self._reads.busy and time.monotonic() - self._asked_at > due:
            self.read_catalogue()
        snapshot = self._snapshot
        if snapshot is None:
            return  # the list comes with the catalogue (see _catalogue_read)
        person, typed = self._person(), self._ui.suggestionFilterEdit.text().strip()
        suggestions = route(person, snapshot.active_entries(), snapshot.vocab, self._communes)
        if typed:
            # Any programme of the catalogue, found by the same forgiving search as the
            # Programmes area; what was already ticked stays in the list.
            found = {r.entry.id for r in snapshot.search(typed)}
            keep = found | self.model.accepted
            suggestions = [s for s in suggestions if s.entry.id in keep]
        if suggestions != self.model.rows or self._ticks_changed:
            self.model.set_rows(suggestions)  # else nothing to reset, nor to repaint
            self._ticks_changed = False
        view = self._ui.suggestionsView
        if self.model.rowCount() and not (
            view.currentIndex().row() == 0 and view.selectionModel().isRowSelected(0)
        ):
            view.selectRow(0)

    def accepted(self) -> list[Suggestion]:
        """The suggestions ticked, in the order shown: they become referrals."""
        return [s for s in self.model.rows if s.entry.id in self.model.accepted]

    def toggle_current(self) -> None:
        row = self._ui.suggestionsView.currentIndex().row()
        if row >= 0:
            self.model.toggle(row)

    def accept_best(self) -> Suggestion | None:
        """Ctrl+O: tick the first suggestion that suits the person and is not ticked yet (the
        list first brought up to date with the form); it is selected, its detail shown. None
        when no suggestion suits (or all those that do are ticked)."""
        self.refresh()
        model = self.model
        for row in range(model.rowCount()):
            suggestion = model.suggestion(row)
            if suggestion.eligible and suggestion.entry.id not in model.accepted:
                model.toggle(row)
                self._ui.suggestionsView.selectRow(row)
                return suggestion
        return None

    def focus_list(self) -> None:
        """↓ or Entrée in the filter: the list, as filtered now."""
        self.refresh()
        self._ui.suggestionsView.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_filter(self) -> None:
        self._ui.suggestionFilterEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._ui.suggestionFilterEdit.selectAll()

    def clear(self) -> None:
        """Nothing ticked, no filter; the list for the person now."""
        if self._ui.suggestionFilterEdit.text():
            self._ui.suggestionFilterEdit.clear()
        if self.model.accepted:
            self.model.accepted.clear()
            self._ticks_changed = True  # the ticks shown must go, whatever the list
        self.refresh()

    def restore(self, typed: str, accepted: Iterable[str]) -> None:
        """The filter and the ticks of a draft."""
        self._ui.suggestionFilterEdit.setText(typed)
        self.timer.stop()
        self.model.accepted.update(accepted)
        self._ticks_changed = True
        self.refresh()

    def _show_detail(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self._ui.suggestionDetail.clear()
            return
        s = self.model.suggestion(row)
        contact = s.contact
        lines = [f"<b>{escape(s.entry.name)}</b> — {escape(s.entry.summary)}"]
        if contact:
            reach = " · ".join(escape(x) for x in (contact.phone, contact.email) if x)
            lines.append(f"Contact : {escape(contact.name)}" + (f" — {reach}" if reach else ""))
        lines.extend(f"✓ {escape(reason)}" for reason in s.reasons)
        lines.extend(f"? à vérifier : {escape(check)}" for check in s.to_check)
        lines.extend(f"✗ {escape(blocker)}" for blocker in s.blockers)
        self._ui.suggestionDetail.setHtml("<br>".join(lines))
