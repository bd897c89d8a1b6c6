"""A month of visits with known totals, edge cases included, checked in the figures and in the
re-opened exports (XLSX with openpyxl, CSV with the csv module)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest
from sqlalchemy import event, text

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.exports import (
    csv_files,
    neutralise,
    sheet_name,
    write_csv,
    write_xlsx,
)
from acsrv_desktop.core.attendance.figures import Period, compute
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

ADMIN = Actor.system("tests")

OCTOBER = Period.month(2026, 10)


def paris(*args, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=PARIS, fold=fold)


@pytest.fixture
def month(database):
    """October 2026 at two centres; expected: 5 visits, 2 people, 2 anonymous visits, 1 new person."""
    centres = CentreService(database)
    main, other = centres.centres()[0].id, centres.centres()[1].id
    people, visits = VisitorService(database, ADMIN), VisitService(database, ADMIN)
    amina = people.create(
        VisitorInput("Amina", "Benali", 1990, None, "femme", "Denain", ("rsa", "qpv"), True)
    )
    theo = people.create(
        VisitorInput(
            "Théo", "Martin", 2008, None, "homme", "Valenciennes", ("ni-emploi-ni-formation",), True
        )
    )
    hostile = people.create(
        VisitorInput(
            '=HYPERLINK("http://x")',
            None,
            1980,
            None,
            None,
            '=cmd|" /C calc"!A0',
            (),
            True,
            commune_outside=True,  # confirmed « hors arrondissement »: stored as typed
        )
    )
    log = visits.log_visit
    log(VisitInput(main, "sur-place", paris(2026, 9, 30, 23, 59), visitor_id=amina.id))  # September
    log(
        VisitInput(
            main,
            "sur-place",
            paris(2026, 10, 1, 0, 0),
            ("trouver-un-emploi",),
            visitor_id=amina.id,
            programmes=("court-circuit",),
        )
    )
    log(VisitInput(main, "telephone", paris(2026, 10, 15, 10, 0), visitor_id=amina.id))
    log(
        VisitInput(
            other,
            "sur-place",
            paris(2026, 10, 31, 23, 59),
            ("se-former",),
            visitor_id=theo.id,
            programmes=("initiative-emploi-jeunes",),
        )
    )
    log(VisitInput(main, "sur-place", paris(2026, 11, 1, 0, 0), visitor_id=theo.id))  # November
    # The night of the October change of time: 02:30 happens twice; this is the second one.
    log(VisitInput(main, "courriel", paris(2026, 10, 25, 2, 30, fold=1)))
    cancelled = log(VisitInput(main, "sur-place", paris(2026, 10, 10, 9, 0), visitor_id=hostile.id))
    visits.cancel(cancelled)
    log(VisitInput(other, "sur-place", paris(2026, 10, 20, 14, 0)))  # anonymous
    return {"main": main, "other": other}


def test_totals_and_month_boundaries_in_paris_time(database, month):
    report = compute(database, ADMIN, OCTOBER)
    assert (report.visits, report.people, report.anonymous_visits) == (5, 2, 2)
    assert report.new_people == 1  # Théo; Amina came on 30 September
    assert report.referrals == 2
    days = report.breakdown("jours").counts()
    assert days[OCTOBER.start] == 1 and days[OCTOBER.end] == 1
    assert days[paris(2026, 10, 25).date()] == 1
    assert len(days) == 31 and sum(days.values()) == report.visits
    assert report.breakdown("canaux").counts() == {"sur place": 3, "téléphone": 1, "courriel": 1}


def test_people_are_counted_once_with_their_profile(database, month):
    report = compute(database, ADMIN, OCTOBER)
    assert report.breakdown("genres").counts()["femmes"] == 1
    assert report.breakdown("ages_fse").counts()["30–54 ans"] == 1
    assert report.breakdown("ages_fse").counts()["18–29 ans"] == 1
    assert report.breakdown("ages_caf").counts()["12–25 ans"] == 1
    assert report.breakdown("situations").counts()["allocataire du RSA"] == 1
    assert report.breakdown("qpv").counts()["habitants d’un QPV"] == 1
    assert report.breakdown("secteurs").counts() == {"Denaisis": 1, "Valenciennois": 1}
    assert report.breakdown("orientations_programmes").counts() == {
        "Court Circuit": 1,
        "Initiative Emploi Jeunes": 1,
    }


def test_one_centre(database, month):
    report = compute(database, ADMIN, OCTOBER, month["other"])
    assert (report.visits, report.people, report.anonymous_visits) == (2, 1, 1)


def test_the_xlsx_reopened(database, month, tmp_path):
    path = write_xlsx(compute(database, ADMIN, OCTOBER), tmp_path / "octobre.xlsx")
    book = openpyxl.load_workbook(path)
    summary = {row[0]: row[1] for row in book["Synthèse"].iter_rows(min_row=3, values_only=True)}
    assert summary["Passages (visites)"] == 5 and summary["Personnes distinctes"] == 2
    # Dates are real dates, shown dd/mm/yyyy (Excel sorts and filters them as dates).
    assert summary["Période"] == "octobre 2026" and summary["Du"] == datetime(2026, 10, 1)
    assert book["Synthèse"]["B4"].number_format == "DD/MM/YYYY"
    days = book["Passages par jour"]
    assert days.freeze_panes == "A2"
    assert [c.value for c in days[1]] == ["Jour", "Passages"]
    assert days.cell(row=2, column=1).value == datetime(2026, 10, 1)
    assert days.cell(row=2, column=1).number_format == "DD/MM/YYYY"
    total_row = [c.value for c in days[days.max_row]]
    assert total_row == ["Total", 5]
    assert days.column_dimensions["A"].width >= 10
    communes = [
        row[0] for row in book["Personnes par commune"].iter_rows(min_row=2, values_only=True)
    ]
    assert "Denain" in communes
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.value
                assert "Benali" not in str(cell.value) and "HYPERLINK" not in str(cell.value)


def test_a_hostile_commune_never_becomes_a_formula(database, month, tmp_path):
    people, visits = VisitorService(database, ADMIN), VisitService(database, ADMIN)
    bad = people.create(
        VisitorInput("Eve", None, 1985, None, None, "=1+1", (), True, commune_outside=True)
    )
    visits.log_visit(
        VisitInput(month["main"], "sur-place", paris(2026, 10, 12, 10, 0), visitor_id=bad.id)
    )
    path = write_xlsx(compute(database, ADMIN, OCTOBER), tmp_path / "x.xlsx")
    communes = [
        r[0]
        for r in openpyxl.load_workbook(path)["Personnes par commune"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    assert "'=1+1" in communes
    assert all(neutralise(v) == "'" + v for v in ("=A1", "+1", "-2", "@SUM", "\tx", "\rx", "\nx"))


def test_the_csv_for_french_excel(database, month, tmp_path):
    report = compute(database, ADMIN, OCTOBER)
    files = csv_files(report)
    days = files["01-jours.csv"]
    assert days.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(days.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Jour", "Passages"] and rows[1] == ["01/10/2026", "1"]
    assert rows[-1] == ["Total", "5"]
    archive = write_csv(report, tmp_path / "octobre.zip")
    with zipfile.ZipFile(archive) as opened:
        assert "00-synthese.csv" in opened.namelist()
        summary = opened.read("00-synthese.csv").decode("utf-8-sig")
    assert "Passages (visites);5" in summary


@pytest.mark.parametrize("text", ["2026-13", "octobre", "", "2026-1-1", "1999-05"])
def test_bad_months_are_refused_in_french(text):
    with pytest.raises(UserFacingError, match="Mois invalide"):
        Period.parse_month(text)


def test_every_sheet_of_the_xlsx_matches_the_report(database, month, tmp_path):
    from acsrv_desktop.core.attendance.figures import anonymised_detail

    report = compute(database, ADMIN, OCTOBER)
    detail = anonymised_detail(database, ADMIN, OCTOBER)
    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "o.xlsx", detail))
    assert book.sheetnames == ["Synthèse"] + [sheet_name(b) for b in report.breakdowns] + [
        "Détail anonymisé"
    ]
    for breakdown in report.breakdowns:
        sheet = book[sheet_name(breakdown)]
        values = list(sheet.iter_rows(values_only=True))
        assert values[0] == breakdown.columns and sheet.freeze_panes == "A2"
        count = len(breakdown.rows)

        def as_read(row: tuple) -> tuple:  # an empty text is an empty cell once re-read
            return tuple(None if value == "" else value for value in row)

        assert [row[1:] for row in values[1 : 1 + count]] == [
            as_read(row[1:]) for row in breakdown.rows
        ]
        if breakdown.total:  # every column of whole numbers summed, no other
            sums = [
                sum(column) if all(type(v) is int for v in column) else None
                for column in list(zip(*breakdown.rows, strict=True))[1:]
            ]
            assert values[1 + count] == ("Total", *sums)
        if breakdown.note:
            assert values[-1][0] == breakdown.note
    rows = list(book["Détail anonymisé"].iter_rows(values_only=True))
    assert len(rows) == 1 + report.visits
    assert [r[-1] for r in rows[1:]].count("oui") == report.anonymous_visits
    flat = " ".join(str(v) for r in rows for v in r)
    assert "Amina" not in flat and "Benali" not in flat and "Théo" not in flat


@pytest.mark.parametrize(
    ("stored", "caf"),
    [
        ("30-54", "26–59 ans"),  # every age of 30–54 is one of 26–59
        ("18-29", "non précisé"),  # 12–25 or 26–59: cannot tell
        ("0-17", "non précisé"),
        ("55+", "non précisé"),
    ],
)
def test_a_person_known_only_by_a_bracket_counts_in_the_caf_bracket_holding_it(
    database, stored, caf
):
    from acsrv_desktop.core.attendance.figures import FSE_LABELS

    centre = CentreService(database).centres()[0].id
    person = VisitorService(database, ADMIN).create(VisitorInput("Lina", "Morel", None, stored))
    VisitService(database, ADMIN).log_visit(
        VisitInput(centre, "sur-place", paris(2026, 10, 5, 10, 0), visitor_id=person.id)
    )
    report = compute(database, ADMIN, OCTOBER)
    counted = {label: n for label, n in report.breakdown("ages_caf").counts().items() if n}
    assert counted == {caf: 1}
    assert {label: n for label, n in report.breakdown("ages_fse").counts().items() if n} == {
        FSE_LABELS[stored]: 1
    }
    assert "26–59" in report.breakdown("ages_caf").note


def test_long_term_unemployment_is_job_seeking_and_neet_is_for_16_to_29(database):
    """« Au chômage depuis plus d'un an » is stored with « demandeur d'emploi » (and counted so,
    for records older than the rule); « ni en emploi ni en formation » is refused outside
    16–29 ans, with a French message; parents and isolated people are counted too."""
    from acsrv_desktop.core.reception.profile import FieldErrors

    people = VisitorService(database, ADMIN)
    ali = people.create(
        VisitorInput("Ali", "Haddad", 1975, None, "homme", None, ("chomage-longue-duree", "parent"))
    )
    assert list(people.get(ali.id).situations) == [
        "chomage-longue-duree",
        "parent",
        "demandeur-emploi",
    ]
    with pytest.raises(FieldErrors, match="de 16 à 29 ans"):
        people.create(
            VisitorInput("Léon", "Roy", 1960, None, None, None, ("ni-emploi-ni-formation",))
        )
    with pytest.raises(FieldErrors, match="de 16 à 29 ans"):
        people.create(
            VisitorInput("Léa", "Roy", None, "30-54", None, None, ("ni-emploi-ni-formation",))
        )
    young = people.create(
        VisitorInput("Inès", "Roy", None, "0-17", None, None, ("ni-emploi-ni-formation", "isole"))
    )
    centre = CentreService(database).centres()[0].id
    for person in (ali, young):
        VisitService(database, ADMIN).log_visit(
            VisitInput(centre, "sur-place", paris(2026, 10, 5, 10, 0), visitor_id=person.id)
        )
    situations = compute(database, ADMIN, OCTOBER).breakdown("situations").counts()
    assert (
        situations["demandeur·euse d’emploi"] == situations["au chômage depuis plus d’un an"] == 1
    )
    assert situations["ni en emploi ni en formation"] == situations["personne isolée"] == 1
    assert (
        situations["parent"] if "parent" in situations else any("parent" in k for k in situations)
    )


def test_the_fse_employment_status_and_neet_records_older_than_the_rule(database):
    """« En emploi » is a situation of its own, refused beside « ni en emploi ni en
    formation »; the FSE+ employment status is derived from the situations; a record marked
    NEET outside 16–29 before the rule existed is counted as it is and said in the note."""
    from sqlalchemy import update

    from acsrv_desktop.core.models import Visit as VisitRow
    from acsrv_desktop.core.reception.profile import FieldErrors

    people = VisitorService(database, ADMIN)
    with pytest.raises(FieldErrors, match="ne vont pas ensemble"):
        people.create(VisitorInput("Rose", "Roy", 2004, None, None, None, ("en-emploi", NEET_CODE)))
    with pytest.raises(FieldErrors, match="ne vont pas ensemble"):
        people.create(
            VisitorInput(
                "Rose", "Roy", 2004, None, None, None, ("en-emploi", "chomage-longue-duree")
            )
        )
    worker = people.create(VisitorInput("Paul", "Roy", 1980, None, "homme", None, ("en-emploi",)))
    seeker = people.create(
        VisitorInput("Lina", "Roy", 1990, None, "femme", None, ("chomage-longue-duree",))
    )
    young = people.create(VisitorInput("Noé", "Roy", 2005, None, None, None, (NEET_CODE,)))
    unknown = people.create(VisitorInput("Zoé", "Roy", 1970, None, None, None, ()))
    centre = CentreService(database).centres()[0].id
    for person in (worker, seeker, young, unknown):
        VisitService(database, ADMIN).log_visit(
            VisitInput(centre, "sur-place", paris(2026, 10, 6, 10, 0), visitor_id=person.id)
        )
    with database.write() as session:  # as an old record was: NEET at 56, before the rule
        session.execute(
            update(VisitRow).where(VisitRow.visitor_id == unknown.id).values(situations=[NEET_CODE])
        )
    report = compute(database, ADMIN, OCTOBER)
    status = report.breakdown("statut_emploi_fse").counts()
    assert status == {
        "chômeurs, y compris de longue durée": 1,
        "inactifs (ni en emploi ni en formation, sans recherche d’emploi notée)": 2,
        "en emploi, y compris indépendants": 1,
        "non précisé": 0,
    }
    situations = report.breakdown("situations")
    assert situations.counts()["en emploi (salarié·e ou indépendant·e)"] == 1
    assert (
        "1 personne(s) notée(s) « ni en emploi ni en formation » alors que leur âge est hors "
        "de 16–29 ans" in situations.note
    )


NEET_CODE = "ni-emploi-ni-formation"


def test_new_people_month_by_month_add_up_for_one_centre(database):
    """Someone who first came to another centre in January and to this one in February is new
    here over the quarter, and new here in February: the months add up to the quarter."""
    centres = CentreService(database).centres()
    here, elsewhere = centres[0].id, centres[1].id
    person = VisitorService(database, ADMIN).create(
        VisitorInput("Nora", "Saidi", 1985, None, "femme", None, ())
    )
    visits = VisitService(database, ADMIN)
    visits.log_visit(
        VisitInput(elsewhere, "sur-place", paris(2026, 1, 20, 10, 0), visitor_id=person.id)
    )
    visits.log_visit(VisitInput(here, "sur-place", paris(2026, 2, 3, 10, 0), visitor_id=person.id))
    visits.log_visit(VisitInput(here, "sur-place", paris(2026, 3, 3, 10, 0), visitor_id=person.id))
    for centre_id, expected in ((here, [0, 1, 0]), (None, [1, 0, 0])):
        report = compute(database, ADMIN, Period.quarter(2026, 1), centre_id)
        assert report.new_people == 1
        assert [row[3] for row in report.breakdown("mois").rows] == expected


def test_of_two_visits_at_the_same_instant_the_last_saved_describes_the_person(database):
    """The figures read each person's latest visit of the period, grouped by the database;
    two visits at the very same instant (two desks, or a time typed by hand) are told apart
    by the order they were saved, the same on SQLite and PostgreSQL."""
    centre = CentreService(database).centres()[0].id
    people, visits = VisitorService(database, ADMIN), VisitService(database, ADMIN)
    ines = VisitorInput("Inès", "Roux", 1990, None, "femme", "Denain", (), True)
    who = people.create(ines)
    at = paris(2026, 10, 12, 10, 0)
    visits.log_visit(VisitInput(centre, "sur-place", at, visitor_id=who.id))
    moved = VisitorInput("Inès", "Roux", 1990, None, "femme", "Marly", ("rsa",), True)
    visits.log_visit(VisitInput(centre, "telephone", at, visitor_id=who.id, visitor=moved))
    report = compute(database, ADMIN, OCTOBER)
    assert (report.visits, report.people, report.new_people) == (2, 1, 1)
    assert report.breakdown("communes").counts() == {"Marly": 1}
    assert report.breakdown("situations").counts()["allocataire du RSA"] == 1
    assert report.breakdown("frequence").counts()["2 à 3 passages"] == 1


def test_days_are_paris_days_whatever_the_server_session_time_zone(database, owner_database, month):
    """The figures group visits by UTC hour on the server: a session in a time zone half an
    hour off (a psql user's setting, a server's default) must not move a visit of 00:00 in
    Paris to the day before."""
    if database.is_sqlite:
        pytest.skip("PostgreSQL's session time zone")
    elsewhere = Database(owner_database.url)

    def half_an_hour_off(connection: Any, _record: Any) -> None:
        connection.execute("SET timezone TO 'Asia/Kolkata'")
        connection.commit()  # a SET is undone by the rollback of its transaction

    event.listen(elsewhere.engine, "connect", half_an_hour_off)
    try:
        shifted = compute(elsewhere, ADMIN, OCTOBER)
        with elsewhere.read() as session:  # still, after the figures' sessions
            assert session.execute(text("SHOW timezone")).scalar() == "Asia/Kolkata"
    finally:
        elsewhere.dispose()
    expected = compute(database, ADMIN, OCTOBER)
    assert shifted.breakdown("jours").rows == expected.breakdown("jours").rows
    assert shifted.breakdown("jours").counts()[date(2026, 10, 1)] == 1  # the visit at 00:00


def test_a_visit_saved_while_the_figures_are_counted_is_in_none_of_them(
    database, month, monkeypatch
):
    """The report's statements read one snapshot: a desk saving a visit between two of them
    (here, between the visits' tallies and the people) changes no figure of this report, so
    the days, the total and the people always agree."""
    from acsrv_desktop.core.attendance import figures

    tallies = figures._tallies
    visits = VisitService(database, ADMIN)
    newcomer = VisitorService(database, ADMIN).create(
        VisitorInput("Nora", "Lenoir", 1985, None, "femme", "Anzin", (), True)
    )

    def tallies_then_a_save(*args: Any, **kwargs: Any) -> Any:
        counted = tallies(*args, **kwargs)
        at = paris(2026, 10, 16, 11, 0)
        visits.log_visit(VisitInput(month["main"], "sur-place", at, visitor_id=newcomer.id))
        return counted

    monkeypatch.setattr(figures, "_tallies", tallies_then_a_save)
    report = compute(database, ADMIN, OCTOBER)
    assert (report.visits, report.people, report.new_people) == (5, 2, 1)
    assert sum(count for _, count in report.breakdown("jours").rows) == 5
    monkeypatch.setattr(figures, "_tallies", tallies)
    again = compute(database, ADMIN, OCTOBER)  # counted next time
    assert (again.visits, again.people, again.new_people) == (6, 3, 2)
