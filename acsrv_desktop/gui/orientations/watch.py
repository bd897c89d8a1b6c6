"""The referrals watched while someone is signed in (issue 17): the « à relancer » count on
the Orientations tab, and for a référent de programme a desktop notification when a new
referral arrives for its programmes.

Read off the GUI thread every ``POLL_MS`` (and at once at sign-in, and after an answer): a
référent's referrals through ``services.referent``; a desk's, the centre's referrals « à
relancer » through ``services.referrals``. Only referrals not seen before are announced (the
first reading of the session is what is already on screen), through the system tray where
there is one (``QSystemTrayIcon.showMessage``), else in the window's status bar.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QSystemTrayIcon

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.reception.loop import ReferentReferral
from acsrv_desktop.core.reception.referrals import TO_REMIND, ReferralFilter
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.tasks import failure_text, run_in_background

log = logging.getLogger(__name__)
POLL_MS = 90_000  # every minute and a half: a referral is not an emergency call


@dataclass(frozen=True)
class Reading:
    to_remind: int
    referrals: tuple[ReferentReferral, ...] = ()  # a référent's (empty for a desk)


def notify(window: QMainWindow, title: str, text: str) -> None:
    """A desktop notification where the system has a tray, else the status bar."""
    if QSystemTrayIcon.isSystemTrayAvailable():
        tray = window.findChild(QSystemTrayIcon, "referralTray")
        if tray is None:
            tray = QSystemTrayIcon(window.windowIcon(), window)
            tray.setObjectName("referralTray")
            tray.setToolTip(window.windowTitle())
            tray.messageClicked.connect(lambda: _bring_forward(window))
        tray.show()
        tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)
    bar = window.statusBar()
    bar.showMessage(f"{title} : {text}", 30_000)


def _bring_forward(window: QMainWindow) -> None:
    """The notification clicked: the window, to read the new referral."""
    window.showNormal()
    window.activateWindow()


class ReferralWatch(QObject):
    """Reads the session's referrals every ``POLL_MS``, off the GUI thread."""

    counted = Signal(int)  # how many are « à relancer »
    arrived = Signal(list)  # new referrals for the référent (list[ReferentReferral])

    def __init__(
        self,
        services: Services,
        window: QMainWindow,
        centre_name: Callable[[], str] = lambda: "",
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        actor = services.actor
        self.referent = actor.can(Permission.ANSWER_REFERRALS)
        self._services = services
        self._centre_name = centre_name  # the workstation's centre (coordination)
        self._seen: set[int] | None = None  # None: nothing read yet this session
        self._reading = False
        self._again = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        if self.referent:
            self.arrived.connect(self._announce)

    @property
    def busy(self) -> bool:
        return self._reading

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def end(self) -> None:
        """The session is over: nothing more is read or announced."""
        self.timer.stop()
        self.blockSignals(True)

    def poll(self) -> None:
        if self._reading:
            self._again = True  # once this answer is in (an answer was just saved)
            return
        self._reading = True
        # The workstation's centre read here, on the GUI thread (the preferences are Qt's).
        centre_name = self._centre_name().strip()
        run_in_background(lambda: self._read(centre_name), self._read_done, self._read_failed, self)

    def _read(self, centre_name: str) -> Reading:
        services, now = self._services, utc_now()
        if self.referent:
            rows = services.referent.referrals()
            remind = sum(1 for r in rows if r.shown_status(now) == TO_REMIND)
            return Reading(remind, tuple(rows))
        actor = services.actor
        centre_id = actor.centre_id
        if actor.can(Permission.ALL_CENTRES):
            centre_id = next(
                (c.id for c in services.centres.centres() if c.name == centre_name), None
            )
        if centre_id is None and not actor.can(Permission.ALL_CENTRES):
            return Reading(0)
        found = services.referrals.find(ReferralFilter(status=TO_REMIND, centre_id=centre_id))
        return Reading(len(found))

    def _read_done(self, reading: Reading) -> None:
        self._reading = False
        self.counted.emit(reading.to_remind)
        if self.referent:
            ids = {r.id for r in reading.referrals}
            if self._seen is not None:
                new = [r for r in reading.referrals if r.id not in self._seen]
                if new:
                    self.arrived.emit(new)
            self._seen = ids | (self._seen or set())
        if self._again:
            self._again = False
            self.poll()

    def _read_failed(self, error: BaseException) -> None:
        self._reading = False
        self._again = False
        log.warning("orientations non relues : %s", failure_text(error))

    def _announce(self, new: list[ReferentReferral]) -> None:
        if len(new) == 1:
            row = new[0]
            text = (
                f"{row.first_name or 'Une personne'}, orientée vers {row.programme_name} par "
                f"{row.centre_name}."
            )
        else:
            programmes = ", ".join(dict.fromkeys(r.programme_name for r in new))
            text = f"{len(new)} nouvelles orientations ({programmes})."
        title = "Nouvelle orientation" if len(new) == 1 else "Nouvelles orientations"
        notify(self._window, title, text)
