"""Printing and PDF output of documents built as HTML (referral slips).

A PDF holds a person's data: its file is created 0600 before Qt writes into it (QPdfWriter
opens it by name and keeps its mode) and checked 0600 once written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
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

from acsrv_desktop.core.private_files import create_private, make_private


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


def _paint_one_page(html: str, device: QPdfWriter | QPrinter) -> None:
    page = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    document.setHtml(html)
    scale = one_page_layout(document, page.width(), page.height())
    painter = QPainter(device)
    try:
        dots_per_point = device.resolution() / 72.0
        painter.scale(dots_per_point * scale, dots_per_point * scale)
        document.drawContents(painter)
    finally:
        painter.end()


def save_pdf(html: str, path: Path, page: QPageSize.PageSizeId = QPageSize.PageSizeId.A5) -> Path:
    """Write ``html`` as a one-page PDF (A5 by default: a slip fits in a hand)."""
    writer = QPdfWriter(str(create_private(path)))
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
    writer.setCreator("acsrv-desktop")
    _paint_one_page(html, writer)
    del writer  # the file is complete once the writer is gone
    make_private(path)
    return path


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


def save_document_pdf(html: str, path: Path, title: str) -> Path:
    """Write ``html`` as an A4 PDF of as many pages as it needs (a person's data, a report)."""
    writer = QPdfWriter(str(create_private(path)))
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
    writer.setCreator("acsrv-desktop")
    document = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9)
    document.setDefaultFont(font)
    document.setHtml(html)
    document.print_(writer)
    del writer
    make_private(path)
    return path
