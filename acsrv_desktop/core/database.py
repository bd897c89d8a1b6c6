"""The engine, its SQLite settings, and one short session per user action.

``Database.read()`` gives a session for looking things up; ``Database.write()`` gives a session
whose transaction is committed at the end of the ``with`` block (or rolled back on error). On
SQLite a write transaction starts with ``BEGIN IMMEDIATE``: the write lock is taken up front, so
two workstations never fail half-way through a transaction, they wait (busy timeout) instead.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, CursorResult, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import Executable

from acsrv_desktop.core.atomic_output import protect_database
from acsrv_desktop.core.errors import DatabaseOpenError, UserFacingError
from acsrv_desktop.core.private_files import create_private, make_sqlite_private

if TYPE_CHECKING:
    from acsrv_desktop.core.instance_lock import InstanceLock

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
MMAP_SIZE = 1 << 30  # bytes of an SQLite file read through memory mapping
# PostgreSQL waits for a lock as long as SQLite does, and no statement runs unbounded: a desk
# is told « la base ne répond pas » instead of waiting forever (the work runs in the
# background, the window keeps answering). TCP keepalives notice a server gone silent.
STATEMENT_TIMEOUT_MS = 120_000
POSTGRESQL_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
SUPPORTED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")
# The federation's server is reached over TLS whose certificate is checked against the CA and
# the host name: anything weaker lets someone on the network read or alter what the desks send.
VERIFIED_TLS = "verify-full"
# Execution option carried by write engines; the "begin" listener reads it.
_BEGIN_OPTION = "acsrv_sqlite_begin"


def parse_database_url(url: str) -> URL:
    """Parse and check a database URL, with a French message when it is not usable."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseOpenError(
            f"Adresse de base de données invalide : « {url} ». Exemples : "
            "sqlite:///chemin/vers/acsrv.sqlite3 ou "
            "postgresql+psycopg://utilisateur@serveur/acsrv"
        ) from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseOpenError(
            f"Type de base de données non pris en charge : « {backend} ». "
            "Utilisez SQLite (sqlite:///…) ou PostgreSQL (postgresql+psycopg://…)."
        )
    if backend == "sqlite" and not parsed.database:
        raise DatabaseOpenError(
            "Une base SQLite doit être un fichier : sqlite:///chemin/vers/acsrv.sqlite3"
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in SUPPORTED_DRIVERS:
        raise DatabaseOpenError(
            f"Pilote de base de données non pris en charge : « {parsed.drivername} ». "
            "Utilisez sqlite:///… ou postgresql+psycopg://…"
        )
    if backend == "sqlite" and parsed.database and parsed.database.startswith("~"):
        parsed = parsed.set(database=str(Path(parsed.database).expanduser()))
    if backend == "postgresql":
        parsed = _with_verified_tls(parsed)
    return parsed


def _with_verified_tls(parsed: URL) -> URL:
    """``sslmode=verify-full`` added when the URL names none; a weaker mode refused. (A Unix
    socket, ``host=/run/postgresql``, is local to the server: libpq uses no TLS there.)"""
    if "gssencmode" not in parsed.query:
        # With Kerberos at hand libpq would prefer GSS encryption, which skips the TLS check.
        parsed = parsed.update_query_dict({"gssencmode": "disable"})
    mode = parsed.query.get("sslmode")
    if mode is None:
        return parsed.update_query_dict({"sslmode": VERIFIED_TLS})
    if mode != VERIFIED_TLS:
        raise DatabaseOpenError(
            f"Connexion au serveur refusée : « sslmode={mode} » ne vérifie pas le certificat "
            "du serveur. L'application exige une connexion chiffrée et vérifiée : retirez "
            f"« sslmode » de l'adresse (elle prend alors sslmode={VERIFIED_TLS}) et indiquez "
            "le certificat de l'autorité du serveur (« sslrootcert=/chemin/ca.crt » dans "
            "l'adresse, ou le fichier fourni par le service informatique dans les préférences "
            "du poste)."
        )
    return parsed


def explain_tls_failure(detail: str) -> str | None:
    """A French explanation of a TLS refusal by libpq (``detail`` lower-cased), or None."""
    if "root certificate file" in detail or "sslrootcert" in detail:
        return (
            "Le certificat de l'autorité du serveur est introuvable sur ce poste : indiquez "
            "son fichier (« sslrootcert=/chemin/ca.crt » dans l'adresse de la base, ou dans "
            "les préférences du poste), tel que le service informatique l'a fourni."
        )
    if "certificate verify failed" in detail or "does not match host name" in detail:
        return (
            "Le certificat présenté par le serveur n'est pas celui attendu (autorité ou nom "
            "du serveur différents) : la connexion a été refusée. Prévenez le service "
            "informatique ; n'utilisez pas ce poste sur ce réseau en attendant."
        )
    if "server does not support ssl" in detail or "ssl" in detail and "refused" in detail:
        return (
            "Le serveur n'accepte pas les connexions chiffrées : la connexion a été refusée. "
            "Le service informatique doit activer TLS sur le serveur (voir docs/serveur.md)."
        )
    return None


def _sqlite_connect_listener(busy_timeout_ms: int, path: Path | None) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        _configure_sqlite_connection(dbapi_connection, busy_timeout_ms)
        if path is not None:
            # After the pragmas (WAL mode creates -wal and -shm): a database written 0644 by
            # an earlier version, or copied in, is tightened with its companions.
            try:
                make_sqlite_private(path)
            except OSError as exc:  # another account's file: it still opens
                log.warning("base de données non rendue privée : %s", type(exc).__name__)

    return on_connect


def _sqlite_precreate_listener(path: Path) -> Callable[..., None]:
    def before_connect(*_args: Any) -> None:
        # SQLite creates a missing database file with the process's umask (0644): created
        # here first, 0600, it is never readable by others, not even for an instant.
        if not path.exists():
            # A missing folder, a read-only disk: SQLite's own error says it.
            with suppress(OSError):
                create_private(path)

    return before_connect


def _sqlite_file(parsed: URL) -> Path | None:
    """The file of an SQLite URL (None for an in-memory database or a ``file:`` URI)."""
    database = parsed.database
    if not database or database == ":memory:" or parsed.query.get("uri"):
        return None
    return Path(database)


def _configure_sqlite_connection(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite driver would otherwise
    # start transactions lazily, and always DEFERRED).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a committed visit survives a power cut, also in WAL mode.
        cursor.execute("PRAGMA synchronous = FULL")
        # Reads straight from the file mapped in memory, not through a read() per page: the
        # visitor lookup reads a thousand scattered rows at a keystroke (its p95 fell from
        # 5.5 to 3.2 ms at 200,000 visitors, bench/bench_reception.py). Up to 1 GiB of the
        # file (the rest is read as before); pages are shared with the system's file cache,
        # not held per connection as a bigger cache_size would be (no faster, measured).
        # Safe here: a database on a network share is refused at start-up (``schema``).
        cursor.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def create_app_engine(url: str | URL, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    parsed = parse_database_url(url if isinstance(url, str) else url.render_as_string(False))
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(
            parsed,
            # An error's text names no values (see below): logs carry no visitor's data.
            hide_parameters=True,
            connect_args={"timeout": busy_timeout_ms / 1000},
        )
        path = _sqlite_file(parsed)
        if path is not None:
            event.listen(engine, "do_connect", _sqlite_precreate_listener(path))
        event.listen(engine, "connect", _sqlite_connect_listener(busy_timeout_ms, path))
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    options = f"-c lock_timeout={int(busy_timeout_ms)} -c statement_timeout={STATEMENT_TIMEOUT_MS}"
    return create_engine(
        parsed,
        # An error's text (logged, shown in the unexpected-error dialog) names no values:
        # a SCRAM verifier or a visitor's name has no place in a log file.
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "options": options, **POSTGRESQL_KEEPALIVES},
    )


def rows_changed(session: Session, statement: Executable) -> int:
    """Run an UPDATE or DELETE (without RETURNING) and say how many rows it changed.

    ``Session.execute`` is typed to return a ``Result``; for such a statement it is the
    driver's ``CursorResult``, which carries the count.
    """
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return result.rowcount


UNDEFINED_FUNCTION = "42883"  # PostgreSQL's SQLSTATE for a function that does not exist


class DatabaseUnavailableError(UserFacingError):
    """The database did not answer (locked too long, server down, disk error); nothing saved."""


class DatabaseDamagedError(DatabaseUnavailableError):
    """SQLite found the file damaged (SQLITE_CORRUPT, SQLITE_NOTADB); nothing saved."""


DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def is_damaged_database(exc: BaseException) -> bool:
    """An SQLite error saying the file itself is damaged."""
    original = getattr(exc, "orig", exc)
    return isinstance(original, sqlite3.DatabaseError) and any(
        word in str(original).lower() for word in DAMAGE_WORDS
    )


def _missing_server_function(exc: ProgrammingError) -> bool:
    """An ``acsrv_*`` function of the server's that does not exist (SQLSTATE 42883 also says
    « operator does not exist » of a defect in the application's own SQL: not this)."""
    if getattr(exc.orig, "sqlstate", None) != UNDEFINED_FUNCTION:
        return False
    diag = getattr(exc.orig, "diag", None)
    return "acsrv_" in str(getattr(diag, "message_primary", None) or "")


@contextmanager
def _unavailable_in_french(db: Database) -> Iterator[None]:
    try:
        yield
    except ProgrammingError as exc:
        if not _missing_server_function(exc):
            raise
        # One of the owner's functions this version calls is not on the server: it changed
        # since the sign-in (a migrate, either way). The sign-in compares the versions and
        # says who must do what.
        log.warning("fonction absente du serveur : %s", exc)
        raise DatabaseUnavailableError(
            "Le serveur et cette version de l’application ne vont plus ensemble (une fonction "
            "du serveur manque) : fermez l’application et reconnectez-vous, la connexion dira "
            "quoi faire. Rien n’a été enregistré ; vos saisies sont conservées."
        ) from exc
    except OperationalError as exc:
        log.warning("base indisponible : %s", exc)
        detail = str(exc.orig or exc).lower()
        if "locked" in detail or "busy" in detail or "lock timeout" in detail:
            reason = "elle est occupée par un autre poste depuis trop longtemps"
        elif "statement timeout" in detail:
            reason = "elle met trop de temps à répondre"
        elif "readonly" in detail or "read-only" in detail:
            reason = "elle est en lecture seule"
        else:
            reason = "elle ne répond pas"
        raise DatabaseUnavailableError(
            f"La base de données n’a pas pu enregistrer : {reason}. Rien n’a été enregistré ; "
            "vos saisies sont conservées, réessayez dans un instant."
        ) from exc
    except SADatabaseError as exc:
        if not is_damaged_database(exc):
            raise
        log.error("base endommagée : %s", exc)
        raise DatabaseDamagedError(
            "La base de données est endommagée : cette action n’a pas pu se faire et rien "
            "n’a été enregistré. Prévenez l’administrateur : il faut restaurer la dernière "
            "sauvegarde valide (« acsrv-desktop restore », voir le guide d’utilisation)."
        ) from exc


class Database:
    """One database of the application: an engine and its two kinds of session."""

    def __init__(
        self,
        url: str | URL,
        *,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        login: str | None = None,
        password: str | None = None,
    ) -> None:
        """``busy_timeout_ms``: how long a write waits for another workstation's (SQLite).
        ``login`` and ``password``: a staff member's own PostgreSQL login (``signed_in_as``)."""
        # Checked whatever its type: a URL object built elsewhere gets verified TLS too.
        self.url = parse_database_url(url if isinstance(url, str) else url.render_as_string(False))
        self._busy_timeout_ms = busy_timeout_ms
        self.engine = create_app_engine(self.url, busy_timeout_ms)
        self.login = login
        self._password = password
        self._signed_in: list[Database] = []  # disposed of with this one
        self._root: Database | None = None  # the server's, whose ``signed_in_as`` made this
        # Held while this instance has the file open (``bootstrap.open_database``): a restore
        # by another instance is refused meanwhile (core/instance_lock.py).
        self.instance_lock: InstanceLock | None = None
        if login is not None:
            # Read at each new connection (after a server restart too): a password changed
            # during the session is used from then on, the pooled connections kept.
            event.listen(self.engine, "do_connect", self._personal_credentials)
        self._write_engine = self.engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        if self.sqlite_path is not None:
            protect_database(self.sqlite_path)  # never an export's target

    def _personal_credentials(
        self, _dialect: Any, _record: Any, _args: Any, params: dict[str, Any]
    ) -> None:
        params["user"], params["password"] = self.login, self._password

    def signed_in_as(self, login: str, password: str) -> Database:
        """The same server, connected as ``login`` (a staff member's own PostgreSQL login);
        disposed of with the server's database (the one named without a login), not with
        another person's: the next person at the desk signs in from there too."""
        root = self._root or self
        personal = Database(
            # (``URL.set`` leaves a None value unchanged: ``_replace`` sets them.)
            # The login named in the URL (the password is given at each connection): each
            # person's caches are their own (what they may see is not the next one's).
            self.url._replace(username=login, password=None),
            busy_timeout_ms=self._busy_timeout_ms,
            login=login,
            password=password,
        )
        personal._root = root
        root._signed_in.append(personal)
        return personal

    @property
    def server(self) -> Database:
        """The database this one was signed in from (itself if it was not)."""
        return self._root or self

    def dispose_server(self) -> None:
        """This database, the server's one it was signed in from, and every person's
        connection made from there (the application's end)."""
        self.server.dispose()

    @property
    def needs_personal_login(self) -> bool:
        """A server address naming no login: each person connects with their own."""
        return not self.is_sqlite and self.login is None and not self.url.username

    def use_password(self, password: str) -> None:
        """The personal login's new password, for the connections opened from now on."""
        self._password = password

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite or self.url.database in (None, "", ":memory:"):
            return None
        return Path(self.url.database)

    def describe(self) -> str:
        """A French description for the status bar and ``acsrv-desktop info`` (no password)."""
        if self.sqlite_path is not None:
            return f"Base locale SQLite : {self.sqlite_path}"
        host = self.url.host or str(self.url.query.get("host") or "localhost")
        port = f":{self.url.port}" if self.url.port else ""
        return f"Serveur PostgreSQL : {host}{port}, base « {self.url.database} »"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session to read; whatever it changed is rolled back."""
        with _unavailable_in_french(self), self._read_sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or not at all."""
        with _unavailable_in_french(self), self._write_sessions.begin() as session:
            yield session

    def write_connection(self) -> Connection:
        """A core connection whose transactions start with BEGIN IMMEDIATE on SQLite."""
        return self._write_engine.connect()

    def dispose(self) -> None:
        for personal in list(self._signed_in):
            personal.dispose()
        if self._root is not None and self in self._root._signed_in:
            self._root._signed_in.remove(self)
        self.engine.dispose()
        if self.instance_lock is not None:  # after its connections are closed
            self.instance_lock.release()
            self.instance_lock = None
