"""Issue 12: a keystroke in Programmes runs no SQL.

The area searches in the catalogue's snapshot it keeps; the snapshot is read in the
background, and so is the check of whether another workstation changed the catalogue (made
due at every search here). On a real SQLite file, with keys.
"""

from __future__ import annotations

import pytest
from gui.test_reception_save import sql_spy  # the SQL counter of the save tests
from held import HELD_S, Heartbeat, held
from PySide6.QtCore import Qt, QUrl

import acsrv_desktop.core.catalogue.service as catalogue_module
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.programmes.area import ProgrammesArea


@pytest.fixture
def services(catalogue_service):
    return Services(catalogue_service.db, catalogue_service.actor)


def _area(qtbot, services) -> ProgrammesArea:
    area = ProgrammesArea(services)
    qtbot.addWidget(area)
    area.resize(1100, 650)
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.focus_search()
    return area


def _names(area):
    model = area.ui.resultsView.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_in_programmes_runs_no_sql_on_the_gui_thread(
    qtbot, services, catalogue_service, monkeypatch
):
    # Whether the catalogue changed is due at every search: still never asked on this thread.
    monkeypatch.setattr(catalogue_module, "REVISION_CHECK_SECONDS", 0.0)
    with sql_spy(catalogue_service.db) as seen:
        area = _area(qtbot, services)  # the catalogue read in the background
        qtbot.waitUntil(lambda: not area.is_busy)
        edit = area.ui.searchEdit
        for letter in "reussir":
            qtbot.keyClick(edit, letter)
            qtbot.waitUntil(lambda: not area.search_pending() and not area.is_busy)
        assert _names(area)[0].startswith("Réussir Autrement")
        qtbot.keyClick(edit, Qt.Key.Key_Escape)  # everything again
        qtbot.keyClicks(edit, "court circuit")
        qtbot.keyClick(edit, Qt.Key.Key_Down)  # searched at once, then the results
        assert area.current_entry().name == "Court Circuit"
        area.ui.detailBrowser.anchorClicked.emit(QUrl("entry:connect-emploi"))  # its parent
        assert area.current_entry().id == "connect-emploi"
        combo = area.ui.publicFilter
        combo.setFocus()
        combo.setCurrentIndex(combo.findData("femmes"))
        qtbot.waitUntil(lambda: not area.is_busy)
    checks = [s for s in seen.elsewhere if "FROM app_setting" in s]
    assert checks  # the checks ran, in the background
    assert seen.on_gui_thread == []


def test_an_edit_elsewhere_is_read_again_without_sql_on_the_gui_thread(
    qtbot, services, catalogue_service
):
    area = _area(qtbot, services)
    qtbot.waitUntil(lambda: not area.is_busy)
    raw = catalogue_service.raw_entry("les-zelles")
    catalogue_service.save_entry("les-zelles", {**raw, "summary": "Un résumé tout neuf"})
    with sql_spy(catalogue_service.db) as seen:
        area.refresh()  # Administration's « catalogue changed »
        qtbot.keyClicks(area.ui.searchEdit, "zelles")
        qtbot.waitUntil(lambda: not area.search_pending() and not area.is_busy)
    assert "Un résumé tout neuf" in area.ui.detailBrowser.toPlainText()
    assert seen.elsewhere and seen.on_gui_thread == []


def test_a_held_catalogue_keeps_the_area_alive_and_typing(qtbot, services):
    """The catalogue held back 1.5 s as the area opens: the GUI thread keeps running, the
    area says so, what is typed meanwhile is kept and searched once the catalogue comes."""
    with held(services.catalogue, "snapshot") as hold, Heartbeat() as heartbeat:
        area = _area(qtbot, services)
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        assert area.is_busy and area.ui.countLabel.text() == "Chargement du catalogue…"
        qtbot.keyClicks(area.ui.searchEdit, "zelles")
        qtbot.waitUntil(lambda: not area.search_pending())
        assert _names(area) == [] and area.is_busy  # not yet
        qtbot.waitUntil(lambda: not area.is_busy, timeout=int(HELD_S * 1000) + 10_000)
    assert hold.threads and "MainThread" not in hold.threads
    print(heartbeat.check(until=hold.released_at[0]))
    assert _names(area) == ["Les Z’elles"] and area.ui.countLabel.text() == "1 résultat"
    assert "Juliette Fleury" in area.ui.detailBrowser.toPlainText()
