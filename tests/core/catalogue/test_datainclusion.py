"""Exchange with the inclusion platforms: data·inclusion JSON out and in, all or nothing."""

from __future__ import annotations

import json

import pytest

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.datainclusion import (
    CatalogueImportError,
    export_catalogue,
    export_json,
    import_json,
)
from acsrv_desktop.core.catalogue.service import CatalogueService

ADMIN = Actor.system("tests")


def _services(service: CatalogueService) -> list[dict]:
    """The exported services, without their export time stamps."""
    return [
        {k: v for k, v in s.items() if k != "date_maj"}
        for s in export_catalogue(service)["services"]
    ]


def test_export_has_the_data_inclusion_shape(catalogue):
    document = export_catalogue(catalogue)
    (structure,) = document["structures"]
    assert structure["nom"] == "Association des Centres Sociaux de la Région de Valenciennes"
    assert structure["code_postal"] == "59300"
    services = {s["id"]: s for s in document["services"]}
    zelles = services["les-zelles"]
    assert zelles["structure_id"] == structure["id"]
    assert zelles["publics"] == ["femmes"]
    assert zelles["courriel"] == "leszelles@acsrv.org"
    assert zelles["telephone"] == "07 64 50 68 08"
    assert "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite" in zelles["thematiques"]
    assert zelles["x_acsrv"]["eligibilite"]["genders"] == ["femme"]
    assert services["court-circuit"]["x_acsrv"]["parent"] == "connect-emploi"


def test_round_trip_into_another_database(catalogue, tmp_path):
    from acsrv_desktop.core.bootstrap import open_database

    exported = export_json(catalogue)
    # From either backend into a separate SQLite file.
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}", backup_folder=tmp_path)
    try:
        target = CatalogueService(other.db, ADMIN)
        for entry in target.entries():  # start from a different catalogue state
            if entry.id == "les-zelles":
                raw = target.raw_entry("les-zelles")
                target.save_entry("les-zelles", {**raw, "summary": "autre"})
        report = import_json(target, exported)
        assert "les-zelles" in report.updated
        strip = lambda services: [{k: v for k, v in s.items() if k != "date_maj"} for s in services]  # noqa: E731
        assert strip(export_catalogue(target)["services"]) == strip(
            export_catalogue(catalogue)["services"]
        )
        assert target.entry("les-zelles").summary == catalogue.entry("les-zelles").summary
        assert target.search("zelles")[0].entry.id == "les-zelles"
    finally:
        other.db.dispose()


def test_a_foreign_service_with_its_own_contact_is_imported(catalogue):
    document = {
        "structures": [],
        "services": [
            {
                "id": "atelier-cv",
                "nom": "Atelier CV",
                "presentation_resume": "Faire son CV.",
                "thematiques": [
                    "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"
                ],
                "profils": ["demandeurs-emploi"],
                "contact_nom_prenom": "Claire Martin",
                "telephone": "03.27.00.00.00",
                "courriel": "claire@example.org",
            }
        ],
    }
    report = import_json(catalogue, json.dumps(document))
    assert report.added == ["atelier-cv"]
    entry = catalogue.entry("atelier-cv")
    assert entry.kind == "service"
    assert entry.contacts[0].phone == "03 27 00 00 00"
    assert catalogue.search("atelier cv")[0].entry.id == "atelier-cv"


BAD_FILES = [
    ('{"services": [', "JSON invalide", "ligne 1, colonne"),
    ("[1, 2]", "liste « services »", "fichier"),
    (
        '{"services": [{"id": "x", "nom": "X", "thematiques": ["pas-un-theme"]}]}',
        "thématique inconnue « pas-un-theme »",
        "thematiques[0]",
    ),
    ('{"services": [{"id": "x", "nom": ""}]}', "champ obligatoire vide", "name"),
    (
        '{"services": [{"id": "x", "nom": "X", "x_acsrv": {"parent": "nulle-part"}}]}',
        "parent inconnu",
        "x",
    ),
    (
        '{"services": [{"id": "x", "nom": "X", "x_acsrv": {"eligibilite": {"age_min": 30, "age_max": 20}}}]}',
        "l'âge minimum dépasse",
        "eligibility",
    ),
    ('{"services": [{"id": "x", "nom": "X\\u0000"}]}', "caractère nul", "name"),
    (
        '{"services": [{"id": "x", "nom": "X", "profils": ["martiens"]}]}',
        "code inconnu « martiens »",
        "publics",
    ),
    (
        '{"services": [{"id": "x", "nom": "X"}, {"id": "x", "nom": "Y"}]}',
        "en double",
        "services[1]",
    ),
]


@pytest.mark.parametrize(("text", "reason", "where"), BAD_FILES)
def test_a_bad_file_is_refused_with_reason_and_place_and_nothing_changes(
    catalogue, text, reason, where
):
    before = _services(catalogue)
    with pytest.raises(CatalogueImportError) as refused:
        import_json(catalogue, text)
    message = str(refused.value)
    assert reason in message and where in message
    assert _services(catalogue) == before


def test_the_line_of_a_bad_service_is_given(catalogue):
    lines = [
        "{",
        '"services": [',
        '{"id": "bon", "nom": "Bon"},',
        '{"id": "mauvais",',
        '"nom": "M", "thematiques": ["zzz"]}',
        "]}",
    ]
    with pytest.raises(CatalogueImportError, match="ligne 4"):
        import_json(catalogue, "\n".join(lines))
    assert catalogue.entry("bon") is None  # the good one before it was not imported either


def test_a_huge_text_is_refused(catalogue):
    huge = json.dumps({"services": [{"id": "x", "nom": "X", "presentation_detail": "a" * 30_000}]})
    with pytest.raises(CatalogueImportError, match="trop long"):
        import_json(catalogue, huge)


def test_deactivation_travels_with_the_export(catalogue, tmp_path):
    from acsrv_desktop.core.bootstrap import open_database

    catalogue.set_entry_active("les-zelles", False)
    catalogue.set_contact_active("bruno-kutza", False)
    exported = export_json(catalogue)
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}", backup_folder=tmp_path)
    try:
        target = CatalogueService(other.db, ADMIN)
        import_json(target, exported)
        assert target.search("zelles") == []
        assert not target.entry("les-zelles").active
        assert not next(
            c for c in target.contacts(include_inactive=True) if c.id == "bruno-kutza"
        ).active
    finally:
        other.db.dispose()


def test_an_unchanged_import_reports_no_change(catalogue):
    report = import_json(catalogue, export_json(catalogue))
    assert report.added == [] and report.updated == [] and report.contacts == []
