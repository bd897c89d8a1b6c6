"""The "Fréquentation" area: a month and a centre, key numbers, charts, tables and exports.

Nothing here waits for the database on the GUI thread: the list of centres and the figures
are read in the background (the latest request wins: « Calcul en cours… » meanwhile, the
exports disabled until the figures of the current selection arrive), and so are the exports,
with a progress dialog — the PDF's charts are drawn first, on the GUI thread, the rest of it
written in the background.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHeaderView, QMessageBox, QProgressDialog, QWidget

from acsrv_desktop.core.attendance.exports import french_decimal, total_row
from acsrv_desktop.core.attendance.figures import AttendanceReport, Period, evolution
from acsrv_desktop.core.attendance.periods import FIRST_YEAR, LAST_YEAR
from acsrv_desktop.core.attendance.service import ExportDone, PdfDrawer
from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.clock import paris_today
from acsrv_desktop.core.errors import UserFacingError, french_os_error
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.announce import announce_messages
from acsrv_desktop.gui.attendance.history import VisitsHistoryWindow
from acsrv_desktop.gui.forms.ui_attendance_area import Ui_AttendanceArea
from acsrv_desktop.gui.table_model import DISPLAY, Index, RowsTableModel
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.widgets import ask_save_path, python_date

# The presets of the period picker, in the combo's order, and how the first date edit reads.
PERIOD_KINDS = ("mois", "trimestre", "année", "jours")
PERIOD_EDITS = {
    "mois": ("&Mois :", "MMMM yyyy"),
    "trimestre": ("Trimestre contenant le &mois :", "MMMM yyyy"),
    "année": ("A&nnée :", "yyyy"),
    "jours": ("Du pre&mier jour :", "dd/MM/yyyy"),
}


WIDE_TABLE = 6  # columns: more, and the first one stops taking all the width left
NAME_WIDTH_EM = 24  # characters of a row's name shown beside many columns
HEADER_LINE = 11  # characters: a long column name goes on several lines, not off screen


def wrapped_header(name: str) -> str:
    """A column's name in lines of about HEADER_LINE characters (the figures' tables have up
    to eight columns in half a window; the exports keep one line)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= HEADER_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


class BreakdownModel(RowsTableModel):
    def show(self, columns: tuple[str, ...], rows: list[tuple]) -> None:
        # The first column (the row's name) takes the width left: it is not wrapped.
        self.HEADERS = (columns[0], *(wrapped_header(c) for c in columns[1:]))
        self.set_rows(rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self.valid(index) or role not in (DISPLAY, Qt.ItemDataRole.TextAlignmentRole):
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if isinstance(value, int | float):
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if isinstance(value, float):
            return french_decimal(value)
        return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


class AttendanceArea(QWidget):
    status_message = Signal(str)
    figures_ready = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AttendanceArea()
        self.ui.setupUi(self)
        self._services = services
        self._attendance = services.attendance
        self._history: VisitsHistoryWindow | None = None
        self._centres = services.centres
        self._centre_list: list[CentreView] | None = None  # read in the background
        self._reading_centres = False
        self._figures = LatestOnly(self)
        self._exporting = False
        self.report: AttendanceReport | None = None
        self._model = BreakdownModel(self)
        view = self.ui.tableView
        view.setModel(self._model)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.setAccessibleName("Tableau des chiffres")
        self.ui.chartTabs.setAccessibleName("Graphiques")
        # Charts 3/5, tables 2/5 of the width (the sizes' proportions are kept when laid out).
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 2)
        self.ui.splitter.setSizes([600, 400])
        announce_messages(self, self.status_message)
        today = paris_today()
        for edit in (self.ui.monthEdit, self.ui.endEdit):
            edit.setMinimumDate(QDate(FIRST_YEAR, 1, 1))
            edit.setMaximumDate(QDate(LAST_YEAR, 12, 31))
        self.ui.monthEdit.setDate(QDate(today.year, today.month, 1))
        self.ui.endEdit.setDate(QDate(today.year, today.month, today.day))
        self._show_period_kind()
        self.ui.centreCombo.addItem("Tous les centres", None)
        # Filled after the first show: a width of their own, that the answers do not move.
        for combo, characters in ((self.ui.centreCombo, 28), (self.ui.tableCombo, 36)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(characters)
        self.ui.periodCombo.currentIndexChanged.connect(self._period_kind_changed)
        self.ui.monthEdit.dateChanged.connect(lambda _d: self.refresh())
        self.ui.endEdit.dateChanged.connect(lambda _d: self.refresh())
        self.ui.centreCombo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.ui.tableCombo.currentIndexChanged.connect(self._show_table)
        self.ui.xlsxButton.clicked.connect(lambda: self.export("xlsx"))
        self.ui.csvButton.clicked.connect(lambda: self.export("csv"))
        self.ui.pdfButton.clicked.connect(lambda: self.export("pdf"))
        self.ui.historyButton.clicked.connect(self.show_history)
        self._set_exports_enabled(False)
        self._read_centres()

    @property
    def is_busy(self) -> bool:
        """An answer is on its way: the centres, the figures, an export or a page of the
        history window."""
        history = self._history is not None and self._history.is_busy
        return self._reading_centres or self._figures.busy or self._exporting or history

    def _read_centres(self) -> None:
        """The centres of the filter, read in the background (the area is usable meanwhile:
        « Tous les centres » is the first choice anyway)."""
        if self._reading_centres:
            return
        self._reading_centres = True
        self.ui.centreCombo.setEnabled(False)
        self.ui.historyButton.setEnabled(False)

        def done(centres: list[CentreView]) -> None:
            self._reading_centres = False
            self._centre_list = centres
            combo = self.ui.centreCombo
            combo.blockSignals(True)  # the choice stays « Tous les centres »: nothing to redo
            for centre in centres:
                combo.addItem(centre.name, centre.id)
            combo.blockSignals(False)
            combo.setEnabled(True)
            self.ui.historyButton.setEnabled(True)
            if self._history is not None:  # opened by the code before they were in
                self._history.set_centres(centres)

        def failed(error: BaseException) -> None:
            self._reading_centres = False  # read again when the area is shown again
            self.ui.centreCombo.setEnabled(True)  # « Tous les centres » still works
            self.ui.historyButton.setEnabled(True)
            self.status_message.emit(f"Fréquentation : centres illisibles : {failure_text(error)}")

        run_in_background(lambda: self._centres.centres(include_inactive=True), done, failed, self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """However the area is opened — its tab clicked, Ctrl+4, the code — the figures of
        the selection are computed afresh (other workstations record visits meanwhile)."""
        super().showEvent(event)
        if not event.spontaneous():
            self._arrived()

    def _arrived(self) -> None:
        if self._centre_list is None:
            self._read_centres()
        if not self._figures.busy:  # shown and focused at once: computed once
            self.refresh()

    def focus_search(self) -> None:
        self._arrived()
        self.ui.monthEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.report is not None:
            self._show_charts(self.report)  # the system changed theme: charts in its colours

    def _show_period_kind(self) -> None:
        """The first date edit is the month, the quarter's or year's month, or the first
        day; the second one is shown for chosen days only."""
        kind = PERIOD_KINDS[self.ui.periodCombo.currentIndex()]
        label, display = PERIOD_EDITS[kind]
        self.ui.monthLabel.setText(label)
        self.ui.monthEdit.setDisplayFormat(display)
        chosen_days = kind == "jours"
        self.ui.endLabel.setVisible(chosen_days)
        self.ui.endEdit.setVisible(chosen_days)

    def _period_kind_changed(self) -> None:
        self._show_period_kind()
        self.refresh()

    def period(self) -> Period:
        """The period chosen; chosen days the wrong way round are taken in order."""
        first = python_date(self.ui.monthEdit.date())
        kind = PERIOD_KINDS[self.ui.periodCombo.currentIndex()]
        if kind == "trimestre":
            return Period.quarter(first.year, (first.month + 2) // 3)
        if kind == "année":
            return Period.year(first.year)
        if kind == "jours":
            last = python_date(self.ui.endEdit.date())
            return Period(min(first, last), max(first, last))
        return Period.month(first.year, first.month)

    def refresh(self) -> None:
        """Compute the figures in the background; the latest request wins."""
        self._set_exports_enabled(False)  # never export figures of another selection
        try:
            period = self.period()
        except UserFacingError as exc:
            # The figures of the selection before must not arrive now as if they were these.
            self._figures.cancel()
            self.report = None
            self.ui.keyNumbersLabel.setText(escape(str(exc)))
            self._failed(exc)
            return
        centre_id = self.ui.centreCombo.currentData()
        self.ui.busyLabel.setText("Calcul en cours…")
        self._figures.run(
            lambda: self._attendance.report(period, centre_id), self._show, self._failed
        )

    def _failed(self, error: BaseException) -> None:
        self.ui.busyLabel.setText("")
        self.status_message.emit(f"Fréquentation : calcul impossible : {failure_text(error)}")

    def _show(self, report: AttendanceReport) -> None:
        self.report = report
        self.ui.busyLabel.setText("")
        numbers = " · ".join(f"{label} : <b>{value}</b>" for label, value in report.key_numbers())
        compared = " · ".join(
            f"{c.label} ({c.period.describe()}) : {c.counts.visits} passages"
            + (f", {evolution(report.visits, c.counts.visits)}" if c.counts.visits else "")
            for c in report.comparisons
        )
        self.ui.keyNumbersLabel.setText(  # centre names are user text: escaped
            f"<b>{report.period.describe()} — {escape(report.centre)}</b><br>{numbers}"
            + (f"<br>{escape(compared)}" if compared else "")
        )
        self._show_charts(report)
        chosen = self.ui.tableCombo.currentData()
        self.ui.tableCombo.blockSignals(True)
        self.ui.tableCombo.clear()
        for breakdown in report.breakdowns:
            self.ui.tableCombo.addItem(breakdown.title, breakdown.key)
        self.ui.tableCombo.setCurrentIndex(max(0, self.ui.tableCombo.findData(chosen)))
        self.ui.tableCombo.blockSignals(False)
        self._show_table()
        self._set_exports_enabled(True)
        self.figures_ready.emit()

    def _show_charts(self, report: AttendanceReport) -> None:
        tabs = self.ui.chartTabs
        current = tabs.currentIndex()
        while tabs.count():
            widget = tabs.widget(0)
            tabs.removeTab(0)
            if widget is not None:  # count() says there is one
                widget.deleteLater()
        # Qt Charts is loaded with the first figures shown, not with the application.
        from acsrv_desktop.gui.attendance.charts import report_charts

        for title, view in report_charts(report, self.palette()):
            tabs.addTab(view, title)
        tabs.setCurrentIndex(max(0, current))

    def _show_table(self) -> None:
        if self.report is None or self.ui.tableCombo.currentData() is None:
            return
        breakdown = self.report.breakdown(self.ui.tableCombo.currentData())
        rows = list(breakdown.rows)
        if breakdown.total:
            rows.append(total_row(breakdown))
        self._model.show(breakdown.columns, rows)
        header = self.ui.tableView.horizontalHeader()
        if len(breakdown.columns) <= WIDE_TABLE:
            # The names take the pane's width, wrapped (a long need stays whole); numbers fitted.
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            return
        # Many columns (the referrals' follow-up): the names keep a readable width, wrapped,
        # and the figures scroll beside them rather than squeeze them to nothing.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            0,
            min(
                NAME_WIDTH_EM * self.fontMetrics().averageCharWidth(),
                self.ui.tableView.viewport().width() // 2,
            ),
        )
        self.ui.tableView.resizeRowsToContents()

    def _set_exports_enabled(self, enabled: bool) -> None:
        for button in (self.ui.xlsxButton, self.ui.csvButton, self.ui.pdfButton):
            button.setEnabled(enabled)

    # -- exports ------------------------------------------------------------------------------

    def export(self, kind: str) -> None:
        report = self.report
        if report is None:
            return
        suffix = {"xlsx": "xlsx", "csv": "zip", "pdf": "pdf"}[kind]
        filters = {
            "xlsx": "Classeur Excel (*.xlsx)",
            "csv": "CSV dans un .zip (*.zip)",
            "pdf": "PDF (*.pdf)",
        }[kind]
        name = f"frequentation-{report.period.file_name()}.{suffix}"
        target = ask_save_path(self, "Exporter la fréquentation", name, filters)
        if target is None:
            return
        draw_pdf: PdfDrawer | None = None
        if kind == "pdf":  # the charts are widgets: drawn now, the rest in the background
            from acsrv_desktop.gui.attendance.report_pdf import pdf_drawer

            draw_pdf = pdf_drawer(report)
        with_detail = kind == "xlsx" and self._ask_detail()
        progress = QProgressDialog("Export en cours…", "Masquer", 0, 0, self)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()
        self._exporting = True

        def done(_result: object) -> None:
            self._exporting = False
            progress.close()
            self.status_message.emit(f"Fréquentation exportée : {target}")

        def failed(error: BaseException) -> None:
            self._exporting = False
            progress.close()
            self._export_failed(error)

        run_in_background(
            lambda: self._export(report, kind, target, with_detail, draw_pdf), done, failed, self
        )

    def _export(
        self,
        report: AttendanceReport,
        kind: str,
        target: Path,
        detail: bool,
        draw_pdf: PdfDrawer | None = None,
    ) -> ExportDone:
        """The figures shown (and, with ``detail``, the detail of the same selection),
        through core's one export workflow."""
        return self._attendance.export(
            kind, target, report=report, detail=detail, draw_pdf=draw_pdf
        )

    def _export_failed(self, error: BaseException) -> None:
        reason = french_os_error(error) if isinstance(error, OSError) else failure_text(error)
        if not reason.startswith("Export impossible"):
            reason = f"Export impossible : {reason}"
        self.status_message.emit(reason)

    def _ask_detail(self) -> bool:
        answer = QMessageBox.question(
            self,
            "Export Excel",
            "Ajouter une feuille détaillée anonymisée (un passage par ligne, sans nom ni note) ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_history(self) -> VisitsHistoryWindow:
        """Every visit, read as it scrolls (a window of its own, kept open if wanted)."""
        if self._history is None:
            self._history = VisitsHistoryWindow(
                self._services.visits,
                self._services.catalogue.vocab,
                self._centre_list or [],  # the button waits for them; else set when read
                self,
            )
        else:
            self._history.reload()
        self._history.show()
        self._history.raise_()
        return self._history
