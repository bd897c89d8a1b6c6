"""Issue 13: the Accueil fits the desk screens in every state it is used in — not only empty.

At 1366×728, 1280×680, 1536×832 and at 1366×728 with the text at 125 %, in the real main
window on a database with visits: a returning person opened with a need and a referral, the
people found listed, every error message shown, the day's list, the situations' list open, and
the form masked. No control is squeezed below its minimumSizeHint() or cut by a parent; the
search, the needs, the suggestions and the save are never in a scroll area. And every text
reads at AA in the light and dark themes, in those states too.
"""

from __future__ import annotations

import pytest
from gui.layout_checks import (
    DESK_SIZES,
    in_scroll_areas,
    low_contrast,
    open_desk,
    squeezed_or_cut,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from acsrv_desktop.gui.theme import dark_palette, install_readable_placeholders

SIZES = [("1366×728", 100), ("1280×680", 100), ("1536×832", 100), ("1366×728", 125)]


def _ids(size: tuple[str, int]) -> str:
    return f"{size[0]}-{size[1]}%"


@pytest.fixture
def desk(qtbot, sqlite_database, preferences):
    opened = open_desk(qtbot, sqlite_database, preferences, DESK_SIZES["1366×728"])
    yield opened
    for widget in opened.opened:
        widget.close()
    opened.window.text_zoom.apply(100)  # the application's font is shared by every test


def _state_returning(desk, area) -> None:
    ui = area.ui
    ui.visitorSearchEdit.setText("benali")
    desk.qtbot.waitUntil(lambda: area._results.rowCount() >= 1)
    area.pick_visitor(0)
    desk.qtbot.waitUntil(lambda: area._visitor is not None)
    area._need_buttons[0].setChecked(True)
    area.accept_best_suggestion()


def _state_found(desk, area) -> None:
    area.ui.visitorSearchEdit.setText("benali")
    desk.qtbot.waitUntil(lambda: area._results.rowCount() >= 2)


def _state_errors(desk, area) -> None:
    ui = area.ui
    area.start_new_visitor()
    ui.firstNameEdit.setText("A" * 200)
    ui.lastNameEdit.setText("B" * 200)
    ui.birthYearEdit.setText("1800")
    ui.communeEdit.setText("Lille")
    area._messages.show(
        {
            "first_name": "Prénom : 200 caractères, 100 au plus",
            "last_name": "Nom : 200 caractères, 100 au plus",
            "birth_year": "Année de naissance impossible : 1800",
            "commune": "Commune hors de la liste : cochez « hors arrondissement »",
            "occurred_at": "Date du passage : dans le futur",
            "note": "Note : 3000 caractères, 2000 au plus",
        }
    )
    area._status("Passage non enregistré : corrigez les champs indiqués en rouge.", error=True)


def _state_today(desk, area) -> None:
    area.show_today()


def _state_situations(desk, area) -> None:
    area.start_new_visitor()
    area.ui.situationsButton.click()
    desk.qtbot.waitUntil(area.ui.situationsPopup.isVisible)
    desk.keep(area.ui.situationsPopup)


def _state_masked(desk, area) -> None:
    area.start_new_visitor()
    area.ui.firstNameEdit.setText("Zoé")
    area._discretion.mask()


STATES = {
    "personne déjà venue": _state_returning,
    "personnes trouvées": _state_found,
    "erreurs": _state_errors,
    "passages du jour": _state_today,
    "situations": _state_situations,
    "masqué": _state_masked,
}


def _accueil(desk, screen: str, zoom: int):
    desk.window.text_zoom.apply(zoom)
    desk.window.resize(*DESK_SIZES[screen])
    area = desk.show_area("Accueil")
    desk.settle(area)
    return area


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("size", SIZES, ids=_ids)
def test_the_accueil_fits_in_every_state(desk, size, state):
    area = _accueil(desk, *size)
    STATES[state](desk, area)
    desk.settle(area)
    assert squeezed_or_cut(desk.window) == []
    if state == "situations":
        assert squeezed_or_cut(area.ui.situationsPopup) == []
    assert desk.window.width() == DESK_SIZES[size[0]][0]  # the window was not grown to fit
    ui = area.ui
    primary = [
        ui.visitorSearchEdit,
        *area._need_buttons,
        ui.suggestionsView,
        ui.acceptBestButton,
        ui.saveButton,
    ]
    assert in_scroll_areas(desk.window, primary) == []
    if state != "passages du jour":
        assert all(widget.isVisibleTo(desk.window) for widget in primary)


def test_the_check_finds_a_squeezed_accueil(desk):
    """The test can fail: the nine situations back in the form, as they were, squeeze it."""
    area = _accueil(desk, "1280×680", 100)
    ui = area.ui
    popup = ui.situationsPopup
    popup.setParent(ui.profileWidget)
    ui.profileForm.addWidget(popup, 6, 0, 1, 4)
    popup.setMaximumHeight(30)
    popup.show()
    desk.settle(area)
    assert any("squeezed: situation_" in problem for problem in squeezed_or_cut(desk.window))


@pytest.fixture(params=["clair", "sombre"])
def themed_desk(request, qtbot, qapp, sqlite_database, preferences):
    before = QPalette(QApplication.palette())
    style = QApplication.style()
    QApplication.setPalette(style.standardPalette() if request.param == "clair" else dark_palette())
    install_readable_placeholders(qapp)
    opened = open_desk(qtbot, sqlite_database, preferences, DESK_SIZES["1366×728"])
    yield opened
    for widget in opened.opened:
        widget.close()
    QApplication.setPalette(before)


@pytest.mark.parametrize("state", ["personne déjà venue", "erreurs", "passages du jour"])
def test_the_accueil_reads_at_aa_in_every_state(themed_desk, state):
    area = _accueil(themed_desk, "1366×728", 100)
    STATES[state](themed_desk, area)
    themed_desk.settle(area)
    assert area._need_buttons[0].isChecked() or state != "personne déjà venue"
    assert low_contrast(area) == []
