"""Reading and writing catalogue records in the database, and merging the shipped catalogue.

The merge is three-way, field by field: a field whose value is still the previously shipped
one takes the new shipped value; a field a coordinator changed keeps the coordinator's value.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session, object_session

from acsrv_desktop.core.catalogue.records import (
    CONTACT_FIELDS,
    ENTRY_FIELDS,
    ORGANISATION_FIELDS,
    CatalogueData,
)
from acsrv_desktop.core.models import AppSetting, Contact, Organisation, Programme, ProgrammeContact

log = logging.getLogger(__name__)

CATALOGUE_VERSION_KEY = "catalogue.shipped_version"
CATALOGUE_REVISION_KEY = "catalogue.revision"


@dataclass
class MergeReport:
    version: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)  # "id.field" a coordinator had changed
    withdrawn: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"Catalogue {self.version} : {len(self.added)} fiche(s) ajoutée(s)"]
        parts.append(f"{len(self.updated)} mise(s) à jour")
        if self.kept_local:
            parts.append(f"{len(self.kept_local)} modification(s) locale(s) conservée(s)")
        if self.withdrawn:
            parts.append(f"{len(self.withdrawn)} fiche(s) retirée(s)")
        return ", ".join(parts) + "."


# --- records <-> rows --------------------------------------------------------------------------


def entry_record(row: Programme) -> dict[str, Any]:
    return {
        "parent": row.parent_id,
        "kind": row.kind,
        "name": row.name,
        "summary": row.summary,
        "description": row.description,
        "practical": row.practical,
        "opening_hours": row.opening_hours,
        "address": row.address,
        "documents": row.documents,
        "funding": row.funding,
        "thematiques": list(row.thematiques),
        "publics": list(row.publics),
        "keywords": list(row.keywords),
        "synonyms": list(row.synonyms),
        "eligibility": dict(row.eligibility),
        "contacts": [link.contact_id for link in row.contact_links],
    }


def apply_entry_record(row: Programme, record: dict[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        value = record[name]
        if name == "parent":
            row.parent_id = value
        elif name == "contacts":
            _replace_contacts(row, list(value))
        else:
            setattr(row, name, value)


def _replace_contacts(row: Programme, contact_ids: list[str]) -> None:
    """A programme's contacts, in order. On the server, a programme already stored has them
    replaced by the owner's function: no login holds DELETE on ``programme_contact`` (it
    would let it LOCK the table, which every desk reads)."""
    session = object_session(row)
    stored = inspect(row).has_identity  # persistent, or detached: the row exists in the base
    if stored and session is None:
        # Its links replaced here would be merged later as new rows beside the stored ones.
        raise ValueError(f"programme {row.id!r} détaché de sa session : contacts non remplacés")
    if session is None or not stored or session.get_bind().dialect.name != "postgresql":
        row.contact_links = [
            ProgrammeContact(contact_id=contact_id, position=index)
            for index, contact_id in enumerate(contact_ids)
        ]
        return
    if [link.contact_id for link in row.contact_links] == contact_ids:
        return
    session.flush()  # the contacts added in this transaction first
    session.execute(
        text("SELECT acsrv_replace_programme_contacts(:programme, :contacts)"),
        {"programme": row.id, "contacts": contact_ids},
    )
    session.expire(row, ["contact_links"])


def contact_record(row: Contact) -> dict[str, Any]:
    return {name: getattr(row, name) for name in CONTACT_FIELDS}


def organisation_record(row: Organisation) -> dict[str, Any]:
    record = {name: getattr(row, name) for name in ORGANISATION_FIELDS if name != "contact"}
    record["contact"] = row.contact_id
    return record


def _apply_organisation(row: Organisation, record: dict[str, Any], fields: tuple[str, ...]) -> None:
    for name in fields:
        if name == "contact":
            row.contact_id = record["contact"]
        else:
            setattr(row, name, record[name])


# --- the merge ---------------------------------------------------------------------------------

# Entry fields added after the first shipments, with the value a row shipped before had: a
# recorded shipment without them compares as if it had that value (so it is still "untouched").
LATER_ENTRY_FIELDS: dict[str, Any] = {
    "opening_hours": None,
    "address": None,
    "documents": None,
    "synonyms": [],
}


def _fields_to_update(
    current: dict[str, Any],
    previous: dict[str, Any] | None,
    new: dict[str, Any],
    fields: tuple[str, ...],
    record_id: str,
    report: MergeReport,
) -> tuple[str, ...]:
    if previous is None:  # created here by a coordinator: never overwritten
        report.kept_local.extend(f"{record_id}.{f}" for f in fields if current[f] != new[f])
        return ()
    changed = []
    for name in fields:
        if current[name] == new[name]:
            continue
        if current[name] == previous.get(name, LATER_ENTRY_FIELDS.get(name)):
            changed.append(name)
        else:
            report.kept_local.append(f"{record_id}.{name}")
    return tuple(changed)


def _merge_contacts(session: Session, data: CatalogueData, report: MergeReport) -> None:
    for contact_id, record in data.contacts.items():
        row = session.get(Contact, contact_id)
        if row is None:
            session.add(Contact(id=contact_id, shipped=record, **record))
            report.added.append(contact_id)
            continue
        fields = _fields_to_update(
            contact_record(row), row.shipped, record, CONTACT_FIELDS, contact_id, report
        )
        for name in fields:
            setattr(row, name, record[name])
        if fields:
            report.updated.append(contact_id)
        row.shipped = record
    session.flush()


def _merge_entries(session: Session, data: CatalogueData, report: MergeReport) -> None:
    existing = {row.id: row for row in session.scalars(select(Programme))}
    # Parents first, so that foreign keys hold at every flush.
    for position, (entry_id, record) in enumerate(data.entries.items()):
        row = existing.get(entry_id)
        if row is None:
            row = Programme(id=entry_id, position=position, active=True)
            apply_entry_record(row, record, ENTRY_FIELDS)
            row.shipped = record
            session.add(row)
            session.flush()
            report.added.append(entry_id)
            continue
        fields = _fields_to_update(
            entry_record(row), row.shipped, record, ENTRY_FIELDS, entry_id, report
        )
        apply_entry_record(row, record, fields)
        if fields:
            report.updated.append(entry_id)
        row.shipped = record
    for entry_id, row in existing.items():
        if entry_id not in data.entries and row.shipped is not None and row.active:
            # Untouched here: withdraw it as shipped (fields newer than that shipment: empty).
            if entry_record(row) == dict.fromkeys(ENTRY_FIELDS) | LATER_ENTRY_FIELDS | row.shipped:
                row.active = False
                report.withdrawn.append(entry_id)
            row.shipped = None


def _merge_organisation(session: Session, data: CatalogueData, report: MergeReport) -> None:
    record = data.organisation
    row = session.get(Organisation, record["id"])
    if row is None:
        row = Organisation(id=record["id"])
        _apply_organisation(row, record, ORGANISATION_FIELDS)
        row.shipped = record
        session.add(row)
        report.added.append(record["id"])
        return
    fields = _fields_to_update(
        organisation_record(row), row.shipped, record, ORGANISATION_FIELDS, record["id"], report
    )
    _apply_organisation(row, record, fields)
    row.shipped = record


def shipped_version(session: Session) -> str | None:
    setting = session.get(AppSetting, CATALOGUE_VERSION_KEY)
    return setting.value if setting else None


# The everyday words of thématiques as edited in Administration (those of vocabulaires.toml
# otherwise): {slug: [words]}, the JSON of one shared setting, so that every workstation
# searches with the same words.
THEME_SYNONYMS_KEY = "catalogue.synonymes_thematiques"


def edited_theme_synonyms(session: Session) -> dict[str, list[str]]:
    """The thématiques whose words were edited here, and their words (an empty list: the
    shipped words removed)."""
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == THEME_SYNONYMS_KEY))
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        log.warning("synonymes des thématiques illisibles : ceux du catalogue livré comptent")
        return {}
    if not isinstance(parsed, dict):
        return {}
    return {
        slug: [w for w in words if isinstance(w, str)]
        for slug, words in parsed.items()
        if isinstance(slug, str) and isinstance(words, list)
    }


def store_theme_synonyms(session: Session, edited: dict[str, list[str]]) -> None:
    """Replace the edited words (checked by ``records.check_theme_synonyms``)."""
    value = json.dumps(edited, ensure_ascii=False, sort_keys=True)
    setting = session.get(AppSetting, THEME_SYNONYMS_KEY)
    if setting is None:
        session.add(AppSetting(key=THEME_SYNONYMS_KEY, value=value))
    else:
        setting.value = value


def bump_revision(session: Session) -> None:
    """Mark the catalogue as changed, so that every workstation rebuilds its search index."""
    setting = session.get(AppSetting, CATALOGUE_REVISION_KEY)
    if setting is None:
        session.add(AppSetting(key=CATALOGUE_REVISION_KEY, value="1"))
    else:
        setting.value = str(int(setting.value) + 1)


def revision(session: Session) -> int:
    value = session.scalar(select(AppSetting.value).where(AppSetting.key == CATALOGUE_REVISION_KEY))
    return int(value) if value else 0


def merge_shipped_catalogue(session: Session, data: CatalogueData) -> MergeReport:
    """Bring the shipped catalogue into the database (inside the caller's transaction)."""
    report = MergeReport(data.version)
    _merge_contacts(session, data, report)
    _merge_entries(session, data, report)
    _merge_organisation(session, data, report)
    setting = session.get(AppSetting, CATALOGUE_VERSION_KEY)
    if setting is None:
        session.add(AppSetting(key=CATALOGUE_VERSION_KEY, value=data.version))
    else:
        setting.value = data.version
    bump_revision(session)
    log.info("%s", report.describe())
    return report


def count_entries(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Programme)) or 0
