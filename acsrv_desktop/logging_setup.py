"""A rotating log file in the user's log directory; no personal data is ever logged.

The file is its owner's only (0600, in a 0700 folder), and every error written there is told
by ``core.redaction``: its type and what carries no value, never its message (an SQLAlchemy
error's parameters, a row's repr), whether it comes as ``exc_info`` or as an argument of the
message (``log.warning("… : %s", exc)``).
"""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path
from typing import Any

from acsrv_desktop import paths
from acsrv_desktop.core.private_files import make_private, open_private
from acsrv_desktop.core.redaction import safe_error_text, safe_traceback

LOG_FILE_NAME = "acsrv-desktop.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the current one and each begun at a rotation, created 0600."""

    def _open(self) -> io.TextIOWrapper:
        stream = open_private(
            Path(self.baseFilename), "a", encoding=self.encoding, errors=self.errors
        )
        assert isinstance(stream, io.TextIOWrapper)  # a text mode: os.fdopen's text stream
        return stream

    def doRollover(self) -> None:
        super().doRollover()
        for index in range(1, self.backupCount + 1):  # an older version's, 0644
            make_private(Path(f"{self.baseFilename}.{index}"))


class ErrorsWithoutValues(logging.Filter):
    """Exceptions passed as arguments of a message are replaced by their safe text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_safe_argument(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _safe_argument(arg) for key, arg in record.args.items()}
        return True


def _safe_argument(value: object) -> object:
    return safe_error_text(value) if isinstance(value, BaseException) else value


class SafeFormatter(logging.Formatter):
    """A traceback's frames without its messages."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler (a console, pytest's) may have cached the full traceback on the
        # record: ours is written afresh, and left for the handlers after this one.
        record.exc_text = None
        return super().format(record)

    def formatException(self, ei: Any) -> str:  # noqa: N802 (logging's name)
        exc = ei[1]
        if exc is None:
            return ""
        if exc.__traceback__ is None and ei[2] is not None:
            exc = exc.with_traceback(ei[2])
        return safe_traceback(exc).rstrip("\n")


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the application's log to a rotating file; return its path (None if impossible)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and getattr(handler, "_acsrv", False):
            return Path(handler.baseFilename)
    try:
        log_path = paths.user_log_dir() / LOG_FILE_NAME
        handler = PrivateRotatingFileHandler(
            log_path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler._acsrv = True  # type: ignore[attr-defined]
    handler.addFilter(ErrorsWithoutValues())
    handler.setFormatter(
        SafeFormatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    return log_path
