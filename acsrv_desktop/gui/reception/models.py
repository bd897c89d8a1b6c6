"""Table models of the Accueil area: visitor lookup, suggestions, today's visits."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.reception.routing import Suggestion
from acsrv_desktop.core.reception.visitors import Lookup, VisitorView
from acsrv_desktop.core.reception.visits import CHANNELS, PARIS, VisitRow
from acsrv_desktop.gui.table_model import DISPLAY, RowsTableModel
from acsrv_desktop.gui.table_model import Index as _Index


def setup_table(view: QTableView) -> None:
    """The way every table of the Accueil shows and moves."""
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(0)  # fitted to the rows on screen, not to every row
    header.setStretchLastSection(True)


def _grey() -> QBrush:
    return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))


class VisitorResultsModel(RowsTableModel):
    """The people found by the search; close spellings are marked as such."""

    HEADERS = ("Personne", "Née en", "Commune", "Dernier passage")
    CLOSE = "orthographe proche"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lookup = Lookup("", [])  # what the rows answer

    @property
    def close_spellings(self) -> bool:
        """Nobody as typed: the rows are spelt close to it."""
        return self.lookup.close_spellings

    def set_lookup(self, lookup: Lookup) -> None:
        self.lookup = lookup
        super().set_rows(lookup.visitors)

    def set_rows(self, rows: list[Any]) -> None:
        self.set_lookup(Lookup("", list(rows)))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:  # noqa: N802
        horizontal = orientation == Qt.Orientation.Horizontal
        if self.close_spellings and section == 0 and horizontal and role == DISPLAY:
            return f"Personne ({self.CLOSE})"
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self.valid(index):
            return None
        visitor: VisitorView = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and self.close_spellings:
            return f"Personne trouvée par {self.CLOSE} : vérifiez le nom avec la personne."
        if role == Qt.ItemDataRole.FontRole and self.close_spellings and index.column() == 0:
            font = QFont()
            font.setItalic(True)
            return font
        if role != DISPLAY:
            return None
        name = visitor.display_name
        return (
            f"{name} — {self.CLOSE}" if self.close_spellings else name,
            str(visitor.birth_year) if visitor.birth_year else "",
            visitor.commune or "",
            visitor.last_seen_at.astimezone(PARIS).strftime("%d/%m/%Y")
            if visitor.last_seen_at
            else "",
        )[index.column()]


class SuggestionsModel(RowsTableModel):
    """Suggestions with a check box each: checked ones become referrals on save."""

    HEADERS = ("Orienter", "Programme (détail et raisons en dessous)")
    # Ticked (True) or un-ticked (False) by the person at the desk — Espace, a click, Ctrl+O —
    # with the programme's id and name; not when a draft or the code sets the ticks.
    ticked = Signal(str, str, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.accepted: set[str] = set()

    def set_rows(self, rows: list[Any]) -> None:
        ids = {s.entry.id for s in rows}
        self.accepted &= ids  # keep what staff had ticked, if still suggested
        super().set_rows(rows)

    def suggestion(self, row: int) -> Suggestion:
        return self.rows[row]

    def toggle(self, row: int) -> None:
        entry = self.rows[row].entry
        self.accepted ^= {entry.id}
        self.dataChanged.emit(
            self.index(row, 0), self.index(row, 0), [Qt.ItemDataRole.CheckStateRole]
        )
        self.ticked.emit(entry.id, entry.name, entry.id in self.accepted)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if self.valid(index) and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            entry_id = self.rows[index.row()].entry.id
            if checked != (entry_id in self.accepted):
                self.toggle(index.row())
            return True
        return False

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self.valid(index):
            return None
        suggestion: Suggestion = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            accepted = suggestion.entry.id in self.accepted
            return Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not suggestion.eligible:
            return _grey()
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(suggestion.reasons + suggestion.blockers + suggestion.to_check)
        if role != DISPLAY:
            return None
        if index.column() == 0:
            return ""
        if not suggestion.eligible:
            return f"{suggestion.entry.name} — ne convient pas : {'; '.join(suggestion.blockers)}"
        check = " (à vérifier)" if suggestion.to_check else ""
        return suggestion.entry.name + check


def initials(who: str) -> str:
    """« Fatima Benali (1984) » → « F. B. », « Jean-Pierre Vandenbussche » → « J.-P. V. »:
    what the visitor at the desk may read of the people seen before them."""
    name = re.sub(r"\s*\(\d{4}\)$", "", who).strip()
    words = []
    for word in name.split():
        parts = [part[0].upper() + "." for part in word.split("-") if part]
        if parts:
            words.append("-".join(parts))
    return " ".join(words)


def _counted(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}" if count else ""


class TodayModel(RowsTableModel):
    """The day's visits. Discreet (the default), a row shows the person's initials and how
    many needs and referrals — the whole line only for the row selected (``reveal``)."""

    HEADERS = ("Heure", "Personne", "Canal", "Besoins", "Orientations", "État")

    def __init__(self, vocab: Vocabularies, parent: Any = None) -> None:
        super().__init__(parent)
        self._vocab = vocab
        self.discreet = True
        self._revealed: int | None = None  # the visit id shown whole

    def set_discreet(self, discreet: bool) -> None:
        if discreet != self.discreet:
            self.discreet = discreet
            self._rows_changed(0, self.rowCount() - 1)

    def reveal(self, row: int) -> None:
        """The row selected is shown whole (-1: none)."""
        visit_id = self.rows[row].id if 0 <= row < len(self.rows) else None
        if visit_id == self._revealed:
            return
        before = self._row_of(self._revealed)
        self._revealed = visit_id
        for changed in (before, row):
            if changed is not None and 0 <= changed < len(self.rows):
                self._rows_changed(changed, changed)

    def _row_of(self, visit_id: int | None) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == visit_id), None)

    def _rows_changed(self, first: int, last: int) -> None:
        if last >= first >= 0:
            self.dataChanged.emit(
                self.index(first, 1), self.index(last, 4), [Qt.ItemDataRole.DisplayRole]
            )

    def hides(self, visit: VisitRow) -> bool:
        """Whether ``visit``'s row shows only initials and counts."""
        return self.discreet and visit.id != self._revealed

    def visit(self, row: int) -> VisitRow:
        return self.rows[row]

    def add(self, visit: VisitRow) -> int:
        """Insert a visit just saved where the day's order (latest first) puts it; its row."""
        key = (visit.occurred_at, visit.id)
        row = next(
            (i for i, r in enumerate(self.rows) if (r.occurred_at, r.id) < key), len(self.rows)
        )
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, visit)
        self.endInsertRows()
        return row

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        if not self.valid(index):
            return None
        visit: VisitRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and visit.cancelled:
            return _grey()
        hidden = self.hides(visit)
        if role == Qt.ItemDataRole.ToolTipRole and not hidden:
            if index.column() == 4 and visit.referrals:
                # The answer of each programme's contact, its date and the reference.
                return "\n".join(answer.describe() for answer in visit.referrals)
            if index.column() == 3 and visit.needs:  # elided in its cell
                return ", ".join(self._vocab.thematiques.get(n, n) for n in visit.needs)
            if visit.note:
                return visit.note
        if role != DISPLAY:
            return None
        column = index.column()  # only the cell asked for (a repaint asks for every cell)
        if column == 0:
            return visit.local_time
        if column == 1:
            return initials(visit.who) if hidden and visit.visitor_id else visit.who
        if column == 2:
            return CHANNELS.get(visit.channel, visit.channel)
        if column == 3:
            if hidden:
                return _counted(len(visit.needs), "besoin")
            return ", ".join(self._vocab.thematiques.get(n, n) for n in visit.needs)
        if column == 4:
            if hidden:
                return _counted(len(visit.programmes), "orientation")
            if visit.referrals:  # each with the contact's answer, once there is one
                return ", ".join(
                    f"{a.programme} : {a.label}" if a.status != "proposee" else a.programme
                    for a in visit.referrals
                )
            return ", ".join(visit.programmes)
        return _state(visit)


def _state(visit: VisitRow) -> str:
    """« annulé », « nouvelle personne », « corrigé », « heure saisie » — what staff must see."""
    if visit.cancelled:
        return "annulé"
    said = ["nouvelle personne"] if visit.new_visitor else []
    if visit.corrected:
        said.append("corrigé")
    if visit.time_set_by_hand:
        said.append("heure saisie à la main")
    return ", ".join(said)
