"""The two-page PDF report: key numbers and main tables, then the charts."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from acsrv_desktop.core.attendance.exports import ANONYMOUS_NOTE
from acsrv_desktop.core.attendance.figures import AttendanceReport
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.gui.attendance.charts import light_palette, report_charts

TABLES_ON_PAGE_ONE = (
    "canaux",
    "orientations_statuts",
    "ages_fse",
    "ages_caf",
    "genres",
    "situations",
    "centres",
    "secteurs",
)


def _png(view: QWidget, size: QSize) -> QByteArray:
    view.resize(size)
    image = view.grab().toImage()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide's stubs want the format as bytes; the binding takes only a str (ValueError).
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return data


MAX_ROWS = 10  # the first page must hold, whatever the number of centres


def _table(report: AttendanceReport, key: str) -> str:
    breakdown = report.breakdown(key)
    shown = list(breakdown.rows[:MAX_ROWS])
    rest = breakdown.rows[MAX_ROWS:]
    if rest:
        shown.append((f"{len(rest)} autres", sum(r[-1] for r in rest)))
    rows = "".join(
        f"<tr><td>{escape(str(r[0]))}</td><td align='right'>{r[-1]}</td></tr>" for r in shown
    )
    return f"<h3>{escape(breakdown.title)}</h3><table cellpadding='1'>{rows}</table>"


def _grid(cells: list[str], columns: int = 2) -> str:
    """Cells side by side, so that each page of the report holds what it must."""
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    return (
        "<table width='100%' cellpadding='4'>"
        + "".join(
            "<tr>" + "".join(f"<td valign='top' width='50%'>{cell}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        + "</table>"
    )


def report_html(report: AttendanceReport, chart_count: int) -> str:
    """Page 1: key numbers and the main tables; page 2: the charts."""
    numbers = "".join(
        f"<tr><td>{escape(label)}</td><td align='right'><b>{value}</b></td></tr>"
        for label, value in report.key_numbers()
    )
    tables = _grid([_table(report, key) for key in TABLES_ON_PAGE_ONE])
    charts = _grid([f"<img src='chart{i}.png' width='245'>" for i in range(chart_count)])
    generated = report.generated_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
    return (
        "<html><body style='font-family: DejaVu Sans, sans-serif; font-size: 9pt;'>"
        f"<h1>Fréquentation — {escape(report.period.describe())}</h1>"
        f"<p>{escape(report.centre)} — édité le {generated}</p>"
        f"<table cellpadding='3'>{numbers}</table><p><i>{escape(ANONYMOUS_NOTE)}</i></p>"
        + tables
        + "<h1 style='page-break-before: always'>Graphiques</h1>"
        + charts
        + "</body></html>"
    )


def chart_images(report: AttendanceReport) -> list[QByteArray]:
    """The charts as PNG images, drawn on the GUI thread (they are widgets), light whatever
    the screen's theme: the report is printed."""
    charts = report_charts(report, light_palette())
    images = [_png(view, QSize(900, 600)) for _, view in charts]
    for _, view in charts:
        view.deleteLater()
    return images


def write_pdf_document(report: AttendanceReport, path: Path, images: list[QByteArray]) -> Path:
    """The report with the charts already drawn: no widget here, so it may run in the
    background (a QTextDocument printed to a QPdfWriter, as Qt allows outside the GUI
    thread)."""
    document = QTextDocument()
    for index, image in enumerate(images):
        document.addResource(QTextDocument.ResourceType.ImageResource, f"chart{index}.png", image)
    document.setHtml(report_html(report, len(images)))
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"Fréquentation {report.period.describe()}")
    writer.setCreator("acsrv-desktop")
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    return path


def pdf_drawer(report: AttendanceReport) -> Callable[[AttendanceReport, Path], Path]:
    """The charts of ``report`` drawn now (GUI thread); what is returned writes the PDF and
    may be called from the background."""
    images = chart_images(report)
    return lambda shown, path: write_pdf_document(shown, path, images)


def write_pdf(report: AttendanceReport, path: Path) -> Path:
    """Needs a QApplication and the GUI thread (the charts are widgets, drawn offscreen)."""
    return write_pdf_document(report, path, chart_images(report))
