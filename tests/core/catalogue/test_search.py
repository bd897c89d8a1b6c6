"""Search staff can trust: accents, case, punctuation, typos and partial words do not matter."""

from __future__ import annotations

import pytest

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.search import CatalogueIndex, SearchDocument

ADMIN = Actor.system("tests")


def _first(catalogue, query, **filters):
    results = catalogue.search(query, **filters)
    assert results, f"nothing found for {query!r}"
    return results[0].entry.id


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("reussir autrement", "reussir-autrement"),
        ("RÉUSSIR   AUTREMENT", "reussir-autrement"),
        ("zelles", "les-zelles"),
        ("z'elles", "les-zelles"),
        ("Les Z’elles", "les-zelles"),
        ("citeslab", "cites-lab"),
        ("cités-lab", "cites-lab"),
        ("zero chomeur", "territoire-zero-chomeur"),
        ("reusir autremant", "reussir-autrement"),  # two typos
        ("initiative emploi jeune", "initiative-emploi-jeunes"),
        ("detect conect", "detect-connect"),
        ("forum citoyne", "forum-citoyen"),  # transposed letters
        ("halte garderie", "halte-garderie"),
        ("ludotheque", "ludotheque"),
        ("illectronisme", "reussir-autrement-informatique"),
        ("peggy coudeville", "court-circuit"),  # a contact's name
        ("delsaux", "forum-citoyen"),
        ("creation d'entreprise", "cites-lab"),
        ("condé", "forum-citoyen"),  # a real word is not taken for a typo of "Connect"
        ("chômage", "territoire-zero-chomeur"),
        ("cptzoc@acsrv.org", "territoire-zero-chomeur"),  # a contact's e-mail
        ("0762548150", "cites-lab"),  # a contact's phone, digits only
        ("bébé", "halte-garderie"),
        ("ados", "ateliers-jeunesse"),
    ],
)
def test_examples_find_their_programme_first(catalogue, query, expected):
    assert _first(catalogue, query) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("reu", "reussir-autrement"),
        ("reuss", "reussir-autrement"),
        ("cit", "cites-lab"),
        ("zel", "les-zelles"),
        ("territ", "territoire-zero-chomeur"),
        ("ludo", "ludotheque"),
    ],
)
def test_partial_words_as_you_type(catalogue, typed, expected):
    assert expected in [r.entry.id for r in catalogue.search(typed)[:3]]


@pytest.mark.parametrize(
    "query",
    [
        "xyzzy",
        "boulangerie",
        "permis de chasse",
        "qwertyuiop",
        "zzzz zzzz",
        "'; DROP TABLE programme; --",
    ],
)
def test_queries_that_must_return_nothing(catalogue, query):
    assert catalogue.search(query) == []


def test_words_typed_apart_that_the_catalogue_writes_together(catalogue):
    assert [r.entry.id for r in catalogue.search("z'elles")] == ["les-zelles"]


def test_only_symbols_find_nothing_and_repeated_words_count_once(catalogue):
    assert catalogue.search("😀") == [] and catalogue.search("😀" * 10_000) == []
    once = catalogue.search("reussir")[0].score
    assert catalogue.search("reussir " * 50)[0].score == once


def test_real_words_are_not_read_as_typos(catalogue):
    assert "reussir-autrement-informatique" not in [
        r.entry.id for r in catalogue.search("interreg")
    ]
    assert "domaine-accompagnement-educatif" not in [
        r.entry.id for r in catalogue.search("chômeur")
    ]


def test_a_deactivated_contact_is_not_handed_over(catalogue):
    catalogue.set_contact_active("juliette-fleury", False)
    (result,) = catalogue.search("zelles")
    assert result.contact.name == "Standard de l’ACSRV"  # the federation's switchboard instead
    assert result.as_json()["contact"]["phone"] == "03 27 28 91 98"


def test_results_are_ranked_name_first(catalogue):
    results = catalogue.search("emploi")
    names = [r.entry.name for r in results]
    assert names.index("Initiative Emploi Jeunes") < names.index("Réussir Autrement")
    assert results == sorted(results, key=lambda r: -r.score)


def test_filters_by_theme_public_and_sector(catalogue):
    by_theme = {r.entry.id for r in catalogue.search("", theme="creer-une-entreprise")}
    assert by_theme == {"cites-lab"}
    short_slug = {r.entry.id for r in catalogue.search("", theme="numerique--fondamentaux")}
    assert "reussir-autrement-informatique" in short_slug
    assert {r.entry.id for r in catalogue.search("", public="femmes")} == {"les-zelles"}
    everywhere = {r.entry.id for r in catalogue.search("forum", sector="denaisis")}
    assert "forum-citoyen" in everywhere


def test_empty_query_lists_the_whole_active_catalogue_in_order(catalogue):
    results = catalogue.search("   ")
    assert len(results) == len(catalogue.entries())
    assert results[0].entry.id == "initiative-emploi-jeunes"


def test_results_carry_the_contact_to_hand_over(catalogue):
    (result,) = catalogue.search("cites lab")
    assert result.as_json()["contact"] == {
        "name": "Bruno KUTZA",
        "role": "Chargé de projet",
        "phone": "07 62 54 81 50",
        "email": "cpcitelab@acsrv.org",
    }


def test_a_deactivated_programme_disappears_but_stays_readable(catalogue):
    catalogue.set_entry_active("les-zelles", False)
    assert catalogue.search("zelles") == []
    entry = catalogue.entry("les-zelles")
    assert entry is not None and not entry.active and entry.name == "Les Z’elles"
    catalogue.set_entry_active("les-zelles", True)
    assert _first(catalogue, "zelles") == "les-zelles"


def test_a_change_made_elsewhere_reaches_the_index(catalogue, database):
    from acsrv_desktop.core.catalogue.service import CatalogueService

    other_workstation = CatalogueService(database, ADMIN)
    assert catalogue.search("zelles")
    other_workstation.set_entry_active("les-zelles", False)
    catalogue._checked_at = 0  # as if the revision check interval had passed
    assert catalogue.search("zelles") == []


def test_a_snapshot_is_kept_until_the_catalogue_changes(catalogue, database):
    """What a screen keeps and reads without a query: the same object while the catalogue
    is unchanged (no SQL within the check interval); a new one once a change made on another
    workstation is seen; and one read again at once after an edit made here."""
    from sqlalchemy import event

    from acsrv_desktop.core.catalogue.service import CatalogueService

    first = catalogue.snapshot()
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(database.engine, "before_cursor_execute", listener)
    try:
        assert catalogue.snapshot() is first and statements == []  # within the interval
        catalogue._checked_at = 0  # as if the interval had passed: one SELECT, unchanged
        assert catalogue.snapshot() is first
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 1 and "app_setting" in selects[0]  # the revision, only
    finally:
        event.remove(database.engine, "before_cursor_execute", listener)
    assert [r.entry.id for r in first.search("zelles")] == ["les-zelles"]
    CatalogueService(database, ADMIN).set_entry_active("les-zelles", False)  # elsewhere
    assert catalogue.snapshot() is first  # not seen before the next check
    catalogue._checked_at = 0
    second = catalogue.snapshot()
    assert second is not first and second.revision > first.revision
    assert second.search("zelles") == [] and "les-zelles" not in second.entries
    assert "les-zelles" in first.entries  # what a screen kept does not change under it
    catalogue.set_entry_active("les-zelles", True)  # here: read again at the next use
    assert catalogue.snapshot().search("zelles")[0].entry.id == "les-zelles"


def test_index_alone_with_synthetic_documents():
    index = CatalogueIndex.build(
        [
            SearchDocument("a", {"name": "Atelier cuisine", "description": "Recettes de saison"}),
            SearchDocument("b", {"name": "Aide aux devoirs", "description": "Pour les enfants"}),
        ]
    )
    assert [h.id for h in index.search("cuisine")] == ["a"]
    assert [h.id for h in index.search("cuisnie")] == ["a"]
    assert [h.id for h in index.search("devoir enfant")] == ["b"]
    assert index.search("piscine") == []


# --- the visitors' own words, and small typos ----------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Synonyms of a thématique (resources/catalogue/vocabulaires.toml).
        ("permis", {"reussir-autrement-mobilite", "reussir-autrement"}),  # mobilité
        ("permis de conduire", {"reussir-autrement-mobilite", "reussir-autrement"}),
        ("CAF", {"je-rebondis", "connect-emploi"}),  # accès aux droits
        ("papiers", {"je-rebondis"}),  # démarches administratives
        ("aide aux devoirs", {"domaine-accompagnement-educatif", "ateliers-enfance"}),
        ("boulot", {"territoire-zero-chomeur", "initiative-emploi-jeunes"}),  # trouver un emploi
    ],
)
def test_everyday_words_find_their_programmes(catalogue, query, expected):
    found = {r.entry.id for r in catalogue.search(query)}
    assert expected <= found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("aide aux devoirs", "domaine-accompagnement-educatif"),  # an entry's own synonym first
        ("papiers", "je-rebondis"),
        ("CAF", "je-rebondis"),
        ("zro chomeur", "territoire-zero-chomeur"),  # one letter dropped from « zéro »
        ("zero chomuer", "territoire-zero-chomeur"),  # two letters swapped
        ("chomuer", "territoire-zero-chomeur"),
        ("ezro chomeur", "territoire-zero-chomeur"),  # the first two letters swapped
        ("ludtheque", "ludotheque"),  # one letter dropped
        ("centre aere", "accueil-de-loisirs"),  # an entry's synonym
        ("nounou", "halte-garderie"),
    ],
)
def test_everyday_words_and_typos_find_the_right_one_first(catalogue, query, expected):
    assert _first(catalogue, query) == expected


def test_a_synonym_typed_in_administration_is_found(catalogue):
    raw = catalogue.raw_entry("cites-lab")
    catalogue.save_entry("cites-lab", {**raw, "synonyms": ["food truck"]})
    assert _first(catalogue, "food truck") == "cites-lab"
    assert catalogue.raw_entry("cites-lab")["synonyms"] == ["food truck"]


def test_a_dropped_letter_is_not_guessed_in_short_words_or_at_the_start():
    index = CatalogueIndex.build(
        [SearchDocument("a", {"name": "Zéro déchet"}), SearchDocument("b", {"name": "Cafe"})]
    )
    assert [h.id for h in index.search("zro")] == ["a"]
    assert index.search("ero") == []  # the first letter is never the one dropped
    assert index.search("zo") == []  # two letters: typed as is
    assert [h.id for h in index.search("cfe")] == ["b"]
