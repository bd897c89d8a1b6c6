"""What the person agrees to give the programme's contact when a suggestion is accepted.

All of it optional, asked as DORA asks it: how they prefer to be reached (téléphone,
courriel, via l’accueil, autre), the phone or e-mail they agree to give, when they are
available, and a short message from the desk for the contact. Nothing of it is kept without
their consent: refused here in French, and by the database in any case (the CHECK
``ck_referral_contact_consent``, migration 0016).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from acsrv_desktop.core.reception.profile import FieldErrors, clean_text
from acsrv_desktop.core.vocabulary import ContactPreference

P = ContactPreference
CONTACT_PREFERENCES: dict[str, str] = {
    P.TELEPHONE: "téléphone",
    P.COURRIEL: "courriel",
    P.ACCUEIL: "via l’accueil",
    P.AUTRE: "autre",
}
del P
MAX_AVAILABILITY, MAX_MESSAGE = 200, 500
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class ContactInput:
    """As typed at the desk; the same for every referral of the visit but the message."""

    consent: bool = False
    preference: str | None = None
    phone: str | None = None
    email: str | None = None
    availability: str | None = None


@dataclass(frozen=True)
class CleanContact:
    consent: bool = False
    preference: str | None = None
    phone: str | None = None
    email: str | None = None
    availability: str | None = None

    @property
    def given(self) -> bool:
        return any((self.preference, self.phone, self.email, self.availability))


NO_CONTACT = CleanContact()


def _phone(typed: str | None, errors: dict[str, str]) -> str | None:
    if typed is None or not typed.strip():
        return None
    digits = "".join(c for c in typed if c.isdigit())
    international = typed.strip().startswith("+")
    if any(c not in "0123456789 .-()+" for c in typed.strip()) or not (
        (not international and len(digits) == 10 and digits[0] == "0")
        or (international and 8 <= len(digits) <= 15)
    ):
        errors["contact_phone"] = "Téléphone : 10 chiffres (par exemple 06 12 34 56 78)"
        return None
    if international:
        return "+" + digits
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def _email(typed: str | None, errors: dict[str, str]) -> str | None:
    if typed is None or not typed.strip():
        return None
    email = typed.strip()
    if len(email) > 200 or not _EMAIL.fullmatch(email):
        errors["contact_email"] = "Courriel : adresse invalide (par exemple prenom.nom@exemple.fr)"
        return None
    return email


def clean_contact(
    contact: ContactInput | None, messages: dict[str, str] | None = None
) -> tuple[CleanContact, dict[str, str]]:
    """The details and the message of each programme, checked; ``FieldErrors`` otherwise
    (one French message per field: ``contact_consent``, ``contact_preference``,
    ``contact_phone``, ``contact_email``, ``contact_availability``, ``contact_message``)."""
    contact = contact or ContactInput()
    errors: dict[str, str] = {}
    preference = contact.preference or None
    if preference is not None and preference not in CONTACT_PREFERENCES:
        errors["contact_preference"] = (
            "Préférence de contact : téléphone, courriel, via l’accueil ou autre"
        )
    phone = _phone(contact.phone, errors)
    email = _email(contact.email, errors)
    availability = clean_text(
        contact.availability, MAX_AVAILABILITY, "contact_availability", errors, "Disponibilités"
    )
    cleaned_messages: dict[str, str] = {}
    for programme, typed in (messages or {}).items():
        message = clean_text(typed, MAX_MESSAGE, "contact_message", errors, "Message au contact")
        if message:
            cleaned_messages[programme] = message
    if preference == ContactPreference.TELEPHONE and phone is None:
        errors.setdefault("contact_phone", "Téléphone : à indiquer, la personne préfère un appel")
    if preference == ContactPreference.COURRIEL and email is None:
        errors.setdefault("contact_email", "Courriel : à indiquer, la personne préfère un courriel")
    clean = CleanContact(contact.consent, preference, phone, email, availability)
    if not contact.consent and (clean.given or cleaned_messages):
        errors["contact_consent"] = (
            "Accord de la personne : sans lui, ni ses coordonnées ni le message ne sont "
            "transmis (cochez l’accord, ou laissez ces champs vides)"
        )
    if errors:
        raise FieldErrors(errors)
    return clean, cleaned_messages
