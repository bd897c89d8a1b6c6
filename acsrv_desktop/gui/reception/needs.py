"""What the person comes for: the need buttons (Espace ticks one), and any other theme of the
catalogue typed in « Autre besoin » (Entrée adds it)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCompleter, QGridLayout, QPushButton, QWidget

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.reception.needs import need_buttons
from acsrv_desktop.core.text import fold, quoted
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.status import ShowStatus

CHECKED_STYLE = "QPushButton:checked { background: #1f6f8b; color: white; font-weight: bold; }"


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
        grid = QGridLayout(ui.needButtonsWidget)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, (label, theme) in enumerate(need_buttons()):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setProperty("theme", theme)
            button.setMinimumHeight(32)
            button.setStyleSheet(CHECKED_STYLE)
            grid.addWidget(button, index // 4, index % 4)
            button.toggled.connect(self._changed)
            self.buttons.append(button)
        # Keep the Tab order of the form: the need buttons come after the channel.
        QWidget.setTabOrder(ui.channelEmail, self.buttons[0])
        for first, second in zip(self.buttons, self.buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.buttons[-1], ui.otherNeedEdit)

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
        self.changed.emit()
