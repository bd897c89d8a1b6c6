"""Administration: the audit trail, filtered, exported as CSV, and checked.

The trail is read in the background as the filters change (the latest request wins:
« Chargement… » meanwhile), and exported in the background. A line above it says whether
the trail is intact (its triggers there, its chain unbroken: « Journal intègre (N entrées
vérifiées) ») or where it breaks; « Vérifier le journal » checks it again.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.accounts.audit import ACTIONS, COLUMNS, AuditFilter, AuditRow, AuditService
from acsrv_desktop.core.accounts.audit_chain import ChainReport
from acsrv_desktop.core.clock import paris_today
from acsrv_desktop.gui.table_model import DISPLAY, Index, RowsTableModel
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind
from acsrv_desktop.gui.widgets import ask_save_path, load_when_first_shown, python_date

SHOWN = 5000  # the most recent; the CSV export holds them all


class AuditModel(RowsTableModel):
    HEADERS = COLUMNS

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not self.valid(index) or role != DISPLAY:
            return None
        row: AuditRow = self.rows[index.row()]
        return row.cells()[index.column()]


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


class AuditPanel(QWidget):
    status_message = Signal(str)

    def __init__(self, audit: AuditService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._audit = audit
        self._reads = LatestOnly(self)
        self._exporting = False
        self._verifying = False
        today = paris_today()
        self.since_edit = _date_edit(today - timedelta(days=30))
        self.until_edit = _date_edit(today)
        self.actor_edit = QLineEdit()
        self.actor_edit.setPlaceholderText("identifiant")
        self.actor_edit.setClearButtonEnabled(True)
        self.action_combo = QComboBox()
        self.action_combo.addItem("Toutes", None)
        for code, label in sorted(ACTIONS.items(), key=lambda item: item[1]):
            self.action_combo.addItem(label, code)
        self.export_button = QPushButton("E&xporter en CSV…")
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.chain_label.setAccessibleName("Intégrité du journal d’audit")
        self.verify_button = QPushButton("&Vérifier le journal")
        chain = QHBoxLayout()
        chain.addWidget(self.chain_label, 1)
        chain.addWidget(self.verify_button)
        filters = QHBoxLayout()
        for text, widget in (
            ("De&puis le", self.since_edit),
            ("&jusqu’au", self.until_edit),
            ("&Utilisateur", self.actor_edit),
            ("Ac&tion", self.action_combo),
        ):
            buddy_label = QLabel(text)
            buddy_label.setBuddy(widget)
            filters.addWidget(buddy_label)
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        self.model = AuditModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(proxy)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setResizeContentsPrecision(0)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setAccessibleName("Entrées du journal d’audit")
        self.count_label = QLabel()
        note = QLabel(
            "Le journal ne garde ni nom de personne accueillie ni note : seulement qui a fait "
            "quoi, quand, et le numéro de l’objet. Il ne se modifie pas ; ses entrées de plus de "
            "12 mois sont effacées au démarrage."
        )
        note.setWordWrap(True)
        set_kind(note, Kind.SECONDARY)
        layout = QVBoxLayout(self)
        layout.addLayout(chain)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(note)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self.reload)
        self.actor_edit.textChanged.connect(self.reload)
        self.action_combo.currentIndexChanged.connect(self.reload)
        self.export_button.clicked.connect(self.export_csv)
        self.verify_button.clicked.connect(self.verify)
        load_when_first_shown(self, self.reload)
        load_when_first_shown(self, self.verify)

    def filters(self) -> AuditFilter:
        return AuditFilter(
            since=python_date(self.since_edit.date()),
            until=python_date(self.until_edit.date()),
            actor=self.actor_edit.text(),
            action=self.action_combo.currentData(),
        )

    @property
    def is_busy(self) -> bool:
        """The trail, its verification or its export is on its way."""
        return self._reads.busy or self._exporting or self._verifying

    def verify(self) -> None:
        """The trail's triggers and chain checked in the background."""
        if self._verifying:
            return
        self._verifying = True
        self.verify_button.setEnabled(False)
        self.chain_label.setText("Vérification du journal…")
        set_kind(self.chain_label, Kind.SECONDARY)

        def done(report: ChainReport) -> None:
            self._verifying = False
            self.verify_button.setEnabled(True)
            self.chain_label.setText(report.describe())
            set_kind(self.chain_label, Kind.SUCCESS if report.ok else Kind.ERROR)

        def failed(error: BaseException) -> None:
            self._verifying = False
            self.verify_button.setEnabled(True)
            self.chain_label.setText(f"Journal non vérifié : {failure_text(error)}")
            set_kind(self.chain_label, Kind.ERROR)

        run_in_background(self._audit.verify_chain, done, failed, self)

    def reload(self) -> None:
        """The entries of the filters, read in the background (the latest request wins)."""
        filters, audit = self.filters(), self._audit

        def failed(error: BaseException) -> None:
            self.count_label.setText("Journal non lu")
            self.status_message.emit(f"Journal d’audit illisible : {failure_text(error)}")

        self.count_label.setText("Chargement…")
        self._reads.run(lambda: audit.entries(filters, limit=SHOWN), self._show, failed)

    def _show(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        more = (
            " (les plus récentes ; l’export CSV les contient toutes)" if len(rows) >= SHOWN else ""
        )
        self.count_label.setText(f"{len(rows)} entrée(s){more}")

    def export_csv(self) -> None:
        if self._exporting:
            return
        name = f"journal-audit-{paris_today():%Y-%m-%d}.csv"
        path = ask_save_path(self, "Exporter le journal d’audit", name, "CSV (*.csv)")
        if path is None:
            return
        filters, audit = self.filters(), self._audit
        self._exporting = True
        self.export_button.setEnabled(False)
        self.status_message.emit("Export du journal d’audit en cours…")

        def done(count: int) -> None:
            self._exporting = False
            self.export_button.setEnabled(True)
            self.status_message.emit(f"Journal d’audit exporté ({count} entrées) : {path}")

        def failed(error: BaseException) -> None:
            self._exporting = False
            self.export_button.setEnabled(True)
            self.status_message.emit(f"Export impossible : {failure_text(error)}")

        run_in_background(lambda: audit.export_csv(path, filters), done, failed, self)
