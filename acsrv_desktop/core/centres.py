"""The social centres where visits are logged."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from sqlalchemy import func, select

from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.catalogue.records import CatalogueValidationError
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Centre
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.paths import shipped_file


@dataclass(frozen=True)
class CentreView:
    id: int
    name: str
    commune: str | None
    sector: str | None
    active: bool


def _view(row: Centre) -> CentreView:
    return CentreView(row.id, row.name, row.commune, row.sector, row.active)


def ensure_shipped_centres(db: Database) -> int:
    """At first start, create the centres named in resources/centres.toml; returns how many."""
    with db.read() as session:
        if session.scalar(select(func.count()).select_from(Centre)):
            return 0
    with shipped_file("resources", "centres.toml").open("rb") as stream:
        shipped = tomllib.load(stream)["centres"]
    with db.write() as session:
        if session.scalar(select(func.count()).select_from(Centre)):
            return 0  # another workstation did it while we waited for the lock
        for centre in shipped:
            session.add(
                Centre(
                    name=centre["name"],
                    commune=centre.get("commune"),
                    sector=centre.get("sector"),
                    active=True,
                )
            )
    return len(shipped)


class CentreService:
    """The centres: open to every role to read; adding one is a setting (administration).

    Without an ``actor``, only the set-up wizard of a database without accounts adds centres.
    """

    def __init__(self, db: Database, actor: Actor | None = None) -> None:
        self.db = db
        self.actor = actor

    def centres(self, *, include_inactive: bool = False) -> list[CentreView]:
        with self.db.read() as session:
            rows = session.scalars(select(Centre).order_by(Centre.name))
            return [_view(r) for r in rows if include_inactive or r.active]

    def centre(self, centre_id: int) -> CentreView | None:
        with self.db.read() as session:
            row = session.get(Centre, centre_id)
            return _view(row) if row else None

    def by_name(self, name: str) -> CentreView | None:
        with self.db.read() as session:
            row = session.scalars(select(Centre).where(Centre.name == name.strip())).first()
            return _view(row) if row else None

    def add(self, name: str, commune: str | None = None) -> CentreView:
        if self.actor is not None:
            self.actor.require(Permission.SETTINGS)
        name = " ".join(name.split())
        if not name:
            raise CatalogueValidationError("centre.name", "le nom du centre est obligatoire")
        if len(name) > 120:
            raise CatalogueValidationError("centre.name", "nom trop long (120 caractères au plus)")
        communes = load_communes()
        commune = communes.canonical(commune) if commune and commune.strip() else None
        with self.db.write() as session:
            if session.scalars(select(Centre).where(Centre.name == name)).first():
                raise CatalogueValidationError("centre.name", f"le centre « {name} » existe déjà")
            row = Centre(
                name=name, commune=commune, sector=communes.sector_of(commune), active=True
            )
            session.add(row)
            session.flush()
            return _view(row)
