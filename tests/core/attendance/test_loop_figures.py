"""Issue 17: the figures of the referral loop, per programme and period — recounted in plain
SQL, and the same in the report, the re-opened XLSX and the CSV, on both backends."""

from __future__ import annotations

import csv
import io
import statistics
import zipfile
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import text

from acsrv_desktop.core.attendance import figures
from acsrv_desktop.core.attendance.exports import write_csv, write_xlsx
from acsrv_desktop.core.attendance.figures import Period, compute
from acsrv_desktop.core.attendance.loop_figures import LOOP_COLUMNS, REASON_COLUMNS
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

OCTOBER = Period.month(2026, 10)
NOW = datetime(2026, 11, 10, 12, 0, tzinfo=UTC)  # when the report is counted
CC, FORUM = "court-circuit", "forum-citoyen"


def _at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 10, day, hour, tzinfo=PARIS)


# (programme, visit's day, status, refusal reason, referral made, first answer)
REFERRALS = [
    (CC, 1, "acceptee", None, _at(1), _at(3)),  # 2 days
    (CC, 2, "terminee", None, _at(2), _at(3)),  # 1 day
    (CC, 2, "refusee", "non-joignable", _at(2), _at(6)),  # 4 days
    (CC, 3, "refusee", "non-eligible", _at(3), _at(3, 22)),  # half a day
    (CC, 5, "proposee", None, _at(5), None),  # expired on 10/11
    (CC, 6, "contact-pris", None, _at(6), _at(7)),  # answered, still open: expired
    (FORUM, 20, "proposee", None, _at(20), None),  # 21 days: waiting
    (FORUM, 21, "refusee", "non-joignable", _at(21), _at(24)),  # 3 days
]


@pytest.fixture
def loop_month(database, database_actor, owner_database):
    """October's referrals of one centre with known answers, plus what must not count: a
    cancelled visit's, another centre's, September's."""
    centres = CentreService(database).centres()
    main, other = centres[0].id, centres[1].id
    visits = VisitService(database, database_actor)
    made: list[tuple[int, tuple]] = []
    for row in REFERRALS:
        programme, day = row[0], row[1]
        visit = visits.log_visit(
            VisitInput(main, "sur-place", _at(day), time_set_by_hand=True, programmes=(programme,))
        )
        made.append((visit, row))
    cancelled = visits.log_visit(
        VisitInput(main, "sur-place", _at(8), time_set_by_hand=True, programmes=(CC,))
    )
    visits.cancel(cancelled)
    visits.log_visit(
        VisitInput(other, "sur-place", _at(9), time_set_by_hand=True, programmes=(CC,))
    )
    visits.log_visit(
        VisitInput(
            main,
            "sur-place",
            datetime(2026, 9, 30, 10, tzinfo=PARIS),
            time_set_by_hand=True,
            programmes=(CC,),
        )
    )

    def stored(moment: datetime | None) -> object:
        if moment is None:
            return None
        utc = moment.astimezone(UTC)
        return utc.replace(tzinfo=None) if owner_database.is_sqlite else utc

    with owner_database.write() as session:  # as the answers came, in October
        for visit, (_p, _d, status, reason, created, handled) in made:
            session.execute(
                text(
                    "UPDATE referral SET status = :s, refusal_reason = :r, created_at = :c, "
                    "handled_at = :h, status_changed_at = :c WHERE visit_id = :v"
                ),
                {"s": status, "r": reason, "c": stored(created), "h": stored(handled), "v": visit},
            )
        session.execute(  # the others were made at their visit too
            text(
                "UPDATE referral SET created_at = :c, status_changed_at = :c "
                "WHERE visit_id NOT IN (" + ",".join(str(v) for v, _ in made) + ")"
            ),
            {"c": stored(_at(9))},
        )
    return main


# The figures, counted again with plain SQL (no application code): referrals of the
# period's visits that are not cancelled, at the centre.
PLAIN_COUNTS = """
SELECT p.name,
       count(*) AS sent,
       sum(CASE WHEN r.handled_at IS NOT NULL THEN 1 ELSE 0 END) AS answered,
       sum(CASE WHEN r.status IN ('acceptee', 'terminee') THEN 1 ELSE 0 END) AS accepted,
       sum(CASE WHEN r.status = 'refusee' THEN 1 ELSE 0 END) AS refused,
       sum(CASE WHEN r.status IN ('proposee', 'contact-pris') AND r.created_at < :expiry
                THEN 1 ELSE 0 END) AS expired
  FROM referral r
  JOIN visit v ON v.id = r.visit_id
  JOIN programme p ON p.id = r.programme_id
 WHERE v.occurred_at >= :start AND v.occurred_at < :end AND v.cancelled_at IS NULL
   AND v.centre_id = :centre
 GROUP BY p.name
"""
PLAIN_REASONS = """
SELECT p.name, r.refusal_reason, count(*)
  FROM referral r JOIN visit v ON v.id = r.visit_id JOIN programme p ON p.id = r.programme_id
 WHERE v.occurred_at >= :start AND v.occurred_at < :end AND v.cancelled_at IS NULL
   AND v.centre_id = :centre AND r.status = 'refusee'
 GROUP BY p.name, r.refusal_reason
"""
PLAIN_DELAYS = {
    "sqlite": "(julianday(r.handled_at) - julianday(r.created_at))",
    "postgresql": "(extract(epoch FROM r.handled_at - r.created_at) / 86400)",
}


def _plain_sql(db, centre: int) -> tuple[dict, dict, dict]:
    start, end = OCTOBER.bounds()
    params = {"start": start, "end": end, "centre": centre, "expiry": NOW - timedelta(days=30)}
    if db.is_sqlite:
        params = {
            k: v.replace(tzinfo=None) if isinstance(v, datetime) else v for k, v in params.items()
        }
    backend = "sqlite" if db.is_sqlite else "postgresql"
    with db.read() as session:
        counts = {
            row[0]: tuple(int(x) for x in row[1:])
            for row in session.execute(text(PLAIN_COUNTS), params)
        }
        reasons = {
            (row[0], row[1]): int(row[2]) for row in session.execute(text(PLAIN_REASONS), params)
        }
        delays: dict[str, list[float]] = {}
        for name, days in session.execute(
            text(
                f"SELECT p.name, {PLAIN_DELAYS[backend]} FROM referral r "
                "JOIN visit v ON v.id = r.visit_id JOIN programme p ON p.id = r.programme_id "
                "WHERE v.occurred_at >= :start AND v.occurred_at < :end "
                "AND v.cancelled_at IS NULL AND v.centre_id = :centre AND r.handled_at IS NOT NULL"
            ),
            params,
        ):
            delays.setdefault(name, []).append(float(days))
    return counts, reasons, delays


def test_the_loop_figures_recounted_in_plain_sql_match_the_exports(
    database, database_actor, owner_database, loop_month, monkeypatch, tmp_path
):
    monkeypatch.setattr(figures, "utc_now", lambda: NOW)
    report = compute(database, database_actor, OCTOBER, loop_month)
    loop = report.breakdown("orientations_suivi")
    assert loop.columns == LOOP_COLUMNS
    with owner_database.read() as session:
        name_of = dict(session.execute(text("SELECT id, name FROM programme")).all())
    cc, forum = name_of[CC], name_of[FORUM]
    assert loop.rows == [
        (cc, 6, 5, 2, 2, 2, 0, 1.0),  # median of 2, 1, 4, 0.5, 1 days
        (forum, 2, 1, 0, 1, 0, 1, 3.0),
    ]

    counts, reasons, delays = _plain_sql(owner_database, loop_month)
    expected = [
        (
            name,
            *counts[name],
            counts[name][0] - counts[name][2] - counts[name][3] - counts[name][4],
            round(statistics.median(delays[name]), 1) if name in delays else "",
        )
        for name in counts
    ]
    assert sorted(loop.rows) == sorted(expected)
    refusals = report.breakdown("orientations_refus")
    assert refusals.columns == REASON_COLUMNS
    labels = {"non-joignable": "non joignable", "non-eligible": "non éligible"}
    assert sorted(refusals.rows) == sorted(
        (name, labels[reason], n) for (name, reason), n in reasons.items()
    )

    book = openpyxl.load_workbook(write_xlsx(report, tmp_path / "octobre.xlsx"))
    sheet = book["Suivi des orientations"]
    cells = [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=1, max_row=4)]
    assert cells[0] == LOOP_COLUMNS
    assert sorted(cells[1:3]) == sorted(expected)
    assert cells[3] == ("Total", 8, 6, 2, 3, 2, 1, None)  # no sum of medians
    assert sheet.cell(row=2, column=8).number_format == "0.0"
    reasons_sheet = book["Orientations refusées (motifs)"]
    assert reasons_sheet.cell(row=1, column=2).value == "Motif du refus"

    with zipfile.ZipFile(write_csv(report, tmp_path / "octobre.zip")) as archive:
        name = next(n for n in archive.namelist() if n.endswith("-orientations_suivi.csv"))
        content = archive.read(name).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == list(LOOP_COLUMNS)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[cc][1:] == ["6", "5", "2", "2", "2", "0", "1,0"]  # French decimals
    assert by_name[forum][7] == "3,0" and by_name["Total"][7] == ""


def test_nothing_sent_gives_empty_loop_tables(database, database_actor):
    report = compute(database, database_actor, Period.month(2026, 1))
    assert report.breakdown("orientations_suivi").rows == []
    assert report.breakdown("orientations_refus").rows == []
