"""The person at the Accueil: the profile typed, or read from the record picked, or an
anonymous visit; and the warning that a record with the same name may exist already.

The database is read in the background only: the warning as one types, the question asked
at a save when a namesake exists (``ask_about_namesakes``, once the save's background check
answered), and the record of a draft resumed (``reopen``: the typed values are shown at once,
the record part read-only until the record is read again).

Every rule about the profile is core's: what a form refuses before a save
(``check_typed_profile``), the birth year typed (``typed_birth_year``), what routing knows of
the person (``person_of``), the validation itself when the visit is saved
(``validate_visitor``). This module reads and fills the widgets of the generated form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.profile import (
    AGE_BRACKETS,
    VisitorInput,
    check_typed_profile,
    typed_birth_year,
)
from acsrv_desktop.core.reception.routing import Person, person_of
from acsrv_desktop.core.reception.visitors import SeenElsewhere, VisitorView
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.commune_edit import CommuneCompleter
from acsrv_desktop.gui.reception.elsewhere import ElsewhereDialog
from acsrv_desktop.gui.reception.field_errors import FieldMessages
from acsrv_desktop.gui.reception.situations import SituationsPicker
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.tasks import LatestOnly, failure_text, run_in_background
from acsrv_desktop.gui.theme import Kind, set_kind

DUPLICATES_DELAY_MS = 300  # « une fiche existe peut-être déjà » once the typing pauses
GENDERS = (("femme", "femme"), ("homme", "homme"), ("autre", "autre"))
TITLE = "Personne"
RECORD_GONE = (
    "La fiche de la personne du brouillon n’existe plus (fusionnée ou effacée) : ce qui a été "
    "saisi est gardé, comme une nouvelle personne."
)


@dataclass(frozen=True)
class NamesakeQuery:
    """What a save asks before it creates a record (``VisitorService.possible_duplicates``)."""

    first_name: str
    last_name: str | None
    birth_year: int | None


class PersonForm(QObject):
    """The profile fields of the person box, the record picked and the anonymous switch."""

    changed = Signal()  # the person changed: routing, and the draft, follow
    # The record of a draft was read again, or is gone (True); or no longer awaited (False:
    # the form was cleared, or another person chosen, meanwhile).
    record_settled = Signal(bool)

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        services: Services,
        *,
        clock: Callable[[], datetime],
        messages: FieldMessages,
        status: ShowStatus,
    ) -> None:
        super().__init__(area)
        self._area = area  # the parent of the dialogs
        self._ui = ui
        self._visitors = services.visitors
        self._clock = clock  # aware UTC
        self._messages = messages
        self._status = status
        self.visitor: VisitorView | None = None  # the returning visitor picked
        situations = services.catalogue.vocab.situations
        self.situation_boxes: dict[str, QCheckBox] = {
            code: getattr(ui, "situation_" + code.replace("-", "_")) for code in situations
        }
        # One button in the form, the list in a pop-up; the wording is the catalogue's.
        self.situations = SituationsPicker(
            ui.situationsButton,
            ui.situationsPopup,
            self.situation_boxes,
            {code: situation.label for code, situation in situations.items()},
            {code: situation.implies for code, situation in situations.items()},
        )
        self._duplicate_checks = LatestOnly(self)
        self._reopens = LatestOnly(self)
        self._reopening: tuple[int, object] | None = None  # a draft's record, being read
        self._reopen_token = 0  # a reopening cancelled (form cleared…): its answer is dropped
        self._cleared = 0  # how many times the form was emptied: older answers are dropped
        self._duplicates_timer = QTimer(self)
        self._duplicates_timer.setSingleShot(True)
        self._duplicates_timer.setInterval(DUPLICATES_DELAY_MS)
        self._duplicates_timer.timeout.connect(self._check_duplicates)
        self._build()
        self._connect()

    def _build(self) -> None:
        ui = self._ui
        ui.birthYearEdit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}"), ui.birthYearEdit)
        )
        for edit in (ui.firstNameEdit, ui.lastNameEdit, ui.communeEdit):
            edit.setMaxLength(32767)  # too long is said next to the field, not cut silently
        ui.ageBracketCombo.addItem("—", None)
        for code, label in AGE_BRACKETS.items():
            ui.ageBracketCombo.addItem(label, code)
        ui.genderCombo.addItem("non précisé", None)
        for code, label in GENDERS:
            ui.genderCombo.addItem(label, code)
        self.communes = CommuneCompleter(ui.communeEdit, ui.communeOutsideCheck, ui.communeError)
        set_kind(ui.duplicateLabel, Kind.ERROR)
        # Only the federation's server hides people seen at other centres.
        ui.elsewhereButton.setVisible(not self._visitors.db.is_sqlite)

    def _connect(self) -> None:
        ui = self._ui
        ui.anonymousCheck.toggled.connect(self._on_anonymous)
        for edit in (ui.firstNameEdit, ui.lastNameEdit, ui.birthYearEdit, ui.communeEdit):
            edit.textChanged.connect(self._profile_changed)
        ui.ageBracketCombo.currentIndexChanged.connect(self._profile_changed)
        ui.genderCombo.currentIndexChanged.connect(self._profile_changed)
        for box in self.situation_boxes.values():
            box.toggled.connect(self._profile_changed)

    @property
    def busy(self) -> bool:
        """The duplicate check, or a draft's record, is waiting for the database."""
        return self._duplicate_checks.busy or self._reopens.busy

    @property
    def reopening(self) -> bool:
        """A draft's record is being read again (the record part is read-only meanwhile)."""
        return self._reopening is not None

    def record_ids(self) -> tuple[int | None, object]:
        """The record the form is for and its person key (a draft's record being read again
        counts: the draft keeps it)."""
        if self.visitor is not None:
            return self.visitor.id, self.visitor.person_key
        if self._reopening is not None:
            return self._reopening
        return None, None

    @property
    def anonymous(self) -> bool:
        return self._ui.anonymousCheck.isChecked()

    # -- reading and filling ------------------------------------------------------------------

    def read(self) -> VisitorInput:
        """The profile as typed (the birth year only when it is digits, see core)."""
        ui = self._ui
        return VisitorInput(
            first_name=ui.firstNameEdit.text(),
            last_name=ui.lastNameEdit.text() or None,
            birth_year=typed_birth_year(ui.birthYearEdit.text()),
            age_bracket=ui.ageBracketCombo.currentData(),
            gender=ui.genderCombo.currentData(),
            commune=ui.communeEdit.text() or None,
            situations=tuple(c for c, box in self.situation_boxes.items() if box.isChecked()),
            consent=ui.consentCheck.isChecked(),
            commune_outside=ui.communeOutsideCheck.isChecked(),
        )

    def fill(self, data: VisitorInput, *, birth_year_typed: str | None = None) -> None:
        """Show ``data`` in the fields (``birth_year_typed``: the year as typed, even half)."""
        ui = self._ui
        ui.firstNameEdit.setText(data.first_name)
        ui.lastNameEdit.setText(data.last_name or "")
        if birth_year_typed is None:
            birth_year_typed = str(data.birth_year) if data.birth_year else ""
        ui.birthYearEdit.setText(birth_year_typed)
        ui.ageBracketCombo.setCurrentIndex(max(0, ui.ageBracketCombo.findData(data.age_bracket)))
        ui.genderCombo.setCurrentIndex(max(0, ui.genderCombo.findData(data.gender)))
        ui.communeEdit.setText(data.commune or "")
        ui.communeOutsideCheck.setChecked(data.commune_outside)
        for code, box in self.situation_boxes.items():
            box.setChecked(code in data.situations)
        ui.consentCheck.setChecked(data.consent)
        self._messages.clear()

    @property
    def birth_year_typed(self) -> str:
        return self._ui.birthYearEdit.text()

    def check_typed(self) -> None:
        """Before a save: FieldErrors for what core refuses at once (``check_typed_profile``)."""
        check_typed_profile(
            self._ui.firstNameEdit.text(),
            self._ui.birthYearEdit.text(),
            new_record=not self.anonymous and self.visitor is None,
        )

    def person(self, needs: tuple[str, ...]) -> Person:
        """The person as routing sees it (core's ``person_of``: age, bracket, situations)."""
        today = self._clock().astimezone(PARIS).date()
        return person_of(None if self.anonymous else self.read(), needs, today)

    def visit_profile(self) -> tuple[int | None, VisitorInput | None]:
        """The record the visit counts on, and the profile saved with it (none: anonymous)."""
        if self.anonymous:
            return None, None
        return (self.visitor.id if self.visitor else None), self.read()

    # -- the person: a new one, a record, nobody ------------------------------------------------

    def clear(self) -> None:
        """Nobody: every field empty, no record picked."""
        self._cancel_reopen()
        self.show_record(None)
        self.set_anonymous(False)
        self.fill(VisitorInput())
        self._duplicates_timer.stop()  # nothing typed: nothing to check
        self._cleared += 1  # a check still on its way was for the person gone
        self._ui.duplicateLabel.hide()

    def start_new(self, typed: str) -> None:
        """A new record, the words typed in the search as its names (« elodie lefevre »)."""
        self._cancel_reopen()
        self.show_record(None, "nouvelle fiche")
        self.set_anonymous(False)
        first, _, last = " ".join(typed.split()).partition(" ")
        self.fill(VisitorInput(first_name=first.capitalize(), last_name=last.upper() or None))

    def open(self, visitor: VisitorView) -> None:
        """The record picked, as it was read again."""
        self._cancel_reopen()
        self.show_record(visitor)
        self.set_anonymous(False)
        self.fill(visitor.as_input())

    def reopen(self, visitor_id: int, person_key: object) -> None:
        """The record of a draft, read again in the background (traced like a record picked):
        meanwhile the typed values are shown and the record part is read-only; a record merged
        or erased meanwhile is not brought back (the values typed stay, as a new person)."""
        self._reopen_token += 1
        token = self._reopen_token
        self._reopening = (visitor_id, person_key)
        self.show_record(None, "lecture de la fiche…")
        self._update_read_only()

        def answered(visitor: VisitorView | None) -> None:
            if token != self._reopen_token:
                return  # the form was cleared, or another person chosen, meanwhile
            if visitor is None or visitor.person_key != person_key:  # e.g. a backup restored
                self._reopened(None, RECORD_GONE, error=False)
            else:
                self._reopened(visitor, None, error=False)

        def failed(error: BaseException) -> None:
            if token == self._reopen_token:
                message = (
                    f"Fiche du brouillon non relue : {failure_text(error)} ; ce qui a été "
                    "saisi est gardé, comme une nouvelle personne."
                )
                self._reopened(None, message, error=True)

        self._reopens.run(lambda: self._visitors.open_record(visitor_id), answered, failed)

    def _reopened(self, visitor: VisitorView | None, message: str | None, *, error: bool) -> None:
        self._reopening = None
        self._update_read_only()
        if visitor is not None:
            self.show_record(visitor)
        else:
            self.show_record(None, "nouvelle fiche")
            self._duplicates_timer.start()  # the values typed may be a namesake's
        if message:
            self._status(message, error=error)
        self.record_settled.emit(True)

    def _cancel_reopen(self) -> None:
        if self._reopening is None:
            return
        self._reopen_token += 1
        self._reopening = None
        self._update_read_only()
        self.record_settled.emit(False)

    def _update_read_only(self) -> None:
        """The profile is typed in unless the visit is anonymous or a draft's record is
        being read again (then the record part waits, read-only)."""
        ui = self._ui
        ui.anonymousCheck.setEnabled(self._reopening is None)
        ui.profileWidget.setEnabled(not self.anonymous and self._reopening is None)

    def show_record(self, visitor: VisitorView | None, what: str | None = None) -> None:
        """The record picked (None: none) and the box's title that says so."""
        ui = self._ui
        self.visitor = visitor
        ui.personDataButton.setEnabled(visitor is not None)
        ui.correctRecordButton.setEnabled(visitor is not None)
        ui.elsewhereButton.setEnabled(visitor is None)
        if visitor is not None:
            what = f"{visitor.display_name} (déjà venu·e)"
        ui.personBox.setTitle(f"{TITLE} — {what}" if what else TITLE)

    def set_anonymous(self, anonymous: bool) -> None:
        """Tick or untick « passage anonyme » without emptying the fields."""
        ui = self._ui
        ui.anonymousCheck.blockSignals(True)
        ui.anonymousCheck.setChecked(anonymous)
        ui.anonymousCheck.blockSignals(False)
        self._update_read_only()

    def _on_anonymous(self, anonymous: bool) -> None:
        self._cancel_reopen()
        if anonymous:
            self.show_record(None, "passage anonyme (aucune donnée personnelle)")
            self.fill(VisitorInput())
        else:
            self.show_record(None)
        self._update_read_only()
        self.changed.emit()

    def _profile_changed(self) -> None:
        has_year = bool(self._ui.birthYearEdit.text().strip())
        self._ui.ageBracketCombo.setEnabled(not has_year)
        self.changed.emit()
        self._duplicates_timer.start()  # once the typing pauses, not at every key

    # -- someone who came to other centres only (the federation's server) ------------------

    def search_elsewhere(self, opened: Callable[[VisitorView], None]) -> None:
        """« Autres centres… »: the full name typed, looked for among the people seen only
        at other centres; the one chosen is taken up here and handed to ``opened``."""
        if self._visitors.db.is_sqlite:
            self._status("Sur ce poste, toute personne déjà venue se trouve par Alt+H.")
            return
        data = self.read()
        if self.visitor is not None or self.anonymous:
            self._status(
                "Une fiche est déjà choisie (ou le passage est anonyme) : effacez le "
                "formulaire pour chercher une autre personne.",
                error=True,
            )
            return
        if not data.first_name.strip() or not (data.last_name or "").strip():
            self._status(
                "Tapez le prénom et le nom en entier, puis cherchez dans les autres centres "
                "(Ctrl+Maj+H).",
                error=True,
            )
            empty = self._ui.firstNameEdit if not data.first_name.strip() else None
            (empty or self._ui.lastNameEdit).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._status("Recherche dans les autres centres…")
        run_in_background(
            lambda: self._visitors.find_elsewhere(
                data.first_name, data.last_name or "", data.birth_year
            ),
            lambda found: self._choose_elsewhere(found, opened),
            lambda error: self._status(failure_text(error), error=True),
            self,
        )

    def _choose_elsewhere(
        self, found: list[SeenElsewhere], opened: Callable[[VisitorView], None]
    ) -> None:
        if not found:
            self._status(
                "Personne de ce nom (et de cette année de naissance) n’est venue dans un autre "
                "centre : c’est une nouvelle fiche."
            )
            return
        dialog = ElsewhereDialog(found, self._area)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            chosen = dialog.chosen
            if chosen is None:
                self._status("Aucune fiche reprise : le passage créera une nouvelle fiche.")
                return
            run_in_background(
                lambda: self._visitors.welcome(chosen.visitor_id),
                opened,
                lambda error: self._status(failure_text(error), error=True),
                self,
            )

        dialog.finished.connect(finished)
        dialog.open()

    # -- the same person twice? -----------------------------------------------------------------

    def namesake_query(self) -> NamesakeQuery | None:
        """What to ask before a save creates a record (None: no record is created — an
        anonymous visit, or a record picked)."""
        if self.anonymous or self.visitor is not None:
            return None
        data = self.read()
        return NamesakeQuery(data.first_name, data.last_name, data.birth_year)

    def ask_about_namesakes(
        self, same: list[VisitorView], answered: Callable[[bool], None]
    ) -> None:
        """A record with the same name and birth year exists: ask before another is created
        (« Annuler » is the default). ``answered(True)``: create it; False: nothing is saved,
        the form is kept. The question is shown without waiting here (window-modal)."""
        who = "\n".join(
            f"• {v.display_name}, né(e) en {v.birth_year}, {v.commune or 'commune inconnue'}"
            for v in same
        )
        box = QMessageBox(self._area)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Fiche peut-être déjà existante")
        box.setText(f"Une fiche existe déjà avec ce nom et cette année de naissance :\n{who}")
        box.setInformativeText(
            "Est-ce une autre personne ? Sinon, annulez et cherchez sa fiche (Alt+H) : "
            "le passage sera compté sur la bonne personne."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        create = box.button(QMessageBox.StandardButton.Yes)
        create.setText("Créer une nouvelle fiche")
        box.button(QMessageBox.StandardButton.Cancel).setText("Annuler")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            confirmed = box.clickedButton() is create
            if not confirmed:
                self._status(
                    "Passage non enregistré : une fiche existe déjà à ce nom — cherchez-la "
                    "(Alt+H).",
                    error=True,
                )
            answered(confirmed)

        box.finished.connect(finished)
        box.open()

    def _check_duplicates(self) -> None:
        """Warn, as one types, that the person may already have a record (in the background:
        only the answer for the latest name typed is shown)."""
        data = self.read()
        if self.visitor is not None or self.reopening or self.anonymous or not data.first_name:
            self._ui.duplicateLabel.hide()
            return
        cleared = self._cleared
        self._duplicate_checks.run(
            lambda: self._visitors.possible_duplicates(
                data.first_name, data.last_name, data.birth_year, None
            ),
            lambda same: self._show_duplicates(same if cleared == self._cleared else []),
            lambda _exc: self._ui.duplicateLabel.hide(),
        )

    def _show_duplicates(self, same: list[VisitorView]) -> None:
        label = self._ui.duplicateLabel
        if same and self.visitor is None and not self.reopening:
            who = ", ".join(
                f"{v.display_name} ({v.birth_year}, {v.commune or 'commune ?'})" for v in same
            )
            label.setText(
                f"Attention : une fiche existe peut-être déjà : {who}. "
                "Cherchez-la (Alt+H) plutôt que d’en créer une seconde."
            )
            label.show()
        else:
            label.hide()
