"""An unexpected error is logged and shown in French; the application goes on."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, QTimer

from acsrv_desktop.gui import errors


class _Boom(QObject):
    def explode(self) -> None:
        raise ValueError("panne simulée")


def test_an_exception_in_a_slot_is_reported_and_the_loop_goes_on(
    qtbot, monkeypatch, caplog, tmp_path
):
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        errors,
        "show_error",
        lambda parent, title, message, details="": shown.append((title, message, details)),
    )
    reporter = errors.UnexpectedErrorReporter(tmp_path / "acsrv-desktop.log")
    monkeypatch.setattr(sys, "excepthook", reporter.handle)
    boom = _Boom()
    with caplog.at_level(logging.ERROR):
        QTimer.singleShot(0, boom.explode)
        qtbot.waitUntil(lambda: bool(shown))
    title, message, details = shown[0]
    assert title == "Erreur inattendue"
    assert "continue de fonctionner" in message
    assert str(tmp_path / "acsrv-desktop.log") in message
    # The frames say where it failed; the message, which may quote a visitor's data, is not
    # shown (tests/reliability/test_no_personal_data_leaks.py).
    assert "in explode" in details
    assert details.splitlines()[-1] == "ValueError (message omis)"
    assert any("erreur inattendue" in r.message for r in caplog.records)

    # The event loop still runs.
    fired = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])
