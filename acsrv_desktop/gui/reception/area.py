"""The "Accueil" area: find or create the visitor, note the needs, accept suggestions, save.

Keyboard first: Alt+H search, ↓/Entrée pick a person, Alt+N new person, Alt+Y anonymous,
Tab through the form, Espace on a suggestion to accept it, Ctrl+Entrée saves; focus then
returns to the search field for the next person. A refused save keeps everything typed.

The day's list and its corrections are in ``today.py``, the slip of the last visit saved in
``slip_actions.py``; this module keeps the person, the needs, the save and the draft.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRegularExpression,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QRegularExpressionValidator,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QCompleter,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from acsrv_desktop.core.accounts.roles import Permission
from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.needs import need_buttons
from acsrv_desktop.core.reception.profile import (
    AGE_BRACKETS,
    BRACKET_RANGES,
    FieldErrors,
    VisitorInput,
)
from acsrv_desktop.core.reception.routing import Person
from acsrv_desktop.core.reception.visitors import (
    Lookup,
    VisitorView,
)
from acsrv_desktop.core.reception.visits import PARIS, VisitInput, VisitRow
from acsrv_desktop.core.services import Services
from acsrv_desktop.core.text import fold, quoted
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.reception.commune_edit import CommuneCompleter
from acsrv_desktop.gui.reception.models import SuggestionsModel, VisitorResultsModel, setup_table
from acsrv_desktop.gui.reception.person_data import PersonDataDialog
from acsrv_desktop.gui.reception.slip_actions import SlipActions
from acsrv_desktop.gui.reception.today import TodayList
from acsrv_desktop.gui.tasks import LatestOnly, run_in_background
from acsrv_desktop.gui.widgets import show_paris_time, typed_paris_time

log = logging.getLogger(__name__)
LOOKUP_DELAY_MS = 120  # results as you type, without a query per fast keystroke
ROUTING_DELAY_MS = 150
DUPLICATES_DELAY_MS = 300  # « une fiche existe peut-être déjà » once the typing pauses
DRAFT_DELAY_MS = 400  # the draft follows the typing, without a write per keystroke
CLOCK_TICK_MS = 15_000  # the time shown follows the clock (the visit takes the save's time)


SLOW_SAVE_MS = 300  # a save still waiting after this greys the form
DRAFT_STALE = timedelta(minutes=5)  # a draft older than this keeps the time it was typed


def _aware(value: object) -> datetime | None:
    """A time read back from a draft, or None when missing or not an aware ISO time."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


class _FormInputGuard(QObject):
    """Holds back the keys and clicks meant for the Accueil's form while a save waits (the
    rest of the application, and the window's own painting, go on)."""

    HELD = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Shortcut,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.Wheel,
        }
    )

    def __init__(self, area: QWidget) -> None:
        super().__init__(area)
        self._area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() not in self.HELD or not isinstance(watched, QWidget):
            return False
        return watched is self._area or self._area.isAncestorOf(watched)


class ReceptionArea(QWidget):
    status_message = Signal(str)
    visit_saved = Signal(int)

    def __init__(
        self,
        services: Services,
        preferences: Preferences,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        drafts: DraftStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock  # aware UTC; tests pass a controlled clock
        self._drafts = drafts if drafts is not None else DraftStore()
        self._restoring = False  # no draft written while the form is filled by code
        self._saving = False
        self._lookups = LatestOnly(self)
        self._duplicate_checks = LatestOnly(self)
        self._centre_cache: tuple[str, CentreView] | None = None  # (preference, centre)
        self._input_guard = _FormInputGuard(self)
        self._grey_timer = QTimer(self)  # a slow save: the form greys, the status says why
        self._grey_timer.setSingleShot(True)
        self._grey_timer.setInterval(SLOW_SAVE_MS)
        self._grey_timer.timeout.connect(lambda: self._grey_form(self._saving))
        self._opening = False  # a record picked is being read
        self._focus_before_save: QWidget | None = None
        self.ui = Ui_ReceptionArea()
        self.ui.setupUi(self)
        self._services = services  # every service, built for the signed-in actor
        self._actor = services.actor
        self._catalogue = services.catalogue
        self._preferences = preferences
        self._visitors = services.visitors
        self._visits = services.visits
        self._centres = services.centres
        self._routing = services.routing
        self._visitor: VisitorView | None = None  # the returning visitor picked
        self._extra_needs: list[str] = []
        self._results = VisitorResultsModel(self)
        self._suggestions = SuggestionsModel(self)
        self._lookup_timer = self._timer(LOOKUP_DELAY_MS, self._run_lookup)
        self._routing_timer = self._timer(ROUTING_DELAY_MS, self.refresh_suggestions)
        self._duplicates_timer = self._timer(DUPLICATES_DELAY_MS, self._check_duplicates)
        self._draft_timer = self._timer(DRAFT_DELAY_MS, self._write_draft)
        self._clock_timer = self._timer(CLOCK_TICK_MS, self._show_current_time)
        self._clock_timer.setSingleShot(False)
        self._today_list = TodayList(
            self, self.ui, services, preferences, clock=clock, status=self._status
        )
        self._today = self._today_list.model  # the day's visits (tests read them)
        self._today_timer = self._today_list.timer
        self._situation_boxes = self._situations()
        self._need_buttons: list[QPushButton] = []
        self._build()
        self._connect()
        self._restoring = True  # a draft left by a crash waits for offer_saved_draft()
        self.clear_form()
        self._restoring = False
        self._today_list.start()
        self._clock_timer.start()

    # -- set-up -------------------------------------------------------------------------------

    def _timer(self, delay: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(delay)
        timer.timeout.connect(slot)
        return timer

    def _situations(self) -> dict[str, QCheckBox]:
        return {
            code: getattr(self.ui, "situation_" + code.replace("-", "_"))
            for code in self._catalogue.vocab.situations
        }

    def _build(self) -> None:
        ui = self.ui
        for view, model in (
            (ui.visitorResultsView, self._results),
            (ui.suggestionsView, self._suggestions),
        ):
            view.setModel(model)
            setup_table(view)
        ui.birthYearEdit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}"), ui.birthYearEdit)
        )
        for edit in (ui.firstNameEdit, ui.lastNameEdit, ui.communeEdit):
            edit.setMaxLength(32767)  # too long is said next to the field, not cut silently
        ui.ageBracketCombo.addItem("—", None)
        for code, label in AGE_BRACKETS.items():
            ui.ageBracketCombo.addItem(label, code)
        ui.genderCombo.addItem("non précisé", None)
        for code, label in (("femme", "femme"), ("homme", "homme"), ("autre", "autre")):
            ui.genderCombo.addItem(label, code)
        self._communes = CommuneCompleter(ui.communeEdit, ui.communeOutsideCheck, ui.communeError)
        vocab = self._catalogue.vocab
        themes = QCompleter([vocab.thematique_label(s) for s in vocab.thematiques], self)
        themes.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        themes.setFilterMode(Qt.MatchFlag.MatchContains)
        ui.otherNeedEdit.setCompleter(themes)
        grid = QGridLayout(ui.needButtonsWidget)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, (label, theme) in enumerate(need_buttons()):
            button = QPushButton(label)
            button.setCheckable(True)
            button.setProperty("theme", theme)
            button.setMinimumHeight(32)
            button.setStyleSheet(
                "QPushButton:checked { background: #1f6f8b; color: white; font-weight: bold; }"
            )
            grid.addWidget(button, index // 4, index % 4)
            self._need_buttons.append(button)
        # Keep the Tab order of the form: the need buttons come after the channel.
        QWidget.setTabOrder(ui.channelEmail, self._need_buttons[0])
        for first, second in zip(self._need_buttons, self._need_buttons[1:], strict=False):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self._need_buttons[-1], ui.otherNeedEdit)
        self._slip_actions = SlipActions(self, ui.actionsRow, self._services, status=self._status)
        suggestions_header = ui.suggestionsView.horizontalHeader()
        suggestions_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        suggestions_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        ui.suggestionsView.setTextElideMode(Qt.TextElideMode.ElideRight)
        ui.visitorResultsView.hide()
        # The line under the results that says how to choose.
        self._results_hint_label = QLabel(ui.personBox)
        self._results_hint_label.setObjectName("visitorResultsHint")
        self._results_hint_label.setWordWrap(True)
        self._results_hint_label.hide()
        layout = ui.personLayout
        layout.insertWidget(layout.indexOf(ui.visitorResultsView) + 1, self._results_hint_label)
        self._results.modelReset.connect(
            lambda: self._results_hint_label.setVisible(
                self._results_hint_label.isVisible() and self._results.rowCount() > 0
            )
        )
        for error_label in self._error_labels():
            error_label.hide()

    def _connect(self) -> None:
        ui = self.ui
        ui.visitorSearchEdit.textChanged.connect(lambda _t: self._lookup_timer.start())
        ui.visitorSearchEdit.installEventFilter(self)
        ui.visitorResultsView.installEventFilter(self)
        ui.otherNeedEdit.installEventFilter(self)
        ui.suggestionsView.installEventFilter(self)
        ui.visitorResultsView.activated.connect(lambda index: self.pick_visitor(index.row()))
        ui.newVisitorButton.clicked.connect(self.start_new_visitor)
        ui.anonymousCheck.toggled.connect(self._on_anonymous)
        for edit in (ui.firstNameEdit, ui.lastNameEdit, ui.birthYearEdit, ui.communeEdit):
            edit.textChanged.connect(self._profile_changed)
        ui.ageBracketCombo.currentIndexChanged.connect(self._profile_changed)
        ui.genderCombo.currentIndexChanged.connect(self._profile_changed)
        for box in self._situation_boxes.values():
            box.toggled.connect(self._profile_changed)
        for button in self._need_buttons:
            button.toggled.connect(self._needs_changed)
        ui.suggestionsView.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_suggestion(current.row())
        )
        ui.suggestionFilterEdit.textChanged.connect(lambda _t: self._routing_timer.start())
        ui.suggestionFilterEdit.installEventFilter(self)
        ui.saveButton.clicked.connect(self.save)
        ui.personDataButton.clicked.connect(self.show_person_data)
        ui.correctRecordButton.clicked.connect(self.correct_record)
        ui.clearButton.clicked.connect(self.clear_form)
        shortcuts = (
            ("Ctrl+Return", self.save),
            ("Ctrl+Enter", self.save),
            ("Ctrl+P", self.print_slip),
            ("Ctrl+Shift+P", self.save_slip_pdf),
            ("Ctrl+Shift+M", self.mail_contact),
            ("Ctrl+K", self._focus_programme_search),
            ("Ctrl+D", self.show_person_data),
            ("Ctrl+Shift+S", self.correct_record),
        )
        for sequence, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        ui.occurredByHandCheck.toggled.connect(self._time_by_hand_toggled)
        self._watch_for_draft()

    def _watch_for_draft(self) -> None:
        """Every change of the form schedules the draft's update (see ``_write_draft``)."""
        ui = self.ui
        later = self._schedule_draft
        for edit in (
            ui.visitorSearchEdit,
            ui.firstNameEdit,
            ui.lastNameEdit,
            ui.birthYearEdit,
            ui.communeEdit,
            ui.otherNeedEdit,
            ui.suggestionFilterEdit,
        ):
            edit.textChanged.connect(later)
        ui.noteEdit.textChanged.connect(later)
        for combo in (ui.ageBracketCombo, ui.genderCombo):
            combo.currentIndexChanged.connect(later)
        for box in (
            *self._situation_boxes.values(),
            *self._need_buttons,
            ui.consentCheck,
            ui.anonymousCheck,
            ui.communeOutsideCheck,
            ui.occurredByHandCheck,
            ui.channelPhone,
            ui.channelEmail,
        ):
            box.toggled.connect(later)
        ui.occurredEdit.dateTimeChanged.connect(later)
        self._suggestions.dataChanged.connect(later)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # Back to the desk's window: show what the other workstations saved meanwhile.
        activated = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated:
            self._today_list.window_activated()
        super().changeEvent(event)

    # -- keyboard -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, ui = event.key(), self.ui
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if watched is ui.visitorSearchEdit:
            if key == Qt.Key.Key_Down and self._results.rowCount():
                self._enter_results()
                return True
            if enter and plain:
                if self._lookup_timer.isActive() or self._results.lookup.typed != (
                    ui.visitorSearchEdit.text()
                ):  # the results shown are not yet those of the text typed: wait for them
                    self._lookup_timer.stop()
                    self._run_lookup(then=self._take_what_was_typed)
                elif not self._lookups.busy:
                    self._take_what_was_typed()
                return True
        elif watched is ui.visitorResultsView:
            if enter and plain:
                self.pick_visitor(ui.visitorResultsView.currentIndex().row())
                return True
            at_top = ui.visitorResultsView.currentIndex().row() <= 0
            if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and at_top):
                ui.visitorSearchEdit.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        elif watched is ui.otherNeedEdit and enter and plain:
            self._add_typed_need()
            return True
        elif watched is ui.suggestionFilterEdit and (key == Qt.Key.Key_Down or (enter and plain)):
            self._routing_timer.stop()
            self.refresh_suggestions()
            ui.suggestionsView.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        elif watched is ui.suggestionsView and key == Qt.Key.Key_Space:
            row = ui.suggestionsView.currentIndex().row()
            if row >= 0:
                self._suggestions.toggle(row)
            return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.ui.visitorSearchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.visitorSearchEdit.selectAll()

    # -- the person -----------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        """Some work of the area is waiting for the database (a save, a lookup, the day's
        list…): its answer will be shown when it comes."""
        return (
            self._saving
            or self._opening
            or self._lookups.busy
            or self._today_list.busy
            or self._duplicate_checks.busy
        )

    @property
    def is_looking_up(self) -> bool:
        """A lookup, or the opening of a record, is waiting for the database."""
        return self._lookups.busy or self._opening

    def _run_lookup(self, then: Callable[[], None] | None = None) -> None:
        """Look the typed words up in the background; only the answer to the latest text is
        shown (``then`` runs after it: Entrée pressed before the answer came)."""
        typed = self.ui.visitorSearchEdit.text()

        def show(found: Lookup) -> None:
            self._show_lookup(found)
            if then is not None:
                then()

        if not typed.strip():
            show(Lookup(typed, []))
            return
        self._lookups.run(
            lambda: self._visitors.find(typed),
            show,
            lambda exc: self._status(str(exc), error=True),
        )

    def _take_what_was_typed(self) -> None:
        """Entrée in the search field: a record only when the words typed designate one
        person (``designated_visitor``); otherwise staff choose in the list, or a new one."""
        if self._results.lookup.designated is not None:
            self.pick_visitor(0)
        elif self._results.rowCount():
            self._enter_results()
        else:
            self.start_new_visitor()

    def _show_lookup(self, found: Lookup) -> None:
        self._results.set_lookup(found)
        self.ui.visitorResultsView.setVisible(bool(found.visitors))
        if found.visitors:
            self._status(self._results_hint())
        self._results_hint_label.setText(self._results_hint())
        self._results_hint_label.setVisible(bool(found.visitors))

    def _results_hint(self) -> str:
        count = self._results.rowCount()
        s = "s" if count > 1 else ""
        what = (
            f"Aucune personne à ce nom exact ; {count} orthographe{s} proche{s}"
            if self._results.close_spellings
            else f"{count} personne{s} trouvée{s}"
        )
        return f"{what} — ↓ puis Entrée pour choisir, Alt+N pour une nouvelle fiche."

    def _enter_results(self) -> None:
        view = self.ui.visitorResultsView
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.selectRow(0)
        self._status(self._results_hint())

    def pick_visitor(self, row: int) -> None:
        if not 0 <= row < self._results.rowCount() or self._opening:
            return
        visitor_id = self._results.rows[row].id
        self._opening = True

        def failed(exc: BaseException) -> None:
            self._opening = False
            self._status(str(exc), error=True)

        # Read again, and traced (a record is opened): a write, in the background.
        run_in_background(
            lambda: self._visitors.open_record(visitor_id), self._opened, failed, self
        )

    def _opened(self, visitor: VisitorView | None) -> None:
        self._opening = False
        if visitor is None:
            self._status("Cette personne n’existe plus (fiche fusionnée ou effacée).", error=True)
            return
        self._visitor = visitor
        self._update_record_buttons()
        self._set_anonymous(False)
        self._fill_profile(visitor.as_input())
        self.ui.visitorResultsView.hide()
        self._results_hint_label.hide()
        self.ui.personBox.setTitle(f"Personne — {visitor.display_name} (déjà venue)")
        self._status(
            f"Fiche ouverte : {visitor.display_name} ({visitor.birth_year or 'année ?'}, "
            f"{visitor.commune or 'commune ?'})."
        )
        self._need_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self._routing_timer.start()

    def start_new_visitor(self) -> None:
        typed = " ".join(self.ui.visitorSearchEdit.text().split())
        self._visitor = None
        self._set_anonymous(False)
        first, _, last = typed.partition(" ")
        self._fill_profile(
            VisitorInput(first_name=first.capitalize(), last_name=last.upper() or None)
        )
        self._results.set_rows([])  # ↓ no longer goes into a hidden list
        self._results_hint_label.hide()
        self.ui.visitorResultsView.hide()
        self.ui.personBox.setTitle("Personne — nouvelle fiche")
        self.ui.firstNameEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_anonymous(self, anonymous: bool) -> None:
        if anonymous:
            self._visitor = None
            self._fill_profile(VisitorInput())
            self.ui.personBox.setTitle("Personne — passage anonyme (aucune donnée personnelle)")
        else:
            self.ui.personBox.setTitle("Personne")
        self.ui.profileWidget.setEnabled(not anonymous)
        self._routing_timer.start()

    def _set_anonymous(self, anonymous: bool) -> None:
        self.ui.anonymousCheck.blockSignals(True)
        self.ui.anonymousCheck.setChecked(anonymous)
        self.ui.anonymousCheck.blockSignals(False)
        self.ui.profileWidget.setEnabled(not anonymous)

    def _fill_profile(self, data: VisitorInput) -> None:
        ui = self.ui
        ui.firstNameEdit.setText(data.first_name)
        ui.lastNameEdit.setText(data.last_name or "")
        ui.birthYearEdit.setText(str(data.birth_year) if data.birth_year else "")
        ui.ageBracketCombo.setCurrentIndex(max(0, ui.ageBracketCombo.findData(data.age_bracket)))
        ui.genderCombo.setCurrentIndex(max(0, ui.genderCombo.findData(data.gender)))
        ui.communeEdit.setText(data.commune or "")
        ui.communeOutsideCheck.setChecked(data.commune_outside)
        for code, box in self._situation_boxes.items():
            box.setChecked(code in data.situations)
        ui.consentCheck.setChecked(data.consent)
        self._clear_errors()

    def _birth_year(self) -> int | None:
        text = self.ui.birthYearEdit.text().strip()
        # ASCII digits only: "19²" (the key left of 1 on a French keyboard) is not a year.
        return int(text) if text.isascii() and text.isdigit() else None

    def _profile_input(self) -> VisitorInput:
        ui = self.ui
        return VisitorInput(
            first_name=ui.firstNameEdit.text(),
            last_name=ui.lastNameEdit.text() or None,
            birth_year=self._birth_year(),
            age_bracket=ui.ageBracketCombo.currentData(),
            gender=ui.genderCombo.currentData(),
            commune=ui.communeEdit.text() or None,
            situations=tuple(c for c, box in self._situation_boxes.items() if box.isChecked()),
            consent=ui.consentCheck.isChecked(),
            commune_outside=ui.communeOutsideCheck.isChecked(),
        )

    def _profile_changed(self) -> None:
        ui = self.ui
        has_year = bool(ui.birthYearEdit.text().strip())
        ui.ageBracketCombo.setEnabled(not has_year)
        self._routing_timer.start()
        self._duplicates_timer.start()  # once the typing pauses, not at every key

    def _same_records(self) -> list[VisitorView]:
        """Other records with the name and birth year typed (VisitorService.possible_duplicates)."""
        data = self._profile_input()
        exclude = self._visitor.id if self._visitor else None
        try:
            return self._visitors.possible_duplicates(
                data.first_name, data.last_name, data.birth_year, exclude
            )
        except UserFacingError:
            return []

    def confirm_new_record_if_duplicate(self) -> bool:
        """Before a new record is created: when one with the same name and birth year exists,
        ask first (« Annuler » is the default). False: nothing is saved, the form is kept."""
        if self.ui.anonymousCheck.isChecked() or self._visitor is not None:
            return True
        same = self._same_records()
        if not same:
            return True
        who = "\n".join(
            f"• {v.display_name}, né(e) en {v.birth_year}, {v.commune or 'commune inconnue'}"
            for v in same
        )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Fiche peut-être déjà existante")
        box.setText(f"Une fiche existe déjà avec ce nom et cette année de naissance :\n{who}")
        box.setInformativeText(
            "Est-ce une autre personne ? Sinon, annulez et cherchez sa fiche (Alt+H) : "
            "le passage sera compté sur la bonne personne."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Créer une nouvelle fiche")
        box.button(QMessageBox.StandardButton.Cancel).setText("Annuler")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        if QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Yes:
            return True
        self._status(
            "Passage non enregistré : une fiche existe déjà à ce nom — cherchez-la (Alt+H).",
            error=True,
        )
        return False

    def _check_duplicates(self) -> None:
        """Warn, as one types, that the person may already have a record (in the background:
        only the answer for the latest name typed is shown)."""
        data = self._profile_input()
        if self._visitor is not None or self.ui.anonymousCheck.isChecked() or not data.first_name:
            self.ui.duplicateLabel.hide()
            return
        self._duplicate_checks.run(
            lambda: self._visitors.possible_duplicates(
                data.first_name, data.last_name, data.birth_year, None
            ),
            self._show_duplicates,
            lambda _exc: self.ui.duplicateLabel.hide(),
        )

    def _show_duplicates(self, same: list[VisitorView]) -> None:
        label = self.ui.duplicateLabel
        if same and self._visitor is None:
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

    # -- needs and suggestions ------------------------------------------------------------------

    def needs(self) -> tuple[str, ...]:
        chosen = [b.property("theme") for b in self._need_buttons if b.isChecked()]
        return tuple(dict.fromkeys(chosen + self._extra_needs))

    def _needs_changed(self) -> None:
        vocab = self._catalogue.vocab
        extra = ", ".join(vocab.thematique_label(n) for n in self._extra_needs)
        self.ui.chosenNeedsLabel.setText(f"Autres besoins : {extra}" if extra else "")
        self._routing_timer.start()

    def _add_typed_need(self) -> None:
        typed = fold(self.ui.otherNeedEdit.text().strip())
        if not typed:
            return
        vocab = self._catalogue.vocab
        matches = [s for s in vocab.thematiques if typed in fold(vocab.thematique_label(s))]
        matches += [s for s in vocab.thematiques if typed in s and s not in matches]
        if not matches:
            self._status(
                f"Aucune thématique ne correspond à « {quoted(self.ui.otherNeedEdit.text())} ».",
                error=True,
            )
            return
        if matches[0] not in self._extra_needs:
            self._extra_needs.append(matches[0])
        self.ui.otherNeedEdit.clear()
        self._needs_changed()

    def person(self) -> Person:
        if self.ui.anonymousCheck.isChecked():
            return Person(needs=self.needs())
        data = self._profile_input()
        today = self.clock().astimezone(PARIS).date()
        age = today.year - data.birth_year if data.birth_year else None
        return Person(
            age=age if age is not None and 0 <= age <= 120 else None,
            age_range=BRACKET_RANGES.get(data.age_bracket or "") if age is None else None,
            gender=data.gender,
            commune=data.commune,
            situations=frozenset(data.situations),
            needs=self.needs(),
        )

    def refresh_suggestions(self) -> None:
        suggestions = self._routing.suggest(self.person())
        typed = self.ui.suggestionFilterEdit.text().strip()
        if typed:
            # Any programme of the catalogue, found by the same forgiving search as the
            # Programmes area; what was already ticked stays in the list.
            found = {r.entry.id for r in self._catalogue.search(typed)}
            keep = found | self._suggestions.accepted
            suggestions = [s for s in suggestions if s.entry.id in keep]
        self._suggestions.set_rows(suggestions)
        if self._suggestions.rowCount():
            self.ui.suggestionsView.selectRow(0)

    def _focus_programme_search(self) -> None:
        self.ui.suggestionFilterEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.suggestionFilterEdit.selectAll()

    def _show_suggestion(self, row: int) -> None:
        from html import escape

        if not 0 <= row < self._suggestions.rowCount():
            self.ui.suggestionDetail.clear()
            return
        s = self._suggestions.suggestion(row)
        contact = s.contact
        lines = [f"<b>{escape(s.entry.name)}</b> — {escape(s.entry.summary)}"]
        if contact:
            reach = " · ".join(escape(x) for x in (contact.phone, contact.email) if x)
            lines.append(f"Contact : {escape(contact.name)}" + (f" — {reach}" if reach else ""))
        for reason in s.reasons:
            lines.append(f"✓ {escape(reason)}")
        for check in s.to_check:
            lines.append(f"? à vérifier : {escape(check)}")
        for blocker in s.blockers:
            lines.append(f"✗ {escape(blocker)}")
        self.ui.suggestionDetail.setHtml("<br>".join(lines))

    # -- the person's rights: access, rectification, erasure ---------------------------------

    def _update_record_buttons(self) -> None:
        picked = self._visitor is not None
        self.ui.personDataButton.setEnabled(picked)
        self.ui.correctRecordButton.setEnabled(picked)

    def show_person_data(self) -> None:
        """Everything held about the person picked, to export or erase."""
        if self._visitor is None:
            self._status("Choisissez d’abord une personne déjà venue.", error=True)
            return
        try:
            data = self._services.person_data.read(self._visitor.id)
        except UserFacingError as exc:
            self._status(str(exc), error=True)
            return
        dialog = PersonDataDialog(self._services, data, self)
        dialog.erased.connect(self._record_erased)
        dialog.exec()

    def _record_erased(self, kept_visits: int) -> None:
        self.clear_form()
        self.refresh_today()
        self._status(f"Fiche effacée ; ses {kept_visits} passage(s) restent comptés, anonymes.")

    def correct_record(self) -> None:
        """Save the changes made to the record picked, without logging a visit."""
        if self._visitor is None:
            self._status("Choisissez d’abord une personne déjà venue.", error=True)
            return
        self._communes.settle()
        self._clear_errors()
        if self.ui.birthYearEdit.text().strip() and self._birth_year() is None:
            self._show_errors({"birth_year": "Année de naissance : quatre chiffres, ex. 1987"})
            return
        try:
            self._visitor = self._visitors.update(self._visitor.id, self._profile_input())
        except FieldErrors as exc:
            self._show_errors(exc.errors)
            return
        except UserFacingError as exc:
            self._status(f"Fiche non corrigée : {exc}", error=True)
            return
        self.ui.personBox.setTitle(f"Personne — {self._visitor.display_name} (déjà venue)")
        self._status(f"Fiche de {self._visitor.display_name} corrigée.")

    # -- saving -------------------------------------------------------------------------------

    def workstation_centre(self) -> CentreView | None:
        """Where visits are logged: an accueil account's own centre, else this workstation's
        (read once, then kept until the workstation's centre is chosen again)."""
        if not self._actor.can(Permission.ALL_CENTRES):
            own = self._actor.centre_id
            key = f"#{own}"
            if self._centre_cache is None or self._centre_cache[0] != key:
                centre = self._centres.centre(own) if own is not None else None
                self._centre_cache = (key, centre) if centre is not None else None
                return centre
            return self._centre_cache[1]
        name = self._preferences.workstation_centre
        if self._centre_cache is not None and self._centre_cache[0] == name:
            return self._centre_cache[1]
        centre = self._centres.by_name(name) if name else None
        if centre is None:
            return self.choose_centre()
        self._centre_cache = (name, centre)
        return centre

    def choose_centre(self) -> CentreView | None:
        """Ask which centre this workstation is in (remembered in the preferences)."""
        centres = self._centres.centres()
        if not centres:
            return None
        names = [c.name for c in centres]
        chosen, ok = QInputDialog.getItem(
            self,
            "Centre de ce poste",
            "Dans quel centre se trouve ce poste ? (à choisir une seule fois ; modifiable dans "
            "Fichier > Préférences)",
            names,
            0,
            False,
        )
        if not ok:
            return None
        self._preferences.workstation_centre = chosen
        self._preferences.sync()
        return self._centres.by_name(chosen)

    def _channel(self) -> str:
        ui = self.ui
        if ui.channelPhone.isChecked():
            return "telephone"
        return "courriel" if ui.channelEmail.isChecked() else "sur-place"

    # -- the time of the visit: the save's, unless a past time is typed on purpose ----------

    def _time_by_hand_toggled(self, by_hand: bool) -> None:
        self.ui.occurredEdit.setEnabled(by_hand)
        if by_hand:
            self.ui.occurredEdit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._show_current_time()

    def _show_current_time(self) -> None:
        """The wall-clock time in Valenciennes, whatever the workstation's own time zone."""
        if self.ui.occurredByHandCheck.isChecked():
            return
        edit = self.ui.occurredEdit
        edit.blockSignals(True)
        show_paris_time(edit, self.clock())
        edit.blockSignals(False)

    def occurred_at(self) -> datetime:
        """When the visit took place (aware, UTC): now, or the past time typed on purpose."""
        if self.ui.occurredByHandCheck.isChecked():
            return typed_paris_time(self.ui.occurredEdit).astimezone(UTC)
        return self.clock().astimezone(UTC)

    def visit_input(self, centre_id: int) -> VisitInput:
        ui = self.ui
        accepted = [s for s in self._suggestions.rows if s.entry.id in self._suggestions.accepted]
        anonymous = ui.anonymousCheck.isChecked()
        return VisitInput(
            centre_id=centre_id,
            channel=self._channel(),
            occurred_at=self.occurred_at(),
            time_set_by_hand=ui.occurredByHandCheck.isChecked(),
            needs=self.needs(),
            note=ui.noteEdit.toPlainText() or None,
            visitor_id=None if anonymous or self._visitor is None else self._visitor.id,
            visitor=None if anonymous else self._profile_input(),
            programmes=tuple(s.entry.id for s in accepted),
            reasons={s.entry.id: s.reasons for s in accepted},
        )

    @property
    def is_saving(self) -> bool:
        """A save is waiting for the database (the form is read-only meanwhile)."""
        return self._saving

    def save(self) -> None:
        if self._saving:
            return  # Ctrl+Entrée again while the database answers: one save only
        self._communes.settle()  # « Val » half-typed with the list open is judged as « Val »
        self._clear_errors()
        ui = self.ui
        if (
            not ui.anonymousCheck.isChecked()
            and not ui.firstNameEdit.text().strip()
            and self._visitor is None
            and not ui.birthYearEdit.text().strip()
        ):
            self._show_errors(
                {"first_name": "Prénom : obligatoire (ou cochez « passage anonyme »)"}
            )
            return
        if ui.birthYearEdit.text().strip() and self._birth_year() is None:
            self._show_errors({"birth_year": "Année de naissance : quatre chiffres, ex. 1987"})
            return
        centre = self.workstation_centre()
        if centre is None:
            self._status(
                "Choisissez d’abord le centre de ce poste (Fichier > Préférences).", error=True
            )
            return
        if not self.confirm_new_record_if_duplicate():  # asked last: nothing else to correct
            return
        data = self.visit_input(centre.id)  # the visit's time: now, at Ctrl+Entrée
        self._set_saving(True)

        # The database may wait for another workstation's write (or a network blip): the
        # window keeps answering, the form shows « Enregistrement… » and waits read-only.
        def save_and_read_back() -> tuple[int, VisitRow | None]:
            visit_id = self._visits.log_visit(data)
            return visit_id, self._visits.row(visit_id)  # for the day's list, one row

        run_in_background(
            save_and_read_back,
            lambda saved: self._saved(data, *saved),
            self._save_failed,
            self,
        )

    def _set_saving(self, saving: bool) -> None:
        """Read-only while the database answers: keys and clicks on the form are held back at
        once; the form is greyed only if the answer is slow (a save takes a few ms: no flash)."""
        self._saving = saving
        app = QApplication.instance()
        if saving:  # the field being typed in gets the keys back if the save fails
            self._focus_before_save = QApplication.focusWidget()
            if app is not None:
                app.installEventFilter(self._input_guard)
            self._status("Enregistrement…")
            self._grey_timer.start()
        else:
            if app is not None:
                app.removeEventFilter(self._input_guard)
            self._grey_timer.stop()
            self._grey_form(False)

    def _grey_form(self, grey: bool) -> None:
        ui = self.ui
        for widget in (ui.personBox, ui.visitBox, ui.suggestionsBox, ui.saveButton):
            if widget.isEnabled() == grey:
                widget.setEnabled(not grey)
        ui.clearButton.setEnabled(not grey)

    def _save_failed(self, error: BaseException) -> None:
        self._set_saving(False)  # everything typed is still there
        if self._focus_before_save is not None and self.isAncestorOf(self._focus_before_save):
            self._focus_before_save.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(error, FieldErrors):
            self._show_errors(error.errors)
        elif isinstance(error, UserFacingError):
            self._status(f"Passage non enregistré : {error}", error=True)
        else:
            log.error("enregistrement du passage impossible : %s", type(error).__name__)
            self._status(
                "Passage non enregistré : erreur inattendue (voir le journal). Vos saisies "
                "sont conservées.",
                error=True,
            )

    def _saved(self, data: VisitInput, visit_id: int, row: VisitRow | None) -> None:
        self._set_saving(False)
        ui = self.ui
        who = (
            "passage anonyme"
            if ui.anonymousCheck.isChecked()
            else (f"{ui.firstNameEdit.text().strip()} {ui.lastNameEdit.text().strip()}".strip())
        )
        count = len(data.programmes)
        orient = f", {count} orientation{'s' if count > 1 else ''}" if count else ""
        when = data.occurred_at.astimezone(PARIS)
        when_text = (
            f"le {when:%d/%m à %H:%M} (heure saisie)"
            if data.time_set_by_hand
            else (f"à {when:%H:%M}")
        )
        slip = " Fiche d’orientation : Ctrl+P pour l’imprimer, Ctrl+Maj+P en PDF." if count else ""
        self._status(f"Passage enregistré {when_text} — {who}{orient}.{slip}")
        self.visit_saved.emit(visit_id)
        self._slip_actions.set_last_visit(visit_id if count else None)
        self.clear_form()
        self._today_list.add(row)
        self.focus_search()

    def clear_form(self) -> None:
        ui = self.ui
        self._visitor = None
        self._update_record_buttons()
        self._extra_needs = []
        ui.visitorSearchEdit.clear()
        self._results.set_rows([])
        ui.visitorResultsView.hide()
        self._set_anonymous(False)
        self._fill_profile(VisitorInput())
        ui.personBox.setTitle("Personne")
        ui.occurredByHandCheck.setChecked(False)
        self._show_current_time()
        ui.channelOnSite.setChecked(True)
        for button in self._need_buttons:
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
        ui.otherNeedEdit.clear()
        ui.suggestionFilterEdit.clear()
        ui.noteEdit.clear()
        self._suggestions.accepted.clear()
        self._needs_changed()
        ui.duplicateLabel.hide()
        self.refresh_suggestions()
        if not self._restoring:
            self.discard_draft_file()

    # -- the referral slip of the last visit saved (see slip_actions.py) -----------------------

    def save_slip_pdf(self) -> Path | None:
        return self._slip_actions.save_slip_pdf()

    def print_slip(self) -> None:
        self._slip_actions.print_slip()

    def mail_contact(self) -> None:
        self._slip_actions.mail_contact()

    # -- errors next to the fields ----------------------------------------------------------------

    def _error_labels(self) -> list[QLabel]:
        ui = self.ui
        return [
            ui.firstNameError,
            ui.lastNameError,
            ui.birthYearError,
            ui.communeError,
            ui.occurredError,
            ui.noteError,
        ]

    def _clear_errors(self) -> None:
        for label in self._error_labels():
            label.clear()
            label.hide()

    def _show_errors(self, errors: dict[str, str]) -> None:
        ui = self.ui
        places = {
            "first_name": (ui.firstNameError, ui.firstNameEdit),
            "last_name": (ui.lastNameError, ui.lastNameEdit),
            "birth_year": (ui.birthYearError, ui.birthYearEdit),
            "age_bracket": (ui.birthYearError, ui.ageBracketCombo),
            "gender": (ui.communeError, ui.genderCombo),
            "commune": (ui.communeError, ui.communeEdit),
            "situations": (ui.communeError, ui.situation_rsa),
            "occurred_at": (ui.occurredError, ui.occurredEdit),
            "channel": (ui.occurredError, ui.channelOnSite),
            "needs": (ui.noteError, ui.otherNeedEdit),
            "note": (ui.noteError, ui.noteEdit),
        }
        first_widget = None
        for field_name, message in errors.items():
            label, widget = places.get(field_name, (ui.noteError, None))
            label.setText(message)
            label.show()
            first_widget = first_widget or widget
        self._status("Passage non enregistré : corrigez les champs indiqués en rouge.", error=True)
        if first_widget is not None:
            first_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _status(self, message: str, *, error: bool = False) -> None:
        self.ui.statusLabel.setText(message)
        self.ui.statusLabel.setStyleSheet(
            "color: #a40000; font-weight: bold;" if error else "color: #1f6f3b; font-weight: bold;"
        )
        self.status_message.emit(message)

    # -- today's visits (see today.py) ---------------------------------------------------------

    def refresh_today(self) -> None:
        """Read the day's visits again, in the background."""
        self._today_list.refresh()

    # -- the draft: what is typed survives a crash, a kill, a change of user ---------------------

    def has_unsaved_input(self) -> bool:
        """Whether something typed in the visit form would be lost (the channel's default and
        the time shown do not count)."""
        return self.form_draft() is not None

    def form_draft(self) -> dict[str, Any] | None:
        """The whole form as JSON data, or None when nothing was typed."""
        ui = self.ui
        profile = self._profile_input()
        typed = {
            "search": ui.visitorSearchEdit.text(),
            "visitor_id": self._visitor.id if self._visitor else None,
            "person_key": self._visitor.person_key if self._visitor else None,
            "anonymous": ui.anonymousCheck.isChecked(),
            "first_name": profile.first_name,
            "last_name": profile.last_name or "",
            "birth_year": ui.birthYearEdit.text(),
            "age_bracket": profile.age_bracket,
            "gender": profile.gender,
            "commune": ui.communeEdit.text(),
            "commune_outside": profile.commune_outside,
            "situations": list(profile.situations),
            "consent": profile.consent,
            "time_set_by_hand": ui.occurredByHandCheck.isChecked(),
            "occurred_at": self.occurred_at().isoformat()
            if ui.occurredByHandCheck.isChecked()
            else None,
            "channel": self._channel() if self._channel() != "sur-place" else None,
            "needs": [b.property("theme") for b in self._need_buttons if b.isChecked()],
            "extra_needs": list(self._extra_needs),
            "other_need": ui.otherNeedEdit.text(),
            "note": ui.noteEdit.toPlainText(),
            "programme_filter": ui.suggestionFilterEdit.text(),
            "programmes": sorted(self._suggestions.accepted),
        }
        if not any(value for value in typed.values()):
            return None
        return {
            **typed,
            "saved_at": self.clock().astimezone(UTC).isoformat(),
            "by": self._actor.login,
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Fill the form back from ``form_draft()``'s data (a returning visitor is read again:
        a record merged or erased meanwhile is not brought back)."""
        ui = self.ui
        self._restoring = True
        try:
            self.clear_form()
            visitor_id = draft.get("visitor_id")
            if isinstance(visitor_id, int):
                self._reopen_visitor(visitor_id, draft.get("person_key"))
            ui.visitorSearchEdit.setText(str(draft.get("search") or ""))
            self._lookup_timer.stop()
            if draft.get("anonymous"):
                ui.anonymousCheck.setChecked(True)
            else:
                self._fill_profile_from_draft(draft)
            self._fill_visit_from_draft(draft)
        finally:
            self._restoring = False
        self._schedule_draft()

    def _reopen_visitor(self, visitor_id: int, person_key: object) -> None:
        try:  # traced like a record picked in the list: whoever resumes opens it
            visitor = self._visitors.open_record(visitor_id)
        except UserFacingError as exc:
            self._status(str(exc), error=True)
            return
        if visitor is None or visitor.person_key != person_key:  # e.g. a backup restored
            self._status("La personne du brouillon n’existe plus (fiche fusionnée ou effacée).")
            return
        self._visitor = visitor
        self._update_record_buttons()
        self.ui.personBox.setTitle(f"Personne — {visitor.display_name} (déjà venue)")

    def _fill_profile_from_draft(self, draft: dict[str, Any]) -> None:
        def text(key: str) -> str:
            return str(draft.get(key) or "")

        self._fill_profile(
            VisitorInput(
                first_name=text("first_name"),
                last_name=text("last_name") or None,
                age_bracket=draft.get("age_bracket"),
                gender=draft.get("gender"),
                commune=text("commune") or None,
                situations=tuple(str(code) for code in draft.get("situations") or ()),
                consent=bool(draft.get("consent")),
                commune_outside=bool(draft.get("commune_outside")),
            )
        )
        self.ui.birthYearEdit.setText(text("birth_year"))  # as typed, even half-typed

    def _fill_visit_from_draft(self, draft: dict[str, Any]) -> None:
        ui = self.ui
        when = _aware(draft.get("occurred_at")) if draft.get("time_set_by_hand") else None
        last_typed = _aware(draft.get("saved_at"))
        if when is None and last_typed is not None and self.clock() - last_typed > DRAFT_STALE:
            when = last_typed  # a form left by a crash: the visit was when it was typed
        if when is not None:
            ui.occurredByHandCheck.setChecked(True)
            show_paris_time(ui.occurredEdit, when)
        channel = draft.get("channel")
        ui.channelPhone.setChecked(channel == "telephone")
        ui.channelEmail.setChecked(channel == "courriel")
        ui.channelOnSite.setChecked(channel not in ("telephone", "courriel"))
        needs = set(draft.get("needs") or ())
        for button in self._need_buttons:
            button.setChecked(button.property("theme") in needs)
        vocab = self._catalogue.vocab
        self._extra_needs = [
            n for n in draft.get("extra_needs") or () if vocab.canonical_thematique(str(n))
        ]
        ui.otherNeedEdit.setText(str(draft.get("other_need") or ""))
        ui.noteEdit.setPlainText(str(draft.get("note") or ""))
        ui.suggestionFilterEdit.setText(str(draft.get("programme_filter") or ""))
        self._needs_changed()
        self._routing_timer.stop()
        self._suggestions.accepted.update(str(p) for p in draft.get("programmes") or ())
        self.refresh_suggestions()

    def _schedule_draft(self, *_args: object) -> None:
        if not self._restoring:
            self._draft_timer.start()

    def _write_draft(self) -> None:
        draft = self.form_draft()
        if draft is None:
            self._drafts.remove()
        else:
            self._drafts.save(draft)

    def flush_draft(self) -> None:
        """Write the draft now (before a change of user, a lock, a quit question)."""
        self._draft_timer.stop()
        self._write_draft()

    def discard_draft_file(self) -> None:
        self._draft_timer.stop()
        self._drafts.remove()

    def offer_saved_draft(self) -> bool:
        """At start-up: a form left by a crash or a kill is offered back; True if taken."""
        draft = self._drafts.load()
        if draft is None:
            return False
        saved = _aware(draft.get("saved_at"))
        when = f" le {saved.astimezone(PARIS):%d/%m/%Y à %H:%M}" if saved else ""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Passage en cours de saisie",
            f"Un passage était en cours de saisie{when}, et n’a pas été enregistré "
            "(l’application a été interrompue).\n\nLe reprendre dans le formulaire ?",
            parent=self,
        )
        resume = box.addButton("&Reprendre la saisie", QMessageBox.ButtonRole.AcceptRole)
        # No mnemonic: in a message box a bare letter presses its button, and staff may be typing.
        box.addButton("Supprimer le brouillon", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(resume)
        box.exec()
        if box.clickedButton() is resume:
            self.restore_draft(draft)
            self._status("Saisie reprise : vérifiez-la, puis enregistrez le passage (Ctrl+Entrée).")
            return True
        self.discard_draft_file()
        return False
