"""Start-up step: load the shipped catalogue at first start, merge a newer one on upgrade."""

from __future__ import annotations

from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.catalogue.store import MergeReport, merge_shipped_catalogue, shipped_version
from acsrv_desktop.core.database import Database


def ensure_shipped_catalogue(db: Database) -> MergeReport | None:
    """Merge the shipped catalogue if the database has not seen this version yet."""
    data = load_shipped_catalogue()
    with db.read() as session:
        if shipped_version(session) == data.version:
            return None
    with db.write() as session:
        # Checked again under the write lock: another workstation may have just done it.
        if shipped_version(session) == data.version:
            return None
        return merge_shipped_catalogue(session, data)
