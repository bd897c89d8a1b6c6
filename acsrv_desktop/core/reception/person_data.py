"""Everything held about one person (their right of access), as JSON or as a readable page.

The export is a read of personal data: it is traced in the audit trail (ids only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from sqlalchemy import select

from acsrv_desktop import __version__
from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import Actor, Permission
from acsrv_desktop.core.catalogue.vocabularies import GENDERS, load_vocabularies
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.models import Centre, Contact, Programme, Referral, Visit, Visitor
from acsrv_desktop.core.reception.contact_details import CONTACT_PREFERENCES
from acsrv_desktop.core.reception.references import shown
from acsrv_desktop.core.reception.referrals import REFUSAL_REASONS, STATUSES
from acsrv_desktop.core.reception.visits import CHANNELS
from acsrv_desktop.core.settings import RETENTION_MONTHS

HOLDER = "ACSRV — Association des Centres Sociaux de la Région de Valenciennes"


def _local(moment: datetime | None, with_time: bool = True) -> str:
    if moment is None:
        return ""
    return moment.astimezone(PARIS).strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")


@dataclass(frozen=True)
class PersonData:
    """The record, its visits and its referrals, with French labels and dates."""

    visitor_id: int
    record: dict[str, Any]
    visits: list[dict[str, Any]] = field(default_factory=list)
    referrals: list[dict[str, Any]] = field(default_factory=list)
    scope: str = ""  # which visits are shown, when not all of them
    retention_months: int = 24
    generated_at: datetime = field(default_factory=lambda: utc_now())

    def as_json(self) -> str:
        document = {
            "responsable_du_traitement": HOLDER,
            "genere_le": _local(self.generated_at),
            "logiciel": f"acsrv-desktop {__version__}",
            "fiche": self.record,
            "perimetre": self.scope or "tous les centres",
            "passages": self.visits,
            "orientations": self.referrals,
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def html(self) -> str:
        def table(rows: list[dict[str, Any]], empty: str) -> str:
            if not rows:
                return f"<p><i>{empty}</i></p>"
            head = "".join(f"<th align='left'>{escape(k)}</th>" for k in rows[0])
            body = "".join(
                "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row.values()) + "</tr>"
                for row in rows
            )
            return (
                "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
                f"<tr>{head}</tr>{body}</table>"
            )

        record = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>"
            for k, v in self.record.items()
        )
        return (
            "<html><body style='font-family: DejaVu Sans, sans-serif;'>"
            "<h1>Données conservées sur une personne</h1>"
            f"<p>{escape(HOLDER)} — document établi le {_local(self.generated_at)}, "
            "à la demande de la personne (droit d’accès, RGPD art. 15).</p>"
            + (f"<p><b>{escape(self.scope)}</b></p>" if self.scope else "")
            + f"<h2>Fiche</h2><table cellpadding='3'>{record}</table>"
            f"<h2>Passages ({len(self.visits)})</h2>"
            + table(self.visits, "Aucun passage.")
            + f"<h2>Orientations ({len(self.referrals)})</h2>"
            + table(self.referrals, "Aucune orientation.")
            + f"<p>Ces données sont conservées {self.retention_months} mois après le dernier "
            "passage, puis "
            "anonymisées. Pour les faire corriger ou effacer, adressez-vous à l’accueil.</p>"
            "</body></html>"
        )


def _record(row: Visitor, situations: dict[str, str]) -> dict[str, Any]:
    return {
        "N° de fiche": row.id,
        "Prénom": row.first_name,
        "Nom": row.last_name or "",
        "Année de naissance": row.birth_year or "",
        "Tranche d’âge": row.age_bracket or "",
        "Genre": GENDERS.get(row.gender, "") if row.gender else "",
        "Commune": row.commune or "",
        "Secteur": row.sector or "",
        "Situations": ", ".join(situations.get(s, s) for s in row.situations),
        "Accord pour conserver les coordonnées": "oui" if row.consent else "non",
        "Fiche créée le": _local(row.created_at),
        "Dernier passage": _local(row.last_seen_at),
        "Anonymisée le": _local(row.anonymised_at),
    }


def person_data(db: Database, actor: Actor, visitor_id: int) -> PersonData:
    """Everything held about the person; the reading is traced."""
    actor.require(Permission.PERSON_RIGHTS)
    vocab = load_vocabularies()
    situations = {code: s.label for code, s in vocab.situations.items()}
    with db.write() as session:
        row = session.get(Visitor, visitor_id)
        if row is None or row.merged_into_id is not None:
            raise UserFacingError("Cette personne n’existe plus (fiche fusionnée ou effacée).")
        # Accueil hands over what its own centre holds; coordination, the whole federation's.
        own_centre = (
            [] if actor.can(Permission.ALL_CENTRES) else [Visit.centre_id == actor.centre_id]
        )
        visits = session.execute(
            select(Visit, Centre.name)
            .join(Centre, Centre.id == Visit.centre_id)
            .where(Visit.visitor_id == visitor_id, *own_centre)
            .order_by(Visit.occurred_at)
        ).all()
        referrals = session.execute(
            select(Referral, Programme.name, Contact.name, Visit.occurred_at)
            .join(Programme, Programme.id == Referral.programme_id)
            .join(Visit, Visit.id == Referral.visit_id)
            .outerjoin(Contact, Contact.id == Referral.contact_id)
            .where(Visit.visitor_id == visitor_id, *own_centre)
            .order_by(Referral.created_at)
        ).all()
        scope = ""
        if own_centre:
            centre = session.get(Centre, actor.centre_id)
            scope = (
                f"Passages et orientations du centre « {centre.name if centre else '?'} » "
                "seulement : pour ceux des autres centres, la coordination fait l’export complet."
            )
        data = PersonData(
            visitor_id,
            _record(row, situations),
            [
                {
                    "Date": _local(visit.occurred_at),
                    "Centre": centre,
                    "Canal": CHANNELS.get(visit.channel, visit.channel),
                    "Besoins": ", ".join(vocab.thematique_label(n) for n in visit.needs),
                    "Note": visit.note or "",
                    "Annulé": "oui" if visit.cancelled_at else "",
                }
                for visit, centre in visits
            ],
            [
                {
                    "Date": _local(visit_at, with_time=False),
                    "Programme": programme,
                    "Contact": contact or "",
                    "Référence": shown(referral.reference),
                    "Statut": STATUSES.get(referral.status, referral.status),
                    "Motif de refus": REFUSAL_REASONS.get(referral.refusal_reason or "", ""),
                    "Commentaire": referral.refusal_note or "",
                    "Accord pour transmettre au contact": "oui" if referral.consent else "non",
                    "Préférence de contact": CONTACT_PREFERENCES.get(
                        referral.contact_preference or "", ""
                    ),
                    "Téléphone transmis": referral.contact_phone or "",
                    "Courriel transmis": referral.contact_email or "",
                    "Disponibilités": referral.availability or "",
                    "Message au contact": referral.message or "",
                    "Première réponse le": _local(referral.handled_at),
                }
                for referral, programme, contact, visit_at in referrals
            ],
            scope,
            RETENTION_MONTHS.get(db),
        )
        audit.record(session, actor, "fiche-ouverte", "personne", visitor_id, contenu="complet")
    return data


def record_person_export(db: Database, actor: Actor, visitor_id: int, kind: str) -> None:
    actor.require(Permission.PERSON_RIGHTS)
    audit.write(db, actor, "fiche-exportee", "personne", visitor_id, format=kind)


class PersonDataService:
    """A person's rights at the desk: what is held about them, its export, its erasure."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def read(self, visitor_id: int) -> PersonData:
        """Everything held about the person (accueil: what its own centre holds); traced."""
        self.actor.require(Permission.PERSON_RIGHTS)
        return person_data(self.db, self.actor, visitor_id)

    def record_export(self, visitor_id: int, kind: str) -> None:
        """The export of that document (``pdf``, ``json``) in the audit trail."""
        self.actor.require(Permission.PERSON_RIGHTS)
        record_person_export(self.db, self.actor, visitor_id, kind)
