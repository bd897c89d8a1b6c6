"""A restore that cannot lose a save: real processes holding the database, a restore and a
backup killed with SIGKILL half-way, the leftovers cleaned at the next start."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.instance_lock import (
    DatabaseInUseError,
    InstanceLock,
    RestoreInProgressError,
    lock_path,
)

pytestmark = pytest.mark.slow

REPOSITORY = Path(__file__).resolve().parents[2]
INSTANCE = Path(__file__).with_name("desk_instance.py")


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPOSITORY), "PYTHONUNBUFFERED": "1"}


def _start(*arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(INSTANCE), *arguments],
        cwd=REPOSITORY,
        env=_environment(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


_read: dict[int, list[str]] = {}  # every line read from each process, by pid


def _wait_for(process: subprocess.Popen[str], prefix: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        _read.setdefault(process.pid, []).append(line)
        if line.startswith(prefix):
            return line.strip()
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"« {prefix} » not printed: {process.communicate()}")


def _finish(process: subprocess.Popen[str]) -> tuple[list[str], str]:
    """Its standard input closed (it ends), every line it printed and its errors."""
    assert process.stdin and process.stdout and process.stderr
    process.stdin.close()
    out, err = process.stdout.read(), process.stderr.read()  # after what readline buffered
    process.wait(timeout=60)
    process.stdout.close()
    process.stderr.close()
    return [*_read.pop(process.pid, []), *out.splitlines()], err


def _cli_restore(url: str, backup: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "--db", url, "restore", str(backup), "--yes"],
        cwd=REPOSITORY,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _notes(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return [row[0] for row in connection.execute("SELECT note FROM visit ORDER BY id")]
    finally:
        connection.close()


@pytest.fixture
def database(tmp_path: Path) -> tuple[str, Path, Path]:
    """A database with one visit, and a backup of it (another state to restore)."""
    path, folder = tmp_path / "acsrv.sqlite3", tmp_path / "sauvegardes"
    url = f"sqlite:///{path}"
    opened = open_database(url, backup_folder=folder)
    try:
        from acsrv_desktop.core.accounts.roles import Actor
        from acsrv_desktop.core.services import Services

        services = Services(opened.db, Actor.system("tests"))
        from datetime import UTC, datetime

        from acsrv_desktop.core.reception.visits import VisitInput

        centre = services.centres.centres()[0].id
        services.visits.log_visit(VisitInput(centre, "sur-place", datetime.now(UTC), note="v1"))
        backup = services.maintenance.backup(folder)
    finally:
        opened.db.dispose()
    return url, path, backup


def test_restore_is_refused_while_a_window_saves_and_nothing_it_saved_is_lost(database):
    url, path, backup = database
    from acsrv_desktop import paths

    copies_before = set(paths.backup_dir_path().glob("*"))
    desk = _start("save", url)
    try:
        _wait_for(desk, "ready")
        _wait_for(desk, "saved")
        refused = _cli_restore(url, backup)
        _wait_for(desk, "saved")  # it goes on saving after the refusal
    finally:
        lines, err = _finish(desk)
    assert refused.returncode == 1, refused
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "restaurer la base : l’application a cette base ouverte ailleurs" in refused.stderr
    saved = [line.split()[2] for line in lines if line.startswith("saved")]
    assert desk.returncode == 0, err
    assert _notes(path) == ["v1", *saved]  # every save the window was told of is there
    # Refused before the safety copy (made by the command line in the default folder).
    assert set(paths.backup_dir_path().glob("*")) == copies_before

    done = _cli_restore(url, backup)  # the window closed: the restore goes through
    assert done.returncode == 0, done
    assert _notes(path) == ["v1"]


def test_a_window_held_open_idle_blocks_the_restore_until_it_closes(database):
    url, path, backup = database
    desk = _start("hold", url)
    try:
        _wait_for(desk, "ready")
        with pytest.raises(DatabaseInUseError):
            InstanceLock.ensure_alone(path, "restaurer la base")
    finally:
        _finish(desk)
    InstanceLock.ensure_alone(path, "restaurer la base")  # released when it ended


def test_a_window_killed_leaves_no_stale_lock(database):
    url, path, backup = database
    desk = _start("hold", url)
    _wait_for(desk, "ready")
    desk.send_signal(signal.SIGKILL)
    assert desk.wait(timeout=30) == -signal.SIGKILL
    desk.stdin.close()  # type: ignore[union-attr]
    desk.stdout.close()  # type: ignore[union-attr]
    desk.stderr.close()  # type: ignore[union-attr]
    assert _cli_restore(url, backup).returncode == 0


def _with_filler(backup: Path, megabytes: int) -> Path:
    """The backup grown by a table of random bytes: a copy of several steps."""
    bigger = backup.with_name("grosse-" + backup.name)
    bigger.write_bytes(backup.read_bytes())
    connection = sqlite3.connect(bigger)
    connection.execute("CREATE TABLE remplissage (x BLOB)")
    connection.executemany(
        "INSERT INTO remplissage VALUES (randomblob(65536))", [()] * (megabytes * 16)
    )
    connection.commit()
    connection.close()
    return bigger


def test_a_restore_killed_half_way_leaves_the_database_as_it_was(database, tmp_path):
    url, path, backup = database
    bigger = _with_filler(backup, 24)  # six steps of 4 MiB
    restoring = _start("restore", url, str(bigger), str(tmp_path / "sauvegardes"))
    _wait_for(restoring, "copie")  # a first step written into the database
    restoring.send_signal(signal.SIGKILL)
    assert restoring.wait(timeout=30) == -signal.SIGKILL
    for stream in (restoring.stdin, restoring.stdout, restoring.stderr):
        stream.close()  # type: ignore[union-attr]

    assert _notes(path) == ["v1"]  # rolled back by SQLite: as before the restore
    opened = open_database(url, backup_folder=tmp_path / "sauvegardes")  # the next start
    try:
        with opened.db.read() as session:
            from sqlalchemy import text

            tables = set(session.scalars(text("SELECT name FROM sqlite_master")))
        assert "remplissage" not in tables
    finally:
        opened.db.dispose()
    safety = list((tmp_path / "sauvegardes").glob("*avant-restauration*"))
    assert len(safety) == 1 and _notes(safety[0]) == ["v1"]  # made whole before the copy
    assert _cli_restore(url, backup).returncode == 0  # no stale lock


def test_a_backup_killed_half_way_is_cleaned_at_the_next_start_when_alone(database, tmp_path):
    url, path, backup = database
    folder = tmp_path / "sauvegardes"
    # A database of several steps, so that the backup is killed inside its copy.
    grown = sqlite3.connect(path)
    grown.execute("CREATE TABLE remplissage (x BLOB)")
    grown.executemany("INSERT INTO remplissage VALUES (randomblob(65536))", [()] * 16 * 12)
    grown.commit()
    grown.close()
    copying = _start("backup", url, str(folder))
    _wait_for(copying, "copie")
    copying.send_signal(signal.SIGKILL)
    assert copying.wait(timeout=30) == -signal.SIGKILL
    for stream in (copying.stdin, copying.stdout, copying.stderr):
        stream.close()  # type: ignore[union-attr]
    left = list(folder.glob("*.partiel"))
    assert len(left) == 1

    desk = _start("hold", url, str(folder))  # the next start, alone on the database
    try:
        _wait_for(desk, "ready")
        assert not list(folder.glob("*.partiel*"))  # the copy and its journal, if any
    finally:
        _finish(desk)
    assert _notes(path) == ["v1"]


def test_leftovers_stay_while_another_instance_may_be_writing_them(database, tmp_path):
    url, path, backup = database
    folder = tmp_path / "sauvegardes"
    desk = _start("hold", url)
    try:
        _wait_for(desk, "ready")
        in_progress = folder / f"{backup.name}.abcd.partiel"  # as a backup running there
        in_progress.write_bytes(b"...")
        opened = open_database(url, backup_folder=folder)  # a second window starts
        opened.db.dispose()
        assert in_progress.exists()
    finally:
        _finish(desk)
    opened = open_database(url, backup_folder=folder)  # alone now
    opened.db.dispose()
    assert not in_progress.exists()
    assert lock_path(path).stat().st_mode & 0o777 == 0o600


def test_a_start_during_a_restore_waits_then_says_so(tmp_path):
    path = tmp_path / "acsrv.sqlite3"
    sqlite3.connect(path).close()
    restoring = InstanceLock(path)
    restoring.take_alone("restaurer la base")
    try:
        started = time.monotonic()
        with pytest.raises(RestoreInProgressError, match="restauration de la base est en cours"):
            InstanceLock.at_start(path, wait_seconds=0.5)
        assert time.monotonic() - started >= 0.4  # it waited before saying so
    finally:
        restoring.release()
    lock = InstanceLock.at_start(path, wait_seconds=0.5)
    assert lock.alone  # nobody else: free to clean
    lock.share()
    other = InstanceLock.at_start(path, wait_seconds=0.5)
    assert not other.alone and other.held and lock.held
    for held in (lock, other):
        held.release()
