"""The lock every running instance holds on its SQLite database, so that a restore never
replaces a database some window is still saving into.

Each instance (a window of the application, a command of the command line) holds the lock
*shared* for as long as it has the database open; a restore needs it *alone* and is refused,
in French, while anyone else holds it; an instance that starts during a restore waits for it
to end. The lock lives in a small file beside the database (``acsrv.sqlite3-verrou``), taken
with SQLite's own file locks rather than ``fcntl``: they work alike on Linux and on Windows
(``LockFileEx``), several processes may share them, and the system releases them when a
process dies — a killed instance leaves no stale lock behind.

The file stays in SQLite's rollback-journal mode and is never written: a read transaction
kept open holds SQLite's SHARED lock on it; ``BEGIN EXCLUSIVE`` takes the EXCLUSIVE lock,
which SQLite grants only when no other connection (of any process) holds SHARED.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from acsrv_desktop.core.errors import DatabaseOpenError, UserFacingError
from acsrv_desktop.core.private_files import create_private, make_private

log = logging.getLogger(__name__)

LOCK_SUFFIX = "-verrou"
START_WAIT_SECONDS = 30.0  # a start-up waits this long for a restore to end


class DatabaseInUseError(UserFacingError):
    """Another instance of the application has the database open: a restore is refused."""


class RestoreInProgressError(DatabaseOpenError):
    """A restore of this database went on longer than a start-up waits."""


def lock_path(database: Path) -> Path:
    return Path(f"{database}{LOCK_SUFFIX}")


class InstanceLock:
    """One instance's hold on the lock of ``database`` (shared or alone)."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        if not self.path.exists():
            create_private(self.path)  # before SQLite opens it: created 0600, not 0644
        else:
            make_private(self.path)
        # Released from whichever thread disposes of the database (the GUI opens it on the
        # thread pool): the connection is only ever used under ``_mutex``.
        self._connection: sqlite3.Connection | None = sqlite3.connect(
            self.path, isolation_level=None, timeout=0, check_same_thread=False
        )
        self._mutex = threading.Lock()
        self.alone = False

    # -- taking it -------------------------------------------------------------------------

    @classmethod
    def at_start(cls, database: Path, wait_seconds: float = START_WAIT_SECONDS) -> InstanceLock:
        """The lock for an instance that opens ``database``: held shared; ``alone`` says
        whether no other instance had the database open at that moment (then, and only then,
        may leftovers of a killed backup or restore be cleaned)."""
        lock = cls(database)
        try:
            lock._begin("BEGIN EXCLUSIVE", 0)
            lock.alone = True
            return lock
        except sqlite3.OperationalError:
            pass  # another instance is running (or restoring): share it
        try:
            lock._share_or_say_why(wait_seconds)
        except RestoreInProgressError:
            lock.release()
            raise
        return lock

    def share(self) -> None:
        """Alone until now (cleaning up, restoring): others may open the database again."""
        with self._mutex:
            connection = self._open()
            if connection.in_transaction:
                connection.execute("COMMIT")
        self.alone = False
        self._share_or_say_why(START_WAIT_SECONDS)

    def _share_or_say_why(self, wait_seconds: float) -> None:
        try:
            self._hold_shared(wait_seconds)
        except sqlite3.OperationalError as exc:
            raise RestoreInProgressError(
                "Une restauration de la base est en cours sur ce poste : réessayez dans "
                "quelques minutes, quand elle sera finie."
            ) from exc

    def take_alone(self, what: str) -> None:
        """Held by this instance alone (for ``what``, e.g. « restaurer la base »), or a
        ``DatabaseInUseError`` saying that another instance has the database open — this
        instance keeps its shared hold then."""
        # SQLite cannot take EXCLUSIVE inside a read transaction: the shared hold is let go
        # for the attempt (an instant in which only another restore could come first).
        with self._mutex:
            connection = self._open()
            was_held = connection.in_transaction
            if was_held:
                connection.execute("COMMIT")
        try:
            self._begin("BEGIN EXCLUSIVE", 0)
        except sqlite3.OperationalError as exc:
            if was_held:  # held again (after a restore by another instance, if that was it)
                self._share_or_say_why(START_WAIT_SECONDS)
            raise DatabaseInUseError(
                f"Impossible de {what} : l’application a cette base ouverte ailleurs (une "
                "autre fenêtre ou une autre commande), ou une restauration est en cours. "
                "Fermez-la d’abord, puis recommencez : rien n’a été changé."
            ) from exc
        self.alone = True

    def release(self) -> None:
        with self._mutex:
            if self._connection is not None:
                self._connection.close()  # ends its transaction: the lock goes with it
                self._connection = None

    @property
    def held(self) -> bool:
        with self._mutex:
            return self._connection is not None and self._connection.in_transaction

    # -- SQLite --------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError("verrou de la base déjà relâché")
        return self._connection

    def _begin(self, statement: str, wait_seconds: float) -> None:
        with self._mutex:
            connection = self._open()
            connection.execute(f"PRAGMA busy_timeout = {int(wait_seconds * 1000)}")
            try:
                connection.execute(statement)
                if statement == "BEGIN":
                    # A read takes SHARED; kept, as the transaction stays open.
                    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    def _hold_shared(self, wait_seconds: float) -> None:
        self._begin("BEGIN", wait_seconds)

    @classmethod
    def ensure_alone(cls, database: Path, what: str) -> None:
        """A ``DatabaseInUseError`` now if another instance has ``database`` open (asked
        before a question the person would answer for nothing)."""
        if not database.exists():
            return
        probe = cls(database)
        try:
            probe.take_alone(what)
        finally:
            probe.release()

    def __repr__(self) -> str:
        state = "seul" if self.alone else "partagé"
        return f"InstanceLock({self.path.name}, {state})"
