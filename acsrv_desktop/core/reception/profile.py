"""A visitor's profile: validation with French messages per field, and age brackets."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from acsrv_desktop.core.catalogue.vocabularies import GENDERS, load_vocabularies
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.reception.communes import load_communes
from acsrv_desktop.core.text import quoted
from acsrv_desktop.core.vocabulary import AgeBracket

# Brackets offered when the birth year is not given (those of the European Social Fund),
# defined once in ``vocabulary.AgeBracket``.
AGE_BRACKETS: dict[str, str] = {bracket: bracket.label for bracket in AgeBracket}
BRACKET_RANGES: dict[str, tuple[int, int]] = {bracket: bracket.range for bracket in AgeBracket}
MAX_NAME, MAX_COMMUNE, MAX_NOTE = 100, 120, 1000
MAX_AGE = 120  # beyond it, a birth year is one still being typed (or mistyped)
FIRST_NAME_REQUIRED = "Prénom : obligatoire (ou cochez « passage anonyme »)"
BIRTH_YEAR_DIGITS = "Année de naissance : quatre chiffres, ex. 1987"


# Characters that reorder the text shown (spoofing): never in a name or a note.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class FieldErrors(UserFacingError):
    """One French message per field; the form shows each next to its field."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__(" ; ".join(errors.values()))


def bracket_of_age(age: int) -> str:  # an AgeBracket
    for bracket in AgeBracket:
        low, high = bracket.range
        if low <= age <= high:
            return bracket
    return AgeBracket.FROM_55


def age_on(birth_year: int | None, day: date) -> int | None:
    """The age counted in ``day``'s year, or None: no birth year, or one that gives no
    possible age (a year half-typed, or in the future)."""
    if not birth_year:
        return None
    age = day.year - birth_year
    return age if 0 <= age <= MAX_AGE else None


def typed_birth_year(text: str) -> int | None:
    """The birth year as typed in a form: ASCII digits only (« 19² », the key left of 1 on a
    French keyboard, is not a year); None when nothing, or not digits, is typed."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def check_typed_profile(first_name: str, birth_year: str, *, new_record: bool) -> None:
    """What a form refuses before anything is sent (FieldErrors, one message per field): a
    new record with neither first name nor birth year, a birth year that is not digits. The
    rest is ``validate_visitor``'s, when the visit is saved."""
    if new_record and not first_name.strip() and not birth_year.strip():
        raise FieldErrors({"first_name": FIRST_NAME_REQUIRED})
    if birth_year.strip() and typed_birth_year(birth_year) is None:
        raise FieldErrors({"birth_year": BIRTH_YEAR_DIGITS})


def clean_text(
    value: str | None, limit: int, field_name: str, errors: dict[str, str], label: str
) -> str | None:
    """Trimmed text, or None; control characters and excessive length are refused."""
    if value is None:
        return None
    text = " ".join(value.split()) if field_name != "note" else value.strip()
    if not text:
        return None
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in text) or any(
        c in BIDI_CONTROLS for c in text
    ):
        errors[field_name] = f"{label} : caractères invalides"
    elif len(text) > limit:
        errors[field_name] = f"{label} : {len(text)} caractères, {limit} au plus"
    elif field_name != "note" and not any(unicodedata.category(c)[0] in "LN" for c in text):
        errors[field_name] = f"{label} : au moins une lettre"
    return text


@dataclass(frozen=True)
class VisitorInput:
    first_name: str = ""
    last_name: str | None = None
    birth_year: int | None = None
    age_bracket: str | None = None
    gender: str | None = None
    commune: str | None = None
    situations: tuple[str, ...] = ()
    consent: bool = False
    # A commune not in the arrondissement's list is kept only when confirmed as such: a
    # half-typed « Val » must never count in the figures as a commune.
    commune_outside: bool = False


@dataclass(frozen=True)
class CleanVisitor:
    first_name: str
    last_name: str | None
    birth_year: int | None
    age_bracket: str | None
    gender: str | None
    commune: str | None
    sector: str | None
    situations: list[str] = field(default_factory=list)
    consent: bool = False

    def age_on(self, day: date) -> int | None:
        return age_on(self.birth_year, day)

    def bracket_on(self, day: date) -> str | None:
        age = self.age_on(day)
        return bracket_of_age(age) if age is not None else self.age_bracket


def validate_visitor(data: VisitorInput, today: date) -> CleanVisitor:
    errors: dict[str, str] = {}
    first = clean_text(data.first_name, MAX_NAME, "first_name", errors, "Prénom")
    if not first and "first_name" not in errors:
        errors["first_name"] = FIRST_NAME_REQUIRED
    last = clean_text(data.last_name, MAX_NAME, "last_name", errors, "Nom")
    if data.birth_year is not None and not today.year - 110 <= data.birth_year <= today.year:
        errors["birth_year"] = (
            f"Année de naissance impossible : {data.birth_year} "
            f"(entre {today.year - 110} et {today.year})"
        )
    if data.age_bracket is not None and data.age_bracket not in AGE_BRACKETS:
        errors["age_bracket"] = "Tranche d’âge inconnue"
    if data.gender is not None and data.gender not in GENDERS:
        errors["gender"] = "Genre : femme, homme, ou autre / non précisé"
    commune = clean_text(data.commune, MAX_COMMUNE, "commune", errors, "Commune")
    communes = load_communes()
    if (
        commune
        and "commune" not in errors
        and not communes.in_arrondissement(commune)
        and not data.commune_outside
    ):
        errors["commune"] = (
            f"Commune : « {quoted(commune)} » n’est pas dans la liste ; choisissez-en une, "
            "ou cochez « hors arrondissement »"
        )
    vocab = load_vocabularies()
    unknown = [s for s in data.situations if s not in vocab.situations]
    if unknown:
        errors["situations"] = f"Situation inconnue : {quoted(', '.join(unknown))}"
    elif contradiction := vocab.contradiction(set(data.situations)):
        first_label, second_label = (vocab.situations[c].label for c in contradiction)
        errors["situations"] = (
            f"« {first_label} » et « {second_label} » ne vont pas ensemble : décochez l'une "
            "des deux."
        )
    elif NEET in data.situations and not _may_be_young_adult(data, today):
        errors["situations"] = (
            f"« {vocab.situations[NEET].label} » : seulement de {NEET_AGES[0]} à "
            f"{NEET_AGES[1]} ans (jeunes ni en emploi, ni en études, ni en formation). "
            "Vérifiez l'âge ou décochez cette situation."
        )
    if errors:
        raise FieldErrors(errors)
    commune = communes.canonical(commune) if commune else None
    bracket = data.age_bracket if data.birth_year is None else None
    return CleanVisitor(
        first_name=first or "",
        last_name=last,
        birth_year=data.birth_year,
        age_bracket=bracket,
        gender=data.gender,
        commune=commune,
        sector=communes.sector_of(commune),
        situations=_with_implied(data.situations, vocab.expand_situations(set(data.situations))),
        consent=data.consent,
    )


NEET = "ni-emploi-ni-formation"
NEET_AGES = (16, 29)  # the FSE+'s « NEET »: young people only


def _may_be_young_adult(data: VisitorInput, today: date) -> bool:
    """Whether the person may be 16 to 29 years old, from what is known of their age."""
    if data.birth_year is not None:
        youngest, oldest = today.year - data.birth_year - 1, today.year - data.birth_year
    elif data.age_bracket in AGE_BRACKETS:
        youngest, oldest = AgeBracket(data.age_bracket).range
    else:
        return True  # age unknown: nothing to contradict
    return youngest <= NEET_AGES[1] and oldest >= NEET_AGES[0]


def _with_implied(declared: tuple[str, ...], every: set[str]) -> list[str]:
    """The situations ticked, then those they imply (long-term unemployment is being a job
    seeker: ticked together, so that the FSE+ « chômeurs » can be counted from them)."""
    ordered = list(dict.fromkeys(declared))
    return ordered + sorted(every - set(ordered))
