"""``demo-data``: fill a database with synthetic visits (demonstrations, benchmarks)."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from acsrv_desktop.cli.common import opened_database, signed_in_services
from acsrv_desktop.core.text import quoted


def _count(value: str) -> int:
    try:
        number = int(value.replace("_", "").replace(" ", ""))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"nombre invalide « {quoted(value)} »") from exc
    if number < 0:
        raise argparse.ArgumentTypeError(f"nombre invalide « {quoted(value)} » (positif attendu)")
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


def command_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:>10,} / {total:,} passages".replace(",", " "), end="", file=sys.stderr)

    with opened_database(args) as db:
        # Synthetic visitors mixed into real ones would spoil the figures: administrators only.
        report = signed_in_services(db, args).maintenance.generate_demo(
            visits=args.visits,
            visitors=args.visitors,
            centres=args.centres,
            seed=args.seed,
            until=args.until,
            progress=progress,
        )
    print(file=sys.stderr)
    print(f"{report.describe()} ({time.perf_counter() - started:.1f} s)")
    return 0
