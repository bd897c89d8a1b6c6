"""The database opened in the background while the sign-in window is already on screen.

At start-up on a database known to have accounts, the person sees the sign-in window at
once and types while ``open_database`` (SQLAlchemy, the schema check, the shipped catalogue)
runs on the thread pool; that work starts once the window is painted, so that the first
paint does not share the interpreter with it. This module imports no SQLAlchemy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from acsrv_desktop.gui.tasks import run_in_background

if TYPE_CHECKING:
    from acsrv_desktop.core.bootstrap import OpenedDatabase

log = logging.getLogger(__name__)
PAINT_FALLBACK_MS = 500  # a window that is never painted (minimised) does not hold it back


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._fire)  # once the paint is done and the loop idle
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()


def after_first_paint(
    widget: QWidget, callback: Callable[[], None], fallback_ms: int = PAINT_FALLBACK_MS
) -> None:
    """Call ``callback`` once, when the event loop is idle after ``widget``'s first paint
    (or after ``fallback_ms`` if it is not painted by then)."""
    _FirstPaint(widget, callback, fallback_ms)


class DatabaseOpening(QObject):
    """``open_database(url)`` on the thread pool, then whether the database has accounts.

    ``finished`` is emitted on the GUI thread; then either ``opened`` and ``has_accounts``
    are set, or ``error`` is. ``close()`` disposes of a database opened for nothing (the
    person quit before it was ready), waiting for the opening if it is still running.
    """

    finished = Signal()

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.opened: OpenedDatabase | None = None
        self.has_accounts: bool | None = None
        self.error: BaseException | None = None
        self._started = False
        self._work_done = threading.Event()
        self._kept: OpenedDatabase | None = None  # set by the worker, closed by close()

    @property
    def is_running(self) -> bool:
        return self._started and not self._work_done.is_set()

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        url = self.url

        def open_and_look() -> tuple[OpenedDatabase, bool]:
            try:
                from acsrv_desktop.core.accounts.service import AccountService
                from acsrv_desktop.core.bootstrap import open_database

                self._kept = open_database(url)
                return self._kept, AccountService(self._kept.db).has_accounts()
            finally:
                self._work_done.set()

        # No owner: the answer must come even if the window was closed, to be disposed of.
        run_in_background(open_and_look, self._opened, self._failed)

    def _opened(self, answer: tuple[OpenedDatabase, bool]) -> None:
        self.opened, self.has_accounts = answer
        self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        self.error = error
        self.finished.emit()

    def close(self) -> None:
        """Dispose of the database, once the opening (if started) has ended."""
        if self._started:
            self._work_done.wait()
        kept, self._kept = self._kept, None
        if kept is not None:
            kept.db.dispose()
        self.opened = None
