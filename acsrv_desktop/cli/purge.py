"""``purge``: anonymise the visitors not seen for the retention period."""

from __future__ import annotations

import argparse

from acsrv_desktop.cli.common import opened_database
from acsrv_desktop.core.privacy import purge


def add_purge_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="dire ce qui serait anonymisé, sans rien changer"
    )


def command_purge(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
        report = purge(db, dry_run=args.dry_run)
    print(report.describe())
    return 0
