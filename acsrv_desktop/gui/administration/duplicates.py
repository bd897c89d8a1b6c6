"""Administration: records that may be the same person, and their merge.

The groups are read in the background (« Chargement… » meanwhile, the merge waiting for
them), and a merge is written in the background too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.visitors import VisitorService, VisitorView
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.widgets import load_when_first_shown


def _describe(visitor: VisitorView) -> list[str]:
    last = visitor.last_seen_at
    seen = last.astimezone(PARIS).strftime("%d/%m/%Y") if last else "—"
    return [visitor.display_name, str(visitor.birth_year or ""), visitor.commune or "", seen]


class DuplicatesPanel(QWidget):
    """Groups of records with the same name and birth year; Fusionner keeps the latest one."""

    status_message = Signal(str)

    def __init__(self, visitors: VisitorService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visitors = visitors
        self._reads = LatestOnly(self)
        self._merging = False
        self._groups: list[list[VisitorView]] = []
        self.help = QLabel(
            "Fiches au même nom et à la même année de naissance : sans doute la même personne. "
            "« Fusionner » garde la fiche vue le plus récemment et lui rattache tous les "
            "passages des autres ; la personne n’est plus comptée qu’une fois."
        )
        self.help.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Personne", "Née en", "Commune", "Dernier passage"])
        self.tree.setRootIsDecorated(True)
        self.tree.setAccessibleName("Fiches en double")
        self.merge_button = QPushButton("F&usionner les fiches du groupe…")
        self.refresh_button = QPushButton("Actualiser")
        self.state_label = QLabel()  # « Chargement… », then how many groups
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.help)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(self.merge_selected)
        self.refresh_button.clicked.connect(self.reload)
        self.tree.currentItemChanged.connect(lambda *_: self._update())
        load_when_first_shown(self, self.reload)

    @property
    def is_busy(self) -> bool:
        """The groups or a merge are on their way."""
        return self._reads.busy or self._merging

    def reload(self) -> None:
        """The groups, read in the background (the latest request wins)."""

        def failed(error: BaseException) -> None:
            self.state_label.setText("Liste non lue")
            self._update()
            self.status_message.emit(f"Doublons illisibles : {failure_text(error)}")

        self.state_label.setText("Chargement…")
        self._reads.run(self._visitors.duplicate_groups, self._show, failed)
        self._update()

    def _show(self, groups: list[list[VisitorView]]) -> None:
        self._groups = groups
        self.tree.clear()
        for index, group in enumerate(self._groups):
            top = QTreeWidgetItem(
                [
                    f"{group[0].display_name} ({len(group)} fiches)",
                    str(group[0].birth_year or ""),
                    "",
                    "",
                ]
            )
            top.setData(0, Qt.ItemDataRole.UserRole, index)
            for visitor in group:
                child = QTreeWidgetItem(_describe(visitor))
                child.setData(0, Qt.ItemDataRole.UserRole, index)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        count = len(groups)
        self.state_label.setText(
            "Aucun doublon" if count == 0 else f"{count} groupe{'s' if count > 1 else ''}"
        )
        self._update()

    def _selected_group(self) -> list[VisitorView] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        index = item.data(0, Qt.ItemDataRole.UserRole)
        return self._groups[index] if index is not None and index < len(self._groups) else None

    def _update(self) -> None:
        ready = not (self._reads.busy or self._merging)  # never a group being replaced
        self.merge_button.setEnabled(ready and self._selected_group() is not None)

    def merge_selected(self) -> None:
        group = self._selected_group()
        if group is None or self.is_busy:
            return
        keep = group[0]
        answer = QMessageBox.question(
            self,
            "Fusionner les fiches",
            f"Fusionner les {len(group)} fiches « {keep.display_name} ({keep.birth_year}) » ?\n\n"
            "La fiche vue le plus récemment est gardée ; les passages des autres lui sont "
            "rattachés, puis les autres fiches sont supprimées. Cette opération ne peut pas "
            "être annulée.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._merging = True
        self.state_label.setText("Fusion en cours…")
        self._update()

        def done(_kept: object) -> None:
            self._merging = False
            self.status_message.emit(f"Fiches fusionnées : {keep.display_name}.")
            self.reload()

        def failed(error: BaseException) -> None:
            self._merging = False
            self.state_label.setText("")
            self._update()
            self.status_message.emit(f"Fusion impossible : {failure_text(error)}")

        visitors = self._visitors
        run_in_background(lambda: visitors.merge_group(group), done, failed, self)
