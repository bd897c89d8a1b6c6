"""``demo-data``: fill a database with synthetic visits (demonstrations, benchmarks)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from acsrv_desktop import paths
from acsrv_desktop.cli.common import opened_database, signed_in_services
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.text import quoted


def _count(value: str) -> int:
    try:
        number = int(value.replace("_", "").replace(" ", ""))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"nombre invalide « {quoted(value)} »") from exc
    if number < 0:
        raise argparse.ArgumentTypeError(f"nombre invalide « {quoted(value)} » (positif attendu)")
    return number


def _batch(value: str) -> int:
    number = _count(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"taille de lot invalide « {quoted(value)} » (1 ou plus)")
    return number


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"date invalide « {quoted(value)} » (AAAA-MM-JJ)") from exc


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--visits", type=_count, required=True, help="nombre de passages")
    parser.add_argument("--visitors", type=_count, help="nombre de personnes (passages ÷ 5)")
    parser.add_argument("--centres", type=_count, default=12, help="nombre de centres (12)")
    parser.add_argument("--seed", type=int, default=1, help="graine (mêmes données à chaque fois)")
    parser.add_argument(
        "--until",
        type=_day,
        metavar="AAAA-MM-JJ",
        help="dernier jour des données (aujourd’hui par défaut ; même graine et même jour : "
        "mêmes données)",
    )
    parser.add_argument(
        "--batch-size",
        type=_batch,
        metavar="N",
        help="passages validés ensemble (100 000) : une interruption garde des lots entiers",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="même si la base a des passages réels — seulement dans une copie d’essai nommée "
        "par --db sqlite:///FICHIER, jamais la base du poste ni un serveur",
    )


def _check_force(db: Database, args: argparse.Namespace) -> None:
    """``--force`` mixes fake visits into real ones: only in a file named on purpose, a copy
    made for trials — never the workstation's own database, never a server."""
    if not args.force:
        return
    path = db.sqlite_path
    if (
        not getattr(args, "db", None)
        or path is None
        or path.resolve() == paths.default_database_path().resolve()
    ):
        raise UserFacingError(
            "--force ne vaut que pour une copie d’essai nommée par --db sqlite:///FICHIER "
            "(jamais la base du poste ni un serveur). Rien n’a été écrit."
        )


def command_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:>10,} / {total:,} passages".replace(",", " "), end="", file=sys.stderr)

    with opened_database(args) as db:
        _check_force(db, args)
        # Synthetic visitors mixed into real ones would spoil the figures: administrators only,
        # and only where no real visit is (unless --force on a copy for trials).
        report = signed_in_services(db, args).maintenance.generate_demo(
            visits=args.visits,
            visitors=args.visitors,
            centres=args.centres,
            seed=args.seed,
            until=args.until,
            progress=progress,
            batch=args.batch_size,
            force=args.force,
            notice=print,
        )
    print(file=sys.stderr)
    print(f"{report.describe()} ({time.perf_counter() - started:.1f} s)")
    return 0
