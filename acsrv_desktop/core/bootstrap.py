"""Opening the application's database: the one start-up path of the CLI and the GUI."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from acsrv_desktop import paths
from acsrv_desktop.core.catalogue.bootstrap import ensure_shipped_catalogue
from acsrv_desktop.core.catalogue.store import MergeReport
from acsrv_desktop.core.centres import ensure_shipped_centres
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.schema import UpgradeReport, upgrade_database

DATABASE_URL_ENV = "ACSRV_DATABASE_URL"


def resolve_database_url(cli_value: str | None, environ: Mapping[str, str] | None = None) -> str:
    """``--db`` first, then ``ACSRV_DATABASE_URL``, then the embedded SQLite file."""
    environ = os.environ if environ is None else environ
    if cli_value:
        return cli_value
    if environ.get(DATABASE_URL_ENV):
        return environ[DATABASE_URL_ENV]
    return URL.create("sqlite", database=str(paths.default_database_path())).render_as_string()


@dataclass
class OpenedDatabase:
    db: Database
    upgrade: UpgradeReport
    catalogue: MergeReport | None = None


def open_database(url: str, backup_folder: Path | None = None) -> OpenedDatabase:
    """Open ``url`` and migrate it; a ``DatabaseOpenError`` leaves the database untouched."""
    db = Database(url)
    try:
        report = upgrade_database(db, backup_folder or paths.backup_dir_path())
        catalogue = ensure_shipped_catalogue(db)
        ensure_shipped_centres(db)
    except BaseException:
        db.dispose()
        raise
    return OpenedDatabase(db, report, catalogue)
