"""The fixed vocabularies stored in the database: one definition each.

Every value is a ``StrEnum``: it compares equal to, and is stored and serialised as, its
string. The database refuses any other value (CHECK constraints, migration 0012); the
models declare the same constraints from these enums. Roles are ``accounts.roles.Role``.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """How a visit happened."""

    SUR_PLACE = "sur-place"
    TELEPHONE = "telephone"
    COURRIEL = "courriel"


class ReferralStatus(StrEnum):
    """Where a referral stands ("expirée" is only shown, never stored)."""

    PROPOSEE = "proposee"
    CONTACT_PRIS = "contact-pris"
    ACCEPTEE = "acceptee"
    REFUSEE = "refusee"
    TERMINEE = "terminee"


class RefusalReason(StrEnum):
    """Why a referral was refused (each mapped onto DORA's reasons: ``reception.loop``)."""

    NON_JOIGNABLE = "non-joignable"
    NON_ELIGIBLE = "non-eligible"
    NON_INTERESSE = "non-interesse"
    SESSION_COMPLETE = "session-complete"
    DEJA_ACCOMPAGNE = "deja-accompagne"
    AUTRE = "autre"


class ContactPreference(StrEnum):
    """How the person prefers the programme's contact to reach them (DORA's four)."""

    TELEPHONE = "telephone"
    COURRIEL = "courriel"
    ACCUEIL = "accueil"  # through the desk that referred them
    AUTRE = "autre"


class AgeBracket(StrEnum):
    """The age brackets stored when the birth year is not given (those of the FSE+)."""

    UNDER_18 = "0-17"
    FROM_18_TO_29 = "18-29"
    FROM_30_TO_54 = "30-54"
    FROM_55 = "55+"

    @property
    def range(self) -> tuple[int, int]:
        """The youngest and oldest ages of the bracket, both included."""
        return _AGE_RANGES[self]

    @property
    def label(self) -> str:
        return _AGE_LABELS[self]


_AGE_RANGES = {
    AgeBracket.UNDER_18: (0, 17),
    AgeBracket.FROM_18_TO_29: (18, 29),
    AgeBracket.FROM_30_TO_54: (30, 54),
    AgeBracket.FROM_55: (55, 120),
}
_AGE_LABELS = {
    AgeBracket.UNDER_18: "moins de 18 ans",
    AgeBracket.FROM_18_TO_29: "18 à 29 ans",
    AgeBracket.FROM_30_TO_54: "30 à 54 ans",
    AgeBracket.FROM_55: "55 ans et plus",
}


def sql_in(column: str, values: type[StrEnum]) -> str:
    """The SQL condition of a CHECK constraint: ``column`` holds one of ``values``."""
    listed = ", ".join(f"'{value.value}'" for value in values)
    return f"{column} IN ({listed})"
