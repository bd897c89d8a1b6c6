"""Start-up step: load the shipped catalogue at first start, merge a newer one on upgrade.

Every start reads the shipped file's ``catalogue_version`` alone (its first lines); the
catalogue is parsed and validated only when that version is newer than the database's.
"""

from __future__ import annotations

import re

from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.catalogue.store import MergeReport, merge_shipped_catalogue, shipped_version
from acsrv_desktop.core.database import Database
from acsrv_desktop.paths import shipped_file

_VERSION_LINE = re.compile(r'catalogue_version\s*=\s*"([^"\\]*)"\s*(?:#.*)?')


def _version_key(version: str | None) -> tuple[int, ...]:
    """ "2026.11.2" -> (2026, 11, 2); what cannot be read sorts first."""
    try:
        return tuple(int(part) for part in (version or "").split("."))
    except ValueError:
        return ()


def _is_newer(shipped: str, stored: str | None) -> bool:
    return _version_key(shipped) > _version_key(stored)


def shipped_catalogue_version() -> str | None:
    """``catalogue_version`` of the shipped catalogue, read from the lines before its first
    table (where TOML puts the top-level keys) without parsing the rest; None when it is not
    written there in the plain form ``catalogue_version = "…"`` (the full load then decides)."""
    with shipped_file("resources", "catalogue", "acsrv.toml").open(encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("["):
                return None
            match = _VERSION_LINE.fullmatch(line.strip())
            if match:
                return match.group(1)
    return None


def _needs_merge(db: Database, version: str | None) -> bool:
    if version is None:
        return True
    with db.read() as session:
        return _is_newer(version, shipped_version(session))


def ensure_shipped_catalogue(db: Database) -> MergeReport | None:
    """Merge the shipped catalogue if it is newer than what the database has seen.

    An older application on a shared database never merges its older catalogue.
    """
    if not _needs_merge(db, shipped_catalogue_version()):
        return None  # the usual start: the catalogue file is not parsed
    data = load_shipped_catalogue()
    with db.write() as session:
        # Checked again under the write lock: another workstation may have just done it.
        if not _is_newer(data.version, shipped_version(session)):
            return None
        return merge_shipped_catalogue(session, data)
