"""The exchange proven by data·inclusion's own schema package (``data-inclusion-schema``): every
exported record validates against its v1 models, and files built with those models import."""

from __future__ import annotations

import json
from datetime import date

import pytest
from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Service,
    Structure,
    Thematique,
    TypeService,
)

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.datainclusion import (
    CatalogueImportError,
    export_catalogue,
    export_json,
    import_json,
)
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.models import Programme

ADMIN = Actor.system("tests")
# Validation as strict as the package can be: its warnings (a name ending with a period) too.
STRICT = {"ignore_warnings": False}
ARRONDISSEMENT = ["245901160", "200042190"]  # CA Valenciennes Métropole, CA Porte du Hainaut


def _validate_all(document: dict) -> None:
    for structure in document["structures"]:
        Structure.model_validate(structure, context=STRICT)
    for service in document["services"]:
        Service.model_validate(service, context=STRICT)


def test_every_exported_record_validates_against_the_official_v1_models(catalogue):
    document = export_catalogue(catalogue)
    assert len(document["services"]) == len(catalogue.entries(include_inactive=True)) > 30
    _validate_all(document)
    # And as the file is written (JSON text), not only as Python objects.
    _validate_all(json.loads(export_json(catalogue)))


def test_records_edited_in_awkward_ways_still_validate(catalogue):
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry(
        "cites-lab",
        {**raw, "summary": "", "description": "x" * 15_000, "opening_hours": "Mo 09:00-12:00"},
    )
    raw = catalogue.raw_entry("ludotheque")
    catalogue.save_entry("ludotheque", {**raw, "summary": "", "description": "", "contacts": []})
    with catalogue.db.write() as session:
        # A row written before publics were checked: « tous publics » beside others.
        session.get(Programme, "forum-citoyen").publics = ["tous-publics", "jeunes"]
    document = export_catalogue(catalogue)
    _validate_all(document)
    services = {s["id"]: s for s in document["services"]}
    assert services["forum-citoyen"]["publics"] == ["tous-publics"]
    assert len(services["cites-lab"]["description"]) == 10_000
    assert services["cites-lab"]["x_acsrv"]["description"] == "x" * 15_000
    assert services["cites-lab"]["horaires_accueil"] == "Mo 09:00-12:00"
    assert services["ludotheque"]["description"] == "Service Ludothèque"


def test_the_v1_fields_say_what_the_catalogue_says(catalogue):
    document = export_catalogue(catalogue)
    (structure,) = document["structures"]
    assert date.fromisoformat(structure["date_maj"]) <= date.today()
    assert structure["reseaux_porteurs"] == ["fcsf"]
    services = {s["id"]: s for s in document["services"]}
    tzcld = services["territoire-zero-chomeur"]
    # A category (« trouver-un-emploi ») is exported as its sub-themes.
    assert tzcld["thematiques"] == [
        t.value for t in Thematique if t.value.startswith("trouver-un-emploi--")
    ]
    assert set(tzcld["thematiques"]) <= {t.value for t in Thematique}
    assert tzcld["zone_eligibilite"] == ARRONDISSEMENT
    assert tzcld["modes_accueil"] == ["en-presentiel"]
    assert tzcld["mobilisable_par"] == ["usagers", "professionnels"]
    assert tzcld["modes_mobilisation"] == ["telephoner", "envoyer-un-courriel"]
    assert tzcld["publics_precisions"].startswith("Chômeurs de longue durée")
    assert tzcld["description"].startswith("« Chacun a le devoir de travailler")
    assert tzcld["x_acsrv"]["resume"].startswith("Expérimentation")
    assert tzcld["x_acsrv"]["synonymes"] == ["zéro chômeur", "emploi garanti"]
    assert date.fromisoformat(tzcld["date_maj"]) == date.fromisoformat(structure["date_maj"])
    for service in services.values():
        assert not {"presentation_resume", "presentation_detail", "zone_diffusion_type"} & set(
            service
        )
        assert service["publics"] is None or (
            "tous-publics" not in service["publics"] or service["publics"] == ["tous-publics"]
        )


def test_tous_publics_beside_others_is_refused_in_an_entry(catalogue):
    raw = catalogue.raw_entry("ludotheque")
    with pytest.raises(Exception, match="ne se combine pas"):
        catalogue.save_entry("ludotheque", {**raw, "publics": ["tous-publics", "familles"]})


# --- files built with the official models -------------------------------------------------


def _service(**fields) -> Service:
    base = {
        "source": "dora",
        "structure_id": "dora--structure-1",
        "id": "dora--atelier-cv",
        "nom": "Atelier CV et lettre de motivation",
        "description": "Un atelier pour écrire son CV. Deux matinées, en petit groupe, avec une conseillère.",
        "date_maj": date(2026, 11, 14),
    }
    return Service(**(base | fields))


def _file(*services: Service, structures: tuple[Structure, ...] = ()) -> str:
    return json.dumps(
        {
            "structures": [s.model_dump(mode="json") for s in structures],
            "services": [s.model_dump(mode="json") for s in services],
        },
        ensure_ascii=False,
        indent=2,
    )


FULL = _service(
    id="dora--AidantsConnect:2024-47BXY",
    lien_source="https://dora.inclusion.beta.gouv.fr/services/atelier-cv",
    type=TypeService.ATELIER,
    thematiques={
        Thematique.PREPARER_SA_CANDIDATURE__REALISER_UN_CV_ET_OU_UNE_LETTRE_DE_MOTIVATION,
        *(t for t in Thematique if t.value.startswith("mobilite--")),  # the whole category
    },
    frais=Frais.PAYANT,
    frais_precisions="10 € d’adhésion annuelle",
    publics={Public.DEMANDEURS_EMPLOI, Public.JEUNES},
    publics_precisions="Inscrits à France Travail",
    conditions_acces="Pièce d’identité",
    commune="Denain",
    code_postal="59220",
    code_insee="59172",
    adresse="12 rue Jean-Jaurès",
    complement_adresse="Bâtiment B",
    longitude=3.39,
    latitude=50.33,
    telephone="+33327000000",
    courriel="atelier@example.org",
    modes_accueil={ModeAccueil.EN_PRESENTIEL, ModeAccueil.A_DISTANCE},
    zone_eligibilite=ARRONDISSEMENT,
    contact_nom_prenom="Claire Martin",
    lien_mobilisation="https://example.org/inscription",
    modes_mobilisation={ModeMobilisation.TELEPHONER},
    mobilisable_par={PersonneMobilisatrice.USAGERS},
    mobilisation_precisions="Inscription par téléphone",
    volume_horaire_hebdomadaire=6,
    nombre_semaines=2,
    horaires_accueil="Mo-Fr 08:30-12:30; PH off",
)


def test_a_service_with_every_optional_field_imports(catalogue):
    report = import_json(catalogue, _file(FULL))
    assert report.added == ["dora-aidantsconnect-2024-47bxy"]
    entry = catalogue.entry("dora-aidantsconnect-2024-47bxy")
    assert entry.name == "Atelier CV et lettre de motivation"
    assert entry.summary == "Un atelier pour écrire son CV."
    assert entry.description == FULL.description
    # Every sub-theme of « mobilite » given: the category.
    assert set(entry.thematiques) == {
        "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
        "mobilite",
    }
    assert set(entry.publics) == {"demandeurs-emploi", "jeunes"}
    assert entry.opening_hours == "Mo-Fr 08:30-12:30; PH off"
    assert entry.address == "12 rue Jean-Jaurès, Bâtiment B, 59220 Denain"
    assert entry.documents == "Pièce d’identité"
    assert entry.practical == "Payant\n10 € d’adhésion annuelle\nInscription par téléphone"
    assert entry.eligibility == {"note": "Inscrits à France Travail"}
    assert (entry.contacts[0].name, entry.contacts[0].phone) == ("Claire Martin", "03 27 00 00 00")
    assert entry.updated_at.date() == date(2026, 11, 14)
    # And it goes out again as valid v1, with the producer's date.
    exported = {s["id"]: s for s in export_catalogue(catalogue)["services"]}[entry.id]
    Service.model_validate(exported, context=STRICT)
    assert exported["date_maj"] == "2026-11-14"
    assert set(exported["thematiques"]) == {t.value for t in FULL.thematiques}


def test_a_minimal_service_and_tous_publics_import(catalogue):
    everyone = _service(
        id="dora--cafe-numerique", nom="Café numérique", publics={Public.TOUS_PUBLICS}
    )
    structure = Structure(
        source="dora", id="dora--structure-1", nom="Centre social", date_maj=date(2026, 1, 1)
    )
    report = import_json(catalogue, _file(_service(), everyone, structures=(structure,)))
    assert sorted(report.added) == ["dora-atelier-cv", "dora-cafe-numerique"]
    assert catalogue.entry("dora-cafe-numerique").publics == ("tous-publics",)
    assert catalogue.entry("dora-atelier-cv").thematiques == ()
    assert catalogue.search("cafe numerique")[0].entry.id == "dora-cafe-numerique"


def test_an_unknown_thematique_refuses_the_whole_file_with_its_line_and_field(catalogue):
    good = _service(id="dora--bon")
    bad = _service(id="dora--mauvais").model_dump(mode="json")
    bad["thematiques"] = ["mobilite--preparer-un-permis", "mobilite--teleportation"]
    text = json.dumps({"services": [good.model_dump(mode="json"), bad]}, indent=2)
    with pytest.raises(CatalogueImportError) as refused:
        import_json(catalogue, text)
    message = str(refused.value)
    line = text.splitlines().index('      "id": "dora--mauvais",') + 1
    assert f"ligne {line}" in message
    assert "services[1] (« dora--mauvais ») champ thematiques[1]" in message
    assert "thématique inconnue « mobilite--teleportation »" in message
    assert catalogue.entry("dora-bon") is None  # all or nothing


def test_round_trip_export_import_into_a_new_database_export_gives_the_same_json(
    catalogue, tmp_path
):
    from acsrv_desktop.core.bootstrap import open_database

    import_json(catalogue, _file(FULL))  # a service of another platform among ours
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry(
        "cites-lab",
        {**raw, "summary": "", "opening_hours": "Tu 14:00-17:00", "description": "d" * 12_000},
    )
    raw = catalogue.raw_entry("les-zelles")
    catalogue.save_entry(
        "les-zelles",
        {**raw, "opening_hours": "Le mardi, 14 h – 17 h", "synonyms": ["métiers d’hommes"]},
    )
    catalogue.set_entry_active("ludotheque", False)
    first = export_json(catalogue)
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}", backup_folder=tmp_path)
    try:
        target = CatalogueService(other.db, ADMIN)
        import_json(target, first)
        assert export_json(target) == first
        assert target.raw_entry("les-zelles")["synonyms"] == ["métiers d’hommes"]
        assert target.search("metiers d'hommes")[0].entry.id == "les-zelles"
    finally:
        other.db.dispose()
