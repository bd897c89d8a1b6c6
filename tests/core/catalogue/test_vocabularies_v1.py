"""The vocabularies shipped in resources/catalogue/vocabulaires.toml are data·inclusion v1's:
no slug the official schema does not know, every one it knows, and a French label for each.

Visits store these slugs (``visit.needs``, from resources/besoins.toml or typed), so a slug is
never renamed here without a data migration of the stored values; none was needed for v1.
"""

from __future__ import annotations

import tomllib

import pytest
from data_inclusion.schema.v1 import (
    Categorie,
    ModeAccueil,
    PersonneMobilisatrice,
    Public,
    ReseauPorteur,
    Thematique,
)
from pydantic import TypeAdapter

from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.paths import shipped_file

VOCAB = load_vocabularies()
SUBTHEMES = {t.value for t in Thematique}
CATEGORIES = {c.value for c in Categorie}


def test_every_thematique_is_an_official_sub_theme_or_category_and_none_is_missing():
    ours = set(VOCAB.thematiques)
    assert {s for s in ours if "--" in s} == SUBTHEMES
    assert {s for s in ours if "--" not in s} == CATEGORIES
    assert set(VOCAB.categories) == CATEGORIES
    for sub_theme in SUBTHEMES:  # each sub-theme under its own category
        assert sub_theme.split("--", 1)[0] in CATEGORIES


def test_every_public_is_an_official_one_and_none_is_missing():
    assert set(VOCAB.publics) == {p.value for p in Public}


@pytest.mark.parametrize("table", ["thematiques", "publics"])
def test_each_slug_has_a_french_label(table):
    labels = getattr(VOCAB, table)
    for slug, label in labels.items():
        assert label.strip() and label[0].isupper(), slug
        assert label != slug
    official = {t.value: t.label for t in [*Thematique, *Categorie, *Public]}
    # Our labels may be written more carefully (« minima sociaux »), never another thing.
    differing = {s for s, label in labels.items() if label != official[s]}
    assert differing <= {"actifs", "beneficiaires-des-minimas-sociaux", "seniors"}


def test_aliases_are_input_only_and_point_to_official_slugs():
    for alias, slug in VOCAB.thematique_aliases.items():
        assert alias not in SUBTHEMES | CATEGORIES
        assert slug in SUBTHEMES | CATEGORIES


def test_the_needs_stored_by_visits_are_official_slugs():
    with shipped_file("resources", "besoins.toml").open("rb") as stream:
        needs = [b["theme"] for b in tomllib.load(stream)["besoins"]]
    assert needs and set(needs) <= SUBTHEMES | CATEGORIES


def test_synonyms_are_given_for_known_thematiques_only():
    assert set(VOCAB.thematique_synonyms) <= SUBTHEMES | CATEGORIES
    for words in VOCAB.thematique_synonyms.values():
        assert all(w.strip() and w == w.strip() for w in words)


def test_what_every_exported_service_says_is_in_the_official_vocabularies():
    exchange = VOCAB.exchange
    assert set(exchange.modes_accueil) <= {m.value for m in ModeAccueil}
    assert set(exchange.mobilisable_par) <= {p.value for p in PersonneMobilisatrice}
    assert set(exchange.reseaux_porteurs) <= {r.value for r in ReseauPorteur}
    from data_inclusion.schema.v1 import CodeEPCI

    codes = TypeAdapter(list[CodeEPCI]).validate_python(list(exchange.zone_eligibilite))
    # CA Valenciennes Métropole and CA de la Porte du Hainaut: the arrondissement.
    assert codes == ["245901160", "200042190"]
