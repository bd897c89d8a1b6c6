"""Named for screen readers (issue 13): every focusable control of every area — the Accueil
included — and of every dialog has an accessible name (its text, the label whose buddy it
is, or one of its own, in French); errors and confirmations are announced."""

from __future__ import annotations

import pytest
from gui.layout_checks import DESK_SIZES, DIALOGS, each_page, open_desk, unnamed_controls
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit

from acsrv_desktop.gui import announce
from acsrv_desktop.gui.main_window import AREAS


@pytest.fixture
def desk(qtbot, sqlite_database, preferences):
    opened = open_desk(qtbot, sqlite_database, preferences, DESK_SIZES["1366×728"])
    yield opened
    for widget in opened.opened:
        widget.close()


@pytest.fixture
def heard(monkeypatch):
    """What the screen reader is told: (event, text, urgent)."""
    said: list[tuple[str, str, bool]] = []

    def send(event):
        if event.type() == QAccessible.Event.Announcement:
            urgent = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            said.append(("annonce", event.message(), urgent))
        elif event.type() == QAccessible.Event.NameChanged:
            said.append(("nom", event.object().text(), False))

    monkeypatch.setattr(announce, "send", send)
    return said


@pytest.mark.parametrize("name", AREAS)
def test_every_control_of_every_area_has_a_name(desk, name):
    area = desk.show_area(name)
    found = []
    for page in each_page(area, lambda: desk.settle(area)):
        found += [f"{page}: {control}" for control in unnamed_controls(area)]
    assert found == []


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_control_of_every_dialog_has_a_name(desk, name):
    dialog = DIALOGS[name](desk)
    found = []
    for page in each_page(dialog, lambda: desk.settle(dialog)):
        found += [f"{page}: {control}" for control in unnamed_controls(dialog)]
    assert found == []


def test_the_walk_finds_a_field_without_a_name(desk):
    area = desk.show_area("Programmes")
    stray = QLineEdit(area)
    stray.show()
    assert unnamed_controls(area) == ["QLineEdit"]
    stray.setAccessibleName("Chercher")
    assert unnamed_controls(area) == []


def test_a_refused_sign_in_is_announced_at_once(desk, heard):
    dialog = DIALOGS["connexion refusée"](desk)
    said = [(kind, text) for kind, text, urgent in heard if kind == "annonce" and urgent]
    assert said == [("annonce", dialog.message.text())]
    assert "incorrect" in dialog.message.text()
    assert ("annonce", "Vérification…", False) in heard  # what it waited for, politely


def test_a_refused_save_is_announced(desk, heard):
    dialog = DIALOGS["nouvelle fiche — refusée"](desk)
    message = dialog.ui.errorLabel.text()
    assert message.startswith("Enregistrement impossible — Nom")
    assert ("annonce", message, True) in heard and ("nom", message, False) in heard


def test_the_areas_confirmations_are_announced(desk, heard):
    area = desk.show_area("Programmes")
    area.status_message.emit("Numéro copié : 03 27 28 91 98")
    assert heard[-1] == ("annonce", "Numéro copié : 03 27 28 91 98", False)


def test_a_saved_setting_is_announced(desk, heard, qtbot):
    area = desk.show_area("Administration")
    area.ui.sections.setCurrentWidget(area.settings)
    desk.settle(area)
    area.settings.idle_spin.setValue(7)
    area.settings.save()
    qtbot.waitUntil(lambda: not area.is_busy)
    assert ("annonce", "Réglages enregistrés.", False) in heard
    assert desk.services.settings.idle_lock_minutes() == 7
