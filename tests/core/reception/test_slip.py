"""The referral slip's content, and the e-mail prepared only with consent."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import unquote

import pytest

from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.slip import build_slip
from acsrv_desktop.core.reception.visits import VisitInput

NOW = datetime.now(UTC)


def test_the_slip_names_programme_contact_address_date_and_centre(visits, database, centre_id):
    visit_id = visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            visitor=VisitorInput("Amina", "Benali", 1980, consent=True, situations=("qpv",)),
            programmes=("cites-lab",),
        )
    )
    slip = build_slip(database, visit_id)
    html = slip.html()
    for expected in (
        "Fiche d’orientation",
        "Cités Lab",
        "Bruno KUTZA",
        "07 62 54 81 50",
        "cpcitelab@acsrv.org",
        "34 avenue de Condé, 59300 Valenciennes",
        slip.date_text,
        slip.centre,
        "Amina",
    ):
        assert expected in html
    assert "Benali" not in html  # the family name is not needed on the slip
    link = slip.mailto(slip.lines[0])
    assert link.startswith("mailto:cpcitelab@acsrv.org?subject=")
    assert "Orientation vers Cités Lab" in unquote(link)


def test_no_prepared_email_without_consent(visits, database, centre_id):
    visit_id = visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            visitor=VisitorInput("Paul", consent=False),
            programmes=("les-zelles",),
        )
    )
    slip = build_slip(database, visit_id)
    assert slip.mailto(slip.lines[0]) is None


def test_a_visit_without_referral_has_no_slip(visits, database, centre_id):
    visit_id = visits.log_visit(VisitInput(centre_id, "sur-place", NOW))
    with pytest.raises(UserFacingError, match="pas de fiche"):
        build_slip(database, visit_id)
