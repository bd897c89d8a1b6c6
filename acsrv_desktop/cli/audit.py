"""``audit --verify``: whether the audit trail's triggers are there and its chain intact."""

from __future__ import annotations

import argparse

from acsrv_desktop.cli.common import opened_database, signed_in_services


def add_audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--verify",
        action="store_true",
        required=True,
        help="vérifie les déclencheurs de protection et la chaîne des entrées (base locale "
        "SQLite) ; dit où elle est rompue",
    )


def command_audit(args: argparse.Namespace) -> int:
    with opened_database(args) as db:
        report = signed_in_services(db, args).audit.verify_chain()
    print(report.describe())
    return 0 if report.ok else 1
