"""``export``: the attendance of a month, a quarter, a year or any days, as a scheduled job
would ask for it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from acsrv_desktop.cli.common import centre_by_name, opened_database, signed_in_services
from acsrv_desktop.core.atomic_output import protect_database
from acsrv_desktop.core.attendance.figures import AttendanceReport, Period
from acsrv_desktop.core.attendance.service import check_export_target
from acsrv_desktop.core.bootstrap import resolve_database_url
from acsrv_desktop.core.errors import UserFacingError

T = TypeVar("T")


def _argument(parse: Callable[[str], T]) -> Callable[[str], T]:
    """``parse`` as an argparse type: its French refusal becomes argparse's usage error."""

    def parsed(value: str) -> T:
        try:
            return parse(value)
        except UserFacingError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc

    return parsed


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    when = parser.add_argument_group(
        "période (une seule, obligatoire)",
        "un mois, un trimestre, une année, ou --du et --au ensemble",
    )
    choice = when.add_mutually_exclusive_group()
    choice.add_argument(
        "--month",
        "--mois",
        type=_argument(Period.parse_month),
        metavar="AAAA-MM",
        help="un mois, ex. 2026-11",
    )
    choice.add_argument(
        "--quarter",
        "--trimestre",
        type=_argument(Period.parse_quarter),
        metavar="AAAA-TN",
        help="un trimestre, ex. 2026-T1 (janvier à mars)",
    )
    choice.add_argument(
        "--year",
        "--annee",
        type=_argument(Period.parse_year),
        metavar="AAAA",
        help="une année civile, ex. 2026",
    )
    choice.add_argument(
        "--from",
        "--du",
        dest="start",
        type=_argument(Period.parse_day),
        metavar="AAAA-MM-JJ",
        help="premier jour d'une période libre (avec --au)",
    )
    when.add_argument(
        "--to",
        "--au",
        dest="end",
        type=_argument(Period.parse_day),
        metavar="AAAA-MM-JJ",
        help="dernier jour, compris (avec --du)",
    )
    parser.add_argument("--centre", metavar="NOM", help="un centre (par défaut : tous)")
    parser.add_argument(
        "--detail",
        action="store_true",
        help="XLSX : ajoute une feuille anonymisée, un passage par ligne (ni nom ni note)",
    )
    parser.add_argument(
        "--format",
        choices=("xlsx", "csv", "pdf"),
        required=True,
        help="xlsx (classeur), csv (dossier ou .zip de fichiers CSV) ou pdf (rapport avec tous "
        "les tableaux et des graphiques)",
    )
    parser.add_argument(
        "--output", type=Path, required=True, metavar="CHEMIN", help="fichier à écrire"
    )


def _draw_pdf(report: AttendanceReport) -> bytes:
    """The PDF report draws Qt charts: an offscreen Qt application is enough (no screen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.gui.attendance.report_pdf import report_pdf

    _app = QApplication.instance() or QApplication([sys.argv[0]])
    return report_pdf(report)


def _protect_the_database(args: argparse.Namespace) -> None:
    """The SQLite file of the command named as such in a refusal, not as « une base »."""
    from acsrv_desktop.core.database import parse_database_url

    url = parse_database_url(resolve_database_url(getattr(args, "db", None)))
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        protect_database(Path(url.database))


def chosen_period(args: argparse.Namespace) -> Period:
    """The one period asked for, or a French message saying how to ask for one."""
    if args.end is not None and (args.month or args.quarter or args.year):
        raise UserFacingError("--au va avec --du seulement : une seule période à la fois.")
    if (args.start is None) != (args.end is None):
        raise UserFacingError(
            "Une période libre demande --du et --au, ex. --du 2026-01-01 --au 2026-06-30."
        )
    if args.start is not None:
        return Period(args.start, args.end)
    period: Period | None = args.month or args.quarter or args.year
    if period is None:
        raise UserFacingError(
            "Indiquez la période : --mois AAAA-MM, --trimestre AAAA-T1, --annee AAAA, ou "
            "--du AAAA-MM-JJ --au AAAA-MM-JJ."
        )
    return period


def command_export(args: argparse.Namespace) -> int:
    period = chosen_period(args)
    if args.detail and args.format != "xlsx":
        raise UserFacingError("--detail ne s’applique qu’à l’export xlsx.")
    _protect_the_database(args)  # known as the database's before it is opened
    check_export_target(args.format, args.output)  # before the database is even opened
    with opened_database(args) as db:
        services = signed_in_services(db, args)
        centre = centre_by_name(services, args.centre)
        done = services.attendance.export(
            args.format,
            args.output,
            period=period,
            centre_id=centre.id if centre else None,
            detail=bool(args.detail),
            draw_pdf=_draw_pdf,
        )
    report = done.report
    print(
        f"Fréquentation {report.period.describe()} ({report.centre}) : {report.visits} passages, "
        f"{report.people} personnes — écrit dans {args.output}"
    )
    return 0
