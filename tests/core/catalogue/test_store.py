"""The shipped catalogue at first start, and its merge on upgrade that respects local edits."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from sqlalchemy import func, select

from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.catalogue.store import merge_shipped_catalogue, shipped_version
from acsrv_desktop.core.models import Contact, Programme


def test_first_start_loads_the_whole_shipped_catalogue(catalogue, database):
    shipped = load_shipped_catalogue()
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Programme)) == len(shipped.entries)
        assert session.scalar(select(func.count()).select_from(Contact)) == len(shipped.contacts)
        assert shipped_version(session) == shipped.version
    federation = catalogue.federation()
    assert federation is not None
    assert federation.postal_address == "34 avenue de Condé, 59300 Valenciennes"
    assert [c.name for c in federation.partnership_contacts] == [
        "Benjamin LEMOINE",
        "Éléonore LAROYENNE",
        "Anne LESCROHART",
    ]
    court_circuit = catalogue.entry("court-circuit")
    assert court_circuit.parent_name == "Connect Emploi"
    assert court_circuit.contacts[0].email == "CIPDEP@acsrv.org"
    assert [name for _, name in catalogue.entry("connect-emploi").children] == [
        "Court Circuit",
        "Je Rebondis",
        "Réussir Autrement",
    ]


def test_a_second_start_changes_nothing(owner_database, tmp_path):
    url = owner_database.url.render_as_string(hide_password=False)
    again = open_database(url, backup_folder=tmp_path)
    again.db.dispose()
    assert again.catalogue is None


def _newer(shipped):
    entries = copy.deepcopy(shipped.entries)
    entries["cites-lab"]["summary"] = "Nouveau résumé livré."
    entries["cites-lab"]["practical"] = "Permanence le mardi."
    entries["les-zelles"]["summary"] = "Résumé des Z’elles livré."
    entries["nouvel-atelier"] = {
        **copy.deepcopy(entries["ateliers-seniors"]),
        "name": "Atelier numérique seniors",
    }
    del entries["ludotheque"]
    contacts = copy.deepcopy(shipped.contacts)
    contacts["bruno-kutza"]["phone"] = "07 00 00 00 01"
    return dataclasses.replace(shipped, version="2099.1", entries=entries, contacts=contacts)


def test_a_newer_catalogue_is_merged_without_overwriting_local_edits(catalogue, database):
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry("cites-lab", {**raw, "summary": "Résumé réécrit par la coordinatrice."})
    catalogue.save_contact(
        "bruno-kutza",
        {
            "name": "Bruno KUTZA",
            "role": "Chargé de projet Cités Lab",
            "phone": "07 62 54 81 50",
            "email": "cpcitelab@acsrv.org",
        },
    )
    mine = catalogue.save_entry(None, {**raw, "name": "Permanence emploi du mardi", "contacts": []})

    with database.write() as session:
        report = merge_shipped_catalogue(session, _newer(load_shipped_catalogue()))

    cites_lab = catalogue.entry("cites-lab")
    assert cites_lab.summary == "Résumé réécrit par la coordinatrice."  # the coordinator's
    assert cites_lab.practical == "Permanence le mardi."  # untouched field: the new one
    assert catalogue.entry("les-zelles").summary == "Résumé des Z’elles livré."
    assert catalogue.entry("nouvel-atelier").name == "Atelier numérique seniors"
    assert not catalogue.entry("ludotheque").active  # withdrawn, still readable
    assert catalogue.entry(mine).name == "Permanence emploi du mardi"
    kutza = next(c for c in catalogue.contacts() if c.id == "bruno-kutza")
    assert kutza.role == "Chargé de projet Cités Lab"  # edited here
    assert kutza.phone == "07 00 00 00 01"  # untouched here: the new number
    assert "cites-lab.summary" in report.kept_local
    assert "nouvel-atelier" in report.added and "ludotheque" in report.withdrawn
    assert "conservée" in report.describe()


def test_an_older_catalogue_is_never_merged_over_a_newer_one(database):
    from acsrv_desktop.core.catalogue import bootstrap

    with database.write() as session:
        from acsrv_desktop.core.models import AppSetting

        session.get(AppSetting, "catalogue.shipped_version").value = "2099.1.1"
    assert bootstrap.ensure_shipped_catalogue(database) is None
    assert bootstrap._is_newer("2026.11.10", "2026.11.9")
    assert not bootstrap._is_newer("2026.11.2", "2026.11.2")


def test_a_programmes_contacts_are_replaced_in_order(catalogue):
    """Administration changes who to call for a programme (on the server through the owner's
    acsrv_replace_programme_contacts: no login holds DELETE on the table)."""
    raw = catalogue.raw_entry("cites-lab")
    others = [c.id for c in catalogue.contacts()][:3]
    catalogue.save_entry("cites-lab", {**raw, "contacts": others[::-1]})
    assert [c.id for c in catalogue.entry("cites-lab").contacts] == others[::-1]
    catalogue.save_entry("cites-lab", {**raw, "contacts": others[1:2]})
    assert [c.id for c in catalogue.entry("cites-lab").contacts] == others[1:2]


def test_a_detached_programme_does_not_get_its_contacts_added_again(catalogue, database):
    """A stored row outside its session would have its links merged later as new rows beside
    the stored ones: refused at once."""
    from acsrv_desktop.core.catalogue.store import apply_entry_record

    with database.read() as session:
        row = session.get(Programme, "cites-lab")
        session.expunge(row)
    with pytest.raises(ValueError, match="détaché"):
        apply_entry_record(row, {"contacts": []}, ("contacts",))


def test_synonyms_shipped_later_reach_a_database_loaded_before_them(catalogue):
    """Rows shipped before entries had synonyms: the new shipment brings them, and a
    coordinator's own synonyms are kept."""
    from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
    from acsrv_desktop.core.catalogue.store import merge_shipped_catalogue
    from acsrv_desktop.core.models import Programme

    with catalogue.db.write() as session:
        for row in session.query(Programme):
            row.synonyms = []
            if row.shipped:
                row.shipped = {k: v for k, v in row.shipped.items() if k != "synonyms"}
        session.get(Programme, "cites-lab").synonyms = ["à moi"]
    with catalogue.db.write() as session:
        report = merge_shipped_catalogue(session, load_shipped_catalogue())
    assert catalogue.raw_entry("halte-garderie")["synonyms"] == [
        "nounou",
        "faire garder son enfant",
    ]
    assert catalogue.raw_entry("cites-lab")["synonyms"] == ["à moi"]
    assert "cites-lab.synonyms" in report.kept_local
