"""``transfer``: a centre's local SQLite database moved into the server, all or nothing, once.

The source is made by the demo generator (50,000 visits), the server by ``server init``'s
own path (the session's template), and both are read back as the application reads them.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import _postgresql_database, _postgresql_database_url, postgresql_url_as
from sqlalchemy import create_engine, select, text

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.attendance.figures import AttendanceReport, Period, compute
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.demo import generate
from acsrv_desktop.core.models import (
    AuditEntry,
    Centre,
    Referral,
    Visit,
    Visitor,
    VisitorNameToken,
)
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService, name_tokens
from acsrv_desktop.core.schema import alembic_config
from acsrv_desktop.core.server.transfer import TRANSFER_ACTION, TransferError, transfer

VISITS = 50_000
UNTIL = date(2026, 6, 30)
MONTH = Period.month(2026, 3)
LOCAL_LOGIN = "claire.locale"
PASSWORD = "Centre-Local-2026!"
TABLES = ("centre", "visitor", "visitor_name_token", "visit", "referral", "audit_entry")


def _sqlite_file(template: Path, folder: Path, visits: int, seed: int) -> Path:
    """A local database as a centre's desk leaves it: demo visits, a local account and its
    audit entries; closed, its write-ahead log folded in."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "centre.sqlite3"
    shutil.copyfile(template, path)
    opened = open_database(f"sqlite:///{path}", backup_folder=folder / "sauvegardes")
    db = opened.db
    try:
        generate(db, visits=visits, visitors=max(1, visits // 5), seed=seed, years=2, until=UNTIL)
        actor = AccountService(db).create_first_administrator(
            LOCAL_LOGIN, "Claire Locale", PASSWORD, None
        )
        for month in (1, 2, 3):
            audit.write(db, actor, "export", periode=f"2026-0{month}")
    finally:
        db.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _figures(report: AttendanceReport) -> tuple[Any, ...]:
    """What the figures say, without when they were computed or the centre's id."""
    return (
        report.centre,
        report.key_numbers(),
        [(b.key, b.columns, b.rows) for b in report.breakdowns],
    )


def _month(db: Database, centre_name: str | None) -> tuple[Any, ...]:
    centre_id = None
    if centre_name is not None:
        with db.read() as session:
            centre_id = session.scalar(select(Centre.id).where(Centre.name == centre_name))
    return _figures(compute(db, Actor.command_line(), MONTH, centre_id))


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in TABLES
            }
    finally:
        engine.dispose()


def _server_state(url: str) -> list[tuple[Any, ...]]:
    """Every row of the tables a transfer writes, as one digest per table (made by the
    server: the 50,000 visits are not fetched)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [
                tuple(
                    connection.execute(
                        text(
                            f"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) "
                            f"FROM {t} t"
                        )
                    ).one()
                )
                for t in TABLES
            ]
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def big_source(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("transfer-big")
    return _sqlite_file(sqlite_template, folder, VISITS, seed=11)


@pytest.fixture
def small_source(sqlite_template: Path, tmp_path: Path) -> Path:
    return _sqlite_file(sqlite_template, tmp_path / "petit", 600, seed=5)


def _server_database(server_url: str | None, template: str, owner: str) -> Iterator[str]:
    assert server_url
    with _postgresql_database(server_url, template, owner=owner) as name:
        yield postgresql_url_as(_postgresql_database_url(server_url, name), owner)


@pytest.fixture
def server(
    postgresql_server_url: str | None, postgresql_owner: str, postgresql_template: str
) -> Iterator[str]:
    """A server database as ``server init`` leaves it: its owner's URL."""
    yield from _server_database(postgresql_server_url, postgresql_template, postgresql_owner)


@pytest.fixture(scope="module")
def moved(
    big_source: Path,
    postgresql_server_url: str | None,
    postgresql_owner: str,
    postgresql_template: str,
) -> Iterator[dict[str, Any]]:
    """The 50,000 visits moved once into a new server database; what was measured."""
    source = Database(f"sqlite:///{big_source}")
    try:
        centre = _busiest_centre(source)
        before = {"all": _month(source, None), "centre": _month(source, centre)}
    finally:
        source.dispose()
    digest = _digest(big_source)
    for url in _server_database(postgresql_server_url, postgresql_template, postgresql_owner):
        started = time.perf_counter()
        report = transfer(f"sqlite:///{big_source}", url)
        seconds = time.perf_counter() - started
        print(f"\n{VISITS} passages transférés en {seconds:.1f} s ({report.seconds:.1f} s)")
        yield {
            "url": url,
            "report": report,
            "seconds": seconds,
            "before": before,
            "centre": centre,
            "digest": digest,
        }


def _busiest_centre(db: Database) -> str:
    with db.read() as session:
        return session.execute(
            select(Centre.name)
            .join(Visit, Visit.centre_id == Centre.id)
            .group_by(Centre.name)
            .order_by(text("count(*) DESC"))
            .limit(1)
        ).scalar_one()


def _source_rows(path: Path, model: Any) -> list[Any]:
    """The rows of a local table, typed as the application reads them (Core rows: quicker
    than objects for 50,000 visits)."""
    db = Database(f"sqlite:///{path}")
    try:
        with db.read() as session:
            return list(session.execute(select(model.__table__).order_by(model.id)))
    finally:
        db.dispose()


def test_every_row_moves(moved: dict[str, Any], big_source: Path) -> None:
    report = moved["report"]
    print(f"{report.visits} passages transférés en {moved['seconds']:.1f} s")  # bench/, not here
    source = _counts_sqlite(big_source)
    server = _counts(moved["url"])
    assert report.visits == source["visit"] == server["visit"] == VISITS
    assert report.referrals == source["referral"] == server["referral"] > 0
    assert report.visitors == source["visitor"] == server["visitor"]
    assert report.tokens == server["visitor_name_token"] == source["visitor_name_token"]
    # The local entries, and the transfer's own (the template's server has none).
    assert report.audit_entries == source["audit_entry"]
    assert server["audit_entry"] == source["audit_entry"] + 1
    assert report.duplicates == 0
    assert [a.login for a in report.accounts_to_create] == [LOCAL_LOGIN]
    assert _digest(big_source) == moved["digest"], "the source file was changed"
    summary = "\n".join(report.describe("postgresql+psycopg://serveur/acsrv"))
    assert "transférés : 50 000 passages" in summary
    assert f"--login {LOCAL_LOGIN}" in summary and "--role administration" in summary


def _counts_sqlite(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        connection.close()


_VISIT_FIELDS = [c.name for c in Visit.__table__.columns if c.name not in ("id", "visitor_id")]


def test_each_visit_arrives_field_by_field(moved: dict[str, Any], big_source: Path) -> None:
    local = _source_rows(big_source, Visit)
    local_visitors = {v.id: v.person_key for v in _source_rows(big_source, Visitor)}
    local_centres = {c.id: c.name for c in _source_rows(big_source, Centre)}
    db = Database(moved["url"])
    try:
        with db.read() as session:
            server = list(session.execute(select(Visit.__table__).order_by(Visit.id)))
            centres = dict(session.execute(select(Centre.id, Centre.name)).all())
            keys = dict(session.execute(select(Visitor.id, Visitor.person_key)).all())
    finally:
        db.dispose()
    assert len(server) == len(local)
    for mine, theirs in zip(local, server, strict=True):  # ids given in the local order
        for name in _VISIT_FIELDS:
            if name == "centre_id":
                assert local_centres[mine.centre_id] == centres[theirs.centre_id]
            else:
                assert getattr(mine, name) == getattr(theirs, name), name
        mine_key = local_visitors.get(mine.visitor_id) if mine.visitor_id else None
        assert mine_key == (keys.get(theirs.visitor_id) if theirs.visitor_id else None)


_REFERRAL_FIELDS = [
    c.name for c in Referral.__table__.columns if c.name not in ("id", "visit_id", "centre_id")
]


def test_each_referral_arrives_field_by_field(moved: dict[str, Any], big_source: Path) -> None:
    local_visits = {v.id: v.occurred_at for v in _source_rows(big_source, Visit)}
    local = _source_rows(big_source, Referral)
    db = Database(moved["url"])
    try:
        with db.read() as session:
            server = list(session.execute(select(Referral.__table__).order_by(Referral.id)))
            visits = dict(session.execute(select(Visit.id, Visit.occurred_at)).all())
    finally:
        db.dispose()
    assert len(server) == len(local) > 0
    for mine, theirs in zip(local, server, strict=True):
        assert [getattr(mine, n) for n in _REFERRAL_FIELDS] == [
            getattr(theirs, n) for n in _REFERRAL_FIELDS
        ]
        assert local_visits[mine.visit_id] == visits[theirs.visit_id]


def test_people_can_be_found_by_name_on_the_server(moved: dict[str, Any], big_source: Path) -> None:
    local = _source_rows(big_source, Visitor)[:200]
    db = Database(moved["url"])
    try:
        with db.read() as session:
            by_key = {
                v.person_key: v
                for v in session.scalars(
                    select(Visitor).where(Visitor.person_key.in_([v.person_key for v in local]))
                )
            }
            tokens: dict[int, set[str]] = {}
            for visitor_id, token in session.execute(
                select(VisitorNameToken.visitor_id, VisitorNameToken.token)
            ):
                tokens.setdefault(visitor_id, set()).add(token)
        for mine in local:
            theirs = by_key[mine.person_key]
            for name in ("first_name", "last_name", "birth_year", "search_name", "situations"):
                assert getattr(mine, name) == getattr(theirs, name), name
            assert tokens[theirs.id] == name_tokens(mine.first_name, mine.last_name)
        someone = local[0]
        found = VisitorService(db, Actor.command_line()).lookup(
            f"{someone.first_name} {someone.last_name}"
        )
        assert someone.person_key in {v.person_key for v in found}
    finally:
        db.dispose()


def test_the_figures_of_a_month_are_the_same(moved: dict[str, Any]) -> None:
    db = Database(moved["url"])
    try:
        assert _month(db, None) == moved["before"]["all"]
        assert _month(db, moved["centre"]) == moved["before"]["centre"]
    finally:
        db.dispose()
    assert moved["before"]["all"][1][0][1] > 1000  # a month with visits, not two empty ones


def _workbook_values(db: Database, period: Period, path: Path) -> dict[str, list[tuple]]:
    """Every sheet of the period's workbook, cell by cell, but the time it was made."""
    import openpyxl

    from acsrv_desktop.core.attendance.exports import write_xlsx

    write_xlsx(compute(db, Actor.command_line(), period), path)
    book = openpyxl.load_workbook(path)
    return {
        name: [
            row
            for row in book[name].iter_rows(values_only=True)
            if row and row[0] not in ("Généré le",)
        ]
        for name in book.sheetnames
    }


def test_both_databases_give_the_same_workbook(
    moved: dict[str, Any], big_source: Path, tmp_path: Path
) -> None:
    """A quarter exported from the local database and from the server it moved to: the same
    workbook, sheet by sheet and cell by cell (dates, counts, notes)."""
    quarter = Period.quarter(MONTH.start.year, (MONTH.start.month + 2) // 3)
    source, server = Database(f"sqlite:///{big_source}"), Database(moved["url"])
    try:
        local = _workbook_values(source, quarter, tmp_path / "local.xlsx")
        shared = _workbook_values(server, quarter, tmp_path / "serveur.xlsx")
    finally:
        source.dispose()
        server.dispose()
    assert local == shared
    summary = {row[0]: row[1] for row in local["Synthèse"] if row[0]}
    assert len(local) > 15 and summary["Passages (visites)"] > 1000  # not two empty books


def test_audit_entries_keep_their_times(moved: dict[str, Any], big_source: Path) -> None:
    local = _source_rows(big_source, AuditEntry)
    db = Database(moved["url"])
    try:
        with db.read() as session:
            carried = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    finally:
        db.dispose()
    *entries, own = carried
    assert [(e.occurred_at, e.actor, e.action) for e in entries] == [
        (e.occurred_at, e.actor, e.action) for e in local
    ]
    assert all(e.details.get("base_locale") is True and e.account_id is None for e in entries)
    assert own.action == TRANSFER_ACTION and own.details["passages"] == VISITS


def test_a_second_run_moves_nothing(moved: dict[str, Any], big_source: Path) -> None:
    before = _server_state(moved["url"])
    report = transfer(f"sqlite:///{big_source}", moved["url"])
    assert not report.moved_anything
    assert report.previous_transfer is not None
    assert "Rien à transférer" in "\n".join(report.describe())
    assert _server_state(moved["url"]) == before


# -- smaller sources: the refusals, the failures, the namesakes -------------------------------


def _break(path: Path, sql: str) -> None:
    """Write into the local file what the application would refuse (checks and foreign keys
    off), to make the server refuse it."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


def test_an_unknown_programme_moves_nothing(small_source: Path, server: str) -> None:
    _break(small_source, "UPDATE referral SET programme_id = 'programme-inconnu' WHERE id = 1")
    before = _server_state(server)
    with pytest.raises(TransferError, match="programme-inconnu.*Rien n'a été transféré"):
        transfer(f"sqlite:///{small_source}", server)
    assert _server_state(server) == before


def test_a_failure_in_the_middle_leaves_the_server_as_it_was(
    small_source: Path, server: str
) -> None:
    # The last visit breaks a check of the server's: people and centres are written by then.
    _break(
        small_source, "UPDATE visit SET channel = 'pigeon' WHERE id = (SELECT max(id) FROM visit)"
    )
    before = _server_state(server)
    with pytest.raises(TransferError, match="refusé le transfert.*rien n'a été transféré"):
        transfer(f"sqlite:///{small_source}", server)
    assert _server_state(server) == before
    # Once mended locally, the same file moves whole.
    _break(small_source, "UPDATE visit SET channel = 'telephone' WHERE channel = 'pigeon'")
    assert transfer(f"sqlite:///{small_source}", server).visits == 600


def test_a_changed_copy_of_a_moved_database_is_refused(
    small_source: Path, server: str, tmp_path: Path
) -> None:
    transfer(f"sqlite:///{small_source}", server)
    copy = tmp_path / "copie.sqlite3"
    shutil.copyfile(small_source, copy)
    _break(copy, "DELETE FROM referral WHERE id = 1")  # its past differs from what moved
    before = _server_state(server)
    with pytest.raises(TransferError, match="déjà sur le serveur.*en double"):
        transfer(f"sqlite:///{copy}", server)
    assert _server_state(server) == before


def test_visits_logged_after_a_transfer_move_on_the_next_run(
    small_source: Path, server: str
) -> None:
    first = transfer(f"sqlite:///{small_source}", server)
    db = Database(f"sqlite:///{small_source}")
    try:
        generate(db, visits=40, visitors=10, seed=9, years=1, until=UNTIL)
    finally:
        db.dispose()
    # A visit moved the first time, cancelled locally since: said, not replayed.
    later = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    _break(
        small_source,
        f"UPDATE visit SET cancelled_at = '{later}', updated_at = '{later}' WHERE id = 1",
    )
    second = transfer(f"sqlite:///{small_source}", server)
    assert (second.visits, second.visitors, second.previous_transfer is not None) == (
        40,
        10,
        True,
    )
    assert second.changed_since == 1
    assert "modifiés sur la base locale : 1" in "\n".join(second.describe())
    assert _counts(server)["visit"] == first.visits + 40


def test_a_namesake_on_the_server_is_flagged_not_merged(small_source: Path, server: str) -> None:
    someone = next(v for v in _source_rows(small_source, Visitor) if v.birth_year)
    db = Database(server)
    try:
        visitors = VisitorService(db, Actor.command_line())
        already = visitors.create(
            VisitorInput(someone.first_name, someone.last_name, someone.birth_year)
        )
        report = transfer(f"sqlite:///{small_source}", server)
        assert report.duplicates >= 1
        group = next(g for g in visitors.duplicate_groups() if already.id in {v.id for v in g})
        assert {v.person_key for v in group} >= {already.person_key, someone.person_key}
        assert visitors.get(already.id) is not None  # both records kept
    finally:
        db.dispose()
    assert "Doublons possibles signalés" in "\n".join(report.describe())


def test_an_account_of_the_server_keeps_the_local_entries(small_source: Path, server: str) -> None:
    db = Database(server)
    try:
        AccountService(db).create_first_administrator(LOCAL_LOGIN, "Claire", PASSWORD, None)
        report = transfer(f"sqlite:///{small_source}", server)
        with db.read() as session:
            account = session.scalar(
                text("SELECT id FROM staff_account WHERE login = :l"), {"l": LOCAL_LOGIN}
            )
            ids = set(
                session.scalars(
                    select(AuditEntry.account_id).where(AuditEntry.actor == LOCAL_LOGIN)
                )
            )
    finally:
        db.dispose()
    assert report.accounts_to_create == ()
    assert ids == {account}


# -- the source: read-only, at this version's schema ------------------------------------------

SERVER = "postgresql+psycopg://proprietaire@serveur.invalid/acsrv"


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("ceci n'est pas une base\n" * 100)
    with pytest.raises(TransferError, match="pas une base de données lisible"):
        transfer(f"sqlite:///{path}", SERVER)
    empty = tmp_path / "vide.sqlite3"
    sqlite3.connect(empty).close()
    with pytest.raises(TransferError, match="pas une base de l'application"):
        transfer(f"sqlite:///{empty}", SERVER)
    with pytest.raises(TransferError, match="n'existe pas"):
        transfer(f"sqlite:///{tmp_path / 'absente.sqlite3'}", SERVER)
    with pytest.raises(TransferError, match="--from attend"):
        transfer(SERVER, SERVER)


def test_an_older_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "ancienne.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0012")
    engine.dispose()
    digest = _digest(path)
    with pytest.raises(TransferError, match="plus ancienne.*Ouvrez-la une fois"):
        transfer(f"sqlite:///{path}", SERVER)
    assert _digest(path) == digest
    assert not path.with_name(path.name + "-wal").exists()


def test_a_newer_schema_is_refused(small_source: Path) -> None:
    _break(small_source, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(TransferError, match="plus récente"):
        transfer(f"sqlite:///{small_source}", SERVER)
