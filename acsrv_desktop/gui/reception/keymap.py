"""The keys of the Accueil: the whole visit is typed without the mouse.

Alt+H search (the label's mnemonic), ↓ into the people found and Entrée to pick one, Échap or
↑ at the top back to the search, Alt+N a new person, Alt+Y anonymous; Tab through the form;
Entrée in « Autre besoin » adds the theme; ↓ or Entrée in the programme search goes to the
list, Espace ticks a suggestion; Ctrl+Entrée saves. The slip: Ctrl+P prints it, Ctrl+Maj+P
saves it in PDF, Ctrl+Maj+M writes to the contact. Ctrl+K searches a programme, Ctrl+D shows
the person's data, Ctrl+Maj+S corrects the record.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.lookup import VisitorSearch
from acsrv_desktop.gui.reception.needs import NeedsPicker
from acsrv_desktop.gui.reception.suggestions import SuggestionsPanel

PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class DeskActions(Protocol):
    """What the area's shortcuts do (``ReceptionArea`` has them all)."""

    def save(self) -> None: ...
    def print_slip(self) -> None: ...
    def save_slip_pdf(self) -> object: ...
    def mail_contact(self) -> None: ...
    def show_person_data(self) -> None: ...
    def correct_record(self) -> None: ...


class KeyMap(QObject):
    """The area's shortcuts, and the keys that mean something in a field of the form."""

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        actions: DeskActions,
        *,
        search: VisitorSearch,
        needs: NeedsPicker,
        suggestions: SuggestionsPanel,
    ) -> None:
        super().__init__(area)
        self._ui = ui
        self._search = search
        self._needs = needs
        self._suggestions = suggestions
        for widget in (
            ui.visitorSearchEdit,
            ui.visitorResultsView,
            ui.otherNeedEdit,
            ui.suggestionFilterEdit,
            ui.suggestionsView,
        ):
            widget.installEventFilter(self)
        shortcuts = (
            ("Ctrl+Return", actions.save),
            ("Ctrl+Enter", actions.save),
            ("Ctrl+P", actions.print_slip),
            ("Ctrl+Shift+P", actions.save_slip_pdf),
            ("Ctrl+Shift+M", actions.mail_contact),
            ("Ctrl+K", suggestions.focus_filter),
            ("Ctrl+D", actions.show_person_data),
            ("Ctrl+Shift+S", actions.correct_record),
        )
        for sequence, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(sequence), area)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._key_pressed(watched, event.key(), event.modifiers() in PLAIN)
        ):
            return True
        return super().eventFilter(watched, event)

    def _key_pressed(self, watched: QObject, key: int, plain: bool) -> bool:
        """Whether the key was taken (else the field has it as usual)."""
        ui, enter = self._ui, key in ENTER and plain
        if watched is ui.visitorSearchEdit:
            if key == Qt.Key.Key_Down and self._search.has_results():
                self._search.enter_results()
                return True
            if enter:
                self._search.enter_pressed()
                return True
        elif watched is ui.visitorResultsView:
            if enter:
                self._search.pick_current()
                return True
            at_top = ui.visitorResultsView.currentIndex().row() <= 0
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and at_top):
                ui.visitorSearchEdit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        elif watched is ui.otherNeedEdit and enter:
            self._needs.add_typed()
            return True
        elif watched is ui.suggestionFilterEdit and (key == Qt.Key.Key_Down or enter):
            self._suggestions.focus_list()
            return True
        elif watched is ui.suggestionsView and key == Qt.Key.Key_Space:
            self._suggestions.toggle_current()
            return True
        return False
