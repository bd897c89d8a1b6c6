"""The Programmes area, driven from the keyboard as a receptionist would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from acsrv_desktop.gui.programmes.area import ProgrammesArea
from acsrv_desktop.gui.programmes.results_model import SearchResultsModel


@pytest.fixture
def area(qtbot, catalogue_service):
    widget = ProgrammesArea(catalogue_service)
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.focus_search()
    return widget


def _names(area):
    model = area.ui.resultsView.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_finds_and_shows_the_contact(area, qtbot):
    qtbot.keyClicks(area.ui.searchEdit, "zelles")
    assert _names(area)[0] == "Les Z’elles"
    html = area.ui.detailBrowser.toPlainText()
    assert "Juliette Fleury" in html and "leszelles@acsrv.org" in html and "07 64 50 68 08" in html
    assert "Réservé aux femmes" in html
    assert area.ui.countLabel.text() == "1 résultat"


def test_every_keystroke_updates_the_list(area, qtbot):
    counts = []
    for letter in "reussir":
        qtbot.keyClick(area.ui.searchEdit, letter)
        counts.append(area.ui.resultsView.model().rowCount())
    assert _names(area)[0].startswith("Réussir Autrement")
    assert counts[0] >= counts[-1] >= 1


def test_down_goes_to_the_results_and_moves_the_detail(area, qtbot):
    qtbot.keyClicks(area.ui.searchEdit, "emploi")
    first = area.current_entry().name
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Down)
    assert area.ui.resultsView.hasFocus()
    qtbot.keyClick(area.ui.resultsView, Qt.Key.Key_Down)
    assert area.current_entry().name != first


def test_escape_clears_the_search(area, qtbot):
    qtbot.keyClicks(area.ui.searchEdit, "xyzzy")
    assert area.ui.countLabel.text() == "Aucun résultat"
    assert "Aucun programme ne correspond" in area.ui.detailBrowser.toPlainText()
    assert not area.ui.copyPhoneButton.isEnabled()
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Escape)
    assert area.ui.searchEdit.text() == ""
    assert area.ui.resultsView.model().rowCount() > 30


def test_copy_the_number_in_one_keystroke(area, qtbot):
    qtbot.keyClicks(area.ui.searchEdit, "cites lab")
    messages = []
    area.status_message.connect(messages.append)
    # A mnemonic "animates" the button: the click lands a moment later.
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "&numéro"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "07 62 54 81 50")
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # "c&ourriel"
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "cpcitelab@acsrv.org")
    assert messages == ["Numéro copié : 07 62 54 81 50", "Courriel copié : cpcitelab@acsrv.org"]


def test_call_and_write_open_tel_and_mailto(area, qtbot, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    qtbot.keyClicks(area.ui.searchEdit, "territoire zero chomeur")
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # "A&ppeler"
    qtbot.waitUntil(lambda: len(opened) == 1)
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # "É&crire"
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened == ["tel:+33678833014", "mailto:cptzoc@acsrv.org"]


def test_filters_narrow_the_list(area, qtbot):
    combo = area.ui.publicFilter
    combo.setCurrentIndex(combo.findData("femmes"))
    assert _names(area) == ["Les Z’elles"]
    combo.setCurrentIndex(0)
    theme = area.ui.themeFilter
    theme.setCurrentIndex(theme.findData("creer-une-entreprise"))
    assert _names(area) == ["Cités Lab"]


def test_parent_and_children_are_links(area, qtbot):
    qtbot.keyClicks(area.ui.searchEdit, "court circuit")
    assert "Connect Emploi" in area.ui.detailBrowser.toPlainText()
    area.ui.detailBrowser.anchorClicked.emit(QUrl("entry:connect-emploi"))
    assert area.current_entry().id == "connect-emploi"
    assert "Réussir Autrement" in area.ui.detailBrowser.toPlainText()


def test_hostile_catalogue_text_is_shown_as_text(area, catalogue_service, qtbot):
    raw = catalogue_service.raw_entry("les-zelles")
    catalogue_service.save_entry(
        "les-zelles", {**raw, "summary": "<script>alert(1)</script><b>gras</b>"}
    )
    area.refresh()
    qtbot.keyClicks(area.ui.searchEdit, "zelles")
    assert "<script>alert(1)</script><b>gras</b>" in area.ui.detailBrowser.toPlainText()


def test_results_model_follows_the_model_rules(qtmodeltester, catalogue_service):
    model = SearchResultsModel()
    model.set_results(catalogue_service.search("emploi"))
    qtmodeltester.check(model)


def test_screenshot(area, qtbot, tmp_path):
    qtbot.keyClicks(area.ui.searchEdit, "cites lab")
    image = area.grab().toImage()
    assert image.save(str(tmp_path / "programmes.png"))
    assert image.width() >= 1000


def test_accents_typed_on_the_keyboard(area, typist):
    typist(area.ui.searchEdit, "Réussir autremant")
    assert _names(area)[0].startswith("Réussir Autrement")
