"""``export``: the monthly attendance, as a scheduled job would ask for it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from acsrv_desktop.cli.common import opened_database, signed_in_actor
from acsrv_desktop.core.attendance.exports import (
    check_output,
    record_export,
    write_csv,
    write_xlsx,
)
from acsrv_desktop.core.attendance.figures import Period, anonymised_detail, compute
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.text import fold, quoted


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


def _write_pdf(report, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The PDF report draws Qt charts: an offscreen Qt application is enough (no screen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.gui.attendance.report_pdf import write_pdf

    _app = QApplication.instance() or QApplication([sys.argv[0]])
    write_pdf(report, path)
    if not path.is_file() or path.stat().st_size == 0:  # QPdfWriter fails silently
        raise UserFacingError(f"Le PDF n’a pas pu être écrit dans {path}.")


def command_export(args: argparse.Namespace) -> int:
    if args.detail and args.format != "xlsx":
        raise UserFacingError("--detail ne s’applique qu’à l’export xlsx.")
    if args.format == "csv":
        if args.output.suffix.lower() != ".zip" and not args.output.is_dir():
            raise UserFacingError(
                "Un export CSV contient plusieurs tableaux : indiquez un fichier .zip, ou un "
                "dossier existant."
            )
        if args.output.suffix.lower() == ".zip":
            check_output(args.output)
    else:
        check_output(args.output)
    with opened_database(args) as db:
        actor = signed_in_actor(db, args)
        centre_id = None
        if args.centre:
            wanted = fold(args.centre.strip())
            centre = next(
                (
                    c
                    for c in CentreService(db).centres(include_inactive=True)
                    if fold(c.name) == wanted
                ),
                None,
            )
            if centre is None:
                names = ", ".join(c.name for c in CentreService(db).centres())
                raise UserFacingError(
                    f"Centre inconnu « {quoted(args.centre)} » (centres : {names})"
                )
            centre_id = centre.id
        report = compute(db, actor, args.month, centre_id)
        detail = anonymised_detail(db, actor, args.month, centre_id) if args.detail else None
        try:
            if args.format == "xlsx":
                write_xlsx(report, args.output, detail)
            elif args.format == "csv":
                write_csv(report, args.output)
            else:
                _write_pdf(report, args.output)
        except OSError as exc:
            raise UserFacingError(f"Export impossible : {french_os_error(exc)}") from exc
        record_export(db, actor, report, args.format, bool(args.detail))
    print(
        f"Fréquentation {report.period.describe()} ({report.centre}) : {report.visits} passages, "
        f"{report.people} personnes — écrit dans {args.output}"
    )
    return 0
