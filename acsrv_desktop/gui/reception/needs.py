"""What the person comes for: the need buttons (Alt+1 … Alt+0 tick the first ten, Alt+K and
Alt+X the next two, as each button shows; Espace ticks the one with the focus), and any other
theme of the catalogue typed in « Autre besoin » (Entrée adds it).

The buttons are laid out in as many columns as the form's width holds (two to four), so that
none is ever cut or squeezed; a ticked button is drawn in the palette's selection colours,
brought to AA contrast.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShortcut
from PySide6.QtWidgets import QApplication, QCompleter, QGridLayout, QPushButton, QWidget

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.reception.needs import need_buttons
from acsrv_desktop.core.text import fold, quoted
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.keys import layout_proof
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.theme import readable

# Alt + the digit row, in the order of the keys, then two letters that no label of the
# Accueil uses and that sit unshifted on AZERTY and QWERTY alike: the first twelve buttons.
NEED_KEYS = (
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_5,
    Qt.Key.Key_6,
    Qt.Key.Key_7,
    Qt.Key.Key_8,
    Qt.Key.Key_9,
    Qt.Key.Key_0,
    Qt.Key.Key_K,
    Qt.Key.Key_X,
)
NEED_KEY_NAMES = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "K", "X")
MIN_COLUMNS, MAX_COLUMNS = 2, 4
BUTTON_HEIGHT = 30


def need_key(index: int) -> str | None:
    """« Alt+1 » … « Alt+0 », « Alt+K », « Alt+X » for the first twelve buttons, None after."""
    return f"Alt+{NEED_KEY_NAMES[index]}" if index < len(NEED_KEYS) else None


def checked_palette(palette: QPalette) -> QPalette:
    """A ticked button in the palette's selection colours (the background darkened or
    lightened until its text reads at AA)."""
    text = palette.color(QPalette.ColorRole.HighlightedText)
    background = readable(palette.color(QPalette.ColorRole.Highlight), text)
    checked = QPalette(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        checked.setColor(group, QPalette.ColorRole.Button, background)
        checked.setColor(group, QPalette.ColorRole.ButtonText, text)
    return checked


class NeedsPicker(QObject):
    """The needs of the visit: the buttons checked, then the other themes added."""

    changed = Signal()  # the needs changed: routing follows

    def __init__(
        self, area: QWidget, ui: Ui_ReceptionArea, vocab: Vocabularies, *, status: ShowStatus
    ) -> None:
        super().__init__(area)
        self._ui = ui
        self._vocab = vocab
        self._status = status
        self.extra: list[str] = []  # the themes added by name, in the order added
        themes = QCompleter([vocab.thematique_label(s) for s in vocab.thematiques], self)
        themes.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        themes.setFilterMode(Qt.MatchFlag.MatchContains)
        ui.otherNeedEdit.setCompleter(themes)
        self.buttons: list[QPushButton] = []
        self._grid = QGridLayout(ui.needButtonsWidget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        for index, (label, theme) in enumerate(need_buttons()):
            key = need_key(index)
            button = QPushButton(f"{label} ({key})" if key else label)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setProperty("theme", theme)
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.toggled.connect(self._changed)
            button.toggled.connect(lambda _on, b=button: self._paint(b))
            self.buttons.append(button)
            if key is not None:
                self._shortcut(area, button, label, index)
        ui.chosenNeedsLabel.hide()  # until a theme is added by name
        self._style_buttons()
        self._lay_out(MAX_COLUMNS)
        ui.needButtonsWidget.installEventFilter(self)
        # Keep the Tab order of the form: the need buttons come after the channel.
        QWidget.setTabOrder(ui.channelEmail, self.buttons[0])
        for first, second in zip(self.buttons, self.buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.buttons[-1], ui.otherNeedEdit)

    def _shortcut(self, area: QWidget, button: QPushButton, label: str, index: int) -> None:
        """Alt + its key ticks or unticks the button from anywhere in the area (the digit row
        as AZERTY gives it without Maj too)."""
        shortcut = QShortcut(area)
        shortcut.setKeys(layout_proof(Qt.KeyboardModifier.AltModifier, NEED_KEYS[index]))
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis(f"cocher ou décocher le besoin « {label} »")

        def toggle() -> None:
            if button.isEnabled():
                button.toggle()

        shortcut.activated.connect(toggle)

    def _style_buttons(self) -> None:
        for button in self.buttons:
            self._paint(button)

    def _paint(self, button: QPushButton) -> None:
        """A ticked button in the selection colours, the others in the palette's own (no
        style sheet: the text keeps following the application's font and zoom)."""
        if button.isChecked():
            button.setPalette(checked_palette(QApplication.palette(button)))
        else:
            button.setPalette(QPalette())

    def _lay_out(self, columns: int) -> None:
        """The buttons in ``columns`` columns of the same width, in the order of the file."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._grid
        for button in self.buttons:
            grid.removeWidget(button)
        for column in range(MAX_COLUMNS):
            grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, button in enumerate(self.buttons):
            grid.addWidget(button, index // columns, index % columns)
        widest = max(button.minimumSizeHint().width() for button in self.buttons)
        spacing = max(grid.horizontalSpacing(), 0)
        self._ui.needButtonsWidget.setMinimumWidth(MIN_COLUMNS * widest + spacing)

    def _columns_for(self, width: int) -> int:
        widest = max(button.minimumSizeHint().width() for button in self.buttons)
        spacing = max(self._grid.horizontalSpacing(), 0)
        fitting = (width + spacing) // (widest + spacing)
        return max(MIN_COLUMNS, min(MAX_COLUMNS, fitting))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._ui.needButtonsWidget:
            kind = event.type()
            if kind == QEvent.Type.Resize:
                # After the layout pass that resized it: a new height asked during that pass
                # would not reach the form's layout.
                QTimer.singleShot(0, self, self._follow_width)
            elif kind == QEvent.Type.ApplicationPaletteChange:
                self._style_buttons()
            elif kind in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
                self._columns = 0  # the buttons' widths follow the text zoom
                QTimer.singleShot(0, self, self._follow_width)
        return super().eventFilter(watched, event)

    def _follow_width(self) -> None:
        widget = self._ui.needButtonsWidget
        columns = self._columns_for(widget.width())
        if columns != self._columns:
            self._lay_out(columns)
            self._grid.invalidate()
            widget.updateGeometry()

    def chosen(self) -> tuple[str, ...]:
        """Every need, once: the buttons' themes, then the others added."""
        return tuple(dict.fromkeys(self.checked() + self.extra))

    def checked(self) -> list[str]:
        return [b.property("theme") for b in self.buttons if b.isChecked()]

    def clear(self) -> None:
        """No need chosen, nothing typed (one change said, not one per button)."""
        for button in self.buttons:
            if button.isChecked():
                button.blockSignals(True)
                button.setChecked(False)
                button.blockSignals(False)
        self.extra = []
        if self._ui.otherNeedEdit.text():
            self._ui.otherNeedEdit.clear()
        self._changed()

    def restore(self, checked: Iterable[str], extra: Iterable[object]) -> None:
        """The needs of a draft (a theme no longer in the catalogue is left out)."""
        themes = set(checked)
        for button in self.buttons:
            button.setChecked(button.property("theme") in themes)
        self.extra = [n for n in map(str, extra) if self._vocab.canonical_thematique(n)]
        self._changed()

    def add_typed(self) -> None:
        """Entrée in « Autre besoin »: the first theme whose label contains what is typed."""
        typed = fold(self._ui.otherNeedEdit.text().strip())
        if not typed:
            return
        vocab = self._vocab
        matches = [s for s in vocab.thematiques if typed in fold(vocab.thematique_label(s))]
        matches += [s for s in vocab.thematiques if typed in s and s not in matches]
        if not matches:
            self._status(
                f"Aucune thématique ne correspond à « {quoted(self._ui.otherNeedEdit.text())} ».",
                error=True,
            )
            return
        if matches[0] not in self.extra:
            self.extra.append(matches[0])
        self._ui.otherNeedEdit.clear()
        self._changed()

    def _changed(self, *_args: object) -> None:
        extra = ", ".join(self._vocab.thematique_label(n) for n in self.extra)
        label = self._ui.chosenNeedsLabel
        text = f"Autres besoins : {extra}" if extra else ""
        if label.text() != text:
            label.setText(text)
            label.setVisible(bool(text))  # no empty line under the field
        self.changed.emit()
