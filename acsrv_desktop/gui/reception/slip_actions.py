"""The referral slip of the last visit saved at the Accueil: in PDF (Ctrl+Maj+P), printed
(Ctrl+P), or a prepared e-mail to each programme's contact (Ctrl+Maj+M).

The slip is read in the background — once when the visit is saved, to know which buttons to
offer, and again when one is asked for (the person's consent may have changed meanwhile) —
then drawn, printed or mailed here, on the GUI thread (drawing needs Qt). While it is read
the buttons are disabled and the same action asked again does nothing; a slip that could not
be read is said in French in the status line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from acsrv_desktop.core.reception.slip import Slip
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.printing import print_html
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.slips import save_slip_pdf
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background

NO_SLIP = "Pas de fiche d’orientation : enregistrez d’abord un passage avec une orientation."
NO_MAIL = (
    "Pas de courriel préparé : il faut une orientation avec un contact qui a une adresse, et "
    "l’accord de la personne."
)


def _mail_links(slip: Slip) -> list[str]:
    return [link for line in slip.lines if (link := slip.mailto(line))]


class SlipActions(QObject):
    """The three slip buttons of the actions row, enabled once a visit with referrals is
    saved and its slip read; the slip itself is read again when asked for."""

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
        self._offered: Slip | None = None  # the last visit's slip, as read for the buttons
        self._checks = LatestOnly(self)  # the slip of the visit just saved, for the buttons
        self._fetching = False  # an action's slip is on its way
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

    @property
    def busy(self) -> bool:
        """A slip is being read (the buttons wait for it)."""
        return self._checks.busy or self._fetching

    def set_last_visit(self, visit_id: int | None) -> None:
        """The visit just saved (None: it has no referral): its slip read in the background,
        the buttons offered once it is in."""
        self._last_visit_with_referrals = visit_id
        self._offered = None
        self._update_buttons()
        if visit_id is None:
            return
        slips = self._slips

        def failed(error: BaseException) -> None:
            self._status(f"Fiche d’orientation illisible : {failure_text(error)}", error=True)

        self._checks.run(lambda: slips.slip(visit_id), self._offer, failed)

    def _offer(self, slip: Slip) -> None:
        if slip.visit_id == self._last_visit_with_referrals:  # not a visit saved before
            self._offered = slip
            self._update_buttons()

    def _update_buttons(self) -> None:
        slip, idle = self._offered, not self._fetching
        self._pdf_button.setEnabled(idle and slip is not None)
        self._print_button.setEnabled(idle and slip is not None)
        self._mail_button.setEnabled(idle and slip is not None and bool(_mail_links(slip)))

    def _with_slip(self, then: Callable[[Slip], None]) -> None:
        """The last visit's slip read in the background, then handed to ``then`` here."""
        visit_id = self._last_visit_with_referrals
        if visit_id is None:
            self._status(NO_SLIP, error=True)
            return
        if self._fetching:
            return  # asked again while it is read: once is enough
        self._fetching = True
        self._update_buttons()
        slips = self._slips

        def done(slip: Slip) -> None:
            self._fetching = False
            self._offer(slip)
            self._update_buttons()
            then(slip)

        def failed(error: BaseException) -> None:
            self._fetching = False
            self._update_buttons()
            self._status(f"Fiche d’orientation illisible : {failure_text(error)}", error=True)

        run_in_background(lambda: slips.slip(visit_id), done, failed, self)

    def save_slip_pdf(self) -> None:
        """Ctrl+Maj+P: the slip read, then where to save it asked and the PDF drawn."""

        def save(slip: Slip) -> None:
            path, message = save_slip_pdf(self._area, slip)
            if message:
                self._status(message, error=path is None)

        self._with_slip(save)

    def print_slip(self) -> None:
        """Ctrl+P: the slip read, then the print dialog."""

        def print_it(slip: Slip) -> None:
            if print_html(slip.html(), self._area):
                self._status("Fiche d’orientation envoyée à l’imprimante.")

        self._with_slip(print_it)

    def mail_contact(self) -> None:
        """Ctrl+Maj+M: the slip read, then one prepared e-mail per contact with an address."""

        def mail(slip: Slip) -> None:
            links = _mail_links(slip)
            if not links:
                self._status(NO_MAIL, error=True)
                return
            for link in links:
                QDesktopServices.openUrl(QUrl(link))

        if self._last_visit_with_referrals is None:
            self._status(NO_MAIL, error=True)  # as before: nothing to mail
            return
        self._with_slip(mail)
