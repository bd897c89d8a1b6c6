"""The visit itself: when (the save's time, unless a past time is typed on purpose), how the
person came (on site, by phone, by e-mail), and the note.

The date and time are one Tab stop: the « passage antérieur » box. Ticked (Alt+E), it opens the
date field and puts the focus there; Tab then leaves the field at once (not section by section),
and Tab never stops in it otherwise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from acsrv_desktop.core.vocabulary import Channel
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.widgets import show_paris_time, typed_paris_time

CLOCK_TICK_MS = 15_000  # the time shown follows the clock (the visit takes the save's time)


class VisitFields(QObject):
    """The time, the channel and the note of the visit being typed."""

    def __init__(
        self, area: QWidget, ui: Ui_ReceptionArea, *, clock: Callable[[], datetime]
    ) -> None:
        super().__init__(area)
        self._ui = ui
        self._clock = clock  # aware UTC
        self.timer = QTimer(self)
        self.timer.setInterval(CLOCK_TICK_MS)
        self.timer.timeout.connect(self.show_current_time)
        ui.occurredByHandCheck.toggled.connect(self._time_by_hand_toggled)
        ui.occurredEdit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # reached through its box
        ui.occurredEdit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            watched is self._ui.occurredEdit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            ui = self._ui
            backward = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            if backward:
                ui.occurredByHandCheck.setFocus(Qt.FocusReason.BacktabFocusReason)
            else:  # the channel chosen, as Tab reaches a group of radio buttons
                radios = (ui.channelOnSite, ui.channelPhone, ui.channelEmail)
                chosen = next((r for r in radios if r.isChecked()), ui.channelOnSite)
                chosen.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    # -- the time of the visit ----------------------------------------------------------------

    @property
    def time_set_by_hand(self) -> bool:
        return self._ui.occurredByHandCheck.isChecked()

    def occurred_at(self) -> datetime:
        """When the visit took place (aware, UTC): now, or the past time typed on purpose."""
        if self.time_set_by_hand:
            return typed_paris_time(self._ui.occurredEdit).astimezone(UTC)
        return self._clock().astimezone(UTC)

    def show_current_time(self) -> None:
        """The wall-clock time in Valenciennes, whatever the workstation's own time zone."""
        if self.time_set_by_hand:
            return
        edit = self._ui.occurredEdit
        edit.blockSignals(True)
        show_paris_time(edit, self._clock())
        edit.blockSignals(False)

    def set_time_by_hand(self, when: datetime) -> None:
        """A past time, as if typed (a draft's)."""
        self._ui.occurredByHandCheck.setChecked(True)
        show_paris_time(self._ui.occurredEdit, when)

    def _time_by_hand_toggled(self, by_hand: bool) -> None:
        self._ui.occurredEdit.setEnabled(by_hand)
        if by_hand:
            self._ui.occurredEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.show_current_time()

    # -- the channel and the note -------------------------------------------------------------

    def channel(self) -> str:
        ui = self._ui
        if ui.channelPhone.isChecked():
            return Channel.TELEPHONE
        return Channel.COURRIEL if ui.channelEmail.isChecked() else Channel.SUR_PLACE

    def set_channel(self, channel: object) -> None:
        ui = self._ui
        ui.channelPhone.setChecked(channel == Channel.TELEPHONE)
        ui.channelEmail.setChecked(channel == Channel.COURRIEL)
        ui.channelOnSite.setChecked(channel not in (Channel.TELEPHONE, Channel.COURRIEL))

    def note(self) -> str:
        return self._ui.noteEdit.toPlainText()

    def clear(self) -> None:
        """The time of now, on site, no note."""
        ui = self._ui
        ui.occurredByHandCheck.setChecked(False)
        self.show_current_time()
        ui.channelOnSite.setChecked(True)
        if not ui.noteEdit.document().isEmpty():
            ui.noteEdit.clear()
