"""The catalogue service: what the GUI and the CLI ask of the catalogue.

Hands out plain, immutable views (never ORM objects); one short session per call.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from acsrv_desktop.core.accounts import audit
from acsrv_desktop.core.accounts.roles import AccessDeniedError, Actor, Permission
from acsrv_desktop.core.catalogue.eligibility import describe_eligibility
from acsrv_desktop.core.catalogue.records import (
    CatalogueValidationError,
    check_contact,
    check_entry,
    check_parents,
    check_theme_synonyms,
)
from acsrv_desktop.core.catalogue.search import CatalogueIndex, SearchDocument
from acsrv_desktop.core.catalogue.store import (
    THEME_SYNONYMS_KEY,
    apply_entry_record,
    bump_revision,
    edited_theme_synonyms,
    entry_record,
    revision,
    store_theme_synonyms,
)
from acsrv_desktop.core.catalogue.vocabularies import KINDS, Vocabularies, load_vocabularies
from acsrv_desktop.core.database import Database
from acsrv_desktop.core.models import (
    AppSetting,
    Contact,
    Organisation,
    Programme,
    ProgrammeContact,
)
from acsrv_desktop.core.text import SLUG_CHARS, fold

# How often a long-lived service checks whether another workstation changed the catalogue.
REVISION_CHECK_SECONDS = 5.0


@dataclass(frozen=True)
class ContactView:
    id: str
    name: str
    role: str | None
    phone: str | None
    email: str | None
    active: bool = True


@dataclass(frozen=True)
class FederationView:
    name: str
    full_name: str
    address: str
    postal_code: str
    commune: str
    phone: str | None
    email: str | None
    sectors: tuple[str, ...]
    funding: str | None
    contact: ContactView | None
    partnership_contacts: tuple[ContactView, ...]
    description: str = ""
    updated_at: datetime | None = None

    @property
    def postal_address(self) -> str:
        return f"{self.address}, {self.postal_code} {self.commune}"


@dataclass(frozen=True)
class EntryView:
    id: str
    kind: str
    name: str
    summary: str
    description: str
    practical: str | None
    funding: str | None
    thematiques: tuple[str, ...]
    publics: tuple[str, ...]
    keywords: tuple[str, ...]
    eligibility: dict[str, Any]
    active: bool
    parent_id: str | None
    parent_name: str | None
    children: tuple[tuple[str, str], ...]
    contacts: tuple[ContactView, ...]
    position: int = 0
    opening_hours: str | None = None
    address: str | None = None
    documents: str | None = None
    updated_at: datetime | None = None
    synonyms: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def eligibility_lines(self, vocab: Vocabularies | None = None) -> list[str]:
        return describe_eligibility(self.eligibility, vocab or load_vocabularies())


@dataclass(frozen=True)
class SearchResult:
    entry: EntryView
    score: float
    contact: ContactView | None  # the first contact: the one to hand over

    def as_json(self) -> dict[str, Any]:
        contact = self.contact
        return {
            "id": self.entry.id,
            "name": self.entry.name,
            "kind": self.entry.kind,
            "score": self.score,
            "summary": self.entry.summary,
            "contact": {
                "name": contact.name if contact else None,
                "role": contact.role if contact else None,
                "phone": contact.phone if contact else None,
                "email": contact.email if contact else None,
            },
        }


def _contact_view(row: Contact) -> ContactView:
    return ContactView(row.id, row.name, row.role, row.phone, row.email, row.active)


def _federation_contact(session: Session) -> ContactView | None:
    """The federation's own contact: whom to call when an entry has no active contact."""
    organisation = session.scalars(select(Organisation)).first()
    contact = (
        session.get(Contact, organisation.contact_id)
        if organisation and organisation.contact_id
        else None
    )
    return _contact_view(contact) if contact is not None and contact.active else None


def _load_rows(session: Session, include_inactive: bool) -> list[Programme]:
    statement = (
        select(Programme)
        .options(selectinload(Programme.contact_links).selectinload(ProgrammeContact.contact))
        .order_by(Programme.position, Programme.name)
    )
    if not include_inactive:
        statement = statement.where(Programme.active.is_(True))
    return list(session.scalars(statement))


def _views(
    rows: list[Programme], all_names: dict[str, str], fallback: ContactView | None = None
) -> list[EntryView]:
    """Views of the entries; only active contacts are handed over (else the federation's)."""
    children: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        if row.parent_id and row.active:
            children.setdefault(row.parent_id, []).append((row.id, row.name))
    return [
        EntryView(
            id=row.id,
            kind=row.kind,
            name=row.name,
            summary=row.summary,
            description=row.description,
            practical=row.practical,
            funding=row.funding,
            thematiques=tuple(row.thematiques),
            publics=tuple(row.publics),
            keywords=tuple(row.keywords),
            eligibility=dict(row.eligibility),
            active=row.active,
            parent_id=row.parent_id,
            parent_name=all_names.get(row.parent_id or ""),
            children=tuple(children.get(row.id, ())),
            contacts=tuple(
                _contact_view(link.contact) for link in row.contact_links if link.contact.active
            )
            or ((fallback,) if fallback else ()),
            position=row.position,
            opening_hours=row.opening_hours,
            address=row.address,
            documents=row.documents,
            updated_at=row.updated_at,
            synonyms=tuple(row.synonyms),
        )
        for row in rows
    ]


def search_document(
    entry: EntryView, vocab: Vocabularies, federation_sectors: tuple[str, ...]
) -> SearchDocument:
    contacts = " ".join(
        f"{c.name} {c.role or ''} {c.email or ''} {(c.phone or '').replace(' ', '')}"
        for c in entry.contacts
    )
    themes = " ".join(vocab.thematique_label(t) for t in entry.thematiques)
    # The everyday words of its thématiques (« permis » for mobilité) count as themes.
    themes = " ".join([themes, *vocab.synonyms_of(entry.thematiques)])
    publics = " ".join(vocab.publics.get(p, p) for p in entry.publics)
    return SearchDocument(
        id=entry.id,
        fields={
            "name": entry.name,
            "keywords": " ".join(entry.keywords),
            "synonyms": " ".join(entry.synonyms),
            "contacts": contacts,
            "parent": entry.parent_name or "",
            "themes": themes,
            "publics": publics,
            "summary": entry.summary,
            "description": f"{entry.description} {entry.practical or ''} "
            f"{entry.address or ''} {entry.eligibility.get('note', '')}",
        },
        themes=frozenset(entry.thematiques),
        publics=frozenset(entry.publics),
        sectors=frozenset(entry.eligibility.get("sectors") or federation_sectors),
        position=entry.position,
    )


@dataclass(frozen=True)
class CatalogueSnapshot:
    """The active entries and their search index, as read at one revision of the catalogue.

    Immutable: a screen keeps the one it was handed and reads it (routing, the search of a
    name) without a query, on its GUI thread; ``CatalogueService.snapshot()``, called in the
    background, hands a new one when the catalogue changed.
    """

    revision: int
    entries: dict[str, EntryView]  # by id, in the catalogue's order
    index: CatalogueIndex
    vocab: Vocabularies

    def active_entries(self) -> list[EntryView]:
        return list(self.entries.values())

    def search(
        self,
        query: str,
        *,
        theme: str | None = None,
        public: str | None = None,
        sector: str | None = None,
        limit: int | None = None,
    ) -> list[SearchResult]:
        if theme:
            theme = self.vocab.canonical_thematique(theme) or theme
        hits = self.index.search(query, theme=theme, public=public, sector=sector, limit=limit)
        return [self._result(self.entries[h.id], h.score) for h in hits]

    @staticmethod
    def _result(entry: EntryView, score: float) -> SearchResult:
        return SearchResult(entry, score, entry.contacts[0] if entry.contacts else None)


# A catalogue record that can be (de)activated.
_Record = TypeVar("_Record", Programme, Contact)


@dataclass
class CatalogueService:
    """Reading the catalogue is open to every role; editing it needs an ``actor`` allowed to."""

    db: Database
    actor: Actor | None = None
    vocab: Vocabularies = field(default_factory=load_vocabularies)
    _snapshot: CatalogueSnapshot | None = None  # None: to be read (first use, or edited here)
    _checked_at: float = 0.0  # time.monotonic() of the last revision check

    # -- reading ------------------------------------------------------------------------------

    def entries(self, *, include_inactive: bool = False) -> list[EntryView]:
        with self.db.read() as session:
            rows = _load_rows(session, include_inactive=True)
            names = {row.id: row.name for row in rows}
            views = _views(rows, names, _federation_contact(session))
        return [v for v in views if include_inactive or v.active]

    def active_entries(self) -> list[EntryView]:
        """The active entries, from the search index's copy (read again only when the
        catalogue's revision changes)."""
        return self.snapshot().active_entries()

    def entry(self, entry_id: str) -> EntryView | None:
        return next((e for e in self.entries(include_inactive=True) if e.id == entry_id), None)

    def contacts(self, *, include_inactive: bool = False) -> list[ContactView]:
        with self.db.read() as session:
            rows = session.scalars(select(Contact).order_by(Contact.name))
            return [_contact_view(r) for r in rows if include_inactive or r.active]

    def federation(self) -> FederationView | None:
        with self.db.read() as session:
            row = session.scalars(select(Organisation)).first()
            if row is None:
                return None
            contacts = {c.id: _contact_view(c) for c in session.scalars(select(Contact))}
            return FederationView(
                name=row.name,
                full_name=row.full_name,
                address=row.address,
                postal_code=row.postal_code,
                commune=row.commune,
                phone=row.phone,
                email=row.email,
                sectors=tuple(row.sectors),
                funding=row.funding,
                contact=contacts.get(row.contact_id or ""),
                partnership_contacts=tuple(
                    contacts[c] for c in row.partnership_contacts if c in contacts
                ),
                description=row.description,
                updated_at=row.updated_at,
            )

    # -- searching ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Rebuild the search index from the database."""
        self._read_snapshot()

    def _read_snapshot(self) -> CatalogueSnapshot:
        with self.db.read() as session:
            current = revision(session)
            rows = _load_rows(session, include_inactive=True)
            names = {row.id: row.name for row in rows}
            views = [v for v in _views(rows, names, _federation_contact(session)) if v.active]
            sectors = tuple(session.scalars(select(Organisation.sectors)).first() or ())
            vocab = self._with_edited_words(session)
        snapshot = CatalogueSnapshot(
            revision=current,
            entries={v.id: v for v in views},
            index=CatalogueIndex.build(search_document(v, vocab, sectors) for v in views),
            vocab=vocab,
        )
        # One assignment: another thread reading meanwhile sees the old snapshot or the new.
        self._snapshot = snapshot
        self._checked_at = time.monotonic()
        return snapshot

    def snapshot(self) -> CatalogueSnapshot:
        """The active entries and their index; the same object while the catalogue is
        unchanged. Whether another workstation changed it is checked at most every
        ``REVISION_CHECK_SECONDS`` (one SELECT): a screen calls this in the background and
        keeps what it returns."""
        snapshot = self._snapshot
        if snapshot is None:
            return self._read_snapshot()
        now = time.monotonic()
        if now - self._checked_at > REVISION_CHECK_SECONDS:
            self._checked_at = now
            with self.db.read() as session:
                if revision(session) != snapshot.revision:
                    return self._read_snapshot()
        return snapshot

    def search(
        self,
        query: str,
        *,
        theme: str | None = None,
        public: str | None = None,
        sector: str | None = None,
        limit: int | None = None,
    ) -> list[SearchResult]:
        return self.snapshot().search(query, theme=theme, public=public, sector=sector, limit=limit)

    def _with_edited_words(self, session: Session) -> Vocabularies:
        edited = edited_theme_synonyms(session)
        if not edited:
            return self.vocab
        words = {**self.vocab.thematique_synonyms}
        words.update({slug: tuple(listed) for slug, listed in edited.items()})
        return replace(self.vocab, thematique_synonyms={k: v for k, v in words.items() if v})

    def theme_synonyms(self) -> dict[str, tuple[str, ...]]:
        """The everyday words of every thématique, as the search uses them (shipped, or as
        edited in Administration), by slug in the vocabulary's order."""
        with self.db.read() as session:
            vocab = self._with_edited_words(session)
        return {slug: vocab.thematique_synonyms.get(slug, ()) for slug in vocab.thematiques}

    def edited_theme_words(self) -> dict[str, list[str]]:
        """Only the thématiques whose words were edited here (the export carries them)."""
        with self.db.read() as session:
            return edited_theme_synonyms(session)

    def save_theme_synonyms(self, words: dict[str, list[str]]) -> int:
        """Set the words of some thématiques (the others keep theirs); a list equal to the
        shipped one goes back to following it. Returns how many thématiques changed."""
        editor = self.editor()
        checked = check_theme_synonyms(words, self.vocab, "synonymes", by_label=True)
        with self.db.write() as session:
            # Two administrators saving at once on the server: one after the other (SQLite's
            # write transactions are one at a time already).
            session.execute(
                select(AppSetting.key).where(AppSetting.key == THEME_SYNONYMS_KEY).with_for_update()
            )
            edited = edited_theme_synonyms(session)
            before = dict(edited)
            for slug, listed in checked.items():
                if listed == list(self.vocab.thematique_synonyms.get(slug, ())):
                    edited.pop(slug, None)
                else:
                    edited[slug] = listed
            changed = sorted(s for s in set(before) | set(edited) if before.get(s) != edited.get(s))
            if not changed:
                return 0
            store_theme_synonyms(session, edited)
            bump_revision(session)
            audit.record(
                session, editor, "catalogue-modifie", "thematiques", None, thematiques=len(changed)
            )
        self._snapshot = None  # read again at the next use
        return len(changed)

    def editor(self) -> Actor:
        """Who edits; refused without an actor allowed to edit the catalogue."""
        if self.actor is None:
            raise AccessDeniedError("Modifier le catalogue demande un compte d’administration.")
        self.actor.require(Permission.CATALOGUE)
        return self.actor

    # -- editing ------------------------------------------------------------------------------

    def save_entry(self, entry_id: str | None, raw: dict[str, Any]) -> str:
        """Create (``entry_id`` None) or update an entry; returns its id.

        ``raw`` has the fields of a catalogue entry; it is validated first, and a
        ``CatalogueValidationError`` leaves the database unchanged.
        """
        editor = self.editor()
        with self.db.write() as session:
            contact_ids = set(session.scalars(select(Contact.id)))
            new_id = entry_id or _free_id(session, Programme, raw.get("name", ""))
            record = check_entry(raw, new_id, self.vocab, contact_ids)
            known = {
                row_id: parent
                for row_id, parent in session.execute(select(Programme.id, Programme.parent_id))
            }
            known[new_id] = record["parent"]
            check_parents({k: {"parent": p} for k, p in known.items()}, set(known))
            row = session.get(Programme, new_id) if entry_id else None
            if entry_id and row is None:
                raise CatalogueValidationError(entry_id, "fiche introuvable")
            if row is None:
                position = (
                    session.scalar(select(Programme.position).order_by(Programme.position.desc()))
                    or 0
                ) + 1
                row = Programme(id=new_id, position=position, active=True, shipped=None)
                session.add(row)
            apply_entry_record(row, record, tuple(record))
            bump_revision(session)
            audit.record(session, editor, "catalogue-modifie", "fiche", new_id)
        self._snapshot = None  # read again at the next use
        return new_id

    def set_entry_active(self, entry_id: str, active: bool) -> None:
        self._set_active(Programme, entry_id, active, "fiche introuvable")

    def _set_active(self, model: type[_Record], record_id: str, active: bool, missing: str) -> None:
        """(De)activate a record: it leaves or re-enters search and routing, nothing is lost."""
        editor = self.editor()
        with self.db.write() as session:
            row = session.get(model, record_id)
            if row is None:
                raise CatalogueValidationError(record_id, missing)
            row.active = active
            bump_revision(session)
            kind = "fiche" if model is Programme else "contact"
            audit.record(session, editor, "catalogue-modifie", kind, record_id, actif=active)
        self._snapshot = None  # read again at the next use

    def save_contact(self, contact_id: str | None, raw: dict[str, Any]) -> str:
        editor = self.editor()
        with self.db.write() as session:
            new_id = contact_id or _free_id(session, Contact, raw.get("name", ""))
            record = check_contact(raw, new_id)
            row = session.get(Contact, new_id) if contact_id else None
            if contact_id and row is None:
                raise CatalogueValidationError(contact_id, "contact introuvable")
            if row is None:
                row = Contact(id=new_id, active=True, shipped=None)
                session.add(row)
            for name, value in record.items():
                setattr(row, name, value)
            bump_revision(session)
            audit.record(session, editor, "catalogue-modifie", "contact", new_id)
        self._snapshot = None  # read again at the next use
        return new_id

    def set_contact_active(self, contact_id: str, active: bool) -> None:
        self._set_active(Contact, contact_id, active, "contact introuvable")

    def raw_entry(self, entry_id: str) -> dict[str, Any] | None:
        """The editable fields of an entry, as a record (for the editing dialog)."""
        with self.db.read() as session:
            row = session.get(Programme, entry_id)
            return entry_record(row) if row else None


def _free_id(session: Session, model: type[Programme] | type[Contact], name: str) -> str:
    base = (
        "-".join(w for w in "".join(c if c in SLUG_CHARS else " " for c in fold(name)).split())[:60]
        or "fiche"
    )
    candidate, number = base, 2
    while session.get(model, candidate) is not None:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
