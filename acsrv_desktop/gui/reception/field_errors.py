"""The messages of a refused visit, each next to its field (core's ``FieldErrors``: the GUI
shows what core says, it never judges a field itself), in the palette's error colour and
announced to screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.theme import Kind, set_kind


class FieldMessages:
    """The error labels of the Accueil's form: one per field or group of fields."""

    def __init__(self, ui: Ui_ReceptionArea) -> None:
        self._labels = (
            ui.firstNameError,
            ui.lastNameError,
            ui.birthYearError,
            ui.communeError,
            ui.occurredError,
            ui.noteError,
        )
        # Where each field's message goes, and the widget the focus goes to.
        self._places: dict[str, tuple[QLabel, QWidget | None]] = {
            "first_name": (ui.firstNameError, ui.firstNameEdit),
            "last_name": (ui.lastNameError, ui.lastNameEdit),
            "birth_year": (ui.birthYearError, ui.birthYearEdit),
            "age_bracket": (ui.birthYearError, ui.ageBracketCombo),
            "gender": (ui.communeError, ui.genderCombo),
            "commune": (ui.communeError, ui.communeEdit),
            "situations": (ui.communeError, ui.situation_rsa),
            "occurred_at": (ui.occurredError, ui.occurredEdit),
            "channel": (ui.occurredError, ui.channelOnSite),
            "needs": (ui.noteError, ui.otherNeedEdit),
            "note": (ui.noteError, ui.noteEdit),
        }
        self._other = ui.noteError
        for label in self._labels:
            set_kind(label, Kind.ERROR)
        self.clear()

    def clear(self) -> None:
        for label in self._labels:
            label.clear()
            label.hide()

    def show(self, errors: dict[str, str]) -> None:
        """Each message next to its field; the focus on the first field refused."""
        first_widget = None
        for field_name, message in errors.items():
            label, widget = self._places.get(field_name, (self._other, None))
            show_message(label, message)
            first_widget = first_widget or widget
        if first_widget is not None:
            first_widget.setFocus(Qt.FocusReason.OtherFocusReason)
