"""Exchange of the catalogue as data·inclusion v1 JSON (structures and services).

The export writes records that validate against data·inclusion's official v1 models (the tests
check each one with the ``data-inclusion-schema`` package); ``v1`` maps our fields onto theirs
(one ``description``, sub-themes only, ``tous-publics`` alone, ``date_maj`` a date,
``horaires_accueil`` in OpenStreetMap's syntax, ``zone_eligibilite``…). What the schema has no
field for (eligibility as data, parent entry, contact list, the summary, the address and the
hours exactly as typed) travels in an ``x_acsrv`` object, which other platforms ignore. The
import reads v1 files (and those of the earlier schema: ``presentation_resume``, ``profils``,
``justificatifs``) and checks the whole file before changing anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from acsrv_desktop import __version__
from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.catalogue import v1
from acsrv_desktop.core.catalogue.records import (
    SLUG,
    CatalogueValidationError,
    check_contact,
    check_entry,
    check_id,
    check_parents,
    check_theme_synonyms,
)
from acsrv_desktop.core.catalogue.service import CatalogueService, EntryView
from acsrv_desktop.core.catalogue.store import (
    apply_entry_record,
    bump_revision,
    edited_theme_synonyms,
    entry_record,
    store_theme_synonyms,
)
from acsrv_desktop.core.catalogue.vocabularies import Vocabularies
from acsrv_desktop.core.models import Contact, Programme
from acsrv_desktop.core.text import SLUG_CHARS, fold, format_phone

SOURCE = "acsrv-desktop"
# "34 avenue de Condé, 59300 Valenciennes": the street part, the postal code, the commune.
POSTAL_ADDRESS = re.compile(r"^(?:(?P<street>.*?),?\s+)?(?P<code>\d{5})\s+(?P<commune>[^,\d]+)$")
MAX_IMPORT_BYTES = 20_000_000


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"Import terminé : {len(self.added)} fiche(s) ajoutée(s), "
            f"{len(self.updated)} mise(s) à jour, {len(self.contacts)} contact(s) enregistré(s)."
        )


class CatalogueImportError(CatalogueValidationError):
    """A file refused on import; nothing was changed."""


def export_catalogue(service: CatalogueService, *, include_inactive: bool = True) -> dict[str, Any]:
    """The catalogue as data·inclusion v1 structures and services (``v1`` maps the fields)."""
    federation = service.federation()
    entries = service.entries(include_inactive=include_inactive)
    contacts = service.contacts(include_inactive=True)
    structure_id = "acsrv"
    structure: dict[str, Any] = {
        "id": structure_id,
        "source": SOURCE,
        "date_maj": v1.record_date(federation.updated_at if federation else None).isoformat(),
        "nom": federation.full_name or federation.name if federation else "ACSRV",
        "description": (federation.description or None) if federation else None,
        "adresse": federation.address if federation else None,
        "code_postal": federation.postal_code if federation else None,
        "commune": federation.commune if federation else None,
        "telephone": federation.phone if federation else None,
        "courriel": federation.email if federation else None,
        "reseaux_porteurs": list(service.vocab.exchange.reseaux_porteurs) or None,
        "x_acsrv": {
            "sigle": federation.name if federation else "ACSRV",
            "secteurs": list(federation.sectors) if federation else [],
            "financement": federation.funding if federation else None,
            "contacts": [
                {
                    "id": c.id,
                    "nom": c.name,
                    "role": c.role,
                    "telephone": c.phone,
                    "courriel": c.email,
                    "actif": c.active,
                }
                for c in contacts
            ],
        },
    }
    edited_words = service.edited_theme_words()
    if edited_words:  # the everyday words of thématiques edited in Administration
        structure["x_acsrv"]["synonymes_thematiques"] = edited_words
    return {
        "generateur": f"acsrv-desktop {__version__}",
        "structures": [structure],
        "services": [_export_service(entry, structure_id, service.vocab) for entry in entries],
    }


def _export_service(entry: EntryView, structure_id: str, vocab: Vocabularies) -> dict[str, Any]:
    first = entry.contacts[0] if entry.contacts else None
    description, whole = v1.export_description(
        entry.summary, entry.description, f"{entry.kind_label} {entry.name}"
    )
    hours_v1 = v1.is_opening_hours(entry.opening_hours)
    place = split_address(entry.address)
    extra: dict[str, Any] = {
        "type": entry.kind,
        "parent": entry.parent_id,
        "resume": entry.summary,
        "mots_cles": list(entry.keywords),
        "synonymes": list(entry.synonyms),
        "eligibilite": entry.eligibility,
        "infos_pratiques": entry.practical,
        "financement": entry.funding,
        "adresse_lieu": entry.address,
        "contacts": [c.id for c in entry.contacts],
        "actif": entry.active,
    }
    if entry.opening_hours and not hours_v1:
        extra["horaires"] = entry.opening_hours  # as typed for the slip, not in OSM syntax
    if whole is not None:
        extra["description"] = whole  # longer than v1 allows
    return {
        "id": entry.id,
        "structure_id": structure_id,
        "source": SOURCE,
        "date_maj": v1.record_date(entry.updated_at).isoformat(),
        "nom": entry.name,
        "description": description,
        "thematiques": v1.export_thematiques(entry.thematiques, vocab),
        "publics": v1.export_publics(entry.publics),
        "publics_precisions": entry.eligibility.get("note"),
        "conditions_acces": entry.documents,
        "telephone": first.phone if first else None,
        "courriel": first.email if first else None,
        "contact_nom_prenom": first.name if first else None,
        **place,
        "modes_accueil": list(vocab.exchange.modes_accueil) or None,
        "zone_eligibilite": list(vocab.exchange.zone_eligibilite) or None,
        "modes_mobilisation": v1.modes_mobilisation(
            first.phone if first else None, first.email if first else None, entry.address
        )
        or None,
        "mobilisable_par": list(vocab.exchange.mobilisable_par) or None,
        "horaires_accueil": entry.opening_hours if hours_v1 else None,
        "x_acsrv": extra,
    }


# Our record fields named as in the file, for the messages of a refused import.
FILE_FIELDS = {
    "opening_hours": "horaires_accueil",
    "address": "adresse",
    "documents": "conditions_acces",
}


def split_address(address: str | None) -> dict[str, str | None]:
    """data·inclusion's place fields from one line of address (the street alone if no code)."""
    if not address:
        return {"adresse": None, "code_postal": None, "commune": None}
    match = POSTAL_ADDRESS.match(address)
    if match is None:
        return {"adresse": address, "code_postal": None, "commune": None}
    return {
        "adresse": match["street"] or None,
        "code_postal": match["code"],
        "commune": match["commune"].strip(),
    }


def join_address(raw: dict[str, Any]) -> str | None:
    """One line of address from data·inclusion's place fields (another platform's file)."""
    parts = [raw.get("adresse"), raw.get("complement_adresse")]
    town = " ".join(str(p) for p in (raw.get("code_postal"), raw.get("commune")) if p)
    texts = [str(p).strip() for p in (*parts, town) if p and str(p).strip()]
    return ", ".join(texts) or None


def _documents(raw: dict[str, Any]) -> Any:
    """v1 ``conditions_acces``; files of the earlier schema list ``justificatifs``."""
    if raw.get("conditions_acces") is not None:
        return raw["conditions_acces"]
    earlier = raw.get("justificatifs")
    if isinstance(earlier, list):
        return "\n".join(str(item) for item in earlier) or None
    return earlier


def _texts(raw: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """The summary and the description: v1 has one ``description`` (our summary travels in
    ``x_acsrv``); files of the earlier schema had ``presentation_resume``/``_detail``."""
    if "description" not in raw:
        return {
            "summary": raw.get("presentation_resume"),
            "description": raw.get("presentation_detail"),
        }
    description = extra.get("description", raw["description"])  # whole, when v1's was cut
    if "resume" not in extra:
        text = description if isinstance(description, str) else ""
        return {"summary": v1.summary_from(text), "description": description}
    summary = extra["resume"]
    # Exported as the description when an entry had none: none again.
    return {"summary": summary, "description": "" if description == summary else description}


def _practical(raw: dict[str, Any]) -> str | None:
    """Another platform's fees and how to reach the service, as our practical information."""
    fees = {"gratuit": "Gratuit", "payant": "Payant"}.get(str(raw.get("frais")))
    parts = [fees, raw.get("frais_precisions"), raw.get("mobilisation_precisions")]
    texts = [str(p).strip() for p in parts if p and str(p).strip()]
    return "\n".join(texts) or None


def _foreign_eligibility(raw: dict[str, Any]) -> dict[str, Any] | None:
    """Another platform's words on the publics, as the note of the eligibility."""
    note = raw.get("publics_precisions")
    return {"note": note} if isinstance(note, str) and note.strip() else None


def _thematiques(value: Any, service: CatalogueService) -> Any:
    """v1 sub-themes, with a whole category's as the category; anything else is left for the
    entry's validation to refuse."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return v1.import_thematiques(value, service.vocab)
    return value if value is not None else []


def export_json(service: CatalogueService) -> str:
    return json.dumps(export_catalogue(service), ensure_ascii=False, indent=2) + "\n"


# --- import --------------------------------------------------------------------------------------


def _line_of(text: str, needle: str) -> int | None:
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def _refuse(text: str, where: str, reason: str, anchor: str | None = None) -> CatalogueImportError:
    line = _line_of(text, json.dumps(anchor, ensure_ascii=False)) if anchor else None
    return CatalogueImportError(f"ligne {line}, {where}" if line else where, reason)


def _parse(text: str) -> dict[str, Any]:
    if len(text.encode("utf-8", errors="replace")) > MAX_IMPORT_BYTES:
        raise CatalogueImportError("fichier", "trop volumineux (20 Mo au plus)")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueImportError(
            f"ligne {exc.lineno}, colonne {exc.colno}", f"JSON invalide ({exc.msg})"
        ) from exc
    except RecursionError as exc:
        raise CatalogueImportError("fichier", "structure JSON trop imbriquée") from exc
    if not isinstance(document, dict) or not isinstance(document.get("services"), list):
        raise CatalogueImportError("fichier", "un objet avec une liste « services » est attendu")
    if not isinstance(document.get("structures", []), list):
        raise CatalogueImportError("structures", "une liste est attendue")
    return document


def _object(value: Any, where: str, text: str) -> dict[str, Any]:
    """``x_acsrv`` and the like: an object, or absent."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _refuse(text, where, "un objet est attendu")
    return value


def _list(value: Any, where: str, text: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _refuse(text, where, "une liste est attendue")
    return value


def _imported_contacts(document: dict[str, Any], text: str) -> dict[str, dict[str, Any]]:
    contacts: dict[str, dict[str, Any]] = {}
    for s_index, structure in enumerate(document.get("structures") or []):
        where = f"structures[{s_index}]"
        extra = _object(_object(structure, where, text).get("x_acsrv"), f"{where}.x_acsrv", text)
        listed = _list(extra.get("contacts"), f"{where}.x_acsrv.contacts", text)
        for c_index, raw in enumerate(listed):
            place = f"{where}.x_acsrv.contacts[{c_index}]"
            raw = _object(raw, place, text)
            try:
                contact_id = check_id(raw.get("id"), place)
                record = check_contact(
                    {
                        "name": raw.get("nom"),
                        "role": raw.get("role"),
                        "phone": raw.get("telephone"),
                        "email": raw.get("courriel"),
                    },
                    place,
                )
            except CatalogueValidationError as exc:
                raise _refuse(text, exc.where, exc.reason, raw.get("id")) from exc
            contacts[contact_id] = record | {"active": raw.get("actif", True) is not False}
    return contacts


def _imported_theme_words(
    document: dict[str, Any], text: str, vocab: Vocabularies
) -> dict[str, list[str]]:
    """The thématiques' everyday words a structure carries (``x_acsrv``, as exported)."""
    words: dict[str, list[str]] = {}
    for s_index, structure in enumerate(document.get("structures") or []):
        where = f"structures[{s_index}].x_acsrv"
        extra = _object(_object(structure, where, text).get("x_acsrv"), where, text)
        if "synonymes_thematiques" not in extra:
            continue
        try:
            words.update(
                check_theme_synonyms(
                    extra["synonymes_thematiques"], vocab, f"{where}.synonymes_thematiques"
                )
            )
        except CatalogueValidationError as exc:
            raise _refuse(text, exc.where, exc.reason, "synonymes_thematiques") from exc
    return words


def _local_id(value: Any) -> Any:
    """Our identifier for a service: its own when it is one of ours; another platform's
    (« dora--AidantsConnect:2024-47BXY ») in lower case, other characters as single dashes."""
    if not isinstance(value, str) or _is_slug(value):
        return value
    return "-".join("".join(c if c in SLUG_CHARS else " " for c in fold(value)).split())[:80]


def _is_slug(value: str) -> bool:
    return bool(SLUG.match(value)) and len(value) <= 80


def _service_record(
    raw: Any, index: int, text: str, service: CatalogueService, contacts: dict[str, dict[str, Any]]
) -> tuple[str, dict[str, Any]]:
    where = f"services[{index}]"
    raw = _object(raw, where, text)
    try:
        entry_id = check_id(_local_id(raw.get("id")), where)
    except CatalogueValidationError as exc:
        raise _refuse(text, exc.where, exc.reason) from exc
    extra = _object(raw.get("x_acsrv"), f"{where}.x_acsrv", text)
    contact_ids = _list(extra.get("contacts"), f"{where}.x_acsrv.contacts", text)
    if not contact_ids and raw.get("contact_nom_prenom"):
        # A service from another platform: its contact becomes one of ours.
        synthetic = f"contact-{entry_id}"[:80]
        contacts[synthetic] = check_contact(
            {
                "name": raw.get("contact_nom_prenom"),
                "phone": raw.get("telephone"),
                "email": raw.get("courriel"),
            },
            f"{where}.contact",
        )
        contact_ids = [synthetic]
    record_input = {
        "kind": extra.get("type", "service"),
        "parent": extra.get("parent"),
        "name": raw.get("nom"),
        **_texts(raw, extra),
        "practical": extra.get("infos_pratiques") if extra else _practical(raw),
        # v1's opening_hours syntax, or our hours as typed for the slip.
        "opening_hours": raw.get("horaires_accueil")
        or extra.get("horaires")
        or raw.get("recurrence"),
        # Our own files carry the address as typed; another platform's, in parts.
        "address": extra.get("adresse_lieu") if "adresse_lieu" in extra else join_address(raw),
        "documents": _documents(raw),
        "funding": extra.get("financement"),
        "thematiques": _thematiques(raw.get("thematiques"), service),
        # data·inclusion v1 says "publics"; files of the earlier schema say "profils".
        "publics": raw.get("publics") or raw.get("profils") or [],
        "keywords": extra.get("mots_cles") or [],
        "synonyms": extra.get("synonymes") or [],
        "eligibility": extra["eligibilite"]
        if "eligibilite" in extra
        else _foreign_eligibility(raw),
        "contacts": contact_ids,
    }
    try:
        record = check_entry(record_input, entry_id, service.vocab, set(contacts))
        record["active"] = extra.get("actif", True) is not False
        record["updated_at"] = v1.imported_moment(raw.get("date_maj"))
        return entry_id, record
    except CatalogueValidationError as exc:
        field_name = exc.where.split(".", 1)[1] if "." in exc.where else exc.where
        field_name = FILE_FIELDS.get(field_name, field_name)
        file_id = raw["id"]  # as in the file, for the message and its line
        raise _refuse(
            text, f"{where} (« {file_id} ») champ {field_name}", exc.reason, file_id
        ) from exc


def import_json(service: CatalogueService, text: str) -> ImportReport:
    """Import a data·inclusion file: all of it, or nothing (``CatalogueImportError``)."""
    service.editor()  # refused before reading anything when the role may not edit
    document = _parse(text)
    with service.db.read() as session:
        known_contacts: dict[str, dict[str, Any]] = {
            c.id: {} for c in session.scalars(select(Contact))
        }
        existing = dict(session.execute(select(Programme.id, Programme.parent_id)).all())
    contacts = {**known_contacts, **_imported_contacts(document, text)}
    theme_words = _imported_theme_words(document, text, service.vocab)
    records: dict[str, dict[str, Any]] = {}
    for index, raw in enumerate(document["services"]):
        entry_id, record = _service_record(raw, index, text, service, contacts)
        if entry_id in records:
            file_id = raw["id"]
            raise _refuse(text, f"services[{index}].id", f"« {file_id} » en double", file_id)
        records[entry_id] = record
    parents = {k: {"parent": v} for k, v in existing.items()}
    parents.update({k: {"parent": r["parent"]} for k, r in records.items()})
    try:
        check_parents(parents, set(parents))
    except CatalogueValidationError as exc:
        raise _refuse(text, exc.where, exc.reason, exc.where.split(".")[0]) from exc
    return _write(service, records, {k: v for k, v in contacts.items() if v}, theme_words)


def _write(
    service: CatalogueService,
    records: dict[str, dict[str, Any]],
    contacts: dict[str, dict[str, Any]],
    theme_words: dict[str, list[str]] | None = None,
) -> ImportReport:
    report = ImportReport()
    with service.db.write() as session:
        if theme_words:  # in the same transaction: the file's words with its entries, or none
            store_theme_synonyms(session, {**edited_theme_synonyms(session), **theme_words})
        for contact_id, record in contacts.items():
            row = session.get(Contact, contact_id)
            if row is None:
                row = Contact(id=contact_id, active=True, shipped=None)
                session.add(row)
            elif {k: getattr(row, k) for k in record} == record:
                continue  # unchanged
            for name, value in record.items():
                setattr(row, name, format_phone(value) if name == "phone" and value else value)
            report.contacts.append(contact_id)
        session.flush()
        position = (
            session.scalar(select(Programme.position).order_by(Programme.position.desc())) or 0
        )
        # Parents before children, so that every foreign key holds when it is written.
        for entry_id in _parents_first(records):
            entry = session.get(Programme, entry_id)
            if entry is None:
                position += 1
                entry = Programme(id=entry_id, position=position, active=True, shipped=None)
                session.add(entry)
                report.added.append(entry_id)
            record = dict(records[entry_id])
            active = record.pop("active", True)
            changed_at = record.pop("updated_at", None)
            added = entry_id in report.added
            changed = entry.active != active or (not added and entry_record(entry) != record)
            if changed:
                report.updated.append(entry_id)
            apply_entry_record(entry, record, tuple(record))
            entry.active = active
            if changed_at is not None and (added or changed):
                # The producer's date of its last change (data·inclusion's date_maj), so that
                # the entry exports as it came.
                entry.updated_at = changed_at
            session.flush()
        bump_revision(session)
        audit.record(
            session,
            service.editor(),
            "catalogue-importe",
            ajoutees=len(report.added),
            modifiees=len(report.updated),
            contacts=len(report.contacts),
        )
    service.refresh()
    return report


def _parents_first(records: dict[str, dict[str, Any]]) -> list[str]:
    ordered: list[str] = []

    def visit(entry_id: str) -> None:
        if entry_id in ordered or entry_id not in records:
            return
        parent = records[entry_id]["parent"]
        if parent:
            visit(parent)
        ordered.append(entry_id)

    for entry_id in records:
        visit(entry_id)
    return ordered
