"""Opening hours, address of the place and documents to bring: checked, merged, exchanged."""

from __future__ import annotations

import json

import pytest

from acsrv_desktop.core.catalogue.datainclusion import (
    CatalogueImportError,
    export_catalogue,
    import_json,
    split_address,
)
from acsrv_desktop.core.catalogue.records import (
    CatalogueValidationError,
    check_entry,
    load_shipped_catalogue,
)
from acsrv_desktop.core.catalogue.store import merge_shipped_catalogue
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.core.models import Programme

VOCAB = load_vocabularies()
PLACE = {
    "opening_hours": "Lundi et jeudi, 9 h – 12 h\nSur rendez-vous l’après-midi",
    "address": "Centre social Denain-Nord, 12 rue Jean-Jaurès, 59220 Denain",
    "documents": "Pièce d’identité\nJustificatif de domicile",
}


def _entry(**fields) -> dict:
    return {"kind": "programme", "name": "Atelier", **fields}


def test_the_three_fields_are_kept_trimmed_and_optional():
    record = check_entry(_entry(**{k: f"  {v}  " for k, v in PLACE.items()}), "x", VOCAB, set())
    assert {k: record[k] for k in PLACE} == PLACE
    empty = check_entry(_entry(opening_hours="  ", address=""), "x", VOCAB, set())
    assert (empty["opening_hours"], empty["address"], empty["documents"]) == (None, None, None)


def test_an_address_keeps_to_one_line_with_its_spaces_tidied():
    record = check_entry(_entry(address="12  rue Jean-Jaurès,   59220 Denain"), "x", VOCAB, set())
    assert record["address"] == "12 rue Jean-Jaurès, 59220 Denain"


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"address": "12 rue Jean-Jaurès\n59220 Denain"}, "x.address", "tient sur une ligne"),
        ({"address": "59220"}, "x.address", "adresse invalide"),
        ({"address": "rue " * 80}, "x.address", "texte trop long"),
        ({"opening_hours": "9 h " * 300}, "x.opening_hours", "texte trop long"),
        ({"documents": ["Pièce d’identité"]}, "x.documents", "un texte est attendu"),
        ({"documents": "a\x00b"}, "x.documents", "caractère nul interdit"),
    ],
)
def test_refusals_name_the_field_in_french(fields, where, message):
    with pytest.raises(CatalogueValidationError, match=message) as caught:
        check_entry(_entry(**fields), "x", VOCAB, set())
    assert caught.value.where == where


def test_a_newer_shipped_catalogue_fills_them_without_overwriting_a_local_edit(catalogue):
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry("cites-lab", {**raw, "opening_hours": "Le mardi (local)"})
    shipped = load_shipped_catalogue()
    shipped.entries["cites-lab"] = {**shipped.entries["cites-lab"], **PLACE}
    shipped.entries["les-zelles"] = {**shipped.entries["les-zelles"], **PLACE}
    with catalogue.db.write() as session:
        report = merge_shipped_catalogue(session, shipped)
    assert "cites-lab.opening_hours" in report.kept_local
    cites, zelles = catalogue.raw_entry("cites-lab"), catalogue.raw_entry("les-zelles")
    assert cites["opening_hours"] == "Le mardi (local)"
    assert (cites["address"], cites["documents"]) == (PLACE["address"], PLACE["documents"])
    assert {k: zelles[k] for k in PLACE} == PLACE


def test_an_entry_shipped_before_the_fields_existed_is_still_withdrawn(catalogue):
    """A row whose recorded shipment predates the three fields compares equal to it."""
    with catalogue.db.write() as session:
        row = session.get(Programme, "les-zelles")
        row.shipped = {k: v for k, v in row.shipped.items() if k not in PLACE}
    shipped = load_shipped_catalogue()
    del shipped.entries["les-zelles"]
    with catalogue.db.write() as session:
        report = merge_shipped_catalogue(session, shipped)
    assert "les-zelles" in report.withdrawn


def test_export_uses_the_data_inclusion_v1_names_and_the_round_trip_keeps_them(catalogue):
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry("cites-lab", {**raw, **PLACE})
    exported = {s["id"]: s for s in export_catalogue(catalogue)["services"]}["cites-lab"]
    # Hours typed in French for the slip are not OpenStreetMap's syntax: they travel in x_acsrv.
    assert exported["horaires_accueil"] is None
    assert exported["x_acsrv"]["horaires"] == PLACE["opening_hours"]
    assert exported["conditions_acces"] == PLACE["documents"]
    assert (exported["adresse"], exported["code_postal"], exported["commune"]) == (
        "Centre social Denain-Nord, 12 rue Jean-Jaurès",
        "59220",
        "Denain",
    )
    assert exported["x_acsrv"]["adresse_lieu"] == PLACE["address"]
    document = export_catalogue(catalogue)
    # Emptied here, then brought back by importing the file.
    catalogue.save_entry("cites-lab", {**raw, "opening_hours": None, "documents": None})
    report = import_json(catalogue, json.dumps(document, ensure_ascii=False))
    assert "cites-lab" in report.updated
    assert {k: catalogue.raw_entry("cites-lab")[k] for k in PLACE} == PLACE
    with catalogue.db.read() as session:
        row = session.get(Programme, "cites-lab")
        assert (row.opening_hours, row.address, row.documents) == tuple(PLACE.values())


def test_hours_in_opening_hours_syntax_are_exported_as_such(catalogue):
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry("cites-lab", {**raw, "opening_hours": "Mo,Th 09:00-12:00; PH off"})
    exported = {s["id"]: s for s in export_catalogue(catalogue)["services"]}["cites-lab"]
    assert exported["horaires_accueil"] == "Mo,Th 09:00-12:00; PH off"
    assert "horaires" not in exported["x_acsrv"]


def test_a_service_of_another_platform_brings_its_place_and_documents(catalogue):
    document = {
        "services": [
            {
                "id": "permanence-caf",
                "nom": "Permanence CAF",
                "presentation_resume": "Vos droits avec un conseiller.",
                "thematiques": [],
                "horaires_accueil": "Mo 09:00-12:00",
                "adresse": "2 place d’Armes",
                "complement_adresse": "Bâtiment B",
                "code_postal": "59300",
                "commune": "Valenciennes",
                "justificatifs": ["Pièce d’identité", "Numéro d’allocataire"],
            }
        ]
    }
    import_json(catalogue, json.dumps(document, ensure_ascii=False))
    record = catalogue.raw_entry("permanence-caf")
    assert record["opening_hours"] == "Mo 09:00-12:00"
    assert record["address"] == "2 place d’Armes, Bâtiment B, 59300 Valenciennes"
    assert record["documents"] == "Pièce d’identité\nNuméro d’allocataire"


def test_an_import_with_a_bad_address_is_refused_naming_the_file_field(catalogue):
    document = {"services": [{"id": "x", "nom": "X", "x_acsrv": {"adresse_lieu": "1 rue\n2"}}]}
    with pytest.raises(CatalogueImportError, match="champ adresse") as caught:
        import_json(catalogue, json.dumps(document))
    assert "une ligne" in str(caught.value)
    assert catalogue.raw_entry("x") is None


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("34 avenue de Condé, 59300 Valenciennes", ("34 avenue de Condé", "59300", "Valenciennes")),
        ("59300 Valenciennes", (None, "59300", "Valenciennes")),
        ("Salle des fêtes de Trith", ("Salle des fêtes de Trith", None, None)),
        (None, (None, None, None)),
    ],
)
def test_split_address(address, parts):
    split = split_address(address)
    assert (split["adresse"], split["code_postal"], split["commune"]) == parts
