"""The keys of the Accueil: the whole visit is typed without the mouse, with the keys the
screen shows (button texts, hints) and the README names.

The search: Alt+H (the label's mnemonic), ↓ into the people found and Entrée to pick one,
Échap or ↑ at the top back to the search, Alt+N a new person, Alt+Y anonymous. The form: Tab
through it; Alt+1 … Alt+0 tick the needs shown on the first ten buttons; Entrée in « Autre
besoin » adds the theme. The suggestions: Alt+O goes to the list, Ctrl+O ticks the best one
that suits, Espace ticks the line selected (each one accepted asks what the person agrees
to give its contact; Ctrl+Maj+O asks again), Ctrl+K searches another programme (↓ or Entrée
then goes to the list). Ctrl+Entrée saves. The slip: Ctrl+P prints it, Ctrl+Maj+P saves it in
PDF, Ctrl+Maj+M writes to the contact. Ctrl+D shows the person's data, Ctrl+Maj+S corrects the
record. The day's list: Alt+J shows it and goes into it (Échap back to the search); F2
corrects and Suppr cancels (or restores) the visit selected in it, from anywhere in the area.
Ctrl+Z brings back a form just cleared.

Every shortcut says what it does (``whatsThis``): the F1 sheet lists it.
"""

from __future__ import annotations

from collections.abc import Callable
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
    def search_elsewhere(self) -> None: ...
    def focus_suggestions(self) -> None: ...
    def accept_best_suggestion(self) -> None: ...
    def edit_referral_details(self) -> None: ...
    def show_today(self) -> None: ...
    def leave_today(self) -> None: ...
    def edit_selected_visit(self) -> None: ...
    def toggle_cancel_selected_visit(self) -> None: ...
    def undo_clear(self) -> bool: ...


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
        self._actions = actions
        self._search = search
        self._needs = needs
        self._suggestions = suggestions
        for widget in (
            ui.visitorSearchEdit,
            ui.visitorResultsView,
            ui.otherNeedEdit,
            ui.suggestionFilterEdit,
            ui.suggestionsView,
            ui.todayView,
        ):
            widget.installEventFilter(self)
        shortcuts: tuple[tuple[tuple[str, ...], Callable[[], object], str], ...] = (
            (("Ctrl+Return", "Ctrl+Enter"), actions.save, "enregistrer le passage"),
            (("Alt+O",), actions.focus_suggestions, "aller à la liste des orientations proposées"),
            (
                ("Ctrl+O",),
                actions.accept_best_suggestion,
                "retenir la meilleure orientation proposée (la première qui convient)",
            ),
            (
                ("Ctrl+Shift+O",),
                actions.edit_referral_details,
                "coordonnées et message pour le contact de l’orientation retenue",
            ),
            (("Ctrl+K",), suggestions.focus_filter, "chercher un autre programme du catalogue"),
            (("Ctrl+P",), actions.print_slip, "imprimer la fiche d’orientation du passage"),
            (("Ctrl+Shift+P",), actions.save_slip_pdf, "fiche d’orientation du passage en PDF"),
            (("Ctrl+Shift+M",), actions.mail_contact, "courriel préparé au contact du programme"),
            (("Ctrl+D",), actions.show_person_data, "données de la personne (export, effacement)"),
            (("Ctrl+Shift+S",), actions.correct_record, "corriger la fiche sans passage"),
            (
                ("Ctrl+Shift+H",),
                actions.search_elsewhere,
                "chercher la personne dans les autres centres (serveur de la fédération)",
            ),
            (("Alt+J",), actions.show_today, "aller à la liste des passages du jour"),
            (("F2",), actions.edit_selected_visit, "corriger le passage choisi du jour"),
            (
                ("Del",),
                actions.toggle_cancel_selected_visit,
                "annuler (ou rétablir) le passage choisi dans la liste du jour",
            ),
            (("Ctrl+Z",), actions.undo_clear, "rétablir le formulaire qui vient d’être effacé"),
        )
        for keys, slot, what in shortcuts:
            shortcut = QShortcut(area)
            shortcut.setKeys([QKeySequence(key) for key in keys])
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(what)
            shortcut.activated.connect(slot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._key_pressed(watched, event)
        ):
            return True
        return super().eventFilter(watched, event)

    def _key_pressed(self, watched: QObject, event: QKeyEvent) -> bool:
        """Whether the key was taken (else the field has it as usual)."""
        ui, key, plain = self._ui, event.key(), event.modifiers() in PLAIN
        enter = key in ENTER and plain
        if watched is ui.visitorSearchEdit:
            return self._in_search(key, plain, event)
        if watched is ui.visitorResultsView:
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
        elif watched is ui.todayView and key == Qt.Key.Key_Escape and plain:
            self._actions.leave_today()
            return True
        return False

    def _in_search(self, key: int, plain: bool, event: QKeyEvent) -> bool:
        if key == Qt.Key.Key_Down and self._search.has_results():
            self._search.enter_results()
            return True
        if key in ENTER and plain:
            self._search.enter_pressed()
            return True
        # Ctrl+Z in the empty search (where the focus is once the form is cleared): the form
        # comes back, if it was just cleared; else the field's own undo.
        undo = event.matches(QKeySequence.StandardKey.Undo)
        return bool(undo and not self._ui.visitorSearchEdit.text() and self._actions.undo_clear())
