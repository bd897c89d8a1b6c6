"""Shared fixtures: headless Qt, isolated user folders, real SQLite and PostgreSQL databases."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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

from acsrv_desktop.core.accounts.roles import Actor  # noqa: E402
from acsrv_desktop.core.accounts.service import AccountService  # noqa: E402
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.database import Database  # noqa: E402
from acsrv_desktop.core.schema import UpgradeReport  # noqa: E402
from acsrv_desktop.core.server import setup as server_setup  # noqa: E402

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


def _postgresql_database_url(server_url: str, name: str) -> str:
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


@contextmanager
def _postgresql_database(
    server_url: str,
    template: str | None = None,
    prefix: str = "acsrv_test",
    owner: str | None = None,
) -> Iterator[str]:
    """A new PostgreSQL database (a copy of ``template`` if given, owned by ``owner`` if
    given), dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy_of = f' TEMPLATE "{template}"' if template else ""
    owned_by = f' OWNER "{owner}"' if owner else ""
    with _server_object(
        server_url,
        f'CREATE DATABASE "{name}"{copy_of}{owned_by}',
        f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
    ):
        try:
            yield name
        finally:
            _drop_staff_logins(server_url, name)


def _database_privileges_as_server_init(server_url: str, name: str) -> None:
    """A copy of the template keeps its tables' privileges, not the database's own: CONNECT
    and TEMPORARY set again as ``server init`` sets them (privileges.py), in a moment."""
    from acsrv_desktop.core.server.privileges import GROUP_ROLES

    groups = ", ".join(GROUP_ROLES.values())
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC, {groups}'))
            connection.execute(text(f'GRANT CONNECT ON DATABASE "{name}" TO {groups}'))
    finally:
        engine.dispose()


def _drop_staff_logins(server_url: str, name: str) -> None:
    """The PostgreSQL logins the accounts of database ``name`` made (roles are the whole
    server's: the next test's « marie » must be new), before the database goes."""
    engine = create_engine(_postgresql_database_url(server_url, name), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            if not connection.execute(text("SELECT to_regclass('public.staff_account')")).scalar():
                return
            logins = connection.execute(
                text(
                    "SELECT r.rolname FROM pg_roles r JOIN staff_account a ON a.login = r.rolname "
                    "WHERE pg_has_role(r.oid, 'acsrv_accueil', 'MEMBER') "
                    "OR pg_has_role(r.oid, 'acsrv_coordination', 'MEMBER') "
                    "OR pg_has_role(r.oid, 'acsrv_administration', 'MEMBER') "
                    "OR pg_has_role(r.oid, 'acsrv_referent', 'MEMBER')"
                )
            ).scalars()
            for login in list(logins):
                connection.execute(text(f'DROP ROLE IF EXISTS "{login}"'))
    finally:
        engine.dispose()


@contextmanager
def _server_object(server_url: str, create: str, drop: str) -> Iterator[None]:
    """Something of the whole server (a database, a role), created then dropped afterwards."""
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(create))
        try:
            yield
        finally:
            with admin.connect() as connection:
                connection.execute(text(drop))
    finally:
        admin.dispose()


@pytest.fixture
def empty_database_url(
    request: pytest.FixtureRequest,
    backend: str,
    tmp_path: Path,
    postgresql_server_url: str | None,
) -> Iterator[str]:
    """The URL of a new, empty database on the backend under test.

    For the tests of the first start and of the migrations from an empty database.
    """
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'acsrv.sqlite3'}"
        return
    assert postgresql_server_url
    owner = request.getfixturevalue("postgresql_owner")
    with _postgresql_database(postgresql_server_url, owner=owner) as name:
        # As its owner: the server commands refuse a superuser (setup.py).
        yield postgresql_url_as(_postgresql_database_url(postgresql_server_url, name), owner)


# Migrating an empty database and loading the shipped catalogue takes about a second per test:
# it is done once per session, by the application's own start-up path, into a template that
# each test then copies (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL).


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file as the first start leaves it (migrated, catalogue and centres loaded)."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "acsrv.sqlite3"
    open_database(f"sqlite:///{path}", backup_folder=folder / "sauvegardes").db.dispose()
    # Every connection is closed: fold the write-ahead log into the file, so that the file
    # alone is the whole database and a plain copy of it is consistent.
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    # (The instance lock stays beside it, as SQLite's -shm would: it holds no data.)
    leftovers = [
        p.name
        for p in folder.iterdir()
        if p.name.startswith(f"{path.name}-") and p.name != f"{path.name}-verrou"
    ]
    assert not leftovers, f"the template database is not a single closed file: {leftovers}"
    return path


@pytest.fixture
def migrated_sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """The URL of a copy of the SQLite template in the test's folder (``acsrv.sqlite3``)."""
    target = tmp_path / "acsrv.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        assert not target.with_name(target.name + suffix).exists(), target
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def postgresql_owner(postgresql_server_url: str | None) -> Iterator[str]:
    """A non-superuser role that may create roles, as the federation's IT makes the owner of
    the application's database (a name of this session's: roles are the whole server's)."""
    if not postgresql_server_url:
        pytest.skip("no PostgreSQL server (set ACSRV_TEST_POSTGRESQL_URL)")
    name = f"acsrv_owner_test_{uuid.uuid4().hex[:8]}"
    # Trusted by the test server's pg_hba (scripts/postgresql.sh): staff logins give passwords.
    with (
        _server_object(
            postgresql_server_url,
            "DO $$ BEGIN CREATE ROLE acsrv_test_trusted NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            "SELECT 1",
        ),
        _server_object(
            postgresql_server_url,
            f'CREATE ROLE "{name}" LOGIN CREATEROLE IN ROLE acsrv_test_trusted',
            f'DROP ROLE IF EXISTS "{name}"',
        ),
    ):
        yield name


def postgresql_url_as(url: str, user: str) -> str:
    """``url`` with another role (the test server trusts its local connections)."""
    return make_url(url).set(username=user, password=None).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgresql_template(postgresql_server_url: str | None, postgresql_owner: str) -> Iterator[str]:
    """The name of a PostgreSQL database as ``server init`` leaves it (without its first
    administrator, as an SQLite first start leaves no account), to copy from."""
    assert postgresql_server_url
    with _postgresql_database(
        postgresql_server_url, prefix="acsrv_template", owner=postgresql_owner
    ) as name:
        url = _postgresql_database_url(postgresql_server_url, name)
        # As the owner, as IT runs it; its connections are closed when it returns (CREATE
        # DATABASE … TEMPLATE refuses a template with open connections).
        server_setup.prepare(postgresql_url_as(url, postgresql_owner))
        yield name


@pytest.fixture
def first_start(backend: str) -> Callable[[str, Path], UpgradeReport]:
    """What brings a new database to the current schema: a workstation's start on SQLite,
    ``server migrate`` (the server path) on PostgreSQL, where a workstation never migrates."""

    def bring_to_head(url: str, backup_folder: Path) -> UpgradeReport:
        if backend == "postgresql":
            return server_setup.prepare(url).upgrade
        opened = open_database(url, backup_folder=backup_folder)
        opened.db.dispose()
        return opened.upgrade

    return bring_to_head


@pytest.fixture
def migrated_database_url(
    request: pytest.FixtureRequest, backend: str, postgresql_server_url: str | None
) -> Iterator[str]:
    """The URL of a new database of the backend under test, as the first start leaves it."""
    if backend == "sqlite":
        yield request.getfixturevalue("migrated_sqlite_url")
        return
    assert postgresql_server_url
    template = request.getfixturevalue("postgresql_template")
    owner = request.getfixturevalue("postgresql_owner")
    with _postgresql_database(postgresql_server_url, template, owner=owner) as name:
        _database_privileges_as_server_init(postgresql_server_url, name)
        # As its owner, as IT's commands reach it (not the cluster's superuser): staff
        # logins are made by the owner's functions, and their own sessions are the tests'
        # of tests/core/test_row_security.py and tests/core/accounts/test_server_logins.py.
        yield postgresql_url_as(_postgresql_database_url(postgresql_server_url, name), owner)


# On PostgreSQL the tests act as the desks do: through a staff member's own login, made by
# the owner's functions (``acsrv_account_create``) and signed in to as at the sign-in window,
# so that what the server's privileges, row-level security and triggers refuse is refused in
# the tests too. The owner's own connection (IT's) is ``owner_database``, for what only IT
# does (arranging a test's data with SQL the staff logins may not run, the server commands).
STAFF_PASSWORD = "Accueil-Denain-2026"  # every staff login of the tests (accounts/conftest.py)


@pytest.fixture
def owner_database(database: Database) -> Database:
    """The database as IT's owner role reaches it (PostgreSQL); on SQLite, the database
    itself (whoever holds the file holds everything)."""
    return database.server


@pytest.fixture
def database_actor(database: Database, request: pytest.FixtureRequest) -> Actor:
    """Who the ``database`` fixture acts as: the administration login it signed in with on
    PostgreSQL, the application itself on SQLite (a database without any account yet)."""
    return _SIGNED_IN_ACTORS.get(id(database)) or Actor.system("tests")


_SIGNED_IN_ACTORS: dict[int, Actor] = {}


def new_login(prefix: str) -> str:
    """A login of this test's only: roles are the whole server's."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


@pytest.fixture
def database(migrated_database_url: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated database of the application, as the application opens it.

    A copy of the session's template, opened by the same start-up path as the application's
    (which finds it at head with the shipped catalogue, as at any later start). On
    PostgreSQL, signed in as an administration login (``database_actor``), the first
    administrator ``server init`` makes.
    """
    opened = open_database(migrated_database_url, backup_folder=tmp_path / "sauvegardes")
    if opened.db.is_sqlite:
        try:
            yield opened.db
        finally:
            opened.db.dispose()
        return
    try:
        accounts = AccountService(opened.db)
        login = new_login("essais_admin")
        accounts.create_first_administrator(
            login, "Administration des essais", STAFF_PASSWORD, None
        )
        personal, actor = accounts.open_session(login, STAFF_PASSWORD)
        _SIGNED_IN_ACTORS[id(personal)] = actor
        try:
            yield personal
        finally:
            _SIGNED_IN_ACTORS.pop(id(personal), None)
    finally:
        opened.db.dispose_server()


@pytest.fixture
def connected_as(database: Database) -> Callable[..., Database]:
    """The database as ``actor``'s own PostgreSQL login reaches it (one connection pool per
    login, closed with the test's database); on SQLite, the database itself."""
    pools: dict[str, Database] = {}

    def connect(actor: Actor, password: str = STAFF_PASSWORD) -> Database:
        if database.is_sqlite or actor.login == database.login:
            return database
        if actor.account_id is None:
            raise AssertionError(f"{actor.login!r} has no account: it has no login to act as")
        if actor.login not in pools:
            pools[actor.login] = database.server.signed_in_as(actor.login, password)
        return pools[actor.login]

    return connect


@pytest.fixture
def database_before_any_account(migrated_database_url: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated database without any account yet — as a first start leaves an SQLite
    file, and as ``server init`` finds the server before it makes the first administrator
    (reached as the owner, as ``server init`` reaches it)."""
    opened = open_database(migrated_database_url, backup_folder=tmp_path / "sauvegardes")
    try:
        yield opened.db
    finally:
        opened.db.dispose_server()


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
