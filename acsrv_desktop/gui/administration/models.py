"""Table models of the catalogue's entries and contacts, for the administration area."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from acsrv_desktop.core.catalogue.service import ContactView, EntryView
from acsrv_desktop.gui.theme import secondary_item_colour

T = TypeVar("T")
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class RecordsTableModel(QAbstractTableModel, Generic[T]):
    """Rows of immutable views; columns are (title, text of a row) pairs."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[T], str]]],
        is_active: Callable[[T], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._is_active = is_active
        self._rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](row)
        if role == Qt.ItemDataRole.ForegroundRole and not self._is_active(row):
            return QBrush(secondary_item_colour())  # read at paint: follows the theme
        if role == ITEM_ROLE:
            return row
        return None


def entries_model(parent: QObject | None = None) -> RecordsTableModel[EntryView]:
    return RecordsTableModel(
        [
            ("Nom", lambda e: e.name),
            ("Type", lambda e: e.kind_label),
            ("Rattaché à", lambda e: e.parent_name or ""),
            ("Contact", lambda e: e.contacts[0].name if e.contacts else ""),
            ("État", lambda e: "Actif" if e.active else "Désactivé"),
        ],
        lambda e: e.active,
        parent,
    )


def contacts_model(parent: QObject | None = None) -> RecordsTableModel[ContactView]:
    return RecordsTableModel(
        [
            ("Nom", lambda c: c.name),
            ("Fonction", lambda c: c.role or ""),
            ("Téléphone", lambda c: c.phone or ""),
            ("Courriel", lambda c: c.email or ""),
            ("État", lambda c: "Actif" if c.active else "Désactivé"),
        ],
        lambda c: c.active,
        parent,
    )
