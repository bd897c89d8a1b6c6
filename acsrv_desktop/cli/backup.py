"""``backup`` and ``restore``: copies of the embedded SQLite database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acsrv_desktop import paths
from acsrv_desktop.cli.common import signed_in_actor
from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.backups import check_backup_file, make_backup, restore
from acsrv_desktop.core.bootstrap import open_database, resolve_database_url
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError


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
        actor = signed_in_actor(opened.db, args)
        actor.require(Permission.BACKUPS)
        made = make_backup(opened.db, args.folder or paths.backup_dir_path())
        audit.write(opened.db, actor, "sauvegarde", fichier=made.name)
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
        actor = signed_in_actor(opened, args)
        actor.require(Permission.BACKUPS)
        return actor
    finally:
        opened.dispose()


def command_restore(args: argparse.Namespace) -> int:
    revision = check_backup_file(args.file)  # refused before anything is asked or touched
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
    safety = restore(db, args.file, paths.backup_dir_path())
    # A backup of an older version is brought to the current schema at once.
    restored = open_database(resolve_database_url(args.db)).db
    try:
        # The file's name is not kept: a name chosen by someone may hold a person's name.
        # The entries written since the backup are in the copy of the replaced database.
        audit.write(restored, actor, "restauration", revision=revision, copie=safety.name)
    finally:
        restored.dispose()
    print(
        f"Base restaurée depuis {args.file} (révision {revision}). "
        f"Copie de la base remplacée : {safety}"
    )
    return 0
