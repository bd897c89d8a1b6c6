"""The draft of the Accueil: what is typed survives a crash, a kill, a change of user.

Every change of the form schedules the draft's update (a write once the typing pauses, not
one per key); a save or a cleared form removes it; at start-up a draft left behind is offered
back. The file itself (private, written atomically) is ``core.drafts.DraftStore``'s.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.drafts import DraftStore
from acsrv_desktop.core.reception.contact_details import ContactInput
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.vocabulary import Channel
from acsrv_desktop.gui.forms.ui_reception_area import Ui_ReceptionArea
from acsrv_desktop.gui.reception.lookup import VisitorSearch
from acsrv_desktop.gui.reception.needs import NeedsPicker
from acsrv_desktop.gui.reception.person_form import PersonForm
from acsrv_desktop.gui.reception.referral_details import ReferralDetails
from acsrv_desktop.gui.reception.status import ShowStatus
from acsrv_desktop.gui.reception.suggestions import SuggestionsPanel
from acsrv_desktop.gui.reception.visit_fields import VisitFields

DRAFT_DELAY_MS = 400  # the draft follows the typing, without a write per keystroke
DRAFT_STALE = timedelta(minutes=5)  # a draft older than this keeps the time it was typed


def _aware(value: object) -> datetime | None:
    """A time read back from a draft, or None when missing or not an aware ISO time."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


class FormDraft(QObject):
    """The form of the Accueil as JSON data, kept in a ``DraftStore`` as it changes."""

    def __init__(
        self,
        area: QWidget,
        ui: Ui_ReceptionArea,
        store: DraftStore,
        *,
        person: PersonForm,
        search: VisitorSearch,
        needs: NeedsPicker,
        visit: VisitFields,
        suggestions: SuggestionsPanel,
        details: ReferralDetails | None = None,
        clock: Callable[[], datetime],
        login: str | None,
        clear_form: Callable[[], None],
        status: ShowStatus,
    ) -> None:
        super().__init__(area)
        self._area = area  # the parent of the question asked at start-up
        self._ui = ui
        self._store = store
        self._person, self._search, self._needs = person, search, needs
        self._visit, self._suggestions = visit, suggestions
        self._details = details  # what the person agreed to give the contacts
        self._clock = clock  # aware UTC
        self._login = login
        self._clear_form = clear_form
        self._status = status
        self._filling = False  # no draft written while the form is filled by code
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.write)
        self._watch()

    def _watch(self) -> None:
        """Every change of the form schedules the draft's update (see ``write``)."""
        ui, later = self._ui, self.schedule
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
            *self._person.situation_boxes.values(),
            *self._needs.buttons,
            ui.consentCheck,
            ui.anonymousCheck,
            ui.communeOutsideCheck,
            ui.occurredByHandCheck,
            ui.channelPhone,
            ui.channelEmail,
        ):
            box.toggled.connect(later)
        ui.occurredEdit.dateTimeChanged.connect(later)
        self._suggestions.model.dataChanged.connect(later)
        if self._details is not None:
            self._details.changed.connect(later)

    @property
    def filling(self) -> bool:
        """The form is being filled by code (cleared, or restored): no draft is written."""
        return self._filling

    @contextmanager
    def filled_by_code(self) -> Iterator[None]:
        was, self._filling = self._filling, True
        try:
            yield
        finally:
            self._filling = was

    # -- the form as data ---------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any] | None:
        """The whole form as JSON data, or None when nothing was typed (the channel's default
        and the time shown do not count)."""
        ui, visit = self._ui, self._visit
        visitor_id, person_key = self._person.record_ids()  # a record being read again counts
        profile = self._person.read()
        channel = visit.channel()
        typed = {
            "search": self._search.typed,
            "visitor_id": visitor_id,
            "person_key": person_key,
            "anonymous": self._person.anonymous,
            "first_name": profile.first_name,
            "last_name": profile.last_name or "",
            "birth_year": self._person.birth_year_typed,
            "age_bracket": profile.age_bracket,
            "gender": profile.gender,
            "commune": ui.communeEdit.text(),
            "commune_outside": profile.commune_outside,
            "situations": list(profile.situations),
            "consent": profile.consent,
            "time_set_by_hand": visit.time_set_by_hand,
            "occurred_at": visit.occurred_at().isoformat() if visit.time_set_by_hand else None,
            "channel": str(channel) if channel != Channel.SUR_PLACE else None,
            "needs": self._needs.checked(),
            "extra_needs": list(self._needs.extra),
            "other_need": ui.otherNeedEdit.text(),
            "note": visit.note(),
            "programme_filter": ui.suggestionFilterEdit.text(),
            "programmes": sorted(self._suggestions.model.accepted),
            **self._details_data(),
        }
        if not any(value for value in typed.values()):
            return None
        return {**typed, "saved_at": self._clock().astimezone(UTC).isoformat(), "by": self._login}

    def _details_data(self) -> dict[str, Any]:
        details = self._details
        if details is None or (details.contact is None and not details.messages):
            return {}
        contact = details.contact
        return {
            "contact": dataclasses.asdict(contact) if contact is not None else None,
            "messages": dict(details.messages),
        }

    def restore(self, draft: dict[str, Any]) -> None:
        """Fill the form back from ``snapshot()``'s data. A returning visitor's record is read
        again in the background (``PersonForm.reopen``): the values typed are shown at once,
        the record part read-only until it is read; a record merged or erased meanwhile is
        not brought back (the values stay, as a new person)."""
        with self.filled_by_code():
            self._clear_form()
            visitor_id = draft.get("visitor_id")
            if isinstance(visitor_id, int):
                self._person.reopen(visitor_id, draft.get("person_key"))
            self._ui.visitorSearchEdit.setText(str(draft.get("search") or ""))
            self._search.timer.stop()
            if draft.get("anonymous"):
                self._ui.anonymousCheck.setChecked(True)
            else:
                self._restore_profile(draft)
            self._restore_visit(draft)
        self.schedule()

    def _restore_profile(self, draft: dict[str, Any]) -> None:
        def text(key: str) -> str:
            return str(draft.get(key) or "")

        self._person.fill(
            VisitorInput(
                first_name=text("first_name"),
                last_name=text("last_name") or None,
                age_bracket=draft.get("age_bracket"),
                gender=draft.get("gender"),
                commune=text("commune") or None,
                situations=tuple(str(code) for code in draft.get("situations") or ()),
                consent=bool(draft.get("consent")),
                commune_outside=bool(draft.get("commune_outside")),
            ),
            birth_year_typed=text("birth_year"),  # as typed, even half-typed
        )

    def _restore_visit(self, draft: dict[str, Any]) -> None:
        ui = self._ui
        when = _aware(draft.get("occurred_at")) if draft.get("time_set_by_hand") else None
        last_typed = _aware(draft.get("saved_at"))
        if when is None and last_typed is not None and self._clock() - last_typed > DRAFT_STALE:
            when = last_typed  # a form left by a crash: the visit was when it was typed
        if when is not None:
            self._visit.set_time_by_hand(when)
        self._visit.set_channel(draft.get("channel"))
        ui.otherNeedEdit.setText(str(draft.get("other_need") or ""))
        ui.noteEdit.setPlainText(str(draft.get("note") or ""))
        self._needs.restore(map(str, draft.get("needs") or ()), draft.get("extra_needs") or ())
        self._suggestions.restore(
            str(draft.get("programme_filter") or ""),
            (str(p) for p in draft.get("programmes") or ()),
        )
        contact, messages = draft.get("contact"), draft.get("messages")
        if self._details is not None and isinstance(contact, dict):
            fields = {f.name for f in dataclasses.fields(ContactInput)}
            self._details.contact = ContactInput(
                **{k: v for k, v in contact.items() if k in fields}
            )
            if isinstance(messages, dict):
                self._details.messages = {str(k): str(v) for k, v in messages.items()}

    # -- the file -----------------------------------------------------------------------------

    def schedule(self, *_args: object) -> None:
        if not self._filling:
            self._timer.start()

    def write(self) -> None:
        draft = self.snapshot()
        if draft is None:
            self._store.remove()
        else:
            self._store.save(draft)

    def flush(self) -> None:
        """Write the draft now (before a change of user, a lock, a quit question)."""
        self._timer.stop()
        self.write()

    def discard(self) -> None:
        self._timer.stop()
        self._store.remove()

    def offer_saved(self) -> bool:
        """At start-up: a form left by a crash or a kill is offered back; True if taken."""
        draft = self._store.load()
        if draft is None:
            return False
        saved = _aware(draft.get("saved_at"))
        when = f" le {saved.astimezone(PARIS):%d/%m/%Y à %H:%M}" if saved else ""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Passage en cours de saisie",
            f"Un passage était en cours de saisie{when}, et n’a pas été enregistré "
            "(l’application a été interrompue).\n\nLe reprendre dans le formulaire ?",
            parent=self._area,
        )
        resume = box.addButton("&Reprendre la saisie", QMessageBox.ButtonRole.AcceptRole)
        # No mnemonic: in a message box a bare letter presses its button, and staff may be typing.
        box.addButton("Supprimer le brouillon", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(resume)
        box.exec()
        if box.clickedButton() is resume:
            self.restore(draft)
            self._status("Saisie reprise : vérifiez-la, puis enregistrez le passage (Ctrl+Entrée).")
            return True
        self.discard()
        return False
