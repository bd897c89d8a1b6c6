"""Catalogue records as plain dicts, checked field by field with French messages.

The shipped TOML file, the data·inclusion import and the editing dialogs all produce these
records; the database is written from them only once every record is valid.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from acsrv_desktop.core.catalogue.vocabularies import (
    GENDERS,
    KINDS,
    RESIDENCES,
    Vocabularies,
    load_vocabularies,
)
from acsrv_desktop.core.errors import UserFacingError
from acsrv_desktop.core.text import EMAIL, format_phone
from acsrv_desktop.paths import shipped_file

ENTRY_FIELDS = (
    "parent",
    "kind",
    "name",
    "summary",
    "description",
    "practical",
    "opening_hours",
    "address",
    "documents",
    "funding",
    "thematiques",
    "publics",
    "keywords",
    "synonyms",
    "eligibility",
    "contacts",
)
CONTACT_FIELDS = ("name", "role", "phone", "email")
ORGANISATION_FIELDS = (
    "name",
    "full_name",
    "address",
    "postal_code",
    "commune",
    "phone",
    "email",
    "summary",
    "description",
    "funding",
    "sectors",
    "partners",
    "partnership_contacts",
    "contact",
)
ELIGIBILITY_KEYS = (
    "age_min",
    "age_max",
    "genders",
    "requires_all",
    "requires_any",
    "preferred",
    "residence",
    "sectors",
    "note",
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TEXT = {
    "email": 200,
    "phone": 40,
    "name": 200,
    "summary": 1000,
    "description": 20_000,
    "practical": 2000,
    "opening_hours": 1000,
    "documents": 2000,
    "funding": 2000,
    "role": 300,
    "full_name": 300,
    "address": 300,
    "commune": 120,
    "note": 1000,
    "keyword": 100,
}


class CatalogueValidationError(UserFacingError):
    """A record that cannot enter the catalogue; ``where`` names the record and the field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where} : {message}")
        self.where = where
        self.reason = message


@dataclass(frozen=True)
class CatalogueData:
    version: str
    organisation: dict[str, Any]
    contacts: dict[str, dict[str, Any]]
    entries: dict[str, dict[str, Any]]  # in file order


def _text(record: dict[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise CatalogueValidationError(f"{where}.{key}", "champ obligatoire vide")
        return None
    if not isinstance(value, str):
        raise CatalogueValidationError(f"{where}.{key}", "un texte est attendu")
    if "\x00" in value:
        raise CatalogueValidationError(f"{where}.{key}", "caractère nul interdit")
    limit = MAX_TEXT.get(key, 20_000)
    if len(value) > limit:
        raise CatalogueValidationError(
            f"{where}.{key}", f"texte trop long ({len(value)} caractères, {limit} au plus)"
        )
    return value.strip()


def _slug_list(
    record: dict[str, Any], key: str, where: str, allowed: dict[str, Any] | None = None
) -> list[str]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogueValidationError(f"{where}.{key}", "une liste de codes est attendue")
    for index, item in enumerate(value):
        if allowed is not None and item not in allowed:
            raise CatalogueValidationError(f"{where}.{key}[{index}]", f"code inconnu « {item} »")
    return list(dict.fromkeys(value))  # without duplicates, in order


def _publics(raw: dict[str, Any], where: str, vocab: Vocabularies) -> list[str]:
    """data·inclusion's publics; « tous publics » stands alone (as v1 requires)."""
    publics = _slug_list(raw, "publics", where, vocab.publics)
    if "tous-publics" in publics and len(publics) > 1:
        raise CatalogueValidationError(
            f"{where}.publics", "« tous publics » ne se combine pas avec d’autres publics"
        )
    return publics


def _words(raw: dict[str, Any], key: str, where: str, expected: str) -> list[str]:
    """Keywords or synonyms: short texts, trimmed, each once."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(k, str) and 0 < len(k.strip()) <= MAX_TEXT["keyword"] and "\x00" not in k
        for k in value
    ):
        raise CatalogueValidationError(f"{where}.{key}", expected)
    return list(dict.fromkeys(k.strip() for k in value))


MAX_THEME_SYNONYMS = 40  # words for one thématique: more is a list pasted by mistake


def check_theme_synonyms(
    raw: Any, vocab: Vocabularies, where: str, *, by_label: bool = False
) -> dict[str, list[str]]:
    """The everyday words edited for thématiques ({slug: [words]}): known slugs only, each
    word a short text, trimmed, once; an empty list is kept (it removes the shipped ones).
    ``by_label``: a refusal names the thématique as the person reads it (Administration)."""
    if not isinstance(raw, dict):
        raise CatalogueValidationError(where, "un objet {thématique : [mots]} est attendu")
    checked: dict[str, list[str]] = {}
    longest = MAX_TEXT["keyword"]
    for slug, words in raw.items():
        if slug not in vocab.thematiques:
            raise CatalogueValidationError(f"{where}.{slug}", "thématique inconnue")
        place = f"« {vocab.thematique_label(slug)} »" if by_label else f"{where}.{slug}"
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise CatalogueValidationError(place, "une liste de mots est attendue")
        listed = list(dict.fromkeys(w.strip() for w in words if w.strip()))
        for word in listed:
            if len(word) > longest:
                raise CatalogueValidationError(
                    place, f"« {word[:30]}… » est trop long ({longest} caractères au plus)"
                )
            if any(ord(c) < 32 for c in word):
                raise CatalogueValidationError(
                    place, f"« {word[:30]} » contient un caractère invisible"
                )
        if len(listed) > MAX_THEME_SYNONYMS:
            raise CatalogueValidationError(
                place, f"{MAX_THEME_SYNONYMS} mots au plus par thématique"
            )
        checked[slug] = listed
    return checked


def _phone(record: dict[str, Any], where: str) -> str | None:
    raw = _text(record, "phone", where)
    if raw is None:
        return None
    formatted = format_phone(raw)
    if not re.fullmatch(r"[0-9 +().-]{6,25}", formatted):
        raise CatalogueValidationError(f"{where}.phone", f"numéro de téléphone invalide « {raw} »")
    return formatted


def _email(record: dict[str, Any], where: str) -> str | None:
    raw = _text(record, "email", where)
    if raw is not None and not EMAIL.match(raw):
        raise CatalogueValidationError(f"{where}.email", f"adresse électronique invalide « {raw} »")
    return raw


def _place(record: dict[str, Any], where: str) -> str | None:
    """The address of the place, on one line (it is printed as such on the slip)."""
    raw = _text(record, "address", where)
    if raw is None:
        return None
    if "\n" in raw or "\r" in raw:
        raise CatalogueValidationError(
            f"{where}.address", "l’adresse tient sur une ligne (séparez par des virgules)"
        )
    if not re.search(r"[A-Za-zÀ-ÿ]", raw):
        raise CatalogueValidationError(f"{where}.address", f"adresse invalide « {raw} »")
    return " ".join(raw.split())


def check_id(value: Any, where: str) -> str:
    if not isinstance(value, str) or not SLUG.match(value) or len(value) > 80:
        raise CatalogueValidationError(
            f"{where}.id", f"identifiant invalide « {value} » (minuscules, chiffres et tirets)"
        )
    return value


def _age(eligibility: dict[str, Any], key: str, where: str) -> int | None:
    value = eligibility.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
        raise CatalogueValidationError(f"{where}.{key}", "âge entre 0 et 120 attendu")
    return value


def check_eligibility(raw: Any, where: str, vocab: Vocabularies) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise CatalogueValidationError(where, "un tableau de critères est attendu")
    unknown = sorted(set(raw) - set(ELIGIBILITY_KEYS))
    if unknown:
        raise CatalogueValidationError(f"{where}.{unknown[0]}", "critère inconnu")
    result: dict[str, Any] = {}
    age_min, age_max = _age(raw, "age_min", where), _age(raw, "age_max", where)
    if age_min is not None and age_max is not None and age_min > age_max:
        raise CatalogueValidationError(f"{where}.age_min", "l'âge minimum dépasse l'âge maximum")
    for key, value in (("age_min", age_min), ("age_max", age_max)):
        if value is not None:
            result[key] = value
    for key, allowed in (
        ("genders", GENDERS),
        ("requires_all", vocab.situations),
        ("requires_any", vocab.situations),
        ("preferred", vocab.situations),
        ("sectors", vocab.sectors),
    ):
        values = _slug_list(raw, key, where, allowed)
        if values:
            result[key] = values
    residence = raw.get("residence")
    if residence is not None:
        if residence not in RESIDENCES:
            raise CatalogueValidationError(f"{where}.residence", f"zone inconnue « {residence} »")
        result["residence"] = residence
    note = _text(raw, "note", where)
    if note:
        result["note"] = note
    return result


def check_contact(raw: dict[str, Any], where: str) -> dict[str, Any]:
    return {
        "name": _text(raw, "name", where, required=True),
        "role": _text(raw, "role", where),
        "phone": _phone(raw, where),
        "email": _email(raw, where),
    }


def check_entry(
    raw: dict[str, Any], where: str, vocab: Vocabularies, contact_ids: set[str]
) -> dict[str, Any]:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise CatalogueValidationError(f"{where}.kind", f"type inconnu « {kind} »")
    thematiques = []
    for index, slug in enumerate(_slug_list(raw, "thematiques", where)):
        canonical = vocab.canonical_thematique(slug)
        if canonical is None:
            raise CatalogueValidationError(
                f"{where}.thematiques[{index}]", f"thématique inconnue « {slug} »"
            )
        thematiques.append(canonical)
    keywords = _words(raw, "keywords", where, "une liste de mots-clés est attendue")
    synonyms = _words(raw, "synonyms", where, "une liste de synonymes est attendue")
    contacts = _slug_list(raw, "contacts", where)
    for index, contact in enumerate(contacts):
        if contact not in contact_ids:
            raise CatalogueValidationError(
                f"{where}.contacts[{index}]", f"contact inconnu « {contact} »"
            )
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise CatalogueValidationError(f"{where}.parent", "identifiant attendu")
    return {
        "parent": parent,
        "kind": kind,
        "name": _text(raw, "name", where, required=True),
        "summary": _text(raw, "summary", where) or "",
        "description": _text(raw, "description", where) or "",
        "practical": _text(raw, "practical", where),
        "opening_hours": _text(raw, "opening_hours", where),
        "address": _place(raw, where),
        "documents": _text(raw, "documents", where),
        "funding": _text(raw, "funding", where),
        "thematiques": list(dict.fromkeys(thematiques)),
        "publics": _publics(raw, where, vocab),
        "keywords": keywords,
        "synonyms": synonyms,
        "eligibility": check_eligibility(raw.get("eligibility"), f"{where}.eligibility", vocab),
        "contacts": contacts,
    }


def check_parents(entries: dict[str, dict[str, Any]], known_ids: set[str]) -> None:
    """Every parent exists and no entry is its own ancestor."""
    for entry_id, entry in entries.items():
        parent = entry["parent"]
        if parent is not None and parent not in known_ids:
            raise CatalogueValidationError(f"{entry_id}.parent", f"parent inconnu « {parent} »")
        seen = {entry_id}
        while parent is not None:
            if parent in seen:
                raise CatalogueValidationError(f"{entry_id}.parent", "boucle de parents")
            seen.add(parent)
            parent = entries.get(parent, {}).get("parent")


def _known_contact(value: Any, contact_ids: set[str], where: str) -> str | None:
    if value is None:
        return None
    if value not in contact_ids:
        raise CatalogueValidationError(f"{where}.contact", f"contact inconnu « {value} »")
    return str(value)


def check_organisation(
    raw: dict[str, Any], vocab: Vocabularies, contact_ids: set[str]
) -> dict[str, Any]:
    where = "federation"
    record: dict[str, Any] = {
        key: _text(raw, key, where, required=key == "name") or ""
        for key in (
            "name",
            "full_name",
            "address",
            "postal_code",
            "commune",
            "summary",
            "description",
        )
    }
    record.update(
        phone=_phone(raw, where),
        email=_email(raw, where),
        funding=_text(raw, "funding", where),
        sectors=_slug_list(raw, "sectors", where, vocab.sectors),
        partners=[str(p) for p in raw.get("partners", [])],
        partnership_contacts=_slug_list(
            raw, "partnership_contacts", where, dict.fromkeys(contact_ids)
        ),
        contact=_known_contact(raw.get("contact"), contact_ids, where),
    )
    record["id"] = check_id(raw.get("id"), where)
    return record


def parse_catalogue(raw: dict[str, Any], vocab: Vocabularies | None = None) -> CatalogueData:
    vocab = vocab or load_vocabularies()
    contacts: dict[str, dict[str, Any]] = {}
    for index, contact in enumerate(raw.get("contacts", [])):
        contact_id = check_id(contact.get("id"), f"contacts[{index}]")
        if contact_id in contacts:
            raise CatalogueValidationError(f"contacts[{index}].id", f"« {contact_id} » en double")
        contacts[contact_id] = check_contact(contact, contact_id)
    entries: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(raw.get("entries", [])):
        entry_id = check_id(entry.get("id"), f"entries[{index}]")
        if entry_id in entries:
            raise CatalogueValidationError(f"entries[{index}].id", f"« {entry_id} » en double")
        entries[entry_id] = check_entry(entry, entry_id, vocab, set(contacts))
    check_parents(entries, set(entries))
    return CatalogueData(
        version=str(raw.get("catalogue_version", "")),
        organisation=check_organisation(raw.get("federation", {}), vocab, set(contacts)),
        contacts=contacts,
        entries=entries,
    )


def load_shipped_catalogue() -> CatalogueData:
    with shipped_file("resources", "catalogue", "acsrv.toml").open("rb") as stream:
        return parse_catalogue(tomllib.load(stream))
