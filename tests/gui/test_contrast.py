"""Readable in the system's light and dark themes (issue 13): every text the areas and
dialogs draw — labels, buttons, fields and their placeholders, lists, table headers, tabs,
the charts' titles and graduations, the messages a refusal shows — reaches WCAG AA (4.5:1)
against the background it is drawn on, in the colours actually used
(``widget.palette()``), in Fusion's light palette and in a dark one. Disabled controls are
exempt, as in WCAG. The idle lock's veil keeps its own colours, checked here too.
"""

from __future__ import annotations

import pytest
from gui.layout_checks import DESK_SIZES, DIALOGS, each_page, low_contrast, open_desk
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from acsrv_desktop.gui.theme import (
    AA_CONTRAST,
    Kind,
    contrast_ratio,
    dark_palette,
    install_readable_placeholders,
    set_kind,
)

AREAS_HERE = ("Programmes", "Orientations", "Fréquentation", "Administration")


def _light() -> QPalette:
    style = QApplication.style()
    assert style is not None
    return style.standardPalette()  # Fusion's own light palette


THEMES = {"clair": _light, "sombre": dark_palette}


@pytest.fixture(params=list(THEMES))
def theme(request, qapp):
    """The application in one theme, as it starts in it (placeholders brought to AA)."""
    before = QPalette(QApplication.palette())
    QApplication.setPalette(THEMES[request.param]())
    install_readable_placeholders(qapp)
    yield request.param
    QApplication.setPalette(before)


@pytest.fixture
def desk(qtbot, sqlite_database, preferences, theme):
    opened = open_desk(qtbot, sqlite_database, preferences, DESK_SIZES["1366×728"])
    yield opened
    for widget in opened.opened:
        widget.close()


def _area_contrast(desk, name: str) -> list[str]:
    area = desk.show_area(name)
    found = []
    for page in each_page(area, lambda: desk.settle(area)):
        found += [f"{name} {page}: {problem}" for problem in low_contrast(area)]
    return found


@pytest.mark.parametrize("name", AREAS_HERE)
def test_every_area_reads_at_aa(desk, name):
    assert _area_contrast(desk, name) == []


def test_the_accueil_reads_at_aa(desk):
    assert _area_contrast(desk, "Accueil") == []


@pytest.mark.parametrize("name", list(DIALOGS))
def test_every_dialog_reads_at_aa(desk, name):
    dialog = DIALOGS[name](desk)
    found = []
    for page in each_page(dialog, lambda: desk.settle(dialog)):
        found += [f"{page}: {problem}" for problem in low_contrast(dialog)]
    assert found == []


def test_the_charts_follow_the_theme(desk, theme):
    """A dark chart in the dark theme (not Qt Charts' white default), bars at 3:1."""
    from acsrv_desktop.gui.attendance.charts import chart_views

    area = desk.show_area("Fréquentation")
    views = chart_views(area.ui.chartTabs)
    assert len(views) == 4
    window = QApplication.palette().color(QPalette.ColorRole.Base)
    for view in views:
        chart = view.chart()
        assert chart.backgroundBrush().color() == window
        for series in chart.series():
            for bars in series.barSets():
                assert contrast_ratio(bars.color(), window) >= 3.0


def test_the_check_finds_a_hard_coded_colour(desk, theme):
    """The walk can fail: the grey the audit note had (« color: #555 ») in the dark theme,
    and a message in a fixed red."""
    area = desk.show_area("Administration")
    area.ui.sections.setCurrentWidget(area.audit)
    desk.settle(area)
    label = next(
        label
        for label in area.audit.findChildren(QLabel)
        if label.text().startswith("Le journal ne garde")
    )
    label.setStyleSheet("color: #555;" if theme == "sombre" else "color: #ff8080;")
    assert any("#555555" in p or "#ff8080" in p for p in low_contrast(area))
    label.setStyleSheet("")
    set_kind(label, Kind.ERROR)
    assert low_contrast(area) == []


def test_the_lock_veil_keeps_its_colours_at_aa(desk):
    from acsrv_desktop.gui.accounts.lock import VEIL_BACKGROUND, VEIL_TEXT

    assert contrast_ratio(VEIL_TEXT, VEIL_BACKGROUND) >= AA_CONTRAST
    veil = DIALOGS["voile de verrouillage"](desk)
    label = veil.findChild(QLabel)
    assert label.palette().color(label.foregroundRole()) == QColor(VEIL_TEXT)
    assert low_contrast(veil) == []
