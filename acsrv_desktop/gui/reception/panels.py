"""The right-hand side of the Accueil: the suggestions and the day's list share one place, in
two tabs (Alt+O: the suggestions, Alt+J: the day's list), beside the form whatever the screen;
under them the status line, the save and the slip's buttons.

The form takes the width it needs; the side takes the rest. The slip's three buttons stand on
one line when the side is wide enough, else on two (never cut, never squeezed).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QWidget

from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.models import TodayModel

SUGGESTIONS_TITLE = "Orientations proposées  (Alt+O)"
TODAY_TITLE = "Passages du jour  (Alt+J)"


class SidePanels(QObject):
    """The two tabs beside the form, and what goes to them."""

    def __init__(self, area: QWidget, ui: Ui_ReceptionArea, today: TodayModel) -> None:
        super().__init__(area)
        self._area = area
        self._ui = ui
        self._today = today
        tabs = ui.sidePanels
        # Alt+O and Alt+J reach each tab's list: the tab bar is no extra Tab stop.
        tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tabs.setAccessibleName("Orientations proposées et passages du jour")
        tabs.setTabText(tabs.indexOf(ui.suggestionsBox), SUGGESTIONS_TITLE)
        for signal in (today.modelReset, today.rowsInserted, today.rowsRemoved):
            signal.connect(self._count_today)
        self._count_today()

    def _count_today(self, *_args: object) -> None:
        count = self._today.rowCount()
        title = f"Passages du jour : {count}  (Alt+J)" if count else TODAY_TITLE
        tabs = self._ui.sidePanels
        index = tabs.indexOf(self._ui.todayBox)
        if tabs.tabText(index) != title:
            tabs.setTabText(index, title)

    @property
    def today_shown(self) -> bool:
        return self._ui.sidePanels.currentWidget() is self._ui.todayBox

    def show_suggestions(self) -> None:
        self._ui.sidePanels.setCurrentWidget(self._ui.suggestionsBox)

    def show_today(self) -> None:
        """Alt+J: the day's list, the focus in it, on the visit selected (the latest if none)."""
        ui = self._ui
        ui.sidePanels.setCurrentWidget(ui.todayBox)
        view = ui.todayView
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if view.currentIndex().row() < 0 and self._today.rowCount():
            view.selectionModel().setCurrentIndex(
                self._today.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )


class SlipButtons(QObject):
    """The slip's buttons (made by ``SlipActions`` in ``ui.slipRow``) in a grid of their own:
    three columns when the side beside the form holds them, else two."""

    def __init__(self, area: QWidget, ui: Ui_ReceptionArea) -> None:
        super().__init__(area)
        self._area = area
        self._ui = ui
        row: QBoxLayout = ui.slipRow
        self.buttons: list[QPushButton] = []
        while row.count() > 2:  # after the label and the spacer: the buttons inserted there
            item = row.takeAt(2)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton):
                self.buttons.append(widget)
        ui.slipLabel.hide()  # the buttons say what they do
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        index = ui.rightColumn.indexOf(row)
        ui.rightColumn.insertLayout(index + 1, self._grid)
        self._columns = 0
        self._lay_out(2)
        area.installEventFilter(self)

    def _lay_out(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons):
            self._grid.addWidget(button, index // columns, index % columns)

    def _columns_fitting(self) -> int:
        """Three if the side, once the form has its minimum width, holds the three buttons."""
        ui = self._ui
        spacing = max(self._grid.horizontalSpacing(), 0)
        wide = sum(b.sizeHint().width() for b in self.buttons) + spacing * 2
        margins = self._area.contentsMargins()
        main = ui.mainLayout.contentsMargins()
        side = (
            self._area.width()
            - ui.leftColumn.minimumSize().width()
            - ui.mainLayout.spacing()
            - margins.left()
            - margins.right()
            - main.left()
            - main.right()
        )
        return 3 if wide <= side else 2

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._area and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.FontChange,
            QEvent.Type.LayoutRequest,
        ):
            self._lay_out(self._columns_fitting())
        return super().eventFilter(watched, event)
