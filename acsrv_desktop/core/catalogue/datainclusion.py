"""Exchange of the catalogue as data·inclusion-shaped JSON (structures and services).

The export follows the data·inclusion schema's field names (``nom``, ``presentation_resume``,
``thematiques``, ``publics``, ``telephone``, ``courriel``, and from schema v1 ``horaires_accueil``,
``adresse``/``code_postal``/``commune`` for the place and ``conditions_acces`` for the documents to
bring); what the schema has no field for (eligibility as data, parent entry, contact list, the
address exactly as typed) travels in an ``x_acsrv`` object, which other platforms ignore. The
import checks the whole file before changing anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from acsrv_desktop import __version__
from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.catalogue.records import (
    CatalogueValidationError,
    check_contact,
    check_entry,
    check_id,
    check_parents,
)
from acsrv_desktop.core.catalogue.service import CatalogueService
from acsrv_desktop.core.catalogue.store import apply_entry_record, bump_revision, entry_record
from acsrv_desktop.core.clock import utc_now
from acsrv_desktop.core.models import Contact, Programme
from acsrv_desktop.core.text import format_phone

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
    now = utc_now().isoformat(timespec="seconds")
    federation = service.federation()
    entries = service.entries(include_inactive=include_inactive)
    contacts = service.contacts(include_inactive=True)
    structure_id = "acsrv"
    structure: dict[str, Any] = {
        "id": structure_id,
        "source": SOURCE,
        "date_maj": now,
        "typologie": "CS",
        "nom": federation.full_name or federation.name if federation else "ACSRV",
        "adresse": federation.address if federation else None,
        "code_postal": federation.postal_code if federation else None,
        "commune": federation.commune if federation else None,
        "telephone": federation.phone if federation else None,
        "courriel": federation.email if federation else None,
        "thematiques": sorted({t for e in entries for t in e.thematiques}),
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
    services = []
    for entry in entries:
        first = entry.contacts[0] if entry.contacts else None
        services.append(
            {
                "id": entry.id,
                "structure_id": structure_id,
                "source": SOURCE,
                "date_maj": now,
                "nom": entry.name,
                "presentation_resume": entry.summary,
                "presentation_detail": entry.description,
                "thematiques": list(entry.thematiques),
                "publics": list(entry.publics),
                "telephone": first.phone if first else None,
                "courriel": first.email if first else None,
                "contact_nom_prenom": first.name if first else None,
                "zone_diffusion_type": "region",
                "horaires_accueil": entry.opening_hours,
                **split_address(entry.address),
                "conditions_acces": entry.documents,
                "x_acsrv": {
                    "type": entry.kind,
                    "parent": entry.parent_id,
                    "mots_cles": list(entry.keywords),
                    "eligibilite": entry.eligibility,
                    "infos_pratiques": entry.practical,
                    "financement": entry.funding,
                    "adresse_lieu": entry.address,
                    "contacts": [c.id for c in entry.contacts],
                    "actif": entry.active,
                },
            }
        )
    return {
        "generateur": f"acsrv-desktop {__version__}",
        "structures": [structure],
        "services": services,
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


def _service_record(
    raw: Any, index: int, text: str, service: CatalogueService, contacts: dict[str, dict[str, Any]]
) -> tuple[str, dict[str, Any]]:
    where = f"services[{index}]"
    raw = _object(raw, where, text)
    try:
        entry_id = check_id(raw.get("id"), where)
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
        "summary": raw.get("presentation_resume"),
        "description": raw.get("presentation_detail"),
        "practical": extra.get("infos_pratiques"),
        "opening_hours": raw.get("horaires_accueil") or raw.get("recurrence"),
        # Our own files carry the address as typed; another platform's, in parts.
        "address": extra.get("adresse_lieu") if "adresse_lieu" in extra else join_address(raw),
        "documents": _documents(raw),
        "funding": extra.get("financement"),
        "thematiques": raw.get("thematiques") or [],
        # data·inclusion v1 says "publics"; files of the earlier schema say "profils".
        "publics": raw.get("publics") or raw.get("profils") or [],
        "keywords": extra.get("mots_cles") or [],
        "eligibility": extra.get("eligibilite"),
        "contacts": contact_ids,
    }
    try:
        record = check_entry(record_input, entry_id, service.vocab, set(contacts))
        record["active"] = extra.get("actif", True) is not False
        return entry_id, record
    except CatalogueValidationError as exc:
        field_name = exc.where.split(".", 1)[1] if "." in exc.where else exc.where
        field_name = FILE_FIELDS.get(field_name, field_name)
        raise _refuse(
            text, f"{where} (« {entry_id} ») champ {field_name}", exc.reason, entry_id
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
    records: dict[str, dict[str, Any]] = {}
    for index, raw in enumerate(document["services"]):
        entry_id, record = _service_record(raw, index, text, service, contacts)
        if entry_id in records:
            raise _refuse(text, f"services[{index}].id", f"« {entry_id} » en double", entry_id)
        records[entry_id] = record
    parents = {k: {"parent": v} for k, v in existing.items()}
    parents.update({k: {"parent": r["parent"]} for k, r in records.items()})
    try:
        check_parents(parents, set(parents))
    except CatalogueValidationError as exc:
        raise _refuse(text, exc.where, exc.reason, exc.where.split(".")[0]) from exc
    return _write(service, records, {k: v for k, v in contacts.items() if v})


def _write(
    service: CatalogueService,
    records: dict[str, dict[str, Any]],
    contacts: dict[str, dict[str, Any]],
) -> ImportReport:
    report = ImportReport()
    with service.db.write() as session:
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
            if entry.active != active or (
                entry_id not in report.added and entry_record(entry) != record
            ):
                report.updated.append(entry_id)
            apply_entry_record(entry, record, tuple(record))
            entry.active = active
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
