"""Administration: opening hours, address and documents typed with the keyboard, saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from acsrv_desktop.core.models import Programme
from acsrv_desktop.gui.administration.dialogs import EntryDialog

ALT = Qt.KeyboardModifier.AltModifier


def _open(qtbot, catalogue_service, entry_id):
    dialog = EntryDialog(catalogue_service, entry_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _to_place_tab(qtbot, dialog):
    """Ctrl+Tab from the first tab to « Horaires, lieu, pièces »."""
    dialog.ui.nameEdit.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.ui.tabs.currentWidget() is dialog.ui.placeTab


def test_place_fields_typed_with_the_keyboard_reach_the_database(qtbot, typist, catalogue_service):
    dialog = _open(qtbot, catalogue_service, "cites-lab")
    _to_place_tab(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_H, ALT)  # &Horaires d’accueil
    assert QApplication.focusWidget() is dialog.ui.openingHoursEdit
    typist(dialog.ui.openingHoursEdit, "Le mardi, 9 h – 12 h")
    qtbot.keyClick(dialog.ui.openingHoursEdit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.ui.addressEdit
    typist(dialog.ui.addressEdit, "12 rue Jean-Jaurès, 59220 Denain")
    qtbot.keyClick(dialog, Qt.Key.Key_P, ALT)  # &Pièces à apporter
    assert QApplication.focusWidget() is dialog.ui.documentsEdit
    typist(dialog.ui.documentsEdit, "Pièce d’identité")
    qtbot.keyClick(dialog.ui.documentsEdit, Qt.Key.Key_Return)  # a new line in the list
    typist(dialog.ui.documentsEdit, "CV")
    qtbot.keyClick(dialog.ui.addressEdit, Qt.Key.Key_Return)  # the default button: Enregistrer
    assert dialog.result() == QDialog.DialogCode.Accepted
    with catalogue_service.db.read() as session:
        row = session.get(Programme, "cites-lab")
        assert (row.opening_hours, row.address, row.documents) == (
            "Le mardi, 9 h – 12 h",
            "12 rue Jean-Jaurès, 59220 Denain",
            "Pièce d’identité\nCV",
        )
    again = _open(qtbot, catalogue_service, "cites-lab")  # shown again when reopened
    assert again.ui.addressEdit.text() == "12 rue Jean-Jaurès, 59220 Denain"
    assert again.ui.documentsEdit.toPlainText() == "Pièce d’identité\nCV"


def test_a_refused_address_is_said_next_to_the_form_and_focused(qtbot, typist, catalogue_service):
    dialog = _open(qtbot, catalogue_service, "cites-lab")
    _to_place_tab(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)  # A&dresse du lieu
    typist(dialog.ui.addressEdit, "59220")
    dialog.ui.tabs.setCurrentIndex(0)
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Adresse du lieu : adresse invalide" in dialog.ui.errorLabel.text()
    assert dialog.ui.tabs.currentWidget() is dialog.ui.placeTab
    assert QApplication.focusWidget() is dialog.ui.addressEdit
    with catalogue_service.db.read() as session:
        assert session.get(Programme, "cites-lab").address is None
