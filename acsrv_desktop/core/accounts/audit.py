"""The audit trail: who did what and when, with record ids but never names or notes.

An entry is written in the same transaction as the action it records: both land or neither.
The database refuses updates, and deletes of entries younger than 12 months (migration 0006).
On SQLite each entry is also sealed, chained to the previous one under a key kept outside the
file (``audit_chain``): a trail rewritten through the file is found out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from acsrv_desktop.core import atomic_output
from acsrv_desktop.core.accounts import audit_chain
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Permission
from acsrv_desktop.core.clock import PARIS, utc_now
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import AuditEntry, StaffAccount

# 12 months is 365 or 366 days: 366 never deletes an entry the database would still protect.
AUDIT_KEPT_DAYS = 366

ACTIONS = {
    "connexion": "Connexion",
    "connexion-refusee": "Connexion refusée",
    "deverrouillage": "Déverrouillage",
    "deverrouillage-refuse": "Déverrouillage refusé",
    "verrouillage": "Verrouillage",
    "journal-exporte": "Journal d’audit exporté",
    "donnees-demo": "Ajout de données de démonstration",
    "verification": "Mot de passe actuel vérifié",
    "verification-refusee": "Mot de passe actuel refusé",
    "passage-cree": "Passage enregistré",
    "passage-modifie": "Passage corrigé",
    "passage-annule": "Passage annulé",
    "passage-retabli": "Passage rétabli",
    "orientation-modifiee": "Orientation modifiée",
    "orientation-repondue": "Réponse du référent à une orientation",
    "fiche-ouverte": "Fiche ouverte",
    "recherche-ailleurs": "Recherche dans les autres centres",
    "fiche-accueillie": "Fiche d’un autre centre reprise ici",
    "fiche-creee": "Fiche créée",
    "fiche-corrigee": "Fiche corrigée",
    "fiche-exportee": "Données d’une personne exportées",
    "fiche-fusionnee": "Fiches fusionnées",
    "fiche-effacee": "Fiche effacée",
    "export": "Export de la fréquentation",
    "catalogue-modifie": "Catalogue modifié",
    "catalogue-importe": "Catalogue importé",
    "anonymisation": "Anonymisation (conservation)",
    "journal-purge": "Journal d’audit purgé",
    "journal-scelle": "Journal d’audit scellé",
    "compte-cree": "Compte créé",
    "compte-modifie": "Compte modifié",
    "programmes-referent": "Programmes d’un référent modifiés",
    "mot-de-passe": "Mot de passe changé",
    "reglage-modifie": "Réglage modifié",
    "sauvegarde": "Sauvegarde",
    "restauration": "Restauration",
    # Written by the server's triggers (core/server/functions.py), whoever changed the row.
    "base-ajout": "Ligne ajoutée (serveur)",
    "base-modification": "Ligne modifiée (serveur)",
    "base-suppression": "Ligne supprimée (serveur)",
    "base-transferee": "Base locale transférée vers le serveur",
}


# The keys are kept short and plain in the database; shown with their accents.
DETAIL_LABELS = {
    "echecs": "échecs",
    "role": "rôle",
    "supprimees": "supprimées",
    "duree_mois": "durée (mois)",
    "ajoutees": "ajoutées",
    "modifiees": "modifiées",
    "periode": "période",
    "detail": "détail",
    "apres": "après",
    "fusionnee": "fusionnée",
    "revision": "révision",
    "entrees": "entrées",
    "base_locale": "venue de la base locale",
    "doublons_possibles": "doublons possibles",
    "centres_crees": "centres créés",
    "derniere_orientation": "dernière orientation",
    "derniere_entree": "dernière entrée",
    "chaine": "chaîne",
    "chaine_precedente": "chaîne précédente",
    "comptes_jamais": "jamais de compte",
    "entrees_anterieures": "entrées antérieures",
    "jusqu_a": "jusqu’à l’entrée n°",
}


def _detail_value(value: Any) -> str:
    if value is True:
        return "oui"
    if value is False:
        return "non"
    return str(value)


def _check_still_valid(session: Session, actor: Actor) -> None:
    """An account deactivated, or given another role or centre, since it signed in acts no
    more: every traced action checks it, in the action's own transaction."""
    if actor.account_id is None:
        return
    with session.no_autoflush:  # the account as stored, not as being changed
        row = session.execute(
            select(StaffAccount.active, StaffAccount.role, StaffAccount.centre_id).where(
                StaffAccount.id == actor.account_id
            )
        ).first()
    if (
        row is None
        or not row.active
        or (row.role, row.centre_id)
        != (
            actor.role.value,
            actor.centre_id,
        )
    ):
        raise AccessDeniedError(
            "Votre compte a été modifié ou désactivé depuis votre connexion : fermez "
            "l’application et reconnectez-vous."
        )


def record(
    session: Session,
    actor: Actor,
    action: str,
    record_type: str | None = None,
    record_id: object = None,
    **details: Any,
) -> None:
    """Add an entry to the trail, inside the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    _check_still_valid(session, actor)
    # A plain INSERT, not the ORM's (which asks the new id back): on the server no staff
    # login may read the trail, not even the ids of its own entries.
    session.flush()  # in the order of the changes it records
    values: dict[str, Any] = {
        "occurred_at": utc_now(),
        "account_id": actor.account_id,
        "actor": actor.login[:80],
        "action": action,
        "record_type": record_type,
        "record_id": None if record_id is None else str(record_id)[:80],
        "details": {k: v for k, v in details.items() if v is not None},
    }
    if session.get_bind().dialect.name == "sqlite":
        audit_chain.seal(session, values)  # its number and its seal, before the INSERT
    session.execute(insert(AuditEntry).values(**values))


def write(db: Database, actor: Actor, action: str, *args: Any, **details: Any) -> None:
    """An entry on its own (a read, an export): its own short transaction."""
    with db.write() as session:
        record(session, actor, action, *args, **details)


def _paris_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), PARIS).astimezone(UTC)


@dataclass(frozen=True)
class AuditRow:
    id: int
    occurred_at: datetime
    actor: str
    action: str
    record_type: str | None
    record_id: str | None
    details: dict[str, Any]

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def details_text(self) -> str:
        return ", ".join(
            f"{DETAIL_LABELS.get(key, key)} : {_detail_value(value)}"
            for key, value in sorted(self.details.items())
        )

    def cells(self) -> tuple:
        local = self.occurred_at.astimezone(PARIS)
        return (
            local.strftime("%d/%m/%Y %H:%M:%S"),
            self.actor,
            self.action_label,
            self.record_type or "",
            self.record_id or "",
            self.details_text,
        )


COLUMNS = ("Date et heure", "Utilisateur", "Action", "Objet", "N°", "Détails")


@dataclass(frozen=True)
class AuditFilter:
    since: date | None = None  # Paris days, both included
    until: date | None = None
    actor: str = ""  # part of the user's login
    action: str | None = None


class AuditService:
    """The audit trail, read by administration (each method checks the actor first)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor

    def entries(self, filters: AuditFilter | None = None, limit: int = 5000) -> list[AuditRow]:
        """The most recent first."""
        self.actor.require(Permission.AUDIT)
        filters = filters or AuditFilter()
        statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if filters.since is not None:
            statement = statement.where(AuditEntry.occurred_at >= _paris_midnight(filters.since))
        if filters.until is not None:
            statement = statement.where(
                AuditEntry.occurred_at < _paris_midnight(filters.until + timedelta(days=1))
            )
        if filters.actor.strip():
            statement = statement.where(
                func.lower(AuditEntry.actor).contains(
                    filters.actor.strip().lower(), autoescape=True
                )
            )
        if filters.action:
            statement = statement.where(AuditEntry.action == filters.action)
        with self.db.read() as session:
            return [
                AuditRow(
                    row.id,
                    row.occurred_at,
                    row.actor,
                    row.action,
                    row.record_type,
                    row.record_id,
                    dict(row.details or {}),
                )
                for row in session.scalars(statement)
            ]

    def export_csv(self, path: Path, filters: AuditFilter | None = None) -> int:
        """The filtered entries as a CSV for French Excel; returns how many were written."""
        self.actor.require(Permission.AUDIT)
        # Imported here: the exports module depends on the reception services, which audit.
        from acsrv_desktop.core.attendance.exports import check_output, french_csv_text

        check_output(path)
        rows = self.entries(filters, limit=1_000_000)
        text = french_csv_text(COLUMNS, [row.cells() for row in rows])
        atomic_output.write_text(path, text, newline="")  # whole, or an OutputError
        filters = filters or AuditFilter()
        write(
            self.db,
            self.actor,
            "journal-exporte",
            entrees=len(rows),
            du=filters.since.isoformat() if filters.since else None,
            au=filters.until.isoformat() if filters.until else None,
            filtre_action=filters.action,
        )
        return len(rows)

    def verify_chain(self) -> audit_chain.ChainReport:
        """Whether the trail's triggers are there and its chain intact, and where it breaks
        (SQLite; on the server its own privileges protect it)."""
        self.actor.require(Permission.AUDIT)
        return audit_chain.verify(self.db)

    def actors(self) -> list[str]:
        self.actor.require(Permission.AUDIT)
        with self.db.read() as session:
            return sorted(session.scalars(select(AuditEntry.actor).distinct()))


def purge_old_entries(db: Database, actor: Actor, *, now: datetime | None = None) -> int:
    """Delete the entries older than 12 months (the CNIL recommends 6 to 12); says how many."""
    limit = (now or utc_now()) - timedelta(days=AUDIT_KEPT_DAYS)
    if db.login is not None:  # a staff login on the server: only the owner's function may
        with db.write() as session:
            count = int(
                session.execute(
                    text("SELECT acsrv_purge_audit(:days)"), {"days": AUDIT_KEPT_DAYS}
                ).scalar_one()
            )
            if count:
                record(session, actor, "journal-purge", supprimees=count)
        return count
    with db.write() as session:
        # The oldest entries, a prefix of the numbering: the chain goes on from where it stops.
        purged = audit_chain.purge_prefix(session, db, limit)
        if purged:
            record(session, actor, "journal-purge", **purged)
    return int(purged["supprimees"]) if purged else 0
