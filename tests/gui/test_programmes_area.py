"""The Programmes area, driven from the keyboard as a receptionist would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.programmes.area import ProgrammesArea
from acsrv_desktop.gui.programmes.results_model import SearchResultsModel


@pytest.fixture
def area(qtbot, catalogue_service):
    widget = ProgrammesArea(Services(catalogue_service.db, catalogue_service.actor))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    qtbot.waitUntil(lambda: not widget.is_busy)  # the catalogue, read in the background
    widget.focus_search()
    return widget


def _names(area):
    model = area.ui.resultsView.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _type(qtbot, area, text):
    """Type as staff do, then wait for the search that follows the pause."""
    qtbot.keyClicks(area.ui.searchEdit, text)
    qtbot.waitUntil(lambda: not area.search_pending())


def _resets(area):
    counts = []
    area._model.modelReset.connect(lambda: counts.append(1))
    return counts


def test_typing_finds_and_shows_the_contact(area, qtbot):
    _type(qtbot, area, "zelles")
    assert _names(area)[0] == "Les Z’elles"
    html = area.ui.detailBrowser.toPlainText()
    assert "Juliette Fleury" in html and "leszelles@acsrv.org" in html and "07 64 50 68 08" in html
    assert "Réservé aux femmes" in html
    assert area.ui.countLabel.text() == "1 résultat"


def test_typing_searches_once_the_fingers_pause(area, qtbot):
    resets = _resets(area)
    qtbot.keyClicks(area.ui.searchEdit, "reussir")
    assert area.search_pending() and resets == []  # a keystroke alone searches nothing
    qtbot.waitUntil(lambda: _names(area)[0].startswith("Réussir Autrement"))
    assert area.current_entry().name == "Réussir Autrement"
    assert len(resets) == 1  # one search for the word, not one per letter


def test_every_pause_updates_the_list(area, qtbot):
    counts = []
    for letter in "reussir":
        _type(qtbot, area, letter)
        counts.append(area.ui.resultsView.model().rowCount())
    assert _names(area)[0].startswith("Réussir Autrement")
    assert counts[0] >= counts[-1] >= 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down])
def test_enter_and_down_search_at_once(area, qtbot, key):
    qtbot.keyClicks(area.ui.searchEdit, "zelles")
    qtbot.keyClick(area.ui.searchEdit, key)
    assert not area.search_pending()
    assert _names(area) == ["Les Z’elles"] and area.current_entry().name == "Les Z’elles"


def test_a_keystroke_that_changes_nothing_leaves_the_list_and_detail(area, qtbot):
    _type(qtbot, area, "reussir autre")
    entry, html = area.current_entry(), area.ui.detailBrowser.toHtml()
    shown, resets = _names(area), _resets(area)
    selections = []
    area.ui.resultsView.selectionModel().selectionChanged.connect(lambda *_: selections.append(1))
    _type(qtbot, area, "m")  # "reussir autrem": the same entries, in the same order
    assert _names(area) == shown
    assert resets == [] and selections == []
    assert area.current_entry() is entry and area.ui.detailBrowser.toHtml() == html


def test_the_entry_picked_stays_while_it_is_among_the_results(area, qtbot):
    _type(qtbot, area, "emploi")
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Down)
    while area.current_entry().name != "Court Circuit":
        qtbot.keyClick(area.ui.resultsView, Qt.Key.Key_Down)
    picked, resets = area.current_entry(), _resets(area)
    area.ui.searchEdit.setFocus()
    area.ui.searchEdit.end(False)
    _type(qtbot, area, " accompagnement")
    assert resets == [1] and _names(area)[0] != "Court Circuit (Connect Emploi)"  # changed ...
    assert area.current_entry() is picked  # ... the entry picked is still shown, still selected
    assert area.ui.resultsView.currentIndex().data() == "Court Circuit (Connect Emploi)"
    _type(qtbot, area, " jeunes")  # no longer among the results: the first one is shown
    assert "Court Circuit (Connect Emploi)" not in _names(area)
    assert _names(area)[0].startswith(area.current_entry().name)


def test_the_detail_follows_the_first_result_until_staff_pick_one(area, qtbot):
    _type(qtbot, area, "emploi")
    _type(qtbot, area, " jeunes")
    assert area.current_entry().name == _names(area)[0]


def test_down_goes_to_the_results_and_moves_the_detail(area, qtbot):
    _type(qtbot, area, "emploi")
    first = area.current_entry().name
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Down)
    assert area.ui.resultsView.hasFocus()
    qtbot.keyClick(area.ui.resultsView, Qt.Key.Key_Down)
    assert area.current_entry().name != first


def test_sorted_by_name_the_detail_shows_the_first_row(area, qtbot):
    area.ui.resultsView.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    _type(qtbot, area, "emploi")
    assert _names(area)[0] != "Initiative Emploi Jeunes"  # the most relevant, further down
    assert _names(area)[0].startswith(area.current_entry().name)


def test_escape_clears_the_search(area, qtbot):
    _type(qtbot, area, "xyzzy")
    assert area.ui.countLabel.text() == "Aucun résultat"
    assert "Aucun programme ne correspond" in area.ui.detailBrowser.toPlainText()
    assert not area.ui.copyPhoneButton.isEnabled()
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Escape)
    assert area.ui.searchEdit.text() == ""
    assert not area.search_pending()  # at once: nothing typed to wait for
    assert area.ui.resultsView.model().rowCount() > 30
    assert area.current_entry().name == _names(area)[0]


def test_escape_right_after_erasing_shows_everything(area, qtbot):
    _type(qtbot, area, "xyzzy")
    for _ in "xyzzy":
        qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Backspace)
    qtbot.keyClick(area.ui.searchEdit, Qt.Key.Key_Escape)  # before the pause's search
    assert not area.search_pending()
    assert area.ui.resultsView.model().rowCount() > 30


def test_text_set_by_code_is_searched_at_once(area):
    area.ui.searchEdit.setText("cites lab")  # as scripts/screenshots.py does
    assert not area.search_pending()
    assert area.current_entry().name == "Cités Lab"


def test_copy_the_number_in_one_keystroke(area, qtbot):
    _type(qtbot, area, "cites lab")
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
    _type(qtbot, area, "territoire zero chomeur")
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
    _type(qtbot, area, "court circuit")
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
    qtbot.waitUntil(lambda: not area.is_busy)  # read again in the background
    _type(qtbot, area, "zelles")
    assert "<script>alert(1)</script><b>gras</b>" in area.ui.detailBrowser.toPlainText()


def test_results_model_follows_the_model_rules(qtmodeltester, catalogue_service):
    model = SearchResultsModel()
    model.set_results(catalogue_service.search("emploi"))
    qtmodeltester.check(model)


def test_screenshot(area, qtbot, tmp_path):
    _type(qtbot, area, "cites lab")
    image = area.grab().toImage()
    assert image.save(str(tmp_path / "programmes.png"))
    assert image.width() >= 1000


def test_accents_typed_on_the_keyboard(area, qtbot, typist):
    typist(area.ui.searchEdit, "Réussir autremant")
    qtbot.waitUntil(lambda: _names(area)[0].startswith("Réussir Autrement"))


def test_a_catalogue_edit_shows_the_entry_anew(area, catalogue_service, qtbot):
    _type(qtbot, area, "zelles")
    resets = _resets(area)
    raw = catalogue_service.raw_entry("les-zelles")
    catalogue_service.save_entry("les-zelles", {**raw, "summary": "Un résumé tout neuf"})
    area.refresh()  # the same entry, read again: the list and the detail are redrawn
    qtbot.waitUntil(lambda: not area.is_busy)  # in the background
    assert resets == [1] and "Un résumé tout neuf" in area.ui.detailBrowser.toPlainText()
