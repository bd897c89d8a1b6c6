"""``purge``: anonymise the visitors not seen for the retention period."""

from __future__ import annotations

import argparse

from acsrv_desktop.cli.common import opened_database, signed_in_services


def add_purge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="dire ce qui serait anonymisé, sans rien changer"
    )


def command_purge(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
        privacy = signed_in_services(db, args).privacy
        report = privacy.purge(dry_run=args.dry_run)
        print(report.describe())
        if not args.dry_run:
            removed = privacy.purge_audit_trail()
            print(f"Journal d’audit : {removed} entrée(s) de plus de 12 mois supprimée(s).")
    return 0
