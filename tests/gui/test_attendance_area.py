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


def test_the_history_of_visits_scrolls_to_the_oldest_reading_a_few_pages(qtbot, catalogue_service):
    from acsrv_desktop.core.demo import generate
    from acsrv_desktop.gui.attendance.area import AttendanceArea
    from acsrv_desktop.gui.attendance.history import PAGES_KEPT

    generate(catalogue_service.db, visits=3000, visitors=400, centres=4, seed=2)
    area = AttendanceArea(Services(catalogue_service.db, catalogue_service.actor))
    qtbot.addWidget(area)
    window = area.show_history()
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    assert window.model.rowCount() == 3000
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    oldest = window.model.visit(2999)
    with catalogue_service.db.read() as session:
        first = session.scalars(select(Visit).order_by(Visit.occurred_at, Visit.id)).first()
    assert oldest.id == first.id
    assert window.model.pages_read <= 4 and len(window.model._pages) <= PAGES_KEPT
    window.centre_combo.setCurrentIndex(1)
    assert 0 < window.model.rowCount() < 3000
