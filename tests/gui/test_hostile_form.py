"""The visit form with hostile text: refused next to the field with everything kept, or saved."""

from __future__ import annotations

import pytest
from hostile import HOSTILE
from sqlalchemy import func, select

from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.models import Visit
from acsrv_desktop.core.services import Services


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_the_visit_form(qtbot, catalogue_service, preferences, text):
    """The form itself: typed (pasted) text, Ctrl+Entrée; refused next to the field, or saved;
    the form keeps what was typed when refused."""
    from PySide6.QtCore import Qt

    from acsrv_desktop.gui.reception.area import ReceptionArea

    preferences.workstation_centre = CentreService(catalogue_service.db).centres()[0].name
    area = ReceptionArea(Services(catalogue_service.db, catalogue_service.actor), preferences)
    qtbot.addWidget(area)
    area.show()
    area.start_new_visitor()
    area.ui.firstNameEdit.setText(text)
    area.ui.lastNameEdit.setText(text)
    area.ui.communeEdit.setText(text)
    area.ui.noteEdit.setPlainText(text)
    before = _count(catalogue_service.db, Visit)
    qtbot.keyClick(area.ui.noteEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not area.is_saving)  # the save runs in the background
    after = _count(catalogue_service.db, Visit)
    if after == before:
        assert area.ui.firstNameEdit.text() == text[: area.ui.firstNameEdit.maxLength()]
        # A text box keeps line breaks as "\n" (Qt turns a lone "\r" into one).
        assert area.ui.noteEdit.toPlainText() == text.replace("\r\n", "\n").replace("\r", "\n")
    else:
        assert after == before + 1 and area.ui.firstNameEdit.text() == ""
