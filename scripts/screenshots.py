"""Render the application's windows to PNG files (offscreen), for the README and for review.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [FOLDER]

Uses a throw-away database and preferences; the user's own are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = Path(tempfile.mkdtemp(prefix="acsrv-captures-"))
for _var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
    os.environ[_var] = str(_TMP / _var.lower())

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from acsrv_desktop.core.accounts.roles import Actor  # noqa: E402
from acsrv_desktop.core.bootstrap import open_database  # noqa: E402
from acsrv_desktop.core.services import Services  # noqa: E402
from acsrv_desktop.gui.application import _make_application, build_areas  # noqa: E402
from acsrv_desktop.gui.main_window import MainWindow  # noqa: E402
from acsrv_desktop.gui.preferences import Preferences  # noqa: E402
from acsrv_desktop.gui.theme import dark_palette, install_readable_placeholders  # noqa: E402

ADMIN = Actor.system("captures")
PASSWORD = "Accueil-Denain-2026"


def _wait_idle(widget) -> None:  # type: ignore[no-untyped-def]
    """Until the answers the widget and its children wait for (read in the background) are in."""
    from PySide6.QtWidgets import QWidget

    waiting = [
        w
        for w in [widget, *widget.findChildren(QWidget)]
        if isinstance(getattr(type(w), "is_busy", None), property)
    ]
    deadline = time.monotonic() + 5
    QApplication.processEvents()
    while any(w.is_busy for w in waiting) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)


def _grab(widget, folder: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """Once the answers the window waits for (read in the background) are in, and laid out."""
    _wait_idle(widget)
    for _ in range(3):
        QApplication.processEvents()
    target = folder / f"{name}.png"
    widget.grab().save(str(target))
    print(target)


def _sign_in_screens(db, prefs, folder: Path):  # type: ignore[no-untyped-def]
    """The set-up wizard (both pages), the sign-in dialog with a refusal; returns the actor."""
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.gui.accounts.sign_in import SetupWizard, SignInDialog

    accounts = AccountService(db)
    wizard = SetupWizard(accounts, CentreService(db), prefs)
    wizard.show()
    wizard.centre_page.centre_combo.setCurrentText("Siège de l’ACSRV")
    _grab(wizard, folder, "mise-en-route-centre")
    wizard.next()
    page = wizard.administrator_page
    page.name_edit.setText("Claire Direction")
    page.login_edit.setText("claire.direction")
    page.password_edit.setText("motdepasse")
    page.confirm_edit.setText("motdepasse")
    page.validatePage()
    _grab(wizard, folder, "mise-en-route-compte")
    wizard.close()
    accounts.create_first_administrator("claire.direction", "Claire Direction", PASSWORD, None)
    dialog = SignInDialog(accounts)
    dialog.show()
    dialog.login_edit.setText("claire.direction")
    dialog.password_edit.setText("pas le bon")
    dialog.try_sign_in()
    _grab(dialog, folder, "connexion")
    dialog.close()
    return accounts.sign_in("claire.direction", PASSWORD)


def _sample_visits(db) -> None:  # type: ignore[no-untyped-def]
    """A few visits of the day, so that lists are not empty in the pictures."""
    from datetime import UTC, datetime, timedelta

    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService

    centre = CentreService(db).by_name("Siège de l’ACSRV")
    visits, now = VisitService(db, ADMIN), datetime.now(UTC)
    visits.log_visit(
        VisitInput(
            centre.id,
            "sur-place",
            now - timedelta(minutes=50),
            ("creer-une-entreprise",),
            visitor=VisitorInput("Amina", "Benali", 1980, None, "femme", "Anzin", ("qpv",), True),
            programmes=("cites-lab",),
        )
    )
    visits.log_visit(
        VisitInput(
            centre.id, "telephone", now - timedelta(minutes=20), ("famille--garde-denfants",)
        )
    )
    visits.log_visit(
        VisitInput(
            centre.id,
            "sur-place",
            now - timedelta(minutes=5),
            ("trouver-un-emploi",),
            visitor=VisitorInput(
                "Kevin", "Dupont", 1978, None, "homme", "Denain", ("chomage-longue-duree",), True
            ),
            programmes=("territoire-zero-chomeur", "forum-citoyen"),
        )
    )


def _person_and_lock_screens(db, actor, window, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from acsrv_desktop.core.reception.visitors import VisitorService
    from acsrv_desktop.gui.accounts.lock import IdleLock
    from acsrv_desktop.gui.reception.person_data import PersonDataDialog

    window.show_area(0)
    kevin = VisitorService(db, actor).lookup("dupont kev")[0]
    services = Services(db, actor)
    dialog = PersonDataDialog(services, kevin.id, window)  # read in the background
    dialog.show()
    _grab(dialog, folder, "donnees-personne")
    dialog.close()
    lock = IdleLock(services.accounts, lambda: 5, window, switch_user=lambda _d: None)
    lock.lock()
    _grab(window, folder, "verrouillage-fenetre")
    lock.dialog.password_edit.setText("pas le bon")
    lock.dialog.try_unlock()
    _grab(lock.dialog, folder, "verrouillage")
    from acsrv_desktop.gui.main_window import quit_question

    question = quit_question(lock.dialog)  # « Quitter l’application » with a visit typed
    question.show()
    _grab(question, folder, "quitter-question")
    question.close()
    lock.end()


def _area_captures(window, db, folder: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """Every area of the main window, with something in it; ``suffix`` names the theme."""

    def capture(name: str) -> None:
        _grab(window, folder, name + suffix)

    window.show_area(0)
    reception = window.areas["Accueil"]
    reception.clear_form()
    reception._panels.show_suggestions()
    ui = reception.ui
    ui.visitorSearchEdit.setText("Élodie Lefèvre")
    reception.start_new_visitor()
    ui.birthYearEdit.setText("2006")
    ui.genderCombo.setCurrentIndex(1)
    ui.communeEdit.setText("Denain")
    ui.situation_ni_emploi_ni_formation.setChecked(True)
    ui.consentCheck.setChecked(True)
    reception._need_buttons[0].setChecked(True)
    reception.refresh_suggestions()
    _wait_idle(reception)  # the suggestions are computed in the background
    reception._suggestions.toggle(0)
    capture("fenetre-principale")
    reception._panels.show_today()
    capture("accueil-passages-du-jour")
    programmes = window.areas["Programmes"]
    window.show_area(1)
    programmes.ui.searchEdit.setText("cites lab")
    capture("programmes-recherche")
    programmes.ui.searchEdit.setText("emploi")
    capture("programmes-emploi")
    window.show_area(2)
    capture("orientations")
    from acsrv_desktop.core.attendance.figures import compute

    attendance = window.areas["Fréquentation"]
    window.ui.areaTabs.setCurrentIndex(3)
    attendance._show(compute(db, ADMIN, attendance.period(), None))
    capture("frequentation")
    combo = attendance.ui.tableCombo
    combo.setCurrentIndex(combo.findData("orientations_suivi"))  # the loop's figures
    capture("frequentation-suivi-orientations")
    size = window.size()
    window.resize(1280, 680)  # the smaller laptops' screen
    capture("frequentation-suivi-orientations-1280")
    window.resize(size)
    history = attendance.show_history()
    _grab(history, folder, "historique-passages" + suffix)
    history.close()
    window.show_area(4)
    capture("administration")
    administration = window.areas["Administration"]
    for panel, name in (
        (administration.accounts, "comptes"),
        (administration.settings, "conservation-securite"),
        (administration.audit, "journal-audit"),
    ):
        administration.ui.sections.setCurrentWidget(panel)
        capture(name)
    administration.ui.sections.setCurrentIndex(0)


def _loop_captures(db, admin, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: the desk's referral details dialog (empty, then filled), the desk's day and
    Orientations with the answers, and the référent's own Orientations — each window at
    1366×728 (a 1366×768 laptop without its taskbar) and at 1280×680."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import text

    from acsrv_desktop.core.accounts.roles import Role
    from acsrv_desktop.core.accounts.service import AccountInput, AccountService
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.core.reception.contact_details import ContactInput
    from acsrv_desktop.core.reception.profile import VisitorInput
    from acsrv_desktop.core.reception.referrals import ReferralFilter
    from acsrv_desktop.core.reception.visits import VisitInput, VisitService
    from acsrv_desktop.gui.application import start_referral_watch
    from acsrv_desktop.gui.reception.referral_details import ReferralDetailsDialog

    centre = CentreService(db).by_name("Siège de l’ACSRV")
    accounts = AccountService(db)
    accounts.create(
        admin,
        AccountInput(
            "ines.forum",
            "Inès Forum",
            Role.REFERENT,
            None,
            programmes=("forum-citoyen", "cites-lab"),
        ),
        PASSWORD,
    )
    referent = accounts.sign_in("ines.forum", PASSWORD)
    visits, now = VisitService(db, ADMIN), datetime.now(UTC)
    for first, last, when, contact, message in (
        (
            "Léa",
            "Martin",
            now - timedelta(minutes=2),
            ContactInput(True, "telephone", "06 12 34 56 78", None, "le matin, sauf le mercredi"),
            "Rappeler plutôt le matin : elle travaille l’après-midi.",
        ),
        (
            "Yanis",
            "Haddad",
            now - timedelta(minutes=1),
            ContactInput(True, "courriel", None, "yanis.haddad@exemple.fr", None),
            None,
        ),
    ):
        visits.log_visit(
            VisitInput(
                centre.id,
                "sur-place",
                when,
                (
                    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete",
                ),
                visitor=VisitorInput(first, last, 1990, commune="Denain", consent=True),
                programmes=("forum-citoyen",),
                contact=contact,
                messages={"forum-citoyen": message} if message else {},
            )
        )
    services = Services(db, ADMIN)
    rows = services.referrals.find(ReferralFilter(programme_id="forum-citoyen"))
    kevin = next(r for r in rows if r.visitor.startswith("Kevin"))
    yanis = next(r for r in rows if r.visitor.startswith("Yanis"))
    with db.write() as session:  # Kevin's referral sent 12 days ago: « à relancer »
        session.execute(
            text("UPDATE referral SET created_at = :t WHERE id = :id"),
            {"t": (now - timedelta(days=12)).replace(tzinfo=None), "id": kevin.id},
        )
    Services(db, referent).referent.answer(yanis.id, "acceptee")

    prefs = Preferences(QSettings(str(_TMP / "prefs-boucle.ini"), QSettings.Format.IniFormat))
    prefs.workstation_centre = centre.name
    prefs.discreet_mode = False
    for who in (ADMIN, referent):
        window = MainWindow(
            "Base locale SQLite", prefs, build_areas(Services(db, who), prefs), actor=who
        )
        window.resize(1366, 728)
        window.show()
        watch = start_referral_watch(Services(db, who), window, prefs)
        deadline = time.monotonic() + 5
        while watch.busy and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.01)
        if who is ADMIN:
            reception = window.areas["Accueil"]
            reception._panels.show_today()
            reception.refresh_today()
            dialog = ReferralDetailsDialog("Forum Citoyen", None, "", window)
            dialog.show()
            _grab(dialog, folder, "orientation-coordonnees-vide")
            dialog.close()
            dialog = ReferralDetailsDialog(
                "Forum Citoyen",
                ContactInput(
                    True, "telephone", "06 12 34 56 78", None, "le matin, sauf le mercredi"
                ),
                "Rappeler plutôt le matin : elle travaille l’après-midi.",
                window,
            )
            for width, height in ((1366, 728), (1280, 680)):
                window.resize(width, height)
                dialog.show()
                _grab(dialog, folder, f"orientation-coordonnees-{width}")
                _grab(window, folder, f"accueil-reponses-{width}")
            dialog.close()
            window.show_area(2)
            for width, height in ((1366, 728), (1280, 680)):
                window.resize(width, height)
                _grab(window, folder, f"orientations-reponses-{width}")
        else:
            area = window.areas["Orientations"]
            view = area.ui.referralsView
            for width, height in ((1366, 728), (1280, 680)):
                window.resize(width, height)
                view.selectRow(0)
                _grab(window, folder, f"referent-orientations-{width}")
            lea = next(
                r
                for r in range(view.model().rowCount())
                if view.model().index(r, 2).data() == "Léa"
            )
            view.selectRow(lea)
            _grab(window, folder, "referent-orientations-detail-coordonnees")
        window.close()


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    app = _make_application()
    opened = open_database(f"sqlite:///{_TMP / 'acsrv.sqlite3'}")
    prefs = Preferences(QSettings(str(_TMP / "prefs.ini"), QSettings.Format.IniFormat))
    actor = _sign_in_screens(opened.db, prefs, folder)
    _sample_visits(opened.db)
    window = MainWindow(
        "Base locale SQLite : ~/.local/share/acsrv-desktop/acsrv.sqlite3",
        prefs,
        build_areas(Services(opened.db, actor), prefs),
        actor=actor,
    )
    # Maximised on a 1366×768 screen, the most common reception laptop: 1366×728 without the
    # taskbar (the size the fit tests check).
    window.resize(1366, 728)
    window.show()
    prefs.workstation_centre = "Siège de l’ACSRV"
    _area_captures(window, opened.db, folder, "")
    app.setPalette(dark_palette())  # the same areas in a dark system theme
    install_readable_placeholders(app)
    _area_captures(window, opened.db, folder, "-sombre")
    app.setPalette(app.style().standardPalette())
    install_readable_placeholders(app)
    administration = window.areas["Administration"]
    from acsrv_desktop.gui.administration.accounts import AccountDialog

    account_dialog = AccountDialog(
        administration.accounts._accounts, administration.accounts._centres, None, window
    )
    account_dialog.show()
    _grab(account_dialog, folder, "compte-nouveau")
    account_dialog.close()
    _person_and_lock_screens(opened.db, actor, window, folder)
    window.close()
    _loop_captures(opened.db, actor, folder)

    from acsrv_desktop.gui.administration.dialogs import EntryDialog

    dialog = EntryDialog(window.areas["Administration"]._catalogue, "initiative-emploi-jeunes")
    dialog.show()
    _wait_idle(dialog)  # the entry is read in the background
    dialog.ui.openingHoursEdit.setPlainText("Du lundi au vendredi, 9 h – 12 h et 14 h – 17 h")
    dialog.ui.addressEdit.setText("34 avenue de Condé, 59300 Valenciennes")
    dialog.ui.documentsEdit.setPlainText("Pièce d’identité\nCV, si vous en avez un")
    names = ("fiche-general", "fiche-lieu", "fiche-public", "fiche-thematiques")
    for index, name in enumerate(names):
        dialog.ui.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        target = folder / f"{name}.png"
        dialog.grab().save(str(target))
        print(target)
    dialog.close()
    opened.db.dispose()
    app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/captures"))
