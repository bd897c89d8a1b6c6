"""The Fréquentation area: figures computed in the background, charts, tables, exports."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from full_disk import disk_full_message, fail_half_way, needs_proc
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.models import Visit
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.attendance.area import AttendanceArea

ADMIN = Actor.system("tests")


@pytest.fixture
def area(qtbot, catalogue_service):
    db = catalogue_service.db
    centre = CentreService(db).centres()[0].id
    visits = VisitService(db, ADMIN)
    now = datetime.now(UTC)
    visits.log_visit(
        VisitInput(
            centre,
            "sur-place",
            now - timedelta(minutes=5),
            ("trouver-un-emploi",),
            visitor=VisitorInput("Amina", "Benali", 1990, None, "femme", "Denain", ("rsa",)),
            programmes=("court-circuit",),
        )
    )
    visits.log_visit(VisitInput(centre, "telephone", now - timedelta(minutes=3)))
    widget = AttendanceArea(Services(catalogue_service.db, catalogue_service.actor))
    qtbot.addWidget(widget)
    widget.resize(1280, 900)
    widget.show()
    with qtbot.waitSignal(widget.figures_ready, timeout=10_000):
        widget.refresh()
    qtbot.waitUntil(lambda: not widget.is_busy)  # the centres of the filter too
    return widget


def test_figures_charts_and_tables(area):
    text = area.ui.keyNumbersLabel.text()
    assert "Passages (visites) : <b>2</b>" in text and "Personnes distinctes : <b>1</b>" in text
    assert [area.ui.chartTabs.tabText(i) for i in range(area.ui.chartTabs.count())] == [
        "Passages par jour",
        "Besoins",
        "Orientations",
        "Âge et genre",
    ]
    area.ui.tableCombo.setCurrentIndex(area.ui.tableCombo.findData("canaux"))
    model = area.ui.tableView.model()
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert rows == [("sur place", "1"), ("téléphone", "1"), ("courriel", "0"), ("Total", "2")]


def test_another_month_is_computed_without_freezing(area, qtbot):
    with qtbot.waitSignal(area.figures_ready, timeout=10_000):
        area.ui.monthEdit.setDate(QDate(2020, 1, 1))
    assert "Passages (visites) : <b>0</b>" in area.ui.keyNumbersLabel.text()


def test_the_period_picker_by_keys(area, qtbot):
    """Alt+R chooses the kind of period with the arrows; the date edit then reads as that
    period's month, year or first day, and « jusqu’au » appears for chosen days."""
    from acsrv_desktop.core.attendance.figures import Period
    from acsrv_desktop.core.clock import paris_today

    today = paris_today()
    combo = area.ui.periodCombo
    qtbot.keyClick(area, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert combo.hasFocus()
    with qtbot.waitSignal(area.figures_ready, timeout=10_000):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # Trimestre
    assert area.period() == Period.quarter(today.year, (today.month + 2) // 3)
    assert "trimestre" in area.ui.keyNumbersLabel.text()
    assert "période précédente" in area.ui.keyNumbersLabel.text()
    assert not area.ui.endEdit.isVisible()
    with qtbot.waitSignal(area.figures_ready, timeout=10_000):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # Année
    assert area.period() == Period.year(today.year)
    assert area.ui.monthLabel.text() == "A&nnée :"
    with qtbot.waitSignal(area.figures_ready, timeout=10_000):
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # Jours choisis
    assert area.ui.endEdit.isVisible()
    qtbot.keyClick(area, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    assert area.ui.endEdit.hasFocus()
    first = area.ui.monthEdit.date()
    assert area.period().start == date(first.year(), first.month(), first.day())
    assert area.period().end == today
    qtbot.waitUntil(lambda: not area.is_busy)
    assert "Passages (visites) : <b>2</b>" in area.ui.keyNumbersLabel.text()
    area.ui.tableCombo.setCurrentIndex(area.ui.tableCombo.findData("frequence"))
    model = area.ui.tableView.model()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert rows[-1] == "Total"


def test_a_period_too_long_leaves_nothing_to_export(area, qtbot):
    """Chosen days eleven years apart are refused in French; the figures of the choice before,
    even those still on their way, are not shown or exported under it."""
    area.ui.periodCombo.setCurrentIndex(3)  # Jours choisis: computed in the background
    area.ui.endEdit.setDate(QDate(2020, 1, 1))
    area.ui.monthEdit.setDate(QDate(2005, 1, 1))  # refused at once, the answer above still due
    qtbot.waitUntil(lambda: not area.is_busy)
    assert area.report is None
    assert not area.ui.xlsxButton.isEnabled() and not area.ui.pdfButton.isEnabled()
    assert "dix ans" in area.ui.keyNumbersLabel.text()


def test_exports(area, qtbot, monkeypatch, tmp_path):
    messages = []
    area.status_message.connect(messages.append)
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes,
    )
    for kind, name in (("xlsx", "f.xlsx"), ("pdf", "f.pdf"), ("csv", "f.zip")):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        area.export(kind)
        qtbot.waitUntil(lambda t=target: any(str(t) in m for m in messages), timeout=10_000)
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    summary = {row[0]: row[1] for row in book["Synthèse"].iter_rows(min_row=3, values_only=True)}
    assert summary["Passages (visites)"] == 2
    assert "anonymisée" in asked[0] and book["Détail anonymisé"].max_row == 3
    pdf = str(tmp_path / "f.pdf")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
    assert "A4" in info.stdout
    # Every table is in it as text, and the charts are vectors: no picture in the file.
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    for breakdown in area.report.breakdowns:
        assert " ".join(breakdown.title.split()) in flat, breakdown.title
    assert "Besoins exprimés (les 10 premiers)" in flat  # a chart's title, drawn as text
    images = subprocess.run(["pdfimages", "-list", pdf], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) == 2  # the header of an empty list
    assert (tmp_path / "f.zip").stat().st_size > 0


@needs_proc
def test_an_export_on_a_full_disk_keeps_the_previous_file(area, qtbot, monkeypatch, tmp_path):
    messages: list[str] = []
    area.status_message.connect(messages.append)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    fail_half_way(monkeypatch)
    for kind, name in (("xlsx", "f.xlsx"), ("pdf", "f.pdf"), ("csv", "f.zip")):
        target = tmp_path / name
        target.write_bytes(b"le mois dernier")
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        area.export(kind)
        qtbot.waitUntil(lambda t=target: any(str(t) in m for m in messages), timeout=10_000)
        assert messages[-1] == f"Export impossible : {disk_full_message(target)}"
        assert target.read_bytes() == b"le mois dernier"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partiel")] == []


def test_model_rules(qtmodeltester, area):
    qtmodeltester.check(area._model)


def test_screenshot(area, tmp_path):
    assert area.grab().save(str(tmp_path / "frequentation.png"))


def test_exports_wait_for_the_figures_of_the_current_selection(area, qtbot):
    area.ui.centreCombo.setCurrentIndex(1)  # starts a new computation
    assert not area.ui.xlsxButton.isEnabled()
    qtbot.waitUntil(area.ui.xlsxButton.isEnabled, timeout=10_000)
    assert area.report.centre == area.ui.centreCombo.currentText()


def test_the_history_of_visits_scrolls_to_the_oldest_reading_a_few_pages(
    qtbot, qtmodeltester, catalogue_service
):
    from acsrv_desktop.core.demo import generate
    from acsrv_desktop.gui.attendance.area import AttendanceArea
    from acsrv_desktop.gui.attendance.history import LOADING, PAGES_KEPT

    generate(catalogue_service.db, visits=3000, visitors=400, centres=4, seed=2)
    area = AttendanceArea(Services(catalogue_service.db, catalogue_service.actor))
    qtbot.addWidget(area)
    qtbot.waitUntil(area.ui.historyButton.isEnabled)  # once the centres are read
    qtbot.keyClick(area.ui.historyButton, Qt.Key.Key_Space)
    window = area._history
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.count_label.text() == LOADING  # the count is read in the background
    qtbot.waitUntil(lambda: not window.is_busy)
    assert window.model.rowCount() == 3000
    assert window.count_label.text() == "3\u202f000 passage(s) — F5 pour actualiser"
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    bottom = window.model.index(2999, 2)
    assert bottom.data() == LOADING  # shown at once; its page follows
    qtbot.waitUntil(lambda: bottom.data() != LOADING)
    qtbot.waitUntil(lambda: not window.is_busy)
    oldest = window.model.visit(2999)
    with catalogue_service.db.read() as session:
        first = session.scalars(select(Visit).order_by(Visit.occurred_at, Visit.id)).first()
    assert oldest.id == first.id and bottom.data() == oldest.who
    assert window.model.pages_read <= 4 and len(window.model._pages) <= PAGES_KEPT
    window.centre_combo.setCurrentIndex(1)
    assert window.model.rowCount() == 0 and window.count_label.text() == LOADING
    qtbot.waitUntil(lambda: not window.is_busy)
    assert 0 < window.model.rowCount() < 3000
    qtmodeltester.check(window.model)  # rows not read yet answer too (« Chargement… »)
    qtbot.waitUntil(lambda: not window.is_busy)


def test_the_figures_and_the_history_wait_without_freezing_the_window(
    area, qtbot, catalogue_service
):
    """The figures and a page of the history held back in the background for 1.5 s: the GUI
    thread keeps running (a 10 ms timer at ≥ 20 Hz), « Calcul en cours… » and « Chargement… »
    are shown, and both arrive once released."""
    from held import HELD_S, Heartbeat, held

    from acsrv_desktop.gui.attendance.history import LOADING

    services = area._services
    with (
        held(services.attendance, "report") as figures,
        held(services.visits, "history_page") as page,
        Heartbeat() as heartbeat,
    ):
        area.ui.monthEdit.setFocus()
        qtbot.keyClick(area.ui.monthEdit, Qt.Key.Key_Down)  # the month before
        window = area.show_history()
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: figures.entered.is_set() and page.entered.is_set())
        figures.release_later(HELD_S)
        page.release_later(HELD_S)
        assert area.is_busy and area.ui.busyLabel.text() == "Calcul en cours…"
        assert not area.ui.xlsxButton.isEnabled()  # never the figures of another month
        assert window.model.index(0, 2).data() == LOADING
        qtbot.waitUntil(lambda: not area.is_busy, timeout=int(HELD_S * 1000) + 10_000)
    print(heartbeat.check(until=min(figures.released_at + page.released_at)))
    assert "MainThread" not in figures.threads + page.threads
    assert "Passages (visites) : <b>0</b>" in area.ui.keyNumbersLabel.text()
    assert area.ui.xlsxButton.isEnabled()
    assert window.model.index(0, 2).data() != LOADING and window.model.visit(0) is not None


# -- issue 13: the figures load however the area is opened; the charts' names read whole ------


@pytest.fixture
def window(qtbot, catalogue_service, preferences):
    from acsrv_desktop.gui.application import build_areas
    from acsrv_desktop.gui.main_window import MainWindow

    db = catalogue_service.db
    centre = CentreService(db).centres()[0].id
    VisitService(db, ADMIN).log_visit(
        VisitInput(centre, "telephone", datetime.now(UTC) - timedelta(minutes=2))
    )
    services = Services(db, ADMIN)
    window = MainWindow(db.describe(), preferences, build_areas(services, preferences), actor=ADMIN)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def test_the_figures_load_when_the_tab_is_clicked_with_the_mouse(window, qtbot):
    from acsrv_desktop.gui.main_window import AREAS

    bar = window.ui.areaTabs.tabBar()
    tab = bar.tabRect(AREAS.index("Fréquentation")).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=tab)
    area = window.areas.built("Fréquentation")
    assert area is not None and window.current_area_name() == "Fréquentation"
    qtbot.waitUntil(lambda: area.report is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not area.is_busy)
    assert "Passages (visites) : <b>1</b>" in area.ui.keyNumbersLabel.text()
    assert area.ui.chartTabs.count() == 4 and area.ui.xlsxButton.isEnabled()
    # Back to the Accueil and again with the mouse: the figures of now, not of before.
    VisitService(area._services.db, ADMIN).log_visit(
        VisitInput(CentreService(area._services.db).centres()[0].id, "courriel", datetime.now(UTC))
    )
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    with qtbot.waitSignal(area.figures_ready, timeout=10_000):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=tab)
    assert "Passages (visites) : <b>2</b>" in area.ui.keyNumbersLabel.text()


def test_ctrl_4_computes_the_figures_once(window, qtbot, monkeypatch):
    area = window.areas.build("Fréquentation")
    asked = []
    report = area._attendance.report
    monkeypatch.setattr(area._attendance, "report", lambda *a: asked.append(a) or report(*a))
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: area.report is not None and not area.is_busy, timeout=10_000)
    assert len(asked) == 1


LONG_NAMES = [
    "Difficultés administratives ou juridiques : Bénéficier d’une mesure d’accompagnement adapté",
    "Difficultés administratives ou juridiques : Prendre en compte une problématique judiciaire",
    "Difficultés administratives ou juridiques : Connaître ses droits face à une discrimination",
    "S’ouvrir à l’international : S’informer sur les aides pour travailler à l’étranger",
    "Module Levée des freins liés à la mobilité psychique et psychologique",
    "Module Capitalisation de compétences professionnelles",
    "Centres Sociaux Connectés du Bassin Minier",
    "Territoire Zéro Chômeur de Longue Durée",
    "Trouver un emploi",
    "Se former",
]


def _check_fit(view):
    """Every name of the chart's category axis shown whole (or by its last part when the
    chart is too short for it), never elided by Qt Charts, each line within the width the
    axis is given, the lines of all the names within the height of the plot. Returns the
    names as shown."""
    from PySide6.QtGui import QFontMetricsF

    from acsrv_desktop.gui.attendance.charts import plain_label, short_name

    axis = view.category_axis()
    chart = view.chart()
    plot = chart.plotArea()
    assert not axis.labelsTruncated()  # Qt Charts' own word: nothing cut to « … »
    shown = [plain_label(category) for category in axis.categories()]
    assert len(shown) == len(view.names)
    for text, name in zip(shown, view.names, strict=True):
        assert text in (name, short_name(name)), text
    metrics = QFontMetricsF(axis.labelsFont())
    room = plot.left() - chart.margins().left()
    lines = 0
    for category in axis.categories():
        assert "…" not in category and "..." not in category
        for line in category.split("<br>"):
            assert metrics.horizontalAdvance(line) <= room, line
            lines += 1
    assert lines * metrics.lineSpacing() <= plot.height()
    return shown


def test_the_needs_chart_shows_its_names_whole_in_the_area(window, qtbot, catalogue_service):
    """The needs of the day, the longest French name among them, in the area as it is on a
    1366×728 and a 1280×680 screen, and with the text at 125 %."""
    from acsrv_desktop.gui.attendance.charts import chart_views

    need = "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
    db = catalogue_service.db
    VisitService(db, ADMIN).log_visit(
        VisitInput(
            CentreService(db).centres()[0].id,
            "sur-place",
            datetime.now(UTC) - timedelta(minutes=1),
            (need, "trouver-un-emploi", "se-former"),
        )
    )
    label = catalogue_service.vocab.thematique_label(need)
    try:
        for size, zoom in (((1366, 728), 100), ((1280, 680), 100), ((1366, 728), 125)):
            window.text_zoom.apply(zoom)
            window.resize(*size)
            qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
            area = window.areas.build("Fréquentation")
            qtbot.waitUntil(lambda a=area: a.report is not None and not a.is_busy)
            area.ui.chartTabs.setCurrentIndex(1)
            view = area.ui.chartTabs.currentWidget()
            qtbot.waitUntil(lambda v=view: v.chart().plotArea().height() > 0)
            assert view in chart_views(area)
            shown = _check_fit(view)
            assert label in shown and "Trouver un emploi" in shown  # whole: no short form
            assert label in view.accessibleDescription()
    finally:
        window.text_zoom.apply(100)


@pytest.mark.parametrize("size", [(796, 520), (740, 450), (1100, 300)])
def test_long_names_are_wrapped_never_elided(qtbot, size):
    from acsrv_desktop.core.attendance.figures import Breakdown
    from acsrv_desktop.gui.attendance.charts import horizontal_bars

    rows = [(name, 30 - i) for i, name in enumerate(LONG_NAMES)]
    view = horizontal_bars("Besoins", Breakdown("besoins", "Besoins", ("Besoin", "Passages"), rows))
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.chart().plotArea().height() > 0)
    shown = _check_fit(view)
    assert "Trouver un emploi" in shown and "Se former" in shown
    description = view.accessibleDescription()
    assert all(name in description for name in LONG_NAMES)  # every name whole, for readers


def test_the_pdf_charts_are_light_on_a_dark_screen(qapp):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from acsrv_desktop.gui.attendance.charts import ChartColours, light_palette
    from acsrv_desktop.gui.theme import dark_palette

    before = QPalette(QApplication.palette())
    try:
        QApplication.setPalette(dark_palette())
        assert ChartColours.of().dark
        assert not ChartColours.of(light_palette()).dark
    finally:
        QApplication.setPalette(before)
