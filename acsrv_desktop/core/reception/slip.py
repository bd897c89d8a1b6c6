"""The referral slip handed to the visitor: what to say, with whom, where (Qt-free content)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import quote

from sqlalchemy import select

from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.clock import PARIS
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import (
    Centre,
    Contact,
    Organisation,
    Programme,
    Referral,
    Visit,
    Visitor,
)
from acsrv_desktop.core.reception.contact_details import CONTACT_PREFERENCES
from acsrv_desktop.core.reception.references import shown as shown_reference
from acsrv_desktop.core.text import format_phone


@dataclass(frozen=True)
class SlipLine:
    programme: str
    summary: str
    practical: str | None
    contact_name: str | None
    contact_role: str | None
    contact_phone: str | None
    contact_email: str | None
    opening_hours: str | None = None
    address: str | None = None
    documents: str | None = None
    # The referral itself (issue 17): its reference, and what the person agreed to give the
    # contact (``consent``: their agreement for this referral), the desk's message.
    reference: str = ""
    consent: bool = False
    contact_preference: str | None = None
    person_phone: str | None = None
    person_email: str | None = None
    availability: str | None = None
    message: str | None = None
    created_at: datetime | None = None

    def details_text(self) -> str:
        """The lines of a prepared e-mail that carry what the person agreed to give."""
        lines = []
        if self.reference:
            lines.append(f"Référence de l’orientation : {shown_reference(self.reference)}")
        if self.consent:
            if self.contact_preference:
                preference = CONTACT_PREFERENCES.get(
                    self.contact_preference, self.contact_preference
                )
                lines.append(f"Préférence de contact : {preference}")
            if self.person_phone:
                lines.append(f"Téléphone : {format_phone(self.person_phone)}")
            if self.person_email:
                lines.append(f"Courriel : {self.person_email}")
            if self.availability:
                lines.append(f"Disponibilités : {self.availability}")
            if self.message:
                lines.append(f"Message de l’accueil : {self.message}")
        return "\n".join(lines)


def phone_html(phone: str) -> str:
    """A phone number written the French way that never breaks across two lines."""
    digits = escape(format_phone(phone)).replace(" ", "&nbsp;")
    return f"<span style='white-space:nowrap'>{digits}</span>"


def _lines_html(text: str) -> str:
    lines = (escape(line) for line in text.splitlines() if line.strip())
    # "59220 Denain" is not cut between the postal code and the commune.
    return "<br>".join(re.sub(r"\b(\d{5}) ", r"\1&nbsp;", line) for line in lines)


def _practical_html(line: SlipLine) -> str:
    """When, where and what to bring: what the person needs to get there."""
    rows = [
        (label, _lines_html(value))
        for label, value in (
            ("Horaires", line.opening_hours),
            ("Adresse", line.address),
            ("Pièces à apporter", line.documents),
        )
        if value
    ]
    if not rows:
        return ""
    cells = "".join(
        f"<tr><td style='padding-right:8px; white-space:nowrap' valign='top'><b>{label} :</b></td>"
        f"<td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='1' style='margin-bottom:6px'>{cells}</table>"


@dataclass(frozen=True)
class Slip:
    visit_id: int
    date: datetime
    centre: str
    visitor_first_name: str | None
    consent: bool
    federation: str
    address: str
    federation_phone: str | None
    lines: tuple[SlipLine, ...]

    @property
    def date_text(self) -> str:
        return self.date.astimezone(PARIS).strftime("%d/%m/%Y")

    def html(self) -> str:
        """One page, readable printed in black and white (A4 or A5)."""
        who = f"pour {escape(self.visitor_first_name)}" if self.visitor_first_name else ""
        parts = [
            "<html><body style='font-family: DejaVu Sans, sans-serif;'>",
            "<h1 style='margin-bottom:0'>Fiche d’orientation</h1>",
            f"<p style='margin-top:4px'>Remise le {self.date_text} {who} — "
            f"{escape(self.centre)}</p>",
            "<hr>",
        ]
        for line in self.lines:
            parts.append(f"<h2>{escape(line.programme)}</h2>")
            parts.append(f"<p>{escape(line.summary)}</p>")
            if line.practical:
                parts.append(f"<p><i>{escape(line.practical)}</i></p>")
            parts.append(_practical_html(line))
            contact = [f"<b>Votre contact : {escape(line.contact_name or 'l’ACSRV')}</b>"]
            if line.contact_role:
                contact.append(escape(line.contact_role))
            if line.contact_phone:
                contact.append(f"Téléphone : <b>{phone_html(line.contact_phone)}</b>")
            if line.contact_email:
                contact.append(f"Courriel : {escape(line.contact_email)}")
            parts.append("<p>" + "<br>".join(contact) + "</p>")
        phone = f" — {phone_html(self.federation_phone)}" if self.federation_phone else ""
        parts.append(
            f"<hr><p>{escape(self.federation)}<br>{escape(self.address)}{phone}</p>"
            "<p style='font-size:small'>Présentez cette fiche lors de votre premier contact. "
            "En cas de difficulté, revenez nous voir ou appelez l’accueil.</p></body></html>"
        )
        return "".join(parts)

    def mailto(self, line: SlipLine, *, reminder: bool = False) -> str | None:
        """A prepared e-mail to the programme's contact (only with the visitor's consent, on
        their record or for this referral): the reference, and the contact preference, the
        details and the desk's message the person agreed to give. ``reminder``: the one sent
        when the referral is « à relancer » (no answer after 10 days)."""
        if not line.contact_email or not (self.consent or line.consent):
            return None
        who = self.visitor_first_name or "une personne"
        reference = f" ({shown_reference(line.reference)})" if line.reference else ""
        details = line.details_text()
        details = f"\n\n{details}" if details else ""
        if reminder:
            subject = f"Relance : orientation vers {line.programme}{reference} — {self.centre}"
            body = (
                f"Bonjour,\n\nLe {self.date_text}, nous avons orienté {who} vers "
                f"{line.programme}. Nous n’avons pas encore de nouvelles de cette orientation : "
                "pourriez-vous nous dire si la personne a été contactée ? En citant la référence "
                f"ci-dessous, l’accueil la retrouve tout de suite.{details}\n\n"
                f"Bien cordialement,\nL’accueil — {self.centre}"
            )
        else:
            # Said only when the person agreed for this referral (an agreement on their
            # record is not one to hand their details to this contact).
            agreed = (
                "Elle a accepté que ses coordonnées vous soient transmises ; elle prendra "
                "contact avec vous, ou vous pouvez la recontacter."
                if line.consent
                else "Elle prendra contact avec vous, ou passez par l’accueil pour la joindre."
            )
            subject = f"Orientation vers {line.programme}{reference} — {self.centre}"
            body = (
                f"Bonjour,\n\nNous avons orienté ce jour ({self.date_text}) {who} vers "
                f"{line.programme}. {agreed}{details}\n\n"
                f"Bien cordialement,\nL’accueil — {self.centre}"
            )
        return f"mailto:{line.contact_email}?subject={quote(subject)}&body={quote(body)}"


class SlipService:
    """The slips of the visits the actor may see (accueil: its own centre's)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def slip(self, visit_id: int, programme_ids: tuple[str, ...] | None = None) -> Slip:
        """The slip of a visit's referrals (all of them, or those named)."""
        self.actor.require(Permission.LOG_VISITS)
        return build_slip(self.db, visit_id, programme_ids, actor=self.actor)


def build_slip(
    db: Database,
    visit_id: int,
    programme_ids: tuple[str, ...] | None = None,
    *,
    actor: Actor | None = None,
) -> Slip:
    """The slip of a visit's referrals (all of them, or those named); with ``actor``, only of
    a visit of a centre the actor works for."""
    with db.read() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise UserFacingError("Ce passage n’existe pas.")
        if actor is not None:
            actor.require_centre(visit.centre_id)
        statement = (
            select(Referral, Programme, Contact)
            .join(Programme, Programme.id == Referral.programme_id)
            .outerjoin(Contact, Contact.id == Referral.contact_id)
            .where(Referral.visit_id == visit_id)
            .order_by(Referral.id)
        )
        rows = [
            r
            for r in session.execute(statement)
            if not programme_ids or r[0].programme_id in programme_ids
        ]
        if not rows:
            raise UserFacingError("Ce passage n’a pas d’orientation : pas de fiche à remettre.")
        visitor = session.get(Visitor, visit.visitor_id) if visit.visitor_id else None
        centre = session.get(Centre, visit.centre_id)
        federation = session.scalars(select(Organisation)).first()
        return Slip(
            visit_id=visit.id,
            date=visit.occurred_at,
            centre=centre.name if centre else "",
            visitor_first_name=visitor.first_name if visitor else None,
            consent=bool(visitor and visitor.consent),
            federation=federation.full_name if federation else "ACSRV",
            address=(
                f"{federation.address}, {federation.postal_code} {federation.commune}"
                if federation
                else ""
            ),
            federation_phone=federation.phone if federation else None,
            lines=tuple(
                SlipLine(
                    p.name,
                    p.summary,
                    p.practical,
                    c.name if c else None,
                    c.role if c else None,
                    c.phone if c else None,
                    c.email if c else None,
                    opening_hours=p.opening_hours,
                    address=p.address,
                    documents=p.documents,
                    reference=r.reference,
                    consent=r.consent,
                    contact_preference=r.contact_preference,
                    person_phone=r.contact_phone,
                    person_email=r.contact_email,
                    availability=r.availability,
                    message=r.message,
                    created_at=r.created_at,
                )
                for r, p, c in rows
            ),
        )
