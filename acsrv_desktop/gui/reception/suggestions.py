"""The programmes proposed for the person (core's routing), which staff tick to refer them;
any other programme of the catalogue can be found by name (Ctrl+K)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QWidget

from acsrv_desktop.core.reception.routing import Person, Suggestion
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.models import SuggestionsModel, setup_table

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
    ) -> None:
        super().__init__(area)
        self._ui = ui
        self._routing = services.routing
        self._catalogue = services.catalogue
        self._person = person  # the person as routing sees it, now
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

    def later(self) -> None:
        """The form changed: the suggestions follow once it pauses."""
        self.timer.start()

    def refresh(self) -> None:
        """The suggestions for the person as typed now (the catalogue's entries are cached
        by ``CatalogueService`` until the catalogue changes: no query here)."""
        self.timer.stop()
        person, typed = self._person(), self._ui.suggestionFilterEdit.text().strip()
        suggestions = self._routing.suggest(person)
        if typed:
            # Any programme of the catalogue, found by the same forgiving search as the
            # Programmes area; what was already ticked stays in the list.
            found = {r.entry.id for r in self._catalogue.search(typed)}
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
