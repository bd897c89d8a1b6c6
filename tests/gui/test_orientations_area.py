"""Following referrals up in the Orientations area."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from acsrv_desktop.core.accounts.roles import Actor
from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.referrals import ReferralService
from acsrv_desktop.core.reception.visits import VisitInput, VisitService
from acsrv_desktop.core.services import Services
from acsrv_desktop.gui.orientations.area import OrientationsArea
from acsrv_desktop.gui.orientations.refusal import RefusalDialog

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
    qtbot.waitUntil(lambda: not widget.is_busy)  # the filters' choices, then the list
    return widget


def _statuses(area):
    model = area.ui.referralsView.model()
    return [model.index(r, 5).data() for r in range(model.rowCount())]


def test_the_list_and_a_status_change_from_the_keyboard(area, qtbot, catalogue_service):
    assert area.ui.countLabel.text() == "2 orientations"
    area.ui.referralsView.selectRow(0)
    qtbot.keyClick(area.ui.referralsView, Qt.Key.Key_I, ALT)  # "Contact pr&is"
    qtbot.waitUntil(lambda: "contact pris" in _statuses(area))  # saved in the background
    qtbot.waitUntil(lambda: not area.is_busy)
    statuses = {
        r.programme_name: r.status for r in ReferralService(catalogue_service.db, ADMIN).find()
    }
    assert sorted(statuses.values()) == ["contact-pris", "proposee"]


def test_a_refusal_asks_why(area, qtbot, monkeypatch, catalogue_service, typist):
    asked = []

    def answer(dialog):
        """What the person does in the dialog: the reason with ↓, Tab, the comment, Entrée."""
        asked.append(dialog.windowTitle())
        dialog.show()
        combo = dialog.reason_combo
        assert dialog.focusWidget() is combo  # the reason first
        combo.setFocus()
        while combo.currentData() != "session-complete":
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        qtbot.keyClick(combo, Qt.Key.Key_Tab)
        typist(dialog.note_edit, "Rappeler en mars")
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(RefusalDialog, "exec", answer)
    area.ui.referralsView.selectRow(0)
    area.ui.refuseButton.click()
    assert asked == ["Orientation refusée"]
    qtbot.waitUntil(lambda: not area.is_busy)
    assert "refusée (session complète)" in _statuses(area)
    refused = [
        r for r in ReferralService(catalogue_service.db, ADMIN).find() if r.status == "refusee"
    ]
    assert refused[0].refusal_note == "Rappeler en mars"


def test_a_cancelled_refusal_changes_nothing(area, qtbot, monkeypatch, catalogue_service):
    monkeypatch.setattr(RefusalDialog, "exec", lambda dialog: dialog.reject() or dialog.result())
    area.ui.referralsView.selectRow(0)
    area.ui.refuseButton.click()
    assert not area.is_busy
    statuses = {r.status for r in ReferralService(catalogue_service.db, ADMIN).find()}
    assert statuses == {"proposee"}


def test_the_filters_are_on_two_lines_that_fit_a_small_laptop(area, qtbot):
    """Issue 13: on one line they were cut at 1280×720 and at 150 % scaling."""
    from gui.layout_checks import squeezed_or_cut

    area.resize(1240, 560)
    qtbot.waitUntil(lambda: area.width() == 1240)
    assert squeezed_or_cut(area) == []
    assert area.ui.fromDate.y() > area.ui.statusFilter.y()


def test_filters(area, qtbot):
    status = area.ui.statusFilter
    status.setCurrentIndex(status.findData("acceptee"))
    assert area.ui.countLabel.text() == "Chargement…"
    qtbot.waitUntil(lambda: not area.is_busy)
    assert area.ui.countLabel.text() == "0 orientation"
    status.setCurrentIndex(0)
    programme = area.ui.programmeFilter
    programme.setCurrentIndex(programme.findData("cites-lab"))
    qtbot.waitUntil(lambda: not area.is_busy)
    assert area.ui.countLabel.text() == "1 orientation"


def test_slip_of_one_referral(area, qtbot, monkeypatch, tmp_path):
    target = tmp_path / "fiche.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    area.ui.programmeFilter.setCurrentIndex(area.ui.programmeFilter.findData("cites-lab"))
    qtbot.waitUntil(lambda: not area.is_busy)
    area.ui.referralsView.selectRow(0)
    area.ui.slipButton.click()
    qtbot.waitUntil(lambda: not area.is_busy)  # the slip is read in the background
    assert target.read_bytes().startswith(b"%PDF")


def test_a_slow_list_keeps_the_window_alive(area, qtbot):
    """The list held back in the background for 1.5 s: the GUI thread keeps running (a
    10 ms timer at ≥ 20 Hz), the list says « Chargement… » and the actions wait; the new
    list arrives once released."""
    from held import HELD_S, Heartbeat, held

    area.ui.referralsView.selectRow(0)
    assert area.ui.acceptButton.isEnabled()
    with held(area._services.referrals, "find") as hold, Heartbeat() as heartbeat:
        programme = area.ui.programmeFilter
        programme.setFocus()
        qtbot.keyClicks(programme, "Cit")  # the combo jumps to « Cités Lab »: read again
        qtbot.waitUntil(hold.entered.is_set)
        hold.release_later(HELD_S)
        assert area.is_busy and area.ui.countLabel.text() == "Chargement…"
        assert not area.ui.acceptButton.isEnabled()  # never on the list being replaced
        qtbot.waitUntil(lambda: not area.is_busy, timeout=int(HELD_S * 1000) + 10_000)
    print(heartbeat.check(until=hold.released_at[0]))
    assert "MainThread" not in hold.threads
    assert programme.currentData() == "cites-lab"
    assert area.ui.countLabel.text() == "1 orientation"


def test_model_rules(qtmodeltester, area):
    qtmodeltester.check(area._model)


def test_a_contact_calling_back_is_found_by_the_reference_whatever_the_period(
    area, qtbot, catalogue_service, typist
):
    from sqlalchemy import text

    from acsrv_desktop.core.reception.references import shown

    db = catalogue_service.db
    with db.write() as session:  # one of them made half a year ago: outside the 90 days shown
        session.execute(
            text(
                "UPDATE referral SET created_at = '2026-05-04 09:00:00.000000' "
                "WHERE programme_id = 'cites-lab'"
            )
        )
        old = session.execute(
            text("SELECT reference FROM referral WHERE programme_id = 'cites-lab'")
        ).scalar_one()
    area.reload()
    qtbot.waitUntil(lambda: not area.is_busy)
    assert area.ui.countLabel.text() == "1 orientation"
    qtbot.keyClick(area, Qt.Key.Key_N, ALT)  # « Référe&nce »
    assert area.focusWidget() is area.ui.referenceEdit
    typed = shown(old).lower().replace("-", " ")  # as read out on the phone
    typist(area.ui.referenceEdit, typed[:4])
    assert "8 caractères" in area.ui.countLabel.text()  # not read at each letter
    typist(area.ui.referenceEdit, typed[4:])
    qtbot.waitUntil(lambda: area.ui.countLabel.text() == "1 orientation")
    qtbot.waitUntil(lambda: not area.is_busy)
    model = area.ui.referralsView.model()
    assert model.index(0, 2).data() == "Cités Lab"
    area.ui.referenceEdit.clear()  # back to the period's list
    qtbot.waitUntil(lambda: not area.is_busy)
    assert area.ui.countLabel.text() == "1 orientation"
    assert model.index(0, 2).data() == "Forum Citoyen"
