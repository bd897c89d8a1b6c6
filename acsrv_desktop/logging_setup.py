"""A rotating log file in the user's log directory; no personal data is ever logged.

The file is its owner's only (0600, in a 0700 folder).
"""

from __future__ import annotations

import io
import logging
import logging.handlers
from pathlib import Path

from acsrv_desktop import paths
from acsrv_desktop.core.private_files import make_private, open_private

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
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    return log_path
