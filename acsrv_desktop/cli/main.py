"""``acsrv-desktop``: starts the GUI, or runs a sub-command on the same services."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from acsrv_desktop import __version__, paths
from acsrv_desktop.cli.account import add_account_arguments, command_account
from acsrv_desktop.cli.argparse_fr import FrenchArgumentParser
from acsrv_desktop.cli.audit import add_audit_arguments, command_audit
from acsrv_desktop.cli.backup import (
    add_backup_arguments,
    add_restore_arguments,
    command_backup,
    command_restore,
)
from acsrv_desktop.cli.catalogue import (
    add_catalogue_arguments,
    add_search_arguments,
    command_catalogue,
    command_search,
)
from acsrv_desktop.cli.common import add_identity_option
from acsrv_desktop.cli.demo import add_demo_arguments, command_demo
from acsrv_desktop.cli.export import add_export_arguments, command_export
from acsrv_desktop.cli.purge import add_purge_arguments, command_purge
from acsrv_desktop.cli.route import add_route_arguments, command_route
from acsrv_desktop.cli.server import add_server_arguments, command_server
from acsrv_desktop.cli.transfer import add_transfer_arguments, command_transfer
from acsrv_desktop.core.bootstrap import DATABASE_URL_ENV, open_database, resolve_database_url
from acsrv_desktop.core.database import parse_database_url
from acsrv_desktop.core.errors import DatabaseOpenError, UserFacingError, french_os_error
from acsrv_desktop.core.private_files import private_umask
from acsrv_desktop.logging_setup import LOG_FILE_NAME, configure_logging

log = logging.getLogger(__name__)
PROG = "acsrv-desktop"

DESCRIPTION = f"""\
Poste d'accueil des centres sociaux de l'ACSRV.

Sans commande, ouvre la fenêtre de l'application. La base de données est, dans l'ordre :
l'option --db, la variable d'environnement {DATABASE_URL_ENV}, sinon une base SQLite locale
dans le dossier de données de l'utilisateur, créée au premier démarrage.
"""


def _database_url_argument(value: str) -> str:
    try:
        parse_database_url(value)
    except DatabaseOpenError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
    return value


def _database_option(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        type=_database_url_argument,
        help="base de données : sqlite:///chemin.sqlite3 ou postgresql+psycopg://utilisateur@serveur/base",
    )


SIGNED_COMMANDS = ("catalogue", "demo-data", "export", "backup", "restore", "purge", "audit")


def build_parser() -> FrenchArgumentParser:
    parser = FrenchArgumentParser(prog=PROG, description=DESCRIPTION)
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help="affiche la version et quitte",
    )
    _database_option(parser, default=None)
    parser.add_argument(
        "--quit-when-idle",
        action="store_true",
        help="ouvre la fenêtre principale puis quitte dès qu'elle est affichée "
        "(tests automatiques, mesure du démarrage ; avec QT_QPA_PLATFORM=offscreen sans écran)",
    )
    commands = parser.add_subparsers(
        title="commandes ", dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser
    )
    subs = {}
    for name, help_text in (
        ("info", "affiche la version, la base utilisée et l'état de son schéma"),
        ("migrate", "crée ou met à jour la base locale SQLite, puis quitte (PostgreSQL : server)"),
        ("search", "cherche dans le catalogue des programmes (accents, fautes de frappe tolérés)"),
        ("catalogue", "exporte ou importe le catalogue au format data·inclusion (JSON)"),
        ("route", "propose les programmes qui conviennent à une personne, avec les raisons"),
        ("demo-data", "remplit la base de données fictives (démonstration, mesures)"),
        (
            "export",
            "exporte la fréquentation d’un mois, d’un trimestre, d’une année ou de jours "
            "choisis (XLSX, CSV ou PDF)",
        ),
        ("account", "crée, liste ou désactive les comptes du personnel (administration)"),
        ("backup", "sauvegarde la base locale (copie cohérente, même pendant l’utilisation)"),
        ("restore", "remplace la base locale par une sauvegarde (après une copie de sécurité)"),
        ("purge", "anonymise les fiches des personnes non revues depuis la durée de conservation"),
        ("audit", "vérifie que le journal d’audit est intact (--verify)"),
        ("server", "prépare (init) ou met à jour (migrate) une base PostgreSQL partagée"),
        ("transfer", "verse la base locale SQLite d'un centre dans le serveur PostgreSQL"),
    ):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # Accepted after the command too; SUPPRESS keeps a --db given before it.
        _database_option(sub, default=argparse.SUPPRESS)
        if name in SIGNED_COMMANDS:
            add_identity_option(sub)
        subs[name] = sub
    add_search_arguments(subs["search"])
    add_catalogue_arguments(subs["catalogue"])
    add_route_arguments(subs["route"])
    add_demo_arguments(subs["demo-data"])
    add_export_arguments(subs["export"])
    add_account_arguments(subs["account"], _database_option)
    add_backup_arguments(subs["backup"])
    add_restore_arguments(subs["restore"])
    add_purge_arguments(subs["purge"])
    add_audit_arguments(subs["audit"])
    add_server_arguments(subs["server"], _database_option)
    add_transfer_arguments(subs["transfer"])
    return parser


def _command_info(args: argparse.Namespace) -> int:
    opened = open_database(resolve_database_url(args.db))
    try:
        print(f"{PROG} {__version__}")
        print(opened.db.describe())
        print(opened.upgrade.describe())
        print(f"Dossier de données : {paths.user_data_dir()}")
        print(f"Journal : {paths.user_log_dir() / LOG_FILE_NAME}")
    finally:
        opened.db.dispose()
    return 0


def _command_migrate(args: argparse.Namespace) -> int:
    opened = open_database(resolve_database_url(args.db))
    opened.db.dispose()
    print(opened.upgrade.describe())
    return 0


def _command_gui(args: argparse.Namespace) -> int:
    from acsrv_desktop.gui.application import run_gui  # Qt is imported only for the GUI

    return run_gui(resolve_database_url(args.db), quit_when_idle=args.quit_when_idle)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _command_gui,
    "info": _command_info,
    "migrate": _command_migrate,
    "search": command_search,
    "catalogue": command_catalogue,
    "route": command_route,
    "demo-data": command_demo,
    "export": command_export,
    "account": command_account,
    "backup": command_backup,
    "restore": command_restore,
    "purge": command_purge,
    "audit": command_audit,
    "server": command_server,
    "transfer": command_transfer,
}


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    with private_umask():  # the log, the database, the exports: the owner's only
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    configure_logging()
    try:
        return COMMANDS[args.command](args)
    except UserFacingError as exc:
        print(f"{PROG} : {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The output went to a program that stopped reading (``| head``): not an error.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (silences the flush at exit)
        return 0
    except OSError as exc:
        # A user folder that is a file, a full disk, a permission: say which file, in French.
        print(f"{PROG} : erreur d'accès à un fichier : {french_os_error(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG} : interrompu.", file=sys.stderr)
        return 130
