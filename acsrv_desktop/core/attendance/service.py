"""The attendance figures and their export, for one actor: the one export workflow that the
command line and the Fréquentation area both call.

The PDF report draws Qt charts, so core cannot draw it: the caller hands ``draw_pdf`` (a
callable returning the report's PDF, in memory), the rest of the workflow — checking the
output, computing the figures, writing the file whole (``core.atomic_output``: a PDF only once
it is complete), tracing the export — is here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.attendance.exports import (
    check_output,
    record_export,
    write_csv,
    write_xlsx,
)
from acsrv_desktop.core.attendance.figures import (
    AttendanceReport,
    Period,
    anonymised_detail,
    compute,
)
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError, french_os_error

EXPORT_KINDS = ("xlsx", "csv", "pdf")
PdfDrawer = Callable[[AttendanceReport], bytes]  # the report's PDF, written here


class ExportError(UserFacingError):
    """An export that could not be written (the message says why, in French)."""


def check_export_target(kind: str, output: Path, *, detail: bool = False) -> None:
    """Refuse, before any work, an export that cannot be written (French message)."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    if detail and kind != "xlsx":
        raise UserFacingError("Le détail anonymisé ne s’ajoute qu’à l’export Excel (xlsx).")
    atomic_output.check_target(output)  # not the database, the backups or the log, first
    if kind == "csv":
        if output.suffix.lower() != ".zip" and not output.is_dir():
            raise UserFacingError(
                "Un export CSV contient plusieurs tableaux : indiquez un fichier .zip, ou un "
                "dossier existant."
            )
        if output.suffix.lower() == ".zip":
            check_output(output)
        return
    check_output(output)


@dataclass(frozen=True)
class ExportDone:
    report: AttendanceReport
    path: Path


class AttendanceService:
    """Monthly figures, their anonymised detail and their exports (coordination and up)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def report(self, period: Period, centre_id: int | None = None) -> AttendanceReport:
        """The figures of a period at one centre, or at every centre (None)."""
        self.actor.require(Permission.FIGURES)
        return compute(self.db, self.actor, period, centre_id)

    def detail(self, period: Period, centre_id: int | None = None) -> list[tuple]:
        """One row per visit, without names, notes or record ids."""
        self.actor.require(Permission.FIGURES)
        return anonymised_detail(self.db, self.actor, period, centre_id)

    def export(
        self,
        kind: str,
        output: Path,
        *,
        period: Period | None = None,
        centre_id: int | None = None,
        report: AttendanceReport | None = None,
        detail: bool = False,
        draw_pdf: PdfDrawer | None = None,
    ) -> ExportDone:
        """Write the figures of ``period`` and ``centre_id`` (or the ``report`` already
        computed, as shown on screen) to ``output`` as ``kind`` (xlsx, csv — a .zip or a
        folder —, pdf drawn by ``draw_pdf``), with the anonymised detail sheet if ``detail``
        (xlsx only); the export goes to the audit trail."""
        self.actor.require(Permission.FIGURES)
        check_export_target(kind, output, detail=detail)
        if kind == "pdf" and draw_pdf is None:
            raise ValueError("a PDF export needs draw_pdf (the report is drawn with Qt)")
        if report is None:
            if period is None:
                raise ValueError("export needs a period or a report")
            report = compute(self.db, self.actor, period, centre_id)
        rows = (
            anonymised_detail(self.db, self.actor, report.period, report.centre_id)
            if detail
            else None
        )
        try:
            if kind == "xlsx":
                write_xlsx(report, output, rows)
            elif kind == "csv":
                write_csv(report, output)
            else:
                assert draw_pdf is not None
                atomic_output.write_pdf(output, draw_pdf(report))  # refused if incomplete
        except OSError as exc:
            raise ExportError(f"Export impossible : {french_os_error(exc)}") from exc
        record_export(self.db, self.actor, report, kind, detail)
        return ExportDone(report, output)
