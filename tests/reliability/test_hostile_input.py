"""Property-based hostile input: emoji, right-to-left scripts, NUL, 100,000 characters, SQL and
formula fragments, impossible dates. Each one gets a clear French error with nothing written, or
is kept exactly (as the app normalises it: spaces collapsed in names)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from hostile import HOSTILE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from acsrv_desktop.cli.main import run
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.catalogue.datainclusion import export_json, import_json
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import AuditEntry, Visit, Visitor
from acsrv_desktop.core.reception.profile import VisitorInput, validate_visitor
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService

ADMIN = Actor.system("tests")
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _catalogue(db) -> str:
    """The catalogue as exported, without the export's own time stamps."""
    text = export_json(CatalogueService(db, ADMIN))
    return re.sub(r'"date_maj": "[^"]*"', "", text)


def _french(error: Exception) -> None:
    message = str(error)
    assert message and len(message) < 400 and any(c.isalpha() for c in message)


@SETTINGS
@given(first=texts, last=st.one_of(st.none(), texts), commune=st.one_of(st.none(), texts))
def test_visitor_records(database, first, last, commune):
    people = VisitorService(database, ADMIN)
    data = VisitorInput(first, last, 1980, commune=commune, commune_outside=True)
    before = _count(database, Visitor)
    try:
        created = people.create(data)
    except UserFacingError as error:
        _french(error)
        assert _count(database, Visitor) == before
        return
    expected = validate_visitor(data, datetime.now(UTC).date())
    again = people.get(created.id)
    assert (again.first_name, again.last_name) == (expected.first_name, expected.last_name)


@SETTINGS
@given(
    note=st.one_of(st.none(), texts),
    need=st.one_of(st.sampled_from(["numerique", "emploi", "", "'; --"]), texts),
    first=texts,
    when=st.datetimes(
        min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ),
)
def test_visits(database, note, need, first, when):
    centre = CentreService(database).centres()[0].id
    visits = VisitService(database, ADMIN)
    data = VisitInput(centre, "sur-place", when, (need,), note, visitor=VisitorInput(first))
    counts = [_count(database, m) for m in (Visit, Visitor, AuditEntry)]
    try:
        visit_id = visits.log_visit(data)
    except UserFacingError as error:
        _french(error)
        assert [_count(database, m) for m in (Visit, Visitor, AuditEntry)] == counts
        return
    with database.read() as session:
        saved = session.get(Visit, visit_id)
        assert saved.note == (note.strip() or None if note is not None else None)
        assert abs(saved.occurred_at - when) < timedelta(seconds=1)


@SETTINGS
@given(
    payload=st.one_of(
        texts,
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), texts),
            lambda inner: st.one_of(
                st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)
            ),
            max_leaves=12,
        ).map(lambda value: json.dumps({"services": [value], "structures": []})),
    )
)
def test_catalogue_import_is_all_or_nothing(database, payload):
    catalogue = CatalogueService(database, ADMIN)
    before = _catalogue(database)
    try:
        import_json(catalogue, payload)
    except UserFacingError as error:
        _french(error)
        assert _catalogue(database) == before


@SETTINGS
@given(text=texts, age=st.integers(min_value=-(10**9), max_value=10**9).map(str) | texts)
def test_command_line_never_crashes(text, age, capsys, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.getbasetemp() / 'cli-hostile.sqlite3'}"
    for argv in (
        ["--db", url, "search", text],
        ["--db", url, "route", "--age", age, "--commune", text, "--need", text],
        [
            "--db",
            url,
            "export",
            "--month",
            text,
            "--format",
            "csv",
            "--output",
            "/nonexistent/x.zip",
        ],
    ):
        try:
            code = run(argv)
        except SystemExit as exit_:  # argparse's refusal: one French line, exit code 2
            code = exit_.code
        assert code in (0, 1, 2)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
