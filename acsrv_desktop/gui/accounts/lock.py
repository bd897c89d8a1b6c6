"""The idle lock: after some minutes without keyboard or mouse, every window is veiled (no
personal data left on screen for the people standing at the desk) until the password of the
person signed in is typed again. Nothing is closed: the form being typed is kept as it was.

The lock works for the session's signed-in person through ``services.accounts``
(``AccountManagement``). Everything it asks of the database — the password checked at
unlocking, the account and the idle time re-read, the lock traced — runs in the background:
a remote server that is slow to answer never freezes the desk."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.service import AccountManagement, SignInError
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.gui.accounts.sign_in import (
    CHECKING,
    error_label,
    hold,
    password_edit,
    say,
    status_label,
    unexpected_error,
)
from acsrv_desktop.gui.tasks import run_in_background
from acsrv_desktop.gui.theme import set_default_width

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 5_000
DEFAULT_MINUTES = 5  # until the shared setting is read, or while it cannot be
ACCOUNT_CHECK_EVERY = 12  # checks: the account is re-read once a minute

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


VEIL_BACKGROUND = QColor("#1f3b4d")  # a fixed design, the same in every theme:
VEIL_TEXT = QColor("white")  # 11.6:1 on its background (tests/gui/test_contrast.py)


class Veil(QWidget):
    """An opaque cover over a window's whole surface, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockVeil")
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Window, VEIL_BACKGROUND)
            palette.setColor(group, QPalette.ColorRole.WindowText, VEIL_TEXT)
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        label = QLabel("Session verrouillée", self)
        large = label.font()  # twice the application's text: it follows the zoom
        large.setPointSizeF(QApplication.font().pointSizeF() * 2)
        label.setFont(large)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class UnlockDialog(QDialog):
    """The password of the person signed in; Échap does not close it.

    « Déverrouiller » is the default button, on the right, right after the password; « Quitter
    l’application » sits apart, small, at the far left of a row of its own, and is neither
    the next nor the previous stop of Tab from the password (a stray Tab+Espace or
    Maj+Tab+Espace unlocks or changes user, never quits). Quitting still asks first when a
    visit is being typed (``quit_application``).
    """

    def __init__(
        self,
        accounts: AccountManagement,
        parent: QWidget | None = None,
        *,
        quit_application: Callable[[QWidget], None] | None = None,
        switch_user: Callable[[QWidget], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Session verrouillée")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._accounts = accounts
        actor = accounts.actor
        self._verifying = False
        self._quit_application = quit_application or (lambda _parent: QApplication.quit())
        self._leaving = False  # quitting: let the application close this dialog too
        text = QLabel(
            f"Session de <b>{_escape(actor.name)}</b> verrouillée après inactivité.<br>"
            "Tapez votre mot de passe pour reprendre où vous en étiez."
        )
        text.setWordWrap(True)
        self.password_edit = password_edit()
        self.password_edit.setPlaceholderText("Mot de passe")
        self.password_edit.setAccessibleName("Mot de passe")
        self.message = error_label()
        self.status = status_label("unlockStatus")
        self.unlock_button = QPushButton("&Déverrouiller")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton("Changer d’&utilisateur…")
        self.switch_button.setToolTip(
            "Une autre personne prend le poste ; le passage en cours de saisie est gardé."
        )
        self.switch_button.setVisible(switch_user is not None)
        if switch_user is not None:
            self.switch_button.clicked.connect(lambda: switch_user(self))
        self.quit_button = QPushButton("Quitter l’application")  # no mnemonic: no slip
        self.quit_button.setFlat(True)
        small = self.quit_button.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.quit_button.setFont(small)
        self.quit_button.clicked.connect(self._quit)
        for button in (self.switch_button, self.quit_button):
            button.setAutoDefault(False)  # Entrée always unlocks
        unlock_row = QHBoxLayout()
        unlock_row.addStretch(1)
        unlock_row.addWidget(self.unlock_button)
        other_row = QHBoxLayout()
        other_row.addWidget(self.quit_button)
        other_row.addStretch(1)
        other_row.addWidget(self.switch_button)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addLayout(unlock_row)
        layout.addSpacing(12)
        layout.addWidget(rule)
        layout.addLayout(other_row)
        # Tab: password → Déverrouiller → Quitter → Changer d’utilisateur → password.
        QWidget.setTabOrder(self.password_edit, self.unlock_button)
        QWidget.setTabOrder(self.unlock_button, self.quit_button)
        QWidget.setTabOrder(self.quit_button, self.switch_button)
        set_default_width(self, 76)

    @property
    def is_busy(self) -> bool:
        """The password is being checked (its answer is still on its way)."""
        return self._verifying

    def _hold(self, waiting: str | None) -> None:
        # « Changer d’utilisateur » waits too: the unlocking may be granted meanwhile.
        buttons = (self.unlock_button, self.switch_button)
        hold((self.password_edit,), buttons, self.status, waiting)

    def try_unlock(self) -> None:
        if self._verifying:
            return
        say(self.message, "")
        accounts, password = self._accounts, self.password_edit.text()
        self._verifying = True
        self._hold(CHECKING)
        run_in_background(
            lambda: accounts.unlock(password),
            lambda _none: self._answered(None),
            self._answered,
            self,
        )

    def _answered(self, error: BaseException | None) -> None:
        self._verifying = False
        self._hold(None)
        if error is None:
            self.password_edit.clear()
            self.accept()
            return
        if isinstance(error, SignInError):
            say(self.message, str(error))
            self.password_edit.clear()
        elif isinstance(error, UserFacingError):  # the database is away: try again
            say(self.message, f"Déverrouillage impossible : {error}")
        else:
            say(self.message, unexpected_error("déverrouillage", error))
        self.password_edit.setFocus()

    def _quit(self) -> None:
        self._leaving = True  # the application's quit closes every window, this one too
        self._quit_application(self)
        self._leaving = False  # still here: the quit was cancelled

    def reject(self) -> None:
        """Échap and the close button keep the lock."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self._leaving:
            event.accept()
        else:
            super().closeEvent(event)  # reject(), which keeps the lock


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class IdleLock(QObject):
    """Watches the keyboard and mouse of the whole application; locks after ``minutes``.

    A check runs every few seconds rather than a timer restarted at each key: the idle time is
    re-read each time (another workstation may change it), and so is the account, which locks
    the screen for good when it was deactivated or given other rights meanwhile. Both are read
    in the background; until the first answer, and when the database does not answer, the
    last known idle time counts (5 minutes at first).
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        accounts: AccountManagement,
        minutes: Callable[[], int],
        parent: QObject | None = None,
        *,
        quit_application: Callable[[QWidget], None] | None = None,
        switch_user: Callable[[QWidget], object] | None = None,
    ) -> None:
        """``accounts``: the session's ``services.accounts`` (its actor is the person signed
        in); ``minutes`` reads the idle time (called in the background). ``quit_application``
        and ``switch_user`` are what the lock dialog's « Quitter l’application » and
        « Changer d’utilisateur… » do, each given the dialog (to parent its question); without
        ``switch_user`` that button is hidden."""
        super().__init__(parent)
        self._accounts, self._actor, self._minutes = accounts, accounts.actor, minutes
        self._quit_application, self._switch_user = quit_application, switch_user
        self._veils: list[Veil] = []
        self.dialog: UnlockDialog | None = None
        self._last_activity = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self.interval_ms: int | None = None  # tests set milliseconds; else read from settings
        self._checks = 0
        self._limit_s = float(DEFAULT_MINUTES * 60)
        self._reading = False  # a reading of the settings and the account is on its way

    @staticmethod
    def _application() -> QCoreApplication:
        app = QApplication.instance()
        assert app is not None  # the lock watches the running application's events
        return app

    def start(self) -> None:
        self._application().installEventFilter(self)
        self._last_activity = time.monotonic()
        self._timer.start(min(CHECK_EVERY_MS, self.interval_ms or CHECK_EVERY_MS))

    def stop(self) -> None:
        self._application().removeEventFilter(self)
        self._timer.stop()

    def end(self) -> None:
        """The session is over (another person signed in): no more locking, veils and lock
        dialog removed, this object deleted (an answer still on its way is dropped)."""
        self.stop()
        self._remove_veils()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()

    def _check(self) -> None:
        if self.is_locked or self._reading:
            return
        self._checks += 1
        check_account = self._checks % ACCOUNT_CHECK_EVERY == 0
        if self.interval_ms is not None:
            self._limit_s = self.interval_ms / 1000
            if not check_account:
                self._lock_if_idle()
                return
        accounts, minutes = self._accounts, None if self.interval_ms else self._minutes

        def read() -> tuple[bool, int | None]:
            return (
                accounts.still_valid() if check_account else True,
                minutes() if minutes is not None else None,
            )

        self._reading = True
        run_in_background(read, self._read, self._unreadable, self)

    def _read(self, answer: tuple[bool, int | None]) -> None:
        self._reading = False
        valid, minutes = answer
        if minutes is not None:
            self._limit_s = minutes * 60
        if not valid:
            self.lock()  # unlocking then says why and refuses
        else:
            self._lock_if_idle()

    def _unreadable(self, error: BaseException) -> None:
        self._reading = False
        if not isinstance(error, UserFacingError):
            raise error  # a defect: the application's error dialog says so
        log.warning("verrouillage : réglage illisible (%s)", error)  # the last limit holds
        self._lock_if_idle()

    def _lock_if_idle(self) -> None:
        if not self.is_locked and time.monotonic() - self._last_activity >= self._limit_s:
            self.lock()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in ACTIVITY and not self.is_locked:
            self._last_activity = time.monotonic()
        elif (
            kind == QEvent.Type.Show
            and self.is_locked
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not isinstance(watched, (Veil, UnlockDialog))
            and not self._opened_by_dialog(watched)
            and not any(veil.parentWidget() is watched for veil in self._veils)
        ):
            # A window opened while locked (a message at the end of a background task).
            self._veils.append(Veil(watched))
            QTimer.singleShot(0, self._raise_dialog)
        return False

    def _opened_by_dialog(self, window: QWidget) -> bool:
        """A question or sign-in opened from the lock dialog: it must be seen, not veiled."""
        parent = window.parentWidget()
        while parent is not None:
            if parent is self.dialog:
                return True
            parent = parent.parentWidget()
        return False

    def _raise_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()

    def lock(self) -> None:
        if self.is_locked:
            return
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, (Veil, UnlockDialog)):
                self._veils.append(Veil(window))
        db, actor = self._accounts.db, self._actor
        run_in_background(  # the database may be away: the screen locks anyway
            lambda: audit.write(db, actor, "verrouillage"),
            lambda _none: None,
            lambda error: log.warning("verrouillage non inscrit au journal : %s", error),
        )
        self.dialog = UnlockDialog(
            self._accounts,
            quit_application=self._quit_application,
            switch_user=self._switch_user,
        )
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.show()
        self._raise_dialog()
        self.dialog.password_edit.setFocus()
        self.locked.emit()

    def _remove_veils(self) -> None:
        for veil in self._veils:
            parent = veil.parentWidget()
            if parent is not None:
                parent.removeEventFilter(veil)
            veil.hide()
            veil.deleteLater()
        self._veils.clear()

    def _unlocked(self) -> None:
        self._remove_veils()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._last_activity = time.monotonic()
        self.unlocked.emit()
