"""Start-up of the GUI: display check, QApplication, sign-in, database, main window.

On a database this workstation has already opened and found with accounts (a hint it keeps,
see ``core/bootstrap.py``), the sign-in window is painted first — before SQLAlchemy is even
imported — and the database is opened in the background while the person types. Otherwise
(first start, a database without accounts), the database is opened first, then the set-up
wizard or the sign-in window is shown.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from acsrv_desktop import APP_DISPLAY_NAME, APP_NAME, ORGANISATION_NAME, __version__
from acsrv_desktop.core.errors import DatabaseOpenError, UserFacingError
from acsrv_desktop.core.private_files import private_umask
from acsrv_desktop.logging_setup import configure_logging
from acsrv_desktop.paths import shipped_file

if TYPE_CHECKING:  # Qt and the areas are imported when used: a start imports what it shows
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.bootstrap import OpenedDatabase
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.privacy import PurgeReport
    from acsrv_desktop.core.services import Services
    from acsrv_desktop.gui.accounts.lock import IdleLock
    from acsrv_desktop.gui.accounts.sign_in import SignInDialog
    from acsrv_desktop.gui.administration.area import AdministrationArea
    from acsrv_desktop.gui.attendance.area import AttendanceArea
    from acsrv_desktop.gui.main_window import LazyAreas, MainWindow
    from acsrv_desktop.gui.orientations.area import OrientationsArea
    from acsrv_desktop.gui.orientations.referent import ReferentArea
    from acsrv_desktop.gui.orientations.watch import ReferralWatch
    from acsrv_desktop.gui.preferences import Preferences
    from acsrv_desktop.gui.programmes.area import ProgrammesArea
    from acsrv_desktop.gui.reception.area import ReceptionArea

log = logging.getLogger(__name__)

HEADLESS_HINT = (
    "Pour démarrer sans écran (tests, mesures) : "
    "QT_QPA_PLATFORM=offscreen acsrv-desktop --quit-when-idle"
)
NO_DISPLAY_MESSAGE = (
    "acsrv-desktop : aucun écran disponible (ni DISPLAY ni WAYLAND_DISPLAY). " + HEADLESS_HINT
)


def _x11_display_reachable(display: str) -> bool:
    """Whether an X server answers at DISPLAY (":0", "localhost:10.0", "unix:1")."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    if host in ("", "unix"):
        return os.path.exists(f"/tmp/.X11-unix/X{number}")
    import socket  # a remote X server only

    try:
        with socket.create_connection((host, 6000 + int(number)), timeout=1):
            return True
    except OSError:
        return False


def _wayland_reachable(environ: dict[str, str]) -> bool:
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = name if os.path.isabs(name) else os.path.join(environ.get("XDG_RUNTIME_DIR", ""), name)
    return os.path.exists(path)


def display_problem(
    environ: dict[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why Qt could not open a window here (it would abort the process), or None."""
    environ = dict(os.environ) if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("QT_QPA_PLATFORM") or platform in ("win32", "darwin"):
        return None  # an explicit platform (offscreen, xcb, wayland...) is the user's choice
    display, wayland = environ.get("DISPLAY", ""), environ.get("WAYLAND_DISPLAY", "")
    if not display and not wayland:
        return NO_DISPLAY_MESSAGE
    if wayland and _wayland_reachable(environ):
        return None
    if display and _x11_display_reachable(display):
        import ctypes.util  # X11 only (it runs ldconfig)

        if ctypes.util.find_library("xcb-cursor") is None:
            return (
                "acsrv-desktop : il manque une bibliothèque système pour l'affichage "
                "(libxcb-cursor0). Lancez scripts/start.sh, qui l'installe, ou : "
                "sudo apt-get install libxcb-cursor0"
            )
        return None
    shown = display or wayland
    return f"acsrv-desktop : l'écran « {shown} » ne répond pas. " + HEADLESS_HINT


def display_available(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    return display_problem(environ, platform) is None


def application_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    try:
        return QIcon(str(shipped_file("resources", "icons", "acsrv.svg")))
    except FileNotFoundError:
        log.warning("icône de l'application introuvable")
        return QIcon()


def _make_application() -> QApplication:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.gui.theme import install_readable_placeholders
    from acsrv_desktop.gui.translations import install_french

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)  # not a bare QCoreApplication: this is the GUI
    app.setOrganizationName(ORGANISATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    app.setWindowIcon(application_icon())
    # Qt's own dialogs (buttons "Annuler", "Oui", the file dialog...) in French.
    install_french(app)
    # Placeholders at WCAG AA on input fields (Fusion's own are at 4.0:1).
    install_readable_placeholders(app)
    return app


# (sender area, its signal, receiver area, its method): connected as soon as both areas are
# built, whichever is built first. An area built later reads fresh data anyway.
AREA_LINKS = (
    ("Accueil", "visit_saved", "Orientations", "mark_stale"),
    ("Administration", "catalogue_changed", "Programmes", "refresh"),
    ("Administration", "catalogue_changed", "Accueil", "refresh_suggestions"),
)


def _link_built_area(areas: LazyAreas, name: str) -> None:
    for sender, signal, receiver, method in AREA_LINKS:
        source, target = areas.built(sender), areas.built(receiver)
        if name in (sender, receiver) and source is not None and target is not None:
            act = getattr(target, method)
            getattr(source, signal).connect(lambda *_args, act=act: act())


def build_areas(services: Services, preferences: Preferences) -> LazyAreas:
    """The areas of the main window that the signed-in actor's role may use, each built when
    first shown (a ``LazyAreas``): a start builds the Accueil alone.

    Every area is handed ``services`` (``core.services.Services``, built for the signed-in
    actor at sign-in) and builds no service itself: the services refuse what the role does
    not allow, whatever the GUI shows.
    """
    from acsrv_desktop.core.accounts.roles import Permission
    from acsrv_desktop.gui.main_window import LazyAreas

    actor = services.actor

    def reception() -> ReceptionArea:
        from acsrv_desktop.gui.reception.area import ReceptionArea

        return ReceptionArea(services, preferences)

    def programmes() -> ProgrammesArea:
        from acsrv_desktop.gui.programmes.area import ProgrammesArea

        return ProgrammesArea(services)

    def orientations() -> OrientationsArea:
        from acsrv_desktop.gui.orientations.area import OrientationsArea

        return OrientationsArea(services, preferences)

    def attendance() -> AttendanceArea:
        from acsrv_desktop.gui.attendance.area import AttendanceArea

        return AttendanceArea(services)

    def administration() -> AdministrationArea:
        from acsrv_desktop.gui.administration.area import AdministrationArea

        return AdministrationArea(services)

    def referent() -> ReferentArea:
        from acsrv_desktop.gui.orientations.referent import ReferentArea

        return ReferentArea(services)

    if not actor.can(Permission.LOG_VISITS):
        # A référent de programme: the catalogue, and the referrals addressed to its
        # programmes (its own « Orientations »); no Accueil, no figures, no administration.
        return LazyAreas({"Programmes": programmes, "Orientations": referent})
    factories: dict[str, Callable[[], QWidget]] = {
        "Accueil": reception,
        "Programmes": programmes,
        "Orientations": orientations,
    }
    if actor.can(Permission.FIGURES):
        factories["Fréquentation"] = attendance
    if actor.can(Permission.CATALOGUE):
        factories["Administration"] = administration
    areas = LazyAreas(factories)
    areas.on_built(lambda name, _widget: _link_built_area(areas, name))
    return areas


def _start_daily_backup(db: Database, window: MainWindow) -> None:
    """Today's backup of the local database, then the retention purge, off the GUI thread."""
    from acsrv_desktop import paths
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.backups import daily_backup_if_due
    from acsrv_desktop.core.services import Services
    from acsrv_desktop.gui.tasks import run_in_background

    def done(result: tuple[Path | None, PurgeReport | None]) -> None:
        made, report = result
        if report is None:
            return  # the server's retention is IT's nightly task, not a workstation's
        said = [report.describe()]  # what the retention did, every start
        if made is not None:
            said.insert(0, f"Sauvegarde du jour faite : {made.name}.")
        window.ui.statusBar.showMessage(" ".join(said), 15000)

    def failed(error: BaseException) -> None:
        from acsrv_desktop.core.database import DatabaseDamagedError

        log.error("sauvegarde ou conservation impossible : %s", error)
        if isinstance(error, DatabaseDamagedError):
            _warn_damaged(window, str(error))
            return
        window.ui.statusBar.showMessage(
            "La sauvegarde du jour n’a pas pu être faite (voir le journal)."
        )

    def backup_then_purge() -> tuple[Path | None, PurgeReport | None]:
        if not db.is_sqlite:
            return None, None
        made = daily_backup_if_due(db, paths.backup_dir_path())
        # The application itself acts here, not the person signed in.
        privacy = Services(db, Actor.system("conservation au démarrage")).privacy
        report = privacy.purge()  # retention runs at start-up, after the day's copy
        log.info("%s", report.describe())
        removed = privacy.purge_audit_trail()
        log.info("journal d'audit : %d entrée(s) de plus de 12 mois supprimée(s)", removed)
        return made, report

    run_in_background(backup_then_purge, done, failed)


def _warn_damaged(window: MainWindow, message: str) -> None:
    """The start-up check found the database damaged: said at once, over the window (not
    blocking it: the person may still look things up), and kept in the status bar."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    window.ui.statusBar.showMessage("Base de données endommagée : voir le message.")
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Base de données endommagée",
        message,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("damagedDatabaseWarning")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


AUDIT_WARNING_TITLE = "Journal d’audit altéré"


def show_audit_warning(window: QWidget, text: str) -> None:
    """A warning box over the main window, without waiting for it (tests patch this)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, AUDIT_WARNING_TITLE, text, parent=window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def _start_audit_check(db: Database, window: MainWindow) -> None:
    """The local trail's triggers and chain checked off the GUI thread; a broken one is said
    at once, with where it breaks (the trail is the evidence of who did what)."""
    if not db.is_sqlite:
        return  # the server's privileges and triggers protect its trail
    from acsrv_desktop.core.accounts.audit_chain import INTACT, KEY_ABSENT, ChainReport, verify
    from acsrv_desktop.gui.tasks import run_in_background

    def done(report: ChainReport) -> None:
        if report.state == INTACT and report.notice is None:
            log.info("%s", report.describe())
            return
        log.warning("%s", report.describe())
        if report.ok or report.state == KEY_ABSENT:
            window.ui.statusBar.showMessage(report.describe(), 30000)
            return
        show_audit_warning(
            window,
            f"{report.describe()}\n\nLe fichier de la base a été modifié hors de "
            "l’application. Prévenez la personne chargée de l’administration : le journal "
            "se consulte dans Administration › Journal d’audit, et une sauvegarde antérieure "
            "peut être restaurée.",
        )

    def failed(error: BaseException) -> None:
        log.error("journal d’audit non vérifié : %s", error)
        window.ui.statusBar.showMessage("Le journal d’audit n’a pas pu être vérifié.", 15000)

    run_in_background(lambda: verify(db), done, failed)


def _report_idle(what: str, started: float) -> None:
    """The line ``--quit-when-idle`` prints (tests and bench/bench_startup.py wait for it)."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    print(f"{what}, application au repos ({elapsed_ms:.0f} ms).", flush=True)


HEADLESS_CREDENTIALS = ("ACSRV_IDENTIFIANT", "ACSRV_MOT_DE_PASSE")
HEADLESS_SIGN_IN_NOTE = (
    "acsrv-desktop : cette base a des comptes : pour aller jusqu’à la fenêtre principale sans "
    "écran, donnez ACSRV_IDENTIFIANT et ACSRV_MOT_DE_PASSE dans l’environnement."
)


def _credentials_given() -> bool:
    login, password = (os.environ.get(name) for name in HEADLESS_CREDENTIALS)
    return bool(login) and password is not None


def _show_sign_in_headless(dialog: SignInDialog, started: float) -> None:
    """Started headless without credentials, nobody can type: the sign-in window is shown,
    reported once painted and idle, then closed."""
    from acsrv_desktop.gui.accounts.opening import after_first_paint

    def shown() -> None:
        _report_idle("Fenêtre de connexion affichée", started)
        dialog.reject()

    after_first_paint(dialog, shown)
    dialog.exec()
    print(HEADLESS_SIGN_IN_NOTE, file=sys.stderr)


def signed_in(
    db: Database,
    preferences: Preferences,
    *,
    has_accounts: bool | None = None,
    headless: bool = False,
    started: float | None = None,
) -> tuple[Database, Actor] | None:
    """Where the person works and who they are: the set-up wizard on a database without
    accounts, else the sign-in dialog (on a PostgreSQL server, the database is then a
    connection with their own login); None when cancelled. Started headless
    (``--quit-when-idle``), nobody can type: a database without accounts opens as the
    application itself; one with accounts takes ACSRV_IDENTIFIANT and ACSRV_MOT_DE_PASSE
    from the environment, and without them shows the sign-in window, reports it and returns
    None."""
    from acsrv_desktop.core.accounts.roles import Actor
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.centres import CentreService
    from acsrv_desktop.gui.accounts.sign_in import SetupWizard, SignInDialog

    accounts = AccountService(db)
    if has_accounts is None:
        has_accounts = accounts.has_accounts()
    if headless:
        if not has_accounts:
            return db, Actor.system("démarrage sans écran")
        if not _credentials_given():
            _show_sign_in_headless(SignInDialog(accounts), started or time.perf_counter())
            return None
        login, password = (os.environ.get(name) or "" for name in HEADLESS_CREDENTIALS)
        return accounts.open_session(login, password)
    if not has_accounts:
        wizard = SetupWizard(accounts, CentreService(db), preferences)
        return (db, wizard.actor) if wizard.exec() and wizard.actor is not None else None
    dialog = SignInDialog(accounts)
    try:
        accepted = dialog.exec() and dialog.database is not None and dialog.actor is not None
        return (dialog.database, dialog.actor) if accepted else None  # type: ignore[return-value]
    finally:
        dialog.deleteLater()


def _working_in(opened: OpenedDatabase, personal: Database) -> OpenedDatabase:
    """The opened database, or the person's own connection to that server: the session then
    works through it (the first, opened with the address's login, keeps no connection)."""
    if personal is opened.db:
        return opened
    from acsrv_desktop.core.bootstrap import OpenedDatabase

    opened.db.engine.dispose()
    return OpenedDatabase(personal, opened.upgrade, opened.catalogue)


def start_idle_lock(
    services: Services, window: MainWindow, preferences: Preferences | None = None
) -> IdleLock:
    """The idle lock (minutes read from the shared settings at each check) and the menu
    actions of the session, for its signed-in person (``services``, built for them at
    sign-in); those of a previous session (another person signed in at this desk before) are
    ended and disconnected first. With ``preferences``, « Changer d’utilisateur… » is offered
    (menu and lock dialog)."""
    from PySide6.QtCore import SIGNAL

    from acsrv_desktop.gui.accounts.lock import IdleLock
    from acsrv_desktop.gui.accounts.sign_in import PasswordDialog

    actor = services.actor
    previous = window.idle_lock
    if previous is not None:
        previous.end()
    session_actions = (window.lock_action, window.password_action, window.switch_user_action)
    for action in session_actions:
        if action.receivers(SIGNAL("triggered(bool)")) > 0:  # no warning if none is
            action.triggered.disconnect()

    def quit_from_lock(dialog: QWidget) -> None:
        from PySide6.QtWidgets import QApplication

        if window.confirm_quit(dialog):  # the question shows over the veil, on the dialog
            QApplication.quit()

    def switch(parent: QWidget) -> bool:
        assert preferences is not None  # offered only with them (can_switch)
        return switch_user(services.db, preferences, window, parent)

    def change_password() -> None:
        dialog = PasswordDialog(services.accounts, parent=window)
        dialog.exec()
        dialog.deleteLater()

    can_switch = preferences is not None and actor.account_id is not None
    lock = IdleLock(
        services.accounts,
        services.settings.idle_lock_minutes,
        window,
        quit_application=quit_from_lock,
        switch_user=switch if can_switch else None,
    )
    window.idle_lock = lock
    for action in session_actions:
        action.setEnabled(actor.account_id is not None)
    window.switch_user_action.setEnabled(can_switch)
    if actor.account_id is not None:
        lock.start()
        window.lock_action.triggered.connect(lock.lock)
        # Unlocked at the Accueil: the focus back in the visitor search, for the next person.
        lock.unlocked.connect(lambda: _focus_reception_search(window))
        window.password_action.triggered.connect(change_password)
    if can_switch:
        window.switch_user_action.triggered.connect(lambda: switch(window))
    return lock


def _focus_reception_search(window: MainWindow) -> None:
    if window.current_area_name() == "Accueil":
        reception = window.reception_area()
        if reception is not None:
            reception.focus_search()


def start_session(
    db: Database,
    preferences: Preferences,
    window: MainWindow,
    actor: Actor,
    draft: dict[str, Any] | None = None,
) -> None:
    """What follows the person signed in: their services (``Services``, built once for
    them), the areas their role may use (replacing, and deleting, those of the person
    before), the visit being typed (``draft``), the idle lock and the menu actions."""
    from acsrv_desktop.core.services import Services

    services = Services(db, actor)
    window.install_session(actor, build_areas(services, preferences))
    if draft is not None:
        reception = window.reception_area()
        if reception is not None:  # a référent de programme has no Accueil: no draft kept
            reception.restore_draft(draft)
    start_idle_lock(services, window, preferences)
    start_referral_watch(services, window, preferences)


def start_referral_watch(
    services: Services, window: MainWindow, preferences: Preferences
) -> ReferralWatch:
    """The session's referrals watched (``gui/orientations/watch.py``): the « à relancer »
    count on the Orientations tab, and a référent's notification of a new referral; that of
    the session before is ended first."""
    from acsrv_desktop.gui.orientations.watch import ReferralWatch

    previous = window.referral_watch
    if previous is not None:
        previous.end()
        previous.deleteLater()
    watch = ReferralWatch(services, window, lambda: preferences.workstation_centre or "")
    window.referral_watch = watch
    window.set_area_count("Orientations", 0)
    watch.counted.connect(lambda count: window.set_area_count("Orientations", count))

    def link(name: str, area: QWidget) -> None:
        if name != "Orientations":
            return
        from acsrv_desktop.gui.orientations.referent import ReferentArea  # built by now

        if isinstance(area, ReferentArea):  # its answers change the count
            area.answered.connect(watch.poll)
            watch.arrived.connect(lambda _rows: area.mark_stale())
        elif hasattr(area, "status_changed"):
            area.status_changed.connect(watch.poll)

    window.areas.on_built(link)
    for name, area in window.areas.built_areas().items():
        link(name, area)
    watch.start()
    return watch


def switch_user(
    db: Database, preferences: Preferences, window: MainWindow, parent: QWidget | None = None
) -> bool:
    """Another person takes over the desk (Fichier › Changer d’utilisateur…, or the lock
    dialog) without restarting: they sign in, and what was typed in the Accueil form is kept
    for the visitor standing there. Cancelled, the session goes on as it was."""
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.gui.accounts.sign_in import SignInDialog

    dialog = SignInDialog(AccountService(db), parent or window, switching=True)
    try:
        if not dialog.exec() or dialog.actor is None or dialog.database is None:
            return False
        actor, their_db = dialog.actor, dialog.database
    finally:
        dialog.deleteLater()
    reception = window.reception_area()
    draft = reception.form_draft() if reception is not None else None
    start_session(their_db, preferences, window, actor, draft)
    if their_db is not db and db.login is not None:
        # The previous person's own server connections: nobody works through them now.
        db.dispose()
    log.info("changement d'utilisateur : %s", actor.login)
    return True


def _open_failed(error: UserFacingError, quit_when_idle: bool) -> int:
    from acsrv_desktop.gui.errors import show_error

    log.error("ouverture de la base impossible : %s", error)
    print(f"acsrv-desktop : {error}", file=sys.stderr)
    if not quit_when_idle:
        show_error(None, "Base de données indisponible", str(error))
    return 1


def open_then_sign_in(
    database_url: str, preferences: Preferences, quit_when_idle: bool, started: float
) -> tuple[OpenedDatabase, Actor] | int:
    """The database opened first (a first start: it may be created or migrated), then the
    set-up wizard or the sign-in window; what was found is remembered for the next start."""
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.bootstrap import open_database, remember_accounts

    try:
        opened = open_database(database_url)
    except DatabaseOpenError as exc:
        return _open_failed(exc, quit_when_idle)
    log.info("démarrage %s — %s", __version__, opened.upgrade.describe())
    try:
        has_accounts = AccountService(opened.db).has_accounts()
        remember_accounts(database_url, has_accounts)
        person = signed_in(
            opened.db,
            preferences,
            has_accounts=has_accounts,
            headless=quit_when_idle,
            started=started,
        )
    except UserFacingError as exc:
        print(f"acsrv-desktop : {exc}", file=sys.stderr)
        opened.db.dispose()
        return 1
    if person is None:  # the set-up or the sign-in was cancelled
        opened.db.dispose()
        return 0
    return _working_in(opened, person[0]), person[1]


# How the sign-in window shown while the database opens was closed: accepted and rejected
# (« Quitter ») as QDialog's codes say, or by the start-up itself.
_ACCEPTED, _OPEN_FAILED, _NO_ACCOUNTS, _SHOWN_HEADLESS = 1, 2, 3, 4


def sign_in_while_opening(
    database_url: str, preferences: Preferences, quit_when_idle: bool, started: float
) -> tuple[OpenedDatabase, Actor] | int:
    """The sign-in window at once, the database opened in the background meanwhile (it is
    known to have accounts: every federation database has). If it turns out to have none
    (the hint was stale), the set-up wizard follows, as on a first start."""
    import shiboken6

    from acsrv_desktop.core.bootstrap import remember_accounts
    from acsrv_desktop.gui.accounts.opening import DatabaseOpening, after_first_paint
    from acsrv_desktop.gui.accounts.sign_in import SignInDialog

    dialog = SignInDialog()
    opening = DatabaseOpening(database_url)

    def ready() -> None:
        if not shiboken6.isValid(dialog) or not dialog.isVisible():
            return  # closed meanwhile (« Quitter »): the database is disposed of below
        if opening.error is not None:
            dialog.done(_OPEN_FAILED)
            return
        assert opening.opened is not None and opening.has_accounts is not None
        remember_accounts(database_url, opening.has_accounts)
        if not opening.has_accounts:
            dialog.done(_NO_ACCOUNTS)
        elif quit_when_idle:
            dialog.done(_SHOWN_HEADLESS)
        else:
            from acsrv_desktop.core.accounts.service import AccountService

            dialog.set_accounts(AccountService(opening.opened.db))

    def painted() -> None:
        if quit_when_idle:
            _report_idle("Fenêtre de connexion affichée", started)
        opening.start()

    opening.finished.connect(ready)
    after_first_paint(dialog, painted)
    outcome = dialog.exec()
    actor, personal = dialog.actor, dialog.database
    dialog.deleteLater()
    if outcome == _OPEN_FAILED:
        error = opening.error
        opening.close()  # opened, but its accounts could not be counted
        if isinstance(error, UserFacingError):
            return _open_failed(error, quit_when_idle)
        assert error is not None
        raise error  # a defect, not the database: reported as any crash
    opened = opening.opened
    if outcome == _SHOWN_HEADLESS:
        print(HEADLESS_SIGN_IN_NOTE, file=sys.stderr)
    if opened is None or outcome not in (_ACCEPTED, _NO_ACCOUNTS):
        opening.close()  # « Quitter », maybe before the database was open
        return 0
    log.info("démarrage %s — %s", __version__, opened.upgrade.describe())
    if outcome == _NO_ACCOUNTS:
        try:
            person = signed_in(opened.db, preferences, has_accounts=False, headless=quit_when_idle)
        except UserFacingError as exc:
            print(f"acsrv-desktop : {exc}", file=sys.stderr)
            person = None
        if person is None:
            opening.close()
            return 0
        personal, actor = person
    assert actor is not None and personal is not None
    return _working_in(opened, personal), actor


def sign_in_to_server(
    database_url: str, quit_when_idle: bool, started: float
) -> tuple[OpenedDatabase, Actor] | int:
    """The federation's server, named without a login: nothing is opened before the person
    signs in, and their sign-in is a connection with their own PostgreSQL login (which also
    checks the server's schema). Headless, the login comes from the environment."""
    from acsrv_desktop.core.accounts.service import AccountService
    from acsrv_desktop.core.bootstrap import OpenedDatabase
    from acsrv_desktop.core.database import Database
    from acsrv_desktop.core.schema import UpgradeReport, head_revision
    from acsrv_desktop.gui.accounts.sign_in import SignInDialog

    server = Database(database_url)  # connects to nothing by itself
    accounts = AccountService(server)
    signed_in: tuple[Database, Actor] | None = None
    if quit_when_idle and not _credentials_given():
        _show_sign_in_headless(SignInDialog(accounts), started)
    elif quit_when_idle:
        login, password = (os.environ.get(name) or "" for name in HEADLESS_CREDENTIALS)
        try:
            signed_in = accounts.open_session(login, password)
        except UserFacingError as exc:
            server.dispose()
            return _open_failed(exc, quit_when_idle)
    else:
        dialog = SignInDialog(accounts)
        if dialog.exec() and dialog.database is not None and dialog.actor is not None:
            signed_in = dialog.database, dialog.actor
        dialog.deleteLater()
    if signed_in is None:
        server.dispose()
        return 0
    head = head_revision()
    personal, actor = signed_in
    log.info("démarrage %s — %s, connecté en tant que %s", __version__, server.describe(), actor)
    return OpenedDatabase(personal, UpgradeReport(head, head, None)), actor


def _use_early_sign_in(database_url: str, quit_when_idle: bool) -> bool:
    from acsrv_desktop.core.bootstrap import known_to_have_accounts

    if quit_when_idle and _credentials_given():
        return False  # signed in from the environment: no window to show before the main one
    return known_to_have_accounts(database_url) is True


def _run_session(
    opened: OpenedDatabase,
    actor: Actor,
    preferences: Preferences,
    log_file: Path | None,
    quit_when_idle: bool,
    started: float,
) -> int:
    """The main window for the signed-in ``actor``, until the application quits."""
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.core.services import Services
    from acsrv_desktop.gui.errors import UnexpectedErrorReporter
    from acsrv_desktop.gui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    services = Services(opened.db, actor)  # once per signed-in actor
    window = MainWindow(
        opened.db.describe(), preferences, build_areas(services, preferences), actor=actor
    )
    start_idle_lock(services, window, preferences)
    window.show()
    reception = window.reception_area()
    if not quit_when_idle and reception is not None:  # a form left by a crash is offered back
        QTimer.singleShot(0, reception.offer_saved_draft)
    if not quit_when_idle:  # the referrals watched once the window is on screen
        QTimer.singleShot(0, lambda: start_referral_watch(services, window, preferences))
    # From here on, an unexpected error is shown in a French dialog and the app keeps running.
    UnexpectedErrorReporter(log_file, app).install()
    # What start-up built (modules, Qt wrappers, the ORM's mappings) lives as long as the
    # application: set aside from the collector, a full collection walks only what came
    # after (50 ms -> under 1 ms with the areas built: a hitch no more, see gui/tasks.py).
    QTimer.singleShot(0, gc.freeze)
    # Once the window is on screen: the copy and the retention run in the background, but
    # their Python part shares the interpreter with the window being laid out and painted.
    QTimer.singleShot(0, lambda: _start_daily_backup(opened.db, window))
    QTimer.singleShot(0, lambda: _start_audit_check(opened.db, window))
    if quit_when_idle:

        def report_and_quit() -> None:
            _report_idle("Fenêtre principale affichée", started)
            app.quit()

        # A zero timer fires once the events queued by show() have been processed.
        QTimer.singleShot(0, report_and_quit)
    try:
        return app.exec()
    finally:
        # The day's backup and the retention run in the background: let them end (their
        # results have nowhere to go) before the database is closed.
        QThreadPool.globalInstance().waitForDone()
        # Whoever is signed in now (« Changer d'utilisateur » may have changed it): on the
        # server, every person's own connections go with the server's database.
        opened.db.dispose_server()


def run_gui(database_url: str, *, quit_when_idle: bool = False) -> int:
    with private_umask():  # the log, the database, the draft, the exports: the owner's only
        return _run_gui(database_url, quit_when_idle=quit_when_idle)


def _run_gui(database_url: str, *, quit_when_idle: bool) -> int:
    started = time.perf_counter()
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    log_file = configure_logging()
    _make_application()

    from acsrv_desktop.core.bootstrap import names_no_login, with_ca_file
    from acsrv_desktop.gui.preferences import Preferences

    preferences = Preferences()
    database_url = with_ca_file(database_url, preferences.server_ca_file)
    if names_no_login(database_url):
        start = sign_in_to_server(database_url, quit_when_idle, started)
    elif _use_early_sign_in(database_url, quit_when_idle):
        start = sign_in_while_opening(database_url, preferences, quit_when_idle, started)
    else:
        start = open_then_sign_in(database_url, preferences, quit_when_idle, started)
    if isinstance(start, int):
        return start
    opened, actor = start
    return _run_session(opened, actor, preferences, log_file, quit_when_idle, started)
