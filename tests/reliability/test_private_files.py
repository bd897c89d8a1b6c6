"""Every file the application writes is its owner's only (0600), in folders that are (0700).

The database, its -wal and -shm, the log, the backups, the draft and each export hold
personal data: another account of the workstation must not read them. The files are written
through the real code paths, under a permissive umask (0o022, the usual default): the modes
must hold without the entry points' private umask, which is tested on its own below.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from personal_data import log_personal_visit

from acsrv_desktop import paths
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.figures import Period
from acsrv_desktop.core.bootstrap import open_database, remember_accounts, sqlite_url
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.services import Services

ADMIN = Actor.system("tests")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask most sessions start with: files 0644 unless the application says otherwise."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.fixture
def opened(tmp_path: Path, open_umask: None) -> Iterator[Database]:
    """A database created here by a first start, as the application does."""
    result = open_database(
        sqlite_url(tmp_path / "base" / "acsrv.sqlite3"), backup_folder=tmp_path / "sauvegardes"
    )
    yield result.db
    result.db.dispose()


def test_the_database_and_its_companions_are_private(opened: Database, tmp_path: Path) -> None:
    log_personal_visit(Services(opened, ADMIN))
    database = tmp_path / "base" / "acsrv.sqlite3"
    with opened.read() as session:  # a live connection: -wal and -shm are there
        session.connection().exec_driver_sql("SELECT 1")
        for suffix in ("", "-wal", "-shm"):
            assert mode(Path(f"{database}{suffix}")) == 0o600, suffix
    # A folder made for the database is private too.
    assert mode(database.parent) == 0o700


def test_a_database_written_0644_by_an_earlier_version_is_tightened(
    tmp_path: Path, open_umask: None
) -> None:
    first = open_database(sqlite_url(tmp_path / "acsrv.sqlite3"), tmp_path / "sauvegardes")
    first.db.dispose()
    (tmp_path / "acsrv.sqlite3").chmod(0o644)
    again = open_database(sqlite_url(tmp_path / "acsrv.sqlite3"), tmp_path / "sauvegardes")
    try:
        assert mode(tmp_path / "acsrv.sqlite3") == 0o600
    finally:
        again.db.dispose()


def test_backups_and_a_restore_are_private(opened: Database, tmp_path: Path) -> None:
    services = Services(opened, ADMIN)
    folder = tmp_path / "sauvegardes"
    made = services.maintenance.backup(folder)
    daily = services.maintenance.daily_backup(folder)
    assert daily is not None
    assert mode(folder) == 0o700
    assert {mode(made), mode(daily)} == {0o600}
    report = services.maintenance.restore(made, folder)
    database = tmp_path / "base" / "acsrv.sqlite3"
    assert mode(database) == 0o600  # the restored file, copied in
    assert all(mode(copy) == 0o600 for copy in folder.iterdir()), report


def test_exports_are_private_even_over_an_existing_file(
    opened: Database, tmp_path: Path, qapp: object
) -> None:
    from acsrv_desktop.gui.attendance.report_pdf import pdf_drawer

    services = Services(opened, ADMIN)
    log_personal_visit(services)
    chosen = tmp_path / "dossier choisi"  # a folder the user picked: it stays theirs
    chosen.mkdir()
    stale = chosen / "octobre.xlsx"
    stale.write_bytes(b"")  # an earlier export, 0644
    october = Period.month(2026, 10)
    services.attendance.export("xlsx", stale, period=october, detail=True)
    services.attendance.export("csv", chosen / "octobre.zip", period=october)
    tables = chosen / "tableaux"
    tables.mkdir()
    services.attendance.export("csv", tables, period=october)
    report = services.attendance.report(october)
    services.attendance.export(
        "pdf", chosen / "octobre.pdf", report=report, draw_pdf=pdf_drawer(report)
    )
    services.audit.export_csv(chosen / "journal.csv")
    written = [stale, chosen / "octobre.zip", chosen / "octobre.pdf", chosen / "journal.csv"]
    written += sorted(tables.iterdir())
    assert len(written) > 5
    assert {path.name: mode(path) for path in written} == {path.name: 0o600 for path in written}
    assert mode(chosen) == 0o755


def test_a_slip_and_a_persons_data_are_private(
    opened: Database, tmp_path: Path, qapp: object
) -> None:
    from acsrv_desktop.core import atomic_output
    from acsrv_desktop.core.catalogue.datainclusion import export_json
    from acsrv_desktop.gui.printing import save_document_pdf, save_pdf

    services = Services(opened, ADMIN)
    visit_id = log_personal_visit(services)
    slip = save_pdf(services.slips.slip(visit_id).html(), tmp_path / "fiche.pdf")
    with opened.read() as session:
        (visitor_id,) = session.connection().exec_driver_sql("SELECT id FROM visitor").one()
    data = services.person_data.read(visitor_id)
    pdf = save_document_pdf(data.html(), tmp_path / "personne.pdf", "Données")
    # The JSON of a person's data and the catalogue go through the same helper as the GUI's.
    json_file = tmp_path / "personne.json"
    atomic_output.write_text(json_file, data.as_json())
    catalogue = tmp_path / "catalogue.json"
    atomic_output.write_text(catalogue, export_json(services.catalogue))
    for path in (slip, pdf, json_file, catalogue):
        assert path.stat().st_size > 0
        assert mode(path) == 0o600, path.name


def test_the_draft_the_log_and_the_hint_are_private(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    from acsrv_desktop.logging_setup import PrivateRotatingFileHandler, configure_logging

    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    data, logs = paths.user_data_dir(), paths.user_log_dir()
    assert (mode(data), mode(logs)) == (0o700, 0o700)
    store = DraftStore()
    assert store.save({"first_name": "Zéphyrine"})
    assert mode(store.path) == 0o600

    root = logging.getLogger()
    kept = root.handlers[:]
    root.handlers = [h for h in kept if not getattr(h, "_acsrv", False)]
    try:
        log_file = configure_logging()
        assert log_file is not None and log_file.parent == logs
        handler = next(h for h in root.handlers if getattr(h, "_acsrv", False))
        assert isinstance(handler, PrivateRotatingFileHandler)
        logging.getLogger("acsrv_desktop.tests").warning("une ligne")
        handler.doRollover()  # the next file, begun at a rotation
        logging.getLogger("acsrv_desktop.tests").warning("une autre")
        assert mode(log_file) == 0o600
        assert mode(Path(f"{log_file}.1")) == 0o600
    finally:
        for handler in root.handlers:
            if getattr(handler, "_acsrv", False) and handler not in kept:
                handler.close()
        root.handlers = kept

    hint = tmp_path / "xdg_config_home" / "acsrv-desktop" / "bases-avec-comptes"
    remember_accounts("sqlite:///x.sqlite3", True, hint_file=hint)
    assert (mode(hint), mode(hint.parent)) == (0o600, 0o700)


def test_the_command_line_runs_under_a_private_umask(
    tmp_path: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In its own process, under a 0o022 umask: what the first start creates is private, and
    in the tests' process the umask is given back once a command has run."""
    from acsrv_desktop.cli.main import run

    env = {
        **os.environ,
        **{
            v: str(tmp_path / v.lower())
            for v in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME")
        },
    }
    subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "migrate"], env=env, check=True, timeout=120
    )
    data = tmp_path / "xdg_data_home" / "acsrv-desktop"
    log = tmp_path / "xdg_state_home" / "acsrv-desktop" / "log" / "acsrv-desktop.log"
    assert mode(data) == 0o700 and mode(data / "acsrv.sqlite3") == 0o600
    assert mode(log) == 0o600 and mode(log.parent) == 0o700

    # The command line's ``run`` in this process: private while it runs, given back after.
    seen: list[int] = []
    from acsrv_desktop.cli import main as cli_main

    def probe(_args: object) -> int:
        seen.append(os.umask(0o077))
        return 0

    monkeypatch.setitem(cli_main.COMMANDS, "info", probe)
    assert run(["info"]) == 0
    assert seen == [0o077]
    assert os.umask(0o022) == 0o022
