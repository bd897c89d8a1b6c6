"""Routing: the issue's examples, and every programme's eligibility rules, read from the data."""

from __future__ import annotations

import pytest

from acsrv_desktop.core.catalogue.records import load_shipped_catalogue
from acsrv_desktop.core.catalogue.service import EntryView
from acsrv_desktop.core.catalogue.vocabularies import load_vocabularies
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.core.reception.routing import ROUTABLE_KINDS, Person, evaluate, route

VOCAB = load_vocabularies()
COMMUNES = load_communes()


def _entries() -> list[EntryView]:
    """The shipped catalogue as views, without a database (routing is pure)."""
    data = load_shipped_catalogue()
    names = {k: e["name"] for k, e in data.entries.items()}
    from acsrv_desktop.core.catalogue.service import ContactView

    return [
        EntryView(
            id=k,
            kind=e["kind"],
            name=e["name"],
            summary=e["summary"],
            description=e["description"],
            practical=e["practical"],
            funding=e["funding"],
            thematiques=tuple(e["thematiques"]),
            publics=tuple(e["publics"]),
            keywords=tuple(e["keywords"]),
            eligibility=e["eligibility"],
            active=True,
            parent_id=e["parent"],
            parent_name=names.get(e["parent"] or ""),
            children=(),
            contacts=tuple(
                ContactView(
                    c,
                    data.contacts[c]["name"],
                    data.contacts[c]["role"],
                    data.contacts[c]["phone"],
                    data.contacts[c]["email"],
                )
                for c in e["contacts"]
            ),
            position=i,
        )
        for i, (k, e) in enumerate(data.entries.items())
    ]


ENTRIES = _entries()


def _route(**person):
    return route(Person(**person), ENTRIES, VOCAB, COMMUNES)


def _ids(suggestions):
    return [s.entry.id for s in suggestions]


def test_young_neet_looking_for_a_job_in_denain_gets_initiative_emploi_jeunes_first():
    suggestions = _route(
        age=19,
        situations=frozenset({"ni-emploi-ni-formation"}),
        needs=("trouver-un-emploi",),
        commune="Denain",
    )
    first = suggestions[0]
    assert first.entry.id == "initiative-emploi-jeunes" and first.eligible
    assert "16–29 ans" in first.reasons and "ni en emploi ni en formation" in first.reasons
    assert first.to_check == []


def test_rsa_recipient_choosing_a_job_gets_court_circuit_in_the_first_three():
    suggestions = _route(age=45, situations=frozenset({"rsa"}), needs=("choisir-un-metier",))
    assert "court-circuit" in _ids(suggestions[:3])
    court_circuit = next(s for s in suggestions if s.entry.id == "court-circuit")
    assert court_circuit.eligible and "allocataire du RSA" in court_circuit.reasons
    assert court_circuit.contact.email == "CIPDEP@acsrv.org"


def test_les_zelles_is_never_eligible_for_a_man():
    for person in (
        dict(gender="homme"),
        dict(gender="homme", age=30, needs=("choisir-un-metier",)),
        dict(gender="homme", situations=frozenset(VOCAB.situations)),
    ):
        zelles = next(s for s in _route(**person) if s.entry.id == "les-zelles")
        assert not zelles.eligible
        assert zelles.blockers == ["réservé aux femmes"]


def test_a_35_year_old_neet_is_not_eligible_to_initiative_emploi_jeunes_because_of_age():
    iej = next(
        s
        for s in _route(age=35, situations=frozenset({"ni-emploi-ni-formation"}))
        if s.entry.id == "initiative-emploi-jeunes"
    )
    assert not iej.eligible
    assert any("16–29 ans" in b and "35 ans" in b for b in iej.blockers)


def test_eligible_come_first_then_the_others():
    suggestions = _route(age=35, gender="homme")
    flags = [s.eligible for s in suggestions]
    assert flags == sorted(flags, reverse=True)
    assert not any(s.entry.kind == "domaine" for s in suggestions)


def test_unknown_facts_are_to_check_not_blockers():
    zelles = next(s for s in _route() if s.entry.id == "les-zelles")
    assert zelles.eligible and zelles.to_check == ["réservé aux femmes"]
    iej = next(
        s
        for s in _route(situations=frozenset({"ni-emploi-ni-formation"}))
        if s.entry.id == "initiative-emploi-jeunes"
    )
    assert iej.eligible
    assert "âge à vérifier (16–29 ans)" in iej.to_check


def test_an_age_bracket_is_enough_when_it_fits():
    iej = evaluate(
        next(e for e in ENTRIES if e.id == "initiative-emploi-jeunes"),
        Person(
            age_range=(18, 29), situations=frozenset({"ni-emploi-ni-formation"}), commune="Anzin"
        ),
        VOCAB,
        COMMUNES,
    )
    assert iej.eligible and iej.to_check == []
    older = evaluate(
        next(e for e in ENTRIES if e.id == "initiative-emploi-jeunes"),
        Person(age_range=(55, 120)),
        VOCAB,
        COMMUNES,
    )
    assert not older.eligible


def test_residence_outside_the_arrondissement():
    iej = next(
        s
        for s in _route(age=20, situations=frozenset({"ni-emploi-ni-formation"}), commune="Lille")
        if s.entry.id == "initiative-emploi-jeunes"
    )
    assert iej.blockers == ["réservé aux habitants de l’arrondissement de Valenciennes"]


def test_rsa_counts_as_minima_sociaux():
    forum = next(s for s in _route(situations=frozenset({"rsa"})) if s.entry.id == "forum-citoyen")
    assert any("bénéficiaire de minima sociaux" in r for r in forum.reasons)


def test_short_theme_slugs_are_understood():
    suggestions = _route(needs=("numerique--fondamentaux",))
    assert suggestions[0].entry.id in {
        "reussir-autrement-informatique",
        "centres-sociaux-connectes",
    }


def test_a_deactivated_programme_is_not_suggested():
    inactive = [
        e if e.id != "cites-lab" else EntryView(**{**e.__dict__, "active": False}) for e in ENTRIES
    ]
    suggestions = route(Person(situations=frozenset({"qpv"})), inactive, VOCAB, COMMUNES)
    assert "cites-lab" not in _ids(suggestions)


# --- every programme's rules, from the data -------------------------------------------------------

ROUTABLE = [e for e in ENTRIES if e.kind in ROUTABLE_KINDS]


def _ideal_person(entry: EntryView) -> Person:
    """Someone who meets every hard criterion of ``entry``."""
    rules = entry.eligibility
    low, high = rules.get("age_min", 0), rules.get("age_max", 120)
    situations = set(rules.get("requires_all", [])) | set(rules.get("requires_any", [])[:1])
    sectors = rules.get("sectors")
    commune = {
        "valenciennois": "Valenciennes",
        "denaisis": "Denain",
        "pays-de-conde": "Vieux-Condé",
    }[sectors[0] if sectors else "valenciennois"]
    return Person(
        age=(low + high) // 2,
        gender=(rules.get("genders") or ["femme"])[0],
        commune=commune,
        situations=frozenset(situations),
    )


@pytest.mark.parametrize("entry", ROUTABLE, ids=[e.id for e in ROUTABLE])
def test_each_entry_admits_someone_who_meets_its_criteria(entry):
    suggestion = evaluate(entry, _ideal_person(entry), VOCAB, COMMUNES)
    assert suggestion.eligible, suggestion.blockers
    assert suggestion.to_check == []


def _violations(entry: EntryView):
    rules, ideal = entry.eligibility, _ideal_person(entry)
    if "age_min" in rules:
        yield "age_min", Person(**{**ideal.__dict__, "age": rules["age_min"] - 1})
    if "age_max" in rules:
        yield "age_max", Person(**{**ideal.__dict__, "age": rules["age_max"] + 1})
    if "genders" in rules:
        other = next(g for g in ("femme", "homme") if g not in rules["genders"])
        yield "genders", Person(**{**ideal.__dict__, "gender": other})
    for code in rules.get("requires_all", []):
        yield (
            f"requires_all:{code}",
            Person(**{**ideal.__dict__, "situations": ideal.situations - {code}}),
        )
    if rules.get("residence"):
        yield "residence", Person(**{**ideal.__dict__, "commune": "Lille"})


CASES = [(e, name, person) for e in ROUTABLE for name, person in _violations(e)]


@pytest.mark.parametrize(
    ("entry", "criterion", "person"), CASES, ids=[f"{e.id}-{c}" for e, c, _ in CASES]
)
def test_each_criterion_of_each_entry_excludes_with_a_french_reason(entry, criterion, person):
    suggestion = evaluate(entry, person, VOCAB, COMMUNES)
    assert not suggestion.eligible
    assert suggestion.blockers and all(b[0].islower() for b in suggestion.blockers)


def test_the_rules_cover_the_programmes_the_presentation_restricts():
    restricted = {e[1] for e in [(c[0].id, c[0].id) for c in CASES]}
    assert {
        "initiative-emploi-jeunes",
        "court-circuit",
        "territoire-zero-chomeur",
        "cites-lab",
        "les-zelles",
        "detect-connect",
    } <= restricted
