"""The "Accueil" area: find or create the visitor, note the needs, accept suggestions, save.

Keyboard first (``keymap.py``): Alt+H search, ↓/Entrée pick a person, Alt+N new person, Alt+Y
anonymous, Alt+1 … Alt+0, Alt+K, Alt+X the needs, Alt+O the suggestions (Ctrl+O ticks the best
one), Ctrl+Entrée saves; the focus then returns to the search field for the next person (as
after clearing the form, after a dialog and after unlocking). Alt+J the day's list, F2 and
Suppr its visit selected. A refused save keeps everything typed; a cleared form comes back with
Ctrl+Z.

The layout fits the common desk screens (1280×680 and up, the text zoomed to 125 % on
1366×728): the form on the left, the suggestions and the day's list in two tabs on the right
(``panels.py``); the person's situations in a compact pop-up (``situations.py``). What the
visitor at the desk may read of the others is ``discretion.py``'s.

The area composes its parts, each in a module of its own: the search for the person
(``lookup.py``), the person's profile (``person_form.py``), the needs (``needs.py``), the
visit's time, channel and note (``visit_fields.py``), the suggestions (``suggestions.py``), the
messages next to the fields (``field_errors.py``), the draft (``draft.py``), the workstation's
centre (``workstation.py``), the save (``saving.py``), the day's list (``today.py``) and the
slip (``slip_actions.py``). This module composes them and keeps the person's rights (access,
rectification, erasure).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from acsrv_desktop.core.centres import CentreView
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.reception.routing import Person
from acsrv_desktop.core.reception.visitors import VisitorView
from acsrv_desktop.core.reception.visits import VisitInput, VisitRow
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.announce import announce
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.reception.correction import RecordCorrection
from acsrv_desktop.gui.reception.discretion import Discretion
from acsrv_desktop.gui.reception.draft import FormDraft
from acsrv_desktop.gui.reception.field_errors import FieldMessages
from acsrv_desktop.gui.reception.keymap import KeyMap
from acsrv_desktop.gui.reception.lookup import VisitorSearch
from acsrv_desktop.gui.reception.needs import NeedsPicker
from acsrv_desktop.gui.reception.panels import SidePanels, SlipButtons
from acsrv_desktop.gui.reception.person_data import PersonDataDialog
from acsrv_desktop.gui.reception.person_form import PersonForm
from acsrv_desktop.gui.reception.referral_details import ReferralDetails
from acsrv_desktop.gui.reception.saving import VisitSave
from acsrv_desktop.gui.reception.slip_actions import SlipActions
from acsrv_desktop.gui.reception.suggestions import SuggestionsPanel
from acsrv_desktop.gui.reception.today import TodayList
from acsrv_desktop.gui.reception.visit_fields import VisitFields
from acsrv_desktop.gui.reception.workstation import WorkstationCentre
from acsrv_desktop.gui.theme import Kind, kind_of, set_kind

# The keys that are not shortcuts, for the F1 sheet (the shortcuts say their own meaning).
KEYBOARD_NOTES = (
    ("↓", "de la recherche à la liste des personnes trouvées"),
    ("Entrée", "dans la recherche : ouvrir la fiche désignée, sinon descendre dans la liste"),
    ("Entrée", "dans la liste des personnes trouvées : ouvrir la fiche"),
    ("Échap", "de la liste des personnes trouvées, ou du jour, à la recherche"),
    ("Espace", "sur un besoin : le cocher ou le décocher"),
    ("Espace / ↓", "sur « Situation » : la liste des situations (Espace coche, Échap ferme)"),
    ("Entrée", "dans « Autre besoin » : ajouter la thématique tapée"),
    ("↓ / Entrée", "dans « Autre programme » : aller à la liste"),
    ("Espace", "sur une orientation proposée : la retenir ou non"),
    ("Tab", "dans la date et l’heure saisies à la main : passer au canal"),
)


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
        self.ui = ui = Ui_ReceptionArea()
        ui.setupUi(self)
        self._services = services  # every service, built for the signed-in actor
        self._actor = services.actor
        self._catalogue = services.catalogue
        self._visitors = services.visitors
        self._visits = services.visits
        self._undo: dict[str, Any] | None = None  # the form cleared by hand, for Ctrl+Z
        self._preferences = preferences
        # What the person agrees to give the contacts of the programmes accepted (issue 17).
        self._details = ReferralDetails(self)
        self._build(services, preferences, drafts)
        self._connect()
        with self._draft.filled_by_code():  # a draft left by a crash waits for offer_saved_draft()
            self.clear_form()
        self._today_list.start()
        self._visit.timer.start()

    def _build(
        self, services: Services, preferences: Preferences, drafts: DraftStore | None
    ) -> None:
        ui, status = self.ui, self._status
        self._messages = FieldMessages(ui)
        self._search = VisitorSearch(self, ui, services, status=status)
        self._person = PersonForm(
            self, ui, services, clock=self.clock, messages=self._messages, status=status
        )
        self._needs = NeedsPicker(self, ui, services.catalogue.vocab, status=status)
        self._visit = VisitFields(self, ui, clock=self.clock)
        self._suggestion_list = SuggestionsPanel(
            self, ui, services, person=self.person, status=status
        )
        self._slip_actions = SlipActions(self, ui.slipRow, services, status=status)
        self._slip_buttons = SlipButtons(self, ui)
        self._correction = RecordCorrection(
            self, ui, services, person=self._person, messages=self._messages, status=status
        )
        self._centre = WorkstationCentre(self, services, preferences, status=status)
        self._visit_save = VisitSave(
            self,
            ui,
            services,
            person=self._person,
            centre=self._centre,
            visit_input=self.visit_input,
            messages=self._messages,
            status=status,
            saved=self._saved,
        )
        self._today_list = TodayList(
            self, ui, services, preferences, clock=self.clock, status=status
        )
        self._drafts = drafts if drafts is not None else DraftStore()  # the draft's file
        self._draft = FormDraft(
            self,
            ui,
            self._drafts,
            person=self._person,
            search=self._search,
            needs=self._needs,
            visit=self._visit,
            suggestions=self._suggestion_list,
            details=self._details,
            clock=self.clock,
            login=self._actor.login,
            clear_form=self.clear_form,
            status=status,
        )
        self._keys = KeyMap(
            self,
            ui,
            self,
            search=self._search,
            needs=self._needs,
            suggestions=self._suggestion_list,
        )
        self._panels = SidePanels(self, ui, self._today_list.model)
        self._discretion = Discretion(
            self, enabled=preferences.discreet_mode, shows_personal=self._shows_personal
        )
        self._today_list.model.set_discreet(preferences.discreet_mode)
        self._steady_status_line()
        self._primary_action()
        # The parts' models and timers, by the names the tests and the benchmark use.
        self._results = self._search.results
        self._suggestions = self._suggestion_list.model
        self._routing_timer = self._suggestion_list.timer
        self._need_buttons: list[QPushButton] = self._needs.buttons
        self._today = self._today_list.model  # the day's visits
        self._today_timer = self._today_list.timer

    def _steady_status_line(self) -> None:
        """The status line says something at every save: its text must not move the form (a
        new height re-lays the whole window out and repaints it). It takes the width left by
        the buttons whatever it says, and keeps the height of two lines (a longer message
        still makes room for itself)."""
        label = self.ui.statusLabel
        policy = label.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        label.setSizePolicy(policy)
        bold = QFont(label.font())
        bold.setBold(True)  # as its style sheet shows it
        margins = label.contentsMargins()
        lines = 2 * QFontMetrics(bold).lineSpacing() + margins.top() + margins.bottom()
        label.setMinimumHeight(lines + 2 * label.margin())

    def _primary_action(self) -> None:
        """« Enregistrer le passage » is the default action, and looks it: bold, framed as
        the default button."""
        button = self.ui.saveButton
        button.setDefault(True)
        font = QFont(button.font())
        font.setBold(True)
        button.setFont(font)
        for other in (self.ui.clearButton, self.ui.acceptBestButton, self.ui.newVisitorButton):
            other.setAutoDefault(False)

    def set_discreet_mode(self, discreet: bool) -> None:
        """Affichage › Mode discret: the day's list in initials and the idle mask, or not."""
        self._discretion.set_enabled(discreet)
        self._today_list.model.set_discreet(discreet)

    @property
    def discreet_mode(self) -> bool:
        return self._discretion.enabled

    def _shows_personal(self) -> bool:
        """Whether the area shows something of a person now (what the mask covers)."""
        today_row = self._panels.today_shown and self.ui.todayView.currentIndex().row() >= 0
        return today_row or self.has_unsaved_input() or self._person.visitor is not None

    def _connect(self) -> None:
        ui = self.ui
        self._search.opened.connect(self._opened)
        self._search.new_person.connect(self.start_new_visitor)
        self._person.changed.connect(self._suggestion_list.later)
        self._needs.changed.connect(self._suggestion_list.later)
        ui.newVisitorButton.clicked.connect(self.start_new_visitor)
        ui.saveButton.clicked.connect(self.save)
        ui.personDataButton.clicked.connect(self.show_person_data)
        ui.correctRecordButton.clicked.connect(self.correct_record)
        ui.elsewhereButton.clicked.connect(self.search_elsewhere)
        ui.clearButton.clicked.connect(self.clear_by_hand)
        ui.acceptBestButton.clicked.connect(self.accept_best_suggestion)
        self._suggestion_list.model.ticked.connect(self._suggestion_ticked)
        view = ui.todayView
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._today_list.model.reveal(current.row())
        )
        self._today_list.model.modelReset.connect(
            lambda: self._today_list.model.reveal(view.currentIndex().row())
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        # Back to the desk's window: show what the other workstations saved meanwhile.
        activated = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated:
            self._today_list.window_activated()
        super().changeEvent(event)

    # -- what the area is waiting for -----------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        """Some work of the area is waiting for the database (a save, a lookup, the day's
        list…): its answer will be shown when it comes."""
        return (
            self._visit_save.saving
            or self._search.busy
            or self._today_list.busy
            or self._person.busy
            or self._suggestion_list.busy
            or self._centre.busy
            or self._slip_actions.busy
            or self._correction.busy
        )

    @property
    def is_looking_up(self) -> bool:
        """A lookup, or the opening of a record, is waiting for the database."""
        return self._search.busy

    @property
    def is_saving(self) -> bool:
        """A save is waiting for the database (the form is read-only meanwhile)."""
        return self._visit_save.saving

    # -- the person -----------------------------------------------------------------------------

    @property
    def _visitor(self) -> VisitorView | None:
        """The returning visitor picked (None: a new person, or an anonymous visit)."""
        return self._person.visitor

    def focus_search(self) -> None:
        self._search.focus()

    def pick_visitor(self, row: int) -> None:
        self._search.pick(row)

    def _opened(self, visitor: VisitorView) -> None:
        self._person.open(visitor)
        self._status(
            f"Fiche ouverte : {visitor.display_name} ({visitor.birth_year or 'année ?'}, "
            f"{visitor.commune or 'commune ?'})."
        )
        self._needs.buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self._suggestion_list.later()

    def search_elsewhere(self) -> None:
        """Ctrl+Maj+H: the person typed, among those seen only at other centres."""
        self._person.search_elsewhere(self._opened)

    def start_new_visitor(self) -> None:
        self._person.start_new(self._search.typed)
        self._search.forget_results()
        self.ui.firstNameEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def needs(self) -> tuple[str, ...]:
        return self._needs.chosen()

    def person(self) -> Person:
        """The person as routing sees it (built by core: ``routing.person_of``)."""
        return self._person.person(self._needs.chosen())

    def refresh_suggestions(self) -> None:
        """The catalogue changed: read it again (in the background), then the suggestions."""
        self._suggestion_list.read_catalogue()

    # -- the person's rights: access, rectification, erasure ---------------------------------

    def show_person_data(self) -> None:
        """Everything held about the person picked, to export or erase (the dialog reads it
        in the background: see person_data.py)."""
        visitor = self._person.visitor
        if visitor is None:
            self._status("Choisissez d’abord une personne déjà venue.", error=True)
            return
        dialog = PersonDataDialog(self._services, visitor.id, self)
        dialog.erased.connect(self._record_erased)
        dialog.exec()
        self.focus_search()  # back for the next person, whatever the dialog did

    def _record_erased(self, kept_visits: int) -> None:
        self.clear_form()
        self.refresh_today()
        self._status(f"Fiche effacée ; ses {kept_visits} passage(s) restent comptés, anonymes.")

    def correct_record(self) -> None:
        """Save the changes made to the record picked, without logging a visit (in the
        background, the form read-only meanwhile: see correction.py)."""
        self._correction.start()

    # -- the workstation's centre ---------------------------------------------------------------

    def workstation_centre(self) -> CentreView | None:
        """Where visits are logged (read in the background, then kept: see ``workstation.py``;
        read now if not known yet — the save itself never calls this)."""
        return self._centre.current()

    def choose_centre(self) -> None:
        """Ask which centre this workstation is in (remembered in the preferences): the
        centres read in the background, then the question; the day's list follows."""
        self._centre.choose(lambda centre: self.refresh_today() if centre is not None else None)

    # -- saving -------------------------------------------------------------------------------

    def occurred_at(self) -> datetime:
        """When the visit took place (aware, UTC): now, or the past time typed on purpose."""
        return self._visit.occurred_at()

    def visit_input(self, centre_id: int) -> VisitInput:
        accepted = self._suggestion_list.accepted()
        visitor_id, profile = self._person.visit_profile()
        programmes = tuple(s.entry.id for s in accepted)
        contact, messages = self._details.for_visit(programmes)
        return VisitInput(
            centre_id=centre_id,
            channel=self._visit.channel(),
            occurred_at=self._visit.occurred_at(),
            time_set_by_hand=self._visit.time_set_by_hand,
            needs=self._needs.chosen(),
            note=self._visit.note() or None,
            visitor_id=visitor_id,
            visitor=profile,
            programmes=programmes,
            reasons={s.entry.id: s.reasons for s in accepted},
            contact=contact,
            messages=messages,
        )

    def save(self) -> None:
        """Ctrl+Entrée: save the visit in the background (see ``saving.py``)."""
        self._visit_save.start()

    def _saved(self, data: VisitInput, visit_id: int, row: VisitRow | None) -> None:
        who = (
            "passage anonyme"
            if data.visitor is None
            else f"{data.visitor.first_name.strip()} {(data.visitor.last_name or '').strip()}"
        ).strip()
        count = len(data.programmes)
        orient = f", {count} orientation{'s' if count > 1 else ''}" if count else ""
        when = data.occurred_at.astimezone(PARIS)
        when_text = (
            f"le {when:%d/%m à %H:%M} (heure saisie)"
            if data.time_set_by_hand
            else f"à {when:%H:%M}"
        )
        slip = " Fiche d’orientation : Ctrl+P pour l’imprimer, Ctrl+Maj+P en PDF." if count else ""
        named = f"Passage enregistré {when_text} — {who}{orient}.{slip}"
        unnamed = f"Passage enregistré {when_text}{orient}.{slip}"
        if self._discretion.enabled:  # the name for a few seconds; the status bar never has it
            self._status(named, public=unnamed)
            self._discretion.for_a_few_seconds(lambda: self._replace_status(named, unnamed))
        else:
            self._status(named)
        self._undo = None  # the form cleared before this visit is no longer the one to bring back
        self.visit_saved.emit(visit_id)
        self._slip_actions.set_last_visit(visit_id if count else None)
        self.clear_form()
        self._today_list.add(row)  # only the new row: the same as reading the day again
        self.focus_search()

    def clear_by_hand(self) -> None:
        """« Effacer le formulaire » (Alt+R): an empty form, the focus in the search; what was
        typed comes back with Ctrl+Z (until something else is typed or saved)."""
        self._undo = self._draft.snapshot()
        self.clear_form()
        self.focus_search()
        if self._undo is not None:
            self._status("Formulaire effacé — Ctrl+Z pour le rétablir.")

    def undo_clear(self) -> bool:
        """Ctrl+Z: the form cleared by hand comes back, if nothing was typed since."""
        draft, self._undo = self._undo, None
        if draft is None or self.has_unsaved_input():
            return False
        self._draft.restore(draft)
        self._status("Formulaire rétabli.")
        self.focus_search()
        return True

    def clear_form(self) -> None:
        """An empty form for the next person (the draft file goes with it)."""
        with self._draft.filled_by_code():
            self._search.clear()
            self._person.clear()
            self._visit.clear()
            self._needs.clear()
            self._suggestion_list.clear()
            self._details.clear()
        if not self._draft.filling:
            self.discard_draft_file()

    # -- the referral slip of the last visit saved (see slip_actions.py) -----------------------

    def save_slip_pdf(self) -> None:
        self._slip_actions.save_slip_pdf()

    def print_slip(self) -> None:
        self._slip_actions.print_slip()

    def mail_contact(self) -> None:
        self._slip_actions.mail_contact()

    # -- messages -----------------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        self._messages.show(errors)
        self._status("Passage non enregistré : corrigez les champs indiqués en rouge.", error=True)

    def _status(self, message: str, *, error: bool = False, public: str | None = None) -> None:
        """``message`` on the status line, in the palette's colours, announced; the window's
        status bar gets ``public`` when given (the same without the person's name)."""
        self._discretion.forget_name()
        label = self.ui.statusLabel
        label.setText(message)
        kind = Kind.ERROR if error else Kind.SUCCESS
        if kind_of(label) is not kind:  # a new palette re-lays the label out
            set_kind(label, kind)
        announce(label, message, urgent=error)
        self.status_message.emit(message if public is None else public)

    def _replace_status(self, shown: str, replacement: str) -> None:
        """The name of a save taken off the status line (if it still says it)."""
        if self.ui.statusLabel.text() == shown:
            self.ui.statusLabel.setText(replacement)

    # -- the side: the suggestions and the day's list (see panels.py) -------------------------

    def focus_suggestions(self) -> None:
        """Alt+O: the suggestions' list, up to date with the form."""
        self._panels.show_suggestions()
        self._suggestion_list.focus_list()

    def accept_best_suggestion(self) -> None:
        """Ctrl+O: the best suggestion that suits the person, ticked (and said)."""
        self._panels.show_suggestions()
        chosen = self._suggestion_list.accept_best()
        if chosen is None:
            self._status("Aucune autre orientation proposée ne convient à la personne.", error=True)
        else:
            name = chosen.entry.name
            self._status(f"Orientation retenue : {name} (Ctrl+Entrée pour enregistrer).")

    def _suggestion_ticked(self, programme_id: str, name: str, ticked: bool) -> None:
        """A suggestion accepted: what the person agrees to give its contact is asked (a
        window-modal dialog, Échap to go on without); un-ticked, its message goes."""
        if not ticked:
            self._details.forget(programme_id)
        elif self._preferences.ask_referral_details:
            self._details.ask(programme_id, name)

    def edit_referral_details(self) -> None:
        """Ctrl+Maj+O: the details and the message for the contact of the suggestion
        selected if it is accepted, else of the first one accepted."""
        accepted = self._suggestion_list.accepted()
        if not accepted:
            self._status("Retenez d’abord une orientation (Espace ou Ctrl+O).", error=True)
            return
        row = self.ui.suggestionsView.currentIndex().row()
        model = self._suggestion_list.model
        current = model.suggestion(row) if 0 <= row < model.rowCount() else None
        chosen = current if current in accepted else accepted[0]
        self._details.ask(chosen.entry.id, chosen.entry.name)

    @property
    def referral_details(self) -> ReferralDetails:
        """The details typed for the visit's referrals (the dialog open, if any)."""
        return self._details

    def show_today(self) -> None:
        """Alt+J: the day's list, the focus in it."""
        self._panels.show_today()

    def leave_today(self) -> None:
        """Échap in the day's list: back to the suggestions and the search."""
        self._panels.show_suggestions()
        self.focus_search()

    def edit_selected_visit(self) -> None:
        """F2, from anywhere in the area: correct the visit selected in the day's list."""
        if self._today_list.selected_visit() is None:
            self._status("Choisissez d’abord un passage dans la liste du jour (Alt+J).", error=True)
            return
        self._panels.show_today()
        self._today_list.edit_selected_visit()
        self.focus_search()

    def toggle_cancel_selected_visit(self) -> None:
        """Suppr, from anywhere in the area: cancel (or restore) the visit selected."""
        if self._today_list.selected_visit() is None:
            self._status("Choisissez d’abord un passage dans la liste du jour (Alt+J).", error=True)
            return
        self._panels.show_today()
        self._today_list.toggle_cancel_selected_visit()
        self.focus_search()

    def keyboard_notes(self) -> list[tuple[str, str]]:
        """The keys that are not shortcuts, for the F1 sheet."""
        return list(KEYBOARD_NOTES)

    # -- today's visits (see today.py) ---------------------------------------------------------

    def refresh_today(self) -> None:
        """Read the day's visits again, in the background."""
        self._today_list.refresh()

    # -- the draft (see draft.py) ---------------------------------------------------------------

    def has_unsaved_input(self) -> bool:
        """Whether something typed in the visit form would be lost (the channel's default and
        the time shown do not count)."""
        return self._draft.snapshot() is not None

    def form_draft(self) -> dict[str, Any] | None:
        """The whole form as JSON data, or None when nothing was typed."""
        return self._draft.snapshot()

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self._draft.restore(draft)

    def flush_draft(self) -> None:
        """Write the draft now (before a change of user, a lock, a quit question)."""
        self._draft.flush()

    def discard_draft_file(self) -> None:
        self._draft.discard()

    def offer_saved_draft(self) -> bool:
        """At start-up: a form left by a crash or a kill is offered back; True if taken."""
        return self._draft.offer_saved()
