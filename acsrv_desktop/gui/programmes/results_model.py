"""Table model of search results (relevance order; sortable by column through a proxy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from acsrv_desktop.core.catalogue.service import SearchResult

COLUMNS = ("Programme", "Type", "Contact")
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1
RANK_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._results: list[SearchResult] = []

    def set_results(self, results: list[SearchResult], *, force: bool = False) -> bool:
        """Show ``results``; False, and no signal, when they are the entries already shown in
        the same order (a keystroke that narrows nothing leaves the view and its selection
        alone). The same entries read again from the catalogue are new objects: shown anew."""
        if (
            not force
            and len(results) == len(self._results)
            and all(new.entry is old.entry for new, old in zip(results, self._results, strict=True))
        ):
            return False
        self.beginResetModel()
        self._results = list(results)
        self.endResetModel()
        return True

    def row_of(self, entry_id: str) -> int | None:
        return next((row for row, r in enumerate(self._results) if r.entry.id == entry_id), None)

    def result(self, row: int) -> SearchResult:
        return self._results[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._results)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._results):
            return None
        result = self._results[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.entry.summary
        if role == RESULT_ROLE:
            return result
        if role == RANK_ROLE:
            return index.row()
        return None

    @staticmethod
    def _display(result: SearchResult, column: int) -> str:
        if column == 0:
            parent = f" ({result.entry.parent_name})" if result.entry.parent_name else ""
            return result.entry.name + parent
        if column == 1:
            return result.entry.kind_label
        return result.contact.name if result.contact else ""


class ResultsProxyModel(QSortFilterProxyModel):
    """Relevance order until the user sorts by a column; then French, accent-aware order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortLocaleAware(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
