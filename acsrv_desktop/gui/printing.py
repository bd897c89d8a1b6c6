"""Printing and PDF output of documents built as HTML (referral slips, a person's data).

A PDF is drawn into memory (``render_pdf``), then written by ``core.atomic_output``: whole
(0600, through a temporary file renamed over the target) and only once it is complete, since
Qt's PDF writer says nothing when its file cannot be written (a full disk): a truncated PDF
is never reported as saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from acsrv_desktop.core import atomic_output


def render_pdf(paint: Callable[[QPdfWriter], bool]) -> bytes:
    """The PDF ``paint`` draws on a writer held in memory; ``paint`` says whether its painter
    worked. Empty if it did not (``atomic_output.write_pdf`` refuses an incomplete PDF).

    No file is opened here: the writer is the thread's own, and may run in the background."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setCreator("acsrv-desktop")
    painted = paint(writer)
    del writer  # the document is finished once its painter has ended
    data = bytes(buffer.data().data()) if painted else b""
    buffer.close()
    return data


def paint_on(device: QPdfWriter | QPrinter, draw: Callable[[QPainter], None]) -> bool:
    """``draw`` with a painter on ``device``; False if the painter could not begin or end
    (Qt's only signs that a device was not written)."""
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        draw(painter)
    finally:
        ended = painter.end()
    return ended


def one_page_layout(document: QTextDocument, width: float, height: float) -> float:
    """Lay ``document`` out to fit a ``width`` × ``height`` page; returns the scale to draw it.

    A slip must stay on one page: a longer one (several programmes) is laid out wider and
    drawn smaller, never wider than the page.
    """
    document.setTextWidth(width)
    natural = document.size().height()
    if natural <= height:
        return 1.0
    scale = height / natural
    document.setTextWidth(width / scale)  # wider lines: fewer of them
    # Re-laid out, the text may be shorter still; the width bounds the scale too.
    return min(height / document.size().height(), width / document.textWidth())


def _paint_one_page(html: str, device: QPdfWriter | QPrinter) -> bool:
    page = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setHtml(html)
    scale = one_page_layout(document, page.width(), page.height())

    def draw(painter: QPainter) -> None:
        dots_per_point = device.resolution() / 72.0
        painter.scale(dots_per_point * scale, dots_per_point * scale)
        document.drawContents(painter)

    return paint_on(device, draw)


def slip_pdf(html: str, page: QPageSize.PageSizeId = QPageSize.PageSizeId.A5) -> bytes:
    """``html`` as a one-page PDF (A5 by default: a slip fits in a hand)."""

    def paint(writer: QPdfWriter) -> bool:
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(page),
                QPageLayout.Orientation.Portrait,
                QMarginsF(12, 12, 12, 12),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle("Fiche d’orientation")
        return _paint_one_page(html, writer)

    return render_pdf(paint)


def save_pdf(html: str, path: Path, page: QPageSize.PageSizeId = QPageSize.PageSizeId.A5) -> Path:
    """Write ``html`` as a one-page PDF to ``path``, whole or not at all (``OutputError``,
    a French sentence, otherwise)."""
    atomic_output.check_target(path)  # refused before anything is drawn
    return atomic_output.write_pdf(path, slip_pdf(html, page))


def print_html(html: str, parent: QWidget | None = None) -> bool:
    """The Qt print dialog, then print; False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Imprimer la fiche d’orientation")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _paint_one_page(html, printer)
    return True


def document_pdf(html: str, title: str) -> bytes:
    """``html`` as an A4 PDF of as many pages as it needs (a person's data, a report)."""

    def paint(writer: QPdfWriter) -> bool:
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 15, 15, 15),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(title)
        document = QTextDocument()
        font = QFont("DejaVu Sans")
        font.setPointSizeF(9)
        document.setDefaultFont(font)
        document.setHtml(html)
        document.print_(writer)  # its own painter, which says nothing: the bytes are checked
        return True

    return render_pdf(paint)


def save_document_pdf(html: str, path: Path, title: str) -> Path:
    """Write ``html`` as an A4 PDF to ``path``, whole or not at all (``OutputError``)."""
    atomic_output.check_target(path)
    return atomic_output.write_pdf(path, document_pdf(html, title))
