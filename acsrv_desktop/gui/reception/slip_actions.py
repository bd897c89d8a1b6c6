"""The referral slip of the last visit saved at the Accueil: in PDF (Ctrl+Maj+P), printed
(Ctrl+P), or a prepared e-mail to each programme's contact (Ctrl+Maj+M)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.slip import Slip
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.printing import print_html
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.slips import save_slip_pdf

NO_SLIP = "Pas de fiche d’orientation : enregistrez d’abord un passage avec une orientation."


class SlipActions(QObject):
    """The three slip buttons of the actions row, enabled once a visit with referrals is
    saved; the slip itself is read when asked for."""

    def __init__(
        self,
        area: QWidget,
        row: QBoxLayout,
        services: Services,
        *,
        status: ShowStatus,
    ) -> None:
        super().__init__(area)
        self._area = area  # the parent of the dialogs
        self._slips = services.slips
        self._status = status
        self._last_visit_with_referrals: int | None = None
        self._pdf_button = QPushButton("Fiche en PDF…  (Ctrl+Maj+P)")
        self._print_button = QPushButton("Imprimer la fiche…  (Ctrl+P)")
        self._mail_button = QPushButton("Courriel au contact  (Ctrl+Maj+M)")
        for position, button in enumerate(
            (self._pdf_button, self._print_button, self._mail_button)
        ):
            button.setEnabled(False)
            row.insertWidget(2 + position, button)
        self._pdf_button.clicked.connect(self.save_slip_pdf)
        self._print_button.clicked.connect(self.print_slip)
        self._mail_button.clicked.connect(self.mail_contact)

    def set_last_visit(self, visit_id: int | None) -> None:
        self._last_visit_with_referrals = visit_id
        slip = self.slip() if visit_id else None
        self._pdf_button.setEnabled(slip is not None)
        self._print_button.setEnabled(slip is not None)
        self._mail_button.setEnabled(bool(slip and any(slip.mailto(line) for line in slip.lines)))

    def slip(self) -> Slip | None:
        if self._last_visit_with_referrals is None:
            return None
        try:
            return self._slips.slip(self._last_visit_with_referrals)
        except UserFacingError as exc:
            self._status(str(exc), error=True)
            return None

    def save_slip_pdf(self) -> Path | None:
        slip = self.slip()
        if slip is None:
            self._status(NO_SLIP, error=True)
            return None
        path, message = save_slip_pdf(self._area, slip)
        if message:
            self._status(message, error=path is None)
        return path

    def print_slip(self) -> None:
        slip = self.slip()
        if slip is None:
            self._status(NO_SLIP, error=True)
            return
        if print_html(slip.html(), self._area):
            self._status("Fiche d’orientation envoyée à l’imprimante.")

    def mail_contact(self) -> None:
        slip = self.slip()
        links = [link for line in slip.lines if (link := slip.mailto(line))] if slip else []
        if not links:
            self._status(
                "Pas de courriel préparé : il faut une orientation avec un contact qui a "
                "une adresse, et l’accord de la personne.",
                error=True,
            )
            return
        for link in links:
            QDesktopServices.openUrl(QUrl(link))
