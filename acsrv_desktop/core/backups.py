"""Backups of the embedded SQLite database: on demand, daily with rotation, and restore.

Copies use SQLite's online backup API: consistent while the application writes (every
transaction committed before the copy began is in it). Every copy is checked (``PRAGMA
quick_check``) on the database before and on the copy after: a damaged database is never
copied, so the rotation can never replace the good copies with damaged ones. A restore goes
through the same API, into the database, while this instance holds the database alone
(core/instance_lock.py): no other window can be saving into it meanwhile, and a restore killed
half-way leaves the database as it was. A PostgreSQL server is backed up by its administrator
(pg_dump), not by the workstations.
"""

from __future__ import annotations

import errno
import glob
import logging
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from acsrv_desktop.core import storage
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.database import Database, DatabaseDamagedError, is_damaged_database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.instance_lock import InstanceLock
from acsrv_desktop.core.private_files import create_private, open_private
from acsrv_desktop.core.schema import alembic_config

log = logging.getLogger(__name__)

DAILY = "quotidienne"
BEFORE_RESTORE = "avant-restauration"
# Generations of the daily copies, counted as restic's --keep-daily/weekly/monthly count them:
# the newest copy of each of the 7 newest days, of the 4 newest weeks, of the 12 newest months.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
REQUIRED_TABLES = {"alembic_version", "centre", "programme", "visit", "visitor"}
QUICK_CHECK_LINES = 20  # enough to say where; the full list is SQLite's, for the log
_STAMP = re.compile(r"-(\d{8})-(\d{6})-(\d{6})\.sqlite3$")

Progress = Callable[[int, int], None]  # (pages remaining, pages in all)


def _sqlite_path(db: Database) -> Path:
    if db.sqlite_path is None:
        raise UserFacingError(
            "Cette base est sur un serveur PostgreSQL : sa sauvegarde se fait sur le serveur "
            "(pg_dump), par son administrateur."
        )
    return db.sqlite_path


class CheckImpossibleError(UserFacingError):
    """The check could not run (the database busy too long, a disk error): not a damage."""


def _is_damage(exc: BaseException) -> bool:
    return is_damaged_database(exc)


def _in_french(exc: sqlite3.Error | OSError) -> str:
    detail = str(exc).lower()
    if "full" in detail or getattr(exc, "errno", None) == errno.ENOSPC:
        return "le disque est plein"
    if "locked" in detail or "busy" in detail:
        return "la base est occupée par une autre fenêtre depuis trop longtemps"
    return "erreur de lecture ou d’écriture sur le disque"


def quick_check(path: Path) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong in the SQLite file ``path`` (nothing: []);
    a ``CheckImpossibleError`` when it could not look (busy, unreadable disk): only what
    SQLite calls corrupt counts as damage."""
    try:
        connection = storage.open_read_only(path)
        try:
            rows = connection.execute(f"PRAGMA quick_check({QUICK_CHECK_LINES})").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        if _is_damage(exc):  # "file is not a database", "malformed"…
            return [str(exc)]
        log.warning("vérification impossible de %s : %s", path.name, exc)
        raise CheckImpossibleError(
            f"{path.name} n’a pas pu être vérifiée ({_in_french(exc)}) : rien n’a été copié "
            "ni supprimé ; elle le sera au prochain démarrage."
        ) from exc
    except OSError as exc:
        raise CheckImpossibleError(
            f"{path.name} n’a pas pu être vérifiée ({_in_french(exc)}) : rien n’a été copié "
            "ni supprimé."
        ) from exc
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def backup_time(path: Path) -> datetime | None:
    """When a backup was made (Paris time), read from its name."""
    found = _STAMP.search(path.name)
    if found is None:
        return None
    day, clock, micro = found.groups()
    return datetime.strptime(day + clock + micro, "%Y%m%d%H%M%S%f").replace(tzinfo=PARIS)


def last_good_backup(folder: Path, database: Path) -> Path | None:
    """The newest backup of ``database`` in ``folder`` that ``quick_check`` finds whole."""
    for candidate in backups(folder, database=database):
        try:
            if not quick_check(candidate):
                return candidate
        except CheckImpossibleError:
            continue
    return None


def damaged_message(database: Path, folder: Path) -> str:
    """What a person reads when the database is damaged: what happened, and what to do."""
    from acsrv_desktop import paths

    good = last_good_backup(folder, database)
    named = "" if database == paths.default_database_path() else f" --db {database}"
    if good is None:
        what_to_do = (
            "Aucune sauvegarde valide n’a été trouvée dans le dossier des sauvegardes : "
            "prévenez le service informatique avant toute autre saisie."
        )
    else:
        made = backup_time(good)
        when = f" (faite le {made:%d/%m/%Y à %H:%M})" if made else ""
        what_to_do = (
            "Fermez l’application sur ce poste et dans ses autres fenêtres, puis restaurez la "
            f"dernière sauvegarde valide{when} : « acsrv-desktop{named} restore {good} ». "
            "Prévenez le service informatique."
        )
    return (
        f"La base de données est endommagée ({database.name}) : aucune sauvegarde n’en a été "
        "faite, pour garder intactes les bonnes copies. " + what_to_do
    )


def _refuse_if_damaged(path: Path, folder: Path, what: str) -> None:
    problems = quick_check(path)
    if problems:
        log.error("%s endommagée (quick_check) : %s", what, "; ".join(problems))
        raise DatabaseDamagedError(damaged_message(path, folder))


def make_backup(
    db: Database,
    folder: Path,
    kind: str = "manuelle",
    when: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """A consistent copy of the database, named with its kind and the (Paris) time; checked
    on the database before and on the copy after (a damaged one is refused, not copied)."""
    source = _sqlite_path(db)
    _refuse_if_damaged(source, folder, "base")
    return _checked_copy(source, folder, kind, when, progress)


def _checked_copy(
    source: Path,
    folder: Path,
    kind: str,
    when: datetime | None,
    progress: Progress | None = None,
) -> Path:
    """The copy of a database already checked whole, then the check of the copy."""
    stamp = (when or utc_now()).astimezone(PARIS)
    target = storage.timestamped_backup_path(folder, source, kind, stamp)
    try:
        storage.backup_sqlite(source, target, progress)
    except (sqlite3.Error, OSError) as exc:
        log.error("sauvegarde %s impossible : %s", target.name, exc)
        raise UserFacingError(
            f"La sauvegarde n’a pas pu être écrite ({_in_french(exc)}) : aucune copie "
            "partielle n’est restée, la base n’a pas changé."
        ) from exc
    problems = quick_check(target)
    if problems:  # written wrong (a failing disk): not kept, it would pass for a good one
        target.unlink(missing_ok=True)
        log.error("copie %s endommagée (quick_check) : %s", target.name, "; ".join(problems))
        raise DatabaseDamagedError(
            f"La sauvegarde {target.name} s’est mal écrite (le disque du dossier des "
            "sauvegardes est peut-être défaillant) : elle a été supprimée. La base n’a pas "
            "changé ; prévenez le service informatique."
        )
    log.info("sauvegarde %s : %s", kind, target)
    return target


def backups(folder: Path, kind: str | None = None, *, database: Path | None = None) -> list[Path]:
    """The backups in ``folder`` (of ``database`` only, when given: several databases may
    share the folder, each named by its file's stem), newest first."""
    if not folder.is_dir():
        return []
    stem = f"{glob.escape(database.stem)}-" if database is not None else "*-"
    pattern = f"{stem}{kind}-*.sqlite3" if kind else f"{stem}*.sqlite3"
    # The names end with a sortable time stamp (…-AAAAMMJJ-HHMMSS-micro.sqlite3).
    return sorted(folder.glob(pattern), key=lambda p: p.name[-31:], reverse=True)


def generations_kept(
    copies: Iterable[Path],
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[Path]:
    """Of ``copies``, those kept: the newest of each of the ``daily`` newest days, of the
    ``weekly`` newest ISO weeks, of the ``monthly`` newest months."""
    dated = sorted(
        ((made, path) for path in copies if (made := backup_time(path)) is not None),
        reverse=True,
    )
    kept: set[Path] = set()
    periods: list[tuple[int, Callable[[date], object]]] = [
        (daily, lambda d: d),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ]
    for count, period_of in periods:
        seen: set[object] = set()
        for made, path in dated:  # newest first: the first of a period is its newest
            period = period_of(made.date())
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            kept.add(path)
    return kept


def daily_backup_if_due(db: Database, folder: Path, now: datetime | None = None) -> Path | None:
    """At every start: the database checked (a damaged one is reported, never copied); once
    a day (Paris time), a checked copy, then only the generations of daily copies kept."""
    if db.sqlite_path is None:
        return None
    database = db.sqlite_path
    _refuse_if_damaged(database, folder, "base")
    now = (now or utc_now()).astimezone(PARIS)
    if any(f"-{DAILY}-{now:%Y%m%d}" in p.name for p in backups(folder, DAILY, database=database)):
        return None
    made = _checked_copy(database, folder, DAILY, now)  # the database checked just above
    # Only after a copy checked good: every copy in the folder was checked when made. A copy
    # whose name gives no date (renamed by someone) is never removed.
    daily_copies = backups(folder, DAILY, database=database)
    kept = generations_kept(daily_copies)
    for old in daily_copies:
        if old not in kept and backup_time(old) is not None:
            old.unlink(missing_ok=True)
    return made


@dataclass(frozen=True)
class BackupSummary:
    revision: str
    visits: int
    last_visit: date | None


def check_backup_file(path: Path, refused: str = "restauration refusée") -> str:
    """The schema revision of a valid backup of this application; a French refusal
    (ending with ``refused``) otherwise."""
    return verify_backup_file(path, refused).revision


def verify_backup_file(path: Path, refused: str = "sauvegarde refusée") -> BackupSummary:
    """A backup checked whole (``PRAGMA integrity_check``), of this application and of a
    version it knows; what it holds, or a French refusal ending with ``refused``."""
    if not path.is_file():
        raise UserFacingError(f"Fichier introuvable : {path}")
    try:
        connection = storage.open_read_only(path)
        try:
            if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise UserFacingError(f"{path.name} est endommagé : {refused}.")
            tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
            if not tables >= REQUIRED_TABLES:
                raise UserFacingError(
                    f"{path.name} n’est pas une sauvegarde d’acsrv-desktop : {refused}."
                )
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            visits, last = connection.execute(
                "SELECT count(*), max(occurred_at) FROM visit"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise UserFacingError(f"{path.name} est endommagé : {refused}.") from exc
        raise UserFacingError(
            f"{path.name} n’est pas une base de données lisible : {refused}."
        ) from exc
    from alembic.script import ScriptDirectory  # only for a restore: not at start-up
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError as exc:
        raise UserFacingError(
            f"{path.name} vient d’une version plus récente d’acsrv-desktop : {refused}."
        ) from exc
    return BackupSummary(revision, int(visits), _paris_day(last))


def _paris_day(stored: str | None) -> date | None:
    if not stored:
        return None
    moment = datetime.fromisoformat(str(stored))
    if moment.tzinfo is None:  # SQLite holds naive UTC (models.UTCDateTime)
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(PARIS).date()


def restore(
    db: Database,
    backup: Path,
    folder: Path,
    progress: Progress | None = None,
    *,
    checked: bool = False,
) -> Path:
    """Replace the database with ``backup``, after saving the current one; returns that copy.

    Refused (``DatabaseInUseError``) while another instance has the database open; the
    backup is copied into the database by SQLite's backup API, in one transaction.
    ``checked``: the caller has just verified the backup whole (``check_backup_file``).
    """
    if not checked:
        check_backup_file(backup)
    target = _sqlite_path(db)
    own_lock = db.instance_lock is None
    lock = db.instance_lock or InstanceLock(target)
    try:
        lock.take_alone("restaurer la base")
        safety = _safety_copy(target, folder) if target.exists() else None
        db.engine.dispose()  # this instance's connections: only the lock stays open
        _copy_backup_into(backup, target, progress)
    finally:
        if own_lock:
            lock.release()
        elif lock.alone:
            lock.share()
    log.info("base restaurée depuis %s (copie préalable : %s)", backup, safety)
    return safety or target


def _safety_copy(target: Path, folder: Path) -> Path:
    """The database about to be replaced, copied whatever its state: a damaged one too (what
    can still be read of it may be wanted)."""
    copy = storage.timestamped_backup_path(folder, target, BEFORE_RESTORE)
    try:
        return storage.backup_sqlite(target, copy)
    except sqlite3.Error as exc:
        if not _is_damage(exc):
            raise UserFacingError(
                f"La copie de la base actuelle n’a pas pu être faite ({_in_french(exc)}) : "
                "restauration annulée, rien n’a changé."
            ) from exc
    # Too damaged for SQLite to read: the files as they are, its write-ahead log with it
    # (the newest saves may be there only).
    for suffix in ("", "-wal"):
        source_file = Path(f"{target}{suffix}")
        if source_file.exists():
            with (
                source_file.open("rb") as source,
                open_private(Path(f"{copy}{suffix}"), "wb") as out,
            ):
                shutil.copyfileobj(source, out)
    return copy


def _copy_backup_into(backup: Path, target: Path, progress: Progress | None) -> None:
    if not target.exists():
        create_private(target)  # SQLite would create it with the umask's mode
    source = storage.open_read_only(backup)
    try:
        destination = sqlite3.connect(target, timeout=10)
        try:
            # Out of WAL mode for the copy: the backup API refuses a WAL destination whose
            # page size differs; the application's connections set WAL again.
            destination.execute("PRAGMA journal_mode = DELETE")
            storage.copy_pages(source, destination, progress)
            destination.execute("PRAGMA journal_mode = WAL")
        finally:
            destination.close()
    except sqlite3.Error as exc:
        if not _is_damage(exc):
            log.error("restauration impossible : %s", exc)
            raise UserFacingError(
                f"La restauration n’a pas pu se faire ({_in_french(exc)}) : la base est "
                "restée telle qu’elle était."
            ) from exc
        # The database is too damaged for SQLite to write into: replaced as a file. This
        # instance holds it alone, so no connection is open on it.
        log.warning("base illisible, remplacée comme fichier : %s", exc)
        _replace_file(backup, target)
    finally:
        source.close()


def _replace_file(backup: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".restauration")
    with backup.open("rb") as source, open_private(partial, "wb") as copy:
        shutil.copyfileobj(source, copy)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    partial.replace(target)
