"""``transfer``: a centre's local SQLite database moved into the federation's PostgreSQL
server, by IT, as the role that owns the server's database (see ``core/server/transfer.py``)."""

from __future__ import annotations

import argparse

from acsrv_desktop.cli.server import OWNER_URL, owner_url

SOURCE_URL = "sqlite:///chemin/acsrv.sqlite3"


def add_transfer_arguments(parser: argparse.ArgumentParser) -> None:
    """``--from`` and ``--essai``; ``--db`` (the owner's URL) is main's, as for every command."""
    parser.description = (
        f"Verse la base locale SQLite d'un centre (--from {SOURCE_URL}, lue seulement, jamais "
        f"modifiée) dans le serveur PostgreSQL de la fédération (--db {OWNER_URL}, en tant que "
        "propriétaire de la base) : tout ou rien, en une transaction ; relancé, ne verse que ce "
        "qui est nouveau. Les personnes qui ressemblent à une personne déjà sur le serveur sont "
        "signalées comme doublons possibles, jamais fusionnées ; les comptes locaux ne sont pas "
        "repris (la commande account create à lancer pour chacun est indiquée)."
    )
    parser.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="URL",
        help=f"la base locale du centre : {SOURCE_URL}",
    )
    parser.add_argument(
        "--essai",
        action="store_true",
        help="fait tout le travail puis l'annule : le résumé dit ce qui serait versé",
    )


def command_transfer(args: argparse.Namespace) -> int:
    # Imported here: the other commands, and the window, never need the transfer.
    from sqlalchemy.engine import make_url

    from acsrv_desktop.core.server.transfer import transfer

    url = owner_url(args, "la commande « transfer » n'utilise")
    report = transfer(args.source, url, dry_run=args.essai)
    # The workstations' address: no owner in it (URL.set ignores None, hence _replace).
    shown = make_url(url)._replace(username=None, password=None).render_as_string(False)
    for line in report.describe(shown):
        print(line)
    return 0
