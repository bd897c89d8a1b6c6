"""The "Orientations" area: referrals with filters, status updates, slip and e-mail."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QDate,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QHeaderView, QInputDialog, QWidget

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.profile import MAX_NOTE
from acsrv_desktop.core.reception.referrals import (
    EXPIRED,
    EXPIRED_LABEL,
    REFUSAL_REASONS,
    STATUSES,
    ReferralFilter,
    ReferralRow,
)
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_orientations_area import Ui_OrientationsArea
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.slips import save_slip_pdf
from acsrv_desktop.gui.table_model import Index as _Index
from acsrv_desktop.gui.table_model import RowsTableModel
from acsrv_desktop.gui.widgets import python_date

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class ReferralsModel(RowsTableModel):
    HEADERS = ("Date", "Personne", "Programme", "Contact", "Centre", "Statut")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE and index.column() == 0:
            return row.created_at.timestamp()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return (
                row.created_at.astimezone(PARIS).strftime("%d/%m/%Y"),
                row.visitor,
                row.programme_name,
                row.contact_name or "",
                row.centre_name,
                row.status_label(),
            )[index.column()]
        return None


class OrientationsArea(QWidget):
    status_message = Signal(str)

    def __init__(
        self, services: Services, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_OrientationsArea()
        self.ui.setupUi(self)
        self._services = services
        self._catalogue = services.catalogue
        self._preferences = preferences
        self._actor = services.actor
        self._referrals = services.referrals
        self._centres = services.centres
        self._model = ReferralsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self._model)
        proxy.setSortRole(SORT_ROLE)
        proxy.setSortLocaleAware(True)
        self._proxy = proxy
        view = self.ui.referralsView
        view.setModel(proxy)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setResizeContentsPrecision(0)  # fitted to the rows on screen
        view.horizontalHeader().setStretchLastSection(True)
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self._fill_filters()
        self._connect()
        self._shown = False  # the referrals are read when the area is first shown
        self._stale = False

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown or self._stale:
            self._shown = True
            self.reload()

    def mark_stale(self) -> None:
        """A visit was saved elsewhere: read again now if on screen, else when next shown
        (saving a visit at the desk does not wait for a list nobody looks at)."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def _fill_filters(self) -> None:
        ui = self.ui
        ui.statusFilter.addItem("Tous", None)
        for code, label in STATUSES.items():
            ui.statusFilter.addItem(label, code)
        ui.statusFilter.addItem(EXPIRED_LABEL + " (ouverte depuis plus de 30 jours)", EXPIRED)
        ui.programmeFilter.addItem("Tous", None)
        for entry in self._catalogue.entries(include_inactive=True):
            ui.programmeFilter.addItem(entry.name, entry.id)
        if not self._actor.can(Permission.ALL_CENTRES):
            # Accueil: its own centre's referrals only (the service refuses the others too).
            own = self._centres.centre(self._actor.centre_id or 0)
            if own is not None:
                ui.centreFilter.addItem(own.name, own.id)
            ui.centreFilter.setEnabled(False)
            mine = None
        else:
            ui.centreFilter.addItem("Tous les centres", None)
            for centre in self._centres.centres(include_inactive=True):
                ui.centreFilter.addItem(centre.name, centre.id)
            mine = self._centres.by_name(self._preferences.workstation_centre or "")
        if mine is not None:
            ui.centreFilter.setCurrentIndex(ui.centreFilter.findData(mine.id))
        today = date.today()
        ui.fromDate.setDate(QDate(today - timedelta(days=90)))
        ui.toDate.setDate(QDate(today))

    def _connect(self) -> None:
        ui = self.ui
        for combo in (ui.statusFilter, ui.programmeFilter, ui.centreFilter):
            combo.currentIndexChanged.connect(self.reload)
        ui.fromDate.dateChanged.connect(self.reload)
        ui.toDate.dateChanged.connect(self.reload)
        ui.referralsView.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        ui.contactButton.clicked.connect(lambda: self.set_status("contact-pris"))
        ui.acceptButton.clicked.connect(lambda: self.set_status("acceptee"))
        ui.refuseButton.clicked.connect(lambda: self.set_status("refusee"))
        ui.finishButton.clicked.connect(lambda: self.set_status("terminee"))
        ui.slipButton.clicked.connect(self.save_slip)
        ui.mailButton.clicked.connect(self.mail_contact)

    def focus_search(self) -> None:
        """On arrival in the area: the list as it is now (other workstations write too)."""
        self.reload()
        self.ui.referralsView.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def filters(self) -> ReferralFilter:
        ui = self.ui
        return ReferralFilter(
            status=ui.statusFilter.currentData(),
            programme_id=ui.programmeFilter.currentData(),
            centre_id=ui.centreFilter.currentData(),
            start=python_date(ui.fromDate.date()),
            end=python_date(ui.toDate.date()),
        )

    def reload(self) -> None:
        if not self._shown:
            return  # read at first show: start-up does not wait for a list nobody looks at
        self._stale = False
        selected = self.selected()
        try:
            rows = self._referrals.find(self.filters())
        except UserFacingError as exc:
            self.status_message.emit(str(exc))
            return
        self._model.set_rows(rows)
        count = len(rows)
        self.ui.countLabel.setText(f"{count} orientation{'s' if count > 1 else ''}")
        if selected is not None:
            for row in range(self._proxy.rowCount()):
                if self._proxy.data(self._proxy.index(row, 0), ROW_ROLE).id == selected.id:
                    self.ui.referralsView.selectRow(row)
                    break
        self._on_selection()

    def selected(self) -> ReferralRow | None:
        index = self.ui.referralsView.currentIndex()
        return (
            self._proxy.data(self._proxy.index(index.row(), 0), ROW_ROLE)
            if index.isValid()
            else None
        )

    def _on_selection(self) -> None:
        row = self.selected()
        ui = self.ui
        for button in (
            ui.contactButton,
            ui.acceptButton,
            ui.refuseButton,
            ui.finishButton,
            ui.slipButton,
            ui.mailButton,
        ):
            button.setEnabled(row is not None)
        if row is None:
            ui.detailLabel.setText("")
            return
        reach = " · ".join(x for x in (row.contact_phone, row.contact_email) if x)
        why = f"Pourquoi : {', '.join(row.reasons)}. " if row.reasons else ""
        note = f"Commentaire : {row.refusal_note}" if row.refusal_note else ""
        ui.detailLabel.setText(
            f"{row.programme_name} — contact : {row.contact_name or '—'} {reach}. {why}{note}"
        )

    def set_status(self, status: str) -> None:
        row = self.selected()
        if row is None:
            return
        reason = note = None
        if status == "refusee":
            labels = list(REFUSAL_REASONS.values())
            chosen, ok = QInputDialog.getItem(
                self,
                "Orientation refusée",
                "Pourquoi l’orientation est-elle refusée ?",
                labels,
                0,
                False,
            )
            if not ok:
                return
            reason = next(code for code, label in REFUSAL_REASONS.items() if label == chosen)
            note, ok = QInputDialog.getText(
                self,
                "Orientation refusée",
                f"Commentaire (facultatif, {MAX_NOTE} caractères au plus).\n"
                "La personne peut demander à le lire : il fait partie de ses données.",
            )
            if not ok:
                return
        try:
            self._referrals.set_status(row.id, status, reason=reason, note=note or None)
        except UserFacingError as exc:
            self.status_message.emit(str(exc))
            self.ui.detailLabel.setText(str(exc))
            return
        self.status_message.emit(f"Orientation vers {row.programme_name} : {STATUSES[status]}.")
        self.reload()

    def save_slip(self) -> Path | None:
        row = self.selected()
        if row is None:
            return None
        try:
            slip = self._services.slips.slip(row.visit_id, (row.programme_id,))
        except UserFacingError as exc:
            self.status_message.emit(str(exc))
            return None
        path, message = save_slip_pdf(self, slip)
        if message:
            self.status_message.emit(message)
        return path

    def mail_contact(self) -> None:
        row = self.selected()
        if row is None:
            return
        slip = self._services.slips.slip(row.visit_id, (row.programme_id,))
        link = slip.mailto(slip.lines[0])
        if link is None:
            self.status_message.emit(
                "Pas de courriel préparé : le contact n’a pas d’adresse, ou la personne n’a pas "
                "donné son accord."
            )
            return
        QDesktopServices.openUrl(QUrl(link))
