"""The person's situations as a compact multi-select: one button in the form, saying what is
ticked (« aucune », or the situations, cut to the button's width), and the list of the
situations' check boxes in a pop-up under it.

The situations' wording is the catalogue's (``resources/catalogue/vocabulaires.toml``). The
keys: Tab reaches the button (one stop for all the situations), Espace or ↓ opens the list,
↑/↓ (or Tab) move in it, Espace ticks, Entrée or Échap closes it and gives the focus back to
the button.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QPushButton, QSizePolicy

NONE = "aucune"
ARROW = " ▾"
OPEN_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_F4)
CLOSE_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SituationsPicker(QObject):
    """The situations' button and its pop-up list (the check boxes of the form)."""

    closed = Signal()

    def __init__(
        self,
        button: QPushButton,
        popup: QFrame,
        boxes: Mapping[str, QCheckBox],
        labels: Mapping[str, str],
        implies: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(button)
        self._implies = dict(implies or {})
        self._button = button
        self._popup = popup
        self._boxes = dict(boxes)
        self._labels = dict(labels)
        # The list leaves the form's layout for a pop-up window of its own, under the button.
        popup.setParent(button.window(), Qt.WindowType.Popup)
        popup.hide()
        for code, box in self._boxes.items():
            box.setText(self._labels.get(code, code))
            box.toggled.connect(self._show_choice)
            box.toggled.connect(lambda checked, code=code: self._tick_implied(code, checked))
            box.installEventFilter(self)
        popup.installEventFilter(self)
        button.setAccessibleName("Situation de la personne")
        button.setAutoDefault(False)
        # Its width is the column's; its text is cut to fit it (never the reverse).
        policy = button.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        button.setSizePolicy(policy)
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(f"{NONE}{ARROW}") + 24)
        button.clicked.connect(self.open)
        button.installEventFilter(self)
        self._show_choice()

    def _tick_implied(self, code: str, checked: bool) -> None:
        """Ticking a situation ticks those it implies at once (« au chômage depuis plus d’un
        an » is « demandeur·euse d’emploi » too), as the record will store them; unticking
        one unticks those that imply it (else it would come back at the save)."""
        if not checked:
            for other, implies in self._implies.items():
                box = self._boxes.get(other)
                if code in implies and box is not None and box.isChecked():
                    box.setChecked(False)
            return
        for implied in self._implies.get(code, ()):
            box = self._boxes.get(implied)
            if box is not None and not box.isChecked():
                box.setChecked(True)

    @property
    def is_open(self) -> bool:
        return self._popup.isVisible()

    def chosen_labels(self) -> list[str]:
        return [self._labels.get(c, c) for c, box in self._boxes.items() if box.isChecked()]

    def open(self) -> None:
        """The list under the button, the focus on the first situation ticked (or the first)."""
        popup, button = self._popup, self._button
        popup.adjustSize()
        below = button.mapToGlobal(QPoint(0, button.height()))
        screen = button.screen().availableGeometry()
        x = min(below.x(), screen.right() - popup.width())
        y = (
            below.y()
            if below.y() + popup.height() <= screen.bottom()
            else (button.mapToGlobal(QPoint(0, 0)).y() - popup.height())
        )
        popup.move(max(screen.left(), x), max(screen.top(), y))
        popup.show()
        boxes = list(self._boxes.values())
        first = next((box for box in boxes if box.isChecked()), boxes[0])
        first.setFocus(Qt.FocusReason.PopupFocusReason)

    def close(self) -> None:
        if self._popup.isVisible():
            self._popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.Hide and watched is self._popup:
            self._button.setFocus(Qt.FocusReason.PopupFocusReason)
            self.closed.emit()
        elif kind == QEvent.Type.Resize and watched is self._button:
            self._show_choice()
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
            if watched is self._button and plain and event.key() in OPEN_KEYS:
                self.open()
                return True
            if isinstance(watched, QCheckBox) and watched in self._boxes.values():
                return self._key_in_list(watched, event.key(), plain)
        return super().eventFilter(watched, event)

    def _key_in_list(self, box: QCheckBox, key: int, plain: bool) -> bool:
        if not plain:
            return False
        if key in CLOSE_KEYS:
            self.close()
            return True
        boxes = list(self._boxes.values())
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            boxes[(boxes.index(box) + step) % len(boxes)].setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return False

    def _show_choice(self, *_args: object) -> None:
        """The button says what is ticked, cut to its width; the whole list in its tooltip."""
        button, chosen = self._button, self.chosen_labels()
        whole = ", ".join(chosen) if chosen else NONE
        room = max(0, button.width() - 24 - button.fontMetrics().horizontalAdvance(ARROW))
        shown = QFontMetrics(button.font()).elidedText(whole, Qt.TextElideMode.ElideRight, room)
        text = (shown or "…") + ARROW
        if button.text() != text:
            button.setText(text)
        button.setToolTip(
            f"Situation : {whole}. Espace ou ↓ : la liste ; Espace : cocher ; Échap : fermer."
        )
        button.setAccessibleDescription(f"Situation : {whole}")
