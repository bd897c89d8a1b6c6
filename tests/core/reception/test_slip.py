"""The referral slip's content, and the e-mail prepared only with consent."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import unquote

import pytest

from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.contact_details import ContactInput
from acsrv_desktop.core.reception.profile import VisitorInput
from acsrv_desktop.core.reception.references import shown
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
        "07&nbsp;62&nbsp;54&nbsp;81&nbsp;50",  # never wrapped
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


def test_the_prepared_emails_carry_the_reference_and_what_the_person_agreed_to_give(
    visits, database, centre_id
):
    """Issue 17, on a single workstation the channel to the contact: the reference to quote
    when the contact calls back, the contact preference, the details and the desk's message
    (given for this referral, even without consent on the record); and the reminder."""
    visit_id = visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            visitor=VisitorInput("Paul", consent=False),
            programmes=("cites-lab", "forum-citoyen"),
            contact=ContactInput(True, "telephone", "0612345678", None, "le matin"),
            messages={"cites-lab": "Projet de création d’un food-truck."},
        )
    )
    slip = build_slip(database, visit_id)
    cites, forum = slip.lines
    mail = unquote(slip.mailto(cites))
    reference = shown(cites.reference)
    assert f"Orientation vers Cités Lab ({reference})" in mail
    for said in (
        f"Référence de l’orientation : {reference}",
        "Préférence de contact : téléphone",
        "Téléphone : 06 12 34 56 78",
        "Disponibilités : le matin",
        "Message de l’accueil : Projet de création d’un food-truck.",
    ):
        assert said in mail, said
    assert "Message de l’accueil" not in unquote(slip.mailto(forum) or "")  # Cités Lab's own
    reminder = unquote(slip.mailto(cites, reminder=True))
    assert f"Relance : orientation vers Cités Lab ({reference})" in reminder
    assert "Nous n’avons pas encore de nouvelles de cette orientation" in reminder
    assert "Préférence de contact : téléphone" in reminder


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


def test_phone_numbers_are_french_and_never_wrap(visits, database, centre_id):
    visit_id = visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            visitor=VisitorInput("Amina", consent=True),
            programmes=("cites-lab",),
        )
    )
    html = build_slip(database, visit_id).html()
    for number in ("07 62 54 81 50", "03 27 28 91 98"):
        nowrap = number.replace(" ", "&nbsp;")
        assert f"<span style='white-space:nowrap'>{nowrap}</span>" in html
        assert number not in html  # no plain space left to break at


def test_the_slip_says_when_where_and_what_to_bring(visits, database, centre_id):
    from acsrv_desktop.core.models import Programme

    with database.write() as session:
        row = session.get(Programme, "cites-lab")
        row.opening_hours = "Le mardi, 9 h – 12 h\nSur rendez-vous"
        row.address = "12 rue Jean-Jaurès, 59220 Denain"
        row.documents = "Pièce d’identité\nJustificatif de domicile & CV"
    visit_id = visits.log_visit(
        VisitInput(
            centre_id,
            "sur-place",
            NOW,
            visitor=VisitorInput("Amina"),
            programmes=("cites-lab", "les-zelles"),
        )
    )
    slip = build_slip(database, visit_id)
    cites, zelles = slip.lines
    assert cites.address == "12 rue Jean-Jaurès, 59220 Denain"
    assert (zelles.opening_hours, zelles.address, zelles.documents) == (None, None, None)
    html = slip.html()
    for expected in (
        "<b>Horaires :</b>",
        "Le mardi, 9 h – 12 h<br>Sur rendez-vous",
        "<b>Adresse :</b>",
        "12 rue Jean-Jaurès, 59220&nbsp;Denain",  # the commune stays with its postal code
        "<b>Pièces à apporter :</b>",
        "Pièce d’identité<br>Justificatif de domicile &amp; CV",
    ):
        assert expected in html
    # Printed for the entry that has them only.
    assert html.count("Horaires :") == html.count("Adresse :") == 1
