"""Following referrals up in the Orientations area."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.referrals import ReferralService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.orientations.area import OrientationsArea

ADMIN = Actor.system("tests")

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def area(qtbot, catalogue_service, preferences):
    db = catalogue_service.db
    centre = CentreService(db).centres()[0]
    preferences.workstation_centre = centre.name
    visits = VisitService(db, ADMIN)
    visits.log_visit(
        VisitInput(
            centre.id,
            "sur-place",
            datetime.now(UTC),
            visitor=VisitorInput("Amina", "Benali", 1980, consent=True),
            programmes=("cites-lab", "forum-citoyen"),
        )
    )
    widget = OrientationsArea(Services(catalogue_service.db, catalogue_service.actor), preferences)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    widget.focus_search()
    return widget


def _statuses(area):
    model = area.ui.referralsView.model()
    return [model.index(r, 5).data() for r in range(model.rowCount())]


def test_the_list_and_a_status_change_from_the_keyboard(area, qtbot, catalogue_service):
    assert area.ui.countLabel.text() == "2 orientations"
    area.ui.referralsView.selectRow(0)
    qtbot.keyClick(area.ui.referralsView, Qt.Key.Key_I, ALT)  # "Contact pr&is"
    qtbot.waitUntil(lambda: "contact pris" in _statuses(area))
    statuses = {
        r.programme_name: r.status for r in ReferralService(catalogue_service.db, ADMIN).find()
    }
    assert sorted(statuses.values()) == ["contact-pris", "proposee"]


def test_a_refusal_asks_why(area, qtbot, monkeypatch, catalogue_service):
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("session complète", True))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Rappeler en mars", True))
    area.ui.referralsView.selectRow(0)
    area.ui.refuseButton.click()
    assert "refusée (session complète)" in _statuses(area)
    refused = [
        r for r in ReferralService(catalogue_service.db, ADMIN).find() if r.status == "refusee"
    ]
    assert refused[0].refusal_note == "Rappeler en mars"


def test_filters(area):
    status = area.ui.statusFilter
    status.setCurrentIndex(status.findData("acceptee"))
    assert area.ui.countLabel.text() == "0 orientation"
    status.setCurrentIndex(0)
    programme = area.ui.programmeFilter
    programme.setCurrentIndex(programme.findData("cites-lab"))
    assert area.ui.countLabel.text() == "1 orientation"


def test_slip_of_one_referral(area, monkeypatch, tmp_path):
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    area.ui.programmeFilter.setCurrentIndex(area.ui.programmeFilter.findData("cites-lab"))
    area.ui.referralsView.selectRow(0)
    area.ui.slipButton.click()
    assert target.read_bytes().startswith(b"%PDF")


def test_model_rules(qtmodeltester, area):
    qtmodeltester.check(area._model)
