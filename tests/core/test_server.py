"""``server init`` / ``server migrate``: a shared PostgreSQL database set up by IT as its
owner, its group roles and privileges checked from outside the application (psycopg alone),
and workstations that refuse to migrate it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from conftest import _postgresql_database, _postgresql_database_url, postgresql_url_as
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from acsrv_desktop.cli.main import run
from acsrv_desktop.core.accounts import server_logins
from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import AccountService
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import OlderSchemaError, UninitialisedDatabaseError
from acsrv_desktop.core.models import Base
from acsrv_desktop.core.schema import alembic_config, current_revision, head_revision
from acsrv_desktop.core.server import setup as server_setup
from acsrv_desktop.core.server.privileges import GROUP_ROLES, TABLE_PRIVILEGES
from acsrv_desktop.core.server.setup import FirstAdministrator, ServerSetupError

PASSWORD = "Serveur-Federation-2026"


@pytest.fixture
def server_url(postgresql_server_url: str | None) -> str:
    if not postgresql_server_url:
        pytest.skip("no PostgreSQL server (set ACSRV_TEST_POSTGRESQL_URL)")
    return postgresql_server_url


@pytest.fixture
def owned_database(server_url: str, postgresql_owner: str) -> Iterator[tuple[str, str]]:
    """A new, empty database owned by the owner role: (owner's URL, superuser's URL)."""
    with _postgresql_database(server_url, owner=postgresql_owner) as name:
        url = _postgresql_database_url(server_url, name)
        yield postgresql_url_as(url, postgresql_owner), url


@pytest.fixture
def new_roles(server_url: str) -> Iterator[list[str]]:
    """Names for login roles a test creates (server-wide), dropped afterwards."""
    names: list[str] = []
    yield names
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    finally:
        admin.dispose()


def _unique_login(new_roles: list[str], prefix: str) -> str:
    login = f"{prefix}.{uuid.uuid4().hex[:8]}"
    new_roles.append(login)
    return login


def _grants(url: str) -> list[tuple[str, ...]]:
    """Every privilege the groups hold, read from the catalogue (tables, columns, sequences)."""
    engine = create_engine(url)
    groups = list(GROUP_ROLES.values())
    try:
        with engine.connect() as connection:
            tables = connection.execute(
                text(
                    "SELECT grantee, table_name, privilege_type FROM "
                    "information_schema.role_table_grants WHERE grantee = ANY(:g)"
                ),
                {"g": groups},
            ).all()
            columns = connection.execute(
                text(
                    "SELECT grantee, table_name, column_name, privilege_type FROM "
                    "information_schema.column_privileges WHERE grantee = ANY(:g)"
                ),
                {"g": groups},
            ).all()
            sequences = connection.execute(
                text(
                    "SELECT relname, relacl::text FROM pg_class WHERE relkind = 'S' "
                    "AND relnamespace = 'public'::regnamespace"
                )
            ).all()
    finally:
        engine.dispose()
    return sorted(tuple(map(str, row)) for row in [*tables, *columns, *sequences])


def test_every_table_of_the_schema_says_who_may_use_it():
    tables = set(Base.metadata.tables) | {"alembic_version"}
    for role in Role:
        assert set(TABLE_PRIVILEGES[role]) == tables, role


def test_init_then_migrate_is_idempotent(owned_database, new_roles):
    owner_url, superuser_url = owned_database
    login = _unique_login(new_roles, "admin")
    report = server_setup.initialise(owner_url, FirstAdministrator(login, "Marie Dupont", PASSWORD))
    assert report.upgrade.previous_revision is None
    assert report.upgrade.current_revision == head_revision()
    assert report.administrator == login and report.centres_added > 0
    assert any("Premier compte d'administration créé" in line for line in report.describe())
    grants = _grants(superuser_url)
    assert ("acsrv_accueil", "visit", "INSERT") in grants

    for _ in range(2):
        again = server_setup.migrate(owner_url)
        assert not again.upgrade.changed and again.upgrade.current_revision == head_revision()
        assert again.centres_added == 0 and not again.catalogue_loaded
        assert _grants(superuser_url) == grants

    db = Database(superuser_url)
    try:
        with db.engine.connect() as connection:
            role = connection.execute(
                text(
                    "SELECT rolcanlogin, rolsuper, rolcreaterole, rolpassword, "
                    "pg_has_role(rolname, 'acsrv_administration', 'MEMBER') "
                    "FROM pg_authid WHERE rolname = :login"
                ),
                {"login": login},
            ).one()
            owners = set(
                connection.execute(
                    text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                ).scalars()
            )
        can_login, superuser, createrole, verifier, member = role
        assert can_login and member and not superuser and not createrole
        assert verifier.startswith("SCRAM-SHA-256$") and PASSWORD not in verifier
        assert owners == {make_url(owner_url).username}
        actor = AccountService(db).sign_in(login, PASSWORD)  # the application's own sign-in
        assert actor.role == Role.ADMINISTRATION and actor.display_name == "Marie Dupont"
    finally:
        db.dispose()

    with pytest.raises(ServerSetupError, match="déjà initialisée"):
        server_setup.initialise(owner_url, FirstAdministrator("autre", "", PASSWORD))


def test_init_checks_before_changing_anything(owned_database, new_roles, server_url):
    owner_url, superuser_url = owned_database
    login = _unique_login(new_roles, "admin")
    with pytest.raises(ServerSetupError, match="Mot de passe trop faible"):
        server_setup.initialise(owner_url, FirstAdministrator(login, "", "court"))
    with pytest.raises(ServerSetupError, match="SQLite"):
        server_setup.migrate("sqlite:///nulle-part.sqlite3")
    # A database the role does not own (here the superuser's): it could not revoke PUBLIC's.
    with _postgresql_database(server_url) as other:
        foreign = postgresql_url_as(
            _postgresql_database_url(server_url, other), make_url(owner_url).username or ""
        )
        with pytest.raises(ServerSetupError, match="n'est pas propriétaire"):
            server_setup.migrate(foreign)
    engine = create_engine(superuser_url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) is None
            assert not connection.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": login}
            ).all()
    finally:
        engine.dispose()


def test_a_workstation_refuses_an_empty_server_database(owned_database, tmp_path):
    _, superuser_url = owned_database
    with pytest.raises(UninitialisedDatabaseError) as refused:
        open_database(superuser_url, backup_folder=tmp_path)
    message = str(refused.value)
    assert "Le service informatique doit lancer : acsrv-desktop server init --db " in message
    assert "postgresql+psycopg://PROPRIÉTAIRE@127.0.0.1" in message
    engine = create_engine(superuser_url)
    try:
        with engine.connect() as connection:  # nothing created
            assert not connection.execute(
                text("SELECT 1 FROM pg_tables WHERE schemaname = 'public'")
            ).all()
    finally:
        engine.dispose()


def test_a_workstation_refuses_an_older_schema_until_it_is_migrated(
    migrated_database_url, backend, tmp_path
):
    if backend == "sqlite":
        pytest.skip("SQLite migrates at start-up (tests/core/test_migrations.py)")
    engine = create_engine(migrated_database_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0012")
    finally:
        engine.dispose()
    url = make_url(migrated_database_url)
    with pytest.raises(OlderSchemaError) as refused:
        open_database(migrated_database_url, backup_folder=tmp_path)
    assert (
        "Le service informatique doit lancer : acsrv-desktop server migrate --db "
        f"postgresql+psycopg://PROPRIÉTAIRE@{url.host}:{url.port}/{url.database}"
    ) in str(refused.value)
    assert "révision 0012" in str(refused.value)
    engine = create_engine(migrated_database_url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) == "0012"  # untouched
    finally:
        engine.dispose()

    report = server_setup.migrate(migrated_database_url)
    assert (report.upgrade.previous_revision, report.upgrade.current_revision) == (
        "0012",
        head_revision(),
    )
    opened = open_database(migrated_database_url, backup_folder=tmp_path)
    opened.db.dispose()
    assert not opened.upgrade.changed


# -- the privileges, checked with psycopg alone: no application code between test and server --

REFUSED_TO_EVERY_GROUP = (
    "SELECT password_hash FROM staff_account",
    "SELECT * FROM staff_account",
    "UPDATE audit_entry SET action = 'rien'",
    "DELETE FROM audit_entry",
    "TRUNCATE audit_entry",
    "CREATE TABLE intrus (id integer)",
    "CREATE TEMPORARY TABLE intrus (id integer)",
    "ALTER TABLE visit DISABLE TRIGGER ALL",
    "ALTER TABLE audit_entry DISABLE TRIGGER USER",
    "DROP TABLE visit",
    "DROP TABLE audit_entry",
    "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    "CREATE FUNCTION intruse() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
)
REFUSED_TO_ACCUEIL = (
    "SELECT id FROM audit_entry",
    "UPDATE staff_account SET role = 'administration'",
    "INSERT INTO programme (id, kind, name) VALUES ('x', 'programme', 'x')",
    "UPDATE app_setting SET value = '1'",
    "DELETE FROM visitor",
)


def _dsn(database_url: str, login: str) -> str:
    """A libpq connection string for ``login`` (with PASSWORD) to ``database_url``'s base."""
    url = make_url(database_url)
    tls = " ".join(
        f"{key}={url.query[key]}" for key in ("sslmode", "sslrootcert") if key in url.query
    )
    return (
        f"host={url.host} port={url.port or 5432} dbname={url.database} user={login} "
        f"password={PASSWORD} {tls}"
    )


def _login_as(server_url: str, database_url: str, group: str, new_roles: list[str]) -> str:
    """A fresh LOGIN role, member of ``group``, with its password (SCRAM on the test server)."""
    login = _unique_login(new_roles, "essai")
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(
                text(f"CREATE ROLE \"{login}\" LOGIN IN ROLE {group} PASSWORD '{PASSWORD}'")
            )
    finally:
        admin.dispose()
    return _dsn(database_url, login)


def _refused(connection: psycopg.Connection, statement: str) -> bool:
    try:
        connection.execute(statement)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


@pytest.mark.parametrize("role", list(Role))
def test_a_group_login_cannot_read_hashes_touch_the_audit_or_change_the_schema(
    role, migrated_database_url, backend, server_url, postgresql_owner, new_roles
):
    if backend == "sqlite":
        pytest.skip("PostgreSQL privileges")
    # A copy of the template keeps its tables' privileges, not the database's own (CONNECT,
    # TEMPORARY): applied again, as ``server migrate`` does on the real server.
    server_setup.migrate(postgresql_url_as(migrated_database_url, postgresql_owner))
    dsn = _login_as(server_url, migrated_database_url, GROUP_ROLES[role], new_roles)
    with psycopg.connect(dsn, autocommit=True) as connection:
        audit_before = _audit_rows(migrated_database_url)
        # What the role needs works: reading the catalogue and the accounts' names.
        assert connection.execute("SELECT count(*) FROM programme").fetchone()[0] > 0
        connection.execute("SELECT login, role, centre_id FROM staff_account").fetchall()
        connection.execute(
            "INSERT INTO audit_entry (occurred_at, actor, action, details) "
            "VALUES (now(), 'essai', 'connexion', '{}')"
        )
        refused = [s for s in REFUSED_TO_EVERY_GROUP if not _refused(connection, s)]
        assert refused == [], f"{role}: allowed {refused}"
        if role == Role.ACCUEIL:
            allowed = [s for s in REFUSED_TO_ACCUEIL if not _refused(connection, s)]
            assert allowed == [], allowed
        if role == Role.ADMINISTRATION:
            connection.execute("SELECT id, action FROM audit_entry").fetchall()
    assert _audit_rows(migrated_database_url) == audit_before + 1  # intact, one added


def _audit_rows(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM audit_entry")).scalar() or 0)
    finally:
        engine.dispose()


# -- the command line, end to end ------------------------------------------------------------


def test_server_init_and_migrate_from_the_command_line(
    owned_database, new_roles, monkeypatch, capsys, tmp_path: Path
):
    owner_url, superuser_url = owned_database
    login = _unique_login(new_roles, "direction")
    monkeypatch.setenv("ACSRV_NOUVEAU_MOT_DE_PASSE", PASSWORD)
    argv = ["server", "init", "--db", owner_url, "--admin-login", login]
    assert run([*argv, "--admin-name", "Claire Martin"]) == 0
    out = capsys.readouterr().out
    assert "Base de données créée" in out and f"« {login} »" in out

    assert run(["server", "migrate", "--db", owner_url]) == 0
    head = head_revision()
    assert f"Révision avant : {head} ; après : {head}." in capsys.readouterr().out

    assert run(["--db", superuser_url, "info"]) == 0  # a workstation opens it as it is
    assert "Base de données à jour" in capsys.readouterr().out

    assert run(argv) == 1
    assert "déjà initialisée" in capsys.readouterr().err
    assert run(["server", "migrate", "--db", f"sqlite:///{tmp_path / 'a.sqlite3'}"]) == 1
    assert "SQLite" in capsys.readouterr().err
    assert not (tmp_path / "a.sqlite3").exists()


def test_a_function_added_later_is_nobodys_to_execute_until_granted(
    migrated_database_url, backend, server_url, postgresql_owner, new_roles
):
    """A later migration's function: by PostgreSQL's default PUBLIC could execute it until
    the grants are applied again; the owner's default privileges say otherwise."""
    if backend == "sqlite":
        pytest.skip("PostgreSQL privileges")
    owner_url = postgresql_url_as(migrated_database_url, postgresql_owner)
    server_setup.migrate(owner_url)
    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(
                text("CREATE FUNCTION plus_tard() RETURNS integer LANGUAGE sql AS 'SELECT 1'")
            )
    finally:
        engine.dispose()
    dsn = _login_as(server_url, migrated_database_url, GROUP_ROLES[Role.ADMINISTRATION], new_roles)
    with psycopg.connect(dsn, autocommit=True) as connection:
        assert _refused(connection, "SELECT plus_tard()")


# -- upgrading a server that is in use: functions first, versions checked at sign-in --------


def _owner_execute(owner_url: str, *statements: str) -> None:
    engine = create_engine(owner_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def _initialised(owned_database, new_roles) -> tuple[str, str, str]:
    """A server prepared by ``server init``: (owner's URL, superuser's URL, admin's login)."""
    owner_url, superuser_url = owned_database
    login = _unique_login(new_roles, "admin")
    server_setup.initialise(owner_url, FirstAdministrator(login, "Marie Dupont", PASSWORD))
    return owner_url, superuser_url, login


def test_migrate_creates_the_functions_before_merging_a_newer_catalogue(
    owned_database, new_roles, monkeypatch
):
    """A server set up before ``acsrv_replace_programme_contacts`` existed, migrated with a
    catalogue that gives a programme new contacts: the merge calls the function, so it must be
    there before the merge (it used to come after: UndefinedFunction at every retry)."""
    import dataclasses

    from acsrv_desktop.core.catalogue import bootstrap
    from acsrv_desktop.core.catalogue.records import load_shipped_catalogue

    owner_url, superuser_url, _ = _initialised(owned_database, new_roles)
    _owner_execute(owner_url, "DROP FUNCTION public.acsrv_replace_programme_contacts(text, text[])")
    shipped = load_shipped_catalogue()
    entries = {key: dict(entry) for key, entry in shipped.entries.items()}
    before = list(entries["cites-lab"]["contacts"])
    wanted = [next(c for c in shipped.contacts if c not in before), *before]
    entries["cites-lab"]["contacts"] = wanted
    newer = dataclasses.replace(shipped, version="2099.1", entries=entries)
    monkeypatch.setattr(bootstrap, "load_shipped_catalogue", lambda: newer)
    monkeypatch.setattr(bootstrap, "shipped_catalogue_version", lambda: "2099.1")

    report = server_setup.migrate(owner_url)

    assert report.catalogue_loaded
    engine = create_engine(superuser_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                text(
                    "SELECT contact_id FROM programme_contact WHERE programme_id = 'cites-lab' "
                    "ORDER BY position"
                )
            ).scalars()
            assert list(stored) == wanted
    finally:
        engine.dispose()


def _sign_in(superuser_url: str, login: str) -> None:
    db = Database(superuser_url)
    try:
        AccountService(db).sign_in(login, PASSWORD)
    finally:
        db.dispose()


def test_a_desk_is_told_when_the_servers_security_layer_is_not_its_own(
    owned_database, new_roles, capsys
):
    """Functions and rights come with no Alembic revision: a desk newer than the server, or
    older, is refused at sign-in in French, saying who must do what — never a raw SQL error
    later on."""
    from acsrv_desktop.core.database import DatabaseUnavailableError
    from acsrv_desktop.core.server.functions import SECURITY_VERSION

    owner_url, superuser_url, login = _initialised(owned_database, new_roles)
    _sign_in(superuser_url, login)  # the same version: signed in

    def server_version(body: str) -> None:
        _owner_execute(
            owner_url,
            "CREATE OR REPLACE FUNCTION public.acsrv_security_version() RETURNS integer "
            f"LANGUAGE sql IMMUTABLE SECURITY DEFINER AS $$ SELECT {body} $$",
        )

    signed_in_at = _sign_in_time(superuser_url, login)
    server_version(str(SECURITY_VERSION - 1))
    with pytest.raises(
        DatabaseUnavailableError, match="doit lancer « acsrv-desktop server migrate"
    ):
        _sign_in(superuser_url, login)
    assert _sign_in_time(superuser_url, login) == signed_in_at  # nothing left behind
    # Unlocking after a night behind the lock, and IT's own commands, compare them too.
    db = Database(superuser_url)
    try:
        with pytest.raises(DatabaseUnavailableError, match="Fermez l’application"):
            server_logins.password_is_right(db, login, PASSWORD)
    finally:
        db.dispose()
    assert run(["--db", owner_url, "purge"]) == 1
    assert "server migrate" in capsys.readouterr().err
    server_version(str(SECURITY_VERSION + 1))
    with pytest.raises(DatabaseUnavailableError, match="faites installer la nouvelle version"):
        _sign_in(superuser_url, login)
    _owner_execute(owner_url, "DROP FUNCTION public.acsrv_security_version()")  # before v2
    with pytest.raises(DatabaseUnavailableError, match="server migrate"):
        _sign_in(superuser_url, login)

    server_setup.migrate(owner_url)  # IT's command puts it right
    _sign_in(superuser_url, login)


def _sign_in_time(superuser_url: str, login: str) -> object:
    engine = create_engine(superuser_url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text("SELECT last_sign_in_at FROM staff_account WHERE login = :l"), {"l": login}
            ).scalar_one()
    finally:
        engine.dispose()


def test_the_new_version_is_announced_only_with_the_new_rights(
    owned_database, new_roles, monkeypatch
):
    """The functions come first (the shipped catalogue may call them), but the version only
    with the grants and policies: a migrate that fails in between leaves the old version, so
    that desks are still told to wait for IT."""
    owner_url, superuser_url, _ = _initialised(owned_database, new_roles)
    _owner_execute(
        owner_url,
        "CREATE OR REPLACE FUNCTION public.acsrv_security_version() RETURNS integer "
        "LANGUAGE sql STABLE SECURITY DEFINER AS $$ SELECT 1 $$",
    )

    def fails(_connection: object) -> None:
        raise RuntimeError("coupure pendant la mise à jour")

    monkeypatch.setattr(server_setup, "apply_security", fails)
    with pytest.raises(RuntimeError):
        server_setup.migrate(owner_url)
    engine = create_engine(superuser_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT acsrv_security_version()")).scalar() == 1
    finally:
        engine.dispose()


def test_a_missing_server_function_is_said_in_french(migrated_database_url, backend):
    from acsrv_desktop.core.database import DatabaseUnavailableError

    if backend == "sqlite":
        pytest.skip("the server's functions")
    db = Database(migrated_database_url)
    try:
        with (
            pytest.raises(DatabaseUnavailableError, match="reconnectez-vous"),
            db.write() as session,
        ):
            session.execute(text("SELECT public.acsrv_pas_encore_la(1)"))
        # A defect of the application's own SQL with the same SQLSTATE stays a defect.
        with pytest.raises(ProgrammingError), db.write() as session:
            session.execute(text("SELECT length(42)"))
    finally:
        db.dispose()


def test_two_administrators_replacing_contacts_take_turns(owned_database, new_roles, server_url):
    """Under READ COMMITTED two replacements at once merged both lists (or hit the unique
    key): the function locks the programme's row first, so the second waits for the first
    and then replaces what the first wrote."""
    import threading
    import time

    owner_url, superuser_url, login = _initialised(owned_database, new_roles)
    dsn = _dsn(superuser_url, login)
    replace = "SELECT acsrv_replace_programme_contacts('cites-lab', %s)"
    stored = (
        "SELECT contact_id FROM programme_contact WHERE programme_id = 'cites-lab' "
        "ORDER BY position"
    )
    with psycopg.connect(dsn) as first, psycopg.connect(dsn) as second:
        contacts = [row[0] for row in first.execute("SELECT id FROM contact ORDER BY id")]
        first.commit()
        first.execute(replace, (contacts[:2],))  # its transaction still open
        second_pid = second.info.backend_pid
        waiting = threading.Thread(target=second.execute, args=(replace, (contacts[2:4],)))
        waiting.start()
        with psycopg.connect(server_url.replace("+psycopg", ""), autocommit=True) as watcher:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:  # until the second call waits on a lock
                event = watcher.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (second_pid,)
                ).fetchone()
                if event and event[0] == "Lock":
                    break
                time.sleep(0.01)
            else:
                pytest.fail("the second replacement never waited for the first")
        first.commit()
        waiting.join(10)
        second.commit()
        assert [row[0] for row in second.execute(stored)] == contacts[2:4]
        second.rollback()
        with pytest.raises(psycopg.errors.NoDataFound):
            second.execute(replace.replace("cites-lab", "programme-inconnu"), (contacts[:1],))


def _without_docstrings(source: str) -> str:
    """The code of a module as Python reads it: comments and docstrings left out."""
    import ast

    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body.pop(0)
    return ast.dump(tree)


def _security_layer_digest() -> str:
    """Everything the layer is made of: both modules' code, comments and docstrings aside
    (they change nothing on the server)."""
    import hashlib
    import inspect

    from acsrv_desktop.core.server import functions, privileges

    code = "".join(_without_docstrings(inspect.getsource(m)) for m in (functions, privileges))
    return hashlib.sha256(code.encode()).hexdigest()[:16]


# Each version of the security layer and its digest. A change to the functions, the grants or
# the policies fails here: raise SECURITY_VERSION (functions.py) and add the new pair, so that
# desks and servers of different versions tell each other apart at sign-in.
SECURITY_LAYER_DIGESTS = {2: "1788054c9773b432", 3: "49f70fcd0b4678f8"}


def test_a_change_of_the_security_layer_raises_its_version():
    from acsrv_desktop.core.server.functions import SECURITY_VERSION

    assert SECURITY_LAYER_DIGESTS.get(SECURITY_VERSION) == _security_layer_digest(), (
        "the security layer changed: raise SECURITY_VERSION and pin its digest here"
    )
