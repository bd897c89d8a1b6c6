"""The PDF report: the key figures and every table, over as many A4 pages as they need, then
the charts at the full width of the page, drawn as vectors (sharp at any zoom, text that can
be selected and searched).

The charts are widgets: they are recorded as ``QPicture`` drawings on the GUI thread; the
document itself is drawn from those drawings, in memory, so it may be drawn in the background;
``core.atomic_output`` writes it, whole and only once it is complete.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QPicture, QTextDocument

from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.attendance.exports import ANONYMOUS_NOTE, french_decimal, total_row
from acsrv_desktop.core.attendance.figures import AttendanceReport, Breakdown
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.gui.attendance.charts import light_palette, report_charts
from acsrv_desktop.gui.printing import paint_on, render_pdf

# The size the charts are laid out at before being scaled to the page's width: large enough
# for their labels to stay whole, small enough for their text to stay readable once scaled.
CHART_SIZE = (760, 470)
CHARTS_PER_PAGE = 2
SCREEN_DPI = 96
MARGIN_MM = 15


def _cell(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return french_decimal(value)
    return escape(str(value))


def _table(breakdown: Breakdown) -> str:
    """One table whole: its title, every column, every row, its total and its note."""
    header = "".join(f"<th>{escape(str(column))}</th>" for column in breakdown.columns)
    rows = list(breakdown.rows) + ([total_row(breakdown)] if breakdown.total else [])
    body = "".join(
        "<tr>"
        + "".join(
            f"<td align='{'left' if index == 0 else 'right'}'>{_cell(value)}</td>"
            for index, value in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    note = f"<p><i>{escape(breakdown.note)}</i></p>" if breakdown.note else ""
    return (
        f"<h3>{escape(breakdown.title)}</h3>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<thead><tr>{header}</tr></thead>{body}</table>{note}"
    )


# Read last on paper: a row per day (or per week) runs over pages for a long period.
LAST_IN_PDF = ("semaines", "jours")


def pdf_order(report: AttendanceReport) -> list[Breakdown]:
    """Every table: the comparisons and the people first, the days and weeks at the end."""
    first = [b for b in report.breakdowns if b.key not in LAST_IN_PDF]
    return first + [report.breakdown(key) for key in LAST_IN_PDF]


def report_html(report: AttendanceReport) -> str:
    """The key figures, then every table of the report (the charts come after, drawn)."""
    numbers = "".join(
        f"<tr><td>{escape(label)}</td><td align='right'><b>{value}</b></td></tr>"
        for label, value in report.key_numbers()
    )
    generated = report.generated_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")
    return (
        "<html><body style='font-family: DejaVu Sans, sans-serif; font-size: 9pt;'>"
        f"<h1>Fréquentation — {escape(report.period.describe())}</h1>"
        f"<p>{escape(report.centre)} — du {report.period.start:%d/%m/%Y} au "
        f"{report.period.end:%d/%m/%Y} — édité le {generated}</p>"
        f"<table cellpadding='3'>{numbers}</table><p><i>{escape(ANONYMOUS_NOTE)}</i></p>"
        + "".join(_table(breakdown) for breakdown in pdf_order(report))
        + "</body></html>"
    )


def chart_pictures(report: AttendanceReport) -> list[QPicture]:
    """The charts recorded as vector drawings, on the GUI thread (they are widgets), light
    whatever the screen's theme: the report is printed."""
    charts = report_charts(report, light_palette())
    pictures = []
    for _, view in charts:
        view.resize(*CHART_SIZE)
        view.grab()  # laid out at that size (a hidden widget is laid out when drawn)
        picture = QPicture()
        painter = QPainter(picture)
        view.render(painter)
        painter.end()
        pictures.append(picture)
        view.deleteLater()
    return pictures


def _set_up(writer: QPdfWriter, report: AttendanceReport) -> None:
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    # Device units of a 96 dpi screen: the charts, recorded on screen, and the text keep
    # their proportions (a PDF is drawn in vectors whatever its resolution).
    writer.setResolution(SCREEN_DPI)
    writer.setTitle(f"Fréquentation {report.period.describe()}")


def _draw_tables(painter: QPainter, writer: QPdfWriter, report: AttendanceReport) -> None:
    """The text pages: the document laid out at the writer's resolution, a page at a time."""
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # fonts measured as they will print
    document.setPageSize(QSizeF(page.width(), page.height()))
    document.setHtml(report_html(report))
    for number in range(document.pageCount()):
        if number:
            writer.newPage()
        painter.save()
        painter.translate(0, -number * page.height())
        document.drawContents(
            painter, QRectF(0, number * page.height(), page.width(), page.height())
        )
        painter.restore()


def _draw_charts(painter: QPainter, writer: QPdfWriter, pictures: list[QPicture]) -> None:
    """Two charts a page, each at the page's full width."""
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    scale = page.width() / CHART_SIZE[0]
    slot = page.height() / CHARTS_PER_PAGE
    for index, picture in enumerate(pictures):
        if index % CHARTS_PER_PAGE == 0:
            writer.newPage()
        painter.save()
        painter.translate(0, (index % CHARTS_PER_PAGE) * slot)
        painter.scale(scale, scale)
        painter.drawPicture(0, 0, picture)
        painter.restore()


def pdf_document(report: AttendanceReport, pictures: list[QPicture]) -> bytes:
    """The report's PDF with the charts already recorded: no widget here, so it may be drawn
    in the background (painting on a QPdfWriter is allowed outside the GUI thread)."""

    def paint(writer: QPdfWriter) -> bool:
        _set_up(writer, report)

        def draw(painter: QPainter) -> None:
            _draw_tables(painter, writer, report)
            _draw_charts(painter, writer, pictures)

        return paint_on(writer, draw)

    return render_pdf(paint)


def pdf_drawer(report: AttendanceReport) -> Callable[[AttendanceReport], bytes]:
    """The charts of ``report`` recorded now (GUI thread); what is returned draws the PDF
    and may be called from the background."""
    pictures = chart_pictures(report)
    return lambda shown: pdf_document(shown, pictures)


def report_pdf(report: AttendanceReport) -> bytes:
    """Needs a QApplication and the GUI thread (the charts are widgets, drawn offscreen)."""
    return pdf_document(report, chart_pictures(report))


def write_pdf(report: AttendanceReport, path: Path) -> Path:
    """The report written to ``path``, whole and complete or not at all (``OutputError``)."""
    atomic_output.check_target(path)
    return atomic_output.write_pdf(path, report_pdf(report))
