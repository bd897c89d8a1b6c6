"""Never lose a visit: SIGKILL at random moments, and two workstations writing at once.

Real processes, real SQLite file (WAL, synchronous=FULL) and real PostgreSQL server.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.models import Visit

WRITER = Path(__file__).with_name("visit_writer.py")
KILLS = 20

pytestmark = pytest.mark.slow


def _start_writer(url: str, count: int, seed: int, *, wait: bool = False) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), url, str(count), str(seed), *(["--wait"] if wait else [])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _until(writer: subprocess.Popen, prefix: str, timeout: float = 60) -> str:
    """The writer's first line starting with ``prefix``; a failure, never a hang, if it does
    not come (the writer is killed before its error output is read)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = writer.stdout.readline()
        if line.startswith(prefix):
            return line.strip()
        if not line or line.startswith("error "):
            break
    writer.kill()
    writer.wait()
    raise AssertionError(
        f"no « {prefix} » from the writer: {line!r} {writer.stderr.read()[-2000:]}"
    )


def _saved(output: str) -> set[tuple[int, str]]:
    """(id, note) of each visit whose save returned."""
    return {
        (int(line.split()[1]), line.split()[2])
        for line in output.splitlines()
        if line.startswith("saved ")
    }


def _stamp(output: str, word: str) -> float:
    return next(float(line.split()[1]) for line in output.splitlines() if line.startswith(word))


def _saved_ids(output: str) -> set[int]:
    return {visit_id for visit_id, _note in _saved(output)}


def _ids_in(url: str) -> set[int]:
    db = open_database(url).db
    try:
        with db.read() as session:
            return set(session.scalars(select(Visit.id)))
    finally:
        db.dispose()


def test_sigkill_at_random_moments_loses_no_saved_visit(tmp_path):
    path = tmp_path / "crash.sqlite3"
    url = f"sqlite:///{path}"
    open_database(url, backup_folder=tmp_path / "b").db.dispose()
    rng = random.Random(2026)
    saved: set[tuple[int, str]] = set()
    kills = 0
    for _round in range(KILLS):
        writer = _start_writer(url, 0, rng.randrange(1_000_000))
        try:
            _until(writer, "ready")
            first = _until(writer, "saved ")  # killed only once it really writes
            time.sleep(rng.uniform(0.0, 0.4))  # mid-write, mid-commit or between visits
            writer.send_signal(signal.SIGKILL)
            assert writer.wait(timeout=30) == -signal.SIGKILL
            # read() from the same text stream: _line() may have buffered later lines already.
            output = first + "\n" + writer.stdout.read()
        finally:
            writer.kill()
            writer.stdout.close()
            writer.stderr.close()
            writer.stdin.close()
        assert "error " not in output, output[-500:]
        saved |= _saved(output)
        kills += 1
    # Checked with sqlite3 itself, not through the code under test.
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        present = set(connection.execute("SELECT id, note FROM visit"))
    finally:
        connection.close()
    assert kills == KILLS and len(saved) >= KILLS  # each writer wrote, then was killed
    assert saved <= present, f"visits lost: {sorted(saved - present)[:10]}"


def test_two_workstations_write_at_once_without_loss_or_locked_errors(
    migrated_database_url, tmp_path
):
    per_writer = 150
    writers = [_start_writer(migrated_database_url, per_writer, seed, wait=True) for seed in (1, 2)]
    try:
        for writer in writers:  # both ready (imports done, database open), then both go
            _until(writer, "ready")
        for writer in writers:
            writer.stdin.write("go\n")
            writer.stdin.flush()
        outputs = [writer.communicate(timeout=240) for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
    for writer, (output, errors) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, output[-500:] + errors[-2000:]
        assert "locked" not in (output + errors).lower()
    saved = [_saved_ids(output) for output, _ in outputs]
    assert [len(ids) for ids in saved] == [per_writer, per_writer]
    assert not saved[0] & saved[1]
    # Really at the same time: each one started writing before the other had finished.
    # (SQLite does not take turns fairly: one may wait through most of the other's run.)
    starts = [_stamp(output, "started") for output, _ in outputs]
    ends = [_stamp(output, "finished") for output, _ in outputs]
    assert max(starts) < min(ends)
    assert saved[0] | saved[1] <= _ids_in(migrated_database_url)
