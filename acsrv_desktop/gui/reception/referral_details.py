"""What the person agrees to give the programme's contact, asked when a suggestion is
accepted (issue 17): as DORA asks it, all optional, keyboard-first.

The dialog opens on the consent box (Espace ticks it, Alt+A from anywhere): without it the
fields stay disabled and nothing is kept. Then Tab: the contact preference (téléphone,
courriel, via l’accueil, autre), the phone, the e-mail, the availability, a short message
for this programme's contact. Entrée keeps them (checked by core's ``clean_contact``, a
French message under the form otherwise), Échap goes on without details. The details are the
same for every referral of the visit (typed once, offered again at the next acceptance); the
message is each programme's own. They travel with the visit (``VisitInput.contact`` and
``messages``) and are forgotten with the form.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from acsrv_desktop.core.reception.contact_details import (
    CONTACT_PREFERENCES,
    ContactInput,
    clean_contact,
)
from acsrv_desktop.core.reception.profile import FieldErrors
from acsrv_desktop.gui.announce import show_message
from acsrv_desktop.gui.forms.ui_referral_details_dialog import Ui_ReferralDetailsDialog
from acsrv_desktop.gui.theme import Kind, grow_to_fit, set_default_width, set_kind

NOT_SAID = "non précisée"


class ReferralDetailsDialog(QDialog):
    """The details for one accepted suggestion; ``contact()`` and ``message()`` once accepted."""

    def __init__(
        self,
        programme: str,
        contact: ContactInput | None,
        message: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("referralDetailsDialog")
        self.ui = ui = Ui_ReferralDetailsDialog()
        ui.setupUi(self)
        self.setWindowTitle(f"Orientation vers « {programme} » : pour le contact")
        ui.aboutLabel.setText(
            f"Comment le contact de « {programme} » peut-il joindre la personne ? "
            "Demandez-lui son accord d’abord."
        )
        ui.preferenceCombo.addItem(NOT_SAID, None)
        for code, label in CONTACT_PREFERENCES.items():
            ui.preferenceCombo.addItem(label, code)
        buttons = ui.buttonBox
        save = buttons.addButton("&Enregistrer", QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.addButton("Sans coordonnées", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._check_then_accept)
        buttons.rejected.connect(self.reject)
        set_kind(ui.errorLabel, Kind.ERROR)
        ui.errorLabel.hide()
        ui.consentCheck.toggled.connect(self._consent_given)
        self._fill(contact, message)
        self._consent_given(ui.consentCheck.isChecked())
        set_default_width(self, 70)
        ui.consentCheck.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill(self, contact: ContactInput | None, message: str) -> None:
        ui = self.ui
        if contact is not None:
            ui.consentCheck.setChecked(contact.consent)
            ui.preferenceCombo.setCurrentIndex(
                max(0, ui.preferenceCombo.findData(contact.preference))
            )
            ui.phoneEdit.setText(contact.phone or "")
            ui.emailEdit.setText(contact.email or "")
            ui.availabilityEdit.setText(contact.availability or "")
        ui.messageEdit.setText(message)

    def _fields(self) -> tuple[QWidget, ...]:
        ui = self.ui
        return (
            ui.preferenceCombo,
            ui.phoneEdit,
            ui.emailEdit,
            ui.availabilityEdit,
            ui.messageEdit,
        )

    def _consent_given(self, given: bool) -> None:
        """Without the person's agreement, nothing can be typed (nor kept)."""
        for field in self._fields():
            field.setEnabled(given)
        ui = self.ui
        for label in (
            ui.preferenceLabel,
            ui.phoneLabel,
            ui.emailLabel,
            ui.availabilityLabel,
            ui.messageLabel,
        ):
            label.setEnabled(given)

    def contact(self) -> ContactInput | None:
        """What was typed (None: no consent, nothing kept)."""
        ui = self.ui
        if not ui.consentCheck.isChecked():
            return None
        return ContactInput(
            consent=True,
            preference=ui.preferenceCombo.currentData(),
            phone=ui.phoneEdit.text().strip() or None,
            email=ui.emailEdit.text().strip() or None,
            availability=ui.availabilityEdit.text().strip() or None,
        )

    def message(self) -> str:
        return self.ui.messageEdit.text().strip() if self.ui.consentCheck.isChecked() else ""

    def _check_then_accept(self) -> None:
        contact = self.contact()
        try:
            clean_contact(contact, {"programme": self.message()} if self.message() else None)
        except FieldErrors as refused:
            ui = self.ui
            show_message(ui.errorLabel, "\n".join(refused.errors.values()), Kind.ERROR)
            ui.errorLabel.show()
            grow_to_fit(self)
            places = {
                "contact_preference": ui.preferenceCombo,
                "contact_phone": ui.phoneEdit,
                "contact_email": ui.emailEdit,
                "contact_availability": ui.availabilityEdit,
                "contact_message": ui.messageEdit,
            }
            first = next((places[k] for k in refused.errors if k in places), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()


class ReferralDetails(QObject):
    """The details of the visit being typed, and each accepted programme's message."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.contact: ContactInput | None = None
        self.messages: dict[str, str] = {}
        self.dialog: ReferralDetailsDialog | None = None  # the one open, if any

    def ask(self, programme_id: str, programme: str) -> ReferralDetailsDialog:
        """The dialog for ``programme`` (window-modal, not blocking: its answer is kept when
        it comes; Échap leaves the details as they were)."""
        if self.dialog is not None:
            self.dialog.reject()
        dialog = ReferralDetailsDialog(
            programme, self.contact, self.messages.get(programme_id, ""), self._parent
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog

        def kept() -> None:
            self.contact = dialog.contact()
            message = dialog.message()
            if message:
                self.messages[programme_id] = message
            else:
                self.messages.pop(programme_id, None)
            if self.contact is None:
                self.messages.clear()  # no consent: no message either
            self.changed.emit()

        def closed() -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.accepted.connect(kept)
        dialog.finished.connect(lambda _result: closed())
        dialog.open()
        return dialog

    def forget(self, programme_id: str) -> None:
        """A suggestion un-ticked: its message goes."""
        self.messages.pop(programme_id, None)

    def for_visit(self, programmes: tuple[str, ...]) -> tuple[ContactInput | None, dict[str, str]]:
        """What the visit carries: the details, and the messages of the programmes kept."""
        return self.contact, {p: m for p, m in self.messages.items() if p in programmes}

    def clear(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.contact = None
        self.messages.clear()

    def summary(self) -> str:
        """« coordonnées transmises (téléphone) » for the status line; empty when none."""
        if self.contact is None:
            return ""
        preference = CONTACT_PREFERENCES.get(self.contact.preference or "", "")
        return "coordonnées transmises" + (f" ({preference})" if preference else "")
