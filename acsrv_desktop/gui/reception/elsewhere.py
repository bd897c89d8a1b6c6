"""« Autres centres… » (Ctrl+Maj+H): someone who came only to other centres of the federation.

On the shared server a desk sees only the people registered or seen at its centre. A person
who says « je suis déjà allé au centre de Denain » is looked for by their full name and birth
year (``VisitorService.find_elsewhere``: the server returns just enough to tell namesakes
apart, and traces the search); the one chosen is taken up here (``welcome``, traced too) and
opened in the form as any returning visitor.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.visitors import SeenElsewhere
from acsrv_desktop.gui.theme import set_default_width

COLUMNS = ("Personne", "Née en", "Venue à", "Dernière venue")
Index = QModelIndex | QPersistentModelIndex


class ElsewhereModel(QAbstractTableModel):
    """The people found at other centres, one row each."""

    def __init__(self, found: Sequence[SeenElsewhere], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = list(found)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's)
        return 0 if parent.isValid() else len(self.found)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 (Qt's name)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        person = self.found[index.row()]
        last = person.last_seen_at
        return (
            person.display_name,
            str(person.birth_year) if person.birth_year else "—",
            person.centres or "—",
            last.astimezone(PARIS).strftime("%d/%m/%Y") if last else "—",
        )[index.column()]


class ElsewhereDialog(QDialog):
    """Choose the person (↓/↑, Entrée), or none (Échap): ``chosen`` once accepted."""

    def __init__(self, found: Sequence[SeenElsewhere], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Personne venue dans un autre centre")
        self.chosen: SeenElsewhere | None = None
        intro = QLabel(
            "Ces personnes portent ce nom et sont venues seulement dans d’autres centres de la "
            "fédération. Si c’est la personne présente, reprenez sa fiche : ses passages "
            "seront comptés sur une seule personne. Cette recherche est inscrite au journal."
        )
        intro.setWordWrap(True)
        self.model = ElsewhereModel(found, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.selectRow(0)
        self.view.activated.connect(lambda _index: self.accept())
        buttons = QDialogButtonBox()
        self.take_button: QPushButton = buttons.addButton(
            "&Reprendre cette fiche", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton("Aucune : &nouvelle fiche", QDialogButtonBox.ButtonRole.RejectRole)
        self.take_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        set_default_width(self, 110)  # a centre's full name on one line
        self.view.resizeRowsToContents()
        self.view.setFocus()

    def accept(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return
        self.chosen = self.model.found[rows[0].row()]
        super().accept()
