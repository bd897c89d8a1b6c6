"""``export``: the monthly attendance, as a scheduled job would ask for it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from acsrv_desktop.cli.common import centre_by_name, opened_database, signed_in_services
from acsrv_desktop.core.attendance.figures import AttendanceReport, Period
from acsrv_desktop.core.attendance.service import check_export_target
from acsrv_desktop.core.errors import UserFacingError


def _month(value: str) -> Period:
    try:
        return Period.parse_month(value)
    except UserFacingError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--month", type=_month, required=True, metavar="AAAA-MM", help="le mois, ex. 2026-11"
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
        help="xlsx (classeur), csv (dossier ou .zip de fichiers CSV) ou pdf (rapport de deux "
        "pages avec graphiques)",
    )
    parser.add_argument(
        "--output", type=Path, required=True, metavar="CHEMIN", help="fichier à écrire"
    )


def _draw_pdf(report: AttendanceReport, path: Path) -> None:
    """The PDF report draws Qt charts: an offscreen Qt application is enough (no screen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.gui.attendance.report_pdf import write_pdf

    _app = QApplication.instance() or QApplication([sys.argv[0]])
    write_pdf(report, path)


def command_export(args: argparse.Namespace) -> int:
    if args.detail and args.format != "xlsx":
        raise UserFacingError("--detail ne s’applique qu’à l’export xlsx.")
    check_export_target(args.format, args.output)  # before the database is even opened
    with opened_database(args) as db:
        services = signed_in_services(db, args)
        centre = centre_by_name(services, args.centre)
        done = services.attendance.export(
            args.format,
            args.output,
            period=args.month,
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
