"""Ctrl++, Ctrl+- and Ctrl+0: the text of the whole application larger or smaller.

The size is a percentage of the system's font, kept in the workstation's preferences and
applied at start-up. Every widget that does not set a size of its own follows the
application font, so the layouts grow with the text (nothing is scaled as an image).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from acsrv_desktop.gui.keys import layout_proof
from acsrv_desktop.gui.preferences import Preferences

STEPS = (80, 90, 100, 110, 125, 150, 175, 200)
NORMAL = 100
BASE_SIZE_PROPERTY = "acsrvSystemPointSize"


def nearest_step(percent: int) -> int:
    return min(STEPS, key=lambda step: abs(step - percent))


class TextZoom(QObject):
    """The zoom of one application: its three actions and the percentage in force."""

    changed = Signal(int)

    def __init__(self, preferences: Preferences, parent: QWidget) -> None:
        super().__init__(parent)
        self._preferences = preferences
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._app = app
        self._base_size = self._system_point_size()
        self.percent = nearest_step(preferences.text_zoom)
        ctrl = Qt.KeyboardModifier.ControlModifier
        self.zoom_in_action = self._action(
            "A&grandir le texte", layout_proof(ctrl, Qt.Key.Key_Plus), lambda: self.step(+1)
        )
        self.zoom_out_action = self._action(
            "&Réduire le texte", layout_proof(ctrl, Qt.Key.Key_Minus), lambda: self.step(-1)
        )
        self.reset_action = self._action(
            "Taille du te&xte normale", layout_proof(ctrl, Qt.Key.Key_0), self.reset
        )
        self.apply(self.percent)

    def _system_point_size(self) -> float:
        """The size before any zoom (kept on the application: a second window, or a test,
        must not take a zoomed size for the system's)."""
        kept = self._app.property(BASE_SIZE_PROPERTY)
        if isinstance(kept, float) and kept > 0:
            return kept
        size = self._app.font().pointSizeF()
        size = size if size > 0 else 10.0
        self._app.setProperty(BASE_SIZE_PROPERTY, size)
        return size

    def _action(self, text: str, keys: list[QKeySequence], slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.parent())
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [self.zoom_in_action, self.zoom_out_action, self.reset_action]

    def step(self, direction: int) -> None:
        index = STEPS.index(self.percent) + direction
        self.apply(STEPS[max(0, min(len(STEPS) - 1, index))])

    def reset(self) -> None:
        self.apply(NORMAL)

    def apply(self, percent: int) -> None:
        self.percent = nearest_step(percent)
        font = QFont(self._app.font())
        font.setPointSizeF(self._base_size * self.percent / 100)
        self._app.setFont(font)
        self._preferences.text_zoom = self.percent
        self.zoom_in_action.setEnabled(self.percent < STEPS[-1])
        self.zoom_out_action.setEnabled(self.percent > STEPS[0])
        self.changed.emit(self.percent)
