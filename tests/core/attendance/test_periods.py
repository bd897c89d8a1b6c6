"""Periods (month, quarter, year, any days), their comparisons, and the figures of each
recounted from the database in plain SQL — none of the application's code between."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import text

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.figures import Period, compute, evolution
from acsrv_desktop.core.demo import generate
from acsrv_desktop.core.errors import UserFacingError

ADMIN = Actor.system("tests")


def test_the_presets_and_what_they_are_called():
    assert Period.quarter(2026, 1) == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert Period.quarter(2026, 4).describe() == "4e trimestre 2026"
    assert Period.parse_quarter("2026-T1").describe() == "1er trimestre 2026"
    assert Period.parse_year("2025") == Period(date(2025, 1, 1), date(2025, 12, 31))
    assert Period.year(2025).describe() == "année 2025"
    assert Period.month(2024, 2).describe() == "février 2024"
    assert Period(date(2026, 1, 5), date(2026, 2, 3)).describe() == "du 05/01/2026 au 03/02/2026"
    assert [m.describe() for m in Period(date(2026, 1, 15), date(2026, 3, 2)).months()] == [
        "du 15/01/2026 au 31/01/2026",
        "février 2026",
        "du 01/03/2026 au 02/03/2026",
    ]


def test_each_period_is_compared_with_the_one_before_and_a_year_before():
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert Period.month(2026, 3).year_before() == Period.month(2025, 3)
    assert Period.quarter(2026, 1).previous() == Period.quarter(2025, 4)
    assert Period.year(2026).previous() == Period.year(2025)
    assert Period.month(2024, 2).year_before() == Period.month(2023, 2)  # 28 days, not 29
    # A semester, or any whole months: as many months before, and the same months a year before.
    first_half = Period(date(2026, 1, 1), date(2026, 6, 30))
    assert first_half.previous() == Period(date(2025, 7, 1), date(2025, 12, 31))
    assert first_half.year_before() == Period(date(2025, 1, 1), date(2025, 6, 30))
    two_years = Period(date(2024, 1, 1), date(2025, 12, 31))
    assert two_years.previous() == Period(date(2022, 1, 1), date(2023, 12, 31))
    assert (first_half.file_name(), Period.quarter(2026, 1).file_name()) == (
        "2026-01-01_2026-06-30",
        "2026-T1",
    )
    free = Period(date(2026, 3, 10), date(2026, 3, 19))
    assert free.previous() == Period(date(2026, 2, 28), date(2026, 3, 9))  # as many days
    assert Period(date(2024, 2, 29), date(2024, 3, 1)).year_before() == Period(
        date(2023, 2, 28), date(2023, 3, 1)
    )
    assert evolution(110, 100) == "hausse de 10 %"
    assert evolution(50, 100) == "baisse de 50 %"
    assert evolution(100, 100) == "stable" and evolution(0, 0) == "—"


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (Period.parse_quarter, "2026-T5", "Trimestre invalide"),
        (Period.parse_quarter, "2026-Q1", "AAAA-T1"),
        (Period.parse_year, "26", "AAAA"),
        (Period.parse_year, "1999", "Année invalide"),
        (Period.parse_day, "03/11/2026", "AAAA-MM-JJ"),
        (Period.parse_day, "2026-02-30", "Date invalide"),
    ],
)
def test_bad_periods_are_refused_in_french(parse, value, message):
    with pytest.raises(UserFacingError, match=message):
        parse(value)


def test_impossible_ranges_are_refused_in_french():
    with pytest.raises(UserFacingError, match="est avant le premier"):
        Period(date(2026, 3, 2), date(2026, 3, 1))
    with pytest.raises(UserFacingError, match="dix ans"):
        Period(date(2000, 1, 1), date(2026, 1, 1))


# -- the recount ----------------------------------------------------------------------------


def _instant(dialect: str, moment: datetime) -> Any:
    """A bound instant as each database stores it (SQLite: naive UTC text)."""
    if dialect == "sqlite":
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return moment


# The UTC instants of a few periods, written by hand (not by the application's clock code):
# March 2026 starts at 23:00 UTC (winter time) and ends at 22:00 UTC (summer time).
HAND_BOUNDS = {
    Period.month(2026, 3): (
        datetime(2026, 2, 28, 23, tzinfo=UTC),
        datetime(2026, 3, 31, 22, tzinfo=UTC),
    ),
    Period.month(2025, 10): (
        datetime(2025, 9, 30, 22, tzinfo=UTC),
        datetime(2025, 10, 31, 23, tzinfo=UTC),
    ),
    Period.month(2026, 10): (
        datetime(2026, 9, 30, 22, tzinfo=UTC),
        datetime(2026, 10, 31, 23, tzinfo=UTC),
    ),
}


def _recount(db, period: Period) -> dict[str, Any]:
    start, end = HAND_BOUNDS.get(period) or period.bounds()
    where = "v.occurred_at >= :s AND v.occurred_at < :e AND v.cancelled_at IS NULL"
    with db.engine.connect() as connection:
        bounds = {
            "s": _instant(connection.dialect.name, start),
            "e": _instant(connection.dialect.name, end),
        }

        def one(sql: str) -> Any:
            return connection.execute(text(sql), bounds).scalar_one()

        people_latest = connection.execute(
            text(
                "SELECT gender FROM (SELECT v.gender, ROW_NUMBER() OVER (PARTITION BY "
                "v.person_key ORDER BY v.occurred_at DESC, v.id DESC) AS n FROM visit v "
                f"WHERE {where} AND v.person_key IS NOT NULL) AS latest WHERE n = 1"
            ),
            bounds,
        ).scalars()
        frequency = connection.execute(
            text(
                "SELECT times, count(*) FROM (SELECT v.person_key, count(*) AS times FROM "
                f"visit v WHERE {where} AND v.person_key IS NOT NULL GROUP BY v.person_key) "
                "AS each_person GROUP BY times"
            ),
            bounds,
        ).all()
        communes = connection.execute(
            text(
                "SELECT commune, count(*) FROM (SELECT v.commune, ROW_NUMBER() OVER (PARTITION "
                "BY v.person_key ORDER BY v.occurred_at DESC, v.id DESC) AS n FROM visit v "
                f"WHERE {where} AND v.person_key IS NOT NULL) AS latest WHERE n = 1 "
                "GROUP BY commune"
            ),
            bounds,
        ).all()
        return {
            "communes": {commune or "non précisé": count for commune, count in communes},
            "visits": one(f"SELECT count(*) FROM visit v WHERE {where}"),
            "people": one(f"SELECT count(DISTINCT v.person_key) FROM visit v WHERE {where}"),
            "anonymous": one(
                f"SELECT count(*) FROM visit v WHERE {where} AND v.person_key IS NULL"
            ),
            "new": one(
                "SELECT count(DISTINCT v.person_key) FROM visit v WHERE "
                f"{where} AND v.person_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM visit w "
                "WHERE w.person_key = v.person_key AND w.cancelled_at IS NULL "
                "AND w.occurred_at < :s)"
            ),
            "referrals": one(
                "SELECT count(*) FROM referral r JOIN visit v ON v.id = r.visit_id "
                f"JOIN programme p ON p.id = r.programme_id WHERE {where}"
            ),
            "genders": Counter(people_latest),
            "frequency": dict(frequency),
        }


@pytest.mark.parametrize(
    "period",
    [
        Period.month(2026, 10),
        Period.month(2026, 3),  # the spring daylight-saving night
        Period.month(2025, 10),  # the autumn one, with its hour twice
        Period.quarter(2026, 3),
        Period.year(2025),
        Period(date(2026, 2, 27), date(2026, 3, 2)),  # chosen days across a month's end
    ],
    ids=["mois", "mois-heure-d-ete", "mois-heure-d-hiver", "trimestre", "annee", "jours"],
)
def test_month_quarter_and_year_match_a_plain_sql_recount(database, owner_database, period):
    generate(
        owner_database,
        visits=6000,
        visitors=900,
        centres=3,
        seed=5,
        years=2,
        until=date(2026, 11, 30),
    )
    report = compute(database, ADMIN, period)
    counted = _recount(database, period)
    assert counted["visits"] > 10  # the generated data reaches into the period
    assert (
        report.visits,
        report.people,
        report.anonymous_visits,
        report.new_people,
        report.referrals,
    ) == (
        counted["visits"],
        counted["people"],
        counted["anonymous"],
        counted["new"],
        counted["referrals"],
    )
    by_gender = report.breakdown("ages_fse")
    sums = [sum(column) for column in list(zip(*by_gender.rows, strict=True))[1:]]
    genders = counted["genders"]
    assert sums == [
        genders["femme"],
        genders["homme"],
        genders["autre"],
        genders[None],
        counted["people"],
    ]
    assert report.breakdown("communes").counts() == counted["communes"]  # as at the latest visit
    frequency = report.breakdown("frequence").counts()
    times = counted["frequency"]
    assert frequency == {
        "1 passage": times.get(1, 0),
        "2 à 3 passages": times.get(2, 0) + times.get(3, 0),
        "4 passages et plus": sum(n for k, n in times.items() if k >= 4),
    }
    # The comparisons: the same counts over the other periods, recounted too.
    for comparison in report.comparisons:
        again = _recount(database, comparison.period)
        assert (
            comparison.counts.visits,
            comparison.counts.people,
            comparison.counts.new_people,
        ) == (
            again["visits"],
            again["people"],
            again["new"],
        )
    if len(period.months()) > 1:
        months = report.breakdown("mois").rows
        assert sum(row[1] for row in months) == report.visits
        for month, row in zip(period.months(), months, strict=True):
            again = _recount(database, month)
            assert row[1:] == (again["visits"], again["people"], again["new"])


def test_a_running_period_is_compared_on_the_days_passed(database):
    """This year so far against the same days of last year, not against a whole year (which
    is also « the period before »: said once)."""
    from acsrv_desktop.core.clock import paris_today

    today = paris_today()
    this_year = compute(database, ADMIN, Period.year(today.year))
    [compared] = this_year.comparisons
    assert compared.period.start == date(today.year - 1, 1, 1)
    assert (compared.period.end - compared.period.start) == (today - date(today.year, 1, 1))
    last_month = Period.month(2026, 10)
    assert [c.period for c in compute(database, ADMIN, last_month).comparisons] == [
        Period.month(2026, 9),
        Period.month(2025, 10),
    ]
