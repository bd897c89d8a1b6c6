"""The référent de programme's « Orientations » (issue 17): the referrals addressed to its
programmes, « à traiter » first, what it needs to reach the person, and its answer.

A référent has no Accueil and no figures: this is its screen. It reads and answers through
``services.referent`` (``core/reception/loop.py``), in the background; the list keeps the
service's order (those to remind first, then the other unanswered ones, oldest first). The
first row is selected on arrival: Alt+I (contact pris), Alt+E (acceptée), Alt+U (refusée…,
with the reason) or Alt+T (terminée) answer it at once; F5 reads the list again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.reception.contact_details import CONTACT_PREFERENCES
from acsrv_desktop.core.reception.loop import ReferentReferral
from acsrv_desktop.core.reception.references import shown as shown_reference
from acsrv_desktop.core.reception.referrals import STATUSES, TO_REMIND
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.text import format_phone
from acsrv_desktop.gui.announce import announce_messages, show_message
from acsrv_desktop.gui.forms.ui_referent_area import Ui_ReferentArea
from acsrv_desktop.gui.orientations.refusal import RefusalDialog
from acsrv_desktop.gui.table_model import Index, RowsTableModel
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
LOADING = "Chargement…"


def _day(moment: Any) -> str:
    return moment.astimezone(PARIS).strftime("%d/%m/%Y") if moment is not None else ""


class ReferentReferralsModel(RowsTableModel):
    HEADERS = ("Reçue le", "Référence", "Prénom", "Programme", "Centre", "Statut", "Réponse le")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row: ReferentReferral = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.FontRole and index.column() == 5:
            if row.shown_status() == TO_REMIND:  # what must be done first stands out
                font = self._bold()
                return font
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                _day(row.created_at),
                shown_reference(row.reference),
                row.first_name or "(sans prénom)",
                row.programme_name,
                row.centre_name,
                row.status_label(),
                _day(row.handled_at),
            )[index.column()]
        return None

    @staticmethod
    def _bold() -> Any:
        from PySide6.QtGui import QFont

        font = QFont()
        font.setBold(True)
        return font


def describe(row: ReferentReferral, vocab: Vocabularies) -> str:
    """What the référent needs to reach the person, in a few lines (plain text)."""
    who = row.first_name or "La personne (sans prénom : anonyme, ou fiche effacée)"
    lines = [
        f"{who} — orientée le {_day(row.created_at)} vers {row.programme_name} par "
        f"{row.centre_name} — référence {shown_reference(row.reference)}"
    ]
    reach = []
    if row.contact_preference:
        preference = CONTACT_PREFERENCES.get(row.contact_preference, row.contact_preference)
        reach.append(f"contact préféré : {preference}")
    if row.contact_phone:
        reach.append(f"téléphone : {format_phone(row.contact_phone)}")
    if row.contact_email:
        reach.append(f"courriel : {row.contact_email}")
    if row.availability:
        reach.append(f"disponibilités : {row.availability}")
    if reach:
        lines.append("Contact : " + " · ".join(reach))
    else:
        lines.append(
            "Pas de coordonnées transmises : la personne prendra contact, ou passez par "
            f"l’accueil ({row.centre_name})."
        )
    needs = ", ".join(vocab.thematiques.get(n, n) for n in row.needs)
    why = f" — pourquoi : {', '.join(row.reasons)}" if row.reasons else ""
    if needs or why:
        lines.append(f"Besoin : {needs or '—'}{why}")
    if row.message:
        lines.append(f"Message de l’accueil : « {row.message} »")
    status = row.shown_status()
    if status == TO_REMIND:
        days = (utc_now() - row.created_at).days
        lines.append(f"À relancer : sans réponse depuis {days} jours.")
    elif row.handled_at is not None:
        lines.append(f"Réponse : {row.status_label()}, le {_day(row.handled_at)}.")
    if row.refusal_note:
        lines.append(f"Commentaire : {row.refusal_note}")
    return "\n".join(lines)


class ReferentArea(QWidget):
    """The referrals addressed to the signed-in référent's programmes, and its answers."""

    status_message = Signal(str)
    answered = Signal()  # an answer was saved (the « à relancer » count follows)
    rows_read = Signal(list)  # the referrals as read last (list[ReferentReferral])

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReferentArea()
        self.ui.setupUi(self)
        self._referent = services.referent
        self._vocab = services.catalogue.vocab
        self._model = ReferentReferralsModel(self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        view = self.ui.referralsView
        view.setModel(self._proxy)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the programme
        view.setAccessibleName("Orientations reçues")
        self.ui.detailLabel.setAccessibleName("Détail de l’orientation")
        announce_messages(self, self.status_message)
        self._reads = LatestOnly(self)
        self._writing = False
        self._reading_programmes = False
        self._kept_note = ""
        self._shown = False
        self._stale = False
        self._connect()
        self._read_programmes()

    @property
    def is_busy(self) -> bool:
        return self._reads.busy or self._writing or self._reading_programmes

    def _connect(self) -> None:
        ui = self.ui
        ui.referralsView.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        ui.contactButton.clicked.connect(lambda: self.set_status("contact-pris"))
        ui.acceptButton.clicked.connect(lambda: self.set_status("acceptee"))
        ui.refuseButton.clicked.connect(lambda: self.set_status("refusee"))
        ui.finishButton.clicked.connect(lambda: self.set_status("terminee"))
        ui.refreshButton.clicked.connect(self.reload)
        refresh = QShortcut(QKeySequence("F5"), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.setWhatsThis("lire à nouveau les orientations reçues")
        refresh.activated.connect(self.reload)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown or self._stale:
            self._shown = True
            self.reload()

    def focus_search(self) -> None:
        """On arrival in the area: the list as it is now, the focus in it."""
        self.reload()
        self.ui.referralsView.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def mark_stale(self) -> None:
        """New referrals arrived: read again now if on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def _read_programmes(self) -> None:
        self._reading_programmes = True
        referent = self._referent

        def done(programmes: list[tuple[str, str]]) -> None:
            self._reading_programmes = False
            names = ", ".join(name for _id, name in programmes)
            self.ui.programmesLabel.setText(
                f"Vos programmes : {names}" if names else "Aucun programme ne vous est confié."
            )

        def failed(error: BaseException) -> None:
            self._reading_programmes = False
            self.status_message.emit(
                f"Vos programmes n’ont pas pu être lus : {failure_text(error)}"
            )

        run_in_background(referent.programmes, done, failed, self)

    def reload(self) -> None:
        if not self._shown:
            return
        self._stale = False
        self.ui.countLabel.setText(LOADING)
        self._reads.run(self._referent.referrals, self._show_rows, self._read_failed)
        self._on_selection()

    def _read_failed(self, error: BaseException) -> None:
        self.ui.countLabel.setText("Liste non lue")
        self._on_selection()
        self.status_message.emit(f"Orientations : lecture impossible : {failure_text(error)}")

    def _show_rows(self, rows: list[ReferentReferral]) -> None:
        selected = self.selected()
        self._model.set_rows(rows)
        now = utc_now()
        remind = sum(1 for r in rows if r.shown_status(now) == TO_REMIND)
        waiting = sum(1 for r in rows if r.handled_at is None and r.shown_status(now) != "expiree")
        count = len(rows)
        said = [f"{count} orientation{'s' if count > 1 else ''}"]
        if waiting:
            said.append(f"{waiting} à traiter")
        if remind:
            said.append(f"dont {remind} à relancer")
        self.ui.countLabel.setText(", ".join(said))
        target = 0
        if selected is not None:
            target = next((i for i, r in enumerate(self._rows()) if r.id == selected.id), 0)
        if self._proxy.rowCount():
            self.ui.referralsView.selectRow(target)
        self._on_selection()
        self.rows_read.emit(rows)

    def _rows(self) -> list[ReferentReferral]:
        proxy = self._proxy
        return [proxy.data(proxy.index(r, 0), ROW_ROLE) for r in range(proxy.rowCount())]

    def selected(self) -> ReferentReferral | None:
        index = self.ui.referralsView.currentIndex()
        if not index.isValid():
            return None
        row: ReferentReferral = self._proxy.data(self._proxy.index(index.row(), 0), ROW_ROLE)
        return row

    def _on_selection(self) -> None:
        row = self.selected()
        ui = self.ui
        ready = row is not None and not (self._reads.busy or self._writing)
        for button in (ui.contactButton, ui.acceptButton, ui.refuseButton, ui.finishButton):
            button.setEnabled(ready)
        if self._writing:
            return
        set_kind(ui.detailLabel, None)
        ui.detailLabel.setText(describe(row, self._vocab) if row is not None else "")

    def set_status(self, status: str) -> None:
        """The référent's answer for the referral selected, saved in the background."""
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
        referent = self._referent

        def done(_result: object) -> None:
            self._writing = False
            self._kept_note = ""
            self.status_message.emit(
                f"Orientation {shown_reference(row.reference)} ({row.first_name or 'sans prénom'}"
                f", {row.programme_name}) : {STATUSES[status]}."
            )
            self.answered.emit()
            self.reload()

        def failed(error: BaseException) -> None:
            self._writing = False
            self._kept_note = note or ""
            message = f"Réponse non enregistrée : {failure_text(error)}"
            self._on_selection()
            show_message(self.ui.detailLabel, message, Kind.ERROR)
            self.status_message.emit(message)

        run_in_background(
            lambda: referent.answer(row.id, status, reason=reason, note=note or None),
            done,
            failed,
            self,
        )

    def ask_refusal(self, row: ReferentReferral) -> tuple[str, str] | None:
        """Why the referral is refused (the fixed list), and a comment (None: cancelled)."""
        dialog = RefusalDialog(row.programme_name, self._kept_note, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.reason(), dialog.note()
        finally:
            dialog.deleteLater()
