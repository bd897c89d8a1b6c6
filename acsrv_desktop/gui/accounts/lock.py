"""The idle lock: after some minutes without keyboard or mouse, every window is veiled (no
personal data left on screen for the people standing at the desk) until the password of the
person signed in is typed again. Nothing is closed: the form being typed is kept as it was."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.accounts.service import AccountService, SignInError
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.gui.accounts.sign_in import error_label, password_edit, say

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 5_000
ACCOUNT_CHECK_EVERY = 12  # checks: the account is re-read once a minute

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class Veil(QWidget):
    """An opaque cover over a window's whole surface, following its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockVeil")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockVeil { background: #1f3b4d; }")
        label = QLabel("Session verrouillée", self)
        label.setStyleSheet("color: white; font-size: 20pt;")
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
    """The password of the person signed in; Échap does not close it."""

    def __init__(
        self, accounts: AccountService, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle("Session verrouillée")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._accounts, self._actor = accounts, actor
        text = QLabel(
            f"Session de <b>{_escape(actor.name)}</b> verrouillée après inactivité.<br>"
            "Tapez votre mot de passe pour reprendre où vous en étiez."
        )
        text.setWordWrap(True)
        self.password_edit = password_edit()
        self.password_edit.setPlaceholderText("Mot de passe")
        self.message = error_label()
        buttons = QDialogButtonBox()
        unlock = buttons.addButton("&Déverrouiller", QDialogButtonBox.ButtonRole.AcceptRole)
        unlock.setDefault(True)
        self.quit_button = buttons.addButton(
            "&Quitter l’application", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        buttons.accepted.connect(self.try_unlock)
        self.quit_button.clicked.connect(QApplication.quit)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def try_unlock(self) -> None:
        try:
            self._accounts.unlock(self._actor, self.password_edit.text())
        except SignInError as exc:
            say(self.message, str(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.password_edit.clear()
        self.accept()

    def reject(self) -> None:
        """Échap and the close button keep the lock."""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class IdleLock(QObject):
    """Watches the keyboard and mouse of the whole application; locks after ``minutes``.

    A check runs every few seconds rather than a timer restarted at each key: the idle time is
    re-read each time (another workstation may change it), and so is the account, which locks
    the screen for good when it was deactivated or given other rights meanwhile.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        accounts: AccountService,
        actor: Actor,
        minutes: Callable[[], int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._accounts, self._actor, self._minutes = accounts, actor, minutes
        self._veils: list[Veil] = []
        self.dialog: UnlockDialog | None = None
        self._last_activity = time.monotonic()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self.interval_ms: int | None = None  # tests set milliseconds; else read from settings
        self._checks = 0

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)
        self._last_activity = time.monotonic()
        self._timer.start(min(CHECK_EVERY_MS, self.interval_ms or CHECK_EVERY_MS))

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self._timer.stop()

    def _idle_limit_s(self) -> float:
        if self.interval_ms is not None:
            return self.interval_ms / 1000
        return self._minutes() * 60

    def _check(self) -> None:
        if self.is_locked:
            return
        try:
            self._checks += 1
            if self._checks % ACCOUNT_CHECK_EVERY == 0 and not self._accounts.still_valid(
                self._actor
            ):
                self.lock()  # unlocking then says why and refuses
                return
            limit = self._idle_limit_s()
        except UserFacingError as exc:  # the database is away: keep the last known limit
            log.warning("verrouillage : réglage illisible (%s)", exc)
            limit = 5 * 60
        if time.monotonic() - self._last_activity >= limit:
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
            and not any(veil.parentWidget() is watched for veil in self._veils)
        ):
            # A window opened while locked (a message at the end of a background task).
            self._veils.append(Veil(watched))
            QTimer.singleShot(0, self._raise_dialog)
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
        try:
            audit.write(self._accounts.db, self._actor, "verrouillage")
        except UserFacingError as exc:  # the database may be away: the screen locks anyway
            log.warning("verrouillage non inscrit au journal : %s", exc)
        self.dialog = UnlockDialog(self._accounts, self._actor)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.show()
        self._raise_dialog()
        self.dialog.password_edit.setFocus()
        self.locked.emit()

    def _unlocked(self) -> None:
        for veil in self._veils:
            if veil.parentWidget() is not None:
                veil.parentWidget().removeEventFilter(veil)
            veil.hide()
            veil.deleteLater()
        self._veils.clear()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._last_activity = time.monotonic()
        self.unlocked.emit()
