"""Exports of the attendance figures: XLSX for the board and the funders, CSV for French Excel.

No cell may start with "=", "+", "-", "@", a tab, a carriage return or a line feed as text
coming from a user (formula injection, OWASP): such text is prefixed with an apostrophe, and
text cells are written as text. Nominative data (names, notes) never reaches an export.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsrv_desktop import __version__
from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.attendance.figures import AttendanceReport, Breakdown
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.worksheet.worksheet import Worksheet

# openpyxl is imported by the XLSX functions only: it takes a tenth of a second, and neither
# the application's start nor a CSV export needs it.
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
HEADER_COLOUR = "1F6F8B"
ANONYMOUS_NOTE = (
    "Les passages anonymes comptent comme des passages, jamais comme des personnes. "
    "Les passages annulés ne comptent pas. Jours et mois en heure de Paris."
)


def neutralise(value: str) -> str:
    """Text that a spreadsheet would take for a formula (even after spaces), made inert."""
    return "'" + value if value.lstrip(" \u00a0").startswith(DANGEROUS_STARTS) else value


def french_decimal(value: float) -> str:
    """A figure with one decimal as French readers write it (« 2,5 »)."""
    return f"{value:.1f}".replace(".", ",")


def _cell_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return neutralise(value)
    return value


def _summary_rows(report: AttendanceReport) -> list[tuple[str, object]]:
    return [
        ("Période", report.period.describe()),
        ("Du", report.period.start),
        ("Au", report.period.end),
        ("Centre", report.centre),
        *report.key_numbers(),
        ("Généré le", report.generated_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")),
        ("Par", f"acsrv-desktop {__version__}"),
        ("Note", ANONYMOUS_NOTE),
    ]


def total_row(breakdown: Breakdown) -> tuple:
    """« Total » and the sum of each column of numbers (an empty cell under any other)."""
    sums: list[object] = ["Total"]
    for index in range(1, len(breakdown.columns)):
        column = [row[index] for row in breakdown.rows]
        numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in column)
        sums.append(sum(column) if numbers else "")
    return tuple(sums)


def _table_rows(breakdown: Breakdown) -> list[tuple]:
    """The rows as they are (dates stay dates: each format writes them its own way)."""
    rows = list(breakdown.rows)
    if breakdown.total:
        rows.append(total_row(breakdown))
    return rows


# --- XLSX ------------------------------------------------------------------------------------


def _write_text(cell: Cell | MergedCell, value: object) -> None:
    """One cell: dates as real dates shown dd/mm/yyyy (Paris time), text always as text."""
    if isinstance(value, datetime):
        cell.value = value.astimezone(PARIS).replace(tzinfo=None)
        cell.number_format = "DD/MM/YYYY HH:MM"
        return
    if isinstance(value, date):
        cell.value = value
        cell.number_format = "DD/MM/YYYY"
        return
    written: Any = _cell_value(value)  # a number, a text or None: openpyxl checks the type
    cell.value = written
    if isinstance(value, float):
        cell.number_format = "0.0"  # a number still (Excel shows it « 2,5 » in French)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl would otherwise read "=…" as a formula


def _fit_columns(sheet: Worksheet) -> None:
    from openpyxl.utils import get_column_letter

    for number, column in enumerate(sheet.columns, start=1):  # columns from A, as Excel's
        width = max(len(str(c.value)) if c.value is not None else 0 for c in column)
        sheet.column_dimensions[get_column_letter(number)].width = min(60, max(10, width + 2))


# Excel sheet names: 31 characters at most.
SHEET_NAMES = {
    "ages_fse": "Âge (tranches FSE+)",
    "ages_caf": "Âge (tranches CAF)",
    "qpv": "Habitants des QPV",
    "orientations_programmes": "Orientations par programme",
    "orientations_statuts": "Orientations par statut",
    "orientations_suivi": "Suivi des orientations",
    "orientations_refus": "Orientations refusées (motifs)",
    "comparaisons": "Comparaisons",
    "mois": "Mois par mois",
    "situations": "Personnes par situation",
    "statut_emploi_fse": "Situation d’emploi (FSE+)",
    "communes": "Personnes par commune",
    "secteurs": "Personnes par secteur",
    "nouvelles_ages_genres": "Nouvelles pers. (âge, genre)",
    "frequence": "Nombre de passages",
}


def sheet_name(breakdown: Breakdown) -> str:
    return SHEET_NAMES.get(breakdown.key, breakdown.title)[:31]


def _sheet(
    workbook: Workbook,
    title: str,
    header: tuple,
    rows: list[tuple],
    *,
    total: bool,
    note: str = "",
) -> None:
    from openpyxl.styles import Font, PatternFill

    sheet = workbook.create_sheet(title[:31])
    for index, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=index)
        _write_text(cell, name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_COLOUR)
    for row_index, row in enumerate(rows, start=2):
        for column_index, value in enumerate(row, start=1):
            _write_text(sheet.cell(row=row_index, column=column_index), value)
    if total and rows:
        for cell in sheet[len(rows) + 1]:
            cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    _fit_columns(sheet)
    if note:
        cell = sheet.cell(row=len(rows) + 3, column=1)
        _write_text(cell, note)
        cell.font = Font(italic=True)


def write_xlsx(report: AttendanceReport, path: Path, detail: list[tuple] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    summary = workbook.active
    assert isinstance(summary, Worksheet)  # a new workbook has one sheet, active
    summary.title = "Synthèse"
    summary["A1"] = "Fréquentation — ACSRV"
    summary["A1"].font = Font(bold=True, size=14)
    for index, (label, value) in enumerate(_summary_rows(report), start=3):
        _write_text(summary.cell(row=index, column=1), label)
        _write_text(summary.cell(row=index, column=2), value)
        summary.cell(row=index, column=1).font = Font(bold=True)
    summary.cell(row=len(_summary_rows(report)) + 2, column=2).alignment = Alignment(wrap_text=True)
    summary.freeze_panes = "A3"
    _fit_columns(summary)
    for breakdown in report.breakdowns:
        _sheet(
            workbook,
            sheet_name(breakdown),
            breakdown.columns,
            _table_rows(breakdown),
            total=breakdown.total,
            note=breakdown.note,
        )
    if detail is not None:
        _sheet(workbook, "Détail anonymisé", DETAIL_COLUMNS, detail, total=False)
    # Built in memory (openpyxl holds the whole workbook there anyway), then written whole.
    buffer = io.BytesIO()
    workbook.save(buffer)
    return atomic_output.write_bytes(path, buffer.getvalue())


DETAIL_COLUMNS = (
    "Date",
    "Heure",
    "Centre",
    "Canal",
    "Besoins",
    "Tranche d’âge",
    "Genre",
    "Commune",
    "Secteur",
    "Situations",
    "Anonyme",
)


# --- CSV -------------------------------------------------------------------------------------


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):  # French Excel reads « 2,5 » as a number, « 2.5 » as text
        return french_decimal(value)
    return _cell_value(value)


def french_csv_text(header: tuple, rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(h)) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return "\ufeff" + buffer.getvalue()  # the BOM tells French Excel it is UTF-8


def csv_files(report: AttendanceReport) -> dict[str, str]:
    """File name -> content, for French Excel (";" and a UTF-8 BOM, dd/mm/yyyy)."""
    files = {"00-synthese.csv": french_csv_text(("Indicateur", "Valeur"), _summary_rows(report))}
    for index, breakdown in enumerate(report.breakdowns, start=1):
        files[f"{index:02d}-{breakdown.key}.csv"] = french_csv_text(
            breakdown.columns, _table_rows(breakdown)
        )
    return files


def write_csv(report: AttendanceReport, path: Path) -> Path:
    """A .zip of CSV files, or the CSV files in an existing folder."""
    files = csv_files(report)
    if path.suffix.lower() != ".zip" and not path.is_dir():
        raise UserFacingError(
            "Un export CSV contient plusieurs tableaux : indiquez un fichier .zip, ou un dossier "
            "existant où les écrire."
        )
    if path.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                archive.writestr(name, content.encode("utf-8"))
        return atomic_output.write_bytes(path, buffer.getvalue())
    # Every table on the disk before any replaces an earlier one: the folder holds one
    # export's tables, never a mix of two.
    atomic_output.write_files(path, {name: text.encode("utf-8") for name, text in files.items()})
    return path


def record_export(
    db: Database, actor: Actor, report: AttendanceReport, kind: str, detail: bool = False
) -> None:
    """The export in the audit trail, with its filters (never the file's path: it may hold a
    name)."""
    audit.write(
        db,
        actor,
        "export",
        "frequentation",
        None,
        periode=report.period.describe(),
        centre=report.centre_id,
        format=kind,
        detail=detail or None,
    )


def check_output(path: Path) -> None:
    """Refuse, before any work, an output that cannot be written (French message)."""
    if path.is_dir():
        raise UserFacingError(f"{path} est un dossier : indiquez un nom de fichier.")
    if not path.parent.is_dir():
        raise UserFacingError(f"Le dossier {path.parent} n’existe pas.")
    atomic_output.check_target(path)  # not the database, the backups or the log
