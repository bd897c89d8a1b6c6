"""The whole history of visits, most recent first, read a page at a time in the background.

A million visits must scroll without loading a million rows, and without waiting: the model
knows only how many there are, and keeps the few pages around what is on screen. A row whose
page is not read yet says « Chargement… »; the view asking for it (its data, at paint time)
sends for its page in the background and never waits — the rows fill in when the page
arrives. One page is read at a time, the one asked for last first (what is on screen now);
pages asked for while scrolling past and no longer wanted are dropped.

A page following one already read is found from that page's last (time, id): a few
milliseconds at any depth; a page far away is found by skipping rows on the (time, id) index
alone, which grows with the depth (about 40 ms at a million on SQLite, 70 ms at 200,000 on
PostgreSQL). The list is a snapshot: visits logged after it was opened appear with F5.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
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
from acsrv_desktop.core.reception.visits import CHANNELS, VisitRow, VisitService
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.theme import secondary_item_colour

PAGE = 200
PAGES_KEPT = 30  # at most 6,000 rows in memory, whatever the size of the history
WANTED_KEPT = 4  # pages asked for and not read yet: those on screen are among the latest
Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
LOADING = "Chargement…"
UNREADABLE = "Lecture impossible (F5 pour réessayer)"
WHO_COLUMN = 2  # where a row not read yet says so


class VisitsHistoryModel(QAbstractTableModel):
    HEADERS = ("Date", "Heure", "Personne", "Canal", "Besoins", "Orientations", "État")

    counted = Signal()  # the number of visits is known (the rows follow as they are shown)
    failed = Signal(str)  # a reading failed: the French reason

    def __init__(self, visits: VisitService, vocab: Vocabularies, parent: Any = None) -> None:
        super().__init__(parent)
        self._visits, self._vocab = visits, vocab
        self._centre_id: int | None = None
        self._count = 0
        self._upto_id = 0
        self._generation = 0  # one per load(): answers to an earlier one are dropped
        self._pages: OrderedDict[int, list[VisitRow]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()  # the latest asked for last
        self._reading: int | None = None  # the page on its way
        self._unreadable: set[int] = set()  # failed: not asked again before F5
        self._counting = LatestOnly(self)
        self.pages_read = 0  # for the benchmark and the tests

    @property
    def busy(self) -> bool:
        """The count or a page is on its way, or a page shown is still to be read."""
        return self._counting.busy or self._reading is not None or bool(self._wanted)

    def load(self, centre_id: int | None) -> None:
        """Start again from the most recent visit (of one centre, or of all): empty until the
        count arrives, read in the background."""
        self.beginResetModel()
        self._generation += 1
        self._centre_id = centre_id
        self._count = 0
        self._pages.clear()
        self._wanted.clear()
        self._unreadable.clear()
        self.endResetModel()
        generation = self._generation
        self._counting.run(
            lambda: self._visits.history_snapshot(centre_id),
            lambda snapshot: self._counted(generation, *snapshot),
            lambda error: self.failed.emit(failure_text(error)),
        )

    def _counted(self, generation: int, count: int, upto_id: int) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._count, self._upto_id = count, upto_id
        self.endResetModel()
        self.counted.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return self.HEADERS[section]
        return None

    def visit(self, row: int) -> VisitRow | None:
        """The visit of ``row`` if its page was read; None otherwise (its page is then asked
        for, in the background: never waited for)."""
        number, position = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is None:
            if 0 <= row < self._count:
                self._want(number)
            return None
        self._pages.move_to_end(number)
        return page[position] if position < len(page) else None

    # -- pages read in the background ---------------------------------------------------------

    def _want(self, number: int) -> None:
        if number in self._unreadable or number == self._reading:
            return
        self._wanted[number] = None
        self._wanted.move_to_end(number)
        while len(self._wanted) > WANTED_KEPT:  # scrolled past: no longer on screen
            self._wanted.popitem(last=False)
        self._read_next()

    def _read_next(self) -> None:
        if self._reading is not None:
            return
        while self._wanted:
            number, _ = self._wanted.popitem()  # the latest asked for: on screen now
            if number not in self._pages:
                break
        else:
            return
        centre_id, upto_id, generation = self._centre_id, self._upto_id, self._generation
        previous = self._pages.get(number - 1)
        after = (previous[-1].occurred_at, previous[-1].id) if previous else None
        visits = self._visits

        def read() -> list[VisitRow]:
            if after is not None:
                return visits.history_page(centre_id, PAGE, after=after, upto_id=upto_id)
            return visits.history_page(centre_id, PAGE, offset=number * PAGE, upto_id=upto_id)

        self._reading = number
        run_in_background(
            read,
            lambda page: self._page_read(generation, number, page),
            lambda error: self._page_failed(generation, number, error),
            self,
        )

    def _page_read(self, generation: int, number: int, page: list[VisitRow]) -> None:
        self._reading = None
        if generation == self._generation:
            self.pages_read += 1
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
            self._page_changed(number)
        self._read_next()

    def _page_failed(self, generation: int, number: int, error: BaseException) -> None:
        self._reading = None
        if generation == self._generation:
            self._unreadable.add(number)  # not asked again at each paint: F5 tries again
            self.failed.emit(failure_text(error))
            self._page_changed(number)
        self._read_next()

    def _page_changed(self, number: int) -> None:
        first, last = number * PAGE, min((number + 1) * PAGE, self._count) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.HEADERS) - 1))

    # -- what the view shows ------------------------------------------------------------------

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, Qt.ItemDataRole.ForegroundRole):
            return None
        visit = self.visit(index.row())
        if visit is None:  # not read yet (or gone since the snapshot)
            if role == Qt.ItemDataRole.ForegroundRole:
                return secondary_item_colour()
            if index.column() != WHO_COLUMN or index.row() // PAGE in self._pages:
                return None
            return UNREADABLE if index.row() // PAGE in self._unreadable else LOADING
        if role == Qt.ItemDataRole.ForegroundRole:
            return secondary_item_colour() if visit.cancelled else None
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
        self.set_centres(centres)
        label = QLabel("&Centre :")
        label.setBuddy(self.centre_combo)
        self.count_label = QLabel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setAccessibleName("Passages")
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
        self.model.counted.connect(self._show_count)
        self.model.failed.connect(
            lambda reason: self.count_label.setText(
                f"Lecture impossible : {reason} — F5 pour réessayer"
            )
        )
        self.centre_combo.currentIndexChanged.connect(self.reload)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh.activated.connect(self.reload)
        self.resize(1150, 700)
        self.reload()

    @property
    def is_busy(self) -> bool:
        """The count or a page shown is on its way from the database."""
        return self.model.busy

    def set_centres(self, centres: list[CentreView]) -> None:
        """The centres one may choose (after « Tous les centres »), the choice kept."""
        combo = self.centre_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for centre in centres:
            combo.addItem(centre.name, centre.id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def reload(self) -> None:
        """The history as it is now, from the most recent visit (F5)."""
        self.count_label.setText(LOADING)
        self.model.load(self.centre_combo.currentData())

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            f"{count:,} passage(s) — F5 pour actualiser".replace(",", "\u202f")
        )
