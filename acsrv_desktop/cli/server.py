"""``server init`` and ``server migrate``: the shared PostgreSQL database, set up and upgraded
by the federation's IT as the role that owns it (a workstation never migrates it)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from acsrv_desktop.cli.argparse_fr import FrenchArgumentParser
from acsrv_desktop.cli.common import NEW_PASSWORD_ENV, read_new_password
from acsrv_desktop.core.errors import UserFacingError

if TYPE_CHECKING:
    from acsrv_desktop.core.server.setup import ServerReport

OWNER_URL = "postgresql+psycopg://PROPRIÉTAIRE@serveur/base"


def add_server_arguments(
    parser: argparse.ArgumentParser, database_option: Callable[..., None]
) -> None:
    actions = parser.add_subparsers(
        title="actions ",
        dest="server_action",
        metavar="ACTION",
        required=True,
        parser_class=FrenchArgumentParser,
    )
    init = actions.add_parser(
        "init",
        help="crée le schéma, les groupes et leurs droits, puis le premier administrateur",
        description="Prépare une base PostgreSQL vide, en tant que son propriétaire "
        f"(--db {OWNER_URL}) : schéma, catalogue et centres livrés, groupes acsrv_accueil, "
        "acsrv_coordination et acsrv_administration et leurs droits, puis le premier compte "
        f"d'administration (mot de passe demandé deux fois, ou lu dans {NEW_PASSWORD_ENV}).",
    )
    database_option(init, default=argparse.SUPPRESS)
    init.add_argument(
        "--admin-login",
        required=True,
        metavar="IDENTIFIANT",
        help="identifiant du premier administrateur (aussi son rôle de connexion PostgreSQL)",
    )
    init.add_argument(
        "--admin-name", default="", metavar="NOM", help="son nom affiché, « Prénom Nom »"
    )
    upgrade = actions.add_parser(
        "migrate",
        help="met à jour le schéma et réapplique les droits",
        description=f"Met à jour le schéma d'une base PostgreSQL (--db {OWNER_URL}), en tant "
        "que son propriétaire, et réapplique les droits des groupes.",
    )
    database_option(upgrade, default=argparse.SUPPRESS)


def owner_url(args: argparse.Namespace, which: str = "les commandes « server » n'utilisent") -> str:
    """The --db URL of a command run as the database's owner (never the workstation's);
    ``which`` names the command in the refusal."""
    url = getattr(args, "db", None)
    if not url:
        raise UserFacingError(
            f"Indiquez la base et son propriétaire : --db {OWNER_URL} ({which} ni la variable "
            "ACSRV_DATABASE_URL ni la base locale)."
        )
    return str(url)


def _admin_password() -> str:
    return read_new_password("Mot de passe de l'administrateur", "rien n'a été changé.")


def _print(report: ServerReport) -> None:
    for line in report.describe():
        print(line)


def command_server(args: argparse.Namespace) -> int:
    # Imported here: the other commands, and the window, never need the server's set-up.
    from sqlalchemy.engine import make_url

    from acsrv_desktop.core.server.setup import FirstAdministrator, initialise, migrate

    url = owner_url(args)
    if args.server_action == "init":
        admin = FirstAdministrator(
            args.admin_login,
            args.admin_name,
            _admin_password(),
        )
        _print(initialise(url, admin))
        # URL.set ignores None: _replace drops a password given in the URL.
        shown = make_url(url)._replace(password=None).render_as_string(hide_password=False)
        print(
            "Base prête pour les postes. À chaque nouvelle version de l'application : "
            f"acsrv-desktop server migrate --db {shown}"
        )
        return 0
    report = migrate(url)
    before = report.upgrade.previous_revision or "aucune"
    print(f"Révision avant : {before} ; après : {report.upgrade.current_revision}.")
    _print(report)
    return 0
