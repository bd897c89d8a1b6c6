"""Issue 17, acceptance: the loop of a referral driven by keys in two signed-in windows — a
desk (an accueil account) accepts a suggestion with what the person agrees to give the
contact and saves the visit; the programme's référent (its own account, linked to that
programme) finds it « à traiter » and answers; the desk reads the answer in the day's list
and in Orientations. On both backends: on the server each window works through its own
person's PostgreSQL login. Then « à relancer » after 10 days in both windows, the reminder
e-mail, and the référent's notification of a new referral."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget
from sqlalchemy import select, text
from staff import first_administrator

from acsrv_desktop.core.accounts.roles import Actor, Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.models import AuditEntry, Referral
from acsrv_desktop.core.reception.contact_details import ContactInput
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visitors import VisitorService
from acsrv_desktop.core.reception.visits import VisitInput
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.application import build_areas, start_referral_watch
from acsrv_desktop.gui.main_window import AREAS, MainWindow
from acsrv_desktop.gui.orientations.area import OrientationsArea
from acsrv_desktop.gui.orientations.referent import ReferentArea
from acsrv_desktop.gui.orientations.refusal import RefusalDialog
from acsrv_desktop.gui.preferences import Preferences
from acsrv_desktop.gui.reception.referral_details import ReferralDetailsDialog
from acsrv_desktop.gui.shortcut_sheet import shortcut_rows

PASSWORD = "Accueil-Denain-2026"  # tests/conftest.py's STAFF_PASSWORD
FORUM = "forum-citoyen"
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class People:
    """The two people of the loop, each signed in with their own account (and login)."""

    def __init__(self, database, database_actor, connected_as) -> None:
        accounts = AccountService(database)
        admin = first_administrator(accounts, database_actor, "direction", "Direction", PASSWORD)
        self.centre = CentreService(database).centres()[0]
        accounts.create(
            admin, AccountInput("marie", "Marie Accueil", Role.ACCUEIL, self.centre.id), PASSWORD
        )
        accounts.create(
            admin,
            AccountInput("ines", "Inès Référente", Role.REFERENT, None, programmes=(FORUM,)),
            PASSWORD,
        )
        self.desk = accounts.sign_in("marie", PASSWORD)
        self.referent = accounts.sign_in("ines", PASSWORD)
        self.desk_db = connected_as(self.desk)
        self.referent_db = connected_as(self.referent)


@pytest.fixture
def people(database, database_actor, connected_as) -> People:
    return People(database, database_actor, connected_as)


def _preferences(tmp_path, name: str, centre: str = "") -> Preferences:
    prefs = Preferences(QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat))
    prefs.workstation_centre = centre
    prefs.discreet_mode = False  # a back-office desk: the day's list in full
    return prefs


def _window(qtbot, db, actor: Actor, prefs: Preferences) -> MainWindow:
    services = Services(db, actor)
    window = MainWindow(db.describe(), prefs, build_areas(services, prefs), actor=actor)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    start_referral_watch(services, window, prefs)
    return window


def _idle(qtbot, window: MainWindow) -> None:
    def idle() -> bool:
        built = window.areas.built_areas().values()
        watch = window.referral_watch
        return not any(getattr(a, "is_busy", False) for a in built) and not (watch and watch.busy)

    qtbot.waitUntil(idle, timeout=10_000)


def _focus(qtbot, window: MainWindow) -> QWidget:
    """Where the keyboard of ``window``'s person goes: the focus of the dialog open over the
    window, if any, else the window's (the window brought to the front first: two people
    work side by side here, each at their own window)."""
    if not window.isActiveWindow() and QApplication.activeModalWidget() is None:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    dialog = QApplication.activeModalWidget()
    owner = dialog.parentWidget() if dialog is not None else None
    if dialog is not None and owner is not None and owner.window() is window:
        return dialog.focusWidget() or dialog
    return window.focusWidget() or window


def press(qtbot, window, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(_focus(qtbot, window), key, modifiers)


def type_in(qtbot, typist, window, text: str) -> None:
    typist(_focus(qtbot, window), text)  # accents included


def _desk_accepts_forum_with_details(qtbot, typist, desk: MainWindow) -> ReferralDetailsDialog:
    """Léa at the desk: her record, Forum Citoyen found (Ctrl+K) and ticked (Espace), the
    details asked and typed, the visit saved (Ctrl+Entrée) — keys only."""
    reception = desk.reception_area()
    assert reception is not None
    ui = reception.ui
    reception.focus_search()
    type_in(qtbot, typist, desk, "martin")
    qtbot.waitUntil(lambda: reception._results.rowCount() == 1)
    press(qtbot, desk, Qt.Key.Key_Down)
    press(qtbot, desk, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: reception._visitor is not None and not reception.is_busy)
    press(qtbot, desk, Qt.Key.Key_K, CTRL)  # another programme of the catalogue
    type_in(qtbot, typist, desk, "forum citoyen")
    press(qtbot, desk, Qt.Key.Key_Return)  # to the list, as filtered
    assert desk.focusWidget() is ui.suggestionsView
    row = next(
        r
        for r in range(reception._suggestions.rowCount())
        if reception._suggestions.suggestion(r).entry.id == FORUM
    )
    ui.suggestionsView.selectRow(row)
    press(qtbot, desk, Qt.Key.Key_Space)  # ticked: the details are asked
    qtbot.waitUntil(lambda: reception.referral_details.dialog is not None)
    dialog = reception.referral_details.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    assert dialog.focusWidget() is dialog.ui.consentCheck
    assert not dialog.ui.phoneEdit.isEnabled()  # nothing without the person's agreement
    press(qtbot, desk, Qt.Key.Key_Space)  # she agrees
    assert dialog.ui.phoneEdit.isEnabled()
    press(qtbot, desk, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.ui.preferenceCombo
    press(qtbot, desk, Qt.Key.Key_Down)  # « téléphone »
    assert dialog.ui.preferenceCombo.currentData() == "telephone"
    press(qtbot, desk, Qt.Key.Key_Tab)
    type_in(qtbot, typist, desk, "0612345678")
    press(qtbot, desk, Qt.Key.Key_Tab)  # no e-mail
    press(qtbot, desk, Qt.Key.Key_Tab)
    type_in(qtbot, typist, desk, "le matin, sauf le mercredi")
    press(qtbot, desk, Qt.Key.Key_Tab)
    type_in(qtbot, typist, desk, "Rappeler plutôt le matin.")
    press(qtbot, desk, Qt.Key.Key_Return)  # kept
    qtbot.waitUntil(lambda: not dialog.isVisible())
    details = reception.referral_details
    assert details.contact == ContactInput(
        True, "telephone", "0612345678", None, "le matin, sauf le mercredi"
    )
    assert details.messages == {FORUM: "Rappeler plutôt le matin."}
    ui.suggestionsView.setFocus()
    press(qtbot, desk, Qt.Key.Key_Return, CTRL)  # the visit saved
    qtbot.waitUntil(lambda: not reception.is_busy and reception._today.rowCount() == 1)
    return dialog


def _referent_row(area: ReferentArea, column: int, row: int = 0) -> str:
    model = area.ui.referralsView.model()
    return model.index(row, column).data()


@pytest.fixture
def lea(people) -> None:
    VisitorService(people.desk_db, people.desk).create(
        VisitorInput("Léa", "Martin", 1990, commune="Denain", consent=True)
    )


def test_the_loop_from_the_desk_to_the_referent_and_back_by_keys(
    qtbot, people, lea, tmp_path, database, typist
):
    desk_prefs = _preferences(tmp_path, "accueil", people.centre.name)
    desk_prefs.ask_referral_details = True
    desk = _window(qtbot, people.desk_db, people.desk, desk_prefs)
    referent = _window(qtbot, people.referent_db, people.referent, _preferences(tmp_path, "ref"))
    # The référent's window: no Accueil, no figures, no administration; its Orientations.
    tabs = referent.ui.areaTabs
    assert [AREAS[i] for i in range(len(AREAS)) if tabs.isTabVisible(i)] == [
        "Programmes",
        "Orientations",
    ]
    assert referent.current_area_name() == "Orientations"
    assert referent.reception_area() is None
    area = referent.areas["Orientations"]
    assert isinstance(area, ReferentArea)
    _idle(qtbot, referent)
    assert area.ui.programmesLabel.text() == "Vos programmes : Forum Citoyen"
    assert area.ui.countLabel.text() == "0 orientation"
    assert not referent.discreet_action.isVisible()  # the desk's options are not its own
    keys = {(r.keys, r.what) for r in shortcut_rows(referent, {"Orientations": area})}
    for said in (  # the F1 sheet: every key of its screen
        ("F5", "lire à nouveau les orientations reçues"),
        ("Alt+E", "« Acceptée »"),
        ("Alt+U", "« Refusée… »"),
    ):
        assert said in keys, (said, keys)

    _idle(qtbot, desk)
    _desk_accepts_forum_with_details(qtbot, typist, desk)

    # The référent reads it « à traiter » (first), with what it needs to reach Léa.
    area.ui.referralsView.setFocus()
    press(qtbot, referent, Qt.Key.Key_F5)  # its list read again (the watch does it too)
    qtbot.waitUntil(lambda: area.ui.countLabel.text() == "1 orientation, 1 à traiter")
    assert (_referent_row(area, 2), _referent_row(area, 3), _referent_row(area, 5)) == (
        "Léa",
        "Forum Citoyen",
        "proposée",
    )
    detail = area.ui.detailLabel.text()
    for said in (
        "Léa — orientée le",
        f"par {people.centre.name}",
        "contact préféré : téléphone",
        "téléphone : 06 12 34 56 78",
        "disponibilités : le matin, sauf le mercredi",
        "Message de l’accueil : « Rappeler plutôt le matin. »",
    ):
        assert said in detail, said
    assert "Martin" not in detail  # only her first name
    reference = _referent_row(area, 1)
    assert len(reference) == 9 and reference[4] == "-"
    area.ui.referralsView.setFocus()
    press(qtbot, referent, Qt.Key.Key_E, ALT)  # « Acc&eptée »
    qtbot.waitUntil(lambda: _referent_row(area, 5) == "acceptée")
    _idle(qtbot, referent)
    today = datetime.now(UTC).astimezone().strftime("%d/%m/%Y")
    assert _referent_row(area, 6) == today
    with database.server.read() as session:
        (referral,) = session.scalars(select(Referral))
        assert (referral.status, referral.handled_by) == ("acceptee", "ines")
        assert session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "orientation-repondue")
        ).all() == ["orientation-repondue"]

    # The desk: the answer in the day's list (after its refresh) and in Orientations.
    reception = desk.reception_area()
    assert reception is not None
    reception.refresh_today()
    qtbot.waitUntil(lambda: "acceptée" in (reception._today.index(0, 4).data() or ""))
    assert reception._today.index(0, 4).data() == "Forum Citoyen : acceptée"
    tip = reception._today.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Forum Citoyen — acceptée le {today} — réf. {reference}"
    press(qtbot, desk, Qt.Key.Key_3, CTRL)  # Orientations
    orientations = desk.areas["Orientations"]
    assert isinstance(orientations, OrientationsArea)
    _idle(qtbot, desk)
    model = orientations.ui.referralsView.model()
    assert [model.index(0, c).data() for c in (2, 5, 6, 7)] == [
        "Forum Citoyen",
        "acceptée",
        today,
        reference,
    ]


def test_a_refusal_with_its_reason_by_keys_reaches_the_desk(
    qtbot, people, lea, tmp_path, monkeypatch, typist
):
    desk_prefs = _preferences(tmp_path, "accueil", people.centre.name)
    desk_prefs.ask_referral_details = True
    desk = _window(qtbot, people.desk_db, people.desk, desk_prefs)
    referent = _window(qtbot, people.referent_db, people.referent, _preferences(tmp_path, "ref"))
    _idle(qtbot, desk)
    _idle(qtbot, referent)
    _desk_accepts_forum_with_details(qtbot, typist, desk)
    area = referent.areas["Orientations"]
    area.ui.referralsView.setFocus()
    press(qtbot, referent, Qt.Key.Key_F5)  # its list read again (the watch does it too)
    qtbot.waitUntil(lambda: area.ui.countLabel.text() == "1 orientation, 1 à traiter")

    def answer(dialog: RefusalDialog) -> int:
        dialog.show()
        combo = dialog.reason_combo
        assert dialog.focusWidget() is combo
        while combo.currentData() != "session-complete":
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.keyClick(combo, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.note_edit, "Prochaine session en mars")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(RefusalDialog, "exec", answer)
    area.ui.referralsView.setFocus()
    press(qtbot, referent, Qt.Key.Key_U, ALT)  # « Ref&usée… »
    qtbot.waitUntil(lambda: _referent_row(area, 5) == "refusée (session complète)")
    _idle(qtbot, referent)
    assert "Commentaire : Prochaine session en mars" in area.ui.detailLabel.text()
    reception = desk.reception_area()
    reception.refresh_today()
    qtbot.waitUntil(
        lambda: reception._today.index(0, 4).data() == "Forum Citoyen : refusée (session complète)"
    )


def test_ten_days_without_an_answer_show_to_remind_in_both_windows(
    qtbot, people, tmp_path, owner_database, monkeypatch
):
    visits = Services(people.desk_db, people.desk).visits
    visits.log_visit(
        VisitInput(
            people.centre.id,
            "sur-place",
            datetime.now(UTC),
            ("numerique",),
            visitor=VisitorInput("Léa", "Martin", 1990, commune="Denain"),
            programmes=(FORUM, "cites-lab"),
            contact=ContactInput(True, "courriel", None, "lea.martin@exemple.fr"),
            messages={FORUM: "Préfère un premier contact par courriel."},
        )
    )
    # Eleven days later (the clock of the rows moved back, as IT would find them).
    then = datetime.now(UTC).replace(microsecond=0) - timedelta(days=11)
    with owner_database.write() as session:
        session.execute(
            text("UPDATE referral SET created_at = :t"),
            {"t": then.replace(tzinfo=None) if owner_database.is_sqlite else then},
        )
    desk = _window(
        qtbot,
        people.desk_db,
        people.desk,
        _preferences(tmp_path, "accueil", people.centre.name),
    )
    referent = _window(qtbot, people.referent_db, people.referent, _preferences(tmp_path, "ref"))
    orientations_tab = AREAS.index("Orientations")
    # The count on the tab, in both windows (the desk: both of its referrals; the référent:
    # the one addressed to Forum Citoyen).
    qtbot.waitUntil(
        lambda: desk.ui.areaTabs.tabText(orientations_tab) == "Orientations (2 à relancer)"
    )
    qtbot.waitUntil(
        lambda: referent.ui.areaTabs.tabText(orientations_tab) == "Orientations (1 à relancer)"
    )
    _idle(qtbot, referent)
    area = referent.areas["Orientations"]
    assert _referent_row(area, 5) == "à relancer"
    assert "À relancer : sans réponse depuis 11 jours." in area.ui.detailLabel.text()
    assert area.ui.countLabel.text() == "1 orientation, 1 à traiter, dont 1 à relancer"

    # The desk's Orientations: « à relancer » as a status and as a filter; the reminder.
    desk.show_area(orientations_tab)
    orientations = desk.areas["Orientations"]
    _idle(qtbot, desk)
    ui = orientations.ui
    ui.statusFilter.setCurrentIndex(ui.statusFilter.findData("a-relancer"))
    _idle(qtbot, desk)
    model = ui.referralsView.model()
    assert sorted(model.index(r, 5).data() for r in range(model.rowCount())) == [
        "à relancer",
        "à relancer",
    ]
    forum = next(r for r in range(model.rowCount()) if model.index(r, 2).data() == "Forum Citoyen")
    ui.referralsView.selectRow(forum)
    assert ui.mailButton.text() == "Relancer le c&ontact"
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    ui.referralsView.setFocus()
    press(qtbot, desk, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: opened != [])
    mail = unquote(QUrl(opened[0]).toString())
    assert "Relance : orientation vers Forum Citoyen (" in mail
    for said in (
        "Nous n’avons pas encore de nouvelles",
        "Référence de l’orientation : ",
        "Préférence de contact : courriel",
        "Courriel : lea.martin@exemple.fr",
        "Message de l’accueil : Préfère un premier contact par courriel.",
    ):
        assert said in mail, said

    # Answered: the count goes on the référent's tab (it reads again after an answer).
    area.ui.referralsView.setFocus()
    press(qtbot, referent, Qt.Key.Key_I, ALT)  # « Contact pr&is »
    qtbot.waitUntil(lambda: referent.ui.areaTabs.tabText(orientations_tab) == "Orientations")


def test_a_new_referral_is_announced_to_the_signed_in_referent(
    qtbot, people, tmp_path, monkeypatch
):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda _tray, title, body, *_a: shown.append((title, body))
    )
    visits = Services(people.desk_db, people.desk).visits

    def refer(first_name: str, programmes=(FORUM,)) -> None:
        visits.log_visit(
            VisitInput(
                people.centre.id,
                "sur-place",
                datetime.now(UTC),
                visitor=VisitorInput(first_name, "Martin", 1990),
                programmes=programmes,
            )
        )

    refer("Léa")  # before the référent signs in: on its screen, not announced
    referent = _window(qtbot, people.referent_db, people.referent, _preferences(tmp_path, "ref"))
    _idle(qtbot, referent)
    watch = referent.referral_watch
    assert watch is not None and watch.timer.interval() == 90_000
    area = referent.areas["Orientations"]
    assert area.ui.countLabel.text() == "1 orientation, 1 à traiter"
    refer("Noé")
    refer("Zoé", ("cites-lab",))  # another programme's: not for this référent
    watch.poll()  # what the timer does every minute and a half
    qtbot.waitUntil(lambda: shown != [])
    assert shown == [
        ("Nouvelle orientation", f"Noé, orientée vers Forum Citoyen par {people.centre.name}.")
    ]
    qtbot.waitUntil(lambda: area.ui.countLabel.text() == "2 orientations, 2 à traiter")
    watch.poll()  # seen already: not announced again
    _idle(qtbot, referent)
    assert len(shown) == 1
    # No tray (offscreen, or a desktop without one): the status bar says it.
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: False))
    refer("Inaya")
    watch.poll()
    qtbot.waitUntil(lambda: "Inaya" in referent.ui.statusBar.currentMessage())
    assert len(shown) == 1


@pytest.fixture
def reception(qtbot, catalogue_service, preferences):
    from acsrv_desktop.gui.reception.area import ReceptionArea

    preferences.workstation_centre = CentreService(catalogue_service.db).centres()[0].name
    area = ReceptionArea(Services(catalogue_service.db, catalogue_service.actor), preferences)
    qtbot.addWidget(area)
    area.resize(1366, 728)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    qtbot.waitUntil(lambda: not area.is_busy)
    return area


def _first_suggestion(qtbot, reception) -> str:
    """An anonymous person with a need: the suggestions listed, the first one selected."""
    reception.ui.anonymousCheck.setChecked(True)
    reception._need_buttons[0].setChecked(True)
    reception.refresh_suggestions()
    qtbot.waitUntil(lambda: reception._suggestions.rowCount() > 0 and not reception.is_busy)
    reception.focus_suggestions()
    return reception._suggestions.suggestion(0).entry.id


def test_the_details_are_checked_in_the_dialog_and_escape_goes_on_without(
    qtbot, reception, preferences, typist, catalogue_service
):
    preferences.ask_referral_details = True
    programme = _first_suggestion(qtbot, reception)
    view = reception.ui.suggestionsView
    qtbot.keyClick(view, Qt.Key.Key_Space)
    dialog = reception.referral_details.dialog
    assert dialog is not None and dialog.isVisible()
    ui = dialog.ui
    qtbot.keyClick(ui.consentCheck, Qt.Key.Key_Space)
    ui.preferenceCombo.setFocus()
    while ui.preferenceCombo.currentData() != "courriel":
        qtbot.keyClick(ui.preferenceCombo, Qt.Key.Key_Down)
    typist(ui.phoneEdit, "12 34")
    qtbot.keyClick(ui.phoneEdit, Qt.Key.Key_Return)  # refused in French, the dialog stays
    assert dialog.isVisible()
    assert "Téléphone : 10 chiffres" in ui.errorLabel.text()
    assert "Courriel : à indiquer, la personne préfère un courriel" in ui.errorLabel.text()
    assert dialog.focusWidget() is ui.phoneEdit
    qtbot.keyClick(ui.phoneEdit, Qt.Key.Key_Escape)  # « Sans coordonnées »
    qtbot.waitUntil(lambda: not dialog.isVisible())
    details = reception.referral_details
    assert details.contact is None and details.messages == {}
    assert reception._suggestions.accepted == {programme}  # the referral itself stays
    data = reception.visit_input(1)
    assert (data.programmes, data.contact, data.messages) == ((programme,), None, {})


def test_without_the_question_at_each_referral_ctrl_shift_o_asks_it(
    qtbot, reception, preferences, typist
):
    assert not preferences.ask_referral_details  # a desk that asks otherwise
    programme = _first_suggestion(qtbot, reception)
    view = reception.ui.suggestionsView
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert reception.referral_details.dialog is None
    qtbot.keyClick(view, Qt.Key.Key_O, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = reception.referral_details.dialog
    assert dialog is not None
    qtbot.keyClick(dialog.ui.consentCheck, Qt.Key.Key_Space)
    typist(dialog.ui.messageEdit, "Bonjour, elle passera jeudi.")
    qtbot.keyClick(dialog.ui.messageEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    data = reception.visit_input(1)
    assert data.contact == ContactInput(True, None, None, None, None)
    assert data.messages == {programme: "Bonjour, elle passera jeudi."}
    qtbot.keyClick(view, Qt.Key.Key_Space)  # un-ticked: its message goes
    assert reception.visit_input(1).messages == {}
    reception.clear_form()  # the next person starts with nothing
    assert reception.referral_details.contact is None


def test_the_details_typed_stay_with_the_draft(qtbot, reception, preferences):
    """A form kept for the next person at the desk (a change of user, a crash): the details
    the person agreed to give come back with it; a cleared form has none."""
    programme = _first_suggestion(qtbot, reception)
    qtbot.keyClick(reception.ui.suggestionsView, Qt.Key.Key_Space)
    details = reception.referral_details
    details.contact = ContactInput(True, "accueil", None, None, "le jeudi")
    details.messages = {programme: "Passera jeudi."}
    draft = reception.form_draft()
    assert draft is not None and draft["contact"]["availability"] == "le jeudi"
    reception.clear_form()
    assert details.contact is None and reception.form_draft() is None
    reception.restore_draft(draft)
    assert details.contact == ContactInput(True, "accueil", None, None, "le jeudi")
    data = reception.visit_input(1)
    assert (data.programmes, data.messages) == ((programme,), {programme: "Passera jeudi."})


def test_a_referent_taking_over_a_desk_gets_its_own_screen(qtbot, people, tmp_path):
    """« Changer d’utilisateur » from a desk to a référent: the Accueil and its form go (the
    draft is not the référent's to keep), its Orientations come, the watch is its own."""
    from acsrv_desktop.gui.application import start_session

    prefs = _preferences(tmp_path, "poste", people.centre.name)
    desk = _window(qtbot, people.desk_db, people.desk, prefs)
    _idle(qtbot, desk)
    before = desk.referral_watch
    reception = desk.reception_area()
    reception.ui.anonymousCheck.setChecked(True)
    start_session(people.referent_db, prefs, desk, people.referent, reception.form_draft())
    assert desk.reception_area() is None
    assert desk.current_area_name() == "Orientations"  # the Accueil's tab was on screen
    assert isinstance(desk.areas["Orientations"], ReferentArea)
    assert desk.referral_watch is not before and desk.referral_watch.referent
    _idle(qtbot, desk)
