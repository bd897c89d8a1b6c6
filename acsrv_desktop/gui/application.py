"""Start-up of the GUI: display check, QApplication, database, main window."""

from __future__ import annotations

import logging
import os
import sys
import time

from acsrv_desktop import APP_DISPLAY_NAME, APP_NAME, ORGANISATION_NAME, __version__
from acsrv_desktop.core.bootstrap import open_database
from acsrv_desktop.core.errors import DatabaseOpenError
from acsrv_desktop.logging_setup import configure_logging
from acsrv_desktop.paths import shipped_file

log = logging.getLogger(__name__)

NO_DISPLAY_MESSAGE = (
    "acsrv-desktop : aucun écran disponible (ni DISPLAY ni WAYLAND_DISPLAY). Pour démarrer "
    "sans écran (tests, mesures) : QT_QPA_PLATFORM=offscreen acsrv-desktop --quit-when-idle"
)


def display_available(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt can open a window here (otherwise it would abort the process)."""
    environ = dict(os.environ) if environ is None else environ
    platform = sys.platform if platform is None else platform
    if environ.get("QT_QPA_PLATFORM"):
        return True  # an explicit platform (offscreen, xcb, wayland...) is the user's choice
    if platform in ("win32", "darwin"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def application_icon():  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QIcon

    try:
        return QIcon(str(shipped_file("resources", "icons", "acsrv.svg")))
    except FileNotFoundError:
        log.warning("icône de l'application introuvable")
        return QIcon()


def _make_application():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANISATION_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    app.setWindowIcon(application_icon())
    # Qt's own dialogs (buttons "Annuler", "Oui"...) in French.
    translator = QTranslator(app)
    if translator.load(
        QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
    return app


def build_areas(db):  # type: ignore[no-untyped-def]
    """The widgets of the main window's areas, on the services of ``db``."""
    from acsrv_desktop.core.catalogue.service import CatalogueService
    from acsrv_desktop.gui.programmes.area import ProgrammesArea

    catalogue = CatalogueService(db)
    return {"Programmes": ProgrammesArea(catalogue)}


def run_gui(database_url: str, *, quit_when_idle: bool = False) -> int:
    started = time.perf_counter()
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    log_file = configure_logging()
    app = _make_application()

    from PySide6.QtCore import QTimer

    from acsrv_desktop.gui.errors import UnexpectedErrorReporter, show_error
    from acsrv_desktop.gui.main_window import MainWindow
    from acsrv_desktop.gui.preferences import Preferences

    try:
        opened = open_database(database_url)
    except DatabaseOpenError as exc:
        log.error("ouverture de la base impossible : %s", exc)
        print(f"acsrv-desktop : {exc}", file=sys.stderr)
        if not quit_when_idle:
            show_error(None, "Base de données indisponible", str(exc))
        return 1
    log.info("démarrage %s — %s", __version__, opened.upgrade.describe())
    window = MainWindow(opened.db.describe(), Preferences(), build_areas(opened.db))
    window.show()
    # From here on, an unexpected error is shown in a French dialog and the app keeps running.
    UnexpectedErrorReporter(log_file, app).install()
    if quit_when_idle:

        def report_and_quit() -> None:
            elapsed_ms = (time.perf_counter() - started) * 1000
            print(f"Fenêtre principale affichée, application au repos ({elapsed_ms:.0f} ms).")
            app.quit()

        # A zero timer fires once the events queued by show() have been processed.
        QTimer.singleShot(0, report_and_quit)
    try:
        return app.exec()
    finally:
        opened.db.dispose()
