"""No personal data in the log or in the unexpected-error dialog, whatever fails.

A visit for « Zéphyrine Quarteron » with the note « dette EDF 4321 » fails three ways: the
database stays locked by another workstation past the timeout, the database refuses a change
(an integrity error, its statement's parameters holding the name and the note), and a defect
raises an exception whose message quotes the row being saved. Each failure goes the way the
application reports it — the log file written by ``configure_logging``, the background
helper's ``failure_text``, the crash dialog of ``UnexpectedErrorReporter`` rendered offscreen —
and none of those texts may hold the name, the note or the person's key.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import STAFF_PASSWORD
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QTextEdit
from sqlalchemy import event, text

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import Visit
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.gui import errors
from acsrv_desktop.gui.tasks import failure_text, run_in_background
from acsrv_desktop.logging_setup import configure_logging

FIRST_NAME, LAST_NAME, NOTE = "Zéphyrine", "Quarteron", "dette EDF 4321"


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The application's log, as a start sets it up, in a folder of this test's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    root = logging.getLogger()
    kept, level = root.handlers[:], root.level
    root.handlers = [h for h in kept if not getattr(h, "_acsrv", False)]
    path = configure_logging()
    assert path is not None
    yield path
    for handler in root.handlers:
        if handler not in kept:
            handler.close()
    root.handlers, root.level = kept, level


@pytest.fixture
def dialogs(qtbot: Any, monkeypatch: pytest.MonkeyPatch, log_file: Path) -> list[str]:
    """The text of each unexpected-error dialog, rendered offscreen instead of run modally
    (title, message and « Afficher les détails »)."""
    shown: list[str] = []

    def rendered(box: QMessageBox) -> int:
        qtbot.addWidget(box)
        box.show()
        box.grab()  # painted, as it would be on screen
        details = [edit.toPlainText() for edit in box.findChildren(QTextEdit)]
        shown.append("\n".join([box.windowTitle(), box.text(), box.detailedText(), *details]))
        box.close()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", rendered)
    reporter = errors.UnexpectedErrorReporter(log_file)
    monkeypatch.setattr(sys, "excepthook", reporter.handle)
    return shown


def _visit(centre_id: int, visitor_id: int | None = None) -> VisitInput:
    return VisitInput(
        centre_id,
        "sur-place",
        datetime(2026, 10, 5, 10, 0, tzinfo=PARIS),
        ("trouver-un-emploi",),
        note=NOTE,
        visitor_id=visitor_id,
        visitor=VisitorInput(FIRST_NAME, LAST_NAME, 1990, None, "femme", "Denain", (), True),
    )


def _impatient(database: Database) -> Database:
    """The same database, waiting 0.3 s for a lock instead of 10."""
    if database.is_sqlite:
        return Database(database.url, busy_timeout_ms=300)
    return Database(
        database.url, busy_timeout_ms=300, login=database.login, password=STAFF_PASSWORD
    )


def _in_a_slot(qtbot: Any, work: Callable[[], object], dialogs: list[str]) -> None:
    """``work`` run by the event loop, as a click runs it: what it raises goes to the hook."""
    before = len(dialogs)
    QTimer.singleShot(0, work)
    qtbot.waitUntil(lambda: len(dialogs) > before)


def _in_background(qtbot: Any, work: Callable[[], object]) -> str:
    said: list[str] = []
    run_in_background(work, lambda _: said.append("fait"), lambda e: said.append(failure_text(e)))
    qtbot.waitUntil(lambda: bool(said), timeout=15_000)
    return said[0]


def _secrets(database: Database) -> list[str]:
    with database.server.read() as session:
        keys = session.execute(text("SELECT person_key FROM visitor")).scalars().all()
    return [FIRST_NAME, LAST_NAME, NOTE, "4321", *keys]


def test_failed_saves_leave_no_personal_data_in_the_log_or_the_dialog(
    qtbot: Any,
    database: Database,
    database_actor: Actor,
    owner_database: Database,
    log_file: Path,
    dialogs: list[str],
) -> None:
    centre = CentreService(database).centres()[0].id
    visits = VisitService(database, database_actor)
    saved = visits.log_visit(_visit(centre))  # Zéphyrine is known, her key in the database
    with database.read() as session:
        (visitor_id,) = session.execute(
            text("SELECT visitor_id FROM visit WHERE id = :id"), {"id": saved}
        ).one()

    # 1. Another workstation holds the lock past the timeout: a French line, nothing saved.
    impatient = VisitService(_impatient(database), database_actor)
    if database.is_sqlite:
        assert database.sqlite_path is not None
        other = sqlite3.connect(database.sqlite_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        release = other.close
    else:
        holder = owner_database.engine.connect()
        holder.execute(text("BEGIN"))
        holder.execute(text("LOCK TABLE visitor IN SHARE MODE"))  # inserts wait
        release = holder.close
    try:
        said = _in_background(qtbot, lambda: impatient.log_visit(_visit(centre)))
    finally:
        release()
        impatient.db.dispose()
    assert "occupée par un autre poste" in said

    # 2. The database refuses a change (a duplicate key; a reference to nobody), in a slot.
    def duplicate_key() -> None:
        with owner_database.write() as session:
            session.execute(
                text(
                    "UPDATE visitor SET first_name = :first, person_key = "
                    "(SELECT person_key FROM visitor WHERE id = :known) WHERE id <> :known"
                ),
                {"first": FIRST_NAME, "known": visitor_id},
            )

    other_visit = visits.log_visit(VisitInput(centre, "telephone", datetime.now(PARIS)))
    VisitService(database, database_actor).log_visit(
        VisitInput(
            centre,
            "sur-place",
            datetime.now(PARIS),
            visitor=VisitorInput("Anne", None, 1980, None, None, None, (), True),
        )
    )
    _in_a_slot(qtbot, duplicate_key, dialogs)

    def reference_to_nobody() -> None:
        with owner_database.write() as session:
            session.execute(
                text("UPDATE visit SET note = :note, visitor_id = :nobody WHERE id = :id"),
                {"note": NOTE, "nobody": 987_654, "id": other_visit},
            )

    _in_a_slot(qtbot, reference_to_nobody, dialogs)

    # 3. A defect while the visit is saved, its message quoting the row.
    def defect(_mapper: object, _connection: object, row: Visit) -> None:
        raise RuntimeError(f"ligne inattendue : {vars(row)!r}")

    event.listen(Visit, "before_insert", defect)
    try:
        _in_a_slot(qtbot, lambda: visits.log_visit(_visit(centre, visitor_id)), dialogs)
        said = _in_background(qtbot, lambda: visits.log_visit(_visit(centre, visitor_id)))
    finally:
        event.remove(Visit, "before_insert", defect)
    assert said == "erreur inattendue (voir le journal)"

    for handler in logging.getLogger().handlers:
        handler.flush()
    written = log_file.read_text(encoding="utf-8")
    assert len(dialogs) == 3
    for secret in _secrets(database):
        assert secret not in written, secret
        for dialog in dialogs:
            assert secret not in dialog, (secret, dialog)
    # Each failure was reported all the same, by its kind and where it happened.
    for kind in ("OperationalError", "IntegrityError", "RuntimeError", "log_visit"):
        assert kind in written, kind
    assert all("Erreur inattendue" in dialog for dialog in dialogs)
    assert "IntegrityError" in dialogs[0] and "RuntimeError" in dialogs[2]


def test_a_defects_message_does_hold_the_data_the_log_leaves_out() -> None:
    """The premise of the test above: unredacted, these errors would carry the values."""
    try:
        raise RuntimeError(f"ligne inattendue : {NOTE!r}")
    except RuntimeError as exc:
        assert NOTE in str(exc)
        from acsrv_desktop.core.redaction import safe_error_text, safe_traceback

        assert NOTE not in safe_error_text(exc) and NOTE not in safe_traceback(exc)


def test_every_engine_hides_the_parameters_of_a_failed_statement(
    database: Database, tmp_path: Path
) -> None:
    """Beneath the log's redaction: an error's own text names no value either (a caller
    showing ``str(exc)`` somewhere new leaks nothing)."""
    from sqlalchemy.exc import DBAPIError

    from acsrv_desktop.core.server.transfer import _read_only_engine

    assert database.engine.hide_parameters
    source = tmp_path / "source.sqlite3"
    sqlite3.connect(source).close()
    assert _read_only_engine(source).hide_parameters
    with pytest.raises(DBAPIError) as failed, database.engine.connect() as connection:
        connection.execute(text("SELECT * FROM visitor WHERE nope = :first"), {"first": FIRST_NAME})
    assert FIRST_NAME not in str(failed.value)
