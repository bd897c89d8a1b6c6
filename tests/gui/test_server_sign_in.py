"""A workstation of the federation's server: its address names no login; the sign-in window
opens a connection with the person's own PostgreSQL login, and the whole session works
through it. Driven with the keyboard, and the real program started headless."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.accounts.sign_in import SignInDialog
from acsrv_desktop.gui.application import build_areas
from acsrv_desktop.gui.main_window import MainWindow
from acsrv_desktop.gui.reception.elsewhere import ElsewhereDialog

PASSWORD = "Accueil-Denain-2026"
ENTER = Qt.Key.Key_Return


@pytest.fixture
def database(database_before_any_account: Database) -> Database:
    """The database as IT reaches it, to arrange and check: here each person acts through
    the command line or the sign-in window, with their own login (on the server)."""
    return database_before_any_account


@pytest.fixture
def workstation_url(database_before_any_account: Database) -> str:
    """The server's address as a desk has it: no login in it; ``server init`` has made the
    first administrator, who has made marie's account."""
    database = database_before_any_account
    if database.is_sqlite:
        pytest.skip("the federation's server")
    accounts = AccountService(database)
    admin = accounts.create_first_administrator("direction", "Claire Direction", PASSWORD, None)
    centre = CentreService(database).centres()[0].id
    accounts.create(admin, AccountInput("marie", "Marie", Role.ACCUEIL, centre), PASSWORD)
    return database.url._replace(username=None, password=None).render_as_string(False)


def test_the_sign_in_window_connects_as_the_persons_own_login(qtbot, workstation_url, typist):
    server = Database(workstation_url)
    assert server.needs_personal_login
    dialog = SignInDialog(AccountService(server))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    try:
        typist(dialog.login_edit, "marie")
        qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Tab)
        typist(dialog.password_edit, "Mauvais-Essai-2026")
        qtbot.keyClick(dialog.password_edit, ENTER)
        qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)  # the server's own delay
        assert dialog.message.text() == "Identifiant ou mot de passe incorrect."
        typist(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, ENTER)
        qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)
        assert dialog.result() == SignInDialog.DialogCode.Accepted
        personal, actor = dialog.database, dialog.actor
        assert personal is not None and actor is not None
        assert personal.login == "marie" and actor.role is Role.ACCUEIL
        # The session's services work through that login (its centre, its privileges).
        services = Services(personal, actor)
        visit_id = services.visits.log_visit(
            VisitInput(
                actor.centre_id,
                "sur-place",
                datetime.now(UTC),
                ("numerique",),
                visitor=VisitorInput("Léa", "Martin", 1990),
            )
        )
        assert visit_id > 0
    finally:
        server.dispose()


def _run_app(url: str, tmp_path, **credentials: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        **credentials,
    }
    for name in ("ACSRV_IDENTIFIANT", "ACSRV_MOT_DE_PASSE"):
        if name not in credentials:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "acsrv_desktop", "--db", url, "--quit-when-idle"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.slow
def test_a_desk_starts_on_the_server_with_its_persons_login(workstation_url, tmp_path):
    shown = _run_app(workstation_url, tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Fenêtre de connexion affichée" in shown.stdout
    refused = _run_app(
        workstation_url,
        tmp_path,
        ACSRV_IDENTIFIANT="marie",
        ACSRV_MOT_DE_PASSE="Pas-Le-Bon-2026",
    )
    assert refused.returncode == 1 and "Identifiant ou mot de passe incorrect" in refused.stderr
    started = _run_app(
        workstation_url, tmp_path, ACSRV_IDENTIFIANT="marie", ACSRV_MOT_DE_PASSE=PASSWORD
    )
    assert started.returncode == 0, started.stderr
    assert "Fenêtre principale affichée" in started.stdout


def test_someone_seen_at_another_centre_is_found_and_taken_up_from_the_keyboard(
    qtbot, database, workstation_url, preferences, typist, tmp_path
):
    """Luc's desk (another centre) does not see Marie's visitor; typed in full, Ctrl+Maj+H
    finds her among the people of other centres, Entrée takes her record up here."""
    accounts = AccountService(database)
    admin = accounts.sign_in("direction", PASSWORD)
    centres = [c.id for c in CentreService(database).centres()]
    accounts.create(admin, AccountInput("luc", "Luc", Role.ACCUEIL, centres[1]), PASSWORD)
    server = Database(workstation_url)
    try:
        marie_db, marie = AccountService(server).open_session("marie", PASSWORD)
        Services(marie_db, marie).visits.log_visit(
            VisitInput(
                centres[0],
                "sur-place",
                datetime.now(UTC),
                ("numerique",),
                visitor=VisitorInput("Zoé", "Quintanar", 1988),
            )
        )
        luc_db, luc = AccountService(server).open_session("luc", PASSWORD)
        services = Services(luc_db, luc)
        assert services.visitors.lookup("quintanar") == []  # not seen at Luc's centre
        window = MainWindow(
            luc_db.describe(), preferences, build_areas(services, preferences), actor=luc
        )
        qtbot.addWidget(window)
        window.resize(1366, 728)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        reception = window.reception_area()
        assert reception is not None and reception.ui.elsewhereButton.isVisible()
        reception.start_new_visitor()
        for width, height in ((1366, 728), (1280, 680)):
            window.resize(width, height)
            qtbot.wait(50)
            window.grab().save(str(tmp_path / f"accueil-serveur-{width}.png"))
        typist(reception.ui.firstNameEdit, "Zoe")
        qtbot.keyClick(reception.ui.firstNameEdit, Qt.Key.Key_Tab)
        typist(reception.ui.lastNameEdit, "QUINTANAR")
        # In the Tab order right after the consent (the record's two buttons are off: new).
        reception.ui.consentCheck.setFocus()
        qtbot.keyClick(reception.ui.consentCheck, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is reception.ui.elsewhereButton
        reception.ui.lastNameEdit.setFocus()
        qtbot.keyClick(
            reception.ui.lastNameEdit,
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: reception.findChild(ElsewhereDialog) is not None, timeout=10_000)
        dialog = reception.findChild(ElsewhereDialog)
        assert dialog.model.rowCount() == 1
        assert dialog.model.data(dialog.model.index(0, 0)) == "Zoé Q."
        dialog.grab().save(str(tmp_path / "autres-centres.png"))
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: reception._visitor is not None, timeout=10_000)
        assert reception._visitor.last_name == "Quintanar"
        assert [v.last_name for v in services.visitors.lookup("quintanar")] == ["Quintanar"]
    finally:
        server.dispose()
