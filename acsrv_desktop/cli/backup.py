"""``backup`` and ``restore``: copies of the embedded SQLite database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acsrv_desktop import paths
from acsrv_desktop.cli.common import HadAccountsError, signed_in_services
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.backups import check_backup_file, verify_backup_file
from acsrv_desktop.core.bootstrap import open_database, resolve_database_url
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.instance_lock import InstanceLock
from acsrv_desktop.core.services import Services


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--folder",
        type=Path,
        metavar="DOSSIER",
        help="dossier des sauvegardes (par défaut : celui de l’application)",
    )
    parser.add_argument(
        "--verify",
        type=Path,
        metavar="FICHIER",
        help="vérifie une sauvegarde en entier (intégrité, version), sans rien changer",
    )


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", type=Path, help="la sauvegarde à restaurer")
    parser.add_argument(
        "--yes", action="store_true", help="ne pas demander de confirmation (tâches automatiques)"
    )


def command_verify(path: Path) -> int:
    """``backup --verify FICHIER``: reads the file only (no database opened, no sign-in)."""
    summary = verify_backup_file(path, "elle ne pourrait pas être restaurée")
    last = f", le dernier le {summary.last_visit:%d/%m/%Y}" if summary.last_visit else ""
    print(
        f"Sauvegarde valide : {path} — intègre (vérification complète), révision "
        f"{summary.revision}, {summary.visits} passage(s){last}."
    )
    return 0


def command_backup(args: argparse.Namespace) -> int:
    if args.verify is not None:
        return command_verify(args.verify)
    url = resolve_database_url(args.db)
    if not Database(url).is_sqlite:
        raise UserFacingError(
            "Cette base est sur un serveur PostgreSQL : sa sauvegarde se fait sur le serveur "
            "(pg_dump), par son administrateur."
        )
    opened = open_database(url)
    try:
        made = signed_in_services(opened.db, args).maintenance.backup(
            args.folder or paths.backup_dir_path()
        )
    finally:
        opened.db.dispose()
    print(f"Sauvegarde faite : {made}")
    return 0


def _restorer(db: Database, args: argparse.Namespace) -> Actor:
    """The administrator restoring, signed in against the database being replaced (when it can
    still be opened: a damaged database is restored by whoever holds the machine)."""
    try:
        opened = open_database(resolve_database_url(args.db)).db
    except UserFacingError:
        db.dispose()
        return Actor.command_line()
    try:
        try:
            actor = signed_in_services(opened, args).actor
        except HadAccountsError:
            # No account left, yet the trail says it had some (or is altered): restoring a
            # backup is the remedy, open to whoever holds the file as for a damaged
            # database, and traced in the restored one.
            return Actor.command_line()
        actor.require(Permission.BACKUPS)  # refused before the question is asked
        return actor
    finally:
        opened.dispose()


def command_restore(args: argparse.Namespace) -> int:
    check_backup_file(args.file)  # refused before anything is asked or touched
    db = Database(resolve_database_url(args.db))
    actor = _restorer(db, args)
    if db.sqlite_path is not None:
        InstanceLock.ensure_alone(db.sqlite_path, "restaurer la base")  # before the question
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserFacingError("Restauration : ajoutez --yes pour confirmer sans clavier.")
        answer = input(
            f"La base {db.describe()} sera remplacée par {args.file.name} (une copie de la base "
            "actuelle est faite avant). Tapez OUI pour continuer : "
        )
        if answer.strip().upper() != "OUI":
            print("Restauration annulée : rien n’a changé.")
            return 1
    done = Services(db, actor).maintenance.restore(args.file, paths.backup_dir_path())
    print(
        f"Base restaurée depuis {args.file} (révision {done.revision}). "
        f"Copie de la base remplacée : {done.safety_copy}"
    )
    return 0
