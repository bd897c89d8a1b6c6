"""The communes of the arrondissement de Valenciennes and their ACSRV sector."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from acsrv_desktop.core.text import fold
from acsrv_desktop.paths import shipped_file


def _key(name: str) -> str:
    # "Condé-sur-l'Escaut", "conde sur l escaut" and "CONDE-SUR-L’ESCAUT" are the same commune.
    return " ".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


@dataclass(frozen=True)
class Communes:
    sector_by_key: dict[str, str]
    name_by_key: dict[str, str]

    @property
    def names(self) -> list[str]:
        return sorted(self.name_by_key.values(), key=fold)

    def canonical(self, typed: str) -> str:
        """The commune as written in the list, or the typed text, trimmed (free text)."""
        return self.name_by_key.get(_key(typed), " ".join(typed.split()))

    def matching(self, typed: str, limit: int = 12) -> list[str]:
        """The communes whose name contains what was typed (accents, case and punctuation
        aside, as ``canonical`` reads them), those starting with it first."""
        key = _key(typed)
        if not key:
            return []
        names = sorted(self.name_by_key.items(), key=lambda item: fold(item[1]))
        starts = [name for k, name in names if k.startswith(key)]
        inside = [name for k, name in names if key in k and not k.startswith(key)]
        return (starts + inside)[:limit]

    def sector_of(self, commune: str | None) -> str | None:
        return self.sector_by_key.get(_key(commune)) if commune else None

    def in_arrondissement(self, commune: str | None) -> bool | None:
        """True/False for a commune, None when no commune is known."""
        if not commune or not commune.strip():
            return None
        return _key(commune) in self.sector_by_key


@cache
def load_communes() -> Communes:
    with shipped_file("resources", "communes.toml").open("rb") as stream:
        raw = tomllib.load(stream)
    sectors: dict[str, str] = {}
    names: dict[str, str] = {}
    for sector, table in raw.items():
        for name in table["communes"]:
            sectors[_key(name)] = sector
            names[_key(name)] = name
    return Communes(sectors, names)
