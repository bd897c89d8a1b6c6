"""The visit being typed, kept on the workstation until it is saved or cleared.

A crash, a kill or a power cut must not lose what a receptionist typed for the person standing
at the desk: the form is written here as it changes and offered back at the next start. It
holds personal data, so it is protected like the database: a private folder (0700) and a file
only its owner can read (0600), replaced atomically (never half-written).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from acsrv_desktop import paths

log = logging.getLogger(__name__)
DRAFT_VERSION = 1


def default_draft_path() -> Path:
    return paths.user_data_dir() / "brouillon-accueil.json"


class DraftStore:
    """One draft file; every failure is logged (without its content) and never raised: a
    draft that cannot be written must not stop anyone from working."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_draft_path()

    def save(self, draft: dict[str, Any]) -> bool:
        data = json.dumps({"version": DRAFT_VERSION, **draft}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(
                prefix=".brouillon-", suffix=".tmp", dir=self.path.parent
            )  # created 0600
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("brouillon de l'accueil non enregistré : %s", type(exc).__name__)
            return False
        return True

    def load(self) -> dict[str, Any] | None:
        """The draft left, or None (none, unreadable or from another version)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("brouillon de l'accueil illisible : %s", type(exc).__name__)
            return None
        if not isinstance(raw, dict) or raw.get("version") != DRAFT_VERSION:
            return None
        return raw

    def remove(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("brouillon de l'accueil non supprimé : %s", type(exc).__name__)
