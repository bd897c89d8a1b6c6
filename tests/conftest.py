"""Shared fixtures: headless Qt, isolated user folders, real SQLite and PostgreSQL databases."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt: no display in CI, and a real platform plugin that renders.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The user's folders (database, logs, preferences) must never be the developer's real ones.
_USER_DIRS = Path(tempfile.mkdtemp(prefix="acsrv-tests-home-"))
atexit.register(shutil.rmtree, _USER_DIRS, ignore_errors=True)
for _var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_USER_DIRS / _var.lower())
os.environ.pop("ACSRV_DATABASE_URL", None)

import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.database import Database  # noqa: E402

POSTGRESQL_URL_ENV = "ACSRV_TEST_POSTGRESQL_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgresql-url",
        default=os.environ.get(POSTGRESQL_URL_ENV),
        help=f"PostgreSQL server for the database tests (default: ${POSTGRESQL_URL_ENV}); "
        "without it those tests run on SQLite only",
    )


def pytest_report_header(config: pytest.Config) -> str:
    url = config.getoption("--postgresql-url")
    return f"acsrv databases: SQLite + PostgreSQL ({url})" if url else "acsrv databases: SQLite"


@pytest.fixture(scope="session")
def postgresql_server_url(pytestconfig: pytest.Config) -> str | None:
    url = pytestconfig.getoption("--postgresql-url")
    if not url and os.environ.get("ACSRV_REQUIRE_POSTGRESQL"):
        pytest.fail(
            "PostgreSQL is required here (ACSRV_REQUIRE_POSTGRESQL) but no server was given"
        )
    return url


_BACKEND_OF_TEST: dict[str, str] = {}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, postgresql_server_url: str | None) -> str:
    _BACKEND_OF_TEST[request.node.nodeid] = request.param
    if request.param == "postgresql" and not postgresql_server_url:
        pytest.skip("no PostgreSQL server (set ACSRV_TEST_POSTGRESQL_URL)")
    return request.param


@pytest.fixture
def empty_database_url(
    backend: str, tmp_path: Path, postgresql_server_url: str | None
) -> Iterator[str]:
    """The URL of a new, empty database on the backend under test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'acsrv.sqlite3'}"
        return
    assert postgresql_server_url
    name = f"acsrv_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgresql_server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(postgresql_server_url).set(database=name).render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def database(empty_database_url: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated database of the application, as the application opens it."""
    opened = open_database(empty_database_url, backup_folder=tmp_path / "sauvegardes")
    try:
        yield opened.db
    finally:
        opened.db.dispose()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Say how many database tests ran on each backend (CI must show both)."""
    counts: dict[str, dict[str, int]] = {"sqlite": {}, "postgresql": {}}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            name = _BACKEND_OF_TEST.get(getattr(report, "nodeid", ""))
            if name is None or (report.when != "call" and outcome not in ("skipped", "error")):
                continue
            counts[name][outcome] = counts[name].get(outcome, 0) + 1
    terminalreporter.section("database backends")
    for name, figures in counts.items():
        summary = ", ".join(f"{n} {o}" for o, n in sorted(figures.items())) or "no test"
        terminalreporter.write_line(f"{name}: {summary}")
