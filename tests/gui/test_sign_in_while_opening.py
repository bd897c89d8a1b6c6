"""The sign-in window shown before the database is open, and every password check in the
background: typed with the keys while the database is still opening, a wrong password, a
stale « has accounts » hint, an unlock and a password change that wait — the event loop keeps
running throughout (a timer is watched), on a real SQLite file and on PostgreSQL.

The database and argon2 are real; they are only held back for a moment (a gate in front of
``open_database`` or of the password verification) so that the waits can be seen."""

from __future__ import annotations

import gc
import importlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Role
from acsrv_desktop.core.accounts.service import AccountInput, AccountService
from acsrv_desktop.core.bootstrap import known_to_have_accounts, open_database, remember_accounts
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import AuditEntry
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui import application
from acsrv_desktop.gui.accounts.sign_in import PasswordDialog, SetupWizard, SignInDialog
from acsrv_desktop.gui.main_window import MainWindow

PASSWORD = "Accueil-Denain-2026"
ENTER = Qt.Key.Key_Return


class Gate:
    """Holds every call of a function until ``open()``; ``entered`` once one is waiting."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self._function = function
        self._open = threading.Event()
        self.entered = threading.Event()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.entered.set()
        assert self._open.wait(30), "the gate was never opened"
        return self._function(*args, **kwargs)

    def open(self) -> None:
        self._open.set()


@pytest.fixture
def gates(monkeypatch) -> Iterator[Callable[[str], Gate]]:
    """``gates("package.module:function")`` (or ``:Class.method``) puts a gate in front of
    that function; every gate is opened at the end, so that no worker is left waiting."""
    made: list[Gate] = []

    def put(target: str) -> Gate:
        module, _, attribute = target.partition(":")
        holder: Any = importlib.import_module(module)
        *path, name = attribute.split(".")
        for part in path:
            holder = getattr(holder, part)
        gate = Gate(getattr(holder, name))

        def held(*args: Any, **kwargs: Any) -> Any:  # a function: a method stays a method
            return gate(*args, **kwargs)

        monkeypatch.setattr(holder, name, held)
        made.append(gate)
        return gate

    yield put
    for gate in made:
        gate.open()


@pytest.fixture
def password_check(backend: str) -> Callable[[str], str]:
    """What checks a password, to hold it: argon2 on a local database; on the federation's
    server, the connection with the person's own login (« sign-in ») or the probe that checks
    it again (« again »: unlocking, the current password)."""

    def target(kind: str) -> str:
        if backend == "sqlite":
            return "acsrv_desktop.core.accounts.service:verify_password"
        name = "sign_in" if kind == "sign-in" else "password_is_right"
        return f"acsrv_desktop.core.accounts.server_logins:{name}"

    return target


class Ticker:
    """A 10 ms timer on the GUI thread: the times it fired say whether the loop ran.

    What the test process held before is frozen out of the collector meanwhile, as the
    application freezes its start-up objects: late in a run a full collection of every
    earlier test's leftovers took 1.3 s on a two-core machine, which is not this code's."""

    def __init__(self) -> None:
        gc.collect()
        gc.freeze()
        self.times: list[float] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.times.append(time.perf_counter()))
        self._timer.start()

    def stop(self) -> float:
        """The longest gap between two firings, in ms."""
        self._timer.stop()
        gc.unfreeze()
        gaps = [b - a for a, b in zip(self.times, self.times[1:], strict=False)]
        return max(gaps, default=float("inf")) * 1000


def _wait_while_held(qtbot, condition: Callable[[], bool]) -> None:
    """While something is held: the event loop goes on (≥ 20 Hz) and ``condition`` holds."""
    ticker = Ticker()
    qtbot.waitUntil(lambda: len(ticker.times) >= 20, timeout=5000)
    # Held on the GUI thread, the call would stop the loop until the gate opens (never here):
    # any gap under half a second is a machine's load, not a frozen window.
    assert ticker.stop() < 500, "the event loop stalled while the database was awaited"
    assert condition()


@pytest.fixture
def url_with_accounts(migrated_database_url, tmp_path) -> str:
    """A database of the backend under test with two accounts (SQLite file, PostgreSQL)."""
    opened = open_database(migrated_database_url, backup_folder=tmp_path / "b")
    accounts = AccountService(opened.db)
    admin = accounts.create_first_administrator("direction", "Claire Direction", PASSWORD, None)
    centre = CentreService(opened.db).centres()[0].id
    accounts.create(admin, AccountInput("marie", "Marie Accueil", Role.ACCUEIL, centre), PASSWORD)
    opened.db.dispose()
    return migrated_database_url


def _drive_sign_in(monkeypatch, qtbot, drive: Callable[[SignInDialog], None]) -> list:
    """The start-up's sign-in window, shown and driven by ``drive`` instead of a modal
    ``exec()``; returns the dialogs seen."""
    seen: list[SignInDialog] = []

    def exec_(dialog: SignInDialog) -> int:
        seen.append(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        drive(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
        return dialog.result()

    monkeypatch.setattr(SignInDialog, "exec", exec_)
    return seen


def _actions(db) -> list[tuple[str, str]]:
    """The application's entries, read as the database's owner (on the server no staff
    login reads the trail), without the rows the server's triggers add."""
    reader = db if db.login is None else Database(db.server.url)
    try:
        with reader.read() as session:
            rows = session.execute(
                select(AuditEntry.actor, AuditEntry.action)
                .where(AuditEntry.action.not_like("base-%"))
                .order_by(AuditEntry.id)
            )
            return [tuple(row) for row in rows]
    finally:
        if reader is not db:
            reader.dispose()


def test_the_sign_in_is_typed_while_the_database_is_still_opening(
    qtbot, url_with_accounts, preferences, gates, monkeypatch, typist
):
    remember_accounts(url_with_accounts, True)
    opening = gates("acsrv_desktop.core.bootstrap:open_database")

    def drive(dialog: SignInDialog) -> None:
        qtbot.waitUntil(opening.entered.is_set)  # started once painted, and held there
        typist(dialog.login_edit, "marie")
        qtbot.keyClick(dialog.login_edit, Qt.Key.Key_Tab)
        typist(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, ENTER)  # before the database is open
        assert not dialog.has_accounts and dialog.is_busy
        assert dialog.status.text() == "Ouverture de la base…" and dialog.status.isVisible()
        typist(dialog.password_edit, "x")  # read-only while it waits: nothing is added
        _wait_while_held(
            qtbot,
            lambda: (
                dialog.login_edit.isReadOnly()
                and dialog.password_edit.text() == PASSWORD
                and not dialog.sign_in_button.isEnabled()
                and dialog.isVisible()
            ),
        )
        opening.open()

    seen = _drive_sign_in(monkeypatch, qtbot, drive)
    started = application.sign_in_while_opening(
        url_with_accounts, preferences, False, time.perf_counter()
    )
    assert len(seen) == 1 and not isinstance(started, int)
    opened, actor = started
    try:
        assert (actor.login, actor.role) == ("marie", Role.ACCUEIL)
        assert _actions(opened.db)[-1] == ("marie", "connexion")
    finally:
        opened.db.dispose()
    assert known_to_have_accounts(url_with_accounts) is True


def test_a_wrong_password_is_said_in_french_and_the_login_kept(
    qtbot, url_with_accounts, preferences, gates, monkeypatch, typist, password_check
):
    remember_accounts(url_with_accounts, True)
    argon2 = gates(password_check("sign-in"))

    def drive(dialog: SignInDialog) -> None:
        qtbot.waitUntil(lambda: dialog.has_accounts, timeout=20_000)  # opened meanwhile
        typist(dialog.login_edit, "marie")
        typist(dialog.password_edit, "Mauvais-Essai-2026")
        qtbot.keyClick(dialog.password_edit, ENTER)
        qtbot.waitUntil(argon2.entered.is_set)
        assert dialog.status.text() == "Vérification…"
        _wait_while_held(qtbot, lambda: dialog.is_busy and dialog.password_edit.isReadOnly())
        argon2.open()
        qtbot.waitUntil(lambda: not dialog.is_busy)
        assert dialog.message.text() == "Identifiant ou mot de passe incorrect."
        assert dialog.login_edit.text() == "marie" and dialog.password_edit.text() == ""
        assert not dialog.password_edit.isReadOnly() and not dialog.status.isVisible()
        assert dialog.isVisible()
        typist(dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, ENTER)

    _drive_sign_in(monkeypatch, qtbot, drive)
    started = application.sign_in_while_opening(
        url_with_accounts, preferences, False, time.perf_counter()
    )
    assert not isinstance(started, int)
    opened, actor = started
    try:
        assert actor.login == "marie"
        # A refused sign-in never reaches the server as anyone: its own log has it.
        refused = [("marie", "connexion-refusee")] if opened.db.is_sqlite else []
        assert _actions(opened.db)[-1 - len(refused) :] == [*refused, ("marie", "connexion")]
        assert opened.db.is_sqlite or opened.db.login == "marie"  # her own connection
    finally:
        opened.db.dispose()


def test_a_stale_hint_closes_the_sign_in_and_shows_the_set_up_wizard(
    qtbot, migrated_sqlite_url, preferences, monkeypatch, typist
):
    remember_accounts(migrated_sqlite_url, True)  # no account, in fact
    wizards: list[SetupWizard] = []

    def wizard_exec(wizard: SetupWizard) -> int:
        wizards.append(wizard)
        qtbot.addWidget(wizard)
        return 0  # cancelled

    monkeypatch.setattr(SetupWizard, "exec", wizard_exec)
    seen = _drive_sign_in(monkeypatch, qtbot, lambda d: typist(d.login_edit, "mar"))
    status = application.sign_in_while_opening(
        migrated_sqlite_url, preferences, False, time.perf_counter()
    )
    assert status == 0 and len(seen) == 1 and len(wizards) == 1
    assert seen[0].actor is None  # closed by the start-up, nobody signed in
    assert wizards[0].centre_page.centre_combo.count() > 0  # read from the opened database
    assert known_to_have_accounts(migrated_sqlite_url) is False


def test_a_database_that_cannot_be_opened_is_said_in_french(qtbot, preferences, monkeypatch):
    url = "postgresql+psycopg://accueil@127.0.0.1:1/acsrv_injoignable"  # this test's own
    remember_accounts(url, True)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "acsrv_desktop.gui.errors.show_error",
        lambda _parent, title, text: errors.append((title, text)),
    )
    _drive_sign_in(monkeypatch, qtbot, lambda dialog: None)
    status = application.sign_in_while_opening(url, preferences, False, time.perf_counter())
    assert status == 1
    ((title, text),) = errors
    assert title == "Base de données indisponible"
    assert "Impossible de joindre la base PostgreSQL" in text


@pytest.fixture
def session(qtbot, url_with_accounts, preferences, tmp_path):
    """Marie's main window, her session started as after a sign-in."""
    opened = open_database(url_with_accounts, backup_folder=tmp_path / "b")
    marie = AccountService(opened.db).sign_in("marie", PASSWORD)
    services = Services(opened.db, marie)
    window = MainWindow(
        opened.db.describe(),
        preferences,
        application.build_areas(services, preferences),
        actor=marie,
    )
    qtbot.addWidget(window, before_close_func=lambda w: w.idle_lock.end())
    application.start_idle_lock(services, window, preferences)
    with qtbot.waitExposed(window):
        window.show()
    yield window, opened.db
    opened.db.dispose()


def test_an_unlock_waits_for_the_password_check_without_freezing(
    qtbot, session, gates, typist, password_check
):
    window, db = session
    argon2 = gates(password_check("again"))
    window.lock_action.trigger()  # Fichier › Verrouiller le poste
    lock = window.idle_lock
    dialog = lock.dialog
    qtbot.waitExposed(dialog)
    typist(dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, ENTER)
    qtbot.waitUntil(argon2.entered.is_set)
    assert dialog.status.text() == "Vérification…"
    _wait_while_held(
        qtbot,
        lambda: (
            lock.is_locked
            and dialog.is_busy
            and dialog.password_edit.isReadOnly()
            and not dialog.unlock_button.isEnabled()
        ),
    )
    argon2.open()
    qtbot.waitUntil(lambda: not lock.is_locked)
    assert ("marie", "deverrouillage") in _actions(db)
    # The lock itself is traced in the background too.
    qtbot.waitUntil(lambda: ("marie", "verrouillage") in _actions(db))


def test_the_lock_rereads_the_account_and_the_idle_time_in_the_background(qtbot, session, gates):
    from acsrv_desktop.gui.accounts.lock import ACCOUNT_CHECK_EVERY

    window, db = session
    lock = window.idle_lock
    # An administrator deactivates Marie's account from another workstation.
    accounts = AccountService(db)
    admin = accounts.sign_in("direction", PASSWORD)
    marie = next(a for a in accounts.accounts(admin) if a.login == "marie")
    accounts.update(
        admin,
        marie.id,
        AccountInput("marie", marie.display_name, marie.role, marie.centre_id, False),
    )
    lock._timer.stop()  # this test runs the checks itself
    qtbot.waitUntil(lambda: not lock._reading)  # a reading the timer started has ended
    reading = gates("acsrv_desktop.core.accounts.service:AccountService.still_valid")
    lock._checks = ACCOUNT_CHECK_EVERY - 1  # the next check re-reads the account
    lock._check()
    qtbot.waitUntil(reading.entered.is_set)
    _wait_while_held(qtbot, lambda: not lock.is_locked)  # the desk answers meanwhile
    reading.open()
    qtbot.waitUntil(lambda: lock.is_locked)  # deactivated: locked, and unlocking refuses
    assert lock._limit_s == 5 * 60  # the idle time read meanwhile, from the shared settings


def test_a_password_change_waits_and_goes_through_the_sessions_services(
    qtbot, session, gates, typist, monkeypatch, password_check
):
    window, db = session
    argon2 = gates(password_check("again"))
    seen: list[PasswordDialog] = []

    def drive(dialog: PasswordDialog) -> int:
        seen.append(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        typist(dialog.current_edit, PASSWORD)
        typist(dialog.new_edit, "Nouveau-Secret-2026")
        typist(dialog.confirm_edit, "Nouveau-Secret-2026")
        qtbot.keyClick(dialog.confirm_edit, ENTER)
        qtbot.waitUntil(argon2.entered.is_set)
        assert dialog.status.text() == "Vérification…"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the answer is awaited, not dropped
        _wait_while_held(
            qtbot,
            lambda: (
                dialog.is_busy
                and dialog.isVisible()
                and all(e.isReadOnly() for e in (dialog.current_edit, dialog.new_edit))
            ),
        )
        argon2.open()
        qtbot.waitUntil(lambda: not dialog.isVisible())
        return dialog.result()

    monkeypatch.setattr(PasswordDialog, "exec", drive)
    window.password_action.trigger()  # Fichier › Changer mon mot de passe…
    assert len(seen) == 1 and seen[0].result() == PasswordDialog.DialogCode.Accepted
    assert AccountService(db).sign_in("marie", "Nouveau-Secret-2026").login == "marie"
    assert ("marie", "mot-de-passe") in _actions(db)


@pytest.mark.parametrize(
    ("argv", "options"),
    [
        ([], (None, False)),
        (["--quit-when-idle"], (None, True)),
        (["--db", "sqlite:////tmp/a.sqlite3"], ("sqlite:////tmp/a.sqlite3", False)),
        (["--db=sqlite:////tmp/a.sqlite3", "--quit-when-idle"], ("sqlite:////tmp/a.sqlite3", True)),
        (["info"], None),  # a command: the command line's
        (["--db", "sqlite:////tmp/a.sqlite3", "migrate"], None),
        (["--db"], None),  # argparse says what is missing
        (["--version"], None),
        (["--help"], None),
        (["--quit"], None),  # an abbreviation: argparse's business
    ],
)
def test_only_a_plain_window_start_skips_the_command_line(argv, options):
    from acsrv_desktop.__main__ import gui_options

    assert gui_options(argv) == options
