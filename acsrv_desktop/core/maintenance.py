"""Care of the embedded database for one actor: backups, restore, synthetic data (Qt-free).

The command line's ``backup``, ``restore`` and ``demo-data`` and the GUI's start-up backup call
these methods of ``Services.maintenance``; each checks its actor's permission first and writes
the audit trail, so that no caller can copy, replace or fill the database without both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from acsrv_desktop.core import backups
from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.database import Database

if TYPE_CHECKING:  # the generator is imported when used, not at every start
    from acsrv_desktop.core.demo import DemoReport


@dataclass(frozen=True)
class RestoreReport:
    revision: str  # the schema revision of the backup restored (brought to head after)
    safety_copy: Path  # the copy of the replaced database


class MaintenanceService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def backup(self, folder: Path) -> Path:
        """A consistent copy of the local database in ``folder``, traced."""
        self.actor.require(Permission.BACKUPS)
        made = backups.make_backup(self.db, folder)
        audit.write(self.db, self.actor, "sauvegarde", fichier=made.name)
        return made

    def daily_backup(self, folder: Path, now: datetime | None = None) -> Path | None:
        """Today's copy with rotation, once a day (at start-up); None when already made or
        when the database is on a server (backed up there)."""
        self.actor.require(Permission.BACKUPS)
        return backups.daily_backup_if_due(self.db, folder, now)

    def restore(
        self, backup_file: Path, folder: Path, progress: backups.Progress | None = None
    ) -> RestoreReport:
        """Replace the local database with ``backup_file`` (after a copy of the current one,
        kept in ``folder``), bring it to the current schema and trace it in the restored base.

        The file's name is not traced: a name chosen by someone may hold a person's name; the
        entries written since the backup are in the copy of the replaced database.
        """
        self.actor.require(Permission.BACKUPS)
        revision = backups.check_backup_file(backup_file)
        safety = backups.restore(self.db, backup_file, folder, progress, checked=True)
        from acsrv_desktop.core.bootstrap import open_database  # migrations: only when restoring

        # A backup of an older version is brought to the current schema at once.
        restored = open_database(self.db.url.render_as_string(hide_password=False)).db
        try:
            audit.write(restored, self.actor, "restauration", revision=revision, copie=safety.name)
        finally:
            restored.dispose()
        return RestoreReport(revision, safety)

    def generate_demo(
        self,
        *,
        visits: int,
        visitors: int | None = None,
        centres: int = 12,
        seed: int = 1,
        until: date | None = None,
        progress: Callable[[int, int], None] | None = None,
        batch: int | None = None,
        force: bool = False,
        notice: Callable[[str], None] | None = None,
    ) -> DemoReport:
        """Synthetic visitors and visits (demonstrations, benchmarks). Mixed into real ones
        they would spoil the figures: administrators only, refused on a database holding real
        visits unless ``force`` (a copy for trials, the caller has checked), and traced — the
        entry written first, before any row (``demo.generate``)."""
        self.actor.require(Permission.BACKUPS)
        from acsrv_desktop.core.demo import VISIT_BATCH, generate

        return generate(
            self.db,
            visits=visits,
            visitors=visitors,
            centres=max(1, centres),
            seed=seed,
            until=until,
            progress=progress,
            batch=batch or VISIT_BATCH,
            actor=self.actor,
            allow_real_visits=force,
            notice=notice,
        )
