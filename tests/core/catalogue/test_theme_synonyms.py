"""Issue 18: the everyday words of the thématiques, editable in Administration — searched by
every workstation, exported and imported under x_acsrv, refused in French when wrong."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from acsrv_desktop.core.accounts.audit import AuditFilter, AuditService
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Role
from acsrv_desktop.core.catalogue.datainclusion import (
    CatalogueImportError,
    export_json,
    import_json,
)
from acsrv_desktop.core.catalogue.records import CatalogueValidationError
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.models import AppSetting

from .conftest import ADMIN

MOBILITY = "mobilite"


def _ids(catalogue: CatalogueService, query: str) -> set[str]:
    return {r.entry.id for r in catalogue.search(query)}


def _with_mobility(catalogue: CatalogueService) -> set[str]:
    return {
        e.id
        for e in catalogue.active_entries()
        if any(t.split("--")[0] == MOBILITY for t in e.thematiques)
    }


def test_words_edited_for_a_thematique_are_searched_and_the_shipped_ones_can_go(catalogue):
    mobility = _with_mobility(catalogue)
    assert mobility, "the shipped catalogue has entries on mobility"
    assert not _ids(catalogue, "trottinette")
    shipped = catalogue.theme_synonyms()[MOBILITY]
    assert "permis" in shipped
    changed = catalogue.save_theme_synonyms({MOBILITY: [*shipped, " trottinette ", "trottinette"]})
    assert changed == 1
    assert catalogue.theme_synonyms()[MOBILITY][-1] == "trottinette"  # trimmed, once
    assert mobility <= _ids(catalogue, "trotinette")  # a letter dropped, still found
    # Another workstation (its own service, its own index) searches with the same words.
    other = CatalogueService(catalogue.db, ADMIN)
    assert mobility <= _ids(other, "trottinette")
    catalogue.save_theme_synonyms({MOBILITY: []})  # the shipped words removed
    assert catalogue.theme_synonyms()[MOBILITY] == ()
    assert not _ids(catalogue, "trottinette")
    catalogue.save_theme_synonyms({MOBILITY: list(shipped)})  # the shipped list again
    assert catalogue.edited_theme_words() == {}  # follows vocabulaires.toml again
    assert catalogue.save_theme_synonyms({MOBILITY: list(shipped)}) == 0  # nothing to do
    entries = AuditService(catalogue.db, ADMIN).entries(AuditFilter(action="catalogue-modifie"))
    assert [e.details for e in entries if e.record_type == "thematiques"] == [
        {"thematiques": 1}
    ] * 3


@pytest.mark.parametrize(
    ("words", "fragment"),
    [
        ({"inconnue": ["x"]}, "synonymes.inconnue : thématique inconnue"),
        ({MOBILITY: "permis"}, "« Mobilité » : une liste de mots est attendue"),
        ({MOBILITY: ["x" * 500]}, "« Mobilité » : « x{30}… » est trop long"),
        ({MOBILITY: ["a\x00b"]}, "« Mobilité » : « a\x00b » contient un caractère invisible"),
        ({MOBILITY: [f"mot {n}" for n in range(41)]}, "40 mots au plus"),
    ],
)
def test_wrong_words_are_refused_in_french_and_nothing_changes(catalogue, words, fragment):
    with pytest.raises(CatalogueValidationError, match=fragment):
        catalogue.save_theme_synonyms(words)
    with catalogue.db.read() as session:
        assert (
            session.scalar(
                select(AppSetting.value).where(AppSetting.key == "catalogue.synonymes_thematiques")
            )
            is None
        )


def test_only_administration_edits_them(catalogue):
    desk = CatalogueService(catalogue.db, Actor(None, "marie", Role.ACCUEIL, 1))
    with pytest.raises(AccessDeniedError):
        desk.save_theme_synonyms({MOBILITY: ["trottinette"]})


def test_they_travel_under_x_acsrv_and_come_back_the_same(catalogue, tmp_path):
    from acsrv_desktop.core.bootstrap import open_database

    catalogue.save_theme_synonyms({MOBILITY: ["trottinette", "covoiturage"]})
    first = export_json(catalogue)
    structure = json.loads(first)["structures"][0]
    assert structure["x_acsrv"]["synonymes_thematiques"] == {
        MOBILITY: ["trottinette", "covoiturage"]
    }
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}", backup_folder=tmp_path)
    try:
        target = CatalogueService(other.db, ADMIN)
        import_json(target, first)
        assert export_json(target) == first
        assert _with_mobility(target) <= _ids(target, "covoiturage")
    finally:
        other.db.dispose()


def test_a_file_with_wrong_words_imports_nothing(catalogue):
    document = json.loads(export_json(catalogue))
    document["services"][0]["nom"] = "Nom changé par le fichier"
    document["structures"][0]["x_acsrv"]["synonymes_thematiques"] = {"pas-une-thematique": []}
    text = json.dumps(document, ensure_ascii=False, indent=2)
    before = export_json(catalogue)
    with pytest.raises(CatalogueImportError, match="synonymes_thematiques.pas-une-thematique"):
        import_json(catalogue, text)
    assert export_json(catalogue) == before  # all or nothing
