"""The shipped catalogue is complete and faithful to the federation's own presentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.core.text import format_phone, phone_digits

REFERENCE = (Path(__file__).parents[2] / "data" / "acsrv-presentation.txt").read_text("utf-8")
CATALOGUE = load_shipped_catalogue()
ENTRIES = CATALOGUE.entries

# Every programme, action and module of the presentation: id -> (name, kind, parent).
EXPECTED = {
    "initiative-emploi-jeunes": ("Initiative Emploi Jeunes", "programme", None),
    "rhs-interreg": ("RHS Interreg", "programme", None),
    "connect-emploi": ("Connect Emploi", "programme", None),
    "court-circuit": ("Court Circuit", "action", "connect-emploi"),
    "je-rebondis": ("Je Rebondis", "action", "connect-emploi"),
    "reussir-autrement": ("Réussir Autrement", "action", "connect-emploi"),
    "reussir-autrement-developpement-personnel": (
        "Module Développement personnel",
        "module",
        "reussir-autrement",
    ),
    "reussir-autrement-capitalisation-competences": (
        "Module Capitalisation de compétences professionnelles",
        "module",
        "reussir-autrement",
    ),
    "reussir-autrement-garde-enfants": (
        "Levée des freins liés à la garde d’enfants",
        "module",
        "reussir-autrement",
    ),
    "reussir-autrement-mobilite": (
        "Module Levée des freins liés à la mobilité psychique et psychologique",
        "module",
        "reussir-autrement",
    ),
    "reussir-autrement-informatique": ("Module Informatique", "module", "reussir-autrement"),
    "forum-citoyen": ("Forum Citoyen", "programme", None),
    "territoire-zero-chomeur": ("Territoire Zéro Chômeur de Longue Durée", "programme", None),
    "centres-sociaux-connectes": ("Centres Sociaux Connectés du Bassin Minier", "programme", None),
    "detect-connect": ("Detect Connect", "programme", None),
    "cites-lab": ("Cités Lab", "programme", None),
    "les-zelles": ("Les Z’elles", "programme", None),
}
SERVICES = {
    "halte-garderie",
    "accueil-de-loisirs",
    "ateliers-petite-enfance",
    "ateliers-enfance",
    "ateliers-jeunesse",
    "ateliers-adultes",
    "ateliers-familles",
    "ateliers-seniors",
    "ludotheque",
}
DOMAINS = {
    "Développement social",
    "Le pouvoir d’agir",
    "L’accueil",
    "Culture.s",
    "Éducations populaires",
    "Prévention",
    "Famille Parentalité",
    "Insertion",
    "Accompagnement éducatif",
}


def _sections() -> dict[str, str]:
    """The presentation cut at its programme headings (upper-case lines), by heading."""
    headings = [
        "INITIATIVE EMPLOI JEUNES",
        "RHS INTERREG",
        "CONNECT EMPLOI",
        "Action 1 : COURT CIRCUIT",
        "Action 2 : JE REBONDIS",
        "Action 3 : REUSSIR AUTREMENT",
        "FORUM CITOYEN",
        "TERRITOIRE ZÉRO CHOMEUR LONGUE DURÉE",
        "CENTRES SOCIAUX CONNECTÉS DU BASSIN MINIER",
        "DETECT CONNECT",
        "CITÉS LAB",
        "LES Z’ELLES",
        "Nos valeurs",
    ]
    positions = [(REFERENCE.index("\n" + h) + 1, h) for h in headings]
    return {
        heading: REFERENCE[start : positions[i + 1][0] if i + 1 < len(positions) else None]
        for i, (start, heading) in enumerate(positions)
    }


SECTION_OF = {
    "court-circuit": "Action 1 : COURT CIRCUIT",
    "forum-citoyen": "FORUM CITOYEN",
    "territoire-zero-chomeur": "TERRITOIRE ZÉRO CHOMEUR LONGUE DURÉE",
    "cites-lab": "CITÉS LAB",
    "les-zelles": "LES Z’ELLES",
    "initiative-emploi-jeunes": "INITIATIVE EMPLOI JEUNES",
    "rhs-interreg": "RHS INTERREG",
    "je-rebondis": "Action 2 : JE REBONDIS",
    "centres-sociaux-connectes": "CENTRES SOCIAUX CONNECTÉS DU BASSIN MINIER",
    "detect-connect": "DETECT CONNECT",
}
PHONE = re.compile(r"T[ée]l\s*\.?\s*:?\s*([0-9][0-9. ]{8,}[0-9])")
MAIL = re.compile(r"Mail\s*:\s*(\S+@\S+)")


@pytest.mark.parametrize(("entry_id", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_every_programme_action_and_module_is_there(entry_id, expected):
    name, kind, parent = expected
    entry = ENTRIES[entry_id]
    assert (entry["name"], entry["kind"], entry["parent"]) == (name, kind, parent)
    assert entry["summary"] and entry["description"]
    assert entry["thematiques"], "every entry has at least one thématique"
    assert entry["contacts"], "every entry has someone to call"


def test_the_five_modules_of_reussir_autrement():
    modules = [e for e in ENTRIES.values() if e["parent"] == "reussir-autrement"]
    assert len(modules) == 5 and all(m["kind"] == "module" for m in modules)


@pytest.mark.parametrize("entry_id", SECTION_OF, ids=list(SECTION_OF))
def test_contacts_are_exactly_those_of_the_presentation(entry_id):
    section = _sections()[SECTION_OF[entry_id]]
    contact = CATALOGUE.contacts[ENTRIES[entry_id]["contacts"][0]]
    phones, mails = PHONE.findall(section), MAIL.findall(section)
    if not phones and not mails:  # the text names no contact: the federation's switchboard
        assert contact["phone"] == "03 27 28 91 98"
        return
    assert phone_digits(contact["phone"]) == phone_digits(phones[0])
    assert contact["email"] == mails[0]
    assert contact["phone"] == format_phone(phones[0])  # written the French way
    name_line = next(line for line in section.splitlines() if contact["name"].split()[-1] in line)
    assert contact["name"] in name_line or contact["name"].upper() in name_line.upper()


def test_the_federation():
    federation = CATALOGUE.organisation
    assert federation["full_name"] == "Association des Centres Sociaux de la Région de Valenciennes"
    assert (federation["address"], federation["postal_code"], federation["commune"]) == (
        "34 avenue de Condé",
        "59300",
        "Valenciennes",
    )
    assert federation["phone"] == "03 27 28 91 98"
    assert phone_digits(federation["phone"]) in re.sub(r"\D", "", REFERENCE)
    assert federation["sectors"] == ["valenciennois", "denaisis", "pays-de-conde"]
    assert "Fonds social européen" in federation["funding"]


@pytest.mark.parametrize(
    ("contact_id", "role_words", "email"),
    [
        ("benjamin-lemoine", "Directeur de l’ACSRV", "benjamin.lemoine@acsrv.org"),
        ("eleonore-laroyenne", "Directrice de développement", "drdevacsrv@acsrv.org"),
        ("anne-lescrohart", "Pôle Insertion et innovation sociale", "anne.lescrohart@acsrv.org"),
    ],
)
def test_partnership_contacts(contact_id, role_words, email):
    assert contact_id in CATALOGUE.organisation["partnership_contacts"]
    contact = CATALOGUE.contacts[contact_id]
    assert role_words in contact["role"]
    assert contact["email"] == email
    assert f"Mail : {email}" in REFERENCE


def test_eligibility_is_structured_data():
    iej = ENTRIES["initiative-emploi-jeunes"]["eligibility"]
    assert (iej["age_min"], iej["age_max"], iej["requires_all"], iej["residence"]) == (
        16,
        29,
        ["ni-emploi-ni-formation"],
        "arrondissement",
    )
    assert ENTRIES["court-circuit"]["eligibility"]["requires_all"] == ["rsa"]
    assert ENTRIES["territoire-zero-chomeur"]["eligibility"]["requires_all"] == [
        "chomage-longue-duree"
    ]
    assert ENTRIES["cites-lab"]["eligibility"]["requires_all"] == ["qpv"]
    assert ENTRIES["les-zelles"]["eligibility"]["genders"] == ["femme"]
    assert ENTRIES["detect-connect"]["eligibility"]["requires_all"] == ["hors-radar"]
    forum = ENTRIES["forum-citoyen"]["eligibility"]
    assert set(forum["preferred"]) == {"minima-sociaux", "isole", "rsa", "demandeur-emploi"}
    assert set(forum["sectors"]) == {"pays-de-conde", "valenciennois", "denaisis"}


def test_practical_details():
    assert "6 semaines" in ENTRIES["les-zelles"]["practical"]
    assert "deux journées par semaine" in ENTRIES["les-zelles"]["practical"]
    assert ENTRIES["forum-citoyen"]["practical"].startswith("Itinérant")


def test_everyday_services_and_the_nine_domains():
    services = {k for k, e in ENTRIES.items() if e["kind"] == "service"}
    assert services == SERVICES
    assert {e["name"] for e in ENTRIES.values() if e["kind"] == "domaine"} == DOMAINS


def test_vocabularies_have_french_labels_and_are_used_consistently():
    vocab = load_vocabularies()
    assert all(label and label[0].isupper() for label in vocab.thematiques.values())
    assert all(label for label in vocab.publics.values())
    for entry in ENTRIES.values():
        assert all(t in vocab.thematiques for t in entry["thematiques"])
        assert all(p in vocab.publics for p in entry["publics"])
    for slug in vocab.thematiques:
        assert "--" not in slug or slug.split("--")[0] in vocab.thematiques


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("numerique--fondamentaux", "numerique--maitriser-les-fondamentaux-du-numerique"),
        ("se-former--trouver-formation", "se-former--trouver-sa-formation"),
        (
            "choisir-un-metier--decouvrir-un-metier",
            "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
        ),
        ("famille--garde-denfants", "famille--garde-denfants"),
        ("trouver-un-emploi", "trouver-un-emploi"),
    ],
)
def test_everyday_short_slugs_are_understood(alias, slug):
    assert load_vocabularies().canonical_thematique(alias) == slug
