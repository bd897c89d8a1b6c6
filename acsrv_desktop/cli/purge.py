"""``purge``: anonymise the visitors not seen for the retention period."""

from __future__ import annotations

import argparse

from acsrv_desktop.cli.common import opened_database, signed_in_actor
from acsrv_desktop.core.accounts.audit import purge_old_entries
from acsrv_desktop.core.privacy import purge


def add_purge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="dire ce qui serait anonymisé, sans rien changer"
    )


def command_purge(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
        actor = signed_in_actor(db, args)
        report = purge(db, actor, dry_run=args.dry_run)
        print(report.describe())
        if not args.dry_run:
            removed = purge_old_entries(db, actor)
            print(f"Journal d’audit : {removed} entrée(s) de plus de 12 mois supprimée(s).")
    return 0
