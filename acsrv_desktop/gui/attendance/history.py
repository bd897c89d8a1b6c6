"""The whole history of visits, most recent first, read a page at a time.

A million visits must scroll without loading a million rows: the model knows only how many
there are, and keeps the few pages around what is on screen (the view asks for visible rows
only). A page following one already read is found from that page's last (time, id): a few
milliseconds at any depth; a page far away is found by skipping rows on the (time, id) index
alone, which grows with the depth (about 40 ms at a million on SQLite, 70 ms at 200,000 on
PostgreSQL). The list is a snapshot: visits logged after it was opened appear with F5.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.visits import CHANNELS, VisitRow, VisitService

PAGE = 200
PAGES_KEPT = 30  # at most 6,000 rows in memory, whatever the size of the history
Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class VisitsHistoryModel(QAbstractTableModel):
    HEADERS = ("Date", "Heure", "Personne", "Canal", "Besoins", "Orientations", "État")

    def __init__(self, visits: VisitService, vocab: Vocabularies, parent: Any = None) -> None:
        super().__init__(parent)
        self._visits, self._vocab = visits, vocab
        self._centre_id: int | None = None
        self._count = 0
        self._upto_id = 0
        self._pages: OrderedDict[int, list[VisitRow]] = OrderedDict()
        self.pages_read = 0  # for the benchmark and the tests

    def load(self, centre_id: int | None) -> None:
        """Start again from the most recent visit (of one centre, or of all)."""
        self.beginResetModel()
        self._centre_id = centre_id
        self._pages.clear()
        self._count, self._upto_id = self._visits.history_snapshot(centre_id)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def visit(self, row: int) -> VisitRow | None:
        number, position = divmod(row, PAGE)
        page = self._page(number)
        return page[position] if position < len(page) else None

    def _page(self, number: int) -> list[VisitRow]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        previous = self._pages.get(number - 1)
        try:
            if previous:
                last = previous[-1]
                page = self._visits.history_page(
                    self._centre_id, PAGE, after=(last.occurred_at, last.id), upto_id=self._upto_id
                )
            else:
                page = self._visits.history_page(
                    self._centre_id, PAGE, offset=number * PAGE, upto_id=self._upto_id
                )
        except UserFacingError:
            return []  # the database is away: empty rows now, read again when shown again
        self.pages_read += 1
        self._pages[number] = page
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return page

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, Qt.ItemDataRole.ForegroundRole):
            return None
        visit = self.visit(index.row())
        if visit is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return Qt.GlobalColor.gray if visit.cancelled else None
        local = visit.occurred_at.astimezone(PARIS)
        return (
            local.strftime("%d/%m/%Y"),
            local.strftime("%H:%M"),
            visit.who,
            CHANNELS.get(visit.channel, visit.channel),
            ", ".join(self._vocab.thematiques.get(n, n) for n in visit.needs),
            ", ".join(visit.programmes),
            "annulé" if visit.cancelled else "",
        )[index.column()]


class VisitsHistoryWindow(QWidget):
    """All the visits, one centre or all of them; opened from the Fréquentation area."""

    def __init__(
        self,
        visits: VisitService,
        vocab: Vocabularies,
        centres: list[CentreView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Historique des passages")
        self.model = VisitsHistoryModel(visits, vocab, self)
        self.centre_combo = QComboBox()
        self.centre_combo.addItem("Tous les centres", None)
        for centre in centres:
            self.centre_combo.addItem(centre.name, centre.id)
        label = QLabel("&Centre :")
        label.setBuddy(self.centre_combo)
        self.count_label = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        height = self.view.fontMetrics().height() + 8
        self.view.verticalHeader().setDefaultSectionSize(height)
        # Fixed widths: fitting columns to their contents would read every row.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 55, 240, 90, 260, 260)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.centre_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.centre_combo.currentIndexChanged.connect(self.reload)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh.activated.connect(self.reload)
        self.resize(1150, 700)
        self.reload()

    def reload(self) -> None:
        try:
            self.model.load(self.centre_combo.currentData())
        except UserFacingError as exc:
            self.count_label.setText(str(exc))
            return
        count = self.model.rowCount()
        self.count_label.setText(
            f"{count:,} passage(s) — F5 pour actualiser".replace(",", "\u202f")
        )
