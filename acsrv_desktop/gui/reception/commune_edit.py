"""The commune field: suggestions from the arrondissement's list, accents and case ignored.

Only a commune of the list, or a free text confirmed « hors arrondissement », is saved (the
rule itself is in core: ``validate_visitor``). Here: the list narrows as one types (« conde »
offers Condé-sur-l'Escaut), ↓ highlights, Tab and Entrée take the highlighted suggestion, and
a commune picked from the list unticks « hors arrondissement ». With nothing highlighted,
Tab and Entrée take the only suggestion left, if there is just one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QCompleter, QLabel, QLineEdit

from acsrv_desktop.core.reception.communes import load_communes


class CommuneCompleter(QObject):
    def __init__(self, edit: QLineEdit, outside: QCheckBox, error: QLabel) -> None:
        super().__init__(edit)
        self._edit, self._outside, self._error = edit, outside, error
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, edit)
        # We filter ourselves (accents ignored); the popup shows the model as it is.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        edit.setCompleter(self.completer)
        edit.textEdited.connect(self._narrow)
        edit.textChanged.connect(self._settled)
        outside.toggled.connect(self._settled)
        self._popup().installEventFilter(self)  # before the completer's own filter

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # QCompleter makes its list view when first asked for it
        return popup

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        popup = self.completer.popup()
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not popup.currentIndex().isValid()
            and self._model.rowCount() == 1
        ):
            popup.setCurrentIndex(self._model.index(0, 0))  # then taken as if highlighted
        return False

    def _narrow(self, typed: str) -> None:
        matches = load_communes().matching(typed)
        self._model.setStringList(matches)
        if matches:
            self.completer.complete()
        else:
            self._close_popup()

    def _settled(self, *_args: object) -> None:
        """A commune of the list (« hors arrondissement » then means nothing), or one
        confirmed outside: the error shown for it is answered."""
        if self.is_listed():
            self._outside.setChecked(False)
        if self.is_listed() or self._outside.isChecked():
            self._error.clear()
            self._error.hide()

    def settle(self) -> None:
        """Close the list without taking anything (before a save: what is typed is judged)."""
        self._close_popup()

    def _close_popup(self) -> None:
        popup = self._popup()
        if popup.isVisible():
            popup.hide()
            # The keys go back to the form (the popup was the active window): the field keeps
            # its focus, and the form's shortcuts (Ctrl+Entrée) answer.
            self._edit.window().activateWindow()

    def is_listed(self) -> bool:
        return bool(load_communes().in_arrondissement(self._edit.text()))
