"""A visit carrying recognisable personal data (a name, a note), for the tests that check
such data never reaches a file or a message it should not."""

from __future__ import annotations

from datetime import datetime

from acsrv_desktop.core.centres import CentreService
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.visits import VisitInput
from acsrv_desktop.core.services import Services

FIRST_NAME, LAST_NAME, NOTE = "Zéphyrine", "Quarteron", "dette EDF 4321"


def log_personal_visit(services: Services) -> int:
    """Zéphyrine Quarteron's visit (note « dette EDF 4321 », a referral) at the first centre."""
    centre = CentreService(services.centres.db).centres()[0].id
    return services.visits.log_visit(
        VisitInput(
            centre,
            "sur-place",
            datetime(2026, 10, 5, 10, 0, tzinfo=PARIS),
            ("trouver-un-emploi",),
            note=NOTE,
            visitor=VisitorInput(FIRST_NAME, LAST_NAME, 1990, None, "femme", "Denain", (), True),
            programmes=("court-circuit",),
        )
    )
