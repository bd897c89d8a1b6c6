"""The "Orientations" area: referrals with filters, status updates, slip and e-mail.

Nothing here waits for the database on the GUI thread: the choices of the filters, the list
(the latest request wins), a change of status and the slip are read or written in the
background. Meanwhile the list says « Chargement… » and the actions, which would act on what
is being replaced, are disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QDate,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QHeaderView, QWidget

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.catalogue.service import EntryView
from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.clock import PARIS, paris_today
from acsrv_desktop.core.reception.references import normalised as normalised_reference
from acsrv_desktop.core.reception.references import shown as shown_reference
from acsrv_desktop.core.reception.referrals import (
    EXPIRED,
    EXPIRED_LABEL,
    STATUSES,
    TO_REMIND,
    TO_REMIND_LABEL,
    ReferralFilter,
    ReferralRow,
)
from acsrv_desktop.core.reception.slip import Slip
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.announce import announce_messages, show_message
from acsrv_desktop.gui.forms.ui_orientations_area import Ui_OrientationsArea
from acsrv_desktop.gui.orientations.refusal import RefusalDialog
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.slips import save_slip_pdf
from acsrv_desktop.gui.table_model import Index as _Index
from acsrv_desktop.gui.table_model import RowsTableModel
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind
from acsrv_desktop.gui.widgets import python_date

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LOADING = "Chargement…"
COMBO_CHARACTERS = 22  # the programme and centre filters' width, in characters


@dataclass(frozen=True)
class FilterChoices:
    """What the filters offer: every programme, the centres one may see, the one chosen."""

    programmes: list[EntryView]
    centres: list[CentreView]
    centre_id: int | None  # the workstation's centre (or the accueil's own): chosen first


class ReferralsModel(RowsTableModel):
    HEADERS = (
        "Date",
        "Personne",
        "Programme",
        "Contact",
        "Centre",
        "Statut",
        "Réponse le",
        "Référence",
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE and index.column() == 0:
            return row.created_at.timestamp()
        if role == SORT_ROLE and index.column() == 6:
            return row.handled_at.timestamp() if row.handled_at else 0.0
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return (
                row.created_at.astimezone(PARIS).strftime("%d/%m/%Y"),
                row.visitor,
                row.programme_name,
                row.contact_name or "",
                row.centre_name,
                row.status_label(),
                row.handled_at.astimezone(PARIS).strftime("%d/%m/%Y") if row.handled_at else "",
                shown_reference(row.reference) if row.reference else "",
            )[index.column()]
        return None


class OrientationsArea(QWidget):
    status_message = Signal(str)
    status_changed = Signal()  # a status saved here (the « à relancer » count follows)

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
        # The programme takes what is left: the status stays in sight on a small screen and
        # at a larger text (a long name is elided in its cell, whole in its tooltip).
        view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        view.setAccessibleName("Orientations")
        announce_messages(self, self.status_message)
        self._reads = LatestOnly(self)
        self._choices: FilterChoices | None = None  # read in the background
        self._reading_choices = False
        self._writing = False  # a change of status on its way
        self._fetching_slip = False
        self._kept_note = ""  # a refusal's comment whose save failed
        self._fill_fixed_filters()
        self._connect()
        self._shown = False  # the referrals are read when the area is first shown
        self._stale = False
        self._read_choices()

    @property
    def is_busy(self) -> bool:
        """An answer is on its way: the filters' choices, the list, a change of status or a
        slip."""
        return self._reading_choices or self._reads.busy or self._writing or self._fetching_slip

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

    def _fill_fixed_filters(self) -> None:
        """The statuses and the dates (no database); the programmes and centres follow."""
        ui = self.ui
        ui.statusFilter.addItem("Tous", None)
        for code, label in STATUSES.items():
            ui.statusFilter.addItem(label, code)
        ui.statusFilter.addItem(TO_REMIND_LABEL + " (sans réponse depuis 10 jours)", TO_REMIND)
        ui.statusFilter.addItem(EXPIRED_LABEL + " (ouverte depuis plus de 30 jours)", EXPIRED)
        ui.programmeFilter.addItem("Tous", None)
        ui.centreFilter.addItem(LOADING, None)
        for combo in (ui.programmeFilter, ui.centreFilter):
            combo.setEnabled(False)
            # Filled after the first show: a width of their own, that the answer does not move.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
        today = paris_today()
        start = today - timedelta(days=90)
        ui.fromDate.setDate(QDate(start.year, start.month, start.day))
        ui.toDate.setDate(QDate(today.year, today.month, today.day))

    def _read_choices(self) -> None:
        """The programmes and the centres of the filters, in the background; the list is read
        once they are in (it starts on the workstation's centre)."""
        if self._reading_choices:
            return
        self._reading_choices = True
        actor, centres, catalogue = self._actor, self._centres, self._catalogue
        workstation = (self._preferences.workstation_centre or "").strip()

        def read() -> FilterChoices:
            programmes = catalogue.entries(include_inactive=True)
            if not actor.can(Permission.ALL_CENTRES):
                # Accueil: its own centre's referrals only (the service refuses the others).
                own = centres.centre(actor.centre_id or 0)
                return FilterChoices(programmes, [own] if own else [], own.id if own else None)
            every = centres.centres(include_inactive=True)
            mine = next((c.id for c in every if c.name == workstation), None)
            return FilterChoices(programmes, every, mine)

        def failed(error: BaseException) -> None:
            self._reading_choices = False  # read again at the next arrival in the area
            self.ui.countLabel.setText("Liste non lue")
            self.status_message.emit(f"Orientations : filtres illisibles : {failure_text(error)}")

        run_in_background(read, self._show_choices, failed, self)

    def _show_choices(self, choices: FilterChoices) -> None:
        self._reading_choices = False
        self._choices = choices
        ui = self.ui
        for combo in (ui.programmeFilter, ui.centreFilter):
            combo.blockSignals(True)  # one reading of the list below, not one per change
        for entry in choices.programmes:
            ui.programmeFilter.addItem(entry.name, entry.id)
        ui.centreFilter.clear()
        all_centres = self._actor.can(Permission.ALL_CENTRES)
        if all_centres:
            ui.centreFilter.addItem("Tous les centres", None)
        for centre in choices.centres:
            ui.centreFilter.addItem(centre.name, centre.id)
        ui.centreFilter.setCurrentIndex(max(0, ui.centreFilter.findData(choices.centre_id)))
        for combo in (ui.programmeFilter, ui.centreFilter):
            combo.blockSignals(False)
        ui.programmeFilter.setEnabled(True)
        ui.centreFilter.setEnabled(all_centres)
        self.reload()

    def _connect(self) -> None:
        ui = self.ui
        for combo in (ui.statusFilter, ui.programmeFilter, ui.centreFilter):
            combo.currentIndexChanged.connect(self.reload)
        ui.fromDate.dateChanged.connect(self.reload)
        ui.toDate.dateChanged.connect(self.reload)
        ui.referenceEdit.textChanged.connect(self._reference_typed)
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

    def _reference_typed(self, typed: str) -> None:
        """Read again once a whole reference is typed (any case, spaces or dashes), or the
        field emptied: not at each letter."""
        if not typed.strip() or normalised_reference(typed) is not None:
            self.reload()
        else:
            self.ui.countLabel.setText("Référence : 8 caractères (ex. K7MX-4PRA)")

    def filters(self) -> ReferralFilter:
        ui = self.ui
        reference = normalised_reference(ui.referenceEdit.text())
        if reference is not None:  # a contact calling back: whatever the period or status
            return ReferralFilter(centre_id=ui.centreFilter.currentData(), reference=reference)
        return ReferralFilter(
            status=ui.statusFilter.currentData(),
            programme_id=ui.programmeFilter.currentData(),
            centre_id=ui.centreFilter.currentData(),
            start=python_date(ui.fromDate.date()),
            end=python_date(ui.toDate.date()),
        )

    def reload(self) -> None:
        """Read the list again, in the background (the latest request wins); the selected
        referral stays selected."""
        if not self._shown:
            return  # read at first show: start-up does not wait for a list nobody looks at
        if self._choices is None:
            self.ui.countLabel.setText(LOADING)
            self._read_choices()  # the list follows them
            return
        self._stale = False
        self.ui.countLabel.setText(LOADING)
        filters, referrals = self.filters(), self._referrals
        self._reads.run(lambda: referrals.find(filters), self._show_rows, self._read_failed)
        self._on_selection()  # the actions wait for the list

    def _read_failed(self, error: BaseException) -> None:
        self.ui.countLabel.setText("Liste non lue")
        self._on_selection()
        self.status_message.emit(f"Orientations : lecture impossible : {failure_text(error)}")

    def _show_rows(self, rows: list[ReferralRow]) -> None:
        selected = self.selected()
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
        # Nothing acts on a referral while the list is being replaced or a change is saved.
        ready = row is not None and not (self._reads.busy or self._writing)
        for button in (
            ui.contactButton,
            ui.acceptButton,
            ui.refuseButton,
            ui.finishButton,
            ui.slipButton,
            ui.mailButton,
        ):
            button.setEnabled(ready)
        if self._writing:
            return  # « Enregistrement… » stays until the answer
        set_kind(ui.detailLabel, None)
        if row is None:
            ui.detailLabel.setText("")
            return
        reach = " · ".join(x for x in (row.contact_phone, row.contact_email) if x)
        why = f"Pourquoi : {', '.join(row.reasons)}. " if row.reasons else ""
        note = f"Commentaire : {row.refusal_note}" if row.refusal_note else ""
        answered = (
            f"Réponse du contact le {row.handled_at.astimezone(PARIS):%d/%m/%Y} : "
            f"{row.status_label()}. "
            if row.handled_at
            else ""
        )
        remind = (
            "Sans réponse depuis plus de 10 jours : « Relancer le contact » prépare le courriel. "
            if row.shown_status() == TO_REMIND
            else ""
        )
        reference = f"Référence {shown_reference(row.reference)}. " if row.reference else ""
        ui.detailLabel.setText(
            f"{row.programme_name} — contact : {row.contact_name or '—'} {reach}. "
            f"{reference}{answered}{remind}{why}{note}"
        )
        ui.mailButton.setText(
            "Relancer le c&ontact" if row.shown_status() == TO_REMIND else "Écrire au c&ontact"
        )

    def set_status(self, status: str) -> None:
        row = self.selected()
        if row is None or self._writing or self._reads.busy:
            return
        reason = note = None
        if status == "refusee":
            answer = self.ask_refusal(row)
            if answer is None:
                return
            reason, note = answer
        self._writing = True
        self._on_selection()
        self.ui.detailLabel.setText("Enregistrement…")

        def done(_result: object) -> None:
            self._writing = False
            self._kept_note = ""
            self.status_message.emit(f"Orientation vers {row.programme_name} : {STATUSES[status]}.")
            self.status_changed.emit()
            self.reload()

        def failed(error: BaseException) -> None:
            self._writing = False
            self._kept_note = note or ""
            message = f"Statut non enregistré : {failure_text(error)}"
            self._on_selection()
            show_message(self.ui.detailLabel, message, Kind.ERROR)
            self.status_message.emit(message)

        run_in_background(
            lambda: self._referrals.set_status(row.id, status, reason=reason, note=note or None),
            done,
            failed,
            self,
        )

    def ask_refusal(self, row: ReferralRow) -> tuple[str, str] | None:
        """Why the referral was refused, and a comment (None: cancelled)."""
        dialog = RefusalDialog(row.programme_name, self._kept_note, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.reason(), dialog.note()
        finally:
            dialog.deleteLater()

    def _with_slip(self, then: Callable[[Slip], None]) -> None:
        """The slip of the selected referral, read in the background, handed to ``then``."""
        row = self.selected()
        if row is None or self._fetching_slip:
            return
        self._fetching_slip = True
        slips = self._services.slips

        def done(slip: Slip) -> None:
            self._fetching_slip = False
            then(slip)

        def failed(error: BaseException) -> None:
            self._fetching_slip = False
            self.status_message.emit(f"Fiche illisible : {failure_text(error)}")

        run_in_background(lambda: slips.slip(row.visit_id, (row.programme_id,)), done, failed, self)

    def save_slip(self) -> None:
        """The slip of the selected referral as PDF (asked where once it is read)."""

        def save(slip: Slip) -> None:
            _path, message = save_slip_pdf(self, slip)
            if message:
                self.status_message.emit(message)

        self._with_slip(save)

    def mail_contact(self) -> None:
        """The prepared e-mail to the contact; a reminder for a referral « à relancer »."""
        row = self.selected()
        reminder = row is not None and row.shown_status() == TO_REMIND
        self._with_slip(lambda slip: self._open_mail(slip, reminder))

    def _open_mail(self, slip: Slip, reminder: bool = False) -> None:
        link = slip.mailto(slip.lines[0], reminder=reminder)
        if link is None:
            self.status_message.emit(
                "Pas de courriel préparé : le contact n’a pas d’adresse, ou la personne n’a pas "
                "donné son accord."
            )
            return
        QDesktopServices.openUrl(QUrl(link))
