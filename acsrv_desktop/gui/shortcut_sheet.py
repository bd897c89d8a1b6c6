"""F1: the sheet of every keyboard shortcut, read from the window itself.

Nothing here lists keys by hand: the sheet walks the window's actions (menus), each area's
shortcuts (a QShortcut says what it does in its ``whatsThis``) and the mnemonics of its
labels and buttons (Alt + the underlined letter), so it says exactly what the keys do today.
An area may add the keys that are not shortcuts (Entrée in a list, ↓ from a field) through a
``keyboard_notes()`` method returning (keys, what they do) pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.text import fold
from acsrv_desktop.gui.keys import french_keys
from acsrv_desktop.gui.table_model import RowsTableModel

EVERYWHERE = "Partout"
_MNEMONIC = re.compile(r"&([^&\s])")
_SHOWN_KEYS = re.compile(r"\s*\((?:Ctrl|Alt|Maj|F\d|Suppr|Échap|Entrée)[^)]*\)\s*$")


@dataclass(frozen=True)
class ShortcutRow:
    where: str  # « Partout » or the area's name
    keys: str  # as printed on a French keyboard: « Ctrl+Maj+S », « Alt+N »
    what: str


def plain_text(text: str) -> str:
    """A label's or action's text as read: no mnemonic marks, no « (Ctrl+…) » it shows."""
    return _SHOWN_KEYS.sub("", text.replace("&&", "\0").replace("&", "").replace("\0", "&"))


def mnemonic(text: str) -> str | None:
    """« Alt+N » for a text with « &N… »; None without a mnemonic."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return f"Alt+{found.group(1).upper()}" if found else None


def _action_rows(window: QMainWindow) -> list[ShortcutRow]:
    rows = []
    for action in window.findChildren(QAction):
        if not action.isVisible() or not action.shortcuts() or not action.text():
            continue
        rows.append(
            ShortcutRow(EVERYWHERE, french_keys(action.shortcut()), plain_text(action.text()))
        )
    return rows


def _area_rows(name: str, area: QWidget) -> list[ShortcutRow]:
    rows = []
    for shortcut in area.findChildren(QShortcut):
        if shortcut.isEnabled() and shortcut.whatsThis():
            rows.append(ShortcutRow(name, french_keys(shortcut.key()), shortcut.whatsThis()))
    for widget in area.findChildren(QAbstractButton) + area.findChildren(QLabel):
        if not widget.isVisibleTo(area):
            continue
        keys = mnemonic(widget.text())
        if keys is None:
            continue
        text = plain_text(widget.text()).rstrip(" :")
        what = f"aller au champ « {text} »" if isinstance(widget, QLabel) else f"« {text} »"
        rows.append(ShortcutRow(name, keys, what))
    notes = getattr(area, "keyboard_notes", None)
    if callable(notes):
        rows += [ShortcutRow(name, keys, what) for keys, what in notes()]
    return rows


def shortcut_rows(window: QMainWindow, areas: dict[str, QWidget]) -> list[ShortcutRow]:
    """Every shortcut of ``window`` and of ``areas`` (name → widget), without repeats."""
    rows = _action_rows(window)
    for name, area in areas.items():
        rows += _area_rows(name, area)
    unique = list(dict.fromkeys(rows))
    order = {EVERYWHERE: -1, **{name: i for i, name in enumerate(areas)}}
    return sorted(unique, key=lambda row: (order.get(row.where, 99), row.keys))


class _ShortcutModel(RowsTableModel):
    HEADERS = ("Où", "Touches", "Action")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not self.valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        row: ShortcutRow = self.rows[index.row()]
        return (row.where, row.keys, row.what)[index.column()]


class _FoldedFilter(QSortFilterProxyModel):
    """Accents and case ignored: « echap » finds « Échap »."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(  # noqa: N802 (Qt's name)
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        line = " ".join(
            str(model.data(model.index(source_row, column, source_parent)))
            for column in range(model.columnCount())
        )
        folded = fold(line)
        return all(word in folded for word in self._words)


class ShortcutSheet(QDialog):
    """Aide › Raccourcis clavier (F1): a searchable table, closed with Échap."""

    def __init__(self, rows: list[ShortcutRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle("Raccourcis clavier")
        self.resize(760, 560)
        intro = QLabel(
            "Toutes les actions se font au clavier. « Alt+lettre » : la lettre soulignée "
            "d’un champ ou d’un bouton. Sur un clavier AZERTY, Ctrl+1 … Ctrl+5 se font "
            "sans Maj."
        )
        intro.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("chercher une touche ou une action…")
        self.filter_edit.setAccessibleName("Chercher un raccourci")
        filter_label = QLabel("&Chercher :")
        filter_label.setBuddy(self.filter_edit)
        self.model = _ShortcutModel(self)
        self.model.set_rows(rows)
        self.proxy = _FoldedFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Raccourcis clavier")
        self.table.setModel(self.proxy)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(filter_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.filter_edit.setFocus()

    def shown_rows(self) -> list[tuple[str, str, str]]:
        def cell(row: int, column: int) -> str:
            return str(self.proxy.index(row, column).data())

        return [(cell(row, 0), cell(row, 1), cell(row, 2)) for row in range(self.proxy.rowCount())]
