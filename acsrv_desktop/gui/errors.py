"""Errors in the GUI: one ``show_error`` (tests patch it) and a French crash dialog.

An unexpected exception is logged with its traceback and shown in French; the application
keeps running. Neither the log nor the dialog carries the exception's message: it may hold a
visitor's data (see core/redaction.py).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from acsrv_desktop.core.redaction import safe_traceback

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent
    )
    if details:
        box.setDetailedText(details)
    box.exec()


class UnexpectedErrorReporter(QObject):
    """Installed as ``sys.excepthook``; reports on the GUI thread, whatever thread raised."""

    _reported = Signal(str)

    def __init__(self, log_file: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log_file = log_file
        self._showing = False
        self._reported.connect(self._show)  # queued when emitted from another thread

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
        )

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("erreur inattendue", exc_info=(exc_type, exc, tb))
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        # Shown to whoever sits at the desk, perhaps with the visitor beside them, and
        # often pasted into an e-mail: the frames, never the values (core/redaction.py).
        self._reported.emit(safe_traceback(exc))

    @Slot(str)
    def _show(self, details: str) -> None:
        if self._showing:  # one dialog at a time, even if errors cascade
            return
        self._showing = True
        try:
            where = (
                f"\n\nLe détail a été enregistré dans :\n{self._log_file}" if self._log_file else ""
            )
            show_error(
                None,
                "Erreur inattendue",
                "Une erreur inattendue est survenue. L'application continue de fonctionner ; "
                f"si le problème se répète, signalez-le au référent informatique.{where}",
                details,
            )
        finally:
            self._showing = False
