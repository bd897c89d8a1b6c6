"""``backup`` and ``restore``: copies of the embedded SQLite database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acsrv_desktop import paths
from acsrv_desktop.cli.common import signed_in_services
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.backups import check_backup_file
from acsrv_desktop.core.bootstrap import open_database, resolve_database_url
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.services import Services


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--folder",
        type=Path,
        metavar="DOSSIER",
        help="dossier des sauvegardes (par défaut : celui de l’application)",
    )


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER", type=Path, help="la sauvegarde à restaurer")
    parser.add_argument(
        "--yes", action="store_true", help="ne pas demander de confirmation (tâches automatiques)"
    )


def command_backup(args: argparse.Namespace) -> int:
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
        actor = signed_in_services(opened, args).actor
        actor.require(Permission.BACKUPS)  # refused before the question is asked
        return actor
    finally:
        opened.dispose()


def command_restore(args: argparse.Namespace) -> int:
    check_backup_file(args.file)  # refused before anything is asked or touched
    db = Database(resolve_database_url(args.db))
    actor = _restorer(db, args)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserFacingError("Restauration : ajoutez --yes pour confirmer sans clavier.")
        answer = input(
            f"La base {db.describe()} sera remplacée par {args.file.name} (une copie de la base "
            "actuelle est faite avant). Fermez l’application sur les autres postes. "
            "Tapez OUI pour continuer : "
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
