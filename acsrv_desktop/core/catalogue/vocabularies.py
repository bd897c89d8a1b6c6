"""The catalogue's vocabularies (data·inclusion thématiques and publics, situations, sectors),
the everyday words people use for each thématique, and what the data·inclusion export says of
every service where the catalogue has no field of its own."""

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
class ExchangeDefaults:
    """The federation's answers to data·inclusion v1 fields that no entry carries."""

    zone_eligibilite: tuple[str, ...] = ()  # COG codes (EPCI SIREN codes) of the arrondissement
    modes_accueil: tuple[str, ...] = ()
    mobilisable_par: tuple[str, ...] = ()
    reseaux_porteurs: tuple[str, ...] = ()  # the structure's


@dataclass(frozen=True)
class Vocabularies:
    thematiques: dict[str, str]
    thematique_aliases: dict[str, str]
    publics: dict[str, str]
    situations: dict[str, Situation]
    sectors: dict[str, str]
    categories: dict[str, str] = field(default_factory=dict)
    # Words people say at the desk for a thématique ("permis" for mobilité), searched too.
    thematique_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exchange: ExchangeDefaults = field(default_factory=ExchangeDefaults)

    def subthemes(self, category: str) -> list[str]:
        """The sub-themes of a category, in the vocabulary's order (none for a sub-theme)."""
        return [slug for slug in self.thematiques if slug.startswith(category + "--")]

    def synonyms_of(self, thematiques: tuple[str, ...] | list[str]) -> list[str]:
        """The everyday words of these thématiques: each one's own, its category's, and for a
        category its sub-themes' (a category covers them all)."""
        related: dict[str, None] = {}
        for slug in thematiques:
            related[slug] = None
            if "--" in slug:
                related[slug.split("--", 1)[0]] = None
            else:
                related.update(dict.fromkeys(self.subthemes(slug)))
        return [word for slug in related for word in self.thematique_synonyms.get(slug, ())]

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
    exchange = raw.get("datainclusion", {})
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
        thematique_synonyms={
            t["slug"]: tuple(t["synonymes"]) for t in raw["thematiques"] if t.get("synonymes")
        },
        exchange=ExchangeDefaults(
            zone_eligibilite=tuple(exchange.get("zone_eligibilite", ())),
            modes_accueil=tuple(exchange.get("modes_accueil", ())),
            mobilisable_par=tuple(exchange.get("mobilisable_par", ())),
            reseaux_porteurs=tuple(exchange.get("reseaux_porteurs", ())),
        ),
    )
