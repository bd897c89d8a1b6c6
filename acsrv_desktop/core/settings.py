"""Settings shared by every workstation of one database (the ``app_setting`` table)."""

from __future__ import annotations

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import AppSetting


class IntegerSetting:
    """A whole number with bounds and a default, read at each use (another workstation may
    have changed it)."""

    def __init__(self, key: str, label: str, default: int, low: int, high: int, unit: str) -> None:
        self.key, self.label, self.default = key, label, default
        self.low, self.high, self.unit = low, high, unit

    def get(self, db: Database) -> int:
        with db.read() as session:
            row = session.get(AppSetting, self.key)
        try:
            value = int(row.value) if row is not None else self.default
        except ValueError:
            return self.default
        return max(self.low, min(value, self.high))

    def set(self, db: Database, actor: Actor, value: int) -> None:
        actor.require(Permission.SETTINGS)
        if not self.low <= value <= self.high:
            raise UserFacingError(f"{self.label} : entre {self.low} et {self.high} {self.unit}.")
        with db.write() as session:
            row = session.get(AppSetting, self.key)
            previous = row.value if row is not None else str(self.default)
            if row is None:
                session.add(AppSetting(key=self.key, value=str(value)))
            else:
                row.value = str(value)
            audit.record(
                session, actor, "reglage-modifie", "reglage", self.key, avant=previous, apres=value
            )


RETENTION_MONTHS = IntegerSetting(
    "privacy.retention_months", "Durée de conservation", 24, 1, 120, "mois"
)
IDLE_LOCK_MINUTES = IntegerSetting(
    "security.idle_lock_minutes", "Verrouillage après inactivité", 5, 1, 60, "minutes"
)


class SettingsService:
    """The shared settings: read by every role (the idle lock, the retention shown), changed by
    administration."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def retention_months(self) -> int:
        return RETENTION_MONTHS.get(self.db)

    def idle_lock_minutes(self) -> int:
        return IDLE_LOCK_MINUTES.get(self.db)

    def set_retention_months(self, months: int) -> None:
        self.actor.require(Permission.SETTINGS)
        RETENTION_MONTHS.set(self.db, self.actor, months)

    def set_idle_lock_minutes(self, minutes: int) -> None:
        self.actor.require(Permission.SETTINGS)
        IDLE_LOCK_MINUTES.set(self.db, self.actor, minutes)
