"""The catalogue's vocabularies (data·inclusion thématiques and publics, situations, sectors)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache

from acsrv_desktop.paths import shipped_file

GENDERS = {"femme": "femme", "homme": "homme", "autre": "autre ou non précisé"}
KINDS = {
    "programme": "Programme",
    "action": "Action",
    "module": "Module",
    "service": "Service",
    "domaine": "Domaine d’intervention",
}
RESIDENCES = {"arrondissement": "résidant sur l’arrondissement de Valenciennes"}


@dataclass(frozen=True)
class Situation:
    code: str
    label: str
    implies: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabularies:
    thematiques: dict[str, str]
    thematique_aliases: dict[str, str]
    publics: dict[str, str]
    situations: dict[str, Situation]
    sectors: dict[str, str]
    categories: dict[str, str] = field(default_factory=dict)

    def canonical_thematique(self, slug: str) -> str | None:
        """The data·inclusion slug for ``slug`` (itself, or the one an alias stands for)."""
        slug = slug.strip().lower()
        if slug in self.thematiques:
            return slug
        return self.thematique_aliases.get(slug)

    def thematique_label(self, slug: str) -> str:
        label = self.thematiques.get(slug, slug)
        if "--" in slug:
            category = self.thematiques.get(slug.split("--", 1)[0])
            if category:
                return f"{category} : {label}"
        return label

    @staticmethod
    def thematique_covers(need: str, theme: str) -> bool:
        """A category covers its sub-themes; a sub-theme covers its category."""
        if need == theme:
            return True
        return theme.startswith(need + "--") or need.startswith(theme + "--")

    def contradiction(self, codes: set[str]) -> tuple[str, str] | None:
        """Two situations that cannot go together, among ``codes`` (as implied too)."""
        every = self.expand_situations(codes)
        for code in sorted(every):
            situation = self.situations.get(code)
            for excluded in situation.excludes if situation else ():
                if excluded in every:
                    return code, excluded
        return None

    def expand_situations(self, codes: set[str]) -> set[str]:
        """The situations a person is in, given those declared (RSA implies minima sociaux)."""
        result = set(codes)
        for code in codes:
            situation = self.situations.get(code)
            if situation:
                result.update(situation.implies)
        return result


@cache
def load_vocabularies() -> Vocabularies:
    with shipped_file("resources", "catalogue", "vocabulaires.toml").open("rb") as stream:
        raw = tomllib.load(stream)
    thematiques = {t["slug"]: t["label"] for t in raw["thematiques"]}
    return Vocabularies(
        thematiques=thematiques,
        thematique_aliases=dict(raw.get("thematique_aliases", {})),
        publics={p["slug"]: p["label"] for p in raw["publics"]},
        situations={
            s["code"]: Situation(
                s["code"], s["label"], tuple(s.get("implies", ())), tuple(s.get("excludes", ()))
            )
            for s in raw["situations"]
        },
        sectors={s["id"]: s["label"] for s in raw["sectors"]},
        categories={slug: label for slug, label in thematiques.items() if "--" not in slug},
    )
