"""A rotating log file in the user's log directory; no personal data is ever logged."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from acsrv_desktop import paths

LOG_FILE_NAME = "acsrv-desktop.log"


def configure_logging(level: int = logging.INFO) -> Path | None:
    """Send the application's log to a rotating file; return its path (None if impossible)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and getattr(handler, "_acsrv", False):
            return Path(handler.baseFilename)
    try:
        log_path = paths.user_log_dir() / LOG_FILE_NAME
        handler = logging.handlers.RotatingFileHandler(
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
