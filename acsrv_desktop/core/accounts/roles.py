"""Who may do what: the roles, their permissions, and the actor every service is given.

Roles are cumulative: coordination can do everything accueil can (for every centre), and
administration everything coordination can — a small federation's director is both. The
référent de programme stands apart: the contact of one or more programmes of the catalogue
(an ACSRV employee), who sees and answers the referrals addressed to them and nothing else —
no Accueil, no people's records, no figures.
Services refuse what the actor's role does not allow; the GUI only hides it.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum

from acsrv_desktop.core.errors import UserFacingError


class Role(StrEnum):
    ACCUEIL = "accueil"
    COORDINATION = "coordination"
    ADMINISTRATION = "administration"
    REFERENT = "referent"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ACCUEIL: "Accueil",
    Role.COORDINATION: "Coordination",
    Role.ADMINISTRATION: "Administration",
    Role.REFERENT: "Référent de programme",
}


class Permission(StrEnum):
    LOG_VISITS = "log-visits"  # log, correct, cancel visits; route; today's visits
    READ_VISITORS = "read-visitors"  # look up and open a person's record
    PERSON_RIGHTS = "person-rights"  # export and correct what is held about a person
    ALL_CENTRES = "all-centres"  # visits and referrals of every centre, any day
    ERASE_VISITORS = "erase-visitors"
    FIGURES = "figures"  # monthly figures and exports
    CATALOGUE = "catalogue"  # edit, import the catalogue
    ACCOUNTS = "accounts"
    SETTINGS = "settings"  # retention, idle lock
    PURGE = "purge"
    MERGE_VISITORS = "merge-visitors"
    AUDIT = "audit"
    BACKUPS = "backups"
    # The référent's: the referrals addressed to its own programmes, and their answer.
    ANSWER_REFERRALS = "answer-referrals"


_ACCUEIL = frozenset({Permission.LOG_VISITS, Permission.READ_VISITORS, Permission.PERSON_RIGHTS})
_COORDINATION = _ACCUEIL | {Permission.ALL_CENTRES, Permission.ERASE_VISITORS, Permission.FIGURES}
_ADMINISTRATION = _COORDINATION | {
    Permission.CATALOGUE,
    Permission.ACCOUNTS,
    Permission.SETTINGS,
    Permission.PURGE,
    Permission.MERGE_VISITORS,
    Permission.AUDIT,
    Permission.BACKUPS,
}
PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ACCUEIL: _ACCUEIL,
    Role.COORDINATION: frozenset(_COORDINATION),
    Role.ADMINISTRATION: frozenset(_ADMINISTRATION),
    Role.REFERENT: frozenset({Permission.ANSWER_REFERRALS}),
}

REFUSALS = {
    Permission.LOG_VISITS: "enregistrer des passages",
    Permission.READ_VISITORS: "consulter les fiches des personnes",
    Permission.PERSON_RIGHTS: "exporter ou corriger les données d’une personne",
    Permission.ALL_CENTRES: "voir les passages et orientations des autres centres",
    Permission.ERASE_VISITORS: "effacer la fiche d’une personne",
    Permission.FIGURES: "consulter ou exporter la fréquentation",
    Permission.CATALOGUE: "modifier le catalogue",
    Permission.ACCOUNTS: "gérer les comptes",
    Permission.SETTINGS: "modifier les réglages",
    Permission.PURGE: "lancer l’anonymisation",
    Permission.MERGE_VISITORS: "fusionner des fiches",
    Permission.AUDIT: "consulter le journal d’audit",
    Permission.BACKUPS: "sauvegarder ou restaurer la base",
    Permission.ANSWER_REFERRALS: "répondre aux orientations adressées à un programme",
}


class AccessDeniedError(UserFacingError):
    """The actor's role does not allow the action (the message says which)."""


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in staff member, or the application itself (start-up purge, CLI)."""

    account_id: int | None
    login: str
    role: Role
    centre_id: int | None = None
    display_name: str = ""

    @classmethod
    def system(cls, what: str) -> Actor:
        """The application acting on its own (the start-up retention purge, a test)."""
        return cls(None, f"système ({what})"[:80], Role.ADMINISTRATION)

    @classmethod
    def command_line(cls) -> Actor:
        """The command line, run by whoever holds the database file or its credentials."""
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "inconnu"
        return cls(None, f"ligne de commande ({user})"[:80], Role.ADMINISTRATION)

    def can(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise AccessDeniedError(
                f"Votre rôle ({self.role.label}) ne permet pas de {REFUSALS[permission]}."
            )

    def require_centre(self, centre_id: int | None) -> None:
        """Accueil works for its own centre only."""
        if self.can(Permission.ALL_CENTRES):
            return
        if centre_id is None or centre_id != self.centre_id:
            raise AccessDeniedError(
                f"Votre rôle ({self.role.label}) ne permet de travailler que pour votre centre."
            )

    @property
    def name(self) -> str:
        return self.display_name or self.login
