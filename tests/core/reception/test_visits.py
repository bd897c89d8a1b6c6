"""Visitors, visits and referrals on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.clock import PARIS, paris_day_bounds
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Referral, Visit, Visitor
from acsrv_desktop.core.reception.profile import FieldErrors, VisitorInput
from acsrv_desktop.core.reception.referrals import EXPIRED, ReferralFilter
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = NOW.astimezone(PARIS).date()

JEAN = VisitorInput(
    "Jean", "Dupont", 1990, None, "homme", "valenciennes", ("demandeur-emploi",), True
)
ELODIE = VisitorInput(
    "Élodie", "Lefèvre-Martin", 2006, None, "femme", "Denain", ("ni-emploi-ni-formation",), True
)


def _count(database, model) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_lookup_by_a_few_letters_ignores_accents_case_and_order(visitors):
    elodie = visitors.create(ELODIE)
    visitors.create(JEAN)
    visitors.create(VisitorInput("Jeanne", "Martin", 1950))
    assert [v.id for v in visitors.lookup("elo")] == [elodie.id]
    assert [v.id for v in visitors.lookup("LEFEV")] == [elodie.id]
    assert [v.id for v in visitors.lookup("martin elo")] == [elodie.id]
    assert {v.display_name for v in visitors.lookup("jea")} == {"Jean Dupont", "Jeanne Martin"}
    assert visitors.lookup("zzz") == [] and visitors.lookup("  ") == []
    assert visitors.lookup("'; DROP TABLE visitor; --") == []
    assert elodie.commune == "Denain" and elodie.sector == "denaisis"


def test_namesakes_are_told_apart_and_duplicates_flagged(visitors):
    first = visitors.create(JEAN)
    visitors.create(VisitorInput("Jean", "Dupont", 1962, commune="Anzin"))
    shown = {(v.birth_year, v.commune) for v in visitors.lookup("dupont")}
    assert shown == {(1990, "Valenciennes"), (1962, "Anzin")}
    duplicates = visitors.possible_duplicates("JEAN", "dupont", 1990)
    assert [d.id for d in duplicates] == [first.id]
    assert visitors.possible_duplicates("Jean", "Dupont", 1990, exclude=first.id) == []


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        (VisitorInput(""), "first_name", "obligatoire"),
        (VisitorInput("Jean", birth_year=1850), "birth_year", "impossible"),
        (VisitorInput("Jean", birth_year=2999), "birth_year", "impossible"),
        (VisitorInput("x" * 101), "first_name", "101 caractères, 100 au plus"),
        (VisitorInput("Jean\x00"), "first_name", "caractères invalides"),
        (VisitorInput("Jean", situations=("riche",)), "situations", "inconnue"),
        (VisitorInput("Jean", gender="licorne"), "gender", "Genre"),
        (VisitorInput("Jean", commune="Val"), "commune", "n’est pas dans la liste"),
        (VisitorInput("Jean", commune="Lille"), "commune", "hors arrondissement"),
    ],
)
def test_bad_profiles_are_refused_field_by_field(visitors, database, data, field, fragment):
    with pytest.raises(FieldErrors) as refused:
        visitors.create(data)
    assert fragment in refused.value.errors[field]
    assert _count(database, Visitor) == 0


def test_only_communes_of_the_list_or_confirmed_outside_are_saved(visitors, database):
    listed = visitors.create(VisitorInput("Jean", commune="conde sur l escaut"))
    outside = visitors.create(VisitorInput("Anne", commune="Lille", commune_outside=True))
    with database.read() as session:
        rows = session.execute(text("SELECT commune, sector FROM visitor ORDER BY id")).all()
    assert rows[0][0] == "Condé-sur-l'Escaut" and rows[0][1] is not None
    assert tuple(rows[1]) == ("Lille", None)
    # A record saved with a commune outside stays valid when it is corrected later.
    again = visitors.update(outside.id, visitors.get(outside.id).as_input())
    assert again.commune == "Lille" and listed.commune == "Condé-sur-l'Escaut"


def test_a_new_visitor_visit_and_referrals_are_saved_together(
    visits, referrals, database, centre_id
):
    visit_id = visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            ("trouver-un-emploi",),
            "Cherche une formation",
            visitor=ELODIE,
            programmes=("initiative-emploi-jeunes", "detect-connect"),
            reasons={"initiative-emploi-jeunes": ["16–29 ans"]},
        ),
    )
    (row,) = visits.day(centre_id, TODAY)
    assert (row.id, row.who, row.channel, row.new_visitor) == (
        visit_id,
        "Élodie Lefèvre-Martin (2006)",
        "sur-place",
        True,
    )
    assert set(row.programmes) == {"Initiative Emploi Jeunes", "Detect Connect"}
    with database.read() as session:
        visit = session.get(Visit, visit_id)
        assert (visit.age_at_visit, visit.age_bracket, visit.gender, visit.sector) == (
            TODAY.year - 2006,
            "18-29",
            "femme",
            "denaisis",
        )
        assert visit.situations == ["ni-emploi-ni-formation"] and visit.person_key
    found = referrals.find(ReferralFilter(programme_id="initiative-emploi-jeunes"))
    assert found[0].status == "proposee" and found[0].reasons == ("16–29 ans",)
    assert found[0].contact_phone == "03 27 28 91 98"


def test_an_anonymous_visit_has_no_personal_data(visits, database, centre_id):
    visits.log_visit(VisitInput(centre_id, "telephone", NOW, ("famille--garde-denfants",)))
    assert _count(database, Visitor) == 0
    (row,) = visits.day(centre_id, TODAY)
    assert row.who == "Passage anonyme" and row.visitor_id is None
    counters = visits.counters(visits.day(centre_id, TODAY))
    assert (counters.visits, counters.people, counters.anonymous) == (1, 0, 1)


def test_a_returning_visitor_is_counted_once(visits, visitors, centre_id):
    jean = visitors.create(JEAN)
    for minutes in (0, 30):
        visits.log_visit(
            VisitInput(centre_id, "sur-place", NOW - timedelta(minutes=minutes), visitor_id=jean.id)
        )
    counters = visits.counters(visits.day(centre_id, TODAY))
    assert (counters.visits, counters.people, counters.new_visitors) == (2, 1, 0)
    assert visitors.lookup("dupont")[0].last_seen_at == NOW


def test_a_failed_save_writes_nothing(visits, database, centre_id):
    with pytest.raises(UserFacingError, match="plus au catalogue"):
        visits.log_visit(
            VisitInput(
                centre_id,
                "sur-place",
                NOW,
                visitor=ELODIE,
                programmes=("initiative-emploi-jeunes", "nexiste-pas"),
            )
        )
    assert _count(database, Visitor) == 0 and _count(database, Visit) == 0
    assert _count(database, Referral) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (dict(channel="pigeon"), "channel"),
        (dict(occurred_at=NOW + timedelta(days=2)), "occurred_at"),
        (dict(needs=("vacances",)), "needs"),
        (dict(note="x" * 1001), "note"),
    ],
)
def test_bad_visits_are_refused(visits, database, centre_id, change, field):
    data = dict(centre_id=centre_id, channel="sur-place", occurred_at=NOW)
    with pytest.raises(FieldErrors) as refused:
        visits.log_visit(VisitInput(**{**data, **change}))
    assert field in refused.value.errors
    assert _count(database, Visit) == 0


def test_cancelled_visits_are_kept_but_not_counted(visits, centre_id):
    visit_id = visits.log_visit(VisitInput(centre_id, "courriel", NOW))
    visits.cancel(visit_id)
    (row,) = visits.day(centre_id, TODAY)
    assert row.cancelled
    assert visits.counters([row]).visits == 0
    visits.restore(visit_id)
    assert not visits.day(centre_id, TODAY)[0].cancelled


def test_paris_days_across_daylight_saving():
    start, end = paris_day_bounds(date(2026, 10, 25))  # the October change: a 25-hour day
    assert end - start == timedelta(hours=25)
    assert start == datetime(2026, 10, 24, 22, 0, tzinfo=UTC)


def test_merging_two_records_moves_the_visits(
    visits, visitors, database, database_actor, centre_id
):
    keep, duplicate = visitors.create(JEAN), visitors.create(JEAN)
    visits.log_visit(VisitInput(centre_id, "sur-place", NOW, visitor_id=keep.id))
    visits.log_visit(VisitInput(centre_id, "sur-place", NOW, visitor_id=duplicate.id))
    VisitorService(database, database_actor).merge(keep.id, duplicate.id)  # administration
    assert visitors.get(duplicate.id) is None
    assert visits.counters(visits.day(centre_id, TODAY)).people == 1
    with database.read() as session:
        assert len(set(session.scalars(select(Visit.person_key)))) == 1


def test_referral_statuses_follow_their_path(visits, referrals, centre_id):
    visits.log_visit(
        VisitInput(
            centre_id, "sur-place", NOW, visitor=JEAN, programmes=("territoire-zero-chomeur",)
        )
    )
    (referral,) = referrals.find()
    referrals.set_status(referral.id, "contact-pris")
    with pytest.raises(UserFacingError, match="pourquoi"):
        referrals.set_status(referral.id, "refusee")
    referrals.set_status(referral.id, "refusee", reason="session-complete", note="Rappeler en mars")
    (refused,) = referrals.find(ReferralFilter(status="refusee"))
    assert refused.status_label() == "refusée (session complète)"
    with pytest.raises(UserFacingError, match="ne peut pas passer"):
        referrals.set_status(referral.id, "terminee")
    referrals.set_status(referral.id, "contact-pris")
    referrals.set_status(referral.id, "acceptee")
    referrals.set_status(referral.id, "terminee")
    assert referrals.find()[0].status_label() == "terminée"


def test_an_open_referral_after_30_days_shows_as_expired(visits, referrals, database, centre_id):
    visits.log_visit(VisitInput(centre_id, "sur-place", NOW, programmes=("forum-citoyen",)))
    (referral,) = referrals.find()
    assert referral.shown_status() == "proposee"
    assert referral.shown_status(NOW + timedelta(days=31)) == EXPIRED
    with database.write() as session:
        session.execute(
            text("UPDATE referral SET created_at = :old"),
            {
                "old": (NOW - timedelta(days=40)).replace(tzinfo=None)
                if database.is_sqlite
                else NOW - timedelta(days=40)
            },
        )
    assert [r.id for r in referrals.find(ReferralFilter(status=EXPIRED))] == [referral.id]
    assert referrals.find(ReferralFilter(status="proposee")) == []
    assert referrals.find()[0].status_label() == "expirée"


@pytest.mark.parametrize(
    ("first_name", "fragment"),
    [
        ("\u200b\u200b", "au moins une lettre"),
        ("\u202eevil", "caractères invalides"),
        ("---", "au moins une lettre"),
    ],
)
def test_invisible_or_spoofing_names_are_refused(visitors, first_name, fragment):
    with pytest.raises(FieldErrors) as refused:
        visitors.create(VisitorInput(first_name))
    assert fragment in refused.value.errors["first_name"]


def test_names_in_other_scripts_are_kept(visitors):
    visitor = visitors.create(VisitorInput("مريم", "Ōtsuka 😀"))
    assert (visitor.first_name, visitor.last_name) == ("مريم", "Ōtsuka 😀")


ADMIN = Actor.system("tests")


def test_the_history_reads_any_page_by_offset_or_after_the_previous_one(database, owner_database):
    from acsrv_desktop.core.accounts.roles import AccessDeniedError, Role
    from acsrv_desktop.core.demo import generate

    generate(owner_database, visits=1100, visitors=200, centres=3, seed=4)
    visits = VisitService(database, ADMIN)
    total = visits.history_count()
    assert total == 1100
    every = []
    page = visits.history_page(None, 200)
    while page:
        every += page
        page = visits.history_page(None, 200, after=(page[-1].occurred_at, page[-1].id))
    assert len(every) == total and len({v.id for v in every}) == total
    keys = [(v.occurred_at, v.id) for v in every]
    assert keys == sorted(keys, reverse=True)
    for offset in (0, 200, 555, 1000, 1099):
        assert [v.id for v in visits.history_page(None, 50, offset=offset)] == [
            v.id for v in every[offset : offset + 50]
        ]
    assert visits.history_page(None, 50, offset=5000) == []
    centre = every[0]
    with database.read() as session:
        centre_id = session.get(Visit, centre.id).centre_id
    mine = visits.history_page(centre_id, 10_000)
    assert len(mine) == visits.history_count(centre_id) < total
    # Visits logged while the list is open do not shift the pages read after (snapshot).
    count, upto = visits.history_snapshot()
    for _ in range(5):
        visits.log_visit(VisitInput(centre_id, "sur-place", datetime.now(UTC), ("numerique",)))
    later = visits.history_page(None, 200, offset=200, upto_id=upto)
    chained = visits.history_page(None, 200, upto_id=upto)
    chained = visits.history_page(
        None, 200, after=(chained[-1].occurred_at, chained[-1].id), upto_id=upto
    )
    assert [v.id for v in later] == [v.id for v in chained] == [v.id for v in every[200:400]]
    assert count == total and visits.history_count() == total + 5
    accueil = Actor(None, "marie", Role.ACCUEIL, centre_id)
    with pytest.raises(AccessDeniedError):
        VisitService(database, accueil).history_count(centre_id)


# -- the right person, no duplicates (issue 11) ---------------------------------------------


def test_close_spellings_are_offered_when_nobody_matches_as_typed(visitors):
    fatima = visitors.create(VisitorInput("Fatima", "Benali", 1984, commune="Anzin"))
    kevin = visitors.create(VisitorInput("Kévin", "DUPONT", 1979, commune="Anzin"))
    visitors.create(VisitorInput("Jean", "Martin", 1970))
    found = visitors.find("fatma")
    assert found.close_spellings and [v.id for v in found.visitors] == [fatima.id]
    assert [v.id for v in visitors.find("dupond").visitors] == [kevin.id]
    assert [v.id for v in visitors.find("fatm benal").visitors] == [fatima.id]  # still typing
    assert [v.id for v in visitors.find("BENALLI fatma").visitors] == [fatima.id]
    exact = visitors.find("fati")
    assert not exact.close_spellings and [v.id for v in exact.visitors] == [fatima.id]
    nobody = visitors.find("zzyzx")
    assert nobody.visitors == [] and not nobody.close_spellings
    assert visitors.find("dx").visitors == []  # two letters: no typo forgiven


def test_close_spellings_see_records_created_and_renamed_since(visitors, visits, centre_id):
    visitors.create(VisitorInput("Jean", "Martin", 1970))
    assert visitors.find("kaczmarak").visitors == []  # the token cache is loaded here
    anna = visitors.create(VisitorInput("Anna", "Kaczmarek", 1990))
    assert [v.id for v in visitors.find("kaczmarak").visitors] == [anna.id]
    visitors.update(anna.id, VisitorInput("Anna", "Nowakowska", 1990))
    assert [v.id for v in visitors.find("nowakowka").visitors] == [anna.id]
    visits.log_visit(
        VisitInput(
            centre_id=centre_id,
            channel="sur-place",
            occurred_at=NOW,
            needs=("trouver-un-emploi",),
            visitor=VisitorInput("Rachid", "Mansouri", 1988),
        )
    )
    assert [v.first_name for v in visitors.find("mansuori").visitors] == ["Rachid"]


def test_a_record_renamed_on_another_workstation_is_found_at_once(
    visitors, owner_database, monkeypatch
):
    """A word no held name token starts with is answered without a query: the tokens held
    must follow the renames made elsewhere (by the time of the record's last change)."""
    from acsrv_desktop.core.reception import visitors as module

    monkeypatch.setattr(module, "TOKENS_CHECK_S", 0.0)
    anna = visitors.create(VisitorInput("Anna", "Kaczmarek", 1990))
    visitors.create(VisitorInput("Jean", "Martin", 1970))  # Anna is not the newest record
    assert visitors.find("nowak").visitors == []  # the tokens are held from here on
    with owner_database.write() as session:  # another workstation, in plain SQL (as IT)
        session.execute(
            text("UPDATE visitor_name_token SET token = 'nowakowska' WHERE token = 'kaczmarek'")
        )
        session.execute(
            text("UPDATE visitor SET last_name = 'Nowakowska', updated_at = :now WHERE id = :id"),
            {"now": datetime.now(UTC), "id": anna.id},
        )
    assert [v.id for v in visitors.find("nowak").visitors] == [anna.id]


@pytest.mark.parametrize(
    ("typed", "designated"),
    [
        ("kevin dupont", True),
        ("DUPONT Kévin", True),
        ("  kévin   dupont ", True),
        ("kevin", False),  # the first name only
        ("dupont", False),  # the last name only
        ("kev dupont", False),  # a partial word
        ("k dupont", False),  # an initial is not a first name
    ],
)
def test_entree_takes_a_record_only_when_the_words_typed_designate_one_person(
    visitors, typed, designated
):
    from acsrv_desktop.core.reception.visitors import designated_visitor

    kevin = visitors.create(VisitorInput("Kévin", "DUPONT", 1979, commune="Anzin"))
    found = visitors.find(typed)
    assert [v.id for v in found.visitors] == [kevin.id]
    assert (found.designated == kevin) is designated
    assert (designated_visitor(typed, found.visitors) == kevin) is designated


def test_namesakes_or_a_longer_name_designate_nobody(visitors):
    visitors.create(VisitorInput("Kévin", "DUPONT", 1979, commune="Anzin"))
    visitors.create(VisitorInput("Kevin", "Dupont", 2001, commune="Denain"))
    assert visitors.find("kevin dupont").designated is None  # two of them: choose in the list
    jp = visitors.create(VisitorInput("Jean-Pierre", "Lefèvre", 1960))
    found = visitors.find("jean lefevre")
    assert [v.id for v in found.visitors] == [jp.id] and found.designated is None
    assert visitors.find("jean pierre lefevre").designated == jp
    assert visitors.find("fatma benali").designated is None  # nobody, not even close


def test_a_correction_is_marked_and_traced_only_when_something_changed(visits, database, centre_id):
    visit_id = visits.log_visit(VisitInput(centre_id, "sur-place", NOW, ("numerique",), "note"))
    visits.update(
        visit_id, channel="sur-place", occurred_at=None, needs=("numerique",), note="note"
    )

    def state():
        with database.read() as session:
            return session.execute(
                text(
                    "SELECT channel, corrected_by, time_set_by_hand, occurred_at,"
                    " (SELECT count(*) FROM audit_entry WHERE action = 'passage-modifie')"
                    " FROM visit WHERE id = :id"
                ),
                {"id": visit_id},
            ).one()

    unchanged = state()
    assert unchanged[1] is None and unchanged[4] == 0  # saved as it was: not a correction
    visits.update(
        visit_id, channel="telephone", occurred_at=None, needs=("numerique",), note="note"
    )
    corrected = state()
    assert corrected[0] == "telephone" and corrected[1] and corrected[4] == 1
    assert not corrected[2] and corrected[3] == unchanged[3]  # the time was left alone
    earlier = NOW - timedelta(hours=2)
    visits.update(
        visit_id, channel="telephone", occurred_at=earlier, needs=("numerique",), note="note"
    )
    moved = state()
    assert moved[2] and moved[4] == 2


def test_communes_are_matched_as_they_are_read():
    from acsrv_desktop.core.reception.communes import load_communes

    communes = load_communes()
    # The suggestions follow the rule that judges the commune: « ’ » is « ' », accents aside.
    assert communes.matching("conde sur l’escaut") == ["Condé-sur-l'Escaut"]
    assert communes.matching("conde")[:2] == ["Condé-sur-l'Escaut", "Vieux-Condé"]
    assert communes.matching("valenc") == ["Valenciennes", "Aulnoy-lez-Valenciennes"]
    assert communes.matching("  ") == []
