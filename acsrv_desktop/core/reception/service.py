"""Routing as a service: the catalogue's active entries ranked for a person."""

from __future__ import annotations

from dataclasses import dataclass, field

from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.reception.communes import Communes, load_communes
from acsrv_desktop.core.reception.routing import Person, Suggestion, route


@dataclass
class RoutingService:
    catalogue: CatalogueService
    communes: Communes = field(default_factory=load_communes)

    def suggest(self, person: Person) -> list[Suggestion]:
        return route(person, self.catalogue.active_entries(), self.catalogue.vocab, self.communes)
