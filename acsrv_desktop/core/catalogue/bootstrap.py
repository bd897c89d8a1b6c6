"""Start-up step: load the shipped catalogue at first start, merge a newer one on upgrade."""

from __future__ import annotations

from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.catalogue.store import MergeReport, merge_shipped_catalogue, shipped_version
from acsrv_desktop.core.database import Database


def _version_key(version: str | None) -> tuple[int, ...]:
    """ "2026.11.2" -> (2026, 11, 2); what cannot be read sorts first."""
    try:
        return tuple(int(part) for part in (version or "").split("."))
    except ValueError:
        return ()


def _is_newer(shipped: str, stored: str | None) -> bool:
    return _version_key(shipped) > _version_key(stored)


def ensure_shipped_catalogue(db: Database) -> MergeReport | None:
    """Merge the shipped catalogue if it is newer than what the database has seen.

    An older application on a shared database never merges its older catalogue.
    """
    data = load_shipped_catalogue()
    with db.read() as session:
        if not _is_newer(data.version, shipped_version(session)):
            return None
    with db.write() as session:
        # Checked again under the write lock: another workstation may have just done it.
        if not _is_newer(data.version, shipped_version(session)):
            return None
        return merge_shipped_catalogue(session, data)
