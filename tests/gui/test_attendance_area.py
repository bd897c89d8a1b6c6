"""The Fréquentation area: figures computed in the background, charts, tables, exports."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta

import openpyxl
import pytest
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
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "f.pdf")], capture_output=True, text=True, check=True
    )
    assert "Pages:           2" in info.stdout
    assert (tmp_path / "f.zip").stat().st_size > 0


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
